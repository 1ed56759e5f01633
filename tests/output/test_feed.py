"""The feed as real podcast clients read it: podcastparser (gPodder's parser) and feedparser.

Regenerate the golden file after an intended change of the feed's layout:
    ARTICLECAST_UPDATE_GOLDEN=1 .venv/bin/pytest tests/output/test_feed.py -k golden
"""
from __future__ import annotations

import io
import os
import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import feedparser
import lxml.html
import podcastparser
import pytest
from lxml import etree
from podcast_fixtures import FIRST_BUILD, Podcast, add_episode

from articlecast.errors import InputError
from articlecast.output.catalog import EpisodeRecord
from articlecast.output.feed import ITUNES, MAX_DESCRIPTION_BYTES, PODCAST, write_feed

GOLDEN = Path(__file__).parent / "golden" / "feed.xml"
TRICKY = 'Nachts <b>&</b> "Zitat" – Ärger über Öl & Spaß'


def parse_both(podcast: Podcast) -> tuple[dict, feedparser.FeedParserDict]:
    data = (podcast.out_dir / "feed.xml").read_bytes()
    gpodder_view = podcastparser.parse(podcast.show.feed_url, io.BytesIO(data))
    reader_view = feedparser.parse(data)
    assert not reader_view.bozo, reader_view.get("bozo_exception")
    return gpodder_view, reader_view


def republish(podcast: Podcast) -> Podcast:
    episodes = tuple(podcast.catalog.episodes())
    write_feed(podcast.out_dir, podcast.show, episodes, feed_guid=podcast.catalog.feed_guid(podcast.show.feed_url))
    return replace(podcast, episodes=episodes)


def html_text(fragment: str) -> str:
    return lxml.html.fragment_fromstring(fragment, create_parent="div").text_content()


def test_channel_has_every_element_apps_need(podcast):
    gp, fp = parse_both(podcast)
    show = podcast.show
    assert (gp["title"], gp["link"], gp["language"]) == (show.title, show.base_url, "de")
    assert gp["description"] == show.description
    assert gp["cover_url"] == "http://127.0.0.1:8000/cover.jpg"
    assert gp["itunes_categories"] == [["News", "Tech News"]]
    assert gp["explicit"] is False
    assert gp["itunes_author"] == show.author
    assert gp["itunes_owner"] == {"name": show.owner_name, "email": show.owner_email}
    assert gp["type"] == "episodic"
    assert fp.feed.title == show.title
    assert fp.feed.podcast_guid == podcast.catalog.feed_guid(show.feed_url)
    assert fp.feed.generator.startswith("articlecast")
    assert fp.feed.updated_parsed is not None
    self_links = [link for link in fp.feed.links if link.rel == "self"]
    assert [(link.href, link.type) for link in self_links] == [(show.feed_url, "application/rss+xml")]

    channel = etree.parse(str(podcast.out_dir / "feed.xml")).getroot().find("channel")
    locked = channel.find(f"{{{PODCAST}}}locked")
    assert (locked.text, locked.get("owner")) == ("no", show.owner_email)  # an e-mail alone does not lock


def test_items_have_every_element_apps_need(podcast):
    gp, fp = parse_both(podcast)
    for record, gp_ep, fp_ep in zip(podcast.episodes, gp["episodes"], fp.entries, strict=True):
        mp3 = podcast.mp3(record.slug)
        assert gp_ep["guid"] == fp_ep.id == record.guid
        assert fp_ep.guidislink is False
        assert gp_ep["title"] == fp_ep.title == record.title
        assert gp_ep["published"] == int(record.pub_date.timestamp())
        assert gp_ep["total_time"] == 6 and fp_ep.itunes_duration == "6"
        assert gp_ep["type"] == "full"
        assert gp_ep["episode_art_url"] == "http://127.0.0.1:8000/cover.jpg"  # no episode cover in this folder
        assert gp_ep["enclosures"] == [{"url": f"http://127.0.0.1:8000/episodes/{record.slug}.mp3",
                                        "file_size": mp3.stat().st_size, "mime_type": "audio/mpeg"}]
        enclosure, = [link for link in fp_ep.links if link.rel == "enclosure"]
        assert int(enclosure.length) == os.path.getsize(mp3)
        assert fp_ep.podcast_transcript == {"url": f"http://127.0.0.1:8000/episodes/{record.slug}.vtt",
                                            "type": "text/vtt", "language": "de", "rel": "captions"}
        assert fp_ep.podcast_chapters == {"url": f"http://127.0.0.1:8000/episodes/{record.slug}.chapters.json",
                                          "type": "application/json+chapters"}
    # the article's URL when there is one, else the episode on the show's page (a local path is no link)
    assert [e.get("link", "") for e in fp.entries] == ["http://127.0.0.1:8000/#episode-nachts-in-der-bibliothek",
                                                       "https://example.org/strom"]


