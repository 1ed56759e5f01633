"""Pace and joins of built episodes, measured in the decoded MP3: words per minute, pauses, onsets, silence.

    .venv/bin/python bench/bench_pace.py [ARTICLE ...]   (default: the two samples)

Per episode (built with espeak into a temporary folder):
  wpm        words of the transcript's cues per minute of cue time, per speaker (as
             ../shared/eval/voices_check.py counts): narrator 150-165, no quoted voice > 10 % faster
  pauses     silences of 250 ms or more inside the speech (below -60 dBFS): between sentences they
             should last 400-500 ms; paragraphs, headings and the intro are longer by design
  onsets     segments whose first millisecond of sound already reaches a quarter of their typical
             syllable peak: hard onsets
             (in the engine's raw WAV, and in the episode)
  room tone  share of exact digital zeros inside the engine's own segments: the engine's own pauses.
             Where the voices themselves pause in digital silence, a noise floor laid only between
             segments would make every join audible instead of hiding it: pauses stay silent.
Exits 1 when the pace or pause targets are missed.
"""
from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import tempfile
import wave
from collections import defaultdict
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = [ROOT / "samples" / "energiegenossenschaft-de.txt", ROOT / "samples" / "library-night-en.md"]
NARRATOR_LABELS = {"Narrator", "Erzähler"}
SILENCE = 10 ** (-60 / 20)
MIN_QUOTE_SECS = 3.0  # as voices_check.py: shorter than this, one speaker's wpm is too noisy to judge


def decode(mp3: Path, rate_hz: int = 22050) -> np.ndarray:
    from articlecast.audio.ffmpeg import ffmpeg_exe

    raw = subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(mp3), "-ac", "1", "-ar", str(rate_hz),
                          "-f", "f32le", "-"], capture_output=True, check=True).stdout
    return np.frombuffer(raw, dtype="<f4")


def cues(vtt: Path) -> list[tuple[float, float, str, str]]:
    def secs(t: str) -> float:
        return sum(float(x) * 60 ** i for i, x in enumerate(reversed(t.split(":"))))

    out = []
    for block in vtt.read_text(encoding="utf-8").split("\n\n"):
        m = re.search(r"([\d:.]+) --> ([\d:.]+)[^\n]*\n(.*)", block, re.DOTALL)
        if m:
            voice = re.match(r"<v ([^>]+)>", m.group(3))
            text = html.unescape(re.sub(r"<[^>]*>", "", m.group(3)))
            out.append((secs(m.group(1)), secs(m.group(2)), voice.group(1) if voice else "?", text))
    return out


def silences_ms(x: np.ndarray, rate_hz: int, longer_than_ms: float) -> np.ndarray:
    quiet = np.concatenate([[0], (np.abs(x) <= SILENCE).astype(np.int8), [0]])
    edges = np.flatnonzero(np.diff(quiet))
    lengths = (edges[1::2] - edges[0::2]) * 1000 / rate_hz
    return lengths[lengths > longer_than_ms]


def hard_onset(x: np.ndarray, rate_hz: int) -> bool:
    """Does the sound start at full strength: its first millisecond above a quarter of its typical syllable peak?"""
    x = np.abs(x.astype(np.float32))
    loud = np.flatnonzero(x > 32)  # -60 dBFS in int16
    if not loud.size:
        return False
    frame = rate_hz // 50
    peaks = x[:x.size // frame * frame].reshape(-1, frame).max(axis=1) if x.size >= frame else x[:1]
    typical = float(np.median(peaks[peaks > 0.1 * peaks.max()]))
    return bool(x[loud[0]:loud[0] + rate_hz // 1000].max() > 0.25 * typical)


def measure(article: Path, work: Path) -> dict:
    from articlecast.audio.leveling import shape
    from articlecast.pipeline import BuildOptions, build_many

    outcome = build_many([str(article)], BuildOptions(out_dir=work / "out", cache_dir=work / "cache"))
    if outcome.failed:
        raise SystemExit(f"build failed: {outcome.failed[0][1]}")
    result = outcome.built[0]
    rate = 22050
    x = decode(result.mp3_path, rate)
    words, seconds = defaultdict(int), defaultdict(float)
    for start, end, voice, text in cues(result.vtt_path):
        words[voice] += len(re.findall(r"\w[\w'’-]*", text))
        seconds[voice] += end - start
    wpm = {voice: 60 * words[voice] / seconds[voice] for voice in words if seconds[voice] > 0}
    narrator = next(v for v in wpm if v in NARRATOR_LABELS)
    quotes = {v: w for v, w in wpm.items() if v != narrator and seconds[v] >= MIN_QUOTE_SECS}
    pauses = silences_ms(x, rate, 250)
    sentence_pauses = pauses[pauses < 700]  # longer ones end paragraphs, headings, the intro
    raw_hard = shaped_hard = segments = 0
    zeros = samples = 0
    for wav in sorted((work / "cache").rglob("*.wav")):
        with wave.open(str(wav), "rb") as w:
            raw = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
            wav_rate = w.getframerate()
        segments += 1
        raw_hard += hard_onset(raw, wav_rate)
        shaped, _ = shape(raw.astype(np.float32), wav_rate)
        shaped_hard += hard_onset(shaped, wav_rate)
        inner = raw[np.flatnonzero(raw)[0]:np.flatnonzero(raw)[-1]] if raw.any() else raw[:0]
        zeros += int((inner == 0).sum())
        samples += inner.size
    return {"article": article.name, "narrator": narrator, "narrator_wpm": wpm[narrator], "quotes_wpm": quotes,
            "short_quotes": {v: round(seconds[v], 1) for v in wpm if v != narrator and v not in quotes},
            "sentence_pauses_ms": sentence_pauses, "longer_pauses": int((pauses >= 700).sum()),
            "segments": segments, "raw_hard": raw_hard, "shaped_hard": shaped_hard,
            "zero_share": zeros / max(1, samples)}


def main() -> int:
    articles = [Path(a) for a in sys.argv[1:]] or SAMPLES
    ok = True
    for article in articles:
        work = Path(tempfile.mkdtemp(prefix="bench-pace-"))
        try:
            m = measure(article, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
        fastest = max(m["quotes_wpm"].values(), default=m["narrator_wpm"])
        p = m["sentence_pauses_ms"]
        print(f"{m['article']}:")
        print(f"  narrator {m['narrator_wpm']:.0f} wpm (want 150-165); quotes "
              + ", ".join(f"{v} {w:.0f}" for v, w in m["quotes_wpm"].items())
              + f"; fastest {fastest / m['narrator_wpm']:.2f}x the narrator (want <= 1.10)"
              + (f"; too short to judge: {m['short_quotes']}" if m["short_quotes"] else ""))
        print(f"  sentence pauses {p.size}: median {np.median(p):.0f} ms, 10-90 % {np.percentile(p, 10):.0f}-"
              f"{np.percentile(p, 90):.0f} ms (want 400-500); {m['longer_pauses']} longer ones (paragraphs, headings)")
        print(f"  hard onsets: {m['raw_hard']} of {m['segments']} segments as synthesized, {m['shaped_hard']} as joined")
        print(f"  the engine's own audio is {100 * m['zero_share']:.0f} % exact digital zero inside its segments: "
              "pauses stay digital silence (no room tone)")
        ok = ok and 150 <= m["narrator_wpm"] <= 165 and fastest <= 1.1 * m["narrator_wpm"]
        ok = ok and 400 <= np.median(p) <= 500
    print("ok" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
