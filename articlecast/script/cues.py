"""Word tables a reader of German and English news uses to tell who says a quote.

Everything here is data: speech verbs, the little words around a speaker's name, the
nouns that describe a person rather than name one. The modules that use them stay free
of language-specific strings.
"""
from __future__ import annotations

from typing import Literal

Gender = Literal["female", "male"]


def _weak(*stems: str) -> set[str]:
    """Present, past and participle forms of weak German verbs ("sag" -> sagt, sagte, ...)."""
    forms = set()
    for stem in stems:
        e = "e" if stem.endswith(("t", "d", "chn", "ffn", "gn")) else ""
        forms |= {f"{stem}{e}t", f"{stem}{e}te", f"{stem}{e}ten", f"{stem}en"}
        if not stem.startswith(("be", "er", "ver", "zer", "ent", "emp", "ge")) and not stem.endswith("ier"):
            forms.add(f"ge{stem}{e}t")
    return forms


# Verbs of saying and of stated opinion: a cue beside a quote („…“, sagt Wang; "…," Okoro said),
# before its colon, or in the narrator's part of the quote's sentence.
SPEECH_VERBS: dict[str, frozenset[str]] = {
    "de": frozenset(
        _weak("sag", "erklär", "beton", "mein", "glaub", "bestätig", "kommentier", "berichte", "erzähl",
              "ergänz", "warn", "forder", "kritisier", "antworte", "entgegn", "erwider", "versicher",
              "bekräftig", "lob", "mahn", "klag", "beklag", "resümier", "schilder", "urteil", "argumentier",
              "begründ", "verteidig", "protestier", "erläuter", "präzisier", "analysier", "bilanzier",
              "prophezei", "prognostizier", "vermut", "befürcht", "fürcht", "hoff", "frag", "lach", "scherz",
              "witzel", "seufz", "verrat", "zitier", "äußer", "unterstrich", "folger", "konstatier",
              "appellier", "beschwör", "ermahn", "schwärm", "jubel", "stöhn", "flüster", "rechn",
              "zweifel", "bezweifel", "behaupt", "merk", "beobacht", "schimpf",
              "spott", "droh", "klarstell", "mutmaß", "sorg", "freu", "ärger", "wunder", "erinner", "verkünd",
              "würdig", "bezeichn", "verurteil", "formulier", "reagier", "notier", "twitter",
              "poste", "präsentier", "vermeld", "meld", "verlang", "skandier", "begrüß", "rechtfertig", "attackier",
              "pranger")
        | {"schreibt", "schrieb", "schrieben", "geschrieben", "schreiben", "ruft", "rief", "riefen", "gerufen",
           "spricht", "sprach", "sprachen", "gesprochen", "verspricht", "versprach", "widerspricht",
           "widersprach", "weiß", "wusste", "findet", "fand", "sieht", "sah", "hält", "hielt", "gesteht",
           "gestand", "schließt", "schloss", "beschreibt", "beschrieb", "empfiehlt", "empfahl", "verrät",
           "verriet", "meint", "denkt", "dachte", "heißt", "hieß", "nennt", "nannte", "weist", "wies",
           "bemerkt", "bemerkte", "unterstreicht", "unterstrich", "rät", "riet", "gibt", "gab", "stellt",
           "stellte", "fasst", "fasste", "schränkt", "schränkte", "fügt", "fügte", "teilt", "teilte",
           "führt", "führte", "hebt", "hob", "kündigt", "kündigte", "räumt", "räumte", "wendet", "wandte",
           "zeigt", "zeigte", "lautet", "lautete", "hinzugefügt", "zugesichert", "mitgeteilt",
           "bekanntgegeben", "erklärte", "sicherte", "sichert", "warf", "wirft", "bittet", "bat", "vergleicht",
           "verglich", "greift", "griff", "lehnt", "lehnte", "lässt", "ließ", "streicht", "strich", "schätzt",
           "schätzte", "nimmt", "nahm", "macht", "machte", "bringt", "brachte", "zieht", "zog",
           "festgestellt", "klargestellt", "zusammengefasst", "eingeschränkt", "ausgeführt", "hervorgehoben",
           "angekündigt", "eingeräumt", "eingewandt", "hingewiesen", "angemerkt", "festgehalten", "vorgeworfen",
           "zurückgewiesen", "abgelehnt", "angeprangert", "zugegeben", "angegeben", "verglichen", "gebeten"}
    ),
    "en": frozenset(
        {f"{v}{s}" for v in ("say", "tell", "add", "explain", "ask", "repl", "recall", "note", "argue",
                              "insist", "warn", "write", "continue", "admit", "agree", "laugh", "joke",
                              "remember", "suggest", "claim", "state", "announce", "declare", "answer",
                              "wonder", "sigh", "concede", "observe", "predict", "boast", "complain",
                              "acknowledge", "emphasize", "emphasise", "stress", "believe", "think",
                              "reckon", "point", "shout", "cry", "whisper", "muse",
                              "recount", "confirm", "report", "comment", "remark")
         for s in ("", "s", "ed", "d")}
        | {"said", "says", "told", "tells", "replied", "replies", "wrote", "writes", "thought", "cried",
           "cries"}
    ),
}

