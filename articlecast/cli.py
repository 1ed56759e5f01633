"""The command line: thin click commands over articlecast.pipeline.

Every error a user can cause is an ArticlecastError; `Cli.invoke` is the one place that
turns it into a one-line message and an exit code (see articlecast/errors.py). click's usage
errors (unknown option, missing argument) get the same one-line form there and in `Cli.make_context`.
"""
from __future__ import annotations

import errno
import math
import os
import re
import stat
import sys
import traceback
from pathlib import Path

import click

from articlecast import __version__, languages
from articlecast.errors import MAX_FAILED_EXIT, ArticlecastError, ExitStatus, InputError, ScriptError
from articlecast.fsutil import read_bounded
from articlecast.script.model import Voice
from articlecast.terminal import counted, printable

CONTEXT = {"help_option_names": ["-h", "--help"], "max_content_width": 100}


def _one_line(e: click.ClickException) -> int:
    """Say a usage mistake on one line, like every other error, and return its exit code.

    click's own display is four lines (usage, hint, blank, "Error: ...") in another voice than the
    rest of articlecast; scripts that read stderr, and people, should meet one format for every error.
    """
    hint, message = "", e.format_message()
    if isinstance(e, click.UsageError) and e.ctx is not None:
        # named as users type it, whatever name the program was started under (python -m, a test runner)
        command = " ".join(["articlecast", *e.ctx.command_path.split()[1:]])
        hint = f" (see '{command} -h')"
        if isinstance(e, click.NoSuchOption) and e.option_name == "--debug" and e.ctx.parent is not None:
            message, hint = f"--debug goes before the command: articlecast --debug {' '.join(command.split()[1:])} ...", ""
    click.echo(f"articlecast: error: {printable(message)}{hint}", err=True)
    return e.exit_code


def _shows_help(e: click.ClickException) -> bool:
    """click >= 8.2 raises a usage error for a bare group that prints its help: that help must still show."""
    return type(e).__name__ == "NoArgsIsHelpError"


class Cli(click.Group):
    def make_context(self, info_name, args, parent=None, **extra) -> click.Context:
        # the top-level options (`articlecast --bogus`) are parsed here, outside `invoke`
        try:
            return super().make_context(info_name, args, parent=parent, **extra)
        except click.ClickException as e:
            if _shows_help(e):
                raise
            raise click.exceptions.Exit(_one_line(e)) from None

    def invoke(self, ctx: click.Context):
        debug = bool(ctx.params.get("debug")) or bool(os.environ.get("ARTICLECAST_DEBUG"))
        try:
            return super().invoke(ctx)
        except ArticlecastError as e:
            if debug:
                traceback.print_exc()
            click.echo(f"articlecast: error: {printable(e)}", err=True)
            ctx.exit(e.exit_code)
        except KeyboardInterrupt:
            click.echo("articlecast: interrupted; finished segments are cached and the next run continues", err=True)
            ctx.exit(ExitStatus.INTERRUPTED)
        except click.ClickException as e:  # a command's own options and arguments, parsed inside invoke
            if _shows_help(e):
                raise
            ctx.exit(_one_line(e))
        except (click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader went away (`articlecast voices | head`): nothing more to say
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(ExitStatus.SUCCESS)
        except Exception as e:  # a bug: say so on one line unless asked for the details
            if debug:
                traceback.print_exc()
            if isinstance(e, OSError) and e.errno in (errno.ENOSPC, errno.EDQUOT):
                # a full disk met where no one expected it is still the user's to fix (exit 7), not a bug
                where = f" while writing {printable(e.filename)}" if e.filename else ""
                click.echo(f"articlecast: error: disk full{where}; free some space and run again", err=True)
                ctx.exit(ExitStatus.OUTPUT)
            if not debug:
                click.echo(f"articlecast: internal error: {type(e).__name__}: {printable(e)} "
                           "(run with --debug for the traceback)", err=True)
            ctx.exit(ExitStatus.INTERNAL)


@click.group(cls=Cli, context_settings=CONTEXT)
@click.version_option(__version__, prog_name="articlecast")
@click.option("--debug", is_flag=True, help="Show the full traceback of an error.")
def cli(debug: bool) -> None:
    """Turn a written article into a podcast episode.

    \b
    Quick start:
      articlecast build article.txt          # -> output/episodes/<slug>.mp3, feed, page
      articlecast script article.txt -o s.json  # edit s.json, then:
      articlecast build s.json
      articlecast serve output               # subscribe to http://localhost:8000/feed.xml
    """


def _voice_pairs(values: tuple[str, ...]) -> dict[str, Voice]:
    voices = {}
    for value in values:
        name, sep, spec = value.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{value!r}: use NAME=ENGINE:VOICE, e.g. narrator=espeak:de+m3", param_hint="--voice")
        try:
            voices[name.strip()] = Voice.parse(spec.strip())
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="--voice") from None
    return voices


