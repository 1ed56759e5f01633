"""The few signal filters mastering needs, in numpy: running maximum, running mean, and biquad sections.

Why not scipy: `import scipy.signal` (for sosfilt) and `scipy.ndimage` (for the running filters) cost
0.7-0.8 s of every command that masters audio, about 15 % of the time espeak-ng needs to read the seed
article, because scipy.signal loads scipy.stats, interpolate and optimize with it. These three filters
are short and exact in numpy; tests/audio/test_filters.py holds them against scipy's.

- `running_max`: van Herk / Gil-Werman, O(n) whatever the window: a block's prefix and suffix maxima.
  A maximum is exact, so the results equal scipy.ndimage.maximum_filter1d's bit for bit.
- `running_mean`: a cumulative sum (float64), equal to uniform_filter1d within rounding.
- `Biquads`: second-order sections as one linear state-space system, run block by block: inside a
  block the output is the input convolved with the impulse response plus the response to the state
  at the block's start, both matrix products (BLAS); the states at block starts follow the same
  scheme one level up (blocks of blocks). Float64 throughout, so it is more exact than scipy's
  float32 sosfilt it replaces, and as fast (0.2 s per 10 minutes at 22.05 kHz).
"""
from __future__ import annotations

import numpy as np

BLOCK = 32  # samples per block: a block costs BLOCK multiply-adds per sample
_DIRECT_STEPS = 64  # recurrences this short run step by step


