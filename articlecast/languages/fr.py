"""French: every French word, mark, pattern and label articlecast uses."""
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


def _first_group(*stems: str) -> set[str]:
    """Forms of -er verbs a reporter writes: "déclar" -> déclare, déclarent, déclaré, déclarait, déclara."""
    return {f"{stem}{ending}" for stem in stems for ending in ("e", "ent", "é", "ait", "aient", "a", "èrent")}


# Verbs of saying and of stated opinion: « … », a déclaré X / estime X / X explique : « … »
_SPEECH_VERBS = frozenset(
    _first_group("déclar", "affirm", "expliqu", "ajout", "estim", "soulign", "précis", "indiqu", "assur", "confi",
                 "racont", "insist", "pens", "observ", "not", "regrett", "lanc", "avanc", "annonc",
                 "témoign", "résum", "comment", "dénonc", "plaid", "ironis", "exclam", "avou", "concéd", "détaill",
                 "argument", "gliss", "tranch", "constat", "réclam", "demand", "interrog", "confirm", "souffl")
    | {"dit", "disait", "disent", "disaient", "dira", "dirait", "répond", "répondu", "répondait", "reconnaît",
       "reconnaissait", "reconnu", "poursuit", "poursuivait", "conclut", "concluait", "conclu", "croit", "croyait",
       "admet", "admettait", "admis", "prévient", "prévenu", "écrit", "écrivait", "écrivent", "rappelle",
       "rappellent", "rappelé", "rappelait", "répète", "répété", "répétait", "martèle", "martelé", "soutient",
       "soutenu", "soutenait", "sourit", "souri", "lâche", "lâché"}
)
_REPORTING_VERBS = frozenset(
    _first_group("déclar", "affirm", "expliqu", "ajout", "précis", "indiqu", "racont", "confirm")
    | {"dit", "disait", "répond", "répondu", "écrit", "conclut", "rappelle"}
)
_DETERMINERS = frozenset({"le", "la", "les", "l", "un", "une", "des", "du", "ce", "cet", "cette", "ces", "son", "sa",
                          "ses", "leur", "leurs", "notre", "nos", "votre", "vos", "mon", "ma", "mes"})

# Nouns that describe a person's role: "la maire Claire Fontaine", "l'économiste Sophie Lambert".
_ROLE_ENDINGS = (
    "maire", "ministre", "directeur", "directrice", "président", "présidente", "porte-parole", "professeur",
    "professeure", "chercheur", "chercheuse", "ingénieur", "ingénieure", "agriculteur", "agricultrice", "adjoint",
    "adjointe", "conseiller", "conseillère", "fondateur", "fondatrice", "secrétaire", "responsable", "économiste",
    "enseignant", "enseignante", "habitante", "militante", "avocat", "avocate", "médecin", "député", "députée",
    "sénateur", "sénatrice", "boulanger", "boulangère", "gérante", "trésorier", "trésorière", "sociologue",
    "historien", "historienne", "journaliste", "commissaire", "préfet", "préfète", "patron", "patronne",
)
# Bodies that speak in news: « … », selon la préfecture.
_ORGANISATION_ENDINGS = (
    "mairie", "ministère", "gouvernement", "préfecture", "gendarmerie", "coopérative", "syndicat", "entreprise",
    "société", "agence", "université", "assemblée",
)


def _units() -> dict[str, Unit]:
    same = {"km": "kilomètres", "m": "mètres", "cm": "centimètres", "mm": "millimètres", "kg": "kilogrammes",
            "g": "grammes", "t": "tonnes", "ha": "hectares", "MW": "mégawatts", "kW": "kilowatts",
            "MWh": "mégawattheures", "kWh": "kilowattheures", "km/h": "kilomètres à l'heure", "m²": "mètres carrés",
            "km²": "kilomètres carrés", "°C": "degrés Celsius", "°": "degrés"}
    units = {k: Unit(v.replace("s ", " ").removesuffix("s"), v, "une" if k == "t" else "un") for k, v in same.items()}
    units |= {"%": Unit("pour cent", "pour cent", "un"), "pour cent": Unit("pour cent", "pour cent", "un")}
    units |= {"GHz": Unit("gigahertz", "gigahertz", "un"), "MHz": Unit("mégahertz", "mégahertz", "un"),
              "Hz": Unit("hertz", "hertz", "un"), "Go": Unit("gigaoctet", "gigaoctets", "un"),
              "Mo": Unit("mégaoctet", "mégaoctets", "un"), "To": Unit("téraoctet", "téraoctets", "un")}
    return units


