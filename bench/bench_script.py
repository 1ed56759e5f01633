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
# ../shared beside the project, or beside the main checkout when this is a git worktree
SEED = next((p / "shared" / "fixtures" / "china-tech-de.txt" for p in ROOT.parents
             if (p / "shared" / "fixtures" / "china-tech-de.txt").exists()), ROOT.parent / "shared" / "fixtures" / "china-tech-de.txt")
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
    long_s = long_article()
    print(f"script stage, {LONG_WORDS:,}-word article (the sample repeated, every quote kept): {long_s:.2f} s "
          f"(target < {LONG_TARGET_S:.0f} s)")
    return 0 if first_s < TARGET_S and long_s < LONG_TARGET_S else 1


LONG_WORDS = 30_000
LONG_TARGET_S = 5.0


def long_article() -> float:
    """A long read: the sample's paragraphs repeated to 30,000 words, through ingest and narration
    (quotes, cues, the tagger where a clause needs it, the cast) as one article."""
    from articlecast.script.ingest import article_from_text
    from articlecast.script.narrate import make_script

    text = ARTICLE.read_text(encoding="utf-8")
    title, _, body = text.partition("\n\n")
    paragraphs = body.split("\n\n")
    out, words, k = [], 0, 0
    while words < LONG_WORDS:
        paragraph = paragraphs[k % len(paragraphs)]
        out.append(paragraph)
        words += len(paragraph.split())
        k += 1
    long_text = title + "\n\n" + "\n\n".join(out) + "\n"
    t = time.perf_counter()
    make_script(article_from_text(long_text))
    return time.perf_counter() - t


if __name__ == "__main__":
    sys.exit(main())