def _word_pairs(values: tuple[str, ...]) -> dict[str, str]:
    pairs = {}
    for value in values:
        word, sep, spoken = value.partition("=")
        if not sep or not word.strip() or not spoken.strip():
            raise click.BadParameter(f"{value!r}: use WORD=SPOKEN, e.g. NATO=Nato", param_hint="--say")
        pairs[word.strip()] = spoken.strip()
    return pairs


MAX_LEXICON_BYTES = 1024 * 1024
MAX_MEDIA_BYTES = 200 * 1024 * 1024  # a jingle or cover image; far more than either needs


def _setting(name: str):
    """A click callback running config's own check of a setting, so a flag and the toml agree."""
    def check(ctx: click.Context, param: click.Parameter, value):
        from articlecast.config import check_setting

        if value is None:
            return None
        try:
            return check_setting(name, value)
        except InputError as e:
            raise click.BadParameter(e.message) from None
    return check


def _regular_file(max_bytes: int):
    """A click callback: the option names a regular file of sane size (never a FIFO, device or folder)."""
    def check(ctx: click.Context, param: click.Parameter, value: Path | None):
        if value is None:
            return None
        try:
            info = os.stat(value)
        except OSError as e:
            raise click.BadParameter(f"{printable(value)}: {e.strerror or e}") from None
        if not stat.S_ISREG(info.st_mode):
            raise click.BadParameter(f"{printable(value)} is not a regular file")
        if info.st_size > max_bytes:
            raise click.BadParameter(f"{printable(value)} is larger than {max_bytes // (1024 * 1024)} MB")
        return value
    return check


def _seconds(ctx: click.Context, param: click.Parameter, value: float) -> float:
    if not math.isfinite(value) or value < 0:
        raise click.BadParameter(f"{value} is not a number of seconds >= 0")
    return value




min_words_option = click.option(
    "--min-words", type=click.IntRange(0), metavar="N",
    help="Warn when a web page has fewer words than N, likely a teaser or paywall (default 150).")
language_option = click.option("--language", "-l", type=click.Choice(languages.codes()), help="The article's language (default: detected).")


@cli.command()
@click.argument("article")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="Write the script here (default: stdout).")
@language_option
@click.option("--drop", "drops", multiple=True, metavar="REGEX",
              help="Also drop page lines matching REGEX as boilerplate (repeatable).")
@click.option("--force", is_flag=True,
              help="Overwrite an existing script file without asking; read a page even if it looks like no article.")
@min_words_option
def script(article: str, output: Path | None, language: str | None, drops: tuple[str, ...], force: bool,
           min_words: int | None) -> None:
    """Write the narration script of ARTICLE (a file, a URL, or - for stdin).

    The script is JSON you can edit (speakers, voices, text, pronunciations) and build from
    with `articlecast build SCRIPT.json`; its format is described in docs/script-format.md.
    """
    from articlecast.pipeline import make_script_from
    from articlecast.script.scriptfile import script_to_json, write_script

    result = make_script_from(article, language=language, boilerplate=drops, stdin=sys.stdin.buffer, force=force,
                              min_words=min_words, warn=lambda message: click.echo(message, err=True))
    if output is None:
        click.echo(script_to_json(result), nl=False)
        return
    if output.exists() and not force:
        _confirm_overwrite(output)
    write_script(result, output)
    quotes = sum(1 for s in result.segments if s.kind == "quote")
    click.echo(printable(f"wrote {output}: {counted(len(result.segments), 'segment')}, {counted(quotes, 'quote')}, "
                         f"{counted(len(result.speakers()), 'speaker')}"), err=True)


def stdin_is_terminal() -> bool:
    """Whether a person can answer questions (never in pipes, scripts and CI)."""
    return sys.stdin.isatty()


def _confirm_overwrite(path: Path) -> None:
    """A script may hold a user's edits: never replace it silently."""
    if stdin_is_terminal():
        if click.confirm(f"{path} exists and may hold your edits. Overwrite it?", default=False, err=True):
            return
        raise ScriptError(f"{path} left unchanged")
    raise ScriptError(f"{path} exists and may hold your edits; use --force to overwrite it")


