"""The narration script: segment order and kinds, chapters, stable ids, every word spoken once."""
from __future__ import annotations

import json
import re

import pytest

from articlecast.script.model import Article, Block
from articlecast.script.narrate import make_script
from tests.conftest import SEED_GOLD

WORD = re.compile(r"\w+")


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def build(*blocks: Block, author: str | None = "Ina Berg", language: str = "de") -> Article:
    return Article("Ein Dorf baut Boote", author, language, "-", blocks)


P = lambda text: Block("paragraph", text)  # noqa: E731 - a table of blocks reads better this way


def test_segment_kinds_chapters_and_ids() -> None:
    art = build(P("Am See wird gebaut."), Block("heading", "Die Werft"),
                P("„Holz hält ewig“, sagt Tom Reuter."), Block("heading", "Der Markt"), P("Es gibt Käufer."))
    script = make_script(art)
    rows = [(s.id, s.kind, s.speaker, s.text, s.chapter) for s in script.segments]
    assert rows == [
        ("s0001", "title", "narrator", "Ein Dorf baut Boote", 0),
        ("s0002", "byline", "narrator", "Von Ina Berg", 0),
        ("s0003", "narration", "narrator", "Am See wird gebaut.", 0),
        ("s0004", "heading", "narrator", "Die Werft", 1),
        ("s0005", "quote", "Tom Reuter", "Holz hält ewig", 1),
        ("s0006", "narration", "narrator", ", sagt Tom Reuter.", 1),
        ("s0007", "heading", "narrator", "Der Markt", 2),
        ("s0008", "narration", "narrator", "Es gibt Käufer.", 2),
    ]
    assert script.chapter_titles() == ["Ein Dorf baut Boote", "Die Werft", "Der Markt"]
    assert make_script(art) == script  # same article, same script, same ids


@pytest.mark.parametrize("author, language, byline", [
    ("Ina Berg", "de", "Von Ina Berg"), ("Dan Price", "en", "By Dan Price"), (None, "de", None),
])
def test_byline(author: str | None, language: str, byline: str | None) -> None:
    found = [s.text for s in make_script(build(P("Text."), author=author, language=language)).segments
             if s.kind == "byline"]
    assert found == ([byline] if byline else [])


@pytest.mark.parametrize("paragraph", [
    "„Holz hält ewig.“ „Stahl rostet.“",  # two quotes with only a space between
    "Er sagte: „Holz hält ewig“. Dann ging er.",  # a full stop after the closing mark
    "„Holz hält ewig“ – „und Stahl rostet“, sagt Tom Reuter.",  # a dash between quotes
    "— „Holz hält ewig“, sagt Tom Reuter.",  # punctuation before the first quote
    "„Holz“, „Stahl“, „Glas“.",  # scare quotes only
])
def test_no_segment_without_words_and_no_word_lost(paragraph: str) -> None:
    script = make_script(build(P(paragraph)))
    body = [s for s in script.segments if s.kind in ("narration", "quote")]
    assert all(WORD.search(s.text) for s in script.segments)
    assert words(" ".join(s.text for s in body)) == words(paragraph)


def test_quote_text_has_no_marks_and_narration_keeps_the_cue() -> None:
    script = make_script(build(P("„Holz hält ewig“, sagt Tom Reuter.")))
    quote, cue = script.segments[2:]
    assert (quote.kind, quote.text) == ("quote", "Holz hält ewig")
    assert (cue.kind, cue.speaker, cue.text) == ("narration", "narrator", ", sagt Tom Reuter.")


def test_scare_quotes_stay_with_the_narrator() -> None:
    script = make_script(build(P("Die Firma nennt die Boote „Dachgärten“ und plant einen „grünen Hafen“.")))
    assert [s.kind for s in script.segments[2:]] == ["narration"]


@pytest.mark.parametrize("paragraph, quotes", [
    # the sentence names who spoke: the fragment is theirs
    ("Tom Reuter sprach von einer „Gefahr für alle Boote im Hafen“ und ging.", [("Tom Reuter", "Gefahr für alle Boote im Hafen")]),
    # nobody speaks in the sentence: the fragment stays with the narrator
    ("Der Hafen gilt als eine „Gefahr für alle Boote im Sturm“ und wird gesperrt.", []),
])
def test_fragment_is_a_quote_only_with_a_speaker(paragraph: str, quotes: list[tuple[str, str]]) -> None:
    script = make_script(build(P(paragraph)))
    body = [s for s in script.segments if s.kind in ("narration", "quote")]
    assert [(s.speaker, s.text) for s in body if s.kind == "quote"] == quotes
    assert words(" ".join(s.text for s in body)) == words(paragraph)  # every word read once, marks aside


