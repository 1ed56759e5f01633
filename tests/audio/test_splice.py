"""Parallel encoding: the parts' frames join into one stream where every sound stays in its place."""
from __future__ import annotations

import subprocess

import numpy as np
import pytest

from articlecast.audio.encode import encode_mp3
from articlecast.audio.ffmpeg import ffmpeg_exe
from articlecast.audio.master import MasteredAudio
from articlecast.audio.splice import decoded_samples, plan_parts

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


def lag(reference: np.ndarray, other: np.ndarray, at: int, *, target: int, width: int = 4096, reach: int = 200) -> int:
    """How far from `target` `other` plays what `reference` plays at sample `at`."""
    window = reference[at:at + width]
    scores = [float(np.dot(window, other[target + k:target + k + width])) for k in range(-reach, reach)]
    return int(np.argmax(scores)) - reach


@pytest.mark.parametrize("samples_44k, frames", [(44100, 40), (46080, 41), (46081, 42), (100000, 88)])
def test_lame_frame_arithmetic(samples_44k, frames):
    assert decoded_samples(samples_44k) == frames * 1152


def test_short_audio_is_one_part():
    samples = bursts(30)
    plan = plan_parts(samples, RATE_HZ)
    assert [(p.start, p.stop) for p in plan.parts] == [(0, samples.size)]


@pytest.mark.parametrize("rate_hz", [22050, 24000, 16000])
def test_cuts_fall_in_silence_on_whole_44k_samples(rate_hz):
    samples = bursts(400, rate_hz)
    plan = plan_parts(samples, rate_hz)
    assert len(plan.parts) >= 3
    assert plan.parts[0].start == 0 and plan.parts[-1].stop == samples.size
    for before, after in zip(plan.parts, plan.parts[1:], strict=False):
        assert before.stop == after.start
        assert not samples[after.start - 100:after.start + 100].any()  # a cut is inside a pause
        assert after.start * 44100 % rate_hz == 0
        assert after.output_start_44k == before.output_start_44k + before.padded_44k + 1152


def test_cuts_after_an_edit_land_on_the_same_pauses():
    samples = bursts(600)
    edited = np.concatenate([samples[:22050 * 100], bursts(3)[:30000], samples[22050 * 100:]])
    before = {samples[p.start - 4096:p.start].tobytes() for p in plan_parts(samples, RATE_HZ).parts[1:]}
    after = {edited[p.start - 4096:p.start].tobytes() for p in plan_parts(edited, RATE_HZ).parts[1:]}
    later = [c for c in plan_parts(samples, RATE_HZ).parts[1:] if c.start > 22050 * 160]
    assert later and all(samples[c.start - 4096:c.start].tobytes() in after for c in later)
    assert len(before & after) >= len(before) - 2


def test_joined_parts_play_every_sound_where_the_plan_says(tmp_path):
    samples = bursts(240)
    audio = as_mastered(samples)
    encoded = encode_mp3(audio, tmp_path / "episode.mp3")
    assert encoded.parts_encoded == len(encoded.plan.parts) >= 3
    decoded = decode(tmp_path / "episode.mp3")
    assert decoded.size == round(encoded.plan.duration_ms * 44.1)
    original = np.repeat(samples.astype(np.float32), 2)  # 22.05 -> 44.1 kHz, good enough to find sounds
    for t_s in range(5, 235, 10):
        at = t_s * 44100
        while not np.abs(original[at:at + 2048]).max() > 1000:
            at += 2048
        expected = round(encoded.plan.shifted_ms(at / 44.1) * 44.1)
        assert abs(lag(original, decoded, at, target=expected)) <= 1, t_s  # to the sample (ms rounding)


def test_unchanged_parts_come_from_the_cache(tmp_path):
    samples = bursts(300)
    first = encode_mp3(as_mastered(samples), tmp_path / "a.mp3", cache_dir=tmp_path / "cache")
    edited = samples.copy()
    cut = first.plan.parts[1]
    edited[cut.start + 30000:cut.start + 31000] = 1234  # one sound in the second part changes
    second = encode_mp3(as_mastered(edited), tmp_path / "b.mp3", cache_dir=tmp_path / "cache")
    assert (second.parts_encoded, second.parts_reused) == (1, len(first.plan.parts) - 1)
    again = encode_mp3(as_mastered(edited), tmp_path / "c.mp3", cache_dir=tmp_path / "cache")
    assert again.parts_encoded == 0
    assert (tmp_path / "c.mp3").read_bytes() == (tmp_path / "b.mp3").read_bytes()


@pytest.mark.parametrize("block", [3, 7, 1 << 22])
def test_pauses_are_found_across_scan_blocks(monkeypatch, block):
    from articlecast.audio import splice

    monkeypatch.setattr(splice, "SCAN_BLOCK_SAMPLES", block)
    x = np.array([0, 0, 1, 2, 0, 0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0], dtype=np.int16)
    assert splice._pauses(x, 2) == [(0, 2), (4, 9), (10, 20), (21, 23)]
    assert splice._pauses(x, 6) == [(10, 20)]
    assert splice._pauses(np.ones(10, dtype=np.int16), 1) == []
