"""ID3v2.3 tags for an episode: what podcast apps show, its cover, and its chapters (CTOC + CHAP).

v2.3 rather than v2.4 because Apple Podcasts, Windows and many car radios read only v2.3 reliably.
"""
from __future__ import annotations

import io
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePosixPath, PureWindowsPath

from mutagen import MutagenError
from mutagen.id3 import APIC, CHAP, COMM, CTOC, ID3, TALB, TCON, TDRC, TIT2, TIT3, TLAN, TPE1, WOAS, CTOCFlags, PictureType

from articlecast import languages
from articlecast.audio.timeline import ChapterMark
from articlecast.errors import OutputError
from articlecast.fsutil import atomic_path

GENRE = "Podcast"
TOC_ID = "toc"
# ID3 names languages by ISO 639-2 codes
ID3_LANGUAGES = {language.code: language.id3 for language in languages.all()}
ENCODING_UTF16 = 1  # v2.3 knows Latin-1 and UTF-16 only; UTF-16 keeps umlauts and every name intact


class TimeOrderedID3(ID3):
    """An ID3 tag that writes its CHAP frames in time order.

    mutagen orders frames by size, so the chapters of a saved file come in the order of their titles'
    lengths; players read the CTOC and do not mind, but tools that copy the tags (`ffmpeg -c copy`)
    keep the frame order and scramble the table of contents. Main text frames come first and the
    pictures last, as mutagen does, so a player reading only the head of the file finds the title.
    mutagen has no public hook for the order, hence its frame writer is used here.
    """

    _FIRST = ("TIT2", "TPE1", "TRCK", "TALB", "TPOS", "TDRC", "TCON")

    def _write(self, config):
        from mutagen.id3._tags import save_frame

        def order(frame) -> tuple:
            if frame.FrameID in self._FIRST:
                return (0, self._FIRST.index(frame.FrameID), 0, frame.HashKey)
            if frame.FrameID == "CTOC":
                return (2, 0, 0, frame.HashKey)
            if frame.FrameID == "CHAP":
                return (2, 1, frame.start_time, frame.HashKey)
            if frame.FrameID == "APIC":
                return (3, 0, 0, "")  # stable sort keeps the pictures' order
            return (1, 0, 0, frame.HashKey)

        frames = sorted(self.values(), key=order)
        return bytearray().join(save_frame(f, config=config) for f in frames)


@dataclass(frozen=True)
class EpisodeTags:
    title: str
    author: str
    show: str
    date: date
    source_url: str  # the article's URL, or its path: only the file name is written (see public_source)
    language: str  # a code of articlecast.languages
    description: str = ""


def write_tags(mp3: Path, tags: EpisodeTags, chapters: Sequence[ChapterMark], cover_jpeg: bytes) -> None:
    """Replace the MP3's tags; the file is tagged as a copy and renamed, so it is never left half-written."""
    id3 = episode_id3(tags, chapters, cover_jpeg)
    try:
        # the tag is made on its own and the audio copied after it in blocks: saving into the MP3
        # would move the whole file through memory (mutagen maps it), 120 MB for a four-hour episode
        tag = io.BytesIO()
        id3.save(tag, v2_version=3)
        with atomic_path(mp3) as tmp, open(mp3, "rb") as source, open(tmp, "wb") as out:
            out.write(tag.getvalue())
            source.seek(_id3v2_size(source.read(10)))
            shutil.copyfileobj(source, out, 1 << 20)
    except (MutagenError, OSError) as e:
        raise OutputError(f"cannot write the tags of {mp3}: {e}") from e


def _id3v2_size(header: bytes) -> int:
    """Bytes of the ID3v2 tag a file starts with (0 without one): the old tag is replaced, not kept."""
    if len(header) < 10 or header[:3] != b"ID3":
        return 0
    size = 0
    for byte in header[6:10]:  # a "syncsafe" integer: 7 bits per byte
        size = (size << 7) | (byte & 0x7F)
    return 10 + size + (10 if header[5] & 0x10 else 0)  # a footer follows when flagged


def episode_cover_path(mp3: Path) -> Path:
    """Where the episode's cover lies beside its MP3, for the feed's per-episode itunes:image (apps that do not
    read ID3 tags show it too); the build writes it with the episode's other files."""
    return Path(mp3).with_suffix(".jpg")


def episode_id3(tags: EpisodeTags, chapters: Sequence[ChapterMark], cover_jpeg: bytes) -> ID3:
    language = ID3_LANGUAGES.get(tags.language, "und")
    id3 = TimeOrderedID3()
    for frame in (
        TIT2(encoding=ENCODING_UTF16, text=tags.title),
        TPE1(encoding=ENCODING_UTF16, text=tags.author),
        TALB(encoding=ENCODING_UTF16, text=tags.show),
        TDRC(encoding=ENCODING_UTF16, text=tags.date.isoformat()),  # saved as TYER + TDAT in v2.3
        TCON(encoding=ENCODING_UTF16, text=GENRE),
        TLAN(encoding=ENCODING_UTF16, text=language),
        COMM(encoding=ENCODING_UTF16, lang=language, desc="", text=public_source(tags.source_url)),
        APIC(encoding=ENCODING_UTF16, mime="image/jpeg", type=PictureType.COVER_FRONT, desc="Cover", data=cover_jpeg),
    ):
        id3.add(frame)
    if tags.description:
        id3.add(TIT3(encoding=ENCODING_UTF16, text=tags.description))
    if tags.source_url.startswith(("http://", "https://")):
        id3.add(WOAS(url=tags.source_url))
    _add_chapters(id3, chapters, languages.get(tags.language).labels.page["chapters"])
    id3.update_to_v23()  # mutagen keeps v2.4 frames (TDRC) unless converted before a v2.3 save
    return id3


def public_source(source: str) -> str:
    """What a published file may say about the article's origin: its URL, or the bare file name.

    A local path tells listeners the builder's user name and folders; it has no use to them.
    """
    if source.startswith(("http://", "https://")):
        return source
    if source in ("", "-"):
        return ""
    name = PureWindowsPath(source).name if "\\" in source else PurePosixPath(source).name
    return name


def _add_chapters(id3: ID3, chapters: Sequence[ChapterMark], toc_title: str) -> None:
    if not chapters:
        return
    width = len(str(len(chapters) - 1))
    ids = [f"chp{i:0{width}d}" for i in range(len(chapters))]
    id3.add(CTOC(element_id=TOC_ID, flags=CTOCFlags.TOP_LEVEL | CTOCFlags.ORDERED, child_element_ids=ids,
                 sub_frames=[TIT2(encoding=ENCODING_UTF16, text=toc_title)]))
    for element_id, chapter in zip(ids, chapters, strict=True):
        id3.add(CHAP(element_id=element_id, start_time=chapter.start_ms, end_time=chapter.end_ms,
                     sub_frames=[TIT2(encoding=ENCODING_UTF16, text=chapter.title)]))
