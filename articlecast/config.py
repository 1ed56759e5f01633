"""The output folder's settings file, `articlecast.toml`: the show, build defaults, voices, lexicon.

    [show]        title, description, author, owner_name, owner_email, language,
                  category, explicit, artwork, base_url
    [build]       engine, bitrate_kbps, intro, workers
    [voices]      narrator = "espeak:de", "Jane Doe" = "espeak:en+f3"
    [lexicon]     "NATO" = "Nato"
    [boilerplate] patterns = ["^Anzeige$", ...]   (regular expressions, one line each)
    [follow]      sources = ["https://example.org/feed.xml"], keep = 20   (`articlecast follow`, `update`)
"""
from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from articlecast import languages
from articlecast.errors import InputError
from articlecast.fsutil import atomic_write_text

CONFIG_NAME = "articlecast.toml"
DEFAULT_BASE_URL = "http://localhost:8000/"


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
    cluster: str = ""  # a Dask scheduler (tcp://HOST:8786) that renders the audio; "" renders here


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
    if not path.exists():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not valid TOML: {e}") from e
    try:
        return Config(
            show=_section(Show, data.get("show", {}), path),
            build=_section(BuildSettings, data.get("build", {}), path),
            voices={str(k): str(v) for k, v in data.get("voices", {}).items()},
            lexicon={str(k): str(v) for k, v in data.get("lexicon", {}).items()},
            boilerplate=tuple(str(p) for p in data.get("boilerplate", {}).get("patterns", [])),
            follow=_follow(data.get("follow", {}), path),
        )
    except (TypeError, ValueError, AttributeError) as e:
        raise InputError(f"{path}: {e}") from e


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
    return replace(default, **values)


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
