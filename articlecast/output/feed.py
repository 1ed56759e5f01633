"""DIR/feed.xml: the RSS 2.0 feed podcast apps subscribe to (Apple's itunes: tags, the podcast namespace).

Every URL in the feed is absolute (apps fetch them from anywhere), and each enclosure's length is the
size of the file on disk when the feed is written, so an app's download check always agrees.
"""
from __future__ import annotations

import html
import os
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from datetime import datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from urllib.parse import quote

from lxml import etree

from articlecast import __version__
from articlecast.categories import category_path
from articlecast.config import Show, show_language
from articlecast.errors import InputError
from articlecast.fsutil import atomic_write_bytes
from articlecast.output.catalog import EpisodeRecord, podcast_guid

FEED_NAME = "feed.xml"
COVER_NAME = "cover.jpg"
MAX_DESCRIPTION_BYTES = 4000  # Apple Podcasts' limit for show and episode descriptions
EPISODE_COVER_SUFFIX = ".jpg"  # episodes/<slug>.jpg: the cover embedded in the MP3, for the feed's itunes:image
_NOT_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
NSMAP = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM}

# Files published beside each episode's MP3, and how the feed announces them.
COMPANIONS = (
    # (suffix, element, type, extra attributes, with the episode's language)
    # rel="captions": the VTT is timed, so apps may show it as captions, not only as a text
    (".vtt", "transcript", "text/vtt", {"rel": "captions"}, True),
    (".chapters.json", "chapters", "application/json+chapters", {}, False),
)


def write_feed(out_dir: Path, show: Show, episodes: Sequence[EpisodeRecord], *,
               feed_guid: str | None = None, built_at: datetime | None = None) -> Path:
    """Write DIR/feed.xml atomically; episodes whose MP3 is missing on disk are left out."""
    out_dir = Path(out_dir)
    path = out_dir / FEED_NAME
    atomic_write_bytes(path, feed_bytes(out_dir, show, episodes, feed_guid=feed_guid or podcast_guid(show.feed_url),
                                        built_at=built_at or datetime.now(timezone.utc)))
    return path


def feed_bytes(out_dir: Path, show: Show, episodes: Sequence[EpisodeRecord], *, feed_guid: str,
               built_at: datetime, staged: Mapping[Path, Path] = {}) -> bytes:
    rss = build_feed(out_dir, show, episodes, feed_guid=feed_guid, built_at=built_at, staged=staged)
    return etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def build_feed(out_dir: Path, show: Show, episodes: Sequence[EpisodeRecord], *,
               feed_guid: str, built_at: datetime, staged: Mapping[Path, Path] = {}) -> etree._Element:
    """`staged`: final path -> the complete temporary file about to be renamed there (a build's commit
    renders the feed before its files are in place; the feed describes what will be there)."""
    rss = etree.Element("rss", version="2.0", nsmap=NSMAP)
    channel = _sub(rss, "channel")
    _sub(channel, "title", show.title)
    _sub(channel, "link", absolute_url(show, ""))
    _sub(channel, "description", shorten(xml_safe(show.description or show.title), MAX_DESCRIPTION_BYTES))
    _sub(channel, "language", show_language(show, (ep.language for ep in episodes)))
    _sub(channel, f"{{{ATOM}}}link", href=show.feed_url, rel="self", type="application/rss+xml")
    _sub(channel, "generator", f"articlecast {__version__}")
    _sub(channel, "lastBuildDate", format_datetime(built_at.astimezone(timezone.utc), usegmt=True))
    cover_url = absolute_url(show, COVER_NAME)
    image = _sub(channel, "image")
    for name, text in (("url", cover_url), ("title", show.title), ("link", absolute_url(show, ""))):
        _sub(image, name, text)
    _sub(channel, f"{{{ITUNES}}}image", href=cover_url)
    _add_category(channel, show.category)
    _sub(channel, f"{{{ITUNES}}}explicit", "true" if show.explicit else "false")
    _sub(channel, f"{{{ITUNES}}}author", show.author or show.owner_name or show.title)
    # Directories contact the owner through itunes:owner; the author stands in for a missing owner name.
    owner_name = show.owner_name or show.author
    if owner_name or show.owner_email:
        owner = _sub(channel, f"{{{ITUNES}}}owner")
        _sub(owner, f"{{{ITUNES}}}name", owner_name or show.title)
        if show.owner_email:
            _sub(owner, f"{{{ITUNES}}}email", show.owner_email)
    _sub(channel, f"{{{ITUNES}}}type", "episodic")
    _sub(channel, f"{{{PODCAST}}}guid", feed_guid)
    # Locked only when the show says so (an e-mail given for contact must not lock the feed by itself).
    locked = _sub(channel, f"{{{PODCAST}}}locked", "yes" if show.locked and show.owner_email else "no")
    if show.owner_email:
        locked.set("owner", show.owner_email)

    def on_disk(path: Path) -> Path:
        return staged.get(path, path)

    published = [ep for ep in episodes if on_disk(out_dir / "episodes" / f"{ep.slug}.mp3").is_file()]
    for ep, pub_date in zip(published, distinct_pub_dates(published), strict=True):
        mp3 = on_disk(out_dir / "episodes" / f"{ep.slug}.mp3")
        _add_item(channel, out_dir, show, ep, size_bytes=os.path.getsize(mp3), cover_url=cover_url, pub_date=pub_date,
                  on_disk=on_disk)
    return rss