# Subjunctive forms of reported speech ("sie sei", "es gebe"): the narrator is still giving someone's words.
SUBJUNCTIVES: dict[str, frozenset[str]] = {
    "de": frozenset({"sei", "seien", "habe", "werde", "könne", "müsse", "dürfe", "solle", "wolle", "möge", "wisse",
                     "gebe", "gehe", "stehe", "komme", "bleibe", "liege", "drohe", "fehle", "brauche", "zeige",
                     "handle", "handele", "lasse", "sehe", "halte", "trage", "führe", "bestehe", "verfüge",
                     "hätte", "hätten", "wäre", "wären", "würde", "würden", "müsste", "könnte", "sollte"}),
    "en": frozenset(),
}

# Verbs whose object, not their subject, said the quote: „…“, zitiert die Zeitung Ina Roth.
CITING_VERBS: dict[str, frozenset[str]] = {
    "de": frozenset({"zitiert", "zitierte", "zitierten"}),
    "en": frozenset({"quoted", "quotes", "cited", "cites"}),
}

# Verbs that introduce a quote after a mere comma (Hale said, "…"): a comma is weaker evidence
# than a colon, so only plain verbs of saying count.
REPORTING_VERBS: dict[str, frozenset[str]] = {
    "de": frozenset(
        _weak("sag", "erklär", "beton", "bestätig", "kommentier", "berichte", "erzähl", "ergänz", "warn",
              "kritisier", "antworte", "entgegn", "erwider", "versicher", "bekräftig", "zitier", "äußer",
              "erläuter", "resümier", "schilder", "argumentier", "begründ", "konstatier", "unterstrich",
              "bezeichn", "würdig", "lob", "forder", "verkünd", "erinner", "verurteil", "mein", "pranger")
        | {"schreibt", "schrieb", "schrieben", "geschrieben", "ruft", "rief", "gerufen", "spricht", "sprach",
           "verspricht", "versprach", "widerspricht", "widersprach", "beschreibt", "beschrieb", "unterstreicht",
           "nannte", "nennt"}
    ),
    "en": frozenset({"said", "says", "say", "told", "tells", "added", "adds", "explained", "explains",
                     "wrote", "writes", "stated", "states", "declared", "announced", "warned", "insisted",
                     "argued", "replied", "answered", "asked", "noted", "remarked", "commented"}),
}

