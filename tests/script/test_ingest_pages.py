"""Real-world page shapes, on small pages written for these tests: clutter, title and author from
the page's metadata, pages that are no article, and HTML recognised whatever the file is called."""
from __future__ import annotations

import gzip
import json
import re

import pytest
from click.testing import CliRunner

from articlecast.cli import cli
from articlecast.errors import InputError
from articlecast.script import ingest
from articlecast.script.ingest import article_from_text, load_article

P1 = ("Am Montagmorgen legte die neue Fähre zum ersten Mal in Lindenhain an, begleitet von einer Blaskapelle und "
      "einem Dutzend Schaulustiger, die trotz des Regens am Kai ausgeharrt hatten.")
P2 = ("Die Gemeinde hatte sieben Jahre lang um das Schiff gestritten. Am Ende gab eine Stimme im Rat den Ausschlag, "
      "und die Kosten teilen sich nun drei Dörfer am See, wie der Bürgermeister betonte.")
P3 = ("Kapitänin Mara Lindqvist fährt die Strecke seit zwanzig Jahren. Sie sagt, das neue Schiff sei leiser und "
      "sparsamer, nur die Rampe müsse man noch besser einstellen, bevor der Winter kommt.")
P4 = ("Bis zum Frühjahr fährt die Fähre im Stundentakt. Danach soll ein zweites Schiff dazukommen, wenn die "
      "Fahrgastzahlen so bleiben, wie sie in den ersten Tagen waren.")
BODY = (P1, P2, P3, P4)


def page(body: str, *, head: str = "", title: str = "Neue Fähre für Lindenhain | Seeblatt",
         kind: str | None = "article", site: str | None = "Seeblatt") -> str:
    meta = (f'<meta property="og:type" content="{kind}">' if kind else "") + (
        f'<meta property="og:site_name" content="{site}">' if site else "")
    return (f"<!DOCTYPE html><html lang='de'><head><meta charset='utf-8'><title>{title}</title>{meta}{head}</head>"
            f"<body><nav><a href='/'>Start</a> <a href='/lokal'>Lokales</a></nav><article>{body}</article>"
            "<footer><a href='/impressum'>Impressum</a></footer></body></html>")


def paragraphs(*texts: str) -> str:
    return "".join(f"<p>{t}</p>" for t in texts)


def spoken(article) -> str:
    return " ".join([article.title, *(b.text for b in article.blocks)])


# ── clutter ───────────────────────────────────────────────────────────────────────────────────────

CLUTTER = [
    '<p><a href="/other">Weitere Fähren am Bodensee im Überblick</a></p>',  # a link-only teaser
    "<p>&gt;&gt; Warum die Brücke nie gebaut wurde &lt;&lt;</p>",  # teaser marks
    "<p>+++ Alle Meldungen aus der Region im Live-Ticker +++</p>",  # ticker
    "<p>bookmark_border</p>", "<p>chat_bubble 0 Kommentare</p>",  # icon names
    "<p>Ad</p>", "<p>9</p>", "<p>0</p>",  # UI labels and counters
    "<p>https://social.example/p/abc123</p>",  # a bare URL
    "<p>Gefällt dir dieser Beitrag?</p>",  # like widget
    "<p>Abonnieren Sie unseren Newsletter und verpassen Sie keine Nachricht vom See.</p>",  # appeal
    "<p>Follow Seeblatt on Twitter for more local news.</p>",
    "<p>© 2024 Seeblatt Verlag. Alle Rechte vorbehalten.</p>",  # copyright
    "<p>20. März 2024 - 15:00 Uhr</p>", "<p>(dpa)</p>",  # a date line, an agency tag alone
    "<p>Weitere Infos gibt's unter seeblatt.example.</p>",
]


def test_clutter_between_and_after_the_paragraphs_is_not_read():
    body = P1 + CLUTTER[0] + "".join(f"<p>{P2}</p>" if i == 3 else c for i, c in enumerate(CLUTTER[1:]))
    article = article_from_text(page(f"<p>{P1}</p>{body}<p>{P3}</p><p>{P4}</p>"), fmt="html", source="f.html")
    text = spoken(article)
    for shown in ("Bodensee", "Brücke", "Live-Ticker", "bookmark", "chat_bubble", "Ad ", "social.example",
                  "Gefällt", "Newsletter", "Twitter", "©", "15:00", "dpa", "Infos"):
        assert shown not in text, shown
    assert [b.text for b in article.blocks] == [P1, P2, P3, P4]
    assert {"Ad", "9", "0", "bookmark_border"} <= set(article.dropped)


