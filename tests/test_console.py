"""The build summary: one screenful, however many people an article quotes."""
from __future__ import annotations

from pathlib import Path

from articlecast.console import MAX_CAST_LINES, build_summary
from articlecast.pipeline import BatchOutcome, BuildResult
from articlecast.script.model import Voice


def _result(speakers: int) -> BuildResult:
    voices = {"narrator": Voice("espeak", "de")}
    voices |= {f"Person {i:02d}": Voice("espeak", "de+m3", pitch=0.8 + i / 100) for i in range(speakers)}
    folder = Path("out/episodes")
    return BuildResult("a.txt", "lang", "Ein langer Artikel", folder / "lang.mp3", folder / "lang.script.json",
                       folder / "lang.vtt", folder / "lang.chapters.json", 11880.0, 95_000_000, voices, 900, 0)


def test_a_short_cast_is_listed_in_full():
    summary = build_summary(BatchOutcome((_result(4),), ()), Path("out"))
    assert all(f"Person {i:02d}" in summary for i in range(4))
    assert "more voices" not in summary


def test_a_long_cast_is_summarised_and_points_to_the_script():
    summary = build_summary(BatchOutcome((_result(76),), ()), Path("out"))
    lines = summary.splitlines()
    assert len(lines) < 20  # 77 voices made an 85-line summary
    assert "narrator" in summary and "Person 00" in summary
    assert sum(line.startswith("  Person ") for line in lines) == MAX_CAST_LINES - 3
    assert f"and {77 - (MAX_CAST_LINES - 2)} more voices (77 in all" in summary
    assert "lang.script.json" in summary


_BARS = """
import sys
from articlecast.console import download_bar, progress_bar
with progress_bar(enabled=True) as update:
    for done in range(0, 31, 10):
        update and update(done, 30)
with download_bar(label="de_DE-thorsten-high") as update:
    for done in (0, 2000):
        update and update(done, 2000)
with progress_bar(enabled=False) as update:
    print("disabled:", update, file=sys.stderr)
"""


def test_progress_bars_draw_on_a_terminal_and_stay_out_of_pipes():
    import os
    import pty
    import subprocess
    import sys

    primary, secondary = pty.openpty()
    proc = subprocess.run([sys.executable, "-c", _BARS], stderr=secondary, stdout=subprocess.PIPE, timeout=60)
    os.close(secondary)
    shown = b""
    while True:
        try:
            chunk = os.read(primary, 65536)
        except OSError:  # the terminal's other end is closed: all read
            break
        if not chunk:
            break
        shown += chunk
    os.close(primary)
    assert proc.returncode == 0, shown
    text = shown.decode()
    assert "synthesizing" in text and "30/30" in text  # segments: a count
    assert "de_DE-thorsten-high" in text and "100%" in text  # a download: a percentage
    assert "disabled: None" in text
    piped = subprocess.run([sys.executable, "-c", _BARS], capture_output=True, text=True, timeout=60)
    assert piped.returncode == 0
    assert piped.stderr == "disabled: None\n"  # no bar in a pipe or a log


def test_counts_are_said_in_good_english():
    from dataclasses import replace

    from articlecast.console import batch_line

    one = replace(_result(0), synthesized=1, cached=0)
    assert "; 1 segment synthesized, 0 from the cache" in build_summary(BatchOutcome((one,), ()), Path("out"))
    assert batch_line(one).endswith(", 1 segment synthesized)")
    assert batch_line(replace(one, synthesized=2)).endswith(", 2 segments synthesized)")
    assert batch_line(replace(one, synthesized=0)).endswith(", 0 segments synthesized)")
