"""Publishing: the catalog's episodes become DIR/feed.xml and DIR/index.html, with DIR/cover.jpg beside them."""
from __future__ import annotations

from pathlib import Path

from articlecast.config import Show
from articlecast.errors import InputError
from articlecast.fsutil import atomic_write_bytes
from articlecast.output.catalog import open_catalog
from articlecast.output.feed import COVER_NAME, write_feed
from articlecast.output.page import write_page

SHOW_COVER_PX = 1400  # Apple Podcasts asks for 1400-3000 px square show artwork


def publish(out_dir: Path, show: Show) -> None:
    """Rewrite feed.xml and index.html from the catalog (after every build and every `remove`)."""
    out_dir = Path(out_dir)
    catalog = open_catalog(out_dir)
    episodes = catalog.episodes()
    ensure_cover(out_dir, show)
    write_feed(out_dir, show, episodes, feed_guid=catalog.feed_guid(show.feed_url))
    write_page(out_dir, show, episodes)


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