def test_a_paragraph_that_mentions_a_newsletter_at_length_is_kept():
    long = ("Der Verein verschickt seit Jahren einen Newsletter an alle Mitglieder, und in der letzten Ausgabe "
            "stand, dass die Fähre im Winter nur am Wochenende fährt, was viele Pendler verärgert hat, die "
            "morgens früh über den See müssen und abends spät zurück, weil es keine andere Verbindung gibt, "
            "außer der langen Straße um das Ufer herum, die im Winter oft gesperrt ist.")
    article = article_from_text(page(paragraphs(P1, long, P2, P3)), fmt="html")
    assert long in [b.text for b in article.blocks]


def test_photo_and_agency_credits_and_web_addresses_inside_a_paragraph_are_removed():
    with_credits = P2.replace("Ausschlag,", "Ausschlag (Foto: Jana Roe),").replace(
        "betonte.", "betonte. (picture alliance / dpa / Jana Roe)")
    with_link = P3.replace("kommt.", "kommt. https://t.co/x1Y2z3 pic.twitter.com/AbC")
    article = article_from_text(page(paragraphs(P1, with_credits, with_link, P4)), fmt="html")
    assert [b.text for b in article.blocks] == list(BODY)


def test_a_closing_promo_box_goes_with_its_heading_and_a_dangling_colon_line_too():
    promo = ("<h2>Das Buch zur Fähre</h2><p>Ein Bildband über hundert Jahre Seefahrt in Lindenhain, mit vielen "
             "Fotos aus dem Archiv.</p><p>192 Seiten, 29,90 Euro bestellen</p>")
    appeal = "Jetzt abonnieren und keine Ausgabe verpassen!"
    article = article_from_text(page(paragraphs(P1, P2, appeal, P3, P4) + promo), fmt="html")
    assert [b.text for b in article.blocks] == [P1, P2, P3, P4]
    embed = article_from_text(page(paragraphs(P1, P2, P3, P4, "Das folgende Video zeigt die Ankunft:")), fmt="html")
    assert [b.text for b in embed.blocks] == [P1, P2, P3, P4]


def test_an_author_bio_box_and_a_donation_appeal_at_the_end_are_not_read():
    bio = ("<h2>Über die Autorin</h2><p>Jana Roe schreibt seit zehn Jahren über die Region.</p>")
    donate = "<h3>Unabhängiger Journalismus</h3><p>Unterstützen Sie uns mit einer Spende. Jetzt spenden!</p>"
    for box in (bio, donate):
        article = article_from_text(page(paragraphs(P1, P2, P3, P4) + box), fmt="html")
        assert [b.text for b in article.blocks] == [P1, P2, P3, P4], box


def test_a_list_of_related_links_is_dropped_but_linked_words_in_a_sentence_stay():
    related = "".join(f'<p><a href="/a{i}">Fähren</a> Neue Linie Nummer {i} geplant</p>' for i in range(4))
    linked = P2.replace("im Rat", 'im <a href="/rat">Rat</a>')
    article = article_from_text(page(paragraphs(P1, linked) + related + paragraphs(P3, P4)), fmt="html")
    assert [b.text for b in article.blocks] == [P1, P2, P3, P4]


def test_english_clutter_is_recognised_too():
    en = ("The new ferry docked for the first time on Monday morning, greeted by a brass band and a dozen "
          "onlookers who had waited on the quay despite the rain, the harbour master said.")
    clutter = ("<p>Read more: Why the bridge was never built</p><p>If you're on the Lakeside News app, click here "
               "to watch live</p><p>Copyright 2024 Lakeside Media. All rights reserved.</p>"
               "<p>Jane Roe contributed to this report.</p>")
    article = article_from_text(page(paragraphs(en, en.replace("Monday", "Tuesday"), en.replace("Monday", "Friday"))
                                     + clutter, title="Ferry arrives"), fmt="html")
    assert all(word not in spoken(article) for word in ("Read more", "click here", "Copyright", "contributed"))


def test_the_feed_description_is_free_of_clutter_too():
    from articlecast.pipeline import _description
    from articlecast.script.narrate import make_script

    body = "<p>chat_bubble 3 Kommentare</p><p>&gt;&gt; Mehr vom See &lt;&lt;</p>" + paragraphs(P1, P2, P3, P4)
    description = _description(make_script(article_from_text(page(body), fmt="html")))
    assert description.startswith(P1[:40]) and "Kommentare" not in description and ">>" not in description


