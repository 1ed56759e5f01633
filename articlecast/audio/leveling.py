"""Each segment shaped before it is joined: its edges, its sentence pauses, its level and its dynamics.

Measured on espeak-ng (bench/bench_pace.py): a segment starts 12-25 ms after its WAV does and ends
0-7 ms before its end, often on a hard onset; between its own sentences it leaves about 300 ms of
digital silence, after a comma 110-175 ms; its peaks stand 17-21 dB above its loudness. So:

- the near-silence at both ends is trimmed (the joins' pauses are then exactly the pauses chosen in
  stitch.py) and the sound fades in over `FADE_IN_MS` and out over `FADE_OUT_MS`, raised-cosine;
- a silence inside the segment long enough to end a sentence (`MIN_SENTENCE_GAP_MS`; comma pauses
  are shorter) is lengthened to `SENTENCE_PAUSE_MS`, the same pause that separates segments;
- the segment is brought to `LEVEL_LUFS`, then a compressor (ratio `RATIO`:1 above
  `THRESHOLD_LU` relative to that level, soft knee, 5 ms RMS, 2 ms attack, 60 ms release) evens out
  its loud syllables, and the segment is brought back to `LEVEL_LUFS`: every voice ends equally
  loud with 3-5 dB less peak-to-loudness ratio, so the limiter in mastering seldom has to act
  (espeak's peaks stand 17-21 dB over its loudness; -16 LUFS under a -2.1 dBTP ceiling allows 14).

Pauses stay digital silence, not room tone: espeak's own pauses inside a segment are exact zeros
(17 % of its samples), so a noise floor between segments would only make the joins audible where
the voice itself pauses in silence (measured and decided in bench/bench_pace.py).
"""
from __future__ import annotations

import hashlib

import numpy as np

from articlecast.audio.dynamics import reduction_envelope
from articlecast.audio.filters import running_max, running_mean
from articlecast.audio.loudness import FULL_SCALE, integrated_lufs

LEVEL_LUFS = -23.0  # every voice before joining: headroom in int16; mastering lifts the episode
MAX_LEVEL_GAIN_DB = 24.0  # a nearly silent segment is not blown up into noise
SILENCE_LEVEL = 32  # |sample| at or below this (-60 dBFS) is silence for trimming and pauses
FADE_IN_MS = 8.0  # softens a hard onset without blunting a plosive
FADE_OUT_MS = 20.0
SENTENCE_PAUSE_MS = 450  # between sentences, inside a segment and between segments (stitch.py)
MIN_SENTENCE_GAP_MS = 250  # a silence this long inside a segment ends a sentence
THRESHOLD_LU = -8.0  # the compressor acts above this level relative to the segment's loudness
RATIO = 3.5
KNEE_DB = 6.0
DETECTOR_MS = 5.0
ATTACK_MS = 2.0
RELEASE_MS = 60.0
PEAK_DETECTOR = False  # RMS (False) or peak-sensing detector
CREST_DB = 10.0  # a peak-sensing detector compares peak - CREST_DB with the threshold


def shaping_revision() -> str:
    """Changes with every setting above: part of the memo of each segment's loudness after compression."""
    settings = (LEVEL_LUFS, MAX_LEVEL_GAIN_DB, SILENCE_LEVEL, SENTENCE_PAUSE_MS, MIN_SENTENCE_GAP_MS, THRESHOLD_LU,
                RATIO, KNEE_DB, DETECTOR_MS, ATTACK_MS, RELEASE_MS, PEAK_DETECTOR, CREST_DB)
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:8]


def trim(x: np.ndarray) -> np.ndarray:
    """`x` without the near-silence at its ends (empty when all of it is silent)."""
    loud = np.flatnonzero(np.abs(x) > SILENCE_LEVEL)
    return x[loud[0]:loud[-1] + 1] if loud.size else x[:0]


def lengthen_sentence_pauses(x: np.ndarray, rate_hz: int) -> np.ndarray:
    """Silences inside `x` of at least MIN_SENTENCE_GAP_MS grown to SENTENCE_PAUSE_MS (zeros in their middle)."""
    quiet = np.abs(x) <= SILENCE_LEVEL
    edges = np.flatnonzero(np.diff(quiet.astype(np.int8)))
    starts, stops = edges[0::2] + 1, edges[1::2] + 1  # x is trimmed: it starts and ends loud
    longest = round(MIN_SENTENCE_GAP_MS * rate_hz / 1000)
    wanted = round(SENTENCE_PAUSE_MS * rate_hz / 1000)
    long_enough = (stops - starts >= longest) & (stops - starts < wanted)
    if not long_enough.any():
        return x
    pieces, at = [], 0
    for start, stop in zip(starts[long_enough], stops[long_enough], strict=True):
        middle = (start + stop) // 2
        pieces += [x[at:middle], np.zeros(wanted - (stop - start), dtype=x.dtype)]
        at = middle
    pieces.append(x[at:])
    return np.concatenate(pieces)


