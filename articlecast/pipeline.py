"""The stages of articlecast in order, readable top to bottom.

    source ─ingest→ Article ─narrate→ Script ─cast→ Script with voices ─synthesize→ segment WAVs
           ─stitch→ audio + Timeline ─master→ -16 LUFS ─encode→ MP3 ─tag→ ID3 + chapters + cover
           ─publish→ catalog, feed.xml, index.html

Each stage lives in its own module; this file only decides the order, where files go and
what the user is told. Imports of heavy stages happen inside the functions that need them,
so `articlecast script` never pays for audio libraries.
"""
from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO

from articlecast.config import Config, load_config
from articlecast.errors import ArticlecastError, InputError, ScriptError
from articlecast.fsutil import atomic_write_text
from articlecast.script.model import NARRATOR, UNKNOWN, Script, Voice
from articlecast.script.scriptfile import cast_order, looks_like_script, read_script, script_hash, script_to_json
from articlecast.slug import slugify

_CASTING = threading.Lock()  # guards what the articles of one batch decide together: voices and slugs
_SLUG_CLAIMS: dict[Path, dict[str, str]] = {}  # output folder -> slug -> the source that claimed it
Report = Callable[[str], None]  # a one-line status message for the user (stderr)
Progress = Callable[[int, int], None]  # segments done, segments in all


def _silent(_: str) -> None:
    pass


# ── Stage 1 and 2: article → script ──────────────────────────────────────────────

def make_script_from(source: str, *, language: str | None = None, boilerplate: Sequence[str] = (),
                     stdin: BinaryIO | None = None, force: bool = False, min_words: int | None = None,
                     warn: Report = _silent) -> Script:
    """An article (file, URL, "-") becomes a fresh script; a script file (.json) is read and checked.

    `force` builds a page that does not look like an article; `warn` hears about pages shorter
    than `min_words` (teasers) and other doubts.
    """
    if source != "-" and looks_like_script(Path(source)):
        return read_script(Path(source))
    from articlecast.script.ingest import DEFAULT_MIN_WORDS, load_article
    from articlecast.script.narrate import make_script

    article = load_article(source, language=language, extra_boilerplate=boilerplate, stdin=stdin, force=force,
                           min_words=DEFAULT_MIN_WORDS if min_words is None else min_words)
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
    show = replace(config.show, base_url=options.base_url) if options.base_url else config.show
    return replace(config, build=build, show=show, lexicon={**config.lexicon, **options.lexicon},
                   boilerplate=config.boilerplate + options.boilerplate)


def build_episode(source: str, options: BuildOptions, *, config: Config | None = None, report: Report = _silent,
                  progress: Progress | None = None, stdin: BinaryIO | None = None) -> BuildResult:
    """Build one episode into options.out_dir; the caller holds the folder's lock."""
    from articlecast.audio.casting import assign_voices
    from articlecast.audio.engines import get_engine
    from articlecast.outdir import OutputDir
    from articlecast.output.catalog import NewEpisode, open_catalog

    config = config or effective_config(options)
    out = OutputDir(options.out_dir)

    script = make_script_from(source, language=options.language, boilerplate=config.boilerplate, stdin=stdin,
                              force=options.force, min_words=options.min_words, warn=report)
    script = replace(script, lexicon={**config.lexicon, **script.lexicon, **options.lexicon})
    engine = get_engine(config.build.engine)
    with _CASTING:  # articles of one batch that quote the same person must agree on their voice
        script = assign_voices(script, engine, overrides=options.voices, defaults=_parse_voices(config.voices),
                               remembered=out.remembered_voices())
        out.remember_voices({name: m.voice for name, m in script.cast.items()
                             if m.voice is not None and name not in (NARRATOR, UNKNOWN)})

    catalog = open_catalog(out.root)
    with _CASTING:  # articles built side by side must not both claim a free slug before either records it
        claims = _SLUG_CLAIMS.setdefault(out.root.resolve(), {})
        slug = catalog.unique_slug(script.source, slugify(script.title),
                                   also_taken={s for s, owner in claims.items() if owner != script.source})
        claims[slug] = script.source
    paths = {suffix: out.episode_file(slug, suffix) for suffix in (".mp3", ".script.json", ".vtt", ".chapters.json")}
    if not options.force and out.script_was_edited(paths[".script.json"]) and not _same_file(source, paths[".script.json"]):
        raise ScriptError(f"{paths['.script.json']} was edited by hand; build from it "
                          f"(articlecast build {paths['.script.json']}) or use --force to replace it")
    cover = _cover_bytes(options.cover or (Path(config.show.artwork) if config.show.artwork else None),
                         script.title, config.show.title)
    fingerprint = _fingerprint(script, config, options, engine.version, cover)
    files = list(paths.values())
    published = catalog.get(slug)
    if published is not None and not published.removed and out.is_up_to_date(slug, fingerprint, files):
        report("nothing changed since the last build")
        return _result(source, slug, script, paths, published.duration_s, synthesized=0, cached=len(script.segments))

    # Imported only now: an unchanged episode never pays for the audio libraries.
    from articlecast.audio.cache import default_cache_dir
    from articlecast.audio.encode import encode_mp3
    from articlecast.audio.master import master
    from articlecast.audio.stitch import stitch
    from articlecast.audio.synth import synthesize_script
    from articlecast.output.chapters import to_chapters_json
    from articlecast.output.tags import EpisodeTags, write_tags
    from articlecast.output.transcript import to_vtt

    report(f"synthesizing {len(script.segments)} segments with {config.build.engine} ...")
    synthesis = synthesize_script(script, engine_for=lambda name: engine if name == engine.name else get_engine(name),
                                  cache_dir=options.cache_dir or default_cache_dir(),
                                  workers=config.build.workers, on_progress=progress)
    report(f"mastering and encoding ({synthesis.synthesized} synthesized, {synthesis.cached} from the cache) ...")
    stitched = stitch(script, synthesis.rendered, intro=config.build.intro,
                      jingle_in=options.jingle_in, jingle_out=options.jingle_out)
    mastered = master(stitched, previous=_previous_mastering(out.previous_mastering(slug)))

    tags = EpisodeTags(title=script.title, author=script.author or config.show.author, show=config.show.title,
                       date=datetime.now(timezone.utc).date(), source_url=script.source, language=script.language,
                       description=_description(script))
    # Both steps replace the file atomically: the final name only ever holds a complete MP3.
    encoded = encode_mp3(mastered, paths[".mp3"], bitrate_kbps=config.build.bitrate_kbps,
                         cache_dir=options.cache_dir or default_cache_dir(), workers=config.build.workers)
    # chapters and transcript follow the sound as the MP3 plays it (parts start a few ms later)
    timeline = stitched.timeline.moved(encoded.plan.shifted_ms, round(encoded.plan.duration_ms))
    write_tags(paths[".mp3"], tags, timeline.chapters, cover)
    atomic_write_text(paths[".vtt"], to_vtt(timeline, language=script.language))
    atomic_write_text(paths[".chapters.json"], to_chapters_json(timeline))
    atomic_write_text(paths[".script.json"], script_to_json(script))
    out.record_written_script(paths[".script.json"])

    duration_s = timeline.duration_ms / 1000
    catalog.record(NewEpisode(slug=slug, title=script.title, author=tags.author, source=script.source,
                              description=tags.description, language=script.language, duration_s=duration_s,
                              script_hash=script_hash(script), mp3_path=paths[".mp3"]))
    out.record_build(slug, fingerprint, files, mastering={
        "unlimited_lufs": mastered.unlimited_lufs, "gain_db": mastered.gain_db,
        "loudness_lufs": mastered.loudness_lufs, "true_peak_dbtp": mastered.true_peak_dbtp})
    return _result(source, slug, script, paths, duration_s, synthesized=synthesis.synthesized, cached=synthesis.cached)