@cli.command()
@click.argument("articles", nargs=-1)
@click.option("--out", "-O", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="The podcast folder: episodes, feed.xml, index.html.")
@click.option("--from-list", type=click.Path(dir_okay=False, path_type=Path), callback=_regular_file(MAX_LEXICON_BYTES),
              help="A text file naming one article per line: a URL or a path (relative to the list's folder); "
                   "lines starting with # are skipped.")
@click.option("--engine", "-e", help="Speech engine: espeak (offline, default), gtts (Google, online), piper.")
@language_option
@click.option("--voice", "voices", multiple=True, metavar="NAME=ENGINE:VOICE",
              help="Voice for a speaker or the narrator, e.g. narrator=espeak:de+m3 (repeatable).")
@click.option("--say", "says", multiple=True, metavar="WORD=SPOKEN", help="Pronounce WORD as SPOKEN (repeatable).")
@click.option("--drop", "drops", multiple=True, metavar="REGEX",
              help="Also drop page lines matching REGEX as boilerplate (repeatable).")
@click.option("--lexicon", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              callback=_regular_file(MAX_LEXICON_BYTES), help="A pronunciation file: one WORD=SPOKEN per line.")
@click.option("--bitrate", "bitrate_kbps", type=int, callback=_setting("bitrate_kbps"),
              help="MP3 bitrate in kbps: 32, 40, 48, 56, 64 (default), 80, 96, 112, 128, 160, 192, 224, 256, 320.")
@click.option("--intro/--no-intro", default=None, help="Read title and author at the start (default: on).")
@click.option("--jingle-in", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              callback=_regular_file(MAX_MEDIA_BYTES), help="Audio file played first.")
@click.option("--jingle-out", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              callback=_regular_file(MAX_MEDIA_BYTES), help="Audio file played last.")
@click.option("--cover", type=click.Path(exists=True, dir_okay=False, path_type=Path), callback=_regular_file(MAX_MEDIA_BYTES),
              help="Episode cover image (square JPEG/PNG, 1400-3000 px); generated from the title when absent.")
@click.option("--base-url", callback=_setting("base_url"),
              help="Public http(s) URL of the podcast folder, used in the feed; remembered in articlecast.toml "
                   "(default http://localhost:8000/, for trying things out).")
@click.option("--workers", type=int, callback=_setting("workers"), metavar="N",
              help="Parallel synthesis workers, 1-64; 0 (the default) one per core, as in articlecast.toml.")
@click.option("--cluster", metavar="tcp://HOST:PORT",
              help="Render the audio on this Dask scheduler's workers (pip install 'articlecast[cluster]').")
@click.option("--force", is_flag=True, help="Overwrite episode scripts you edited by hand; replace a public base URL "
                                            "by a local one; build pages that look like no article.")
