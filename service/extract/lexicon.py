"""Word lists for English and Indonesian attribution: speech verbs, pronouns, titles, non-name words."""

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
# Common given names, to keep "he" from resolving to Hillary Clinton and "she" to Donald Trump.
MALE_NAMES = word_set(
    """
    Donald Bernie Ted Marco John Jeb Chris Ben Mike Paul Barack Bill Joe Tim Rand Rick Scott Jim James
    Robert Michael David Mitt Newt Rudy Reince Corey Mitch Harry Chuck Eric George Richard Thomas Mark
    Steve Steven Jeff Kevin Martin Lindsey Vladimir Jake Robby Brian Peter Jason Sean Tom Matt Dan Daniel
    Andrew Josh Ryan Nate Frank Gary Larry Jerry Ron Roger Rush Charles Patrick Adam Sam Anthony Jonathan
    Kenneth William Bob Greg Jack Jon Carl Karl Fred Ken Doug Ray Bobby Jimmy Ronald Franklin Abraham
    """
)
FEMALE_NAMES = word_set(
    """
    Hillary Melania Ivanka Sarah Nancy Elizabeth Megyn Carly Michelle Kellyanne Nikki Patricia Maria
    Debbie Donna Huma Jill Susan Mary Jennifer Jessica Karen Lisa Barbara Laura Linda Anna Anne Katie
    Kate Rachel Amy Emily Jane Margaret Ruth Sonia Elena Loretta Janet Condoleezza Madeleine Marsha
    Kirsten Tammy Claire Dianne Kamala Chelsea Tulsi Jeanne Joni Cheryl Neera Katy Martha
    Heidi Kristen Julie Julia Samantha Valerie Diane Andrea Gretchen Ann Kathleen Betsy
    """
)
PLURAL_PRONOUNS = word_set("they They we We mereka Mereka kami Kami kita Kita")
FIRST_PERSON = word_set("I i aku Aku saya Saya")

# Title words that precede a name ("Mr. Trump", "Menteri Cho"); the key is the role they name.
TITLES: dict[str, str] = {
    "mr.": "",
    "mrs.": "",
    "ms.": "",
    "mr": "",
    "mrs": "",
    "ms": "",
    "miss": "",
    "dr.": "doctor",
    "dr": "doctor",
    "sen.": "senator",
    "senator": "senator",
    "rep.": "representative",
    "representative": "representative",
    "congressman": "representative",
    "congresswoman": "representative",
    "gov.": "governor",
    "governor": "governor",
    "president": "president",
    "pres.": "president",
    "vice": "",
    "secretary": "secretary",
    "minister": "minister",
    "menteri": "minister",
    "presiden": "president",
    "wakil": "",
    "bapak": "",
    "pak": "",
    "ibu": "",
    "bu": "",
    "chief": "chief",
    "judge": "judge",
    "justice": "justice",
    "mayor": "mayor",
    "speaker": "speaker",
    "gen.": "general",
    "general": "general",
    "adm.": "admiral",
    "admiral": "admiral",
    "col.": "colonel",
    "lt.": "lieutenant",
    "sgt.": "sergeant",
    "prof.": "professor",
    "professor": "professor",
    "rev.": "reverend",
    "reverend": "reverend",
    "commander": "commander",
    "komandan": "commander",
    "director": "director",
    "chairman": "chairman",
    "chairwoman": "chairman",
    "sheriff": "sheriff",
    "pope": "pope",
    "king": "king",
    "queen": "queen",
    "prince": "prince",
    "princess": "princess",
    "sir": "",
    "dame": "",
    "lord": "",
    "lady": "",
    "attorney": "attorney",
    "ambassador": "ambassador",
    "duta": "ambassador",
    "gubernur": "governor",
    "bupati": "regent",
    "walikota": "mayor",
    "wali": "mayor",
    "jenderal": "general",
    "kapolri": "police chief",
    "ketua": "chairman",
    "direktur": "director",
    "perdana": "prime minister",
    "prime": "prime minister",
    "candidate": "candidate",
    "nominee": "nominee",
    "rabbi": "rabbi",
    "father": "",
    "sister": "",
    "brother": "",
    "uncle": "",
    "aunt": "",
    "coach": "coach",
    "officer": "officer",
    "spokesman": "spokesman",
    "spokeswoman": "spokesman",
    "juru": "spokesman",
    "anchor": "anchor",
    "host": "host",
    "moderator": "moderator",
    "former": "",
    "first": "",
    "rt.": "",
    "hon.": "",
}
# Role nouns that can stand for a person after "the" ("the senator said"), and the title keys they match.
ROLE_NOUNS: dict[str, str] = {
    "senator": "senator",
    "congressman": "representative",
    "congresswoman": "representative",
    "representative": "representative",
    "governor": "governor",
    "president": "president",
    "minister": "minister",
    "menteri": "minister",
    "secretary": "secretary",
    "mayor": "mayor",
    "judge": "judge",
    "general": "general",
    "commander": "commander",
    "komandan": "commander",
    "candidate": "candidate",
    "nominee": "nominee",
    "director": "director",
    "chairman": "chairman",
    "chairwoman": "chairman",
    "sheriff": "sheriff",
    "ambassador": "ambassador",
    "spokesman": "spokesman",
    "spokeswoman": "spokesman",
    "professor": "professor",
    "doctor": "doctor",
    "presiden": "president",
    "gubernur": "governor",
    "businessman": "businessman",
    "billionaire": "billionaire",
    "mogul": "businessman",
}

