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
    # a quote that closed its sentence takes only an inverted cue; a subject first starts a new sentence
    ("closed quote, inverted cue", "de", ["„Wer bezahlt das alles?“ fragte Tom Reuter."], {"Wer bezahlt das": "Tom Reuter"}),
    ("closed quote, comma missing", "de", ["„Das Haus steht noch.“ erklärte Lena Korte."], {"Das Haus steht": "Lena Korte"}),
    ("closed quote, new sentence", "de", ["„Wer bezahlt das alles?“ Eva Sommer fordert Geld vom Land."],
     {"Wer bezahlt das": "unknown"}),
    ("en closed quote, pronoun cue", "en", ['Ms Amy Clarke runs the depot. "Is it open?" she asked.'],
     {"Is it open?": "Amy Clarke"}),
    ("en closed quote, new sentence", "en", ['"Who pays for all this?" The council meets today.'],
     {"Who pays for": "unknown"}),
    # sentence ends that are no abbreviations: a number or a regnal numeral before the full stop
    ("number ends a sentence", "de",
     ["Das Werk baut das Modell 3. Ein Sprecher der Firma Lindenwerk teilte mit: „Wir liefern im Herbst aus.“"],
     {"Wir liefern im": "Sprecher der Firma Lindenwerk"}),
    ("regnal numeral inside a sentence", "de",
     ["Die Helferin Eva Sommer, die Elisabeth II. einmal traf, sagte: „Das war ein großer Tag.“"],
     {"Das war ein": "Eva Sommer"}),
    ("web address inside a sentence", "de", ["„Die Lage ist ruhig“, zitiert ndr.de Polizeisprecher Jan Pohl."],
     {"Die Lage ist": "Jan Pohl"}),
    # verbs of saying: separable verbs joined in a subordinate clause, idioms with a particle, citing
    ("joined separable verb", "de",
     ["Wie Lena Korte mitteilte, sei die Halle „ab Montag wieder für alle Vereine offen“."],
     {"ab Montag wieder": "Lena Korte"}),
    ("verb with a particle later", "de", ["„Wir bleiben hier“, ließ Bürgermeister Jan Pohl verlauten."],
     {"Wir bleiben hier": "Jan Pohl"}),
    ("citing verb with vague subject", "de", ["„Wir bauen eine neue Halle“, zitierte man Jan Pohl."],
     {"Wir bauen eine": "Jan Pohl"}),
    ("cue after wie", "de", ["„Wir bauen eine neue Halle“, wie Jan Pohl betonte."], {"Wir bauen eine": "Jan Pohl"}),
    # the subject before the verb, not the object after it
    ("subject before an object name", "de",
     ["Eva Sommer, die Leiterin des Museums, bat Bürgermeister Jan Pohl, „die Halle noch einen Monat offen zu lassen“."],
     {"die Halle noch": "Eva Sommer"}),
    ("coordinated verb keeps the subject", "de",
     ["In ihrer Rede lobte Eva Sommer die Helfer und nannte Tom Reuter „einen Helden für das ganze Dorf“."],
     {"einen Helden für": "Eva Sommer"}),
    ("reported clause before the verb inverts", "de",
     ["Die Halle sei „viel zu klein für so viele Gäste“, sagte die Leiterin Eva Sommer."],
     {"viel zu klein": "Eva Sommer"}),
    ("nearest full name before the verb", "de",
     ["Bürgermeister Jan Pohl lehnte ab, die Sprecherin der Initiative, Eva Sommer, erklärte: „Wir geben nicht auf.“"],
     {"Wir geben nicht": "Eva Sommer"}),
    # a colon after a clause without a verb of saying: its subject speaks
    ("colon, inverted subject", "de", ["Hier sparte der Bürgermeister nicht mit Kritik: „Das Land lässt uns allein.“"],
     {"Das Land lässt": "Bürgermeister"}),
    ("colon, organisation subject", "de", ["Die Feuerwehr sieht das gelassen: „Wir sind gut vorbereitet.“"],
     {"Wir sind gut": "Feuerwehr"}),
    ("colon, partitive subject", "de",
     ["Einer der beteiligten Feuerwehrmänner sagte: „So ein Feuer habe ich nie gesehen.“"],
     {"So ein Feuer": "Feuerwehrmänner"}),
    # texts speak for whoever wrote them, or for themselves
    ("document without an owner", "de", ["In dem Antrag heißt es wörtlich: „Die Halle wird im Sommer saniert.“"],
     {"Die Halle wird": "Antrag"}),
    ("document of a person", "de", ["Die Kernaussage von Eva Sommer lautete: „Wir bauen neu.“"],
     {"Wir bauen neu.": "Eva Sommer"}),
    # a cue after a later comma of the sentence
    ("cue after the fragment's clause", "de",
     ["Die Halle sei „nicht mehr zu retten“ gewesen, hatte Eva Sommer erklärt."], {"nicht mehr zu": "Eva Sommer"}),
    # reported speech runs on: the subjunctive, or a quote standing alone after a speech act
    ("subjunctive goes on", "de",
     ["Eva Sommer sagte, die Halle sei alt. Es fehle „Geld für ein neues Dach und neue Fenster“."],
     {"Geld für ein": "Eva Sommer"}),
    ("quote alone after a source", "de",
     ["Nach Ansicht von Bürgermeister Jan Pohl ist die Halle zu retten. „Wir haben einen Plan und das Geld dafür.“"],
     {"Wir haben einen": "Jan Pohl"}),
    # a fragment built into the sentence is speech when the sentence names its speaker
    ("fragment with a speaker", "de", ["Eva Sommer sprach von einer „Gefahr für alle Besucher der Halle“."],
     {"Gefahr für alle": "Eva Sommer"}),
    ("fragment without a speaker", "de", ["Die Halle gilt als eine „Gefahr für alle Besucher der Halle“."], {}),
    # descriptions: a plural group, a common noun owner, an age or participle before a name, names like nouns
    ("plural role speaks for itself", "de",
     ["Eva Sommer leitet das Fest. Die Veranstalter verkündeten: „Das Fest findet trotz Regen statt.“"],
     {"Das Fest findet": "Veranstalter"}),
    ("role of a common noun", "de", ["„Das war kein Unfall“, sagte die Anwältin des verletzten Radfahrers."],
     {"Das war kein": "Anwältin"}),
    ("age before a surname", "de",
     ["Ernst Vogt wohnt im Dorf. Der 84-jährige Vogt, der hier geboren ist, hofft, „dass die Halle noch lange stehen bleibt“."],
     {"dass die Halle": "Ernst Vogt"}),
    ("participle before a surname", "de",
     ["Lena Korte lebt in Bonn, Tom Reuter in Köln. „Wir bauen neu“, schrieb die in Köln geborene Korte."],
     {"Wir bauen neu": "Lena Korte"}),
    ("name with a noun ending", "de", ["„Der Acker bleibt“, sagte der Landwirt Paul Jung."], {"Der Acker bleibt": "Paul Jung"}),
    # a cue introducing the next quote does not reach back over it
    ("no sharing back over a cue", "de",
     ["Die Firma findet das ungerecht: „Wir haben nichts falsch gemacht.“ Der Geschäftsführer fragte: „Wer zahlt den Schaden?“"],
     {"Wir haben nichts": "Firma", "Wer zahlt den": "Geschäftsführer"}),
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
    (['"We keep building," said Ray Moss, the site manager.'], "en", "Ray Moss", "male", "the site manager"),
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