@min_words_option
@click.option("--wait", "wait_s", type=float, default=600, show_default=True, callback=_seconds,
              help="Seconds to wait while another build uses the folder.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
def build(articles: tuple[str, ...], out_dir: Path, from_list: Path | None, engine: str | None, language: str | None,
          voices: tuple[str, ...], says: tuple[str, ...], drops: tuple[str, ...], lexicon: Path | None,
          bitrate_kbps: int | None,
          intro: bool | None, jingle_in: Path | None, jingle_out: Path | None, cover: Path | None,
          base_url: str | None, workers: int | None, cluster: str | None, force: bool, min_words: int | None,
          wait_s: float,
          quiet: bool) -> None:
    """Build podcast episodes from ARTICLES (files, URLs, - for stdin) or edited script files (.json).

    Writes OUT/episodes/<slug>.mp3 with its script, transcript (.vtt) and chapters, and updates
    OUT/feed.xml and OUT/index.html. Building again only synthesizes what changed.
    """
    from articlecast import pipeline
    from articlecast.cluster import renderer_for
    from articlecast.console import batch_line, build_summary, progress_bar

    sources = list(articles) + (pipeline.read_source_list(from_list) if from_list else [])
    if not sources:
        raise click.UsageError("name at least one article (or --from-list FILE)")
    for jingle in (jingle_in, jingle_out):
        if jingle:
            from articlecast.audio.stitch import check_jingle

            check_jingle(jingle)  # before any synthesis, and naming the user's file, not a temporary copy
    options = pipeline.BuildOptions(
        out_dir=out_dir, engine=engine, language=language, voices=_voice_pairs(voices),
        lexicon={**(_read_lexicon(lexicon) if lexicon else {}), **_word_pairs(says)}, boilerplate=drops,
        bitrate_kbps=bitrate_kbps,
        intro=intro, jingle_in=jingle_in, jingle_out=jingle_out, cover=cover, base_url=base_url, workers=workers,
        force=force, min_words=min_words, lock_wait_s=wait_s, cluster=cluster)
    report = (lambda msg: None) if quiet else (lambda msg: click.echo(printable(msg), err=True))
    single = len(sources) == 1
    with renderer_for(options) as render, progress_bar(enabled=single and not quiet and not render) as progress:
        outcome = pipeline.build_many(
            sources, options, report=report, progress=progress, stdin=sys.stdin.buffer, render=render,
            on_built=None if single or quiet else (lambda r: click.echo(batch_line(r), err=True)),
            on_failed=None if single else (lambda s, e: click.echo(f"articlecast: error: {printable(_naming(s, e))}", err=True)))
    if single and outcome.failed:
        raise outcome.failed[0][1]
    if not quiet:
        click.echo(build_summary(outcome, out_dir))
        _warn_about_show(out_dir)
    if outcome.failed:
        sys.exit(min(len(outcome.failed), MAX_FAILED_EXIT))


def _warn_about_show(out_dir: Path) -> None:
    """Placeholders in the show's settings, said after every build until they are filled in."""
    from articlecast.config import load_config
    from articlecast.output.check import show_warnings

    for problem in show_warnings(load_config(out_dir).show):
        click.echo(printable(f"articlecast: note: {problem}"), err=True)


@cli.command()
@click.argument("source", required=False)
@click.option("--out", "-O", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="The podcast folder whose articlecast.toml stores the sources.")
@click.option("--remove", is_flag=True, help="Stop following SOURCE (its episodes stay).")
def follow(source: str | None, out_dir: Path, remove: bool) -> None:
    """Follow a publication: SOURCE is an RSS/Atom feed URL or an OPML file of feeds.

    `articlecast update` then builds every new article of the followed feeds. Without SOURCE,
    list what the folder follows.
    """
    from articlecast.config import load_config

    if source is None and remove:
        raise click.UsageError("--remove needs the SOURCE to stop following; `articlecast follow --out DIR` lists them")
    if source is None:
        sources = load_config(out_dir).follow.sources
        click.echo("\n".join(map(printable, sources)) if sources
                   else printable(f"{out_dir} follows no feeds; add one with `articlecast follow URL`"))
        return
    from articlecast.update import add_sources, remove_source

    if remove:
        remove_source(out_dir, source)
        click.echo(printable(f"{out_dir} no longer follows {source}"))
        return
    added = add_sources(out_dir, source)
    for url in added:
        click.echo(printable(f"following {url}"))
    if not added:
        click.echo(printable(f"{out_dir} already follows {source}"))


@cli.command()
@click.option("--out", "-O", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"),
              show_default=True, help="The podcast folder.")
@click.option("--keep", type=click.IntRange(1), help="Keep only the newest N followed episodes in the feed.")
@click.option("--engine", "-e", help="Speech engine (default: the folder's, else espeak).")
@click.option("--wait", "wait_s", type=click.FloatRange(0, 86400), default=600, show_default=True,
              help="Seconds to wait while another build uses the folder.")
@click.option("--cluster", metavar="tcp://HOST:PORT", help="Render the audio on this Dask scheduler's workers.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors (for cron).")
def update(out_dir: Path, keep: int | None, engine: str | None, wait_s: float, cluster: str | None, quiet: bool) -> None:
    """Fetch every followed feed and build its new articles (safe to run from cron).

    Exits 0 when every feed was read and every new article built; otherwise with the number of
    feeds and articles that failed (at most 100), after building all the others.
    """
    from articlecast import pipeline
    from articlecast.console import batch_line
    from articlecast.update import update_sources

    options = pipeline.BuildOptions(out_dir=out_dir, engine=engine, lock_wait_s=wait_s, cluster=cluster)
    report = (lambda msg: None) if quiet else (lambda msg: click.echo(printable(msg), err=True))
    outcome = update_sources(options, keep=keep, report=report,
                             on_built=None if quiet else (lambda r: click.echo(batch_line(r), err=True)),
                             on_failed=lambda s, e: click.echo(f"articlecast: error: {printable(_naming(s, e))}", err=True))
    if not quiet:
        # "0 unchanged" alone after a 304 would read as if the feed had been read and found empty
        quiet_feeds = f"; {counted(outcome.not_modified, 'feed')} not modified since the last update" \
            if outcome.not_modified else ""
        click.echo(f"{len(outcome.built)} built, {outcome.unchanged} unchanged, {len(outcome.removed)} removed, "
                   f"{len(outcome.failed)} failed{quiet_feeds}")
    if outcome.failed:
        sys.exit(min(len(outcome.failed), MAX_FAILED_EXIT))


def _naming(source: str, error: ArticlecastError) -> str:
    """In a batch, every failure must say which article it was about."""
    return str(error) if source in str(error) else f"{source}: {error}"


def _read_lexicon(path: Path) -> dict[str, str]:
    """A pronunciation file: one WORD=SPOKEN per line; blank lines and # comments are skipped."""
    try:
        lines = read_bounded(path, MAX_LEXICON_BYTES, what="lexicon").decode("utf-8-sig").splitlines()
    except UnicodeDecodeError:
        raise InputError(f"{path}: cannot read the lexicon: it is not UTF-8 text") from None
    entries = {}
    for number, line in enumerate(lines, 1):
        word, sep, spoken = line.partition("=")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not sep or not word.strip() or not spoken.strip():
            raise InputError(f"{path}, line {number}: use WORD=SPOKEN, e.g. NATO=Nato")
        entries[word.strip()] = spoken.strip()
    return entries


@cli.group(invoke_without_command=True)
@click.option("--engine", "-e", default="espeak", show_default=True, help="Speech engine.")
@click.option("--language", "-l", type=click.Choice(languages.codes()), help="Only this language's voices (default: all).")
@click.option("--available", is_flag=True, help="piper: list the public voice catalogue (needs the network) instead.")
@click.pass_context
def voices(ctx: click.Context, engine: str, language: str | None, available: bool) -> None:
    """List the voices an engine offers (for --voice and the script's cast), with pitch and gender as heard.

    `articlecast voices install NAME` installs a Piper voice from the catalogue.
    """
    if ctx.invoked_subcommand is not None:
        return
    from articlecast.audio.engines import get_engine

    if available:
        if engine != "piper":
            raise click.UsageError("--available lists the Piper catalogue; use it with --engine piper")
        from articlecast.audio.engines.piper_catalog import available as catalogue

        for v in catalogue(language):
            click.echo(f"{v.key:40} {v.language:6} {v.quality:7} {v.speakers:4d} speaker{'s' if v.speakers > 1 else ' '} "
                       f"{v.size_bytes / 1e6:6.1f} MB")
        return
    from articlecast.audio.casting import voices_for_listing
    from articlecast.audio.profiles import ProfileBook

    eng = get_engine(engine)
    book = ProfileBook(eng)
    listed = [language] if language else languages.codes()
    if any(book.peek(info.voice, lang) is None for lang in listed for info in eng.voices(lang)):  # none shipped
        click.echo("measuring each voice once (pitch, timbre); later listings and builds read the cache", err=True)
    for lang in listed:
        for info, profile in voices_for_listing(eng, lang, book):
            gender = info.gender or (profile.sounds if profile else None) or "-"
            pitch = f"{profile.f0_hz:4.0f} Hz" if profile else "   ? Hz"
            click.echo(f"{str(info.voice):28} {lang}  {gender:7} {pitch}  {info.description}".rstrip())


@voices.command("install")
@click.argument("name")
def voices_install(name: str) -> None:
    """Download a Piper voice (see `voices --engine piper --available`), verify it, install it for --engine piper."""
    from articlecast.audio.engines.piper_catalog import install
    from articlecast.console import download_bar

    with download_bar(label=name) as progress:
        folder = install(name, progress=progress)
    click.echo(f"installed {name} in {folder}")


@cli.command()
@click.argument("text")
@click.option("--voice", "voice_spec", help="ENGINE:VOICE, see `articlecast voices` (default: espeak's narrator voice "
                                           "of the default language).")
@click.option("--language", "-l", type=click.Choice(languages.codes()),
              help="The text's language, for numbers and abbreviations (default: the voice's).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=Path("preview.mp3"),
              show_default=True, help="Where to write the sample (MP3).")
def preview(text: str, voice_spec: str | None, language: str | None, output: Path) -> None:
    """Render TEXT with one voice into a short MP3 sample."""
    from articlecast.audio.preview import render_preview

    # chosen here, not when the module loads: other commands never load the languages' tables
    voice_spec = voice_spec or f"espeak:{languages.get(None).voices.espeak[0][0]}"
    try:
        voice = Voice.parse(voice_spec)
    except ValueError as e:
        raise click.BadParameter(str(e), param_hint="--voice") from None
    duration_s = render_preview(text, voice, language or languages.get(re.split(r"[+:]", voice.name)[0]).code, output)
    click.echo(f"wrote {output} ({duration_s:.1f} s, {voice})")


@cli.command()
@click.argument("out_dir", default="output", type=click.Path(file_okay=False, path_type=Path))
@click.option("--title", help="The show's title.")
@click.option("--description", help="What the show is about.")
@click.option("--author", help="The show's author (publisher or person).")
@click.option("--owner-name", help="The owner's name (podcast directories contact them).")
@click.option("--owner-email", help="The owner's e-mail address (directories use it to confirm the feed is yours).")
@click.option("--locked/--unlocked", default=None,
              help="podcast:locked: directories may not import the feed elsewhere without the owner e-mail.")
@click.option("--language", type=click.Choice(languages.codes()), help="The show's language.")
@click.option("--category", help="Apple Podcasts category, with a subcategory after '>': News, Technology, "
                                 "\"News > Tech News\", \"Society & Culture > Documentary\" ...")
@click.option("--explicit/--clean", default=None, help="Whether episodes carry explicit content.")
@click.option("--artwork", type=click.Path(exists=True, dir_okay=False), callback=_regular_file(MAX_MEDIA_BYTES),
              help="Show cover (square JPEG/PNG, 1400-3000 px).")
@click.option("--base-url", help="The public http(s) URL where the folder will be served.")
@click.option("--yes", "-y", is_flag=True, help="Do not prompt; use flags and defaults.")
def init(out_dir: Path, yes: bool, **values) -> None:
    """Create or update the show's settings, OUT_DIR/articlecast.toml."""
    from dataclasses import fields, replace

    from articlecast.config import Show, check_setting, load_config, save_config, validate_show

    config = load_config(out_dir)
    show = config.show
    interactive = not yes and stdin_is_terminal()
    changes = {}
    for f in fields(Show):
        value = values.get(f.name)
        if value is not None or not interactive:
            if value is not None:
                changes[f.name] = check_setting(f.name, value)
            continue
        while True:  # a mistyped answer is asked again at once, not refused after all the others were typed
            value = click.prompt(f.name.replace("_", " ").capitalize(), default=getattr(show, f.name),
                                 type=bool if f.type == "bool" else str)
            try:
                changes[f.name] = _checked_answer(out_dir, changes, f.name, value)
                break
            except InputError as e:
                click.echo(printable(f"  {e}"), err=True)

    show = validate_show(replace(show, **changes), "articlecast init")
    path = save_config(out_dir, replace(config, show=show))
    click.echo(printable(f"wrote {path}"))
    if (out_dir / "feed.xml").is_file():
        # a folder already published: its feed, page and cover show the new title (or author, base URL ...)
        # now, not at some later build, so `serve`, `check` and `publish` agree with the settings just made
        from articlecast.output.publish import ensure_cover, stage_publication
        from articlecast.pipeline import open_folder

        with open_folder(out_dir) as catalog:
            ensure_cover(out_dir, show)
            catalog.republish(stage_publication(out_dir, show))
        click.echo(printable(f"updated {out_dir / 'feed.xml'} and {out_dir / 'index.html'}"))


def _checked_answer(out_dir: Path, answered: dict, name: str, value):
    """One answer of `init`'s questions, checked as the whole show will be (e-mail, category, base URL).

    The questions not asked yet count with their defaults, which pass: a fault is always this answer's.
    """
    from dataclasses import replace

    from articlecast.config import Show, check_setting, validate_show

    value = check_setting(name, value)
    if name == "artwork" and value:
        from articlecast.output.publish import artwork_path

        artwork_path(out_dir, value)
    checked = validate_show(replace(Show(), **{**answered, name: value}), "articlecast init")
    return getattr(checked, name)


@cli.command()
@click.option("--out", "-O", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), show_default=True,
              help="The podcast folder.")
