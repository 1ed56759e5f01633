"""The stages of articlecast in order, readable top to bottom.

    source ─ingest→ Article ─narrate→ Script ─cast→ Script with voices ─synthesize→ segment WAVs
           ─stitch→ audio + Timeline ─master→ -16 LUFS ─encode→ MP3 ─tag→ ID3 + chapters + cover
           ─publish→ catalog, feed.xml, index.html

Each stage lives in its own module; this file only decides the order, where files go and
what the user is told. Imports of heavy stages happen inside the functions that need them,
so `articlecast script` never pays for audio libraries.
"""
from __future__ import annotations

import contextlib
import hashlib
import json
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Generic, TypeVar

from articlecast.config import BuildSettings, Config, load_config
from articlecast.errors import ArticlecastError, BusyError, InputError, InternalError, OutputError, ScriptError
from articlecast.fsutil import temp_beside, write_temp
from articlecast.output.catalog import PUBLISHED_UNCHANGED, BuildState, Catalog, NewEpisode, canonical_source, file_sha256, open_catalog
from articlecast.script.model import NARRATOR, UNKNOWN, ArticleInput, Script, Voice
from articlecast.script.scriptfile import cast_order, looks_like_script, read_script, script_hash, script_to_json
from articlecast.slug import slugify

Report = Callable[[str], None]  # a one-line status message for the user (stderr)
Progress = Callable[[int, int], None]  # segments done, segments in all


def _silent(_: str) -> None:
    pass


# ── Stage 1 and 2: article → script ──────────────────────────────────────────────

def make_script_from(source: str | ArticleInput, *, language: str | None = None, boilerplate: Sequence[str] = (),
                     stdin: BinaryIO | None = None, force: bool = False, min_words: int | None = None,
                     warn: Report = _silent) -> Script:
    """An article (file, URL, "-", a feed's item) becomes a fresh script; a script file (.json) is read and checked.

    `force` builds a page that does not look like an article; `warn` hears about pages shorter
    than `min_words` (teasers) and other doubts.
    """
    if isinstance(source, str) and source != "-" and looks_like_script(Path(source)):
        return read_script(Path(source))
    from articlecast.script.ingest import DEFAULT_MIN_WORDS, load_article, load_input
    from articlecast.script.narrate import make_script

    min_words = DEFAULT_MIN_WORDS if min_words is None else min_words
    if isinstance(source, ArticleInput):
        article = load_input(source, language=language, extra_boilerplate=boilerplate, force=force, min_words=min_words)
    else:
        article = load_article(source, language=language, extra_boilerplate=boilerplate, stdin=stdin, force=force,
                               min_words=min_words)
    for warning in article.warnings:
        warn(f"warning: {warning}")
    return make_script(article)


# ── Build: script → episode ──────────────────────────────────────────────────────

@dataclass(frozen=True)
class BuildOptions:
    out_dir: Path = Path("output")
    engine: str | None = None  # None: the folder's config, else "espeak"
    language: str | None = None
    voices: dict[str, Voice] = field(default_factory=dict)  # --voice NAME=ENGINE:VOICE
    lexicon: dict[str, str] = field(default_factory=dict)  # --say WORD=SPOKEN and --lexicon FILE
    boilerplate: tuple[str, ...] = ()  # --drop REGEX, on top of the folder's [boilerplate] patterns
    bitrate_kbps: int | None = None
    intro: bool | None = None
    jingle_in: Path | None = None
    jingle_out: Path | None = None
    cover: Path | None = None
    base_url: str | None = None
    workers: int | None = None
    cache_dir: Path | None = None
    force: bool = False  # overwrite a script file the user edited by hand; build a page that looks like no article
    min_words: int | None = None  # a page with fewer words builds with a warning (None: ingest's default)
    lock_wait_s: float = 600.0  # how long a second build into the same folder waits for the first
    cluster: str | None = None  # --cluster tcp://HOST:8786, over [build] cluster