# Capitalised words that are not names of speakers (sentence openers, days, months, function words).
NON_NAMES = word_set(
    """
    The A An And But Or Nor So Yet For If When While Whether After Before Although Though Because Since As At
    In On Of To From By With Without Within Into Onto Over Under About Above Below Between Among Through
    During Until Upon Despite This That These Those There Here Then Now Still Also Even Just Only Both
    Either Neither Each Every All Any Some Many Most Much More Few Several Such Other Another No Not
    It Its It's He She We They I You His Her Hers Our Their My Your Him Them Us Me Who Whom Whose What
    Which Where Why How Yes However Meanwhile Moreover Furthermore Instead Otherwise Thus Therefore
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    Today Tonight Yesterday Tomorrow Last Next First Second Third One Two Three Four Five
    According Asked Said Says Added Adds Wrote Writes Tweeted Replied Continued Quipped
    Speaking Writing Earlier Later Like Unlike Per Via Let Please Well Oh Ok OK Okay Do Does
    Did Is Are Was Were Be Been Has Have Had Will Would Can Could Should Must May Might Shall
    Yang Dan Di Ke Dari Pada Untuk Dengan Dalam Itu Ini Tersebut Namun Tetapi Karena Sehingga Selain
    Kemudian Lalu Menurut Saat Ketika Sementara Sedangkan Bahkan Juga Para Sang Senin Selasa Rabu Kamis
    Jumat Sabtu Minggu Januari Februari Maret Mei Juni Juli Agustus Oktober Desember Kedua Keduanya
    Mereka Kami Kita Dia Ia Beliau Saya Aku Foto Penulis Sumber Berita Baca Oleh Bagi Atas Sebelumnya
    Selanjutnya Adapun Sebagai Secara Setelah Sebelum Jika Apabila Bila Agar Supaya Tak Tidak Bukan
    Hal Ada Akan Sudah Telah Masih Belum Pernah Semua Seluruh Setiap Beberapa Banyak
    I'm I’m I've I’ve I'll I’ll I'd I’d Besides Likewise Similarly Nevertheless Nonetheless Indeed Hence
    Accordingly Additionally Consequently Regardless Sebaliknya Demikian Maka Akibatnya
    """
)
# Sentence adverbs, discourse markers and free relatives that open a sentence in capitals but are never a
# speaker: "Perhaps Tim Cook put it best", "Whatever the merits of the “reform” …". NON_NAMES holds the
# function words; these are the open-class openers a name run would otherwise swallow.
SENTENCE_OPENERS = word_set(
    """
    Perhaps Maybe Possibly Probably Certainly Surely Clearly Obviously Apparently Evidently Arguably
    Admittedly Actually Basically Essentially Honestly Frankly Seriously Literally Hopefully Sadly
    Unfortunately Fortunately Luckily Ironically Interestingly Notably Importantly Increasingly Ultimately
    Initially Eventually Finally Originally Previously Recently Currently Meanwhile Anyway Anyhow Overall
    Altogether Elsewhere Afterward Afterwards Otherwise Rather Instead Again Already Almost Always Never
    Often Sometimes Soon Once Twice Whatever Whoever Whichever Whenever Wherever However Whatsoever
    Having Being Given Granted Considering Assuming Supposing Speaking Looking Turning Asked Pressed
    Told Reached Contacted Reminded Challenged Though Sure Yeah Nope Thanks Sorry
    Mungkin Barangkali Tentu Memang Jelas Rupanya Ternyata Padahal Walaupun Meskipun Apalagi Terlebih
    """
)
# Endings of adverbs and participles ("Clearly", "Having", "Reached"): a capitalised opener with one of
# them is taken for a name only where the article also writes it as one, away from a sentence start.
OPENER_SUFFIXES = ("ly", "ing", "ever")
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
# Nationality, party and faith adjectives: "Syrian refugees", "Republican senators" name no speaker.
DEMONYMS = word_set(
    """
    American Americans Syrian Russian Mexican Canadian Chinese Iranian Iraqi Israeli Palestinian British
    French German Japanese Korean Cuban Afghan Turkish Kurdish Ukrainian Indian Pakistani Saudi Egyptian
    Libyan Yemeni Italian Spanish Irish Scottish English European Asian African Arab Latin Latino Latina
    Hispanic Muslim Islamic Catholic Christian Jewish Evangelical Republican Democratic GOP Conservative
    Liberal Progressive Libertarian Central Western Eastern Southern Northern Middle
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
# States and provinces ('Salem, New Hampshire', 'the Vermont senator', 'Bandung, Jawa Barat'): places, never
# speakers. Washington and Jakarta stand for their governments too often to be left out as places.
_PLACE_WORDS = word_set(
    """
    Alabama Alaska Arizona Arkansas California Colorado Connecticut Delaware Florida Georgia Hawaii Idaho
    Illinois Indiana Iowa Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota
    Mississippi Missouri Montana Nebraska Nevada New_Hampshire New_Jersey New_Mexico New_York North_Carolina
    North_Dakota Ohio Oklahoma Oregon Pennsylvania Rhode_Island South_Carolina South_Dakota Tennessee Texas
    Utah Vermont Virginia West_Virginia Wisconsin Wyoming N.H. N.J. N.M. N.Y. N.C. N.D. S.C. S.D. R.I. D.C.
    AL AK AZ AR CA CO CT DE FL GA HI ID IL IA KS KY LA MD MA MI MN MS MO MT NE NV NH NJ NM NY NC ND OH OK PA
    RI SC SD TN TX UT VT VA WA WV WI WY
    Aceh Bali Banten Bengkulu Gorontalo Jambi Lampung Maluku Papua Riau Jawa_Barat Jawa_Tengah Jawa_Timur
    Kalimantan_Barat Kalimantan_Tengah Kalimantan_Timur Kalimantan_Selatan Kalimantan_Utara Sulawesi_Utara
    Sulawesi_Tengah Sulawesi_Selatan Sulawesi_Tenggara Sulawesi_Barat Sumatera_Utara Sumatera_Barat
    Sumatera_Selatan Nusa_Tenggara_Barat Nusa_Tenggara_Timur
    """
)
PLACES = frozenset(name.replace("_", " ") for name in _PLACE_WORDS)
# Abbreviated states, places when a dot follows: 'Portsmouth, Calif.'.
PLACE_ABBREVIATIONS = word_set(
    """
    Ala Ariz Ark Calif Colo Conn Fla Ga Ill Kan Kans Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore
    Pa Tenn Tex Vt Va Wash Wis Wyo
    """
)
# Words that mark an organisation or place rather than a person, for pronoun resolution.
ORG_WORDS = word_set(
    """
    House Senate Congress Party Committee Department Ministry Kementerian Times Post News Journal Press
    Inc Inc. Corp Corp. Company University College School Association Campaign Council Court Agency Office
    Foundation Institute Center Centre Union Administration Republicans Democrats Democratic Republican
    Government Pemerintah Komisi Dewan Badan Partai Kantor Kepolisian Polri TNI Network Channel Fox CNN
    MSNBC NBC CBS ABC Reuters AP Club League Group Bank Fund Council Commission Board States Kingdom Korea
    America Europe Street Avenue County City State Pasukan Komando Angkatan Uni EU UN PBB Twitter Facebook
    Luar Negeri Dalam Urusan Kebijakan Keamanan Pertahanan Keuangan Tinggi Perwakilan Nasional Republik
    Serikat Amerika Eropa Daerah Provinsi Kabupaten Kota Foreign Affairs Defense Defence National Security
    Justice Treasury Homeland Federal Bureau Service Services Forces Army Navy Police Embassy Mission
    Perdagangan Perindustrian Pertanian Kesehatan Pendidikan Kebudayaan Agama Sosial Perhubungan
    Komunikasi Informatika Lingkungan Hidup Kehutanan Energi Mineral Pariwisata Ketenagakerjaan Hukum
    Kelautan Perikanan Koperasi Desa Perumahan Rakyat BUMN Sekretaris Dinas Kepala Istana Sekretariat
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
