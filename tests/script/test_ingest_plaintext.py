"""Plain text as copied from a web page: title, byline, headings, pull quotes, name lines, boilerplate."""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articlecast.errors import InputError
from articlecast.script.boilerplate import boilerplate_filter
from articlecast.script.decode import clean_text
from articlecast.script.ingest import article_from_text, load_article
from articlecast.script.model import Block

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SAMPLE_DE = REPO / "samples" / "energiegenossenschaft-de.txt"

P1 = "Am Morgen liegt Raureif auf den Wiesen. Die Module glänzen schon."
P2 = "Der Landwirt zeigt nach oben und lacht. „Das hat keiner geglaubt“, sagt er."
P3 = "Im Winter reicht der Strom nicht. Dann hilft das Netz."
LONG_LINE = "Für eine detaillierte Statistik klicken Sie einfach auf die jeweilige Paarung hier unten"


def body(*lines: str) -> str:
    return "Ein Dorf und seine Sonne\n\n" + "\n\n".join(lines) + "\n"


def kinds(article) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in article.blocks]


@pytest.mark.parametrize(
    ("text", "title", "author", "first_block"),
    [
        ("Titel\n\nVon Hanna Mertens\n\n" + P1, "Titel", "Hanna Mertens", P1),
        ("Titel\n\nvon Hanna Mertens\n" + P1, "Titel", "Hanna Mertens", P1),  # teaser on the next line
        ("Titel\nText: Hanna Mertens\n\n" + P1, "Titel", "Hanna Mertens", P1),
        ("Title\n\nBy Daniel Price\n\n" + P1, "Title", "Daniel Price", P1),
        ("Titel\n\nVon Anna Berg und Tom Koch\n\n" + P1, "Titel", "Anna Berg und Tom Koch", P1),
        ("Titel\n\n" + P1 + "\n\nVon Hanna Mertens\n\n" + P2, "Titel", "Hanna Mertens", P1),  # after a teaser
        ("Titel\n\n" + P1, "Titel", None, P1),
    ],
    ids=["Von", "von-teaser", "Text:", "By", "two-authors", "after-teaser", "none"],
)
def test_title_and_byline(text, title, author, first_block):
    article = article_from_text(text)
    assert (article.title, article.author) == (title, author)
    assert article.blocks[0] == Block("paragraph", first_block)
    assert not any("Mertens" in b.text for b in article.blocks)


def test_byline_far_down_the_article_is_prose():
    text = body(P1, P2, P3, "Von Hanna Mertens")
    article = article_from_text(text)
    assert article.author is None
    assert article.blocks[-1].text == "Von Hanna Mertens"


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a heading: short, no final punctuation, between finished paragraphs
        ((P1, "Die Rechnung geht auf", P2), [("paragraph", P1), ("heading", "Die Rechnung geht auf"), ("paragraph", P2)]),
        ((P1, "Hintergrund", P2), [("paragraph", P1), ("heading", "Hintergrund"), ("paragraph", P2)]),
        # ends with punctuation: a sentence
        ((P1, "Die Rechnung geht auf.", P2),
         [("paragraph", P1), ("paragraph", "Die Rechnung geht auf."), ("paragraph", P2)]),
        ((P1, "Was bleibt?", P2), [("paragraph", P1), ("paragraph", "Was bleibt?"), ("paragraph", P2)]),
        # the paragraph before ends with a colon: a list item, not a heading
        (("Das sind die Gründe:", "Hohe Preise", P2),
         [("paragraph", "Das sind die Gründe:"), ("paragraph", "Hohe Preise"), ("paragraph", P2)]),
        # a lone name line is never a heading
        ((P1, "Klaus Rehberg", P2), [("paragraph", P1), ("paragraph", "Klaus Rehberg"), ("paragraph", P2)]),
        # too long for a heading
        ((P1, LONG_LINE, P2), [("paragraph", P1), ("paragraph", LONG_LINE), ("paragraph", P2)]),
        # the last line has nothing after it to head
        ((P1, "Ende der Geschichte"), [("paragraph", P1), ("paragraph", "Ende der Geschichte")]),
        # a heading right under the title/byline has no paragraph before it
        (("Hintergrund", P1), [("paragraph", "Hintergrund"), ("paragraph", P1)]),
    ],
    ids=["heading", "one-word", "full-stop", "question", "after-colon", "name-line", "too-long", "last-line", "first-line"],
)
def test_headings(lines, expected):
    assert kinds(article_from_text(body(*lines))) == expected


