"""Markdown: `#` title, `##` headings, `>` quotes with "— Name" as pull quotes, inline markup removed."""
from __future__ import annotations

from pathlib import Path

import pytest

from articlecast.script.ingest import article_from_text, load_article
from articlecast.script.markdown import inline_text
from articlecast.script.model import Block

SAMPLE_EN = Path(__file__).resolve().parents[2] / "samples" / "library-night-en.md"
P1 = "The ferry leaves at eleven. The captain has never been late."
P2 = "Most passengers sleep. A few stand at the rail."


def md(*parts: str) -> list[Block]:
    return list(article_from_text("\n\n".join(parts) + "\n", fmt="markdown").blocks)


@pytest.mark.parametrize(
    ("markup", "text"),
    [
        ("**bold** and __strong__", "bold and strong"),
        ("*italic* and _emphasis_", "italic and emphasis"),
        ("icon_cookie and snake_case_name stay", "icon_cookie and snake_case_name stay"),
        ("5 * 3 * 2 = 30", "5 * 3 * 2 = 30"),
        ("a [link](https://example.org) here", "a link here"),
        ("a [reference][1] link", "a reference link"),
        ("no ![picture](a.png) read", "no read"),
        ("`code` span", "code span"),
        ("an <em>inline</em> tag", "an inline tag"),
        ("a <!-- hidden --> comment", "a comment"),
        (r"\*literal\* stars and a\_b", "*literal* stars and a_b"),
        ("[[[ unclosed", "[[[ unclosed"),
    ],
)
def test_inline_markup(markup, text):
    assert inline_text(markup) == text


def test_title_byline_headings_and_paragraphs():
    article = article_from_text(f"# The Ferry\n\nBy Ada Lovett\n\n{P1}\n\n## In the dark\n\n{P2}\n", fmt="markdown")
    assert (article.title, article.author, article.language) == ("The Ferry", "Ada Lovett", "en")
    assert list(article.blocks) == [Block("paragraph", P1), Block("heading", "In the dark"), Block("paragraph", P2)]


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (("# T", P1, "> The water tells you everything.\n>\n> — Ruben Moss", P2),
         [Block("paragraph", P1), Block("pullquote", "The water tells you everything.", "Ruben Moss"), Block("paragraph", P2)]),
        (("# T", P1, "> The water tells you everything.\n\n— Ruben Moss", P2),  # attribution after the quote
         [Block("paragraph", P1), Block("pullquote", "The water tells you everything.", "Ruben Moss"), Block("paragraph", P2)]),
        (("# T", P1, "> The water tells you everything.\n> — Ruben Moss, captain", P2),
         [Block("paragraph", P1), Block("pullquote", "The water tells you everything.", "Ruben Moss"), Block("paragraph", P2)]),
        (("# T", P1, "> A quoted passage without a name.", P2),  # no attribution: ordinary text
         [Block("paragraph", P1), Block("paragraph", "A quoted passage without a name."), Block("paragraph", P2)]),
    ],
    ids=["inside", "after", "with-role", "no-attribution"],
)
def test_blockquotes(parts, expected):
    assert md(*parts) == expected


def test_setext_headings_lists_rules_and_later_h1():
    text = (f"The Ferry\n=========\n\n{P1}\n\nIn the dark\n-----------\n\n- first item\n- second item\n\n---\n\n"
            f"# Epilogue\n\n{P2}\n")
    article = article_from_text(text, fmt="markdown")
    assert article.title == "The Ferry"
    assert list(article.blocks) == [Block("paragraph", P1), Block("heading", "In the dark"),
                                    Block("paragraph", "first item"), Block("paragraph", "second item"),
                                    Block("heading", "Epilogue"), Block("paragraph", P2)]


def test_soft_wrapped_lines_form_one_paragraph():
    assert md("# T", "The ferry leaves\nat eleven.") == [Block("paragraph", "The ferry leaves at eleven.")]


def test_boilerplate_lines_are_dropped():
    article = article_from_text(f"# T\n\n{P1}\n\n**Read more**\n\n[Share this article](https://x.org/share)\n\n{P2}\n",
                                fmt="markdown")
    assert list(article.blocks) == [Block("paragraph", P1), Block("paragraph", P2)]
    assert article.dropped == ("Read more", "Share this article")


def test_sample_article_en():
    article = load_article(str(SAMPLE_EN))
    assert (article.title, article.author, article.language) == ("The Library That Never Sleeps", "Daniel Price", "en")
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["Open for everyone, all the time",
                                                                     "What the numbers say"]
    assert [(b.text, b.speaker) for b in article.blocks if b.kind == "pullquote"] == [
        ("The building was already there.", "Margaret Hale")]
    assert article.blocks[0].text.startswith("A small-town library opened its doors")  # the *teaser*, unstarred
    assert not any("*" in b.text or "#" in b.text or b.text.startswith(">") for b in article.blocks)
