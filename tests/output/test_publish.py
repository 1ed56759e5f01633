"""publish(): the catalog becomes feed.xml, index.html and cover.jpg; `remove` takes an episode out of both."""
from __future__ import annotations

import io
from dataclasses import replace

import podcastparser
import pytest
from PIL import Image
from podcast_fixtures import cover_jpeg

from articlecast.errors import InputError
from articlecast.output import cover
from articlecast.output.publish import publish


def feed_titles(podcast) -> list[str]:
    data = (podcast.out_dir / "feed.xml").read_bytes()
    return [e["title"] for e in podcastparser.parse(podcast.show.feed_url, io.BytesIO(data))["episodes"]]


def test_publish_writes_feed_page_and_a_generated_cover(podcast):
    for name in ("feed.xml", "index.html", "cover.jpg"):
        (podcast.out_dir / name).unlink()
    publish(podcast.out_dir, podcast.show)
    assert feed_titles(podcast) == [e.title for e in podcast.episodes]
    assert all(e.title.split(" <")[0] in (podcast.out_dir / "index.html").read_text() for e in podcast.episodes)
    with Image.open(podcast.out_dir / "cover.jpg") as image:
        assert image.format == "JPEG" and image.width == image.height >= 1400


def test_removed_episodes_leave_feed_and_page(podcast):
    podcast.catalog.remove("strom-vom-dach")
    publish(podcast.out_dir, podcast.show)
    assert feed_titles(podcast) == ["Nachts in der Bibliothek <b>&</b>"]
    assert "episodes/strom-vom-dach.mp3" not in (podcast.out_dir / "index.html").read_text()


def test_the_shows_artwork_is_used_and_an_unchanged_cover_is_not_rewritten(podcast):
    (podcast.out_dir / "art.jpg").write_bytes(cover_jpeg(1500))
    show = replace(podcast.show, artwork="art.jpg")  # relative to the output folder
    publish(podcast.out_dir, show)
    path = podcast.out_dir / "cover.jpg"
    assert path.read_bytes() == cover.load_cover(podcast.out_dir / "art.jpg")
    written_ns = path.stat().st_mtime_ns
    publish(podcast.out_dir, show)
    assert path.stat().st_mtime_ns == written_ns  # same bytes: ETag and apps' cached artwork stay valid


def test_missing_artwork_is_a_clear_error(podcast):
    with pytest.raises(InputError, match="artwork nowhere.jpg does not exist"):
        publish(podcast.out_dir, replace(podcast.show, artwork="nowhere.jpg"))
