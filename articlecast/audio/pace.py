"""How fast a segment sounds, measured on its own audio; quoted voices held to the narrator's pace.

A listener (and ../shared/eval/voices_check.py) judges pace as words per minute: words of the
transcript's cues per minute of cue time. A cue spans a segment's sound as it lands in the episode:
trimmed at both ends, its sentence pauses grown to 450 ms (leveling.py). A narration paragraph holds
several sentences and their pauses; a quote is mostly one sentence, or half of one, without. At the
narrator's speaking rate quotes therefore measured 20-30 % more words per minute than the narration
around them, and how much more depends on the words themselves: the same espeak voice reads "But we
have to ask whether the night shift is the best use of that money." (sixteen short words) 25 % faster
in words per minute than its language's reference passage, and Piper's voices are faster than
espeak's. Neither a constant factor nor a rate measured once per voice on a fixed passage holds every
quote at the narrator's pace.

So each quote is measured after synthesis, exactly as the episode will time it, and spoken again at
a corrected speed when it is faster than `QUOTE_WPM` or much slower (below `QUOTE_WPM * BAND`). A
quote is never spoken faster than its cast voice's own speed (articulation faster than the narrator's
would sound rushed, whatever the word count) nor slower than `MIN_SPEED` of it. The result depends only
on the quote's text and voice, so it is cached like any segment and builds stay reproducible.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from articlecast.audio.engines.base import Pcm
from articlecast.audio.leveling import lengthen_sentence_pauses, trim
from articlecast.script.model import Voice

# Narration measures 147-164 words per minute on the samples (espeak; the language's rate,
# Voices.espeak_rate_wpm): quotes at 135-150 stay within 0.9-1.02x of it.
QUOTE_WPM = 150.0
BAND = 0.9  # a quote measuring between QUOTE_WPM * BAND and QUOTE_WPM is kept as spoken
AIM = 0.95  # a corrected quote aims here (of QUOTE_WPM): inside the band with room on both sides
FIRST_SPEED = 0.8  # the first try, of the voice's speed: most quotes land near the band at once
MIN_SPEED = 0.6  # of the voice's speed: slower drags (espeak's slowest rate is 80), whatever the count says
TRIES = 3  # syntheses at most per quote: speed and duration are nearly, not exactly, inverse
PACE_REVISION = 1  # part of a quote's cache key: a change above re-synthesizes quotes

_WORD = re.compile(r"\w[\w'’-]*")  # as voices_check.py and bench_pace.py count them


def words(text: str) -> int:
    """Written words, as the transcript shows them and pace is counted ("1,200" is two)."""
    return len(_WORD.findall(text))


def spoken_seconds(pcm: Pcm) -> float:
    """The segment's length in the episode: trimmed, its sentence pauses lengthened (leveling.shape)."""
    x = np.frombuffer(pcm.samples, "<i2")
    x = trim(x)
    if not x.size:
        return 0.0
    return lengthen_sentence_pauses(x, pcm.sample_rate_hz).size / pcm.sample_rate_hz


def wpm(text_words: int, pcm: Pcm) -> float | None:
    secs = spoken_seconds(pcm)
    return 60.0 * text_words / secs if secs > 0 and text_words else None


def quote_target(voice: Voice) -> float:
    """The words per minute a quote in `voice` should not exceed: a voice cast slower than its own speed
    (casting's overflow voices, told apart by speed) keeps that much slower."""
    return QUOTE_WPM * min(1.0, voice.speed)


def paced_quote(speak: Callable[[Voice], Pcm], voice: Voice, text_words: int) -> Pcm:
    """A quote spoken by `speak` in `voice` (its cast voice) at a speed that puts it inside the band."""
    target = quote_target(voice)
    speed = voice.speed * FIRST_SPEED
    pcm = speak(replace(voice, speed=speed))
    for _ in range(TRIES - 1):
        measured = wpm(text_words, pcm)
        if measured is None or target * BAND <= measured <= target:
            break
        wanted = min(voice.speed, max(voice.speed * MIN_SPEED, speed * target * AIM / measured))
        if abs(wanted - speed) < 1e-3 * voice.speed:
            break  # at a limit already
        speed = wanted
        pcm = speak(replace(voice, speed=speed))
    return pcm
