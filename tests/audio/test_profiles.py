"""Voice profiles: the calibration of the distance thresholds on real espeak audio, the cache, and the
shipped profiles of the bundled espeak-ng."""
from __future__ import annotations

import pytest

from articlecast import languages
from articlecast.audio.casting import castable_voices
from articlecast.audio.engines import get_engine
from articlecast.audio.engines.espeak import EspeakEngine
from articlecast.audio.profiles import (
    MIN_ST,
    MIN_TIMBRE,
    ProfileBook,
    distinct,
    read_shipped,
    self_distance,
    semitones,
    shipped_path,
    timbre_distance,
)
from articlecast.script.model import Voice


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return ProfileBook(get_engine("espeak"), tmp_path_factory.mktemp("profiles"), shipped=False)  # measured here


def profile(book, name: str, pitch: float = 1.0):
    return book.get(Voice("espeak", name, pitch=pitch), "de")


@pytest.mark.parametrize("name", ["de", "de+m2", "de+Andy", "de+f3", "de+belinda"])
def test_two_halves_of_one_voice_score_well_below_the_threshold(book, name):
    p = profile(book, name)
    assert self_distance(p) < 0.5 * MIN_TIMBRE


def test_narrator_look_alikes_are_not_distinct_and_voices_with_own_formants_are(book):
    narrator = profile(book, "de")
    for alike in ("de+m2", "de+m3", "de+m6"):
        p = profile(book, alike)
        assert timbre_distance(p, narrator) < 0.6 * MIN_TIMBRE and semitones(p, narrator) < 1.0, alike
        assert not distinct(p, narrator)
    for other in ("de+Andy", "de+Denis", "de+gustave", "de+m7"):
        assert timbre_distance(profile(book, other), narrator) > 1.3 * MIN_TIMBRE, other


def test_pitch_steps_move_the_voice_by_semitones_not_timbre(book):
    narrator = profile(book, "de")
    lower, higher = profile(book, "de", 0.68), profile(book, "de", 1.38)
    assert semitones(lower, narrator) >= MIN_ST and semitones(higher, narrator) >= MIN_ST
    assert timbre_distance(lower, narrator) < 0.5 * MIN_TIMBRE  # the same voice, lower


def test_gender_as_heard(book):
    assert profile(book, "de").sounds == "male"
    assert profile(book, "de+f1").sounds == "female"


def test_profiles_are_kept_and_a_damaged_cache_is_measured_again(tmp_path):
    engine = get_engine("espeak")
    first = ProfileBook(engine, tmp_path, shipped=False)
    measured = first.get(Voice("espeak", "de+f2"), "de")
    first.save()
    assert first.path.exists()
    again = ProfileBook(engine, tmp_path, shipped=False)
    assert again.get(Voice("espeak", "de+f2"), "de") == measured and again.measured == 0
    first.path.write_text("{ not json", encoding="utf-8")
    damaged = ProfileBook(engine, tmp_path, shipped=False)
    remeasured = damaged.get(Voice("espeak", "de+f2"), "de")
    assert damaged.measured == 1 and remeasured.f0_hz == pytest.approx(measured.f0_hz, rel=0.01)


def test_the_voices_command_shows_measured_pitch_and_gender(runner):
    import re

    from articlecast.cli import cli

    result = runner.invoke(cli, ["voices", "--language", "de"])
    assert result.exit_code == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    hz = {name: int(re.search(r"(\d+) Hz", line).group(1)) for name, line in rows.items()}
    assert " male " in rows["espeak:de"] and " female " in rows["espeak:de+f3"]
    assert hz["espeak:de"] < 138 < 165 < hz["espeak:de+f3"]
    assert runner.invoke(cli, ["voices", "--available"]).exit_code == 2  # the catalogue is Piper's


def test_shipped_profiles_are_current_and_equal_a_new_measurement(tmp_path):
    """Fails when the shipped data of a language is stale (another espeak-ng build, base rate, passage or
    measurement): then run `python -m articlecast.audio.casting --regenerate-profiles`."""
    engine = get_engine("espeak")
    fresh = ProfileBook(engine, tmp_path, shipped=False)
    sampled = 0
    for language in languages.all():
        shipped = read_shipped(engine, language.code)
        voices = castable_voices(engine, language.code, fresh)
        assert shipped and all(f"{language.code} {v}" in shipped for v in voices), \
            f"{shipped_path(engine)} is stale for {language.code!r}; regenerate it"
        # the narrator's voice, a variant, a pitch step of a male and of a female variant
        sample = [voices[0], voices[1], next(v for v in voices if v.pitch < 1), next(v for v in voices if "+f" in v.name and v.pitch > 1)]
        for voice in sample:
            now, then = fresh.get(voice, language.code), shipped[f"{language.code} {voice}"]
            assert now.f0_hz == pytest.approx(then.f0_hz, abs=0.05), voice
            for a, b in ((now.timbre, then.timbre), (now.spread, then.spread), (now.halves[0], then.halves[0])):
                assert a == pytest.approx(b, abs=2e-3), voice
            sampled += 1
    assert fresh.measured == sampled >= 12


def test_a_book_takes_shipped_profiles_without_measuring_and_keeps_them_in_its_cache(tmp_path):
    engine = get_engine("espeak")
    voice = Voice("espeak", "de+f4", pitch=0.8)
    book = ProfileBook(engine, tmp_path)
    profile = book.get(voice, "de")
    assert profile == read_shipped(engine, "de")[f"de {voice}"] and book.measured == 0
    assert book.peek(Voice("espeak", "de+m7", pitch=1.35), "de") is not None  # shipped counts as measured
    book.save()
    cached = ProfileBook(engine, tmp_path, shipped=False)
    assert cached.get(voice, "de") == profile and cached.measured == 0


class _RebuiltEspeak(EspeakEngine):
    """The same espeak-ng release over other bytes (another wheel build, a distribution's package)."""

    def language_identity(self, language: str) -> str:
        return super().language_identity(language).rpartition(" data ")[0] + " data " + "0" * 64


def test_shipped_profiles_stand_only_for_the_bytes_they_were_measured_on(tmp_path):
    engine = _RebuiltEspeak()
    assert engine.version == get_engine("espeak").version
    assert read_shipped(engine, "de") == {}
    book = ProfileBook(engine, tmp_path)
    assert book.get(Voice("espeak", "de+f2"), "de").sounds == "female" and book.measured == 1


def test_listing_the_bundled_voices_measures_nothing(runner, tmp_path, monkeypatch):
    from articlecast.cli import cli

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # an empty cache: the shipped profiles answer
    result = runner.invoke(cli, ["voices", "--language", "fr"])
    assert result.exit_code == 0 and "measuring" not in result.stderr
    assert len(result.stdout.splitlines()) == len(get_engine("espeak").voices("fr")) and " Hz " in result.stdout