BOILERPLATE: tuple[tuple[str, str], ...] = (
    ("consent", r"(?:Accepter|Refuser|Gérer|Paramétrer) (?:tous )?(?:les )?cookies\.?"),
    ("consent", r"Ce site utilise des cookies.{0,300}"),
    ("teaser", r"(?:Lire aussi|À lire aussi|Voir aussi)\s*:?.{0,200}"),
    ("teaser", r"Partager(?: cet article)?(?: sur \w+)?:?"),
    ("teaser", r"(?:Abonnez-vous|Inscrivez-vous) à (?:notre|la) newsletter.{0,200}"),
    ("advert", r"Publicité|Contenu sponsorisé"),
    ("credit", r"(?:Photo|Photos|Crédit photo|Illustration)s?\s*:.{0,200}"),
)

LANGUAGE = Language(
    code="fr",
    name="French",
    id3="fra",
    attribution=Attribution(
        speech_verbs=_SPEECH_VERBS,
        reporting_verbs=_REPORTING_VERBS,
        auxiliaries=frozenset({"a", "avait", "ont", "avaient", "aura", "aurait", "est", "était", "sont"}),
        source_prepositions=frozenset({"selon", "d'après"}),
        pronouns={"il": "male", "elle": "female"},
        gender_words={"il": "male", "elle": "female"},
        gendered_nouns={"madame": "female", "monsieur": "male", "femme": "female", "homme": "male", "mère": "female",
                        "père": "male", "fille": "female", "fils": "male", "sœur": "female", "frère": "male",
                        "veuve": "female", "veuf": "male", "épouse": "female", "époux": "male"},
        determiners=_DETERMINERS,
        indefinite=frozenset({"un", "une"}),
        definite_gender={"le": "male", "la": "female", "les": None},
        prepositions=frozenset({"à", "au", "aux", "de", "du", "des", "en", "dans", "chez", "pour", "par", "sur", "sous",
                                "avec", "vers", "depuis", "entre", "contre", "sans"}),
        not_names=frozenset({"Le", "La", "Les", "L", "Un", "Une", "Des", "Du", "De", "Il", "Elle", "Ils", "Elles", "On",
                             "Nous", "Vous", "Je", "Mais", "Et", "Ou", "Donc", "Car", "Puis", "Alors", "Quand", "Si",
                             "Selon", "Pour", "Avec", "Dans", "Sur", "Sous", "En", "Au", "Aux", "Depuis", "Pendant",
                             "Après", "Avant", "Ce", "Cette", "Ces", "Cet", "Son", "Sa", "Ses", "Leur", "Leurs",
                             "Notre", "Nos", "Hier", "Demain", "Ici", "Oui", "Non", "Monsieur", "Madame", "M", "Mme",
                             "Ainsi", "Enfin", "Pourtant", "Cependant", "Toutefois", "Déjà", "Encore", "Aussi",
                             "Chaque", "Plusieurs", "Certains", "Chez", "Entre", "Comme", "Qui", "Que", "Où", "Dont",
                             "Tout", "Tous", "Toute", "Toutes", "Derrière", "Devant", "Lors", "Près"}),
        titles={"M": "male", "Mme": "female", "Mlle": "female", "Monsieur": "male", "Madame": "female", "Pr": None},
        role_endings=_ROLE_ENDINGS,
        role_inflections=("", "s"),
        organisation_endings=_ORGANISATION_ENDINGS,
        number_words=frozenset({"deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "cent",
                                "mille"}),
        term_introducers=_DETERMINERS | frozenset({"comme", "dit", "dite", "appelé", "appelée", "et", "ou", "de",
                                                   "du", "des", "à", "au", "aux", "en", "dans", "pour", "sur", "par",
                                                   "avec"}),
        document_nouns=frozenset({"communiqué", "déclaration", "rapport", "lettre", "courrier", "site", "étude",
                                  "discours", "entretien", "tribune"}),
        vague_roles=frozenset({"porte-parole"}),
        vague_speakers=frozenset({"on", "nous", "ils", "elles", "vous"}),
        owner_words=frozenset({"de", "du", "des"}),
        phrase_stops=frozenset({"et", "qui", "que", "dont", "lorsque", "quand", "parce", "car", "si", "tandis"}),
        predicate_words=frozenset({"comme"}),
        as_words=("comme",),
        coordinators=frozenset({"et"}),
        subordinators=frozenset({"quand", "lorsque", "parce", "puisque", "si", "comme", "après", "avant", "depuis",
                                 "bien"}),
    ),
    grammar=Grammar(),
    text=Text(
        function_words=frozenset(
            "le la les une est dans pour pas qui que sur avec ne se ce il elle au aux ont été sont ou leur "
            "nous vous cette ces sa ses par plus selon".split()
        ),
        not_name_starts=frozenset(
            "le la les un une des du de ce cette ces son sa ses mon ma mes il elle on nous quand pourquoi comment "
            "où qui plus tout tous aujourd".split()
        ),
        byline_words=("par",),
        and_words=("et",),
        boilerplate=BOILERPLATE,
        dangling_words=frozenset("le la les un une des du de et ou que qui à au aux pour par avec dans sur".split()),
        abbreviations=frozenset({"m", "mme", "mlle", "dr", "pr", "env", "etc", "av", "apr", "janv", "févr", "avr",
                                 "juil", "sept", "oct", "nov", "déc"}),
        transcript_abbreviations=frozenset({"m", "mme", "mlle", "dr", "pr", "env", "etc", "janv", "févr", "avr",
                                            "juil", "sept", "oct", "nov", "déc"}),
    ),
    numbers=Numbers(
        num2words="fr", decimal_mark=",", thousands_mark=" ", decimal_word="virgule", point_word="point",
        or_word="ou",
        one="un",
        minus="moins", range_word="à",
        months=("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
                "novembre", "décembre"),
        currencies={"€": Unit("euro", "euros", "un"), "EUR": Unit("euro", "euros", "un"),
                    "euros": Unit("euro", "euros", "un"), "euro": Unit("euro", "euros", "un"),
                    "$": Unit("dollar", "dollars", "un"), "dollars": Unit("dollar", "dollars", "un"),
                    "£": Unit("livre", "livres", "une"), "CHF": Unit("franc suisse", "francs suisses", "un")},
        minor_units={"euro": "centimes", "euros": "centimes", "dollar": "cents", "dollars": "cents"},
        scales={"millions": Unit("million", "millions", "un"), "million": Unit("million", "millions", "un"),
                "milliards": Unit("milliard", "milliards", "un"), "milliard": Unit("milliard", "milliards", "un")},
        units=_units(),
        abbreviations={"M.": "Monsieur", "Mme": "Madame", "Mlle": "Mademoiselle", "Dr": "Docteur", "Pr": "Professeur",
                       "env.": "environ", "etc.": "et cetera", "p. ex.": "par exemple", "c.-à-d.": "c'est-à-dire",
                       "n°": "numéro", "St": "Saint", "Ste": "Sainte", "av. J.-C.": "avant Jésus-Christ",
                       "apr. J.-C.": "après Jésus-Christ"},
        sentence_final=frozenset({"etc.", "env."}),
        letters={"A": "a", "B": "bé", "C": "cé", "D": "dé", "E": "e", "F": "effe", "G": "gé", "H": "ache", "I": "i",
                 "J": "ji", "K": "ka", "L": "elle", "M": "emme", "N": "enne", "O": "o", "P": "pé", "Q": "qu",
                 "R": "erre", "S": "esse", "T": "té", "U": "u", "V": "vé", "W": "double vé", "X": "ixe",
                 "Y": "i grec", "Z": "zède"},
        spell_joiner=" ",
        acronym_words=frozenset({"OTAN", "ONU", "UNESCO", "NASA", "SMIC", "CAC", "INSEE", "ENA", "OPEP", "FIFA", "UEFA",
                                 "SIDA", "ZAD"}),
        acronym_spelled=frozenset({"SNCF", "RATP", "EDF", "TVA", "PME", "UE", "USA", "PDG", "CGT", "BCE", "RER", "TGV",
                                   "IA", "PIB"}),
        symbols={"&": "et", "+": "plus", "§": "paragraphe", "=": "égale", "±": "plus ou moins"},
        url_words={".": "point", "/": "barre oblique", "@": "arobase", "-": "tiret", "_": "tiret bas"},
        clock_pattern=r"\b([01]?\d|2[0-4])\s?h\s?([0-5]\d)?\b",
        clock_word="heures",
        clock_one="une",
        clock_one_word="heure",
        ordinal_days=False,  # "le 14 juin"; "le 1er mars" is the ordinal pass's
        ordinal_suffix_pattern="er|re|ère|e|ème",  # 1er, 2e, XXe is Roman
        unit_articles=True,
        last_year=2099,
        decade_suffix="",
        money_and="et",
        hashtag_word="hashtag",
        # "01 23 45 67 89", "06.12.34.56.78", "+33 1 23 45 67 89"
        phone_patterns=(r"(?<![\w+/.,])(?:\+\d{2,3}[ .]?\d|0\d)(?:[ .\-]?\d{2}){4}(?![\w.,]\d)",),
        slash_dates="dmy",
        slash_date="{day} {month} {year}",
        score_word="à",
        fractions={2: ("demi", "demis"), 3: ("tiers", "tiers"), 4: ("quart", "quarts"), 5: ("cinquième", "cinquièmes"),
                   10: ("dixième", "dixièmes")},
        fraction_one="un",
        regnal="{cardinal}",  # "Louis XIV" -> "Louis quatorze"
        one_before_noun=True,
        one_feminine="une",
        feminine_noun_endings=("tion", "sion", "té", "ure", "ette", "ence", "ance", "ie", "onne", "euse", "trice",
                               "ade", "ise", "elle"),
    ),
    labels=Labels(
        narrator="Narrateur",
        unknown="Voix inconnue",
        byline="Par {author}",
        page=dict(subscribe="S'abonner", feed_label="Adresse du flux pour votre application de podcast",
                  copy="Copier", copied="Copié dans le presse-papiers", chapters="Chapitres",
                  transcript="Transcription", download="Télécharger le MP3", source="Article original",
                  no_episodes="Aucun épisode pour l'instant.", by="par",
                  hours="h", minutes="min", seconds="s", duration="Durée"),
    ),
    voices=Voices(
        espeak=(("fr", "French (France)"), ("fr-be", "French (Belgium)"), ("fr-ch", "French (Switzerland)")),
        espeak_rate_wpm=140,  # at espeak's 175 the sample's narration measured 199 wpm, at 145 166, at 135 154
        gtts=(("fr:fr", "French (France)", "female"), ("fr:ca", "French (Canada)", "female")),
        reference_passage=("Lundi, nous prenons le train pour la côte. Le soleil brille, et un vent frais souffle sur "
                           "l'eau. Qui le souhaite peut s'y promener longtemps."),
    ),
    pronunciation=Pronunciation(
        loan_language="en",
        # French shares many words with English (village, machine): only spelling tells a loanword
        foreign_spellings=(r"w", r"(?<![aeiouy])y$", r"oo|ea|ee", r"up$|ing$|ings$|ight|sh|phone"),
        own_letters="éèêëàâîïôûùüçœæ",
        native_suffixes=("tion", "sion", "ment", "isme", "ique", "eur", "euse"),
    ),
)
