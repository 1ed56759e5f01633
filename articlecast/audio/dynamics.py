"""Gain envelopes for the compressor and the limiter: a needed reduction becomes a smooth gain curve.

Both stages know, sample by sample (or block by block), how many dB they must take away. Turned
into gain directly, that would jump and distort; smoothed by a filter, it would no longer reach the
reduction where it is needed. `reduction_envelope` does both: it never falls below the reduction
asked for anywhere (within `hold` of it), falls towards it over a short attack before (the
look-ahead) and recovers after it exponentially with the release time constant.

Every output point depends only on input within `attack_span`/`release_span` of it (the
exponentials are cut where they have fallen to under 2 % of the depth, an inaudible step of at most
0.05 dB for a 2 dB reduction), so audio processed in chunks with that much context comes out exactly
as processed at once, and an unchanged stretch of an episode renders to the same samples.
"""
from __future__ import annotations

import math

import numpy as np

from articlecast.audio.filters import running_max

SPAN_TIME_CONSTANTS = 4.0  # exp(-4) = 1.8 %: where an attack or release curve is cut off
_NONE = -1e30  # log of "no reduction": far below any real one


def span(time_constant: float) -> int:
    """How far (in the same units) a curve with this time constant reaches."""
    return math.ceil(SPAN_TIME_CONSTANTS * time_constant)


def reduction_envelope(reduction_db: np.ndarray, *, hold: int, attack: float, release: float) -> np.ndarray:
    """The smallest smooth reduction curve (dB, >= 0) that is at least `reduction_db` within `hold` of each point.

    `attack` and `release` are exponential time constants in samples of `reduction_db`: before a
    needed reduction the curve rises as exp(-distance/attack), after it decays as exp(-distance/release).
    """
    needed = np.asarray(reduction_db, dtype=np.float32)
    out = np.zeros(needed.size, dtype=np.float32)
    where = np.flatnonzero(needed > 0)
    if not where.size:
        return out
    before, after = hold + (span(attack) if attack > 0 else 0), hold + (span(release) if release > 0 else 0)
    # needs farther apart than both reaches cannot meet: each group is computed in its own short window
    groups = np.split(where, np.flatnonzero(np.diff(where) > before + after) + 1)
    for group in groups:
        lo, hi = max(0, int(group[0]) - before), min(needed.size, int(group[-1]) + after + 1)
        out[lo:hi] = _envelope(needed[lo:hi], hold, attack, release)
    return out


def _envelope(needed: np.ndarray, hold: int, attack: float, release: float) -> np.ndarray:
    held = running_max(needed, 2 * hold + 1, mode="constant", cval=0.0)
    # max over k of held[k] * exp(-|n-k|/tau) is a sliding maximum of log(held[k]) -+ k/tau, computed
    # in O(n) by a running maximum (audio/filters.py); positions are local to the window, so the numbers stay small
    with np.errstate(divide="ignore"):
        log_held = np.where(held > 0, np.log(held), np.float32(_NONE)).astype(np.float64)
    position = np.arange(held.size, dtype=np.float64)
    out = held
    if release > 0:
        reach = span(release)
        # window [n - reach, n]: size reach+1, shifted so that it ends at n
        decayed = running_max(log_held + position / release, reach + 1, origin=reach // 2,
                                           mode="constant", cval=_NONE)
        out = np.maximum(out, np.exp(np.minimum(decayed - position / release, 50.0)).astype(np.float32))
    if attack > 0:
        reach = span(attack)
        # window [n, n + reach]
        rising = running_max(log_held - position / attack, reach + 1, origin=-((reach + 1) // 2),
                                          mode="constant", cval=_NONE)
        out = np.maximum(out, np.exp(np.minimum(rising + position / attack, 50.0)).astype(np.float32))
    return out
