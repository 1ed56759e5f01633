"""A small published podcast folder for the output tests: real MP3s (ffmpeg sines), VTT, chapters, cover.

A module of its own (not conftest) so that `from podcast_fixtures import ...` is unambiguous beside
other test folders' conftest files; conftest.py only registers its fixtures.
"""
from __future__ import annotations

import contextlib
import functools
import io
import json
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import imageio_ffmpeg
import pytest
from PIL import Image

from articlecast.config import Show
from articlecast.output.catalog import Catalog, EpisodeRecord, NewEpisode, open_catalog
from articlecast.output.feed import write_feed
from articlecast.output.page import write_page
from articlecast.output.server import make_server

CHAPTER_S = 3.0  # each test episode: two chapters of CHAPTER_S seconds, 440 Hz then 660 Hz
EPISODE_S = 2 * CHAPTER_S
FIRST_BUILD = datetime(2024, 5, 6, 7, 8, 9, tzinfo=timezone.utc)

SHOW = Show(title="Lesestunde <live> & \"laut\"", description="Artikel, vorgelesen – für Hörer & Leser.",
            author="Rita Röhrig", owner_name="Rita Röhrig", owner_email="rita@example.org", language="de",
            category="News > Tech News", explicit=False, base_url="http://127.0.0.1:8000/")


def make_mp3(path: Path, *, frequencies_hz: tuple[int, ...] = (440, 660), chapter_s: float = CHAPTER_S) -> Path:
    """A real MP3: one sine per chapter, concatenated and encoded by the bundled ffmpeg."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_encoded_sines(tuple(frequencies_hz), chapter_s))
    return path


@functools.cache
def _encoded_sines(frequencies_hz: tuple[int, ...], chapter_s: float) -> bytes:
    inputs = []
    for f in frequencies_hz:
        inputs += ["-f", "lavfi", "-i", f"sine=frequency={f}:duration={chapter_s}"]
    streams = "".join(f"[{i}:a]" for i in range(len(frequencies_hz)))
    with tempfile.TemporaryDirectory() as tmp:  # a seekable file: ffmpeg completes the Xing header at the end
        path = Path(tmp) / "sines.mp3"
        subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", *inputs,
                        "-filter_complex", f"{streams}concat=n={len(frequencies_hz)}:v=0:a=1",
                        "-ac", "1", "-ar", "44100", "-c:a", "libmp3lame", "-b:a", "64k", str(path)],
                       check=True, capture_output=True)
        return path.read_bytes()


def write_companions(out_dir: Path, slug: str, chapter_titles: tuple[str, ...] = ("Anfang", "Zweiter Teil")) -> None:
    """The .vtt (two cues per chapter, one voiced) and .chapters.json a build writes beside the MP3."""
    episodes = out_dir / "episodes"
    cues = ["WEBVTT", ""]
    half = CHAPTER_S / 2
    for n, title in enumerate(chapter_titles):
        for k, (speaker, text) in enumerate(((None, f"{title}: Satz eins."), ("Klara Ölz", "Wir & die <Sonne>."))):
            start = n * CHAPTER_S + k * half
            voice = f"<v {speaker}>" if speaker else ""
            text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            cues += [f"{_stamp(start)} --> {_stamp(start + half)}", f"{voice}{text}", ""]
    (episodes / f"{slug}.vtt").write_text("\n".join(cues), encoding="utf-8")
    chapters = {"version": "1.2.0",
                "chapters": [{"startTime": n * CHAPTER_S, "title": t} for n, t in enumerate(chapter_titles)]}
    (episodes / f"{slug}.chapters.json").write_text(json.dumps(chapters, ensure_ascii=False), encoding="utf-8")


def _stamp(seconds: float) -> str:
    minutes, secs = divmod(seconds, 60)
    return f"00:{int(minutes):02d}:{secs:06.3f}"


def cover_jpeg(size_px: int = 64) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (size_px, size_px), (200, 60, 30)).save(out, "JPEG")
    return out.getvalue()


@dataclass(frozen=True)
class Podcast:
    out_dir: Path
    show: Show
    catalog: Catalog
    episodes: tuple[EpisodeRecord, ...]  # newest first

    def mp3(self, slug: str) -> Path:
        return self.out_dir / "episodes" / f"{slug}.mp3"


def add_episode(out_dir: Path, catalog: Catalog, slug: str, title: str, *, source: str, when: datetime,
                frequencies_hz: tuple[int, ...] = (440, 660), description: str = "") -> EpisodeRecord:
    mp3 = make_mp3(out_dir / "episodes" / f"{slug}.mp3", frequencies_hz=frequencies_hz)
    write_companions(out_dir, slug)
    return catalog.record(NewEpisode(slug=slug, title=title, author="Hanna Mertens", source=source,
                                     description=description or f"Worum es in {title} geht.", language="de",
                                     duration_s=CHAPTER_S * len(frequencies_hz), script_hash=f"hash-{slug}",
                                     mp3_path=mp3), now=when)


@pytest.fixture
def podcast(tmp_path: Path) -> Podcast:
    """Two episodes an hour apart, feed and page written."""
    out_dir = tmp_path / "output"
    catalog = open_catalog(out_dir)
    add_episode(out_dir, catalog, "strom-vom-dach", "Strom vom Dach", source="https://example.org/strom",
                when=FIRST_BUILD)
    add_episode(out_dir, catalog, "nachts-in-der-bibliothek", "Nachts in der Bibliothek <b>&</b>",
                source="samples/library-night-en.md", when=FIRST_BUILD + timedelta(hours=1), frequencies_hz=(330, 550))
    (out_dir / "cover.jpg").write_bytes(cover_jpeg())
    episodes = tuple(catalog.episodes())
    write_feed(out_dir, SHOW, episodes, feed_guid=catalog.feed_guid(SHOW.feed_url))
    write_page(out_dir, SHOW, episodes)
    return Podcast(out_dir, SHOW, catalog, episodes)


@contextlib.contextmanager
def serving(out_dir: Path, *, log_requests: bool = False) -> Iterator[str]:
    """`out_dir` on a real HTTP server on 127.0.0.1 (free port), in a thread; yields its base URL ("http://…/")."""
    server = make_server(out_dir, "127.0.0.1", 0, log_requests=log_requests)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture
def served(podcast: Podcast) -> Iterator[tuple[Podcast, str]]:
    """The podcast folder on a real HTTP server on 127.0.0.1 (free port), with the feed's URLs pointing at it."""
    with serving(podcast.out_dir) as base_url:
        show = replace(podcast.show, base_url=base_url)
        write_feed(podcast.out_dir, show, podcast.episodes, feed_guid=podcast.catalog.feed_guid(show.feed_url))
        write_page(podcast.out_dir, show, podcast.episodes)
        yield replace(podcast, show=show), base_url
