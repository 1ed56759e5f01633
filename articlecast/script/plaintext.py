"""Plain text as copied from a web page: title line, byline, then body with headings and pull quotes.

Paragraphs are separated by blank lines or single newlines. A line joins the one before only
when that one was visibly wrapped mid-sentence. Headings and pull quotes are recognised by
their shape and their neighbours (see `_is_heading` and `_pull_quote_speaker`).
"""
from __future__ import annotations

import re
from collections import Counter
from functools import cached_property
from typing import NamedTuple

from articlecast.script.boilerplate import BoilerplateFilter
from articlecast.script.byline import parse_byline
from articlecast.script.draft import Draft
from articlecast.script.model import Block
from articlecast.script.names import attribution_speaker, is_person_name
from articlecast.script.textrules import (
    ends_clause,
    ends_sentence,
    ends_with_dangling_word,
    starts_paragraph,
)

BYLINE_SEARCH_LINES = 3  # bylines sit right under the title (after a teaser at most)
MAX_HEADING_WORDS = 10
MAX_HEADING_CHARS = 100
MIN_PULL_QUOTE_WORDS = 3
MAX_PULL_QUOTE_CHARS = 300
MAX_NAME_CHARS = 60
_WORD = re.compile(r"\w+")
_SENTENCE_BREAK = re.compile(r"[.!?…][\"“”»«']?\s+\S")


class _Unit(NamedTuple):
    """A paragraph candidate; `lines` > 1 when wrapped lines were joined."""

    text: str
    lines: int = 1


def parse_plaintext(text: str, boilerplate: BoilerplateFilter) -> Draft:
    lines, dropped = _without_boilerplate(text.split("\n"), boilerplate)
    filled = [i for i, line in enumerate(lines) if line]
    if not filled:
        return Draft("", None, (), dropped)
    title_index = filled[0]
    author, byline_index = _find_byline(lines, filled[1:1 + BYLINE_SEARCH_LINES])
    if byline_index is not None:
        lines[byline_index] = ""
    units = _units(lines[title_index + 1:])
    return Draft(lines[title_index], author, _Classifier(units, text).blocks(), dropped)


def _without_boilerplate(raw_lines: list[str], boilerplate: BoilerplateFilter) -> tuple[list[str], tuple[str, ...]]:
    """Stripped lines; a boilerplate line becomes blank, so it still separates paragraphs."""
    lines, dropped = [], []
    for raw in raw_lines:
        line = raw.strip()
        if line and boilerplate.matches(line):
            dropped.append(line)
            line = ""
        lines.append(line)
    return lines, tuple(dropped)


def _find_byline(lines: list[str], candidates: list[int]) -> tuple[str | None, int | None]:
    for i in candidates:
        author = parse_byline(lines[i])
        if author:
            return author, i
    return None, None


def _units(lines: list[str]) -> list[_Unit]:
    units: list[_Unit] = []
    previous = ""  # the line before, "" after a blank line
    for line in lines:
        if line and previous and _continues(previous, line):
            last = units[-1]
            units[-1] = _Unit(f"{last.text} {line}", last.lines + 1)
        elif line:
            units.append(_Unit(line))
        previous = line
    return units


def _continues(previous: str, line: str) -> bool:
    """A line continues the one before when that one was cut mid-sentence."""
    if ends_clause(previous):
        return False
    return not starts_paragraph(line) or previous.endswith((",", "-")) or ends_with_dangling_word(previous)


class _Classifier:
    """Turns units into blocks, looking at each unit's neighbours."""

    def __init__(self, units: list[_Unit], text: str) -> None:
        self.units = units
        self.text = text

    @cached_property
    def word_counts(self) -> Counter[str]:
        # Only needed when a name line shows up, so plain corpora never pay for it.
        return Counter(_WORD.findall(self.text))

    def blocks(self) -> tuple[Block, ...]:
        blocks: list[Block] = []
        i = 0
        while i < len(self.units):
            unit = self.units[i]
            following = self.units[i + 1] if i + 1 < len(self.units) else None
            speaker = self._pull_quote_speaker(unit, following, i + 2 < len(self.units))
            if speaker:
                blocks.append(Block("pullquote", unit.text, speaker))
                i += 2
                continue
            previous = blocks[-1] if blocks else None
            kind = "heading" if _is_heading(unit, previous, following) else "paragraph"
            blocks.append(Block(kind, unit.text))
            i += 1
        return tuple(blocks)

    def _pull_quote_speaker(self, unit: _Unit, following: _Unit | None, more_follows: bool) -> str | None:
        """A pull quote is a short quote line, then a line holding only "— Name" or the bare name.

        A bare name needs more evidence: the quote is one sentence standing inside the article
        (an author's sign-off under the last paragraph is no pull quote), and the surname occurs
        in the text besides these two lines, since a pull quote repeats what a person said there
        (a credit line, or a heading that happens to look like a name, does not qualify).
        """
        if following is None or following.lines > 1 or unit.lines > 1:
            return None
        if len(following.text) > MAX_NAME_CHARS or len(unit.text) > MAX_PULL_QUOTE_CHARS:
            return None
        if len(unit.text.split()) < MIN_PULL_QUOTE_WORDS or unit.text.endswith(":") or not starts_paragraph(unit.text):
            return None
        if speaker := attribution_speaker(following.text):
            return speaker
        speaker = following.text
        if not more_follows or not is_person_name(speaker) or _SENTENCE_BREAK.search(unit.text):
            return None
        surname = _WORD.findall(speaker)[-1]
        here = 1 + _WORD.findall(unit.text).count(surname)
        return speaker if self.word_counts[surname] > here else None


def _is_heading(unit: _Unit, previous: Block | None, following: _Unit | None) -> bool:
    """A short line without final punctuation, standing between a finished paragraph and the next."""
    text = unit.text
    if unit.lines > 1 or previous is None or following is None or len(text) > MAX_HEADING_CHARS:
        return False
    if previous.kind == "heading" or (previous.kind == "paragraph" and not ends_sentence(previous.text)):
        return False
    if not (text[0].isupper() or text[0].isdigit()) or not starts_paragraph(following.text):
        return False
    if len(text.split()) > MAX_HEADING_WORDS:
        return False
    if ends_clause(text) or text.endswith((",", "-", "–", "—")):
        return False
    return not is_person_name(text) and not ends_with_dangling_word(text)
