"""`articlecast publish DIR --to URL`: the public files of a podcast folder, copied to real hosting.

    s3://bucket/prefix          any S3-compatible store (AWS, Cloudflare R2, Backblaze B2, MinIO, SeaweedFS)
    sftp://user@host[:port]/path   an SSH server
    file:///path                a local folder, e.g. a web server's document root

Only public files go: feed.xml, index.html, cover.jpg and the files the feed names (MP3s, transcripts,
chapters, episode covers). Private state (DIR/.articlecast/, articlecast.toml, the catalog, the editable
*.script.json) never leaves the folder.

The order keeps the remote feed honest: changed media first, then index.html, then feed.xml, and only
then are files deleted that the new feed no longer names. A failure half-way therefore leaves the old
feed (whose files are all still there) or the new one (whose files have all arrived).

What is already there is known from a manifest the upload leaves beside the feed
(.articlecast-manifest.json: path, size and SHA-256 of every file it uploaded, and the base URL), checked
against the remote listing: a file whose size differs, or that is gone, is uploaded again. S3 stores
also report an MD5 (the ETag of a single-part upload), file:// targets are read directly. Only files the
manifest lists are ever deleted: whatever else lives at the target is left alone.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from lxml import etree

from articlecast.config import is_local_url
from articlecast.errors import InputError, OutputError
from articlecast.output.feed import FEED_NAME, ITUNES, PODCAST, published_base_url
from articlecast.output.page import PAGE_NAME

MANIFEST_NAME = ".articlecast-manifest.json"
MANIFEST_VERSION = 1
PAGES = (PAGE_NAME, FEED_NAME)  # uploaded last, in this order: the feed is the very last public file
PRIVATE_NAMES = ("articlecast.toml",)
PRIVATE_SUFFIXES = (".sqlite", ".script.json", ".part")
CONTENT_TYPES = {
    ".mp3": "audio/mpeg",
    ".m4a": "audio/mp4",
    ".vtt": "text/vtt; charset=utf-8",
    ".json": "application/json; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".xml": "application/rss+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
}
# Apps poll the feed: a new episode must show within minutes. Media change rarely (a rebuilt episode
# gets a new ?v= in its URL, which caches key on), so a day is fine for them.
CACHE_PAGES = "public, max-age=300"
CACHE_MEDIA = "public, max-age=86400"
_CHUNK = 1 << 20
Report = Callable[[str], None]


@dataclass(frozen=True)
class LocalFile:
    path: str  # relative, with "/" (the remote key below the target)
    source: Path
    size: int
    sha256: str
    md5: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(PurePosixPath(self.path).suffix.lower(), "application/octet-stream")

    @property
    def cache_control(self) -> str:
        return CACHE_PAGES if self.path in PAGES else CACHE_MEDIA


@dataclass(frozen=True)
class RemoteFile:
    size: int
    md5: str | None = None  # S3's ETag of a single-part upload
    sha256: str | None = None  # file:// targets hash the file itself


@dataclass(frozen=True)
class Plan:
    media: tuple[LocalFile, ...]  # new or changed, uploaded first
    pages: tuple[LocalFile, ...]  # new or changed index.html and feed.xml, uploaded last
    delete: tuple[str, ...]  # uploaded before, no longer public: deleted after the feed
    unchanged: tuple[LocalFile, ...]
    files: tuple[LocalFile, ...]  # every public file
    base_url: str | None  # the feed's


@dataclass(frozen=True)
class Outcome:
    uploaded: int
    deleted: int
    unchanged: int
    bytes_sent: int


class Remote:
    """One upload target. Every method raises OutputError/NetworkError with a one-line message."""

    url: str

    def list(self) -> dict[str, RemoteFile]:
        raise NotImplementedError

    def put(self, local: LocalFile) -> None:
        raise NotImplementedError

    def delete(self, path: str) -> None:
        raise NotImplementedError

    def read(self, path: str) -> bytes | None:
        raise NotImplementedError

    def write(self, path: str, data: bytes, content_type: str) -> None:
        raise NotImplementedError

    def close(self) -> None:
        pass


# ── what is public ───────────────────────────────────────────────────────────────

def public_files(out_dir: Path) -> tuple[list[LocalFile], str | None]:
    """feed.xml, index.html and every file of this folder the feed points at; and the feed's base URL.

    Read from the feed itself, so that exactly what subscribers will fetch is uploaded: a removed
    episode's files (which stay in the folder) are not.
    """
    out_dir = Path(out_dir)
    feed = out_dir / FEED_NAME
    if not feed.is_file():
        raise InputError(f"{out_dir} has no {FEED_NAME}; build an episode first (articlecast build ARTICLE --out {out_dir})")
    base_url = published_base_url(out_dir)
    if base_url is None:
        raise InputError(f"{feed} names no self URL (atom:link rel=self); rebuild it with this articlecast")
    paths = dict.fromkeys(p for p in (PAGE_NAME,) if (out_dir / p).is_file())
    for url in feed_urls(feed):
        relative = _relative(url, base_url)
        if relative and is_public_path(relative):
            if not _resolves_to_public(out_dir, relative):
                raise InputError(f"{out_dir / relative} links outside the folder or into its private state; "
                                 "nothing was published")
            if not (out_dir / relative).is_file():
                raise InputError(f"{feed} names {url}, but {out_dir / relative} does not exist; "
                                 "rebuild the feed (articlecast build ...) before publishing")
            paths[relative] = None
    paths[FEED_NAME] = None
    return [_local(out_dir, p) for p in sorted(paths, key=lambda p: (p in PAGES, p))], base_url


def feed_urls(feed: Path) -> list[str]:
    """Every URL of a file the feed announces: enclosures, images, transcripts, chapters."""
    root = etree.parse(str(feed), etree.XMLParser(resolve_entities=False, no_network=True)).getroot()
    urls = [e.get("url") for e in root.iter("enclosure", f"{{{PODCAST}}}transcript", f"{{{PODCAST}}}chapters")]
    urls += [e.get("href") for e in root.iter(f"{{{ITUNES}}}image")]
    urls += [e.text for e in root.iterfind("channel/image/url")]
    return [u.strip() for u in urls if u and u.strip()]


def is_public_path(relative: str) -> bool:
    """False for private state: dot files and folders (.articlecast/), settings, the catalog, scripts."""
    parts = PurePosixPath(relative).parts
    if not parts or any(p.startswith(".") or p == ".." for p in parts):
        return False
    name = parts[-1]
    return name not in PRIVATE_NAMES and not name.endswith(PRIVATE_SUFFIXES)


def _resolves_to_public(out_dir: Path, relative: str) -> bool:
    """False for a link that leads out of the folder or into its private state."""
    try:
        resolved = (out_dir / relative).resolve().relative_to(out_dir.resolve()).as_posix()
    except (OSError, ValueError):
        return False
    return is_public_path(resolved)


def _relative(url: str, base_url: str) -> str | None:
    """"episodes/a.mp3" for base_url + "episodes/a.mp3?v=2"; None for URLs elsewhere."""
    if not url.startswith(base_url):
        return None
    path = unquote(urlsplit(url[len(base_url):]).path)
    return path or None


def _local(out_dir: Path, relative: str) -> LocalFile:
    source = out_dir / relative
    sha, md5 = hashlib.sha256(), hashlib.md5()
    try:
        with open(source, "rb") as f:
            while chunk := f.read(_CHUNK):
                sha.update(chunk)
                md5.update(chunk)
        size = source.stat().st_size
    except OSError as e:
        raise OutputError(f"cannot read {source}: {e.strerror or e}") from None
    return LocalFile(relative, source, size, sha.hexdigest(), md5.hexdigest())


# ── what to send ─────────────────────────────────────────────────────────────────

def plan_upload(out_dir: Path, remote: Remote) -> Plan:
    files, base_url = public_files(out_dir)
    listing = remote.list()
    manifest = read_manifest(remote)
    known = manifest.get("files", {})
    changed = [f for f in files if not _same(f, listing.get(f.path), known.get(f.path))]
    public = {f.path for f in files}
    delete = tuple(sorted(p for p in known if p not in public and p in listing and is_public_path(p)))
    return Plan(media=tuple(f for f in changed if f.path not in PAGES),
                pages=tuple(sorted((f for f in changed if f.path in PAGES), key=lambda f: PAGES.index(f.path))),
                delete=delete, unchanged=tuple(f for f in files if f.path not in {c.path for c in changed}),
                files=tuple(files), base_url=base_url)


def _same(local: LocalFile, remote: RemoteFile | None, recorded: Mapping | None) -> bool:
    if remote is None or remote.size != local.size:
        return False
    if remote.sha256 is not None:
        return remote.sha256 == local.sha256
    if remote.md5 is not None:
        return remote.md5 == local.md5
    return bool(recorded) and recorded.get("sha256") == local.sha256 and recorded.get("size") == local.size


def read_manifest(remote: Remote) -> dict:
    data = remote.read(MANIFEST_NAME)
    if not data:
        return {}
    try:
        manifest = json.loads(data)
        return manifest if isinstance(manifest, dict) and isinstance(manifest.get("files"), dict) else {}
    except ValueError:
        return {}  # unreadable: treat every file as unknown, upload all, delete nothing


def check_target_base_url(plan: Plan, remote: Remote, *, force: bool, warn: Report) -> None:
    """A feed with local URLs must not replace a public one at the target (subscribers would lose it)."""
    if plan.base_url is None or not is_local_url(plan.base_url):
        return
    earlier = read_manifest(remote).get("base_url") or ""
    message = f"the feed's URLs start with {plan.base_url}, which only this computer can reach"
    if earlier and not is_local_url(earlier):
        message = f"{message}; the feed at {remote.url} uses {earlier}"
        if not force:
            raise InputError(message, hint=f"rebuild with --base-url {earlier}, or use --force if this is really meant")
    warn(f"articlecast: warning: {message}")


def upload(plan: Plan, remote: Remote, *, report: Report, dry_run: bool = False) -> Outcome:
    """Send the plan: media, then the page and feed, then deletions; the manifest after each phase."""
    sent = 0
    for local in (*plan.media, *plan.pages):
        report(f"{'would upload' if dry_run else 'upload'} {local.path} ({_size(local.size)})")
    for path in plan.delete:
        report(f"{'would delete' if dry_run else 'delete'} {path}")
    if dry_run:
        return Outcome(len(plan.media) + len(plan.pages), len(plan.delete), len(plan.unchanged), 0)

    manifest = read_manifest(remote)
    files: dict[str, dict] = dict(manifest.get("files", {}))
    for local in plan.unchanged:
        files[local.path] = _entry(local)
    for phase in (plan.media, plan.pages):
        for local in phase:
            remote.put(local)
            files[local.path] = _entry(local)
            sent += local.size
        _write_manifest(remote, files, plan.base_url if phase is plan.pages else manifest.get("base_url"))
    for path in plan.delete:
        remote.delete(path)
        files.pop(path, None)
    _write_manifest(remote, files, plan.base_url)
    return Outcome(len(plan.media) + len(plan.pages), len(plan.delete), len(plan.unchanged), sent)


def _entry(local: LocalFile) -> dict:
    return {"size": local.size, "sha256": local.sha256}


def _write_manifest(remote: Remote, files: Mapping[str, dict], base_url: str | None) -> None:
    data = {"version": MANIFEST_VERSION, "generator": "articlecast", "base_url": base_url or "",
            "files": dict(sorted(files.items()))}
    remote.write(MANIFEST_NAME, (json.dumps(data, indent=1) + "\n").encode("utf-8"), "application/json")


def _size(n: int) -> str:
    return f"{n / 1e6:.1f} MB" if n >= 1e6 else f"{max(1, round(n / 1e3))} kB"


def open_remote(url: str, *, endpoint_url: str = "") -> Remote:
    """The target for `url` (s3://, sftp://, file://); InputError for anything else."""
    from articlecast.output.upload import targets

    return targets.open_remote(url, endpoint_url=endpoint_url)