@click.option("--all", "include_removed", is_flag=True, help="Include removed episodes.")
def episodes(out_dir: Path, include_removed: bool) -> None:
    """List the episodes of the podcast folder, newest first."""
    from articlecast.pipeline import open_folder

    if not out_dir.is_dir():  # a mistyped --out lists nothing and creates nothing
        click.echo(printable(f"no episodes in {out_dir} (no such folder)"))
        return
    if not _holds_a_podcast(out_dir):  # nor does a folder that is no podcast get a catalog
        click.echo(printable(f"no episodes in {out_dir}"))
        return
    with open_folder(out_dir, wait_s=0) as catalog:
        rows = catalog.episodes(include_removed=include_removed)
    if not rows:
        click.echo(printable(f"no episodes in {out_dir}"))
    for ep in rows:
        mins, secs = divmod(round(ep.duration_s), 60)
        flag = "  (removed)" if ep.removed else ""
        if not ep.removed and not (out_dir / "episodes" / f"{ep.slug}.mp3").is_file():
            flag = "  (MP3 missing: not in the feed; build it again)"
        # a title is the article's text: escaped for the terminal
        click.echo(printable(f"{ep.pub_date:%Y-%m-%d}  {mins:3d}:{secs:02d}  {ep.slug}  {ep.title}{flag}"))


