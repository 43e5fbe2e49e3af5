"""Who said it, part two: surnames that are common words, nationality adjectives, unnamed sources,
possessed speech nouns and transcript labels."""

from __future__ import annotations

from service.extract import DIRECT, extract_quotes


def _direct(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker.name if q.speaker else None) for q in extract_quotes(text) if q.kind == DIRECT]


def test_common_word_used_as_a_surname_is_a_name_on_its_own():
    text = (
        "Conservative columnist George Will wrote on Friday.\n\n"
        "While Will acknowledges Trump’s appeal as a “forceful persona,” he prefers Christie.\n\n"
        "Will the party listen? “We shall see,” Will said."
    )
    assert _direct(text) == [("forceful persona,", "George Will"), ("We shall see,", "George Will")]


def test_modal_will_at_a_sentence_start_stays_a_common_word():
    text = "Will voters care? “Nobody knows,” said Ann Selzer, the pollster."
    assert _direct(text) == [("Nobody knows,", "Ann Selzer")]


def test_party_adjective_before_a_noun_is_not_a_speaker():
    text = "Jessica Mackler, the group’s president, said Republican leaders will have a “day of reckoning.”"
    assert _direct(text) == [("day of reckoning.", "Jessica Mackler")]


def test_unnamed_source_after_inverted_verb_opens_with_one_or_another():
    text = (
        "“If Hillary does win New Hampshire, it will be by a margin as close as Iowa,” said one New "
        "Hampshire Democrat.\n\n“It’s Bernie’s to lose at this point,” added another New Hampshire Democrat."
    )
    assert [speaker for _, speaker in _direct(text)] == ["New Hampshire Democrat", "New Hampshire Democrat"]


def test_possessor_of_a_claim_says_its_content():
    text = "Critics cite Donald Trump's recent assertion that “thousands” of people celebrated in New Jersey."
    assert _direct(text) == [("thousands", "Donald Trump")]


def test_possessor_of_a_slogan_says_it():
    text = "Hillary Clinton’s campaign slogan is “I’m with her.” Now she wants voters to know more."
    assert _direct(text) == [("I’m with her.", "Hillary Clinton")]


def test_speech_noun_after_the_quotation_names_its_possessor():
    text = "Paul Ryan spoke first. Mitt Romney’s “47 percent” comment was nearly as dismissive."
    assert _direct(text) == [("47 percent", "Mitt Romney")]


def test_judgement_of_someones_comments_belongs_to_the_speech_verb_subject():
    text = "Paul Ryan said on Tuesday that Ruth Bader Ginsburg’s comments “show bias to me.”"
    assert _direct(text) == [("show bias to me.", "Paul Ryan")]


def test_later_quotation_after_a_possessed_claim_keeps_the_sentence_speaker():
    text = (
        "Judicial Watch President Tom Fitton called Hillary Clinton's assertion of a “claim of right” over "
        "her emails “significant and disturbing.”"
    )
    assert _direct(text) == [
        ("claim of right", "Hillary Clinton"),
        ("significant and disturbing.", "Tom Fitton"),
    ]


def test_transcript_label_names_the_speaker_of_its_paragraph():
    text = (
        "The debate went on.\n\n"
        "PENCE: Our campaign is about “law and order and jobs for every American”.\n\n"
        "KAINE: I will say “that is nonsense, and you know it” again."
    )
    assert [speaker for _, speaker in _direct(text)] == ["Pence", "Kaine"]


def test_transcript_label_with_a_title_resolves_to_the_full_name():
    text = (
        "Donald Trump and Hillary Clinton met on Sunday.\n\n"
        "MR. TRUMP: I call it “the rigged system, the most rigged ever,” believe me.\n\n"
        "MRS. CLINTON: Well, I say “we are stronger together, all of us,” and I mean it."
    )
    assert [speaker for _, speaker in _direct(text)] == ["Donald Trump", "Hillary Clinton"]


def test_lone_paragraph_label_is_not_a_transcript():
    text = "Note: the senator later called the report “a joke” on the radio."
    assert _direct(text) == [("a joke", None)]


