"""The output folder's layout, its build lock and the voices it remembers.

    DIR/articlecast.toml       settings (articlecast init)
    DIR/feed.xml, index.html   the published podcast
    DIR/cover.jpg              the show's artwork
    DIR/catalog.sqlite         every episode ever built (GUIDs, sizes, versions)
    DIR/episodes/<slug>.*      mp3, script.json, vtt, chapters.json
    DIR/.articlecast/          lock and remembered voices (not published)
"""
from __future__ import annotations

import contextlib
import fcntl
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from articlecast.errors import BusyError, OutputError
from articlecast.fsutil import atomic_write_text
from articlecast.script.model import Voice


@dataclass(frozen=True)
class OutputDir:
    root: Path

    @property
    def episodes(self) -> Path:
        return self.root / "episodes"

    @property
    def catalog(self) -> Path:
        return self.root / "catalog.sqlite"

    @property
    def state(self) -> Path:
        return self.root / ".articlecast"

    def episode_file(self, slug: str, suffix: str) -> Path:
        return self.episodes / f"{slug}{suffix}"

    def remembered_voices(self) -> dict[str, Voice]:
        """Voices given to people in earlier episodes, so a person sounds the same next week."""
        path = self.state / "voices.json"
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return {name: Voice.parse(v) for name, v in data.items()}
        except FileNotFoundError:
            return {}
        except (ValueError, KeyError, TypeError, AttributeError):
            return {}  # a damaged memory only costs consistency with older episodes, never a build

    def remember_voices(self, voices: dict[str, Voice]) -> None:
        merged = {**self.remembered_voices(), **voices}
        atomic_write_text(self.state / "voices.json",
                          json.dumps({k: v.to_json() for k, v in sorted(merged.items())}, ensure_ascii=False, indent=1))

    @contextlib.contextmanager
    def locked(self, *, wait_s: float = 600.0, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the folder's build lock; a second build waits for the first, then gives up with BusyError."""
        try:
            self.state.mkdir(parents=True, exist_ok=True)
            handle = open(self.state / "lock", "a+")
        except OSError as e:
            raise OutputError(f"cannot use output folder {self.root}: {e.strerror or e}") from None
        with handle:
            deadline = time.monotonic() + wait_s
            told = False
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise BusyError(f"another articlecast build is using {self.root}; try again when it has finished") from None
                    if not told and on_wait:
                        on_wait(f"waiting for another build in {self.root} to finish ...")
                        told = True
                    time.sleep(0.2)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