# Finite auxiliaries: a name right before one is the clause's subject ("Stoiber hatte … betont").
AUXILIARIES: dict[str, frozenset[str]] = {
    "de": frozenset({"hat", "hatte", "habe", "hätte", "ist", "war", "sei", "wäre", "wird", "wurde", "würde", "will",
                     "wollte", "kann", "konnte", "könne", "soll", "sollte", "muss", "musste", "müsse", "darf"}),
    "en": frozenset({"has", "had", "is", "was", "will", "would", "can", "could", "should", "must"}),
}

# Separable German verbs are cues only with their particle later in the sentence:
# "schränkt Schwertfeger ein", "fasst Roeding seine Eindrücke zusammen".
PARTICLE_VERBS: dict[str, dict[str, frozenset[str]]] = {
    "de": {
        "gibt": frozenset({"zu", "an", "bekannt", "wieder", "bedenken"}), "gab": frozenset({"zu", "an", "bekannt"}),
        "stellt": frozenset({"fest", "klar"}), "stellte": frozenset({"fest", "klar"}),
        "fasst": frozenset({"zusammen"}), "fasste": frozenset({"zusammen"}),
        "schränkt": frozenset({"ein"}), "schränkte": frozenset({"ein"}),
        "fügt": frozenset({"hinzu", "an"}), "fügte": frozenset({"hinzu", "an"}),
        "teilt": frozenset({"mit"}), "teilte": frozenset({"mit"}),
        "führt": frozenset({"aus"}), "führte": frozenset({"aus"}),
        "hebt": frozenset({"hervor"}), "hob": frozenset({"hervor"}),
        "kündigt": frozenset({"an"}), "kündigte": frozenset({"an"}),
        "räumt": frozenset({"ein"}), "räumte": frozenset({"ein"}),
        "wendet": frozenset({"ein"}), "wandte": frozenset({"ein"}),
        "weist": frozenset({"hin", "zurück"}), "wies": frozenset({"hin", "zurück"}),
        "zeigt": frozenset({"sich"}), "zeigte": frozenset({"sich"}),
        "merkt": frozenset({"an"}), "merkte": frozenset({"an"}),
        "hält": frozenset({"fest", "entgegen"}), "hielt": frozenset({"fest", "entgegen"}),
        "sieht": frozenset({"so", "es"}), "sah": frozenset({"so", "es"}),
        "sicherte": frozenset({"zu"}), "sichert": frozenset({"zu"}),
        "warf": frozenset({"vor"}), "wirft": frozenset({"vor"}),
        "greift": frozenset({"an"}), "griff": frozenset({"an"}),
        "lehnt": frozenset({"ab"}), "lehnte": frozenset({"ab"}),
        "lässt": frozenset({"verlauten"}), "ließ": frozenset({"verlauten"}),
        "streicht": frozenset({"heraus"}), "strich": frozenset({"heraus"}),
        "schätzt": frozenset({"ein"}), "schätzte": frozenset({"ein"}),
        "macht": frozenset({"klar", "deutlich"}), "machte": frozenset({"klar", "deutlich"}),
        "bringt": frozenset({"ausdruck"}), "brachte": frozenset({"ausdruck"}),
        "prangert": frozenset({"an"}), "prangerte": frozenset({"an"}),
        "zieht": frozenset({"bilanz", "fazit"}), "zog": frozenset({"bilanz", "fazit"}),
        "nimmt": frozenset({"stellung"}), "nahm": frozenset({"stellung"}),
    },
    "en": {"point": frozenset({"out"}), "points": frozenset({"out"}), "pointed": frozenset({"out"})},
}

# Separable particles that a subordinate clause joins to the verb: "wie die Polizei mitteilte".
_JOINING_PARTICLES = ("zu", "an", "ab", "bekannt", "fest", "klar", "zusammen", "ein", "hinzu", "mit", "aus", "hervor",
                      "hin", "entgegen", "vor", "zurück", "heraus")


def _joined(particle_verbs: dict[str, frozenset[str]]) -> frozenset[str]:
    return frozenset(particle + verb for verb, particles in particle_verbs.items()
                     for particle in particles if particle in _JOINING_PARTICLES)