@dataclass(frozen=True)
class BuildResult:
    source: str
    slug: str
    title: str
    mp3_path: Path
    script_path: Path
    vtt_path: Path
    chapters_path: Path
    duration_s: float
    size_bytes: int
    voices: dict[str, Voice]
    synthesized: int
    cached: int
    published: bool = True  # False: the episode was up to date, nothing was committed


def effective_config(options: BuildOptions) -> Config:
    """The folder's articlecast.toml with this build's command-line settings on top."""
    config = load_config(options.out_dir)
    build = config.build
    if options.engine:
        build = replace(build, engine=options.engine)
    if options.bitrate_kbps:
        build = replace(build, bitrate_kbps=options.bitrate_kbps)
    if options.intro is not None:
        build = replace(build, intro=options.intro)
    if options.workers is not None:
        build = replace(build, workers=options.workers)
    if options.cluster is not None:
        build = replace(build, cluster=options.cluster)
    show = config.show
    if options.base_url:
        from articlecast.config import check_base_url

        show = replace(show, base_url=check_base_url(options.base_url))
    return replace(config, build=build, show=show, lexicon={**config.lexicon, **options.lexicon},
                   boilerplate=config.boilerplate + options.boilerplate)


@dataclass(frozen=True)
class EpisodePlan:
    """What the folder's store decided for one episode: everything its audio needs, and nothing of the
    folder itself, so the render can run here or on a cluster worker and give the same files."""

    source: str
    script: Script  # with every speaker's voice
    slug: str
    build: BuildSettings
    show_title: str
    show_author: str
    cover: bytes
    jingle_in: bytes | None
    jingle_out: bytes | None
    fingerprint: str
    previous_mastering: dict[str, float] | None
    first_build: bool  # the article has no episode yet: its date (if it gives one) dates the episode


_Files = TypeVar("_Files", Path, bytes)


@dataclass(frozen=True)
class RenderedEpisode(Generic[_Files]):
    """An episode's complete files, under temporary names: suffix (".mp3", ".vtt" ...) -> file.

    A cluster worker sends the same back with the files' bytes instead of paths (cluster.py)."""

    files: dict[str, _Files]
    duration_s: float
    mastering: dict[str, float]
    synthesized: int
    cached: int


EPISODE_SUFFIXES = (".mp3", ".script.json", ".vtt", ".chapters.json")
# Renders a plan's files under temporary names beside the given final paths (render_episode's signature).
Render = Callable[..., RenderedEpisode]
CLUSTER_PARALLEL_ARTICLES = 32  # on a cluster, the coordinator's threads mostly wait for workers


def build_episode(source: str | ArticleInput, options: BuildOptions, *, config: Config | None = None, report: Report = _silent,
                  progress: Progress | None = None, stdin: BinaryIO | None = None,
                  render: Render | None = None) -> BuildResult:
    """Build one episode into options.out_dir and publish it; the caller holds the folder's lock.

    The folder's store (the catalog) is asked for a plan: voices, a slug, what the last build wrote.
    Every file is rendered under a temporary name; then one commit records the episode, renders feed
    and page from the new state and renames everything into place (see output/catalog.py). Until that
    commit nothing published changes; a failure or kill before it loses nothing.
    `render` renders the plan elsewhere (articlecast.cluster); by default here, with `render_episode`.
    """
    config = config or effective_config(options)
    store = open_catalog(Path(options.out_dir))
    plan, done = plan_episode(source, options, config, store, stdin=stdin, report=report)
    if done is not None:
        return done
    from articlecast.outdir import OutputDir

    out = OutputDir(options.out_dir)
    finals = {suffix: out.episode_file(plan.slug, suffix) for suffix in EPISODE_SUFFIXES}
    rendered = (render or render_episode)(plan, finals, cache_dir=options.cache_dir, report=report, progress=progress)
    return commit_episode(plan, rendered, options, config, store)


