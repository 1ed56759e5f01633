"""A real (short) episode from espeak speech: stitched, mastered, encoded, tagged, transcribed."""
from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import date

import numpy as np
import pytest
from episode_fixtures import ebur128, seg, write_wav
from mutagen.id3 import ID3
from mutagen.mp3 import MP3

from articlecast.audio.encode import encode_mp3
from articlecast.audio.master import master
from articlecast.audio.stitch import stitch
from articlecast.audio.timeline import RenderedSegment
from articlecast.output.chapters import to_chapters_json
from articlecast.output.cover import generate_cover
from articlecast.output.tags import EpisodeTags, write_tags
from articlecast.output.transcript import to_vtt
from articlecast.script.model import CastMember, Script, Voice

SEGMENTS = [
    seg("s1", "title", "Strom vom Scheunendach"),
    seg("s2", "byline", "Von Hanna Mertens"),
    seg("s3", "narration", "Im Dorf erzeugen die Bürger seit fünf Jahren ihren eigenen Strom."),
    seg("s4", "quote", "Vor fünf Jahren hätte ich das nicht geglaubt.", "Klaus Rehberg"),
    seg("s5", "narration", "sagt der Landwirt."),
    seg("s6", "heading", "Die Rechnung geht auf", chapter=1),
    seg("s7", "narration", "Die Genossenschaft hat dreihundert Mitglieder. Sie plant einen Windpark.", chapter=1),
    seg("s8", "heading", "Wie es weitergeht", chapter=2),
    seg("s9", "quote", "Wir fangen gerade erst an.", "Klaus Rehberg", chapter=2),
]
VOICES = {"narrator": Voice("espeak", "de"), "Klaus Rehberg": Voice("espeak", "de+m3")}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    espeak = pytest.importorskip("articlecast.audio.engines.espeak")
    engine = espeak.EspeakEngine()
    folder = tmp_path_factory.mktemp("episode")
    rendered = {}
    for s in SEGMENTS:
        pcm = engine.synthesize(s.text, VOICES[s.speaker], "de")
        path = write_wav(folder / f"{s.id}.wav", np.frombuffer(pcm.samples, dtype="<i2"), pcm.sample_rate_hz)
        rendered[s.id] = RenderedSegment(s.id, path, pcm.duration_ms)
    script = Script("Strom vom Scheunendach", "Hanna Mertens", "de", "https://example.org/strom",
                    {name: CastMember(name, voice=voice) for name, voice in VOICES.items()}, tuple(SEGMENTS))
    stitched = stitch(script, rendered)
    encoded = encode_mp3(master(stitched), folder / "episode.mp3")
    # as the pipeline does: the timeline follows the sound as the MP3 plays it
    timeline = stitched.timeline.moved(encoded.plan.shifted_ms, round(encoded.plan.duration_ms))
    tags = EpisodeTags(script.title, "Hanna Mertens", "Artikel zum Hören", date(2024, 5, 17), script.source, "de")
    write_tags(encoded.path, tags, timeline.chapters, generate_cover(script.title, tags.show))
    return (replace(stitched, timeline=timeline), encoded.path, to_vtt(timeline, language="de"),
            to_chapters_json(timeline))


def test_episode_meets_the_podcast_loudness_standard(built):
    _, mp3, _, _ = built
    measured = ebur128(mp3)
    assert measured.integrated_lufs == pytest.approx(-16.0, abs=1.0)
    assert measured.true_peak_dbtp <= -1.0
    assert (measured.rate_hz, measured.layout) == (44100, "mono")


def test_mp3_lasts_as_long_as_the_timeline(built):
    stitched, mp3, _, _ = built
    assert MP3(mp3).info.length * 1000 == pytest.approx(stitched.timeline.duration_ms, rel=0.01)


def test_chap_frames_equal_the_chapters_and_start_with_vtt_cues(built):
    stitched, mp3, vtt, chapters_json = built
    chaps = sorted(ID3(mp3).getall("CHAP"), key=lambda c: c.start_time)
    assert [(str(c.sub_frames["TIT2"]), c.start_time, c.end_time) for c in chaps] == \
        [(c.title, c.start_ms, c.end_ms) for c in stitched.timeline.chapters]
    assert [str(c.sub_frames["TIT2"]) for c in chaps] == ["Strom vom Scheunendach", "Die Rechnung geht auf",
                                                          "Wie es weitergeht"]
    cue_starts_ms = [_ms(m) for m in re.findall(r"^(\d\d:\d\d:\d\d\.\d{3}) -->", vtt, flags=re.M)]
    for chap in chaps:
        assert min(abs(chap.start_time - cue) for cue in cue_starts_ms) <= 50
    json_starts = [c["startTime"] for c in json.loads(chapters_json)["chapters"]]
    assert json_starts == pytest.approx([c.start_time / 1000 for c in chaps], abs=0.05)


def test_transcript_gives_each_voice_its_name(built):
    _, _, vtt, _ = built
    vtt = re.sub(r"(?<=[^\n])\n(?=[^\n<\d])", " ", vtt)  # a cue's two lines read as one
    assert "<v Klaus Rehberg>Vor fünf Jahren hätte ich das nicht geglaubt." in vtt
    assert "<v Erzähler>Die Genossenschaft hat dreihundert Mitglieder." in vtt
    assert "<v Erzähler>Sie plant einen Windpark." in vtt


def _ms(stamp: str) -> int:
    h, m, s = stamp.split(":")
    return round((int(h) * 3600 + int(m) * 60 + float(s)) * 1000)