def test_episodes_are_newest_first(podcast):
    gp, fp = parse_both(podcast)
    assert [e["title"] for e in gp["episodes"]] == ["Nachts in der Bibliothek <b>&</b>", "Strom vom Dach"]
    assert fp.entries[0].published_parsed > fp.entries[1].published_parsed


def test_guids_survive_a_rebuild_from_an_edited_script(podcast):
    before = {e.source: e for e in podcast.episodes}
    # The edited script: new title, so a new slug, and new audio.
    add_episode(podcast.out_dir, podcast.catalog, "sonnenstrom", "Sonnenstrom für alle",
                source="https://example.org/strom", when=FIRST_BUILD + timedelta(days=3), frequencies_hz=(500, 700))
    podcast = republish(podcast)
    gp, fp = parse_both(podcast)
    rebuilt, = [e for e in gp["episodes"] if e["title"] == "Sonnenstrom für alle"]
    old = before["https://example.org/strom"]
    assert rebuilt["guid"] == old.guid
    assert rebuilt["published"] == int(old.pub_date.timestamp())
    new_mp3 = podcast.mp3("sonnenstrom")
    assert rebuilt["enclosures"][0]["url"] == "http://127.0.0.1:8000/episodes/sonnenstrom.mp3?v=2"
    assert rebuilt["enclosures"][0]["file_size"] == new_mp3.stat().st_size
    assert sorted(e.id for e in fp.entries) == sorted(e.guid for e in before.values())


def test_text_is_escaped_for_every_client(podcast):
    add_episode(podcast.out_dir, podcast.catalog, "tricky", TRICKY, source="t.txt",
                when=FIRST_BUILD + timedelta(days=1), description=TRICKY + "\x0b")
    podcast = republish(replace(podcast, show=replace(podcast.show, title=TRICKY)))
    gp, fp = parse_both(podcast)
    assert gp["title"] == fp.feed.title == TRICKY
    assert gp["episodes"][0]["title"] == fp.entries[0].title == TRICKY
    # The description is HTML for apps; its text is exactly ours ("<b>" shows as "<b>", not bold).
    assert html_text(gp["episodes"][0]["description_html"]) == TRICKY
    assert html_text(fp.entries[0].summary) == TRICKY


def test_a_long_description_is_cut_at_a_character_boundary(podcast):
    long_text = "Energiewende für Ärztinnen & Bäcker " * 200
    add_episode(podcast.out_dir, podcast.catalog, "lang", "Lang", source="l.txt",
                when=FIRST_BUILD + timedelta(days=1), description=long_text)
    podcast = republish(replace(podcast, show=replace(podcast.show, description=long_text)))
    channel = etree.parse(str(podcast.out_dir / "feed.xml")).getroot().find("channel")
    for description in (channel.find("description").text, channel.find("item/description").text):
        assert len(description.encode("utf-8")) <= MAX_DESCRIPTION_BYTES
        assert "\ufffd" not in description
    for text in (channel.find("description").text, html_text(channel.find("item/description").text)):
        kept = text.removesuffix("…")
        assert kept != text and long_text.startswith(kept)
        assert long_text[len(kept)] == " "  # cut between words


def test_an_episode_whose_mp3_is_gone_is_left_out(podcast):
    podcast.mp3("strom-vom-dach").unlink()
    gp, _ = parse_both(republish(podcast))
    assert [e["title"] for e in gp["episodes"]] == ["Nachts in der Bibliothek <b>&</b>"]


@pytest.mark.parametrize("category, expected", [
    ("News", [["News"]]),
    ("News > Tech News", [["News", "Tech News"]]),
    ("Society & Culture>Documentary", [["Society & Culture", "Documentary"]]),
    ("tech news", [["News", "Tech News"]]),  # a subcategory alone goes under its category, in Apple's spelling
    ("technology", [["Technology"]]),
])
def test_categories(podcast, category, expected):
    gp, _ = parse_both(republish(replace(podcast, show=replace(podcast.show, category=category))))
    assert gp["itunes_categories"] == expected
    channel = etree.parse(str(podcast.out_dir / "feed.xml")).getroot().find("channel")
    tops = channel.findall(f"{{{ITUNES}}}category")
    assert [t.get("text") for t in tops] == [expected[0][0]]  # the subcategory nested, never a second top level
    assert [s.get("text") for s in tops[0].findall(f"{{{ITUNES}}}category")] == expected[0][1:]


