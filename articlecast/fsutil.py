"""Atomic file writes: a reader sees the old file or the new one, never half of one."""
from __future__ import annotations

import contextlib
import errno
import os
import re
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path

from articlecast.errors import OutputError


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """Yield a temporary path beside `path`; on success it is fsynced and renamed onto `path`.

    On any error the temporary file is removed and `path` keeps its old content.
    """
    final = Path(path)
    final.parent.mkdir(parents=True, exist_ok=True)
    tmp = temp_beside(final)
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


def temp_beside(path: str | os.PathLike) -> Path:
    """A new empty temporary file beside `path` (same folder, so a rename moves it into place atomically).

    Named `.<name>.<pid>.<random>.part`: hidden from the server, swept by the next build under the
    folder's lock, and in a shared cache once the process named in it has died (`sweep_orphans`).
    """
    final = Path(path)
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=f".{final.name}.{os.getpid()}.", suffix=".part", dir=final.parent)
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


def atomic_write_bytes(path: str | os.PathLike, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def atomic_write_text(path: str | os.PathLike, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))


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
    return OutputError(f"cannot write {path}: {e.strerror or e}")
