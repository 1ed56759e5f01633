"""The script file: a round trip keeps everything; a broken edit names what is wrong."""
from __future__ import annotations

import json

import pytest

from articlecast.errors import ScriptError
from articlecast.script.model import NARRATOR, CastMember, Script, Segment, Voice
from articlecast.script.scriptfile import parse_script, read_script, script_hash, script_to_json, write_script


def sample_script() -> Script:
    return Script(
        title="Strom vom Dach",
        author="Hanna Mertens",
        language="de",
        source="samples/energiegenossenschaft-de.txt",
        cast={NARRATOR: CastMember(NARRATOR, voice=Voice("espeak", "de")),
              "Klaus Rehberg": CastMember("Klaus Rehberg", gender="male", description="Landwirt",
                                          voice=Voice("espeak", "de+m3", pitch=0.9, speed=1.05)),
              "Gemeinderat": CastMember("Gemeinderat", kind="organisation"),
              "Jahresbericht": CastMember("Jahresbericht", kind="document")},
        segments=(Segment("s0001", "title", NARRATOR, "Strom vom Dach"),
                  Segment("s0002", "byline", NARRATOR, "Von Hanna Mertens"),
                  Segment("s0003", "quote", "Klaus Rehberg", "Wir haben es geschafft."),
                  Segment("s0004", "narration", NARRATOR, ", sagt der Landwirt."),
                  Segment("s0005", "heading", NARRATOR, "Ein Speicher", chapter=1),
                  Segment("s0006", "quote", "unknown", "Niemand weiß es.", chapter=1)),
        lexicon={"Lindenhain": "Linden-hain"},
    )


def test_round_trip_keeps_everything(tmp_path):
    script = sample_script()
    path = tmp_path / "s.json"
    write_script(script, path)
    assert read_script(path) == script
    assert json.loads(path.read_text(encoding="utf-8"))["format"] == "articlecast.script"


def test_each_speaker_kind_is_written_and_read_back():
    data = json.loads(script_to_json(sample_script()))
    assert data["version"] == 2
    assert {name: member["kind"] for name, member in data["cast"].items()} == {
        NARRATOR: "person", "Klaus Rehberg": "person", "Gemeinderat": "organisation", "Jahresbericht": "document"}


def test_a_version_1_script_is_read_with_every_speaker_a_person():
    data = json.loads(script_to_json(sample_script()))
    data["version"] = 1
    for member in data["cast"].values():
        del member["kind"]
    script = parse_script(json.dumps(data), "old.json")
    assert {m.kind for m in script.cast.values()} == {"person"}
    assert script.cast["Klaus Rehberg"].voice == Voice("espeak", "de+m3", pitch=0.9, speed=1.05)
    assert json.loads(script_to_json(script))["version"] == 2  # written back in the current version


def test_writing_is_deterministic_and_hash_follows_content():
    script = sample_script()
    assert script_to_json(script) == script_to_json(sample_script())
    edited = Script(**{**script.__dict__, "title": "Anders"})
    assert script_hash(edited) != script_hash(script)


def test_voice_shorthand_is_accepted():
    data = json.loads(script_to_json(sample_script()))
    data["cast"]["Klaus Rehberg"]["voice"] = "espeak:de+f2"
    assert parse_script(json.dumps(data)).cast["Klaus Rehberg"].voice == Voice("espeak", "de+f2")


def edit(change):
    data = json.loads(script_to_json(sample_script()))
    change(data)
    return json.dumps(data)


@pytest.mark.parametrize("change, message", [
    (lambda d: d.update(version=3), "script version 3 is not supported"),
    (lambda d: d["cast"]["narrator"].update(kind="robot"), "kind must be one of person, organisation, document"),
    (lambda d: d.update(format="other"), 'not an articlecast script'),
    (lambda d: d["segments"][2].update(speaker="Klaus Rehbreg"), "segment s0003: speaker 'Klaus Rehbreg' is not in the cast"),
    (lambda d: d["segments"][3].update(text="  "), "segment s0004: the text is empty"),
    (lambda d: d["segments"][1].update(kind="intro"), "segment s0002: kind 'intro' is not one of"),
    (lambda d: d["segments"][1].update(id="s0001"), "segment s0001: the id is used twice"),
    (lambda d: d["segments"][0].pop("id"), "segment #1: \"id\" is missing"),
    (lambda d: d["segments"][4].update(chapter=-1), "segment s0005: chapter must be a whole number"),
    (lambda d: d.update(segments=[]), "the script has no segments"),
    (lambda d: d.update(language="xx"), 'language must be one of'),
    (lambda d: d["cast"]["Klaus Rehberg"].update(voice="de+m3"), "cast member 'Klaus Rehberg': not a voice"),
    (lambda d: d["cast"]["Klaus Rehberg"].update(gender="m"), "cast member 'Klaus Rehberg': gender must be"),
    (lambda d: d.pop("title"), '"title" is missing'),
])
def test_invalid_edits_are_named(change, message):
    with pytest.raises(ScriptError) as err:
        parse_script(edit(change), "s.json")
    assert message in str(err.value)
    assert str(err.value).startswith("s.json: ")
    assert "\n" not in str(err.value)


def test_broken_json_names_the_line():
    with pytest.raises(ScriptError, match=r"s.json: broken JSON at line 2, column 1"):
        parse_script('{"format":\n}', "s.json")


def test_missing_file_is_a_script_error(tmp_path):
    with pytest.raises(ScriptError, match="no such script file"):
        read_script(tmp_path / "nope.json")