def test_heading_separated_by_single_newlines():
    text = f"Titel\n\n{P1}\nDie Rechnung geht auf\n{P2}\n"
    assert kinds(article_from_text(text))[1] == ("heading", "Die Rechnung geht auf")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # quote line + name line; the name is mentioned in the body too
        ((P1 + " Klaus Rehberg lacht.", "Wir haben das geschafft", "Klaus Rehberg", P2),
         [("paragraph", P1 + " Klaus Rehberg lacht."), ("pullquote", "Wir haben das geschafft", "Klaus Rehberg"), ("paragraph", P2)]),
        # a quote line may end with a full stop
        (("Rehberg lacht.", "Wir haben das geschafft.", "Klaus Rehberg", P2),
         [("paragraph", "Rehberg lacht."), ("pullquote", "Wir haben das geschafft.", "Klaus Rehberg"), ("paragraph", P2)]),
        # a dashed attribution line says it outright: no need to mention the name elsewhere
        ((P1, "Wir haben das geschafft", "— Klaus Rehberg", P2),
         [("paragraph", P1), ("pullquote", "Wir haben das geschafft", "Klaus Rehberg"), ("paragraph", P2)]),
    ],
    ids=["name-line", "full-stop", "dash"],
)
def test_pull_quotes(lines, expected):
    got = [(b.kind, b.text, b.speaker) if b.speaker else (b.kind, b.text) for b in article_from_text(body(*lines)).blocks]
    assert got == expected


@pytest.mark.parametrize(
    "lines",
    [
        # the "speaker" is not mentioned anywhere else: a credit line, not a pull quote
        (P1, "Wir haben das geschafft", "Klaus Rehberg", P2),
        # a sign-off under the last paragraph
        ("Rehberg lacht.", P2, "Klaus Rehberg"),
        # two sentences: an ordinary paragraph, followed by a two-word heading
        ("Die Mordserie Bosporus beschäftigt die Polizei.", P1 + " Dann kam der Fall.", "Mordserie Bosporus", P2),
        # the name only occurs in the line above it
        ("Begründung zum Vorentwurf des Bebauungsplans", "Planerischer Vorentwurf", P2),
    ],
    ids=["unknown-name", "sign-off", "two-sentences", "name-only-in-quote"],
)
def test_not_pull_quotes(lines):
    assert all(b.kind != "pullquote" for b in article_from_text(body(*lines)).blocks)


def test_wrapped_lines_are_joined_into_one_paragraph():
    text = "Titel\n\nAb sofort kann das Bundesamt für Bevölkerungsschutz und\nKatastrophenhilfe warnen,\n(BBK) per Mobilfunk.\n"
    assert kinds(article_from_text(text)) == [
        ("paragraph", "Ab sofort kann das Bundesamt für Bevölkerungsschutz und Katastrophenhilfe warnen, (BBK) per Mobilfunk.")
    ]


def test_single_newlines_separate_paragraphs():
    text = f"Titel\n\n{P1}\n{P2}\n{P3}\n"
    assert kinds(article_from_text(text)) == [("paragraph", P1), ("paragraph", P2), ("paragraph", P3)]


def test_boilerplate_lines_are_dropped_and_recorded():
    text = ("Hinweis zu Affiliate-Links: Wir erhalten eine Provision.\n\nTitel\n\nvon Hanna Mertens\n" + P1
            + "\n\nicon_cookie\n\nCookies verwalten\n\n" + P2 + "\n\nGQ Empfiehlt\n")
    article = article_from_text(text)
    assert article.title == "Titel"
    assert kinds(article) == [("paragraph", P1), ("paragraph", P2)]
    assert article.dropped == ("Hinweis zu Affiliate-Links: Wir erhalten eine Provision.", "icon_cookie",
                               "Cookies verwalten", "GQ Empfiehlt")


def test_internal_quotes_are_untouched():
    paragraph = "„Wir haben es geschafft“, sagt er. \"Really\" – 'ja'."
    assert article_from_text(body(paragraph)).blocks[0].text == paragraph


