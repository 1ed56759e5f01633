"""Text made speakable: what a newsreader says for digits, units, abbreviations and symbols.

Speech engines read "1.850" or "z. B." unreliably and differently, so every segment passes
through `speakable` before synthesis. German and English rules live in tables (`Rules`); the
passes run in a fixed order because later ones rely on earlier ones: a time "14:30 Uhr" must be
read before "14" becomes a number, an amount "2 Mio. Euro" before "Mio." becomes a word.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from num2words import num2words


@dataclass(frozen=True)
class Unit:
    one: str  # the word after the number one: "Kilometer"
    many: str  # after any other number: "Kilometer", "kilometers"
    article: str = ""  # German "one" before it: "ein", "eine"; empty: the language's plain "one"


@dataclass(frozen=True)
class Rules:
    language: str
    decimal_mark: str
    thousands_mark: str
    decimal_word: str  # "Komma", "point"
    point_word: str  # a version's dot: "Punkt", "point"
    or_word: str  # "Bus/Bahn"
    one: str  # "eins" / "one" as a bare number is "ein" / "one" before a unit
    minus: str
    range_word: str
    months: tuple[str, ...]
    currencies: Mapping[str, Unit]  # symbol or word -> unit
    minor_units: Mapping[str, str]  # currency word -> how cents are named ("" when the number alone is said)
    scales: Mapping[str, Unit]  # "Mio." -> Million(en)
    units: Mapping[str, Unit]
    abbreviations: Mapping[str, str]  # written (spaces optional) -> spoken
    sentence_final: frozenset[str]  # abbreviations that may end a sentence and take its period with them
    letters: Mapping[str, str]  # letter -> spoken name when an acronym is spelled
    spell_joiner: str
    acronym_words: frozenset[str]  # read as a word although the heuristic would spell them
    acronym_spelled: frozenset[str]  # spelled although they look pronounceable
    symbols: Mapping[str, str]
    url_words: Mapping[str, str]  # "." "/" "@" "-" inside addresses


def _german_units() -> dict[str, Unit]:
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
    return units


def _english_units() -> dict[str, Unit]:
    plural = {"km": "kilometer", "m": "meter", "cm": "centimeter", "mm": "millimeter", "kg": "kilogram",
              "g": "gram", "MWh": "megawatt hour", "kWh": "kilowatt hour", "GWh": "gigawatt hour",
              "t": "tonne", "mi": "mile", "lb": "pound", "lbs": "pound", "ha": "hectare"}
    same = {"MW": "megawatts", "GW": "gigawatts", "kW": "kilowatts", "W": "watts", "°C": "degrees Celsius",
            "°F": "degrees Fahrenheit", "%": "percent", "percent": "percent", "km/h": "kilometers per hour",
            "mph": "miles per hour", "m²": "square meters", "km²": "square kilometers"}
    units = {k: Unit(v, v + "s") for k, v in plural.items()}
    units |= {k: Unit(v.removesuffix("s") if v.endswith("atts") else v, v) for k, v in same.items()}
    return units


GERMAN = Rules(
    language="de", decimal_mark=",", thousands_mark=".", decimal_word="Komma", point_word="Punkt", or_word="oder",
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
    units=_german_units(),
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
)

ENGLISH = Rules(
    language="en", decimal_mark=".", thousands_mark=",", decimal_word="point", point_word="point", or_word="or",
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
    units=_english_units(),
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
)

RULES: dict[str, Rules] = {"de": GERMAN, "en": ENGLISH}

# Prepositions and articles after which a German ordinal takes the -n ending: "am dritten Mai".
GERMAN_ORDINAL_N_AFTER = frozenset({"am", "im", "vom", "zum", "zur", "beim", "dem", "den", "des", "einem", "einen",
                                    "einer", "seit", "ab", "bis", "Am", "Im", "Vom", "Zum", "Seit", "Ab", "Bis"})
UPPER = "A-ZÄÖÜ"
LOWER = "a-zäöüß"


def speakable(text: str, language: str, lexicon: Mapping[str, str] = {}) -> str:
    """`text` with everything an engine might misread written out as words, in `language` ("de"/"en")."""
    rules = RULES.get(language, ENGLISH)
    text = _apply_lexicon(text, lexicon)
    for step in PASSES:
        text = step(text, rules)
    return text


def _apply_lexicon(text: str, lexicon: Mapping[str, str]) -> str:
    if not lexicon:
        return text
    words = sorted(lexicon, key=len, reverse=True)  # "New York Times" before "New York"
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
    return pattern.sub(lambda m: lexicon[m.group(0)], text)


# ── numbers ──────────────────────────────────────────────────────────────────────

def _number_pattern(rules: Rules) -> str:
    t, d = re.escape(rules.thousands_mark), re.escape(rules.decimal_mark)
    return rf"\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?|\d+(?:{d}\d+)?"


def _split_number(written: str, rules: Rules) -> tuple[int, str]:
    """"1.850,5" (de) -> (1850, "5"): the integer and the digits after the decimal mark."""
    whole, _, fraction = written.replace(rules.thousands_mark, "").partition(rules.decimal_mark)
    return int(whole), fraction


def _cardinal(n: int, rules: Rules) -> str:
    return num2words(n, lang=rules.language).replace(",", "")  # "one thousand, two hundred" is no pause


def _say_number(written: str, rules: Rules) -> str:
    whole, fraction = _split_number(written, rules)
    spoken = _cardinal(whole, rules)
    if fraction:  # digits after the mark are read one by one: "drei Komma eins vier"
        spoken += f" {rules.decimal_word} " + " ".join(_cardinal(int(d), rules) for d in fraction)
    return spoken


def _ordinal(n: int, rules: Rules) -> str:
    return num2words(n, lang=rules.language, to="ordinal")


def _year(n: int, rules: Rules) -> str:
    return num2words(n, lang=rules.language, to="year")


def _alternation(words) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# ── passes, in the order they run ────────────────────────────────────────────────

URL = re.compile(r"\b(?:https?://|www\.)[^\s<>\"]+[^\s<>\".,;:!?)]")
EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")


def _addresses(text: str, rules: Rules) -> str:
    def say(address: str) -> str:
        address = re.sub(r"^https?://", "", address)
        address = re.sub(r"^www\.", "", address).split("?")[0].rstrip("/")
        parts = re.split(r"([./@\-_])", address)
        return " ".join(rules.url_words.get(p, p) for p in parts if p)

    text = EMAIL.sub(lambda m: say(m.group(0)), text)
    return URL.sub(lambda m: say(m.group(0)), text)


def _times(text: str, rules: Rules) -> str:
    if rules.language == "de":
        def german(m: re.Match) -> str:
            hours, minutes = int(m.group(1)), int(m.group(2) or 0)
            spoken = f"{_cardinal(hours, rules) if hours != 1 else 'ein'} Uhr"
            return spoken + (f" {_cardinal(minutes, rules)}" if minutes else "")
        return re.sub(r"\b([01]?\d|2[0-4])(?:[:.]([0-5]\d))?\s?Uhr\b", german, text)

    def english(m: re.Match) -> str:
        hours, minutes, meridiem = int(m.group(1)), int(m.group(2)), m.group(3)
        spoken = _cardinal(hours, rules)
        if minutes:
            spoken += " " + ("oh " if minutes < 10 else "") + _cardinal(minutes, rules)
        elif not meridiem:
            spoken += " o'clock"
        return spoken + (" " + meridiem[0].upper() + ".M." if meridiem else "")
    return re.sub(r"\b([01]?\d|2[0-3]):([0-5]\d)(?:\s?([ap])\.?m\.?(?=\W|$))?", english, text)


def _dates(text: str, rules: Rules) -> str:
    months = "|".join(rules.months)
    if rules.language == "de":  # "14.05.2024" -> "14. Mai 2024"; the ordinal pass reads the day
        def numeric(m: re.Match) -> str:
            day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
            return f"{day}. {rules.months[month - 1]}" + (f" {year}" if year else "")
        return re.sub(r"\b(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.((?:19|20)\d\d)?(?!\d)", numeric, text)

    text = re.sub(rf"\b({months})\s+(\d{{1,2}})(?:st|nd|rd|th)?\b",
                  lambda m: f"{m.group(1)} {_ordinal(int(m.group(2)), rules)}", text)
    return re.sub(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({months})\b",
                  lambda m: f"the {_ordinal(int(m.group(1)), rules)} of {m.group(2)}", text)


def _ranges_and_signs(text: str, rules: Rules) -> str:
    text = re.sub(r"(?<=\d)\s?[–—]\s?(?=\d)", f" {rules.range_word} ", text)
    return re.sub(r"(?<![\w.,])[-−](?=\d)", f"{rules.minus} ", text)


def _amounts(text: str, rules: Rules) -> str:
    """A number with a currency, scale or unit: "1,5 Mrd. Euro", "$5.99", "3,5 %", "12 MWh"."""
    pattern = re.compile(
        rf"(?<![\w.,])(?:(?P<pre>{_alternation(rules.currencies)})\s?)?(?P<num>{_number_pattern(rules)})"
        rf"(?:\s?(?P<scale>{_alternation(rules.scales)})(?!\w))?"
        rf"(?:\s?(?P<unit>{_alternation(list(rules.units) + list(rules.currencies))})(?![\w²]))?")

    def say(m: re.Match) -> str:
        pre, written, scale_word, unit_word = m.group("pre", "num", "scale", "unit")
        if not (pre or scale_word or unit_word) or (pre and unit_word in rules.currencies):
            return m.group(0)
        currency = rules.currencies.get(pre or unit_word or "")
        measure = rules.units.get(unit_word or "")
        scale = rules.scales.get(scale_word or "")
        whole, fraction = _split_number(written, rules)
        if currency and len(fraction) == 2 and not scale:
            return _money(whole, int(fraction), currency, rules)
        singular = whole == 1 and not fraction
        nouns = [u for u in (scale, currency, measure) if u]
        if singular:
            words = [(nouns[0].article or rules.one) if rules.language == "de" else rules.one]
            words += [nouns[0].one] + [u.many for u in nouns[1:]]  # "eine Million Euro"
        else:
            words = [_say_number(written, rules)] + [u.many for u in nouns]
        return " ".join(words)

    return pattern.sub(say, text)


def _money(whole: int, cents: int, currency: Unit, rules: Rules) -> str:
    """"fünf Euro neunundneunzig", "five dollars and ninety-nine cents"."""
    name = currency.one if whole == 1 else currency.many
    spoken = f"{(currency.article or rules.one) if whole == 1 else _cardinal(whole, rules)} {name}"
    if not cents:
        return spoken
    minor = rules.minor_units.get(name)
    return spoken + (f" and {_cardinal(cents, rules)} {minor}" if minor else f" {_cardinal(cents, rules)}")


def _symbols(text: str, rules: Rules) -> str:
    text = re.sub(r"\s[–—]\s", ", ", text)  # a dash between clauses is a pause
    text = re.sub(rf"(?<=[{LOWER}])/(?=[{LOWER}{UPPER}])", f" {rules.or_word} ", text)
    for symbol, word in rules.symbols.items():
        text = text.replace(symbol, f" {word} ")
    return text


def _ordinals(text: str, rules: Rules) -> str:
    if rules.language == "en":
        return re.sub(r"\b(\d+)(?:st|nd|rd|th)\b", lambda m: _ordinal(int(m.group(1)), rules), text)

    months = "|".join(rules.months)

    def german(m: re.Match) -> str:
        before, n, after = m.group(1), int(m.group(2)), m.group(3)
        is_month = re.match(months, after) is not None
        # "im Jahr 2023. Danach": a number ending a sentence is no ordinal
        if after[:1].isupper() and not is_month and n >= 100:
            return m.group(0)
        spoken = _ordinal(n, rules)
        previous = before.split()[-1] if before.split() else ""
        if previous in GERMAN_ORDINAL_N_AFTER:
            spoken += "n"
        elif is_month and previous.lower() not in ("der", "die", "das"):
            spoken += "r"  # a dateline: "Berlin, vierzehnter Mai"
        return f"{before}{spoken} "

    return re.sub(rf"(^|[^\w.,]*\w*\s)(\d{{1,3}})\.\s+(?=([{UPPER}{LOWER}]\w*))", german, text)


def _numbers(text: str, rules: Rules) -> str:
    last_year = 1999 if rules.language == "de" else 2099  # German 2024 reads the same as a year or a count
    other_mark = "." if rules.decimal_mark == "," else ","
    # a version or a decimal with the other language's mark: "3.5" in German, "2,5" in English
    text = re.sub(rf"\b(\d+){re.escape(other_mark)}(\d{{1,2}}|\d{{4,}})\b",
                  lambda m: f"{_cardinal(int(m.group(1)), rules)} {rules.point_word} "
                  + " ".join(_cardinal(int(d), rules) for d in m.group(2)), text)
    text = re.sub(r"\b(1[1-9]\d0|20[0-9]0)(er|s)\b", lambda m: _decade(int(m.group(1)), rules), text)

    def say(m: re.Match) -> str:
        written = m.group(0)
        if re.fullmatch(r"\d{4}", written) and 1100 <= int(written) <= last_year:
            return _year(int(written), rules)
        if written == "1" and rules.language == "de" and re.match(rf"\s+[{UPPER}]", m.string[m.end():]):
            return rules.one  # "1 Person": "ein", not "eins"
        return _say_number(written, rules)

    return re.sub(rf"(?<![\w]){_number_pattern(rules)}(?!\w)", say, text)


def _decade(year: int, rules: Rules) -> str:
    """"1990er" -> "neunzehnhundertneunziger", "1990s" -> "nineteen nineties"."""
    spoken = _year(year, rules)
    if rules.language == "de":
        return spoken + "er"
    return spoken[:-1] + "ies" if spoken.endswith("y") else spoken + "s"


def _abbreviations(text: str, rules: Rules) -> str:
    for written, spoken in sorted(rules.abbreviations.items(), key=lambda kv: -len(kv[0])):
        flexible = r"\s?".join(re.escape(part) for part in written.split(" "))  # "z. B." and "z.B."
        pattern = re.compile(rf"(?<![\w.]){flexible}" + ("" if written.endswith(".") else r"(?!\w)"))

        def replace(m: re.Match, spoken=spoken, keeps_period=written in rules.sentence_final) -> str:
            # "… und so weiter. Dann": the abbreviation's period also ended the sentence
            ends_sentence = keeps_period and re.match(rf"\s*$|\s+[{UPPER}]", m.string[m.end():])
            return spoken + ("." if ends_sentence else "")

        text = pattern.sub(replace, text)
    return text


def _acronyms(text: str, rules: Rules) -> str:
    def say(m: re.Match) -> str:
        word, plural = m.group(1), m.group(2) or ""
        if word in rules.acronym_words or (word not in rules.acronym_spelled and _pronounceable(word)):
            return word.capitalize() + plural
        return rules.spell_joiner.join(rules.letters.get(c, c) for c in word) + plural

    return re.sub(rf"(?<![\w.])([{UPPER}]{{2,5}})(s)?(?!\w|\.\w)", say, text)


def _pronounceable(word: str) -> bool:
    """NATO, OPEC, UNESCO read as words; BMW, HTML spelled: enough vowels and no long consonant cluster."""
    vowels = sum(c in "AEIOUÄÖÜ" for c in word)
    return len(word) >= 4 and vowels * 3 >= len(word) and not re.search(r"[^AEIOUÄÖÜ]{3}", word)


def _whitespace(text: str, rules: Rules) -> str:
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"(?<!\.)\.\.(?!\.)", ".", text)  # a spelled "A.I." ending a sentence
    return re.sub(r" ([,.;:!?])", r"\1", text).strip()


PASSES: tuple[Callable[[str, Rules], str], ...] = (
    _addresses, _times, _dates, _ranges_and_signs, _amounts, _ordinals, _numbers, _abbreviations, _acronyms, _symbols,
    _whitespace,
)
