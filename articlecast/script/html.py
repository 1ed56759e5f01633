"""HTML pages (files and URLs): trafilatura finds the article; its XML keeps headings, quotes and links.

Four steps, each its own rule set:
1. trafilatura extracts the main region (default mode: its precision mode also drops the linked
   words inside sentences, so it is not used); links are kept so clutter can be told by them;
2. clutter.py removes page furniture by its shape;
3. the page's own metadata (pagemeta.py) gives the title without the site's name and the authors
   without the publisher, and the title is not read a second time from the page's <h1>;
4. a page that is no article (a shop, a video, a listing, a start page) gets a `problem`, which
   ingest turns into "no article found" unless the user insists (--force).
"""
from __future__ import annotations

import html
import re

from lxml import etree

from articlecast.script.boilerplate import BoilerplateFilter
from articlecast.script.byline import clean_author, parse_byline, take_byline
from articlecast.script.clutter import PageBlock, remove_clutter
from articlecast.script.decode import clean_text
from articlecast.script.draft import Draft
from articlecast.script.pagemeta import PageMeta, is_site_name, read_page_meta, text_key
from articlecast.script.pullquote import resolve_quotes

NO_TEXT = "no text besides navigation and page furniture"
MIN_PROSE_WORDS = 25  # fewer words of sentences than this: nothing to read, whatever the page declares
# A page that does not declare itself an article must look like one: several paragraphs of sentences.
UNDECLARED_MIN_WORDS = 150
UNDECLARED_MIN_PARAGRAPHS = 3
UNDECLARED_MAX_CARDS = 10  # this many <article> teaser cards on a page that declares no article: a listing
MAX_LINK_SHARE = 0.5  # more of the region's words inside links than this: a listing of other pages
PROSE_MIN_WORDS = 8  # a paragraph of sentences has at least this many words
MAX_BOLD_HEADING_WORDS = 14  # a paragraph all in bold and this short is a subheading
TITLE_SEARCH_BLOCKS = 4  # the page's headline and its kicker sit above the text
_SEPARATORS = re.compile(r"\s+[|–—·•:»/-]{1,2}\s+|\s*\|\s*")
_SENTENCE_END = re.compile(r"[.!?…\"“”»«'’)]\s*$")


def parse_html(page: str, boilerplate: BoilerplateFilter) -> Draft:
    """An empty Draft when the page holds no text at all; a Draft with a `problem` when it is no article."""
    import trafilatura  # imported here: it takes a noticeable moment, and plain text never needs it
    from trafilatura.utils import load_html

    tree = load_html(page)
    if tree is None:
        return Draft("", None, ())
    meta = read_page_meta(tree)
    xml = trafilatura.extract(
        tree,
        output_format="xml",
        include_formatting=True,  # keeps <head> (chapters) and bold subheadings apart from paragraphs
        include_comments=False,  # readers' comments are not the article
        include_tables=False,  # a table read aloud is noise
        include_images=False,
        include_links=True,  # link-only lines are teasers (clutter.py); the link text itself is kept
        with_metadata=True,
    )
    if not xml:
        return Draft("", None, (), problem=_declared_problem(meta) or NO_TEXT)
    doc = etree.fromstring(xml.encode("utf-8"))
    main = doc.find("main")
    raw = _page_blocks(main) if main is not None else []
    link_share = sum(b.link_words for b in raw) / max(1, sum(b.words for b in raw))
    blocks, dropped = remove_clutter(raw, boilerplate)
    blocks = _with_standfirst(blocks, meta.standfirst, boilerplate)

    sites = _site_names(meta, doc)
    title = choose_title(meta, sites)
    blocks, title, repeated = _without_title_heading(blocks, title)
    dropped.extend(repeated)
    metadata_author = clean_author([*meta.authors, *html.unescape(_fold(doc.get("author") or "")).split("; ")], sites)
    byline_author, body = take_byline(resolve_quotes([(b.kind, b.text) for b in blocks]))
    author = metadata_author or byline_author
    body, echoes = _without_author_lines(body, author)
    dropped.extend(echoes)
    problem = _declared_problem(meta) or (_shape_problem(body, meta, link_share) if body else NO_TEXT)
    return Draft(title, author, body, tuple(dropped), problem=problem, published=_iso_date(doc.get("date")))


