"""Hostile and mistaken input through the command line (issue 13, items 7, 8, 11-14): every case
ends in one line and its documented exit code, quickly, without a traceback, and changes nothing."""
from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import sys
import time
from pathlib import Path

import feedparser
import pytest

from articlecast.cli import cli
from tests.conftest import ROOT

SHORT = "Ein Titel über das Dorf\n\nDer Rat tagte am Montag im Saal. Es ging um das Dach der Schule.\n"
EVIL = "javascript:alert(document.domain)//"
COMMAND_TIMEOUT_S = 60  # far longer than any of these takes; only a hang reaches it


def articlecast(*args: str, cwd: Path = ROOT, stdin=None, env: dict | None = None,
                timeout_s: float = COMMAND_TIMEOUT_S) -> subprocess.CompletedProcess:
    """The real command in its own process: a hang or a memory blow-up cannot take the test run with it."""
    return subprocess.run([sys.executable, "-m", "articlecast.cli", *args], cwd=cwd, stdin=stdin,
                          capture_output=True, text=True, timeout=timeout_s,
                          env={**os.environ, **(env or {})})


def one_line(stderr: str) -> str:
    assert stderr.startswith("articlecast: error: "), stderr
    assert "Traceback" not in stderr and "internal error" not in stderr, stderr
    assert stderr.count("\n") == 1, stderr
    return stderr


@pytest.fixture
def article(tmp_path) -> Path:
    path = tmp_path / "dorf.txt"
    path.write_text(SHORT, encoding="utf-8")
    return path


# ── 7: base_url only http(s) ──────────────────────────────────────────────────────

@pytest.mark.parametrize("url", [EVIL, "data:text/html,<script>alert(1)</script>", "ftp://example.org/",
                                 "https://", "https://example.org/\"><script>", "example.org/podcast"])
def test_base_url_must_be_http_on_the_command_line(runner, article, tmp_path, url):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(article), "--out", str(out), "--base-url", url])
    assert result.exit_code == 2, result.stderr
    assert "is not an http:// or https:// folder address" in result.stderr
    assert not (out / "feed.xml").exists()
    result = runner.invoke(cli, ["init", str(out), "--yes", "--base-url", url])  # init checks the show as a whole: 3
    assert result.exit_code == 3 and "is not an http:// or https:// folder address" in one_line(result.stderr)
    assert not (out / "articlecast.toml").exists()


def test_base_url_must_be_http_in_the_settings(runner, article, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "articlecast.toml").write_text(f'[show]\nbase_url = "{EVIL}"\n', encoding="utf-8")
    result = runner.invoke(cli, ["build", str(article), "--out", str(out)])
    assert result.exit_code == 3, result.stderr
    assert one_line(result.stderr).startswith(f"articlecast: error: {out / 'articlecast.toml'}: base URL '{EVIL}' is not "
                                              "an http:// or https:// folder address")
    assert not (out / "feed.xml").exists() and not (out / "index.html").exists()


def test_an_https_base_url_is_written_by_init(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["init", str(out), "--yes", "--base-url", " https://example.org/cast/ "])
    assert result.exit_code == 0, result.stderr
    assert 'base_url = "https://example.org/cast/"' in (out / "articlecast.toml").read_text(encoding="utf-8")


# ── 8: control characters are escaped in what is printed ─────────────────────────

@pytest.mark.slow
def test_control_characters_in_a_title_never_reach_the_terminal(runner, tmp_path):
    path = tmp_path / "evil.txt"
    path.write_text("Böse \x1b]0;owned\x07\x1b[2J Nachricht\n\nDer Rat tagte am Montag im Saal.\n", encoding="utf-8")
    out = tmp_path / "out"
    built = runner.invoke(cli, ["build", str(path), "--out", str(out)])
    assert built.exit_code == 0, built.stderr
    listed = runner.invoke(cli, ["episodes", "--out", str(out)])
    assert listed.exit_code == 0, listed.stderr
    for text in (built.stdout, listed.stdout):
        assert "Böse \\x1b]0;owned\\x07\\x1b[2J Nachricht" in text
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f]", text)


def test_control_characters_in_an_error_are_escaped(runner, tmp_path):
    result = runner.invoke(cli, ["script", str(tmp_path / "a\x1b[2Jb.txt")])
    assert result.exit_code == 3
    assert one_line(result.stderr).endswith("a\\x1b[2Jb.txt: no such file\n")


