import os
import signal
import subprocess
import sys
import textwrap
from dataclasses import replace
from pathlib import Path

import pytest
from audio_measure import read_wav, rms_dbfs

from articlecast.audio.cache import SegmentCache
from articlecast.audio.casting import assign_voices
from articlecast.audio.engines.espeak import EspeakEngine
from articlecast.audio.synth import synthesize_script
from articlecast.errors import ArticlecastError, EngineError
from articlecast.script.model import NARRATOR, CastMember, Script, Segment, Voice

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "samples" / "energiegenossenschaft-de.txt"


def sample_script(paragraphs: int = 6) -> Script:
    """The project's German sample: its paragraphs read by the narrator, every third one quoted by Klaus Rehberg."""
    lines = [line for line in SAMPLE.read_text(encoding="utf-8").splitlines() if len(line) > 60][:paragraphs]
    segments = tuple(Segment(f"s{i:03d}", "quote" if i % 3 == 2 else "narration",
                             "Klaus Rehberg" if i % 3 == 2 else NARRATOR, line) for i, line in enumerate(lines))
    cast = {NARRATOR: CastMember(NARRATOR), "Klaus Rehberg": CastMember("Klaus Rehberg", "male")}
    return assign_voices(Script("Strom vom Scheunendach", "Hanna Mertens", "de", str(SAMPLE), cast, segments),
                         EspeakEngine())


class Wrapped:
    """The real espeak engine with a hook before each call: to fail, interrupt or record on purpose."""

    name, parallelism = "espeak", "thread"
    switches_language = True  # as espeak itself: marked foreign words reach it (audio/markup.py)

    def __init__(self, before=lambda text: None):
        self.inner, self.before, self.texts = EspeakEngine(), before, []

    @property
    def version(self):
        return self.inner.version

    def voices(self, language):
        return self.inner.voices(language)

    def synthesize(self, text, voice, language):
        self.texts.append(text)
        self.before(text)
        return self.inner.synthesize(text, voice, language)


def entries_are_consistent(cache_dir: Path) -> list[Path]:
    """Every file in the cache is a complete, checksummed entry; no temporary files are left."""
    files = [p for p in cache_dir.rglob("*") if p.is_file()]
    assert not [p for p in files if p.name.endswith(".part")]
    cache = SegmentCache(cache_dir)
    assert all(cache.load(p.stem) is not None for p in files)
    return files


@pytest.fixture(scope="module")
def script() -> Script:
    return sample_script()


def test_every_segment_becomes_audible_speech_in_worker_processes(script, tmp_path):
    result = synthesize_script(script, cache_dir=tmp_path, workers=2)
    assert (result.synthesized, result.cached) == (len(script.segments), 0)
    assert set(result.rendered) == {s.id for s in script.segments}
    for segment in script.segments:
        rendered = result.rendered[segment.id]
        pcm = read_wav(rendered.wav_path)
        assert pcm.duration_ms == pytest.approx(rendered.duration_ms)
        assert rms_dbfs(pcm) > -35
        assert 1.0 < len(segment.text.split()) / (pcm.duration_ms / 1000) < 4.5


def test_rebuilding_synthesizes_only_what_changed(script, tmp_path):
    synthesize_script(script, cache_dir=tmp_path, workers=2)
    again = synthesize_script(script, cache_dir=tmp_path, workers=2)
    assert (again.synthesized, again.cached) == (0, len(script.segments))

    edited = replace(script, segments=tuple(replace(s, text=s.text + " Das ist neu.") if s.id == "s003" else s
                                            for s in script.segments))
    after_edit = synthesize_script(edited, cache_dir=tmp_path, workers=2)
    assert after_edit.synthesized == 1
    assert after_edit.rendered["s003"].wav_path != again.rendered["s003"].wav_path
    assert after_edit.rendered["s000"] == again.rendered["s000"]


def test_a_new_voice_or_pronunciation_redoes_the_segments_it_touches(script, tmp_path):
    synthesize_script(script, cache_dir=tmp_path, workers=1)
    quotes = sum(s.speaker == "Klaus Rehberg" for s in script.segments)
    revoiced = script.with_voices({"Klaus Rehberg": Voice("espeak", "de+m7", pitch=0.9)})
    assert synthesize_script(revoiced, cache_dir=tmp_path, workers=1).synthesized == quotes
    word = script.segments[0].text.split()[1]
    relexed = replace(script, lexicon={word: "Bla"})
    assert synthesize_script(relexed, cache_dir=tmp_path, workers=1).synthesized == \
        sum(word in s.text.split() for s in script.segments)


def test_text_is_made_speakable_before_synthesis(tmp_path):
    engine = Wrapped()
    script = replace(sample_script(1), segments=(Segment("s000", "narration", NARRATOR, "Es kostet 1,5 Mio. Euro."),),
                     lexicon={"kostet": "kostete"})
    synthesize_script(script, engine_for=lambda name: engine, cache_dir=tmp_path)
    assert engine.texts == ["Es kostete eins Komma fünf Millionen Euro."]


def test_a_damaged_entry_is_synthesized_again(script, tmp_path):
    first = synthesize_script(script, cache_dir=tmp_path, workers=2)
    damaged = first.rendered["s001"].wav_path
    damaged.write_bytes(damaged.read_bytes()[:-100])
    again = synthesize_script(script, cache_dir=tmp_path, workers=2)
    assert (again.synthesized, again.cached) == (1, len(script.segments) - 1)
    assert read_wav(damaged).duration_ms == pytest.approx(first.rendered["s001"].duration_ms, rel=0.01)


