"""Page clutter: what a news page puts around and between the article's paragraphs.

Extraction (trafilatura) finds the article's region; inside it pages still carry furniture a
listener must never hear. It has a few recognisable shapes, whatever the site:

- a line that is only a link, or mostly link text: "more on this" teasers, related headlines;
- teaser and ticker marks (">> Other story <<", "+++ Live ticker +++"), a bare URL;
- a line without a single letter (like counters "9", "0", prices), a one- or two-word UI label
  ("Ad", "Share", an icon name) that is no sentence, a line that is only a date and time;
- appeals (donate, subscribe to the newsletter, follow us, get the app, click here), copyright and
  credit lines, matched by the language tables in a short paragraph only;
- a photo credit in parentheses inside a paragraph ("(picture alliance / dpa / Jane Roe)"), and a
  web address inside a sentence (an embedded post's "https://t.co/…" would be spelled out);
- a closing section (heading and paragraphs) that ends in an appeal: a promo or donation box;
- a last paragraph that ends in a colon: it introduced an embed (video, post) that is not there.

Each rule looks at the shape of one block, or at the page's ending; none knows a site.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from articlecast import languages
from articlecast.script.boilerplate import BoilerplateFilter, appeal_pattern, credit_pattern

LINK_ONLY_SHARE = 0.8  # of a block's words inside links: a teaser, not prose
MAX_DATE_LINE_WORDS = 8
MAX_UI_WORDS = 2  # "Ad", "Share", "Nachruf": labels, never a paragraph of their own
MAX_APPEAL_CHARS = 400  # an appeal is short; a long paragraph that mentions a newsletter is prose
MAX_PROMO_SECTION_SHARE = 0.35  # a closing promo box is a small part of the article
LINK_LIST_RUN = 3  # this many short linked lines in a row: a list of other articles
MAX_LINK_LINE_WORDS = 20
_LETTER = re.compile(r"[^\W\d_]")
_URL = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_INLINE_URL = re.compile(r"\s*(?:https?://|pic\.twitter\.com/)\S+", re.IGNORECASE)  # spelled out, letter by letter
_TEASER_MARKS = re.compile(r"^\s*(?:>{2,}|»{2,}|\+{3})|(?:<{2,}|«{2,}|\+{3})\s*$")
_COPYRIGHT = re.compile(r"©|\(c\)\s*\d{4}|\bcopyright\b.{0,40}\d{4}", re.IGNORECASE)
_SENTENCE_END = tuple('.!?…:;"“”»«\'’)')


@dataclass(frozen=True)
class PageBlock:
    """One block of the extracted region, with what its shape needs: how much of it is link text."""

    kind: str  # "heading", "paragraph" or "quote"
    text: str
    link_words: int = 0

    @property
    def words(self) -> int:
        return len(self.text.split())


def remove_clutter(blocks: Sequence[PageBlock], boilerplate: BoilerplateFilter) -> tuple[list[PageBlock], list[str]]:
    """The article's blocks without clutter, and the clutter's texts (for `Article.dropped`)."""
    blocks = _without_link_lists(blocks)
    kept: list[PageBlock] = []
    appeals: dict[int, bool] = {}  # index into kept -> whether the appeal is the whole block (else its end)
    dropped: list[str] = []
    for block in blocks:
        reason = clutter_reason(block, boilerplate)
        if reason in ("appeal", "appeal-end"):
            appeals[len(kept)] = reason == "appeal"
            kept.append(block)
        elif reason:
            dropped.append(block.text)
        elif (cleaned := _without_credits(block)).text:
            kept.append(cleaned)
        else:
            dropped.append(block.text)  # nothing but a credit: "(dpa)"
    kept, dropped_tail = _drop_closing_promo(kept, appeals)
    dropped.extend(dropped_tail)
    while kept and kept[-1].kind != "heading" and kept[-1].text.rstrip().endswith(":"):
        dropped.append(kept.pop().text)  # it introduced an embed the extraction left out
    return kept, dropped


def clutter_reason(block: PageBlock, boilerplate: BoilerplateFilter) -> str | None:
    text = block.text.strip()
    if boilerplate.matches(text):
        return "boilerplate"
    if block.words and block.link_words >= LINK_ONLY_SHARE * block.words:
        return "link"
    if not _LETTER.search(text):
        return "no words"
    if _URL.fullmatch(text) or _TEASER_MARKS.search(text):
        return "teaser"
    if block.kind == "paragraph" and block.words <= MAX_UI_WORDS and not text.endswith(_SENTENCE_END):
        return "label"
    if block.kind == "paragraph" and _is_date_line(text):
        return "date"
    if len(text) <= MAX_APPEAL_CHARS and _COPYRIGHT.search(text):
        return "copyright"
    if appeal_pattern().search(text if len(text) <= MAX_APPEAL_CHARS else _last_sentence(text)):
        return "appeal" if len(text) <= MAX_APPEAL_CHARS else "appeal-end"
    return None


@lru_cache(maxsize=1)
def _months() -> frozenset[str]:
    return languages.union(lambda language: (m.lower() for m in language.numbers.months))


def _is_date_line(text: str) -> bool:
    """ "20. März 2021 - 15:00 Uhr", "Updated 3/5/2024 10:15": a date line, no sentence."""
    if text.endswith((".", "!", "?")) and not re.search(r"\d\.$", text) or len(text.split()) > MAX_DATE_LINE_WORDS:
        return False
    tokens = re.findall(r"[^\W\d_]+|\d+", text)
    dated = any(t.isdigit() for t in tokens)
    rest = [t for t in tokens if not t.isdigit() and t.lower() not in _months()]
    return dated and len(rest) <= 1 and all(len(t) <= 4 for t in rest)


def _last_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+", text.rstrip())[-1][-MAX_APPEAL_CHARS:]


def _without_link_lists(blocks: Sequence[PageBlock]) -> list[PageBlock]:
    """Runs of short lines that each carry a link ("Kicker: Headline" teasers, "GUIDE: How to …")."""
    def linked(b: PageBlock) -> bool:
        return b.kind != "heading" and b.link_words > 0 and b.words <= MAX_LINK_LINE_WORDS

    kept: list[PageBlock] = []
    i = 0
    while i < len(blocks):
        end = i
        while end < len(blocks) and linked(blocks[end]):
            end += 1
        if end - i >= LINK_LIST_RUN:
            kept.extend(replace(b, link_words=b.words) for b in blocks[i:end])  # judged as links below
            i = end
        else:
            kept.append(blocks[i])
            i += 1
    return kept


def _without_credits(block: PageBlock) -> PageBlock:
    """Credits in parentheses and spelled-out addresses ("https://t.co/x1y2") leave the sentence."""
    text = _INLINE_URL.sub("", credit_pattern().sub("", block.text))
    if text == block.text:
        return block
    return replace(block, text=" ".join(re.sub(r"\s+([.,;:!?])", r"\1", text).split()))


def _drop_closing_promo(blocks: list[PageBlock], appeals: dict[int, bool]) -> tuple[list[PageBlock], list[str]]:
    """Short appeals go; when the last section ends in one, it is a promo box and goes with its heading.

    A long paragraph that merely ends in an appeal stays, unless it is part of such a box.
    """
    total = sum(b.words for b in blocks) or 1
    end = len(blocks)
    start = max((i for i, b in enumerate(blocks) if b.kind == "heading"), default=None)
    if start is not None and any(i >= start for i in appeals):
        if sum(b.words for b in blocks[start:]) <= MAX_PROMO_SECTION_SHARE * total:
            end = start
    gone = {i for i, whole in appeals.items() if whole and i < end}
    kept = [b for i, b in enumerate(blocks[:end]) if i not in gone]
    return kept, [blocks[i].text for i in sorted(gone)] + [b.text for b in blocks[end:]]
