"""`articlecast update` as cron runs it, and `build --cluster` against a local build of the same batch.

  update, nothing new   the whole command (Python's start-up and imports included) polling a feed that
                        answers 304, against `python -c pass` in the same run      target < 1 s
  cluster               6 articles cold: a local build, then a Dask LocalCluster on 127.0.0.1 with 1 and
                        2 worker processes (each with a cold cache of its own): articles per second,
                        and each as a ratio to the local build

The feed and articles are the tests' (tests/lindenhain.py), served from 127.0.0.1. Commands run with
Python's bytecode cache on (in a scratch PYTHONPYCACHEPREFIX), as an installed articlecast runs from cron,
even where PYTHONDONTWRITEBYTECODE is set. A command that fails prints what it said on stderr.
Exits 1 when the update target is missed. Needs the [cluster] extra for the second part.
"""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "tests"), str(ROOT / "tests" / "follow")]
BIN = Path(sys.executable).parent
RUNS = 5


def run(argv: list[str], env: dict) -> None:
    """The command, checked; when it fails its stderr is printed (a bare CalledProcessError says nothing)."""
    done = subprocess.run(argv, capture_output=True, env=env)
    if done.returncode != 0:
        said = done.stderr.decode("utf-8", "replace").strip() or "(nothing on stderr)"
        print(f"bench: `{' '.join(argv)}` exited with {done.returncode}:\n{said}", file=sys.stderr, flush=True)
        raise subprocess.CalledProcessError(done.returncode, argv, done.stdout, done.stderr)


def whole_command_s(argv: list[str], env: dict) -> float:
    t = time.perf_counter()
    run(argv, env)
    return time.perf_counter() - t


def command_cpu_s(argv: list[str], env: dict) -> float:
    """CPU time (user + system) of the command: what it costs on a machine that others keep busy."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    run(argv, env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def bench_update(work: Path, env: dict) -> float:
    from lindenhain import ARTICLES
    from publication import Site, article_page, rss

    out = work / "update-out"
    with Site() as site:
        items = []
        for key in ("baeckerei", "radweg"):
            title, paragraphs = ARTICLES[key]
            link = site.put(f"/artikel/{key}", article_page(title, paragraphs))
            items.append({"title": title, "link": link, "guid": key})
        site.put("/feed.xml", rss("Bote", items), "application/rss+xml")
        articlecast = str(BIN / "articlecast")
        run([articlecast, "follow", site.url + "/feed.xml", "--out", str(out)], env)
        command = [articlecast, "update", "--out", str(out), "--quiet"]
        run(command, env)  # builds the two articles (and fills the bytecode cache)
        baseline = statistics.median(whole_command_s([sys.executable, "-c", "pass"], env) for _ in range(RUNS))
        unchanged = statistics.median(whole_command_s(command, env) for _ in range(RUNS))
        cpu = statistics.median(command_cpu_s(command, env) for _ in range(RUNS))
        assert site.fetches_of("/feed.xml")[-1] == 304
    print(f"update, nothing new (304)   {unchanged:.2f} s as a command ({cpu:.2f} s CPU)   "
          f"python -c pass {baseline:.2f} s   ratio {unchanged / baseline:.1f}x   target < 1 s")
    return unchanged


def bench_cluster(work: Path, env: dict) -> None:
    try:
        from distributed import Client, LocalCluster
    except ImportError:
        print("cluster: skipped (pip install 'articlecast[cluster]')")
        return
    from lindenhain import ARTICLES

    articles = []
    for key, (title, paragraphs) in ARTICLES.items():
        path = work / f"{key}.txt"
        path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        articles.append(str(path))
    articlecast = str(BIN / "articlecast")

    def build(out: str, *extra: str, cache: str) -> float:
        return whole_command_s([articlecast, "build", *articles, "--out", str(work / out), "--quiet", *extra],
                               {**env, "XDG_CACHE_HOME": str(work / cache)})

    local = build("local", cache="cache-local")
    print(f"cluster: {len(articles)} articles cold on {os.cpu_count()} cores   "
          f"local build {local:.1f} s ({len(articles) / local:.2f} articles/s)")
    for workers in (1, 2):
        cache = work / f"cache-workers-{workers}"
        with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                          dashboard_address=None, env={"XDG_CACHE_HOME": str(cache)}) as lc, Client(lc):
            took = build(f"cluster-{workers}", "--cluster", lc.scheduler_address, cache="cache-coordinator")
        print(f"         {workers} worker(s)   {took:.1f} s ({len(articles) / took:.2f} articles/s)   "
              f"{local / took:.2f}x the local build's articles/s")


def command_env(work: Path) -> dict:
    """A cache of its own, and Python's bytecode cached as an installed articlecast has it."""
    env = {**os.environ, "XDG_CACHE_HOME": str(work / "cache"), "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-follow-") as tmp:
        work = Path(tmp)
        env = command_env(work)
        unchanged = bench_update(work, env)
        bench_cluster(work, env)
    return 0 if unchanged < 1.0 else 1


if __name__ == "__main__":
    sys.exit(main())
