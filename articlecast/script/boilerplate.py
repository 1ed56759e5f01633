"""Page furniture that is never read aloud: one table of whole-line patterns from every language.

A pattern must match the whole (stripped) line, and only short lines are tested, so a
paragraph that merely mentions cookies or newsletters is never dropped.

The user's own patterns (`--drop`, `[boilerplate] patterns`) run on the `regex` module with a
time limit per line: a pattern such as `^(a+)+$` that backtracks without end on Python's `re`
cannot hang a build; one that still runs out of time is an input error naming it.
"""
from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from articlecast import languages
from articlecast.errors import InputError

USER_PATTERN_TIMEOUT_S = 1.0  # per line (CPU time); the built-in table needs microseconds
MAX_BOILERPLATE_CHARS = 400  # an affiliate notice is ~200 characters; prose paragraphs are longer

# (language, what it is, pattern); matched case-insensitively against the whole line.
# The words live in each language's module (`Language.text.boilerplate`); only what no language owns is here.
BOILERPLATE: tuple[tuple[str, str, str], ...] = (
    *((language.code, kind, pattern) for language in languages.all() for kind, pattern in language.text.boilerplate),
    ("any", "icon", r"icon_[\w-]+|ic_[\w-]+|[a-z]+_[a-z_]+\b.{0,40}"),  # icon font names: "bookmark_border 3"
)


# Agencies and photo libraries named in a credit "(picture alliance / dpa / Jane Roe)": names, in every language.
AGENCIES = (r"dpa|AFP|AP|Reuters|SID|KNA|epd|APA|sda|Keystone|Getty Images|picture[- ]alliance|imago(?: images)?|"
            r"Shutterstock|iStock|EPA|ANP|Belga|Xinhua")


@lru_cache(maxsize=1)
def appeal_pattern() -> re.Pattern[str]:
    """Calls to act (donate, subscribe, follow, click here) of every language, searched in a short paragraph."""
    patterns = [pattern for language in languages.all() for _, pattern in language.text.appeals]
    return re.compile("|".join(f"(?:{p})" for p in patterns) or r"(?!)", re.IGNORECASE)


@lru_cache(maxsize=1)
def credit_pattern() -> re.Pattern[str]:
    """A photo or agency credit in parentheses: "(Photo: Jane Roe)", "(Bild)", "(picture alliance / dpa)"."""
    words = "|".join(sorted(languages.union(lambda language: language.text.credit_words)))
    return re.compile(rf"\s*\((?:(?:{words})(?:\s*:[^()]{{0,80}})?|[^()]{{0,60}}\b(?:{AGENCIES})\b[^()]{{0,60}})\)")


@dataclass(frozen=True)
class BoilerplateFilter:
    """The built-in table plus the user's own regexes (searched, so they may use ^ and $)."""

    builtin: re.Pattern[str]
    extra: tuple[regex.Pattern, ...] = ()

    def matches(self, line: str) -> bool:
        line = line.strip()
        if not line or len(line) > MAX_BOILERPLATE_CHARS:
            return False
        if self.builtin.fullmatch(line):
            return True
        return bool(self.extra) and any(_search(p, line) for p in self.extra)


def _search(pattern: regex.Pattern, line: str) -> bool:
    """One user pattern on one line; a pattern that needs more than its time on any line is refused."""
    started = time.thread_time()
    try:
        found = pattern.search(line, timeout=USER_PATTERN_TIMEOUT_S) is not None
    except TimeoutError:
        found = None
    if found is None or time.thread_time() - started > USER_PATTERN_TIMEOUT_S:  # regex checks its clock now and then
        raise InputError(f"boilerplate pattern {pattern.pattern!r} takes too long on a line "
                         f"(more than {USER_PATTERN_TIMEOUT_S} s); write it without nested repetition")
    return found


@lru_cache(maxsize=1)
def _builtin_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for _, _, pattern in BOILERPLATE), re.IGNORECASE)


def boilerplate_filter(extra_patterns: Sequence[str] = ()) -> BoilerplateFilter:
    extra = []
    for pattern in extra_patterns:
        try:
            extra.append(regex.compile(pattern, regex.VERSION0))  # the syntax of Python's re
        except (regex.error, OverflowError, RecursionError) as e:
            raise InputError(f"boilerplate pattern {pattern!r} is not a valid regular expression: {e}") from e
    return BoilerplateFilter(_builtin_pattern(), tuple(extra))
