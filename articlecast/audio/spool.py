"""Long audio kept on disk and read back by range, so an episode of any length fits in bounded memory.

A stitched three-hour episode is 480 MB of int16 at 22 kHz; held in memory it alone breaks the
400 MB budget. A `Spool` is written once, in order, into an unnamed temporary file (removed by the
operating system when it is closed or the process ends, even after a crash), and then read in
ranges by mastering and by the encoders. It is read with ordinary reads, not mapped: mapped pages
that were touched would count towards the process's resident memory until unmapped.

It answers `size`, `len()` and slicing (`spool[a:b]` is a new int16 array), which is all that the
mastering and encoding code asks of the numpy arrays that short audio (previews, tests) comes as.
"""
from __future__ import annotations

import os
import tempfile
import threading
from pathlib import Path

import numpy as np

SAMPLE = np.dtype("<i2")


class Spool:
    """Mono int16 samples in a temporary file: `append` while writing, then read any range."""

    def __init__(self, directory: Path | None = None) -> None:
        self._file = tempfile.TemporaryFile(dir=directory, prefix=".articlecast-spool-")
        self._lock = threading.Lock()  # encoders read from several threads
        self.size = 0

    def append(self, samples: np.ndarray) -> None:
        data = np.ascontiguousarray(samples, dtype=SAMPLE)
        with self._lock:
            self._file.seek(0, os.SEEK_END)
            self._file.write(data.tobytes())
            self.size += data.size

    def append_silence(self, count: int) -> None:
        block = np.zeros(min(count, 1 << 16), dtype=SAMPLE)
        while count > 0:
            self.append(block[:count])
            count -= block.size

    def read(self, start: int, stop: int) -> np.ndarray:
        start, stop = max(0, start), min(self.size, stop)
        if stop <= start:
            return np.zeros(0, dtype=SAMPLE)
        out = np.empty(stop - start, dtype=SAMPLE)
        with self._lock:
            self._file.seek(start * SAMPLE.itemsize)
            got = self._file.readinto(memoryview(out).cast("B"))
        if got != out.nbytes:
            raise OSError(f"the episode's temporary audio file ended early ({got} of {out.nbytes} bytes)")
        return out

    def __len__(self) -> int:
        return self.size

    def __getitem__(self, index: slice) -> np.ndarray:
        if not isinstance(index, slice):
            raise TypeError("a Spool is read by ranges: spool[start:stop]")
        start, stop, step = index.indices(self.size)
        if step != 1:
            raise ValueError("a Spool is read in consecutive ranges")
        return self.read(start, stop)

    def close(self) -> None:
        self._file.close()
