from __future__ import annotations

import json

import pytest

from articlecast.audio.timeline import ChapterMark, Placement, Timeline
from articlecast.output.chapters import to_chapters_json


@pytest.mark.parametrize(("chapters", "expected"), [
    ((ChapterMark("Titel", 0, 61_234),), [{"startTime": 0.0, "endTime": 61.234, "title": "Titel"}]),
    ((ChapterMark("Strom", 0, 12_345), ChapterMark("Die Rechnung „geht“ auf", 12_345, 3_600_001)),
     [{"startTime": 0.0, "endTime": 12.345, "title": "Strom"},
      {"startTime": 12.345, "endTime": 3600.001, "title": "Die Rechnung „geht“ auf"}]),
])
def test_podcasting20_chapters(chapters, expected):
    timeline = Timeline((Placement("s1", "narrator", "x", 0, 10),), chapters, chapters[-1].end_ms)
    data = json.loads(to_chapters_json(timeline))
    assert data == {"version": "1.2.0", "chapters": expected}
