"""The command line: exact messages and exit codes for what users get wrong."""
from __future__ import annotations

import json

import pytest

from articlecast.cli import cli
from tests.conftest import SAMPLES


def test_version(runner):
    result = runner.invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == "articlecast, version 0.1.0\n"


@pytest.mark.parametrize("args, code, message", [
    (["script", "missing.txt"], 3, "articlecast: error: missing.txt: no such file\n"),
    (["build", "--voice", "narrator", "x.txt"], 2, "Invalid value for --voice: 'narrator': use NAME=ENGINE:VOICE"),
    (["build"], 2, "articlecast: error: name at least one article (or --from-list FILE) (see 'articlecast build -h')\n"),
    (["build", "--say", "NATO", "x.txt"], 2, "Invalid value for --say: 'NATO': use WORD=SPOKEN"),
    (["build", "--bitrate", "33", "x.txt"], 2, "MP3 bitrate 33 kbps is not possible"),
    (["build", "--workers", "65", "x.txt"], 2, "workers must be between 1 and 64 (or 0: one per core), not 65"),
    (["build", "--workers", "0", "missing.txt"], 3, "articlecast: error: missing.txt: no such file\n"),  # 0 as in the toml
    (["script", "https://"], 3, "articlecast: error: https://: not a valid URL (No host supplied)\n"),
    (["script", "http://[::1/story"], 3, "articlecast: error: http://[::1/story: not a valid URL ("),
    (["build", "x.txt", "--debug"], 2, "articlecast: error: --debug goes before the command: articlecast --debug build ...\n"),
    (["build", "--nosuch"], 2, "articlecast: error: No such option: --nosuch"),
    (["nosuchcommand"], 2, "articlecast: error: No such command 'nosuchcommand'. (see 'articlecast -h')\n"),
    (["--nosuch", "build"], 2, "articlecast: error: No such option: --nosuch (see 'articlecast -h')\n"),
    (["check", "no-such-folder"], 2, "Invalid value for DIRECTORY: no such folder no-such-folder"),
    (["voices", "install"], 2, "articlecast: error: Missing argument 'NAME'. (see 'articlecast voices install -h')\n"),
    (["follow", "--remove"], 2, "--remove needs the SOURCE to stop following"),
])
def test_user_mistakes_get_one_line_and_a_code(runner, args, code, message):
    result = runner.invoke(cli, args)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert result.stderr.startswith("articlecast: error: ") and result.stderr.count("\n") == 1, result.stderr
    assert result.stdout == ""


def test_unknown_engine_is_one_line_exit_6_before_any_work(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(SAMPLES / "library-night-en.md"), "--engine", "nope", "--out", str(out)])
    assert result.exit_code == 6, result.stderr
    assert result.stderr.startswith("articlecast: error: unknown engine 'nope'; known engines: espeak")
    assert result.stderr.count("\n") == 1
    assert not (out / "feed.xml").exists()


@pytest.mark.parametrize("option, message", [
    ("--jingle-in", "jingle {path}: cannot decode: "),
    ("--jingle-out", "jingle {path}: cannot decode: "),
    ("--cover", "cover image {path} is not an image Pillow can read (use a JPEG or PNG)\n"),
])
def test_a_jingle_or_cover_that_is_text_is_named_before_any_work(runner, tmp_path, option, message):
    not_media = tmp_path / "notes.txt"
    not_media.write_text("not audio, not an image\n", encoding="utf-8")
    out = tmp_path / "out"
    result = runner.invoke(cli, ["build", str(SAMPLES / "library-night-en.md"), option, str(not_media), "--out", str(out)])
    assert result.exit_code == 3, result.stderr
    assert result.stderr.startswith("articlecast: error: " + message.format(path=not_media)), result.stderr
    assert result.stderr.count("\n") == 1 and "/tmp/articlecast-" not in result.stderr and "BytesIO" not in result.stderr
    assert "synthesizing" not in result.stderr
    assert not (out / "feed.xml").exists()