@cli.command()
@click.argument("slug")
@click.option("--out", "-O", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("output"), show_default=True,
              help="The podcast folder.")
def remove(slug: str, out_dir: Path) -> None:
    """Take the episode SLUG out of the feed (its files stay)."""
    from articlecast.output.publish import ensure_cover, stage_publication
    from articlecast.pipeline import effective_config, open_folder

    if not out_dir.is_dir():  # a mistyped --out must not become a new folder with a cover in it
        raise InputError(f"no published episode {slug!r} in {out_dir} (no such folder)")
    if not _holds_a_podcast(out_dir):  # nor may a folder that is no podcast get a catalog and a cover
        raise InputError(f"no published episode {slug!r} in {out_dir} (no podcast there)")
    show = effective_config(pipeline_options(out_dir)).show
    with open_folder(out_dir) as catalog:
        known = catalog.get(slug)
        if known is None or known.removed:
            catalog.remove(slug)  # raises the error that names the published slugs, before a cover is drawn
        ensure_cover(out_dir, show)
        catalog.remove(slug, stage=stage_publication(out_dir, show))
    click.echo(printable(f"removed {slug} from {out_dir / 'feed.xml'}"))


def _holds_a_podcast(out_dir: Path) -> bool:
    """A feed or a catalog (also one lost with the feed still there, which open_folder restores)."""
    from articlecast.output.catalog import CATALOG_NAME, catalog_path

    return any(p.is_file() for p in (out_dir / "feed.xml", catalog_path(out_dir), out_dir / CATALOG_NAME))


