"""The output folder's settings file, `articlecast.toml`: the show, build defaults, voices, lexicon.

    [show]        title, description, author, owner_name, owner_email, locked, language,
                  category, explicit, artwork, base_url
    [publish]     to (s3://bucket/prefix, sftp://user@host/path, file:///path), endpoint_url
    [build]       engine, bitrate_kbps, intro, workers
    [voices]      narrator = "espeak:de", "Jane Doe" = "espeak:en+f3"
    [lexicon]     "NATO" = "Nato"
    [boilerplate] patterns = ["^Anzeige$", ...]   (regular expressions, one line each; a single
                  string is one pattern)
    [follow]      sources = ["https://example.org/feed.xml"], keep = 20   (`articlecast follow`, `update`)

Every value is checked when the file is read, so a mistake is one line naming the setting
before any work starts, not a failure half-way through a build (`check_setting`: the
command-line options and `init` use the same checks).
"""
from __future__ import annotations

import ipaddress
import json
import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from urllib.parse import urlsplit

from articlecast import languages
from articlecast.categories import normalize_category
from articlecast.errors import InputError
from articlecast.fsutil import atomic_write_text, read_bounded

CONFIG_NAME = "articlecast.toml"
DEFAULT_BASE_URL = "http://localhost:8000/"
DEFAULT_TITLE = "articlecast"
DEFAULT_DESCRIPTION = "Articles, read aloud."
# Deliberately simple: one @, a dot in the domain, no spaces. Directories mail the owner, so a typo matters.
_EMAIL = re.compile(r"^[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\".]{2,}$")
# Characters that never belong in a URL written into the feed and page (RFC 3986 excludes them).
_URL_FORBIDDEN = re.compile(r"[\x00-\x20\x7f-\x9f\"'<>\\^`{|}]")
MAX_CONFIG_BYTES = 1024 * 1024
# The bitrates MPEG-1 Layer III can signal (ISO 11172-3), the only ones an MP3 frame header holds.
MP3_BITRATES_KBPS = (32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320)
MAX_WORKERS = 64


@dataclass(frozen=True)
class Show:
    title: str = DEFAULT_TITLE
    description: str = DEFAULT_DESCRIPTION
    author: str = ""
    owner_name: str = ""
    owner_email: str = ""
    # podcast:locked: directories refuse to import the feed elsewhere unless the owner e-mail unlocks it.
    # Explicit, because an e-mail given for contact must not silently lock the feed.
    locked: bool = False
    # "" until the user chooses: the show speaks its episodes' language (`show_language`), so a French
    # article built into a new folder makes a French feed and page, not a German one
    language: str = ""
    category: str = "News"
    explicit: bool = False
    artwork: str = ""  # path of the show's cover image; generated when empty
    base_url: str = DEFAULT_BASE_URL

    @property
    def feed_url(self) -> str:
        return self.base_url.rstrip("/") + "/feed.xml"

    @property
    def is_local(self) -> bool:
        """Whether the feed's URLs reach only this computer (no subscriber elsewhere can use them)."""
        return is_local_url(self.base_url)


def show_language(show: Show, episode_languages: Iterable[str]) -> str:
    """The language the feed and page declare: the one set in [show], else the one most episodes speak
    (the newest wins a tie), else the default. `episode_languages` come newest first."""
    if show.language:
        return show.language
    counts = Counter(episode_languages)
    if not counts:
        return languages.DEFAULT
    return max(counts, key=lambda code: counts[code])  # Counter keeps first-seen order: newest wins ties


@dataclass(frozen=True)
class PublishSettings:
    """Where `articlecast publish` uploads to; credentials come from the usual places, never from here."""

    to: str = ""
    endpoint_url: str = ""  # an S3-compatible store other than AWS (R2, B2, MinIO, SeaweedFS ...)


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
    publish: PublishSettings = field(default_factory=PublishSettings)
    voices: dict[str, str] = field(default_factory=dict)
    lexicon: dict[str, str] = field(default_factory=dict)
    boilerplate: tuple[str, ...] = ()
    follow: FollowSettings = field(default_factory=FollowSettings)


