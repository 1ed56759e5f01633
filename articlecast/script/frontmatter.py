"""Front matter at the top of a Markdown file (Jekyll, Hugo, Pandoc, Obsidian): metadata, not text.

    ---                         +++
    title: "Strom vom Dach"     title = "Strom vom Dach"
    author: Anna Weber          author = "Anna Weber"
    date: 2024-05-06            date = 2024-05-06
    lang: de                    language = "de"
    ---                         +++

Read aloud, it would open the episode with "title colon …"; as metadata it gives the
episode its title, author, date and language. YAML is read for the simple `key: value`
lines front matter uses (lists take their first item); nothing else is interpreted.
"""
from __future__ import annotations

import re
import tomllib
from datetime import date, datetime

from articlecast import languages

_YAML = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_TOML = re.compile(r"\A\+\+\+[ \t]*\n(.*?\n)?\+\+\+[ \t]*(?:\n|\Z)", re.DOTALL)
_KEY_VALUE = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*)")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
KEYS = {"title": "title", "author": "author", "authors": "author", "date": "date", "lang": "language",
        "language": "language"}
MAX_FRONT_MATTER_CHARS = 64 * 1024


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """The metadata (title, author, date as YYYY-MM-DD, language) and the text without the block."""
    stripped = text.lstrip("\n")
    for pattern, parse in ((_YAML, _yaml_values), (_TOML, _toml_values)):
        match = pattern.match(stripped[:MAX_FRONT_MATTER_CHARS])
        if match:
            values = parse(match.group(1) or "")
            if values is not None:
                return _known(values), stripped[match.end():]
    return {}, text


def _yaml_values(block: str) -> dict[str, object] | None:
    values: dict[str, object] = {}
    key = None
    for line in block.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        item = re.match(r"[ \t]+-[ \t]+(.*)", line)
        if item and key and values.get(key) == "":
            values[key] = _unquote(item.group(1))  # a list: its first item
            continue
        match = _KEY_VALUE.fullmatch(line.rstrip())
        if match is None:
            if line[:1] in (" ", "\t"):
                continue  # a nested value we do not need
            return None  # not front matter after all (a Markdown rule followed by text)
        key = match.group(1).lower()
        value = match.group(2).strip()
        if value.startswith("[") and value.endswith("]"):
            value = value[1:-1].split(",")[0]
        values.setdefault(key, _unquote(value))
    return values


def _toml_values(block: str) -> dict[str, object] | None:
    try:
        data = tomllib.loads(block)
    except (tomllib.TOMLDecodeError, RecursionError):
        return None
    return {k.lower(): (v[0] if isinstance(v, list) and v else v) for k, v in data.items()}


def _known(values: dict[str, object]) -> dict[str, str]:
    meta = {}
    for key, value in values.items():
        name = KEYS.get(key)
        if name is None or name in meta:
            continue
        if isinstance(value, datetime | date):
            value = value.isoformat()
        text = " ".join(str(value).split()) if isinstance(value, str | date | datetime) else ""
        if name == "date":
            found = _ISO_DATE.match(text)
            text = found.group(0) if found and _valid(found) else ""
        if name == "language":
            text = languages.normalize_code(text)
            text = text if languages.find(text) else ""  # a language articlecast speaks (the registry's rule)
        if text:
            meta[name] = text
    return meta


def _valid(found: re.Match[str]) -> bool:
    try:
        date(*(int(g) for g in found.groups()))
    except ValueError:
        return False
    return True


def _unquote(value: str) -> str:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    return re.sub(r"[ \t]+#.*$", "", value)  # a comment after a plain value