def folder_argument(command):
    """DIRECTORY (default: output) of serve, check and publish; a hidden --out/-O names it too, because
    every other command takes the folder that way and people type what worked before."""
    command = click.option("--out", "-O", "out_alias", hidden=True, type=click.Path(file_okay=False, path_type=Path))(command)
    return click.argument("directory", required=False, type=click.Path(file_okay=False, path_type=Path))(command)


def _folder(directory: Path | None, out_alias: Path | None) -> Path:
    """The folder `folder_argument` names: DIRECTORY or --out (not two different ones), else output."""
    if directory is not None and out_alias is not None and directory != out_alias:
        raise click.UsageError(f"two folders given, {printable(directory)} and --out {printable(out_alias)}; name one")
    folder = directory or out_alias or Path("output")
    if not folder.is_dir():
        raise click.BadParameter(f"{printable(folder)} is not a folder" if folder.exists() else
                                 f"no such folder {printable(folder)}", param_hint="DIRECTORY")
    return folder


def pipeline_options(out_dir: Path):
    from articlecast.pipeline import BuildOptions

    return BuildOptions(out_dir=out_dir)


@cli.command()
@folder_argument
@click.option("--port", "-p", default=8000, show_default=True, type=click.IntRange(0, 65535),
              help="Port to listen on; 0 takes a free one.")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to bind; 0.0.0.0 serves the network.")
def serve(directory: Path | None, out_alias: Path | None, port: int, host: str) -> None:
    """Serve the podcast folder DIRECTORY (default: output) over HTTP for podcast apps and browsers."""
    directory = _folder(directory, out_alias)
    from articlecast.output.server import serve as run_server

    note = _feed_port_note(directory, port)
    if note:
        click.echo(printable(f"articlecast: note: {note}"), err=True)
    run_server(directory, host=host, port=port)


