"""The languages articlecast reads and speaks, and the one registry everything else asks.

Each language is one module beside this file exporting `LANGUAGE`, a frozen `Language` (see
model.py): its quote cues, page clutter, numbers, labels and voices. No other module names a
language; they call `get(code)` for the article's or show's language, or `all()` when any
language's words count (a German article quotes "Mr Smith" too).

The fallback rule, stated once: an unknown or missing code means the default language,
German, the language the product is made for first (`get`). Code that must tell "unknown"
apart (an ID3 tag says "und") uses `find`.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from importlib import import_module
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from articlecast.languages.model import Language

# The model's classes, re-exported here but loaded on first use (`__getattr__` below): commands that never
# read an article (`articlecast update` polling a feed that answers 304) need the language codes only.
_MODEL_NAMES = frozenset({"Attribution", "Gender", "Grammar", "Labels", "Language", "Numbers", "Pronunciation", "Text",
                          "Unit", "Voices"})

__all__ = ["Attribution", "Gender", "Grammar", "Labels", "Language", "Numbers", "Pronunciation", "Text", "Unit", "Voices",
           "DEFAULT", "all", "codes", "find", "get", "normalize_code", "union"]

# The registry: one module per language, named by its code. Adding a language is one module and one line here.
_MODULES = ("de", "en", "fr")
DEFAULT = _MODULES[0]

_T = TypeVar("_T")
_REGISTRY: dict[str, Language] = {}


def _registry() -> dict[str, Language]:
    if not _REGISTRY:
        for name in _MODULES:
            language: Language = import_module(f"{__name__}.{name}").LANGUAGE
            _REGISTRY[language.code] = language
    return _REGISTRY


def normalize_code(code: str) -> str:
    """A user's "DE", "de-AT" or "en_GB" -> the primary subtag ("de", "en")."""
    return re.split(r"[-_]", code.strip().lower(), maxsplit=1)[0]


def find(code: str | None) -> Language | None:
    """The language for `code` (any case, any region subtag), or None when articlecast does not know it."""
    return _registry().get(normalize_code(code)) if code else None


def get(code: str | None) -> Language:
    """The language for `code`; an unknown or missing code falls back to DEFAULT (the one fallback rule)."""
    return find(code) or _registry()[DEFAULT]


def all() -> tuple[Language, ...]:  # noqa: A001 - the registry's natural name
    """Every known language, the default first."""
    return tuple(_registry().values())


def codes() -> tuple[str, ...]:
    """The known codes, the default first; the modules' names, so nothing is loaded to say them."""
    return _MODULES


def __getattr__(name: str):
    if name in _MODEL_NAMES:
        from articlecast.languages import model

        return getattr(model, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def union(part: Callable[[Language], Iterable[_T]]) -> frozenset[_T]:
    """One table from every language's: for rules that hold whatever the article's language."""
    return frozenset(x for language in all() for x in part(language))


def ordered_union(part: Callable[[Language], Iterable[_T]]) -> tuple[_T, ...]:
    """`union`, keeping each language's order (for suffix lists tried in turn)."""
    return tuple(dict.fromkeys(x for language in all() for x in part(language)))
