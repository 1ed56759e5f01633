from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from mutagen.id3 import ID3, CTOCFlags, PictureType
from mutagen.mp3 import MP3

from articlecast.audio.ffmpeg import ffmpeg_exe
from articlecast.audio.timeline import ChapterMark
from articlecast.errors import OutputError
from articlecast.output import tags as tags_module
from articlecast.output.cover import generate_cover
from articlecast.output.tags import EpisodeTags, write_tags

TAGS = EpisodeTags(title="Strom vom Scheunendach: Wie ein Dorf Energie erzeugt", author="Hanna Mertens",
                   show="Artikel zum Hören", date=date(2024, 5, 17), source_url="https://example.org/strom?id=1&x=2",
                   language="de", description="Ein Dorf erzeugt seinen Strom selbst.")
CHAPTERS = (ChapterMark("Strom vom Scheunendach", 0, 12_340), ChapterMark("Die Rechnung geht auf", 12_340, 30_010),
            ChapterMark("Was Äcker & Dächer bringen", 30_010, 45_000))


@pytest.fixture
def mp3(tmp_path) -> Path:
    path = tmp_path / "episode.mp3"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i", "sine=frequency=440:duration=45",
                    "-ac", "1", "-ar", "44100", "-b:a", "64k", str(path)], check=True)
    return path


@pytest.fixture(scope="module")
def cover() -> bytes:
    return generate_cover("Strom vom Scheunendach", "Artikel zum Hören")


def test_tags_read_back_as_id3v23(mp3, cover):
    write_tags(mp3, TAGS, CHAPTERS, cover)
    id3 = ID3(mp3)
    assert id3.version[:2] == (2, 3)
    assert str(id3["TIT2"]) == TAGS.title
    assert str(id3["TPE1"]) == "Hanna Mertens"
    assert str(id3["TALB"]) == "Artikel zum Hören"
    assert str(id3["TCON"]) == "Podcast"
    assert str(id3["TDRC"]) == "2024-05-17"
    as_stored = ID3(mp3, translate=False)  # v2.3 has no TDRC: the date is a year and a DDMM day
    assert (str(as_stored["TYER"]), str(as_stored["TDAT"])) == ("2024", "1705")
    assert str(id3["TLAN"]) == "deu"
    comment = id3.getall("COMM")[0]
    assert (comment.lang, comment.text[0]) == ("deu", TAGS.source_url)
    assert id3.getall("WOAS")[0].url == TAGS.source_url
    assert str(id3["TIT3"]) == TAGS.description
    picture = id3.getall("APIC")[0]
    assert (picture.type, picture.mime, picture.data) == (PictureType.COVER_FRONT, "image/jpeg", cover)


def test_chapters_are_an_ordered_top_level_toc_of_chap_frames(mp3, cover):
    write_tags(mp3, TAGS, CHAPTERS, cover)
    id3 = ID3(mp3)
    toc = id3.getall("CTOC")[0]
    assert toc.flags & CTOCFlags.TOP_LEVEL and toc.flags & CTOCFlags.ORDERED
    chaps = {c.element_id: c for c in id3.getall("CHAP")}
    assert list(toc.child_element_ids) == sorted(chaps, key=lambda e: chaps[e].start_time)
    read_back = [ChapterMark(str(chaps[e].sub_frames["TIT2"]), chaps[e].start_time, chaps[e].end_time)
                 for e in toc.child_element_ids]
    assert tuple(read_back) == CHAPTERS


def test_tagging_keeps_the_audio_and_replaces_old_tags(mp3, cover):
    length_before = MP3(mp3).info.length
    write_tags(mp3, TAGS, CHAPTERS, cover)
    write_tags(mp3, EpisodeTags("Neu", "B", "C", date(2025, 1, 2), "x.txt", "en"), CHAPTERS[:1], cover)
    id3 = ID3(mp3)
    assert str(id3["TIT2"]) == "Neu"
    assert len(id3.getall("CHAP")) == 1 and len(id3.getall("APIC")) == 1
    assert not id3.getall("WOAS") and not id3.getall("TIT3")  # a path is no URL; no description given
    assert MP3(mp3).info.length == pytest.approx(length_before, abs=0.01)


