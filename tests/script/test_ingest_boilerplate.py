"""Boilerplate: whole short lines of page furniture are dropped, prose that mentions the same words is kept."""
from __future__ import annotations

import pytest

from articlecast.errors import InputError
from articlecast.script.boilerplate import BOILERPLATE, MAX_BOILERPLATE_CHARS, boilerplate_filter

DROPPED = [
    # German
    "Um diese Inhalte zu sehen, akzeptieren Sie bitte unsere Cookies.",
    "Cookies verwalten",
    "Alle Cookies akzeptieren",
    "Externe Inhalte laden",
    "Hinweis zu Affiliate-Links: Wir bekommen eine kleine Provision, wenn Sie über einen Link kaufen.",
    "Dieser Artikel enthält Affiliate-Links.",
    "GQ Empfiehlt",
    "Die Redaktion empfiehlt",
    "Mehr zum Thema",
    "Newsletter abonnieren",
    "Jetzt Newsletter abonnieren",
    "Artikel teilen",
    "Weiterlesen",
    "Lesen Sie auch: Wie ein Dorf seine Energie erzeugt",
    "Anzeige",
    "Foto: Hanna Mertens",
    "Bild: Nächtliche Szene am Hafen",
    # English
    "Accept cookies",
    "Manage cookies",
    "Cookie settings",
    "To view this content, please accept our cookies.",
    "We may earn a commission when you buy through links on our site.",
    "Share this article",
    "Share on Facebook",
    "Read more",
    "Recommended",
    "Recommended for you",
    "Related stories",
    "Sign up for our newsletter and get the best stories every morning.",
    "Advertisement",
    "Photo: Daniel Price",
    # icon names from icon fonts
    "icon_cookie",
    "ic_share",
    "  icon_arrow-right  ",
]

KEPT = [
    "Die Website speichert Cookies, und um diese Inhalte zu sehen, akzeptieren Nutzer sie meist ohne nachzudenken.",
    "Viele Leser klicken auf „Cookies verwalten“ und geben dann doch auf.",
    "We may never know what he meant.",
    "She read more books than anyone in town.",
    "Anzeige erstatten wollte niemand.",
    "Der Fotograf sagte: Foto: ist kein Wort.",
    "Recommended by three doctors, the treatment is now common.",
    "Mehr zum Thema Energie erfahren die Bürger auf der Versammlung.",
    "Klaus Rehberg empfiehlt den Nachbarn, selbst Mitglied zu werden.",
]


@pytest.mark.parametrize("line", DROPPED)
def test_boilerplate_line_is_dropped(line):
    assert boilerplate_filter().matches(line)


@pytest.mark.parametrize("line", KEPT)
def test_prose_mentioning_the_same_words_is_kept(line):
    assert not boilerplate_filter().matches(line)


def test_table_covers_both_languages_and_every_pattern_compiles_alone():
    import re

    assert {language for language, _, _ in BOILERPLATE} >= {"de", "en"}
    for _, _, pattern in BOILERPLATE:
        re.compile(pattern)


def test_long_lines_are_never_boilerplate():
    line = "Hinweis zu Affiliate-Links: " + "Wort " * (MAX_BOILERPLATE_CHARS // 5)
    assert not boilerplate_filter().matches(line)


@pytest.mark.parametrize(
    ("patterns", "line", "dropped"),
    [
        (["^Zum Seitenanfang$"], "Zum Seitenanfang", True),
        (["^Zum Seitenanfang$"], "Der Weg zum Seitenanfang ist weit.", False),
        (["(?i)^lesezeit:"], "Lesezeit: 5 Minuten", True),
        (["Teaser"], "Ein Teaser-Text", True),  # searched, not anchored, unless the user anchors it
    ],
)
def test_user_patterns_extend_the_table(patterns, line, dropped):
    assert boilerplate_filter(patterns).matches(line) is dropped


def test_invalid_user_pattern_is_an_input_error():
    with pytest.raises(InputError, match=r"boilerplate pattern '\(unclosed' is not a valid regular expression"):
        boilerplate_filter(["(unclosed"])
