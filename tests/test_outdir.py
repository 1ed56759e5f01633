"""The output folder's lock and voice memory."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from articlecast.errors import BusyError
from articlecast.outdir import OutputDir
from articlecast.output.catalog import open_catalog
from articlecast.script.model import Voice
from articlecast.slug import slugify


def test_voices_are_remembered_across_builds(tmp_path):
    open_catalog(tmp_path).remember_voices({"Klaus Rehberg": Voice("espeak", "de+m3", pitch=0.9)})
    open_catalog(tmp_path).remember_voices({"Sabine Okafor": Voice("espeak", "de+f2")})
    assert open_catalog(tmp_path).remembered_voices() == {"Klaus Rehberg": Voice("espeak", "de+m3", pitch=0.9),
                                                          "Sabine Okafor": Voice("espeak", "de+f2")}


def test_voice_memory_of_an_older_articlecast_moves_into_the_catalog(tmp_path):
    state = OutputDir(tmp_path).state
    state.mkdir()
    (state / "voices.json").write_text('{"Klaus Rehberg": {"engine": "espeak", "name": "de+m3", "pitch": 0.9},'
                                       ' "Kaputt": "no voice"}', encoding="utf-8")
    assert open_catalog(tmp_path).remembered_voices() == {"Klaus Rehberg": Voice("espeak", "de+m3", pitch=0.9)}
    assert not (state / "voices.json").exists()  # one store: the JSON file is gone once taken in


def test_damaged_voice_memory_is_ignored(tmp_path):
    out = OutputDir(tmp_path)
    out.state.mkdir()
    (out.state / "voices.json").write_text("{not json", encoding="utf-8")
    assert open_catalog(tmp_path).remembered_voices() == {}


def test_second_build_waits_then_says_busy(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from pathlib import Path
        from articlecast.outdir import OutputDir
        with OutputDir(Path({str(tmp_path)!r})).locked():
            print("locked", flush=True)
            time.sleep(30)
        """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        messages = []
        with pytest.raises(BusyError, match="another articlecast build is using"):
            with OutputDir(tmp_path).locked(wait_s=0.5, on_wait=messages.append):
                pass
        assert messages and "waiting for another build" in messages[0]
    finally:
        holder.kill()
        holder.wait()
    with OutputDir(tmp_path).locked(wait_s=5):  # released when the holder died
        pass


@pytest.mark.parametrize("title, slug", [
    ("Strom vom Scheunendach: Wie ein Dorf seine Energie selbst erzeugt",
     "strom-vom-scheunendach-wie-ein-dorf-seine-energie-selbst"),
    ("Grüße aus Köln – Straßenfest", "gruesse-aus-koeln-strassenfest"),
    ("The Library That Never Sleeps", "the-library-that-never-sleeps"),
    ("Café «Noël» 2024", "cafe-noel-2024"),
    ("???", "episode"),
])
def test_slugify(title, slug):
    assert slugify(title) == slug
