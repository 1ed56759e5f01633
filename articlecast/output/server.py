"""`articlecast serve`: the podcast folder over HTTP, as podcast apps and browsers expect it.

Apps seek and resume with byte ranges, revalidate the feed with ETag / If-Modified-Since, and
hang up mid-download all the time; none of that may disturb another client. Only files inside
the folder are served (no `..`, no symlinks leading out, no hidden files, no catalog), and
no directory listings.
"""
from __future__ import annotations

import email.utils
import errno
import os
import re
import sys
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

from articlecast import __version__
from articlecast.errors import OutputError

CHUNK_BYTES = 64 * 1024
CONTENT_TYPES = {
    ".mp3": "audio/mpeg",
    ".xml": "application/rss+xml; charset=utf-8",  # the folder's only XML file is the feed
    ".vtt": "text/vtt; charset=utf-8",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".md": "text/plain; charset=utf-8",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
PRIVATE_NAME = re.compile(r"^\.|^catalog\.sqlite|^articlecast\.toml$")  # build state, not for listeners
_ABSOLUTE_FORM = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_DISCONNECTS = (BrokenPipeError, ConnectionResetError, ConnectionAbortedError)


@dataclass(frozen=True)
class ByteRange:
    start: int
    end: int  # inclusive, as in Content-Range

    @property
    def length(self) -> int:
        return self.end - self.start + 1


class Unsatisfiable(Exception):
    pass


def parse_range(header: str | None, size: int) -> ByteRange | None:
    """The single byte range asked for, or None for the whole file (no header, several ranges, bad syntax).

    Raises Unsatisfiable when the range lies wholly past the end of the file (RFC 9110 14.1.2).
    """
    if not header:
        return None
    unit, _, spec = header.partition("=")
    if unit.strip().lower() != "bytes" or "," in spec:
        return None  # several ranges: answering 200 with the whole file is allowed
    match = re.fullmatch(r"\s*(\d*)\s*-\s*(\d*)\s*", spec)
    if not match or match.group(1) == match.group(2) == "":
        return None
    first, last = match.group(1), match.group(2)
    if first == "":  # suffix: the last N bytes
        suffix = int(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return ByteRange(max(0, size - suffix), size - 1)
    start = int(first)
    if last != "" and int(last) < start:
        return None  # invalid: ignore the header
    if start >= size:
        raise Unsatisfiable
    end = min(int(last), size - 1) if last != "" else size - 1
    return ByteRange(start, end)


class PodcastRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: players send many range requests
    server_version = f"articlecast/{__version__}"
    server: PodcastServer

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def handle(self) -> None:
        try:
            super().handle()
        except _DISCONNECTS:
            self.close_connection = True  # the client hung up: nothing to answer, nobody else affected

    def log_message(self, format: str, *args) -> None:
        if self.server.log_requests:
            sys.stderr.write(f"{self.address_string()} - {format % args}\n")

    def _serve(self, *, body: bool) -> None:
        path, status = self._resolve()
        if path is None:
            self.send_error(status)
            return
        try:
            f = open(path, "rb")
        except OSError:
            self.send_error(HTTPStatus.NOT_FOUND)
            return
        with f:
            stat = os.fstat(f.fileno())
            etag = f'"{stat.st_mtime_ns:x}-{stat.st_size:x}"'
            last_modified = email.utils.formatdate(stat.st_mtime, usegmt=True)
            if self._not_modified(etag, int(stat.st_mtime)):
                self.send_response(HTTPStatus.NOT_MODIFIED)
                self._common_headers(path, etag, last_modified)
                self.end_headers()
                return
            size = stat.st_size
            try:
                wanted = parse_range(self.headers.get("Range"), size) if self._if_range_holds(etag, last_modified) else None
            except Unsatisfiable:
                self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self._common_headers(path, etag, last_modified)
                self.end_headers()
                return
            if wanted is None:
                self.send_response(HTTPStatus.OK)
                wanted = ByteRange(0, size - 1)
            else:
                self.send_response(HTTPStatus.PARTIAL_CONTENT)
                self.send_header("Content-Range", f"bytes {wanted.start}-{wanted.end}/{size}")
            self.send_header("Content-Type", content_type(path))
            self.send_header("Content-Length", str(max(0, wanted.length)))
            self._common_headers(path, etag, last_modified)
            self.end_headers()
            if body:
                self._copy(f, wanted)

    def _resolve(self) -> tuple[Path | None, HTTPStatus]:
        """The file a request path names inside the folder, or why there is none."""
        target = self.path
        if _ABSOLUTE_FORM.match(target):  # "GET http://host/feed.xml", as proxies send it
            target = urlsplit(target).path
        url_path = target.split("?", 1)[0].split("#", 1)[0]  # the query (?v=3) only busts caches
        parts = [unquote(p) for p in url_path.split("/")]
        if any(p in ("..", ".") or "\0" in p or "/" in p or "\\" in p for p in parts):
            return None, HTTPStatus.FORBIDDEN
        names = [p for p in parts if p]
        if any(PRIVATE_NAME.search(n) for n in names):
            return None, HTTPStatus.NOT_FOUND
        root = self.server.root
        candidate = root.joinpath(*names) if names else root
        try:
            real = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            return None, HTTPStatus.NOT_FOUND
        if real != root and root not in real.parents:
            return None, HTTPStatus.FORBIDDEN  # a symlink leading out of the folder
        if real.is_dir():
            real = real / "index.html"
        if not real.is_file():
            return None, HTTPStatus.NOT_FOUND
        return real, HTTPStatus.OK

    def _not_modified(self, etag: str, mtime_s: int) -> bool:
        if_none_match = self.headers.get("If-None-Match")
        if if_none_match is not None:  # takes precedence over the date (RFC 9110 13.2.2)
            tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
            return "*" in tags or etag in tags
        since = _parse_http_date(self.headers.get("If-Modified-Since"))
        return since is not None and mtime_s <= since

    def _if_range_holds(self, etag: str, last_modified: str) -> bool:
        """A Range with If-Range applies only while the file is the one the client has half of."""
        if_range = self.headers.get("If-Range")
        return if_range is None or if_range.strip() in (etag, last_modified)

    def _common_headers(self, path: Path, etag: str, last_modified: str) -> None:
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", etag)
        self.send_header("Last-Modified", last_modified)
        self.send_header("Cache-Control", "no-cache")  # revalidate each time: cheap with ETag, never stale

    def _copy(self, f, wanted: ByteRange) -> None:
        f.seek(wanted.start)
        left = wanted.length
        try:
            while left > 0:
                chunk = f.read(min(CHUNK_BYTES, left))
                if not chunk:
                    break  # the file shrank while being sent; the client sees a short body
                self.wfile.write(chunk)
                left -= len(chunk)
        except _DISCONNECTS:
            self.close_connection = True
        if left > 0:
            self.close_connection = True


class PodcastServer(ThreadingHTTPServer):
    daemon_threads = True  # a slow download never keeps Ctrl-C from ending the server

    def __init__(self, address: tuple[str, int], root: Path, *, log_requests: bool) -> None:
        self.root = root
        self.log_requests = log_requests
        super().__init__(address, PodcastRequestHandler)

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], _DISCONNECTS):
            return
        super().handle_error(request, client_address)


