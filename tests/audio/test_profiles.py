"""Voice profiles: the calibration of the distance thresholds on real espeak audio, and the cache."""
from __future__ import annotations

import pytest

from articlecast.audio.engines import get_engine
from articlecast.audio.profiles import MIN_ST, MIN_TIMBRE, ProfileBook, distinct, self_distance, semitones, timbre_distance
from articlecast.script.model import Voice


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    return ProfileBook(get_engine("espeak"), tmp_path_factory.mktemp("profiles"))


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
    first = ProfileBook(engine, tmp_path)
    measured = first.get(Voice("espeak", "de+f2"), "de")
    first.save()
    assert first.path.exists()
    again = ProfileBook(engine, tmp_path)
    assert again.get(Voice("espeak", "de+f2"), "de") == measured and again.measured == 0
    first.path.write_text("{ not json", encoding="utf-8")
    damaged = ProfileBook(engine, tmp_path)
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
