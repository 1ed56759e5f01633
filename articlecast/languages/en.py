"""English: every English word, mark, pattern and label articlecast uses."""
from __future__ import annotations

from articlecast.languages.model import (
    Attribution,
    Grammar,
    Labels,
    Language,
    Numbers,
    Text,
    Unit,
    Voices,
)

# Verbs of saying and of stated opinion: a cue beside a quote ("…," Okoro said), before its colon,
# or in the narrator's part of the quote's sentence.
_SPEECH_VERBS = frozenset(
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
    )

# Abbreviated titles of office before a name ("Gov. Inslee", "Sen. Ruiz"): dropped from the name, and their
# period ends no sentence.
_OFFICE_TITLES = ("Gov", "Sen", "Rep", "Gen", "Lt", "Sgt", "Capt", "Col", "Maj", "Adm", "Rev", "Det", "Insp", "Supt",
                  "Cmdr", "Amb", "Pres", "Atty", "Cpl", "Pvt")
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "his", "her", "their", "its", "our"})


# Nouns that describe a person's role: a word ending in one of them, before a name, is the description.
_ROLE_ENDINGS = (
    "director", "mayor", "councillor", "councilor", "ceo", "founder",
    "chairman", "chairwoman", "chair", "president", "minister", "spokesman", "spokeswoman", "spokesperson",
    "professor", "economist", "officer", "chief", "executive", "secretary", "governor", "coach", "guard",
    "nurse", "librarian", "engineer", "scientist", "researcher", "analyst", "senator", "author", "teacher",
    "inspector", "detective", "farmer", "manager", "owner", "head", "leader", "editor", "expert", "doctor",
    "commissioner", "sheriff", "attorney", "prosecutor", "judge", "lawyer", "superintendent",
)

# Nouns of bodies that speak in news: a speaker in their own right.
_ORGANISATION_ENDINGS = (
    "police", "ministry", "government", "court", "agency", "department", "company", "council",
)


def _units() -> dict[str, Unit]:
    plural = {"km": "kilometer", "m": "meter", "cm": "centimeter", "mm": "millimeter", "kg": "kilogram",
              "g": "gram", "MWh": "megawatt hour", "kWh": "kilowatt hour", "GWh": "gigawatt hour",
              "t": "tonne", "mi": "mile", "lb": "pound", "lbs": "pound", "ha": "hectare"}
    same = {"MW": "megawatts", "GW": "gigawatts", "kW": "kilowatts", "W": "watts", "°C": "degrees Celsius",
            "°F": "degrees Fahrenheit", "%": "percent", "percent": "percent", "km/h": "kilometers per hour",
            "mph": "miles per hour", "m²": "square meters", "km²": "square kilometers"}
    units = {k: Unit(v, v + "s") for k, v in plural.items()}
    units |= {k: Unit(v.removesuffix("s") if v.endswith("atts") else v, v) for k, v in same.items()}
    units |= {"GHz": Unit("gigahertz", "gigahertz"), "MHz": Unit("megahertz", "megahertz"),
              "kHz": Unit("kilohertz", "kilohertz"), "Hz": Unit("hertz", "hertz"), "GB": Unit("gigabyte", "gigabytes"),
              "MB": Unit("megabyte", "megabytes"), "TB": Unit("terabyte", "terabytes")}
    return units


BOILERPLATE: tuple[tuple[str, str], ...] = (
    ("consent", r"(?:Accept|Reject|Manage|Allow|Decline) (?:all )?cookies\.?"),
    ("consent", r"(?:Cookie|Privacy) (?:settings|preferences|policy)"),
    ("consent", r"To (?:see|view) this content,? (?:please )?(?:accept|enable|allow) (?:our |the )?cookies\.?"),
    ("consent", r"This (?:site|website) uses cookies.{0,300}"),
    ("affiliate", r"We (?:may )?earn (?:a )?(?:small )?(?:commission|revenue).*"),
    ("affiliate", r"(?:This (?:article|post|page) contains affiliate links|Affiliate disclosure\s*:).*"),
    ("teaser", r"Share(?: this)?(?: article| story| post)?(?: on \w+)?:?"),
    ("teaser", r"Read more(?:\s*:.{0,200})?|Continue reading|Read (?:the )?(?:full )?story|(?:More|Related)\s*:.{0,200}"),
    ("comments", r"(?:\d+ )?Comments?"),
    ("credit", r"Sources?\s*:.{0,200}|.{0,80} contributed (?:reporting )?to this (?:report|story|article)\.?"),
    ("teaser", r"Recommended(?: for you| stories| reading)?:?"),
    ("teaser", r"(?:Related|More) (?:articles|stories|on this topic):?|Related:?"),
    ("teaser", r"(?:Sign up|Subscribe) (?:now|for|to) (?:our |the )?newsletter.{0,200}|Subscribe(?: now)?"),
    ("advert", r"Advertisement|Sponsored content"),
    ("credit", r"(?:Photo|Photograph|Image|Picture|Credit|Photo credit)s?\s*:.{0,200}"),
)

