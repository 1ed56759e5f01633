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

First the narrator's voice is calibrated (`PaceBook`): engines and voices differ in pace at the same
setting (Piper's en_US-joe reads the reference passage 8.5 % faster than espeak's narrator, espeak's
Andrea variant 17 % faster than its language voice). The voice speaks its language's reference passage
and its speed is scaled (up to three steps) until it reads it at the pace of the yardstick, the bundled espeak
narrator of the language (whose rate, Voices.espeak_rate_wpm, is tuned so that narration measures
150-165 words per minute). Every voice of the same engine and name (Piper's characters reshaped from
the narrator's model) gets the same factor. The measurement is kept per engine version; the default
narrator is the yardstick itself and costs nothing. Quoted voices of other names are not calibrated:
each quote is measured anyway, and a passage synthesis per voice would cost a cold build of the
German seed (ten voices) about 5 %.

Then each quote is measured after synthesis, exactly as the episode will time it, and spoken again at
a corrected speed when it is faster than `QUOTE_WPM` or much slower (below `QUOTE_WPM * BAND`). A
quote is never spoken faster than its cast voice's own speed (articulation faster than the narrator's
would sound rushed, whatever the word count) nor slower than `MIN_SPEED` of it. The result depends only
on the quote's text and voice, so it is cached like any segment and builds stay reproducible.
"""
from __future__ import annotations

import hashlib
import json
import math
import re
import statistics
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import numpy as np

from articlecast import languages
from articlecast.audio.cache import default_cache_dir
from articlecast.audio.engines.base import Engine, Pcm
from articlecast.audio.leveling import lengthen_sentence_pauses, trim
from articlecast.fsutil import atomic_write_text
from articlecast.script.model import Voice

# Narration measures 147-164 words per minute on the samples (espeak; the language's rate,
# Voices.espeak_rate_wpm): quotes at 128-150 stay within 0.87-1.02x of it.
QUOTE_WPM = 150.0
BAND = 0.85  # a quote measuring between QUOTE_WPM * BAND and QUOTE_WPM is kept as spoken
AIM = 0.95  # a corrected quote aims here (of QUOTE_WPM): inside the band with room on both sides
# The first try, of the voice's speed, for a quote whose words are as long as its language's reference
# passage's (in spoken letters: "1,200" is two written words of 22 letters). Speech engines take about
# the same time per sound, so shorter words read more words a minute: the first try scales with the
# square root of the quote's letters per word over the passage's. On the samples' 45 quotes this puts
# 62 % inside the band at once, against 42 % for the best fixed speed, sparing most second syntheses.
FIRST_SPEED = 0.68
MIN_SPEED = 0.6  # of the voice's speed: slower drags (espeak's slowest rate is 80), whatever the count says
TRIES = 3  # syntheses at most per quote: speed and duration are nearly, not exactly, inverse
PACE_REVISION = 2  # part of a quote's cache key: a change above re-synthesizes quotes
CALIBRATION_REVISION = 2  # bump when the calibration changes: measured paces are then taken anew
# Piper draws random noise: one passage's pace varies by 1-3 % from synthesis to synthesis, and the
# calibration's secant (pace answers speed weakly) multiplies that up to threefold. Other engines than
# the yardstick's (espeak-ng, byte-reproducible) are therefore measured as the median of this many.
NOISY_REPEATS = 3
CALIBRATION_STEPS = 3  # passage syntheses per voice at most (once per engine version)
CALIBRATION_TOLERANCE = 0.015  # a voice this close to the yardstick's pace is done
CALIBRATION_LIMITS = (0.6, 1.6)  # a voice measured outside these is left alone rather than distorted
YARDSTICK_ENGINE = "espeak"

_WORD = re.compile(r"\w[\w'’-]*")  # as voices_check.py and bench_pace.py count them
_LETTER = re.compile(r"[^\W\d_]")


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


def scaled(voice: Voice, factor: float) -> Voice:
    """`voice` with its speed scaled by a calibration `factor` (PaceBook.factor), to the thousandth."""
    return voice if factor == 1.0 else replace(voice, speed=round(voice.speed * factor, 3))


def quote_target(voice: Voice) -> float:
    """The words per minute a quote in `voice` should not exceed: a voice cast slower than its own speed
    (casting's overflow voices, told apart by speed) keeps that much slower."""
    return QUOTE_WPM * min(1.0, voice.speed)


def first_speed(spoken: str, text_words: int, language: str) -> float:
    """The first try's speed factor for a quote whose spoken text is `spoken` (FIRST_SPEED above)."""
    passage = _passage(language)
    reference = len(_LETTER.findall(passage)) / max(1, words(passage))
    own = len(_LETTER.findall(spoken)) / max(1, text_words)
    return FIRST_SPEED * min(1 / FIRST_SPEED, max(MIN_SPEED / FIRST_SPEED, (own / reference) ** 0.5))


def paced_quote(speak: Callable[[Voice], Pcm], voice: Voice, text_words: int, first: float = FIRST_SPEED) -> Pcm:
    """A quote spoken by `speak` in `voice` (its cast voice, calibrated) at a speed that puts it inside
    the band, trying `first` (of the voice's speed) first."""
    target = quote_target(voice)
    speed = voice.speed * first
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


class PaceBook:
    """Each voice's speed factor to the language's narration pace, measured once and kept in `directory`."""

    def __init__(self, directory: Path | None = None, yardstick: Callable[[], Engine] | None = None) -> None:
        """`directory` defaults to $XDG_CACHE_HOME/articlecast/pace, beside the voice profiles."""
        self.path = Path(directory or default_cache_dir() / "pace") / f"voices-{CALIBRATION_REVISION}.json"
        self._make_yardstick = yardstick
        self._yardstick_engine: Engine | None = None
        self._lock = threading.Lock()
        self._new = 0
        try:
            self._paces: dict[str, float | None] = dict(json.loads(self.path.read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            self._paces = {}  # none yet, or damaged: measured again

    def calibrated(self, engine: Engine, voice: Voice, language: str) -> Voice:
        """`voice` with its speed scaled so that it speaks at the yardstick's pace (unchanged if unmeasurable)."""
        return scaled(voice, self.factor(engine, voice.name, language))

    def factor(self, engine: Engine, name: str, language: str) -> float:
        """The speed factor that makes the voice `name` read at the yardstick's pace (1.0 if unmeasurable)."""
        if engine.name == YARDSTICK_ENGINE and name == _yardstick_voice(language):
            return 1.0  # the yardstick itself
        yardstick = self._pace(self._yardstick(engine), _yardstick_voice(language), language)
        if not yardstick:
            return 1.0
        # Pace follows speed only roughly (Piper's: 2.5 % slower for 10 % more length, then steeper), so
        # each step after the first uses the response measured so far (a secant in log-log).
        points: list[tuple[float, float]] = []
        factor = 1.0
        for _ in range(CALIBRATION_STEPS):
            own = self._pace(engine, name, language, factor)
            if not own:
                return 1.0
            points.append((factor, own))
            if abs(own / yardstick - 1) <= CALIBRATION_TOLERANCE:
                break
            slope = 1.0
            if len(points) >= 2 and points[-1][0] != points[-2][0]:
                (f0, p0), (f1, p1) = points[-2:]
                slope = min(1.5, max(0.3, math.log(p1 / p0) / math.log(f1 / f0)))
            factor = round(factor * (yardstick / own) ** (1 / slope), 3)
            if not CALIBRATION_LIMITS[0] <= factor <= CALIBRATION_LIMITS[1]:
                return 1.0
        return factor

    def save(self) -> None:
        """Write new measurements; a cache that cannot be written only costs measuring again."""
        if not self._new:
            return
        with self._lock:
            text = json.dumps(self._paces, sort_keys=True, ensure_ascii=False)
        try:
            atomic_write_text(self.path, text)
        except Exception:  # noqa: BLE001 - a read-only cache is no error
            pass

    def _yardstick(self, engine: Engine) -> Engine:
        if engine.name == YARDSTICK_ENGINE:
            return engine
        if self._yardstick_engine is None:
            if self._make_yardstick is None:
                from articlecast.audio.engines import get_engine

                self._yardstick_engine = get_engine(YARDSTICK_ENGINE)
            else:
                self._yardstick_engine = self._make_yardstick()
        return self._yardstick_engine

    def _pace(self, engine: Engine, name: str, language: str, speed: float = 1.0) -> float | None:
        passage = _passage(language)
        digest = hashlib.sha256(f"{engine.version}\n{passage}".encode()).hexdigest()[:16]
        key = f"{engine.name} {digest} {language} {name} {speed:g}"
        with self._lock:
            if key in self._paces:
                return self._paces[key]
        repeats = 1 if engine.name == YARDSTICK_ENGINE else NOISY_REPEATS
        paces = [wpm(words(passage), engine.synthesize(passage, Voice(engine.name, name, speed=speed), language))
                 for _ in range(repeats)]
        measured = None if None in paces else statistics.median(paces)
        with self._lock:
            self._paces[key] = round(measured, 2) if measured else None
            self._new += 1
        return self._paces[key]


def _yardstick_voice(language: str) -> str:
    return languages.get(language).voices.espeak[0][0]


def _passage(language: str) -> str:
    return languages.get(language).voices.reference_passage or languages.get(None).voices.reference_passage
