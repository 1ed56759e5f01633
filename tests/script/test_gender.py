"""Gender cues: given names from the shipped name data, gendered nouns, forms of address, pronouns."""
from __future__ import annotations

import pytest

from articlecast.script.gender import given_name_gender, name_usage, noun_gender, person_gender
from articlecast.script.narrate import make_script


@pytest.mark.parametrize(("name", "gender"), [
    ("Ruth", "female"), ("Sabine", "female"), ("Jonas", "male"), ("Jakob", "male"), ("ruth", "female"),
    ("Hans-Jürgen", "male"), ("Mengqiu", None), ("Kim", None), ("Xyzzyq", None), ("", None),
])
def test_given_names(name, gender):
    assert given_name_gender(name) == gender


def test_names_used_for_both_only_when_asked():
    assert name_usage("Kim") == "mostly_female"
    assert given_name_gender("Kim", firm=False) == "female"
    assert given_name_gender("Chris", firm=False) == "male"


def test_full_names_use_the_first_given_name():
    assert person_gender("Ruth Delgado") == "female"
    assert person_gender("Jonas Feld") == "male"
    assert person_gender("Delgado") is None  # a lone surname tells nothing


@pytest.mark.parametrize(("word", "language", "gender"), [
    ("Ministerin", "de", "female"), ("Sprecherin", "de", "female"), ("Chefin", "de", "female"),
    ("Bürgermeisterin", "de", "female"), ("Krankenschwester", "de", "female"), ("Ehemann", "de", "male"),
    ("Minister", "de", None), ("Hoffmann", "de", None), ("Martin", "de", None), ("Putin", "de", None),
    ("spokeswoman", "en", "female"), ("spokesman", "en", "male"), ("Mrs", "en", "female"), ("chairwoman", "en", "female"),
    ("minister", "en", None),
])
def test_gendered_nouns(word, language, gender):
    assert noun_gender(word, language) == gender


def _genders(text: str, language: str) -> dict[str, str | None]:
    script = make_script(_article(text, language))
    return {name: member.gender for name, member in script.cast.items() if name != "narrator"}


def _article(text: str, language: str):
    from articlecast.script.model import Article, Block

    blocks = tuple(Block("paragraph", p) for p in text.strip().split("\n\n"))
    return Article("Titel", None, language, "test", blocks)


def test_german_cues():
    genders = _genders("""
Die Bibliothek öffnet bald nachts. „Wir wollen für alle da sein“, sagt Ministerin Hanna Brückner.

„Das kostet zu viel“, sagt Herr Tobias Maurer.

„Wir haben lange gewartet“, sagt Frau Kim Okafor.

Die Sprecherin der Stadt, Tenzin Schaffrath, widerspricht. „Das ist bezahlt“, sagt Schaffrath.

„Ich komme jeden Abend“, sagt Jonas Feld. Er arbeitet im Schichtdienst.
""", "de")
    assert genders["Hanna Brückner"] == "female"  # gendered noun (and given name)
    assert genders["Tobias Maurer"] == "male"  # form of address
    assert genders["Kim Okafor"] == "female"  # form of address beats the name
    assert genders["Tenzin Schaffrath"] == "female"  # a gendered noun in a sentence about her
    assert genders["Jonas Feld"] == "male"


def test_english_cues():
    genders = _genders("""
The library will open at night. "We want to be there for everyone," said Ruth Delgado.

"It costs too much," said Mr Ode Varga.

"We waited a long time," said Mrs Kim Ashby.

Pell Quarrington, a spokeswoman for the council, disagreed. "It is paid for," Quarrington said.

"I come every evening," said Arno Tesk, who works nights.
""", "en")
    assert genders["Ruth Delgado"] == "female"  # given name only: no pronoun in the article
    assert genders["Ode Varga"] == "male"
    assert genders["Kim Ashby"] == "female"
    assert genders["Pell Quarrington"] == "female"
    assert genders["Arno Tesk"] == "male"
