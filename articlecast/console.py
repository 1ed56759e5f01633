"""What the terminal shows during and after a build: a progress bar on stderr, a summary on stdout.

Titles, speaker names and paths come from articles and pages: every line is escaped
(articlecast.terminal.printable) so that no control character reaches the terminal raw.
"""
from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from articlecast.pipeline import BatchOutcome, BuildResult, Progress
from articlecast.terminal import counted, printable


@contextlib.contextmanager
def progress_bar(*, enabled: bool) -> Iterator[Progress | None]:
    """A bar of synthesized segments with ETA; only on a terminal, so pipes and logs stay clean."""
    with _terminal_bar(enabled=enabled, label="synthesizing", show_pos=True) as update:
        yield update


@contextlib.contextmanager
def _terminal_bar(*, enabled: bool, label: str, **shown: bool) -> Iterator[Progress | None]:
    """A (done, total) callback drawing a click progress bar on stderr, or None off a terminal.

    The bar is made at the first call, when the total is known (a download learns its size from
    the server's answer, a build its segment count after planning).
    """
    if not enabled or not sys.stderr.isatty():
        yield None
        return
    bar = None

    def update(done: int, total: int) -> None:
        nonlocal bar
        if bar is None:
            bar = click.progressbar(length=total, label=label, file=sys.stderr, show_eta=True, **shown)
            bar.__enter__()
        bar.update(done - bar.pos)

    try:
        yield update
    finally:
        if bar is not None:
            bar.__exit__(None, None, None)


def _duration(seconds: float) -> str:
    mins, secs = divmod(round(seconds), 60)
    hours, mins = divmod(mins, 60)
    return f"{hours}:{mins:02d}:{secs:02d}" if hours else f"{mins}:{secs:02d}"


def _size(size_bytes: int) -> str:
    return f"{size_bytes / 1e6:.1f} MB" if size_bytes >= 1e5 else f"{size_bytes / 1e3:.0f} kB"


def _rel(path: Path) -> str:
    """A path as short as it can be said: relative below the current folder, absolute elsewhere."""
    try:
        relative = os.path.relpath(path)
    except ValueError:
        return str(path)
    return str(Path(path).resolve()) if relative.startswith("..") else relative


def batch_line(result: BuildResult) -> str:
    return printable(f"built {result.slug}.mp3 ({_duration(result.duration_s)}, {counted(result.synthesized, 'segment')} synthesized)")


# A long article can quote dozens of people (77 in one 3-hour piece): past this many voices the
# summary names the first ones and says where the rest are, so it stays a screenful.
MAX_CAST_LINES = 12


def _cast_lines(result: BuildResult) -> list[str]:
    voices = list(result.voices.items())
    shown = voices if len(voices) <= MAX_CAST_LINES else voices[:MAX_CAST_LINES - 2]
    width = max((len(name) for name, _ in shown), default=0)
    lines = [f"  {name:<{width}}  {voice}" for name, voice in shown]
    if len(shown) < len(voices):
        lines.append(f"  … and {len(voices) - len(shown)} more voices ({len(voices)} in all; every one is in the script)")
    return lines


def build_summary(outcome: BatchOutcome, out_dir: Path) -> str:
    lines = []
    for r in outcome.built:
        lines.append(f"{r.title}")
        lines.append(f"  {_duration(r.duration_s)}, {_size(r.size_bytes)}; "
                     f"{counted(r.synthesized, 'segment')} synthesized, {r.cached} from the cache")
        lines += _cast_lines(r)
        lines.append(f"  episode     {_rel(r.mp3_path)}")
        lines.append(f"  script      {_rel(r.script_path)}  (edit it, then: articlecast build {_rel(r.script_path)})")
        lines.append(f"  transcript  {_rel(r.vtt_path)}")
    if len(outcome.built) + len(outcome.failed) > 1:
        lines.append(f"{len(outcome.built)} built, {len(outcome.failed)} failed")
    lines.append(f"feed {_rel(out_dir / 'feed.xml')}, page {_rel(out_dir / 'index.html')} "
                 f"(listen: articlecast serve {_rel(out_dir)})")
    return "\n".join(printable(line) for line in lines)


@contextlib.contextmanager
def download_bar(*, label: str) -> Iterator:
    """A byte progress bar for a download on stderr (only on a terminal); yields a (done, total) callback."""
    with _terminal_bar(enabled=True, label=label, show_percent=True) as update:
        yield update
