"""Whole builds through the command line: what a user sees and what lands on disk."""
from __future__ import annotations

import json
import wave
from pathlib import Path

import feedparser
import pytest
from mutagen.id3 import ID3

from articlecast.cli import cli
from tests.conftest import SAMPLES

ENGLISH = SAMPLES / "library-night-en.md"
GERMAN = SAMPLES / "energiegenossenschaft-de.txt"
SLUG = "the-library-that-never-sleeps"


@pytest.fixture
def built(english_podcast):
    return english_podcast


@pytest.fixture
def out(podcast_copy) -> Path:
    return podcast_copy


def episode(out: Path, suffix: str) -> Path:
    return out / "episodes" / f"{SLUG}{suffix}"


def feed_entries(out: Path):
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert not parsed.bozo, parsed.bozo_exception
    return parsed.entries


def test_build_writes_the_episode_and_says_where(built):
    out, result = built
    lines = result.stdout.splitlines()
    assert lines[0] == "The Library That Never Sleeps"
    assert "segments synthesized" in lines[1]
    assert any(line.split()[:1] == ["narrator"] and "espeak:" in line for line in lines)
    for name in ("Margaret Hale", "Tom Okoro", "Ruth Delgado"):
        assert any(line.strip().startswith(name) for line in lines), name
    for suffix in (".mp3", ".script.json", ".vtt", ".chapters.json"):
        assert episode(out, suffix).stat().st_size > 0
    assert [p.name for p in out.rglob("*.part")] == []
    (entry,) = feed_entries(out)
    assert entry.title == "The Library That Never Sleeps"
    assert int(entry.enclosures[0].length) == episode(out, ".mp3").stat().st_size
    tags = ID3(episode(out, ".mp3"))
    assert str(tags["TIT2"]) == "The Library That Never Sleeps" and str(tags["TPE1"]) == "Daniel Price"
    assert len(tags.getall("CHAP")) == 3


def test_unchanged_rebuild_does_nothing(out, runner):
    before = episode(out, ".mp3").read_bytes()
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "nothing changed since the last build" in result.stderr
    assert "0 segments synthesized" in result.stdout
    assert episode(out, ".mp3").read_bytes() == before


def test_edited_script_rebuilds_one_segment_and_keeps_the_guid(out, runner):
    guid = feed_entries(out)[0].id
    path = episode(out, ".script.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    seg = next(s for s in data["segments"] if s["kind"] == "narration")
    seg["text"] = "At three in the morning, the reading room is full."
    data["title"] = "The Library That Never Sleeps, Revised"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    result = runner.invoke(cli, ["build", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "1 segment synthesized," in result.stdout
    (entry,) = feed_entries(out)
    assert entry.id == guid
    assert entry.title == "The Library That Never Sleeps, Revised"
    assert entry.enclosures[0].href.endswith("?v=2")


def test_an_edited_episode_script_is_not_overwritten(out, runner):
    path = episode(out, ".script.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    data["segments"][-1]["text"] = "My own ending."
    edited = json.dumps(data, ensure_ascii=False)
    path.write_text(edited, encoding="utf-8")

    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out)])
    assert result.exit_code == 5
    assert result.stderr == (f"articlecast: error: {path} was edited by hand; build from it "
                             f"(articlecast build {path}) or use --force to replace it\n")
    assert path.read_text(encoding="utf-8") == edited
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out), "--force"])
    assert result.exit_code == 0, result.stderr
    assert "My own ending." not in path.read_text(encoding="utf-8")


def test_removed_episode_returns_when_built_again(out, runner):
    result = runner.invoke(cli, ["remove", SLUG, "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert feed_entries(out) == []
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert [e.title for e in feed_entries(out)] == ["The Library That Never Sleeps"]


def test_a_person_keeps_their_voice_in_the_next_episode(out, runner, tmp_path):
    voices = json.loads(episode(out, ".script.json").read_text(encoding="utf-8"))["cast"]
    follow_up = tmp_path / "follow-up.md"
    follow_up.write_text("# Night Shift, Part Two\n\nBy Daniel Price\n\nThe council met again on Monday.\n\n"
                         '"We will keep the doors open," said Margaret Hale, the director. '
                         '"Every single night."\n\nNobody objected.\n', encoding="utf-8")
    result = runner.invoke(cli, ["build", str(follow_up), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    cast = json.loads((out / "episodes" / "night-shift-part-two.script.json").read_text(encoding="utf-8"))["cast"]
    assert cast["Margaret Hale"]["voice"] == voices["Margaret Hale"]["voice"]
    assert [e.title for e in feed_entries(out)] == ["Night Shift, Part Two", "The Library That Never Sleeps"]


def test_several_articles_one_failing(out, runner, tmp_path):
    listing = tmp_path / "today.txt"
    listing.write_text(f"# today's articles\n{ENGLISH}\nmissing-article.txt\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", "--from-list", str(listing), "--out", str(out), "--quiet"])
    assert result.exit_code == 1
    assert result.stderr == f"articlecast: error: {tmp_path / 'missing-article.txt'}: no such file\n"
    assert [e.title for e in feed_entries(out)] == ["The Library That Never Sleeps"]


def test_voice_option_wins_and_is_recorded(out, runner):
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out), "--voice", "Tom Okoro=espeak:en+m7"])
    assert result.exit_code == 0, result.stderr
    cast = json.loads(episode(out, ".script.json").read_text(encoding="utf-8"))["cast"]
    assert cast["Tom Okoro"]["voice"]["name"] == "en+m7"


