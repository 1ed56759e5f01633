"""`articlecast script` on real saved web pages: is the article read, and nothing but the article?

Usage: check_pages.py [DATA_DIR] [--cmd "articlecast script"] [--show] [--cast] [--only TEXT]

DATA_DIR is a folder with `pages/` and a `pages.tsv` (file, language, kind, source, must_contain,
must_not_contain, note), such as ../shared/data/realpages-dev. The pages are third-party text:
they are read from there at run time and nothing of them is written into this repository.
Without the folder the check says so and exits 0 (skipped).

Counts, over all pages:
  articles built      article pages that exit 0
  must spoken         "must contain" snippets found in the script's spoken text
  clutter spoken      "must not contain" snippets found in the spoken text
  description clutter "must not contain" snippets in the feed description built from the script
  not-articles refused  exit 3 with "no article found in PAGE"
  crashes             any other exit code, or a traceback
  title twice         a heading or the first narration repeating the title
Exits 0 only when every article is built with all its must snippets and no clutter, every
not-article is refused, nothing crashes and no title is read twice.
"""
from __future__ import annotations

import argparse
import csv
import json
import os
import re
import shlex
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA_NAME = Path("data") / "realpages-dev"


def default_data() -> Path | None:
    """../shared next to the project, or next to the main checkout of a git worktree."""
    if os.environ.get("ARTICLECAST_SHARED"):
        return Path(os.environ["ARTICLECAST_SHARED"]) / DATA_NAME
    for parent in ROOT.parents:
        candidate = parent / "shared" / DATA_NAME
        if candidate.is_dir():
            return candidate
    return None


def default_cmd() -> str:
    local = ROOT / ".venv" / "bin" / "articlecast"
    return shlex.quote(str(local)) + " script" if local.exists() else "articlecast script"


def norm(text: str) -> str:
    return " ".join(text.replace("\u00ad", "").split())


def snippets(value: str) -> list[str]:
    return [norm(s) for s in value.split(" | ") if s.strip()]


@dataclass
class Result:
    file: str
    kind: str
    exit_code: int
    stderr: str
    script: dict | None = None
    missing: list[str] = field(default_factory=list)
    clutter: list[str] = field(default_factory=list)
    description_clutter: list[str] = field(default_factory=list)
    title_twice: str | None = None

    @property
    def crashed(self) -> bool:
        return self.exit_code not in (0, 3) or "Traceback" in self.stderr

    @property
    def refused(self) -> bool:
        return self.exit_code == 3 and "no article found in" in self.stderr

    @property
    def ok(self) -> bool:
        if self.crashed:
            return False
        if self.kind != "article":
            return self.refused
        return self.exit_code == 0 and not (self.missing or self.clutter or self.description_clutter or self.title_twice)


def run_page(row: dict, pages: Path, cmd: str, tmp: Path) -> Result:
    out = tmp / (row["file"] + ".json")
    out.unlink(missing_ok=True)
    argv = [*shlex.split(cmd), str(pages / row["file"]), "-o", str(out)]
    proc = subprocess.run(argv, capture_output=True, text=True, timeout=300)
    result = Result(row["file"], row["kind"], proc.returncode, proc.stderr)
    if proc.returncode != 0 or not out.exists():
        return result
    script = json.loads(out.read_text(encoding="utf-8"))
    result.script = script
    text = norm(" ".join(s["text"] for s in script["segments"]))
    if row["kind"] == "article":
        result.missing = [s for s in snippets(row["must_contain"]) if s not in text]
    result.clutter = [s for s in snippets(row["must_not_contain"]) if s in text]
    description = norm(feed_description(out))
    result.description_clutter = [s for s in snippets(row["must_not_contain"]) if s in description]
    result.title_twice = title_repeated(script)
    return result


def feed_description(path: Path) -> str:
    """What the feed's <description> would say for this script (the pipeline's own rule)."""
    try:
        from articlecast.pipeline import _description
        from articlecast.script.scriptfile import read_script
    except ImportError:  # run outside the project's environment: only the script is checked
        return ""
    return _description(read_script(path))


def _key(text: str) -> str:
    return re.sub(r"\W+", " ", text.lower()).strip()


