"""Mastering: one gain to the target loudness, then a true-peak limiter, both in chunks.

The mastered signal is a pure function of the stitched samples, the gain and the limiter's
ceiling, so `MasteredAudio` keeps only those and renders the PCM chunk by chunk when it is
encoded: an hour-long episode then exists once in memory (as int16), never as floats, and the
rendering overlaps with ffmpeg's encoding on a second core.

The gain is found in a few passes, because the limiter takes back part of every extra dB. The
episode's loudness without the limiter is measured exactly on all of it (cheap: one filter);
what the limiter takes away is measured by rendering a spread-out selection of chunks (all of
them for episodes up to a few minutes), which keeps each pass short for an hour-long episode.
"""
from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np

from articlecast.audio.dynamics import reduction_envelope, span
from articlecast.audio.engines.base import Pcm
from articlecast.audio.filters import running_max
from articlecast.audio.loudness import FULL_SCALE, LoudnessMeter
from articlecast.audio.spool import Spool
from articlecast.audio.stitch import StitchedAudio
from articlecast.audio.truepeak import HALF_TAPS, interval_peaks
from articlecast.errors import EngineError

CHUNK_SAMPLES = 1 << 18  # about 12 s at 22 kHz: large enough for numpy, small enough for memory
ANALYSED_CHUNKS = 12  # chunks rendered per gain pass: about 2.5 minutes of a long episode
# MP3 encoding at 64 kbps lets the true peak of limited speech overshoot by up to about 1.3 dB
# (measured with ffmpeg's ebur128 on espeak episodes; 0.3 dB at 128 kbps); limiting this far
# below the allowed true peak keeps the encoded file within it.
ENCODE_MARGIN_DB = 1.1
# The MP3 chain (ffmpeg's resampler, LAME, a decoder) plays speech, sine and noise 0.445 dB quieter
# than it was given, at 64 and 128 kbps, from 22.05 and 24 kHz (measured with ffmpeg's ebur128 and
# by RMS): mastering aims this much higher, so the episode measures its target as a listener plays it.
ENCODED_LOUDNESS_DB = -0.445
# The limiter: its gain falls over a short look-ahead before a peak and recovers slowly after it,
# exponentially with these time constants (dynamics.py); a slow release never distorts.
LOOKAHEAD_MS = 1.5
RELEASE_MS = 50.0
ENVELOPE_BLOCK = 8  # samples: the limiter's gain curve is computed per block and interpolated
LOUDNESS_TOLERANCE_LU = 0.15
# Gains are chosen on a grid: a small edit of a long episode then keeps the exact same gain, so every
# unchanged part of it renders to the same samples and its encoded MP3 can be reused (see splice.py).
GAIN_STEP_DB = 0.25
# An episode whose own loudness moved less than this since its last build keeps that build's
# mastering: a far smaller change than the ±1 LU podcast platforms allow.
REUSE_TOLERANCE_LU = 0.05
MAX_GAIN_PASSES = 5
MASTERING_REVISION = 3  # bump when the same gain and ceiling render differently: part of every encoded part's key
MAX_LIMITING_DB = 10.0  # the most gain the limiter may be asked to take back
MIN_LOUDNESS_SLOPE = 0.2  # LU gained per dB of gain, at the least: bounds the next guess


@dataclass(frozen=True, eq=False)
class MasteredAudio:
    """Stitched samples with their mastering applied on the fly.

    `loudness_lufs` is the integrated loudness of the result; `true_peak_dbtp` its true peak (4x
    oversampled at `sample_rate_hz`) on the chunks that were analysed.
    """

    source: np.ndarray | Spool  # the stitched mono int16 samples, unchanged (read by ranges)
    sample_rate_hz: int
    gain_db: float
    ceiling_dbtp: float
    loudness_lufs: float
    true_peak_dbtp: float
    unlimited_lufs: float | None = None  # the stitched audio's loudness before mastering

    @property
    def duration_ms(self) -> float:
        return 1000.0 * self.source.size / self.sample_rate_hz

    def chunks(self, start: int = 0, stop: int | None = None) -> Iterator[np.ndarray]:
        """The mastered PCM of samples [start, stop) as consecutive int16 arrays."""
        stop = self.source.size if stop is None else min(stop, self.source.size)
        spans = ((at, min(at + CHUNK_SAMPLES, stop)) for at in range(start, stop, CHUNK_SAMPLES))
        for chunk, _, _ in _render(self.source, self.sample_rate_hz, self.gain_db, self.ceiling_dbtp, spans,
                                   measure=False):
            yield chunk

    def to_pcm(self) -> Pcm:
        """The whole mastered signal at once: for previews and tests, not for hour-long episodes."""
        return Pcm(b"".join(chunk.astype("<i2").tobytes() for chunk in self.chunks()), self.sample_rate_hz)


