"""DIR/.articlecast/catalog.sqlite: the one store of truth for an output folder.

It holds every episode ever built (with the GUID a podcast app knows it by), what each build wrote
(fingerprint, file sizes and checksums, mastering figures), the voices the folder's people speak with,
the slugs articles being built have claimed, and the renames a committed build still owes.

A podcast app identifies an episode by its GUID alone. The GUID is therefore given once per
article (keyed by the article's resolved path or normalised URL, or by the slug when there is none)
and never changed: a rebuild from an edited script may bring a new title, slug and file, but stays
the same episode. A rebuild whose MP3 differs bumps `version`, which changes the enclosure URL so
apps fetch it again.

A build commits in one step (`commit`): one transaction records the episode, renders feed.xml and
index.html from the new state into temporary files and writes the renames it owes into `pending`;
after COMMIT the temporary files are renamed into place. Anything that fails before COMMIT (a full
disk included) leaves the published folder exactly as it was; a kill after COMMIT is finished by the
next command (`finish_pending`), which renames what is left. (With fixed file names one instant
remains: between the rename of an episode's MP3 and that of the feed, a reader may get the new MP3
with the old feed.) Every change runs on a rollback journal
with synchronous=FULL, so a build killed mid-write leaves the previous catalog.

A file that is not a valid catalog is copied aside once (catalog.sqlite.corrupt-<UTC time>) and
reported; it is never silently replaced, because a fresh catalog would give every episode a new
GUID and apps would show them all twice. A catalog that is missing or empty while feed.xml lists
episodes is rebuilt from the feed and the files beside it (`restore_from_feed`).

The schema grows by migrations applied in order (`MIGRATIONS`, `PRAGMA user_version` counts them).
"""
from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import sqlite3
import uuid
from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from articlecast.errors import InputError, OutputError
from articlecast.fsutil import make_private
from articlecast.script.model import Voice

CATALOG_NAME = "catalog.sqlite"
STATE_DIR = ".articlecast"  # private: everything else in an output folder is publishable
BUSY_TIMEOUT_S = 30.0  # articles of one batch are recorded from parallel threads
# https://github.com/Podcastindex-org/podcast-namespace/blob/main/docs/tags/guid.md
PODCAST_NAMESPACE = uuid.UUID("ead4c236-bf58-58c6-a2c6-a6b28d128cb6")
_HASH_CHUNK_BYTES = 1 << 20

PUBLISHED_UNCHANGED = "; nothing published has changed"  # said only where it is true: before a commit
_COLUMNS = ("guid", "slug", "title", "author", "source", "description", "language", "pub_date",
            "duration_s", "size_bytes", "sha256", "script_hash", "version", "removed")


@dataclass(frozen=True)
class NewEpisode:
    """What a build knows about the episode it has just written."""

    slug: str
    title: str
    author: str
    source: str  # resolved path or normalised URL of the article; "" or "-" when unknown
    description: str
    language: str
    duration_s: float
    script_hash: str
    mp3_path: Path  # the final, tagged MP3 (or its complete temporary copy): its size and sha256 go into the catalog


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


@dataclass(frozen=True)
class BuildState:
    """What the last build of an episode wrote: an equal fingerprint and intact files mean nothing to do."""

    fingerprint: str = ""
    mastering: Mapping[str, float] = field(default_factory=dict)  # figures the next build may reuse
    files: Mapping[str, tuple[int, str]] = field(default_factory=dict)  # file name -> (size, sha256 or "")


@dataclass(frozen=True)
class FollowedItem:
    """An item of a followed feed that an update built."""

    guid: str
    feed_url: str
    source: str
    version: str
    published: str | None  # ISO 8601 UTC
    removed: bool = False  # its episode was taken out of the feed (by `remove` or --keep)


def catalog_path(out_dir: Path) -> Path:
    return Path(out_dir) / STATE_DIR / CATALOG_NAME


def open_catalog(out_dir: Path) -> Catalog:
    """The folder's store; a catalog an older articlecast kept in DIR/ itself is moved to DIR/.articlecast/."""
    path = catalog_path(out_dir)
    _move_legacy_catalog(Path(out_dir) / CATALOG_NAME, path)
    return Catalog(path)


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


