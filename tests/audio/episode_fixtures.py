"""Test audio for stitching and mastering: speech-like WAVs, scripts around them, and measuring an MP3."""
from __future__ import annotations

import re
import subprocess
import wave
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from articlecast.audio.ffmpeg import ffmpeg_exe
from articlecast.audio.timeline import RenderedSegment
from articlecast.script.model import CastMember, Script, Segment


def speech_like(duration_ms: float, rate_hz: int, *, pitch_hz: float = 120.0, level_dbfs: float = -20.0,
                seed: int = 0) -> np.ndarray:
    """Voiced syllables: harmonics of `pitch_hz` falling off like a voice's, four syllables a second.

    Random harmonic phases give a voice's crest factor; the syllables make it rise and fall.
    """
    rng = np.random.default_rng(seed)
    n = round(duration_ms * rate_hz / 1000)
    t = np.arange(n) / rate_hz
    harmonics = np.arange(1, int(min(4000, rate_hz / 2 - 100) // pitch_hz) + 1)
    phases = rng.uniform(0, 2 * np.pi, harmonics.size)
    voiced = sum(np.cos(2 * np.pi * k * pitch_hz * t + phase) / k for k, phase in zip(harmonics, phases, strict=True))
    syllables = np.clip(np.sin(2 * np.pi * 4 * t + rng.uniform(0, np.pi)), 0, None) ** 0.5
    x = voiced * syllables
    rms = np.sqrt(np.mean(x ** 2)) or 1.0
    return np.clip(x / rms * 32768 * 10 ** (level_dbfs / 20), -32768, 32767).astype(np.int16)


def write_wav(path: Path, samples: np.ndarray, rate_hz: int) -> Path:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate_hz)
        w.writeframes(samples.astype("<i2").tobytes())
    return path


@dataclass(frozen=True)
class SegmentAudio:
    """A script segment and the audio a test gives it."""

    segment: Segment
    duration_ms: float = 800.0
    rate_hz: int = 22050
    level_dbfs: float = -20.0


def episode(tmp_path: Path, parts: list[SegmentAudio], title: str = "Ein Testartikel") -> tuple[Script, dict]:
    """A script of `parts` and their rendered WAVs in tmp_path."""
    rendered = {}
    for i, part in enumerate(parts):
        samples = speech_like(part.duration_ms, part.rate_hz, level_dbfs=part.level_dbfs, seed=i,
                              pitch_hz=110 + 20 * (i % 4))
        path = write_wav(tmp_path / f"{part.segment.id}.wav", samples, part.rate_hz)
        rendered[part.segment.id] = RenderedSegment(part.segment.id, path, 1000 * samples.size / part.rate_hz)
    speakers = {p.segment.speaker for p in parts}
    script = Script(title=title, author="Hanna Mertens", language="de", source="https://example.org/artikel",
                    cast={name: CastMember(name) for name in speakers}, segments=tuple(p.segment for p in parts))
    return script, rendered


def seg(id_: str, kind: str, text: str, speaker: str = "narrator", chapter: int = 0) -> Segment:
    return Segment(id_, kind, speaker, text, chapter)


def sample_parts() -> list[SegmentAudio]:
    """A short article: title, byline, a paragraph with a quote, a heading, two paragraphs."""
    return [
        SegmentAudio(seg("s1", "title", "Strom vom Scheunendach"), 1200),
        SegmentAudio(seg("s2", "byline", "Von Hanna Mertens"), 700),
        SegmentAudio(seg("s3", "narration", "Im Dorf erzeugen die Bürger Strom. Sie sind stolz darauf."), 2000),
        SegmentAudio(seg("s4", "quote", "Das hätte ich nie geglaubt.", "Klaus Rehberg"), 1100, rate_hz=24000,
                     level_dbfs=-30),
        SegmentAudio(seg("s5", "narration", "sagt der Landwirt."), 700),
        SegmentAudio(seg("s6", "heading", "Die Rechnung geht auf", chapter=1), 900),
        SegmentAudio(seg("s7", "narration", "Die Genossenschaft wächst. Sie plant einen Windpark.", chapter=1), 1800),
        SegmentAudio(seg("s8", "narration", "Im Herbst stimmen die Mitglieder ab.", chapter=1), 1200),
    ]


@dataclass(frozen=True)
class Ebur128:
    integrated_lufs: float
    true_peak_dbtp: float
    rate_hz: int
    layout: str


def ebur128(path: Path) -> Ebur128:
    """Loudness and true peak as ffmpeg's EBU R128 meter measures the decoded file."""
    err = subprocess.run([ffmpeg_exe(), "-nostats", "-i", str(path), "-af", "ebur128=peak=true", "-f", "null", "-"],
                         capture_output=True, text=True, check=True).stderr
    summary = err[err.rfind("Summary:"):]
    stream = re.search(r"Audio: \w+.*?(\d+) Hz, (\w+)", err)
    return Ebur128(float(re.search(r"I:\s+(-?[\d.]+) LUFS", summary).group(1)),
                   float(re.search(r"Peak:\s+(-?[\d.inf]+) dBFS", summary).group(1)),
                   int(stream.group(1)), stream.group(2))


def decode(path: Path, rate_hz: int | None = None) -> np.ndarray:
    """The file's audio as mono float samples (at `rate_hz` when given)."""
    args = [ffmpeg_exe(), "-v", "error", "-i", str(path), "-ac", "1"]
    args += ["-ar", str(rate_hz)] if rate_hz else []
    out = subprocess.run(args + ["-f", "f32le", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(out, dtype=np.float32)
