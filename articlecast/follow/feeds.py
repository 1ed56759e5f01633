"""Fetching and reading a followed feed (RSS 0.9x/1.0/2.0, Atom) with feedparser.

Feeds are polled from cron, often every few minutes, so every fetch is a conditional GET
(If-None-Match / If-Modified-Since with what the last answer said): an unchanged feed costs
one 304 and no parsing. feedparser does the parsing because real feeds are rarely valid XML;
it reads them loosely and says so (`bozo`), and we only refuse a document with no feed in it.
"""
from __future__ import annotations

import calendar
import hashlib
import http.client
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Literal

from articlecast.errors import InputError, NetworkError
from articlecast.script.fetch import CHUNK_BYTES, USER_AGENT, read_limited

if TYPE_CHECKING:
    import ssl

MAX_FEED_BYTES = 10 * 1024 * 1024
# Below this many words, content:encoded is a teaser, not the article: the item's link is fetched.
FULL_CONTENT_MIN_WORDS = 150


@dataclass(frozen=True)
class FeedItem:
    """One entry of a feed, as much as the feed tells about the article behind it."""

    guid: str  # the entry's id; else its link; else a hash of title and date (stable across polls)
    link: str | None
    title: str
    author: str | None
    published: datetime | None  # UTC
    content_html: str | None  # the whole article when the feed carries it (content:encoded, Atom content)

    @property
    def source(self) -> str:
        """What the episode is known by in the catalog: the article's URL, else the entry's id."""
        return self.link or self.guid


@dataclass(frozen=True)
class FetchedFeed:
    url: str
    status: Literal["fetched", "not-modified"]
    title: str
    items: tuple[FeedItem, ...]  # newest first, as feeds list them; empty when not modified
    etag: str | None
    last_modified: str | None


def fetch_feed(url: str, *, etag: str | None = None, last_modified: str | None = None,
               timeout_s: float = 20.0) -> FetchedFeed:
    """GET `url` conditionally; a 304 gives status "not-modified" and no items.

    Raises NetworkError when the server cannot be reached or answers with an error,
    InputError when the answer is not a feed.

    The standard library's HTTP client, not requests (which fetches article pages): cron polls
    every few minutes, and importing requests cost more than the rest of a poll that ends in a
    304 (bench/bench_follow.py). Redirects, proxies from the environment and HTTPS are handled
    as requests handles them; only http(s) URLs are fetched.
    """
    if not url.lower().startswith(("http://", "https://")):
        raise InputError(f"{url}: a followed feed must be an http(s) URL")
    headers = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
               "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    try:
        with _opener().open(urllib.request.Request(url, headers=headers), timeout=timeout_s) as response:
            raw = read_limited(iter(lambda: response.read(CHUNK_BYTES), b""), url, max_bytes=MAX_FEED_BYTES, what="feed")
            answer_headers = {k.lower(): v for k, v in response.headers.items()}
    except urllib.error.HTTPError as e:
        e.close()
        if e.code == 304:
            return FetchedFeed(url, "not-modified", "", (), etag, last_modified)
        raise NetworkError(f"{url}: HTTP {e.code} {e.reason or ''}".rstrip()) from None
    except urllib.error.URLError as e:
        if isinstance(e.reason, TimeoutError):
            raise NetworkError(f"{url}: no answer within {timeout_s:g} s") from None
        raise NetworkError(f"{url}: cannot fetch the feed ({_reason(e.reason)})") from None
    except TimeoutError:
        raise NetworkError(f"{url}: no answer within {timeout_s:g} s") from None
    except (OSError, http.client.HTTPException, ValueError) as e:  # a dropped connection, a malformed answer or URL
        raise NetworkError(f"{url}: cannot fetch the feed ({_reason(e)})") from None
    body = _decoded(raw, answer_headers.get("content-encoding", ""), url)
    title, items = parse_feed(body, url, headers=answer_headers)
    return FetchedFeed(url, "fetched", title, items, answer_headers.get("etag"), answer_headers.get("last-modified"))