def canonical_source(source: str) -> str:
    """One spelling per article: a URL normalised (scheme and host lower case, default port and fragment
    dropped), a path resolved (`a.txt`, `./a.txt` and `/abs/a.txt` are one article); "-" and "" stay."""
    source = (source or "").strip()
    if not source or source == "-":
        return source
    if source.lower().startswith(("http://", "https://")):
        parts = urlsplit(source)
        scheme = parts.scheme.lower()
        host = (parts.hostname or "").lower()
        if ":" in host:
            host = f"[{host}]"
        port = parts.port if parts.port not in (None, {"http": 80, "https": 443}[scheme]) else None
        userinfo = parts.netloc.rpartition("@")[0]
        netloc = (f"{userinfo}@" if userinfo else "") + host + (f":{port}" if port else "")
        return urlunsplit((scheme, netloc, parts.path or "/", parts.query, ""))
    return str(Path(source).expanduser().resolve())


def article_key(source: str, slug: str) -> str:
    source = canonical_source(source)
    return source if source and source != "-" else f"slug:{slug}"


class CatalogView:
    """The catalog as one open transaction sees it: what `commit` hands to the code that renders the feed."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db

    def episodes(self, include_removed: bool = False) -> list[EpisodeRecord]:
        return _episodes(self._db, include_removed)

    def feed_guid(self, feed_url: str) -> str:
        return _feed_guid(self._db, feed_url)


# Renders files from the state about to be committed; returns final path -> complete temporary file.
Stage = Callable[[CatalogView, Mapping[Path, Path]], Mapping[Path, Path]]


class Catalog:
    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.state_dir = self.path.parent
        # the output folder: paths in `pending` are relative to it, so a moved folder still recovers
        self.root = self.state_dir.parent if self.state_dir.name == STATE_DIR else self.state_dir
        with self._transaction() as db:
            migrated = self._migrate(db)
        if migrated:
            _drop_legacy_state(self.state_dir if self.state_dir.name == STATE_DIR else self.root / STATE_DIR)

    # ── episodes ────────────────────────────────────────────────────────────────

    def record(self, ep: NewEpisode, *, now: datetime | None = None) -> EpisodeRecord:
        """Add a new episode or update the one built before from the same article (no files are moved)."""
        return self.commit(ep, now=now)

    def commit(self, ep: NewEpisode, *, state: BuildState | None = None, renames: Mapping[Path, Path] = {},
               stage: Stage | None = None, now: datetime | None = None, finish: bool = True) -> EpisodeRecord:
        """Publish a built episode in one step.

        `renames` maps each final file to its complete temporary copy; `stage` renders feed and page
        from the state this transaction is about to commit. All of it is one transaction: if anything
        fails before COMMIT, nothing published has changed. After COMMIT the files are renamed into
        place (`finish`; else by the caller's `finish_pending`); a kill in between is finished by the
        next command.
        """
        now = (now or datetime.now(timezone.utc)).astimezone(timezone.utc)
        try:
            size_bytes = ep.mp3_path.stat().st_size
            sha256 = file_sha256(ep.mp3_path)
        except OSError as e:
            raise OutputError(f"cannot read the episode {ep.mp3_path}: {e.strerror or e}") from None
        with _before_commit(), self._transaction() as db:
            self._apply_pending(db)  # earlier commits' files first: the feed rendered below describes them
            guid = self._upsert(db, ep, now, size_bytes, sha256, state)
            db.execute("DELETE FROM claims WHERE article_key = ?", (article_key(ep.source, ep.slug),))
            owed = dict(renames)
            if stage:
                owed.update(stage(CatalogView(db), dict(renames)))
            self._owe(db, owed)
            record = _row_to_record(db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes WHERE guid = ?",
                                               (guid,)).fetchone())
        if finish:
            self.finish_pending()
        return record

    def republish(self, stage: Stage) -> None:
        """Render feed and page from the catalog and put them in place (after a `remove`, a settings change)."""
        with _before_commit(), self._transaction() as db:
            self._apply_pending(db)
            self._owe(db, stage(CatalogView(db), {}))
        self.finish_pending()

    def finish_pending(self) -> int:
        """Rename what committed builds still owe into place; the number of files moved."""
        with self._transaction() as db:
            return self._apply_pending(db)

    def episodes(self, include_removed: bool = False) -> list[EpisodeRecord]:
        """Newest first: the order of a podcast feed."""
        with self._transaction() as db:
            return _episodes(db, include_removed)

    def is_empty(self) -> bool:
        """No episode at all, not even a removed one: a new folder, or a catalog that was lost."""
        with self._transaction() as db:
            return db.execute("SELECT 1 FROM episodes LIMIT 1").fetchone() is None

    def get(self, slug: str) -> EpisodeRecord | None:
        """The episode now published under `slug` (a removed one only when no other holds the slug)."""
        with self._transaction() as db:
            row = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes WHERE slug = ?"
                             " ORDER BY removed ASC, pub_date DESC LIMIT 1", (slug,)).fetchone()
        return _row_to_record(row) if row else None

    def build_state(self, slug: str) -> BuildState | None:
        """What the last build of the episode under `slug` wrote, or None when none is known."""
        with self._transaction() as db:
            row = db.execute("SELECT fingerprint, mastering, files FROM episodes WHERE slug = ?"
                             " ORDER BY removed ASC, pub_date DESC LIMIT 1", (slug,)).fetchone()
        if row is None:
            return None
        mastering, files = _json(row[1], {}), _json(row[2], {})
        return BuildState(
            fingerprint=row[0],
            mastering={k: float(v) for k, v in mastering.items() if isinstance(v, (int, float))},
            files={name: (int(v[0]), str(v[1])) for name, v in files.items()
                   if isinstance(v, list) and len(v) == 2 and isinstance(v[0], int)})

    def remove(self, slug: str, *, stage: Stage | None = None) -> EpisodeRecord:
        """Take the episode out of the feed; its row (and GUID) stay, so a rebuild brings it back unchanged."""
        return self.remove_all([slug], stage=stage)[0]

    def remove_all(self, slugs: Sequence[str], *, stage: Stage | None = None) -> list[EpisodeRecord]:
        """Take several episodes out of the feed in one transaction: all or none, and feed and page
        rendered once (`update --keep` may drop many at a time)."""
        with _before_commit(), self._transaction() as db:
            self._apply_pending(db)
            rows = []
            for slug in slugs:
                cursor = db.execute("UPDATE episodes SET removed = 1, updated = ? WHERE slug = ? AND removed = 0",
                                    (datetime.now(timezone.utc).isoformat(), slug))
                if cursor.rowcount == 0:
                    known = [r[0] for r in db.execute("SELECT slug FROM episodes WHERE removed = 0 ORDER BY slug")]
                    hint = f"published: {', '.join(known)}" if known else "the feed has no episodes"
                    raise InputError(f"no published episode {slug!r} in {self.root}", hint=hint)
                rows.append(db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes WHERE slug = ?"
                                       " ORDER BY pub_date DESC LIMIT 1", (slug,)).fetchone())
            if stage and rows:
                self._owe(db, stage(CatalogView(db), {}))
        self.finish_pending()
        return [_row_to_record(row) for row in rows]

    def unique_slug(self, source: str, slug: str, also_taken: Collection[str] = ()) -> str:
        """`slug`, or `slug-2`, `slug-3` ... when another article already has it (without claiming it)."""
        key = article_key(source, slug)
        with self._transaction() as db:
            return _free_slug(db, key, slug, also_taken)

    def claim_slug(self, source: str, slug: str) -> str:
        """A slug no other article has or is building now, claimed for `source` until its build commits.

        Two articles with the same title must not overwrite each other's files (a removed episode's
        files stay too, so its slug stays taken); articles of one batch claim theirs here, in one
        transaction, so two builds side by side never pick the same free slug.
        """
        key = article_key(source, slug)
        with self._transaction() as db:
            db.execute("DELETE FROM claims WHERE article_key = ?", (key,))
            candidate = _free_slug(db, key, slug)
            db.execute("INSERT OR REPLACE INTO claims (slug, article_key) VALUES (?, ?)", (candidate, key))
            return candidate

    def clear_claims(self) -> None:
        """Claims of builds that died; call only while holding the folder's lock, before building."""
        with self._transaction() as db:
            db.execute("DELETE FROM claims")

    def adopt(self, records: list[tuple[EpisodeRecord, BuildState]], *, feed_guid: str | None = None) -> int:
        """Take in episodes found in a published feed, when the catalog knows none (see publish.restore_catalog)."""
        with self._transaction() as db:
            if db.execute("SELECT count(*) FROM episodes").fetchone()[0]:
                return 0
            for ep, state in records:
                db.execute(
                    f"INSERT INTO episodes (article_key, updated, fingerprint, mastering, files, {', '.join(_COLUMNS)})"
                    f" VALUES (?, ?, ?, ?, ?, {', '.join('?' * len(_COLUMNS))})",
                    (article_key(ep.source, ep.slug), datetime.now(timezone.utc).isoformat(), state.fingerprint,
                     json.dumps(dict(state.mastering)), json.dumps({k: list(v) for k, v in state.files.items()}),
                     ep.guid, ep.slug, ep.title, ep.author, ep.source, ep.description, ep.language,
                     ep.pub_date.isoformat(), ep.duration_s, ep.size_bytes, ep.sha256, ep.script_hash, ep.version,
                     int(ep.removed)))
            if feed_guid:
                db.execute("INSERT OR REPLACE INTO feed (name, value) VALUES ('podcast_guid', ?)", (feed_guid,))
            return len(records)

    # ── voices ──────────────────────────────────────────────────────────────────

    def remembered_voices(self) -> dict[str, Voice]:
        """Voices given to people in earlier episodes of this folder, so a person sounds the same next week."""
        with self._transaction() as db:
            return _voices(db)

    def remember_voices(self, voices: Mapping[str, Voice]) -> None:
        with self._transaction() as db:
            _store_voices(db, voices)

    def cast(self, choose: Callable[[dict[str, Voice]], tuple[object, Mapping[str, Voice]]]):
        """Read the remembered voices, choose, remember the choice: one transaction, so articles built side
        by side that quote the same person agree on the voice. `choose` returns (result, voices to remember)."""
        with self._transaction() as db:
            result, chosen = choose(_voices(db))
            _store_voices(db, chosen)
            return result

    # ── followed feeds (`articlecast follow`, `update`) ──────────────────────────

    def feed_validators(self, url: str) -> tuple[str | None, str | None]:
        """The ETag and Last-Modified the followed feed's last complete fetch answered with."""
        with self._transaction() as db:
            row = db.execute("SELECT etag, last_modified FROM followed_feeds WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def remember_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO followed_feeds (url, etag, last_modified) VALUES (?, ?, ?)",
                       (url, etag, last_modified))

    def followed_item(self, guid: str) -> FollowedItem | None:
        """What the last update built of a feed item; None for an item never built."""
        with self._transaction() as db:
            row = db.execute("SELECT guid, feed_url, source, version, published FROM followed_items WHERE guid = ?",
                             (guid,)).fetchone()
            if row is None:
                return None
            removed = db.execute("SELECT removed FROM episodes WHERE article_key = ?", (article_key(row[2], ""),)).fetchone()
        return FollowedItem(*row, removed=bool(removed and removed[0]))

    def record_followed(self, item: FollowedItem) -> None:
        with self._transaction() as db:
            db.execute("INSERT OR REPLACE INTO followed_items (guid, feed_url, source, version, published)"
                       " VALUES (?, ?, ?, ?, ?)", (item.guid, item.feed_url, canonical_source(item.source),
                                                   item.version, item.published))

    def followed_episodes(self) -> list[EpisodeRecord]:
        """Published episodes built from followed feeds, newest first by the feed's own dates."""
        with self._transaction() as db:
            rows = db.execute(f"SELECT {', '.join('e.' + c for c in _COLUMNS)} FROM episodes e"
                              " JOIN followed_items f ON e.article_key = f.source WHERE e.removed = 0"
                              " ORDER BY coalesce(f.published, e.pub_date) DESC, e.pub_date DESC").fetchall()
        return [_row_to_record(row) for row in rows]

    # ── the feed ────────────────────────────────────────────────────────────────

    def feed_guid(self, feed_url: str) -> str:
        """The feed's podcast:guid, made from the first feed URL and kept when the URL changes later."""
        with self._transaction() as db:
            return _feed_guid(db, feed_url)

    # ── storage ─────────────────────────────────────────────────────────────────

    def _upsert(self, db: sqlite3.Connection, ep: NewEpisode, now: datetime, size_bytes: int, sha256: str,
                state: BuildState | None) -> str:
        key = article_key(ep.source, ep.slug)
        old = db.execute("SELECT guid, sha256, version FROM episodes WHERE article_key = ?", (key,)).fetchone()
        # Another article that had this slug had its files overwritten by this build: it is gone.
        db.execute("UPDATE episodes SET removed = 1, updated = ? WHERE slug = ? AND article_key != ?",
                   (now.isoformat(), ep.slug, key))
        values = dict(slug=ep.slug, title=ep.title, author=ep.author or "", source=ep.source or "",
                      description=ep.description or "", language=ep.language, duration_s=float(ep.duration_s),
                      size_bytes=size_bytes, sha256=sha256, script_hash=ep.script_hash, updated=now.isoformat())
        if state is not None:
            values |= dict(fingerprint=state.fingerprint, mastering=json.dumps(dict(state.mastering)),
                           files=json.dumps({k: list(v) for k, v in state.files.items()}, sort_keys=True))
        if old is None:
            guid = str(uuid.uuid4())
            values |= dict(guid=guid, article_key=key, pub_date=now.isoformat(), version=1, removed=0)
            db.execute(f"INSERT INTO episodes ({', '.join(values)}) VALUES ({', '.join(':' + k for k in values)})",
                       values)
            return guid
        guid, old_sha256, version = old
        values |= dict(version=version + 1 if old_sha256 != sha256 else version, removed=0)
        db.execute(f"UPDATE episodes SET {', '.join(f'{k} = :{k}' for k in values)} WHERE guid = :guid",
                   dict(values, guid=guid))
        return guid

    def _owe(self, db: sqlite3.Connection, owed: Mapping[Path, Path]) -> None:
        db.executemany("INSERT INTO pending (temp, final) VALUES (?, ?)",
                       [(self._relative(temp), self._relative(final)) for final, temp in owed.items()])

    def _relative(self, path: Path) -> str:
        path = Path(path)
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path.resolve().relative_to(self.root.resolve()))

    def _apply_pending(self, db: sqlite3.Connection) -> int:
        """Roll committed renames forward, in commit order; a temporary file already moved is skipped."""
        rows = db.execute("SELECT id, temp, final FROM pending ORDER BY id").fetchall()
        moved, folders = 0, set()
        for _, temp, final in rows:
            source, target = self.root / temp, self.root / final
            try:
                os.replace(source, target)
            except FileNotFoundError:
                continue  # renamed before a kill, or superseded
            except OSError as e:
                raise OutputError(f"cannot put {target} in place: {e.strerror or e}") from None
            moved += 1
            folders.add(target.parent)
        for folder in folders:
            _fsync_dir(folder)
        if rows:
            db.execute("DELETE FROM pending WHERE id <= ?", (rows[-1][0],))
        return moved

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
            if "full" in str(e):
                raise OutputError(f"disk full while writing the catalog {self.path}") from None
            if "readonly" in str(e) or "unable to open" in str(e) or "disk" in str(e):
                raise OutputError(f"cannot write the catalog {self.path}: {e}") from None
            raise self._corrupt(e) from None
        except sqlite3.DatabaseError as e:
            raise self._corrupt(e) from None
        finally:
            db.close()

    def _migrate(self, db: sqlite3.Connection) -> bool:
        """Bring the schema up to date, one migration at a time in order; True when any ran."""
        version = db.execute("PRAGMA user_version").fetchone()[0]
        if version == 0 and db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]:
            raise sqlite3.DatabaseError("has tables but no articlecast schema version")
        if version > SCHEMA_VERSION:
            raise OutputError(f"the catalog {self.path} was written by a newer articlecast (schema {version}); "
                              "update articlecast to use this folder")
        for number, migration in enumerate(MIGRATIONS[version:], start=version + 1):
            migration(self, db)
            db.execute(f"PRAGMA user_version = {number}")
        check = db.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise sqlite3.DatabaseError(check)
        return version < SCHEMA_VERSION

    def _corrupt(self, e: Exception) -> OutputError:
        hint = "restore it from a backup, or delete it to start a new catalog (apps will then see every episode as new)"
        try:
            damaged = file_sha256(self.path)
            for earlier in sorted(self.path.parent.glob(f"{self.path.name}.corrupt-*")):
                if file_sha256(earlier) == damaged:  # copied aside before: one copy is enough
                    return OutputError(f"the catalog {self.path} is damaged ({e}); a copy is kept as {earlier}", hint=hint)
        except OSError:
            pass
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
        backup = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        try:
            shutil.copy2(self.path, backup)
        except OSError as copy_error:
            return OutputError(f"the catalog {self.path} is damaged ({e}) and could not be copied aside: "
                               f"{copy_error.strerror or copy_error}")
        return OutputError(f"the catalog {self.path} is damaged ({e}); a copy is kept as {backup}", hint=hint)


