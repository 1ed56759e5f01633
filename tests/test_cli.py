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
    (["build"], 2, "Error: name at least one article (or --from-list FILE)"),
    (["build", "--say", "NATO", "x.txt"], 2, "Invalid value for --say: 'NATO': use WORD=SPOKEN"),
])
def test_user_mistakes_get_one_line_and_a_code(runner, args, code, message):
    result = runner.invoke(cli, args)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr
    assert "Traceback" not in result.stderr


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
                             "(this articlecast reads version 1)\n")


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
