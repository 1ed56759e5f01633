"""The show's settings that stick and are checked: base URL, category, e-mail, locking, placeholders, `check`."""
from __future__ import annotations

import pytest

from articlecast.cli import cli
from articlecast.config import (
    CONFIG_NAME,
    DEFAULT_BASE_URL,
    Config,
    Show,
    load_config,
    save_config,
    show_language,
    validate_show,
)
from articlecast.errors import InputError
from tests.conftest import SAMPLES

PUBLIC = "https://example.org/pod/"


def test_init_with_an_owner_email_writes_no_localhost(runner, tmp_path):
    result = runner.invoke(cli, ["init", str(tmp_path), "--yes", "--owner-email", "rita@example.org"])
    assert result.exit_code == 0, result.stderr
    toml = (tmp_path / CONFIG_NAME).read_text()
    assert "localhost" not in toml and "base_url" not in toml
    show = load_config(tmp_path).show
    assert (show.owner_email, show.locked) == ("rita@example.org", False)  # an e-mail does not lock the feed


@pytest.mark.parametrize("args, message", [
    (["--owner-email", "rita(at)example.org"], "is not an e-mail address"),
    (["--category", "Foo Bar"], "'Foo Bar' is not one of Apple's"),
    (["--category", "Technology > Tech News"], "belongs under 'News'"),
    (["--locked"], "a locked feed needs an owner_email"),
    (["--base-url", "ftp://example.org/pod"], "is not an http:// or https:// folder address"),
    (["--base-url", "javascript:alert(1)//"], "is not an http:// or https://"),
])
def test_init_refuses_what_directories_would_refuse(runner, tmp_path, args, message):
    result = runner.invoke(cli, ["init", str(tmp_path), "--yes", *args])
    assert result.exit_code == 3
    assert message in result.stderr and len(result.stderr.splitlines()) == 1
    assert not (tmp_path / CONFIG_NAME).exists()


def test_init_stores_the_category_in_apples_spelling_and_nesting(runner, tmp_path):
    result = runner.invoke(cli, ["init", str(tmp_path), "--yes", "--category", "tech news", "--owner-email",
                                 "rita@example.org", "--locked"])
    assert result.exit_code == 0, result.stderr
    show = load_config(tmp_path).show
    assert (show.category, show.locked) == ("News > Tech News", True)


def test_a_wrong_setting_in_the_file_is_named(tmp_path):
    (tmp_path / CONFIG_NAME).write_text('[show]\ncategory = "Tech"\n')
    with pytest.raises(InputError) as err:
        load_config(tmp_path)
    assert str(err.value) == (f"{tmp_path / CONFIG_NAME}: category 'Tech' is not one of Apple's "
                              "(did you mean 'Tech News'?)")


def test_the_local_default_base_url_is_never_saved(tmp_path):
    save_config(tmp_path, Config(show=Show(title="x")))
    assert "base_url" not in (tmp_path / CONFIG_NAME).read_text()
    assert load_config(tmp_path).show.base_url == DEFAULT_BASE_URL
    assert validate_show(Show(base_url="https://example.org/pod")).base_url == PUBLIC


def feed_text(out) -> str:
    return (out / "feed.xml").read_text(encoding="utf-8")


def test_a_base_url_given_once_is_kept_and_never_replaced_by_localhost(runner, podcast_copy):
    out = podcast_copy
    article = str(SAMPLES / "library-night-en.md")
    first = runner.invoke(cli, ["build", article, "--out", str(out), "--base-url", PUBLIC.rstrip("/")])
    assert first.exit_code == 0, first.stderr
    assert load_config(out).show.base_url == PUBLIC
    assert "remembered the base URL" in first.stderr

    again = runner.invoke(cli, ["build", article, "--out", str(out), "-q"])  # nothing changed, no --base-url
    assert again.exit_code == 0, again.stderr
    assert "localhost" not in feed_text(out) and f"{PUBLIC}feed.xml" in feed_text(out)

    local = runner.invoke(cli, ["build", article, "--out", str(out), "--base-url", "http://localhost:8000/"])
    assert local.exit_code == 3
    assert local.stderr.count("\n") == 1 and PUBLIC in local.stderr and "--force" in local.stderr
    assert "localhost" not in feed_text(out)

    (out / CONFIG_NAME).unlink()  # the feed itself still says where the show lives
    lost = runner.invoke(cli, ["build", article, "--out", str(out), "-q"])
    assert lost.exit_code == 3 and PUBLIC in lost.stderr
    assert "localhost" not in feed_text(out)

    forced = runner.invoke(cli, ["build", article, "--out", str(out), "-q", "--force"])
    assert forced.exit_code == 0, forced.stderr
    assert "warning" in forced.stderr and "localhost" in feed_text(out)


def test_check_names_every_problem_on_a_line_of_its_own(runner, podcast_copy):
    out = podcast_copy
    result = runner.invoke(cli, ["check", str(out)])
    assert result.exit_code == 9
    lines = result.stdout.splitlines()
    for expected in ("title is the placeholder", "description is the placeholder", "author is empty",
                     "owner_email is empty", "reaches only this computer"):
        assert sum(expected in line for line in lines) == 1, (expected, lines)
    assert result.stderr == f"articlecast: error: {len(lines)} problems in {out}\n"

    runner.invoke(cli, ["init", str(out), "--yes", "--title", "Nachtbibliothek", "--description", "Geschichten.",
                        "--author", "Rita Röhrig", "--owner-email", "rita@example.org", "--category", "Arts > Books"])
    rebuilt = runner.invoke(cli, ["build", str(SAMPLES / "library-night-en.md"), "--out", str(out), "-q",
                                  "--base-url", PUBLIC])
    assert rebuilt.exit_code == 0, rebuilt.stderr
    clean = runner.invoke(cli, ["check", str(out)])
    assert clean.exit_code == 0, clean.stdout
    assert clean.stdout == f"{out}: no problems found\n"

    (out / "episodes" / "the-library-that-never-sleeps.vtt").write_text("WEBVTT\n\n1\n00:00.000 --> 00:01.000\n"
                                                                        "/home/rita/article.md\n")
    mp3 = out / "episodes" / "the-library-that-never-sleeps.mp3"
    mp3.write_bytes(mp3.read_bytes() + b"\0")
    broken = runner.invoke(cli, ["check", str(out)])
    assert broken.exit_code == 9
    first, second = broken.stdout.splitlines()
    assert first.startswith("feed.xml: episode 'The Library That Never Sleeps': enclosure length")
    assert second == (f"{out / 'episodes' / 'the-library-that-never-sleeps.vtt'} names the local path "
                      "/home/rita/article.md: public files should carry URLs or file names only")


