"""Faults and bad input: each leaves the previous feed, episodes and scripts intact and says what happened."""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest
from mutagen.mp3 import MP3

from articlecast.cli import cli
from tests.conftest import ROOT, SAMPLES

ENGLISH = SAMPLES / "library-night-en.md"
GERMAN = SAMPLES / "energiegenossenschaft-de.txt"
EPISODE = "episodes/the-library-that-never-sleeps.mp3"


@pytest.fixture
def out(podcast_copy) -> Path:
    return podcast_copy


def snapshot(out: Path) -> dict[str, bytes]:
    """Every published file and script, to prove a failed build changed none of them."""
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*"))
            if p.is_file() and p.suffix in (".mp3", ".xml", ".html", ".json", ".vtt")}


def assert_consistent(out: Path, *, killed: bool = False) -> int:
    """What a podcast app or listener can see is whole: the feed parses, files are complete and as announced.

    A killed build cannot remove its temporary files; the next build does.
    """
    if not killed:
        assert [p.name for p in out.rglob("*.part*")] == []
    if not (out / "feed.xml").exists():
        return 0
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert not parsed.bozo, parsed.bozo_exception
    for entry in parsed.entries:
        path = out / entry.enclosures[0].href.split("localhost:8000/")[1].split("?")[0]
        assert path.stat().st_size == int(entry.enclosures[0].length)
        assert MP3(path).info.length > 1
    for script in out.glob("episodes/*.script.json"):
        json.loads(script.read_text(encoding="utf-8"))
    return len(parsed.entries)


def test_disk_full_while_encoding_keeps_the_old_episode(out, runner, monkeypatch):
    import articlecast.audio.encode as encode

    before = snapshot(out)
    real = encode.ffmpeg_command
    # /dev/full answers every write with ENOSPC: ffmpeg meets a really full disk
    monkeypatch.setattr(encode, "ffmpeg_command", lambda rate, path, *rest: real(rate, Path("/dev/full"), *rest))
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out), "--bitrate", "96", "--quiet"])
    assert result.exit_code == 7, result.stderr
    assert result.stderr.startswith(f"articlecast: error: ffmpeg failed to encode {out / EPISODE}: ")
    assert "No space left on device" in result.stderr
    assert snapshot(out) == before
    assert assert_consistent(out) == 1


def test_disk_full_while_writing_the_feed_keeps_the_old_feed(out, runner, monkeypatch):
    import errno

    import articlecast.fsutil as fsutil

    before = snapshot(out)

    def full_disk(path, mode="r", *args, **kwargs):
        if Path(path).name.startswith(".feed.xml.") and "w" in mode:
            raise OSError(errno.ENOSPC, "No space left on device")
        return open(path, mode, *args, **kwargs)
    monkeypatch.setattr(fsutil, "open", full_disk, raising=False)
    result = runner.invoke(cli, ["remove", "the-library-that-never-sleeps", "--out", str(out)])
    assert result.exit_code == 7
    assert result.stderr == f"articlecast: error: disk full while writing {out / 'feed.xml'}; nothing published has changed\n"
    assert runner.invoke(cli, ["episodes", "--out", str(out)]).stdout.count("the-library-that-never-sleeps") == 1
    assert (out / "feed.xml").read_bytes() == before["feed.xml"]
    assert assert_consistent(out) == 1


@pytest.mark.parametrize("kill_after_s", [0.4, 1.0, 1.8, 2.6, 3.5])
def test_killed_build_leaves_everything_valid_and_the_next_run_completes(out, kill_after_s):
    cmd = [sys.executable, "-m", "articlecast.cli", "build", str(GERMAN), "--out", str(out), "--quiet"]
    env = dict(os.environ, XDG_CACHE_HOME=str(out.parent / f"cache-{kill_after_s}"))
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)
    time.sleep(kill_after_s)
    os.killpg(proc.pid, signal.SIGKILL)  # the whole group: worker processes and ffmpeg die too
    proc.wait()
    assert assert_consistent(out, killed=True) in (1, 2)
    assert (out / EPISODE).exists()
    finished = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert finished.returncode == 0, finished.stderr
    assert assert_consistent(out) == 2