@pytest.mark.parametrize("category, message", [
    ("Foo Bar", "not one of Apple's"),
    ("Tech", "did you mean 'Tech News'"),
    ("Technology > Tech News", "belongs under 'News'"),
    ("News > Tech News > Gadgets", "use one of Apple's categories"),
])
def test_a_category_apple_does_not_know_is_refused(podcast, category, message):
    with pytest.raises(InputError) as err:
        republish(replace(podcast, show=replace(podcast.show, category=category)))
    assert message in str(err.value)


@pytest.mark.parametrize("email, locked, expected", [
    ("rita@example.org", True, "yes"), ("rita@example.org", False, "no"), ("", False, "no")])
def test_only_a_show_that_asks_for_it_is_locked(podcast, email, locked, expected):
    podcast = republish(replace(podcast, show=replace(podcast.show, owner_email=email, locked=locked)))
    element = etree.parse(str(podcast.out_dir / "feed.xml")).getroot().find(f"channel/{{{PODCAST}}}locked")
    assert element.text == expected
    assert element.get("owner") == (email or None)


def test_the_author_stands_in_for_a_missing_owner_name(podcast):
    podcast = republish(replace(podcast, show=replace(podcast.show, owner_name="", owner_email="")))
    gp, _ = parse_both(podcast)
    assert gp["itunes_owner"] == {"name": podcast.show.author}


def test_episodes_built_in_the_same_second_get_distinct_dates_in_the_same_order(podcast):
    for n in range(3):
        add_episode(podcast.out_dir, podcast.catalog, f"batch-{n}", f"Stapel {n}", source=f"https://example.org/{n}",
                    when=FIRST_BUILD + timedelta(days=2, microseconds=n))
    podcast = republish(podcast)
    gp, fp = parse_both(podcast)
    published = [e["published"] for e in gp["episodes"]]
    assert [e.title for e in fp.entries[:3]] == ["Stapel 2", "Stapel 1", "Stapel 0"]  # the catalog's order
    assert published == sorted(published, reverse=True) and len(set(published)) == len(published)


def test_an_episode_cover_beside_the_mp3_is_the_episodes_image(podcast):
    (podcast.out_dir / "episodes" / "strom-vom-dach.jpg").write_bytes(b"jpeg")
    gp, _ = parse_both(republish(podcast))
    art = {e["title"]: e["episode_art_url"] for e in gp["episodes"]}
    assert art == {"Strom vom Dach": "http://127.0.0.1:8000/episodes/strom-vom-dach.jpg",
                   "Nachts in der Bibliothek <b>&</b>": "http://127.0.0.1:8000/cover.jpg"}


# ── golden file ─────────────────────────────────────────────────────────────────

GOLDEN_EPISODES = (
    # slug, title, source, size_bytes, version, companions
    ("wind-und-wetter", "Wind & Wetter <live>", "https://example.org/wind?a=1&b=2", 1234, 3, True),
    ("strom-vom-dach", "Strom vom Dach", "samples/energiegenossenschaft-de.txt", 987, 1, False),
)


def golden_feed(out_dir: Path, show) -> bytes:
    """A fixed show and catalog (fixed GUIDs, dates, file sizes) → feed.xml with a normalized generator."""
    records = []
    for n, (slug, title, source, size_bytes, version, companions) in enumerate(GOLDEN_EPISODES):
        (out_dir / "episodes").mkdir(parents=True, exist_ok=True)
        (out_dir / "episodes" / f"{slug}.mp3").write_bytes(b"\xff" * size_bytes)
        if companions:
            for suffix in (".vtt", ".chapters.json"):
                (out_dir / "episodes" / f"{slug}{suffix}").write_text("x")
        records.append(EpisodeRecord(
            guid=f"00000000-0000-4000-8000-00000000000{n}", slug=slug, title=title, author="Hanna Mertens",
            source=source, description=f"Über {title}.", language="de",
            pub_date=datetime(2024, 5, 6 - n, 7, 8, 9, tzinfo=timezone.utc), duration_s=754.6 - n,
            size_bytes=size_bytes, sha256="0" * 64, script_hash="1" * 64, version=version, removed=False))
    path = write_feed(out_dir, show, records, feed_guid="11111111-2222-5333-8444-555555555555",
                      built_at=datetime(2024, 5, 7, 0, 0, 0, tzinfo=timezone.utc))
    return re.sub(rb"<generator>[^<]*</generator>", b"<generator>articlecast</generator>", path.read_bytes())


def test_feed_matches_the_golden_file(podcast, tmp_path):
    produced = golden_feed(tmp_path / "golden", podcast.show)
    if os.environ.get("ARTICLECAST_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_bytes(produced)
    assert produced.decode("utf-8") == GOLDEN.read_text(encoding="utf-8")
