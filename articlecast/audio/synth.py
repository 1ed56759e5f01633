"""Synthesis of a script's segments into cached WAV files, in parallel.

Each segment's text is made speakable and looked up in the cache; only misses are synthesized.
espeak-ng is not thread-safe, so engines that say `parallelism = "process"` run in worker
processes holding one engine each; network engines wait on I/O and run in threads. Workers write
the cache themselves, so whatever finished before an error or Ctrl-C stays cached.
"""
from __future__ import annotations

import os
import signal
from collections.abc import Callable, Mapping
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor, wait
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from articlecast.audio import markup
from articlecast.audio.cache import CacheEntry, SegmentCache, cache_key, default_cache_dir
from articlecast.audio.engines import get_engine
from articlecast.audio.engines.base import Engine
from articlecast.audio.normalize import speakable_marked
from articlecast.audio.pace import PACE_REVISION, QUOTE_WPM, PaceBook, first_speed, paced_quote, scaled, words
from articlecast.audio.timeline import RenderedSegment
from articlecast.errors import ArticlecastError, EngineError
from articlecast.interrupts import INTERRUPT_POLL_S, deferred_interrupt, die_with_parent
from articlecast.script.model import NARRATOR, Script, Voice

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class SynthesisResult:
    rendered: Mapping[str, RenderedSegment]  # segment id -> its WAV
    synthesized: int  # segments spoken by an engine in this run
    cached: int  # segments found in the cache


@dataclass(frozen=True)
class _Job:
    """One distinct piece of audio; equal segments (same voice, same spoken text) share a job."""

    key: str
    segment_ids: tuple[str, ...]
    text: str
    voice: Voice
    language: str
    words: int | None = None  # a quote's written words: it is held to the narrator's pace (pace.py)


def synthesize_script(script: Script, *, engine_for: Callable[[str], Engine] | None = None,
                      cache_dir: Path | None = None, workers: int = 0,
                      on_progress: Progress | None = None) -> SynthesisResult:
    """Every segment as a WAV in the cache; `workers` 0 means one per core."""
    engine_for = engine_for or _engines_by_name()
    cache = SegmentCache(Path(cache_dir) if cache_dir else default_cache_dir())
    cache.sweep_orphans()
    paces = PaceBook()
    jobs_by_engine = _plan(script, engine_for, paces)
    paces.save()
    total = len(script.segments)
    rendered: dict[str, RenderedSegment] = {}
    misses: dict[str, list[_Job]] = {}
    for engine_name, jobs in jobs_by_engine.items():
        for job in jobs:
            entry = cache.load(job.key)
            if entry:
                rendered |= _rendered(job, entry)
            else:
                misses.setdefault(engine_name, []).append(job)
    cached = len(rendered)
    progress = on_progress or (lambda done, total: None)
    progress(cached, total)

    synthesized = 0

    def finished(job: _Job, entry: CacheEntry) -> None:
        nonlocal synthesized
        rendered.update(_rendered(job, entry))
        synthesized += len(job.segment_ids)
        progress(len(rendered), total)

    for engine_name, jobs in misses.items():
        _run(engine_for(engine_name), jobs, cache, workers or _cores(), finished)
    in_script_order = {s.id: rendered[s.id] for s in script.segments}
    return SynthesisResult(in_script_order, synthesized, cached)


