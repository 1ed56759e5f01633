"""`articlecast check DIR`: everything that would stop a directory or an app from taking the feed, one line each.

The checks follow what Apple Podcasts requires (a channel's title, description, artwork of 1400-3000 px,
language, a category from its list, explicit; an item's title, enclosure with length and type, GUID) and
what the W3C feed validator warns about (an owner without an e-mail), plus what hurts subscribers later:
a base URL that only this computer reaches, files the feed names that are missing or of another size,
and local paths in files that are published.
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from lxml import etree

from articlecast.config import DEFAULT_DESCRIPTION, DEFAULT_TITLE, Show, is_local_url
from articlecast.output.feed import ATOM, FEED_NAME, ITUNES, published_base_url

MIN_ART_PX, MAX_ART_PX = 1400, 3000
CHANNEL_REQUIRED = (("title", "title"), ("description", "description"), ("language", "language"),
                    (f"{{{ITUNES}}}image", "itunes:image"), (f"{{{ITUNES}}}category", "itunes:category"),
                    (f"{{{ITUNES}}}explicit", "itunes:explicit"))
ITEM_REQUIRED = (("title", "title"), ("enclosure", "enclosure"), ("guid", "guid"))
_LOCAL_PATH = re.compile(r"(?<![\w:/.])(?:/(?:home|Users|root|tmp|var|srv|mnt|media)/[^\s\"'<>]+|[A-Za-z]:\\[^\s\"'<>]+)")


def show_warnings(show: Show) -> list[str]:
    """Settings that still hold a placeholder or leave out what directories ask for."""
    problems = []
    if show.title == DEFAULT_TITLE:
        problems.append(f"[show] title is the placeholder {DEFAULT_TITLE!r}: name your show (articlecast init --title ...)")
    if show.description == DEFAULT_DESCRIPTION:
        problems.append("[show] description is the placeholder: say what the show is about (articlecast init --description ...)")
    if not show.author:
        problems.append("[show] author is empty: apps show it under the title (articlecast init --author ...)")
    if not show.owner_email:
        problems.append("[show] owner_email is empty: Apple and other directories use it to confirm the feed is yours "
                        "(articlecast init --owner-email ...)")
    if is_local_url(show.base_url):
        problems.append(f"[show] base_url {show.base_url} reaches only this computer: give the public address "
                        "(articlecast build --base-url https://...)")
    return problems


def check_folder(out_dir: Path, show: Show) -> list[str]:
    """Every problem of the folder's show settings, feed and published files, one line each."""
    out_dir = Path(out_dir)
    problems = show_warnings(show)
    feed = out_dir / FEED_NAME
    if not feed.is_file():
        return [*problems, f"{feed} does not exist: build an episode first (articlecast build ARTICLE --out {out_dir})"]
    try:
        root = etree.parse(str(feed), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except etree.XMLSyntaxError as e:
        return [*problems, f"{feed} is not well-formed XML: {e}"]
    channel = root.find("channel")
    if root.tag != "rss" or channel is None:
        return [*problems, f"{feed} is not an RSS feed"]
    problems += _missing(channel, CHANNEL_REQUIRED, f"{FEED_NAME}: the channel")
    base_url = published_base_url(out_dir) or ""
    if base_url and base_url != show.base_url:
        problems.append(f"{FEED_NAME} uses the base URL {base_url}, articlecast.toml {show.base_url}: "
                        "build again to bring them together")
    if channel.find(f"{{{ITUNES}}}owner") is not None and channel.find(f"{{{ITUNES}}}owner/{{{ITUNES}}}email") is None:
        problems.append(f"{FEED_NAME}: itunes:owner has no itunes:email (set [show] owner_email)")
    if channel.find(f"{{{ATOM}}}link[@rel='self']") is None:
        problems.append(f"{FEED_NAME}: no atom:link rel=self (apps cannot tell where the feed moved)")
    problems += _artwork(out_dir / "cover.jpg")
    items = channel.findall("item")
    if not items:
        problems.append(f"{FEED_NAME} has no episodes")
    for item in items:
        title = item.findtext("title") or "(untitled)"
        problems += _missing(item, ITEM_REQUIRED, f"{FEED_NAME}: episode {title!r}")
        problems += _enclosure(out_dir, base_url, item, title)
    problems += _leaks(out_dir, _published_text_files(out_dir))
    return problems


def _missing(element: etree._Element, required: Iterable[tuple[str, str]], where: str) -> list[str]:
    return [f"{where} has no {name} (Apple requires it)" for tag, name in required
            if element.find(tag) is None or (not (element.find(tag).text or "").strip() and not element.find(tag).attrib)]


def _enclosure(out_dir: Path, base_url: str, item: etree._Element, title: str) -> list[str]:
    enclosure = item.find("enclosure")
    if enclosure is None:
        return []
    url, length, mime = enclosure.get("url", ""), enclosure.get("length", ""), enclosure.get("type", "")
    problems = []
    if not mime.startswith("audio/"):
        problems.append(f"{FEED_NAME}: episode {title!r}: enclosure type {mime!r} is not audio")
    if base_url and url.startswith(base_url):
        local = out_dir / url[len(base_url):].split("?", 1)[0]
        if not local.is_file():
            problems.append(f"{FEED_NAME}: episode {title!r}: {local} is missing")
        elif str(local.stat().st_size) != length:
            problems.append(f"{FEED_NAME}: episode {title!r}: enclosure length {length} but {local} has "
                            f"{local.stat().st_size} bytes (apps may refuse the download)")
    return problems


def _artwork(path: Path) -> list[str]:
    if not path.is_file():
        return [f"{path} is missing: the feed's itunes:image points at it"]
    from PIL import Image

    try:
        with Image.open(path) as image:
            width, height = image.size
    except OSError as e:
        return [f"{path} is not an image: {e}"]
    if width != height or not MIN_ART_PX <= width <= MAX_ART_PX:
        return [f"{path} is {width}x{height} px; Apple wants square artwork of {MIN_ART_PX}-{MAX_ART_PX} px"]
    return []


def _published_text_files(out_dir: Path) -> list[Path]:
    episodes = out_dir / "episodes"
    found = [out_dir / FEED_NAME, out_dir / "index.html"]
    if episodes.is_dir():
        found += sorted(p for p in episodes.iterdir() if p.name.endswith((".vtt", ".chapters.json")))
    return [p for p in found if p.is_file()]


def _leaks(out_dir: Path, files: Iterable[Path]) -> list[str]:
    """Local paths (a user name, a folder layout) in files that listeners download."""
    problems = []
    home = os.path.expanduser("~")
    own = str(out_dir.resolve())
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        found = next((s for s in (own, home) if len(s) > 1 and s in text), None) or _first(_LOCAL_PATH.findall(text))
        if found:
            problems.append(f"{path} names the local path {found}: public files should carry URLs or file names only")
    episodes = out_dir / "episodes"
    for mp3 in sorted(episodes.glob("*.mp3")) if episodes.is_dir() else []:
        comment = _id3_comment(mp3)
        if comment and not comment.startswith(("http://", "https://")) and ("/" in comment or "\\" in comment):
            problems.append(f"{mp3}: its ID3 comment names the local path {comment}; build it again")
    return problems


def _first(items: list[str]) -> str | None:
    return items[0] if items else None


def _id3_comment(mp3: Path) -> str:
    from mutagen import MutagenError
    from mutagen.id3 import ID3

    try:
        tags = ID3(mp3)
    except (MutagenError, OSError):
        return ""
    return next((str(frame.text[0]) for frame in tags.getall("COMM") if frame.text), "")
