"""DIR/feed.xml: the RSS 2.0 feed podcast apps subscribe to (Apple's itunes: tags, the podcast namespace).

Every URL in the feed is absolute (apps fetch them from anywhere), and each enclosure's length is the
size of the file on disk when the feed is written, so an app's download check always agrees.
"""
from __future__ import annotations

import os
from datetime import datetime, timezone
from email.utils import format_datetime
from pathlib import Path
from typing import Sequence
from urllib.parse import quote

from lxml import etree

from articlecast import __version__
from articlecast.config import Show
from articlecast.fsutil import atomic_write_bytes
from articlecast.output.catalog import EpisodeRecord, podcast_guid

FEED_NAME = "feed.xml"
COVER_NAME = "cover.jpg"
MAX_DESCRIPTION_BYTES = 4000  # Apple Podcasts' limit for show and episode descriptions
CATEGORY_SEPARATOR = ">"

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
PODCAST = "https://podcastindex.org/namespace/1.0"
ATOM = "http://www.w3.org/2005/Atom"
NSMAP = {"itunes": ITUNES, "podcast": PODCAST, "atom": ATOM}

# Files published beside each episode's MP3, and how the feed announces them.
COMPANIONS = (
    # (suffix, element, type, with the episode's language)
    (".vtt", "transcript", "text/vtt", True),
    (".chapters.json", "chapters", "application/json+chapters", False),
)


def write_feed(out_dir: Path, show: Show, episodes: Sequence[EpisodeRecord], *,
               feed_guid: str | None = None, built_at: datetime | None = None) -> Path:
    """Write DIR/feed.xml atomically; episodes whose MP3 is missing on disk are left out."""
    out_dir = Path(out_dir)
    rss = build_feed(out_dir, show, episodes, feed_guid=feed_guid or podcast_guid(show.feed_url),
                     built_at=built_at or datetime.now(timezone.utc))
    path = out_dir / FEED_NAME
    atomic_write_bytes(path, etree.tostring(rss, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    return path


def build_feed(out_dir: Path, show: Show, episodes: Sequence[EpisodeRecord], *,
               feed_guid: str, built_at: datetime) -> etree._Element:
    rss = etree.Element("rss", version="2.0", nsmap=NSMAP)
    channel = _sub(rss, "channel")
    _sub(channel, "title", show.title)
    _sub(channel, "link", absolute_url(show, ""))
    _sub(channel, "description", cut_utf8(show.description or show.title, MAX_DESCRIPTION_BYTES))
    _sub(channel, "language", show.language)
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
    if show.owner_name or show.owner_email:
        owner = _sub(channel, f"{{{ITUNES}}}owner")
        _sub(owner, f"{{{ITUNES}}}name", show.owner_name or show.author or show.title)
        if show.owner_email:
            _sub(owner, f"{{{ITUNES}}}email", show.owner_email)
    _sub(channel, f"{{{ITUNES}}}type", "episodic")
    _sub(channel, f"{{{PODCAST}}}guid", feed_guid)
    # Locking needs an owner who can prove the feed is theirs: only a show with an owner email is locked.
    locked = _sub(channel, f"{{{PODCAST}}}locked", "yes" if show.owner_email else "no")
    if show.owner_email:
        locked.set("owner", show.owner_email)

    for ep in episodes:
        mp3 = out_dir / "episodes" / f"{ep.slug}.mp3"
        if mp3.is_file():
            _add_item(channel, out_dir, show, ep, size_bytes=os.path.getsize(mp3), cover_url=cover_url)
    return rss


def _add_item(channel: etree._Element, out_dir: Path, show: Show, ep: EpisodeRecord, *,
              size_bytes: int, cover_url: str) -> None:
    item = _sub(channel, "item")
    _sub(item, "title", ep.title)
    _sub(item, "description", cut_utf8(ep.description or ep.title, MAX_DESCRIPTION_BYTES))
    if ep.source_is_url:
        _sub(item, "link", ep.source)
    _sub(item, "guid", ep.guid, isPermaLink="false")
    _sub(item, "pubDate", format_datetime(ep.pub_date.astimezone(timezone.utc), usegmt=True))
    _sub(item, "enclosure", url=absolute_url(show, ep.enclosure_path), length=str(size_bytes), type="audio/mpeg")
    if ep.author:
        _sub(item, f"{{{ITUNES}}}author", ep.author)
    _sub(item, f"{{{ITUNES}}}duration", str(round(ep.duration_s)))
    _sub(item, f"{{{ITUNES}}}episodeType", "full")
    _sub(item, f"{{{ITUNES}}}explicit", "true" if show.explicit else "false")
    _sub(item, f"{{{ITUNES}}}image", href=cover_url)
    version = "" if ep.version == 1 else f"?v={ep.version}"
    for suffix, element, mime, with_language in COMPANIONS:
        if (out_dir / "episodes" / f"{ep.slug}{suffix}").is_file():
            companion = _sub(item, f"{{{PODCAST}}}{element}",
                             url=absolute_url(show, f"episodes/{ep.slug}{suffix}{version}"), type=mime)
            if with_language:
                companion.set("language", ep.language)


def _add_category(channel: etree._Element, category: str) -> None:
    """Apple's category text, optionally with one subcategory: "News > Tech News"."""
    parent = channel
    for name in [part.strip() for part in category.split(CATEGORY_SEPARATOR) if part.strip()][:2]:
        parent = _sub(parent, f"{{{ITUNES}}}category", text=name)


def absolute_url(show: Show, path: str) -> str:
    """`path` (relative to the folder, possibly with a query) under the show's public base URL."""
    path, _, query = path.partition("?")
    url = show.base_url.rstrip("/") + "/" + quote(path)
    return f"{url}?{query}" if query else url


def cut_utf8(text: str, max_bytes: int) -> str:
    """`text` shortened to at most `max_bytes` of UTF-8, cut between words where possible, marked with "…"."""
    text = text.strip()
    if len(text.encode("utf-8")) <= max_bytes:
        return text
    ellipsis = "…"
    room = max_bytes - len(ellipsis.encode("utf-8"))
    cut = text.encode("utf-8")[:room].decode("utf-8", errors="ignore")  # drops a split multi-byte character
    words = cut.rsplit(None, 1)[0] if " " in cut.strip() else cut
    return words.rstrip() + ellipsis


def _sub(parent: etree._Element, tag: str, text: str | None = None, **attributes: str) -> etree._Element:
    element = etree.SubElement(parent, tag, attributes)
    if text is not None:
        element.text = text
    return element
