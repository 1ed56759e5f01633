"""Audio into PCM through the bundled ffmpeg, with the pitch and speed of a Voice applied.

Engines that cannot change pitch themselves (gTTS, Piper) shift it here: resampling moves pitch
and tempo together, `atempo` then puts the tempo where the voice's speed wants it.
"""
from __future__ import annotations

import subprocess

from articlecast.audio.engines.base import Pcm
from articlecast.audio.ffmpeg import ffmpeg_exe
from articlecast.errors import EngineError

FILTER_REVISION = 1  # bump when the filters below change: engines put it into their cache-key version


def to_pcm(data: bytes, *, rate_hz: int, input_args: tuple[str, ...] = (), pitch: float = 1.0,
           speed: float = 1.0, what: str = "audio") -> Pcm:
    """Decode `data` (any format ffmpeg knows, or raw PCM described by `input_args`) to mono 16-bit at rate_hz."""
    filters = []
    if pitch != 1.0:  # first to rate_hz, whatever the input's rate, so that asetrate scales it by `pitch`
        filters += [f"aresample={rate_hz}", f"asetrate={round(rate_hz * pitch)}", f"aresample={rate_hz}"]
    if speed / pitch != 1.0:
        filters.append(f"atempo={speed / pitch:.4f}")
    command = [ffmpeg_exe(), "-v", "error", "-nostdin", *input_args, "-i", "pipe:0",
               *(["-af", ",".join(filters)] if filters else []),
               "-f", "s16le", "-acodec", "pcm_s16le", "-ac", "1", "-ar", str(rate_hz), "pipe:1"]
    proc = subprocess.run(command, input=data, capture_output=True)
    if proc.returncode != 0:
        reason = proc.stderr.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise EngineError(f"cannot decode the {what}: {reason[0]}")
    return Pcm(proc.stdout, rate_hz)
