"""Bylines: "Von Sonja Peteranderl", "von A und B", "Text: X", "By X", "Autor: X"."""
from __future__ import annotations

import re
from collections.abc import Sequence

from articlecast import languages
from articlecast.script.model import Block
from articlecast.script.names import is_person_name
from articlecast.script.pagemeta import is_site_name

MAX_BYLINE_CHARS = 160
BYLINE_SEARCH_BLOCKS = 3  # bylines sit right under the title (after a teaser at most)
_BYLINE = re.compile(
    r"(?:" + "|".join(re.escape(w) for language in languages.all() for w in language.text.byline_words) + r")"
    r"\s*:?\s+(?P<names>.+)",
    re.IGNORECASE,
)
# Between two authors; a date or place after the names ends the byline ("Von X | 3. Mai 2024").
_NAME_SEPARATOR = re.compile(r"\s*(?:,|&|" + "|".join(
    rf"\b{re.escape(w)}\b" for language in languages.all() for w in language.text.and_words) + r")\s*")
_TRAILER = re.compile(r"\s*(?:[|·•]|\s[—–]\s).*$")
# Metadata author fields hold roles and dates next to the names ("Text, Interview Jane Roe",
# "Jane Roe November"); these words are never part of a name.
AUTHOR_NOISE = languages.union(lambda language: (
    *(w.lower() for w in (*language.text.author_roles, *language.numbers.months)),
    *language.text.byline_words, *language.text.and_words))
_AUTHOR_SEPARATOR = re.compile(r"\s*(?:[,;/|&]|" + "|".join(
    rf"\b{re.escape(w)}\b" for language in languages.all() for w in language.text.and_words) + r")\s*")


def parse_byline(line: str) -> str | None:
    """The author(s) as written ("Anna Berg und Tom Koch"), or None when the line is no byline."""
    line = line.strip().strip("*_").strip()
    if len(line) > MAX_BYLINE_CHARS:
        return None
    match = _BYLINE.fullmatch(line)
    if not match:
        return None
    names = _TRAILER.sub("", match.group("names"))
    end = 0  # where the last accepted name ends, so the author keeps its own "und"/"and"
    position = 0
    for separator in [*_NAME_SEPARATOR.finditer(names), None]:
        stop = separator.start() if separator else len(names)
        if not is_person_name(names[position:stop]):
            break
        end = stop
        if separator is None:
            break
        position = separator.end()
    return names[:end].strip() or None


def take_byline(blocks: Sequence[Block], search_blocks: int = BYLINE_SEARCH_BLOCKS) -> tuple[str | None, tuple[Block, ...]]:
    """Find the byline among the first paragraphs; return the author and the blocks without it."""
    for i, block in enumerate(blocks[:search_blocks]):
        author = parse_byline(block.text) if block.kind == "paragraph" else None
        if author:
            return author, (*blocks[:i], *blocks[i + 1:])
    return None, tuple(blocks)


def clean_author(candidates: Sequence[str], publishers: tuple[str, ...]) -> str | None:
    """The people among a page's author fields: publishers, places, roles and dates dropped.

    "Hessenschau De; Frankfurt; Germany" -> None, "SWR Sport; Julius Richter" -> "Julius Richter",
    "Carrie Roe November" -> "Carrie Roe"; a page whose metadata names no person gives None, and
    the byline in the text (if any) speaks instead.
    """
    names: dict[str, None] = {}
    for candidate in candidates:
        for part in _AUTHOR_SEPARATOR.split(candidate):
            words = part.split()
            while words and (words[0].lower().strip(":") in AUTHOR_NOISE):
                words.pop(0)
            while words and (words[-1].lower().strip(".") in AUTHOR_NOISE or any(c.isdigit() for c in words[-1])):
                words.pop()
            name = " ".join(words)
            if is_person_name(name) and not is_site_name(name, publishers):
                names.setdefault(name)
    return ", ".join(names) or None