def content_type(path: Path) -> str:
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000, *,
                log_requests: bool = False) -> ThreadingHTTPServer:
    """A server for `directory`, bound but not yet serving (call serve_forever); port 0 picks a free port."""
    root = Path(directory).resolve()
    if not root.is_dir():
        raise OutputError(f"{directory} is not a folder")
    try:
        return PodcastServer((host, port), root, log_requests=log_requests)
    except OSError as e:
        if e.errno == errno.EADDRINUSE:
            raise OutputError(f"port {port} on {host} is already in use", hint=f"try --port {port + 1}") from None
        raise OutputError(f"cannot serve on {host}:{port}: {e.strerror or e}") from None


def serve(directory: Path, host: str = "127.0.0.1", port: int = 8000) -> None:
    """Serve until Ctrl-C."""
    server = make_server(directory, host, port, log_requests=True)
    bound_host, bound_port = server.server_address[:2]
    shown_host = "localhost" if bound_host in ("127.0.0.1", "::1") else bound_host
    print(f"serving {Path(directory).resolve()} at http://{shown_host}:{bound_port}/ "
          f"(feed: http://{shown_host}:{bound_port}/feed.xml); Ctrl-C stops", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        print("stopped", flush=True)
    finally:
        server.server_close()


def _parse_http_date(value: str | None) -> int | None:
    if not value:
        return None
    try:
        parsed = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return int(parsed.timestamp()) if parsed.tzinfo else None
