"""English words and names inside a German or French text, marked to be spoken as English.

A German voice reads "Startup" as "Schtart-uhp" and "Hype" as "hüpe". Which words are foreign
is decided from maintained word-frequency data (the `wordfreq` wheel: how common a word is in
each language's news, books, subtitles and web text) and the own language's spelling rules,
both per language in `articlecast.languages` (`Language.pronunciation`):

- the loan language must know the word well (Zipf frequency >= 3, about once per million words),
  and the own language not much better;
- a common own inflection ("Namen", "Posten", "Hände") or an own suffix ("Transformation") shows an
  own word, whatever English says;
- then either the spelling breaks the own orthography ("Facebook", "Hype", "Startup"; a weaker sign
  such as German "c" only when the loan language knows the word at least as well: "Tencent", but
  not "Corona" or "Mercedes"), or the word is clearly more frequent in the loan language ("Meeting");
- a word unknown to the own list, spelled against its rules, that is two loan words ("Copycat"), too;
- a capitalised neighbour clearly more frequent in the loan language joins a foreign name
  ("New York", "Washington Post").

The user's lexicon always wins: its words arrive protected (audio/markup.py) and are never
marked. Only a few hundred distinct words per article are looked up, each once.
"""
from __future__ import annotations

import functools
import re

from articlecast.audio import markup
from articlecast.languages import Language

MIN_LOAN_ZIPF = 3.0  # the loan language knows the word: at least once per million words
OWN_LEAD = 0.6  # ... and the own language at most this much better (Zipf is a log10 scale)
NATIVE_INFLECTION_ZIPF = 2.5  # an own inflection this common shows an own word
COMPOUND_PART_ZIPF = 3.5
COMPANION_LEAD = 0.3  # "York" joins "New": more frequent in the loan language by at least this
MIN_LETTERS = 4  # "Zoo", "Job", "App": too short to judge, the own reading is kept
WORDLIST = "small"  # wordfreq's small lists load in a tenth of a second; the large ones take two

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_CAMEL = re.compile(r"^[a-z]+[A-Z]")  # iPhone, eBay


def mark_foreign(text: str, language: Language) -> str:
    """`text` with every run of foreign words wrapped for the loan language's voice."""
    pronunciation = language.pronunciation
    if not pronunciation.loan_language:
        return text
    return markup.outside_marks(text, lambda part: _mark(part, language))


def _mark(text: str, language: Language) -> str:
    loan = language.pronunciation.loan_language
    words = list(_WORD.finditer(text))
    foreign = [is_foreign(m.group(), language.code) for m in words]
    grown = True
    while grown:  # "New York Times": capitalised neighbours join a foreign name, one after the other
        grown = False
        for i, m in enumerate(words):
            if foreign[i] or not m.group()[:1].isupper():
                continue
            near = any(0 <= j < len(words) and foreign[j] and words[j].group()[:1].isupper()
                       and _only_spaces(text, words[min(i, j)].end(), words[max(i, j)].start()) for j in (i - 1, i + 1))
            if near and _companion(m.group(), language.code):
                foreign[i] = grown = True
    out, position, i = [], 0, 0
    while i < len(words):
        if not foreign[i]:
            i += 1
            continue
        j = i
        while j + 1 < len(words) and foreign[j + 1] and _only_spaces(text, words[j].end(), words[j + 1].start()):
            j += 1
        out.append(text[position:words[i].start()])
        out.append(markup.foreign(text[words[i].start():words[j].end()], loan))
        position = words[j].end()
        i = j + 1
    out.append(text[position:])
    return "".join(out)


def _only_spaces(text: str, start: int, end: int) -> bool:
    return start < end and text[start:end].isspace()


@functools.lru_cache(maxsize=20_000)
def is_foreign(word: str, code: str) -> bool:
    """Is `word`, in a text of language `code`, a word of that language's loan language?"""
    from articlecast import languages

    rules = languages.get(code).pronunciation
    low = word.lower()
    if not rules.loan_language or len(low) < MIN_LETTERS or word.isupper() or any(c in rules.own_letters for c in low):
        return False
    if low.endswith(rules.native_suffixes):
        return False
    loan, own = _zipf(low, rules.loan_language), _zipf(low, code)
    spelled_foreign = bool(_CAMEL.match(word)) or any(re.search(pattern, low) for pattern in rules.foreign_spellings) \
        or (loan >= own and any(re.search(pattern, low) for pattern in rules.hint_spellings))
    if loan < MIN_LOAN_ZIPF:
        return own == 0 and spelled_foreign and _loan_compound(low, code, rules.loan_language)
    if loan < own - OWN_LEAD or _native_inflection(low, code, rules):
        return False
    if spelled_foreign:
        return True
    if rules.frequency_margin is None:
        return False
    return loan - own >= rules.frequency_margin or (loan - own >= rules.frequency_margin / 2 and own < 4.0)


def _companion(word: str, code: str) -> bool:
    from articlecast import languages

    rules = languages.get(code).pronunciation
    low = word.lower()
    if any(c in rules.own_letters for c in low):
        return False
    loan, own = _zipf(low, rules.loan_language), _zipf(low, code)
    return loan >= MIN_LOAN_ZIPF and loan - own >= COMPANION_LEAD  # "York" in "New York", though "New Yorker" is German


def _native_inflection(low: str, code: str, rules) -> bool:
    forms = [low + ending for ending in rules.native_endings]
    for plain, umlaut in sorted(rules.umlauts.items(), key=lambda kv: -len(kv[0])):
        at = low.rfind(plain)
        if at >= 0:
            stem = low[:at] + umlaut + low[at + len(plain):]
            forms += [stem + "e", stem + "er"]
            break
    return any(_zipf(form, code) >= NATIVE_INFLECTION_ZIPF and _zipf(form, code) > _zipf(form, rules.loan_language)
               for form in forms)


def _loan_compound(low: str, code: str, loan: str) -> bool:
    """ "copycat" = copy + cat: two words of the loan language, neither an own word."""
    for cut in range(3, len(low) - 2):
        head, tail = low[:cut], low[cut:]
        leads = [_zipf(part, loan) - _zipf(part, code) for part in (head, tail)]
        if all(_zipf(part, loan) >= COMPOUND_PART_ZIPF for part in (head, tail)) and min(leads) > 0 and max(leads) >= 0.9:
            return True
    return False


def _zipf(word: str, code: str) -> float:
    """wordfreq's Zipf frequency of a lower-case word (0 when unknown), as `wordfreq.zipf_frequency` gives it."""
    return _table(code).get(word, 0.0)


@functools.cache
def _table(code: str) -> dict[str, float]:
    """wordfreq's word list of a language, read from the wheel's data file without importing wordfreq.

    Importing wordfreq costs 0.4 s (its tokenizers pull in regex, ftfy and langcodes), more than the
    whole detection; its lists are "cBpack" files: a header, then bins of words by frequency, bin i
    holding the words of -i centibels, i.e. Zipf 9 - i/100. Reading two takes 0.1 s."""
    import gzip
    import importlib.util
    from pathlib import Path

    import msgpack

    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return {}  # no data: no word is taken for foreign
    path = Path(spec.submodule_search_locations[0]) / "data" / f"{WORDLIST}_{code}.msgpack.gz"
    if not path.is_file():
        return {}
    header, *bins = msgpack.unpackb(gzip.decompress(path.read_bytes()), raw=False)
    if header.get("format") != "cB":
        return {}
    table: dict[str, float] = {}
    for i, words in enumerate(bins):
        zipf = round(9 - i / 100, 2)
        for word in words:
            table.setdefault(word, zipf)
    return table
