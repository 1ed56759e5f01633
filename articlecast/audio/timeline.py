"""Where each segment and chapter lands in the stitched episode, in milliseconds."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path


@dataclass(frozen=True)
class RenderedSegment:
    """A segment's synthesized audio: a mono 16-bit WAV file in the synthesis cache."""

    segment_id: str
    wav_path: Path
    duration_ms: float


@dataclass(frozen=True)
class Placement:
    """One synthesized segment inside the episode."""

    segment_id: str
    speaker: str
    text: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class ChapterMark:
    title: str
    start_ms: int
    end_ms: int


@dataclass(frozen=True)
class Timeline:
    placements: tuple[Placement, ...]
    chapters: tuple[ChapterMark, ...]
    duration_ms: int

    def moved(self, where_ms: Callable[[float], float], duration_ms: int) -> Timeline:
        """The same timeline after the audio was moved in time: `where_ms` maps old moments to new ones."""
        def at(ms: float) -> int:
            return round(where_ms(ms))

        placements = tuple(replace(p, start_ms=at(p.start_ms), end_ms=at(p.end_ms)) for p in self.placements)
        starts = [0 if c.start_ms == 0 else at(c.start_ms) for c in self.chapters]  # the episode opens chapter 0
        chapters = tuple(replace(c, start_ms=start, end_ms=end)
                         for c, start, end in zip(self.chapters, starts, [*starts[1:], duration_ms], strict=True))
        return Timeline(placements, chapters, duration_ms)
