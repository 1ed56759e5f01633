"""`articlecast follow` + `update` end to end: a publication on 127.0.0.1 grows, the podcast follows.

Real HTTP, real builds (espeak), the published feed read back with feedparser.
"""
from __future__ import annotations

import json
import subprocess
import sys

import feedparser
import pytest
from lindenhain import ARTICLES
from publication import Site, article_page, rss

from articlecast.cli import cli
from articlecast.output.catalog import open_catalog

pytestmark = pytest.mark.slow

NOT_AN_ARTICLE = ("<!doctype html><html><head><title>Übersicht</title></head><body><nav><ul>"
                  + "".join(f'<li><a href="/rubrik/{i}">Rubrik Nummer {i}</a></li>' for i in range(15))
                  + "</ul></nav></body></html>")

def _content(key: str) -> str:
    return "".join(f"<p>{p}</p>" for p in ARTICLES[key][1])


class Publication:
    """The site's feed as a list of items, newest first; `publish()` puts the feed online."""

    def __init__(self, site: Site) -> None:
        self.site, self.items = site, []

    def add(self, key: str, *, full: bool, date: str) -> None:
        title, paragraphs = ARTICLES[key]
        link = self.site.put(f"/artikel/{key}", article_page(title, paragraphs))
        self.items.insert(0, {"title": title, "link": link, "guid": f"lindenhain-{key}", "date": date,
                              "summary": paragraphs[0][:80], "content": _content(key) if full else None})
        self.publish()

    def publish(self) -> None:
        self.site.put("/feed.xml", rss("Lindenhainer Bote", self.items), "application/rss+xml")


@pytest.fixture
def publication():
    with Site() as site:
        yield Publication(site)


def _update(runner, out, *args):
    return runner.invoke(cli, ["update", "--out", str(out), *args])


# What only a build needs: `update` with nothing new must not pay for importing it (bench/bench_follow.py)
BUILD_ONLY_PACKAGES = {"requests", "urllib3", "lxml", "feedparser", "numpy", "scipy", "pydub", "parselmouth", "PIL",
                       "distributed", "dask"}
BUILD_ONLY_MODULES = ("articlecast.audio", "articlecast.script.ingest", "articlecast.script.narrate",
                      "articlecast.output.publish", "articlecast.output.page", "articlecast.output.feed",
                      "articlecast.cluster", "articlecast.languages.")  # the languages' tables, not their codes
_PROBE = ("import atexit, json, sys\n"
          "atexit.register(lambda: print(json.dumps(sorted(sys.modules))))\n"
          "from articlecast.cli import main\n"
          "sys.argv[0] = 'articlecast'\n"
          "main()\n")


