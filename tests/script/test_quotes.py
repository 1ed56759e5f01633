"""Quote spans: which marks open and close, what an apostrophe is, where an unclosed quote ends."""
from __future__ import annotations

import pytest

from articlecast.script.cues import SPEECH_VERBS, TERM_INTRODUCERS, TITLE_MINOR_WORDS
from articlecast.script.quotes import find_quotes, is_speech, opens_with_quote, quote_kind


def quoted(text: str, language: str = "de", runs_on: bool = False) -> list[str]:
    return [text[s.text_start:s.text_end] for s in find_quotes(text, language, runs_on)]


@pytest.mark.parametrize("text, language, expected", [
    ("„Der Zug ist voll“, sagt Ina.", "de", ["Der Zug ist voll"]),
    ("‚Wir gehen‘, sagt Ina.", "de", ["Wir gehen"]),
    ("»Der Zug ist voll«, sagt Ina.", "de", ["Der Zug ist voll"]),
    ("«Der Zug ist voll», sagt Ina.", "de", ["Der Zug ist voll"]),
    ("“The train is full,” says Ina.", "en", ["The train is full,"]),
    ('"The train is full," says Ina.', "en", ["The train is full,"]),
    ("‘The train is full,’ says Ina.", "en", ["The train is full,"]),
    # “ closes a German quote after „ and opens an English one
    ("„Eins“ und “two”", "de", ["Eins", "two"]),
    # apostrophes and the comma look-alike ‚ open nothing
    ("I don’t know Ina’s train.", "en", []),
    ("Ina‚ die Fahrerin‚ kam spät.", "de", []),
    ("the drivers’ union said ‘no’ twice", "en", ["no"]),
    # a quote inside a quote stays inside
    ("„Er rief ‚Halt!‘ und ging“, sagt Ina.", "de", ["Er rief ‚Halt!‘ und ging"]),
    ("“He shouted ‘stop’ and left,” Ina said.", "en", ["He shouted ‘stop’ and left,"]),
    # ... also in the same marks, when every inner quote closes
    ("„Wir bauen „Kleine Häuser“ am Fluss. Das ist gut“, sagt Ina.", "de", ["Wir bauen „Kleine Häuser“ am Fluss. Das ist gut"]),
    ("»Sie nannte es »Irrsinn« und ging«, sagt Ina.", "de", ["Sie nannte es »Irrsinn« und ging"]),
])
def test_marks(text: str, language: str, expected: list[str]) -> None:
    assert quoted(text, language) == expected


@pytest.mark.parametrize("text, runs_on, expected", [
    # left open, a speech verb after a comma ends it; the cue stays with the narrator
    ("„Wir sind schnell. Andere sind schnellerTom Rau, fasst Ina Berg zusammen. „Das bleibt so.“", False,
     ["Wir sind schnell. Andere sind schnellerTom Rau", "Das bleibt so."]),
    # left open, the next opening mark ends it
    ("„Erstens stimmt das nicht. „Zweitens auch nicht.“", False, ["Erstens stimmt das nicht.", "Zweitens auch nicht."]),
    # left open, the paragraph's end ends it
    ("Sie sagte: „Das war alles", False, ["Das war alles"]),
    # a quote running on into the next paragraph keeps its cue words
    ("„Das geht weiter, sagt man, bis zum Ende", True, ["Das geht weiter, sagt man, bis zum Ende"]),
])
def test_unclosed_quotes_are_bounded(text: str, runs_on: bool, expected: list[str]) -> None:
    assert quoted(text, runs_on=runs_on) == expected


@pytest.mark.parametrize("text, expected", [
    ("„Weiter geht es.", True),
    ("  »Weiter«", True),
    ("Weiter „geht“ es.", False),
    ("’Tis the season.", False),
])
def test_paragraph_opening_with_a_quote(text: str, expected: bool) -> None:
    assert opens_with_quote(text) is expected


@pytest.mark.parametrize("text, language, speech", [
    ("Sie nennen es „BAT“ – drei Firmen.", "de", False),  # one word
    ("Die Verbreitung von Online-„Gerüchten“ wird bestraft.", "de", False),  # glued by a hyphen
    ("Die Stadt plant einen „grünen Ring“ am Fluss.", "de", False),  # article + short term
    ("Algorithmen prüfen die „Vertrauenswürdigkeit aller Bürger“ täglich.", "de", False),
    ("They call it “the night shift” now.", "en", False),
    ("„Das geht so nicht“, sagt Ina.", "de", True),  # short but a whole clause with its cue
    ("„Wir fahren morgen nach Hause“, sagt Ina.", "de", True),
    ("Sie sagte, die Lage sei „ernst, aber nicht hoffnungslos und lösbar“.", "de", True),
    ("“We open at nine,” she said.", "en", True),
])
def test_speech_or_term(text: str, language: str, speech: bool) -> None:
    span = find_quotes(text, language)[0]
    assert is_speech(text, span, TERM_INTRODUCERS[language], SPEECH_VERBS[language]) is speech


@pytest.mark.parametrize("text, language, kind", [
    ("Sie sprach von einer „Gefahr für alle Besucher der Halle“.", "de", "fragment"),  # article + a few words
    ("She warned of a “danger to every visitor here” at night.", "en", "fragment"),
    ("Die Stadt plant einen „grünen Ring“ am Fluss.", "de", "term"),  # too short to be anyone's words
    ("Die Initiative „Rettet Die Alte Stadthalle Jetzt“ sammelt Geld.", "de", "term"),  # every word capitalised: a name
    ("Die Firma „Nord Süd Bau GmbH 2020“ baut.", "de", "term"),
    ("Sie sagte, die Lage sei „ernst, aber nicht hoffnungslos und lösbar“.", "de", "speech"),
    ("Sie sprach von einer „Gefahr für alle Besucher, die in der Halle sitzen“.", "de", "speech"),  # too long for a term
])
def test_fragments_wait_for_their_sentence(text: str, language: str, kind: str) -> None:
    span = find_quotes(text, language)[0]
    assert quote_kind(text, span, TERM_INTRODUCERS[language], SPEECH_VERBS[language]) == kind


@pytest.mark.parametrize("text, language, kind", [
    # titles of works keep their minor words in lower case: still titles, read by the narrator
    ('The historian wrote an essay, "The Case for Orchards," which the journal printed.', "en", "term"),
    ('Later she read "A Room of One\'s Own" on stage.', "en", "term"),
    ('He called the plan "Bridges for the Valley and the Coast" at the meeting.', "en", "term"),
    # speech stays speech: lower-case words that are no minor title words, or a whole sentence with its cue
    ('"We open the doors for everyone at nine," she said.', "en", "speech"),
    ('"The Case Is Closed for Now," the mayor said.', "en", "speech"),
    # German has no minor title words here: a German clause is not taken for a title
    ("Er sagte, das sei „Das Ende von Allem und für Alle“.", "de", "speech"),
])
def test_titles_with_minor_words_are_terms(text: str, language: str, kind: str) -> None:
    span = find_quotes(text, language)[0]
    assert quote_kind(text, span, TERM_INTRODUCERS[language], SPEECH_VERBS[language], TITLE_MINOR_WORDS[language]) == kind
