"""DIR/catalog.sqlite: every episode ever built, with the GUID a podcast app knows it by.

A podcast app identifies an episode by its GUID alone. The GUID is therefore given once per
article (keyed by the article's source, or by the slug when there is none) and never changed:
a rebuild from an edited script may bring a new title, slug and file, but stays the same episode.
A rebuild whose MP3 differs bumps `version`, which changes the enclosure URL so apps fetch it again.

Every change runs in one transaction on a rollback journal with synchronous=FULL, so a build killed
mid-write leaves the previous catalog. A file that is not a valid catalog is copied aside
(catalog.sqlite.corrupt-<UTC time>) and reported; it is never silently replaced, because a fresh
catalog would give every episode a new GUID and apps would show them all twice.
"""
from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
import uuid
from collections.abc import Collection, Iterator
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from articlecast.errors import InputError, OutputError
from articlecast.fsutil import make_private

CATALOG_NAME = "catalog.sqlite"
SCHEMA_VERSION = 1
BUSY_TIMEOUT_S = 30.0  # articles of one batch are recorded from parallel threads
# https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/tags/guid.md
PODCAST_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
_HASH_CHUNK_BYTES = 1 << 20

_SCHEMA = """
CREATE TABLE episodes (
    guid         TEXT PRIMARY KEY,
    article_key  TEXT NOT NULL UNIQUE,  -- the source, or "slug:<slug>" when there is none
    slug         TEXT NOT NULL,
    title        TEXT NOT NULL,
    author       TEXT NOT NULL,
    source       TEXT NOT NULL,
    description  TEXT NOT NULL,
    language     TEXT NOT NULL,
    pub_date     TEXT NOT NULL,         -- ISO 8601, UTC
    duration_s   REAL NOT NULL,
    size_bytes   INTEGER NOT NULL,
    sha256       TEXT NOT NULL,
    script_hash  TEXT NOT NULL,
    version      INTEGER NOT NULL,
    removed      INTEGER NOT NULL DEFAULT 0,
    updated      TEXT NOT NULL
);
CREATE INDEX episodes_slug ON episodes(slug);
CREATE TABLE feed (
    name   TEXT PRIMARY KEY,
    value  TEXT NOT NULL
);
"""
_COLUMNS = ("guid", "slug", "title", "author", "source", "description", "language", "pub_date",
            "duration_s", "size_bytes", "sha256", "script_hash", "version", "removed")


@dataclass(frozen=True)
class NewEpisode:
    """What a build knows about the episode it has just written."""

    slug: str
    title: str
    author: str
    source: str  # URL or path of the article as the user gave it; "" or "-" when unknown
    description: str
    language: str
    duration_s: float
    script_hash: str
    mp3_path: Path  # the final, tagged MP3: its size and sha256 go into the catalog


@dataclass(frozen=True)
class EpisodeRecord:
    guid: str
    slug: str
    title: str
    author: str
    source: str
    description: str
    language: str
    pub_date: datetime  # aware, UTC
    duration_s: float
    size_bytes: int
    sha256: str
    script_hash: str
    version: int  # 1 for the first build; +1 for each rebuild that changed the MP3
    removed: bool

    @property
    def enclosure_path(self) -> str:
        """The MP3's URL path relative to the feed; a new version gets a new URL so apps download it again."""
        path = f"episodes/{self.slug}.mp3"
        return path if self.version == 1 else f"{path}?v={self.version}"

    @property
    def source_is_url(self) -> bool:
        return self.source.startswith(("http://", "https://"))


def open_catalog(out_dir: Path) -> Catalog:
    return Catalog(Path(out_dir) / CATALOG_NAME)


def podcast_guid(feed_url: str) -> str:
    """The podcast namespace's feed GUID: UUIDv5 of the feed URL without scheme and trailing slashes."""
    bare = feed_url.split("://", 1)[-1].rstrip("/")
    return str(uuid.uuid5(PODCAST_NAMESPACE, bare))


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        while chunk := f.read(_HASH_CHUNK_BYTES):
            digest.update(chunk)
    return digest.hexdigest()


