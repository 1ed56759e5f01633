"""Where each segment and chapter lands in the stitched episode, in milliseconds."""
from __future__ import annotations

from dataclasses import dataclass
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
