"""index.html, read as a browser's parser reads it (lxml.html); the browser test plays it for real."""
from __future__ import annotations

import json
from dataclasses import replace

import lxml.html
import pytest
from podcast_fixtures import CHAPTER_S, Podcast

from articlecast.output.page import Chapter, Cue, format_clock, read_chapters, read_cues, write_page


def parse_page(podcast: Podcast) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((podcast.out_dir / "index.html").read_bytes())


def test_page_is_a_phone_friendly_document_in_the_shows_language(podcast):
    page = parse_page(podcast)
    assert page.get("lang") == "de"
    assert page.xpath("//meta[@name='viewport']/@content") == ["width=device-width, initial-scale=1"]
    assert page.xpath("//meta/@charset") == ["utf-8"]
    assert page.findtext(".//title") == podcast.show.title
    assert page.xpath("//header//h1")[0].text_content() == podcast.show.title
    assert podcast.show.description in page.xpath("//header")[0].text_content()
    assert page.xpath("//header//img/@src") == ["cover.jpg"]


def test_page_loads_nothing_from_elsewhere(podcast):
    page = parse_page(podcast)
    assert page.xpath("//script/@src | //link[@rel='stylesheet']") == []
    assert page.xpath("//style") and page.xpath("//script")
    loaded = page.xpath("//*[self::img or self::audio or self::track or self::source]/@src")
    assert loaded and all(not url.startswith(("http:", "https:", "//")) for url in loaded)


def test_each_episode_has_a_player_with_captions_chapters_transcript_and_download(podcast):
    page = parse_page(podcast)
    articles = page.xpath("//article[contains(@class, 'episode')]")
    assert [a.xpath(".//h2")[0].text_content() for a in articles] == [e.title for e in podcast.episodes]
    for article, record in zip(articles, podcast.episodes, strict=True):
        audio, = article.xpath(".//audio")
        assert (audio.get("preload"), audio.get("src")) == ("metadata", f"episodes/{record.slug}.mp3")
        assert audio.get("controls") is not None
        track, = audio.xpath("track")
        assert (track.get("kind"), track.get("src"), track.get("srclang")) == (
            "captions", f"episodes/{record.slug}.vtt", "de")
        assert track.get("default") is not None

        chapters = json.loads((podcast.out_dir / "episodes" / f"{record.slug}.chapters.json").read_text())
        buttons = article.xpath(".//nav[contains(@class, 'chapters')]//button")
        assert [(float(b.get("data-start")), b.text_content().split(" ", 1)[1]) for b in buttons] == [
            (c["startTime"], c["title"]) for c in chapters["chapters"]]
        assert all(b.get("type") == "button" for b in buttons)  # real buttons: keyboard reachable

        cues = article.xpath(".//ol[contains(@class, 'cues')]/li/button")
        assert [c.text_content() for c in cues] == ["Anfang: Satz eins.", "Klara Ölz: Wir & die <Sonne>.",
                                                    "Zweiter Teil: Satz eins.", "Klara Ölz: Wir & die <Sonne>."]
        assert float(cues[2].get("data-start")) == CHAPTER_S
        download, = article.xpath(".//a[@download]")
        assert download.get("href") == f"episodes/{record.slug}.mp3"


def test_subscribe_box_offers_the_feed_url_and_a_copy_button(podcast):
    page = parse_page(podcast)
    field, = page.xpath("//input[@id='feed-url']")
    assert field.get("value") == podcast.show.feed_url and field.get("readonly") is not None
    assert page.xpath("//label[@for='feed-url']")
    button, = page.xpath("//button[@id='copy-feed']")
    assert button.get("type") == "button"
    assert page.xpath("//link[@rel='alternate'][@type='application/rss+xml']/@href") == ["feed.xml"]


def test_a_rebuilt_episode_is_fetched_again(podcast):
    record = replace(podcast.episodes[0], version=4)
    write_page(podcast.out_dir, podcast.show, [record])
    page = parse_page(podcast)
    assert page.xpath("//audio/@src") == [f"episodes/{record.slug}.mp3?v=4"]
    assert page.xpath("//track/@src") == [f"episodes/{record.slug}.vtt?v=4"]


def test_text_is_escaped_and_the_interface_follows_the_language(podcast):
    english = replace(podcast.show, language="en", title="<script>alert(1)</script> & Co\x0b")
    write_page(podcast.out_dir, english, podcast.episodes)
    page = parse_page(replace(podcast, show=english))
    assert page.get("lang") == "en"
    assert page.findtext(".//title") == "<script>alert(1)</script> & Co"
    assert len(page.xpath("//script")) == 1  # only ours
    assert page.xpath("//h2[@id='subscribe-heading']")[0].text == "Subscribe"
    assert page.xpath("//article//h2")[0].text_content() == "Nachts in der Bibliothek <b>&</b>"


