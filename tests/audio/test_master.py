from __future__ import annotations

import numpy as np
import pyloudnorm
import pytest
from episode_fixtures import speech_like
from scipy import signal

from articlecast.audio import master as master_module
from articlecast.audio.engines.base import Pcm
from articlecast.audio.loudness import LoudnessMeter, integrated_lufs
from articlecast.audio.master import ENCODE_MARGIN_DB, master_pcm, master_samples
from articlecast.audio.truepeak import true_peak
from articlecast.errors import EngineError


def _dbtp(x: np.ndarray) -> float:
    """Reference true peak: 8x oversampling with scipy's polyphase resampler."""
    return 20 * np.log10(np.abs(signal.resample_poly(x.astype(np.float64), 8, 1)).max() / 32768)


def _bandlimited_noise(seconds: float, rate_hz: int, seed: int, cutoff: float = 0.9) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = signal.lfilter(signal.firwin(101, cutoff), 1, rng.standard_normal(int(seconds * rate_hz)))
    return (x / np.abs(x).max() * 20000).astype(np.float32)


@pytest.mark.parametrize("rate_hz", [16000, 22050, 24000, 44100, 48000])
def test_loudness_meter_agrees_with_pyloudnorm_when_fed_in_pieces(rate_hz):
    x = speech_like(6000, rate_hz, seed=rate_hz)
    meter = LoudnessMeter(rate_hz)
    for start in range(0, x.size, 7777):  # pieces that cut hops and blocks anywhere
        meter.feed(x[start:start + 7777])
    reference = pyloudnorm.Meter(rate_hz).integrated_loudness(x / 32768.0)
    assert meter.integrated_lufs() == pytest.approx(reference, abs=0.05)


def test_loudness_of_silence_is_none_and_short_audio_is_measured_ungated():
    assert integrated_lufs(np.zeros(22050, dtype=np.int16), 22050) is None
    short = speech_like(300, 22050)  # shorter than one 400 ms block
    assert integrated_lufs(short, 22050) == pytest.approx(-20, abs=3)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("cutoff", [0.5, 0.9])
def test_true_peak_matches_oversampled_reference(seed, cutoff):
    x = _bandlimited_noise(1.0, 22050, seed, cutoff)
    assert 20 * np.log10(true_peak(x) / 32768) == pytest.approx(_dbtp(x), abs=0.25)


@pytest.mark.parametrize("level_dbfs", [-40.0, -20.0, -8.0])
@pytest.mark.parametrize("rate_hz", [22050, 24000])
def test_master_reaches_target_loudness_below_the_true_peak_ceiling(level_dbfs, rate_hz):
    pcm = Pcm(speech_like(8000, rate_hz, level_dbfs=level_dbfs).tobytes(), rate_hz)
    mastered = master_pcm(pcm)
    out = np.frombuffer(mastered.to_pcm().samples, dtype="<i2")
    assert out.size * 2 == len(pcm.samples)
    assert pyloudnorm.Meter(rate_hz).integrated_loudness(out / 32768.0) == pytest.approx(-16.0, abs=0.3)
    assert _dbtp(out) <= -1.0 - ENCODE_MARGIN_DB + 0.1
    assert mastered.loudness_lufs == pytest.approx(-16.0, abs=0.3)
    assert mastered.true_peak_dbtp == pytest.approx(_dbtp(out), abs=0.2)


@pytest.mark.parametrize(("target_lufs", "max_true_peak_dbtp"), [(-19.0, -1.0), (-17.0, -2.0)])
def test_master_honours_other_targets(target_lufs, max_true_peak_dbtp):
    x = speech_like(6000, 22050)
    out = np.frombuffer(master_samples(x, 22050, target_lufs=target_lufs,
                                       max_true_peak_dbtp=max_true_peak_dbtp).to_pcm().samples, dtype="<i2")
    assert integrated_lufs(out, 22050) == pytest.approx(target_lufs, abs=0.3)
    assert _dbtp(out) <= max_true_peak_dbtp - ENCODE_MARGIN_DB + 0.1


def test_chunked_rendering_equals_rendering_at_once(monkeypatch):
    """Chunk edges must not show: the limiter sees across them."""
    x = speech_like(5000, 22050, level_dbfs=-12)
    whole = master_samples(x, 22050)
    monkeypatch.setattr(master_module, "CHUNK_SAMPLES", 3001)
    chunked = master_module.MasteredAudio(x, 22050, whole.gain_db, whole.ceiling_dbtp, 0.0, 0.0)
    pieces = list(chunked.chunks())
    assert len(pieces) > 30
    monkeypatch.setattr(master_module, "CHUNK_SAMPLES", 1 << 20)
    np.testing.assert_array_equal(np.concatenate(pieces), np.concatenate(list(whole.chunks())))


