"""DIR/index.html: the podcast as one static page: players, chapters, a transcript that follows along.

No build step and nothing from a CDN: CSS and JS (templates/page.css, page.js) are inlined, so the page
works from any static host. The transcript and chapters are written into the HTML itself (readable
without JS, searchable, and present even when a browser refuses to load the .vtt from file://);
the script only seeks the player and highlights the cue the <track>'s cuechange event reports.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from importlib import resources
from pathlib import Path
from typing import TypeVar

from lxml import etree
from lxml.html import builder as E

from articlecast import languages
from articlecast.config import Show, show_language
from articlecast.fsutil import atomic_write_text
from articlecast.output.catalog import EpisodeRecord
from articlecast.output.feed import COVER_NAME, FEED_NAME, xml_safe

PAGE_NAME = "index.html"
_T = TypeVar("_T")

# Interface text by language (each language's `labels.page`); the registry's fallback for any other.
# The page's frame speaks the show's language, each episode its own (an English episode in a German
# show has English labels).
LABELS = {language.code: language.labels.page for language in languages.all()}


def labels_for(language: str) -> Mapping[str, str]:
    return languages.get(language).labels.page


@dataclass(frozen=True)
class Cue:
    start_s: float
    end_s: float
    speaker: str | None
    text: str


@dataclass(frozen=True)
class Chapter:
    start_s: float
    title: str


def write_page(out_dir: Path, show: Show, episodes: Sequence[EpisodeRecord]) -> Path:
    out_dir = Path(out_dir)
    path = out_dir / PAGE_NAME
    atomic_write_text(path, render_page(out_dir, show, episodes))
    return path


def render_page(out_dir: Path, show: Show, episodes: Sequence[EpisodeRecord], *, staged: Mapping[Path, Path] = {}) -> str:
    """`staged`: final path -> the complete temporary file about to be renamed there (see feed.build_feed)."""
    language = show_language(show, (ep.language for ep in episodes))
    labels = labels_for(language)
    show = _clean(show)
    def on_disk(path: Path) -> Path:
        return staged.get(path, path)

    published = [_clean(ep) for ep in episodes if on_disk(out_dir / "episodes" / f"{ep.slug}.mp3").is_file()]
    page = E.HTML(
        E.HEAD(
            E.META(charset="utf-8"),
            E.META(name="viewport", content="width=device-width, initial-scale=1"),
            E.TITLE(show.title),
            E.META(name="description", content=show.description),
            E.LINK(rel="alternate", type="application/rss+xml", title=show.title, href=FEED_NAME),
            E.LINK(rel="icon", href=COVER_NAME),
            E.STYLE(_asset("page.css")),
        ),
        E.BODY(
            # Compact, so that on a phone the first player shows on the first screen; the subscribe box
            # follows the episodes, with a link to it at the top.
            E.HEADER(
                E.IMG(src=COVER_NAME, alt="", width="160", height="160", **{"class": "cover"}),
                E.DIV(E.H1(show.title), E.P(show.description, E.CLASS("tagline")),
                      E.P(*([f"{labels['by']} {show.author} · "] if show.author else []),
                          E.A(labels["subscribe"], href="#subscribe"), E.CLASS("author"))),
                E.CLASS("show"),
            ),
            E.MAIN(*[_episode(out_dir, ep, on_disk) for ep in published]
                   or [E.P(labels["no_episodes"])]),
            _subscribe_box(show, labels),
            E.SCRIPT(_asset("page.js")),
        ),
        lang=language,
    )
    return "<!DOCTYPE html>\n" + etree.tostring(page, encoding="unicode", method="html") + "\n"


def _subscribe_box(show: Show, labels: Mapping[str, str]) -> etree._Element:
    return E.SECTION(
        E.H2(labels["subscribe"], id="subscribe-heading"),
        E.LABEL(labels["feed_label"], **{"for": "feed-url"}),
        E.DIV(
            E.INPUT(id="feed-url", type="url", readonly="readonly", value=show.feed_url),
            E.BUTTON(labels["copy"], type="button", id="copy-feed", **{"data-copied": labels["copied"]}),
            E.CLASS("row"),
        ),
        E.P(E.A(show.feed_url, href=show.feed_url)),
        E.P(id="copy-status", role="status", **{"aria-live": "polite", "class": "status"}),
        E.CLASS("subscribe"), id="subscribe",
        **{"aria-labelledby": "subscribe-heading"},
    )


def _episode(out_dir: Path, ep: EpisodeRecord, on_disk: Callable[[Path], Path] = lambda path: path) -> etree._Element:
    labels = labels_for(ep.language)
    base = f"episodes/{ep.slug}"
    version = "" if ep.version == 1 else f"?v={ep.version}"
    vtt = on_disk(out_dir / f"{base}.vtt")
    cues = read_cues(vtt)
    chapters = read_chapters(on_disk(out_dir / f"{base}.chapters.json"))
    size_bytes = on_disk(out_dir / f"{base}.mp3").stat().st_size
    heading_id = f"title-{ep.slug}"

    meta = [E.TIME(f"{ep.pub_date:%Y-%m-%d}", datetime=ep.pub_date.isoformat()), " · ",
            E.TIME(format_duration(ep.duration_s, labels), datetime=iso_duration(ep.duration_s),
                   title=labels["duration"])]
    if ep.author:
        meta.append(f" · {ep.author}")
    if ep.source_is_url:
        meta += [" · ", E.A(labels["source"], href=ep.source, rel="noopener")]

    audio = E.AUDIO(controls="controls", preload="metadata", src=f"{base}.mp3{version}")
    if vtt.is_file():
        audio.append(E.TRACK(kind="captions", src=f"{base}.vtt{version}", srclang=ep.language,
                             label=labels["transcript"], default="default"))
    parts = [E.H2(ep.title, id=heading_id), E.P(*meta, E.CLASS("meta")), audio]
    if ep.description:
        parts.append(E.P(ep.description, E.CLASS("description")))
    if chapters:
        parts.append(E.NAV(
            E.H3(labels["chapters"]),
            E.OL(*[E.LI(E.BUTTON(E.SPAN(format_clock(c.start_s), E.CLASS("at")), " ", c.title, type="button",
                                 **{"class": "seek", "data-start": f"{c.start_s:.3f}"}))
                   for c in chapters]),
            E.CLASS("chapters"), **{"aria-label": f"{labels['chapters']}: {ep.title}"},
        ))
    if cues:
        parts.append(E.DETAILS(
            E.SUMMARY(labels["transcript"]),
            E.OL(*[_cue(c, show_speaker=i == 0 or c.speaker != cues[i - 1].speaker) for i, c in enumerate(cues)],
                 E.CLASS("cues"), **{"aria-label": f"{labels['transcript']}: {ep.title}"}),
            E.CLASS("transcript"), open="open",
        ))
    parts.append(E.P(E.A(f"{labels['download']} ({format_size(size_bytes)})", href=f"{base}.mp3{version}",
                         download=f"{ep.slug}.mp3"), E.CLASS("download")))
    return E.ARTICLE(*parts, E.CLASS("episode"), id=f"episode-{ep.slug}", lang=ep.language,
                     **{"aria-labelledby": heading_id})


def _clean(value: _T) -> _T:
    """The same record without control characters, which have no place in HTML (and lxml refuses)."""
    return replace(value, **{f.name: xml_safe(v) for f in fields(value) if isinstance(v := getattr(value, f.name), str)})


def _cue(cue: Cue, *, show_speaker: bool) -> etree._Element:
    """One line of the transcript, a button that plays from there (so the keyboard reaches it too).

    The speaker is named when the voice changes, as in a printed interview. page.js turns the lines
    into one tab stop with arrow keys, so that Tab gets past a long transcript in one step.
    """
    line = E.BUTTON(type="button", **{"class": "cue", "data-start": f"{cue.start_s:.3f}",
                                      "data-end": f"{cue.end_s:.3f}"})
    if cue.speaker and show_speaker:
        line.append(E.SPAN(f"{cue.speaker}: ", E.CLASS("speaker")))
        line[-1].tail = cue.text
    else:
        line.text = cue.text
    return E.LI(line)


# ── the episode's companion files ────────────────────────────────────────────────

_TIMING = re.compile(r"^((?:\d+:)?\d{1,2}:\d{2}[.,]\d{3})\s+-->\s+((?:\d+:)?\d{1,2}:\d{2}[.,]\d{3})")
_VOICE = re.compile(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"</?[^>]*>")


def read_cues(path: Path) -> list[Cue]:
    """The cues of a WebVTT file; a missing or unreadable file has none (the page then shows no transcript)."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError):
        return []
    cues: list[Cue] = []
    i = 0
    while i < len(lines):
        timing = _TIMING.match(lines[i].strip())
        i += 1
        if not timing:
            continue
        payload: list[str] = []
        while i < len(lines) and lines[i].strip():
            payload.append(lines[i].strip())
            i += 1
        text = " ".join(payload)
        voice = _VOICE.match(text)
        speaker = html.unescape(voice.group(1).strip()) if voice else None
        plain = html.unescape(_TAG.sub("", text)).strip()
        cues.append(Cue(_seconds(timing.group(1)), _seconds(timing.group(2)), speaker and xml_safe(speaker),
                        xml_safe(plain)))
    return cues


