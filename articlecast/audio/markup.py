"""Speakable text that says which words belong to another language, and which the user fixed.

Normalization marks a foreign word ("Startup" in a German sentence) with private-use characters
that never occur in articles; an engine that can switch language mid-sentence (espeak-ng, through
SSML) reads the marks, every other engine gets `plain(text)`. The marks are part of the text, so
the synthesis cache key changes when the detection does.

    foreign("Startup", "en")  -> "\\ue000en\\ue002Startup\\ue001"
    protected("Wübbecke")     -> "\\ue003Wübbecke\\ue004"   (a lexicon entry: never re-marked)
"""
from __future__ import annotations

import re

_OPEN, _SEP, _CLOSE = "\ue000", "\ue002", "\ue001"
_PROTECT, _UNPROTECT = "\ue003", "\ue004"
_ALL = _OPEN + _SEP + _CLOSE + _PROTECT + _UNPROTECT
_FOREIGN = re.compile(f"{_OPEN}([a-z]{{2,3}}){_SEP}(.*?){_CLOSE}", re.DOTALL)
# What later passes must leave alone: a marked foreign run or a protected lexicon entry.
MARKED = re.compile(f"{_OPEN}.*?{_CLOSE}|{_PROTECT}.*?{_UNPROTECT}", re.DOTALL)


def foreign(text: str, language: str) -> str:
    return f"{_OPEN}{language}{_SEP}{text}{_CLOSE}"


def protected(text: str) -> str:
    return f"{_PROTECT}{text}{_UNPROTECT}"


def clean(text: str) -> str:
    """Article text without any of the marks (an article cannot smuggle them in)."""
    return text.translate({ord(c): None for c in _ALL})


def unprotected(text: str) -> str:
    """Without the lexicon's protection marks, once the foreign words are found: the engine never sees them."""
    return text.translate({ord(_PROTECT): None, ord(_UNPROTECT): None})


def plain(text: str) -> str:
    """The words alone, for an engine that cannot switch language."""
    return clean(_FOREIGN.sub(r"\2", text))


def parts(text: str) -> list[tuple[str | None, str]]:
    """[(None, "Das "), ("en", "Startup"), (None, " wächst.")]: runs in the text's own language (None) or another."""
    out: list[tuple[str | None, str]] = []
    position = 0
    for m in _FOREIGN.finditer(text):
        if m.start() > position:
            out.append((None, clean(text[position:m.start()])))
        out.append((m.group(1), clean(m.group(2))))
        position = m.end()
    if position < len(text):
        out.append((None, clean(text[position:])))
    return [(language, words) for language, words in out if words]


def has_foreign(text: str) -> bool:
    return _OPEN in text


def outside_marks(text: str, replace) -> str:
    """Apply `replace` (str -> str) to the stretches of `text` outside marked runs."""
    out, position = [], 0
    for m in MARKED.finditer(text):
        out.append(replace(text[position:m.start()]))
        out.append(m.group(0))
        position = m.end()
    out.append(replace(text[position:]))
    return "".join(out)
