"""`build --cluster`: the audio is rendered on a real Dask cluster (scheduler and worker processes on
127.0.0.1) and the folder ends up exactly as a local build leaves it — also when a worker is killed
in the middle of an article."""
from __future__ import annotations

import hashlib
import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest
from lindenhain import ARTICLES

from articlecast.cli import cli

distributed = pytest.importorskip("distributed", reason="the [cluster] extra is not installed")
pytestmark = pytest.mark.slow


def cli_runner():
    """As tests/conftest.py's: a module-scoped fixture cannot take the function-scoped `runner`."""
    import inspect

    from click.testing import CliRunner

    return CliRunner(mix_stderr=False) if "mix_stderr" in inspect.signature(CliRunner.__init__).parameters else CliRunner()


@pytest.fixture(scope="module")
def articles(tmp_path_factory) -> list[Path]:
    folder = tmp_path_factory.mktemp("articles")
    paths = []
    for key, (title, paragraphs) in ARTICLES.items():
        path = folder / f"{key}.txt"
        path.write_text(title + "\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        paths.append(path)
    assert len(paths) >= 6
    return paths


@pytest.fixture(scope="module")
def local_build(articles, tmp_path_factory) -> Path:
    """Built as a user builds it, by the command in a process of its own: espeak-ng's state inside this
    long test process is not what a fresh build starts from."""
    import subprocess
    import sys

    out = tmp_path_factory.mktemp("local") / "out"
    result = subprocess.run([sys.executable, "-m", "articlecast.cli", "build", *map(str, articles), "--out", str(out),
                             "--quiet"], capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    """Two worker processes with a synthesis cache of their own, as on other machines."""
    from distributed import Client, LocalCluster

    cache = tmp_path_factory.mktemp("worker-cache")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                      env={"XDG_CACHE_HOME": str(cache)}) as lc, Client(lc) as client:
        yield lc.scheduler_address, client


def _episodes(out: Path) -> dict[str, dict]:
    """What a listener gets of each episode: its script (voices included), chapters, duration, cues.

    Both builds run in fresh processes (the command; the workers' children), as a user's do."""
    from mutagen.mp3 import MP3

    episodes = {}
    for mp3 in sorted((out / "episodes").glob("*.mp3")):
        stem = mp3.name.removesuffix(".mp3")
        chapters = json.loads((out / "episodes" / f"{stem}.chapters.json").read_text(encoding="utf-8"))["chapters"]
        vtt = (out / "episodes" / f"{stem}.vtt").read_text(encoding="utf-8")
        episodes[stem] = {
            "script": hashlib.sha256((out / "episodes" / f"{stem}.script.json").read_bytes()).hexdigest(),
            "chapters": [c["title"] for c in chapters],
            "chapter_starts_s": [c["startTime"] for c in chapters],
            "duration_s": MP3(mp3).info.length,
            "cues": vtt.count(" --> "),
        }
    return episodes


def _assert_same_episodes(out: Path, reference: Path) -> None:
    got, want = _episodes(out), _episodes(reference)
    assert got.keys() == want.keys() and len(got) >= 6
    for slug, episode in got.items():
        expected = want[slug]
        assert (episode["script"], episode["chapters"], episode["cues"]) == \
               (expected["script"], expected["chapters"], expected["cues"]), slug
        assert episode["duration_s"] == pytest.approx(expected["duration_s"], rel=0.01), slug
        assert episode["chapter_starts_s"] == pytest.approx(expected["chapter_starts_s"], abs=0.5), slug


def _voices(out: Path) -> dict[str, dict]:
    voices = {}
    for script in (out / "episodes").glob("*.script.json"):
        cast = json.loads(script.read_text(encoding="utf-8"))["cast"]
        voices[script.name] = cast
    return voices


def test_a_cluster_build_equals_the_local_build(articles, local_build, cluster, tmp_path):
    address, client = cluster
    out = tmp_path / "out"
    result = cli_runner().invoke(cli, ["build", *map(str, articles), "--out", str(out), "--cluster", address])
    assert result.exit_code == 0, result.stderr
    assert _voices(out) == _voices(local_build)
    _assert_same_episodes(out, local_build)
    # the workers did the synthesis: their own cache (apart from this process's) holds the segments
    cached = client.run(lambda: len(list(Path(os.environ["XDG_CACHE_HOME"]).rglob("segments/*/*.wav"))))
    assert len(cached) == 2 and sum(cached.values()) >= len(articles) * 5


def test_a_killed_workers_article_is_rendered_again_elsewhere(articles, local_build, cluster, tmp_path):
    address, client = cluster
    out = tmp_path / "out"
    pids = client.run(os.getpid)
    killed: list[int] = []

    def kill_a_busy_worker() -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and not killed:
            for worker, keys in client.processing().items():
                if any(str(k).startswith("articlecast-render-") for k in keys) and worker in pids:
                    time.sleep(0.5)  # let it get into the article
                    os.kill(pids[worker], signal.SIGKILL)
                    killed.append(pids[worker])
                    return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_a_busy_worker)
    killer.start()
    result = cli_runner().invoke(cli, ["build", *map(str, articles), "--out", str(out), "--cluster", address, "--quiet"])
    killer.join()
    assert killed, "no worker was ever busy with an article"
    assert result.exit_code == 0, result.stderr
    _assert_same_episodes(out, local_build)
    client.wait_for_workers(2, timeout=60)  # the nanny brings the killed worker back


def test_an_unreachable_or_malformed_cluster_is_a_clear_error(articles, tmp_path, monkeypatch):
    import articlecast.cluster

    monkeypatch.setattr(articlecast.cluster, "CONNECT_TIMEOUT_S", 2.0)
    out = tmp_path / "out"
    unreachable = cli_runner().invoke(cli, ["build", str(articles[0]), "--out", str(out), "--cluster", "tcp://127.0.0.1:9"])
    assert unreachable.exit_code == 4
    assert unreachable.stderr.startswith("articlecast: error: cannot reach the cluster's scheduler at tcp://127.0.0.1:9")
    malformed = cli_runner().invoke(cli, ["build", str(articles[0]), "--out", str(out), "--cluster", "127.0.0.1:8786"])
    assert malformed.exit_code == 3 and "use tcp://HOST:PORT" in malformed.stderr
    assert not (out / "feed.xml").exists()