def distinct_pub_dates(episodes: Sequence[EpisodeRecord]) -> Iterator[datetime]:
    """The episodes' pubDates (newest first), each at least a second before the one above it.

    An RFC 822 date has whole seconds; articles built in one batch would share one, and apps that sort
    by date would then order them at random. Moving the older one back keeps the catalog's order.
    """
    newer: datetime | None = None
    for ep in episodes:
        when = ep.pub_date.astimezone(timezone.utc).replace(microsecond=0)
        if newer is not None and when >= newer:
            when = newer - timedelta(seconds=1)
        newer = when
        yield when


def _add_item(channel: etree._Element, out_dir: Path, show: Show, ep: EpisodeRecord, *,
              size_bytes: int, cover_url: str, pub_date: datetime,
              on_disk: Callable[[Path], Path] = lambda path: path) -> None:
    item = _sub(channel, "item")
    _sub(item, "title", ep.title)
    _sub(item, "description", html_description(ep.description or ep.title))
    # Apple recommends a link per episode: the article itself, else the episode on the show's page.
    _sub(item, "link", ep.source if ep.source_is_url else absolute_url(show, "") + f"#episode-{ep.slug}")
    _sub(item, "guid", ep.guid, isPermaLink="false")
    _sub(item, "pubDate", format_datetime(pub_date, usegmt=True))
    _sub(item, "enclosure", url=absolute_url(show, ep.enclosure_path), length=str(size_bytes), type="audio/mpeg")
    if ep.author:
        _sub(item, f"{{{ITUNES}}}author", ep.author)
    _sub(item, f"{{{ITUNES}}}duration", str(round(ep.duration_s)))
    _sub(item, f"{{{ITUNES}}}episodeType", "full")
    _sub(item, f"{{{ITUNES}}}explicit", "true" if show.explicit else "false")
    version = "" if ep.version == 1 else f"?v={ep.version}"
    episode_cover = f"episodes/{ep.slug}{EPISODE_COVER_SUFFIX}"
    has_cover = on_disk(out_dir / episode_cover).is_file()
    _sub(item, f"{{{ITUNES}}}image", href=absolute_url(show, episode_cover + version) if has_cover else cover_url)
    for suffix, element, mime, extra, with_language in COMPANIONS:
        if on_disk(out_dir / "episodes" / f"{ep.slug}{suffix}").is_file():
            companion = _sub(item, f"{{{PODCAST}}}{element}",
                             url=absolute_url(show, f"episodes/{ep.slug}{suffix}{version}"), type=mime, **extra)
            if with_language:
                companion.set("language", ep.language)


