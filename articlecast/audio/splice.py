"""Cutting an episode into parts that separate LAME encoders can work on at once, joined seamlessly.

Encoding is the longest step of a build and LAME uses one core. Each part is encoded on its own
and the MP3 frames are concatenated. A decoder then plays every part after the whole frames of the
parts before it, so a part must start exactly where that puts it: each cut is made inside a pause,
and the next part starts as much later as the previous part's frames are longer than its audio.
The samples skipped are silence. The arithmetic is LAME's (and checked by the tests, which decode
the joined file): n samples at 44.1 kHz become ceil(n / 1152) + 1 frames of 1152 samples, and
the first sample is heard 1105 samples into the stream.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

MP3_RATE_HZ = 44100
MP3_FRAME_SAMPLES = 1152
LAME_DELAY_SAMPLES = 1105  # encoder look-ahead (576) + decoder delay (529), as a decoder without a LAME tag plays it
MIN_PART_S = 60.0  # shorter episodes are encoded in one piece: splitting would save too little
CUT_MARGIN_MS = 20.0  # distance kept from speech on either side of a cut
SEARCH_S = 30.0  # how far from the ideal cut to look for a pause


@dataclass(frozen=True)
class Part:
    """Source samples [start, stop) encoded as one run of MP3 frames."""

    start: int
    stop: int


def decoded_samples(samples_44k: int) -> int:
    """How many samples LAME's frames for `samples_44k` input samples decode to."""
    return (math.ceil(samples_44k / MP3_FRAME_SAMPLES) + 1) * MP3_FRAME_SAMPLES


def plan_parts(samples: np.ndarray, rate_hz: int, parts: int) -> list[Part]:
    """Up to `parts` parts, cut in pauses; a single part when the rate or the audio does not allow more."""
    total = samples.size
    if parts < 2 or rate_hz <= 0 or MP3_RATE_HZ % rate_hz or total < MIN_PART_S * rate_hz * 2:
        return [Part(0, total)]
    factor = MP3_RATE_HZ // rate_hz  # 1, 2 or 4: whole 44.1 kHz samples per source sample
    margin = round(CUT_MARGIN_MS / 1000 * rate_hz)
    cuts: list[Part] = []
    start = 0
    for k in range(1, min(parts, int(total / (MIN_PART_S * rate_hz)))):
        pause = _pause_near(samples, k * total // parts, round(SEARCH_S * rate_hz), min_length=4 * margin + 2304 // factor)
        if pause is None or pause[0] + margin <= start:
            continue
        stop = pause[0] + margin
        following = start + decoded_samples((stop - start) * factor) // factor
        if following + margin > pause[1]:
            continue
        cuts.append(Part(start, stop))
        start = following
    return cuts + [Part(start, total)]


def _pause_near(samples: np.ndarray, target: int, reach: int, *, min_length: int) -> tuple[int, int] | None:
    """The run of digital silence of at least `min_length` samples whose middle is nearest `target`."""
    lo, hi = max(0, target - reach), min(samples.size, target + reach)
    silent = np.concatenate(([False], samples[lo:hi] == 0, [False]))
    edges = np.flatnonzero(np.diff(silent.astype(np.int8)))
    starts, ends = edges[0::2] + lo, edges[1::2] + lo
    long_enough = (ends - starts) >= min_length
    if not long_enough.any():
        return None
    starts, ends = starts[long_enough], ends[long_enough]
    best = int(np.argmin(np.abs((starts + ends) // 2 - target)))
    return int(starts[best]), int(ends[best])
