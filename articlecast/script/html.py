"""HTML pages (files and URLs): trafilatura finds the article; its XML keeps headings and quotes."""
from __future__ import annotations

from lxml import etree

from articlecast.script.boilerplate import BoilerplateFilter
from articlecast.script.byline import take_byline
from articlecast.script.decode import clean_text
from articlecast.script.draft import Draft
from articlecast.script.pullquote import RawBlock, resolve_quotes


def parse_html(page: str, boilerplate: BoilerplateFilter) -> Draft:
    """An empty Draft when the page holds no article (a login wall, an index page)."""
    import trafilatura  # imported here: it takes a noticeable moment, and plain text never needs it

    xml = trafilatura.extract(
        page,
        output_format="xml",
        include_formatting=True,  # keeps <head> (chapters) apart from paragraphs
        include_comments=False,
        include_tables=False,  # a table read aloud is noise
        include_images=False,
        with_metadata=True,
    )
    if not xml:
        return Draft("", None, ())
    doc = etree.fromstring(xml.encode("utf-8"))
    main = doc.find("main")
    raw = _raw_blocks(main) if main is not None else []
    texts, dropped = [], []
    for kind, text in raw:
        if boilerplate.matches(text):
            dropped.append(text)
        else:
            texts.append((kind, text))
    title = _fold(doc.get("title") or "")
    if texts and texts[0][0] == "heading" and (not title or texts[0][1] == title):
        title, texts = texts[0][1], texts[1:]  # the page's own <h1> repeats the title
    byline_author, blocks = take_byline(resolve_quotes(texts))
    metadata_author = _fold((doc.get("author") or "").replace(";", ","))
    return Draft(title, metadata_author or byline_author, blocks, tuple(dropped))


def _raw_blocks(main: etree._Element) -> list[RawBlock]:
    """The article's blocks in page order."""
    for line_break in main.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    raw = []
    for element in main:
        if element.tag == "quote":
            paragraphs = element.findall(".//p") or [element]
            raw.extend(("quote", _fold(_text(p))) for p in paragraphs)
        elif element.tag == "list":
            raw.extend(("paragraph", _fold(_text(item))) for item in element.iter("item"))
        else:
            raw.append(("heading" if element.tag == "head" else "paragraph", _fold(_text(element))))
    return [(kind, text) for kind, text in raw if text]


def _text(element: etree._Element) -> str:
    return "".join(element.itertext())


def _fold(text: str) -> str:
    # Entities (&shy;, &nbsp;, &#8203;) become characters only now, after the page text was cleaned.
    return " ".join(clean_text(text).split())
