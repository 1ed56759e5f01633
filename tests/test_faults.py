"""Faults and bad input: each leaves the previous feed, episodes and scripts intact and says what happened."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, replace
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


def test_corrupt_cache_entry_is_redone(out, tmp_path):
    # both builds as commands in processes of their own, as a user runs them: espeak-ng inside this long
    # test process has been seen to misbehave after many other tests (an open question)
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}

    def build(bitrate: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "articlecast.cli", "build", str(ENGLISH), "--out", str(out),
                               "--bitrate", bitrate], capture_output=True, text=True, env=env, timeout=600)

    first = build("80")
    assert first.returncode == 0, first.stderr
    entries = sorted((tmp_path / "cache").rglob("*.wav"))
    entries[0].write_bytes(entries[0].read_bytes()[:100])  # a torn write from some older crash
    result = build("96")
    assert result.returncode == 0, result.stderr
    assert "1 segment synthesized," in result.stdout
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
    synthesized, cached = (int(n) for n in re.search(r"(\d+) segments? synthesized, (\d+) from the cache",
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


# ── locks, workers and caches after a kill (issue 13: items 2, 4 and 14) ─────────────

def children_of(pid: int) -> set[int]:
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True).stdout
    return {int(p) for p in found.split()}


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


@pytest.mark.slow
def test_a_killed_build_leaves_no_workers_and_no_lock(out, tmp_path):
    from articlecast.outdir import OutputDir

    cmd = [sys.executable, "-m", "articlecast.cli", "build", str(GERMAN), "--out", str(out), "--quiet", "--workers", "2"]
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))  # cold: synthesis runs in worker processes
    proc = subprocess.Popen(cmd, env=env, cwd=ROOT, start_new_session=True)
    try:
        deadline = time.monotonic() + 60
        while len(workers := children_of(proc.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(workers) >= 2, "the build never started its synthesis workers"
        proc.kill()  # the build alone, as the kernel's OOM killer or a `kill -9 PID` would
        proc.wait()
        deadline = time.monotonic() + 5
        while any(alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(alive(w) for w in workers)
        with OutputDir(out).locked(wait_s=1):  # free at once: nobody inherited the lock
            pass
    finally:
        os.killpg(proc.pid, signal.SIGKILL) if alive(proc.pid) else None
        for w in children_of(proc.pid):
            os.kill(w, signal.SIGKILL)


def test_a_stale_lock_is_recognised(out, runner):
    """A lock held by a process that inherited it from a dead build (articlecast before this fix)."""
    dead = subprocess.Popen(["true"])
    dead.wait()
    lock = out / ".articlecast" / "lock"
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import fcntl, sys, time
        handle = open({str(lock)!r}, "a+")
        fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0); handle.truncate(); handle.write("{dead.pid} 12345\\n"); handle.flush()
        print("locked", flush=True)
        time.sleep(60)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out), "--wait", "5"])
        assert result.exit_code == 0, result.stderr
        assert "nothing changed" in result.stderr
    finally:
        holder.kill()
        holder.wait()


def test_a_truncated_mp3_part_in_the_cache_is_encoded_again(english_podcast, runner, tmp_path, monkeypatch):
    import shutil

    cache = tmp_path / "cache"
    shutil.copytree(Path(os.environ["XDG_CACHE_HOME"]) / "articlecast" / "segments", cache / "articlecast" / "segments")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))  # the voices cached, no MP3 part yet
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(tmp_path / "first"), "--quiet"])
    assert result.exit_code == 0, result.stderr
    parts = sorted((cache / "articlecast" / "mp3-parts").glob("*.mp3"), key=lambda p: p.stat().st_size)
    assert len(parts) >= 2
    parts[-1].write_bytes(parts[-1].read_bytes()[: parts[-1].stat().st_size // 3])  # torn by some crash
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(tmp_path / "second"), "--quiet"])
    assert result.exit_code == 0, result.stderr
    original, rebuilt = tmp_path / "first" / EPISODE, tmp_path / "second" / EPISODE
    assert MP3(rebuilt).info.length == pytest.approx(MP3(original).info.length, abs=0.001)
    assert audio_frames(rebuilt) == audio_frames(original)
    assert decode_errors(rebuilt) == ""


def audio_frames(path: Path) -> bytes:
    """The MP3 without its ID3 tag: what a player decodes."""
    from mutagen.id3 import ID3

    data = path.read_bytes()
    return data[ID3(path).size:]


def decode_errors(path: Path) -> str:
    from articlecast.audio.ffmpeg import ffmpeg_exe

    return subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "null", "-"],
                          capture_output=True, text=True).stderr


def test_temporary_files_of_killed_builds_leave_the_cache(out, runner, tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    dead = subprocess.Popen(["true"])
    dead.wait()
    segments, parts = cache / "articlecast" / "segments" / "ab", cache / "articlecast" / "mp3-parts"
    segments.mkdir(parents=True)
    parts.mkdir(parents=True)
    orphans = [segments / f".ab12.wav.{dead.pid}.part", parts / f".cd34.mp3.{dead.pid}.x1y2z3_q.part"]
    running = parts / f".ef56.mp3.{os.getpid()}.a1b2c3d4.part"  # a build running now, e.g. into another folder
    for path in [*orphans, running]:
        path.write_bytes(b"half")
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out), "--bitrate", "96", "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert [p.exists() for p in orphans] == [False, False]
    assert running.exists()


# ── acceptance: kill -9 and a full disk at every step of a rebuild (issue 13, item 1) ──
#
# Faults are injected by strace (ptrace, no LD_PRELOAD): `inject=SYSCALL:signal=KILL:when=N` kills the
# build at the Nth call of SYSCALL in its main thread, `inject=SYSCALL:error=ENOSPC:when=N` makes the
# Nth call fail exactly as on a full disk. A dry run lists every such call first, so the points are
# real steps of this rebuild (sqlite's journal and database writes, the MP3, tags, scripts, feed,
# page, every fsync and rename), not guesses in time. The main thread is traced (no -f): it does every
# write of the output folder; workers and encoders write only the cache.

STRACE = shutil.which("strace")
KILL_SYSCALLS = ("rename", "fsync", "fdatasync", "clone3", "clone")
WRITE_SYSCALLS = ("write", "pwrite64", "sendfile")
_CALL = re.compile(r"^(?P<name>\w+)\((?:(?P<fd>\d+)<(?P<path>[^>]*)>)?")


def strace_works() -> bool:
    return STRACE is not None and subprocess.run([STRACE, "-o", "/dev/null", "true"], capture_output=True).returncode == 0


needs_strace = pytest.mark.skipif(not strace_works(), reason="strace is not installed or ptrace is not allowed")


@dataclass(frozen=True)
class Rebuild:
    """A podcast folder with one live episode whose script was edited, and how to rebuild it."""

    pristine: Path
    env: dict
    reference: Path  # the folder after an undisturbed rebuild
    calls: tuple[tuple[str, str], ...]  # (syscall, file) of the rebuild's main thread, in order

    def command(self, out: Path) -> list[str]:
        return [sys.executable, "-m", "articlecast.cli", "build", str(out / EPISODE.replace(".mp3", ".script.json")),
                "--out", str(out), "--quiet"]

    def fresh(self, where: Path) -> Path:
        shutil.copytree(self.pristine, where)
        return where

    def run(self, out: Path, strace_args: list[str] = ()) -> subprocess.CompletedProcess:
        cmd = [STRACE, "-qq", *strace_args, *self.command(out)] if strace_args else self.command(out)
        return subprocess.run(cmd, env=self.env, cwd=ROOT, capture_output=True, text=True, timeout=300)

    def nth(self, syscall: str, index: int) -> int:
        """The call's number among the calls of its syscall (strace counts each syscall on its own)."""
        return sum(1 for name, _ in self.calls[:index + 1] if name == syscall)


