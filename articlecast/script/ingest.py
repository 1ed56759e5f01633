"""Stage 1: a source (text, Markdown or HTML file, http(s) URL, "-" for stdin) becomes an Article.

    load_article("story.txt")  /  load_article("https://…")  /  load_article("-", stdin=…)
    article_from_text(text, fmt="markdown")

Reading and decoding happen here; each format's structure rules live in its own module
(plaintext, markdown, html), boilerplate in one table (boilerplate), names and bylines apart.
"""
from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from articlecast.errors import InputError
from articlecast.script.boilerplate import BoilerplateFilter, boilerplate_filter
from articlecast.script.decode import clean_text, decode_bytes
from articlecast.script.draft import Draft
from articlecast.script.fetch import Page, fetch_page
from articlecast.script.html import parse_html
from articlecast.script.language import detect_language, normalize_language
from articlecast.script.markdown import parse_markdown
from articlecast.script.model import Article, ArticleInput
from articlecast.script.plaintext import parse_plaintext

STDIN = "-"
FORMAT_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
}
FORMAT_BY_CONTENT_TYPE = {"text/plain": "text", "text/markdown": "markdown", "text/x-markdown": "markdown"}
PARSERS: dict[str, Callable[[str, BoilerplateFilter], Draft]] = {
    "text": parse_plaintext,
    "markdown": parse_markdown,
    "html": parse_html,
}
MAX_FILE_BYTES = 50 * 1024 * 1024
_HTML_STARTS = ("<!doctype", "<html")


def load_article(
    source: str,
    *,
    language: str | None = None,
    extra_boilerplate: Sequence[str] = (),
    stdin: BinaryIO | None = None,
    timeout_s: float = 20.0,
) -> Article:
    """Read `source` (a path, an http(s) URL or "-") and extract its article.

    Raises InputError for anything wrong with the input, NetworkError when a URL cannot be fetched.
    """
    if source == STDIN:
        text = decode_bytes((stdin or sys.stdin.buffer).read(), _label(source))
        fmt = sniff_format(text)
    elif source.lower().startswith(("http://", "https://")):
        page = fetch_page(source, timeout_s)
        text = _page_text(page, source)
        fmt = FORMAT_BY_CONTENT_TYPE.get(page.content_type) or "html"
    else:
        data, fmt = _read_file(Path(source), source)
        text = decode_bytes(data, source)
        fmt = fmt or sniff_format(text)
    return article_from_text(text, fmt=fmt, source=source, language=language, extra_boilerplate=extra_boilerplate)


def article_from_text(
    text: str,
    *,
    fmt: str = "text",
    source: str = "<text>",
    language: str | None = None,
    extra_boilerplate: Sequence[str] = (),
) -> Article:
    """Extract the article from already decoded text; `fmt` is "text", "markdown" or "html"."""
    parse = PARSERS.get(fmt)
    if parse is None:
        raise InputError(f"{_label(source)}: unknown format {fmt!r} (use text, markdown or html)")
    text = clean_text(text)
    if not text.strip():
        raise InputError(f"{_label(source)}: empty input, there is no article to read")
    draft = parse(text, boilerplate_filter(extra_boilerplate))
    if fmt == "html" and not draft.blocks:
        raise InputError(f"{_label(source)}: no article found in the page")
    if not draft.title and not draft.blocks:
        raise InputError(f"{_label(source)}: nothing but boilerplate, there is no article to read")
    body = "\n".join([draft.title, *(block.text for block in draft.blocks)])
    return Article(
        title=draft.title or _fallback_title(source),
        author=draft.author,
        language=normalize_language(language) if language else detect_language(body),
        source=source,
        blocks=draft.blocks,
        dropped=draft.dropped,
    )


def load_input(item: ArticleInput, *, language: str | None = None, extra_boilerplate: Sequence[str] = (),
               timeout_s: float = 20.0) -> Article:
    """An article named by a feed: its text when the feed carried it, else fetched; the feed's title and
    author win, because a feed states them as data while a page's are guessed from its layout."""
    if item.text is None:
        article = load_article(item.source, language=language, extra_boilerplate=extra_boilerplate, timeout_s=timeout_s)
    else:
        article = article_from_text(item.text, fmt=item.fmt, source=item.source, language=language,
                                    extra_boilerplate=extra_boilerplate)
    return replace(article, title=item.title or article.title, author=item.author or article.author)


def sniff_format(text: str) -> str:
    """For input without an extension: HTML by its opening tag, Markdown by a `# ` title, else text."""
    start = text.lstrip()
    if start[:16].lower().startswith(_HTML_STARTS):
        return "html"
    return "markdown" if start.startswith("# ") else "text"


def _format_of(path: Path, source: str) -> str | None:
    """The format the extension names; None without an extension (the content decides)."""
    extension = path.suffix.lower()
    if not extension:
        return None
    if extension not in FORMAT_BY_EXTENSION:
        raise InputError(f"{source}: unknown extension {extension} (use .txt, .md or .html)")
    return FORMAT_BY_EXTENSION[extension]


def _read_file(path: Path, source: str) -> tuple[bytes, str | None]:
    """The file's bytes and the format its extension names (checked before reading megabytes)."""
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise InputError(f"{source}: is a directory, not an article file")
        fmt = _format_of(path, source)
        if size > MAX_FILE_BYTES:
            raise InputError(f"{source}: {size // (1024 * 1024)} MB is too large for an article")
        return path.read_bytes(), fmt
    except FileNotFoundError as e:
        raise InputError(f"{source}: no such file") from e
    except PermissionError as e:
        raise InputError(f"{source}: permission denied, cannot read the file") from e
    except OSError as e:
        raise InputError(f"{source}: cannot read the file ({e.strerror or e})") from e


def _page_text(page: Page, url: str) -> str:
    """Decode with the charset the server declared; without one, like a file (UTF-8, else cp1252)."""
    if page.charset:
        try:
            return clean_text(page.body.decode(page.charset))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown declaration: fall back to the content itself
    return decode_bytes(page.body, url)


def _label(source: str) -> str:
    return "standard input" if source == STDIN else source


def _fallback_title(source: str) -> str:
    stem = Path(source.rstrip("/")).stem if source != STDIN else ""
    return stem.replace("-", " ").replace("_", " ").strip() or "Untitled article"