def test_failed_tagging_leaves_the_file_as_it_was(mp3, cover, monkeypatch):
    before = mp3.read_bytes()

    def fail(self, *args, **kwargs):  # the tag is saved to a path or a file object: both half written
        target = args[0]
        if isinstance(target, (str, Path)):
            Path(target).write_bytes(b"half written")
        else:
            target.write(b"half written")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tags_module.ID3, "save", fail)
    with pytest.raises(OutputError, match="episode.mp3"):
        write_tags(mp3, TAGS, CHAPTERS, cover)
    assert mp3.read_bytes() == before
    assert [p.name for p in mp3.parent.iterdir()] == ["episode.mp3"]


# Titles whose lengths do not follow their order, and more than ten chapters (chp10 sorts before chp2 as text).
MANY = tuple(ChapterMark(title, n * 3000, (n + 1) * 3000) for n, title in enumerate(
    ["Ein sehr langer erster Kapiteltitel über Strom", "Kurz", "Mittellanger Titel", "A", "Noch einer, lang genug",
     "B", "Zwölf Dächer", "C", "Die Rechnung", "Ende naht, mit einem langen Titel", "Elf", "Schluss"]))


def ffmpeg_chapters(path: Path) -> list[tuple[int, str]]:
    """The chapters as ffmpeg reads them, in the order it reads them: (start ms, title)."""
    meta = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(path), "-f", "ffmetadata", "-"],
                          check=True, capture_output=True, text=True).stdout
    chapters, start = [], None
    for line in meta.splitlines():
        if line.startswith("START="):
            start = int(line.split("=", 1)[1])
        elif line.startswith("title=") and start is not None:
            chapters.append((start, line.split("=", 1)[1]))
            start = None
    return chapters


def test_chap_frames_are_written_in_time_order_and_survive_an_ffmpeg_copy(mp3, cover, tmp_path):
    write_tags(mp3, TAGS, MANY, cover)
    assert [c.start_time for c in ID3(mp3).getall("CHAP")] == [c.start_ms for c in MANY]  # order in the file
    copy = tmp_path / "copy.mp3"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(mp3), "-c", "copy", "-map_metadata", "0",
                    "-map_chapters", "0", "-id3v2_version", "3", str(copy)], check=True)
    for path in (mp3, copy):
        chapters = ffmpeg_chapters(path)
        assert [title for _, title in chapters] == [c.title for c in MANY]
        # ffmpeg reports times against the decoded audio, without the encoder's delay of some 25 ms
        assert [start for start, _ in chapters] == pytest.approx([c.start_ms for c in MANY], abs=50)
    copied = ID3(copy)
    assert [str(c.sub_frames["TIT2"]) for c in copied.getall("CHAP")] == [c.title for c in MANY]
    assert str(copied["TIT2"]) == TAGS.title


@pytest.mark.parametrize("source, comment", [
    ("/home/rita/Artikel/strom.txt", "strom.txt"),
    ("C:\\Users\\rita\\strom.md", "strom.md"),
    ("strom.md", "strom.md"),
    ("https://example.org/strom?id=1", "https://example.org/strom?id=1"),
])
def test_the_comment_names_a_url_or_a_bare_file_name_never_a_local_path(mp3, cover, source, comment):
    write_tags(mp3, EpisodeTags("T", "A", "S", date(2025, 1, 2), source, "de"), CHAPTERS, cover)
    assert ID3(mp3).getall("COMM")[0].text[0] == comment
    assert b"/home/rita" not in mp3.read_bytes() and b"Users" not in mp3.read_bytes()
