"""Find the quoted stretches of a paragraph: where the marks open and close.

Whether a span is speech or a scare-quoted term is decided later (see speakers.py);
this module only knows typography: which mark opens, which closes it, and how an
apostrophe (don’t, Wang’s) or a comma look-alike (‚) differs from a quote mark.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from articlecast import languages
from articlecast.script.cues import SPEECH_VERBS


@dataclass(frozen=True)
class QuoteSpan:
    """Offsets into the paragraph: the marks at start/end, the words between text_start and text_end."""

    start: int
    end: int
    text_start: int
    text_end: int
    closed: bool


@dataclass(frozen=True)
class _Mark:
    closers: str
    needs_space_before: bool  # ambiguous marks open only after a space or a bracket
    may_stay_open: bool  # double marks may be left open by a typo; single ones must close


# “ opens in English but closes in German („…“): as a closer it is found from its opener,
# as an opener it needs a space before it, so „Wort“ never opens at the “.
_MARKS: dict[str, _Mark] = {
    "„": _Mark("“”\"", False, True),
    "“": _Mark("”“\"", True, True),  # a straight mark may close a curly one: pages mix both
    '"': _Mark('"”', True, True),
    "»": _Mark("«", False, True),
    "«": _Mark("»", False, True),
    "‚": _Mark("‘’", True, False),
    "‘": _Mark("’", True, False),
    "'": _Mark("'", True, False),
}
_OPEN_AFTER = " \t\n([{/–—-:"  # what may stand before an ambiguous opening mark
# French sets guillemets off with a (narrow) no-break space: « Oui », a-t-il dit. One such space inside
# the marks belongs to the typography, not to the quote.
_GUILLEMET_SPACES = " \u00a0\u202f"
_ALL_MARKS = set("„“”\"»«‚‘’'")
_COMMA_CUE = re.compile(r",\s+(\w+)")


def _guillemet_openers(text: str) -> set[str]:
    """»German« or «French»: whichever comes first in the paragraph opens."""
    first = re.search(r"[»«]", text)
    return {first.group()} if first else set()


def _is_opener(text: str, i: int, guillemets: set[str]) -> bool:
    mark = text[i]
    spec = _MARKS.get(mark)
    if spec is None or (mark in "»«" and mark not in guillemets):
        return False
    after = i + 2 if mark in "»«" and text[i + 1:i + 2] in tuple(_GUILLEMET_SPACES) else i + 1
    if after >= len(text) or text[after].isspace():
        return False
    if spec.needs_space_before and i > 0 and text[i - 1] not in _OPEN_AFTER:
        return False
    if not spec.may_stay_open and not text[i + 1].isalnum():
        return False
    return True


def _is_closer(text: str, i: int, opener: str) -> bool:
    if text[i] not in _MARKS[opener].closers or i == 0:
        return False
    spaced = opener in "»«" and text[i - 1] in _GUILLEMET_SPACES and i > 1 and not text[i - 2].isspace()
    if text[i - 1].isspace() and not spaced:
        return False
    # An apostrophe is followed by a letter (don’t, Wang’s); a closing mark is not.
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isalpha()


def _cue_bound(text: str, start: int, stop: int, language: str) -> int | None:
    """Where a quote left open ends because the narrator's speech verb follows: „…, fasst X zusammen."""
    language_ = languages.get(language)
    verbs = SPEECH_VERBS[language_.code]
    for m in _COMMA_CUE.finditer(text, start, stop):
        if m.group(1).lower() in verbs and m.group(1).lower() not in language_.attribution.comma_only_sources:
            return m.start()
    return None


def find_quotes(text: str, language: str = languages.DEFAULT, runs_on: bool = False) -> list[QuoteSpan]:
    """Quote spans of one paragraph, in order and never overlapping.

    `runs_on` says the next paragraph opens with a quote mark: by the typesetting rule a
    quote that stays open at the end of this paragraph goes on there, so it runs to the end.
    """
    spans: list[QuoteSpan] = []
    guillemets = _guillemet_openers(text)
    i = 0
    while i < len(text):
        if text[i] not in _MARKS or not _is_opener(text, i, guillemets):
            i += 1
            continue
        span = _span_from(text, i, language, runs_on, guillemets)
        if span is None:
            i += 1
            continue
        spans.append(span)
        i = span.end
    return spans


def _nested_close(text: str, i: int, guillemets: set[str]) -> int | None:
    """Where a quote closes that holds a quote in the same marks: „Wir wollen „Kleine Häuser“ bauen“.
    Only for an opening mark that never closes („ » «), and only when every inner quote closes too;
    None otherwise (then the same mark opening again means the first was never closed)."""
    opener = text[i]
    if opener not in _NESTING:
        return None
    depth, j, nested = 1, i + 1, False
    while j < len(text):
        if text[j] == opener and _is_opener(text, j, guillemets):
            depth, nested = depth + 1, True
        elif _is_closer(text, j, opener):
            depth -= 1
            if depth == 0:
                return j if nested else None
        j += 1
    return None


_NESTING = "„»«"  # marks that only ever open: a second one inside a quote opens a quote inside it


