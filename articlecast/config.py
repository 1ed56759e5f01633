"""The output folder's settings file, `articlecast.toml`: the show, build defaults, voices, lexicon.

    [show]        title, description, author, owner_name, owner_email, language,
                  category, explicit, artwork, base_url
    [build]       engine, bitrate_kbps, intro, workers
    [voices]      narrator = "espeak:de", "Jane Doe" = "espeak:en+f3"
    [lexicon]     "NATO" = "Nato"
    [boilerplate] patterns = ["^Anzeige$", ...]   (regular expressions, one line each; a single
                  string is one pattern)
    [follow]      sources = ["https://example.org/feed.xml"], keep = 20   (`articlecast follow`, `update`)

Every value is checked when the file is read, so a mistake is one line naming the setting
before any work starts, not a failure half-way through a build (see `check_base_url`,
`check_bitrate`, `check_workers`: the command-line options use the same checks).
"""
from __future__ import annotations

import json
import re
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from urllib.parse import urlsplit

from articlecast import languages
from articlecast.errors import InputError
from articlecast.fsutil import atomic_write_text, read_bounded

CONFIG_NAME = "articlecast.toml"
DEFAULT_BASE_URL = "http://localhost:8000/"
MAX_CONFIG_BYTES = 1024 * 1024
# The bitrates MPEG-1 Layer III can signal (ISO 11172-3), the only ones an MP3 frame header holds.
MP3_BITRATES_KBPS = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
MAX_WORKERS = 64
# Characters that never belong in a URL written into the feed and page (RFC 3986 excludes them).
_URL_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\^`{|}]")


def check_base_url(url: str) -> str:
    """The public URL of the folder, if it is one: only http(s) with a host, nothing a page could run.

    `javascript:alert(1)//` or `data:` would land in the page's links and the feed's enclosures.
    """
    value = url.strip()
    if not _URL_FORBIDDEN.search(value):
        try:
            parts = urlsplit(value)
            if parts.scheme.lower() in ("http", "https") and parts.hostname and (parts.port or 0) >= 0:
                return value
        except ValueError:  # a port that is not a number, a broken IPv6 address
            pass
    raise InputError(f"base URL {url!r} is not an http:// or https:// URL (e.g. https://example.org/podcast/)")


def check_bitrate(kbps: int) -> int:
    if kbps not in MP3_BITRATES_KBPS:
        raise InputError(f"MP3 bitrate {kbps} kbps is not possible; choose one of "
                         f"{', '.join(map(str, MP3_BITRATES_KBPS))}")
    return kbps


def check_workers(workers: int) -> int:
    if not 0 <= workers <= MAX_WORKERS:
        raise InputError(f"workers must be between 1 and {MAX_WORKERS} (or 0: one per core), not {workers}")
    return workers


def check_lexicon(entries: dict[str, str], where: str) -> dict[str, str]:
    """Pronunciations: a word that is empty would match between every two characters."""
    for word, spoken in entries.items():
        if not str(word).strip():
            raise InputError(f"{where}: an empty word cannot have a pronunciation (spoken as {spoken!r})")
        if not isinstance(spoken, str) or not spoken.strip():
            raise InputError(f"{where}: the spoken form of {word!r} is empty")
    return {str(k).strip(): v.strip() for k, v in entries.items()}


@dataclass(frozen=True)
class Show:
    title: str = "articlecast"
    description: str = "Articles, read aloud."
    author: str = ""
    owner_name: str = ""
    owner_email: str = ""
    language: str = languages.DEFAULT
    category: str = "News"
    explicit: bool = False
    artwork: str = ""  # path of the show's cover image; generated when empty
    base_url: str = DEFAULT_BASE_URL

    @property
    def feed_url(self) -> str:
        return self.base_url.rstrip("/") + "/feed.xml"


@dataclass(frozen=True)
class BuildSettings:
    engine: str = "espeak"
    bitrate_kbps: int = 64
    intro: bool = True
    workers: int = 0  # 0: one per core


@dataclass(frozen=True)
class FollowSettings:
    sources: tuple[str, ...] = ()  # feed URLs that `articlecast update` polls
    keep: int = 0  # the newest N followed episodes stay in the feed; 0: all


@dataclass(frozen=True)
class Config:
    show: Show = field(default_factory=Show)
    build: BuildSettings = field(default_factory=BuildSettings)
    voices: dict[str, str] = field(default_factory=dict)
    lexicon: dict[str, str] = field(default_factory=dict)
    boilerplate: tuple[str, ...] = ()
    follow: FollowSettings = field(default_factory=FollowSettings)


def load_config(out_dir: Path) -> Config:
    """Read DIR/articlecast.toml; a missing file means all defaults."""
    path = Path(out_dir) / CONFIG_NAME
    if not path.exists() and not path.is_symlink():
        return Config()
    raw = read_bounded(path, MAX_CONFIG_BYTES, what="settings file")
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not valid TOML: {e}") from e
    except RecursionError:
        raise InputError(f"{path}: not valid TOML: nested too deeply") from None
    try:
        return Config(
            show=_section(Show, _table(data, "show", path), path),
            build=_section(BuildSettings, _table(data, "build", path), path),
            voices={str(k): str(v) for k, v in _table(data, "voices", path).items()},
            lexicon=check_lexicon({str(k): str(v) for k, v in _table(data, "lexicon", path).items()},
                                  f"{path} [lexicon]"),
            boilerplate=_patterns(_table(data, "boilerplate", path).get("patterns", []), path),
            follow=_follow(_table(data, "follow", path), path),
        )
    except (TypeError, ValueError, AttributeError) as e:
        raise InputError(f"{path}: {e}") from e


def _table(data: dict, name: str, path: Path) -> dict:
    value = data.get(name, {})
    if not isinstance(value, dict):
        raise InputError(f"{path}: [{name}] must be a table of settings, not {type(value).__name__}")
    return value


def _patterns(value, path: Path) -> tuple[str, ...]:
    """A list of regular expressions; one string is one pattern (never a list of its letters)."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(p, str) for p in value):
        raise InputError(f"{path}: [boilerplate] patterns must be a list of strings (regular expressions)")
    if any(not p for p in value):
        raise InputError(f"{path}: [boilerplate] an empty pattern would drop every line")
    return tuple(value)


