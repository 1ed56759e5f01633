"""Parallel encoding: the parts' frames join into one stream where every sound stays in its place."""
from __future__ import annotations

import subprocess

import numpy as np
import pytest

from articlecast.audio.encode import encode_mp3
from articlecast.audio.ffmpeg import ffmpeg_exe
from articlecast.audio.master import MasteredAudio
from articlecast.audio.splice import LAME_DELAY_SAMPLES, Part, decoded_samples, plan_parts

RATE_HZ = 22050


def bursts(seconds: float, rate_hz: int = RATE_HZ) -> np.ndarray:
    """Noise bursts (aperiodic, so every position is recognisable) with digital silence between them,
    like stitched speech."""
    rng = np.random.default_rng(7)
    out, t = [], 0
    while t < seconds * rate_hz:
        length = int(rng.integers(rate_hz // 4, rate_hz))
        out.append(np.clip(rng.normal(0, 3000, length), -20000, 20000).astype(np.int16))
        out.append(np.zeros(int(rng.integers(rate_hz // 5, rate_hz // 2)), dtype=np.int16))
        t += length + out[-1].size
    return np.concatenate(out)


def as_mastered(samples: np.ndarray, rate_hz: int = RATE_HZ) -> MasteredAudio:
    return MasteredAudio(samples, rate_hz, gain_db=0.0, ceiling_dbtp=0.0, loudness_lufs=-20.0, true_peak_dbtp=-12.0)


def decode(path) -> np.ndarray:
    raw = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "s16le", "-ac", "1", "-ar", "44100", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype="<i2").astype(np.float32)


def lag(reference: np.ndarray, other: np.ndarray, at: int, width: int = 8192, reach: int = 3000) -> int:
    """How many samples later `other` plays what `reference` plays at (or just after) sample `at`."""
    while not np.abs(reference[at:at + width // 4]).max() > 1000:  # start on a sound, not in a pause
        at += width // 4
    window = reference[at:at + width]
    scores = [float(np.dot(window, other[at + k:at + k + width])) for k in range(-reach, reach)]
    return int(np.argmax(scores)) - reach


@pytest.mark.parametrize("samples_44k, frames", [(44100, 40), (46080, 41), (46081, 42), (100000, 88)])
def test_lame_frame_arithmetic(samples_44k, frames):
    assert decoded_samples(samples_44k) == frames * 1152


def test_short_or_odd_rate_audio_is_one_part():
    assert plan_parts(bursts(90), RATE_HZ, 2) == [Part(0, bursts(90).size)]
    long_24k = bursts(200, 24000)
    assert plan_parts(long_24k, 24000, 2) == [Part(0, long_24k.size)]


def test_cuts_fall_in_silence_and_skip_only_silence():
    samples = bursts(240)
    plan = plan_parts(samples, RATE_HZ, 2)
    assert len(plan) == 2
    first, second = plan
    assert first.start == 0 and second.stop == samples.size
    assert not samples[first.stop:second.start].any()
    assert second.start - first.stop == decoded_samples(2 * first.stop) // 2 - first.stop


def test_joined_parts_play_every_sound_where_one_encoder_would(tmp_path):
    samples = bursts(240)
    audio = as_mastered(samples)
    encode_mp3(audio, tmp_path / "one.mp3", parts=1)
    encode_mp3(audio, tmp_path / "two.mp3", parts=2)
    one, two = decode(tmp_path / "one.mp3"), decode(tmp_path / "two.mp3")
    cut_44k = 2 * plan_parts(samples, RATE_HZ, 2)[0].stop
    # the single file's LAME tag lets the decoder drop the delay; the joined stream has no tag
    for at in (44100 * 20, cut_44k - 44100 * 5, cut_44k + 44100 * 5, one.size - 44100 * 20):
        assert lag(one, two, at) == LAME_DELAY_SAMPLES, at
    assert abs(two.size - LAME_DELAY_SAMPLES - one.size) < 2 * 1152
