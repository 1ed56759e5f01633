"""An episode as independently encoded parts: parallel encoding, and re-encoding only what changed.

Encoding is the longest step of a build, and LAME uses one core. The episode is cut into parts
inside pauses; each part is encoded on its own (side by side, one per core), and the parts' MP3
frames are joined into one stream. A part's MP3 depends only on its own samples, so it is cached:
after an edit, only the parts that sound different are encoded again.

Cuts are chosen by content (a pause whose preceding sound hashes to a chosen residue), like
content-defined chunking: an edit moves every later sample, but the cuts after it land on the
same pauses again, so the parts there are the same and come from the cache.

LAME's arithmetic (checked by the tests, which decode the joined file): n samples at 44.1 kHz,
padded with silence to a whole number of 1152-sample frames, become n / 1152 + 1 frames, and a
decoder without a LAME tag plays the first sample 1105 samples into its part. So every part adds
a little silence (under 53 ms, inside a pause) and the whole episode starts 25 ms late; `PartPlan`
says exactly where each part lands, so chapters and transcript follow the real audio.
"""
from __future__ import annotations

import math
import zlib
from dataclasses import dataclass

import numpy as np

from articlecast.config import MP3_BITRATES_KBPS

MP3_RATE_HZ = 44100
MP3_FRAME_SAMPLES = 1152
LAME_DELAY_SAMPLES = 1105  # encoder look-ahead (576) + decoder delay (529)
MIN_PART_S = 20.0
MAX_PART_S = 180.0
CUT_EVERY = 12  # on average every 12th long-enough pause is a cut: parts of about a minute of speech
CUT_MARGIN_MS = 20.0  # distance kept from sound on either side of a cut
MIN_PAUSE_MS = 120.0
HASHED_SAMPLES = 4096  # the sound before a pause that decides whether it is a cut
SCAN_BLOCK_SAMPLES = 1 << 22


@dataclass(frozen=True)
class Part:
    """Source samples [start, stop), encoded as one run of MP3 frames of `padded_44k` samples."""

    start: int
    stop: int
    padded_44k: int  # the part's length at 44.1 kHz, padded with silence to whole frames
    output_start_44k: int  # where the part's first frame begins in the joined stream

    @property
    def decoded_44k(self) -> int:
        return decoded_samples(self.padded_44k)


@dataclass(frozen=True)
class PartPlan:
    rate_hz: int
    parts: tuple[Part, ...]

    @property
    def duration_ms(self) -> float:
        last = self.parts[-1]
        return 1000.0 * (last.output_start_44k + last.decoded_44k) / MP3_RATE_HZ

    def shifted_ms(self, time_ms: float) -> float:
        """Where a moment of the stitched audio is heard in the encoded MP3."""
        sample = time_ms * self.rate_hz / 1000
        part = next((p for p in reversed(self.parts) if p.start <= sample), self.parts[0])
        shift_44k = part.output_start_44k + LAME_DELAY_SAMPLES - part.start * MP3_RATE_HZ / self.rate_hz
        return time_ms + 1000.0 * shift_44k / MP3_RATE_HZ


def decoded_samples(samples_44k: int) -> int:
    """How many samples LAME's frames for `samples_44k` input samples decode to."""
    return (math.ceil(samples_44k / MP3_FRAME_SAMPLES) + 1) * MP3_FRAME_SAMPLES


def plan_parts(samples: np.ndarray, rate_hz: int) -> PartPlan:
    """Cut `samples` into parts at content-chosen pauses (one part for short audio)."""
    if rate_hz <= 0:  # nothing to plan; ffmpeg will refuse such audio with its own message
        return PartPlan(rate_hz, (Part(0, samples.size, MP3_FRAME_SAMPLES, 0),))
    step = rate_hz // math.gcd(rate_hz, MP3_RATE_HZ)  # cuts at multiples of it: whole samples at 44.1 kHz
    margin = round(CUT_MARGIN_MS / 1000 * rate_hz)
    min_part, max_part = MIN_PART_S * rate_hz, MAX_PART_S * rate_hz
    cuts, last = [], 0
    for start, stop in _pauses(samples, round(MIN_PAUSE_MS / 1000 * rate_hz) + 2 * margin):
        cut = -(-(start + margin) // step) * step
        if cut + margin > stop or cut - last < min_part or samples.size - cut < min_part:
            continue
        chosen = zlib.crc32(samples[max(0, start - HASHED_SAMPLES):start].tobytes()) % CUT_EVERY == 0
        if chosen or cut - last >= max_part:
            cuts.append(cut)
            last = cut
    parts, output = [], 0
    for start, stop in zip([0, *cuts], [*cuts, samples.size], strict=True):
        length_44k = (stop - start) * MP3_RATE_HZ // rate_hz
        padded = max(1, math.ceil(length_44k / MP3_FRAME_SAMPLES)) * MP3_FRAME_SAMPLES
        parts.append(Part(start, stop, padded, output))
        output += parts[-1].decoded_44k
    return PartPlan(rate_hz, tuple(parts))


def _pauses(samples: np.ndarray, min_length: int) -> list[tuple[int, int]]:
    """Runs of digital silence of at least `min_length` samples, as (start, stop).

    Scanned in blocks: a boolean copy of an hour-long episode would cost as much memory as the episode.
    """
    edges, silent_before = [], False
    for lo in range(0, samples.size, SCAN_BLOCK_SAMPLES):
        silent = samples[lo:lo + SCAN_BLOCK_SAMPLES] == 0
        changes = np.flatnonzero(silent[1:] != silent[:-1]) + 1 + lo
        if bool(silent[0]) != silent_before:
            changes = np.concatenate(([lo], changes))
        edges.append(changes)
        silent_before = bool(silent[-1])
    if silent_before:
        edges.append(np.array([samples.size]))
    flat = np.concatenate(edges) if edges else np.array([], dtype=np.int64)
    starts, stops = flat[0::2], flat[1::2]
    keep = (stops - starts) >= min_length
    return list(zip(starts[keep].tolist(), stops[keep].tolist(), strict=True))


MPEG1_LAYER3_BITRATES_KBPS = MP3_BITRATES_KBPS  # one table (config checks settings against it); index 1..14
_XING_OFFSET = 4 + 17  # frame header + side information of an MPEG-1 mono frame


def info_frame(bitrate_kbps: int, frames: int, total_bytes: int) -> bytes:
    """A Xing "Info" frame for a CBR stream: players read the frame count for the duration, and the
    frame itself is skipped when decoding (it carries no LAME delay fields, so nothing is trimmed)."""
    header = bytes([0xFF, 0xFB, (MPEG1_LAYER3_BITRATES_KBPS.index(bitrate_kbps) + 1) << 4, 0xC4])
    size = 144 * bitrate_kbps * 1000 // MP3_RATE_HZ
    tag = b"Info" + (3).to_bytes(4, "big") + frames.to_bytes(4, "big") + (total_bytes + size).to_bytes(4, "big")
    return (header + bytes(_XING_OFFSET - 4) + tag).ljust(size, b"\0")
