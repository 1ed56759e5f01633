"""Reading and writing the narration script file (docs/script-format.md).

The file is meant to be edited by hand, so reading it checks everything and names the
segment at fault; writing it is deterministic so that a diff shows only real changes.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from articlecast import languages
from articlecast.errors import ScriptError
from articlecast.fsutil import atomic_write_text, read_bounded
from articlecast.script.model import NARRATOR, SEGMENT_KINDS, SPEAKER_KINDS, UNKNOWN, CastMember, Script, Segment, Voice

FORMAT = "articlecast.script"
VERSION = 2
# Versions this articlecast reads: 1 had no speaker "kind"; its speakers were all read as persons.
READABLE_VERSIONS = (1, 2)
GENDERS = (None, "female", "male")
MAX_SCRIPT_BYTES = 64 * 1024 * 1024  # a script of the longest article ingest accepts, with room for edits


def script_to_json(script: Script) -> str:
    data = {
        "format": FORMAT,
        "version": VERSION,
        "language": script.language,
        "title": script.title,
        "author": script.author,
        "source": script.source,
        **({"published": script.published} if script.published else {}),
        "cast": {name: _member_to_json(script.cast[name]) for name in cast_order(script)},
        "lexicon": dict(script.lexicon),
        "segments": [
            {"id": s.id, "kind": s.kind, "speaker": s.speaker, "text": s.text, "chapter": s.chapter}
            for s in script.segments
        ],
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def cast_order(script: Script) -> list[str]:
    """Narrator first, then people as they are first heard, then the rest by name: one order, one file."""
    order = [name for name in (NARRATOR, *script.speakers(), UNKNOWN) if name in script.cast]
    return order + sorted(set(script.cast) - set(order))


def script_hash(script: Script) -> str:
    """Identifies what an episode says and how; equal scripts give equal hashes."""
    return hashlib.sha256(script_to_json(script).encode("utf-8")).hexdigest()


def write_script(script: Script, path: Path) -> None:
    atomic_write_text(path, script_to_json(script))


def looks_like_script(path: Path) -> bool:
    """True for a .json file (a script); articles are never JSON."""
    return Path(path).suffix.lower() == ".json"


def read_script(path: Path) -> Script:
    if not Path(path).exists():
        raise ScriptError(f"{path}: no such script file")
    try:
        text = read_bounded(path, MAX_SCRIPT_BYTES, what="script", error=ScriptError).decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ScriptError(f"{path}: cannot read script: {e}") from None
    return parse_script(text, str(path))


def parse_script(text: str, where: str = "script") -> Script:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise ScriptError(f"{where}: broken JSON at line {e.lineno}, column {e.colno}: {e.msg}") from None
    except ValueError as e:  # a number of thousands of digits (Python refuses to convert it)
        raise ScriptError(f"{where}: not a script: {e}") from None
    except RecursionError:
        raise ScriptError(f"{where}: not a script: the JSON is nested too deeply") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ScriptError(f"{where}: not an articlecast script (\"format\" must be \"{FORMAT}\")")
    if data.get("version") not in READABLE_VERSIONS or isinstance(data.get("version"), bool):
        raise ScriptError(f"{where}: script version {data.get('version')!r} is not supported "
                          f"(this articlecast reads versions {', '.join(map(str, READABLE_VERSIONS))})")
    title = _field(data, "title", str, where)
    if not title.strip():
        raise ScriptError(f"{where}: \"title\" is empty (the episode needs a title)")
    language = _field(data, "language", str, where)
    if language not in languages.codes():
        raise ScriptError(f"{where}: language must be one of {', '.join(languages.codes())}, not {language!r}")
    cast_data = _field(data, "cast", dict, where)
    cast = {name: _member_from_json(name, value, where) for name, value in cast_data.items()}
    cast.setdefault(NARRATOR, CastMember(NARRATOR))
    lexicon = data.get("lexicon") or {}
    if not isinstance(lexicon, dict) or not all(isinstance(v, str) for v in lexicon.values()):
        raise ScriptError(f"{where}: \"lexicon\" must map words to spoken forms (strings)")
    for word, spoken in lexicon.items():
        if not word.strip() or not spoken.strip():
            raise ScriptError(f"{where}: lexicon entry {word!r}: {'the word' if not word.strip() else 'the spoken form'} is empty")
    segments = tuple(_segment_from_json(i, value, cast, where) for i, value in enumerate(_field(data, "segments", list, where)))
    if not segments:
        raise ScriptError(f"{where}: the script has no segments")
    seen: set[str] = set()
    for s in segments:
        if s.id in seen:
            raise ScriptError(f"{where}: segment {s.id}: the id is used twice")
        seen.add(s.id)
    author = data.get("author")
    return Script(title=title, author=author if isinstance(author, str) and author.strip() else None,
                  language=language, source=str(data.get("source") or where), cast=cast,
                  segments=segments, lexicon=dict(lexicon), published=_published(data.get("published"), where))


def _published(value, where: str) -> str | None:
    """The article's date, optional: an ISO 8601 date ("2024-05-06") or date and time."""
    from datetime import datetime

    if value is None or value == "":
        return None
    try:
        datetime.fromisoformat(str(value))
    except ValueError:
        raise ScriptError(f"{where}: published {value!r} is not a date like 2024-05-06 or 2024-05-06T07:30:00+02:00") from None
    return str(value)