def test_indonesian_transcript_label_names_the_speaker():
    text = (
        "Berikut petikan wawancara.\n\n"
        "JOKOWI: Saya kira itu “tidak benar sama sekali dan harus diluruskan segera” oleh mereka.\n\n"
        "PRABOWO: Menurut saya, kita harus “bekerja lebih keras lagi” untuk rakyat."
    )
    assert [speaker for _, speaker in _direct(text)] == ["Jokowi", "Prabowo"]


def test_according_to_an_outlet_ending_the_sentence_makes_the_outlet_the_source():
    text = "Trump said he was “happy to see” that Khan was voted in, according to The New York Times."
    assert _direct(text) == [("happy to see", "New York Times")]


def test_outlet_reporting_at_the_end_of_the_sentence_is_the_source():
    text = (
        "Manafort acknowledged that the work could be termed “influence peddling,” The Washington Post "
        "reported in 1991. The firm was sold.\n\n"
        "Trump said Kasich was “doing the right thing,” suggesting he might pick him, CNN reported."
    )
    assert _direct(text) == [("influence peddling,", "Washington Post"), ("doing the right thing,", "CNN")]


def test_inverted_outlet_report_at_the_end_of_the_sentence_is_the_source():
    text = "Richards noted that abortion is “central” to the platform, reported the Washington Examiner."
    assert _direct(text) == [("central", "Washington Examiner")]


def test_speaker_reporting_a_quotation_directly_keeps_it():
    assert _direct("“We won,” Trump reported to his fans.") == [("We won,", "Trump")]


def test_state_as_a_polity_is_not_a_speech_verb():
    text = (
        "Minnesota state delegate Mary Susan said the convention could be a “failure” if Trump loses.\n\n"
        "Ramos lamented that the “danger” came from the secretary of state and his allies."
    )
    assert _direct(text) == [("failure", "Mary Susan"), ("danger", "Ramos")]


def test_name_before_an_appositive_is_the_subject_of_an_unlisted_verb():
    text = (
        "Mike Huckabee, the former Arkansas governor, proposed we “wake up and smell the falafel.”\n\n"
        "Corey Lewandowski, Donald Trump’s fired campaign manager, ripped Comey as “the judge and the jury.”"
    )
    assert _direct(text) == [
        ("wake up and smell the falafel.", "Mike Huckabee"),
        ("the judge and the jury.", "Corey Lewandowski"),
    ]


def test_name_before_an_aside_with_no_closing_comma_is_the_speaker():
    text = "“Clinton needs a strategy,” Nate Silver, the polling guru who founded a site tweeted Wednesday."
    assert _direct(text) == [("Clinton needs a strategy,", "Nate Silver")]


def test_verb_with_a_that_clause_after_a_quotation_does_not_invert_its_subject():
    text = (
        "Party chairman Tom Reyes said the memo “plainly and deliberately” shows that Ohio officials "
        "back the plan."
    )
    assert _direct(text) == [("plainly and deliberately", "Tom Reyes")]


def test_possessor_qualifying_a_role_before_a_name_is_not_the_speaker():
    text = "“This has to be the first time,” said Clinton’s top foreign policy aide Jake Sullivan."
    assert _direct(text) == [("This has to be the first time,", "Jake Sullivan")]


def test_according_to_a_role_before_a_name_gives_the_name():
    text = "According to former education secretary William J. Bennett, the plan is “a disgrace.”"
    assert _direct(text) == [("a disgrace.", "William J. Bennett")]


def test_pronoun_skips_an_antecedent_of_the_other_gender():
    text = (
        "Trump mocked Hillary Clinton at the rally.\n\n"
        "“She has no stamina,” he said.\n\n"
        "Mrs. Clinton answered Donald Trump on Monday. “He is unfit,” she said."
    )
    assert _direct(text) == [("She has no stamina,", "Donald Trump"), ("He is unfit,", "Hillary Clinton")]


def test_no_break_space_inside_a_name_joins_it():
    text = "“Imagine that on the same stage,” mused Blaze co-host Stu\u00a0Burguiere."
    assert _direct(text) == [("Imagine that on the same stage,", "Stu Burguiere")]


