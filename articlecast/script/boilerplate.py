"""Page furniture that is never read aloud: one table of whole-line patterns, German and English.

A pattern must match the whole (stripped) line, and only short lines are tested, so a
paragraph that merely mentions cookies or newsletters is never dropped.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from articlecast.errors import InputError

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
    ("de", "teaser", r"Weiterlesen|Mehr lesen|Lesen Sie auch:?.{0,200}|Das könnte (?:Sie|Dich|dich|euch) auch interessieren:?.{0,200}"),
    ("de", "teaser", r"(?:Mehr|Weitere|Alle) (?:Videos|Artikel|Nachrichten|Bilder|News)(?: zum Thema| aus \w+)?:?"),
    ("de", "teaser", r"Zurück zur Startseite|Diskussion zu diesem Artikel(?: auf)?:?.{0,100}"),
    ("de", "comments", r"(?:\d+ )?Kommentare?|Bitte melden Sie sich an, um zu kommentieren\.?"),
    ("de", "credit", r"(?:Verwendete )?Quellen?\s*:.{0,200}|Mitarbeit\s*:.{0,100}"),
    ("de", "teaser", r"(?:Weitere )?(?:Themenverwandte|Verwandte) Artikel:?|Weitere Artikel zum Thema:?"),
    ("de", "advert", r"Anzeige|Werbung|Sponsored"),
    ("en", "teaser", r"Share(?: this)?(?: article| story| post)?(?: on \w+)?:?"),
    ("en", "teaser", r"Read more(?:\s*:.{0,200})?|Continue reading|Read (?:the )?(?:full )?story|(?:More|Related)\s*:.{0,200}"),
    ("en", "comments", r"(?:\d+ )?Comments?"),
    ("en", "credit", r"Sources?\s*:.{0,200}|.{0,80} contributed (?:reporting )?to this (?:report|story|article)\.?"),
    ("en", "teaser", r"Recommended(?: for you| stories| reading)?:?"),
    ("en", "teaser", r"(?:Related|More) (?:articles|stories|on this topic):?|Related:?"),
    ("en", "teaser", r"(?:Sign up|Subscribe) (?:now|for|to) (?:our |the )?newsletter.{0,200}|Subscribe(?: now)?"),
    ("en", "advert", r"Advertisement|Sponsored content"),
    ("any", "icon", r"icon_[\w-]+|ic_[\w-]+|[a-z]+_[a-z_]+\b.{0,40}"),  # icon font names: "bookmark_border"
    ("de", "credit", r"(?:Foto|Fotos|Bild|Bilder|Titelbild|Aufmacherbild)\s*:.{0,200}"),
    ("en", "credit", r"(?:Photo|Photograph|Image|Picture|Credit|Photo credit)s?\s*:.{0,200}"),
)


# Searched (not matched whole) in short paragraphs: a call to act is never the article's own text.
APPEALS: tuple[tuple[str, str, str], ...] = (
    ("de", "appeal", r"\bjetzt (?:spenden|unterstützen|abonnieren|anmelden|registrieren|bestellen|kaufen|testen|downloaden)\b"),
    ("de", "appeal", r"\b(?:unterstützen|abonnieren|folgen|spenden) Sie (?:uns|unser|unseren|unsere|jetzt|hier)\b"),
    ("de", "appeal", r"\b(?:abonniere|folge|unterstütze) (?:uns|unser|unseren|unsere|jetzt)\b"),
    ("de", "appeal", r"\b(?:verpasse|verpassen Sie) keine\b|\bnie mehr .{0,60} verpassen\b"),
    ("de", "appeal", r"\b(?:finden|lesen|sehen|hören) Sie (?:hier|in unserem|auf unserer|unter)\b"),
    ("de", "appeal", r"\bhier (?:geht(?:'|’)?s|klicken|bestellen|anmelden|abonnieren)\b|\b\d+(?:,\d+)? (?:€|Euro) bestellen\b"),
    ("de", "widget", r"^Gefällt (?:dir|Ihnen|euch) (?:dieser|der|unser) (?:Beitrag|Artikel)\b"),
    ("en", "appeal", r"\b(?:sign up|subscribe) (?:for|to|now|today)\b|\bclick here\b|\bdownload (?:the|our) app\b"),
    ("en", "appeal", r"\bfollow (?:us|[\w.]+(?: [\w.]+)?) on (?:twitter|facebook|instagram|x|tiktok|linkedin|threads|bluesky)\b"),
    ("en", "appeal", r"\b(?:donate|give) (?:now|today|to)\b|\bsupport (?:our|independent) journalism\b"),
    ("en", "appeal", r"\bon the [\w ]{1,30} app\b|\ball rights reserved\b"),
    ("en", "widget", r"^(?:Did you|Do you) (?:like|enjoy) this (?:article|story|post)\b"),
)
# Photo and agency credits in parentheses inside a paragraph: "(Foto: …)", "(picture alliance / dpa / …)".
CREDIT_WORDS = r"Foto|Fotos|Bild|Bilder|Photo|Photos|Image|Images|Credit|Picture|Grafik|Graphic|Video"
AGENCIES = (r"dpa|AFP|AP|Reuters|SID|KNA|epd|APA|sda|Keystone|Getty Images|picture[- ]alliance|imago(?: images)?|"
            r"Shutterstock|iStock|Pool|EPA|ANP|Belga|Xinhua|Bloomberg")


@lru_cache(maxsize=1)
def appeal_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for _, _, pattern in APPEALS), re.IGNORECASE)


@lru_cache(maxsize=1)
def credit_pattern() -> re.Pattern[str]:
    return re.compile(rf"\s*\((?:(?:{CREDIT_WORDS})(?:\s*:[^()]{{0,80}})?|[^()]{{0,60}}\b(?:{AGENCIES})\b[^()]{{0,60}})\)")


@dataclass(frozen=True)
class BoilerplateFilter:
    """The built-in table plus the user's own regexes (searched, so they may use ^ and $)."""

    builtin: re.Pattern[str]
    extra: tuple[re.Pattern[str], ...] = ()

    def matches(self, line: str) -> bool:
        line = line.strip()
        if not line or len(line) > MAX_BOILERPLATE_CHARS:
            return False
        if self.builtin.fullmatch(line):
            return True
        return bool(self.extra) and any(p.search(line) for p in self.extra)


@lru_cache(maxsize=1)
def _builtin_pattern() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{pattern})" for _, _, pattern in BOILERPLATE), re.IGNORECASE)


def boilerplate_filter(extra_patterns: Sequence[str] = ()) -> BoilerplateFilter:
    extra = []
    for pattern in extra_patterns:
        try:
            extra.append(re.compile(pattern))
        except re.error as e:
            raise InputError(f"boilerplate pattern {pattern!r} is not a valid regular expression: {e}") from e
    return BoilerplateFilter(_builtin_pattern(), tuple(extra))
