"""Whole builds, as a publisher runs them, against the floor measured in the same run.

  floor      the bundled espeak-ng synthesizing the article's text in one call, plus one ffmpeg
             MP3 encode of that audio (what any tool must at least do)
  cold       `articlecast build ARTICLE` with an empty cache          target <= 1.3x the floor
  warm       the same build again, nothing changed                   target <= 0.5 s of build work
  edit       one paragraph of the script changed, rebuilt             target <= 0.25x cold
  batch      20 articles into one feed, cold: articles per second per core

Build times are measured in-process (`build_many`), so Python's start-up is not counted twice.
Exits 1 when a target is missed.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the project, or beside the main checkout when this is a git worktree
SEED = next((p / "shared" / "fixtures" / "china-tech-de.txt" for p in ROOT.parents
             if (p / "shared" / "fixtures" / "china-tech-de.txt").exists()), ROOT.parent / "shared" / "fixtures" / "china-tech-de.txt")
ARTICLE = SEED if SEED.exists() else ROOT / "samples" / "energiegenossenschaft-de.txt"
TRIES = 2


def floor_s(work: Path) -> float:
    """espeak-ng synthesis of the whole text in one call + one MP3 encode, in a fresh process."""
    code = f"""
import subprocess, sys, time, wave
sys.path.insert(0, {str(Path(__file__).parent)!r})
import imageio_ffmpeg
from bench_synthesis import bare_espeak
text = open({str(ARTICLE)!r}, encoding="utf-8").read()
t = time.perf_counter()
pcm, rate_hz, _ = bare_espeak(text, "de")
with wave.open({str(work / 'floor.wav')!r}, "wb") as w:
    w.setnchannels(1); w.setsampwidth(2); w.setframerate(rate_hz); w.writeframes(pcm)
subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-y", "-i", {str(work / 'floor.wav')!r},
                "-ar", "44100", "-ac", "1", "-b:a", "64k", {str(work / 'floor.mp3')!r}], check=True)
print(time.perf_counter() - t)
"""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def timed_build(sources: list[str], out: Path, cache: Path) -> float:
    from articlecast.pipeline import BuildOptions, build_many

    t = time.perf_counter()
    outcome = build_many(sources, BuildOptions(out_dir=out, cache_dir=cache))
    took = time.perf_counter() - t
    if outcome.failed:
        raise SystemExit(f"build failed: {outcome.failed[0][1]}")
    return took


def batch_articles(work: Path, n: int) -> list[str]:
    """n different articles made from the project's samples (new titles, paragraphs rotated)."""
    base = [ROOT / "samples" / "energiegenossenschaft-de.txt", ROOT / "samples" / "library-night-en.md"]
    paths = []
    for i in range(n):
        src = base[i % 2]
        lines = src.read_text(encoding="utf-8").split("\n\n")
        title, body = lines[0], lines[1:]
        k = i % max(1, len(body) - 2)
        body = body[:2] + body[2 + k:] + body[2:2 + k]
        path = work / f"article-{i:02d}{src.suffix}"
        path.write_text(f"{title} (Folge {i + 1})\n\n" + "\n\n".join(body), encoding="utf-8")
        paths.append(str(path))
    return paths


def main() -> int:
    work = Path(tempfile.mkdtemp(prefix="articlecast-bench-"))
    try:
        text = ARTICLE.read_text(encoding="utf-8")
        floor = min(floor_s(work) for _ in range(TRIES))
        colds = []
        for i in range(TRIES):
            colds.append(timed_build([str(ARTICLE)], work / f"out{i}", work / f"cache{i}"))
        cold = min(colds)
        out, cache = work / "out0", work / "cache0"
        warm = min(timed_build([str(ARTICLE)], out, cache) for _ in range(TRIES))

        script_path = next((out / "episodes").glob("*.script.json"))
        data = json.loads(script_path.read_text(encoding="utf-8"))
        edited = work / "edited.script.json"
        edits = []
        for i in range(TRIES):
            seg = next(s for s in data["segments"] if s["kind"] == "narration" and len(s["text"]) > 80)
            seg["text"] = seg["text"].rstrip(".") + f", und das ist Änderung Nummer {i + 1}."
            edited.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            edits.append(timed_build([str(edited)], out, cache))
        edit = min(edits)

        sources = batch_articles(work, 20)
        batch = timed_build(sources, work / "batch", work / "batch-cache")
        cores = os.cpu_count() or 1
        rebuild = timed_build(sources, work / "batch", work / "batch-cache")

        ok = cold / floor <= 1.3 and warm <= 0.5 and edit <= 0.25 * cold
        print(f"article: {ARTICLE.name} ({len(text.split())} words), {cores} cores")
        print(f"floor={floor:.2f}s cold={cold:.2f}s ratio={cold / floor:.2f} (target <= 1.3)")
        print(f"warm={warm:.2f}s (target <= 0.5 s)  edit={edit:.2f}s = {edit / cold:.2f}x cold (target <= 0.25)")
        print(f"batch of 20: {batch:.1f}s cold = {20 / batch / cores:.2f} articles/s per core; "
              f"unchanged rebuild {rebuild:.2f}s")
        return 0 if ok else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
