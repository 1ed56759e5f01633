"""Rendering episodes on a Dask distributed cluster (`build --cluster tcp://HOST:8786`).

Only the audio moves: the coordinator (the machine running `articlecast build` or `update`) still
reads the articles, casts the voices and claims slugs with the folder's store, and alone writes the
catalog, feed and page. A worker gets an EpisodePlan — script with voices, settings, cover — renders
it exactly as a local build would (pipeline.render_episode, into its own scratch folder, with its own
synthesis cache) and sends the finished files back; the coordinator commits them like local ones.
So a cluster build and a local build of the same articles give the same files, and nothing is
half-published: a worker that dies mid-article holds nothing of the folder, and Dask's scheduler
gives its task to another worker (up to `distributed.scheduler.allowed-failures` times).

Workers need articlecast installed (`pip install 'articlecast[cluster]'`), the same version as the
coordinator's; they need no access to the output folder.
"""
from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from articlecast.errors import ArticlecastError, EngineError, InputError, NetworkError
from articlecast.fsutil import write_temp
from articlecast.pipeline import EPISODE_SUFFIXES, BuildOptions, EpisodePlan, RenderedEpisode, effective_config, render_episode

CONNECT_TIMEOUT_S = 20.0


def render_remote(plan: EpisodePlan) -> RenderedEpisode[bytes]:
    """Runs on a worker: render the plan in a child process of its own and return the files.

    A child, not the worker itself: Dask's worker process runs threads of its own (and is a daemon,
    which may not start a process pool), while synthesis forks and runs a pool of its own. The child
    is an ordinary articlecast process that uses all the machine's cores, as a local build does, and
    dies with the worker (a killed worker leaves nothing running).
    """
    child = subprocess.run([sys.executable, "-m", "articlecast.cluster", str(os.getpid())], input=pickle.dumps(plan),
                           capture_output=True, check=False)
    if child.returncode != 0 or not child.stdout:
        detail = child.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [f"exit status {child.returncode}"]
        raise EngineError(f"{plan.source}: rendering failed on the cluster worker ({detail[0]})")
    outcome = pickle.loads(child.stdout)
    if isinstance(outcome, ArticlecastError):
        raise outcome  # what a local build would have met (an engine error, a full disk)
    return outcome


def _render_here(plan: EpisodePlan) -> RenderedEpisode[bytes]:
    with tempfile.TemporaryDirectory(prefix="articlecast-render-") as scratch:
        finals = {suffix: Path(scratch) / f"{plan.slug}{suffix}" for suffix in EPISODE_SUFFIXES}
        rendered = render_episode(plan, finals)
        return replace(rendered, files={suffix: path.read_bytes() for suffix, path in rendered.files.items()})


def _child_main(parent_pid: int) -> None:
    """`python -m articlecast.cluster PARENT_PID`: a pickled plan on stdin, a pickled outcome on stdout."""
    from articlecast.interrupts import die_with_parent

    die_with_parent(parent_pid)
    plan = pickle.loads(sys.stdin.buffer.read())
    try:
        outcome: object = _render_here(plan)
    except ArticlecastError as e:
        outcome = e
    sys.stdout.buffer.write(pickle.dumps(outcome))


class ClusterRenderer:
    """A `render` for pipeline.build_episode that runs on the cluster and waits for the files."""

    def __init__(self, client) -> None:
        self._client = client
        self._lock = threading.Lock()

    def __call__(self, plan: EpisodePlan, finals: dict[str, Path], **_ignored) -> RenderedEpisode:
        from distributed import KilledWorker

        with self._lock:  # one submit at a time: the client is shared by the batch's threads
            future = self._client.submit(render_remote, plan, pure=False, key=f"articlecast-render-{plan.slug}-{id(plan):x}")
        try:
            remote: RenderedEpisode[bytes] = future.result()
        except ArticlecastError:
            raise  # the worker met what a local build would have met (an engine error, a full disk)
        except KilledWorker as e:
            raise EngineError(f"{plan.source}: the cluster's workers died while rendering it ({e})") from None
        except (OSError, TimeoutError) as e:
            raise NetworkError(f"{plan.source}: lost the cluster while rendering it ({e})") from None
        staged: dict[str, Path] = {}
        try:
            for suffix, data in remote.files.items():
                staged[suffix] = write_temp(finals[suffix], data)
        except BaseException:
            for temp in staged.values():
                temp.unlink(missing_ok=True)
            raise
        return replace(remote, files=staged)


@contextlib.contextmanager
def renderer_for(options: BuildOptions) -> Iterator[ClusterRenderer | None]:
    """The cluster renderer when --cluster or [build] cluster names a scheduler, else None (render here)."""
    address = effective_config(options).build.cluster.strip()
    if not address:
        yield None
        return
    with cluster_renderer(address) as renderer:
        yield renderer


@contextlib.contextmanager
def cluster_renderer(address: str) -> Iterator[ClusterRenderer]:
    """Connect to the scheduler at `address` (tcp://HOST:8786) for the length of a batch."""
    try:
        from distributed import Client
    except ImportError:
        raise EngineError("--cluster needs Dask distributed: pip install 'articlecast[cluster]'") from None
    if not address.startswith(("tcp://", "tls://")):
        raise InputError(f"cluster address {address!r}: use tcp://HOST:PORT (the scheduler's address, e.g. tcp://10.0.0.5:8786)")
    try:
        client = Client(address, timeout=f"{CONNECT_TIMEOUT_S}s", set_as_default=False)
    except (OSError, TimeoutError) as e:
        raise NetworkError(f"cannot reach the cluster's scheduler at {address} ({e})") from None
    try:
        yield ClusterRenderer(client)
    finally:
        client.close()


if __name__ == "__main__":
    # the module's own functions, not __main__'s copies: what the child pickles must unpickle on the worker
    from articlecast.cluster import _child_main as child_main

    child_main(int(sys.argv[1]))