SPEECH_VERBS = {language: verbs | _joined(PARTICLE_VERBS.get(language, {})) for language, verbs in SPEECH_VERBS.items()}

# Cues that take the speaker right after them, without a verb: "so Schnappauf", "laut Polizei".
SOURCE_PREPOSITIONS: dict[str, frozenset[str]] = {
    "de": frozenset({"so", "laut"}),
    "en": frozenset({"according"}),
}
# "nach Angaben der Polizei", "nach Ansicht von X", "nach Schäubles Worten": the source follows the noun.
SOURCE_NOUNS: dict[str, frozenset[str]] = {
    "de": frozenset({"angaben", "ansicht", "meinung", "auffassung", "worten", "einschätzung", "darstellung",
                     "aussage", "aussagen", "überzeugung", "informationen", "schätzung", "schätzungen", "idee",
                     "berechnungen", "erkenntnissen", "sicht", "urteil", "vorstellung"}),
    "en": frozenset(),
}
SOURCE_NOUN_INTRODUCERS: dict[str, frozenset[str]] = {"de": frozenset({"nach"}), "en": frozenset()}
# "X zufolge" puts the source before the cue word.
SOURCE_POSTPOSITIONS: dict[str, frozenset[str]] = {"de": frozenset({"zufolge"}), "en": frozenset()}

# Personal pronouns that can stand for a speaker, with the gender they tell.
PRONOUNS: dict[str, dict[str, Gender | None]] = {
    "de": {"er": "male", "sie": "female"},
    "en": {"he": "male", "she": "female"},
}
# Possessives and object pronouns tell a person's gender too ("seine Drohne", "her job").
GENDER_WORDS: dict[str, dict[str, Gender]] = {
    "de": {"er": "male", "sein": "male", "seine": "male", "seinen": "male", "seinem": "male", "seiner": "male",
           "seines": "male", "ihm": "male", "ihn": "male"},
    "en": {"he": "male", "his": "male", "him": "male", "she": "female", "her": "female", "hers": "female"},
}

DETERMINERS: dict[str, frozenset[str]] = {
    "de": frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einen", "einem", "eines",
                     "dieser", "diese", "dieses", "diesem", "diesen", "jener", "jene", "kein", "keine",
                     "sein", "seine", "seinem", "seinen", "seiner", "ihr", "ihre", "ihrem", "ihren", "ihrer",
                     "unser", "unsere", "mein", "meine"}),
    "en": frozenset({"the", "a", "an", "this", "that", "his", "her", "their", "its", "our"}),
}
INDEFINITE: frozenset[str] = frozenset({"ein", "eine", "einer", "einen", "einem", "eines", "a", "an"})
DEFINITE_GENDER: dict[str, dict[str, Gender | None]] = {
    "de": {"der": "male", "die": "female", "das": None},
    "en": {"the": None},
}

# Words after which a capitalised word is a place or an organisation, not the speaker.
PREPOSITIONS: dict[str, frozenset[str]] = {
    "de": frozenset({"in", "im", "am", "an", "vom", "von", "aus", "bei", "beim", "für", "mit", "nach", "über",
                     "unter", "zu", "zum", "zur", "auf", "gegen", "ohne", "um", "durch", "seit", "vor", "hinter",
                     "neben", "zwischen", "wegen", "trotz", "gegenüber", "des", "dem"}),
    "en": frozenset({"of", "in", "at", "from", "for", "with", "by", "on", "to", "into", "about", "near"}),
}