def test_unknown_engine_is_exit_6(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(tmp_path), "--engine", "festival"])
    assert result.exit_code == 6
    assert result.stderr.startswith("articlecast: error: unknown engine 'festival'")
    assert "\n" not in result.stderr.rstrip("\n")


def test_busy_folder_is_exit_8(runner, tmp_path):
    from articlecast.outdir import OutputDir

    with OutputDir(tmp_path).locked():
        result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(tmp_path), "--wait", "0.3"])
    assert result.exit_code == 8
    assert "another articlecast build is using" in result.stderr


def wav_seconds(path: Path) -> float:
    with wave.open(str(path)) as w:
        return w.getnframes() / w.getframerate()


def test_articles_with_the_same_title_in_one_batch_keep_apart(runner, tmp_path):
    sources = []
    for n, name in enumerate(["Anna Weber", "Tom Berg", "Ida Roth"]):
        path = tmp_path / f"article-{n}.txt"
        path.write_text(f"Der Rat tagt\n\nVon Eva Klein\n\n„Wir bleiben dabei“, sagt {name}. Das war am Montag.\n",
                        encoding="utf-8")
        sources.append(str(path))
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", *sources, "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (out / "episodes").glob("*.mp3")) == \
        ["der-rat-tagt-2.mp3", "der-rat-tagt-3.mp3", "der-rat-tagt.mp3"]
    assert len(feed_entries(out)) == 3
    written = {p.name: p.stat().st_mtime_ns for p in (out / "episodes").iterdir()}
    result = runner.invoke(cli, ["build", *sources, "--out", str(out), "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert {p.name: p.stat().st_mtime_ns for p in (out / "episodes").iterdir()} == written  # nothing rebuilt


def test_unknown_voice_is_exit_6_and_names_it(runner, tmp_path):
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(tmp_path), "--voice", "narrator=espeak:xx", "-q"])
    assert result.exit_code == 6
    assert result.stderr.startswith("articlecast: error: ") and "'xx'" in result.stderr
    assert result.stderr.count("\n") == 1


def test_progress_bar_only_on_a_terminal(monkeypatch, capsys):
    from articlecast.console import progress_bar

    with progress_bar(enabled=True) as progress:  # stderr is captured here: not a terminal
        assert progress is None
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    with progress_bar(enabled=True) as progress:
        progress(1, 4)
        progress(4, 4)
    assert "synthesizing" in capsys.readouterr().err
    with progress_bar(enabled=False) as progress:  # --quiet
        assert progress is None


# ── the folder's one store (issue 13: items 3, 5, 6 and 14) ─────────────────────────

def catalog_files(out: Path) -> list[Path]:
    """The catalog wherever an articlecast keeps it (DIR/.articlecast/ now, DIR/ before)."""
    return [p for p in (out / ".articlecast" / "catalog.sqlite", out / "catalog.sqlite") if p.exists()]


def test_the_same_file_under_three_spellings_is_one_episode(runner, tmp_path, monkeypatch):
    (tmp_path / "a.md").write_bytes(ENGLISH.read_bytes())
    monkeypatch.chdir(tmp_path)
    guids = set()
    for spelling in ("a.md", "./a.md", str(tmp_path / "a.md")):
        result = runner.invoke(cli, ["build", spelling, "--out", "out", "--quiet"])
        assert result.exit_code == 0, result.stderr
        guids |= {e.id for e in feed_entries(tmp_path / "out")}
    assert len(guids) == 1
    assert [p.name for p in (tmp_path / "out" / "episodes").glob("*.mp3")] == [f"{SLUG}.mp3"]
    # in one batch, too: one article, built once
    result = runner.invoke(cli, ["build", "a.md", "./a.md", str(tmp_path / "a.md"), "--out", "out", "--quiet"])
    assert result.exit_code == 0, result.stderr
    assert {e.id for e in feed_entries(tmp_path / "out")} == guids