class Catalog:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        with self._transaction() as db:
            self._migrate(db)

    # ── episodes ────────────────────────────────────────────────────────────────

    def record(self, ep: NewEpisode, *, now: datetime | None = None) -> EpisodeRecord:
        """Add a new episode or update the one built before from the same article."""
        now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
        try:
            size_bytes = ep.mp3_path.stat().st_size
            sha256 = file_sha256(ep.mp3_path)
        except OSError as e:
            raise OutputError(f"cannot read the episode {ep.mp3_path}: {e.strerror or e}") from None
        key = article_key(ep.source, ep.slug)
        with self._transaction() as db:
            old = db.execute("SELECT guid, sha256, version FROM episodes WHERE article_key = ?", (key,)).fetchone()
            # Another article that had this slug had its files overwritten by this build: it is gone.
            db.execute("UPDATE episodes SET removed = 1, updated = ? WHERE slug = ? AND article_key != ?",
                       (now.isoformat(), ep.slug, key))
            values = dict(slug=ep.slug, title=ep.title, author=ep.author or "", source=ep.source or "",
                          description=ep.description or "", language=ep.language, duration_s=float(ep.duration_s),
                          size_bytes=size_bytes, sha256=sha256, script_hash=ep.script_hash, updated=now.isoformat())
            if old is None:
                guid = str(uuid.uuid4())
                db.execute(
                    "INSERT INTO episodes (guid, article_key, pub_date, version, removed, slug, title, author, source,"
                    " description, language, duration_s, size_bytes, sha256, script_hash, updated)"
                    " VALUES (:guid, :key, :pub_date, 1, 0, :slug, :title, :author, :source, :description,"
                    " :language, :duration_s, :size_bytes, :sha256, :script_hash, :updated)",
                    dict(values, guid=guid, key=key, pub_date=now.isoformat()))
            else:
                guid, old_sha256, version = old
                values["version"] = version + 1 if old_sha256 != sha256 else version
                db.execute(
                    "UPDATE episodes SET removed = 0, slug = :slug, title = :title, author = :author,"
                    " source = :source, description = :description, language = :language,"
                    " duration_s = :duration_s, size_bytes = :size_bytes, sha256 = :sha256,"
                    " script_hash = :script_hash, version = :version, updated = :updated WHERE guid = :guid",
                    dict(values, guid=guid))
            return _row_to_record(db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes WHERE guid = ?",
                                             (guid,)).fetchone())

    def episodes(self, include_removed: bool = False) -> list[EpisodeRecord]:
        """Newest first: the order of a podcast feed."""
        where = "" if include_removed else "WHERE removed = 0"
        with self._transaction() as db:
            rows = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes {where}"
                              " ORDER BY pub_date DESC, rowid DESC").fetchall()
        return [_row_to_record(r) for r in rows]

    def get(self, slug: str) -> EpisodeRecord | None:
        """The episode now published under `slug` (a removed one only when no other holds the slug)."""
        with self._transaction() as db:
            row = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes WHERE slug = ?"
                             " ORDER BY removed ASC, pub_date DESC LIMIT 1", (slug,)).fetchone()
        return _row_to_record(row) if row else None

    def remove(self, slug: str) -> EpisodeRecord:
        """Take the episode out of the feed; its row (and GUID) stay, so a rebuild brings it back unchanged."""
        with self._transaction() as db:
            cursor = db.execute("UPDATE episodes SET removed = 1, updated = ? WHERE slug = ? AND removed = 0",
                                (datetime.now(timezone.utc).isoformat(), slug))
            if cursor.rowcount == 0:
                known = [r[0] for r in db.execute("SELECT slug FROM episodes WHERE removed = 0 ORDER BY slug")]
                hint = f"published: {', '.join(known)}" if known else "the feed has no episodes"
                raise InputError(f"no published episode {slug!r} in {self.path}", hint=hint)
            row = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes WHERE slug = ?"
                             " ORDER BY pub_date DESC LIMIT 1", (slug,)).fetchone()
        return _row_to_record(row)

    def unique_slug(self, source: str, slug: str, also_taken: Collection[str] = ()) -> str:
        """`slug`, or `slug-2`, `slug-3` ... when another article already has it.

        For the build: two articles with the same title must not overwrite each other's files
        (a removed episode's files stay too, so its slug stays taken). `also_taken`: slugs that
        articles built at the same time have claimed but not yet recorded.
        """
        key = article_key(source, slug)
        with self._transaction() as db:
            taken = {row[0] for row in db.execute("SELECT slug FROM episodes WHERE article_key != ?", (key,))}
        taken |= set(also_taken)
        candidate, n = slug, 1
        while candidate in taken:
            n += 1
            candidate = f"{slug}-{n}"
        return candidate

    # ── the feed ────────────────────────────────────────────────────────────────

    def feed_guid(self, feed_url: str) -> str:
        """The feed's podcast:guid, made from the first feed URL and kept when the URL changes later."""
        with self._transaction() as db:
            row = db.execute("SELECT value FROM feed WHERE name = 'podcast_guid'").fetchone()
            if row:
                return row[0]
            guid = podcast_guid(feed_url)
            db.execute("INSERT INTO feed (name, value) VALUES ('podcast_guid', ?)", (guid,))
            return guid

    # ── storage ─────────────────────────────────────────────────────────────────

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        """One connection per call: safe from any thread, and never left open by a crashed build."""
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_S, isolation_level=None)
            make_private(self.path)  # build state: never readable by the web server's user
        except (OSError, sqlite3.OperationalError) as e:
            raise OutputError(f"cannot open the catalog {self.path}: {e}") from None
        try:
            db.execute("PRAGMA journal_mode = DELETE")
            db.execute("PRAGMA synchronous = FULL")
            db.execute("BEGIN IMMEDIATE")  # take the write lock before reading: no lost updates between threads
            try:
                yield db
            except BaseException:
                with contextlib.suppress(sqlite3.Error):
                    db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
        except sqlite3.OperationalError as e:
            if "locked" in str(e) or "busy" in str(e):
                raise OutputError(f"the catalog {self.path} is locked by another program: {e}") from None
            if "readonly" in str(e) or "unable to open" in str(e) or "disk" in str(e):
                raise OutputError(f"cannot write the catalog {self.path}: {e}") from None
            raise self._corrupt(e) from None
        except sqlite3.DatabaseError as e:
            raise self._corrupt(e) from None
        finally:
            db.close()

    def _migrate(self, db: sqlite3.Connection) -> None:
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
                raise sqlite3.DatabaseError("has tables but no articlecast schema version")
            _create_schema(db)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        elif version > SCHEMA_VERSION:
            raise OutputError(f"the catalog {self.path} was written by a newer articlecast (schema {version}); "
                              "update articlecast to use this folder")
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(check)

    def _corrupt(self, e: Exception) -> OutputError:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            shutil.copy2(self.path, backup)
        except OSError as copy_error:
            return OutputError(f"the catalog {self.path} is damaged ({e}) and could not be copied aside: "
                               f"{copy_error.strerror or copy_error}")
        return OutputError(
            f"the catalog {self.path} is damaged ({e}); a copy is kept as {backup}",
            hint="restore it from a backup, or delete it to start a new catalog (apps will then see every episode as new)")


def article_key(source: str, slug: str) -> str:
    source = (source or "").strip()
    return source if source and source != "-" else f"slug:{slug}"


def _create_schema(db: sqlite3.Connection) -> None:
    # executescript() would commit the open transaction; run the statements one by one inside it.
    for statement in _SCHEMA.split(";"):
        lines = [line.split("--", 1)[0] for line in statement.splitlines()]
        if "".join(lines).strip():
            db.execute("\n".join(lines))


def _row_to_record(row: tuple) -> EpisodeRecord:
    values = dict(zip(_COLUMNS, row, strict=True))
    values["pub_date"] = datetime.fromisoformat(values["pub_date"]).astimezone(timezone.utc)
    values["removed"] = bool(values["removed"])
    return EpisodeRecord(**values)