def plan_episode(source: str | ArticleInput, options: BuildOptions, config: Config, store: Catalog, *,
                 stdin: BinaryIO | None = None, report: Report = _silent) -> tuple[EpisodePlan, BuildResult | None]:
    """Script, voices and slug for one article, decided with the folder's store; with it the result of an
    episode that is already built exactly so (then nothing needs rendering)."""
    from articlecast.audio.casting import assign_voices
    from articlecast.audio.engines import get_engine
    from articlecast.outdir import OutputDir

    out = OutputDir(options.out_dir)
    script = make_script_from(source, language=options.language, boilerplate=config.boilerplate, stdin=stdin,
                              force=options.force, min_words=options.min_words, warn=report)
    if isinstance(source, ArticleInput) or (source != "-" and not looks_like_script(Path(source))):
        script = replace(script, source=canonical_source(script.source))  # one spelling per article
    script = replace(script, lexicon={**config.lexicon, **script.lexicon, **options.lexicon})
    engine = get_engine(config.build.engine)

    def choose(remembered: dict[str, Voice]) -> tuple[Script, dict[str, Voice]]:
        cast = assign_voices(script, engine, overrides=options.voices, defaults=_parse_voices(config.voices),
                             remembered=remembered)
        return cast, {name: m.voice for name, m in cast.cast.items()
                      if m.voice is not None and name not in (NARRATOR, UNKNOWN)}

    # one transaction each: articles of a batch that quote the same person agree on the voice, and two
    # articles with the same title never take the same free slug
    script = store.cast(choose)
    slug = store.claim_slug(script.source, slugify(script.title))
    paths = {suffix: out.episode_file(slug, suffix) for suffix in EPISODE_SUFFIXES}
    last = store.build_state(slug)
    if not options.force and _edited_by_hand(paths[".script.json"], last) and not _same_file(str(source), paths[".script.json"]):
        raise ScriptError(f"{paths['.script.json']} was edited by hand; build from it "
                          f"(articlecast build {paths['.script.json']}) or use --force to replace it")
    cover = _cover_bytes(options.cover or (Path(config.show.artwork) if config.show.artwork else None),
                         script.title, config.show.title)
    fingerprint = _fingerprint(script, config, options, engine.version, cover)
    published = store.get(slug)
    plan = EpisodePlan(source=str(source), script=script, slug=slug, build=config.build, show_title=config.show.title,
                       show_author=config.show.author, cover=cover,
                       jingle_in=options.jingle_in.read_bytes() if options.jingle_in else None,
                       jingle_out=options.jingle_out.read_bytes() if options.jingle_out else None,
                       fingerprint=fingerprint, previous_mastering=last.mastering if last else None,
                       first_build=published is None)
    if published is not None and not published.removed and _up_to_date(last, fingerprint, paths, published.sha256):
        report("nothing changed since the last build")
        return plan, replace(_result(str(source), slug, script, paths, published.duration_s, synthesized=0,
                                     cached=len(script.segments)), published=False)
    return plan, None


