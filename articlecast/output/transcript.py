"""The episode's transcript as WebVTT: one cue per sentence, each with the voice that speaks it.

A long sentence is split into several cues of at most two lines of about 42 characters, as subtitle
guidelines ask (BBC, Netflix, EBU): players that show the transcript as captions cover no more of the
picture than that, and a reader can take a cue in at a glance.

Times come from the real segment durations; within a segment, time is shared among its sentences
by their length in characters (speech engines read at a nearly even pace). The first cue of each
chapter starts exactly where the chapter does, so players that jump to a chapter show its text.
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from articlecast import languages
from articlecast.audio.timeline import Timeline
from articlecast.script.model import NARRATOR, UNKNOWN

# What the voice tag says for the narrator and for an unattributed quote, per language
VOICE_LABELS: dict[str, dict[str, str]] = {
    language.code: {NARRATOR: language.labels.narrator, UNKNOWN: language.labels.unknown}
    for language in languages.all()}
# A period after these does not end a sentence ("Dr. Weber", "z. B.", "3. Oktober", "J. Smith")
_ABBREVIATIONS = languages.union(lambda language: language.text.transcript_abbreviations)
MAX_LINE_CHARS = 42
MAX_CUE_LINES = 2
_SENTENCE_END = re.compile(r"(?<=[.!?…])([\"“”»«'’)]*)\s+")  # closing quotes stay with their sentence


@dataclass(frozen=True)
class Cue:
    start_ms: int
    end_ms: int
    voice: str
    text: str


def to_vtt(timeline: Timeline, *, language: str | None = None, speaker_labels: Mapping[str, str] | None = None) -> str:
    """WebVTT for `timeline`; `speaker_labels` renames speakers (e.g. {"narrator": "Anna"})."""
    labels = {**VOICE_LABELS[languages.get(language).code], **(speaker_labels or {})}
    lines = ["WEBVTT", ""]
    for i, cue in enumerate(transcript_cues(timeline, labels), start=1):
        text = "\n".join(_escape(line) for line in cue.text.split("\n"))
        lines += [str(i), f"{_timestamp(cue.start_ms)} --> {_timestamp(cue.end_ms)}",
                  f"<v {_escape(cue.voice)}>{text}", ""]
    return "\n".join(lines)


def transcript_cues(timeline: Timeline, labels: Mapping[str, str]) -> list[Cue]:
    cues: list[Cue] = []
    for placement in timeline.placements:
        voice = labels.get(placement.speaker, placement.speaker)
        sentences = [chunk for sentence in split_sentences(placement.text) or [placement.text]
                     for chunk in cue_chunks(sentence)]
        total_chars = sum(len(s) for s in sentences)
        span_ms = placement.end_ms - placement.start_ms
        chars_before = 0
        for sentence in sentences:
            start = placement.start_ms + round(span_ms * chars_before / total_chars)
            chars_before += len(sentence)
            cues.append(Cue(start, placement.start_ms + round(span_ms * chars_before / total_chars), voice, sentence))
    return _start_chapters_with_cues(cues, timeline)


def _start_chapters_with_cues(cues: list[Cue], timeline: Timeline) -> list[Cue]:
    """Move the first cue at or after each chapter start back to it (it covers a lead-in or jingle)."""
    cues = list(cues)
    for chapter in timeline.chapters:
        first = next((i for i, c in enumerate(cues) if c.start_ms >= chapter.start_ms), None)
        if first is not None and cues[first].start_ms != chapter.start_ms:
            c = cues[first]
            cues[first] = Cue(chapter.start_ms, c.end_ms, c.voice, c.text)
    return cues


def split_sentences(text: str) -> list[str]:
    sentences: list[str] = []
    start = 0
    for boundary in _SENTENCE_END.finditer(text):
        last_word = re.search(r"(\w+)\.$", text[start:boundary.start()])
        if last_word and _continues(last_word.group(1)):
            continue
        sentences.append(text[start:boundary.end(1)].strip())
        start = boundary.end()
    sentences.append(text[start:].strip())
    return [s for s in sentences if s]


def cue_chunks(sentence: str, *, line_chars: int = MAX_LINE_CHARS, max_lines: int = MAX_CUE_LINES) -> list[str]:
    """The sentence as cue texts of at most `max_lines` lines ("\n" between them) of about `line_chars`.

    Lines are filled word by word; a word longer than a line stays whole on a line of its own.
    """
    lines: list[str] = []
    for word in sentence.split():
        if lines and len(lines[-1]) + 1 + len(word) <= line_chars:
            lines[-1] += " " + word
        else:
            lines.append(word)
    if not lines:
        return []
    if len(lines) <= max_lines:
        return ["\n".join(lines)]
    # Several cues: re-balance so that the last one is not a lonely word.
    cues = -(-len(lines) // max_lines)
    words = sentence.split()
    per_cue = -(-len(" ".join(words)) // cues)
    chunks: list[list[str]] = [[]]
    for word in words:
        if chunks[-1] and len(" ".join(chunks[-1] + [word])) > per_cue and len(chunks) < cues:
            chunks.append([])
        chunks[-1].append(word)
    out = []
    for chunk in chunks:
        wrapped = cue_chunks(" ".join(chunk), line_chars=line_chars, max_lines=max_lines)
        out += wrapped
    return out


def _continues(word: str) -> bool:
    """A period after an abbreviation, an ordinal number or an initial does not end the sentence."""
    return word.lower() in _ABBREVIATIONS or word.isdigit() or len(word) == 1


def _timestamp(ms: int) -> str:
    hours, rest = divmod(max(ms, 0), 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"


def _escape(text: str) -> str:
    # WebVTT cue text: & and < start entities and tags; > would end a voice tag early (and "-->" a cue)
    return " ".join(text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").split())