def _iso_date(value: str | None) -> str | None:
    """The page's date as trafilatura found it (YYYY-MM-DD), if it is one: it becomes the episode's pubDate."""
    from datetime import date

    try:
        return date.fromisoformat((value or "").strip()[:10]).isoformat() if value else None
    except ValueError:
        return None


# --- blocks -------------------------------------------------------------------------------------


def _page_blocks(main: etree._Element) -> list[PageBlock]:
    """The article's blocks in page order, each with the number of its words inside links."""
    for line_break in main.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    blocks = []
    for element in main:
        if element.tag == "quote":
            blocks.extend(_block("quote", p) for p in (element.findall(".//p") or [element]))
        elif element.tag == "list":
            blocks.extend(_block("paragraph", item) for item in element.iter("item"))
        elif element.tag == "head" or _is_bold_heading(element):
            blocks.append(_block("heading", element))
        else:
            blocks.append(_block("paragraph", element))
    return [b for b in blocks if b.text]


def _block(kind: str, element: etree._Element) -> PageBlock:
    links = sum(len(_text(ref).split()) for ref in element.iter("ref"))
    return PageBlock(kind, _fold(_text(element)), links)


def _is_bold_heading(element: etree._Element) -> bool:
    """<p><hi rend="#b">Short line</hi></p>: how many pages mark their subheadings."""
    children = list(element)
    if element.tag != "p" or len(children) != 1 or children[0].tag != "hi" or "#b" not in (children[0].get("rend") or ""):
        return False
    if (element.text or "").strip() or (children[0].tail or "").strip():
        return False
    text = _fold(_text(element))
    return 0 < len(text.split()) <= MAX_BOLD_HEADING_WORDS and not text.endswith((".", ":", "!", "?"))


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())


def _fold(text: str) -> str:
    # Entities (&shy;, &nbsp;, &#8203;) become characters only now, after the page text was cleaned.
    return " ".join(clean_text(text).split())


def _with_standfirst(blocks: list[PageBlock], standfirst: str | None, boilerplate: BoilerplateFilter) -> list[PageBlock]:
    """The lead under the headline opens the article, unless the extraction already kept it."""
    if not standfirst or not blocks:
        return blocks
    lead = PageBlock("paragraph", _fold(standfirst))
    opening = " ".join(lead.text.split()[:8])
    if any(opening in b.text for b in blocks) or remove_clutter([lead], boilerplate)[1]:
        return blocks
    return [lead, *blocks]


# --- title and author ---------------------------------------------------------------------------


def _site_names(meta: PageMeta, doc: etree._Element) -> tuple[str, ...]:
    """The site's names as the page spells them, plus its host name ("dw.com" -> "dw")."""
    names = [*meta.site_names, doc.get("sitename") or ""]
    host = (doc.get("hostname") or "").lower().removeprefix("www.")
    if host:
        names += [host, host.rsplit(".", 1)[0]]
    parts = [p for name in names for p in [name, *_SEPARATORS.split(name)]]
    return tuple(dict.fromkeys(p.strip() for p in parts if len(text_key(p)) >= 2))


def strip_site_name(title: str, sites: tuple[str, ...]) -> str:
    """ "Headline - Site" / "SITE | Headline" / "Headline | DW | 19.01.2020" -> "Headline"."""
    parts = _SEPARATORS.split(title)
    if len(parts) < 2:
        return "" if is_site_name(title, sites) else title
    separators = _SEPARATORS.findall(title)
    start, end = 0, len(parts)
    while start < end and is_site_name(parts[start], sites):
        start += 1
    while end > start and is_site_name(parts[end - 1], sites):
        end -= 1
    if start >= end:
        return ""
    kept = parts[start]
    for i in range(start + 1, end):
        kept += separators[i - 1] + parts[i]
    return kept.strip()