def _modules_loaded_by(*args: str) -> list[str]:
    """Run `articlecast ARGS` in a fresh interpreter; the modules it had loaded when it exited."""
    done = subprocess.run([sys.executable, "-c", _PROBE, *args], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _published_titles(out) -> list[str]:
    return [e.title for e in feedparser.parse((out / "feed.xml").read_bytes()).entries]


def test_follow_then_update_builds_new_items_once(runner, publication, tmp_path):
    out = tmp_path / "out"
    publication.add("baeckerei", full=True, date="Mon, 23 Nov 2026 06:00:00 +0000")
    publication.add("radweg", full=False, date="Tue, 24 Nov 2026 06:00:00 +0000")
    publication.add("chor", full=False, date="Wed, 25 Nov 2026 06:00:00 +0000")
    feed_url = publication.site.url + "/feed.xml"

    followed = runner.invoke(cli, ["follow", feed_url, "--out", str(out)])
    assert followed.exit_code == 0, followed.stderr
    assert f"following {feed_url}" in followed.stdout
    assert feed_url in (out / "articlecast.toml").read_text(encoding="utf-8")

    first = _update(runner, out)
    assert first.exit_code == 0, first.stderr
    assert "3 built, 0 unchanged" in first.stdout
    assert sorted(_published_titles(out)) == sorted(ARTICLES[k][0] for k in ("baeckerei", "radweg", "chor"))
    # the full-content item was built from the feed: its page was never fetched; the others' were
    assert publication.site.fetches_of("/artikel/baeckerei") == []
    assert publication.site.fetches_of("/artikel/radweg") == [200]
    # the episode is known by the article's URL and carries the feed's title
    episode = next(e for e in open_catalog(out).episodes() if e.title == ARTICLES["baeckerei"][0])
    assert episode.source == publication.site.url + "/artikel/baeckerei"

    publication.add("bibliothek", full=False, date="Thu, 26 Nov 2026 06:00:00 +0000")
    second = _update(runner, out)
    assert second.exit_code == 0, second.stderr
    assert "1 built, 3 unchanged" in second.stdout
    assert publication.site.fetches_of("/artikel/radweg") == [200]  # old items are not fetched again
    assert len(_published_titles(out)) == 4

    feed_before = (out / "feed.xml").read_bytes()
    third = _update(runner, out)
    assert third.exit_code == 0, third.stderr
    assert third.stdout == "0 built, 0 unchanged, 0 removed, 0 failed; 1 feed not modified since the last update\n"
    assert publication.site.fetches_of("/feed.xml")[-1] == 304  # a conditional GET, answered without a body
    assert (out / "feed.xml").read_bytes() == feed_before

    # as cron runs it, a process of its own: nothing new loads no more than polling needs
    loaded = _modules_loaded_by("update", "--out", str(out), "--quiet")
    assert publication.site.fetches_of("/feed.xml")[-1] == 304
    assert "articlecast.follow.feeds" in loaded and "articlecast.output.catalog" in loaded
    assert [m for m in loaded if m.split(".")[0] in BUILD_ONLY_PACKAGES or m.startswith(BUILD_ONLY_MODULES)] == []


def test_keep_takes_many_episodes_out_in_one_publication(runner, publication, tmp_path, monkeypatch):
    out = tmp_path / "out"
    for key, day in (("baeckerei", 23), ("radweg", 24), ("chor", 25)):
        publication.add(key, full=True, date=f"Mon, {day} Nov 2026 06:00:00 +0000")
    assert runner.invoke(cli, ["follow", publication.site.url + "/feed.xml", "--out", str(out)]).exit_code == 0
    assert _update(runner, out).exit_code == 0
    assert len(_published_titles(out)) == 3

    from articlecast.output import publish

    renders, real_stage = [], publish.stage_publication

    def counted_stage(out_dir, show):  # the real feed and page, counted each time they are rendered
        stage = real_stage(out_dir, show)
        return lambda view, renames: renders.append(1) or stage(view, renames)

    monkeypatch.setattr(publish, "stage_publication", counted_stage)
    kept = _update(runner, out, "--keep", "1")
    assert kept.exit_code == 0, kept.stderr
    assert "0 built, 0 unchanged, 2 removed" in kept.stdout
    assert renders == [1]  # feed and page published once for both
    assert _published_titles(out) == [ARTICLES["chor"][0]]  # the newest by the feed's date
    assert {e.title for e in open_catalog(out).episodes(include_removed=True) if e.removed} == {
        ARTICLES["baeckerei"][0], ARTICLES["radweg"][0]}


def test_a_changed_item_is_rebuilt_and_keep_drops_the_oldest(runner, publication, tmp_path):
    out = tmp_path / "out"
    publication.add("baeckerei", full=True, date="Mon, 23 Nov 2026 06:00:00 +0000")
    publication.add("chor", full=True, date="Wed, 25 Nov 2026 06:00:00 +0000")
    assert runner.invoke(cli, ["follow", publication.site.url + "/feed.xml", "--out", str(out)]).exit_code == 0
    assert _update(runner, out).exit_code == 0

    publication.items[0]["title"] = "Der Kirchenchor sucht dringend neue Stimmen"
    publication.publish()
    changed = _update(runner, out)
    assert changed.exit_code == 0, changed.stderr
    assert "1 built, 1 unchanged" in changed.stdout
    assert "Der Kirchenchor sucht dringend neue Stimmen" in _published_titles(out)
    assert len(open_catalog(out).episodes()) == 2  # the same episode, rebuilt: not a second one

    publication.add("radweg", full=True, date="Tue, 01 Dec 2026 06:00:00 +0000")
    kept = _update(runner, out, "--keep", "2")
    assert kept.exit_code == 0, kept.stderr
    assert "1 built" in kept.stdout and "1 removed" in kept.stdout
    titles = _published_titles(out)
    assert len(titles) == 2 and ARTICLES["baeckerei"][0] not in titles  # the oldest by the feed's date left
    # a removed item is not built again while the feed still lists it
    again = _update(runner, out, "--keep", "2")
    assert "0 built" in again.stdout and len(_published_titles(out)) == 2


def test_one_broken_source_or_item_never_stops_the_others(runner, publication, tmp_path):
    out = tmp_path / "out"
    site = publication.site
    publication.add("radweg", full=True, date="Tue, 24 Nov 2026 06:00:00 +0000")
    publication.items.insert(0, {"title": "Gelöscht", "link": site.url + "/artikel/geloescht",
                                 "guid": "lindenhain-geloescht"})  # the page is gone: 404
    publication.items.insert(0, {"title": "Rubriken", "link": site.put("/uebersicht", NOT_AN_ARTICLE),
                                 "guid": "lindenhain-uebersicht"})  # a page that is no article
    publication.publish()
    site.put("/kaputt.xml", rss("Kaputt", []), "application/rss+xml")
    for url in (site.url + "/kaputt.xml", site.url + "/feed.xml"):
        assert runner.invoke(cli, ["follow", url, "--out", str(out)]).exit_code == 0
    site.put("/kaputt.xml", b"<html><body>Wartungsarbeiten</body></html>", "text/html")  # the feed breaks later

    result = _update(runner, out)
    assert result.exit_code == 3, result.stderr  # the broken feed, the missing page, the page that is no article
    assert "kaputt.xml: not a feed" in result.stderr
    assert "/artikel/geloescht: HTTP 404" in result.stderr
    assert "no article found in " + site.url + "/uebersicht" in result.stderr
    assert _published_titles(out) == [ARTICLES["radweg"][0]]

    # the failed item is tried again: its feed is fetched in full, not answered with a 304
    statuses_before = len(site.fetches_of("/feed.xml"))
    retry = _update(runner, out)
    assert site.fetches_of("/feed.xml")[statuses_before:] == [200]
    assert retry.exit_code == 3 and "0 built, 1 unchanged" in retry.stdout  # the same three failures, tried again


def test_update_needs_a_followed_feed(runner, tmp_path):
    result = _update(runner, tmp_path / "out")
    assert result.exit_code == 3
    assert "follows no feeds yet" in result.stderr and "articlecast follow URL" in result.stderr


@pytest.mark.parametrize("target, message", [
    ("nowhere.opml", "neither an http(s) feed URL nor an OPML file"),
    ("http://127.0.0.1:9/feed.xml", "cannot fetch the feed"),
])
def test_follow_refuses_what_is_no_feed(runner, tmp_path, target, message):
    result = runner.invoke(cli, ["follow", target, "--out", str(tmp_path / "out")])
    assert result.exit_code in (3, 4) and message in result.stderr
    assert not (tmp_path / "out" / "articlecast.toml").exists()


def test_follow_an_opml_file_lists_and_unfollows(runner, publication, tmp_path):
    site = publication.site
    publication.add("chor", full=True, date="Wed, 25 Nov 2026 06:00:00 +0000")
    site.put("/zwei.xml", rss("Zwei", []), "application/rss+xml")
    opml = tmp_path / "abos.opml"
    opml.write_text(f'<?xml version="1.0"?><opml version="2.0"><body><outline text="Bote" xmlUrl="{site.url}/feed.xml"/>'
                    f'<outline text="Zwei" xmlUrl="{site.url}/zwei.xml"/></body></opml>', encoding="utf-8")
    out = tmp_path / "out"
    added = runner.invoke(cli, ["follow", str(opml), "--out", str(out)])
    assert added.exit_code == 0, added.stderr
    listed = runner.invoke(cli, ["follow", "--out", str(out)])
    assert listed.stdout.split() == [f"{site.url}/feed.xml", f"{site.url}/zwei.xml"]
    gone = runner.invoke(cli, ["follow", "--remove", f"{site.url}/zwei.xml", "--out", str(out)])
    assert gone.exit_code == 0
    assert runner.invoke(cli, ["follow", "--out", str(out)]).stdout.split() == [f"{site.url}/feed.xml"]