@contextlib.contextmanager
def _before_commit() -> Iterator[None]:
    """A disk-full or write error before COMMIT rolled everything back: the message may say so."""
    try:
        yield
    except OutputError as e:
        if "disk full" in e.message and not e.message.endswith(PUBLISHED_UNCHANGED):
            raise OutputError(e.message.removesuffix("; the previous file is unchanged") + PUBLISHED_UNCHANGED,
                              hint=e.hint) from e
        raise


# ── queries shared by Catalog and CatalogView ───────────────────────────────────

def _episodes(db: sqlite3.Connection, include_removed: bool) -> list[EpisodeRecord]:
    where = "" if include_removed else "WHERE removed = 0"
    rows = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM episodes {where} ORDER BY pub_date DESC, rowid DESC").fetchall()
    return [_row_to_record(r) for r in rows]


def _feed_guid(db: sqlite3.Connection, feed_url: str) -> str:
    row = db.execute("SELECT value FROM feed WHERE name = 'podcast_guid'").fetchone()
    if row:
        return row[0]
    guid = podcast_guid(feed_url)
    db.execute("INSERT INTO feed (name, value) VALUES ('podcast_guid', ?)", (guid,))
    return guid


def _free_slug(db: sqlite3.Connection, key: str, slug: str, also_taken: Collection[str] = ()) -> str:
    taken = {row[0] for row in db.execute("SELECT slug FROM episodes WHERE article_key != ?", (key,))}
    taken |= {row[0] for row in db.execute("SELECT slug FROM claims WHERE article_key != ?", (key,))}
    taken |= set(also_taken)
    candidate, n = slug, 1
    while candidate in taken:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate


