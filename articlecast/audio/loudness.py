"""Loudness per ITU-R BS.1770-4, measured in chunks so a long episode never exists as floats at once.

A `LoudnessMeter` is fed consecutive pieces of one signal; it keeps the K-weighting filter state
and only the energy of each 100 ms hop (36 000 numbers for an hour), then gates at the end:
400 ms blocks overlapping by 75 %, an absolute gate at -70 LUFS and a relative one 10 LU below.
"""
from __future__ import annotations

import math

import numpy as np

from articlecast.audio.filters import Biquads

FULL_SCALE = 32768.0  # int16 samples are divided by this: 0 dBFS
HOP_S = 0.1
HOPS_PER_BLOCK = 4  # 400 ms gating blocks, 75 % overlap
ABSOLUTE_GATE_LUFS = -70.0
RELATIVE_GATE_LU = -10.0
_ANTI_DENORMAL = 1e-9  # -180 dBFS
LUFS_OFFSET = -0.691  # BS.1770: makes a 997 Hz sine at 0 dBFS read -3.01 LUFS

# The K-weighting curve as analog parameters (the values pyloudnorm and libebur128 use), so the
# two biquads can be designed for any sample rate instead of the 48 kHz coefficients of the standard.
_SHELF_GAIN_DB, _SHELF_Q, _SHELF_HZ = 4.0, 1 / math.sqrt(2), 1500.0
_HIGHPASS_Q, _HIGHPASS_HZ = 0.5, 38.0


def k_weighting_sos(rate_hz: int) -> np.ndarray:
    """The BS.1770 pre-filter (high shelf, then high pass) as second-order sections for `rate_hz`."""
    a = 10 ** (_SHELF_GAIN_DB / 40)
    w0 = 2 * math.pi * _SHELF_HZ / rate_hz
    alpha = math.sin(w0) / (2 * _SHELF_Q)
    cos, root = math.cos(w0), 2 * math.sqrt(a) * alpha
    shelf = [a * ((a + 1) + (a - 1) * cos + root), -2 * a * ((a - 1) + (a + 1) * cos),
             a * ((a + 1) + (a - 1) * cos - root),
             (a + 1) - (a - 1) * cos + root, 2 * ((a - 1) - (a + 1) * cos), (a + 1) - (a - 1) * cos - root]
    w0 = 2 * math.pi * _HIGHPASS_HZ / rate_hz
    alpha = math.sin(w0) / (2 * _HIGHPASS_Q)
    cos = math.cos(w0)
    highpass = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2, 1 + alpha, -2 * cos, 1 - alpha]
    sos = np.array([shelf, highpass], dtype=np.float64)
    return sos / sos[:, 3:4]  # normalize a0 to 1


class LoudnessMeter:
    """Integrated loudness of a signal fed in consecutive pieces (int16 or float in int16 scale)."""

    def __init__(self, rate_hz: int) -> None:
        self.rate_hz = rate_hz
        self._filter = Biquads(k_weighting_sos(rate_hz))
        self._hop = max(1, round(rate_hz * HOP_S))
        self._hop_energy: list[np.ndarray] = []
        self._carry = np.zeros(0, dtype=np.float64)  # squared samples of a hop not yet complete
        self._total_energy = 0.0
        self._total_samples = 0

    def feed(self, samples: np.ndarray) -> None:
        x = np.asarray(samples, dtype=np.float64) * (1 / FULL_SCALE)
        # an inaudible DC offset (removed by the high pass) keeps the filter state out of subnormal
        # floats after a pause, which would make the filter dozens of times slower
        x += _ANTI_DENORMAL
        weighted = self._filter.filter(x)
        squared = np.square(weighted, dtype=np.float64)
        self._total_energy += float(squared.sum())
        self._total_samples += squared.size
        if self._carry.size:
            squared = np.concatenate([self._carry, squared])
        whole = squared.size // self._hop * self._hop
        if whole:
            self._hop_energy.append(squared[:whole].reshape(-1, self._hop).sum(axis=1))
        self._carry = squared[whole:].copy()

    def integrated_lufs(self) -> float | None:
        """Gated integrated loudness; ungated for audio shorter than one block; None for silence."""
        hops = np.concatenate(self._hop_energy) if self._hop_energy else np.zeros(0)
        if hops.size < HOPS_PER_BLOCK:
            if self._total_samples == 0 or self._total_energy <= 0:
                return None
            return _lufs(self._total_energy / self._total_samples)
        window = np.ones(HOPS_PER_BLOCK)
        blocks = np.convolve(hops, window, mode="valid") / (HOPS_PER_BLOCK * self._hop)
        blocks = blocks[blocks > _mean_square(ABSOLUTE_GATE_LUFS)]
        if not blocks.size:
            return None
        relative_gate = _mean_square(_lufs(float(blocks.mean())) + RELATIVE_GATE_LU)
        return _lufs(float(blocks[blocks > relative_gate].mean()))


def integrated_lufs(samples: np.ndarray, rate_hz: int) -> float | None:
    """Integrated loudness of a whole (short) signal; None when it is silent."""
    meter = LoudnessMeter(rate_hz)
    meter.feed(samples)
    return meter.integrated_lufs()


def _lufs(mean_square: float) -> float:
    return LUFS_OFFSET + 10 * math.log10(mean_square)


def _mean_square(lufs: float) -> float:
    return 10 ** ((lufs - LUFS_OFFSET) / 10)
