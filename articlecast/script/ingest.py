"""Stage 1: a source (text, Markdown or HTML file, http(s) URL, "-" for stdin) becomes an Article.

    load_article("story.txt")  /  load_article("https://…")  /  load_article("-", stdin=…)
    article_from_text(text, fmt="markdown")

Reading and decoding happen here; each format's structure rules live in its own module
(plaintext, markdown, html), boilerplate in one table (boilerplate), names and bylines apart.

Input is bounded: only regular files are read (a FIFO or /dev/zero is refused at once, see
articlecast.fsutil.read_bounded), at most MAX_FILE_BYTES of a file or standard input, and an
article's text at most MAX_TEXT_CHARS. Measured on the 2-core machine (README, "Limits"): a
text of 2 MB makes its script in about 20 s and 270 MB, a 10 MB web page is extracted in
about 25 s; time and memory grow faster than the size beyond that, and 2 million characters
are already some 30 hours of narration.
"""
from __future__ import annotations

import re
import sys
import zlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from articlecast.errors import InputError
from articlecast.fsutil import open_regular, read_at_most
from articlecast.script.boilerplate import BoilerplateFilter, boilerplate_filter
from articlecast.script.decode import clean_text, decode_bytes
from articlecast.script.draft import Draft
from articlecast.script.fetch import Page, fetch_page
from articlecast.script.frontmatter import split_front_matter
from articlecast.script.html import NO_TEXT, parse_html
from articlecast.script.language import detect_language, normalize_language
from articlecast.script.markdown import parse_markdown
from articlecast.script.model import Article, ArticleInput, Block
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
MAX_FILE_BYTES = 10 * 1024 * 1024  # a saved news page, scripts and all, is seldom above 3 MB
MAX_TEXT_CHARS = 2_000_000  # the article's text: about 300,000 words, 30 hours of narration
MAX_TITLE_CHARS = 200  # a longer "title" is the article's first paragraph
SHORT_TITLE_CHARS = 100
# A web page shorter than this builds, with a warning: it is likely a teaser or a paywall's free part.
DEFAULT_MIN_WORDS = 150
GZIP_MAGIC = b"\x1f\x8b"
UNKNOWN_FORMAT = "?"  # an extension articlecast does not know: only HTML content is accepted then
_HTML_START = re.compile(r"<(?:!doctype\s+html|html|head|body|meta|title)\b", re.IGNORECASE)
_PROLOGUE = re.compile(r"\A(?:\s+|<\?xml[^>]*\?>|<!--.*?-->)*", re.DOTALL)


def load_article(
    source: str,
    *,
    language: str | None = None,
    extra_boilerplate: Sequence[str] = (),
    stdin: BinaryIO | None = None,
    timeout_s: float = 20.0,
    force: bool = False,
    min_words: int = DEFAULT_MIN_WORDS,
    declared_article: bool = False,
) -> Article:
    """Read `source` (a path, an http(s) URL or "-") and extract its article.

    A page that is no article (a shop, a listing) is refused unless `force`; one shorter than
    `min_words` builds with a warning. HTML is recognised by its content whatever the file is
    called, and gzip-compressed input (a saved "page.html.gz") is unpacked.
    Raises InputError for anything wrong with the input, NetworkError when a URL cannot be fetched.
    """
    if source == STDIN:
        data = read_at_most(stdin or sys.stdin.buffer, 0, MAX_FILE_BYTES, what="article",
                            error=InputError, label=_label(source))
        text = decode_bytes(_gunzip(data, source), _label(source))
        fmt = sniff_format(text)
    elif source.lower().startswith(("http://", "https://")):
        page = fetch_page(source, timeout_s)
        text = _page_text(page, source)
        fmt = FORMAT_BY_CONTENT_TYPE.get(page.content_type) or "html"
        fmt = "html" if sniff_format(text) == "html" else fmt
    else:
        data, fmt = _read_file(Path(source), source)
        text = decode_bytes(_gunzip(data, source), source)
        fmt = _content_format(text, fmt, source)
    return article_from_text(text, fmt=fmt, source=source, language=language, extra_boilerplate=extra_boilerplate,
                             force=force, min_words=min_words, declared_article=declared_article)


