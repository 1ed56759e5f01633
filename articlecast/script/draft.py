"""What a format parser (plain text, Markdown, HTML) hands to ingest, before language and source."""
from __future__ import annotations

from dataclasses import dataclass

from articlecast.script.model import Block


@dataclass(frozen=True)
class Draft:
    title: str
    author: str | None
    blocks: tuple[Block, ...]
    dropped: tuple[str, ...] = ()  # boilerplate lines, in the order they were found
    problem: str | None = None  # why a web page is no article (a shop, a listing …); None for articles
    published: str | None = None  # YYYY-MM-DD when the page states its date (meta tags, JSON-LD, the URL)