def _voices(db: sqlite3.Connection) -> dict[str, Voice]:
    voices = {}
    for name, value in db.execute("SELECT name, voice FROM voices ORDER BY name"):
        try:
            voices[name] = Voice.parse(json.loads(value))
        except (ValueError, KeyError, TypeError):
            continue  # written by a newer articlecast or damaged: the person gets a voice anew
    return voices


def _store_voices(db: sqlite3.Connection, voices: Mapping[str, Voice]) -> None:
    db.executemany("INSERT OR REPLACE INTO voices (name, voice) VALUES (?, ?)",
                   [(name, json.dumps(v.to_json(), sort_keys=True)) for name, v in voices.items()])


def _row_to_record(row: tuple) -> EpisodeRecord:
    values = dict(zip(_COLUMNS, row, strict=True))
    values["pub_date"] = datetime.fromisoformat(values["pub_date"]).astimezone(timezone.utc)
    values["removed"] = bool(values["removed"])
    return EpisodeRecord(**values)


def _json(text: str, default):
    try:
        value = json.loads(text)
    except (TypeError, ValueError):
        return default
    return value if isinstance(value, type(default)) else default


def _fsync_dir(folder: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _move_legacy_catalog(legacy: Path, path: Path) -> None:
    """Before schema 2 the catalog lay in DIR/ itself, where a web server publishes it: move it in."""
    if not legacy.is_file() or path.exists():
        return
    with contextlib.suppress(sqlite3.Error):  # a read rolls back a hot journal left beside it by a kill
        db = sqlite3.connect(legacy, timeout=BUSY_TIMEOUT_S)
        try:
            db.execute("SELECT count(*) FROM sqlite_master").fetchone()
        finally:
            db.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        os.replace(legacy, path)
        _fsync_dir(path.parent)
    except OSError as e:
        raise OutputError(f"cannot move the catalog {legacy} to {path}: {e.strerror or e}") from None


# ── migrations: applied in order; never edit one that has shipped, add the next ──

def _run(db: sqlite3.Connection, script: str) -> None:
    # executescript() would commit the open transaction; run the statements one by one inside it.
    for statement in script.split(";"):
        lines = [line.split("--", 1)[0] for line in statement.splitlines()]
        if "".join(lines).strip():
            db.execute("\n".join(lines))


def _m1_episodes(catalog: Catalog, db: sqlite3.Connection) -> None:
    _run(db, """
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
        )""")


def _m2_folder_state(catalog: Catalog, db: sqlite3.Connection) -> None:
    """The state JSON files under .articlecast/ move in: one store, changed in one transaction."""
    _run(db, """
        ALTER TABLE episodes ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
        ALTER TABLE episodes ADD COLUMN mastering TEXT NOT NULL DEFAULT '{}';
        ALTER TABLE episodes ADD COLUMN files TEXT NOT NULL DEFAULT '{}';  -- name -> [size, sha256]
        CREATE TABLE voices (
            name   TEXT PRIMARY KEY,
            voice  TEXT NOT NULL                -- JSON of a Voice
        );
        CREATE TABLE claims (
            slug         TEXT PRIMARY KEY,      -- taken by an article whose build has not committed yet
            article_key  TEXT NOT NULL
        );
        CREATE TABLE pending (
            id     INTEGER PRIMARY KEY AUTOINCREMENT,
            temp   TEXT NOT NULL,               -- relative to the output folder
            final  TEXT NOT NULL
        )""")
    state = catalog.state_dir if catalog.state_dir.name == STATE_DIR else catalog.root / STATE_DIR
    voices = _legacy_json(state / "voices.json")
    for name, value in voices.items():
        with contextlib.suppress(ValueError, KeyError, TypeError):
            _store_voices(db, {name: Voice.parse(value)})
    written = _legacy_json(state / "written.json")
    for slug, build in _legacy_json(state / "builds.json").items():
        if not isinstance(build, dict):
            continue
        sizes = build.get("sizes") if isinstance(build.get("sizes"), dict) else {}
        files = {name: [size, written.get(name, "") if isinstance(written.get(name), str) else ""]
                 for name, size in sizes.items() if isinstance(size, int)}
        mastering = build.get("mastering") if isinstance(build.get("mastering"), dict) else {}
        db.execute("UPDATE episodes SET fingerprint = ?, mastering = ?, files = ? WHERE slug = ? AND removed = 0",
                   (str(build.get("fingerprint", "")), json.dumps(mastering), json.dumps(files), slug))
    # scripts written but never recorded in builds.json still count as articlecast's own
    for name, digest in written.items():
        if name.endswith(".script.json") and isinstance(digest, str):
            slug = name.removesuffix(".script.json")
            row = db.execute("SELECT files FROM episodes WHERE slug = ? AND removed = 0", (slug,)).fetchone()
            if row is not None:
                files = _json(row[0], {})
                if name not in files:
                    files[name] = [-1, digest]
                    db.execute("UPDATE episodes SET files = ? WHERE slug = ? AND removed = 0", (json.dumps(files), slug))


def _m3_canonical_sources(catalog: Catalog, db: sqlite3.Connection) -> None:
    """Articles are keyed by resolved path or normalised URL; older rows kept the spelling given.

    Relative paths are resolved from the current folder, the best guess there is for them.
    """
    for guid, key in db.execute("SELECT guid, article_key FROM episodes").fetchall():
        if key.startswith("slug:"):
            continue
        canonical = canonical_source(key)
        if canonical != key and not db.execute("SELECT 1 FROM episodes WHERE article_key = ?", (canonical,)).fetchone():
            db.execute("UPDATE episodes SET article_key = ? WHERE guid = ?", (canonical, guid))


def _m4_followed_feeds(catalog: Catalog, db: sqlite3.Connection) -> None:
    """`articlecast update` remembers each feed's validators and which items it built."""
    _run(db, """
        CREATE TABLE followed_feeds (
            url            TEXT PRIMARY KEY,
            etag           TEXT,
            last_modified  TEXT
        );
        CREATE TABLE followed_items (
            guid       TEXT PRIMARY KEY,
            feed_url   TEXT NOT NULL,
            source     TEXT NOT NULL,           -- canonical, as episodes.article_key
            version    TEXT NOT NULL,           -- what the feed said of the item when it was built
            published  TEXT                     -- the feed's date, ISO 8601 UTC
        )""")


MIGRATIONS: tuple[Callable[[Catalog, sqlite3.Connection], None], ...] = (
    _m1_episodes, _m2_folder_state, _m3_canonical_sources, _m4_followed_feeds)
SCHEMA_VERSION = len(MIGRATIONS)
_LEGACY_STATE = ("voices.json", "written.json", "builds.json")


def _legacy_json(path: Path) -> dict:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _drop_legacy_state(state: Path) -> None:
    """After the migration committed, the JSON files it took in are gone: one place holds the state."""
    for name in _LEGACY_STATE:
        with contextlib.suppress(OSError):
            (state / name).unlink()