def test_corrupt_cache_entry_is_redone(out, runner, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    assert runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out), "--bitrate", "80"]).exit_code == 0
    entries = sorted(cache.rglob("*.wav"))
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # a torn write from some older crash
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out), "--bitrate", "96"])
    assert result.exit_code == 0, result.stderr
    assert "1 segments synthesized" in result.stdout
    assert_consistent(out)


def test_corrupt_catalog_is_kept_as_backup(out, runner):
    before = snapshot(out)
    (out / ".articlecast" / "catalog.sqlite").write_bytes(b"this is not a database" * 100)
    for _ in range(3):  # copied aside once, not again on every command
        result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out), "--bitrate", "96"])
        assert result.exit_code == 7
        assert "catalog" in result.stderr and "\n" not in result.stderr.rstrip("\n")
        backups = list((out / ".articlecast").glob("catalog.sqlite.corrupt-*"))
        assert len(backups) == 1 and backups[0].name in result.stderr
    assert runner.invoke(cli, ["episodes", "--out", str(out)]).exit_code == 7
    assert len(list((out / ".articlecast").glob("catalog.sqlite.corrupt-*"))) == 1
    assert snapshot(out) == before


def test_engine_failing_on_one_segment_loses_nothing(out, runner, monkeypatch, tmp_path):
    import articlecast.audio.engines as engines
    from articlecast.errors import EngineError

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    real_get = engines.get_engine

    class Flaky:
        """The espeak engine, except that it cannot say one word; run in threads so the patch applies."""

        parallelism = "thread"

        def __init__(self):
            self.inner = real_get("espeak")
            self.name, self.version = self.inner.name, self.inner.version

        def voices(self, language):
            return self.inner.voices(language)

        def synthesize(self, text, voice, language):
            if "beekeeping" in text:
                raise EngineError("the engine crashed")
            return self.inner.synthesize(text, voice, language)

    before = snapshot(out)
    monkeypatch.setattr(engines, "get_engine", lambda name, **kw: Flaky() if name == "espeak" else real_get(name, **kw))
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out), "--bitrate", "96", "--quiet"])
    assert result.exit_code == 6
    assert result.stderr.startswith("articlecast: error: segment s") and "the engine crashed" in result.stderr
    assert snapshot(out) == before

    kept = len(list((tmp_path / "cache").rglob("*.wav")))
    assert kept >= 1  # what was done before the failure is in the cache

    monkeypatch.setattr(engines, "get_engine", real_get)
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out), "--bitrate", "96"])
    assert result.exit_code == 0, result.stderr
    synthesized, cached = (int(n) for n in re.search(r"(\d+) segments synthesized, (\d+) from the cache",
                                                     result.stdout).groups())
    assert synthesized + cached == 28 and cached >= kept and synthesized >= 1


# ── bad input ─────────────────────────────────────────────────────────────────────

@pytest.mark.parametrize("name, content, code, message", [
    ("empty.txt", b"", 3, "empty"),
    ("blank.txt", b"  \n\n \t\n", 3, "empty"),
    ("binary.txt", bytes(range(256)) * 40, 3, "binary"),
    ("story.pdf", b"%PDF-1.4", 3, "unknown extension .pdf"),
    ("nav.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", 3, "no article"),
    ("broken.json", b'{"format": "articlecast.script", ', 5, "broken JSON at line 1"),
    ("fields.json", json.dumps({"format": "articlecast.script", "version": 1, "title": "T", "language": "de",
                                "cast": {}, "segments": [{"id": "a", "kind": "quote", "speaker": "Eve", "text": "Hi"}]}
                               ).encode(), 5, "segment a: speaker 'Eve' is not in the cast"),
])
def test_bad_input_is_one_clear_line(out, runner, tmp_path, name, content, code, message):
    before = snapshot(out)
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(cli, ["build", str(path), "--out", str(out)])
    assert result.exit_code == code, result.stderr
    assert result.stderr.startswith("articlecast: error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_cover_that_is_not_an_image(out, runner, tmp_path):
    bad = tmp_path / "cover.png"
    bad.write_text("not a picture", encoding="utf-8")
    before = snapshot(out)
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out), "--cover", str(bad)])
    assert result.exit_code == 3
    assert str(bad) in result.stderr and result.stderr.count("\n") == 1
    assert snapshot(out) == before


