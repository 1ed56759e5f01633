from __future__ import annotations

import re

import pytest

from articlecast.audio.timeline import ChapterMark, Placement, Timeline
from articlecast.output.transcript import split_sentences, to_vtt

CUE = re.compile(r"(\d+)\n(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})\n<v ([^>]+)>(.*)")


def _cues(vtt: str) -> list[tuple[int, int, str, str]]:
    """(start_ms, end_ms, voice, text) of every cue, parsed strictly."""
    header, *blocks = vtt.strip().split("\n\n")
    assert header == "WEBVTT"
    cues = []
    for block in blocks:
        m = CUE.fullmatch(block)
        assert m, block
        h1, m1, s1, ms1, h2, m2, s2, ms2 = (int(g) for g in m.groups()[1:9])
        cues.append((((h1 * 60 + m1) * 60 + s1) * 1000 + ms1, ((h2 * 60 + m2) * 60 + s2) * 1000 + ms2,
                     m.group(10), m.group(11)))
    return cues


def _timeline(*placements: Placement, chapters: tuple[ChapterMark, ...] = ()) -> Timeline:
    end = placements[-1].end_ms + 1000
    return Timeline(placements, chapters or (ChapterMark("T", 0, end),), end)


@pytest.mark.parametrize(("text", "sentences"), [
    ("Eins. Zwei! Drei?", ["Eins.", "Zwei!", "Drei?"]),
    ("Dr. Weber kam am 3. Oktober. Er blieb.", ["Dr. Weber kam am 3. Oktober.", "Er blieb."]),
    ("Das gilt z. B. für Kühe. Und Schafe.", ["Das gilt z. B. für Kühe.", "Und Schafe."]),
    ("„Wir bleiben“, sagt er. „Immer.“ Dann ging er.", ["„Wir bleiben“, sagt er.", "„Immer.“", "Dann ging er."]),
    ("Mr. Smith met J. Doe... Then left.", ["Mr. Smith met J. Doe...", "Then left."]),
    ("Ohne Punkt am Ende", ["Ohne Punkt am Ende"]),
])
def test_sentences(text, sentences):
    assert split_sentences(text) == sentences


def test_cues_split_segment_time_by_characters_with_voices():
    timeline = _timeline(Placement("s1", "narrator", "Kurz. Ein viel längerer Satz hier.", 1000, 4500),
                         Placement("s2", "Sören Schwertfeger", "Das stimmt.", 5000, 6000))
    cues = _cues(to_vtt(timeline, language="de"))
    short, long_ = len("Kurz."), len("Ein viel längerer Satz hier.")
    split_ms = 1000 + round(3500 * short / (short + long_))
    assert cues == [(0, split_ms, "Erzähler", "Kurz."),  # the first cue opens chapter 0 at 0 ms
                    (split_ms, 4500, "Erzähler", "Ein viel längerer Satz hier."),
                    (5000, 6000, "Sören Schwertfeger", "Das stimmt.")]


@pytest.mark.parametrize(("language", "speaker", "label"), [
    ("en", "narrator", "Narrator"), ("de", "narrator", "Erzähler"),
    ("en", "unknown", "Unknown speaker"), ("de", "unknown", "Unbekannt"), ("de", "Anna Berg", "Anna Berg"),
])
def test_voice_labels(language, speaker, label):
    cues = _cues(to_vtt(_timeline(Placement("s1", speaker, "Hallo.", 0, 900)), language=language))
    assert cues[0][2] == label


def test_markup_characters_are_escaped():
    timeline = _timeline(Placement("s1", "A <b> & Co", "x < y && y > z --> ok.", 0, 900))
    vtt = to_vtt(timeline)
    assert "<v A &lt;b&gt; &amp; Co>x &lt; y &amp;&amp; y &gt; z --&gt; ok." in vtt
    assert vtt.count("-->") == 1


def test_every_chapter_starts_with_a_cue():
    placements = (Placement("s1", "narrator", "Titel", 900, 2000),
                  Placement("s2", "narrator", "Text. Mehr.", 3000, 6000),
                  Placement("s3", "narrator", "Kapitel zwei", 7700, 8600),
                  Placement("s4", "Ina", "Ja.", 9400, 10000))
    chapters = (ChapterMark("Titel", 0, 7700), ChapterMark("Kapitel zwei", 7700, 11000))
    starts = {c[0] for c in _cues(to_vtt(_timeline(*placements, chapters=chapters)))}
    assert {0, 7700} <= starts
