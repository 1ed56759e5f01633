"""Ingest of a 5 MB article: time, ratio to a baseline, and linearity (1 MB vs 5 MB).

Inputs: the German sample repeated (plain text), the English sample repeated (Markdown), and
adversarial shapes (one huge line, a million short lines, stray Markdown delimiters, quote/name
pairs). Baseline, measured in the same run on the same text: splitting it into lines and words
with one regular expression. Target: every input scales linearly, i.e. 5 MB takes at most
8x as long as 1 MB (5x is linear, quadratic would be 25x; the margin absorbs a busy machine).
Each time is the best of REPEAT runs. Exits 1 when a target is missed.
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1_000_000
MAX_SCALING = 8.0  # 5 MB vs 1 MB
REPEAT = 2


def repeated(text: str, size: int) -> str:
    return (text * (size // len(text) + 1))[:size]


INPUTS = {  # name -> (format, text of the wanted size)
    "sample-de": ("text", lambda size: repeated((ROOT / "samples" / "energiegenossenschaft-de.txt").read_text("utf-8"), size)),
    "sample-en": ("markdown", lambda size: repeated((ROOT / "samples" / "library-night-en.md").read_text("utf-8"), size)),
    "one-line": ("text", lambda size: repeated("wort ", size)),
    "short-lines": ("text", lambda size: repeated("Kurz\n", size)),
    "stray-markup": ("markdown", lambda size: repeated("**a [b <!-- _c ", size)),
    "quote-name": ("text", lambda size: repeated("Das ist ein Zitat ohne Ende\n\nHans Meier\n\n", size)),
}


def seconds(fn, *args, **kwargs) -> float:
    times = []
    for _ in range(REPEAT):
        t = time.perf_counter()
        fn(*args, **kwargs)
        times.append(time.perf_counter() - t)
    return min(times)


def baseline(text: str) -> None:
    text.split("\n")
    re.findall(r"\w+", text)


def main() -> int:
    from articlecast.script.ingest import article_from_text

    failed = False
    print(f"{'input':<14} {'1 MB s':>8} {'5 MB s':>8} {'scaling':>8} {'vs baseline':>12}")
    for name, (fmt, make) in INPUTS.items():
        small, large = make(MB), make(5 * MB)
        small_s = seconds(article_from_text, small, fmt=fmt)
        large_s = seconds(article_from_text, large, fmt=fmt)
        baseline_s = seconds(baseline, large)
        scaling = large_s / small_s
        failed |= scaling > MAX_SCALING
        print(f"{name:<14} {small_s:8.2f} {large_s:8.2f} {scaling:7.1f}x {large_s / baseline_s:11.0f}x")
    print(f"target: scaling <= {MAX_SCALING:g}x (linear is 5x)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
