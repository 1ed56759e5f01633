"""Files written whole and read within bounds.

Writes are atomic: a reader sees the old file or the new one, never half of one. Published
files get the permissions the user's umask gives (0644 under 0022), so a web server running
as another user can read them; private build state (anything under `.articlecast/`) is 0600.

Reads of anything a user names (an article, a lexicon, a cover, a settings file) go through
`read_bounded`: only regular files are read (a FIFO would block forever, /dev/zero never ends),
and never more than a stated number of bytes.
"""
from __future__ import annotations

import contextlib
import errno
import os
import re
import stat
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from articlecast.errors import ArticlecastError, InputError, OutputError

PRIVATE_DIR = ".articlecast"  # build state: lock, catalog, remembered voices; never published
PUBLIC_MODE = 0o666
PRIVATE_MODE = 0o600


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike, *, private: bool | None = None) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it is fsynced and renamed onto `path`.

    On any error the temporary file is removed and `path` keeps its old content. `private`
    (default: whether the file lies under `.articlecast/`) makes it 0600 instead of following the umask.
    """
    final = Path(path)
    tmp = temp_beside(final, private=private)
    try:
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, final)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise _output_error(final, e) from e
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def temp_beside(path: str | os.PathLike, *, private: bool | None = None) -> Path:
    """A new empty temporary file beside `path` (same folder, so a rename moves it into place atomically).

    Named `.<name>.<pid>.<random>.part`: hidden from the server, swept by the next build under the
    folder's lock, and in a shared cache once the process named in it has died (`sweep_orphans`).
    """
    final = Path(path)
    try:  # a folder that is a file or a device (`--out /dev/null`) is the user's mistake: one line, exit 7
        final.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.{os.getpid()}.", suffix=".part", dir=final.parent)
    except OSError as e:
        raise _output_error(final, e) from e
    try:
        os.fchmod(fd, file_mode(final, private=private))  # mkstemp makes 0600 whatever the umask says
    finally:
        os.close(fd)
    return Path(tmp_name)


def write_temp(path: str | os.PathLike, data: bytes) -> Path:
    """`data` in a complete, fsynced temporary file beside `path`, for a commit to rename into place later.

    Nothing at `path` changes here; on an error the temporary file is removed.
    """
    final = Path(path)
    tmp = temp_beside(final)
    try:
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
    except OSError as e:
        tmp.unlink(missing_ok=True)
        if e.errno == errno.ENOSPC:
            raise OutputError(f"disk full while writing {final}") from e
        raise OutputError(f"cannot write {final}: {e.strerror or e}") from e
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def fsync_file(path: str | os.PathLike) -> None:
    with open(path, "rb+") as f:
        os.fsync(f.fileno())


def atomic_write_bytes(path: str | os.PathLike, data: bytes, *, private: bool | None = None) -> None:
    with atomic_path(path, private=private) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(path: str | os.PathLike, text: str, *, private: bool | None = None) -> None:
    atomic_write_bytes(path, text.encode("utf-8"), private=private)


def is_private(path: str | os.PathLike) -> bool:
    return PRIVATE_DIR in Path(path).parts


def file_mode(path: str | os.PathLike, *, private: bool | None = None) -> int:
    """The mode a new file at `path` gets: 0600 for private state, else what the umask allows."""
    if private if private is not None else is_private(path):
        return PRIVATE_MODE
    return PUBLIC_MODE & ~current_umask()


def make_private(path: str | os.PathLike) -> None:
    """Restrict a file something else created (SQLite, a library) to its owner."""
    with contextlib.suppress(FileNotFoundError):
        os.chmod(path, PRIVATE_MODE)


def current_umask() -> int:
    """The process's umask, read without changing it (os.umask would, for a moment, in every thread)."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _UMASK_AT_START


def _umask_at_start() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK_AT_START = _umask_at_start()  # at import, before any thread exists


def read_bounded(path: str | os.PathLike, max_bytes: int, *, what: str = "file",
                 error: type[ArticlecastError] = InputError, label: str | None = None) -> bytes:
    """The bytes of the regular file at `path`, refusing anything else or anything larger than `max_bytes`.

    FIFOs and devices are refused without blocking (opened non-blocking, checked by fstat);
    every failure is `error` with a one-line reason naming the file (`label`, else the path).
    """
    with open_regular(path, what=what, error=error, label=label) as (f, size):
        return read_at_most(f, size, max_bytes, what=what, error=error, label=label or str(path))


@contextlib.contextmanager
def open_regular(path: str | os.PathLike, *, what: str = "file", error: type[ArticlecastError] = InputError,
                 label: str | None = None) -> Iterator[tuple[object, int]]:
    """Open a regular file for reading (binary) and yield it with its size; anything else is `error`."""
    name = label or str(path)
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise error(f"{name}: no such file") from None
    except PermissionError:
        raise error(f"{name}: permission denied, cannot read the file") from None
    except OSError as e:
        raise error(f"{name}: cannot read the file ({e.strerror or e})") from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{name}: is {_kind(info.st_mode)}, not {_a(what)}")
        os.set_blocking(fd, True)
        f = os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
    with f:
        yield f, info.st_size


def read_at_most(f, size: int, max_bytes: int, *, what: str, error: type[ArticlecastError], label: str) -> bytes:
    if size > max_bytes:
        raise error(f"{label}: {_megabytes(size)} is too large for {_a(what)} (at most {_megabytes(max_bytes)})")
    try:
        data = f.read(max_bytes + 1)  # a file that grows while read still stops here
    except OSError as e:
        raise error(f"{label}: cannot read the file ({e.strerror or e})") from None
    if len(data) > max_bytes:
        raise error(f"{label}: more than {_megabytes(max_bytes)} is too large for {_a(what)}")
    return data


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} kB"


_ORPHAN = re.compile(r"\.(\d+)(?:\.[A-Za-z0-9_]+)?\.part$")


def sweep_orphans(folders: Iterable[Path]) -> int:
    """Remove temporary files (`.<name>.<pid>[.<random>].part`) whose writing process has died.

    For folders shared by builds that do not share a lock (the cache): a running build's files stay.
    """
    removed = 0
    for folder in folders:
        for path in Path(folder).glob(".*.part"):
            match = _ORPHAN.search(path.name)
            if match and not _alive(int(match.group(1))):
                with contextlib.suppress(OSError):
                    path.unlink()
                    removed += 1
    return removed


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


def _output_error(path: Path, e: OSError) -> OutputError:
    if e.errno == errno.ENOSPC:
        return OutputError(f"disk full while writing {path}; the previous file is unchanged")
    if e.errno in (errno.EEXIST, errno.ENOTDIR):  # mkdir of a folder that is a file or a device
        folder = next((p for p in path.parents if p.exists() and not p.is_dir()), None)
        if folder is not None:
            return OutputError(f"cannot write {path}: {folder} is not a folder")
    return OutputError(f"cannot write {path}: {e.strerror or e}")
