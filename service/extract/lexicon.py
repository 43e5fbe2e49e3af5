"""Word lists for English and Indonesian attribution: speech verbs, pronouns, speech nouns, gap words.

The words about names (titles, roles, given names, places, organisations) are in name_words.py.
"""

from __future__ import annotations

import re


def word_set(text: str) -> frozenset[str]:
    """The whitespace-separated words of `text` as a frozen set."""
    return frozenset(text.split())


# Speech verbs that may stand anywhere in the clause (subject before, or inverted "said Trump").
EN_CUES = word_set(
    """
    say says said saying tell tells told telling add adds added stress stresses stressed ask asks asked
    fumed fumes barked barks exclaimed exclaims snapped snaps retorted retorts gushed gushes marveled
    marvelled marvels bragged brags griped gripes grumbled grumbles sniped snipes chided chides opined
    opines deadpanned deadpans intoned intones huffed huffs snarked snarks thundered thunders raged rages
    ranted rants
    write writes wrote tweet tweets tweeted explain explains explained note notes noted argue argues argued
    claim claims claimed declare declares declared insist insists insisted continue continues continued
    recall recalls recalled reply replies replied respond responds responded warn warns warned urge urges
    urged announce announces announced acknowledge acknowledges acknowledged admit admits admitted
    observe observes observed remark remarks remarked suggest suggests suggested testify testifies testified
    shout shouts shouted yell yells yelled joke jokes joked quip quips quipped concede concedes conceded
    counter counters countered contend contends contended emphasize emphasizes emphasized emphasise
    emphasised maintain maintains maintained predict predicts predicted promise promises promised vow vows
    vowed boast boasts boasted complain complains complained lament laments lamented muse muses mused
    post posts posted read reads state states stated agree agrees agreed conclude concludes concluded
    caution cautions cautioned speculate speculates speculated assert asserts asserted allege alleges
    alleged answer answers answered cry cries cried whisper whispers whispered proclaim proclaims
    proclaimed pledge pledges pledged blast blasts blasted slam slams slammed scoff scoffs scoffed
    text texts texted email emails emailed report reports reported confirm confirms confirmed deny denies
    denied chant chants chanted scream screams screamed sing sings sang mock mocks mocked reiterate
    reiterates reiterated describe describes described begin begins began interject interjects interjected
    interrupted interrupt interrupts quote quotes quoted recount recounts recounted repeat repeats repeated
    demand demands demanded wonder wonders wondered think thinks thought believe believes believed
    call calls called calling dub dubs dubbed label labels labeled labelled brand brands branded
    describing deem deems deemed term terms termed praise praises praised criticize criticizes criticized
    criticise criticises criticised accuse accuses accused mocking refer refers referred referring liken
    likens likened compare compares compared blame blames blamed tout touts touted decry decries decried
    denounce denounces denounced condemn condemns condemned hail hails hailed laud lauds lauded
    question questions questioned defend defends defended reject rejects rejected dismiss dismisses
    dismissed characterize characterizes characterized characterise characterised want wants wanted
    hope hopes hoped feel feels felt fear fears feared expect expects expected consider considers
    considered calling promising pledging vowing warning urging claiming arguing insisting adding noting
    explaining asking telling writing tweeting declaring announcing acknowledging admitting recalling
    suggesting stressing emphasizing predicting complaining joking boasting issue issues issued release
    releases released publish publishes published cite cites cited citing assure assures assured assail
    assails assailed scoffing remarking stating knock knocks knocked praising chanting offer offers
    offered echo echoes echoed thank thanks thanked labeling labelling slamming blasting attacking
    accusing criticizing criticising dismissing rejecting questioning warn
    """
)
# Multi-word English cues, matched as phrases.
EN_CUE_PHRASES = (
    "according to",
    "pointed out",
    "points out",
    "went on",
    "goes on",
    "called on",
    "calls on",
    "put it",
    "puts it",
    "shot back",
    "shoots back",
    "fired back",
    "fires back",
    "hit back",
    "hits back",
)

