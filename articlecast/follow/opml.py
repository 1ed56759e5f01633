"""OPML, the format feed readers export their subscriptions in: a tree of <outline xmlUrl=…>."""
from __future__ import annotations

from articlecast.errors import InputError


def looks_like_opml(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return b"<opml" in head


def read_opml(data: bytes, label: str) -> list[str]:
    """Every feed URL in the outline tree, in document order, each once."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as e:
        raise InputError(f"{label}: not a valid OPML file ({e})") from None
    if root.tag.lower() != "opml":
        raise InputError(f"{label}: not an OPML file (its root element is <{root.tag}>)")
    urls: dict[str, None] = {}
    for outline in root.iter("outline"):
        url = (outline.get("xmlUrl") or outline.get("xmlurl") or "").strip()
        if url.startswith(("http://", "https://")):
            urls.setdefault(url)
    if not urls:
        raise InputError(f"{label}: the OPML file lists no http(s) feeds")
    return list(urls)