def fade_edges(x: np.ndarray, rate_hz: int) -> np.ndarray:
    fade_in = min(x.size // 2, round(FADE_IN_MS * rate_hz / 1000))
    fade_out = min(x.size // 2, round(FADE_OUT_MS * rate_hz / 1000))
    if fade_in:
        x[:fade_in] *= _raised_cosine(fade_in)
    if fade_out:
        x[x.size - fade_out:] *= _raised_cosine(fade_out)[::-1]
    return x


def _raised_cosine(n: int) -> np.ndarray:
    return (0.5 - 0.5 * np.cos(np.pi * (np.arange(n) + 0.5) / n)).astype(np.float32)


def compressor_gain(x: np.ndarray, rate_hz: int, level_lufs: float) -> np.ndarray:
    """The compressor's gain for each sample of `x` (float, already at `level_lufs`)."""
    hop = max(1, rate_hz // 1000)  # the detector runs on 1 ms blocks: cheap, and fine enough for 2 ms attack
    blocks = x.size // hop
    if blocks < 2:
        return np.ones(x.size, dtype=np.float32)
    frames = x[:blocks * hop].reshape(blocks, hop)
    window = max(1, round(DETECTOR_MS * rate_hz / 1000 / hop))
    if PEAK_DETECTOR:
        peak = running_max(np.abs(frames).max(axis=1), window, mode="constant")
        level_db = 20 * np.log10(peak / FULL_SCALE + 1e-6) - CREST_DB
    else:
        energy = np.square(frames, dtype=np.float64).mean(axis=1)
        rms = running_mean(energy, window, mode="constant")
        level_db = 10 * np.log10(rms / FULL_SCALE ** 2 + 1e-12)
    over = level_db - (level_lufs + THRESHOLD_LU)
    slope = 1 - 1 / RATIO
    reduction = np.where(over > KNEE_DB / 2, slope * over,
                         np.where(over > -KNEE_DB / 2, slope * (over + KNEE_DB / 2) ** 2 / (2 * KNEE_DB), 0.0))
    ms_per_block = 1000 * hop / rate_hz
    envelope = reduction_envelope(reduction, hold=0, attack=ATTACK_MS / ms_per_block,
                                  release=RELEASE_MS / ms_per_block)
    gain = np.power(10.0, -envelope / 20).astype(np.float32)  # per block, then a straight line to the next
    ramp = np.arange(hop, dtype=np.float32) / np.float32(hop)
    steps = np.diff(gain, append=gain[-1])
    out = (gain[:, None] + steps[:, None] * ramp[None, :]).reshape(-1)
    return np.concatenate([out, np.full(x.size - out.size, gain[-1], dtype=np.float32)])


def shape(x: np.ndarray, rate_hz: int, loudness: tuple[float | None, float | None] | None = None
          ) -> tuple[np.ndarray, tuple[float | None, float | None]]:
    """The segment `x` (float32, int16 scale) trimmed, paced, leveled, compressed and faded, as int16.

    `loudness` is (loudness as given, loudness after compression) if known from an earlier build;
    the two measured here are returned to be remembered.
    """
    x = lengthen_sentence_pauses(trim(x), rate_hz).astype(np.float32, copy=True)
    raw, compressed = loudness if loudness is not None else (integrated_lufs(x, rate_hz), None)
    if raw is not None:
        x *= np.float32(10 ** (min(LEVEL_LUFS - raw, MAX_LEVEL_GAIN_DB) / 20))
        x *= compressor_gain(x, rate_hz, LEVEL_LUFS)
        if compressed is None:
            compressed = integrated_lufs(x, rate_hz)
        if compressed is not None:  # make-up gain: the voice ends at LEVEL_LUFS after all
            x *= np.float32(10 ** (min(LEVEL_LUFS - compressed, MAX_LEVEL_GAIN_DB) / 20))
    fade_edges(x, rate_hz)
    return np.clip(np.rint(x), -32768, 32767).astype(np.int16), (raw, compressed)
