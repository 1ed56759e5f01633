"""The data that flows between stages: an extracted Article and the narration Script.

All frozen: a stage returns a new value instead of changing the one it was given.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

NARRATOR = "narrator"
UNKNOWN = "unknown"

BlockKind = Literal["heading", "paragraph", "pullquote"]
# Who can speak a quote: a person, a body that speaks as one (party, company, ministry, court, police),
# or a text that says something (report, law, statement). Each gets a voice of its own.
SpeakerKind = Literal["person", "organisation", "document"]
SPEAKER_KINDS: tuple[str, ...] = ("person", "organisation", "document")
SegmentKind = Literal["title", "byline", "heading", "narration", "quote"]
SEGMENT_KINDS: tuple[str, ...] = ("title", "byline", "heading", "narration", "quote")


@dataclass(frozen=True)
class Block:
    """One block of an article's body as the page shows it.

    A pull quote is a highlighted quote with a name line under it; `speaker` holds that name.
    """

    kind: BlockKind
    text: str
    speaker: str | None = None


@dataclass(frozen=True)
class Article:
    """What ingest extracts from a page or file; boilerplate is already gone (kept in `dropped`)."""

    title: str
    author: str | None
    language: str  # "de" or "en"
    source: str  # path or URL as the user gave it; "-" for stdin
    blocks: tuple[Block, ...]
    dropped: tuple[str, ...] = ()  # boilerplate lines removed, so a caller can show or test them
    warnings: tuple[str, ...] = ()  # for the user, on stderr: e.g. a page that looks like a paywall teaser
    published: str | None = None  # YYYY-MM-DD when the source states it (front matter): the episode's date


@dataclass(frozen=True)
class ArticleInput:
    """An article known by its address whose text may already be at hand: a feed item that carries the
    whole article (content:encoded) is built from that text, yet known to the catalog by its URL."""

    source: str  # the article's URL: what the catalog, the feed's <link> and a rebuild know it by
    text: str | None = None  # None: fetch `source`
    fmt: str = "html"
    title: str | None = None  # the feed's title and author win over what extraction finds
    author: str | None = None

    def __str__(self) -> str:
        return self.source


@dataclass(frozen=True)
class Voice:
    """A voice of one engine; pitch, speed and formant are factors around the voice's own (1.0 = unchanged).

    `formant` scales the vocal tract's resonances (a larger factor: a smaller, more female-sounding
    tract); engines that can reshape a voice (gtts, piper) honour it, others keep it at 1.0.
    """

    engine: str  # "espeak", "gtts", "piper", or a plugin's name
    name: str  # the engine's id for the voice: "de+m3", "de:com", a Piper .onnx stem
    pitch: float = 1.0
    speed: float = 1.0
    formant: float = 1.0

    def to_json(self) -> dict:
        out = {"engine": self.engine, "name": self.name, "pitch": self.pitch, "speed": self.speed}
        if self.formant != 1.0:  # written only when used: scripts and cache keys of other voices stay as they were
            out["formant"] = self.formant
        return out

    @classmethod
    def parse(cls, value: object) -> Voice:
        """Accept the JSON dict or the shorthand "engine:name" (e.g. "espeak:de+m3")."""
        if isinstance(value, dict):
            return cls(str(value["engine"]), str(value["name"]), float(value.get("pitch", 1.0)),
                       float(value.get("speed", 1.0)), float(value.get("formant", 1.0)))
        if isinstance(value, str) and ":" in value:
            engine, name = value.split(":", 1)
            return cls(engine.strip(), name.strip())
        raise ValueError(f"not a voice: {value!r} (use ENGINE:NAME, e.g. espeak:de+m3)")

    def __str__(self) -> str:
        extra = "".join(f" {k}={v:g}" for k, v in (("pitch", self.pitch), ("speed", self.speed), ("formant", self.formant))
                        if v != 1.0)
        return f"{self.engine}:{self.name}{extra}"


@dataclass(frozen=True)
class CastMember:
    """A speaker quoted in the article (or the narrator), with what the article tells about them."""

    name: str
    gender: Literal["female", "male"] | None = None
    description: str | None = None  # e.g. "der deutsche Informatiker"
    voice: Voice | None = None
    kind: SpeakerKind = "person"  # the narrator is a person too


@dataclass(frozen=True)
class Segment:
    """One stretch of text read by one voice. `chapter` 0 is the opening, n follows the n-th heading."""

    id: str
    kind: SegmentKind
    speaker: str
    text: str
    chapter: int = 0


@dataclass(frozen=True)
class Script:
    """The narration script: what the episode says, in which voice, in which chapter."""

    title: str
    author: str | None
    language: str
    source: str
    cast: dict[str, CastMember]
    segments: tuple[Segment, ...]
    lexicon: dict[str, str] = field(default_factory=dict)  # word -> spoken form, applied before synthesis
    published: str | None = None  # the article's date (ISO 8601) when known: the episode's pubDate

    def chapter_titles(self) -> list[str]:
        """Chapter 0 is named after the title; each heading opens the next chapter."""
        return [self.title] + [s.text for s in self.segments if s.kind == "heading"]

    def speakers(self) -> list[str]:
        """Quoted people in order of first appearance (neither narrator nor unknown)."""
        seen: dict[str, None] = {}
        for s in self.segments:
            if s.speaker not in (NARRATOR, UNKNOWN):
                seen.setdefault(s.speaker)
        return list(seen)

    def with_voices(self, voices: dict[str, Voice]) -> Script:
        cast = dict(self.cast)
        for name, voice in voices.items():
            cast[name] = replace(cast.get(name) or CastMember(name), voice=voice)
        return replace(self, cast=cast)
