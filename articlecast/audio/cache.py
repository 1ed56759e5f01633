"""The synthesis cache: one WAV file per (engine, engine version, voice, spoken text).

A rebuild without changes synthesizes nothing; editing one paragraph re-synthesizes that one
segment. Each entry is a mono 16-bit WAV carrying an extra RIFF chunk ("acrc") with the CRC-32 of its
samples (made for catching accidental damage, and fast enough to check on every read), so a
truncated or damaged entry is noticed on read and synthesized again. Entries
are written to a temporary file and renamed into place: Ctrl-C or a crash leaves either the old
state or a complete entry. (No fsync: a file torn by power loss fails its checksum and is redone.)
"""
from __future__ import annotations

import errno
import hashlib
import json
import os
import struct
import tempfile
import zlib
from dataclasses import dataclass
from pathlib import Path

from articlecast.audio.engines.base import Pcm
from articlecast.errors import OutputError
from articlecast.fsutil import file_mode, sweep_orphans
from articlecast.script.model import Voice

CHECKSUM_CHUNK = b"acrc"
_FMT = struct.Struct("<4sI4s4sIHHIIHH")  # RIFF header + "fmt " chunk of plain PCM
_CHUNK = struct.Struct("<4sI")
_CRC = struct.Struct("<I")
_HEADER_BYTES = _FMT.size + _CHUNK.size + _CRC.size + _CHUNK.size
PCM_FORMAT, MONO, SAMPLE_BYTES = 1, 1, 2


def default_cache_dir() -> Path:
    """$XDG_CACHE_HOME/articlecast, else ~/.cache/articlecast."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "articlecast"


def cache_key(engine_name: str, engine_version: str, voice: Voice, text: str) -> str:
    """Everything that changes the sound of a segment, hashed."""
    identity = {"engine": engine_name, "version": engine_version, "voice": voice.to_json(), "text": text}
    return hashlib.sha256(json.dumps(identity, sort_keys=True, ensure_ascii=False).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class CacheEntry:
    path: Path
    duration_ms: float


@dataclass(frozen=True)
class SegmentCache:
    root: Path

    def path_for(self, key: str) -> Path:
        return self.root / "segments" / key[:2] / f"{key}.wav"

    def load(self, key: str) -> CacheEntry | None:
        """The entry for `key`, or None when it is missing or damaged (a damaged one is removed)."""
        path = self.path_for(key)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        duration_ms = _verified_duration_ms(data)
        if duration_ms is None:
            path.unlink(missing_ok=True)
            return None
        return CacheEntry(path, duration_ms)

    def sweep_orphans(self) -> int:
        """Temporary files of builds killed while writing to the cache (other builds may be running)."""
        return sweep_orphans([*self.root.glob("segments/*"), self.root / "mp3-parts"])

    def store(self, key: str, pcm: Pcm) -> CacheEntry:
        path = self.path_for(key)
        tmp: Path | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # A temporary file of this writer's own: the articles of a batch are threads of one process and
            # may store the same segment (a byline, an outro) at the same moment. The pid in the name lets
            # `sweep_orphans` tell a dead build's leftovers from a running one's.
            fd, name = tempfile.mkstemp(prefix=f".{path.name}.{os.getpid()}.", suffix=".part", dir=path.parent)
            tmp = Path(name)
            with open(fd, "wb") as f:
                os.fchmod(f.fileno(), file_mode(path))  # as every other cache file (mkstemp alone makes 0600)
                f.write(wav_header(pcm))
                f.write(pcm.samples)  # written apart from the header: no copy of a large buffer
            os.replace(tmp, path)
        except OSError as e:  # a full disk or a read-only cache is the user's to fix, not a bug
            if tmp:
                tmp.unlink(missing_ok=True)
            reason = "the disk is full" if e.errno in (errno.ENOSPC, errno.EDQUOT) else (e.strerror or str(e))
            raise OutputError(f"cannot write the synthesis cache {self.root}: {reason}",
                              hint="free some space or set XDG_CACHE_HOME") from None
        except BaseException:
            if tmp:
                tmp.unlink(missing_ok=True)
            raise
        return CacheEntry(path, pcm.duration_ms)


def wav_header(pcm: Pcm) -> bytes:
    """Everything of the entry's WAV file before the samples."""
    samples = pcm.samples
    riff_size = _HEADER_BYTES - 8 + len(samples)
    header = _FMT.pack(b"RIFF", riff_size, b"WAVE", b"fmt ", 16, PCM_FORMAT, MONO, pcm.sample_rate_hz,
                       pcm.sample_rate_hz * SAMPLE_BYTES, SAMPLE_BYTES, 8 * SAMPLE_BYTES)
    checksum = _CHUNK.pack(CHECKSUM_CHUNK, _CRC.size) + _CRC.pack(zlib.crc32(samples))
    return header + checksum + _CHUNK.pack(b"data", len(samples))


def _verified_duration_ms(data: bytes) -> float | None:
    """The duration of a complete entry written by `store`; None for anything else."""
    if len(data) < _HEADER_BYTES:
        return None
    riff, riff_size, wave, fmt, fmt_size, fmt_tag, channels, rate_hz, _, _, bits = _FMT.unpack_from(data)
    checksum_id, checksum_size = _CHUNK.unpack_from(data, _FMT.size)
    (checksum,) = _CRC.unpack_from(data, _FMT.size + _CHUNK.size)
    data_id, data_size = _CHUNK.unpack_from(data, _FMT.size + _CHUNK.size + _CRC.size)
    well_formed = (riff, wave, fmt, checksum_id, data_id) == (b"RIFF", b"WAVE", b"fmt ", CHECKSUM_CHUNK, b"data")
    if not well_formed or (fmt_size, fmt_tag, channels, bits, checksum_size) != (16, PCM_FORMAT, MONO, 16, _CRC.size):
        return None
    samples = memoryview(data)[_HEADER_BYTES:]
    if riff_size != len(data) - 8 or data_size != len(samples) or rate_hz <= 0 or zlib.crc32(samples) != checksum:
        return None
    return 1000.0 * len(samples) / SAMPLE_BYTES / rate_hz
