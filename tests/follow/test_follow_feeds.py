"""Reading followed feeds over real HTTP on 127.0.0.1: conditional GET, content:encoded, OPML, faults."""
from __future__ import annotations

from datetime import datetime, timezone

import pytest
from lindenhain import ARTICLES
from publication import Site, rss

from articlecast.errors import InputError, NetworkError
from articlecast.follow import fetch_feed, looks_like_opml, parse_feed, read_opml


def _full_html(key: str) -> str:
    title, paragraphs = ARTICLES[key]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


@pytest.fixture
def site():
    with Site() as s:
        yield s


def test_items_carry_link_guid_date_and_full_content(site):
    url = site.put("/feed.xml", rss("Dorfnachrichten", [
        {"title": "Bäckerei", "link": site.url + "/a/1", "guid": "tag:lindenhain,2026:1",
         "date": "Mon, 30 Nov 2026 07:15:00 +0000", "content": _full_html("baeckerei")},
        {"title": "Radweg", "link": site.url + "/a/2", "summary": "Kurz: ein neuer Radweg."},
    ]), "application/rss+xml")
    feed = fetch_feed(url)
    assert feed.status == "fetched" and feed.title == "Dorfnachrichten"
    first, second = feed.items
    assert first.guid == "tag:lindenhain,2026:1" and first.source == site.url + "/a/1"
    assert first.published == datetime(2026, 11, 30, 7, 15, tzinfo=timezone.utc)
    assert "Bäckermeisterin Elif Sommer" in first.content_html
    # a summary is a teaser, not the article: its link must be fetched
    assert second.content_html is None and second.guid == site.url + "/a/2"


def test_an_unchanged_feed_costs_one_304_and_no_items(site):
    url = site.put("/feed.xml", rss("D", [{"title": "x", "link": site.url + "/a/1"}]), "application/rss+xml")
    first = fetch_feed(url)
    assert first.etag and first.last_modified
    again = fetch_feed(url, etag=first.etag, last_modified=first.last_modified)
    assert again.status == "not-modified" and again.items == ()
    assert site.fetches_of("/feed.xml") == [200, 304]
    site.put("/feed.xml", rss("D", [{"title": "y", "link": site.url + "/a/2"}, {"title": "x", "link": site.url + "/a/1"}]),
             "application/rss+xml")
    changed = fetch_feed(url, etag=first.etag, last_modified=first.last_modified)
    assert changed.status == "fetched" and [i.title for i in changed.items] == ["y", "x"]


def test_atom_feeds_are_read_too():
    atom = b"""<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom News</title>
      <id>urn:x</id><updated>2026-11-29T10:00:00Z</updated>
      <entry><title>Eins</title><id>urn:e1</id><link href="http://127.0.0.1/e1"/><updated>2026-11-29T10:00:00Z</updated>
      <author><name>Ida Berg</name></author></entry></feed>"""
    title, (item,) = parse_feed(atom, "atom.xml")
    assert title == "Atom News" and item.guid == "urn:e1" and item.link == "http://127.0.0.1/e1"
    assert item.author == "Ida Berg" and item.published == datetime(2026, 11, 29, 10, tzinfo=timezone.utc)


def test_an_item_without_id_or_link_keeps_one_guid_across_polls():
    doc = rss("D", [{"title": "Ohne Link", "link": ""}]).encode()
    (a,), (b,) = parse_feed(doc, "x")[1], parse_feed(doc, "x")[1]
    assert a.guid == b.guid and a.guid.startswith("urn:sha256:")


@pytest.mark.parametrize("body", [b"<html><body><p>Just a page</p></body></html>", b"\x00\x01 binary", b""])
def test_a_document_that_is_no_feed_is_an_input_error(site, body):
    url = site.put("/broken.xml", body, "application/xml")
    with pytest.raises(InputError, match="not a feed"):
        fetch_feed(url)


def test_server_errors_and_timeouts_are_network_errors(site):
    with pytest.raises(NetworkError, match="HTTP 404"):
        fetch_feed(site.url + "/missing.xml")
    site.put("/slow.xml", rss("D", []), "application/rss+xml")
    site.slow.add("/slow.xml")
    site.delay_s = 2.0
    with pytest.raises(NetworkError, match="no answer within 0.5 s"):
        fetch_feed(site.url + "/slow.xml", timeout_s=0.5)


def test_nothing_listens_is_a_network_error():
    with pytest.raises(NetworkError, match="cannot fetch"):
        fetch_feed("http://127.0.0.1:9/feed.xml", timeout_s=2)


