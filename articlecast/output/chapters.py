"""Podcasting 2.0 JSON chapters (podcast:chapters, https://github.com/Podcastindex-org/podcast-namespace)."""
from __future__ import annotations

import json

from articlecast.audio.timeline import Timeline

CHAPTERS_VERSION = "1.2.0"


def to_chapters_json(timeline: Timeline) -> str:
    chapters = [{"startTime": round(c.start_ms / 1000, 3), "endTime": round(c.end_ms / 1000, 3), "title": c.title}
                for c in timeline.chapters]
    return json.dumps({"version": CHAPTERS_VERSION, "chapters": chapters}, ensure_ascii=False, indent=2) + "\n"