@dataclass(frozen=True)
class PreviousMastering:
    """What mastering found for the episode's last build (kept by the pipeline between builds)."""

    unlimited_lufs: float
    gain_db: float
    loudness_lufs: float
    true_peak_dbtp: float


def master(audio: StitchedAudio, *, target_lufs: float = -16.0, max_true_peak_dbtp: float = -1.0,
           previous: PreviousMastering | None = None) -> MasteredAudio:
    """Bring the episode, as its MP3 will play, to `target_lufs` integrated with its true peak at most
    `max_true_peak_dbtp` (the PCM is made ENCODED_LOUDNESS_DB louder, which the MP3 chain takes back).

    `previous`, the mastering of the episode's last build, is used again when the audio's own
    loudness has barely moved (an edited paragraph): its gain still fits, the unchanged parts keep
    their exact sound (and MP3), and no pass is needed. Otherwise its gain is where the search starts.
    """
    return master_samples(audio.source, audio.sample_rate_hz, target_lufs=target_lufs - ENCODED_LOUDNESS_DB,
                          max_true_peak_dbtp=max_true_peak_dbtp, previous=previous)


def master_pcm(pcm: Pcm, *, target_lufs: float = -16.0, max_true_peak_dbtp: float = -1.0) -> MasteredAudio:
    """The same for a single Pcm (e.g. a voice preview)."""
    return master_samples(np.frombuffer(pcm.samples, dtype="<i2"), pcm.sample_rate_hz,
                          target_lufs=target_lufs, max_true_peak_dbtp=max_true_peak_dbtp)