def test_invalid_utf8_falls_back_to_windows_1252(runner, tmp_path):
    path = tmp_path / "alt.txt"
    path.write_bytes("Grüße aus Köln\n\nVon Anna Weber\n\n„Das Fest war schön“, sagt Weber.\n".encode("cp1252"))
    result = runner.invoke(cli, ["script", str(path)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["title"] == "Grüße aus Köln"


@pytest.mark.parametrize("body", [
    "„Wir bleiben hier“, sagt Anna Weber. „Für immer.“\n\n„Niemand geht“, sagt Tom Berg.",  # only quotes
    "Anna Weber sagt: „Das hört nie auf, und dann geht es weiter und weiter.\n\nDer Rat tagte am Montag.",  # never closes
])
def test_quote_heavy_articles_build(runner, tmp_path, body):
    path = tmp_path / "a.txt"
    path.write_text(f"Ein Titel über das Dorf\n\n{body}\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(path), "--out", str(tmp_path / "out"), "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert assert_consistent(tmp_path / "out") == 1


def test_two_hundred_speakers_each_get_their_own_voice(runner, tmp_path):
    first = ["Anna", "Berta", "Carl", "Dora", "Emil", "Frida", "Gustav", "Hanna", "Ida", "Jonas"]
    last = ["Weber", "Berg", "Klein", "Wolf", "Roth", "Lang", "Hahn", "Busch", "Vogel", "Frank",
            "Kraus", "Sommer", "Winter", "Brandt", "Haas", "Graf", "Kuhn", "Pohl", "Engel", "Stein"]
    people = [f"{given} {family}" for family in last for given in first]
    paragraphs = [f"„Das ist meine Meinung Nummer {i}“, sagt {p}." for i, p in enumerate(people)]
    path = tmp_path / "viele.txt"
    path.write_text("Zweihundert Stimmen aus dem Dorf\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    script_path = tmp_path / "s.json"
    assert runner.invoke(cli, ["script", str(path), "-o", str(script_path)]).exit_code == 0
    from articlecast.audio.casting import assign_voices
    from articlecast.audio.engines import get_engine
    from articlecast.script.scriptfile import read_script

    script = read_script(script_path)
    assert len(script.speakers()) == 200
    voiced = assign_voices(script, get_engine("espeak"))
    voices = [voiced.cast[name].voice for name in [*script.speakers(), "narrator"]]
    assert len(set(voices)) == 201


def test_an_article_at_the_size_limit_makes_a_script(runner, tmp_path):
    """The documented limit (ingest.MAX_TEXT_CHARS) is a size the product really handles."""
    from articlecast.script.ingest import MAX_TEXT_CHARS

    paragraph = (SAMPLES / "energiegenossenschaft-de.txt").read_text(encoding="utf-8").split("\n\n")[5]
    path = tmp_path / "big.txt"
    text = "Ein sehr langer Artikel\n\n" + "\n\n".join([paragraph] * (MAX_TEXT_CHARS // (len(paragraph) + 2)))
    assert MAX_TEXT_CHARS - 2000 < len(text) <= MAX_TEXT_CHARS
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["script", str(path), "-o", str(tmp_path / "big.json")])
    assert result.exit_code == 0, result.stderr
    assert len(json.loads((tmp_path / "big.json").read_text(encoding="utf-8"))["segments"]) > 1000


def test_a_folder_is_not_an_article(runner, tmp_path):
    result = runner.invoke(cli, ["script", str(tmp_path)])
    assert result.exit_code == 3
    assert result.stderr.startswith(f"articlecast: error: {tmp_path}") and result.stderr.count("\n") == 1