# ── title and author ──────────────────────────────────────────────────────────────────────────────


@pytest.mark.parametrize(("title", "site", "expected"), [
    ("Neue Fähre für Lindenhain | Seeblatt", "Seeblatt", "Neue Fähre für Lindenhain"),
    ("SEEBLATT | Neue Fähre für Lindenhain", "Seeblatt", "Neue Fähre für Lindenhain"),
    ("Neue Fähre für Lindenhain - seeblatt online", None, "Neue Fähre für Lindenhain"),  # the host name: seeblatt.example
    ("Neue Fähre für Lindenhain | SB | 03.05.2024", "SB", "Neue Fähre für Lindenhain"),
    ("Seeblatt", "Seeblatt", "Die Fähre ist da"),  # only the site's name: the page's <h1> instead
])
def test_the_site_name_is_taken_off_the_title(title, site, expected):
    html = page(f"<h1>Die Fähre ist da</h1>{paragraphs(*BODY)}", title=title, site=site,
                head='<link rel="canonical" href="https://seeblatt.example/faehre">')
    assert article_from_text(html, fmt="html").title == expected


@pytest.mark.parametrize("heading", ["Neue Fähre für Lindenhain", "Lokales: Neue Fähre für Lindenhain",
                                     "Neue Fähre für Lindenhain!"])
def test_a_heading_that_repeats_the_title_is_not_read_again(heading):
    html = page(f"<p>Schifffahrt</p><h2>{heading}</h2>{paragraphs(*BODY)}<h2>Der Winterfahrplan</h2><p>{P4}</p>")
    article = article_from_text(html, fmt="html")
    assert article.title == "Neue Fähre für Lindenhain"
    assert [b.text for b in article.blocks if b.kind == "heading"] == ["Der Winterfahrplan"]
    assert "Schifffahrt" not in spoken(article)


def json_ld(**fields) -> str:
    return f'<script type="application/ld+json">{json.dumps({"@type": "NewsArticle", **fields})}</script>'


@pytest.mark.parametrize(("author", "expected"), [
    ({"@type": "Person", "name": "Jana Roe"}, "Jana Roe"),
    ([{"@type": "Person", "name": "Jana Roe"}, {"@type": "Person", "name": "Tom Berg"}], "Jana Roe, Tom Berg"),
    ({"@type": "Person", "name": "Jana Roe November"}, "Jana Roe"),  # a date run into the name
    ({"@type": "Organization", "name": "Seeblatt Online"}, "Mara Lindqvist"),  # the publisher: the byline decides
    ("Text und Interview: Jana Roe", "Jana Roe"),
])
def test_the_author_comes_from_the_metadata_without_publisher_roles_and_dates(author, expected):
    html = page(f"<p>Von Mara Lindqvist</p>{paragraphs(*BODY)}", head=json_ld(author=author))
    article = article_from_text(html, fmt="html")
    assert article.author == expected
    assert "Von Mara" not in spoken(article)


def test_meta_author_with_a_place_is_cleaned_and_a_repeated_author_line_is_dropped():
    html = page(f"<p>Jana Roe</p><p>3. Mai 2024, Jana Roe</p>{paragraphs(*BODY)}",
                head='<meta name="author" content="Seeblatt, Lindenhain; Jana Roe">')
    article = article_from_text(html, fmt="html")
    assert article.author == "Jana Roe"
    assert [b.text for b in article.blocks] == list(BODY)


def test_the_lead_under_the_headline_is_read_first_and_bold_lines_are_subheadings():
    lead = "Sieben Jahre Streit, eine Stimme Mehrheit: Lindenhain hat wieder eine Fähre über den See."
    html = ("<!DOCTYPE html><html><head><title>Neue Fähre | Seeblatt</title><meta property='og:type' content='article'>"
            f"</head><body><header><h1>Neue Fähre</h1><div>{lead}</div></header><main><article>"
            f"{paragraphs(P1, P2)}<p><b>Der Winterfahrplan</b></p>{paragraphs(P3, P4)}</article></main></body></html>")
    article = article_from_text(html, fmt="html")
    assert [(b.kind, b.text) for b in article.blocks] == [
        ("paragraph", lead), ("paragraph", P1), ("paragraph", P2), ("heading", "Der Winterfahrplan"),
        ("paragraph", P3), ("paragraph", P4)]


