"""German: the product's first language. Every German word, mark, pattern and label articlecast uses."""
from __future__ import annotations

from articlecast.languages.model import (
    Attribution,
    Grammar,
    Labels,
    Language,
    Numbers,
    Pronunciation,
    Text,
    Unit,
    Voices,
)


def _weak(*stems: str) -> set[str]:
    """Present, past and participle forms of weak German verbs ("sag" -> sagt, sagte, ...)."""
    forms = set()
    for stem in stems:
        e = "e" if stem.endswith(("t", "d", "chn", "ffn", "gn")) else ""
        forms |= {f"{stem}{e}t", f"{stem}{e}te", f"{stem}{e}ten", f"{stem}en"}
        if not stem.startswith(("be", "er", "ver", "zer", "ent", "emp", "ge")) and not stem.endswith("ier"):
            forms.add(f"ge{stem}{e}t")
    return forms


# Verbs of saying and of stated opinion: a cue beside a quote („…“, sagt Wang), before its colon,
# or in the narrator's part of the quote's sentence.
_SPEECH_VERBS = frozenset(
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
    )

_DETERMINERS = frozenset({"der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "einen", "einem", "eines",
                     "dieser", "diese", "dieses", "diesem", "diesen", "jener", "jene", "kein", "keine",
                     "sein", "seine", "seinem", "seinen", "seiner", "ihr", "ihre", "ihrem", "ihren", "ihrer",
                     "unser", "unsere", "mein", "meine"})


# Last parts of nouns that describe a person's role: "Fintech-Experte", "Auslandschef", "Bürgermeisterin".
_ROLE_ENDINGS = (
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
    "witwe", "ehefrau", "ehemann",
)

# Endings of German common nouns, which are capitalised like names: "Handlungsweise" is not a person.
_NOUN_ENDINGS = (
    "ung", "ungen", "heit", "keit", "schaft", "tion", "sion", "tät", "ismus", "nis", "tum", "ment", "weise",
    "ität", "lage", "frage", "sicht", "kraft", "kräfte", "zeit", "welt", "stadt", "ungs",
)

# Nouns of bodies that speak in news ("die Polizei", "das Ministerium"): a speaker in their own right.
_ORGANISATION_ENDINGS = (
    "polizei", "ministerium", "gericht", "regierung", "behörde", "amt", "verband", "agentur", "zeitung",
    "konzern", "unternehmen", "partei", "kommission", "institut", "staatsanwaltschaft", "organisation",
    "verwaltung", "gewerkschaft", "feuerwehr", "armee", "militär", "nachrichtenagentur", "rathaus",
    "stiftung", "sender", "blatt", "magazin", "bundesrat", "parlament", "senat", "komitee", "vorstand",
    "gmbh", "institution", "republik", "union", "fernsehen", "rundfunk", "radio", "koalition", "fraktion",
    "firma", "kirche", "universität", "hochschule", "klinik",
)


def _units() -> dict[str, Unit]:
    same = {"km": "Kilometer", "m": "Meter", "cm": "Zentimeter", "mm": "Millimeter", "kg": "Kilogramm",
            "g": "Gramm", "MW": "Megawatt", "GW": "Gigawatt", "kW": "Kilowatt", "W": "Watt", "ha": "Hektar",
            "°C": "Grad Celsius", "°": "Grad", "m²": "Quadratmeter", "km²": "Quadratkilometer",
            "%": "Prozent", "Prozent": "Prozent", "km/h": "Kilometer pro Stunde"}
    units = {k: Unit(v, v, "ein") for k, v in same.items()}
    units |= {"MWh": Unit("Megawattstunde", "Megawattstunden", "eine"),
              "kWh": Unit("Kilowattstunde", "Kilowattstunden", "eine"),
              "GWh": Unit("Gigawattstunde", "Gigawattstunden", "eine"),
              "t": Unit("Tonne", "Tonnen", "eine"),
              "Std.": Unit("Stunde", "Stunden", "eine"), "Min.": Unit("Minute", "Minuten", "eine")}
    units |= {"GHz": Unit("Gigahertz", "Gigahertz", "ein"), "MHz": Unit("Megahertz", "Megahertz", "ein"),
              "kHz": Unit("Kilohertz", "Kilohertz", "ein"), "Hz": Unit("Hertz", "Hertz", "ein"),
              "GB": Unit("Gigabyte", "Gigabyte", "ein"), "MB": Unit("Megabyte", "Megabyte", "ein"),
              "TB": Unit("Terabyte", "Terabyte", "ein")}
    return units