def _feed_port_note(directory: Path, port: int) -> str | None:
    """The feed's URLs name the address it was built for: a local one on another port plays nothing from here.

    Without --base-url a feed points at http://localhost:8000/, so `serve --port 8765` would hand apps
    a feed whose episodes they cannot fetch; said once at the start, the server still runs.
    """
    from urllib.parse import urlsplit

    from lxml import etree

    from articlecast.config import is_local_url

    try:
        data = read_bounded(directory / "feed.xml", 64 * 1024 * 1024, what="feed")
        link = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True)).findtext("channel/link")
        link_port = urlsplit(link or "").port or 80
    except (ArticlecastError, etree.XMLSyntaxError, ValueError):
        return None  # no feed yet (or a broken one: `articlecast check` says so)
    if not link or not is_local_url(link) or port in (0, link_port):
        return None
    return (f"the feed's URLs point at {link}: apps play its episodes from this server only with --port {link_port} "
            f"(or build with --base-url http://localhost:{port}/)")


@cli.command()
@folder_argument
@click.option("--to", "target", metavar="URL",
              help="s3://bucket/prefix, sftp://user@host/path or file:///path (default: the last target, "
                   "kept in articlecast.toml).")
@click.option("--endpoint-url", metavar="URL", help="An S3-compatible store's endpoint (R2, B2, MinIO ...); AWS needs none.")
@click.option("--dry-run", "-n", is_flag=True, help="Say what would be uploaded and deleted; change nothing.")
@click.option("--force", is_flag=True, help="Publish a feed with local URLs over one with public URLs.")
@click.option("--wait", "wait_s", type=click.FloatRange(0), default=600, show_default=True,
              help="Seconds to wait while a build uses the folder.")
def publish(directory: Path | None, out_alias: Path | None, target: str | None, endpoint_url: str | None,
            dry_run: bool, force: bool, wait_s: float) -> None:
    """Upload the podcast in DIRECTORY (default: output; feed, page, episodes) to its web hosting.

    Only files that changed are sent, media before the feed; files no longer in the feed are deleted
    there afterwards. Settings, catalog and scripts stay private. Credentials come from the usual
    places (AWS environment variables or ~/.aws, ~/.ssh keys and agent), never from articlecast.toml.
    """
    from dataclasses import replace

    from articlecast.config import PublishSettings, load_config, save_config
    from articlecast.outdir import OutputDir
    from articlecast.output.upload import check_target_base_url, open_remote, plan_upload, upload

    directory = _folder(directory, out_alias)

    config = load_config(directory)
    target = target or config.publish.to
    if not target:
        raise InputError("say where to publish: --to s3://bucket/prefix, sftp://user@host/path or file:///path")
    if endpoint_url is None:
        endpoint_url = config.publish.endpoint_url if target == config.publish.to else ""
    report = lambda message: click.echo(printable(message), err=True)  # noqa: E731
    with OutputDir(directory).locked(wait_s=wait_s, on_wait=report):
        remote = open_remote(target, endpoint_url=endpoint_url)
        try:
            plan = plan_upload(directory, remote)
            check_target_base_url(plan, remote, force=force, warn=report)
            outcome = upload(plan, remote, report=report, dry_run=dry_run)
        finally:
            remote.close()
    if dry_run:
        click.echo(f"dry run: {outcome.uploaded} to upload, {outcome.deleted} to delete, "
                   f"{outcome.unchanged} unchanged at {target}")
        return
    settings = PublishSettings(to=target, endpoint_url=endpoint_url)
    if settings != config.publish:
        save_config(directory, replace(config, publish=settings))
    click.echo(f"published to {target}: {outcome.uploaded} uploaded ({outcome.bytes_sent / 1e6:.1f} MB), "
               f"{outcome.deleted} deleted, {outcome.unchanged} unchanged")


@cli.command()
@folder_argument
def check(directory: Path | None, out_alias: Path | None) -> None:
    """Name every problem of the podcast in DIRECTORY (default: output) that directories or apps would
    stumble on, one per line.

    Exits 9 when it finds any (0 when none).
    """
    directory = _folder(directory, out_alias)
    from articlecast.config import load_config
    from articlecast.errors import CheckFailed
    from articlecast.output.check import check_folder

    problems = check_folder(directory, load_config(directory).show)
    for problem in problems:
        click.echo(printable(problem))
    if problems:
        raise CheckFailed(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {directory}")
    click.echo(printable(f"{directory}: no problems found"))


def main() -> None:
    cli(prog_name="articlecast")


if __name__ == "__main__":
    main()
