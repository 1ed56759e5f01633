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


def test_published_to_a_web_servers_folder_gpodder_downloads_the_identical_episode(podcast, tmp_path, runner):
    """build → `articlecast publish --to file://DOCROOT` → a plain web server, as another user → gPodder."""
    import sys
    import tempfile
    import time
    import urllib.request
    from dataclasses import replace

    from upload_servers import free_port, stop

    from articlecast.cli import cli
    from articlecast.output.page import write_page

    port = free_port()
    show = replace(podcast.show, base_url=f"http://127.0.0.1:{port}/")
    write_feed(podcast.out_dir, show, podcast.episodes, feed_guid=podcast.catalog.feed_guid(show.feed_url))
    write_page(podcast.out_dir, show, podcast.episodes)
    # a folder the other user can read (pytest's own temporary folders are private to us)
    docroot = Path(tempfile.mkdtemp(prefix="articlecast-docroot-")) / "podcast"
    docroot.parent.chmod(0o755)
    try:
        result = runner.invoke(cli, ["publish", str(podcast.out_dir), "--to", docroot.as_uri()])
        assert result.exit_code == 0, result.stderr
        assert not any(p.name in ("catalog.sqlite", "articlecast.toml") for p in docroot.rglob("*"))

        # as another user (Debian's python3, beside gPodder: our own interpreter may sit in a private folder)
        system_python = "/usr/bin/python3"
        as_other_user = {"user": "nobody"} if os.getuid() == 0 and os.path.exists(system_python) else {}
        python = system_python if as_other_user else sys.executable
        server = subprocess.Popen([python, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                                   "--directory", str(docroot)],
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd="/", **as_other_user)
        try:
            deadline = time.monotonic() + 30
            while True:
                try:
                    urllib.request.urlopen(show.feed_url, timeout=5).read()
                    break
                except OSError:
                    assert server.poll() is None and time.monotonic() < deadline, "the web server did not start"
                    time.sleep(0.1)
            gpo = Gpo(tmp_path / "client")
            gpo("subscribe", show.feed_url)
            gpo("update")
            gpo("download")
            downloads = gpo.downloaded()
            assert sorted(p.name for p in downloads) == sorted(f"{e.slug}.mp3" for e in podcast.episodes)
            for path in downloads:
                assert path.read_bytes() == podcast.mp3(path.stem).read_bytes()
        finally:
            stop(server)
    finally:
        shutil.rmtree(docroot.parent, ignore_errors=True)