def render_episode(plan: EpisodePlan, finals: dict[str, Path], *, cache_dir: Path | None = None,
                   report: Report = _silent, progress: Progress | None = None) -> RenderedEpisode:
    """Synthesize, stitch, master, encode and tag: every file complete under a temporary name beside its
    final one in `finals`. Depends on the plan alone (and the synthesis cache, which only saves time)."""
    import tempfile

    from articlecast.audio.cache import default_cache_dir
    from articlecast.audio.encode import encode_mp3
    from articlecast.audio.engines import get_engine
    from articlecast.audio.master import master
    from articlecast.audio.stitch import stitch
    from articlecast.audio.synth import synthesize_script
    from articlecast.output.chapters import to_chapters_json
    from articlecast.output.tags import EpisodeTags, write_tags
    from articlecast.output.transcript import to_vtt
    from articlecast.terminal import counted

    script, build = plan.script, plan.build
    cache_dir = cache_dir or default_cache_dir()
    engine = get_engine(build.engine)
    report(f"synthesizing {counted(len(script.segments), 'segment')} with {build.engine} ...")
    synthesis = synthesize_script(script, engine_for=lambda name: engine if name == engine.name else get_engine(name),
                                  cache_dir=cache_dir, workers=build.workers, on_progress=progress)
    report(f"mastering and encoding ({synthesis.synthesized} synthesized, {synthesis.cached} from the cache) ...")
    staged: dict[str, Path] = {}
    complete = False
    with tempfile.TemporaryDirectory(prefix="articlecast-jingles-") as scratch:
        jingles = []
        for name, data in (("in", plan.jingle_in), ("out", plan.jingle_out)):
            path = Path(scratch) / f"jingle-{name}" if data else None
            if path:
                path.write_bytes(data)
            jingles.append(path)
        stitched = stitch(script, synthesis.rendered, intro=build.intro, jingle_in=jingles[0], jingle_out=jingles[1])
    mastered = master(stitched, previous=_previous_mastering(plan.previous_mastering))
    tags = EpisodeTags(title=script.title, author=script.author or plan.show_author, show=plan.show_title,
                       date=(published_at(script) or datetime.now(timezone.utc)).date(), source_url=script.source,
                       language=script.language,
                       description=_description(script))
    try:
        staged[".mp3"] = temp_beside(finals[".mp3"])
        encoded = encode_mp3(mastered, staged[".mp3"], bitrate_kbps=build.bitrate_kbps, cache_dir=cache_dir,
                             workers=build.workers)
        # chapters and transcript follow the sound as the MP3 plays it (parts start a few ms later)
        timeline = stitched.timeline.moved(encoded.plan.shifted_ms, round(encoded.plan.duration_ms))
        write_tags(staged[".mp3"], tags, timeline.chapters, plan.cover)
        for suffix, text in ((".script.json", script_to_json(script)),
                             (".vtt", to_vtt(timeline, language=script.language)),
                             (".chapters.json", to_chapters_json(timeline))):
            staged[suffix] = write_temp(finals[suffix], text.encode("utf-8"))
        complete = True
    except OutputError as e:
        raise _naming_final_files(e, {finals[suffix]: temp for suffix, temp in staged.items()}, committed=False) from e
    finally:
        if not complete:
            for temp in staged.values():
                temp.unlink(missing_ok=True)
    return RenderedEpisode(files=staged, duration_s=timeline.duration_ms / 1000, mastering={
        "unlimited_lufs": mastered.unlimited_lufs, "gain_db": mastered.gain_db,
        "loudness_lufs": mastered.loudness_lufs, "true_peak_dbtp": mastered.true_peak_dbtp},
        synthesized=synthesis.synthesized, cached=synthesis.cached)


def commit_episode(plan: EpisodePlan, rendered: RenderedEpisode, options: BuildOptions, config: Config,
                   store: Catalog) -> BuildResult:
    """Publish a rendered episode in one step (catalog transaction with feed and page, then renames)."""
    from articlecast.outdir import OutputDir
    from articlecast.output.publish import ensure_cover, stage_publication
    from articlecast.output.tags import episode_cover_path

    out = OutputDir(options.out_dir)
    script = plan.script
    paths = {suffix: out.episode_file(plan.slug, suffix) for suffix in EPISODE_SUFFIXES}
    # final file -> its complete temporary copy, in the order they are renamed: the MP3 moves last
    staged = {paths[suffix]: rendered.files[suffix] for suffix in EPISODE_SUFFIXES[1:]}
    committed = False
    try:
        # the cover inside the MP3, also beside it: the feed's per-episode itunes:image
        staged[episode_cover_path(paths[".mp3"])] = write_temp(episode_cover_path(paths[".mp3"]), plan.cover)
        staged[paths[".mp3"]] = rendered.files[".mp3"]
        state = BuildState(fingerprint=plan.fingerprint, mastering=rendered.mastering,
                           files={final.name: (temp.stat().st_size, file_sha256(temp)) for final, temp in staged.items()})
        ensure_cover(out.root, config.show)
        store.commit(NewEpisode(slug=plan.slug, title=script.title, author=script.author or plan.show_author,
                                source=script.source, description=_description(script), language=script.language,
                                duration_s=rendered.duration_s, script_hash=script_hash(script),
                                mp3_path=staged[paths[".mp3"]]),
                     state=state, renames=staged, stage=stage_publication(out.root, config.show), finish=False,
                     now=published_at(script) if plan.first_build else None)  # a first build dates the episode
        committed = True
    except OutputError as e:
        raise _naming_final_files(e, staged, committed=committed) from e
    finally:
        if not committed:  # nothing was published: the temporary files go
            for temp in staged.values():
                temp.unlink(missing_ok=True)
    store.finish_pending()
    return _result(plan.source, plan.slug, script, paths, rendered.duration_s, synthesized=rendered.synthesized,
                   cached=rendered.cached)


