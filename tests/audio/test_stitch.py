from __future__ import annotations

import subprocess
import tracemalloc
import wave
from dataclasses import replace
from itertools import pairwise

import numpy as np
import pytest
from episode_fixtures import SegmentAudio, episode, sample_parts, seg, speech_like, write_wav

from articlecast.audio.ffmpeg import ffmpeg_exe
from articlecast.audio.leveling import trim
from articlecast.audio.loudness import integrated_lufs
from articlecast.audio.stitch import JINGLE_GAP_MS, LEAD_IN_MS, LEVEL_LUFS, TAIL_MS, pause_ms, stitch
from articlecast.audio.timeline import RenderedSegment
from articlecast.errors import EngineError, InputError


def _pauses_ms(parts: list[SegmentAudio]) -> int:
    return sum(pause_ms(a.segment, b.segment) for a, b in pairwise(parts))


@pytest.mark.parametrize(("before", "after", "expected_ms"), [
    (seg("a", "title", "T"), seg("b", "byline", "Von X"), 1000),
    (seg("a", "byline", "Von X"), seg("b", "narration", "Text."), 1400),
    (seg("a", "narration", "Text."), seg("b", "heading", "Kapitel", chapter=1), 1700),
    (seg("a", "quote", "Ja.", "Anna"), seg("b", "heading", "Kapitel", chapter=1), 1700),
    (seg("a", "heading", "Kapitel"), seg("b", "narration", "Text."), 800),
    (seg("a", "narration", "Absatz eins."), seg("b", "narration", "Absatz zwei."), 750),
    (seg("a", "quote", "Erster Satz.", "Anna"), seg("b", "quote", "Zweiter Satz.", "Anna"), 450),
    (seg("a", "quote", "Ja.", "Anna"), seg("b", "narration", "sagt sie."), 450),
    (seg("a", "narration", "Sie sagt:"), seg("b", "quote", "Nein.", "Anna"), 450),
    (seg("a", "quote", "Ja.", "Anna"), seg("b", "quote", "Nein.", "Ben"), 450),
])
def test_pause_follows_the_structure(before, after, expected_ms):
    assert pause_ms(before, after) == expected_ms


def _sound_ms(rendered, segment_id: str) -> float:
    """A segment's length once the silence at its ends is trimmed (at its own rate)."""
    with wave.open(str(rendered[segment_id].wav_path), "rb") as w:
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        return 1000 * trim(x).size / w.getframerate()


def test_duration_is_segments_plus_pauses_and_placements_follow_in_order(tmp_path):
    parts = sample_parts()
    script, rendered = episode(tmp_path, parts)
    audio = stitch(script, rendered)
    sound_ms = [_sound_ms(rendered, p.segment.id) for p in parts]
    assert all(part.duration_ms - 130 < ms <= part.duration_ms for part, ms in zip(parts, sound_ms, strict=True))
    expected_ms = LEAD_IN_MS + sum(sound_ms) + _pauses_ms(parts) + TAIL_MS
    assert audio.duration_ms == pytest.approx(expected_ms, abs=len(parts))
    assert audio.timeline.duration_ms == pytest.approx(expected_ms, abs=len(parts))
    placements = audio.timeline.placements
    assert [p.segment_id for p in placements] == [p.segment.id for p in parts]
    for ms, placement in zip(sound_ms, placements, strict=True):
        assert placement.end_ms - placement.start_ms == pytest.approx(ms, abs=2)
    for (before, after), (placement, following) in zip(pairwise(parts), pairwise(placements), strict=True):
        assert following.start_ms - placement.end_ms == pytest.approx(pause_ms(before.segment, after.segment), abs=2)