def _span_from(text: str, i: int, language: str, runs_on: bool, guillemets: set[str]) -> QuoteSpan | None:
    opener = text[i]
    spec = _MARKS[opener]
    nested = _nested_close(text, i, guillemets)
    if nested is not None:
        start, end = _inner(text, i + 1, nested)
        return QuoteSpan(i, nested + 1, start, end, True) if end > start else None
    j = i + 1
    while j < len(text):
        if _is_closer(text, j, opener):
            start, end = _inner(text, i + 1, j)
            if end <= start:
                return None
            return QuoteSpan(i, j + 1, start, end, True)
        if text[j] == opener and _is_opener(text, j, guillemets) and spec.may_stay_open:
            break  # the same mark opens again: this quote was never closed
        j += 1
    if not spec.may_stay_open:
        return None
    reopened = j if j < len(text) else None
    end = reopened if reopened is not None else len(text)
    if not (runs_on and reopened is None):
        end = _cue_bound(text, i + 1, end, language) or end
    text_start, text_end = _inner(text, i + 1, end)
    if text_end <= text_start:
        return None
    return QuoteSpan(i, end, text_start, text_end, False)


def _inner(text: str, start: int, end: int) -> tuple[int, int]:
    """The quote's words between the marks, without the spaces that French typography puts inside."""
    while start < end and text[start] in _GUILLEMET_SPACES:
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def opens_with_quote(text: str) -> bool:
    """Does the paragraph start with an opening mark (a quote running on from the one before)?"""
    stripped = text.lstrip()
    return bool(stripped) and _is_opener(stripped, 0, _guillemet_openers(stripped))


def strip_marks(text: str) -> str:
    """The words of a quote without marks at its ends (a closing mark left inside a bound quote)."""
    return text.strip().strip("".join(_ALL_MARKS)).strip()


_WORD = re.compile(r"\w+")
_SENTENCE_END = (".", "!", "?", "…")
_TERM_MAX_WORDS = 3  # „BAT“, die „Vertrauenswürdigkeit“, einen „nationalen KI-Plan“
_FRAGMENT_MAX_WORDS = 6  # a longer quote is speech even mid-sentence


QuoteKind = Literal["speech", "fragment", "term"]


def quote_kind(text: str, span: QuoteSpan, introducers: frozenset[str], verbs: frozenset[str],
               minor: frozenset[str] = frozenset()) -> QuoteKind:
    """Speech, a scare-quoted term (a title, a name), or a fragment that may be either.

    A term is glued to a word (Online-„Gerüchte“), or short and not a sentence of its own.
    A fragment is a few words that an article or preposition builds into the narrator's
    sentence ("sprach von einer „Gefahr für Leib und Leben“"): speech only if the sentence
    says who spoke. `minor`: the words a title of the language keeps in lower case ("for", "of").
    """
    inner = text[span.text_start:span.text_end]
    n_words = len(_WORD.findall(inner))
    before = text[:span.start].rstrip()
    if span.start > 0 and (text[span.start - 1].isalnum() or text[span.start - 1] in "-‐/"):
        return "term"
    whole_sentence = inner[:1].isupper() and (inner.rstrip().endswith(_SENTENCE_END) or _cue_follows(text, span, verbs))
    title_case = _title_case(inner, minor)
    if n_words <= _TERM_MAX_WORDS and title_case and before[-1:].isalnum():
        # a title or a nickname the narrator's sentence names, even with its own full stop:
        # starred in "Marriage Story.", called him "Mini Mike."
        return "term"
    if n_words <= _TERM_MAX_WORDS:
        return "speech" if whole_sentence and n_words >= 2 else "term"
    if not whole_sentence and title_case:
        return "term"  # every word capitalised: a title or a name („Iceland Nature Conservation Association“)
    previous_word = _WORD.findall(before[-30:])[-1:] if before and before[-1].isalnum() else []
    if previous_word and previous_word[0].lower() in introducers and n_words <= _FRAGMENT_MAX_WORDS:
        return "speech" if whole_sentence else "fragment"
    return "speech"


_TITLE_WORD = re.compile(r"\w[\w'’]*")  # "One's" is one word of a title


def _title_case(inner: str, minor: frozenset[str]) -> bool:
    """Every word capitalised (or a number), but for the language's minor title words after the first."""
    words = _TITLE_WORD.findall(inner)
    return bool(words) and all(w[0].isupper() or w[0].isdigit() or (i > 0 and w in minor) for i, w in enumerate(words))


def is_speech(text: str, span: QuoteSpan, introducers: frozenset[str], verbs: frozenset[str]) -> bool:
    """Speech for sure, whatever the sentence around it says."""
    return quote_kind(text, span, introducers, verbs) == "speech"


def _cue_follows(text: str, span: QuoteSpan, verbs: frozenset[str]) -> bool:
    """A speech verb within the next few words: „Nein“, sagt Ina / "No," Ina Clarke said."""
    m = re.match(r"\s*,?\s*((?:[\w’'-]+\s+){0,3}[\w’'-]+)", text[span.end:])
    return bool(m) and any(w.lower() in verbs and w.islower() for w in m.group(1).split())
