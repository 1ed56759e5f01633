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
import multiprocessing
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from articlecast.errors import ArticlecastError, EngineError, InputError, NetworkError
from articlecast.fsutil import write_temp
from articlecast.pipeline import EPISODE_SUFFIXES, BuildOptions, EpisodePlan, RenderedEpisode, effective_config, render_episode

CONNECT_TIMEOUT_S = 20.0


@dataclass(frozen=True)
class RemoteEpisode:
    """What a worker sends back: the files' bytes and the figures the catalog records."""

    files: dict[str, bytes]
    duration_s: float
    mastering: dict[str, float]
    synthesized: int
    cached: int


def render_remote(plan: EpisodePlan) -> RemoteEpisode:
    """Runs on a worker: render into a scratch folder and return the files (the folder is then gone).

    Dask's worker processes are daemons, which may not start processes of their own: there an article
    is synthesized in the worker's own process, and a machine's cores are used by running one worker
    process per core (`dask worker … --nworkers auto --nthreads 1`).
    """
    if multiprocessing.current_process().daemon:
        plan = replace(plan, build=replace(plan.build, workers=1))
    with tempfile.TemporaryDirectory(prefix="articlecast-render-") as scratch:
        finals = {suffix: Path(scratch) / f"{plan.slug}{suffix}" for suffix in EPISODE_SUFFIXES}
        rendered = render_episode(plan, finals)
        files = {suffix: path.read_bytes() for suffix, path in rendered.files.items()}
    return RemoteEpisode(files, rendered.duration_s, rendered.mastering, rendered.synthesized, rendered.cached)


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
            remote: RemoteEpisode = future.result()
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
        return RenderedEpisode(staged, remote.duration_s, remote.mastering, remote.synthesized, remote.cached)


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