BOILERPLATE: tuple[tuple[str, str], ...] = (
    ("consent", r"Um diese Inhalte zu sehen,? (?:akzeptieren|aktivieren) Sie bitte (?:unsere|die) Cookies\.?"),
    ("consent", r"(?:Cookies?|Cookie-Einstellungen|Datenschutz-?Einstellungen|Einwilligung)"
                      r" (?:verwalten|anpassen|ändern|widerrufen)"),
    ("consent", r"(?:Alle )?Cookies (?:akzeptieren|zulassen|ablehnen|erlauben)"),
    ("consent", r"(?:Externe[rn]? )?Inhalte? (?:laden|anzeigen|aktivieren|freigeben)"),
    ("consent", r"Wir verwenden Cookies.{0,300}"),
    ("affiliate", r"Hinweis zu Affiliate-Links\s*:.*"),
    ("affiliate", r"(?:Dieser Artikel|Dieser Beitrag|Diese Seite) enthält (?:sogenannte )?Affiliate-Links.*"),
    ("teaser", r"(?:[\w-]+ ){0,2}empfiehlt:?"),
    ("teaser", r"Mehr zum Thema:?"),
    ("teaser", r"(?:Jetzt )?(?:zum )?Newsletter (?:abonnieren|anmelden|bestellen)"),
    ("teaser", r"(?:Artikel |Beitrag )?teilen"),
    ("teaser", r"Weiterlesen|Mehr lesen|Lesen Sie auch:?.{0,200}|Das könnte (?:Sie|Dich|dich|euch) auch interessieren:?.{0,200}"),
    ("teaser", r"(?:Mehr|Weitere|Alle) (?:Videos|Artikel|Nachrichten|Bilder|News)(?: zum Thema| aus \w+)?:?"),
    ("teaser", r"Zurück zur Startseite|Diskussion zu diesem Artikel(?: auf)?:?.{0,100}"),
    ("comments", r"(?:\d+ )?Kommentare?|Bitte melden Sie sich an, um zu kommentieren\.?"),
    ("credit", r"(?:Verwendete )?Quellen?\s*:.{0,200}|Mitarbeit\s*:.{0,100}"),
    ("teaser", r"(?:Weitere )?(?:Themenverwandte|Verwandte) Artikel:?|Weitere Artikel zum Thema:?"),
    ("advert", r"Anzeige|Werbung|Sponsored"),
    ("credit", r"(?:Foto|Fotos|Bild|Bilder|Titelbild|Aufmacherbild)\s*:.{0,200}"),
)

# Searched in short paragraphs (clutter.py): a call to act is never the article's own text.
APPEALS: tuple[tuple[str, str], ...] = (
    ("appeal", r"\bjetzt (?:spenden|unterstützen|abonnieren|anmelden|registrieren|bestellen|kaufen|testen|downloaden)\b"),
    ("appeal", r"\b(?:unterstützen|abonnieren|folgen|spenden) Sie (?:uns|unser|unseren|unsere|jetzt|hier)\b"),
    ("appeal", r"\b(?:abonniere|folge|unterstütze) (?:uns|unser|unseren|unsere|jetzt)\b"),
    ("appeal", r"\b(?:verpasse|verpassen Sie) keine\b|\bnie mehr .{0,60} verpassen\b"),
    ("appeal", r"\b(?:finden|lesen|sehen|hören) Sie (?:hier|in unserem|auf unserer|unter)\b"),
    ("appeal", r"^(?:Weitere|Mehr) Infos?(?:rmationen)? (?:gibt(?:'|’)?s |finden Sie )?(?:unter|auf|hier|bei)\b"),
    ("appeal", r"\bhier (?:geht(?:'|’)?s|klicken|bestellen|anmelden|abonnieren)\b|\b\d+(?:,\d+)? (?:€|Euro) bestellen\b"),
    ("bio", r"^Über (?:den Autor|die Autorin|die Autor(?:inn)?en)\b"),
    ("widget", r"^Gefällt (?:dir|Ihnen|euch) (?:dieser|der|unser) (?:Beitrag|Artikel)\b"),
)