def _cores() -> int:
    """The cores this process may use (a container or taskset may allow fewer than the machine has)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _engines_by_name() -> Callable[[str], Engine]:
    engines: dict[str, Engine] = {}

    def engine_for(name: str) -> Engine:
        if name not in engines:
            engines[name] = get_engine(name)
        return engines[name]
    return engine_for


def _plan(script: Script, engine_for: Callable[[str], Engine], paces: PaceBook) -> dict[str, list[_Job]]:
    """The distinct pieces of audio the script needs, by engine; the narrator's voice (and every voice of its
    engine and name) calibrated to the narration pace (pace.py)."""
    versions: dict[str, str] = {}
    jobs: dict[str, _Job] = {}
    narrator = script.cast.get(NARRATOR)
    factor: dict[tuple[str, str], float] = {}
    if narrator is not None and narrator.voice is not None:
        own = (narrator.voice.engine, narrator.voice.name)
        try:
            factor[own] = paces.factor(engine_for(own[0]), own[1], script.language)
        except ArticlecastError as e:  # an unknown voice, a network engine offline: named as synthesis would
            first = next((s.id for s in script.segments if s.speaker == NARRATOR), "narrator")
            raise type(e)(f"segment {first}: {e}") from None
    for segment in script.segments:
        member = script.cast.get(segment.speaker)
        if member is None or member.voice is None:
            raise EngineError(f"segment {segment.id}: speaker {segment.speaker!r} has no voice")
        voice = scaled(member.voice, factor.get((member.voice.engine, member.voice.name), 1.0))
        if voice.engine not in versions:
            versions[voice.engine] = engine_for(voice.engine).version
        text = speakable_marked(segment.text, script.language, script.lexicon)
        if not getattr(engine_for(voice.engine), "switches_language", False):
            text = markup.plain(text)  # foreign words marked for an engine that cannot switch: its own reading
        version, count = versions[voice.engine], None
        if segment.kind == "quote":
            count = words(segment.text)
            version += f" quote pace {PACE_REVISION} {QUOTE_WPM:g} wpm {count} words"
        key = cache_key(voice.engine, version, voice, text)
        known = jobs.get(key)
        ids = (known.segment_ids if known else ()) + (segment.id,)
        jobs[key] = _Job(key, ids, text, voice, script.language, count)
    by_engine: dict[str, list[_Job]] = {}
    for job in jobs.values():
        by_engine.setdefault(job.voice.engine, []).append(job)
    return by_engine


def _rendered(job: _Job, entry: CacheEntry) -> dict[str, RenderedSegment]:
    return {sid: RenderedSegment(sid, entry.path, entry.duration_ms) for sid in job.segment_ids}


def _run(engine: Engine, jobs: list[_Job], cache: SegmentCache, workers: int,
         finished: Callable[[_Job, CacheEntry], None]) -> None:
    """Render every job, calling `finished` as each one lands; the longest texts start first so the
    workers end together."""
    jobs = sorted(jobs, key=lambda j: len(j.text), reverse=True)
    workers = min(workers, len(jobs))
    if workers <= 1:
        for job in jobs:
            finished(job, _render_guarded(engine, cache, job))
        return
    if getattr(engine, "parallelism", "thread") == "process":
        pool: Executor = ProcessPoolExecutor(workers, initializer=_start_worker,
                                          initargs=(engine, cache, os.getpid()))
        render = _render_in_worker
    else:
        pool = ThreadPoolExecutor(workers, thread_name_prefix=f"synth-{engine.name}")
        render = partial(_render_guarded, engine, cache)
    waiting = iter(jobs)
    pending: dict[Future, _Job] = {}

    def submit_next() -> None:
        job = next(waiting, None)
        if job is not None:
            pending[pool.submit(render, job)] = job

    with deferred_interrupt() as interrupted:
        try:
            # Only one job more than there are workers is handed to the pool at a time: Ctrl-C then
            # waits for the running segments only, not for a queue the pool has already taken in.
            for _ in range(workers + 1):
                submit_next()
            while pending:
                done, _ = wait(pending, timeout=INTERRUPT_POLL_S, return_when=FIRST_COMPLETED)
                if interrupted.is_set():
                    raise KeyboardInterrupt
                for future in done:
                    job = pending.pop(future)
                    submit_next()
                    finished(job, future.result())
        except BaseException:
            # Ctrl-C (also inside `finished`) or a failed segment: drop what has not started, let running
            # segments land in the cache
            pool.shutdown(wait=True, cancel_futures=True)
            raise
        pool.shutdown(wait=True)


def _render_guarded(engine: Engine, cache: SegmentCache, job: _Job) -> CacheEntry:
    try:
        if job.words is None:
            pcm = engine.synthesize(job.text, job.voice, job.language)
        else:
            first = first_speed(markup.plain(job.text), job.words, job.language)
            pcm = paced_quote(lambda voice: engine.synthesize(job.text, voice, job.language), job.voice, job.words, first)
    except ArticlecastError as e:
        # the hint joins the message: exceptions cross from worker processes as (message,) only
        raise type(e)(f"segment {job.segment_ids[0]}: {e}") from None
    except (KeyboardInterrupt, SystemExit):
        raise
    except Exception as e:  # a plugin's bug must still name the segment and stay one line
        raise EngineError(f"segment {job.segment_ids[0]}: engine {engine.name!r} failed: "
                          f"{type(e).__name__}: {e}") from None
    return cache.store(job.key, pcm)


# ── worker processes: one engine each ───────────────────────────────────────────

_worker: tuple[Engine, SegmentCache] | None = None


def _start_worker(engine: Engine, cache: SegmentCache, parent_pid: int) -> None:
    global _worker
    die_with_parent(parent_pid)  # a killed build leaves no workers behind (holding its folder's lock, too)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _worker = (engine, cache)


def _render_in_worker(job: _Job) -> CacheEntry:
    assert _worker is not None, "worker process started without an engine"
    return _render_guarded(*_worker, job)