def read_chapters(path: Path) -> list[Chapter]:
    """Chapters from a podcast-namespace JSON chapters file; none when it is missing or not valid."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return [Chapter(float(c["startTime"]), xml_safe(str(c.get("title", "")))) for c in data["chapters"]
                if c.get("toc", True) is not False]
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return []


def _seconds(stamp: str) -> float:
    parts = stamp.replace(",", ".").split(":")
    return sum(float(p) * 60 ** i for i, p in enumerate(reversed(parts)))


def format_clock(seconds: float) -> str:
    """12:05 or 1:02:05."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def format_duration(seconds: float, labels: Mapping[str, str]) -> str:
    """"16 min", "1 h 05 min", "45 s": a length that cannot be read as a time of day."""
    total = round(seconds)
    if total < 60:
        return f"{total} {labels['seconds']}"
    hours, minutes = divmod(round(total / 60), 60)
    return f"{hours} {labels['hours']} {minutes:02d} {labels['minutes']}" if hours else f"{minutes} {labels['minutes']}"


def iso_duration(seconds: float) -> str:
    """HTML's duration string for <time datetime>: PT16M13S."""
    total = round(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return "PT" + (f"{hours}H" if hours else "") + (f"{minutes}M" if minutes else "") + f"{secs}S"


def format_size(size_bytes: int) -> str:
    return f"{size_bytes / 1e6:.1f} MB" if size_bytes >= 1e6 else f"{max(1, round(size_bytes / 1e3))} kB"


def _asset(name: str) -> str:
    return resources.files("articlecast.output").joinpath("templates", name).read_text(encoding="utf-8")