def test_equal_segments_are_synthesized_once(tmp_path):
    engine = Wrapped()
    base = sample_script(2)
    twice = replace(base, segments=base.segments + (replace(base.segments[0], id="s099"),))
    result = synthesize_script(twice, engine_for=lambda name: engine, cache_dir=tmp_path, workers=2)
    assert len(engine.texts) == 2 and len(result.rendered) == 3
    assert result.rendered["s099"].wav_path == result.rendered["s000"].wav_path


def test_progress_counts_up_to_the_number_of_segments(script, tmp_path):
    seen = []
    synthesize_script(script, cache_dir=tmp_path, workers=2, on_progress=lambda done, total: seen.append((done, total)))
    assert seen[0] == (0, len(script.segments)) and seen[-1] == (len(script.segments),) * 2
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_failing_segment_is_named_and_the_finished_ones_stay_cached(script, tmp_path):
    bad = script.segments[4]

    def fail_on_bad(text):
        if text.startswith(bad.text[:20]):
            raise EngineError("the synthesizer choked")

    with pytest.raises(EngineError) as caught:
        synthesize_script(script, engine_for=lambda name: Wrapped(fail_on_bad), cache_dir=tmp_path, workers=2)
    assert str(caught.value) == f"segment {bad.id}: the synthesizer choked"
    kept = entries_are_consistent(tmp_path)
    assert 1 <= len(kept) < len(script.segments)  # finished ones stay, pending ones were dropped
    resumed = synthesize_script(script, cache_dir=tmp_path, workers=2)
    assert (resumed.cached, resumed.synthesized) == (len(kept), len(script.segments) - len(kept))


def test_a_crashing_plugin_engine_becomes_a_one_line_engine_error(script, tmp_path):
    def crash(text):
        raise ValueError("index out of range\nwith a second line")

    with pytest.raises(EngineError) as caught:
        synthesize_script(script, engine_for=lambda name: Wrapped(crash), cache_dir=tmp_path, workers=1)
    assert isinstance(caught.value, ArticlecastError)
    assert str(caught.value).startswith("segment s00") and "ValueError" in str(caught.value)


@pytest.mark.parametrize("workers", [1, 2])
def test_ctrl_c_keeps_finished_segments_and_leaves_no_partial_files(script, tmp_path, workers):
    calls = []

    def interrupt_third(text):
        calls.append(text)
        if len(calls) == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        synthesize_script(script, engine_for=lambda name: Wrapped(interrupt_third), cache_dir=tmp_path, workers=workers)
    kept = entries_are_consistent(tmp_path)
    assert 2 <= len(kept) < len(script.segments)
    resumed = synthesize_script(script, cache_dir=tmp_path, workers=workers)
    assert (resumed.cached, resumed.synthesized) == (len(kept), len(script.segments) - len(kept))


def long_script() -> Script:
    """Eight segments long enough (a few seconds of speech each) that Ctrl-C lands while work is pending."""
    script = sample_script(8)
    return replace(script, segments=tuple(replace(s, text=(s.text + " ") * 6) for s in script.segments))


def test_ctrl_c_while_reporting_progress_cancels_the_pending_segments(tmp_path):
    def interrupt_after_first(done, total):
        if done >= 1:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        synthesize_script(long_script(), cache_dir=tmp_path, workers=2, on_progress=interrupt_after_first)
    # the finished one, the ones running and the one the pool had queued: not all eight
    assert 1 <= len(entries_are_consistent(tmp_path)) <= 4


def test_ctrl_c_from_the_terminal_stops_worker_processes_cleanly(tmp_path):
    """SIGINT to the whole process group, as a terminal sends it, while worker processes synthesize."""
    program = textwrap.dedent(f"""
        import sys
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_synth import long_script
        from articlecast.audio.synth import synthesize_script
        script = long_script()
        def report(done, total):
            print(done, flush=True)
        try:
            synthesize_script(script, cache_dir=sys.argv[1], workers=2, on_progress=report)
        except KeyboardInterrupt:
            print("interrupted", flush=True)
            sys.exit(130)
        print("finished", flush=True)
    """)
    proc = subprocess.Popen([sys.executable, "-c", program, str(tmp_path)], stdout=subprocess.PIPE, text=True,
                            start_new_session=True)
    assert proc.stdout.readline().strip() == "0"  # the workers are starting
    assert int(proc.stdout.readline()) >= 1  # a first segment is done
    os.killpg(proc.pid, signal.SIGINT)
    try:
        rest, _ = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:  # a hang must fail the test, not the whole test run
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("Ctrl-C left synthesis hanging")
    assert proc.returncode == 130, rest
    assert rest.strip().endswith("interrupted")
    kept = entries_are_consistent(tmp_path)
    assert 1 <= len(kept) < 8


def test_a_speaker_without_a_voice_is_named(script, tmp_path):
    silent = replace(script, cast={**script.cast, "Klaus Rehberg": CastMember("Klaus Rehberg")})
    with pytest.raises(EngineError, match="segment s002: speaker 'Klaus Rehberg' has no voice"):
        synthesize_script(silent, cache_dir=tmp_path)


def test_a_voice_of_an_unknown_engine_is_an_engine_error(script, tmp_path):
    odd = script.with_voices({NARRATOR: Voice("festival", "kal")})
    with pytest.raises(EngineError, match="unknown engine 'festival'"):
        synthesize_script(odd, cache_dir=tmp_path)
