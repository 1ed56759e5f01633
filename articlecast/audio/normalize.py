"""Text made speakable: what a newsreader says for digits, units, abbreviations and symbols.

Speech engines read "1.850" or "z. B." unreliably and differently, so every segment passes
through `speakable` before synthesis. Each language's rules live in its module (`Language.numbers`); the
passes run in a fixed order because later ones rely on earlier ones: a time "14:30 Uhr" must be
read before "14" becomes a number, an amount "2 Mio. Euro" before "Mio." becomes a word.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from num2words import num2words

from articlecast import languages
from articlecast.audio import markup
from articlecast.languages import Numbers, Unit

Rules = Numbers  # a language's number rules (see articlecast/languages/model.py)


UPPER = "A-ZÀ-ÖØ-Þ"  # Latin letters with their accents (Ä, É, Ç, …)
LOWER = "a-zß-öø-ÿ"
_SPACES = " \u00a0\u202f"  # a thousands "mark" that is a space may be any of these: 1 850, 1\u202f850


def speakable(text: str, language: str, lexicon: Mapping[str, str] = {}) -> str:
    """`text` with everything an engine might misread written out as words, in `language` (a code)."""
    return markup.plain(speakable_marked(text, language, lexicon))


def speakable_marked(text: str, language: str, lexicon: Mapping[str, str] = {}) -> str:
    """`speakable`, with foreign words marked for an engine that switches language (audio/markup.py).

    The user's lexicon is applied first and its words are protected: it always wins over the
    foreign-word detection (audio/pronounce.py)."""
    rules = languages.get(language).numbers
    text = _apply_lexicon(markup.clean(text), lexicon)
    for step in PASSES:
        text = step(text, rules)
    from articlecast.audio.pronounce import mark_foreign  # wordfreq's lists load only when needed

    return markup.unprotected(mark_foreign(text, languages.get(language)))


def _apply_lexicon(text: str, lexicon: Mapping[str, str]) -> str:
    if not lexicon:
        return text
    words = sorted(lexicon, key=len, reverse=True)  # "New York Times" before "New York"
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")(?!\w)")
    return pattern.sub(lambda m: markup.protected(lexicon[m.group(0)]), text)


# ── numbers ──────────────────────────────────────────────────────────────────────

def _number_pattern(rules: Rules) -> str:
    t = f"[{_SPACES}]" if rules.thousands_mark in _SPACES else re.escape(rules.thousands_mark)
    d = re.escape(rules.decimal_mark)
    return rf"\d{{1,3}}(?:{t}\d{{3}})+(?:{d}\d+)?|\d+(?:{d}\d+)?"


def _split_number(written: str, rules: Rules) -> tuple[int, str]:
    """"1.850,5" (de) -> (1850, "5"): the integer and the digits after the decimal mark."""
    marks = _SPACES if rules.thousands_mark in _SPACES else rules.thousands_mark
    whole, _, fraction = re.sub(f"[{re.escape(marks)}]", "", written).partition(rules.decimal_mark)
    return int(whole), fraction


def _cardinal(n: int, rules: Rules) -> str:
    return num2words(n, lang=rules.num2words).replace(",", "")  # "one thousand, two hundred" is no pause


def _say_number(written: str, rules: Rules) -> str:
    whole, fraction = _split_number(written, rules)
    spoken = _cardinal(whole, rules)
    if fraction:  # digits after the mark are read one by one: "drei Komma eins vier"
        spoken += f" {rules.decimal_word} " + " ".join(_cardinal(int(d), rules) for d in fraction)
    return spoken


def _ordinal(n: int, rules: Rules) -> str:
    return num2words(n, lang=rules.num2words, to="ordinal")


def _year(n: int, rules: Rules) -> str:
    return num2words(n, lang=rules.num2words, to="year")


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


# Pictographs are dropped, not read by name ("grinsendes Gesicht"): emoji, dingbats, flags and
# the joiners and selectors that build them.
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0E\uFE0F\u200D\u20E3\U000E0020-\U000E007F]+")
_HASHTAG = re.compile(r"(?<![\w&#])#([^\W\d_][\w]*)")
_MENTION = re.compile(r"(?<![\w@.])@([A-Za-z0-9_]{2,})(?![\w@.])")


def _social(text: str, rules: Rules) -> str:
    """"#China" -> "Hashtag China", "@spiegelonline" -> "spiegelonline"; emoji go."""
    text = _EMOJI.sub("", text)
    text = _HASHTAG.sub(lambda m: f"{rules.hashtag_word} {m.group(1)}", text)
    return _MENTION.sub(lambda m: m.group(1), text)


def _phones(text: str, rules: Rules) -> str:
    """Telephone numbers digit by digit, in their groups: "030 12345678" is no thirty and twelve million."""
    def say(m: re.Match) -> str:
        groups = re.findall(r"\+?\d+", m.group(0))
        spoken = [(f"{rules.phone_plus} " if g[0] == "+" else "") + " ".join(_cardinal(int(d), rules) for d in g.lstrip("+"))
                  for g in groups]
        return ", ".join(spoken)

    for pattern in rules.phone_patterns:
        text = re.sub(pattern, say, text)
    return text


def _times(text: str, rules: Rules) -> str:
    if rules.clock_pattern:  # "14:30 Uhr" -> "vierzehn Uhr dreißig", "14 h 30" -> "quatorze heures trente"
        def clock(m: re.Match) -> str:
            hours, minutes = int(m.group(1)), int(m.group(2) or 0)
            if hours == 1:
                spoken = f"{rules.clock_one} {rules.clock_one_word or rules.clock_word}"
            else:
                spoken = f"{_cardinal(hours, rules)} {rules.clock_word}"
            return spoken + (f" {_cardinal(minutes, rules)}" if minutes else "")
        return re.sub(rules.clock_pattern, clock, text)

    def english(m: re.Match) -> str:
        hours, minutes, meridiem = int(m.group(1)), int(m.group(2)), m.group(3)
        spoken = _cardinal(hours, rules)
        if minutes:
            spoken += " " + (f"{rules.minute_zero} " if minutes < 10 else "") + _cardinal(minutes, rules)
        elif not meridiem:
            spoken += f" {rules.oclock}"
        return spoken + (" " + meridiem[0].upper() + ".M." if meridiem else "")
    return re.sub(r"\b([01]?\d|2[0-3]):([0-5]\d)(?:\s?([ap])\.?m\.?(?=\W|$))?", english, text)


def _dates(text: str, rules: Rules) -> str:
    months = "|".join(rules.months)
    if rules.slash_dates:  # "11/24/2026" (month first) or "24/11/2026" (day first)
        first, second = (1, 2) if rules.slash_dates == "mdy" else (2, 1)

        def slashed(m: re.Match) -> str:
            month, day, year = int(m.group(first)), int(m.group(second)), m.group(3)
            if not (1 <= month <= 12 and 1 <= day <= 31):
                return m.group(0)
            return rules.slash_date.format(month=rules.months[month - 1], day=day, year=year)
        text = re.sub(r"(?<![\d/])(\d{1,2})/(\d{1,2})/((?:19|20)\d\d)(?![\d/])", slashed, text)
    if rules.numeric_dates:  # "14.05.2024" -> "14. Mai 2024"; the ordinal pass reads the day
        def numeric(m: re.Match) -> str:
            day, month, year = int(m.group(1)), int(m.group(2)), m.group(3)
            return f"{day}. {rules.months[month - 1]}" + (f" {year}" if year else "")
        return re.sub(r"\b(0?[1-9]|[12]\d|3[01])\.(0?[1-9]|1[0-2])\.((?:19|20)\d\d)?(?!\d)", numeric, text)
    if not rules.ordinal_days:  # "14 mai": the day is a plain number
        return text

    suffix = f"(?:{rules.ordinal_suffix_pattern})?" if rules.ordinal_suffix_pattern else ""
    text = re.sub(rf"\b({months})\s+(\d{{1,2}}){suffix}\b",
                  lambda m: f"{m.group(1)} {_ordinal(int(m.group(2)), rules)}", text)
    return re.sub(rf"\b(\d{{1,2}}){suffix}\s+({months})\b",
                  lambda m: rules.day_of_month.format(day=_ordinal(int(m.group(1)), rules), month=m.group(2)), text)


def _ranges_and_signs(text: str, rules: Rules) -> str:
    text = re.sub(r"(?<=\d)\s?[–—]\s?(?=\d)", f" {rules.range_word} ", text)
    # "2020-2024", "10-20": a hyphen between two plain numbers is a range too (phone numbers are read already)
    text = re.sub(r"(?<![\w.,/:-])(\d+)-(\d+)(?![\w-]|[.,]\d)", rf"\1 {rules.range_word} \2", text)
    # "3:1-Sieg", "2:0": a score (a time with two-digit minutes was read before)
    def score(m: re.Match) -> str:
        return f"{_cardinal(int(m.group(1)), rules)} {rules.score_word} {_cardinal(int(m.group(2)), rules)} "
    text = re.sub(rf"(?<![\w:.,])(\d{{1,2}}):(\d)(?![\d:])(?:-(?=[{UPPER}{LOWER}]))?", score, text)
    text = re.sub(rf"(?<![\w:.,])(\d{{1,2}}):(\d{{2}})-(?=[{UPPER}])", score, text)
    return re.sub(r"(?<![\w.,])[-−](?=\d)", f"{rules.minus} ", text)


def _fractions(text: str, rules: Rules) -> str:
    """"1/3" -> "ein Drittel", "2/3" -> "two thirds"; "24/7" is two numbers."""
    def say(m: re.Match) -> str:
        numerator, denominator = int(m.group(1)), int(m.group(2))
        names = rules.fractions.get(denominator)
        if names is None or not 0 < numerator < denominator:
            return f"{m.group(1)} {m.group(2)}"
        if numerator == 1:
            return f"{rules.fraction_one or rules.one} {names[0]}"
        return f"{_cardinal(numerator, rules)} {names[1]}"
    return re.sub(r"(?<![\w.,/])(\d{1,3})/(\d{1,3})(?![\w/]|[.,]\d)", say, text)


_ROMAN = re.compile(rf"\b([{UPPER}][{LOWER}]+) (X{{0,3}}(?:IX|IV|V?I{{0,3}}))\b(\.?)")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10}


def _roman(numeral: str) -> int:
    total = 0
    for i, c in enumerate(numeral):
        value = _ROMAN_VALUES[c]
        total += -value if i + 1 < len(numeral) and _ROMAN_VALUES[numeral[i + 1]] > value else value
    return total


def _regnal_numbers(text: str, rules: Rules) -> str:
    """"Friedrich II." -> "Friedrich der Zweite", "Louis XIV" -> "Louis the fourteenth", "World War II" -> "World War two".

    After a given name (the name data of articlecast.script.gender) a Roman numeral counts rulers, popes
    and heirs; after any other capitalised word it is a number ("Teil II", "Apollo XI")."""
    from articlecast.script.gender import name_usage

    def say(m: re.Match) -> str:
        word, numeral, period = m.group(1), m.group(2), m.group(3)
        if not numeral or (len(numeral) == 1 and not period) or not rules.regnal:
            return m.group(0)
        word_ = f"{word} "
        n = _roman(numeral)
        rest = m.string[m.end():]
        # "Friedrich II. war": the period belongs to the numeral; before a capital it may also end the sentence
        keep = period if period and re.match(rf"\s*$|\s+[{UPPER}]", rest) else ""
        if name_usage(word) != "unknown":
            return word_ + rules.regnal.format(ordinal=_ordinal(n, rules), cardinal=_cardinal(n, rules)) + keep
        return word_ + _cardinal(n, rules) + (period if not rules.ordinal_period else keep)

    return _ROMAN.sub(say, text)


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
        # the unit names are the own language's words: never taken for foreign ones ("Grad Celsius")
        if singular:
            words = [(nouns[0].article or rules.one) if rules.unit_articles else rules.one]
            words += [markup.protected(nouns[0].one)] + [markup.protected(u.many) for u in nouns[1:]]  # "eine Million Euro"
        else:
            words = [_say_number(written, rules)] + [markup.protected(u.many) for u in nouns]
        return " ".join(words)

    return pattern.sub(say, text)


def _unit_compounds(text: str, rules: Rules) -> str:
    """"5-km-Lauf" -> "fünf Kilometer Lauf", "a 5-km run" -> "a five kilometer run"."""
    pattern = rf"(?<![\w.,])({_number_pattern(rules)})-({_alternation(rules.units)})(?![\w²])(-?)"

    def say(m: re.Match) -> str:
        written, unit, joiner = m.group(1), rules.units[m.group(2)], m.group(3)
        whole, fraction = _split_number(written, rules)
        name = unit.one if rules.unit_compound_singular or (whole == 1 and not fraction) else unit.many
        number = (unit.article or rules.one) if whole == 1 and not fraction and rules.unit_articles else \
            _say_number(written, rules)
        return f"{number} {markup.protected(name)}" + (" " if joiner else "")
    return re.sub(pattern, say, text)


def _money(whole: int, cents: int, currency: Unit, rules: Rules) -> str:
    """"fünf Euro neunundneunzig", "five dollars and ninety-nine cents"."""
    name = currency.one if whole == 1 else currency.many
    spoken = f"{(currency.article or rules.one) if whole == 1 else _cardinal(whole, rules)} {name}"
    if not cents:
        return spoken
    minor = rules.minor_units.get(name)
    return spoken + (f" {rules.money_and} {_cardinal(cents, rules)} {minor}" if minor else f" {_cardinal(cents, rules)}")


def _symbols(text: str, rules: Rules) -> str:
    text = re.sub(r"\s[–—]\s", ", ", text)  # a dash between clauses is a pause
    text = re.sub(rf"(?<=[{LOWER}])/(?=[{LOWER}{UPPER}])", f" {rules.or_word} ", text)
    for symbol, word in rules.symbols.items():
        text = text.replace(symbol, f" {word} ")
    return text


def _ordinals(text: str, rules: Rules) -> str:
    if rules.ordinal_suffix_pattern:  # "3rd"
        return re.sub(rf"\b(\d+)(?:{rules.ordinal_suffix_pattern})\b", lambda m: _ordinal(int(m.group(1)), rules), text)
    if not rules.ordinal_period:
        return text

    months = "|".join(rules.months)

    def period(m: re.Match) -> str:  # "am 3. Mai"
        before, n, after = m.group(1), int(m.group(2)), m.group(3)
        is_month = re.match(months, after) is not None
        previous = before.split()[-1] if before.split() else ""
        # "im Jahr 2023. Danach": a number ending a sentence is no ordinal; "zum 100. Mal" is
        if after[:1].isupper() and not is_month and n >= 100 and previous.lower() not in rules.ordinal_n_after \
                and previous.lower() not in rules.dateline_articles:
            return m.group(0)
        spoken = _ordinal(n, rules)
        if previous in rules.ordinal_n_after or previous.lower() in rules.ordinal_n_after:
            spoken += rules.ordinal_n
        elif is_month and previous.lower() not in rules.dateline_articles:
            spoken += rules.dateline_r  # a dateline: "Berlin, vierzehnter Mai"
        return f"{before}{spoken} "

    return re.sub(rf"(^|[^\w.,]*\w*\s)(\d{{1,3}})\.\s+(?=([{UPPER}{LOWER}]\w*))", period, text)


def _numbers(text: str, rules: Rules) -> str:
    last_year = rules.last_year  # German 2024 reads the same as a year or a count
    other_mark = "." if rules.decimal_mark == "," else ","
    # a version or a decimal with the other language's mark: "3.5" in German, "2,5" in English
    text = re.sub(rf"\b(\d+){re.escape(other_mark)}(\d{{1,2}}|\d{{4,}})\b",
                  lambda m: f"{_cardinal(int(m.group(1)), rules)} {rules.point_word} "
                  + " ".join(_cardinal(int(d), rules) for d in m.group(2)), text)
    text = re.sub(r"\b(1[1-9]\d0|20[0-9]0)(er|s)\b", lambda m: _decade(int(m.group(1)), rules), text)
    if rules.short_decades:  # "the '90s" -> "the nineties", "die 90er" -> "die neunziger"
        text = re.sub(rf"(?:['’]|\b)([1-9]0){rules.short_decades}\b", lambda m: _short_decade(int(m.group(1)), rules), text)

    def say(m: re.Match) -> str:
        written = m.group(0)
        if re.fullmatch(r"\d{4}", written) and 1100 <= int(written) <= last_year:
            return _year(int(written), rules)
        if written == "1" and rules.one_before_noun:
            noun = re.match(rf"\s+([{UPPER}{LOWER}]+)", m.string[m.end():])
            if noun and (noun.group(1)[0].isupper() or not rules.one_before_capital):
                # "1 Person": "eine", "1 Haus": "ein", not "eins"
                feminine = rules.one_feminine and noun.group(1).lower().endswith(rules.feminine_noun_endings)
                if feminine or rules.one_before_capital:
                    return rules.one_feminine if feminine else rules.one
        return _say_number(written, rules)

    return re.sub(rf"(?<!\w)(?:{_number_pattern(rules)})(?!\w)", say, text)  # not inside "A380", "Wahl2026"


def _short_decade(tens: int, rules: Rules) -> str:
    spoken = _cardinal(tens, rules)
    if rules.decade_y_plural and spoken.endswith("y"):
        return spoken[:-1] + rules.decade_y_plural
    return spoken + rules.decade_suffix


def _decade(year: int, rules: Rules) -> str:
    """"1990er" -> "neunzehnhundertneunziger", "1990s" -> "nineteen nineties"."""
    spoken = _year(year, rules)
    if rules.decade_y_plural and spoken.endswith("y"):
        return spoken[:-1] + rules.decade_y_plural
    return spoken + rules.decade_suffix


def _abbreviations(text: str, rules: Rules) -> str:
    for written, spoken in sorted(rules.abbreviations.items(), key=lambda kv: -len(kv[0])):
        flexible = r"\s?".join(re.escape(part) for part in written.split(" "))  # "z. B." and "z.B."
        end = "" if written.endswith(".") else r"(?!\w)"
        if written[:1].islower():  # "Ca. 50 Leute" opening a sentence is "ca." (not "Sog. Dann", a noun's sentence end)
            capital = re.escape(written[0].upper()) + flexible[len(re.escape(written[0])):]
            flexible = rf"(?:{flexible}|{capital}(?=\s+[{LOWER}\d]))"
        pattern = re.compile(rf"(?<![\w.]){flexible}" + end)

        def replace(m: re.Match, spoken=spoken, keeps_period=written in rules.sentence_final) -> str:
            # "… und so weiter. Dann": the abbreviation's period also ended the sentence
            ends_sentence = keeps_period and re.match(rf"\s*$|\s+[{UPPER}]", m.string[m.end():])
            said = spoken[:1].upper() + spoken[1:] if m.group(0)[:1].isupper() else spoken
            return said + ("." if ends_sentence else "")

        text = pattern.sub(replace, text)
    return text


def _acronyms(text: str, rules: Rules) -> str:
    def say(m: re.Match) -> str:
        word, plural = m.group(1), m.group(2) or ""
        foreign = rules.foreign_acronyms.get(word)
        if foreign:  # "CEO" in German: the English letters, in English
            other = languages.get(foreign).numbers
            return markup.foreign(other.spell_joiner.join(other.letters.get(c, c) for c in word), foreign) + plural
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
    _social, _addresses, _phones, _times, _dates, _regnal_numbers, _ranges_and_signs, _fractions, _unit_compounds,
    _amounts, _ordinals, _numbers, _abbreviations, _acronyms, _symbols,
    _whitespace,
)