def test_the_articles_date_dates_its_episode_and_the_order_stays(runner, podcast_copy, tmp_path):
    import json

    import feedparser

    out = podcast_copy
    script = json.loads((out / "episodes" / "the-library-that-never-sleeps.script.json").read_text(encoding="utf-8"))
    script.update(title="The Archive at Dawn", source="https://example.org/archive", published="2024-05-06")
    dated = tmp_path / "dated.json"
    dated.write_text(json.dumps(script), encoding="utf-8")
    result = runner.invoke(cli, ["build", str(dated), "--out", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert [e.title for e in feed.entries] == ["The Library That Never Sleeps", "The Archive at Dawn"]
    assert feed.entries[1].published == "Mon, 06 May 2024 12:00:00 GMT"  # noon: the same day everywhere

    script["published"] = "2025-01-01"  # a later edit of the date does not move a published episode
    script["segments"][0]["text"] += " Again."
    dated.write_text(json.dumps(script), encoding="utf-8")
    assert runner.invoke(cli, ["build", str(dated), "--out", str(out), "-q"]).exit_code == 0
    again = feedparser.parse((out / "feed.xml").read_bytes())
    assert [(e.title, e.published) for e in again.entries] == [(e.title, e.published) for e in feed.entries]

    script["published"] = "6. Mai 2024"
    dated.write_text(json.dumps(script), encoding="utf-8")
    wrong = runner.invoke(cli, ["build", str(dated), "--out", str(out), "-q"])
    assert wrong.exit_code == 5 and "published '6. Mai 2024' is not a date" in wrong.stderr


def test_a_markdown_articles_front_matter_date_is_its_pubdate(runner, tmp_path):
    import feedparser

    article = tmp_path / "archiv.md"
    article.write_text('---\ntitle: Ein Tag im Archiv\ndate: 2024-05-06\n---\n\nDas Archiv öffnet um acht Uhr. '
                       'Die Leserinnen kommen früh.\n\n"Wir warten schon", sagt Anna Berg.\n', encoding="utf-8")
    result = runner.invoke(cli, ["build", str(article), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0, result.stderr
    entry, = feedparser.parse((tmp_path / "out" / "feed.xml").read_bytes()).entries
    assert (entry.title, entry.published) == ("Ein Tag im Archiv", "Mon, 06 May 2024 12:00:00 GMT")


DATED_PAGE = """<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Ein Tag im Archiv</title>
<meta property="og:type" content="article">{date}</head><body><article><h1>Ein Tag im Archiv</h1>
<p>Das Archiv öffnet um acht Uhr, und die ersten Leserinnen warten schon vor der Tür, manche mit Thermoskannen.</p>
<p>Drinnen riecht es nach Papier und Staub, nach Jahrzehnten von Zeitungen, die niemand mehr aufschlägt.</p>
<p>"Wir kommen jeden Dienstag", sagt Anna Berg, die seit zwanzig Jahren die Chroniken des Dorfes liest.</p>
</article></body></html>"""


@pytest.mark.parametrize("meta, published", [
    ('<meta property="article:published_time" content="2024-05-06T07:30:00+02:00">', "2024-05-06"),
    ("", None),  # no date on the page: none is made up
])
def test_a_web_pages_date_is_its_articles_date(tmp_path, meta, published):
    from articlecast.script.ingest import load_article
    from articlecast.script.narrate import make_script

    page = tmp_path / "archiv.html"
    page.write_text(DATED_PAGE.format(date=meta), encoding="utf-8")
    assert make_script(load_article(str(page))).published == published


@pytest.mark.parametrize("chosen, episodes, declared", [
    ("", [], "de"),                      # nothing to go by: the default
    ("", ["fr"], "fr"),                  # a French article in a new folder makes a French show
    ("", ["en", "de", "de"], "de"),      # most episodes
    ("", ["en", "de"], "en"),            # a tie: the newest (listed first)
    ("de", ["fr", "fr"], "de"),          # the user's choice always wins
])
def test_the_show_speaks_its_episodes_language_until_the_user_chooses(chosen, episodes, declared):
    assert show_language(Show(language=chosen), episodes) == declared


def test_init_checks_the_language_and_an_unchosen_one_is_never_saved(runner, tmp_path):
    bad = runner.invoke(cli, ["init", str(tmp_path), "--yes", "--title", "x"])
    assert bad.exit_code == 0, bad.stderr
    assert "language" not in (tmp_path / CONFIG_NAME).read_text()
    (tmp_path / CONFIG_NAME).write_text('[show]\nlanguage = "xx"\n')
    with pytest.raises(InputError, match="language 'xx' is not one articlecast speaks"):
        load_config(tmp_path)
    (tmp_path / CONFIG_NAME).write_text('[show]\nlanguage = "FR-ca"\n')
    assert load_config(tmp_path).show.language == "fr"