def published_at(script: Script) -> datetime | None:
    """The article's date as the episode's publication time, when the article gives one.

    A date without a time is taken at noon UTC, so that it is the same calendar day from Hawaii to
    New Zealand; a date in the future (a time zone ahead, a typo) becomes now, since apps hide
    episodes from the future. Only a first build dates the episode: the catalog keeps that date, so the
    feed's order stays as it was when the article is built again.
    """
    if not script.published:
        return None
    when = datetime.fromisoformat(script.published)
    if len(script.published) <= len("2024-05-06"):
        when = when.replace(hour=12)
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return min(when.astimezone(timezone.utc), datetime.now(timezone.utc))


def _naming_final_files(e: OutputError, staged: dict[Path, Path], *, committed: bool) -> OutputError:
    """Messages name the file the user knows, not its temporary copy, and say what is true of the folder."""
    message, hint = e.message, e.hint
    for final, temp in staged.items():
        message = message.replace(str(temp), str(final))
    if not committed:
        message = message.removesuffix("; the previous file is unchanged")
        if not message.endswith(PUBLISHED_UNCHANGED):
            message += PUBLISHED_UNCHANGED
    return OutputError(message, hint=hint)


def _edited_by_hand(path: Path, last) -> bool:
    """True when a script file differs from what articlecast last wrote there: a person edited it."""
    try:
        current = file_sha256(path)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    recorded = last.files.get(path.name) if last else None
    return recorded is None or recorded[1] != current


def _up_to_date(last, fingerprint: str, paths: dict[str, Path], mp3_sha256: str) -> bool:
    """The episode was built from exactly this script and these settings, and its files are intact."""
    if last is None or last.fingerprint != fingerprint:
        return False
    for path in paths.values():
        recorded = last.files.get(path.name)
        try:
            if recorded is None or path.stat().st_size != recorded[0]:
                return False
        except OSError:
            return False
    try:
        return file_sha256(paths[".mp3"]) == mp3_sha256
    except OSError:
        return False


def _result(source: str, slug: str, script: Script, paths: dict[str, Path], duration_s: float, *,
            synthesized: int, cached: int) -> BuildResult:
    return BuildResult(source=source, slug=slug, title=script.title, mp3_path=paths[".mp3"],
                       script_path=paths[".script.json"], vtt_path=paths[".vtt"],
                       chapters_path=paths[".chapters.json"], duration_s=duration_s,
                       size_bytes=paths[".mp3"].stat().st_size,
                       voices={name: script.cast[name].voice for name in cast_order(script)
                               if script.cast[name].voice is not None},
                       synthesized=synthesized, cached=cached)


def _previous_mastering(recorded):
    from articlecast.audio.master import PreviousMastering

    try:
        return PreviousMastering(**{k: float(v) for k, v in recorded.items()}) if recorded else None
    except (TypeError, ValueError):  # figures from an older articlecast: master from scratch
        return None  # a state file from an older articlecast: master from scratch


def _same_file(source: str, path: Path) -> bool:
    try:
        return source != "-" and Path(source).resolve() == path.resolve()
    except OSError:
        return False


def _fingerprint(script: Script, config: Config, options: BuildOptions, engine_version: str, cover: bytes) -> str:
    """Everything that shapes the episode's files: equal fingerprints mean an identical episode."""
    digest = hashlib.sha256(script_to_json(script).encode("utf-8"))
    settings = [engine_version, config.build.bitrate_kbps, config.build.intro, config.show.title, config.show.author]
    digest.update(json.dumps(settings).encode("utf-8"))
    for extra in (options.jingle_in, options.jingle_out):
        digest.update(extra.read_bytes() if extra else b"-")
    digest.update(cover)
    return digest.hexdigest()