# Capitalised words that are never part of a name (sentence starts, forms of address).
NOT_NAMES: dict[str, frozenset[str]] = {
    "de": frozenset({"Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einer", "Einen", "Einem", "Er", "Sie",
                     "Es", "Wir", "Ich", "Du", "Ihr", "Auch", "Doch", "Aber", "Und", "Oder", "So", "Dann", "Denn",
                     "Dass", "Wenn", "Als", "Wie", "Was", "Wer", "Wo", "Nach", "Laut", "Heute", "Gestern",
                     "Morgen", "Inzwischen", "Zudem", "Außerdem", "Allerdings", "Jetzt", "Nun", "Noch", "Schon",
                     "Damit", "Dabei", "Dazu", "Daher", "Deshalb", "Trotzdem", "Zwar", "Man", "Mit", "In", "Im",
                     "Am", "An", "Auf", "Aus", "Bei", "Für", "Von", "Vom", "Zum", "Zur", "Über", "Unter", "Vor",
                     "Seit", "Seine", "Sein", "Ihre", "Diese", "Dieser", "Dieses", "Kein", "Keine", "Viele",
                     "Alle", "Mehr", "Manche", "Einige", "Herr", "Frau", "Dr", "Prof", "Sprecher", "Sprecherin",
                     "Zufolge", "Angaben", "Worten", "Ja", "Nein", "Hier", "Dort", "Da", "Weiter",
                     "Weiterhin", "Später", "Zuvor", "Damals", "Demnach", "Daraufhin", "Danach", "Dennoch",
                     "Jedoch", "Ebenfalls", "Bereits", "Zunächst", "Schließlich", "Insbesondere", "Offenbar",
                     "Angesichts", "Selbst", "Ab", "Bis", "Nur", "Erst", "Wegen", "Trotz", "Während", "Gegenüber",
                     "Sowohl", "Sogar", "Vielmehr", "Stattdessen", "Ebenso", "Gleichzeitig",
                     "Anschließend", "Ohne", "Um", "Beim", "Durch", "Gegen", "Wörtlich",
                     "Jeder", "Jede", "Jedes", "Jedem", "Jeden", "Beide", "Beiden", "Mehrere", "Wenige", "Solche",
                     "Welche", "Dessen", "Deren", "Unser", "Unsere", "Mein", "Meine", "Ihren", "Ihrem", "Seinen",
                     "Seinem", "Diesen", "Diesem", "Eines", "Keiner", "Niemand", "Jemand", "Alles", "Nichts"}),
    "en": frozenset({"The", "A", "An", "He", "She", "It", "We", "I", "You", "They", "But", "And", "Or", "So",
                     "Then", "When", "If", "As", "At", "In", "On", "Of", "For", "From", "By", "With", "To", "This",
                     "That", "These", "Those", "His", "Her", "Their", "Its", "Our", "My", "Mr", "Mrs", "Ms",
                     "Dr", "Prof", "Not", "No", "Yes", "According", "Last", "Next", "Most", "Some", "Many",
                     "Visits", "Councillor"}),
}

# Forms of address and academic titles: dropped from the name, some tell the gender.
TITLES: dict[str, Gender | None] = {
    "Herr": "male", "Herrn": "male", "Frau": "female", "Mr": "male", "Mrs": "female", "Ms": "female",
    "Miss": "female", "Sir": "male", "Dame": "female", "Dr": None, "Prof": None, "Professor": None,
}

