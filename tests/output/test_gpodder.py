"""End to end with a real podcast client: gPodder's `gpo` subscribes to the served feed and downloads.

Needs the Debian package gpodder; skipped without it.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from datetime import timedelta
from pathlib import Path

import pytest
from podcast_fixtures import FIRST_BUILD, add_episode

from articlecast.output.feed import write_feed

pytestmark = pytest.mark.skipif(shutil.which("gpo") is None, reason="gPodder is not installed (apt-get install gpodder)")
GPO_TIMEOUT_S = 120  # a safety net against a hung client


class Gpo:
    def __init__(self, home: Path) -> None:
        self.downloads = home / "downloads"
        self.env = dict(os.environ, GPODDER_HOME=str(home / "gpodder"), GPODDER_DOWNLOAD_DIR=str(self.downloads))

    def __call__(self, *args: str) -> str:
        result = subprocess.run(["gpo", *args], env=self.env, capture_output=True, text=True, timeout=GPO_TIMEOUT_S)
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    def downloaded(self) -> list[Path]:
        return sorted(p for p in self.downloads.rglob("*") if p.is_file())


def test_gpodder_subscribes_downloads_and_keeps_the_episode_after_a_rebuild(served, tmp_path):
    podcast, _ = served
    gpo = Gpo(tmp_path / "client")
    gpo("subscribe", podcast.show.feed_url)
    gpo("update")
    gpo("download")

    downloads = gpo.downloaded()
    assert sorted(p.name for p in downloads) == sorted(f"{e.slug}.mp3" for e in podcast.episodes)
    for path in downloads:
        assert path.read_bytes() == podcast.mp3(path.stem).read_bytes()

    # The article's script is edited and rebuilt: a new title and new audio, the same episode for the app.
    strom = next(e for e in podcast.episodes if e.slug == "strom-vom-dach")
    add_episode(podcast.out_dir, podcast.catalog, "sonnenstrom", "Sonnenstrom für alle", source=strom.source,
                when=FIRST_BUILD + timedelta(days=3), frequencies_hz=(500, 700))
    write_feed(podcast.out_dir, podcast.show, podcast.catalog.episodes(),
               feed_guid=podcast.catalog.feed_guid(podcast.show.feed_url))
    gpo("update")
    listing = gpo("episodes", "--guid", podcast.show.feed_url)
    assert listing.count(strom.guid) == 1
    assert "Sonnenstrom für alle" in listing and "Strom vom Dach" not in listing
    assert len([line for line in listing.splitlines() if line.strip()[:1].isdigit()]) == len(podcast.episodes)