def _section(cls, values: dict, path: Path):
    known = {f.name: f for f in fields(cls)}
    unknown = set(values) - set(known)
    if unknown:
        raise InputError(f"{path}: unknown setting(s) in [{cls.__name__.lower()}]: {', '.join(sorted(unknown))}")
    default = cls()
    for name, value in values.items():
        want = type(getattr(default, name))
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            raise InputError(f"{path}: {name} must be {want.__name__}, not {value!r}")
        try:
            values = {**values, name: check_setting(name, value)}
        except InputError as e:
            raise InputError(f"{path}: {e}") from None
    return replace(default, **values)


_CHECKS = {"base_url": check_base_url, "bitrate_kbps": check_bitrate, "workers": check_workers}


def check_setting(name: str, value):
    """The one check of a [show] or [build] value, wherever it comes from (file, `init`, an option).

    Returns the value (perhaps tidied); raises InputError with a one-line reason.
    """
    check = _CHECKS.get(name)
    return check(value) if check else value


def _follow(values: dict, path: Path) -> FollowSettings:
    sources = values.get("sources", [])
    if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
        raise InputError(f"{path}: [follow] sources must be a list of feed URLs")
    keep = values.get("keep", 0)
    if not isinstance(keep, int) or isinstance(keep, bool) or keep < 0:
        raise InputError(f"{path}: [follow] keep must be a whole number of episodes (0 keeps all), not {keep!r}")
    unknown = set(values) - {"sources", "keep"}
    if unknown:
        raise InputError(f"{path}: unknown setting(s) in [follow]: {', '.join(sorted(unknown))}")
    return FollowSettings(tuple(sources), keep)


def save_config(out_dir: Path, config: Config) -> Path:
    path = Path(out_dir) / CONFIG_NAME
    lines = ["# articlecast settings for this output folder; see `articlecast init --help`.", ""]
    for title, values in (("show", asdict(config.show)), ("build", asdict(config.build)),
                          ("voices", config.voices), ("lexicon", config.lexicon)):
        lines.append(f"[{title}]")
        lines += [f"{_key(k)} = {_value(v)}" for k, v in values.items()]
        lines.append("")
    lines += ["[boilerplate]", f"patterns = {_value(list(config.boilerplate))}", ""]
    if config.follow != FollowSettings():
        lines += ["[follow]", f"sources = {_value(list(config.follow.sources))}", f"keep = {config.follow.keep}", ""]
    atomic_write_text(path, "\n".join(lines))
    return path


def _key(key: str) -> str:
    return key if key.replace("_", "").replace("-", "").isalnum() and key.isascii() else json.dumps(key, ensure_ascii=False)


def _value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid TOML basic string
