"""Who speaks each quote: one small self-written paragraph per attribution rule."""
from __future__ import annotations

from pathlib import Path

import pytest

from articlecast.script.model import Article, Block
from articlecast.script.narrate import make_script
from tests.conftest import SAMPLES


def article(*paragraphs: str, language: str = "de") -> Article:
    return Article("Titel", None, language, "-", tuple(Block("paragraph", p) for p in paragraphs))


def speakers_of(art: Article) -> dict[str, str]:
    """First three words of each quote -> its speaker."""
    return {" ".join(s.text.split()[:3]): s.speaker for s in make_script(art).segments if s.kind == "quote"}


CASES = [
    # speech verb after the quote, the surname maps to the full name given before
    ("surname after verb", "de",
     ["Die Bäckerin Lena Korte öffnet um fünf. „Brot backt sich nicht allein“, sagt Korte."],
     {"Brot backt sich": "Lena Korte"}),
    # the name at first mention, with a description in front that is not part of it
    ("description before name", "de",
     ["„Die Preise steigen weiter“, sagt der Kölner Marktforscher Paul Weber."],
     {"Die Preise steigen": "Paul Weber"}),
    ("role compound before name", "de",
     ["„Wir liefern im Mai“, sagt Logistik-Expertin Dana Brandt."], {"Wir liefern im": "Dana Brandt"}),
    ("genitive and role before name", "de",
     ["„Der Markt wächst“, sagt Bahntecs Vertriebschef Olaf Sand."], {"Der Markt wächst": "Olaf Sand"}),
    # separable verb with its particle later in the sentence
    ("separable verb", "de",
     ["Olaf Sand leitet den Vertrieb. „Nicht jeder Auftrag lohnt sich“, schränkt Sand ein."],
     {"Nicht jeder Auftrag": "Olaf Sand"}),
    # the verb introduces the quote with a colon
    ("verb before colon", "de",
     ["Die Ärztin Maria Lenz sagte am Montag: „Die Station ist voll belegt.“"], {"Die Station ist": "Maria Lenz"}),
    ("so X", "de", ["„Das Dach hält noch zehn Jahre“, so Architekt Jan Pohl."], {"Das Dach hält": "Jan Pohl"}),
    # a pronoun points back to the last person of that gender
    ("pronoun", "de",
     ["Tom Reuter baut Boote. Seine Werft liegt am See. „Holz ist besser als Kunststoff“, erklärt er."],
     {"Holz ist besser": "Tom Reuter"}),
    # a description points back to the person named in the paragraph
    ("descriptor", "de",
     ["Greta Voss hat die Werkstatt gegründet. „Am Anfang hatten wir nichts“, sagt die 41-Jährige."],
     {"Am Anfang hatten": "Greta Voss"}),
    # a second quote without a cue shares the speaker of the first
    ("shared speaker", "de",
     ["„Wir sind zufrieden“, sagt Greta Voss. „Nächstes Jahr wollen wir wachsen.“"],
     {"Wir sind zufrieden": "Greta Voss", "Nächstes Jahr wollen": "Greta Voss"}),
    # ... but not when someone else is named between them
    ("no sharing across other people", "de",
     ["„Wir sind zufrieden“, sagt Greta Voss. Tim Hahn und Jana Wolf sehen das anders. „Es fehlt Personal.“"],
     {"Wir sind zufrieden": "Greta Voss", "Es fehlt Personal.": "unknown"}),
    # an uncued quote after a sentence about one person is that person's
    ("paragraph about one person", "de",
     ["Jana Wolf führt die Küche seit zehn Jahren. „Ohne frische Kräuter geht hier gar nichts.“"],
     {"Ohne frische Kräuter": "Jana Wolf"}),
    # apposition after a description: the name wins
    ("apposition", "de",
     ["„Die Mitglieder haben entschieden“, sagte der Vorsitzende des Vereins, Karl Brenner."],
     {"Die Mitglieder haben": "Karl Brenner"}),
    # organisations speak in news
    ("organisation", "de", ["„Die Straße bleibt bis Freitag gesperrt“, teilte die Polizei mit."],
     {"Die Straße bleibt": "Polizei"}),
    # a quote nobody is named for stays unknown rather than guessed
    ("no cue", "de", ["Es regnet seit Tagen. „Das Wasser steht im Keller.“"], {"Das Wasser steht": "unknown"}),
    ("vague speaker", "de", ["„Das wird teuer“, sagt man im Dorf."], {"Das wird teuer": "unknown"}),
    # English: verb before or after the name, pronouns, "according to"
    ("en said after name", "en",
     ['Nurse Amy Clarke works nights. "Nobody sleeps here," Clarke said.'], {"Nobody sleeps here,": "Amy Clarke"}),
    ("en says before name", "en",
     ['"We need more buses," says Peter Long, the city\'s transport director.'], {"We need more": "Peter Long"}),
    ("en pronoun", "en",
     ['Peter Long runs the depot. "Drivers are hard to find," he says.'], {"Drivers are hard": "Peter Long"}),
    ("en according to", "en",
     ['Peter Long runs the depot. According to Long, the buses are "older than most of our drivers today."'],
     {"older than most": "Peter Long"}),
]