# Searched in short paragraphs (clutter.py): a call to act is never the article's own text.
APPEALS: tuple[tuple[str, str], ...] = (
    ("appeal", r"\b(?:sign up|subscribe) (?:for|to|now|today)\b|\bclick here\b|\bdownload (?:the|our) app\b"),
    ("appeal", r"\bfollow (?:us|[\w.]+(?: [\w.]+)?) on (?:twitter|facebook|instagram|x|tiktok|linkedin|threads|bluesky)\b"),
    ("appeal", r"\b(?:donate|give) (?:now|today|to)\b|\bsupport (?:our|independent) journalism\b"),
    ("appeal", r"\bon the [\w ]{1,30} app\b|\ball rights reserved\b"),
    ("appeal", r"^(?:For )?more information(?: is available)? (?:at|on|here)\b"),
    ("bio", r"^About the authors?\b"),
    ("widget", r"^(?:Did you|Do you) (?:like|enjoy) this (?:article|story|post)\b"),
)

LANGUAGE = Language(
    code="en",
    name="English",
    id3="eng",
    attribution=Attribution(
        gendered_nouns={"mr": "male", "mrs": "female", "ms": "female", "miss": "female", "sir": "male", "dame": "female",
           "spokeswoman": "female", "spokesman": "male", "chairwoman": "female", "chairman": "male",
           "businesswoman": "female", "businessman": "male", "congresswoman": "female", "congressman": "male",
           "councilwoman": "female", "councilman": "male", "policewoman": "female", "policeman": "male",
           "actress": "female", "actor": "male", "waitress": "female", "waiter": "male", "mother": "female",
           "father": "male", "daughter": "female", "son": "male", "sister": "female", "brother": "male",
           "wife": "female", "husband": "male", "widow": "female", "widower": "male", "grandmother": "female",
           "grandfather": "male", "aunt": "female", "uncle": "male", "niece": "female", "nephew": "male",
           "woman": "female", "man": "male", "girl": "female", "boy": "male", "lady": "female",
           "gentleman": "male", "queen": "female", "king": "male", "princess": "female", "prince": "male",
           "duchess": "female", "duke": "male", "nun": "female", "monk": "male", "heiress": "female",
           "headmistress": "female", "headmaster": "male", "stewardess": "female", "landlady": "female",
           "landlord": "male", "sportswoman": "female", "sportsman": "male", "camerawoman": "female",
           "cameraman": "male", "fisherwoman": "female", "fisherman": "male", "firewoman": "female",
           "fireman": "male", "forewoman": "female", "foreman": "male", "assemblywoman": "female",
           "assemblyman": "male", "alderwoman": "female", "alderman": "male"},
        speech_verbs=_SPEECH_VERBS,
        subjunctives=frozenset(),
        citing_verbs=frozenset({"quoted", "quotes", "cited", "cites"}),
        reporting_verbs=frozenset({"said", "says", "say", "told", "tells", "added", "adds", "explained", "explains",
                     "wrote", "writes", "stated", "states", "declared", "announced", "warned", "insisted",
                     "argued", "replied", "answered", "asked", "noted", "remarked", "commented"}),
        auxiliaries=frozenset({"has", "had", "is", "was", "will", "would", "can", "could", "should", "must"}),
        particle_verbs={"point": frozenset({"out"}), "points": frozenset({"out"}), "pointed": frozenset({"out"})},
        source_prepositions=frozenset({"according"}),
        source_nouns=frozenset(),
        source_noun_introducers=frozenset(),
        source_postpositions=frozenset(),
        pronouns={"he": "male", "she": "female"},
        gender_words={"he": "male", "his": "male", "him": "male", "she": "female", "her": "female", "hers": "female"},
        determiners=_DETERMINERS,
        definite_gender={"the": None},
        prepositions=frozenset({"of", "in", "at", "from", "for", "with", "by", "on", "to", "into", "about", "near"}),
        not_names=frozenset({"The", "A", "An", "He", "She", "It", "We", "I", "You", "They", "But", "And", "Or", "So",
                     "Then", "When", "If", "As", "At", "In", "On", "Of", "For", "From", "By", "With", "To", "This",
                     "That", "These", "Those", "His", "Her", "Their", "Its", "Our", "My", "Mr", "Mrs", "Ms",
                     "Dr", "Prof", "Not", "No", "Yes", "According", "Last", "Next", "Most", "Some", "Many",
                     "Visits", "Councillor"}),
        term_introducers=_DETERMINERS | frozenset({"as", "so-called", "called", "named", "and", "or", "of", "for", "in",
                                          "on", "at", "with", "by", "from", "into", "about"}),
        title_minor_words=frozenset({"a", "an", "the", "and", "but", "or", "nor", "for", "of", "in", "on", "at", "to",
                                     "by", "with", "from", "as", "into", "over", "per", "via", "vs"}),
        document_nouns=frozenset({"statement", "report", "letter", "release", "website", "study", "speech"}),
        source_two_word={"according": "to"},
        indefinite=frozenset({"a", "an"}),
        titles={"Mr": "male", "Mrs": "female", "Ms": "female", "Miss": "female", "Sir": "male", "Dame": "female",
                "Dr": None, "Prof": None, "Professor": None, **{t: None for t in _OFFICE_TITLES}},
        role_endings=_ROLE_ENDINGS,
        not_roles=frozenset({"in"}),
        organisation_endings=_ORGANISATION_ENDINGS,
        number_words=frozenset({"two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred",
                                "thousand"}),
        vague_roles=frozenset({"spokesman", "spokeswoman", "spokesperson"}),
        vague_speakers=frozenset({"they", "we", "it", "you", "one"}),
        owned_by_antecedent=frozenset({"whose"}),
        owner_words=frozenset({"of", "for", "at"}),
        phrase_stops=frozenset({"and", "who", "which", "whose", "while", "because", "when", "that", "if"}),
        predicate_words=frozenset({"as", "like"}),
        as_words=("as",),
        coordinators=frozenset({"and"}),
        subordinators=frozenset({"after", "when", "while", "as", "because", "although", "if", "since", "before"}),
        framing_conjunctions=frozenset({"that", "whether"}),
        spoken_documents=frozenset({"speech", "interview", "remarks", "answer"}),
        impersonal_pronoun="it",
        addressee_verbs=frozenset({"tell", "ask", "inform", "assure", "remind", "warn", "urge", "advise"}),
        age_pattern=r"\d+-year-olds?$",
    ),
    grammar=Grammar(tagger_model="morphmodel_en.pgz", tagset="c5"),
    text=Text(
        function_words=frozenset(
            "the and is are were of to that it for with on as at by this from be have has not he she they we "
            "said says which would their or but if only been had who".split()
        ),
        not_name_starts=frozenset(
            "a an in so what how why when where who more new all our your his her its my these those now here today".split()
        ),
        byline_words=("by", "written by", "author", "authors", "words", "story"),
        and_words=("and",),
        boilerplate=BOILERPLATE,
        appeals=APPEALS,
        credit_words=("Photo", "Photos", "Image", "Images", "Credit", "Picture", "Graphic", "Video"),
        author_roles=("Text", "Interview", "Photos", "Staff", "Editor", "Editors", "with"),
        dangling_words=frozenset("the a an and or of for from with to that which".split()),
        abbreviations=frozenset({"dr", "prof", "mr", "mrs", "ms", "inc", "st", "jr", "sr", "vs", "co", "etc", "jan", "feb",
                                 "aug", "sept"} | {t.lower() for t in _OFFICE_TITLES}),
        transcript_abbreviations=frozenset({"dr", "prof", "mr", "mrs", "ms", "st", "jr", "sr", "vs", "etc", "inc", "co",
                                            "jan", "feb", "aug", "sept", "nov"}),
    ),
    numbers=Numbers(
        num2words="en", decimal_mark=".", thousands_mark=",", decimal_word="point", point_word="point", or_word="or",
        one="one",
        minus="minus", range_word="to",
        months=("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
                "November", "December"),
        currencies={"€": Unit("euro", "euros"), "EUR": Unit("euro", "euros"), "euros": Unit("euro", "euros"),
                    "$": Unit("dollar", "dollars"), "US$": Unit("dollar", "dollars"), "dollars": Unit("dollar", "dollars"),
                    "£": Unit("pound", "pounds"), "pounds": Unit("pound", "pounds"), "yuan": Unit("yuan", "yuan")},
        minor_units={"dollar": "cents", "dollars": "cents", "euro": "cents", "euros": "cents", "pound": "pence",
                     "pounds": "pence"},
        scales={"thousand": Unit("thousand", "thousand"), "million": Unit("million", "million"),
                "billion": Unit("billion", "billion"), "trillion": Unit("trillion", "trillion"),
                "bn": Unit("billion", "billion"), "m": Unit("million", "million"), "k": Unit("thousand", "thousand")},
        units=_units(),
        abbreviations={"e.g.": "for example", "i.e.": "that is", "Mr.": "Mister", "Mrs.": "Missus", "Ms.": "Miz",
                       "Dr.": "Doctor", "Prof.": "Professor", "etc.": "et cetera", "vs.": "versus",
                       "approx.": "approximately", "No.": "number", "St.": "Saint", "Jr.": "Junior", "Sr.": "Senior",
                       "Inc.": "Incorporated", "Ltd.": "Limited", "Corp.": "Corporation", "a.m.": "A.M.",
                       "p.m.": "P.M.", "Gov.": "Governor", "Sen.": "Senator", "Rep.": "Representative"},
        sentence_final=frozenset({"etc.", "Inc.", "Ltd.", "Corp.", "a.m.", "p.m.", "Jr.", "Sr."}),
        letters={c: c + "." for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},  # "U.S.A." is the form every engine spells
        spell_joiner="",
        acronym_words=frozenset({"NATO", "NASA", "UNESCO", "UNICEF", "OPEC", "FIFA", "UEFA", "AIDS", "LAN", "PIN",
                                 "ISO", "GIF", "RAM", "ROM", "SIM", "DAX", "COVID", "NAFTA", "ASEAN", "LIDAR", "RADAR",
                                 "SCOTUS", "FEMA", "OSHA"}),
        acronym_spelled=frozenset({"BAT", "USA", "BASF", "BMW", "EU", "AI", "IT", "CEO", "CFO", "CTO", "FBI", "CIA",
                                   "UK", "US", "TSMC", "BYD", "NYC", "BBC", "CNN", "SUV", "EV"}),
        symbols={"&": "and", "+": "plus", "§": "section", "=": "equals", "±": "plus or minus"},
        url_words={".": "dot", "/": "slash", "@": "at", "-": "dash", "_": "underscore"},
        oclock="o'clock",
        minute_zero="oh",
        day_of_month="the {day} of {month}",
        ordinal_suffix_pattern="st|nd|rd|th",
        last_year=2099,
        decade_suffix="s",
        decade_y_plural="ies",  # "nineteen ninety" -> "nineteen nineties"
        money_and="and",
        hashtag_word="hashtag",
        # "(555) 123-4567", "555-123-4567", "+1 212 555 0100", "+44 20 7946 0958"
        phone_patterns=(r"(?<![\w+/.,])\+\d{1,3}(?:[ .\-]\(?\d{1,4}\)?){2,5}(?![\w.,]\d)",
                        r"(?<![\w+/.,(])(?:\(\d{3}\)\s?|\d{3}[ .\-])\d{3}[ .\-]\d{4}(?![\w.,]\d)"),
        slash_dates="mdy",
        slash_date="{month} {day}, {year}",  # "November 24, 2026": the date pass reads the day as an ordinal
        score_word="to",
        fractions={2: ("half", "halves"), 3: ("third", "thirds"), 4: ("quarter", "quarters"), 5: ("fifth", "fifths"),
                   6: ("sixth", "sixths"), 7: ("seventh", "sevenths"), 8: ("eighth", "eighths"),
                   9: ("ninth", "ninths"), 10: ("tenth", "tenths")},
        fraction_one="one",
        regnal="the {ordinal}",  # "Louis the fourteenth"
        unit_compound_singular=True,
        short_decades="s",  # "the '90s" -> "the nineties"
    ),
    labels=Labels(
        narrator="Narrator",
        unknown="Unknown speaker",
        byline="By {author}",
        page=dict(subscribe="Subscribe", feed_label="Feed address for your podcast app", copy="Copy",
                  copied="Copied to the clipboard", chapters="Chapters", transcript="Transcript",
                  download="Download MP3", source="Original article", no_episodes="No episodes yet.", by="by",
                  hours="h", minutes="min", seconds="s", duration="Length"),
    ),
    voices=Voices(
        espeak=(("en-us", "English (America)"), ("en", "English (Great Britain)")),
        espeak_rate_wpm=165,  # at espeak's 175 the narration measured 175-204 wpm
        gtts=(("en:com", "English (United States)", "female"), ("en:co.uk", "English (United Kingdom)", "female"),
              ("en:com.au", "English (Australia)", "female"), ("en:ca", "English (Canada)", "female"),
              ("en:co.in", "English (India)", "female"), ("en:ie", "English (Ireland)", "female"),
              ("en:co.za", "English (South Africa)", "female")),
        reference_passage=("On Monday we take the train to the coast. The sun is shining, and a cool wind blows over the "
                          "water. Anyone who likes can walk there for a long time."),
    ),
)
