"""MP3 encoding with the bundled ffmpeg: mastered PCM goes in through a pipe, chunk by chunk.

ffmpeg also resamples to 44.1 kHz on the way; its resampler is band-limited, so the true peak the
limiter kept at the episode's own rate stays where it was.
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import hashlib
import os
import shutil
import subprocess
import tempfile
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

from articlecast.audio.engines.base import Pcm
from articlecast.audio.ffmpeg import ffmpeg_exe
from articlecast.audio.master import MASTERING_REVISION, MasteredAudio, limiter_context, master_pcm
from articlecast.audio.splice import (
    MP3_FRAME_SAMPLES,
    MP3_RATE_HZ,
    MPEG1_LAYER3_BITRATES_KBPS,
    Part,
    PartPlan,
    info_frame,
    plan_parts,
)
from articlecast.errors import InputError, OutputError
from articlecast.fsutil import atomic_path
from articlecast.interrupts import INTERRUPT_POLL_S, deferred_interrupt

# LAME's algorithm quality (0 slowest .. 9 fastest). Encoding is the longest step of a build; at 7 it
# runs about a third faster than LAME's default, and for mono speech at podcast bitrates the
# difference is not audible (its psychoacoustic refinements matter for music).
LAME_QUALITY = 7


@dataclass(frozen=True)
class EncodedEpisode:
    path: Path
    plan: PartPlan  # where each part of the stitched audio is heard in the MP3
    parts_encoded: int
    parts_reused: int  # taken from the cache of encoded parts


def encode_mp3(audio: MasteredAudio, path: Path, *, bitrate_kbps: int = 64, cache_dir: Path | None = None,
               workers: int = 0) -> EncodedEpisode:
    """Write `audio` as a 44.1 kHz mono CBR MP3; `path` holds either the finished file or what it held before.

    The parts (articlecast/audio/splice.py) are encoded side by side (`workers`, 0: one per core);
    with a `cache_dir`, parts encoded before with the same sound are reused.
    """
    if bitrate_kbps not in MPEG1_LAYER3_BITRATES_KBPS:
        raise InputError(f"MP3 bitrate {bitrate_kbps} kbps is not possible; "
                         f"choose one of {', '.join(map(str, MPEG1_LAYER3_BITRATES_KBPS))}")
    plan = plan_parts(audio.source, audio.sample_rate_hz)
    store = Path(cache_dir) / "mp3-parts" if cache_dir else None
    with atomic_path(path) as tmp, tempfile.TemporaryDirectory(dir=tmp.parent, prefix=".parts-") as scratch:
        pieces, missing = [], []
        for i, part in enumerate(plan.parts):
            cached = store / f"{_part_key(audio, part, bitrate_kbps)}.mp3" if store else None
            pieces.append(cached if cached else Path(scratch) / f"{i}.mp3")
            if not (cached and part_is_intact(cached)):
                missing.append((part, pieces[-1]))
        _encode_parts(audio, missing, bitrate_kbps, workers or os.cpu_count() or 1, final=Path(path))
        frames = sum(part.decoded_44k for part in plan.parts) // MP3_FRAME_SAMPLES
        with open(tmp, "wb") as joined:
            joined.write(info_frame(bitrate_kbps, frames, sum(piece.stat().st_size for piece in pieces)))
            for piece in pieces:
                with open(piece, "rb") as f:
                    shutil.copyfileobj(f, joined)
    return EncodedEpisode(Path(path), plan, len(missing), len(plan.parts) - len(missing))


def _part_key(audio: MasteredAudio, part: Part, bitrate_kbps: int) -> str:
    """Everything a part's MP3 depends on: its samples with the limiter's context, mastering and encoder."""
    before, after = limiter_context(audio.sample_rate_hz)
    digest = hashlib.sha256(audio.source[max(0, part.start - before):part.stop + after].tobytes())
    settings = (MASTERING_REVISION, audio.sample_rate_hz, part.start - max(0, part.start - before), part.stop - part.start,
                part.padded_44k, repr(audio.gain_db), repr(audio.ceiling_dbtp), bitrate_kbps, LAME_QUALITY,
                Path(ffmpeg_exe()).name)
    digest.update(repr(settings).encode())
    return digest.hexdigest()


def _encode_parts(audio: MasteredAudio, jobs: list[tuple[Part, Path]], bitrate_kbps: int, workers: int, *,
                  final: Path) -> None:
    if not jobs:
        return
    stop = threading.Event()  # set on Ctrl-C or a failure: the other parts stop feeding their encoder
    with deferred_interrupt() as interrupted, concurrent.futures.ThreadPoolExecutor(min(workers, len(jobs))) as pool:
        futures = [pool.submit(_encode_part, audio, part, target, bitrate_kbps, final, stop) for part, target in jobs]
        try:
            pending = set(futures)
            while pending:
                done, pending = concurrent.futures.wait(pending, timeout=INTERRUPT_POLL_S,
                                                        return_when=concurrent.futures.FIRST_EXCEPTION)
                if interrupted.is_set():
                    raise KeyboardInterrupt
                for future in done:
                    future.result()
        except BaseException:
            stop.set()
            for future in futures:
                future.cancel()
            raise


def _encode_part(audio: MasteredAudio, part: Part, target: Path, bitrate_kbps: int, final: Path,
                 stop: threading.Event) -> None:
    with atomic_path(target) as tmp:  # a part lands in the cache whole or not at all
        _run_ffmpeg(audio, tmp, bitrate_kbps, final=final, part=part, stop=stop)
    _seal_part(target)


# A cached part is used again only when its size and CRC-32 match what was recorded when it was
# encoded (`<key>.crc` beside it), as the segment cache checks its WAVs: a truncated or damaged part
# would otherwise go into the episode as it is (short, with decode errors, chapters off).
def part_is_intact(path: Path) -> bool:
    try:
        size, crc = path.with_suffix(".crc").read_text(encoding="ascii").split()
        data = path.read_bytes()
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return len(data) == int(size) and f"{zlib.crc32(data):08x}" == crc


def _seal_part(path: Path) -> None:
    data = path.read_bytes()
    with atomic_path(path.with_suffix(".crc")) as tmp:
        tmp.write_text(f"{len(data)} {zlib.crc32(data):08x}\n", encoding="ascii")


def encode_preview(pcm: Pcm, path: Path, *, bitrate_kbps: int = 64) -> Path:
    """Master a short sample (e.g. `articlecast preview`) to the episodes' loudness and encode it."""
    return encode_mp3(master_pcm(pcm), path, bitrate_kbps=bitrate_kbps).path