def test_organisation_qualifying_a_role_after_an_inverted_verb_is_not_the_speaker():
    text = "“We are already at war,” said Pentagon spokesman Navy Capt. Jeff Davis."
    [(quote, speaker)] = _direct(text)
    assert quote == "We are already at war,"
    assert speaker is not None
    assert speaker.endswith("Jeff Davis")


def test_name_before_a_perfect_or_adverb_led_verb_is_the_subject_of_an_unlisted_verb():
    text = "Warren has branded the plan a “giveaway to banks.”\n\nPelosi openly derided the bill as a “sham.”"
    assert _direct(text) == [("giveaway to banks.", "Warren"), ("sham.", "Pelosi")]


def test_state_after_a_town_is_not_the_speaker():
    text = "Campaigning in Keene, New Hampshire, Ellen Park went after Dale, calling him “a lightweight.”"
    assert _direct(text) == [("a lightweight.", "Ellen Park")]


def test_state_in_a_speakers_hometown_is_not_the_speaker():
    text = "Maria Lund of Dayton, Ohio says she hopes the mayor keeps “fighting for us.”"
    [(quoted, speaker)] = _direct(text)
    assert quoted == "fighting for us."
    assert "Lund" in speaker


def test_indonesian_province_in_a_speakers_hometown_is_not_the_speaker():
    text = "Siti Rahma dari Garut, Jawa Barat berharap bupati terus “berjuang untuk kami.”"
    found = [(q.text, q.speaker.name if q.speaker else None) for q in extract_quotes(text, language="id")]
    assert found == [("berjuang untuk kami.", "Siti Rahma")]


def test_the_agent_of_a_passive_question_is_its_speaker():
    text = "Park was asked by moderator Lena Ortiz whether her tax plan would “blow a hole in the budget.”"
    assert _direct(text) == [("blow a hole in the budget.", "Lena Ortiz")]


def test_a_question_opening_with_asked_by_is_the_askers():
    text = "Asked by Lena Ortiz if the party “can win” in the fall, Park gave a long answer."
    assert _direct(text) == [("can win", "Lena Ortiz")]


def test_a_later_speech_verb_after_asked_by_names_the_speaker():
    text = "Asked by Lena Ortiz about the race, Ellen Park said that she felt “very good about our chances.”"
    assert _direct(text) == [("very good about our chances.", "Ellen Park")]


def test_by_before_a_gerund_is_not_a_passive_agent():
    text = "Park interjected by hitting Dale for trying to “take land from a widow.”"
    assert _direct(text) == [("take land from a widow.", "Park")]


def test_headline_name_on_a_topic_speaks_not_the_topic():
    text = "Senator Ann Kerr spoke.\n\nKerr on Dale Releasing His Tax Returns: ‘I Doubt He Will.’\n\nMore."
    assert _direct(text) == [("I Doubt He Will.", "Ann Kerr")]


def test_name_after_with_and_a_verb_before_a_colon_still_speaks():
    text = "Kerr drew cheers, with Dale reportedly shouting: “Throw them out of here!”"
    assert _direct(text) == [("Throw them out of here!", "Dale")]


def test_indonesian_name_on_a_topic_speaks_not_the_topic():
    text = "Joko Widodo soal Prabowo: “Dia sahabat saya sejak lama.”"
    found = [(q.text, q.speaker.name if q.speaker else None) for q in extract_quotes(text, language="id")]
    assert found == [("Dia sahabat saya sejak lama.", "Joko Widodo")]


def test_indonesian_name_compared_with_before_a_colon_is_not_the_speaker():
    text = "Joko Widodo memuji gubernur dan membandingkannya dengan Prabowo: “Dia pekerja keras yang jujur.”"
    speakers = [q.speaker.name for q in extract_quotes(text, language="id") if q.kind == DIRECT and q.speaker]
    assert "Prabowo" not in speakers


def test_question_attributed_after_it_despite_a_scare_quote_later_in_the_sentence():
    text = (
        "The party met.\n\n"
        "“Is he running against us?” asked Paul Manafort, pointing to what he calls the “crooked” process."
    )
    assert _direct(text) == [("Is he running against us?", "Paul Manafort"), ("crooked", "Paul Manafort")]


