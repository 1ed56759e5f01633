"""A three-hour episode built as a publisher builds it: peak memory and time against the floor.

    .venv/bin/python bench/bench_long.py [--words 33000]

The article is made from the project's German sample: its paragraphs repeated, each copy made
distinct (so nothing is synthesized once and reused) and a heading every few paragraphs, until it
has about `--words` words (33,000 read for about three hours before the pace was set). Measured:

  memory   `articlecast build ARTICLE --quiet` as a command, peak resident memory of the whole
           command and its worker processes (resource.getrusage of the children)   target < 400 MB
  time     that build (empty cache) against the floor: the bundled espeak-ng reading the same
           text in one call plus one ffmpeg MP3 encode (as ../shared/eval/floor.py), both per
           hour of audio                                                             target <= 1.3x

Prints the figures and exits 1 when a target is missed.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "samples" / "energiegenossenschaft-de.txt"
MEMORY_LIMIT_MB = 400
TIME_RATIO_LIMIT = 1.3
ORDINALS = ("Erstens", "Zweitens", "Drittens", "Außerdem", "Dazu", "Ferner", "Ebenso", "Schließlich")


def long_article(words: int) -> str:
    title, *body = [p.strip() for p in SAMPLE.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    paragraphs = [p for p in body if len(p.split()) > 12]
    out, count, n = [f"{title}: die lange Fassung"], 0, 0
    while count < words:
        paragraph = paragraphs[n % len(paragraphs)]
        if n % 6 == 0:
            out.append(f"Kapitel {n // 6 + 1}")
        # a distinct opening word and number per copy: every paragraph is synthesized, none reused
        text = f"{ORDINALS[n % len(ORDINALS)]}, im Abschnitt {n + 1}: {paragraph}"
        out.append(text)
        count += len(text.split())
        n += 1
    return "\n\n".join(out) + "\n"


def floor_s(text_path: Path, work: Path) -> float:
    """espeak-ng reading the whole text in one call, then one MP3 encode, in a fresh process."""
    code = f"""
import sys, time
sys.path.insert(0, {str(ROOT.parent / 'shared' / 'eval')!r})
sys.path.insert(0, {str(Path(__file__).parent)!r})
import subprocess, wave, imageio_ffmpeg
from bench_synthesis import bare_espeak
text = open({str(text_path)!r}, encoding="utf-8").read()
t = time.perf_counter()
pcm, rate_hz, _ = bare_espeak(text, "de")
with wave.open({str(work / 'floor.wav')!r}, "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate_hz); w.writeframes(pcm)
del pcm
subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-i", {str(work / 'floor.wav')!r},
                "-ar", "44100", "-ac", "1", "-b:a", "64k", {str(work / 'floor.mp3')!r}], check=True)
with wave.open({str(work / 'floor.wav')!r}, "rb") as w:
    print(time.perf_counter() - t, w.getnframes() / w.getframerate())
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    took, audio_s = out.stdout.split()
    return float(took), float(audio_s)


def build(article: Path, work: Path) -> tuple[float, float, float]:
    """The build as a command with an empty cache: seconds, audio seconds, peak RSS of the children (MB)."""
    env = dict(os.environ, XDG_CACHE_HOME=str(work / "cache"))
    articlecast = Path(sys.executable).parent / "articlecast"
    started = time.perf_counter()
    proc = subprocess.run([str(articlecast), "build", str(article), "--out", str(work / "out"), "--quiet"],
                          env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    if proc.returncode:
        sys.exit(f"build failed: {proc.stderr.strip()[-500:]}")
    rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    from mutagen.mp3 import MP3

    audio_s = MP3(next((work / "out" / "episodes").glob("*.mp3"))).info.length
    return took, audio_s, rss_mb


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=33000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-long-"))
    try:
        article = work / "lang.txt"
        article.write_text(long_article(args.words), encoding="utf-8")
        took, audio_s, rss_mb = build(article, work)  # first: the children's peak is the build's alone
        floor, floor_audio_s = floor_s(article, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    ours_per_hour = took / (audio_s / 3600)
    floor_per_hour = floor / (floor_audio_s / 3600)
    ratio = ours_per_hour / floor_per_hour
    print(f"article {args.words} words: episode {audio_s / 3600:.2f} h built in {took:.0f} s; "
          f"floor {floor:.0f} s for {floor_audio_s / 3600:.2f} h of espeak at its default rate")
    print(f"peak memory      {rss_mb:.0f} MB  (want < {MEMORY_LIMIT_MB} MB)")
    print(f"time per hour    {ours_per_hour:.0f} s vs floor {floor_per_hour:.0f} s = {ratio:.2f}x  "
          f"(want <= {TIME_RATIO_LIMIT})")
    ok = rss_mb < MEMORY_LIMIT_MB and ratio <= TIME_RATIO_LIMIT
    print("ok" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