@pytest.fixture(scope="module")
def rebuild(english_podcast, tmp_path_factory) -> Rebuild:
    if not strace_works():
        pytest.skip("strace is not installed or ptrace is not allowed")
    base = tmp_path_factory.mktemp("rebuild")
    pristine = base / "pristine"
    shutil.copytree(english_podcast[0], pristine)
    script = pristine / EPISODE.replace(".mp3", ".script.json")
    data = json.loads(script.read_text(encoding="utf-8"))
    next(s for s in data["segments"] if s["kind"] == "narration")["text"] = "At three in the morning, the room is full."
    script.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    cache = base / "cache"
    shutil.copytree(Path(os.environ["XDG_CACHE_HOME"]), cache)
    env = dict(os.environ, XDG_CACHE_HOME=str(cache))
    prepared = Rebuild(pristine, env, base / "reference", ())
    warm = prepared.run(prepared.fresh(base / "warm"))  # fills the cache: every trial does the same work
    assert warm.returncode == 0, warm.stderr
    reference = prepared.fresh(base / "reference")
    log = base / "calls.log"
    dry = prepared.run(reference, ["-o", str(log), "-y", "-e", f"trace={','.join(KILL_SYSCALLS + WRITE_SYSCALLS)}"])
    assert dry.returncode == 0, dry.stderr
    calls = []
    for line in log.read_text().splitlines():
        if match := _CALL.match(line):
            calls.append((match["name"], match["path"] or ""))
    return replace(prepared, calls=tuple(calls))