# ── 11: published files follow the umask, private state is 0600 ──────────────────

def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_published_files_follow_the_umask_and_state_is_private(english_podcast, podcast_copy, runner):
    built, umask = english_podcast[0], os.umask(0o022)
    os.umask(umask)
    published = [built / "feed.xml", built / "index.html", *(built / "episodes").iterdir()]
    assert {p.suffix for p in published} >= {".xml", ".html", ".mp3", ".vtt", ".json"}
    assert {p.name: _mode(p) for p in published} == {p.name: 0o666 & ~umask for p in published}
    state = [p for p in (built / ".articlecast").rglob("*") if p.is_file() and p.stat().st_size > 0]
    assert "catalog.sqlite" in {p.name for p in state}
    assert {str(p): _mode(p) for p in state} == {str(p): 0o600 for p in state}

    old = os.umask(0o027)  # another umask: what `remove` republishes follows it
    try:
        result = runner.invoke(cli, ["remove", "the-library-that-never-sleeps", "--out", str(podcast_copy)])
    finally:
        os.umask(old)
    assert result.exit_code == 0, result.stderr
    assert _mode(podcast_copy / "feed.xml") == 0o640 and _mode(podcast_copy / "index.html") == 0o640
    assert all(_mode(p) == 0o600 for p in podcast_copy.rglob("catalog.sqlite"))


# ── 12: documented exit codes, never "internal error" ─────────────────────────────

def test_utf16_with_an_odd_byte_count_is_an_input_error(runner, tmp_path):
    path = tmp_path / "utf16.txt"
    path.write_bytes(b"\xff\xfe" + "Titel\n\nText".encode("utf-16-le") + b"\x00\x41\x42")  # odd: cut short
    result = runner.invoke(cli, ["script", str(path)])
    assert result.exit_code == 3, result.stderr
    assert "damaged" in one_line(result.stderr)


@pytest.mark.parametrize("option", ["--lexicon", "--cover", "--jingle-in", "--jingle-out", "--from-list"])
def test_a_device_as_an_option_file_is_a_usage_error(article, tmp_path, option):
    started = time.monotonic()
    result = articlecast("build", str(article), "--out", str(tmp_path / "out"), option, "/dev/zero")
    assert result.returncode == 2, result.stderr
    assert "/dev/zero is not a regular file" in result.stderr
    assert time.monotonic() - started < COMMAND_TIMEOUT_S
    assert not (tmp_path / "out" / "feed.xml").exists()


def test_a_device_as_article_or_artwork_is_an_input_error(article, tmp_path):
    result = articlecast("script", "/dev/zero")
    assert (result.returncode, one_line(result.stderr)) == (3, "articlecast: error: /dev/zero: is a device, not an article file\n")
    out = tmp_path / "out"
    out.mkdir()
    (out / "articlecast.toml").write_text('[show]\nartwork = "/dev/zero"\n', encoding="utf-8")
    result = articlecast("build", str(article), "--out", str(out))
    assert result.returncode == 3, result.stderr
    assert one_line(result.stderr) == "articlecast: error: cover image /dev/zero: is a device, not a cover image\n"
    result = articlecast("init", str(tmp_path / "other"), "--yes", "--artwork", "/dev/zero")
    assert result.returncode == 2 and "/dev/zero is not a regular file" in result.stderr