def _result(source: str, slug: str, script: Script, paths: dict[str, Path], duration_s: float, *,
            synthesized: int, cached: int) -> BuildResult:
    return BuildResult(source=source, slug=slug, title=script.title, mp3_path=paths[".mp3"],
                       script_path=paths[".script.json"], vtt_path=paths[".vtt"],
                       chapters_path=paths[".chapters.json"], duration_s=duration_s,
                       size_bytes=paths[".mp3"].stat().st_size,
                       voices={name: script.cast[name].voice for name in cast_order(script)
                               if script.cast[name].voice is not None},
                       synthesized=synthesized, cached=cached)


def _previous_mastering(recorded: dict | None):
    from articlecast.audio.master import PreviousMastering

    try:
        return PreviousMastering(**{k: float(v) for k, v in recorded.items()}) if recorded else None
    except (TypeError, ValueError):
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


def publish_folder(out_dir: Path, config: Config) -> None:
    """Rewrite feed.xml and index.html from the catalog."""
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


# ── Many articles into one feed ──────────────────────────────────────────────────

@dataclass(frozen=True)
class BatchOutcome:
    built: tuple[BuildResult, ...]
    failed: tuple[tuple[str, ArticlecastError], ...]


def build_many(sources: Sequence[str], options: BuildOptions, *, report: Report = _silent,
               progress: Progress | None = None, on_built: Callable[[BuildResult], None] | None = None,
               on_failed: Callable[[str, ArticlecastError], None] | None = None,
               stdin: BinaryIO | None = None) -> BatchOutcome:
    """Build every source under the folder's lock; one article's failure never stops the others."""
    import concurrent.futures
    import os

    from articlecast.interrupts import INTERRUPT_POLL_S, deferred_interrupt
    from articlecast.outdir import OutputDir

    config = effective_config(options)
    sources = list(dict.fromkeys(sources))  # the same article twice would race for one slug
    cores = os.cpu_count() or 1
    parallel = max(1, min(len(sources), cores))
    if parallel > 1:  # articles run side by side: split the cores between them instead of oversubscribing
        workers = config.build.workers or cores
        config = replace(config, build=replace(config.build, workers=max(1, workers // parallel)))
    built: list[BuildResult] = []
    failed: list[tuple[str, ArticlecastError]] = []

    def one(source: str) -> None:
        try:
            result = build_episode(source, options, config=config, report=report if parallel == 1 else _silent,
                                   progress=progress if parallel == 1 else None, stdin=stdin)
        except ArticlecastError as e:
            failed.append((source, e))
            if on_failed:
                on_failed(source, e)
            return
        built.append(result)
        if on_built:
            on_built(result)

    out = OutputDir(options.out_dir)
    with out.locked(wait_s=options.lock_wait_s, on_wait=report):
        out.sweep_partial_files()
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
        if built:  # a run where everything failed leaves the published feed exactly as it was
            publish_folder(options.out_dir, config)
    order = {s: i for i, s in enumerate(sources)}
    return BatchOutcome(built=tuple(sorted(built, key=lambda r: order[r.source])),
                        failed=tuple(sorted(failed, key=lambda f: order[f[0]])))


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