def test_opml_lists_feeds_in_order_each_once():
    opml = b"""<?xml version="1.0"?><opml version="2.0"><head><title>Abos</title></head><body>
      <outline text="Lokal"><outline text="A" type="rss" xmlUrl="https://a.example/feed.xml"/>
      <outline text="B" type="rss" xmlUrl="https://b.example/rss"/></outline>
      <outline text="A again" type="rss" xmlUrl="https://a.example/feed.xml"/>
      <outline text="not http" xmlUrl="file:///etc/passwd"/></body></opml>"""
    assert looks_like_opml(opml)
    assert read_opml(opml, "abos.opml") == ["https://a.example/feed.xml", "https://b.example/rss"]


@pytest.mark.parametrize("data, message", [
    (b"<opml><body></body></opml>", "lists no http"),
    (b"<opml><body><outline", "not a valid OPML"),
    (b"<rss></rss>", "not an OPML file"),
])
def test_bad_opml_is_an_input_error(data, message):
    with pytest.raises(InputError, match=message):
        read_opml(data, "x.opml")


def test_a_feed_or_page_past_its_limit_is_refused_while_read(site, monkeypatch):
    from articlecast.script.fetch import fetch_page

    monkeypatch.setattr("articlecast.follow.feeds.MAX_FEED_BYTES", 1024 * 1024)
    monkeypatch.setattr("articlecast.script.fetch.MAX_PAGE_BYTES", 1024 * 1024)
    big = b"<rss>" + b" " * (1024 * 1024) + b"</rss>"
    feed_url = site.put("/feed.xml", big, "application/rss+xml")
    page_url = site.put("/page.html", big, "text/html")
    with pytest.raises(InputError, match=r"feed\.xml: feed larger than 1 MB$"):
        fetch_feed(feed_url)
    with pytest.raises(InputError, match=r"page\.html: page larger than 1 MB$"):
        fetch_page(page_url, 5)
    site.put("/feed.xml", rss("Dorfblatt", []), "application/rss+xml")  # under the limit: read
    assert fetch_feed(feed_url).items == ()


def test_a_moved_feed_is_followed_and_still_answers_304(site):
    feed = site.put("/new/feed.xml", rss("Umgezogen", [{"title": "x", "link": site.url + "/a/1"}]), "application/rss+xml")
    site.moved["/feed.xml"] = feed
    first = fetch_feed(site.url + "/feed.xml")
    assert first.title == "Umgezogen" and [i.title for i in first.items] == ["x"]
    again = fetch_feed(site.url + "/feed.xml", etag=first.etag, last_modified=first.last_modified)
    assert again.status == "not-modified"  # the validators went along with the redirect
    assert site.fetches_of("/feed.xml") == [301, 301] and site.fetches_of("/new/feed.xml") == [200, 304]


def test_a_gzipped_feed_is_unpacked_and_bounded(site, monkeypatch):
    items = [{"title": f"Meldung {i}", "link": f"{site.url}/a/{i}", "summary": "Wort " * 200} for i in range(40)]
    url = site.put("/feed.xml", rss("Gepackt", items), "application/rss+xml")
    site.gzipped.add("/feed.xml")
    assert [i.title for i in fetch_feed(url).items] == [f"Meldung {i}" for i in range(40)]
    # the bound holds for what the feed unpacks to, not only for what travelled
    monkeypatch.setattr("articlecast.follow.feeds.MAX_FEED_BYTES", 16 * 1024)
    with pytest.raises(InputError, match="feed larger than"):
        fetch_feed(url)


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://127.0.0.1/feed.xml"])
def test_only_http_feeds_are_fetched_also_after_a_redirect(site, target):
    with pytest.raises(InputError, match="must be an http"):
        fetch_feed(target)
    site.moved["/feed.xml"] = target
    with pytest.raises(NetworkError, match=r"feed\.xml: (HTTP 301 .*not allowed|cannot fetch the feed)"):
        fetch_feed(site.url + "/feed.xml", timeout_s=5)


def test_every_content_encoding_a_server_may_send_is_unpacked():
    import gzip
    import zlib

    from articlecast.follow.feeds import _decoded

    feed = rss("D", [{"title": "x", "link": "http://127.0.0.1/a/1"}]).encode()
    for encoding, packed in (("gzip", gzip.compress(feed)), ("deflate", zlib.compress(feed)),
                             ("deflate", zlib.compress(feed)[2:-4]), ("identity", feed)):  # the third: raw deflate
        assert parse_feed(_decoded(packed, encoding, "f.xml"), "f.xml")[1][0].title == "x"
    with pytest.raises(NetworkError, match="arrived damaged"):
        _decoded(b"not gzip at all", "gzip", "f.xml")
    with pytest.raises(NetworkError, match="not asked for"):
        _decoded(feed, "br", "f.xml")