def test_the_limiter_leaves_audio_below_the_ceiling_untouched():
    x = speech_like(3000, 22050, level_dbfs=-30)
    mastered = master_samples(x, 22050, target_lufs=-30.0)  # peaks stay far below the ceiling
    out = np.frombuffer(mastered.to_pcm().samples, dtype="<i2")
    assert np.abs(out - x * 10 ** (mastered.gain_db / 20)).max() <= 0.51  # the gain alone, then rounding


def test_silence_cannot_be_mastered():
    with pytest.raises(EngineError, match="silent"):
        master_pcm(Pcm(bytes(44100), 22050))


def test_a_small_edit_keeps_the_previous_mastering_and_a_large_one_does_not():
    from articlecast.audio.master import PreviousMastering

    x = speech_like(60000, 22050, seed=5)
    first = master_samples(x, 22050)
    previous = PreviousMastering(first.unlimited_lufs, first.gain_db, first.loudness_lufs, first.true_peak_dbtp)
    edited = x.copy()
    edited[30000:31000] = speech_like(1000, 22050, seed=6)[:1000]  # one word of a minute changes
    kept = master_samples(edited, 22050, previous=previous)
    assert kept.gain_db == first.gain_db
    assert kept.loudness_lufs == pytest.approx(first.loudness_lufs, abs=0.05)
    louder = (x.astype(np.float32) * 1.5).clip(-32768, 32767).astype(np.int16)  # +3.5 dB: search again
    searched = master_samples(louder, 22050, previous=previous)
    assert searched.gain_db < first.gain_db - 2
    assert searched.loudness_lufs == pytest.approx(-16.0, abs=0.3)


def test_the_limiter_looks_ahead_and_releases_slowly():
    """A loud burst in a steady tone: the gain falls just before it and comes back over >= 50 ms."""
    rate = 22050
    t = np.arange(rate) / rate
    x = (np.sin(2 * np.pi * 220 * t) * 3200).astype(np.float32)
    burst = slice(rate // 2, rate // 2 + rate // 100)  # 10 ms, 20 dB louder: 2 dB over the ceiling
    x[burst] *= 10
    mastered = master_module.MasteredAudio(x.astype(np.int16), rate, 0.0, -1.0 - ENCODE_MARGIN_DB, 0.0, 0.0)
    out = np.frombuffer(mastered.to_pcm().samples, dtype="<i2").astype(np.float64)

    def gain_db(start_ms: float, stop_ms: float) -> float:  # output over input (RMS) in a stretch
        span = slice(round(start_ms * rate / 1000), round(stop_ms * rate / 1000))
        return 10 * np.log10(np.mean(out[span] ** 2) / np.mean(x[span].astype(np.float64) ** 2))

    end_ms = 1000 * burst.stop / rate
    assert gain_db(300, 480) == pytest.approx(0, abs=0.02)  # untouched well before
    assert gain_db(497, 499.9) < -0.2  # the look-ahead: turning down before the burst starts
    assert _dbtp(out) <= -1.0 - ENCODE_MARGIN_DB + 0.1
    release = [gain_db(end_ms + ms, end_ms + ms + 5) for ms in (5, 50, 100, 400)]
    assert release[0] < release[1] < release[2] < release[3]
    assert release[1] < -0.5  # 50 ms after the burst the gain is still coming back
    assert release[3] == pytest.approx(0, abs=0.02)


def test_the_limiter_seldom_acts_on_real_speech_leveled_per_voice():
    """espeak speech of three voices, shaped as stitching does, mastered to -16 LUFS."""
    from articlecast.audio.engines.espeak import EspeakEngine
    from articlecast.audio.leveling import shape
    from articlecast.audio.master import limiter_activity
    from articlecast.script.model import Voice

    text = ("Im Dorf erzeugen die Bürger seit fünf Jahren ihren eigenen Strom, und die Genossenschaft wächst "
            "jedes Jahr. Inzwischen liefern zwölf Dächer und ein kleiner Windpark so viel Strom, dass das Dorf "
            "im Sommer mehr erzeugt, als es verbraucht. Wir wollten nicht zusehen, wie andere mit unserem Wind "
            "Geld verdienen!")
    engine = EspeakEngine()
    pieces = []
    for voice in ("de", "de+f2", "de+m3", "de+Andy"):
        pcm = engine.synthesize(text, Voice("espeak", voice), "de")
        shaped, _ = shape(np.frombuffer(pcm.samples, dtype="<i2").astype(np.float32), pcm.sample_rate_hz)
        pieces += [shaped, np.zeros(pcm.sample_rate_hz // 2, dtype=np.int16)]
    mastered = master_samples(np.concatenate(pieces), pcm.sample_rate_hz)
    assert mastered.loudness_lufs == pytest.approx(-16.0, abs=0.3)
    activity = limiter_activity(mastered)
    assert activity.speech_samples > 0.6 * sum(p.size for p in pieces[::2])
    assert activity.reduced[1.0] <= 0.05
    assert activity.reduced[3.0] == 0.0