def _settle_base_url(options: BuildOptions, config: Config, report: Report) -> None:
    """A public --base-url given once is kept in articlecast.toml; a local one never replaces a public one."""
    import sys

    from articlecast.config import remember_base_url
    from articlecast.output.feed import guard_base_url

    # the warning of a forced change is said even with --quiet: every subscriber is affected
    guard_base_url(options.out_dir, config.show, force=options.force,
                   warn=lambda m: print(m, file=sys.stderr, flush=True))
    if options.base_url and remember_base_url(options.out_dir, options.base_url):
        report(f"remembered the base URL {config.show.base_url} in {Path(options.out_dir) / 'articlecast.toml'}")


def publish_folder(out_dir: Path, config: Config) -> None:
    """Rewrite feed.xml and index.html from the catalog (one commit: see output/publish.py)."""
    from articlecast.output.publish import publish

    publish(Path(out_dir), config.show)


def _parse_voices(values: dict[str, str]) -> dict[str, Voice]:
    try:
        return {name: Voice.parse(spec) for name, spec in values.items()}
    except ValueError as e:
        raise InputError(f"articlecast.toml [voices]: {e}") from None


def _description(script: Script, *, min_chars: int = 200, max_chars: int = 600) -> str:
    """The article's opening sentences, as podcast apps show them under the title.

    Whole narration segments only: a quote cut from its marks would read oddly there.
    """
    text = ""
    for segment in script.segments:
        if segment.kind == "quote":
            if text:
                break
            continue
        if segment.kind == "narration":
            text = f"{text} {segment.text}".strip()
            if len(text) >= min_chars:
                break
    if len(text) > max_chars:
        text = text[:max_chars].rsplit(" ", 1)[0] + " …"
    return text


def _cover_bytes(path: Path | None, title: str, show: str) -> bytes:
    from articlecast.output.cover import generate_cover, load_cover

    return load_cover(path) if path else generate_cover(title, show)


@contextlib.contextmanager
def open_folder(out_dir: Path, *, wait_s: float = 600.0, report: Report = _silent) -> Iterator[Catalog]:
    """The folder's catalog, made whole under the folder's lock: what a killed build committed is put in
    place, what it left uncommitted is swept, a lost catalog is restored from the published feed.

    With `wait_s` 0 and the folder busy (a build runs), the catalog is read as it is: its committed
    state is consistent on its own.
    """
    from articlecast.outdir import OutputDir

    out = OutputDir(Path(out_dir))
    with contextlib.ExitStack() as stack:
        try:
            stack.enter_context(out.locked(wait_s=wait_s, on_wait=report))
        except BusyError:
            if wait_s:
                raise
            yield open_catalog(out.root)  # read-only use while a build runs
            return
        store = open_catalog(out.root)
        store.finish_pending()  # what a killed build committed but did not put in place
        out.sweep_partial_files()  # what it had not committed
        store.clear_claims()
        restored = 0
        if store.is_empty():  # only then is feed.xml read (and lxml imported): `update` polls often
            from articlecast.output.publish import restore_catalog

            restored = restore_catalog(out.root)
        if restored:
            report(f"the catalog was empty: restored {restored} episodes from {out.root / 'feed.xml'}")
        yield store


# ── Many articles into one feed ──────────────────────────────────────────────────

@dataclass(frozen=True)
class BatchOutcome:
    built: tuple[BuildResult, ...]
    failed: tuple[tuple[str, ArticlecastError], ...]


