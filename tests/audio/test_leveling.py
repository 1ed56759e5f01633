"""Each segment as it is joined, measured on real espeak-ng speech: pauses, edges, level, compressor."""
from __future__ import annotations

import numpy as np
import pytest

from articlecast.audio import leveling
from articlecast.audio.dynamics import reduction_envelope
from articlecast.audio.engines.espeak import EspeakEngine
from articlecast.audio.leveling import (
    FADE_IN_MS,
    LEVEL_LUFS,
    SENTENCE_PAUSE_MS,
    SILENCE_LEVEL,
    compressor_gain,
    shape,
)
from articlecast.audio.loudness import integrated_lufs
from articlecast.audio.truepeak import true_peak
from articlecast.script.model import Voice

THREE_SENTENCES = ("Im Dorf erzeugen die Bürger seit fünf Jahren ihren eigenen Strom. Die Genossenschaft wächst "
                   "jedes Jahr um einige Dutzend Mitglieder. Im Herbst stimmen sie über einen Windpark ab.")


@pytest.fixture(scope="module")
def spoken() -> tuple[np.ndarray, int]:
    pcm = EspeakEngine().synthesize(THREE_SENTENCES, Voice("espeak", "de"), "de")
    return np.frombuffer(pcm.samples, dtype="<i2").astype(np.float32), pcm.sample_rate_hz


def _silences_ms(x: np.ndarray, rate_hz: int, longer_than_ms: float) -> list[float]:
    quiet = np.concatenate([[0], (np.abs(x) <= SILENCE_LEVEL).astype(np.int8), [0]])
    edges = np.flatnonzero(np.diff(quiet))
    lengths = (edges[1::2] - edges[0::2]) * 1000 / rate_hz
    return [float(ms) for ms in lengths if ms > longer_than_ms]


def _dbtp_over_lufs(x: np.ndarray, rate_hz: int) -> float:
    return 20 * np.log10(true_peak(x.astype(np.float32)) / 32768) - integrated_lufs(x, rate_hz)


def test_sentence_pauses_inside_a_segment_become_as_long_as_between_segments(spoken):
    x, rate = spoken
    before = _silences_ms(x, rate, 240)
    assert len(before) == 2 and all(ms < SENTENCE_PAUSE_MS - 50 for ms in before)  # espeak's own: about 300 ms
    shaped, _ = shape(x, rate)
    after = _silences_ms(shaped, rate, 240)
    assert after == [pytest.approx(SENTENCE_PAUSE_MS, abs=3)] * 2
    assert 400 <= SENTENCE_PAUSE_MS <= 500


def test_shorter_pauses_after_commas_are_kept(spoken):
    x, rate = spoken
    commas = sorted(_silences_ms(x, rate, 80))[:-2]  # all but the two sentence pauses
    shaped, _ = shape(x, rate)
    assert sorted(_silences_ms(shaped, rate, 80))[:-2] == pytest.approx(commas, abs=1)


def test_edges_are_trimmed_and_faded_in_and_out(spoken):
    x, rate = spoken
    hard = np.concatenate([np.full(rate // 10, 12000, np.float32) * np.sin(np.arange(rate // 10) * 0.3), x])
    shaped, _ = shape(hard, rate)
    assert abs(int(shaped[0])) <= SILENCE_LEVEL + 50 and abs(int(shaped[-1])) <= SILENCE_LEVEL + 50
    fade = round(FADE_IN_MS * rate / 1000)
    envelope = [np.abs(shaped[i * fade // 4:(i + 1) * fade // 4]).max() for i in range(4)]
    assert envelope == sorted(envelope)  # rises over the fade instead of starting at full level
    assert envelope[0] < 0.3 * np.abs(shaped[fade:2 * fade]).max()


def test_each_voice_ends_at_the_same_level_with_a_lower_peak_to_loudness_ratio():
    engine = EspeakEngine()
    for voice, gain in (("de", 1.0), ("de+f2", 0.1), ("de+m3", 3.0)):
        pcm = engine.synthesize(THREE_SENTENCES, Voice("espeak", voice), "de")
        rate = pcm.sample_rate_hz
        x = np.frombuffer(pcm.samples, dtype="<i2").astype(np.float32) * np.float32(gain / 3)
        shaped, (raw, compressed) = shape(x, rate)
        assert integrated_lufs(shaped, rate) == pytest.approx(LEVEL_LUFS, abs=0.3)
        assert raw == pytest.approx(integrated_lufs(leveling.trim(x), rate), abs=0.3)
        assert compressed < LEVEL_LUFS  # the compressor took some loudness, the make-up gain gave it back
        assert _dbtp_over_lufs(shaped, rate) <= _dbtp_over_lufs(x, rate) - 2.0


def test_the_compressor_is_bounded_and_leaves_quiet_speech_alone(spoken):
    x, rate = spoken
    x = x * np.float32(10 ** ((LEVEL_LUFS - integrated_lufs(x, rate)) / 20))
    gain_db = -20 * np.log10(compressor_gain(x, rate, LEVEL_LUFS))
    assert gain_db.min() >= 0
    # loud syllables come down by a few dB, the loudest by more, nothing is crushed (measured: median 6, max 15)
    assert np.median(gain_db[np.abs(x) > 100]) < 8
    assert gain_db.max() < 18
    quiet = x * np.float32(10 ** (-30 / 20))  # 30 dB down: below the threshold and its knee
    assert np.abs(compressor_gain(quiet, rate, LEVEL_LUFS) - 1).max() < 1e-3


def test_reduction_envelope_holds_attacks_before_and_releases_after():
    needed = np.zeros(2000)
    needed[1000] = 3.0
    curve = reduction_envelope(needed, hold=5, attack=10, release=200)
    assert curve[995:1006].min() == pytest.approx(3.0)  # the whole hold at the needed depth
    assert curve[960] < 0.1 < curve[990]  # a short look-ahead before
    # after: 1/e of the depth one release time constant later, nothing left after four
    assert curve[1005 + 200] == pytest.approx(3.0 / np.e, rel=0.01)
    assert curve[1005 + 801:].max() == 0.0
    assert (curve >= needed).all()
