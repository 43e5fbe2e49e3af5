"""Word lists about names, English and Indonesian: titles and roles, given names, words that are never a
speaker's name (sentence openers, demonyms, places), and words that mark an organisation."""

from __future__ import annotations

from .lexicon import word_set

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
    Kata Ujar Tutur Ungkap Tambah Imbuh Tegas Sebut Papar Terang Lanjut Ucap Tanya Jawab Tulis Pungkas
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