def _add_category(channel: etree._Element, category: str) -> None:
    """Apple's category, with its subcategory nested inside it: "News > Tech News"."""
    try:
        path = category_path(category)
    except ValueError as e:
        raise InputError(str(e), hint="set [show] category in articlecast.toml") from None
    parent = channel
    for name in path:
        parent = _sub(parent, f"{{{ITUNES}}}category", text=name)


def published_base_url(out_dir: Path) -> str | None:
    """The base URL of the feed now in DIR/feed.xml (from its atom:link rel=self), None without one."""
    try:
        root = etree.parse(str(Path(out_dir) / FEED_NAME), etree.XMLParser(resolve_entities=False, no_network=True))
    except (OSError, etree.XMLSyntaxError):
        return None
    for link in root.iter(f"{{{ATOM}}}link"):
        href = link.get("href") or ""
        if link.get("rel") == "self" and href.endswith("/" + FEED_NAME):
            return href[: -len(FEED_NAME)]
    return None


def guard_base_url(out_dir: Path, show: Show, *, force: bool, warn: Callable[[str], None]) -> None:
    """Refuse to replace a public feed's URLs by local ones (every subscriber would lose the show).

    The earlier base URL is the one in articlecast.toml or in the feed already written. With `force`
    it goes ahead, and always says so.
    """
    from articlecast.config import is_local_url, load_config

    if not show.is_local:
        return
    earlier = [url for url in (load_config(out_dir).show.base_url, published_base_url(out_dir))
               if url and not is_local_url(url)]
    if not earlier:
        return
    message = (f"the feed's base URL would change from {earlier[0]} to the local {show.base_url}; "
               "subscribers could no longer reach the episodes")
    if not force:
        raise InputError(message, hint=f"give --base-url {earlier[0]}, or --force if this is really meant")
    warn(f"articlecast: warning: {message}")


def absolute_url(show: Show, path: str) -> str:
    """`path` (relative to the folder, possibly with a query) under the show's public base URL."""
    path, _, query = path.partition("?")
    url = show.base_url.rstrip("/") + "/" + quote(path)
    return f"{url}?{query}" if query else url


def html_description(text: str) -> str:
    """An episode's plain text as the HTML apps expect in an item's description: "<b>" shows as "<b>".

    Wrapped in <p> so that apps which guess between text and HTML always guess HTML and unescape it.
    Cut (between words, marked "…") so that the whole fits Apple's limit, never inside an entity.
    """
    markup = len("<p></p>")
    body = shorten(xml_safe(text), MAX_DESCRIPTION_BYTES - markup, render=lambda t: html.escape(t, quote=False))
    return f"<p>{body}</p>"


def shorten(text: str, max_bytes: int, render: Callable[[str], str] = str) -> str:
    """render(text) in at most `max_bytes` of UTF-8: the text is cut at a character (best: a word) boundary."""
    text = text.strip()
    rendered = render(text)
    if len(rendered.encode("utf-8")) <= max_bytes:
        return rendered
    ellipsis = "…"
    budget = max_bytes - len(ellipsis.encode("utf-8"))
    used = n = 0
    for char in text:
        used += len(render(char).encode("utf-8"))
        if used > budget:
            break
        n += 1
    cut = text[:n]
    if re.search(r"\s", cut.strip()):
        cut = re.split(r"\s+(?=\S*$)", cut.rstrip())[0]  # drop the word cut in half
    return render(cut.rstrip()) + ellipsis


def _sub(parent: etree._Element, tag: str, text: str | None = None, /, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: xml_safe(v) for k, v in attributes.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


def xml_safe(text: str) -> str:
    """Without the control characters XML 1.0 forbids (a pasted article can hold them)."""
    return _NOT_XML.sub("", text)
