"""A speech engine for tests whose voices are made to sound alike or apart: a glottal pulse train
through vowel formants (source-filter speech). Pitch and vocal-tract size are set per voice, so a
test knows which voices a listener could not tell apart."""
from __future__ import annotations

import hashlib

import numpy as np
from scipy.signal import lfilter

from articlecast.audio.engines.base import Pcm, VoiceInfo
from articlecast.script.model import Voice

RATE_HZ = 22050
VOWELS = {"a": (730, 1090, 2440), "e": (530, 1840, 2480), "i": (270, 2290, 3010), "o": (570, 840, 2410),
          "u": (300, 870, 2240), "ä": (660, 1700, 2400), "ö": (460, 1500, 2300), "ü": (280, 1650, 2200)}


class FakeVoicesEngine:
    """voices: name -> (gender, median F0 in Hz, formant scale)."""

    name = "fake"
    parallelism = "thread"

    def __init__(self, voices: dict[str, tuple[str, float, float]], language: str = "de") -> None:
        self._voices, self._language = voices, language
        self.calls = 0

    @property
    def version(self) -> str:
        return "fake " + hashlib.sha256(repr(sorted(self._voices.items())).encode()).hexdigest()[:12]

    def voices(self, language: str) -> list[VoiceInfo]:
        if language != self._language:
            return []
        return [VoiceInfo(Voice(self.name, n), language, g, n) for n, (g, _, _) in self._voices.items()]

    def synthesize(self, text: str, voice: Voice, language: str) -> Pcm:
        self.calls += 1
        _, f0, scale = self._voices[voice.name]
        f0 *= voice.pitch
        scale *= voice.formant
        vowels = [c for c in text.lower() if c in VOWELS] or ["a"]
        out = []
        for k, v in enumerate(vowels):
            n = int(0.12 * RATE_HZ)
            t = np.arange(n) / RATE_HZ
            contour = f0 * (1 + 0.06 * np.sin(2 * np.pi * (k / 7 + t * 2)))  # a little intonation
            phase = np.cumsum(contour / RATE_HZ)
            source = (np.diff(np.floor(phase), prepend=0) > 0).astype(float)
            y = lfilter([1], [1, -0.97], source)  # glottal roll-off
            for formant, bandwidth in zip((f * scale for f in VOWELS[v]), (80, 100, 140), strict=True):
                r = np.exp(-np.pi * bandwidth / RATE_HZ)
                y = lfilter([1 - r], [1, -2 * r * np.cos(2 * np.pi * formant / RATE_HZ), r * r], y)
            out += [y * np.hanning(n), np.zeros(int(0.02 * RATE_HZ))]
        x = np.concatenate(out)
        x = 0.5 * x / (np.max(np.abs(x)) or 1)
        return Pcm((x * 32767).astype("<i2").tobytes(), RATE_HZ)
