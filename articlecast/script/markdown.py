"""Markdown articles: `#` title, `##` headings, `>` quotes, "— Name" under a quote makes a pull quote.

A small line scanner, not a full CommonMark parser: articles use a handful of constructs,
and what it does not know stays text (nothing a reader wrote is lost).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from articlecast.script.boilerplate import BoilerplateFilter
from articlecast.script.byline import take_byline
from articlecast.script.draft import Draft
from articlecast.script.names import attribution_speaker
from articlecast.script.pullquote import resolve_quotes

_ATX_HEADING = re.compile(r"(#{1,6})\s+(.*?)(?:\s+#+)?\s*")
_SETEXT_UNDERLINE = re.compile(r"=+|-+")
_QUOTE = re.compile(r">\s?(.*)")
_LIST_ITEM = re.compile(r"(?:[-*+]|\d{1,9}[.)])\s+(.*)")
_RULE = re.compile(r"(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,})")
_FENCE = re.compile(r"(```|~~~)")
# Inline markup, replaced in this order. Each character class stops at the next delimiter,
# so a 5 MB paragraph full of stray "*" or "[" is still linear.
_INLINE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"!\[[^\[\]]*\]\([^()]*\)"), ""),  # images are not read
    (re.compile(r"\[([^\[\]]*)\]\([^()]*\)"), r"\1"),  # links keep their text
    (re.compile(r"\[([^\[\]]*)\]\[[^\[\]]*\]"), r"\1"),
    (re.compile(r"</?[A-Za-z][^<>]*>"), ""),  # inline HTML tags
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"\*\*([^*]+)\*\*"), r"\1"),
    (re.compile(r"__([^_]+)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*([^*\s](?:[^*]*[^*\s])?)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<!\w)_([^_\s](?:[^_]*[^_\s])?)_(?!\w)"), r"\1"),  # not inside icon_cookie
)
# A backslash-escaped character is parked in the private use area while markup is removed.
_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|<])")
_MARKUP = re.compile(r"[*_`\[<!\\]")  # without any of these, a line has no inline markup
_PARKED = 0xE000
_UNPARK = {_PARKED + code: chr(code) for code in range(128)}


def inline_text(markup: str) -> str:
    if not _MARKUP.search(markup):
        return " ".join(markup.split())
    markup = _ESCAPED.sub(lambda m: chr(_PARKED + ord(m.group(1))), _without_comments(markup))
    for pattern, replacement in _INLINE:
        markup = pattern.sub(replacement, markup)
    markup = markup.translate(_UNPARK)
    return " ".join(markup.split())


def _without_comments(markup: str) -> str:
    """Drop <!-- ... --> (a find loop: a regex would rescan the rest for every unclosed one)."""
    parts, position = [], 0
    while (start := markup.find("<!--", position)) >= 0:
        end = markup.find("-->", start + 4)
        if end < 0:
            break
        parts.append(markup[position:start])
        position = end + 3
    parts.append(markup[position:])
    return "".join(parts)


@dataclass
class _Scanner:
    """Collects raw blocks line by line; `kind` "quote" blocks are resolved afterwards."""

    boilerplate: BoilerplateFilter
    blocks: list[tuple[str, str]] = field(default_factory=list)  # (kind, text); kind "title" for `#`
    dropped: list[str] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)  # the paragraph being read
    quote: list[str] = field(default_factory=list)  # the blockquote being read, raw lines
    fence: str | None = None

    def feed(self, raw: str) -> None:
        line = raw.strip()
        if self.fence:  # code stays text, line by line
            if line.startswith(self.fence):
                self.fence = None
            elif line:
                self._add("paragraph", line)
            return
        if quote := _QUOTE.fullmatch(line):
            self._flush_paragraph()
            self.quote.append(quote.group(1))
            return
        self._flush_quote()
        if len(self.lines) == 1 and _SETEXT_UNDERLINE.fullmatch(line):
            kind = "title" if line.startswith("=") else "heading"
            self._add(kind, self.lines.pop())
        elif not line or _RULE.fullmatch(line):
            self._flush_paragraph()
        elif fence := _FENCE.match(line):
            self._flush_paragraph()
            self.fence = fence.group(1)
        elif heading := _ATX_HEADING.fullmatch(line):
            self._flush_paragraph()
            self._add("title" if len(heading.group(1)) == 1 else "heading", heading.group(2))
        elif item := _LIST_ITEM.fullmatch(line):
            self._flush_paragraph()
            self.lines.append(item.group(1))
            self._flush_paragraph()
        elif self.boilerplate.matches(inline_text(line)):
            self._flush_paragraph()
            self.dropped.append(inline_text(line))
        else:
            self.lines.append(line)

    def finish(self) -> None:
        self._flush_quote()
        self._flush_paragraph()

    def _add(self, kind: str, markup: str) -> None:
        text = inline_text(markup)
        if not text:
            return
        if self.boilerplate.matches(text):
            self.dropped.append(text)
        else:
            self.blocks.append((kind, text))

    def _flush_paragraph(self) -> None:
        if self.lines:
            self._add("paragraph", " ".join(self.lines))
            self.lines = []

    def _flush_quote(self) -> None:
        if not self.quote:
            return
        paragraphs, current = [], []
        for line in [*self.quote, ""]:
            # An attribution line ends the quoted paragraph even without a blank `>` line.
            if not line.strip() or attribution_speaker(line):
                if current:
                    paragraphs.append(inline_text(" ".join(current)))
                current = [line] if line.strip() else []
            else:
                current.append(line)
        self.quote = []
        self.blocks.extend(("quote", p) for p in paragraphs if p)


def parse_markdown(text: str, boilerplate: BoilerplateFilter) -> Draft:
    scanner = _Scanner(boilerplate)
    for line in text.split("\n"):
        scanner.feed(line)
    scanner.finish()
    raw = scanner.blocks
    if not raw:
        return Draft("", None, (), tuple(scanner.dropped))
    title = raw[0][1]  # a `#` heading or, failing that, the first paragraph
    # Later `#` headings (some editors use them for every section) are chapters too.
    rest = [("heading" if kind == "title" else kind, text) for kind, text in raw[1:]]
    author, blocks = take_byline(resolve_quotes(rest))
    return Draft(title, author, blocks, tuple(scanner.dropped))
