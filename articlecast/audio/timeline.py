"""Where each segment and chapter lands in the stitched episode, in milliseconds."""
from __future__ import annotations

from dataclasses import dataclass


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