# Last parts of nouns that describe a person's role: "Fintech-Experte", "Auslandschef", "Bürgermeisterin".
# A word ending in one of them, before a name, is the description, not the name.
ROLE_ENDINGS: tuple[str, ...] = (
    "experte", "expertin", "chef", "chefin", "berater", "beraterin", "informatiker", "informatikerin",
    "minister", "ministerin", "sprecher", "sprecherin", "leiter", "leiterin", "präsident", "präsidentin",
    "direktor", "direktorin", "vorsitzende", "vorsitzender", "gründer", "gründerin", "forscher", "forscherin",
    "wissenschaftler", "wissenschaftlerin", "ingenieur", "ingenieurin", "professor", "professorin", "analyst",
    "analystin", "trainer", "trainerin", "manager", "managerin", "kanzler", "kanzlerin", "meister",
    "meisterin", "politiker", "politikerin", "abgeordnete", "abgeordneter", "autor", "autorin", "journalist",
    "journalistin", "anwalt", "anwältin", "richter", "richterin", "arzt", "ärztin", "sekretär", "sekretärin",
    "kommissar", "kommissarin", "botschafter", "botschafterin", "senator", "senatorin", "gouverneur",
    "gouverneurin", "general", "kapitän", "sänger", "sängerin", "schauspieler", "schauspielerin", "spieler",
    "spielerin", "regisseur", "regisseurin", "künstler", "künstlerin", "musiker", "musikerin", "unternehmer",
    "unternehmerin", "investor", "investorin", "ökonom", "ökonomin", "referent", "referentin", "koordinator",
    "koordinatorin", "mitarbeiter", "mitarbeiterin", "beauftragte", "beauftragter", "vertreter",
    "vertreterin", "landwirt", "landwirtin", "bauer", "bäuerin", "pfarrer", "pfarrerin", "bischof",
    "kardinal", "papst", "könig", "königin", "prinz", "prinzessin", "fürst", "fürstin", "lehrer", "lehrerin",
    "student", "studentin", "ermittler", "ermittlerin", "kritiker", "kritikerin", "aktivist", "aktivistin",
    "kandidat", "kandidatin", "bürger", "bürgerin", "mitglied", "mitglieder", "sportler", "sportlerin",
    "moderator", "moderatorin", "architekt", "architektin", "partner", "partnerin", "reporter", "reporterin",
    "korrespondent", "korrespondentin", "zeuge", "zeugin",
    "angestellte", "angestellter", "beamte", "beamter", "beamtin", "sprecher", "sprecherin", "verteidiger",
    "verteidigerin", "ankläger", "staatsanwalt", "staatsanwältin", "vize", "kollege", "kollegin", "sprecherin",
    "geschäftsführer", "geschäftsführerin", "ökonomen", "verfasser", "verfasserin", "kenner", "kennerin",
    "jährige", "jähriger", "jährigen", "sieger", "siegerin", "gewinner", "gewinnerin", "verlierer",
    "kommentator", "kommentatorin", "beobachter", "beobachterin", "veranstalter", "veranstalterin", "organisator",
    "organisatorin", "bewohner", "bewohnerin", "anwohner", "anwohnerin", "teilnehmer", "teilnehmerin",
    "demonstrant", "demonstrantin", "befürworter", "befürworterin", "gegner", "gegnerin", "initiator",
    "initiatorin", "betreiber", "betreiberin", "helfer", "helferin", "retter", "nutzer", "nutzerin", "schüler",
    "schülerin", "feuerwehrmann", "feuerwehrmänner", "sohn", "tochter", "vater", "mutter", "bruder", "schwester",
    "witwe", "ehefrau", "ehemann", "director", "mayor", "councillor", "councilor", "ceo", "founder",
    "chairman", "chairwoman", "chair", "president", "minister", "spokesman", "spokeswoman", "spokesperson",
    "professor", "economist", "officer", "chief", "executive", "secretary", "governor", "coach", "guard",
    "nurse", "librarian", "engineer", "scientist", "researcher", "analyst", "senator", "author", "teacher",
    "inspector", "detective", "farmer", "manager", "owner", "head", "leader", "editor", "expert", "doctor",
)

# Endings of German common nouns, which are capitalised like names: "Handlungsweise" is not a person.
NOUN_ENDINGS: tuple[str, ...] = (
    "ung", "ungen", "heit", "keit", "schaft", "tion", "sion", "tät", "ismus", "nis", "tum", "ment", "weise",
    "ität", "lage", "frage", "sicht", "kraft", "kräfte", "zeit", "welt", "stadt", "ungs",
)