def assert_agree(out: Path) -> dict[str, str]:
    """Feed, catalog and every listed episode's files agree: length, checksum, tags, chapters, transcript.

    Returns GUID -> sha256 of each published MP3.
    """
    from urllib.parse import parse_qs, urlsplit

    from mutagen.id3 import ID3

    from articlecast.output.catalog import file_sha256, open_catalog

    parsed = feedparser.parse(str(out / "feed.xml"))
    assert not parsed.bozo, parsed.bozo_exception
    catalog = open_catalog(out)
    published = {ep.guid: ep for ep in catalog.episodes()}
    assert {e.id for e in parsed.entries} == set(published)
    assert parsed.entries
    for entry in parsed.entries:
        ep = published[entry.id]
        url = urlsplit(entry.enclosures[0].href)
        mp3 = out / url.path.lstrip("/")
        assert mp3 == out / "episodes" / f"{ep.slug}.mp3"
        assert int(parse_qs(url.query).get("v", ["1"])[0]) == ep.version
        assert mp3.stat().st_size == int(entry.enclosures[0].length) == ep.size_bytes
        assert file_sha256(mp3) == ep.sha256
        tags = ID3(mp3)
        assert str(tags["TIT2"]) == ep.title == entry.title
        chapters = json.loads((out / "episodes" / f"{ep.slug}.chapters.json").read_text(encoding="utf-8"))["chapters"]
        marks = sorted(tags.getall("CHAP"), key=lambda c: c.start_time)
        assert [(c.start_time, str(c.sub_frames["TIT2"])) for c in marks] == \
            [(round(c["startTime"] * 1000), c["title"]) for c in chapters]
        length_s = MP3(mp3).info.length
        assert ep.duration_s == pytest.approx(length_s, abs=0.1)
        timings = [line for line in (out / "episodes" / f"{ep.slug}.vtt").read_text(encoding="utf-8").splitlines()
                   if " --> " in line]
        end = timings[-1].split(" --> ")[1].split()[0]
        h, m, s = end.split(":")
        assert int(h) * 3600 + int(m) * 60 + float(s) <= length_s + 0.05
        state = catalog.build_state(ep.slug)
        for name, (size, sha256) in state.files.items():
            if name.endswith(".script.json"):
                continue  # the user's to edit (as the edited rebuild's input has been)
            assert (out / "episodes" / name).stat().st_size == size and file_sha256(out / "episodes" / name) == sha256
    return {guid: ep.sha256 for guid, ep in published.items()}


def spread(indices: list[int], count: int) -> list[int]:
    if len(indices) <= count:
        return indices
    return [indices[round(i * (len(indices) - 1) / (count - 1))] for i in range(count)]


@needs_strace
@pytest.mark.fault
def test_a_rebuild_killed_at_ten_points_loses_nothing(rebuild, tmp_path):
    before = assert_agree(rebuild.pristine)
    after = assert_agree(rebuild.reference)
    kill_points = spread([i for i, (name, _) in enumerate(rebuild.calls) if name in KILL_SYSCALLS], 10)
    assert len(kill_points) == 10
    for point in kill_points:
        name = rebuild.calls[point][0]
        out = rebuild.fresh(tmp_path / f"kill-{point}")
        killed = rebuild.run(out, ["-o", "/dev/null", "-e", f"trace={name}",
                                   "-e", f"inject={name}:signal=KILL:when={rebuild.nth(name, point)}"])
        assert killed.returncode == -signal.SIGKILL, (point, rebuild.calls[point], killed.stderr)
        # any command finishes what a killed build committed; then everything agrees, old or new
        listed = subprocess.run([sys.executable, "-m", "articlecast.cli", "episodes", "--out", str(out)],
                                env=rebuild.env, cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert listed.returncode == 0, listed.stderr
        assert assert_agree(out) in (before, after), rebuild.calls[point]
        rerun = rebuild.run(out)
        assert rerun.returncode == 0, rerun.stderr
        assert assert_agree(out) == after
        assert [p.name for p in out.rglob("*.part*")] == []


@needs_strace
@pytest.mark.fault
def test_a_rebuild_on_a_full_disk_fails_cleanly_at_every_write(rebuild, tmp_path):
    """ENOSPC at each write of the output folder (ARTICLECAST_ALL_FAULTS=1; else a spread of 10)."""
    before = snapshot(rebuild.pristine)
    after = assert_agree(rebuild.reference)
    writes = [i for i, (name, path) in enumerate(rebuild.calls) if name in WRITE_SYSCALLS and path.startswith("/")]
    points = writes if os.environ.get("ARTICLECAST_ALL_FAULTS") else spread(writes, 10)
    failed = 0
    for point in points:
        name, path = rebuild.calls[point]
        out = rebuild.fresh(tmp_path / f"full-{point}")
        full = rebuild.run(out, ["-o", "/dev/null", "-e", f"trace={name}",
                                 "-e", f"inject={name}:error=ENOSPC:when={rebuild.nth(name, point)}"])
        assert full.returncode in (0, 7), (point, path, full.stderr)
        assert full.stderr.count("\n") == full.returncode // 7 and "Traceback" not in full.stderr, full.stderr
        if full.returncode == 7:
            failed += 1
            assert "disk full" in full.stderr or "No space left" in full.stderr, full.stderr
            if "nothing published has changed" in full.stderr or "unchanged" in full.stderr:
                assert snapshot(out) == before, (point, path, full.stderr)  # and it is true
        assert assert_agree(out) in (assert_agree(rebuild.pristine), after), (point, path)
        rerun = rebuild.run(out)
        assert rerun.returncode == 0, rerun.stderr
        assert assert_agree(out) == after
    assert failed >= len(points) // 2  # most writes matter: the fault was really met
