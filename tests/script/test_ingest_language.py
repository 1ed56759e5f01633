"""Language detection from function words; the user's choice overrides it."""
from __future__ import annotations

import pytest

from articlecast.script.ingest import article_from_text
from articlecast.script.language import detect_language, normalize_language


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Der Bürgermeister sagte, dass die Gemeinde das Geld für die Schule nicht hat.", "de"),
        ("The mayor said that the town does not have the money for the school.", "en"),
        ("Die Anlage ist nicht teuer, und sie wird von den Bürgern betrieben.", "de"),
        ("It was the best of times, it was the worst of times.", "en"),
        ("Angela Merkel in Washington: Treffen mit dem Präsidenten", "de"),
        ("", "de"),  # nothing to count: the default
        ("12.03.2024 – 1.850 MWh", "de"),
    ],
)
def test_detect_language(text, language):
    assert detect_language(text) == language


@pytest.mark.parametrize(("given", "expected"), [("de", "de"), ("EN", "en"), ("de-AT", "de"), ("en_GB", "en")])
def test_normalize_language(given, expected):
    assert normalize_language(given) == expected


def test_language_argument_overrides_detection():
    text = "A Title\n\nThe mayor said that the town does not have the money for the school.\n"
    assert article_from_text(text).language == "en"
    assert article_from_text(text, language="de").language == "de"