LANGUAGE = Language(
    code="de",
    name="German",
    id3="deu",
    attribution=Attribution(
        # nouns for a person that tell the gender by themselves (lower case); feminine role nouns
        # ("Ministerin") are told by the feminine suffix instead, masculine ones tell nothing
        gendered_nouns={"frau": "female", "herr": "male", "herrn": "male", "mann": "male", "mutter": "female", "vater": "male",
           "tochter": "female", "sohn": "male", "schwester": "female", "bruder": "male", "witwe": "female",
           "witwer": "male", "ehefrau": "female", "ehemann": "male", "oma": "female", "opa": "male",
           "großmutter": "female", "großvater": "male", "geschäftsfrau": "female", "geschäftsmann": "male",
           "kauffrau": "female", "kaufmann": "male", "feuerwehrfrau": "female", "feuerwehrmann": "male",
           "hausfrau": "female", "hausmann": "male", "tante": "female", "onkel": "male", "nichte": "female",
           "neffe": "male", "ordensschwester": "female", "mönch": "male", "nonne": "female"},
        female_compound_ends=("frau", "mutter", "tochter", "schwester"),  # Bauerntochter, Krankenschwester
        speech_verbs=_SPEECH_VERBS,
        subjunctives=frozenset({"sei", "seien", "habe", "werde", "könne", "müsse", "dürfe", "solle", "wolle", "möge", "wisse",
                     "gebe", "gehe", "stehe", "komme", "bleibe", "liege", "drohe", "fehle", "brauche", "zeige",
                     "handle", "handele", "lasse", "sehe", "halte", "trage", "führe", "bestehe", "verfüge",
                     "hätte", "hätten", "wäre", "wären", "würde", "würden", "müsste", "könnte", "sollte"}),
        citing_verbs=frozenset({"zitiert", "zitierte", "zitierten"}),
        reporting_verbs=frozenset(
        _weak("sag", "erklär", "beton", "bestätig", "kommentier", "berichte", "erzähl", "ergänz", "warn",
              "kritisier", "antworte", "entgegn", "erwider", "versicher", "bekräftig", "zitier", "äußer",
              "erläuter", "resümier", "schilder", "argumentier", "begründ", "konstatier", "unterstrich",
              "bezeichn", "würdig", "lob", "forder", "verkünd", "erinner", "verurteil", "mein", "pranger")
        | {"schreibt", "schrieb", "schrieben", "geschrieben", "ruft", "rief", "gerufen", "spricht", "sprach",
           "verspricht", "versprach", "widerspricht", "widersprach", "beschreibt", "beschrieb", "unterstreicht",
           "nannte", "nennt"}
    ),
        auxiliaries=frozenset({"hat", "hatte", "habe", "hätte", "ist", "war", "sei", "wäre", "wird", "wurde", "würde", "will",
                     "wollte", "kann", "konnte", "könne", "soll", "sollte", "muss", "musste", "müsse", "darf"}),
        particle_verbs={
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
        source_prepositions=frozenset({"so", "laut"}),
        source_nouns=frozenset({"angaben", "ansicht", "meinung", "auffassung", "worten", "einschätzung", "darstellung",
                     "aussage", "aussagen", "überzeugung", "informationen", "schätzung", "schätzungen", "idee",
                     "berechnungen", "erkenntnissen", "sicht", "urteil", "vorstellung"}),
        source_noun_introducers=frozenset({"nach"}),
        source_postpositions=frozenset({"zufolge"}),
        pronouns={"er": "male", "sie": "female"},
        gender_words={"er": "male", "sein": "male", "seine": "male", "seinen": "male", "seinem": "male", "seiner": "male",
           "seines": "male", "ihm": "male", "ihn": "male"},
        determiners=_DETERMINERS,
        definite_gender={"der": "male", "die": "female", "das": None},
        prepositions=frozenset({"in", "im", "am", "an", "vom", "von", "aus", "bei", "beim", "für", "mit", "nach", "über",
                     "unter", "zu", "zum", "zur", "auf", "gegen", "ohne", "um", "durch", "seit", "vor", "hinter",
                     "neben", "zwischen", "wegen", "trotz", "gegenüber", "des", "dem"}),
        not_names=frozenset({"Der", "Die", "Das", "Den", "Dem", "Des", "Ein", "Eine", "Einer", "Einen", "Einem", "Er", "Sie",
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
        term_introducers=_DETERMINERS | frozenset({"als", "sogenannte", "sogenannten", "so", "genannte", "genannten",
                                          "wie", "und", "oder", "zum", "zur", "im", "vom", "beim", "am", "ins",
                                          "einem", "einer", "mit", "von", "für", "auf", "in", "nach", "über",
                                          "unter", "aus", "durch", "gegen", "um", "namens", "titel"}),
        document_nouns=frozenset({"pressemitteilung", "mitteilung", "erklärung", "stellungnahme", "schreiben", "bericht",
                     "positionspapier", "brief", "presseerklärung", "meldung", "website", "webseite", "homepage",
                     "internetseite", "antrag", "gutachten", "studie", "statement", "kommuniqué", "rede",
                     "aussage", "fazit", "kommentar", "antwort", "ankündigung", "begründung", "botschaft",
                     "nachricht", "interview", "beitrag", "artikel", "kolumne", "leitartikel", "text",
                     "entwurf", "resolution", "petition", "aufruf", "appell", "flugblatt", "plakat",
                     "gesetz", "gesetzbuch", "urteil", "anordnung", "verordnung", "beschluss", "satzung", "protokoll"}),
        joining_particles=("zu", "an", "ab", "bekannt", "fest", "klar", "zusammen", "ein", "hinzu", "mit", "aus",
                           "hervor", "hin", "entgegen", "vor", "zurück", "heraus"),
        comma_only_sources=frozenset({"so"}),
        says_it_places=frozenset({"in", "im", "auf"}),
        says_it_words=frozenset({"heißt", "hieß", "geheißen"}),
        written_words=frozenset({"steht", "stand", "stehe", "stünde", "geschrieben"}),
        impersonal_pronoun="es",
        plural_pronoun="sie",
        indefinite=frozenset({"ein", "eine", "einer", "einen", "einem", "eines"}),
        titles={"Herr": "male", "Herrn": "male", "Frau": "female", "Dr": None, "Prof": None, "Professor": None},
        role_endings=_ROLE_ENDINGS,
        role_inflections=("", "n", "en", "s", "innen", "nen"),  # Ermittlern, Experten, Chefs, Expertinnen
        not_roles=frozenset({"er", "in"}),
        noun_endings=_NOUN_ENDINGS,
        organisation_endings=_ORGANISATION_ENDINGS,
        organisation_inflections=("es", "s", "en", "n"),  # "des Auswärtigen Amtes", "der Ministerien"
        number_words=frozenset({"zwei", "drei", "vier", "fünf", "sechs", "sieben", "acht", "neun", "zehn", "elf", "zwölf",
                                "zwanzig", "hundert", "tausend"}),
        vague_roles=frozenset({"sprecher", "sprecherin", "mitarbeiter", "mitarbeiterin", "vertreter", "vertreterin"}),
        vague_speakers=frozenset({"man", "es", "wir", "ich", "sie"}),
        owned_by_antecedent=frozenset({"dessen", "deren"}),
        owner_words=frozenset({"des", "der", "von", "vom"}),
        phrase_stops=frozenset({"und", "der", "die", "das", "dessen", "deren", "als", "wobei", "weil", "da", "wenn", "dass",
                                "ob"}),
        relative_articles=frozenset({"der", "die", "das"}),
        genitive_article="der",
        owner_introducers=frozenset({"von", "vom", "des", "der"}),
        owner_dropped=frozenset({"von", "vom"}),
        reflexives=frozenset({"sich"}),
        inversion_adverbs=frozenset({"auch", "dazu", "dabei", "daraufhin", "danach", "zudem", "außerdem", "gestern", "heute",
                                     "später", "zuvor", "damals", "dann", "nun", "jetzt", "so", "doch", "aber", "weiter",
                                     "schließlich", "zunächst", "anschließend", "bereits", "ebenfalls", "allerdings",
                                     "trotzdem", "deshalb", "daher", "hier", "dort", "wörtlich", "zuletzt", "inzwischen",
                                     "unterdessen", "indes"}),
        predicate_words=frozenset({"als", "wie"}),  # "sah sich als Opfer": a predicate, not a subject
        as_words=("wie",),
        coordinators=frozenset({"und", "sowie"}),
        subordinators=frozenset({"als", "wenn", "nachdem", "weil", "obwohl", "da", "während", "bevor", "seit", "seitdem",
                                 "sobald", "ob", "wie", "dass", "indem"}),
        not_adjectives=frozenset({"so", "sagte", "meinte"}),
        says_it_sources=frozenset({"von", "vom"}),
        spoken_documents=frozenset({"rede", "interview", "antwort", "aussage", "ansprache", "predigt", "kommentar"}),
        framing_conjunctions=frozenset({"dass", "daß", "ob", "wonach"}),
        pointing_back=frozenset({"das", "dies", "so"}),
        object_articles=frozenset({"dem", "den", "einem", "einen"}),
        age_pattern=r"\d+-?j[äa]hrige[nmrs]?$|^J[äa]hrige[nmrs]?$",
    ),
    grammar=Grammar(
        capitalised_nouns=True,
        compound_nouns=True,
        inverted_subjects=True,
        feminine_suffix="in",
        plural_verb_endings=("en",),
        adjective_endings=("e", "en", "er", "es", "em"),
        participle_endings=("nde", "nden", "ndes", "ene", "enen", "te", "ten"),
        past_participle_endings=("ene", "enen", "te", "ten"),
        participle_prefix="ge",
        described_endings=("e", "en", "er"),
        plural_article="die",
        singular_role_endings=("in", "e"),
        tagger_model="morphmodel_ger.pgz",
        focus_particles=frozenset({"auch", "selbst", "sogar", "nur"}),
        genitive_suffixes=("s", "es"),
        dative_plural_suffix="n",
        dative_plural_stems=("er", "el"),
        tagset="stts",
    ),
    text=Text(
        function_words=frozenset(
            "der das und ist nicht ein eine einen einem mit sich auf für dem den des im zu von sie er wir ich "
            "es auch als nach bei wie aus hat sind wird wurde noch über dass sagt sagte oder aber wenn nur".split()
        ),
        not_name_starts=frozenset(
            "die ein eines einer zum zur am im ins in an so was wie wo wer warum wann mehr weitere neue neuer "
            "alle viele kein keine unser unsere ihr ihre sein seine mein meine dieser diese dieses jetzt hier heute".split()
        ),
        byline_words=("von", "text", "texte", "autor", "autorin", "autoren"),
        and_words=("und",),
        boilerplate=BOILERPLATE,
        appeals=APPEALS,
        credit_words=("Foto", "Fotos", "Bild", "Bilder", "Grafik", "Video"),
        author_roles=("Text", "Texte", "Interview", "Foto", "Fotos", "Redaktion", "mit"),
        dangling_words=frozenset(
            "der die das den dem des ein eine einen einem einer eines und oder sowie sondern dass weil wenn ob "
            "für von vom im zum zur".split()
        ),
        abbreviations=frozenset({"dr", "prof", "nr", "st", "co", "ca", "bzw", "z.b", "u.a", "etc", "mio", "mrd", "jan",
                                 "feb", "aug", "sept", "okt", "dez"}),
        transcript_abbreviations=frozenset({"dr", "prof", "st", "nr", "ca", "bzw", "vgl", "usw", "etc", "co", "jan", "feb",
                                            "aug", "sept", "okt", "nov", "dez", "mio", "mrd"}),
    ),
    numbers=Numbers(
        num2words="de", decimal_mark=",", thousands_mark=".", decimal_word="Komma", point_word="Punkt", or_word="oder",
        one="ein",
        minus="minus", range_word="bis",
        months=("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
                "November", "Dezember"),
        currencies={"€": Unit("Euro", "Euro", "ein"), "EUR": Unit("Euro", "Euro", "ein"), "Euro": Unit("Euro", "Euro", "ein"),
                    "$": Unit("Dollar", "Dollar", "ein"), "US-Dollar": Unit("US-Dollar", "US-Dollar", "ein"),
                    "Dollar": Unit("Dollar", "Dollar", "ein"), "£": Unit("Pfund", "Pfund", "ein"),
                    "Yuan": Unit("Yuan", "Yuan", "ein"), "CHF": Unit("Franken", "Franken", "ein")},
        minor_units={},  # "5,99 Euro" is "fünf Euro neunundneunzig"
        scales={"Tsd.": Unit("tausend", "tausend", "ein"), "Mio.": Unit("Million", "Millionen", "eine"),
                "Mrd.": Unit("Milliarde", "Milliarden", "eine"), "Bio.": Unit("Billion", "Billionen", "eine"),
                "Million": Unit("Million", "Millionen", "eine"), "Millionen": Unit("Million", "Millionen", "eine"),
                "Milliarde": Unit("Milliarde", "Milliarden", "eine"), "Milliarden": Unit("Milliarde", "Milliarden", "eine")},
        units=_units(),
        abbreviations={"z. B.": "zum Beispiel", "u. a.": "unter anderem", "d. h.": "das heißt", "v. a.": "vor allem",
                       "u. U.": "unter Umständen", "bzw.": "beziehungsweise", "ca.": "zirka", "usw.": "und so weiter",
                       "etc.": "et cetera", "Dr.": "Doktor", "Prof.": "Professor", "Nr.": "Nummer", "Mio.": "Millionen",
                       "Mrd.": "Milliarden", "Tsd.": "Tausend", "inkl.": "inklusive", "evtl.": "eventuell",
                       "ggf.": "gegebenenfalls", "sog.": "sogenannte", "vgl.": "vergleiche", "St.": "Sankt",
                       "Jh.": "Jahrhundert", "GmbH": "Ge Em Be Ha", "Co.": "Ko", "z. T.": "zum Teil",
                       "o. ä.": "oder ähnliches", "u. v. m.": "und vieles mehr", "Abs.": "Absatz"},
        sentence_final=frozenset({"usw.", "etc.", "u. v. m.", "o. ä."}),
        letters={"A": "A", "B": "Be", "C": "Ze", "D": "De", "E": "E", "F": "Ef", "G": "Ge", "H": "Ha", "I": "I",
                 "J": "Jott", "K": "Ka", "L": "El", "M": "Em", "N": "En", "O": "O", "P": "Pe", "Q": "Ku", "R": "Er",
                 "S": "Es", "T": "Te", "U": "U", "V": "Vau", "W": "We", "X": "Ix", "Y": "Ypsilon", "Z": "Zett",
                 "Ä": "Ä", "Ö": "Ö", "Ü": "Ü"},
        spell_joiner=" ",
        acronym_words=frozenset({"NATO", "UNO", "DAX", "ESA", "NASA", "UNESCO", "UNICEF", "OPEC", "FIFA", "UEFA",
                                 "AIDS", "DIN", "TÜV", "ADAC", "BAföG", "BAFÖG", "LAN", "PIN", "GAU", "ISO"}),
        acronym_spelled=frozenset({"BAT", "USA", "BASF", "ARD", "ZDF", "SAP", "BMW", "VW", "EU", "KI", "IT",
                                   "CEO", "CDU", "SPD", "FDP", "AfD", "BIP", "USB", "TSMC", "BYD"}),
        symbols={"&": "und", "+": "plus", "§": "Paragraf", "=": "gleich", "±": "plus minus"},
        url_words={".": "Punkt", "/": "Schrägstrich", "@": "ät", "-": "Strich", "_": "Unterstrich"},
        clock_pattern=r"\b([01]?\d|2[0-4])(?:[:.]([0-5]\d))?\s?Uhr\b",
        clock_word="Uhr",
        clock_one="ein",
        numeric_dates=True,
        ordinal_period=True,
        # prepositions and articles after which an ordinal takes the -n ending: "am dritten Mai"
        ordinal_n_after=frozenset({"am", "im", "vom", "zum", "zur", "beim", "dem", "den", "des", "einem", "einen",
                                    "einer", "seit", "ab", "bis", "Am", "Im", "Vom", "Zum", "Seit", "Ab", "Bis"}),
        ordinal_n="n",
        dateline_r="r",  # a dateline: "Berlin, vierzehnter Mai"
        dateline_articles=frozenset({"der", "die", "das"}),
        unit_articles=True,
        one_before_capital=True,
        last_year=1999,  # German 2024 reads the same as a year or a count
        decade_suffix="er",
        hashtag_word="Hashtag",
        # "030 12345678", "0171/1234567", "+49 30 1234567", "(030) 123 456": a leading 0 or + and long digit groups
        phone_patterns=(r"(?<![\w+/.,])(?:\+\d{1,3}[ \-]?(?:\(0\))?|\(?0)\d{1,5}\)?(?:[ /\-]?\d{2,}){1,4}(?![\w.,]\d)",),
        slash_dates="",
        score_word="zu",
        fractions={2: ("halb", "halbe"), 3: ("Drittel", "Drittel"), 4: ("Viertel", "Viertel"),
                   5: ("Fünftel", "Fünftel"), 6: ("Sechstel", "Sechstel"), 7: ("Siebtel", "Siebtel"),
                   8: ("Achtel", "Achtel"), 9: ("Neuntel", "Neuntel"), 10: ("Zehntel", "Zehntel")},
        fraction_one="ein",
        regnal="der {ordinal}",  # "Friedrich der Zweite"
        one_before_noun=True,
        one_feminine="eine",
        # nouns ending so are (nearly all) feminine: "1 Person" -> "eine Person", "1 Zeitung" -> "eine Zeitung"
        feminine_noun_endings=("ung", "heit", "keit", "schaft", "ion", "tät", "ik", "ei", "enz", "anz", "ie", "ur",
                               "son", "in", "tur"),
        short_decades="er",  # "die 90er" -> "die neunziger"
        foreign_acronyms={"CEO": "en", "CFO": "en", "CTO": "en", "COO": "en", "CIO": "en", "IPO": "en", "HR": "en",
                          "VIP": "en", "FAQ": "en"},
    ),
    labels=Labels(
        narrator="Erzähler",
        unknown="Unbekannt",
        byline="Von {author}",
        page=dict(subscribe="Abonnieren", feed_label="Feed-Adresse für Ihre Podcast-App", copy="Kopieren",
                  copied="In die Zwischenablage kopiert", chapters="Kapitel", transcript="Transkript",
                  download="MP3 herunterladen", source="Originalartikel", no_episodes="Noch keine Folgen.", by="von",
                  hours="Std.", minutes="Min.", seconds="Sek.", duration="Dauer"),
    ),
    voices=Voices(
        espeak=(("de", "German"),),
        espeak_rate_wpm=180,  # long words: at espeak's 175 the samples' narration measured 140-150 wpm
        gtts=(("de:de", "German", "female"),),
        reference_passage=("Am Montag fahren wir mit dem Zug an die Küste. Die Sonne scheint, und ein kühler Wind weht über "
                          "das Wasser. Wer möchte, kann dort lange spazieren gehen."),
    ),
    pronunciation=Pronunciation(
        loan_language="en",
        # c outside ch/ck/sch, y after a consonant or at the end, oo/ea/ee inside, -up, -ing, -phone, -ow, sh
        foreign_spellings=(r"(?<![aeiouäöü])y|y$", r"oo|ea|ee(?!$)", r"up$|ing$|ings$|phone|ow$|sh"),
        hint_spellings=(r"c(?![hk])",),  # "Tencent", "Silicon", but also German "Corona", "Mercedes", "Celsius"
        own_letters="äöüß",
        native_endings=("e", "en", "er", "n", "in", "es"),
        # Latinate words German shares with English keep their German reading: Transformation, Labor, Palladium
        native_suffixes=("tion", "sion", "ität", "ismus", "ung", "heit", "keit", "schaft", "haft", "ium", "or", "ur",
                         "ik", "ieren", "iert"),
        umlauts={"a": "ä", "o": "ö", "u": "ü", "au": "äu"},
        frequency_margin=0.6,
    ),
)