def test_empty_article_is_one_line_exit_3(runner, tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = runner.invoke(cli, ["build", str(empty), "--out", str(tmp_path / "out")])
    assert result.exit_code == 3, result.stderr
    assert result.stderr == f"articlecast: error: {empty}: empty input, there is no article to read\n"
    assert not (tmp_path / "out" / "feed.xml").exists()


def test_a_url_whose_host_does_not_resolve_is_one_line_exit_4(runner):
    # .invalid never resolves (RFC 2606), with or without a network
    result = runner.invoke(cli, ["script", "https://no-such-host.invalid/story"])
    assert result.exit_code == 4, result.stderr
    assert result.stderr.startswith("articlecast: error: https://no-such-host.invalid/story: cannot connect")
    assert result.stderr.count("\n") == 1


def test_bare_command_still_shows_its_help(runner):
    result = runner.invoke(cli, [])
    assert result.exit_code in (0, 2)  # click 8.1 exits 0 after the help, 8.2 exits 2
    assert "[OPTIONS] COMMAND [ARGS]" in result.output and "Commands:" in result.output
    assert "articlecast: error" not in result.output


def test_script_to_stdout_is_valid_json(runner):
    result = runner.invoke(cli, ["script", str(SAMPLES / "library-night-en.md")])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "articlecast.script" and data["language"] == "en"
    assert data["title"] == "The Library That Never Sleeps"


def test_script_never_overwrites_without_asking(runner, tmp_path):
    target = tmp_path / "s.json"
    target.write_text("my edits", encoding="utf-8")
    result = runner.invoke(cli, ["script", str(SAMPLES / "library-night-en.md"), "-o", str(target)])
    assert result.exit_code == 5
    assert result.stderr == f"articlecast: error: {target} exists and may hold your edits; use --force to overwrite it\n"
    assert target.read_text(encoding="utf-8") == "my edits"
    result = runner.invoke(cli, ["script", str(SAMPLES / "library-night-en.md"), "-o", str(target), "--force"])
    assert result.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["title"] == "The Library That Never Sleeps"


def test_broken_script_is_named_with_exit_5(runner, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "articlecast.script", "version": 7}', encoding="utf-8")
    result = runner.invoke(cli, ["build", str(bad), "--out", str(tmp_path / "out")])
    assert result.exit_code == 5
    assert result.stderr == (f"articlecast: error: {bad}: script version 7 is not supported "
                             "(this articlecast reads versions 1, 2)\n")


def test_debug_shows_the_traceback(runner):
    result = runner.invoke(cli, ["--debug", "script", "missing.txt"])
    assert result.exit_code == 3
    assert "Traceback" in result.stderr


def test_internal_errors_are_one_line_without_debug(runner, monkeypatch):
    import articlecast.pipeline as pipeline

    def boom(*args, **kwargs):
        raise RuntimeError("unexpected")
    monkeypatch.setattr(pipeline, "make_script_from", boom)
    result = runner.invoke(cli, ["script", "x.txt"])
    assert result.exit_code == 1
    assert result.stderr == "articlecast: internal error: RuntimeError: unexpected (run with --debug for the traceback)\n"


def test_init_writes_the_show_settings_without_prompts(runner, tmp_path):
    result = runner.invoke(cli, ["init", str(tmp_path), "--yes", "--title", "Dorffunk", "--language", "de",
                                 "--owner-email", "redaktion@example.org", "--base-url", "https://example.org/pod/"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == f"wrote {tmp_path / 'articlecast.toml'}\n"
    from articlecast.config import load_config

    show = load_config(tmp_path).show
    assert (show.title, show.owner_email, show.feed_url) == ("Dorffunk", "redaktion@example.org",
                                                              "https://example.org/pod/feed.xml")


def test_init_of_a_built_folder_updates_its_feed_and_page(runner, podcast_copy):
    import feedparser

    before = feedparser.parse(str(podcast_copy / "feed.xml"))
    assert before.feed.title == "articlecast" and len(before.entries) == 1
    result = runner.invoke(cli, ["init", str(podcast_copy), "-y", "--title", "Nachtbibliothek",
                                 "--author", "Redaktion Millbrook", "--base-url", "https://example.org/night/"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(f"updated {podcast_copy / 'feed.xml'} and {podcast_copy / 'index.html'}\n")
    after = feedparser.parse(str(podcast_copy / "feed.xml"))
    assert (after.feed.title, after.feed.author) == ("Nachtbibliothek", "Redaktion Millbrook")
    assert [e.id for e in after.entries] == [e.id for e in before.entries]  # the same episode, GUID kept
    assert after.entries[0].enclosures[0].href.startswith("https://example.org/night/episodes/")
    assert "<title>Nachtbibliothek</title>" in (podcast_copy / "index.html").read_text(encoding="utf-8")
    check = runner.invoke(cli, ["check", str(podcast_copy)])
    assert "title is the placeholder" not in check.stdout


def test_init_prompts_on_a_terminal(runner, tmp_path, monkeypatch):
    monkeypatch.setattr("articlecast.cli.stdin_is_terminal", lambda: True)
    answers = "\n".join(["Dorffunk", "Geschichten aus dem Dorf", "", "", "", "", "", "", "", ""]) + "\n"
    result = runner.invoke(cli, ["init", str(tmp_path)], input=answers)
    assert result.exit_code == 0, result.output
    from articlecast.config import load_config

    assert load_config(tmp_path).show.description == "Geschichten aus dem Dorf"


def test_init_asks_again_for_a_mistyped_answer(runner, tmp_path, monkeypatch):
    monkeypatch.setattr("articlecast.cli.stdin_is_terminal", lambda: True)
    # title, description, author, owner name, owner e-mail (wrong, then right), locked, language (wrong,
    # then right), category (wrong, then right), explicit, artwork (missing, then none), base URL (wrong, then right)
    answers = ["Dorffunk", "", "", "", "redaktion@", "redaktion@example.org", "", "xx", "de",
               "Nonsense", "tech news", "", "nosuch.jpg", "", "ftp://example.org/", "https://example.org/pod/"]
    result = runner.invoke(cli, ["init", str(tmp_path)], input="\n".join(answers) + "\n")
    assert result.exit_code == 0, result.stderr
    problems = [line for line in result.stderr.splitlines() if line.startswith("  ")]
    assert len(problems) == 5, result.stderr
    assert "owner_email 'redaktion@' is not an e-mail address" in problems[0]
    assert "language 'xx' is not one articlecast speaks" in problems[1]
    assert "artwork nosuch.jpg does not exist" in problems[3]
    assert "is not an http:// or https:// folder address" in problems[4]
    from articlecast.config import load_config

    show = load_config(tmp_path).show
    assert (show.title, show.owner_email, show.language, show.category, show.base_url) == (
        "Dorffunk", "redaktion@example.org", "de", "News > Tech News", "https://example.org/pod/")


def test_script_asks_before_overwriting_on_a_terminal(runner, tmp_path, monkeypatch):
    monkeypatch.setattr("articlecast.cli.stdin_is_terminal", lambda: True)
    target = tmp_path / "s.json"
    target.write_text("my edits", encoding="utf-8")
    result = runner.invoke(cli, ["script", str(SAMPLES / "library-night-en.md"), "-o", str(target)], input="n\n")
    assert result.exit_code == 5
    assert f"{target} exists and may hold your edits. Overwrite it? [y/N]" in result.stderr
    assert target.read_text(encoding="utf-8") == "my edits"
    result = runner.invoke(cli, ["script", str(SAMPLES / "library-night-en.md"), "-o", str(target)], input="y\n")
    assert result.exit_code == 0
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "articlecast.script"


def test_episodes_of_an_empty_folder(runner, tmp_path):
    result = runner.invoke(cli, ["episodes", "--out", str(tmp_path)])
    assert result.exit_code == 0
    assert result.stdout == f"no episodes in {tmp_path}\n"


def test_read_only_commands_never_create_a_mistyped_folder(runner, tmp_path):
    typo = tmp_path / "outptu"
    result = runner.invoke(cli, ["episodes", "--out", str(typo)])
    assert result.exit_code == 0
    assert result.stdout == f"no episodes in {typo} (no such folder)\n"
    result = runner.invoke(cli, ["remove", "some-slug", "--out", str(typo)])
    assert result.exit_code == 3
    assert result.stderr == f"articlecast: error: no published episode 'some-slug' in {typo} (no such folder)\n"
    assert not typo.exists()


def test_read_only_commands_leave_a_folder_that_is_no_podcast_as_it_was(runner, tmp_path):
    (tmp_path / "notes.txt").write_text("not a podcast\n", encoding="utf-8")
    result = runner.invoke(cli, ["episodes", "--out", str(tmp_path)])
    assert (result.exit_code, result.stdout) == (0, f"no episodes in {tmp_path}\n")
    result = runner.invoke(cli, ["remove", "some-slug", "--out", str(tmp_path)])
    assert result.exit_code == 3
    assert result.stderr == f"articlecast: error: no published episode 'some-slug' in {tmp_path} (no podcast there)\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.txt"]


def test_removing_a_mistyped_slug_changes_nothing(runner, podcast_copy):
    (podcast_copy / "cover.jpg").unlink()  # not drawn again by a remove that removes nothing
    files = {p: p.read_bytes() for p in podcast_copy.rglob("*") if p.is_file() and ".articlecast" not in p.parts}
    result = runner.invoke(cli, ["remove", "the-library-that-never-sleep", "--out", str(podcast_copy)])
    assert result.exit_code == 3
    assert result.stderr == (f"articlecast: error: no published episode 'the-library-that-never-sleep' in {podcast_copy} "
                             "(published: the-library-that-never-sleeps)\n")
    assert {p: p.read_bytes() for p in podcast_copy.rglob("*") if p.is_file() and ".articlecast" not in p.parts} == files


def test_check_serve_and_publish_take_the_folder_as_out_too(runner, tmp_path):
    result = runner.invoke(cli, ["check", "--out", str(tmp_path)])
    assert result.exit_code == 9, result.stderr
    assert f"{tmp_path / 'feed.xml'} does not exist" in result.stdout
    assert runner.invoke(cli, ["check", "-O", str(tmp_path)]).stdout == result.stdout
    result = runner.invoke(cli, ["check", str(tmp_path), "--out", str(tmp_path / "other")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"articlecast: error: two folders given, {tmp_path} and --out {tmp_path / 'other'}")
    result = runner.invoke(cli, ["publish", "--out", str(tmp_path / "nosuch"), "--dry-run"])
    assert (result.exit_code, result.stderr.count("\n")) == (2, 1)
    assert f"no such folder {tmp_path / 'nosuch'}" in result.stderr


def test_a_folder_that_is_a_device_is_one_line_exit_7(runner):
    result = runner.invoke(cli, ["init", "/dev/null", "-y"])
    assert result.exit_code == 7, result.output
    assert result.stderr == "articlecast: error: cannot write /dev/null/articlecast.toml: /dev/null is not a folder\n"


def test_follow_remove_needs_a_source(runner, tmp_path):
    result = runner.invoke(cli, ["follow", "--remove", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "--remove needs the SOURCE" in result.stderr


def test_unreachable_url_is_exit_4(runner):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    result = runner.invoke(cli, ["script", f"http://127.0.0.1:{port}/story"])
    assert result.exit_code == 4
    assert result.stderr.startswith(f"articlecast: error: http://127.0.0.1:{port}/story: ")
    assert result.stderr.count("\n") == 1


def test_drop_removes_lines_as_boilerplate(runner):
    result = runner.invoke(cli, ["script", str(SAMPLES / "library-night-en.md"), "--drop", r"^At two in the morning"])
    assert result.exit_code == 0, result.stderr
    assert "reading room" not in result.stdout
    result = runner.invoke(cli, ["script", str(SAMPLES / "library-night-en.md"), "--drop", "("])
    assert result.exit_code == 3
    assert "is not a valid regular expression" in result.stderr


def test_serve_answers_podcast_apps_and_stops_on_ctrl_c(tmp_path):
    import signal
    import subprocess
    import sys
    import urllib.request

    (tmp_path / "feed.xml").write_text("<rss/>", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "articlecast.cli", "serve", str(tmp_path), "--port", "0"],
                            stdout=subprocess.PIPE, text=True)
    try:
        line = proc.stdout.readline()
        url = line.split(" at ")[1].split()[0]
        with urllib.request.urlopen(url + "feed.xml", timeout=5) as response:
            assert response.headers["Content-Type"].startswith("application/rss+xml")
            assert response.read() == b"<rss/>"
    finally:
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=10)
    assert proc.returncode == 0
    assert out.strip() == "stopped"


def test_serve_says_when_the_feed_points_at_another_local_port(tmp_path):
    import signal
    import socket
    import subprocess
    import sys
    import urllib.request

    (tmp_path / "feed.xml").write_text("<rss><channel><title>t</title><link>http://localhost:8000/</link></channel></rss>",
                                       encoding="utf-8")
    with socket.socket() as s:  # a free port other than the feed's 8000
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    assert port != 8000
    proc = subprocess.Popen([sys.executable, "-m", "articlecast.cli", "serve", str(tmp_path), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        note = proc.stderr.readline()
        assert note == (f"articlecast: note: the feed's URLs point at http://localhost:8000/: apps play its episodes from "
                        f"this server only with --port 8000 (or build with --base-url http://localhost:{port}/)\n")
        assert " at " in proc.stdout.readline()  # and it serves all the same
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/feed.xml", timeout=5) as response:
            assert b"localhost:8000" in response.read()
    finally:
        proc.send_signal(signal.SIGINT)
        proc.communicate(timeout=10)
    (tmp_path / "feed.xml").write_text(f"<rss><channel><link>http://localhost:{port}/</link></channel></rss>", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "articlecast.cli", "serve", str(tmp_path), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        assert " at " in proc.stdout.readline()
    finally:
        proc.send_signal(signal.SIGINT)
        _, err = proc.communicate(timeout=10)
    assert err == ""  # the feed's own port: nothing to say