# Nouns of bodies that speak in news ("die Polizei", "das Ministerium"): a speaker in their own right.
ORGANISATION_ENDINGS: tuple[str, ...] = (
    "polizei", "ministerium", "gericht", "regierung", "behörde", "amt", "verband", "agentur", "zeitung",
    "konzern", "unternehmen", "partei", "kommission", "institut", "staatsanwaltschaft", "organisation",
    "verwaltung", "gewerkschaft", "feuerwehr", "armee", "militär", "nachrichtenagentur", "rathaus",
    "stiftung", "sender", "blatt", "magazin", "bundesrat", "parlament", "senat", "komitee", "vorstand",
    "gmbh", "institution", "republik", "union", "fernsehen", "rundfunk", "radio", "koalition", "fraktion",
    "firma", "kirche", "universität", "hochschule", "klinik",
    "police", "ministry", "government", "court", "agency", "department", "company", "council",
)

# Number words: "nach fünf Jahren Gemeinschaftsschule" is no name.
NUMBER_WORDS: frozenset[str] = frozenset({"zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn",
                                          "elf", "zwölf", "zwanzig", "hundert", "tausend", "two", "three", "four",
                                          "five", "six", "seven", "eight", "nine", "ten", "hundred", "thousand"})

# Words that a speaker's description is cut at: relative clauses and appositions end the name.
NAME_PARTICLES: frozenset[str] = frozenset({"von", "van", "de", "del", "della", "da", "di", "du", "bin", "ibn",
                                            "al", "le", "la", "ter", "zu", "der", "den", "dos", "das", "y"})

# Clause words after which a quote is a scare quote, a title or a term, not speech:
# "einen „nationalen KI-Plan“", "die „Vertrauenswürdigkeit“".
TERM_INTRODUCERS: dict[str, frozenset[str]] = {
    "de": DETERMINERS["de"] | frozenset({"als", "sogenannte", "sogenannten", "so", "genannte", "genannten",
                                          "wie", "und", "oder", "zum", "zur", "im", "vom", "beim", "am", "ins",
                                          "einem", "einer", "mit", "von", "für", "auf", "in", "nach", "über",
                                          "unter", "aus", "durch", "gegen", "um", "namens", "titel"}),
    "en": DETERMINERS["en"] | frozenset({"as", "so-called", "called", "named", "and", "or", "of", "for", "in",
                                          "on", "at", "with", "by", "from", "into", "about"}),
}

# Texts that speak for whoever issued them: "laut einer Pressemitteilung des BMI".
DOCUMENT_NOUNS: dict[str, frozenset[str]] = {
    "de": frozenset({"pressemitteilung", "mitteilung", "erklärung", "stellungnahme", "schreiben", "bericht",
                     "positionspapier", "brief", "presseerklärung", "meldung", "website", "webseite", "homepage",
                     "internetseite", "antrag", "gutachten", "studie", "statement", "kommuniqué", "rede",
                     "aussage", "fazit", "kommentar", "antwort", "ankündigung", "begründung", "botschaft",
                     "nachricht", "interview", "beitrag", "artikel", "kolumne", "leitartikel", "text",
                     "entwurf", "resolution", "petition", "aufruf", "appell", "flugblatt", "plakat"}),
    "en": frozenset({"statement", "report", "letter", "release", "website", "study", "speech"}),
}

# Roles too vague to name a voice after when no name or body comes with them ("ein Sprecher sagte").
VAGUE_ROLES: frozenset[str] = frozenset({"sprecher", "sprecherin", "spokesman", "spokeswoman", "spokesperson",
                                         "mitarbeiter", "mitarbeiterin", "vertreter", "vertreterin"})

# Pronoun-like speakers that name nobody: a quote cued only by them stays "unknown".
VAGUE_SPEAKERS: frozenset[str] = frozenset({"man", "es", "wir", "ich", "sie", "they", "we", "it", "you", "one"})