@pytest.mark.parametrize("name, text, message", [
    ("digits.json", '{"format": "articlecast.script", "version": ' + "9" * 5000 + "}", "digits"),
    ("deep.json", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
])
def test_hostile_json_in_a_script_is_a_script_error(runner, tmp_path, name, text, message):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = runner.invoke(cli, ["build", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 5, result.stderr
    assert message in one_line(result.stderr)


@pytest.mark.parametrize("settings, message", [
    ("[build]\nworkers = -1\n", "workers must be between 1 and 64 (or 0: one per core), not -1"),
    ("[build]\nbitrate_kbps = 33\n", "MP3 bitrate 33 kbps is not possible"),
    ('[lexicon]\n"" = "Punkt"\n', "an empty word cannot have a pronunciation"),
    ('[boilerplate]\npatterns = ""\n', "an empty pattern would drop every line"),
    ("show = 3\n", "[show] must be a table"),
])
def test_impossible_settings_are_input_errors_before_any_work(runner, article, tmp_path, settings, message):
    out = tmp_path / "out"
    out.mkdir()
    (out / "articlecast.toml").write_text(settings, encoding="utf-8")
    cache = tmp_path / "cache"
    result = runner.invoke(cli, ["build", str(article), "--out", str(out)], env={"XDG_CACHE_HOME": str(cache)})
    assert result.exit_code == 3, result.stderr
    assert message in one_line(result.stderr)
    assert not cache.exists()  # refused before anything was synthesized


def test_a_folder_named_articlecast_toml_is_an_input_error(runner, article, tmp_path):
    out = tmp_path / "out"
    (out / "articlecast.toml").mkdir(parents=True)
    result = runner.invoke(cli, ["build", str(article), "--out", str(out)])
    assert result.exit_code == 3, result.stderr
    assert one_line(result.stderr) == f"articlecast: error: {out / 'articlecast.toml'}: is a directory, not a settings file\n"


@pytest.fixture
def full_disk(tmp_path):
    """A real file system of 64 kB (tmpfs), where only root may mount one."""
    mount_point = tmp_path / "full"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(mount_point)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount_point
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], capture_output=True)


@pytest.mark.slow
def test_the_cache_on_a_full_disk_is_an_output_error(article, tmp_path, full_disk):
    result = articlecast("build", str(article), "--out", str(tmp_path / "out"), "--quiet",
                         env={"XDG_CACHE_HOME": str(full_disk)})
    assert result.returncode == 7, result.stderr
    assert "the disk is full" in one_line(result.stderr)


# ── 13: no hangs, no runaway memory ───────────────────────────────────────────────

def test_a_fifo_as_article_or_lexicon_never_blocks(article, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    result = articlecast("build", str(fifo), "--out", str(tmp_path / "out"))  # nobody ever writes to it
    assert result.returncode == 3, result.stderr
    assert one_line(result.stderr) == f"articlecast: error: {fifo}: is a pipe (FIFO), not an article file\n"
    result = articlecast("build", str(article), "--out", str(tmp_path / "out"), "--lexicon", str(fifo))
    assert result.returncode == 2 and f"{fifo} is not a regular file" in result.stderr


def test_endless_standard_input_is_refused_at_the_limit(tmp_path):
    with open("/dev/zero", "rb") as zero:
        result = articlecast("script", "-", stdin=zero)
    assert result.returncode == 3, result.stderr
    assert one_line(result.stderr).startswith("articlecast: error: standard input: more than 10 MB is too large")


def test_an_article_beyond_the_documented_limit_is_refused(tmp_path):
    from articlecast.script.ingest import MAX_TEXT_CHARS

    paragraph = "Der Rat tagte am Montag im Saal der Gemeinde, und es ging um viel Geld. " * 10
    path = tmp_path / "huge.txt"
    path.write_text("Ein Titel\n\n" + "\n\n".join([paragraph] * (MAX_TEXT_CHARS // len(paragraph) + 2)), encoding="utf-8")
    result = articlecast("script", str(path))
    assert result.returncode == 3, result.stderr
    assert f"articlecast reads articles up to {MAX_TEXT_CHARS:,} characters" in one_line(result.stderr)


def test_a_one_line_article_gets_a_short_title_and_keeps_its_text(runner, tmp_path):
    words = [f"Wort{i}" for i in range(2600)]
    line = " ".join(words)
    assert len(line) > 20_000
    path = tmp_path / "one-line.txt"
    path.write_text(line + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["script", str(path)])
    assert result.exit_code == 0, result.stderr
    script = json.loads(result.stdout)
    assert len(script["title"]) <= 102 and script["title"].startswith("Wort0 Wort1") and script["title"].endswith("…")
    spoken = " ".join(s["text"] for s in script["segments"] if s["kind"] != "title")
    assert "Wort0" in spoken and "Wort2599" in spoken  # nothing of the text is lost


def test_a_catastrophic_drop_pattern_is_bounded(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Ein Titel über das Dorf\n\n" + "a" * 60 + "!\n\nDer Rat tagte am Montag.\n", encoding="utf-8")
    result = articlecast("script", str(path), "--drop", "^(a+)+$", timeout_s=120)
    assert result.returncode == 0, result.stderr
    assert "Der Rat tagte am Montag." in result.stdout
    result = articlecast("script", str(path), "--drop", "(a|aa)+$", timeout_s=120)
    assert result.returncode == 3, result.stderr
    assert "takes too long" in one_line(result.stderr)


# ── 14: accepted garbage ──────────────────────────────────────────────────────────

def test_markdown_front_matter_is_metadata_not_narration(runner, tmp_path):
    path = tmp_path / "post.md"
    path.write_text('---\ntitle: "Lights Out: The Library at Night"\nauthor: Ada Brook\ndate: 2024-05-06\n'
                    "lang: en\ntags: [night, books]\n---\n\nThe library stays open all night now. "
                    "Readers come after their shifts, and the staff say it works.\n", encoding="utf-8")
    result = runner.invoke(cli, ["script", str(path)])
    assert result.exit_code == 0, result.stderr
    script = json.loads(result.stdout)
    assert (script["title"], script["author"], script["language"]) == ("Lights Out: The Library at Night", "Ada Brook", "en")
    assert script["published"] == "2024-05-06"  # the episode's date in the feed
    spoken = " ".join(s["text"] for s in script["segments"])
    assert "---" not in spoken and "2024" not in spoken and "tags" not in spoken
    assert "The library stays open all night now." in spoken


@pytest.mark.slow
def test_a_single_boilerplate_pattern_string_is_one_pattern(runner, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "articlecast.toml").write_text('[boilerplate]\npatterns = "^Werbung hier$"\n', encoding="utf-8")
    path = tmp_path / "a.txt"
    path.write_text("Ein Titel über das Dorf\n\nWerbung hier\n\nDer Rat tagte am Montag im Saal.\n", encoding="utf-8")
    result = runner.invoke(cli, ["build", str(path), "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    script = json.loads(next((out / "episodes").glob("*.script.json")).read_text(encoding="utf-8"))
    spoken = " ".join(s["text"] for s in script["segments"])
    assert "Werbung hier" not in spoken and "Der Rat tagte am Montag im Saal." in spoken


def _script(**changes) -> str:
    data = {"format": "articlecast.script", "version": 1, "language": "de", "title": "Titel", "author": None,
            "source": "x", "cast": {"narrator": {"gender": None, "description": None, "voice": None}},
            "lexicon": {}, "segments": [{"id": "s1", "kind": "narration", "speaker": "narrator", "text": "Hallo."}]}
    return json.dumps({**data, **changes})


@pytest.mark.parametrize("changes, message", [
    ({"title": "  "}, '"title" is empty'),
    ({"lexicon": {"": "Punkt"}}, "lexicon entry '': the word is empty"),
    ({"lexicon": {"NATO": " "}}, "lexicon entry 'NATO': the spoken form is empty"),
])
def test_empty_title_or_lexicon_word_in_a_script_is_a_script_error(runner, tmp_path, changes, message):
    path = tmp_path / "s.json"
    path.write_text(_script(**changes), encoding="utf-8")
    result = runner.invoke(cli, ["build", str(path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 5, result.stderr
    assert message in one_line(result.stderr)


@pytest.mark.parametrize("args, message", [
    (["--wait", "nan"], "nan is not a number of seconds"),
    (["--wait", "-1"], "-1.0 is not a number of seconds"),
    (["--wait", "inf"], "inf is not a number of seconds"),
    (["--bitrate", "33"], "MP3 bitrate 33 kbps is not possible"),
    (["--bitrate", "1000"], "MP3 bitrate 1000 kbps is not possible"),
])
def test_impossible_options_are_refused_before_any_work(runner, article, tmp_path, args, message):
    cache = tmp_path / "cache"
    result = runner.invoke(cli, ["build", str(article), "--out", str(tmp_path / "out"), *args],
                           env={"XDG_CACHE_HOME": str(cache)})
    assert result.exit_code == 2, result.stderr
    assert message in result.stderr
    assert not cache.exists() and not (tmp_path / "out").exists()


@pytest.mark.slow
def test_a_legal_bitrate_still_builds(runner, article, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(article), "--out", str(out), "--bitrate", "96", "--quiet"])
    assert result.exit_code == 0, result.stderr
    entries = feedparser.parse(str(out / "feed.xml")).entries
    assert len(entries) == 1
    assert shutil.which("true")  # keep imports honest on minimal systems
