"""Page furniture that is never read aloud: one table of whole-line patterns, German and English.

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

from articlecast.errors import InputError

USER_PATTERN_TIMEOUT_S = 1.0  # per line (CPU time); the built-in table needs microseconds
MAX_BOILERPLATE_CHARS = 400  # an affiliate notice is ~200 characters; prose paragraphs are longer

# (language, what it is, pattern); matched case-insensitively against the whole line.
BOILERPLATE: tuple[tuple[str, str, str], ...] = (
    ("de", "consent", r"Um diese Inhalte zu sehen,? (?:akzeptieren|aktivieren) Sie bitte (?:unsere|die) Cookies\.?"),
    ("de", "consent", r"(?:Cookies?|Cookie-Einstellungen|Datenschutz-?Einstellungen|Einwilligung)"
                      r" (?:verwalten|anpassen|ändern|widerrufen)"),
    ("de", "consent", r"(?:Alle )?Cookies (?:akzeptieren|zulassen|ablehnen|erlauben)"),
    ("de", "consent", r"(?:Externe[rn]? )?Inhalte? (?:laden|anzeigen|aktivieren|freigeben)"),
    ("de", "consent", r"Wir verwenden Cookies.{0,300}"),
    ("en", "consent", r"(?:Accept|Reject|Manage|Allow|Decline) (?:all )?cookies\.?"),
    ("en", "consent", r"(?:Cookie|Privacy) (?:settings|preferences|policy)"),
    ("en", "consent", r"To (?:see|view) this content,? (?:please )?(?:accept|enable|allow) (?:our |the )?cookies\.?"),
    ("en", "consent", r"This (?:site|website) uses cookies.{0,300}"),
    ("de", "affiliate", r"Hinweis zu Affiliate-Links\s*:.*"),
    ("de", "affiliate", r"(?:Dieser Artikel|Dieser Beitrag|Diese Seite) enthält (?:sogenannte )?Affiliate-Links.*"),
    ("en", "affiliate", r"We (?:may )?earn (?:a )?(?:small )?(?:commission|revenue).*"),
    ("en", "affiliate", r"(?:This (?:article|post|page) contains affiliate links|Affiliate disclosure\s*:).*"),
    ("de", "teaser", r"(?:[\w-]+ ){0,2}empfiehlt:?"),
    ("de", "teaser", r"Mehr zum Thema:?"),
    ("de", "teaser", r"(?:Jetzt )?(?:zum )?Newsletter (?:abonnieren|anmelden|bestellen)"),
    ("de", "teaser", r"(?:Artikel |Beitrag )?teilen"),
    ("de", "teaser", r"Weiterlesen|Mehr lesen|Lesen Sie auch:?.{0,200}|Das könnte Sie auch interessieren:?"),
    ("de", "teaser", r"(?:Weitere )?(?:Themenverwandte|Verwandte) Artikel:?|Weitere Artikel zum Thema:?"),
    ("de", "advert", r"Anzeige|Werbung|Sponsored"),
    ("en", "teaser", r"Share(?: this)?(?: article| story| post)?(?: on \w+)?:?"),
    ("en", "teaser", r"Read more:?|Continue reading|Read (?:the )?(?:full )?story"),
    ("en", "teaser", r"Recommended(?: for you| stories| reading)?:?"),
    ("en", "teaser", r"(?:Related|More) (?:articles|stories|on this topic):?|Related:?"),
    ("en", "teaser", r"(?:Sign up|Subscribe) (?:now|for|to) (?:our |the )?newsletter.{0,200}|Subscribe(?: now)?"),
    ("en", "advert", r"Advertisement|Sponsored content"),
    ("any", "icon", r"icon_[\w-]+|ic_[\w-]+"),
    ("de", "credit", r"(?:Foto|Fotos|Bild|Bilder|Titelbild|Aufmacherbild)\s*:.{0,200}"),
    ("en", "credit", r"(?:Photo|Photograph|Image|Picture|Credit|Photo credit)s?\s*:.{0,200}"),
)


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