def _opener() -> urllib.request.OpenerDirector:
    """HTTP(S) only (no file:, ftp: or data: URLs, also not by redirect), proxies from the environment."""
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(), urllib.request.HTTPHandler(),
                    _HTTPSHandler(), urllib.request.HTTPDefaultErrorHandler(), urllib.request.HTTPRedirectHandler(),
                    urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


class _HTTPSHandler(urllib.request.HTTPSHandler):
    """Certificates loaded when an https URL is met (a redirect may lead there), not for every http poll."""

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        if self._context is None:
            self._context = _tls_context()
        return super().https_open(req)


def _tls_context() -> ssl.SSLContext:
    """The system's certificates and, as requests has them, certifi's (a minimal container may lack the first)."""
    import ssl

    context = ssl.create_default_context()
    try:
        import certifi
    except ImportError:
        return context
    context.load_verify_locations(certifi.where())
    return context


def _decoded(raw: bytes, encoding: str, url: str) -> bytes:
    """The body as the server meant it, unpacked within the same bound as it was read."""
    encoding = encoding.strip().lower()
    if encoding in ("", "identity"):
        return raw
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise NetworkError(f"{url}: the server sent the feed in an encoding it was not asked for ({encoding})")
    # gzip or zlib (told apart by the header), then raw deflate, which some servers send as "deflate"
    for window in (zlib.MAX_WBITS | 32, -zlib.MAX_WBITS):
        try:
            body = zlib.decompressobj(window).decompress(raw, MAX_FEED_BYTES + 1)
            break
        except zlib.error as e:
            error = e
    else:
        raise NetworkError(f"{url}: the feed arrived damaged ({error})") from None
    if len(body) > MAX_FEED_BYTES:
        raise InputError(f"{url}: feed larger than {MAX_FEED_BYTES // (1024 * 1024)} MB")
    return body


def _reason(error: object) -> str:
    """What went wrong in a few words: "Connection refused", not urllib's nested reprs."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    return str(error) or type(error).__name__


def parse_feed(data: bytes, url: str, *, headers: dict[str, str] | None = None) -> tuple[str, tuple[FeedItem, ...]]:
    """The feed's title and items; InputError when `data` holds no feed at all."""
    import feedparser  # imported here: only `follow` and `update` need it

    parsed = feedparser.parse(data, response_headers=headers or {})
    if not parsed.get("version") and not parsed.entries:
        reason = str(parsed.get("bozo_exception") or "no RSS or Atom elements")
        raise InputError(f"{url}: not a feed ({_first_line(reason)})")
    items = tuple(_item(entry) for entry in parsed.entries)
    return str(parsed.feed.get("title") or url), items


def _item(entry) -> FeedItem:
    link = (entry.get("link") or "").strip() or None
    title = " ".join(str(entry.get("title") or "").split())
    published = _utc(entry.get("published_parsed") or entry.get("updated_parsed"))
    guid = (entry.get("id") or "").strip() or link
    if not guid:  # no id and no link: title and date are all that stay the same between polls
        guid = "urn:sha256:" + hashlib.sha256(f"{title}\n{published}".encode()).hexdigest()[:32]
    return FeedItem(guid=guid, link=link, title=title, author=(entry.get("author") or "").strip() or None,
                    published=published, content_html=_full_content(entry))


def _full_content(entry) -> str | None:
    """The longest HTML content the entry carries, when it is long enough to be the article."""
    contents = [c.get("value", "") for c in entry.get("content", ()) if c.get("value")]
    if not contents:
        return None
    best = max(contents, key=len)
    return best if _word_count(best) >= FULL_CONTENT_MIN_WORDS else None


def _word_count(html: str) -> int:
    import lxml.html

    try:
        return len(lxml.html.fromstring(html).text_content().split())
    except Exception:  # lxml raises several kinds for fragments it cannot parse; such content is no article
        return 0


def _utc(struct) -> datetime | None:
    if not struct:
        return None
    return datetime.fromtimestamp(calendar.timegm(struct), tz=timezone.utc)


def _first_line(text: str) -> str:
    return text.strip().splitlines()[0][:200] if text.strip() else "unreadable"