def test_sample_article_de():
    article = load_article(str(SAMPLE_DE))
    assert article.title == "Strom vom Scheunendach: Wie ein Dorf seine Energie selbst erzeugt"
    assert article.author == "Hanna Mertens"
    assert article.language == "de"
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["Die Rechnung der Bürger geht auf",
                                                                     "Ein Speicher für die Nacht"]
    pulls = [b for b in article.blocks if b.kind == "pullquote"]
    assert [(b.text[:25], b.speaker) for b in pulls] == [("Wir wollten nicht zusehen", "Klaus Rehberg")]
    assert article.dropped == ("Um diese Inhalte zu sehen, akzeptieren Sie bitte unsere Cookies.",
                               "Newsletter abonnieren", "Mehr zum Thema")
    assert_every_line_kept(SAMPLE_DE.read_text(encoding="utf-8"), article)


def assert_every_line_kept(text: str, article) -> None:
    """Each non-empty line is the title, the byline, a block (or part of one), a speaker or dropped."""
    spoken = [article.title, *(b.text for b in article.blocks), *(b.speaker for b in article.blocks if b.speaker),
              *article.dropped]
    for line in filter(None, (line.strip() for line in text.splitlines())):
        assert any(line in s for s in spoken) or (article.author and line.endswith(article.author)), line


def test_seed_fixture_matches_the_gold_file():
    article_path = SHARED / "fixtures" / "china-tech-de.txt"
    gold_path = SHARED / "fixtures" / "china-tech-de.expected.json"
    if not article_path.exists() or not gold_path.exists():
        pytest.skip("the shared seed fixture is not there")
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    article = load_article(str(article_path))
    assert (article.title, article.author, article.language) == (gold["title"], gold["author"], gold["language"])
    assert [b.text for b in article.blocks if b.kind == "heading"] == gold["chapters"]
    pulls = [b for b in article.blocks if b.kind == "pullquote"]
    starts = gold["pull_quotes_spoken_exactly_once"]  # the first words of each pull quote, in order
    assert len(pulls) == len(starts)
    assert all(b.text.startswith(start) for b, start in zip(pulls, starts, strict=True))
    speakers = {q["starts"]: q["speaker"] for q in gold["quotes"]}
    assert [b.speaker for b in pulls] == [speakers[start] for start in starts]
    for junk in gold["never_read"]:
        assert not any(junk in b.text for b in article.blocks), junk
        assert any(d.startswith(junk) for d in article.dropped), junk
    assert_every_line_kept(article_path.read_text(encoding="utf-8"), article)


@pytest.mark.parametrize("split", ["gnqa-dev", "gnqa-train"])
def test_corpus_sentences_stay_paragraphs(split):
    """Corpus articles (title, blank line, body): no sentence becomes a heading, nothing is dropped but
    link-list furniture, no pull quote is invented, and every character is kept."""
    files = sorted((SHARED / "data" / split).glob("*.json"))
    if not files:
        pytest.skip("the shared corpus is not there")
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        text = f"Titel\n\n{doc['originalText'].strip()}\n"
        article = article_from_text(text, source=path.name)
        assert not [b for b in article.blocks if b.kind == "pullquote"], path.name
        for block in article.blocks:
            if block.kind == "heading":
                assert not block.text.endswith((".", "!", "?", ":", "“", '"')) and len(block.text.split()) <= 10
        assert all(len(d) < 60 for d in article.dropped), (path.name, article.dropped)
        assert_same_characters(text, article)


def assert_same_characters(text: str, article) -> None:
    got = Counter(re.sub(r"\s", "", "".join([article.title, article.author or "", *article.dropped,
                                              *(b.text + (b.speaker or "") for b in article.blocks)])))
    want = Counter(re.sub(r"\s", "", clean_text(text)))
    if article.author:  # the byline's "Von"/"By" is the only text that goes away
        want -= Counter(re.sub(r"\s", "", text.split(article.author)[0].splitlines()[-1]))
    assert got == want


LINE = st.text(alphabet=st.sampled_from("abcdeäöüß ABCDÄÖÜ.,:;!?„“\"'–-()0123456789"), max_size=60)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(LINE, st.just(""), st.sampled_from(["Klaus Rehberg", "Anzeige", "icon_x", "Von Anna Berg"])),
                min_size=1, max_size=25))
def test_every_character_is_in_a_block_or_dropped(lines):
    text = "\n".join(lines)
    filter_ = boilerplate_filter()
    if all(filter_.matches(line) or not line.strip() for line in lines):
        with pytest.raises(InputError):
            article_from_text(text)
        return
    assert_same_characters(text, article_from_text(text))