def article_from_text(
    text: str,
    *,
    fmt: str = "text",
    source: str = "<text>",
    language: str | None = None,
    extra_boilerplate: Sequence[str] = (),
    force: bool = False,
    min_words: int = DEFAULT_MIN_WORDS,
    declared_article: bool = False,
) -> Article:
    """Extract the article from already decoded text; `fmt` is "text", "markdown" or "html".

    A web page that looks like no article is refused unless `force` (built with a warning) or
    `declared_article` (its source, a feed, says it is one); one under `min_words` gets a warning.
    """
    parse = PARSERS.get(fmt)
    if parse is None:
        raise InputError(f"{_label(source)}: unknown format {fmt!r} (use text, markdown or html)")
    text = clean_text(text)
    if not text.strip():
        raise InputError(f"{_label(source)}: empty input, there is no article to read")
    if fmt != "html":  # a text is at least as long as the article in it: refuse before parsing
        _check_size(len(text), source)
    meta = {}
    if fmt == "markdown":  # front matter is metadata for the feed, never read aloud
        meta, text = split_front_matter(text)
        if meta.get("title") and not text.lstrip().startswith("# "):
            text = f"# {meta['title']}\n\n{text}"  # the first paragraph stays a paragraph
    draft = parse(text, boilerplate_filter(extra_boilerplate))
    warnings = []
    if fmt == "html":
        problem = draft.problem or (None if draft.blocks else NO_TEXT)
        if problem and declared_article and _has_a_sentence(draft):
            problem = None  # a feed's word makes a short or link-rich page an article; a page without a sentence is none
        if problem and not force:
            raise InputError(f"no article found in {_label(source)}: {problem}", hint="--force builds it anyway")
        if problem:
            warnings.append(f"{_label(source)}: building anyway (--force), though {problem}")
        words = sum(len(block.text.split()) for block in draft.blocks)
        if draft.blocks and words < min_words:
            warnings.append(f"{_label(source)}: only {words} words, perhaps a teaser or the free part of a paywalled "
                            f"article (--min-words {min_words})")
    draft = _bounded(draft, source)
    title = meta.get("title") or draft.title
    if not title and not draft.blocks:
        raise InputError(f"{_label(source)}: nothing but boilerplate, there is no article to read")
    body = "\n".join([title, *(block.text for block in draft.blocks)])
    language = language or meta.get("language")
    return Article(
        title=title or _fallback_title(source),
        author=meta.get("author") or draft.author,
        language=normalize_language(language) if language else detect_language(body),
        source=source,
        blocks=draft.blocks,
        dropped=draft.dropped,
        warnings=tuple(warnings),
        published=meta.get("date") or draft.published,
    )


def _bounded(draft: Draft, source: str) -> Draft:
    """An article the later stages can handle: within MAX_TEXT_CHARS, with a title that is a title.

    A file of one long line has its whole text as the "title": that text becomes the first
    paragraph, and the title its opening words (a cover and a feed title must stay short).
    """
    _check_size(len(draft.title) + sum(len(b.text) for b in draft.blocks), source)
    if len(draft.title) <= MAX_TITLE_CHARS:
        return draft
    return replace(draft, title=short_title(draft.title), blocks=(Block("paragraph", draft.title), *draft.blocks))


def _check_size(chars: int, source: str) -> None:
    if chars > MAX_TEXT_CHARS:
        raise InputError(f"{_label(source)}: the article's text has {chars:,} characters; articlecast reads "
                         f"articles up to {MAX_TEXT_CHARS:,} characters (split it into several)")


def short_title(text: str, limit: int = SHORT_TITLE_CHARS) -> str:
    """The first sentence when it is short enough, else the words that fit and an ellipsis."""
    text = " ".join(text[:4 * limit].split())
    for end in (". ", "! ", "? "):
        cut = text.find(end)
        if 0 < cut < limit:
            return text[:cut + 1]
    if len(text) <= limit:
        return text
    words = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return words.rstrip(" ,;:–-") + " …"


