"""Publishing: the catalog's episodes become DIR/feed.xml and DIR/index.html, with DIR/cover.jpg beside them.

Feed and page are rendered inside the catalog's commit (`stage_publication`): they describe the state
that transaction commits, including the files a build is about to rename into place, and they are
renamed into place right after those files. A feed therefore never announces a file it does not describe
(see catalog.py for the one remaining instant, between the renames).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Mapping
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import lxml.html
from lxml import etree

from articlecast.config import Show
from articlecast.errors import InputError, OutputError
from articlecast.fsutil import atomic_write_bytes, write_temp
from articlecast.output.catalog import BuildState, CatalogView, EpisodeRecord, Stage, file_sha256, open_catalog
from articlecast.output.feed import COVER_NAME, FEED_NAME, ITUNES, PODCAST, feed_bytes
from articlecast.output.page import PAGE_NAME, render_page

SHOW_COVER_PX = 1400  # Apple Podcasts asks for 1400-3000 px square show artwork


def publish(out_dir: Path, show: Show) -> None:
    """Rewrite feed.xml and index.html from the catalog (after a batch and every `remove`)."""
    out_dir = Path(out_dir)
    ensure_cover(out_dir, show)
    open_catalog(out_dir).republish(stage_publication(out_dir, show))


def stage_publication(out_dir: Path, show: Show) -> Stage:
    """For a catalog commit: feed and page of the state being committed, in temporary files."""
    out_dir = Path(out_dir)

    def stage(view: CatalogView, staged: Mapping[Path, Path]) -> dict[Path, Path]:
        episodes = view.episodes()
        feed = feed_bytes(out_dir, show, episodes, feed_guid=view.feed_guid(show.feed_url),
                          built_at=datetime.now(timezone.utc), staged=staged)
        page = render_page(out_dir, show, episodes, staged=staged).encode("utf-8")
        temps: dict[Path, Path] = {}
        try:
            temps[out_dir / FEED_NAME] = write_temp(out_dir / FEED_NAME, feed)
            temps[out_dir / PAGE_NAME] = write_temp(out_dir / PAGE_NAME, page)
        except BaseException:
            for temp in temps.values():
                temp.unlink(missing_ok=True)
            raise
        return temps
    return stage


def ensure_cover(out_dir: Path, show: Show) -> Path:
    """DIR/cover.jpg from the show's artwork setting, or generated from its title.

    Rewritten only when its bytes change, so its ETag (and every app's cached copy) stays valid.
    """
    from articlecast.output.cover import generate_cover, load_cover

    path = Path(out_dir) / COVER_NAME
    if show.artwork:
        artwork = artwork_path(out_dir, show.artwork)
        data = load_cover(artwork)
    else:
        data = generate_cover(show.title, show.description or show.title, SHOW_COVER_PX)  # the name large, what it is small
    if not path.is_file() or path.read_bytes() != data:
        atomic_write_bytes(path, data)
    return path


def artwork_path(out_dir: Path, artwork: str) -> Path:
    """A relative artwork path is looked up beside articlecast.toml first, then from the current folder."""
    given = Path(artwork).expanduser()
    for candidate in ([given] if given.is_absolute() else [Path(out_dir) / given, given]):
        if candidate.is_file():
            return candidate
    raise InputError(f"the show's artwork {artwork} does not exist",
                     hint=f"set [show] artwork in {Path(out_dir) / 'articlecast.toml'}")


# ── a lost catalog, rebuilt from what is published ───────────────────────────────

def restore_catalog(out_dir: Path) -> int:
    """When the catalog knows no episode but feed.xml lists some, take them in from the feed and the files.

    A missing, emptied or truncated catalog would otherwise let the next build publish a feed without
    the earlier episodes, and give them new GUIDs when rebuilt. GUIDs, titles, dates and versions come
    from the feed; sizes and checksums from the MP3s; the article's source from the episode's script.
    A feed that lists episodes but cannot be read is refused (exit 7): nothing is silently dropped.
    Returns the number of episodes taken in.
    """
    out_dir = Path(out_dir)
    catalog = open_catalog(out_dir)
    feed = out_dir / FEED_NAME
    if not feed.is_file() or catalog.episodes(include_removed=True):
        return 0
    try:
        root = etree.parse(str(feed), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    except (OSError, etree.XMLSyntaxError) as e:
        raise OutputError(f"the catalog {catalog.path} holds no episodes, and {feed} cannot be read to restore "
                          f"them ({e})", hint="restore the catalog from a backup") from None
    items = root.findall("./channel/item")
    records = [_record_from_item(out_dir, item) for item in items]
    records = [r for r in records if r is not None]
    if len(records) != len(items):
        raise OutputError(f"the catalog {catalog.path} holds no episodes, and {len(items) - len(records)} of the "
                          f"{len(items)} episodes in {feed} cannot be restored from it",
                          hint="restore the catalog from a backup")
    guid = root.findtext(f"./channel/{{{PODCAST}}}guid")
    return catalog.adopt(records, feed_guid=guid.strip() if guid else None)


def _record_from_item(out_dir: Path, item: etree._Element) -> tuple[EpisodeRecord, BuildState] | None:
    enclosure = item.find("enclosure")
    guid = (item.findtext("guid") or "").strip()
    if enclosure is None or not guid:
        return None
    url = urlsplit(enclosure.get("url", ""))
    name = unquote(url.path.rsplit("/", 1)[-1])
    if not name.endswith(".mp3"):
        return None
    slug = name.removesuffix(".mp3")
    given = parse_qs(url.query).get("v", ["1"])[0]
    version = int(given) if given.isdigit() else 1
    mp3 = out_dir / "episodes" / name
    size_bytes, sha256 = 0, ""
    with contextlib.suppress(OSError):
        size_bytes, sha256 = mp3.stat().st_size, file_sha256(mp3)
    source, language, script_hash = "", "", ""
    with contextlib.suppress(OSError, ValueError, AttributeError):
        text = (out_dir / "episodes" / f"{slug}.script.json").read_text(encoding="utf-8")
        data = json.loads(text)
        source, language = str(data.get("source") or ""), str(data.get("language") or "")
        script_hash = hashlib.sha256(text.encode("utf-8")).hexdigest()
    try:
        pub_date = parsedate_to_datetime(item.findtext("pubDate") or "").astimezone(timezone.utc)
    except (TypeError, ValueError):
        pub_date = datetime.now(timezone.utc)
    transcript = item.find(f"{{{PODCAST}}}transcript")
    language = language or (transcript.get("language") if transcript is not None else "") or ""
    description = ""
    with contextlib.suppress(etree.ParserError, ValueError):
        description = lxml.html.fromstring(item.findtext("description") or "").text_content().strip()
    try:
        duration_s = float(item.findtext(f"{{{ITUNES}}}duration") or 0)
    except ValueError:
        duration_s = 0.0
    # The files found are taken as articlecast's own (a script edited by hand since the last build can no
    # longer be told apart); no fingerprint, so the next build of the article renders it again.
    files = {}
    for suffix in (".mp3", ".script.json", ".vtt", ".chapters.json"):
        with contextlib.suppress(OSError):
            path = out_dir / "episodes" / f"{slug}{suffix}"
            files[path.name] = (path.stat().st_size, file_sha256(path))
    return EpisodeRecord(
        guid=guid, slug=slug, title=(item.findtext("title") or slug).strip(),
        author=(item.findtext(f"{{{ITUNES}}}author") or "").strip(), source=source,
        description=description,
        language=language or "und", pub_date=pub_date, duration_s=duration_s, size_bytes=size_bytes, sha256=sha256,
        script_hash=script_hash, version=version, removed=False), BuildState(files=files)
