"""`articlecast script` on the seed article: its own work (ingest + narrate), not Python's start-up.

Prints the time of the script stage and, for scale, its ratio to a baseline measured in the same
run: reading the file and splitting it into words with one regular expression. Target: < 1 s.
Exits 1 when the target is missed.
"""
from __future__ import annotations

import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT.parent / "shared" / "fixtures" / "china-tech-de.txt"
ARTICLE = SEED if SEED.exists() else ROOT / "samples" / "energiegenossenschaft-de.txt"
TARGET_S = 1.0
REPEAT = 5


def best_of(fn, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def main() -> int:
    t = time.perf_counter()
    from articlecast.pipeline import make_script_from  # the import is part of the command's own work
    from articlecast.script.scriptfile import script_to_json
    first_s = time.perf_counter() - t
    t = time.perf_counter()
    script_to_json(make_script_from(str(ARTICLE)))
    first_s += time.perf_counter() - t
    warm_s = best_of(lambda: script_to_json(make_script_from(str(ARTICLE))))
    baseline_s = best_of(lambda: re.findall(r"\w+", ARTICLE.read_text(encoding="utf-8")))
    print(f"article: {ARTICLE.name}")
    print(f"script stage, first call incl. imports: {first_s:.3f} s (target < {TARGET_S:.1f} s)")
    print(f"script stage, warm: {warm_s * 1000:.1f} ms = {warm_s / baseline_s:.0f}x reading + tokenizing the file")
    return 0 if first_s < TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
