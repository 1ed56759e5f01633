from __future__ import annotations

import numpy as np
import pytest
from episode_fixtures import decode, ebur128, episode, sample_parts, speech_like
from mutagen.mp3 import MP3, BitrateMode

from articlecast.audio.encode import encode_mp3, encode_preview
from articlecast.audio.engines.base import Pcm
from articlecast.audio.master import MasteredAudio, master, master_pcm
from articlecast.audio.stitch import stitch
from articlecast.errors import InputError, OutputError


@pytest.fixture(scope="module")
def mastered(tmp_path_factory) -> MasteredAudio:
    script, rendered = episode(tmp_path_factory.mktemp("segments"), sample_parts())
    return master(stitch(script, rendered))


@pytest.mark.parametrize("bitrate_kbps", [64, 96])
def test_mp3_is_44k_mono_cbr_at_target_loudness_and_true_peak(tmp_path, mastered, bitrate_kbps):
    path = encode_mp3(mastered, tmp_path / "episode.mp3", bitrate_kbps=bitrate_kbps).path
    info = MP3(path).info
    assert (info.sample_rate, info.channels, info.bitrate) == (44100, 1, bitrate_kbps * 1000)
    assert info.bitrate_mode == BitrateMode.CBR  # from the Info header LAME writes
    assert info.length == pytest.approx(mastered.duration_ms / 1000, abs=0.1)
    measured = ebur128(path)
    assert measured.integrated_lufs == pytest.approx(-16.0, abs=1.0)
    assert measured.true_peak_dbtp <= -1.0
    assert (measured.rate_hz, measured.layout) == (44100, "mono")


def test_mp3_holds_the_mastered_audio(tmp_path, mastered):
    encoded = encode_mp3(mastered, tmp_path / "episode.mp3")
    rate = mastered.sample_rate_hz
    decoded = decode(encoded.path, rate)
    original = np.frombuffer(mastered.to_pcm().samples, dtype="<i2") / 32768.0
    for part in encoded.plan.parts:  # each part sounds where the plan says it does
        start = round(encoded.plan.shifted_ms(part.start * 1000 / rate) * rate / 1000)
        heard, meant = decoded[start:start + part.stop - part.start], original[part.start:part.stop]
        assert np.corrcoef(heard[:meant.size], meant[:heard.size])[0, 1] > 0.95


def test_preview_of_a_quiet_pcm_is_brought_to_the_episode_loudness(tmp_path):
    pcm = Pcm(speech_like(3000, 22050, level_dbfs=-38).tobytes(), 22050)
    path = encode_preview(pcm, tmp_path / "preview.mp3")
    assert ebur128(path).integrated_lufs == pytest.approx(-16.0, abs=1.0)


def test_an_impossible_bitrate_is_refused(tmp_path, mastered):
    with pytest.raises(InputError, match="bitrate 65"):
        encode_mp3(mastered, tmp_path / "episode.mp3", bitrate_kbps=65)
    assert not list(tmp_path.iterdir())


def test_failing_ffmpeg_is_an_output_error_with_its_message_and_no_file(tmp_path):
    broken = MasteredAudio(np.zeros(1000, dtype=np.int16), 0, 0.0, -3.0, -16.0, -3.0)  # 0 Hz
    with pytest.raises(OutputError, match="ffmpeg failed to encode .*: .+"):
        encode_mp3(broken, tmp_path / "episode.mp3")
    assert not list(tmp_path.iterdir())


class _Interrupted(MasteredAudio):
    def chunks(self, *span):
        iterator = super().chunks(*span)
        yield next(iterator)
        raise KeyboardInterrupt


def test_interrupted_encode_leaves_no_file_and_keeps_the_previous_one(tmp_path):
    pcm = Pcm(speech_like(30000, 22050).tobytes(), 22050)
    good = master_pcm(pcm)
    interrupted = _Interrupted(good.source, good.sample_rate_hz, good.gain_db, good.ceiling_dbtp,
                               good.loudness_lufs, good.true_peak_dbtp)
    fresh = tmp_path / "fresh.mp3"
    with pytest.raises(KeyboardInterrupt):
        encode_mp3(interrupted, fresh)
    assert not fresh.exists()
    previous = encode_mp3(good, tmp_path / "kept.mp3").path.read_bytes()
    with pytest.raises(KeyboardInterrupt):
        encode_mp3(interrupted, tmp_path / "kept.mp3")
    assert (tmp_path / "kept.mp3").read_bytes() == previous
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.mp3"]  # no partial file left behind