def master_samples(samples: np.ndarray, rate_hz: int, *, target_lufs: float = -16.0,
                   max_true_peak_dbtp: float = -1.0, previous: PreviousMastering | None = None) -> MasteredAudio:
    """Master mono int16 `samples`; see the module's description."""
    count = _chunk_count(samples)
    unlimited_lufs = _loudness((_chunk(samples, i) for i in range(count)), rate_hz)
    if unlimited_lufs is None:
        raise EngineError("the synthesized audio is silent; there is nothing to master")
    ceiling_dbtp = max_true_peak_dbtp - ENCODE_MARGIN_DB
    if previous is not None and abs(unlimited_lufs - previous.unlimited_lufs) <= REUSE_TOLERANCE_LU:
        moved = unlimited_lufs - previous.unlimited_lufs
        return MasteredAudio(samples, rate_hz, previous.gain_db, ceiling_dbtp, previous.loudness_lufs + moved,
                             previous.true_peak_dbtp, unlimited_lufs)
    analysed = range(0, count, max(1, count // ANALYSED_CHUNKS))
    analysed_lufs = _loudness((_chunk(samples, i) for i in analysed), rate_hz)
    if analysed_lufs is None:
        raise EngineError("the synthesized audio is silent; there is nothing to master")
    start_db = previous.gain_db if previous is not None else target_lufs - unlimited_lufs
    gain_db, slope = _on_grid(start_db), 1.0
    last_pass: tuple[float, float] | None = None
    for attempt in range(MAX_GAIN_PASSES):
        limited_lufs, true_peak_dbtp = _measure_rendered(samples, rate_hz, gain_db, ceiling_dbtp, analysed)
        loudness_lufs = unlimited_lufs + gain_db - (analysed_lufs + gain_db - limited_lufs)
        shortfall = target_lufs - loudness_lufs
        if abs(shortfall) <= LOUDNESS_TOLERANCE_LU or attempt == MAX_GAIN_PASSES - 1:
            break  # the figures returned are those measured for the gain returned
        # synthetic speech has a high peak-to-loudness ratio, so the limiter takes back part of
        # every extra dB; the slope seen between passes tells how much gain makes up the shortfall
        if last_pass is not None and gain_db != last_pass[0]:
            slope = min(1.0, max(MIN_LOUDNESS_SLOPE, (loudness_lufs - last_pass[1]) / (gain_db - last_pass[0])))
        last_pass = (gain_db, loudness_lufs)
        # audio whose every cycle peaks far above its loudness cannot reach the target by limiting
        # alone: rather a quieter episode than one crushed beyond recognition
        next_gain_db = _on_grid(min(gain_db + shortfall / slope, target_lufs - unlimited_lufs + MAX_LIMITING_DB))
        if next_gain_db == gain_db:
            break
        gain_db = next_gain_db
    return MasteredAudio(samples, rate_hz, gain_db, ceiling_dbtp, loudness_lufs, true_peak_dbtp, unlimited_lufs)


def _on_grid(gain_db: float) -> float:
    return round(gain_db / GAIN_STEP_DB) * GAIN_STEP_DB


def _chunk_count(samples: np.ndarray) -> int:
    return math.ceil(samples.size / CHUNK_SAMPLES)


def _chunk(samples: np.ndarray, index: int) -> np.ndarray:
    return samples[index * CHUNK_SAMPLES:(index + 1) * CHUNK_SAMPLES]


def _loudness(chunks: Iterable[np.ndarray], rate_hz: int) -> float | None:
    meter = LoudnessMeter(rate_hz)
    for chunk in chunks:
        meter.feed(chunk)
    return meter.integrated_lufs()


def _measure_rendered(samples: np.ndarray, rate_hz: int, gain_db: float, ceiling_dbtp: float,
                      indices: Sequence[int]) -> tuple[float, float]:
    meter = LoudnessMeter(rate_hz)
    peak = 0.0
    spans = ((i * CHUNK_SAMPLES, min((i + 1) * CHUNK_SAMPLES, samples.size)) for i in indices)
    for chunk, chunk_peak, _ in _render(samples, rate_hz, gain_db, ceiling_dbtp, spans, measure=True):
        meter.feed(chunk)
        peak = max(peak, chunk_peak)
    return meter.integrated_lufs() or -math.inf, _dbfs(peak)


def _render(samples: np.ndarray, rate_hz: int, gain_db: float, ceiling_dbtp: float,
            spans: Iterable[tuple[int, int]], *,
            measure: bool) -> Iterator[tuple[np.ndarray, float, np.ndarray | None]]:
    """Yield the mastered samples of each span [start, end) (int16) and, when `measure`, each one's
    true peak and the limiter's reduction (dB, per sample; None where it did not act).

    Every chunk is computed with enough context on both sides that the limiter's gain, and the
    true peak of the output, come out exactly as if the whole signal had been processed at once.
    """
    attack, release = LOOKAHEAD_MS * rate_hz / 1000, RELEASE_MS * rate_hz / 1000
    before, after = limiter_context(rate_hz)
    gain = 10 ** (gain_db / 20)
    ceiling = FULL_SCALE * 10 ** (ceiling_dbtp / 20)
    total = samples.size
    for start, end in spans:
        lo, hi = start - before, end + after
        x = np.zeros(hi - lo, dtype=np.float32)
        x[max(lo, 0) - lo:min(hi, total) - lo] = samples[max(lo, 0):min(hi, total)]
        x *= np.float32(gain)
        positions, peaks = interval_peaks(x, ceiling)
        over = peaks > ceiling
        reduction = None
        if over.any():
            reduction = _limiter_reduction(positions[over], 20 * np.log10(peaks[over] / ceiling), x.size,
                                           attack, release)
            x *= np.power(np.float32(10), -reduction / np.float32(20))
        # keep HALF_TAPS samples on each side so the output's true peak at the chunk edges is exact
        out = np.clip(np.rint(x[before - HALF_TAPS:x.size - after + HALF_TAPS]), -32768, 32767).astype(np.int16)
        inner = out[HALF_TAPS:out.size - HALF_TAPS]
        if not measure:
            yield inner, 0.0, None
        else:
            yield inner, _output_peak(out), (reduction[before:x.size - after] if reduction is not None else None)


def _limiter_reduction(positions: np.ndarray, needed_db: np.ndarray, size: int, attack: float,
                       release: float) -> np.ndarray:
    """The limiter's reduction (dB) for every sample: at least `needed_db` over every sample each
    interpolated peak depends on, with a look-ahead `attack` and a `release` (in samples).

    The curve is computed on blocks of ENVELOPE_BLOCK samples (a fraction of a millisecond; the
    curve changes over milliseconds) and interpolated linearly: a block holds the largest need
    within it, and the hold reaches one block further, so the two block values around any sample
    are at least what that sample needs, and so is the straight line between them.
    """
    block = ENVELOPE_BLOCK
    coarse = np.zeros(-(-size // block), dtype=np.float32)
    np.maximum.at(coarse, positions // block, needed_db.astype(np.float32))
    hold = -(-(HALF_TAPS + 1) // block) + 1  # the interpolation window of a peak, in blocks, and one more
    envelope = reduction_envelope(coarse, hold=hold, attack=attack / block, release=release / block)
    centres = np.arange(coarse.size, dtype=np.float32) * block + (block - 1) / 2
    return np.interp(np.arange(size, dtype=np.float32), centres, envelope).astype(np.float32)


def limiter_context(rate_hz: int) -> tuple[int, int]:
    """Samples of context the limiter needs before and after a span to render it exactly."""
    attack, release = LOOKAHEAD_MS * rate_hz / 1000, RELEASE_MS * rate_hz / 1000
    # the hold (in whole blocks, and one more), the interpolation of the peaks and of the output
    reach = (-(-(HALF_TAPS + 1) // ENVELOPE_BLOCK) + 2) * ENVELOPE_BLOCK + 2 * HALF_TAPS + 2
    return reach + span(release), reach + span(attack)


def _output_peak(out: np.ndarray) -> float:
    """True peak of the chunk `out[HALF_TAPS:-HALF_TAPS]`, using the samples beyond it as context."""
    x = out.astype(np.float32)
    inner = x[HALF_TAPS:x.size - HALF_TAPS]
    if not inner.size:
        return 0.0
    sample_peak = float(np.abs(inner).max())
    positions, peaks = interval_peaks(x, sample_peak)
    inside = (positions >= HALF_TAPS) & (positions < x.size - HALF_TAPS)
    return max(sample_peak, float(peaks[inside].max())) if inside.any() else sample_peak


def _dbfs(value: float) -> float:
    return 20 * math.log10(value / FULL_SCALE) if value > 0 else -math.inf


@dataclass(frozen=True)
class LimiterActivity:
    """How often and how deeply the limiter turned the speech down (for bench/ and tests)."""

    speech_samples: int  # samples within SPEECH_WINDOW_MS of sound above SPEECH_FLOOR_DBFS (pauses excluded)
    reduced: dict[float, float]  # dB -> share of the speech samples turned down by more than that
    max_db: float


SPEECH_FLOOR_DBFS = -50.0
SPEECH_WINDOW_MS = 20.0
ACTIVITY_STEPS_DB = (0.1, 0.5, 1.0, 2.0, 3.0, 6.0)


def limiter_activity(audio: MasteredAudio) -> LimiterActivity:
    """Render all of `audio` once more and count, over its speech, how far the limiter reduced it."""
    rate_hz = audio.sample_rate_hz
    floor = FULL_SCALE * 10 ** ((SPEECH_FLOOR_DBFS - audio.gain_db) / 20)  # judged on the stitched level
    window = max(1, round(SPEECH_WINDOW_MS * rate_hz / 1000))
    counts = dict.fromkeys(ACTIVITY_STEPS_DB, 0)
    speech, deepest = 0, 0.0
    spans = [(at, min(at + CHUNK_SAMPLES, audio.source.size)) for at in range(0, audio.source.size, CHUNK_SAMPLES)]
    rendered = _render(audio.source, rate_hz, audio.gain_db, audio.ceiling_dbtp, spans, measure=True)
    for (start, end), (_, _, reduction) in zip(spans, rendered, strict=True):
        x = np.abs(audio.source[start:end]).astype(np.float32)
        is_speech = running_max(x, 2 * window + 1, mode="reflect") > floor
        speech += int(is_speech.sum())
        if reduction is not None:
            reduced = reduction[is_speech]
            for step in counts:
                counts[step] += int((reduced > step).sum())
            deepest = max(deepest, float(reduction.max()))
    return LimiterActivity(speech, {step: n / max(1, speech) for step, n in counts.items()}, deepest)