def test_indonesian_question_attributed_after_it_despite_a_scare_quote_later():
    text = (
        "Warga berkumpul.\n\n"
        "“Apakah dia melawan partai?” tanya Anies Baswedan, merujuk pada apa yang ia sebut “drama” politik."
    )
    found = [(q.text, q.speaker.name if q.speaker else None) for q in extract_quotes(text, language="id")]
    assert found[:2] == [("Apakah dia melawan partai?", "Anies Baswedan"), ("drama", "Anies Baswedan")]


def test_a_new_sentence_after_a_quotation_still_names_the_next_speaker():
    text = "It was tense. “He is unhinged.” Sen. Marco Rubio called the statement “a disgrace.”"
    assert _direct(text) == [("He is unhinged.", None), ("a disgrace.", "Marco Rubio")]


def test_place_compound_before_a_role_after_said_still_finds_the_speaker():
    text = (
        "Polls tightened.\n\n"
        "“It could hardly get worse,” said Ohio-based Republican strategist Dana Reyes, who ran twice."
    )
    assert _direct(text) == [("It could hardly get worse,", "Dana Reyes")]
    text = "“We saw it coming,” said Boston-born pollster Lee Park."
    assert _direct(text) == [("We saw it coming,", "Lee Park")]


def test_name_in_a_with_clause_speaks_rather_than_the_sentence_subject():
    text = "Republicans were quick to pile on, with Sen. Ann Kerr calling the plan “a gift to our rivals.”"
    assert _direct(text) == [("a gift to our rivals.", "Ann Kerr")]
    text = "The vote split the party, with Republican Senator Tom Hale telling reporters it was “a sad day.”"
    assert _direct(text) == [("a sad day.", "Tom Hale")]


def test_indonesian_name_in_a_dengan_clause_speaks():
    text = "Para politisi ikut mengkritik, dengan Anies Baswedan menyebut rencana itu “hadiah bagi lawan.”"
    found = [(q.text, q.speaker.name if q.speaker else None) for q in extract_quotes(text, language="id")]
    assert ("hadiah bagi lawan.", "Anies Baswedan") in found


def test_second_quotation_in_a_reported_clause_keeps_the_reporting_speaker():
    text = (
        "Harry Reid spoke on Monday.\n\n"
        "Reid said that Sanders has energized “a lot of people” who “are now deeply involved in the system.”"
    )
    assert _direct(text) == [
        ("a lot of people", "Harry Reid"),
        ("are now deeply involved in the system.", "Harry Reid"),
    ]


def test_indonesian_second_quotation_in_a_reported_clause_keeps_the_reporting_speaker():
    text = (
        "Anies Baswedan berbicara Senin.\n\n"
        "Anies mengatakan bahwa Prabowo telah menggerakkan “banyak orang” yang “kini terlibat aktif.”"
    )
    found = [
        (q.text, q.speaker.name if q.speaker else None)
        for q in extract_quotes(text, language="id")
        if q.kind == DIRECT
    ]
    assert found == [("banyak orang", "Anies Baswedan"), ("kini terlibat aktif.", "Anies Baswedan")]


def test_first_person_contraction_opening_a_sentence_is_not_a_speaker():
    text = (
        "The plant closed in May.\n\n"
        "I'm old enough to remember Senator Ann Kerr going on TV in 1979, declaring a “war on waste” and "
        "telling voters that “we need to save every drop.”"
    )
    assert _direct(text) == [("war on waste", "Ann Kerr"), ("we need to save every drop.", "Ann Kerr")]


def test_sentence_connective_is_not_a_speaker():
    text = "Besides attacking the governor, Mr. Dale asserted that the plan did “real harm” to farmers."
    assert _direct(text) == [("real harm", "Dale")]


def test_indonesian_sentence_connective_is_not_a_speaker():
    for text in (
        "Sebaliknya mengkritik gubernur, Anies Baswedan menyebut rencana itu “merugikan petani.”",
        "Akibatnya banyak warga menyebut rencana itu “merugikan petani.”",
    ):
        found = extract_quotes(text, language="id")
        speakers = [q.speaker.name for q in found if q.kind == DIRECT and q.speaker]
        assert not any(s in ("Sebaliknya", "Akibatnya") for s in speakers)
