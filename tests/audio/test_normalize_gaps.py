"""The normalization gaps of issue 12, one row each: what a newsreader says, in German and English."""
import pytest

from articlecast.audio.normalize import speakable, speakable_marked

GERMAN = [
    # telephone numbers are read digit by digit, in their groups
    ("Tel. 030 12345678", "Tel. null drei null, eins zwei drei vier fünf sechs sieben acht"),
    ("Mobil: 0171/1234567", "Mobil: null eins sieben eins, eins zwei drei vier fünf sechs sieben"),
    ("+49 30 1234567", "plus vier neun, drei null, eins zwei drei vier fünf sechs sieben"),
    # a hyphen between numbers is a range
    ("von 2020-2024", "von zweitausendzwanzig bis zweitausendvierundzwanzig"),
    ("10-20 Jahre", "zehn bis zwanzig Jahre"),
    # ordinals after a preposition or article, also from 100 on and before a capital
    ("Zum 100. Mal feiert das Dorf.", "Zum hundertsten Mal feiert das Dorf."),
    ("Das war 2023. Danach kam mehr.", "Das war zweitausenddreiundzwanzig. Danach kam mehr."),  # unchanged
    # regnal numbers after a given name, numbers after other words
    ("Friedrich II. war König.", "Friedrich der zweite war König."),
    ("Teil II erscheint.", "Teil zwei erscheint."),
    # a capitalised abbreviation opening a sentence
    ("Ca. 50 Leute kamen.", "Zirka fünfzig Leute kamen."),
    ("Im Sog. Dann kam er.", "Im Sog. Dann kam er."),  # a noun's sentence end is no abbreviation
    # fractions
    ("1/3 der Fläche", "ein Drittel der Fläche"),
    ("2/3 der Fläche", "zwei Drittel der Fläche"),
    # scores and compounds with numbers and units
    ("ein 3:1-Sieg", "ein drei zu eins Sieg"),
    ("Es steht 2:0.", "Es steht zwei zu null."),
    ("der 5-km-Lauf", "der fünf Kilometer Lauf"),
    ("mit 3 GHz", "mit drei Gigahertz"),
    ("256 GB Speicher", "zweihundertsechsundfünfzig Gigabyte Speicher"),
    # one agrees with its noun
    ("1 Person", "eine Person"),
    ("1 Zeitung", "eine Zeitung"),
    ("1 Haus", "ein Haus"),
    # social media and emoji
    ("Unter #China posten sie.", "Unter Hashtag China posten sie."),
    ("Laut @spiegelonline stimmt das.", "Laut spiegelonline stimmt das."),
    ("Super 😀🚀 Sache!", "Super Sache!"),
    ("Familie 👨‍👩‍👧 am Strand", "Familie am Strand"),
    ("die 90er", "die neunziger"),
    # an e-mail address is still an address, not a mention
    ("info@dorf.de", "info ät dorf Punkt de"),
]

ENGLISH = [
    ("Call (555) 123-4567 today.", "Call five five five, one two three, four five six seven today."),
    ("Call 555-123-4567.", "Call five five five, one two three, four five six seven."),
    ("+1 212 555 0100", "plus one, two one two, five five five, zero one zero zero"),
    ("on 11/24/2026", "on November twenty-fourth, twenty twenty-six"),
    ("open 24/7", "open twenty-four seven"),
    ("music of the '90s", "music of the nineties"),
    ("music of the 90s", "music of the nineties"),
    ("after World War II", "after World War two"),
    ("Louis XIV built it.", "Louis the fourteenth built it."),
    ("10-20 people", "ten to twenty people"),
    ("a 5-km run", "a five kilometer run"),
    ("a 3:1 win", "a three to one win"),
    ("2/3 of them", "two thirds of them"),
    ("at 10:05", "at ten oh five"),  # a time is no score
    ("E.g. this one", "For example this one"),
    ("#Election2026 trends", "hashtag Election2026 trends"),
    ("Great 👍 work", "Great work"),
]


@pytest.mark.parametrize("written, spoken", GERMAN)
def test_german(written, spoken):
    assert speakable(written, "de") == spoken


@pytest.mark.parametrize("written, spoken", ENGLISH)
def test_english(written, spoken):
    assert speakable(written, "en") == spoken


def test_an_english_acronym_in_german_is_spelled_with_english_letters_in_english():
    marked = speakable_marked("Der CEO sagt", "de")
    assert marked == "Der \ue000en\ue002C.E.O.\ue001 sagt"
    assert speakable("Der CEO sagt", "de") == "Der C.E.O. sagt"
    assert speakable("Die CDU sagt", "de") == "Die Ze De U sagt"  # German acronyms keep German letters