# Indonesian verbs usable before the content or the addressee ("Cho menekankan bahwa …").
ID_CUES = word_set(
    """
    mengatakan menjawab menegaskan menekankan meminta menambahkan menyatakan menjelaskan mengungkapkan
    menyebutkan menyebut menuturkan berkata bertanya mengklaim mengaku menilai berpendapat mengimbau
    mendesak mengharapkan berharap menyampaikan mengingatkan memperingatkan menerangkan mengemukakan
    menuliskan menulis mencuit mengajak menyerukan mengusulkan mengumumkan membantah mengakui memaparkan
    mengucapkan menanggapi menuntut menolak mengeluhkan mengkritik bilang
    """
)
# Indonesian cues that only attribute when they follow the content: ", kata Cho", ", ujarnya".
ID_POST_CUES = word_set(
    """
    kata katanya ujar ujarnya ungkap ungkapnya tutur tuturnya jelas jelasnya tambah tambahnya imbuh imbuhnya
    tegas tegasnya sebut sebutnya papar paparnya terang terangnya lanjut lanjutnya ucap ucapnya tanya
    tanyanya jawab jawabnya tulis tulisnya seru serunya pungkas pungkasnya kilah kilahnya
    """
)
ID_CUE_PHRASES = ("menurut",)

# Verbs whose object is the addressee rather than the speaker: "told CNN", "meminta Bruson".
ADDRESSEE_CUES = word_set(
    """
    tell tells told telling ask asks asked urge urges urged remind reminds reminded warn warns warned
    meminta mendesak mengimbau mengajak mengingatkan memperingatkan
    """
) | {"called on", "calls on"}
# Verbs whose subject is often the grammatical subject of a request clause ("asked X to …").
REQUEST_LINKS = word_set("to untuk agar supaya")
# Complementisers opening reported content.
THAT_WORDS = word_set("that bahwa bahwasanya")

# Pronouns that stand for one named person; plural ones are left unresolved.
SINGULAR_PRONOUNS = word_set("he she He She dia Dia ia Ia beliau Beliau")
PLURAL_PRONOUNS = word_set("they They we We mereka Mereka kami Kami kita Kita")
FIRST_PERSON = word_set("I i aku Aku saya Saya")


# Nouns for something said, whose possessor is its speaker: "Trump's claim that …",
# "Romney's “47 percent” comment".
SPEECH_NOUNS = word_set(
    """
    comment comments remark remarks claim claims assertion assertions accusation accusations suggestion
    suggestions statement statements promise promises pledge pledges vow vows slogan slogans dictum words
    rejection conclusion conclusions post posts tweet tweets response warning warnings argument arguments
    insistence broadside charge charges catchphrase quip quips retort message speech plea demand demands
    boast prediction predictions characterization description complaint complaints criticism admission
    declaration announcement answer reply letter email memo mantra refrain motto rallying cry call calls
    pernyataan ucapan komentar kicauan
    """
)
# Kinds of work whose name follows them in quotation marks: 'his book “An American Son”', 'the MSNBC show
# “Morning Joe”', 'acara “Mata Najwa”'.
WORK_NOUNS = word_set(
    """
    book books novel memoir biography film movie documentary show program programme series sitcom podcast
    episode album song column buku memoar biografi dokumenter acara serial siniar lagu kolom
    """
)
# Languages whose words a story glosses: 'brujas, Spanish for “witches”', 'bahasa Jawa yang berarti “…”'.
LANGUAGES = word_set(
    """
    Spanish Latin Russian French German Arabic Hebrew Yiddish Greek Italian Portuguese Chinese Mandarin
    Cantonese Japanese Korean Persian Farsi Turkish Hindi Urdu Swahili Dutch Polish Hawaiian Tagalog
    Vietnamese English Ukrainian Gaelic Irish Jawa Sunda Arab Inggris Belanda Melayu Indonesia Sanskerta
    """
)

# Words allowed between a subject and its speech verb ("Trump also said", "Cho juga meminta").
GAP_WORDS = word_set(
    """
    also later then has had have would will previously again once further recently repeatedly quickly
    simply just only first finally often once never always even still has had not n't on in at during
    last this that earlier today yesterday tonight morning afternoon evening night week weekend month
    year day Monday Tuesday Wednesday Thursday Friday Saturday Sunday juga pun kemudian lalu telah sudah
    pernah akan tetap kembali lagi pula bahkan langsung hari ini itu pada kepada dalam saat kesempatan
    sebelumnya sempat turut secara tegas singkat
    """
)
_LY = re.compile(r"\w+ly$")


def is_gap_word(word: str) -> bool:
    """True for adverbs and time words that may stand between a subject and its speech verb."""
    return word in GAP_WORDS or word.lower() in GAP_WORDS or bool(_LY.match(word)) or word.isdigit()