def test_an_undecodable_article_does_not_stop_a_batch(out, runner, tmp_path):
    bad = tmp_path / "odd.txt"
    bad.write_bytes(b"\xff\xfe" + "Hi there".encode("utf-16-le") + b"!")  # UTF-16 with an odd byte count
    follow_up = tmp_path / "follow-up.md"
    follow_up.write_text("# Night Shift, Part Two\n\nBy Daniel Price\n\nThe council met again on Monday.\n",
                         encoding="utf-8")
    result = runner.invoke(cli, ["build", str(bad), str(follow_up), "--out", str(out), "--quiet"])
    assert result.exit_code == 1, result.stderr  # one article failed
    assert result.stderr.count("\n") == 1 and str(bad) in result.stderr and "Traceback" not in result.stderr
    assert [e.title for e in feed_entries(out)] == ["Night Shift, Part Two", "The Library That Never Sleeps"]
    assert "Night Shift, Part Two" in (out / "index.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("loss", ["emptied", "deleted"])
def test_a_lost_catalog_is_restored_from_the_feed(out, runner, tmp_path, loss):
    (entry,) = feed_entries(out)
    for path in catalog_files(out):
        path.write_bytes(b"") if loss == "emptied" else path.unlink()
    follow_up = tmp_path / "follow-up.md"
    follow_up.write_text("# Night Shift, Part Two\n\nBy Daniel Price\n\nThe council met again on Monday.\n",
                         encoding="utf-8")
    result = runner.invoke(cli, ["build", str(follow_up), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert "restored 1 episodes" in result.stderr
    entries = feed_entries(out)
    assert [e.title for e in entries] == ["Night Shift, Part Two", "The Library That Never Sleeps"]
    assert entries[1].id == entry.id and entries[1].enclosures[0].length == entry.enclosures[0].length
    # the restored episode is the same episode: rebuilding it keeps its GUID and changes nothing
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert [e.id for e in feed_entries(out)][1] == entry.id


def test_an_empty_catalog_and_an_unreadable_feed_are_refused(out, runner):
    for path in catalog_files(out):
        path.write_bytes(b"")
    (out / "feed.xml").write_text((out / "feed.xml").read_text(encoding="utf-8")[:-200], encoding="utf-8")
    damaged_feed = (out / "feed.xml").read_bytes()
    result = runner.invoke(cli, ["build", str(ENGLISH), "--out", str(out), "--bitrate", "96"])
    assert result.exit_code == 7, result.stderr
    assert "cannot be read to restore" in result.stderr and result.stderr.count("\n") == 1
    assert (out / "feed.xml").read_bytes() == damaged_feed


def test_episodes_flags_an_episode_whose_mp3_was_deleted(out, runner):
    episode(out, ".mp3").unlink()
    result = runner.invoke(cli, ["episodes", "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert SLUG in result.stdout and "MP3 missing" in result.stdout


def test_private_state_lives_in_the_hidden_folder_only(built):
    out, _ = built
    assert (out / ".articlecast" / "catalog.sqlite").is_file()
    public = {str(p.relative_to(out)) for p in out.rglob("*") if ".articlecast" not in p.parts}
    assert {"feed.xml", "index.html", "cover.jpg", *(f"episodes/{SLUG}{s}" for s in
            (".mp3", ".script.json", ".vtt", ".chapters.json"))} <= public
    assert not [name for name in public if "sqlite" in name or Path(name).name in
                ("lock", "voices.json", "builds.json", "written.json") or Path(name).name.startswith(".")]


def test_clean_builds_of_the_same_article_give_the_same_mp3(tmp_path):
    """espeak-ng's sound depended on what a worker had spoken before; each segment now starts from the
    same state, so the worker count and the order segments finish in change nothing. Two commands,
    as a user runs them (each a fresh process)."""
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    article = tmp_path / "rat.txt"
    article.write_text("Der Rat tagt im Dorf\n\nVon Eva Klein\n\nDer Rat traf sich am Montag im alten Schulhaus.\n\n"
                       "„Wir bauen die Brücke im Frühjahr“, sagte Anna Weber. „Das Geld ist da.“\n\n"
                       "Tom Berg war anderer Meinung. „Erst die Straße“, sagte er.\n\nAm Ende stimmten alle zu.\n",
                       encoding="utf-8")
    built, scripts = [], []
    for workers in ("1", "2"):
        env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / f"cache-{workers}"))  # clean: nothing cached
        out = tmp_path / f"out-{workers}"
        result = subprocess.run([sys.executable, "-m", "articlecast.cli", "build", str(article), "--out", str(out),
                                 "--workers", workers, "--quiet"], env=env, cwd=ROOT, capture_output=True, text=True,
                                timeout=300)
        assert result.returncode == 0, result.stderr
        (mp3,) = (out / "episodes").glob("*.mp3")
        built.append(mp3.read_bytes())
        scripts.append(mp3.with_suffix(".script.json").read_text(encoding="utf-8"))
    assert scripts[0] == scripts[1]
    assert built[0] == built[1]


def test_a_failed_first_build_leaves_no_folder_behind(runner, tmp_path):
    out = tmp_path / "new-podcast"
    missing = tmp_path / "no-such-article.txt"
    result = runner.invoke(cli, ["build", str(missing), "--out", str(out)])
    assert result.exit_code == 3, result.stderr
    assert not out.exists()
    # a folder that was there before keeps what it had, and its state
    out.mkdir()
    (out / "notes.txt").write_text("mine", encoding="utf-8")
    assert runner.invoke(cli, ["build", str(missing), "--out", str(out)]).exit_code == 3
    assert (out / "notes.txt").read_text(encoding="utf-8") == "mine"