def test_segments_are_audible_where_placed_and_silent_between(tmp_path):
    script, rendered = episode(tmp_path, sample_parts())
    audio = stitch(script, rendered)
    rate = audio.sample_rate_hz
    x = audio.samples.astype(np.float64)
    for placement, following in pairwise(audio.timeline.placements):
        inside = x[placement.start_ms * rate // 1000: placement.end_ms * rate // 1000]
        gap = x[(placement.end_ms + 5) * rate // 1000: (following.start_ms - 5) * rate // 1000]
        assert np.sqrt(np.mean(inside ** 2)) > 300
        assert np.abs(gap).max() == 0


def test_different_rates_are_joined_at_the_highest_and_voices_leveled(tmp_path):
    parts = [SegmentAudio(seg("s1", "narration", "Leise."), 1500, rate_hz=22050, level_dbfs=-35),
             SegmentAudio(seg("s2", "quote", "Laut!", "Anna"), 1500, rate_hz=24000, level_dbfs=-12)]
    script, rendered = episode(tmp_path, parts)
    audio = stitch(script, rendered)
    assert audio.sample_rate_hz == 24000
    assert audio.duration_ms == pytest.approx(LEAD_IN_MS + 3000 + _pauses_ms(parts) + TAIL_MS, rel=0.01)
    rate = audio.sample_rate_hz
    levels = [integrated_lufs(audio.samples[p.start_ms * rate // 1000:p.end_ms * rate // 1000], rate)
              for p in audio.timeline.placements]
    assert levels == [pytest.approx(LEVEL_LUFS, abs=0.5)] * 2


def test_chapters_start_at_zero_and_at_each_heading(tmp_path):
    script, rendered = episode(tmp_path, sample_parts(), title="Strom vom Scheunendach")
    audio = stitch(script, rendered)
    heading = next(p for p in audio.timeline.placements if p.segment_id == "s6")
    chapters = audio.timeline.chapters
    assert [c.title for c in chapters] == ["Strom vom Scheunendach", "Die Rechnung geht auf"]
    assert [c.start_ms for c in chapters] == [0, heading.start_ms]
    assert [c.end_ms for c in chapters] == [heading.start_ms, audio.timeline.duration_ms]


def test_without_intro_title_and_byline_are_left_out(tmp_path):
    parts = sample_parts()
    script, rendered = episode(tmp_path, parts)
    audio = stitch(script, rendered, intro=False)
    assert [p.segment_id for p in audio.timeline.placements] == ["s3", "s4", "s5", "s6", "s7", "s8"]
    body = parts[2:]
    expected_ms = LEAD_IN_MS + sum(_sound_ms(rendered, p.segment.id) for p in body) + _pauses_ms(body) + TAIL_MS
    assert audio.duration_ms == pytest.approx(expected_ms, abs=len(body))
    assert audio.timeline.chapters[0].start_ms == 0


def test_jingles_of_any_format_open_and_close_the_episode(tmp_path):
    jingle = tmp_path / "jingle.ogg"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "sine=frequency=660:duration=2",
                    "-ac", "2", "-ar", "44100", str(jingle)], check=True)
    parts = sample_parts()[:3]
    script, rendered = episode(tmp_path, parts)
    plain = stitch(script, rendered)
    framed = stitch(script, rendered, jingle_in=jingle, jingle_out=jingle)
    assert framed.duration_ms - plain.duration_ms == pytest.approx(2 * (2000 + JINGLE_GAP_MS), abs=60)
    first = framed.timeline.placements[0]
    assert first.start_ms == pytest.approx(LEAD_IN_MS + 2000 + JINGLE_GAP_MS, abs=60)
    rate = framed.sample_rate_hz
    tone = framed.samples[(LEAD_IN_MS + 500) * rate // 1000:(LEAD_IN_MS + 1500) * rate // 1000].astype(np.float64)
    spectrum = np.abs(np.fft.rfft(tone))
    assert np.fft.rfftfreq(tone.size, 1 / rate)[spectrum.argmax()] == pytest.approx(660, abs=2)


def test_a_jingle_that_is_not_audio_is_an_input_error(tmp_path):
    bogus = tmp_path / "jingle.mp3"
    bogus.write_text("not audio")
    script, rendered = episode(tmp_path, sample_parts()[:1])
    with pytest.raises(InputError, match="jingle"):
        stitch(script, rendered, jingle_in=bogus)


def test_a_segment_without_audio_is_an_engine_error_naming_it(tmp_path):
    script, rendered = episode(tmp_path, sample_parts())
    del rendered["s4"]
    with pytest.raises(EngineError, match="segment s4"):
        stitch(script, rendered)


def test_a_broken_wav_is_an_engine_error_naming_the_segment(tmp_path):
    script, rendered = episode(tmp_path, sample_parts())
    rendered["s5"].wav_path.write_bytes(b"RIFF garbage")
    with pytest.raises(EngineError, match="segment s5"):
        stitch(script, rendered)


def test_joining_holds_one_piece_at_a_time_not_the_episode(tmp_path):
    """Memory, not time: the episode goes to a temporary file as it is joined."""
    samples = speech_like(400, 22050)
    wav = write_wav(tmp_path / "one.wav", samples, 22050)
    segments = [seg(f"s{i}", "quote", "Satz.", "Anna") for i in range(300)]
    script, _ = episode(tmp_path, [SegmentAudio(segments[0])])
    script = replace(script, segments=tuple(segments))
    rendered = {s.id: RenderedSegment(s.id, wav, 400.0) for s in segments}
    tracemalloc.start()
    try:
        audio = stitch(script, rendered)
        _, peak_bytes = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    episode_bytes = audio.source.size * 2
    assert episode_bytes > 300 * samples.nbytes  # the episode is far larger than any one piece
    assert peak_bytes < 40 * samples.nbytes
    assert np.abs(audio.samples).max() > 1000  # and it is all there when read back


@pytest.mark.parametrize("rate_hz", [16000, 22050, 24000])
def test_a_single_segment_keeps_its_rate_and_content(tmp_path, rate_hz):
    samples = speech_like(1000, rate_hz)
    path = write_wav(tmp_path / "own.wav", samples, rate_hz)
    script, _ = episode(tmp_path, [SegmentAudio(seg("s1", "narration", "Text."))])
    audio = stitch(script, {"s1": RenderedSegment("s1", path, 1000.0)})
    assert audio.sample_rate_hz == rate_hz
    start = round(LEAD_IN_MS * rate_hz / 1000)
    sound = trim(samples).astype(np.float64)
    placed = audio.samples[start:start + sound.size].astype(np.float64)
    # the same waveform: leveled, its loud syllables gently compressed, its edges faded
    correlation = np.corrcoef(placed, sound)[0, 1]
    assert correlation > 0.95