def load_input(item: ArticleInput, *, language: str | None = None, extra_boilerplate: Sequence[str] = (),
               timeout_s: float = 20.0, force: bool = False, min_words: int = DEFAULT_MIN_WORDS) -> Article:
    """An article named by a feed: its text when the feed carried it, else fetched; the feed's title and
    author win, because a feed states them as data while a page's are guessed from its layout.

    A feed's item is an article by the feed's word: its page's shape is not judged (a short item is news too).
    """
    if item.text is None:
        article = load_article(item.source, language=language, extra_boilerplate=extra_boilerplate, timeout_s=timeout_s,
                               force=force, min_words=min_words, declared_article=True)
    else:
        article = article_from_text(item.text, fmt=item.fmt, source=item.source, language=language,
                                    extra_boilerplate=extra_boilerplate, declared_article=True)
    return replace(article, title=item.title or article.title, author=item.author or article.author)


def _has_a_sentence(draft: Draft) -> bool:
    return any(len(b.text.split()) >= 4 and b.text.rstrip().endswith((".", "!", "?", "…", "“", "\"", "»", "«"))
               for b in draft.blocks if b.kind == "paragraph")


def sniff_format(text: str) -> str:
    """HTML by its opening tag (after an XML declaration or comments), Markdown by a `# ` title, else text."""
    start = text[:4096]
    start = start[_PROLOGUE.match(start).end():]
    if _HTML_START.match(start):
        return "html"
    return "markdown" if start.startswith("# ") else "text"


def _content_format(text: str, fmt: str | None, source: str) -> str:
    """A whole HTML document is HTML whatever the file is called (.php, .aspx, .xhtml, .txt);
    other content follows the extension, and an unknown extension is refused."""
    sniffed = sniff_format(text)
    if sniffed == "html":
        return "html"
    if fmt == UNKNOWN_FORMAT:
        extension = "".join(Path(source).suffixes[-2:]).lower() or Path(source).suffix
        raise InputError(f"{source}: unknown extension {extension} and no HTML inside (use .txt, .md or .html)")
    return fmt or sniffed


def _gunzip(data: bytes, source: str) -> bytes:
    """Unpack gzip data (a saved "page.html.gz"), never beyond MAX_FILE_BYTES: a small bomb stays small."""
    if not data.startswith(GZIP_MAGIC):
        return data
    unpacker = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        unpacked = unpacker.decompress(data, MAX_FILE_BYTES + 1)
    except zlib.error as e:
        raise InputError(f"{_label(source)}: a damaged gzip file ({e})") from e
    if len(unpacked) <= MAX_FILE_BYTES and not unpacker.eof:
        raise InputError(f"{_label(source)}: a damaged gzip file (it ends too early)")
    if len(unpacked) > MAX_FILE_BYTES or unpacker.unconsumed_tail:
        raise InputError(f"{_label(source)}: more than {MAX_FILE_BYTES // (1024 * 1024)} MB once unpacked, too large for an article")
    return unpacked


def _format_of(path: Path, source: str) -> str | None:
    """The format the extension names ("page.html.gz" names HTML); None without an extension (the
    content decides); UNKNOWN_FORMAT for an extension articlecast does not know."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-1:] == [".gz"]:
        suffixes.pop()
    if not suffixes:
        return None
    return FORMAT_BY_EXTENSION.get(suffixes[-1], UNKNOWN_FORMAT)


def _read_file(path: Path, source: str) -> tuple[bytes, str | None]:
    """The file's bytes and the format its extension names (checked before reading megabytes).

    Only a regular file is read: a FIFO would block the build (holding the folder's lock) and a
    device such as /dev/zero never ends; both are refused before a byte is read.
    """
    with open_regular(path, what="article file", label=source) as (f, size):
        fmt = _format_of(path, source)
        return read_at_most(f, size, MAX_FILE_BYTES, what="article", error=InputError, label=source), fmt


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
