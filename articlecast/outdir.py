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
import hashlib
import json
import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from articlecast.errors import BusyError, OutputError
from articlecast.fsutil import atomic_write_text
from articlecast.script.model import Voice

_STATE_LOCK = threading.Lock()  # articles of one batch build update the state files from several threads


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

    def sweep_partial_files(self) -> None:
        """Remove temporary files a killed build left behind; only call this while holding the lock."""
        for folder in (self.root, self.episodes, self.state):
            for leftover in [*folder.glob(".*.part*"), *folder.glob(".parts-*")]:
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)

    def _read_state(self, name: str) -> dict:
        """A state file is a convenience: a missing or damaged one reads as empty, never fails a build."""
        try:
            data = json.loads((self.state / name).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return data if isinstance(data, dict) else {}

    def _update_state(self, name: str, changes: dict) -> None:
        with _STATE_LOCK:
            merged = {**self._read_state(name), **changes}
            atomic_write_text(self.state / name, json.dumps(merged, ensure_ascii=False, indent=1, sort_keys=True))

    def remembered_voices(self) -> dict[str, Voice]:
        """Voices given to people in earlier episodes, so a person sounds the same next week."""
        voices = {}
        for name, value in self._read_state("voices.json").items():
            try:
                voices[name] = Voice.parse(value)
            except (ValueError, KeyError, TypeError):
                continue
        return voices

    def remember_voices(self, voices: dict[str, Voice]) -> None:
        self._update_state("voices.json", {k: v.to_json() for k, v in voices.items()})

    def script_was_edited(self, path: Path) -> bool:
        """True when a script file differs from what articlecast last wrote there: a person edited it."""
        try:
            current = hashlib.sha256(path.read_bytes()).hexdigest()
        except FileNotFoundError:
            return False
        return self._read_state("written.json").get(path.name) != current

    def record_written_script(self, path: Path) -> None:
        self._update_state("written.json", {path.name: hashlib.sha256(path.read_bytes()).hexdigest()})

    def is_up_to_date(self, slug: str, fingerprint: str, files: list[Path]) -> bool:
        """The episode was built from exactly this script and these settings, and its files are intact."""
        done = self._read_state("builds.json").get(slug)
        if not isinstance(done, dict) or done.get("fingerprint") != fingerprint:
            return False
        sizes = done.get("sizes", {})
        return all(p.exists() and sizes.get(p.name) == p.stat().st_size for p in files)

    def record_build(self, slug: str, fingerprint: str, files: list[Path], *, mastering: dict) -> None:
        self._update_state("builds.json", {slug: {"fingerprint": fingerprint, "mastering": mastering,
                                                  "sizes": {p.name: p.stat().st_size for p in files}}})

    def previous_mastering(self, slug: str) -> dict | None:
        """What mastering found for the episode's last build: the next build may reuse it."""
        mastering = (self._read_state("builds.json").get(slug) or {}).get("mastering")
        return mastering if isinstance(mastering, dict) else None

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