def _field(data: dict, name: str, kind: type, where: str):
    value = data.get(name)
    if not isinstance(value, kind):
        raise ScriptError(f"{where}: \"{name}\" is missing or not a {kind.__name__}")
    return value


def _member_to_json(member: CastMember) -> dict:
    return {"kind": member.kind, "gender": member.gender, "description": member.description,
            "voice": member.voice.to_json() if member.voice else None}


def _member_from_json(name: str, value: object, where: str) -> CastMember:
    if not isinstance(value, dict):
        raise ScriptError(f"{where}: cast member {name!r} must be an object")
    gender = value.get("gender")
    if gender not in GENDERS:
        raise ScriptError(f"{where}: cast member {name!r}: gender must be \"female\", \"male\" or null")
    voice = None
    if value.get("voice") is not None:
        try:
            voice = Voice.parse(value["voice"])
        except (ValueError, KeyError, TypeError) as e:
            raise ScriptError(f"{where}: cast member {name!r}: {e}") from None
    kind = value.get("kind", "person")  # version 1 knew only persons
    if kind not in SPEAKER_KINDS:
        raise ScriptError(f"{where}: cast member {name!r}: kind must be one of {', '.join(SPEAKER_KINDS)}")
    description = value.get("description")
    return CastMember(name=name, gender=gender, description=description if isinstance(description, str) else None,
                      voice=voice, kind=kind)


def _segment_from_json(index: int, value: object, cast: dict[str, CastMember], where: str) -> Segment:
    if not isinstance(value, dict):
        raise ScriptError(f"{where}: segment #{index + 1} must be an object")
    sid = value.get("id")
    name = f"segment {sid}" if isinstance(sid, str) and sid else f"segment #{index + 1}"
    if not isinstance(sid, str) or not sid.strip():
        raise ScriptError(f"{where}: {name}: \"id\" is missing")
    kind, speaker, text, chapter = (value.get(k) for k in ("kind", "speaker", "text", "chapter"))
    if kind not in SEGMENT_KINDS:
        raise ScriptError(f"{where}: {name}: kind {kind!r} is not one of {', '.join(SEGMENT_KINDS)}")
    if not isinstance(speaker, str) or (speaker not in cast and speaker != UNKNOWN):
        raise ScriptError(f"{where}: {name}: speaker {speaker!r} is not in the cast (add it to \"cast\" or use \"narrator\"/\"unknown\")")
    if not isinstance(text, str) or not text.strip():
        raise ScriptError(f"{where}: {name}: the text is empty")
    if chapter is None:
        chapter = 0
    if not isinstance(chapter, int) or isinstance(chapter, bool) or chapter < 0:
        raise ScriptError(f"{where}: {name}: chapter must be a whole number >= 0")
    return Segment(id=sid, kind=kind, speaker=speaker, text=text, chapter=chapter)
