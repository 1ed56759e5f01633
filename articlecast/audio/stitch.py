"""Joining the synthesized segments into one episode, with pauses that follow the article's structure.

pydub decodes each segment's WAV (any channel count or sample width) into mono 16-bit; each one is
shaped (leveling.py: edges, sentence pauses, level, compressor) and appended to a `Spool`, a
temporary file, so only one segment is ever in memory: a three-hour episode (480 MB at 22 kHz) would
not fit the 400 MB budget, and mastering and encoding read it back in blocks anyway.
"""
from __future__ import annotations

import contextlib
import math
import subprocess
import wave
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from articlecast.audio.engines.base import Pcm
from articlecast.audio.ffmpeg import audio_segment_class, ffmpeg_exe
from articlecast.audio.leveling import LEVEL_LUFS, MAX_LEVEL_GAIN_DB, SENTENCE_PAUSE_MS, shape, shaping_revision
from articlecast.audio.loudness import integrated_lufs
from articlecast.audio.spool import Spool
from articlecast.audio.timeline import ChapterMark, Placement, RenderedSegment, Timeline
from articlecast.errors import EngineError, InputError, OutputError
from articlecast.fsutil import atomic_write_text
from articlecast.script.model import Script, Segment

INTRO_KINDS = ("title", "byline")
LEAD_IN_MS = 300
TAIL_MS = 1500
JINGLE_GAP_MS = 600


@dataclass(frozen=True)
class PauseRule:
    """The silence between two segments; `None` matches anything."""

    before: str | None  # kind of the segment that ends
    after: str | None  # kind of the segment that starts
    same_speaker: bool | None
    pause_ms: int


# First match wins. The script has no paragraph marker; narration follows narration only where a
# paragraph ends, since a paragraph's quotes and their attributions alternate speakers.
PAUSE_RULES: tuple[PauseRule, ...] = (
    PauseRule("title", None, None, 1000),
    PauseRule("byline", None, None, 1400),
    PauseRule(None, "heading", None, 1700),  # a longer rest announces a new chapter
    PauseRule("heading", None, None, 800),
    PauseRule("narration", "narration", None, 750),  # a new paragraph
    PauseRule(None, None, True, SENTENCE_PAUSE_MS),  # the same voice goes on: between its sentences
    PauseRule(None, None, False, SENTENCE_PAUSE_MS),  # where the voice changes, as long as between sentences
)


def pause_ms(before: Segment, after: Segment) -> int:
    same = before.speaker == after.speaker
    for rule in PAUSE_RULES:
        if rule.before in (None, before.kind) and rule.after in (None, after.kind) \
                and rule.same_speaker in (None, same):
            return rule.pause_ms
    raise AssertionError("PAUSE_RULES ends with catch-all rules")


@dataclass(frozen=True, eq=False)
class StitchedAudio:
    """The joined episode: mono int16 samples at one rate, and where everything landed.

    `source` is read by ranges (`source[a:b]`, `source.size`): a `Spool` on disk for an episode
    of any length; `samples` loads all of it, for short audio and tests.
    """

    source: Spool | np.ndarray
    sample_rate_hz: int
    timeline: Timeline

    @property
    def samples(self) -> np.ndarray:
        return self.source[0:self.source.size]

    @property
    def duration_ms(self) -> float:
        return 1000.0 * self.source.size / self.sample_rate_hz

    def to_pcm(self) -> Pcm:
        return Pcm(self.samples.astype("<i2").tobytes(), self.sample_rate_hz)


@dataclass(frozen=True)
class _Piece:
    """One stretch of the episode: a segment's audio, a jingle, or silence (neither set)."""

    length: int  # samples at the episode's rate; a segment's is known only once it is shaped
    segment: Segment | None = None
    wav_path: Path | None = None
    jingle: np.ndarray | None = None


def stitch(script: Script, rendered: Mapping[str, RenderedSegment], *, intro: bool = True,
           jingle_in: Path | None = None, jingle_out: Path | None = None,
           spool_dir: Path | None = None) -> StitchedAudio:
    """Join the script's segments (without title and byline when `intro` is False) into one episode.

    The episode is written piece by piece into a `Spool` (in `spool_dir`, else the system's
    temporary folder): only one segment is in memory at a time, whatever the episode's length.
    """
    segments = [s for s in script.segments if intro or s.kind not in INTRO_KINDS]
    if not segments:
        raise EngineError("the script has no segments to speak")
    missing = [s.id for s in segments if s.id not in rendered]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise EngineError(f"segment {missing[0]} has no synthesized audio{more}")
    formats = {s.id: _wav_format(rendered[s.id].wav_path, s.id) for s in segments}
    rate_hz = max(rate for rate, _ in formats.values())

    pieces = [_silence(LEAD_IN_MS, rate_hz)]
    if jingle_in:
        pieces += [_jingle(jingle_in, rate_hz), _silence(JINGLE_GAP_MS, rate_hz)]
    for i, segment in enumerate(segments):
        if i:
            pieces.append(_silence(pause_ms(segments[i - 1], segment), rate_hz))
        pieces.append(_Piece(0, segment, rendered[segment.id].wav_path))
    if jingle_out:
        pieces += [_silence(JINGLE_GAP_MS, rate_hz), _jingle(jingle_out, rate_hz)]
    pieces.append(_silence(TAIL_MS, rate_hz))
    return _join(pieces, rate_hz, script.title, spool_dir)


