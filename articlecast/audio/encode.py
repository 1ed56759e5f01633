"""MP3 encoding with the bundled ffmpeg: mastered PCM goes in through a pipe, chunk by chunk.

ffmpeg also resamples to 44.1 kHz on the way; its resampler is band-limited, so the true peak the
limiter kept at the episode's own rate stays where it was.
"""
from __future__ import annotations

import concurrent.futures
import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

from articlecast.audio.engines.base import Pcm
from articlecast.audio.ffmpeg import ffmpeg_exe
from articlecast.audio.master import MasteredAudio, master_pcm
from articlecast.audio.splice import MP3_RATE_HZ, Part, plan_parts
from articlecast.errors import InputError, OutputError
from articlecast.fsutil import atomic_path

# LAME's algorithm quality (0 slowest .. 9 fastest). Encoding is the longest step of a build; at 7 it
# runs about a third faster than LAME's default, and for mono speech at podcast bitrates the
# difference is not audible (its psychoacoustic refinements matter for music).
LAME_QUALITY = 7
# the constant bitrates MPEG-1 Layer III allows at 44.1 kHz
MP3_BITRATES_KBPS = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)


def encode_mp3(audio: MasteredAudio, path: Path, *, bitrate_kbps: int = 64, parts: int | None = None) -> Path:
    """Write `audio` as a 44.1 kHz mono CBR MP3; `path` holds either the finished file or what it held before.

    A long episode is cut in pauses into `parts` (default: one per core), encoded side by side.
    """
    if bitrate_kbps not in MP3_BITRATES_KBPS:
        raise InputError(f"MP3 bitrate {bitrate_kbps} kbps is not possible; "
                         f"choose one of {', '.join(map(str, MP3_BITRATES_KBPS))}")
    plan = plan_parts(audio.source, audio.sample_rate_hz, parts or os.cpu_count() or 1)
    with atomic_path(path) as tmp:
        if len(plan) == 1:
            _run_ffmpeg(audio, tmp, bitrate_kbps, final=Path(path))
        else:
            _encode_parts(audio, plan, tmp, bitrate_kbps, final=Path(path))
    return Path(path)


def _encode_parts(audio: MasteredAudio, plan: list[Part], out: Path, bitrate_kbps: int, *, final: Path) -> None:
    # no Xing/LAME header and no ID3 header: the parts' frames must join into one plain CBR stream
    bare = ["-write_xing", "0", "-id3v2_version", "0"]
    pieces = [out.with_name(f"{out.name}.{i}") for i in range(len(plan))]
    try:
        with concurrent.futures.ThreadPoolExecutor(len(plan)) as pool:
            futures = [pool.submit(_run_ffmpeg, audio, piece, bitrate_kbps, final=final, part=part, extra=bare)
                       for piece, part in zip(pieces, plan, strict=True)]
            for future in futures:
                future.result()
        with open(out, "wb") as joined:
            for piece in pieces:
                with open(piece, "rb") as f:
                    shutil.copyfileobj(f, joined)
    finally:
        for piece in pieces:
            piece.unlink(missing_ok=True)


def encode_preview(pcm: Pcm, path: Path, *, bitrate_kbps: int = 64) -> Path:
    """Master a short sample (e.g. `articlecast preview`) to the episodes' loudness and encode it."""
    return encode_mp3(master_pcm(pcm), path, bitrate_kbps=bitrate_kbps)


def ffmpeg_command(rate_hz: int, out: Path, bitrate_kbps: int, extra: Sequence[str] = ()) -> list[str]:
    return [ffmpeg_exe(), "-hide_banner", "-nostdin", "-v", "error", "-y",
            "-f", "s16le", "-ar", str(rate_hz), "-ac", "1", "-i", "pipe:0",
            "-ar", str(MP3_RATE_HZ), "-ac", "1", "-c:a", "libmp3lame", "-b:a", f"{bitrate_kbps}k",
            "-compression_level", str(LAME_QUALITY), *extra, "-f", "mp3", str(out)]


def _run_ffmpeg(audio: MasteredAudio, out: Path, bitrate_kbps: int, *, final: Path, part: Part | None = None,
                extra: Sequence[str] = ()) -> None:
    # stderr goes to a file, not a pipe: ffmpeg can never block on it while we feed its stdin
    with tempfile.TemporaryFile() as errors:
        try:
            proc = subprocess.Popen(ffmpeg_command(audio.sample_rate_hz, out, bitrate_kbps, extra),
                                    stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=errors)
        except OSError as e:
            raise OutputError(f"cannot run ffmpeg to encode {final}: {e}") from e
        try:
            with contextlib.suppress(BrokenPipeError):  # ffmpeg quit early: its exit code and message say why
                for chunk in audio.chunks(*((part.start, part.stop) if part else ())):
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
