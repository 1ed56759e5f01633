"""Person names, bylines and "— Name" attributions."""
from __future__ import annotations

import pytest

from articlecast.script.byline import parse_byline
from articlecast.script.names import attribution_speaker, is_person_name


@pytest.mark.parametrize(
    ("line", "author"),
    [
        ("Von Hanna Mertens", "Hanna Mertens"),
        ("von Hanna Mertens", "Hanna Mertens"),
        ("VON HANNA MERTENS", None),  # all-caps words are acronyms, not names
        ("Text: Hanna Mertens", "Hanna Mertens"),
        ("Autor: Hanna Mertens", "Hanna Mertens"),
        ("Autorin: Hanna Mertens", "Hanna Mertens"),
        ("By Daniel Price", "Daniel Price"),
        ("by Daniel Price", "Daniel Price"),
        ("Written by Daniel Price", "Daniel Price"),
        ("*By Daniel Price*", "Daniel Price"),
        ("Von Hanna Mertens und Klaus Rehberg", "Hanna Mertens und Klaus Rehberg"),
        ("By Daniel Price and Ruth Delgado", "Daniel Price and Ruth Delgado"),
        ("Von Anna Berg, Tom Koch und Lea Wolf", "Anna Berg, Tom Koch und Lea Wolf"),
        ("Von Hanna Mertens, Kassel", "Hanna Mertens"),  # a place after the name is not an author
        ("Von Hanna Mertens | 3. Mai 2024", "Hanna Mertens"),
        ("Von Ursula von der Leyen", "Ursula von der Leyen"),
        ("Von Berlin aus fährt der Zug nach Osten.", None),
        ("Von der Leyen", None),
        ("By the river, the town sleeps.", None),
        ("Hanna Mertens", None),  # a bare name is no byline
    ],
)
def test_parse_byline(line, author):
    assert parse_byline(line) == author


@pytest.mark.parametrize(
    ("text", "is_name"),
    [
        ("Klaus Rehberg", True),
        ("Sabine Okafor", True),
        ("Jonas Feld", True),
        ("Mary-Jane Watson-Parker", True),
        ("J. R. Smith", True),
        ("Seán O'Neill", True),
        ("Ursula von der Leyen", True),
        ("Ludwig van Beethoven", True),
        ("Hanna", False),  # one word: a heading or a caption, not a name line
        ("CDU/CSU", False),
        ("NASA Goddard", False),
        ("Die Rechnung", False),
        ("Zur Person", False),
        ("The Library", False),
        ("Ein Speicher für die Nacht", False),
        ("Reaktionen aus Deutschland", False),
        ("Klaus Rehberg sagt", False),
        ("Freitag, 8. Februar", False),
        ("A B C D E F", False),  # too many words
    ],
)
def test_is_person_name(text, is_name):
    assert is_person_name(text) is is_name


@pytest.mark.parametrize(
    ("line", "speaker"),
    [
        ("— Margaret Hale", "Margaret Hale"),
        ("– Margaret Hale, library director", "Margaret Hale"),
        ("-- Margaret Hale", "Margaret Hale"),
        ("—Margaret Hale", "Margaret Hale"),
        ("Margaret Hale", None),  # no dash: handled by the plain-text pull-quote rule
        ("— the end", None),
        ("– 5 km weiter", None),
    ],
)
def test_attribution_speaker(line, speaker):
    assert attribution_speaker(line) == speaker