def build_many(sources: Sequence[str | ArticleInput], options: BuildOptions, *, report: Report = _silent,
               progress: Progress | None = None, on_built: Callable[[BuildResult], None] | None = None,
               on_failed: Callable[[str, ArticlecastError], None] | None = None,
               stdin: BinaryIO | None = None, held: bool = False, render: Render | None = None) -> BatchOutcome:
    """Build every source under the folder's lock; one article's failure never stops the others.

    `held`: the caller already holds the folder (`open_folder`), as `articlecast update` does for its
    whole run. `render`: where the audio is made (a cluster); articles then run side by side in
    greater number, and each keeps the workers' own core count.
    """
    import concurrent.futures
    import os

    from articlecast.interrupts import INTERRUPT_POLL_S, deferred_interrupt

    config = effective_config(options)
    _settle_base_url(options, config, report)
    # the same article twice (also under two spellings) would race for one slug
    sources = list({canonical_source(str(s)): s for s in reversed(sources)}.values())[::-1]
    cores = os.cpu_count() or 1
    parallel = max(1, min(len(sources), CLUSTER_PARALLEL_ARTICLES if render else cores))
    if parallel > 1 and not render:  # articles run side by side: split the cores between them instead of oversubscribing
        workers = config.build.workers or cores
        config = replace(config, build=replace(config.build, workers=max(1, workers // parallel)))
    built: list[BuildResult] = []
    failed: list[tuple[str, ArticlecastError]] = []

    def one(source: str | ArticleInput) -> None:
        try:
            result = build_episode(source, options, config=config, report=report if parallel == 1 else _silent,
                                   progress=progress if parallel == 1 else None, stdin=stdin, render=render)
        except ArticlecastError as e:
            error = e
        except Exception as e:  # a bug met by one article: the others still build and publish
            if len(sources) == 1:
                raise
            error = InternalError(e)
        else:
            built.append(result)
            if on_built:
                on_built(result)
            return
        failed.append((str(source), error))
        if on_failed:
            on_failed(str(source), error)

    fresh = not held and not Path(options.out_dir).exists()
    with contextlib.ExitStack() as stack:
        if fresh:  # a first build that fails leaves no folder behind (only its own lock and catalog were in it)
            stack.callback(lambda: built or _remove_unused_folder(Path(options.out_dir)))
        if not held:
            stack.enter_context(open_folder(options.out_dir, wait_s=options.lock_wait_s, report=report))
        if parallel == 1:
            for source in sources:
                one(source)
        else:
            with deferred_interrupt() as interrupted, concurrent.futures.ThreadPoolExecutor(parallel) as pool:
                futures = [pool.submit(one, s) for s in sources]
                try:
                    pending = set(futures)
                    while pending:
                        done, pending = concurrent.futures.wait(pending, timeout=INTERRUPT_POLL_S)
                        if interrupted.is_set():
                            raise KeyboardInterrupt
                        for fut in done:
                            fut.result()  # only bugs get here: user errors were collected in `one`
                except BaseException:
                    for f in futures:
                        f.cancel()
                    raise
        if built and not any(r.published for r in built):
            # each article was published when it was built; with none built, settings may still have
            # changed the feed (a new base URL, a show title)
            publish_folder(options.out_dir, config)
    order = {str(s): i for i, s in enumerate(sources)}
    return BatchOutcome(built=tuple(sorted(built, key=lambda r: order[r.source])),
                        failed=tuple(sorted(failed, key=lambda f: order[f[0]])))


def _remove_unused_folder(out_dir: Path) -> None:
    """Remove a folder this build created when nothing but articlecast's private state came of it."""
    import shutil

    from articlecast.output.catalog import STATE_DIR

    try:
        entries = [p for p in out_dir.rglob("*") if not p.is_dir()]
        if all(p.relative_to(out_dir).parts[0] == STATE_DIR or p.name.endswith(".part") for p in entries):
            shutil.rmtree(out_dir)
    except OSError:
        pass  # leaving an empty folder behind is no reason to hide the error that stopped the build


def read_source_list(path: Path) -> list[str]:
    """A list file: one article (path or URL) per line; blank lines and # comments are skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as e:
        raise InputError(f"{path}: cannot read the list: {e.strerror or e}") from None
    except UnicodeDecodeError:
        raise InputError(f"{path}: the list is not UTF-8 text") from None
    base = Path(path).parent
    sources = []
    for line in lines:
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        is_url = line.startswith(("http://", "https://"))
        sources.append(line if is_url or Path(line).is_absolute() else str(base / line))
    if not sources:
        raise InputError(f"{path}: the list names no articles")
    return sources
