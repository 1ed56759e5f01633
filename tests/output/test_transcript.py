from __future__ import annotations

import re

import pytest

from articlecast.audio.timeline import ChapterMark, Placement, Timeline
from articlecast.output.transcript import MAX_CUE_LINES, MAX_LINE_CHARS, cue_chunks, split_sentences, to_vtt

CUE = re.compile(r"(\d+)\n(\d\d):(\d\d):(\d\d)\.(\d{3}) --> (\d\d):(\d\d):(\d\d)\.(\d{3})\n<v ([^>]+)>(.*(?:\n.*)?)")  # at most two lines


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


LONG = ("Die Genossenschaft, die im Jahr 2019 von vierzig Familien gegründet wurde, betreibt heute drei "
        "Photovoltaikanlagen auf Scheunendächern und einen Batteriespeicher, der den Strom für die Nacht aufbewahrt, "
        "sodass das Dorf an sonnigen Tagen mehr erzeugt, als es selbst verbraucht.")


def test_a_long_sentence_becomes_cues_of_at_most_two_lines_of_42_characters():
    vtt = to_vtt(_timeline(Placement("s1", "narrator", LONG, 0, 20_000)), language="de")
    blocks = [b.splitlines() for b in vtt.strip().split("\n\n")[1:]]
    texts = [[re.sub(r"^<v [^>]+>", "", line) for line in block[2:]] for block in blocks]
    assert len(texts) >= 3
    assert all(1 <= len(lines) <= MAX_CUE_LINES for lines in texts)
    assert max(len(line) for lines in texts for line in lines) <= MAX_LINE_CHARS
    assert " ".join(" ".join(lines) for lines in texts) == LONG  # every word, in order
    cues = _cues(vtt)
    assert cues[0][0] == 0 and cues[-1][1] == 20_000
    assert all(a[1] == b[0] for a, b in zip(cues, cues[1:], strict=False))  # back to back, in order
    lengths = [len(" ".join(t)) for t in texts]  # time follows the characters of each cue
    assert [c[1] - c[0] for c in cues] == pytest.approx([20_000 * n / sum(lengths) for n in lengths], abs=60)


def test_cue_chunks_keep_an_overlong_word_whole():
    word = "Donaudampfschifffahrtsgesellschaftskapitänsmützenhalterung"
    chunks = cue_chunks(f"Die {word} hängt am Haken.")
    lines = [line for chunk in chunks for line in chunk.split("\n")]
    assert word in lines  # on a line of its own, never cut
    assert all(len(line) <= MAX_LINE_CHARS for line in lines if line != word)
    assert all(chunk.count("\n") < MAX_CUE_LINES for chunk in chunks)
    assert " ".join(lines) == f"Die {word} hängt am Haken."
