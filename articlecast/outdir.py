"""The output folder's layout and its build lock.

    DIR/articlecast.toml       settings (articlecast init)
    DIR/feed.xml, index.html   the published podcast
    DIR/cover.jpg              the show's artwork
    DIR/episodes/<slug>.*      mp3, script.json, vtt, chapters.json
    DIR/.articlecast/          private: catalog.sqlite (the folder's one store of state) and the lock

Everything outside DIR/.articlecast/ is publishable; everything inside it never is.
"""
from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from articlecast.errors import BusyError, OutputError
from articlecast.output.catalog import STATE_DIR, catalog_path

LOCK_NAME = "lock"
_HELD: set[int] = set()  # lock file descriptors this process holds: a forked child must not keep them


def _drop_inherited_locks() -> None:
    """In a forked child (a synthesis worker): close the parent's lock descriptors.

    flock belongs to the open file, which fork shares; a worker that outlives a killed build would
    otherwise keep the folder locked. Closing the child's copy leaves the parent's lock in force.
    """
    for fd in list(_HELD):
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_drop_inherited_locks)


@dataclass(frozen=True)
class OutputDir:
    root: Path

    @property
    def episodes(self) -> Path:
        return self.root / "episodes"

    @property
    def catalog(self) -> Path:
        return catalog_path(self.root)

    @property
    def state(self) -> Path:
        return self.root / STATE_DIR

    def episode_file(self, slug: str, suffix: str) -> Path:
        return self.episodes / f"{slug}{suffix}"

    def sweep_partial_files(self) -> None:
        """Remove temporary files a killed build left behind.

        Only call this while holding the lock, after the catalog finished what committed builds owe
        (`Catalog.finish_pending`): what is left then belongs to no one.
        """
        for folder in (self.root, self.episodes, self.state):
            for leftover in [*folder.glob(".*.part*"), *folder.glob(".parts-*")]:
                if leftover.is_dir():
                    shutil.rmtree(leftover, ignore_errors=True)
                else:
                    leftover.unlink(missing_ok=True)

    @contextlib.contextmanager
    def locked(self, *, wait_s: float = 600.0, on_wait: Callable[[str], None] | None = None) -> Iterator[None]:
        """Hold the folder's build lock; a second build waits for the first, then gives up with BusyError.

        The lock file names its holder (pid and start time). A lock held although its holder is dead
        (a worker of a killed build from an older articlecast still holds the open file) is stale: it is
        broken by putting a new lock file in place, which the stray holder no longer refers to.
        """
        try:
            self.state.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise OutputError(f"cannot use output folder {self.root}: {e.strerror or e}") from None
        path = self.state / LOCK_NAME
        deadline = time.monotonic() + wait_s
        told = False
        suspect = None  # the dead holder named at the last look: broken only when seen twice, 0.2 s apart,
        # so a new holder that has the lock but has not yet written its name is never taken for stale
        while True:
            handle = _open_lock(path, self.root)
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                handle.close()
                named = _dead_holder(path)
                if named is not None and named == suspect and _break_stale(path, self.state, named):
                    suspect = None
                    continue
                suspect = named
                if time.monotonic() >= deadline:
                    raise BusyError(f"another articlecast build is using {self.root}; try again when it has finished") from None
                if not told and on_wait:
                    on_wait(f"waiting for another build in {self.root} to finish ...")
                    told = True
                time.sleep(0.2)
                continue
            if not _same_file(handle, path):  # broken as stale while we opened it: lock the new one
                handle.close()
                continue
            break
        with handle:
            _HELD.add(handle.fileno())
            try:
                handle.seek(0)
                handle.truncate()
                handle.write(_identity(os.getpid()))
                handle.flush()
            except OSError:
                pass  # a full disk: the lock holds all the same, only its holder is not named
            try:
                yield
            finally:
                _HELD.discard(handle.fileno())
                with contextlib.suppress(OSError):
                    handle.seek(0)
                    handle.truncate()
                fcntl.flock(handle, fcntl.LOCK_UN)


def _open_lock(path: Path, root: Path):
    try:
        return open(path, "a+", encoding="ascii")
    except OSError as e:
        raise OutputError(f"cannot use output folder {root}: {e.strerror or e}") from None


def _same_file(handle, path: Path) -> bool:
    try:
        mine, now = os.fstat(handle.fileno()), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


def _identity(pid: int) -> str:
    return f"{pid} {_start_time(pid)}\n"


def _start_time(pid: int) -> str:
    """The process's start time in clock ticks since boot (Linux), so a reused pid is not taken for the holder."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text(encoding="ascii", errors="replace")
    except OSError:
        return "?"
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else "?"


def holder_alive(text: str) -> bool | None:
    """Whether the process a lock file names still runs; None when the file names no one."""
    parts = text.split()
    if not parts or not parts[0].isdigit():
        return None
    pid = int(parts[0])
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    started = parts[1] if len(parts) > 1 else "?"
    return started == "?" or _start_time(pid) in ("?", started)


def _dead_holder(path: Path) -> str | None:
    """The lock file's text when it names a process that no longer runs."""
    try:
        text = path.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    return text if holder_alive(text) is False else None


def _break_stale(path: Path, state: Path, text: str) -> bool:
    """Replace a lock whose named holder is dead; True when it was replaced. Serialised by a second lock,
    so two waiters never both break it (and so both hold "the" lock)."""
    with open(state / f"{LOCK_NAME}.break", "a") as guard:
        fcntl.flock(guard, fcntl.LOCK_EX)
        try:
            with contextlib.suppress(OSError):
                if path.read_text(encoding="ascii", errors="replace") != text:
                    return False  # someone else broke it (or took it) meanwhile: look again
            fresh = state / f".{LOCK_NAME}.{os.getpid()}.new"
            fresh.write_text("", encoding="ascii")
            os.replace(fresh, path)
            return True
        finally:
            fcntl.flock(guard, fcntl.LOCK_UN)
