"""`articlecast serve`: the podcast folder over HTTP, as podcast apps and browsers expect it.

Apps seek and resume with byte ranges, revalidate the feed with ETag / If-Modified-Since, and
hang up mid-download all the time; none of that may disturb another client. Only published
files inside the folder are served: no `..`, no symlinks leading out, no directory listings,
and nothing private, judged by the name asked for *and* by the file it resolves to (a link
named `x.mp3` that points at the catalog is still the catalog). Published means a podcast
file type (mp3, feed, page, transcript, chapters, images); editor backups (`~`, `.bak`,
`.swp`), temporary files, the settings and the build state never are.

Web players on other sites fetch transcripts and chapters with JavaScript, so every file
carries `Access-Control-Allow-Origin: *` (the folder is public by definition); text is sent
gzip-compressed to clients that ask for it.

Connections are served by a bounded pool of threads (MAX_CLIENTS), so a burst of hundreds of
listeners is served side by side while a flood cannot grow the server without end; idle
connections time out (IDLE_TIMEOUT_S) so slow or silent clients give their thread back.
"""
from __future__ import annotations

import email.utils
import errno
import gzip
import os
import queue
import re
import sys
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from articlecast import __version__
from articlecast.errors import OutputError
from articlecast.output.upload import is_public_path
from articlecast.terminal import printable

CHUNK_BYTES = 64 * 1024
MAX_CLIENTS = 512  # connections served at once; more wait in the listen queue, none is refused
LISTEN_BACKLOG = 1024  # connections the kernel holds before one is accepted (capped by net.core.somaxconn)
IDLE_TIMEOUT_S = 30.0  # a connection that sends nothing for this long is closed and frees its thread
GZIP_MAX_BYTES = 16 * 1024 * 1024  # text files are compressed in memory: only up to this size
_NUMBER_DIGITS = 18  # a byte position longer than this is past the end of any file
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
COMPRESSIBLE = frozenset({".xml", ".vtt", ".json", ".html", ".css", ".js", ".txt", ".md"})
# Build state and settings, whichever folder they are in: hidden names (.articlecast/, editor
# swap files, temporary parts), the catalog and its journals, articlecast.toml and its backups.
PRIVATE_NAME = re.compile(r"^\.|^catalog\.sqlite|^articlecast\.toml|~$|^#.*#$", re.IGNORECASE)
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
        suffix = _position(last)
        if suffix == 0 or size == 0:
            raise Unsatisfiable
        return ByteRange(max(0, size - suffix), size - 1)
    start = _position(first)
    if last != "" and _position(last) < start:
        return None  # invalid: ignore the header
    if start >= size:
        raise Unsatisfiable
    end = min(_position(last), size - 1) if last != "" else size - 1
    return ByteRange(start, end)


def _position(digits: str) -> int:
    """A byte position; thousands of digits (which int() refuses past 4,300) mean "beyond any file"."""
    digits = digits.lstrip("0") or "0"
    return int(digits) if len(digits) <= _NUMBER_DIGITS else 10 ** _NUMBER_DIGITS


class PodcastRequestHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: players send many range requests
    server_version = f"articlecast/{__version__}"
    timeout = IDLE_TIMEOUT_S  # the socket's timeout: a silent or trickling client cannot hold a thread
    server: PodcastServer

    def do_GET(self) -> None:
        self._serve(body=True)

    def do_HEAD(self) -> None:
        self._serve(body=False)

    def do_OPTIONS(self) -> None:
        """A CORS preflight (a web player sending Range or If-None-Match from another site)."""
        self.send_response(HTTPStatus.NO_CONTENT)
        self.send_header("Allow", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Allow-Methods", "GET, HEAD, OPTIONS")
        self.send_header("Access-Control-Allow-Headers", "Range, If-None-Match, If-Modified-Since, If-Match, If-Range")
        self.send_header("Access-Control-Max-Age", "86400")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def handle(self) -> None:
        try:
            super().handle()
        except (*_DISCONNECTS, TimeoutError):
            self.close_connection = True  # the client hung up or went silent: nobody else affected

    def log_error(self, format: str, *args) -> None:
        if format.startswith("code %d"):  # send_error's "code 404, message Not Found": the request line says it
            return
        super().log_error(format, *args)  # a request that timed out or could not be parsed

    def log_message(self, format: str, *args) -> None:
        if self.server.log_requests:  # the request line is the client's text: never raw on a terminal
            sys.stderr.write(f"{self.address_string()} - {printable(format % args)}\n")

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
            source: _Body = _FileBody(f, stat.st_size)
            compressible = path.suffix.lower() in COMPRESSIBLE and stat.st_size <= GZIP_MAX_BYTES
            if compressible and _accepts_gzip(self.headers.get("Accept-Encoding")):
                source = _BytesBody(gzip.compress(f.read(stat.st_size), compresslevel=6, mtime=0))
                etag = etag[:-1] + '-gz"'  # another representation, another strong validator
            headers = _Headers(path, etag, last_modified, gzipped=isinstance(source, _BytesBody), vary=compressible)
            if not self._preconditions_hold(etag, int(stat.st_mtime)):
                self._empty(HTTPStatus.PRECONDITION_FAILED, headers)
                return
            if self._not_modified(etag, int(stat.st_mtime)):
                self._empty(HTTPStatus.NOT_MODIFIED, headers, length=False)
                return
            size = source.size
            try:
                wanted = parse_range(self.headers.get("Range"), size) if self._if_range_holds(etag, last_modified) else None
            except Unsatisfiable:
                self.send_response(HTTPStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                self.send_header("Content-Range", f"bytes */{size}")
                self.send_header("Content-Length", "0")
                self._common_headers(headers)
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
            self._common_headers(headers)
            self.end_headers()
            if body:
                self._copy(source, wanted)

    def _empty(self, status: HTTPStatus, headers: _Headers, *, length: bool = True) -> None:
        self.send_response(status)
        if length:
            self.send_header("Content-Length", "0")
        self._common_headers(headers)
        self.end_headers()

    def _resolve(self) -> tuple[Path | None, HTTPStatus]:
        """The published file a request path names inside the folder, or why there is none."""
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
            if real.is_dir():
                real = (real / "index.html").resolve(strict=True)
        except (OSError, RuntimeError):
            return None, HTTPStatus.NOT_FOUND
        if root not in real.parents:
            return None, HTTPStatus.FORBIDDEN  # a symlink leading out of the folder
        if not is_published(real.relative_to(root)) or not real.is_file():
            return None, HTTPStatus.NOT_FOUND  # a link to the catalog or the settings is still private
        return real, HTTPStatus.OK

    def _preconditions_hold(self, etag: str, mtime_s: int) -> bool:
        """If-Match / If-Unmodified-Since (RFC 9110 13.1.1, 13.1.4): a client that saw another version gets 412."""
        if_match = self.headers.get("If-Match")
        if if_match is not None:
            tags = [t.strip() for t in if_match.split(",")]
            return "*" in tags or etag in tags  # strong comparison: W/ tags never match
        since = _parse_http_date(self.headers.get("If-Unmodified-Since"))
        return since is None or mtime_s <= since

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

    def _common_headers(self, headers: _Headers) -> None:
        self.send_header("Accept-Ranges", "bytes")
        self.send_header("ETag", headers.etag)
        self.send_header("Last-Modified", headers.last_modified)
        self.send_header("Cache-Control", "no-cache")  # revalidate each time: cheap with ETag, never stale
        if headers.gzipped:
            self.send_header("Content-Encoding", "gzip")
        if headers.vary:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("Access-Control-Expose-Headers", "Content-Length, Content-Range, ETag, Accept-Ranges")

    def _copy(self, source: _Body, wanted: ByteRange) -> None:
        left = wanted.length
        try:
            for chunk in source.chunks(wanted.start, wanted.length):
                self.wfile.write(chunk)
                left -= len(chunk)
        except (*_DISCONNECTS, TimeoutError):
            self.close_connection = True
        if left > 0:
            self.close_connection = True  # the file shrank while being sent; the client sees a short body


@dataclass(frozen=True)
class _Headers:
    path: Path
    etag: str
    last_modified: str
    gzipped: bool
    vary: bool


class _FileBody:
    def __init__(self, f, size: int) -> None:
        self.f, self.size = f, size

    def chunks(self, start: int, length: int):
        self.f.seek(start)
        while length > 0:
            chunk = self.f.read(min(CHUNK_BYTES, length))
            if not chunk:
                return
            yield chunk
            length -= len(chunk)


class _BytesBody:
    def __init__(self, data: bytes) -> None:
        self.data, self.size = data, len(data)

    def chunks(self, start: int, length: int):
        view = memoryview(self.data)[start:start + length]
        for offset in range(0, len(view), CHUNK_BYTES):
            yield view[offset:offset + CHUNK_BYTES]


_Body = _FileBody | _BytesBody


def is_published(relative: PurePosixPath | Path) -> bool:
    """Whether a file (relative to the folder) is for listeners: a podcast file type, nothing private.

    What `articlecast publish` would upload (is_public_path: no scripts, no state) and, beyond
    that, no backups or settings wherever they lie.
    """
    return (relative.suffix.lower() in CONTENT_TYPES and is_public_path(PurePosixPath(relative).as_posix())
            and not any(PRIVATE_NAME.search(part) for part in relative.parts))


def _accepts_gzip(header: str | None) -> bool:
    for item in (header or "").split(","):
        coding, _, params = item.strip().partition(";")
        if coding.strip().lower() in ("gzip", "x-gzip"):
            q = params.strip().lower().removeprefix("q=")
            try:
                return not params.strip() or float(q) > 0
            except ValueError:
                return False
    return False


class PodcastServer(HTTPServer):
    """An HTTP server whose connections are handled by at most MAX_CLIENTS threads.

    The standard ThreadingHTTPServer starts a thread per connection without limit and keeps a
    listen backlog of 5, so a burst of clients overflows the kernel's queue and some wait a
    minute for a retransmitted handshake. Here the kernel may hold LISTEN_BACKLOG connections,
    accepted ones wait in a queue for a free thread, and threads are daemons: a slow download
    never keeps Ctrl-C from ending the server.
    """

    request_queue_size = LISTEN_BACKLOG
    allow_reuse_address = True

    def __init__(self, address: tuple[str, int], root: Path, *, log_requests: bool,
                 max_clients: int = MAX_CLIENTS) -> None:
        self.root = root
        self.log_requests = log_requests
        self.max_clients = max_clients
        self._waiting: queue.SimpleQueue = queue.SimpleQueue()
        self._threads: list[threading.Thread] = []
        self._idle = 0
        self._pool_lock = threading.Lock()
        super().__init__(address, PodcastRequestHandler)

    def process_request(self, request, client_address) -> None:
        with self._pool_lock:
            if self._idle == 0 and len(self._threads) < self.max_clients:
                thread = threading.Thread(target=self._work, name=f"articlecast-serve-{len(self._threads)}", daemon=True)
                self._threads.append(thread)
                thread.start()
            else:
                self._idle -= 1 if self._idle else 0
        self._waiting.put((request, client_address))

    def _work(self) -> None:
        while True:
            request, client_address = self._waiting.get()
            if request is None:
                return
            try:
                self.finish_request(request, client_address)
            except Exception:
                self.handle_error(request, client_address)
            finally:
                self.shutdown_request(request)
                with self._pool_lock:
                    self._idle += 1

    def server_close(self) -> None:
        super().server_close()
        for _ in self._threads:
            self._waiting.put((None, None))

    def handle_error(self, request, client_address) -> None:
        if isinstance(sys.exc_info()[1], (*_DISCONNECTS, TimeoutError)):
            return
        super().handle_error(request, client_address)


def content_type(path: Path) -> str:
    return CONTENT_TYPES.get(path.suffix.lower(), "application/octet-stream")


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 8000, *,
                log_requests: bool = False) -> PodcastServer:
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
    try:  # from the line that invites Ctrl-C on, Ctrl-C is a plain stop (a script may send SIGINT at once)
        print(f"serving {Path(directory).resolve()} at http://{shown_host}:{bound_port}/ "
              f"(feed: http://{shown_host}:{bound_port}/feed.xml); Ctrl-C stops", flush=True)
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