def test_unclosed_quote_does_not_swallow_the_article() -> None:
    art = build(P("„Wir bauen jeden Tag ein Boot, sagt Tom Reuter. Die Werft hat zehn Leute."),
                P("Im Winter ruht die Arbeit."))
    script = make_script(art)
    quote = next(s for s in script.segments if s.kind == "quote")
    assert quote.text == "Wir bauen jeden Tag ein Boot"
    assert script.segments[-1].text == "Im Winter ruht die Arbeit." and script.segments[-1].speaker == "narrator"


def test_quote_over_two_paragraphs() -> None:
    art = build(P("Tom Reuter erzählt: „Im Winter war es still."), P("„Im Frühling kamen die Gäste.“"))
    quotes = [(s.speaker, s.text) for s in make_script(art).segments if s.kind == "quote"]
    assert quotes == [("Tom Reuter", "Im Winter war es still."), ("Tom Reuter", "Im Frühling kamen die Gäste.")]


def test_pull_quote_repeating_the_body_is_spoken_once() -> None:
    art = build(P("„Holz hält ewig“, sagt Tom Reuter."), Block("pullquote", "Holz hält ewig", "Tom Reuter"),
                P("Die Werft wächst."))
    spoken = " ".join(s.text for s in make_script(art).segments)
    assert spoken.count("Holz hält ewig") == 1


def test_pull_quote_not_in_the_body_is_read_in_its_speakers_voice() -> None:
    art = build(P("Tom Reuter baut Boote. „Holz hält ewig“, sagt Reuter."),
                Block("pullquote", "Jedes Boot ist ein Unikat", "Tom Reuter"), P("Die Werft wächst."))
    segments = make_script(art).segments
    pull = [(s.kind, s.speaker, s.chapter) for s in segments if s.text == "Jedes Boot ist ein Unikat"]
    assert pull == [("quote", "Tom Reuter", 0)]
    assert segments[-1].text == "Die Werft wächst."  # read where it stands


def test_cast_holds_narrator_and_each_speaker_once() -> None:
    art = build(P("„Holz hält ewig“, sagt Tom Reuter. „Stahl rostet“, sagt Reuter."),
                P("„Wir kaufen trotzdem“, sagt die Kundin Eva Sommer."))
    script = make_script(art)
    assert set(script.cast) == {"narrator", "Tom Reuter", "Eva Sommer"}
    assert script.speakers() == ["Tom Reuter", "Eva Sommer"]
    assert script.cast["Eva Sommer"].gender == "female"


def test_seed_article_meets_the_editors_expectations(seed_article) -> None:
    """The checks of ../shared/eval/seed_check.py, run in-process on the user's sample article."""
    from articlecast.script.ingest import load_article

    gold = json.loads(SEED_GOLD.read_text(encoding="utf-8"))
    script = make_script(load_article(str(seed_article)))
    key = lambda text: " ".join(words(text.replace("\u00ad", "")))  # noqa: E731
    spoken = " ".join(key(s.text) for s in script.segments)
    assert (script.title, script.author) == (gold["title"], gold["author"])
    assert {key(s.text) for s in script.segments if s.kind == "heading"} >= {key(c) for c in gold["chapters"]}
    assert not [junk for junk in gold["never_read"] if key(junk) in spoken]
    assert {pq: spoken.count(key(pq)) for pq in gold["pull_quotes_spoken_exactly_once"]} == \
        {pq: 1 for pq in gold["pull_quotes_spoken_exactly_once"]}
    for q in gold["quotes"]:
        surname = key(q["speaker"]).split()[-1]
        hits = [s.speaker for s in script.segments if key(q["starts"]) in key(s.text)]
        assert any(surname in key(h) for h in hits), (q["starts"], hits)
    for fragment in gold["narrator_keeps"]:
        assert any(s.speaker == "narrator" and key(fragment) in key(s.text) for s in script.segments), fragment
    assert len(script.speakers()) == gold["distinct_speakers"]