# ── not articles ──────────────────────────────────────────────────────────────────────────────────

PRODUCT = page(paragraphs("Fährmodell aus Holz, handbemalt, im Maßstab eins zu hundert.", "29,90 €",
                          "inkl. MwSt. zzgl. Versand", P1, P2, P3), kind="product")
LISTING = page("".join(f"<article><h2><a href='/n{i}'>Meldung {i}</a></h2><p>{P1}</p></article>" for i in range(12)),
               kind=None)
START = page(paragraphs("Willkommen in unserer Galerie!", "Viel Spaß beim Stöbern durch die Bilder vom See."),
             kind=None)
LINKS = page("".join(f"<p><a href='/s{i}'>{P1}</a></p>" for i in range(3)) + paragraphs(P2), kind=None)


@pytest.mark.parametrize(("html", "why"), [
    (PRODUCT, "the page describes itself as 'product', not an article"),
    (LISTING, "article teasers and declares no article of its own"),
    (START, "words of text"),
    (LINKS, "of its text is links"),
], ids=["product", "listing", "start-page", "links"])
def test_a_page_that_is_no_article_is_refused_with_exit_3_unless_forced(tmp_path, html, why):
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    with pytest.raises(InputError, match="no article found in .*page.html: ") as caught:
        load_article(str(path))
    assert why in str(caught.value) and "--force" in str(caught.value)
    result = CliRunner().invoke(cli, ["script", str(path), "-o", str(tmp_path / "s.json")])
    assert result.exit_code == 3 and "no article found in" in result.output and "Traceback" not in result.output
    forced = CliRunner().invoke(cli, ["script", str(path), "-o", str(tmp_path / "s.json"), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "building anyway (--force)" in forced.output and (tmp_path / "s.json").exists()


def test_an_undeclared_page_with_enough_article_text_is_an_article():
    assert len(article_from_text(page(paragraphs(*BODY, *BODY), kind=None), fmt="html").blocks) == 8


def test_a_short_teaser_builds_with_a_warning_that_min_words_sets(tmp_path):
    path = tmp_path / "teaser.html"
    path.write_text(page(paragraphs(P1, P2)), encoding="utf-8")
    article = load_article(str(path))
    assert article.warnings and re.search(r"only \d\d words, perhaps a teaser .*\(--min-words 150\)$", article.warnings[0])
    assert load_article(str(path), min_words=40).warnings == ()
    result = CliRunner().invoke(cli, ["script", str(path), "-o", str(tmp_path / "s.json"), "--min-words", "100"])
    assert result.exit_code == 0 and "warning:" in result.output and "--min-words 100" in result.output


# ── HTML whatever the file is called, and gzip ───────────────────────────────────────────────────

@pytest.mark.parametrize("name", ["story.htm", "story.php", "story.aspx", "story.xhtml", "story.txt", "story.shtml"])
def test_html_is_recognised_by_its_content(tmp_path, name):
    path = tmp_path / name
    prologue = '<?xml version="1.0" encoding="utf-8"?>\n<!-- saved page -->\n' if name.endswith("xhtml") else ""
    path.write_text(prologue + page(paragraphs(*BODY)), encoding="utf-8")
    article = load_article(str(path))
    assert article.title == "Neue Fähre für Lindenhain" and [b.text for b in article.blocks] == list(BODY)


def test_a_gzipped_page_is_unpacked(tmp_path):
    for name in ("story.html.gz", "story.gz", "story"):
        path = tmp_path / name
        path.write_bytes(gzip.compress(page(paragraphs(*BODY)).encode("utf-8")))
        assert [b.text for b in load_article(str(path)).blocks] == list(BODY), name


def test_gzip_that_unpacks_too_large_or_is_damaged_is_an_input_error(tmp_path, monkeypatch):
    monkeypatch.setattr(ingest, "MAX_FILE_BYTES", 10_000)
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b" " * 1_000_000))
    with pytest.raises(InputError, match="once unpacked, too large"):
        load_article(str(bomb))
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(gzip.compress(page(paragraphs(*BODY)).encode())[:40])
    with pytest.raises(InputError, match="damaged gzip"):
        load_article(str(broken))


def test_an_unknown_extension_without_html_is_refused(tmp_path):
    path = tmp_path / "notes.log"
    path.write_text(P1, encoding="utf-8")
    with pytest.raises(InputError, match=r"unknown extension \.log and no HTML inside"):
        load_article(str(path))
