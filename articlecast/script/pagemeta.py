"""What a web page says about itself: its kind, headline, site and authors (meta tags, JSON-LD, <h1>).

Publishers describe their pages for search engines and social networks: `og:type`, JSON-LD
`@type`, `headline`, `author`, `publisher`. That self-description is more reliable than any
guess from the text: it tells an article from a shop, a video or a listing page, the headline
from the `<title>` (which carries the site's name), and the authors from the publisher.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml import etree

# JSON-LD types and og:type values that declare one article; the rest of schema.org's
# CreativeWork types that a page's main entity may have declare something else.
ARTICLE_TYPES = re.compile(r"(?:\w*Article|BlogPosting|LiveBlogPosting|SocialMediaPosting|Report|Review|"
                           r"article|story|blog|news)", re.IGNORECASE)
NOT_ARTICLE_TYPES = frozenset({
    "product", "productgroup", "offer", "aggregateoffer", "videoobject", "audioobject", "musicrecording",
    "collectionpage", "itemlist", "searchresultspage", "profilepage", "event", "recipe", "book", "movie",
    "tvseries", "tvepisode", "video", "video.movie", "video.episode", "video.other", "video.tv_show", "music.song",
    "music.album", "profile", "books.book", "product.item", "product.group", "place", "restaurant",
    "food", "game",
})
# Types that are only the frame around the main entity (a web site, its search box, its breadcrumbs).
FRAME_TYPES = frozenset({"website", "webpage", "organization", "newsmediaorganization", "person", "imageobject",
                         "breadcrumblist", "listitem", "searchaction", "entrypoint", "readaction", "commentaction",
                         "speakablespecification", "webpageelement", "wpheader", "wpfooter", "sitenavigationelement",
                         "postaladdress", "contactpoint", "corporation", "localbusiness", "thing", "propertyvalue"})
STANDFIRST_MIN_WORDS = 12  # a lead is one or two full sentences; shorter lines are kickers or dates
MAX_JSON_LD_CHARS = 200_000  # a page's metadata is a few kilobytes; larger scripts are app state


@dataclass(frozen=True)
class PageMeta:
    types: tuple[str, ...] = ()  # og:type and JSON-LD @type values, lowercase
    headlines: tuple[str, ...] = ()  # JSON-LD headline, og:title, twitter:title, <title>: the article's title
    h1: tuple[str, ...] = ()  # the page's <h1> texts
    site_names: tuple[str, ...] = ()  # og:site_name, JSON-LD publisher, application-name
    authors: tuple[str, ...] = ()  # JSON-LD author names, meta author, article:author (names, not URLs)
    standfirst: str | None = None  # the sentences right under the page's only <h1>: the article's lead
    cards: int = 0  # <article> elements: one for an article page, dozens for a listing of teasers

    @property
    def declares_article(self) -> bool:
        return any(ARTICLE_TYPES.fullmatch(t) for t in self.types)

    @property
    def declares_other(self) -> str | None:
        """The non-article kind the page declares (a product, a video …), when it declares no article."""
        if self.declares_article:
            return None
        return next((t for t in self.types if t in NOT_ARTICLE_TYPES), None)


def read_page_meta(tree: etree._Element) -> PageMeta:
    types: list[str] = []
    headlines: list[str] = []
    sites: list[str] = []
    authors: list[str] = []
    for entity in _json_ld(tree):
        kind = entity.get("@type")
        kinds = [k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)]
        types.extend(k.lower() for k in kinds)
        if any(ARTICLE_TYPES.fullmatch(k) for k in kinds):
            headlines.extend(_strings(entity.get("headline")))
            authors.extend(_names(entity.get("author")))
            sites.extend(_names(entity.get("publisher")))
        elif any(k.lower() in ("website", "newsmediaorganization", "organization") for k in kinds):
            sites.extend(_strings(entity.get("name")))
    types.extend(v.lower() for v in _meta(tree, "og:type"))
    headlines[:0] = _meta(tree, "og:title") + _meta(tree, "twitter:title")  # what the page shows when shared
    headlines.extend(_fold(" ".join(t.itertext())) for t in tree.iter("title") if t.getparent() is not None
                     and t.getparent().tag == "head")
    sites.extend(_meta(tree, "og:site_name") + _meta(tree, "application-name") + _meta(tree, "publisher"))
    authors.extend(a for a in _meta(tree, "author") + _meta(tree, "article:author") + _meta(tree, "dc.creator")
                   if "://" not in a)
    h1s = list(tree.iter("h1"))
    h1 = [_fold(" ".join(h.itertext())) for h in h1s]
    standfirst = _standfirst(h1s[0]) if len(h1s) == 1 else None
    cards = sum(1 for _ in tree.iter("article"))
    return PageMeta(_unique(types), _unique(headlines), _unique(h1), _unique(sites), _unique(authors), standfirst, cards)


def _standfirst(h1: etree._Element) -> str | None:
    """The next element after the headline, when it holds sentences: extraction often skips it,
    because it sits in the page's header rather than in the article's body."""
    following = h1.getnext()
    while following is not None and not _fold("".join(following.itertext())):
        following = following.getnext()
    if following is None or not isinstance(following.tag, str) or following.tag in ("script", "style", "nav", "ul", "ol"):
        return None
    text = _fold("".join(following.itertext()))
    if len(text.split()) >= STANDFIRST_MIN_WORDS and re.search(r"[.!?…\"“”»«]$", text):
        return text
    return None


_DATE = re.compile(r"\d{1,2}\.\s?\d{1,2}\.\s?\d{2,4}|\d{4}-\d{2}-\d{2}")


def text_key(text: str) -> str:
    """Letters and digits only, lowercase: "brand eins", "BrandEins" and "brandeins.de" compare."""
    return re.sub(r"[\W_]+", "", text.lower())


def is_site_name(part: str, sites: tuple[str, ...]) -> bool:
    """Is this piece of a title or author field the site's (or publisher's) name, or a date?"""
    key = text_key(part)
    if not key or _DATE.fullmatch(part.strip()):
        return True  # "| 19.01.2020" after the headline
    for site in sites:
        site_key = text_key(site)
        if key == site_key:
            return True
        if len(site_key) >= 4 and site_key in key and len(key) - len(site_key) <= 12:
            return True  # "brand eins online" for brandeins.de
        if len(key) >= 4 and key in site_key and len(key) >= 0.6 * len(site_key):
            return True  # "Süddeutsche" for "Süddeutsche.de"
    return False


def _meta(tree: etree._Element, name: str) -> list[str]:
    found = []
    for element in tree.iter("meta"):
        key = (element.get("property") or element.get("name") or "").strip().lower()
        if key == name and element.get("content"):
            found.append(_fold(html.unescape(element.get("content"))))  # some pages escape twice
    return found


def _json_ld(tree: etree._Element) -> Iterator[dict]:
    """Every JSON-LD object of the page, nested @graph members included; broken scripts are skipped."""
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        text = script.text or ""
        if len(text) > MAX_JSON_LD_CHARS:
            continue
        try:
            data = json.loads(text)
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                yield item
                if "@graph" in item:
                    stack.append(item["@graph"])


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [_fold(html.unescape(value))] if value.strip() else []  # JSON-LD often holds HTML entities
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    return []


def _names(value: object) -> list[str]:
    """Names of JSON-LD persons or organisations given as strings, objects or lists of either."""
    if isinstance(value, list):
        return [n for v in value for n in _names(v)]
    if isinstance(value, dict):
        return _strings(value.get("name"))
    return [s for s in _strings(value) if "://" not in s]


def _fold(text: str) -> str:
    return " ".join(text.split())


def _unique(values: list[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(v for v in values if v))