def ffmpeg_command(rate_hz: int, out: Path, bitrate_kbps: int, padded_44k: int) -> list[str]:
    # no Xing/LAME header and no ID3 header: the parts' frames must join into one plain CBR stream
    return [ffmpeg_exe(), "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "s16le", "-ar", str(rate_hz), "-ac", "1", "-i", "pipe:0",
            "-af", f"aresample={MP3_RATE_HZ},apad=whole_len={padded_44k}", "-ac", "1",
            "-c:a", "libmp3lame", "-b:a", f"{bitrate_kbps}k", "-compression_level", str(LAME_QUALITY),
            "-write_xing", "0", "-id3v2_version", "0", "-f", "mp3", str(out)]


def _run_ffmpeg(audio: MasteredAudio, out: Path, bitrate_kbps: int, *, final: Path, part: Part,
                stop: threading.Event) -> None:
    # stderr goes to a file, not a pipe: ffmpeg can never block on it while we feed its stdin
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(ffmpeg_command(audio.sample_rate_hz, out, bitrate_kbps, part.padded_44k),
                                    stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors)
        except OSError as e:
            raise OutputError(f"cannot run ffmpeg to encode {final}: {e}") from e
        try:
            with contextlib.suppress(BrokenPipeError):  # ffmpeg quit early: its exit code and message say why
                for chunk in audio.chunks(part.start, part.stop):
                    if stop.is_set():
                        raise KeyboardInterrupt  # another part failed or the user pressed Ctrl-C
                    proc.stdin.write(chunk.astype("<i2", copy=False).tobytes())
            with contextlib.suppress(BrokenPipeError):
                proc.stdin.close()
        except BaseException:
            proc.kill()  # interrupted: no half-encoded file may survive, and no orphaned ffmpeg
            proc.wait()
            raise
        if proc.wait():
            errors.seek(0)
            lines = errors.read().decode(errors="replace").strip().splitlines()
            raise OutputError(f"ffmpeg failed to encode {final}: {lines[-1] if lines else f'exit code {proc.returncode}'}")