@pytest.mark.parametrize("name, language, paragraphs, expected", CASES, ids=[c[0] for c in CASES])
def test_attribution(name: str, language: str, paragraphs: list[str], expected: dict[str, str]) -> None:
    assert speakers_of(article(*paragraphs, language=language)) == expected


def test_quote_running_over_two_paragraphs_keeps_its_speaker() -> None:
    art = article("Ina Roth erzählt: „Im Winter war es still. Keiner kam vorbei.",
                  "„Erst im Frühling kamen die Gäste zurück.“")
    assert speakers_of(art) == {"Im Winter war": "Ina Roth", "Erst im Frühling": "Ina Roth"}


@pytest.mark.parametrize("paragraphs, language, name, gender, description", [
    (["„Wir bauen weiter“, sagt Bürgermeisterin Eva Sommer."], "de", "Eva Sommer", "female", "Bürgermeisterin"),
    (["„Wir bauen weiter“, sagt der Bauleiter Uwe Kranz."], "de", "Uwe Kranz", "male", "der Bauleiter"),
    (["Uwe Kranz leitet die Baustelle. „Wir bauen weiter“, sagt er."], "de", "Uwe Kranz", "male", None),
    (["Frau Lea Busch ist Ärztin. „Wir bauen weiter“, sagt Busch."], "de", "Lea Busch", "female", None),
    (['Ms Kay Dunn chairs the board. "We keep building," Dunn said.'], "en", "Kay Dunn", "female", None),
    (['"We keep building," said Ray Moss, the site manager.'], "en", "Ray Moss", None, "the site manager"),
])
def test_cast_member(paragraphs: list[str], language: str, name: str, gender: str | None,
                     description: str | None) -> None:
    cast = make_script(article(*paragraphs, language=language)).cast
    assert "narrator" in cast
    member = cast[name]
    assert (member.gender, member.description) == (gender, description)


@pytest.mark.parametrize("sample, speakers, narrator_words", [
    ("energiegenossenschaft-de.txt", {"Klaus Rehberg", "Sabine Okafor", "Jonas Feld"}, ["Dachgärten"]),
    ("library-night-en.md", {"Margaret Hale", "Tom Okoro", "Ruth Delgado"}, []),
])
def test_samples(sample: str, speakers: set[str], narrator_words: list[str]) -> None:
    from articlecast.script.ingest import load_article

    script = make_script(load_article(str(Path(SAMPLES) / sample)))
    assert set(script.speakers()) == speakers
    assert "unknown" not in {s.speaker for s in script.segments}
    for word in narrator_words:
        assert any(s.speaker == "narrator" and word in s.text for s in script.segments)