def test_no_episodes_yet(podcast):
    write_page(podcast.out_dir, podcast.show, [])
    assert parse_page(podcast).xpath("//main")[0].text_content() == "Noch keine Folgen."


VTT = """WEBVTT - a title

NOTE a comment
that spans two lines

intro
00:00.000 --> 00:01.500 align:start
Hallo &amp; willkommen.

00:00:01.500 --> 00:00:03,250
<v.loud Klara Ölz>Wir <i>auch</i>
zweite Zeile</v>

1:00:00.000 --> 1:00:02.000
Spät.
"""


def test_read_cues_handles_the_webvtt_forms_a_file_may_use(tmp_path):
    path = tmp_path / "t.vtt"
    path.write_text(VTT, encoding="utf-8")
    assert read_cues(path) == [
        Cue(0.0, 1.5, None, "Hallo & willkommen."),
        Cue(1.5, 3.25, "Klara Ölz", "Wir auch zweite Zeile"),
        Cue(3600.0, 3602.0, None, "Spät."),
    ]


def test_reads_what_the_build_writes(tmp_path):
    """The contract with output/transcript.py and output/chapters.py, whose files the page reads."""
    from articlecast.audio.timeline import ChapterMark, Placement, Timeline
    from articlecast.output.chapters import to_chapters_json
    from articlecast.output.transcript import to_vtt

    timeline = Timeline(
        placements=(Placement("s1", "narrator", "Strom vom Dach. Ein Dorf & seine <Sonne>.", 0, 4000),
                    Placement("s2", "Klara Ölz", "Wir haben es geschafft.", 4000, 6000)),
        chapters=(ChapterMark("Strom vom Dach", 0, 4000), ChapterMark("Stimmen", 4000, 6000)),
        duration_ms=6000)
    (tmp_path / "e.vtt").write_text(to_vtt(timeline, language="de"), encoding="utf-8")
    (tmp_path / "e.chapters.json").write_text(to_chapters_json(timeline), encoding="utf-8")
    cues = read_cues(tmp_path / "e.vtt")
    assert [(c.speaker, c.text) for c in cues] == [("Erzähler", "Strom vom Dach."),
                                                   ("Erzähler", "Ein Dorf & seine <Sonne>."),
                                                   ("Klara Ölz", "Wir haben es geschafft.")]
    assert cues[2].start_s == 4.0 and cues[-1].end_s == 6.0
    assert read_chapters(tmp_path / "e.chapters.json") == [Chapter(0.0, "Strom vom Dach"), Chapter(4.0, "Stimmen")]


def test_the_transcript_names_a_speaker_when_the_voice_changes(podcast):
    vtt = podcast.out_dir / "episodes" / f"{podcast.episodes[0].slug}.vtt"
    vtt.write_text("WEBVTT\n\n00:00.000 --> 00:01.000\n<v Anna>Eins.\n\n00:01.000 --> 00:02.000\n<v Anna>Zwei.\n\n"
                   "00:02.000 --> 00:03.000\n<v Ben>Drei.\n\n00:03.000 --> 00:04.000\n<v Anna>Vier.\n", encoding="utf-8")
    write_page(podcast.out_dir, podcast.show, podcast.episodes[:1])
    cues = parse_page(podcast).xpath("//ol[contains(@class, 'cues')]/li")
    assert [c.text_content() for c in cues] == ["Anna: Eins.", "Zwei.", "Ben: Drei.", "Anna: Vier."]


@pytest.mark.parametrize("content", [None, "not json", '{"chapters": [{"title": "no start"}]}', "[]"])
def test_missing_or_broken_chapters_mean_none(tmp_path, content):
    path = tmp_path / "c.chapters.json"
    if content is not None:
        path.write_text(content)
    assert read_chapters(path) == []


def test_read_chapters_skips_chapters_hidden_from_the_table_of_contents(tmp_path):
    path = tmp_path / "c.chapters.json"
    path.write_text(json.dumps({"version": "1.2.0", "chapters": [
        {"startTime": 0, "title": "A"}, {"startTime": 5.5, "title": "B", "toc": False}, {"startTime": 9, "title": "C"}]}))
    assert read_chapters(path) == [Chapter(0.0, "A"), Chapter(9.0, "C")]


@pytest.mark.parametrize("seconds, clock", [(0, "0:00"), (59.6, "1:00"), (754.4, "12:34"), (3725, "1:02:05")])
def test_format_clock(seconds, clock):
    assert format_clock(seconds) == clock


def test_the_page_is_replaced_atomically(podcast):
    write_page(podcast.out_dir, podcast.show, podcast.episodes)
    assert sorted(p.name for p in podcast.out_dir.iterdir() if p.name.startswith(".") and p.name != ".articlecast") == []