def choose_title(meta: PageMeta, sites: tuple[str, ...]) -> str:
    """The headline: the declared headline (JSON-LD, og:title) or <title> without the site's name (the
    names the page declares, its host name, or whatever the title adds to the <h1> it shows); when all
    are only the site's name (or a system's placeholder word), the page's first <h1>."""
    for candidate in meta.headlines:
        parts = [text_key(p) for p in _SEPARATORS.split(candidate)]
        shown = next((h for h in meta.h1 if len(parts) > 1 and text_key(h) in parts and len(h.split()) >= 2
                      and not is_site_name(h, sites)), None)
        if shown:
            return shown  # "Headline – Site" where the page shows "Headline": the rest is the site's name
    stripped = [strip_site_name(candidate, sites) for candidate in meta.headlines]
    titles = [t for t in stripped if len(t.split()) >= 2]
    shown = [t for t in titles if any(same_headline(t, h) for h in meta.h1)]
    if shown or titles:
        return (shown or titles)[0]
    if meta.h1:
        return meta.h1[0]
    return next((t or c for t, c in zip(stripped, meta.headlines, strict=True)), "")


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def same_headline(title: str, heading: str) -> bool:
    """Does a heading say the title again (maybe with a kicker or the site's name around it)?"""
    a, b = set(_words(title)), set(_words(heading))
    shorter = min(len(a), len(b))
    if not shorter:
        return False
    if text_key(title) == text_key(heading):
        return True
    return shorter >= 2 and len(a & b) >= 0.8 * shorter and max(len(a), len(b)) <= 2 * shorter + 4


def _without_title_heading(blocks: list[PageBlock], title: str) -> tuple[list[PageBlock], str, list[str]]:
    """Drop the heading near the top that repeats the title, and a one-line kicker right above it;
    without a title, that heading is the title."""
    for i, block in enumerate(blocks[:TITLE_SEARCH_BLOCKS]):
        if block.kind != "heading":
            continue
        if not title:
            return [*blocks[:i], *blocks[i + 1:]], block.text, []
        if same_headline(title, block.text):
            before = blocks[:i]
            dropped = [block.text]
            if before and before[-1].kind == "paragraph" and len(before[-1].text.split()) <= 3 \
                    and not _SENTENCE_END.search(before[-1].text):
                dropped.insert(0, before.pop().text)  # a kicker ("Obituary") belongs to the heading
            return [*before, *blocks[i + 1:]], title, dropped
    return blocks, title, []


def _without_author_lines(body: tuple, author: str | None) -> tuple[tuple, list[str]]:
    """Near the top, a line that is only the author's name or a byline (with a date) is not read."""
    kept, dropped = [], []
    for i, block in enumerate(body):
        if block.kind == "paragraph" and i < TITLE_SEARCH_BLOCKS + 2 and _is_author_line(block.text, author):
            dropped.append(block.text)
        elif block.kind in ("paragraph", "heading") and len(block.text) < 120 and parse_byline(block.text):
            dropped.append(block.text)  # a second byline further down ("By Jane Roe, Radio X, Paris")
        else:
            kept.append(block)
    return tuple(kept), dropped


def _is_author_line(text: str, author: str | None) -> bool:
    if not author:
        return False
    rest = text
    for name in re.split(r",|\band\b|\bund\b|&", author):
        if name.strip():
            rest = rest.replace(name.strip(), " ")
    if rest == text:
        return False
    rest = re.sub(r"\d{1,2}:\d{2}|\d+\.?|[^\w\s]", " ", rest)
    return len(rest.split()) <= 2  # what remains is a date's month or a "von"


# --- article or not -------------------------------------------------------------------------------


def _declared_problem(meta: PageMeta) -> str | None:
    other = meta.declares_other
    return f"the page describes itself as {other!r}, not an article" if other else None


def _shape_problem(blocks: tuple, meta: PageMeta, link_share: float) -> str | None:
    paragraphs = [b.text for b in blocks if b.kind != "heading"]
    prose = [t for t in paragraphs if len(t.split()) >= PROSE_MIN_WORDS and _SENTENCE_END.search(t)]
    words = sum(len(t.split()) for t in prose)
    if link_share > MAX_LINK_SHARE:
        return f"{link_share:.0%} of its text is links (a list of other pages)"
    if words < MIN_PROSE_WORDS:
        return f"only {words} words of text"
    if not meta.declares_article and meta.cards >= UNDECLARED_MAX_CARDS:
        return f"it lists {meta.cards} article teasers and declares no article of its own (a listing page?)"
    if not meta.declares_article and (words < UNDECLARED_MIN_WORDS or len(prose) < UNDECLARED_MIN_PARAGRAPHS):
        return (f"only {len(prose)} paragraphs of sentences ({words} words) and no article metadata "
                "(a start, overview or listing page?)")
    return None