def load_config(out_dir: Path) -> Config:
    """Read DIR/articlecast.toml; a missing file means all defaults."""
    path = Path(out_dir) / CONFIG_NAME
    if not path.exists() and not path.is_symlink():
        return Config()
    raw = read_bounded(path, MAX_CONFIG_BYTES, what="settings file")  # never a folder, FIFO or device
    try:
        data = tomllib.loads(raw.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
        raise InputError(f"{path}: not valid TOML: {e}") from e
    except RecursionError:
        raise InputError(f"{path}: not valid TOML: nested too deeply") from None
    try:
        return Config(
            show=validate_show(_section(Show, _table(data, "show", path), path, "show"), path),
            build=_section(BuildSettings, _table(data, "build", path), path, "build"),
            publish=_section(PublishSettings, _table(data, "publish", path), path, "publish"),
            voices={str(k): str(v) for k, v in _table(data, "voices", path).items()},
            lexicon=check_lexicon({str(k): str(v) for k, v in _table(data, "lexicon", path).items()},
                                  f"{path} [lexicon]"),
            boilerplate=_patterns(_table(data, "boilerplate", path).get("patterns", []), path),
            follow=_follow(_table(data, "follow", path), path),
        )
    except (TypeError, ValueError, AttributeError) as e:
        raise InputError(f"{path}: {e}") from e


def _section(cls, values: dict, path: Path, name: str):
    known = {f.name: f for f in fields(cls)}
    unknown = set(values) - set(known)
    if unknown:
        raise InputError(f"{path}: unknown setting(s) in [{name}]: {', '.join(sorted(unknown))}")
    default = cls()
    for name, value in values.items():
        want = type(getattr(default, name))
        if not isinstance(value, want) or (want is int and isinstance(value, bool)):
            raise InputError(f"{path}: {name} must be {want.__name__}, not {value!r}")
        if name in _CHECKS:
            try:
                values = {**values, name: check_setting(name, value)}
            except InputError as e:
                raise InputError(f"{path}: {e}") from None
    return replace(default, **values)


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


def check_setting(name: str, value):
    """The one check of a single [show] or [build] value, wherever it comes from (file, `init`, an option).

    Returns the value (perhaps tidied); raises InputError with a one-line reason. The show as a
    whole (category, e-mail, locking) is checked by `validate_show`.
    """
    check = _CHECKS.get(name)
    return check(value) if check else value


def validate_show(show: Show, where: Path | str = CONFIG_NAME) -> Show:
    """The show as the feed needs it: a category of Apple's list, a real e-mail, a public-looking base URL.

    Returns the show with the category in Apple's spelling and nesting ("tech news" -> "News > Tech News").
    """
    try:
        category = normalize_category(show.category)
    except ValueError as e:
        raise InputError(f"{where}: {e}") from None
    if show.owner_email and not _EMAIL.match(show.owner_email):
        raise InputError(f"{where}: owner_email {show.owner_email!r} is not an e-mail address")
    if show.locked and not show.owner_email:
        raise InputError(f"{where}: a locked feed needs an owner_email (it is the only key that unlocks it)")
    try:
        base_url = check_base_url(show.base_url)
    except InputError as e:
        raise InputError(f"{where}: {e}") from None
    return replace(show, category=category, base_url=base_url)


def check_base_url(url: str) -> str:
    """The public URL of the folder, ending in "/": only http(s) with a host, nothing a page could run.

    Every URL in the feed and page is made from it, so `javascript:` or `data:` would land in the page's
    links, and a ?query or #fragment would end up in the middle of every enclosure URL.
    """
    value = url.strip()
    if not _URL_FORBIDDEN.search(value):
        try:
            parts = urlsplit(value)
            if parts.scheme.lower() in ("http", "https") and parts.hostname and (parts.port or 0) >= 0 \
                    and not (parts.query or parts.fragment or parts.username or parts.password):
                return value if value.endswith("/") else value + "/"
        except ValueError:  # a port that is not a number, a broken IPv6 address
            pass
    raise InputError(f"base URL {url!r} is not an http:// or https:// folder address "
                     "(e.g. https://example.org/podcast/, no ?query, #fragment or user)")


def is_local_url(url: str) -> bool:
    """localhost, 127.x, ::1, 0.0.0.0: reachable from this computer only."""
    host = (urlsplit(url).hostname or "").lower()
    if host == "localhost" or host.endswith(".localhost") or not host:
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return address.is_loopback or address.is_unspecified


def remember_base_url(out_dir: Path, base_url: str) -> bool:
    """Store a public base URL given on the command line, so that later builds keep every URL stable.

    A local one (localhost ...) is never stored: it is for trying things out. True when the file changed.
    """
    base_url = check_base_url(base_url)
    if is_local_url(base_url):
        return False
    config = load_config(out_dir)
    if config.show.base_url == base_url:
        return False
    save_config(out_dir, replace(config, show=replace(config.show, base_url=base_url)))
    return True


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


def check_language(code: str) -> str:
    """A language articlecast speaks ("" leaves the choice to the episodes)."""
    value = languages.normalize_code(str(code)) if str(code).strip() else ""
    if value and value not in languages.codes():  # the codes alone: the languages' tables are not loaded for this
        raise InputError(f"language {code!r} is not one articlecast speaks (one of {', '.join(languages.codes())})")
    return value


_CHECKS = {"language": check_language, "base_url": check_base_url, "bitrate_kbps": check_bitrate, "workers": check_workers}


def save_config(out_dir: Path, config: Config) -> Path:
    """Write articlecast.toml; a base URL that is the local default is left out, so it is never mistaken for a choice."""
    path = Path(out_dir) / CONFIG_NAME
    lines = ["# articlecast settings for this output folder; see `articlecast init --help`.", ""]
    # a local base URL and an unchosen language are left out, so neither is ever mistaken for a choice
    show = {k: v for k, v in asdict(config.show).items()
            if not (k == "base_url" and v == DEFAULT_BASE_URL) and not (k == "language" and not v)}
    for title, values in (("show", show), ("build", asdict(config.build)), ("publish", asdict(config.publish)),
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