def title_repeated(script: dict) -> str | None:
    """The segment that reads the title a second time, if any."""
    title = _key(script.get("title") or "")
    if not title:
        return None
    spoken = [s for s in script["segments"] if s["kind"] != "title"]
    for segment in spoken:
        if segment["kind"] == "heading" and _key(segment["text"]) == title:
            return f"heading {segment['id']}"
    # near the top, a heading or line that says mostly the same words (a kicker or site name added)
    words = set(title.split())
    for segment in spoken[:4]:
        if segment["kind"] == "byline":
            continue
        other = set(_key(segment["text"]).split())
        shorter = min(len(words), len(other))
        if shorter >= 3 and len(words & other) >= 0.75 * shorter and len(other) <= 2 * len(words) + 4:
            return f"{segment['kind']} {segment['id']} repeats most of the title"
    return None


def show(script: dict, lines: int = 4) -> None:
    segments = script["segments"]
    picked = segments if len(segments) <= 2 * lines else [*segments[:lines], None, *segments[-lines:]]
    print(f"    title: {script.get('title')!r}  author: {script.get('author')!r}")
    for s in picked:
        if s is None:
            print("    …")
            continue
        text = s["text"] if len(s["text"]) < 140 else s["text"][:100] + " … " + s["text"][-30:]
        print(f"    [{s['kind']}/{s['speaker']}] {text}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", nargs="?", type=Path, help="folder with pages/ and pages.tsv (default: ../shared/data/realpages-dev)")
    ap.add_argument("--cmd", default=default_cmd(), help="the script command (default: this project's .venv)")
    ap.add_argument("--show", action="store_true", help="print the start and end of every script")
    ap.add_argument("--cast", action="store_true", help="list every page's cast (for checking speakers by hand)")
    ap.add_argument("--only", help="only pages whose file name contains this")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", type=Path, help="keep the scripts in this folder (outside the repository)")
    args = ap.parse_args()
    data = args.data or default_data()
    if data is None or not (data / "pages.tsv").exists():
        print(f"check-pages skipped: no realpages data ({data or '../shared/' + str(DATA_NAME)})")
        return 0
    with open(data / "pages.tsv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    if args.only:
        rows = [r for r in rows if args.only in r["file"]]
    with tempfile.TemporaryDirectory() as tmp, ThreadPoolExecutor(max(1, args.jobs)) as pool:
        keep = args.keep or Path(tmp)
        keep.mkdir(parents=True, exist_ok=True)
        results = list(pool.map(lambda r: run_page(r, data / "pages", args.cmd, keep), rows))

    for r in results:
        warnings = [line for line in r.stderr.splitlines() if line.strip() and not line.startswith("wrote ")]
        if not r.ok or args.show or args.cast:
            print(f"{'ok  ' if r.ok else 'FAIL'} {r.file} ({r.kind}, exit {r.exit_code})")
            for line in warnings[-3:]:
                print(f"    stderr: {line}")
            if r.missing:
                print(f"    missing: {r.missing}")
            if r.clutter:
                print(f"    clutter spoken: {r.clutter}")
            if r.description_clutter:
                print(f"    clutter in description: {r.description_clutter}")
            if r.title_twice:
                print(f"    title read twice: {r.title_twice}")
            if r.kind != "article" and r.exit_code == 0:
                print("    not an article, but built")
        if r.script and args.show:
            show(r.script)
        if r.script and args.cast:
            cast = [f"{name} ({m.get('kind') or m.get('type') or '?'})" if isinstance(m, dict) else name
                    for name, m in r.script.get("cast", {}).items() if name not in ("narrator", "unknown")]
            print(f"    cast: {', '.join(cast) or '-'}")

    articles = [r for r in results if r.kind == "article"]
    others = [r for r in results if r.kind != "article"]
    must_total = sum(len(snippets(row["must_contain"])) for row in rows if row["kind"] == "article")
    not_total = sum(len(snippets(row["must_not_contain"])) for row in rows)
    built = sum(r.exit_code == 0 for r in articles)
    missing = sum(len(r.missing) for r in articles) + sum(
        len(snippets(row["must_contain"])) for row, r in zip(rows, results, strict=True) if r.kind == "article" and r.exit_code != 0)
    clutter = sum(len(r.clutter) for r in results)
    description = sum(len(r.description_clutter) for r in results)
    refused = sum(r.refused for r in others)
    crashes = sum(r.crashed for r in results)
    twice = sum(bool(r.title_twice) for r in results)
    print(f"pages={len(results)} articles built={built}/{len(articles)} must spoken={must_total - missing}/{must_total} "
          f"clutter spoken={clutter}/{not_total} description clutter={description} "
          f"not-articles refused={refused}/{len(others)} crashes={crashes} title twice={twice}")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