def _join(pieces: Sequence[_Piece], rate_hz: int, title: str, spool_dir: Path | None) -> StitchedAudio:
    spool = Spool(spool_dir)
    placements: list[Placement] = []
    headings: list[tuple[str, int]] = []
    try:
        for piece in pieces:
            position = spool.size
            if piece.segment is not None:
                spool.append(_shaped_segment(piece, rate_hz))
                segment = piece.segment
                placements.append(Placement(segment.id, segment.speaker, segment.text,
                                            _ms(position, rate_hz), _ms(spool.size, rate_hz)))
                if segment.kind == "heading":
                    headings.append((segment.text, placements[-1].start_ms))
            elif piece.jingle is not None:
                spool.append(piece.jingle)
            else:
                spool.append_silence(piece.length)
    except BaseException:
        spool.close()
        raise
    duration_ms = _ms(spool.size, rate_hz)
    return StitchedAudio(spool, rate_hz, Timeline(tuple(placements), _chapters(title, headings, duration_ms),
                                                  duration_ms))


def _chapters(title: str, headings: Sequence[tuple[str, int]], duration_ms: int) -> tuple[ChapterMark, ...]:
    """Chapter 0 opens the episode under its title; each heading opens the next chapter."""
    starts = [(title, 0), *headings]
    ends = [start for _, start in starts[1:]] + [duration_ms]
    return tuple(ChapterMark(name, start, end) for (name, start), end in zip(starts, ends, strict=True))


def _shaped_segment(piece: _Piece, rate_hz: int) -> np.ndarray:
    """The segment's audio at the episode's rate, shaped for joining (leveling.py)."""
    audio = _read_wav(piece.wav_path, piece.segment.id)
    x = np.frombuffer(audio.raw_data, dtype="<i2").astype(np.float32)
    if audio.frame_rate != rate_hz:
        x = _resample(x, audio.frame_rate, rate_hz)
    memo = _memo_path(piece.wav_path, rate_hz)
    shaped, loudness = shape(x, rate_hz, _read_memo(memo))
    _write_memo(memo, loudness)
    return shaped


def _memo_path(wav_path: Path, rate_hz: int) -> Path | None:
    """Where a segment's loudness is remembered, beside its cached WAV: cache entries never change
    (their name is their content's hash), and measuring every segment again on each rebuild would
    cost more than the rest of stitching. The file's size is in the name (a cache entry that was
    redone is measured again), and so is the shaping's revision."""
    try:
        size = wav_path.stat().st_size
    except OSError:
        return None
    return wav_path.with_name(f"{wav_path.name}.{size}.{rate_hz}.{shaping_revision()}.lufs")


def _read_memo(memo: Path | None) -> tuple[float | None, float | None] | None:
    if memo is None:
        return None
    try:
        raw, compressed = memo.read_text(encoding="ascii").split()
        return (None if raw == "silent" else float(raw)), (None if compressed == "silent" else float(compressed))
    except (OSError, ValueError):
        return None


def _write_memo(memo: Path | None, loudness: tuple[float | None, float | None]) -> None:
    if memo is None or memo.exists():
        return
    text = " ".join("silent" if v is None else repr(v) for v in loudness)
    with contextlib.suppress(OutputError):  # a read-only cache only costs the next build this measurement
        atomic_write_text(memo, text)


def _read_wav(path: Path, segment_id: str):
    try:
        audio = audio_segment_class().from_wav(str(path))
    except Exception as e:  # pydub raises bare exceptions of several kinds for a broken file
        raise EngineError(f"segment {segment_id}: cannot read its audio {path}: {e}") from e
    return audio.set_channels(1).set_sample_width(2)


def _wav_format(path: Path, segment_id: str) -> tuple[int, int]:
    """Sample rate and frame count from the WAV header alone: the join is planned before any audio is loaded."""
    try:
        with wave.open(str(path), "rb") as w:
            return w.getframerate(), w.getnframes()
    except (OSError, EOFError, wave.Error) as e:
        raise EngineError(f"segment {segment_id}: its synthesized audio {path} is not a readable WAV file: {e}"
                          " (delete the synthesis cache to render it again)") from e


def _resample(x: np.ndarray, from_hz: int, to_hz: int) -> np.ndarray:
    common = math.gcd(from_hz, to_hz)
    from scipy.signal import resample_poly  # only when engines or jingles differ in rate: a costly import

    return resample_poly(x, to_hz // common, from_hz // common).astype(np.float32)


def check_jingle(path: Path) -> None:
    """Raise the error a build would meet with this jingle, at once (a build meets it after synthesis).

    Whether ffmpeg decodes a file does not depend on the rate asked for: a low one costs least.
    """
    _jingle(path, 16000)


def _jingle(path: Path, rate_hz: int) -> _Piece:
    """Decode any file ffmpeg reads into mono int16 at the episode's rate, loudness-matched to the voices."""
    proc = subprocess.run([ffmpeg_exe(), "-v", "error", "-nostdin", "-i", str(path), "-vn", "-ac", "1",
                           "-ar", str(rate_hz), "-f", "s16le", "-"], capture_output=True)
    if proc.returncode or not proc.stdout:
        reason = (proc.stderr.decode(errors="replace").strip().splitlines() or ["no audio in it"])[-1]
        raise InputError(f"jingle {path}: cannot decode: {reason}")
    x = np.frombuffer(proc.stdout, dtype="<i2").astype(np.float32)
    loudness = integrated_lufs(x, rate_hz)
    if loudness is not None:
        x *= np.float32(10 ** (min(LEVEL_LUFS - loudness, MAX_LEVEL_GAIN_DB) / 20))
    samples = np.clip(np.rint(x), -32768, 32767).astype(np.int16)
    return _Piece(samples.size, jingle=samples)


def _silence(duration_ms: int, rate_hz: int) -> _Piece:
    return _Piece(round(duration_ms * rate_hz / 1000))


def _ms(samples: int, rate_hz: int) -> int:
    return round(samples * 1000 / rate_hz)