def running_max(x: np.ndarray, size: int, *, origin: int = 0, mode: str = "constant", cval: float = 0.0) -> np.ndarray:
    """The maximum over a window of `size` samples at each sample, as scipy.ndimage.maximum_filter1d
    with the same size, origin and mode ("constant" with `cval`, or "reflect")."""
    x = np.asarray(x)
    if size < 1:
        raise ValueError("size must be at least 1")
    if x.size == 0 or size == 1:
        return x.copy()
    # the window of output i covers input i - size//2 - origin ... that + size - 1
    left = size // 2 + origin
    right = size - 1 - left
    pad_left, pad_right = max(left, 0), max(right, 0)
    if mode == "constant":
        padded = np.concatenate([np.full(pad_left, cval, x.dtype), x, np.full(pad_right, cval, x.dtype)])
    elif mode == "reflect":  # scipy's "reflect" is numpy's "symmetric": d c b a | a b c d | d c b a
        padded = np.pad(x, (pad_left, pad_right), mode="symmetric")
    else:
        raise ValueError(f"mode {mode!r} is not supported")
    windows = padded.size - size + 1
    blocks = -(-padded.size // size)
    lowest = np.array(-np.inf if np.issubdtype(x.dtype, np.floating) else np.iinfo(x.dtype).min, x.dtype)
    grid = np.full(blocks * size, lowest, x.dtype)
    grid[:padded.size] = padded
    grid = grid.reshape(blocks, size)
    prefix = np.maximum.accumulate(grid, axis=1).ravel()
    suffix = np.maximum.accumulate(grid[:, ::-1], axis=1)[:, ::-1].ravel()
    best = np.maximum(suffix[:windows], prefix[size - 1:size - 1 + windows])
    start = pad_left - left  # 0 unless the window lies wholly after (or before) the sample
    return best[start:start + x.size]


def running_mean(x: np.ndarray, size: int, *, mode: str = "constant", cval: float = 0.0) -> np.ndarray:
    """The mean over a centred window of `size` samples, as scipy.ndimage.uniform_filter1d (origin 0)."""
    x = np.asarray(x, dtype=np.float64)
    if size < 1:
        raise ValueError("size must be at least 1")
    if x.size == 0 or size == 1:
        return x.copy()
    left = size // 2
    right = size - 1 - left
    if mode == "constant":
        padded = np.concatenate([np.full(left, cval), x, np.full(right, cval)])
    elif mode == "reflect":
        padded = np.pad(x, (left, right), mode="symmetric")
    else:
        raise ValueError(f"mode {mode!r} is not supported")
    total = np.concatenate([[0.0], np.cumsum(padded)])
    return (total[size:] - total[:-size]) / size


class Biquads:
    """Second-order sections (rows b0 b1 b2 a0 a1 a2, a0 = 1, as scipy's sos) run on consecutive pieces of
    one signal: `filter(x)` returns the output and keeps the state for the next piece."""

    def __init__(self, sos: np.ndarray) -> None:
        sos = np.asarray(sos, dtype=np.float64)
        self._design = _design(sos.tobytes(), sos.shape)
        self.state = np.zeros(self._design.order)

    def filter(self, x: np.ndarray) -> np.ndarray:
        d = self._design
        x = np.asarray(x, dtype=np.float64).ravel()
        n = x.size
        if n == 0:
            return x.copy()
        blocks = -(-n // BLOCK)
        if n == blocks * BLOCK:
            grid = x.reshape(blocks, BLOCK)
        else:
            grid = np.zeros((blocks, BLOCK))
            grid.ravel()[:n] = x
        starts = d.recurrence.states(grid @ d.e, self.state)  # (blocks + 1, order): each block's start, then the end
        y = grid @ d.t
        y += starts[:-1] @ d.g
        y = y.ravel()
        if n == blocks * BLOCK:
            self.state = starts[-1]
        else:  # the last block is partial: its state after the n-th sample, from its start
            state, used = starts[-2], n - (blocks - 1) * BLOCK
            for sample in grid[-1, :used]:
                state = d.a @ state + d.b * sample
            self.state = state
        return y[:n]


class _Design:
    """What a set of sections needs for block-wise filtering, computed once per set (see `_design`)."""

    def __init__(self, sos: np.ndarray) -> None:
        # the cascade as one system s' = A s + b x, y = c s + d x (each section in transposed direct form II)
        a_m, b_v, c_v, d = np.zeros((0, 0)), np.zeros(0), np.zeros(0), 1.0
        for b0, b1, b2, _, a1, a2 in sos:
            a_s = np.array([[-a1, 1.0], [-a2, 0.0]])
            b_s = np.array([b1 - a1 * b0, b2 - a2 * b0])
            n = a_m.shape[0]
            grown = np.zeros((n + 2, n + 2))
            grown[:n, :n] = a_m
            grown[n:, :n] = np.outer(b_s, c_v)  # this section's input is the output so far
            grown[n:, n:] = a_s
            a_m, b_v, c_v, d = grown, np.concatenate([b_v, b_s * d]), np.concatenate([b0 * c_v, [1.0, 0.0]]), b0 * d
        self.order = a_m.shape[0]
        self.a, self.b = a_m, b_v
        powers = _powers(a_m)
        # impulse response h[0] = d, h[m] = c A^(m-1) b; T[k, i] = h[k - i] for k >= i
        h = np.array([d] + [c_v @ powers[m - 1] @ b_v for m in range(1, BLOCK)])
        k, i = np.indices((BLOCK, BLOCK))
        # transposed once here, so that each product in `filter` runs on contiguous operands
        self.t = np.ascontiguousarray(np.where(k >= i, h[np.clip(k - i, 0, BLOCK - 1)], 0.0).T)  # input -> output
        self.g = np.ascontiguousarray(np.array([c_v @ powers[k] for k in range(BLOCK)]).T)  # start state -> output
        self.e = np.array([powers[BLOCK - 1 - i] @ b_v for i in range(BLOCK)])  # input -> end state
        self.recurrence = _Recurrence(powers[BLOCK])  # from block start to block start


_DESIGNS: dict[tuple[bytes, tuple[int, ...]], _Design] = {}


def _design(sos: bytes, shape: tuple[int, ...]) -> _Design:
    if (sos, shape) not in _DESIGNS:
        _DESIGNS[sos, shape] = _Design(np.frombuffer(sos, dtype=np.float64).reshape(shape))
    return _DESIGNS[sos, shape]


def _powers(m: np.ndarray) -> list[np.ndarray]:
    powers = [np.eye(m.shape[0])]
    for _ in range(BLOCK):
        powers.append(m @ powers[-1])
    return powers


class _Recurrence:
    """s[0] = s0, s[j + 1] = m s[j] + u[j], solved by blocks of BLOCK steps, recursively (a block's start
    states are a recurrence of the same kind with m^BLOCK); the matrices of each level are made once."""

    def __init__(self, m: np.ndarray) -> None:
        self.m = m
        self.order = order = m.shape[0]
        powers = _powers(m)
        # within a block: s[k] = m^k s_start + sum_{i<k} m^(k-1-i) u[i]
        within = np.zeros((BLOCK * order, BLOCK * order))  # rows (k, a), columns (i, b)
        for k in range(1, BLOCK):
            for i in range(k):
                within[k * order:(k + 1) * order, i * order:(i + 1) * order] = powers[k - 1 - i]
        self.within = np.ascontiguousarray(within.T)
        self.to_end = np.ascontiguousarray(np.hstack([powers[BLOCK - 1 - i] for i in range(BLOCK)]).T)
        self.from_start = np.ascontiguousarray(np.vstack(powers[:BLOCK]).T)
        self.m_block = powers[BLOCK]
        self._next: _Recurrence | None = None

    def states(self, u: np.ndarray, s0: np.ndarray) -> np.ndarray:
        """All len(u) + 1 states."""
        steps, order = u.shape
        if steps <= _DIRECT_STEPS:
            out = np.empty((steps + 1, order))
            out[0] = s0
            for j in range(steps):
                out[j + 1] = self.m @ out[j] + u[j]
            return out
        if self._next is None:
            self._next = _Recurrence(self.m_block)
        blocks = -(-steps // BLOCK)
        if steps == blocks * BLOCK:
            grid = u.reshape(blocks, BLOCK * order)
        else:
            padded = np.zeros((blocks * BLOCK, order))
            padded[:steps] = u
            grid = padded.reshape(blocks, BLOCK * order)
        starts = self._next.states(grid @ self.to_end, s0)  # (blocks + 1, order)
        states = (starts[:-1] @ self.from_start + grid @ self.within).reshape(blocks * BLOCK, order)
        out = np.empty((steps + 1, order))
        out[:steps] = states[:steps]
        out[steps] = starts[-1] if steps == blocks * BLOCK else self.m @ states[steps - 1] + u[steps - 1]
        return out
