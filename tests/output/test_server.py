"""The HTTP server, over real sockets on 127.0.0.1: types, ranges, caching, confinement, hang-ups."""
from __future__ import annotations

import gzip
import hashlib
import http.client
import os
import socket
import struct
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from podcast_fixtures import serving

from articlecast.errors import OutputError
from articlecast.output.server import ByteRange, Unsatisfiable, make_server, parse_range

MP3 = "/episodes/strom-vom-dach.mp3"


@dataclass(frozen=True)
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


def fetch(base_url: str, path: str, *, method: str = "GET", headers: dict[str, str] | None = None) -> Response:
    host, port = base_url.removeprefix("http://").rstrip("/").split(":")
    conn = http.client.HTTPConnection(host, int(port), timeout=10)
    try:
        conn.request(method, path, headers=headers or {})
        response = conn.getresponse()
        return Response(response.status, response.headers, response.read())
    finally:
        conn.close()


@pytest.fixture
def base_url(served) -> str:
    return served[1]


@pytest.fixture
def mp3_bytes(served) -> bytes:
    return served[0].mp3("strom-vom-dach").read_bytes()


@pytest.mark.parametrize("path, content_type", [
    ("/feed.xml", "application/rss+xml; charset=utf-8"),
    ("/", "text/html; charset=utf-8"),
    ("/index.html", "text/html; charset=utf-8"),
    (MP3, "audio/mpeg"),
    ("/episodes/strom-vom-dach.vtt", "text/vtt; charset=utf-8"),
    ("/episodes/strom-vom-dach.chapters.json", "application/json"),
    ("/cover.jpg", "image/jpeg"),
])
def test_content_types_and_whole_files(served, path, content_type):
    podcast, base_url = served
    response = fetch(base_url, path)
    assert response.status == 200
    assert response.headers["Content-Type"] == content_type
    assert response.headers["Accept-Ranges"] == "bytes"
    on_disk = podcast.out_dir / (path.lstrip("/") or "index.html")
    assert response.body == on_disk.read_bytes()
    assert int(response.headers["Content-Length"]) == on_disk.stat().st_size


def test_head_sends_the_headers_of_get_without_a_body(base_url, mp3_bytes):
    head = fetch(base_url, MP3, method="HEAD")
    get = fetch(base_url, MP3)
    assert (head.status, head.body) == (200, b"")
    for name in ("Content-Type", "Content-Length", "ETag", "Last-Modified", "Accept-Ranges"):
        assert head.headers[name] == get.headers[name]
    assert int(head.headers["Content-Length"]) == len(mp3_bytes)


def test_the_query_string_only_busts_caches(base_url, mp3_bytes):
    assert fetch(base_url, MP3 + "?v=3").body == mp3_bytes


RANGES = [
    # name, Range header, slice of the file as (start, stop) with size-relative negatives
    ("start", "bytes=0-99", (0, 100)),
    ("middle", "bytes=20000-20999", (20000, 21000)),
    ("end", "bytes={last_100}-{last}", (-100, None)),
    ("suffix", "bytes=-500", (-500, None)),
    ("open", "bytes=100-", (100, None)),
    ("past-the-end-clipped", "bytes=48000-99999999", (48000, None)),
    ("one-byte", "bytes=7-7", (7, 8)),
    ("suffix-longer-than-file", "bytes=-99999999", (0, None)),
]


@pytest.mark.parametrize("name, header, bounds", RANGES, ids=[r[0] for r in RANGES])
def test_single_byte_ranges(base_url, mp3_bytes, name, header, bounds):
    size = len(mp3_bytes)
    header = header.format(last_100=size - 100, last=size - 1)
    response = fetch(base_url, MP3, headers={"Range": header})
    expected = mp3_bytes[slice(*bounds)]
    start = bounds[0] if bounds[0] >= 0 else size + bounds[0]
    assert response.status == 206
    assert response.body == expected
    assert response.headers["Content-Range"] == f"bytes {start}-{start + len(expected) - 1}/{size}"
    assert int(response.headers["Content-Length"]) == len(expected)


@pytest.mark.parametrize("header", ["bytes={size}-", "bytes={size_10}-{size_20}", "bytes=-0"])
def test_unsatisfiable_ranges_get_416(base_url, mp3_bytes, header):
    size = len(mp3_bytes)
    response = fetch(base_url, MP3, headers={"Range": header.format(size=size, size_10=size + 10, size_20=size + 20)})
    assert response.status == 416
    assert response.headers["Content-Range"] == f"bytes */{size}"
    assert response.body == b""


@pytest.mark.parametrize("header", ["bytes=0-1,5-6", "bytes=9-2", "lines=1-2", "bytes=abc"])
def test_several_or_invalid_ranges_get_the_whole_file(base_url, mp3_bytes, header):
    response = fetch(base_url, MP3, headers={"Range": header})
    assert (response.status, response.body) == (200, mp3_bytes)


@pytest.mark.parametrize("header, size, expected", [
    ("bytes=0-0", 10, ByteRange(0, 0)),
    ("bytes=-3", 10, ByteRange(7, 9)),
    ("bytes = 2 - ", 10, ByteRange(2, 9)),
    (None, 10, None),
    ("bytes=-", 10, None),
])
def test_parse_range(header, size, expected):
    assert parse_range(header, size) == expected


@pytest.mark.parametrize("header, size", [("bytes=10-", 10), ("bytes=-5", 0), ("bytes=0-", 0)])
def test_parse_range_unsatisfiable(header, size):
    with pytest.raises(Unsatisfiable):
        parse_range(header, size)


def test_etag_and_last_modified_give_304_until_the_file_changes(served):
    podcast, base_url = served
    first = fetch(base_url, "/feed.xml")
    etag, last_modified = first.headers["ETag"], first.headers["Last-Modified"]
    for headers in ({"If-None-Match": etag}, {"If-None-Match": f'"other", W/{etag}'},
                    {"If-Modified-Since": last_modified}):
        again = fetch(base_url, "/feed.xml", headers=headers)
        assert (again.status, again.body, again.headers["ETag"]) == (304, b"", etag)
    assert fetch(base_url, "/feed.xml", headers={"If-None-Match": '"stale"'}).status == 200

    feed = podcast.out_dir / "feed.xml"
    feed.write_bytes(feed.read_bytes() + b"\n")
    later_ns = feed.stat().st_mtime_ns + 2_000_000_000  # HTTP dates count whole seconds
    os.utime(feed, ns=(later_ns, later_ns))
    changed = fetch(base_url, "/feed.xml", headers={"If-None-Match": etag})
    assert changed.status == 200 and changed.headers["ETag"] != etag
    assert fetch(base_url, "/feed.xml", headers={"If-Modified-Since": last_modified}).status == 200


def test_if_range_with_an_old_etag_gets_the_whole_new_file(base_url, mp3_bytes):
    etag = fetch(base_url, MP3, method="HEAD").headers["ETag"]
    assert fetch(base_url, MP3, headers={"Range": "bytes=0-9", "If-Range": etag}).status == 206
    stale = fetch(base_url, MP3, headers={"Range": "bytes=0-9", "If-Range": '"old"'})
    assert (stale.status, stale.body) == (200, mp3_bytes)


@pytest.fixture
def secret(served) -> Path:
    """A file beside the podcast folder, and links inside the folder that point at it."""
    podcast, _ = served
    path = podcast.out_dir.parent / "secret.txt"
    path.write_text("TOP SECRET")
    (podcast.out_dir / "leak.txt").symlink_to(path)
    (podcast.out_dir / "outside").symlink_to(podcast.out_dir.parent, target_is_directory=True)
    return path


@pytest.mark.parametrize("path", [
    "/../secret.txt",
    "/%2e%2e/secret.txt",
    "/%2E%2E/secret.txt",
    "/episodes/../../secret.txt",
    "/episodes/%2e%2e/%2e%2e/secret.txt",
    "/..%2fsecret.txt",
    "/%2e%2e%2fsecret.txt",
    "/episodes/..%5c..%5csecret.txt",
    "//etc/passwd",
    "/%2fetc%2fpasswd",
    "/etc/passwd",
    "/leak.txt",
    "/outside/secret.txt",
    "/catalog.sqlite",
    "/.articlecast/voices.json",
    "/%00feed.xml",
    "http://127.0.0.1/../secret.txt",  # absolute-form request target, as proxies send it
])
def test_nothing_outside_the_folder_or_private_is_served(base_url, secret, path):
    response = fetch(base_url, path)
    assert response.status in (403, 404)
    assert b"TOP SECRET" not in response.body and b"root:" not in response.body


def test_a_client_that_hangs_up_mid_download_does_not_disturb_another(served, capfd):
    podcast, base_url = served
    big = podcast.out_dir / "episodes" / "big.mp3"
    block = os.urandom(1 << 20)
    big.write_bytes(block * 24)  # far more than the socket buffers hold: the server is mid-file when A leaves
    port = int(base_url.rsplit(":", 1)[1].rstrip("/"))

    leaver = socket.create_connection(("127.0.0.1", port), timeout=10)
    leaver.sendall(b"GET /episodes/big.mp3 HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
    assert leaver.recv(65536).startswith(b"HTTP/1.1 200")
    # While A stalls mid-download, B downloads the same file completely (the server is threaded).
    complete = fetch(base_url, "/episodes/big.mp3")
    assert hashlib.sha256(complete.body).digest() == hashlib.sha256(block * 24).digest()
    # A hangs up hard (RST), with most of the file unsent.
    leaver.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    leaver.close()
    for _ in range(3):  # the server goes on serving everyone
        assert fetch(base_url, "/feed.xml").status == 200
    assert fetch(base_url, "/episodes/big.mp3", headers={"Range": "bytes=-10"}).body == (block * 24)[-10:]
    assert "Traceback" not in capfd.readouterr().err


def test_binds_to_localhost_by_default_and_a_busy_port_is_a_clear_error(podcast):
    server = make_server(podcast.out_dir, port=0)
    try:
        assert server.server_address[0] == "127.0.0.1"
        with pytest.raises(OutputError, match="already in use"):
            make_server(podcast.out_dir, port=server.server_address[1])
    finally:
        server.server_close()


def test_serve_stops_cleanly_on_ctrl_c(podcast, monkeypatch, capsys):
    from articlecast.output import server as server_module

    def interrupted(self, poll_interval=0.5):
        raise KeyboardInterrupt

    monkeypatch.setattr(server_module.PodcastServer, "serve_forever", interrupted)
    server_module.serve(podcast.out_dir, port=0)
    out = capsys.readouterr().out
    assert "http://localhost:" in out and "/feed.xml" in out and out.rstrip().endswith("stopped")


# ── hostile input and load (issue 13 items 8-10, issue 14 item 7) ─────────────────

def raw_exchange(base_url: str, request: bytes, *, timeout_s: float = 10) -> bytes:
    """Send bytes as they are (no client library tidies them) and read until the server closes."""
    port = int(base_url.rsplit(":", 1)[1].rstrip("/"))
    with socket.create_connection(("127.0.0.1", port), timeout=timeout_s) as sock:
        sock.sendall(request)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


@pytest.mark.parametrize("header, status", [
    ("bytes=" + "9" * 5000 + "-", 416),
    ("bytes=" + "9" * 5000 + "-" + "9" * 5000, 416),
    ("bytes=0-" + "9" * 5000, 206),  # an end past the file is clipped to it
    ("bytes=-" + "9" * 5000, 206),  # a suffix longer than the file is the whole file
])
def test_range_numbers_with_thousands_of_digits(base_url, mp3_bytes, capfd, header, status):
    response = fetch(base_url, MP3, headers={"Range": header})
    assert response.status == status
    if status == 206:
        assert response.body == mp3_bytes
    else:
        assert response.headers["Content-Range"] == f"bytes */{len(mp3_bytes)}"
    assert "Traceback" not in capfd.readouterr().err


@pytest.fixture
def private_files(served) -> list[str]:
    """Build state, settings and editor leftovers in the folder, and innocent-looking links to them."""
    out = served[0].out_dir
    state = out / ".articlecast"
    state.mkdir(exist_ok=True)
    (state / "voices.json").write_text('{"SECRET": "voice"}')
    (state / "catalog.sqlite").write_bytes(b"SQLite format 3\x00SECRET")
    (out / "catalog.sqlite").write_bytes(b"SQLite format 3\x00SECRET")  # where older versions kept it
    (out / "catalog.sqlite-journal").write_bytes(b"SECRET")
    for name in ("articlecast.toml", "articlecast.toml~", "articlecast.toml.bak", "articlecast.toml.orig",
                 "feed.xml.bak", "feed.xml~", "index.html.orig", "#index.html#", ".index.html.swp", "notes.sqlite"):
        (out / name).write_text('base_url = "SECRET"')
    (out / "episodes" / ".x.mp3.part").write_bytes(b"SECRET")
    (out / "episodes" / "strom-vom-dach.script.json").write_text('{"source": "/home/SECRET/article.txt"}')
    links = {"episodes/catalog-link.mp3": out / "catalog.sqlite", "voices.json": state / "voices.json",
             "episodes/state.json": state / "catalog.sqlite", "settings.txt": out / "articlecast.toml~",
             "backup.xml": out / "feed.xml.bak", "state": state}
    for name, target in links.items():
        (out / name).symlink_to(target)
    return ["/catalog.sqlite", "/catalog.sqlite-journal", "/.articlecast/catalog.sqlite", "/.articlecast/voices.json",
            "/articlecast.toml", "/articlecast.toml~", "/articlecast.toml.bak", "/articlecast.toml.orig",
            "/feed.xml.bak", "/feed.xml~", "/index.html.orig", "/%23index.html%23", "/.index.html.swp", "/notes.sqlite",
            "/episodes/.x.mp3.part", "/episodes/catalog-link.mp3", "/voices.json", "/episodes/state.json",
            "/settings.txt", "/backup.xml", "/state/voices.json", "/state/catalog.sqlite",
            "/episodes/strom-vom-dach.script.json"]


def test_private_files_and_links_to_them_are_never_served(base_url, private_files):
    assert len(private_files) == 23
    for path in private_files:
        for method in ("GET", "HEAD"):
            response = fetch(base_url, path, method=method)
            assert response.status == 404, (path, method)
            assert b"SECRET" not in response.body, path
    assert fetch(base_url, "/feed.xml").status == 200  # the published files still are


def test_request_lines_are_logged_with_control_characters_escaped(podcast, capfd):
    with serving(podcast.out_dir, log_requests=True) as base:
        capfd.readouterr()
        answer = raw_exchange(base, b"GET /\x1b]0;owned\x07\x1b[2J\r HTTP/1.0\r\n\r\n")
        assert answer.startswith(b"HTTP/1.")
    err = capfd.readouterr().err
    assert "\\x1b]0;owned\\x07\\x1b[2J\\x0d" in err
    assert not any(c in err for c in "\x1b\x07\r")


def test_an_error_is_logged_once(podcast, capfd):
    with serving(podcast.out_dir, log_requests=True) as base:
        capfd.readouterr()
        assert fetch(base, "/no-such-episode.mp3").status == 404
    # one line per request, an error too: the status is on the request line, not said twice
    assert capfd.readouterr().err == '127.0.0.1 - "GET /no-such-episode.mp3 HTTP/1.1" 404 -\n'


def test_five_hundred_listeners_at_once_are_all_served(served, mp3_bytes):
    """500 players open a connection in the same instant, each downloads the episode twice over keep-alive
    while all 500 are connected; every one is served completely, none waits for a timeout."""
    clients = 500
    port = int(served[1].rsplit(":", 1)[1].rstrip("/"))
    start, all_connected = threading.Barrier(clients), threading.Barrier(clients, timeout=60)
    served_bodies: list[int] = []
    failures: list[str] = []
    lock = threading.Lock()

    def listener() -> None:
        try:
            start.wait(timeout=60)
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
            for round_ in range(2):
                conn.request("GET", MP3)
                response = conn.getresponse()
                body = response.read()
                if round_ == 0:
                    all_connected.wait()  # every client holds its connection open at the same time
                with lock:
                    served_bodies.append(response.status == 200 and body == mp3_bytes)
            conn.close()
        except Exception as e:  # noqa: BLE001 - any failure of any client is reported below
            with lock:
                failures.append(f"{type(e).__name__}: {e}")

    threads = [threading.Thread(target=listener, daemon=True) for _ in range(clients)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 120
    for t in threads:
        t.join(timeout=max(0.1, deadline - time.monotonic()))
    assert not any(t.is_alive() for t in threads), "clients still waiting after 120 s"
    assert failures == []
    assert served_bodies.count(True) == 2 * clients


def test_transcripts_and_chapters_carry_cors_headers(base_url):
    for path in ("/episodes/strom-vom-dach.vtt", "/episodes/strom-vom-dach.chapters.json", "/feed.xml"):
        response = fetch(base_url, path, headers={"Origin": "https://player.example"})
        assert response.status == 200
        assert response.headers["Access-Control-Allow-Origin"] == "*"
        assert "Content-Range" in response.headers["Access-Control-Expose-Headers"]
    preflight = fetch(base_url, "/episodes/strom-vom-dach.vtt", method="OPTIONS",
                      headers={"Origin": "https://player.example", "Access-Control-Request-Headers": "range"})
    assert preflight.status == 204
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "Range" in preflight.headers["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("path", ["/feed.xml", "/", "/episodes/strom-vom-dach.vtt", "/episodes/strom-vom-dach.chapters.json"])
def test_text_is_gzipped_for_clients_that_ask(served, path):
    podcast, base_url = served
    on_disk = (podcast.out_dir / (path.lstrip("/") or "index.html")).read_bytes()
    plain = fetch(base_url, path)
    zipped = fetch(base_url, path, headers={"Accept-Encoding": "br, gzip;q=0.8"})
    assert plain.body == on_disk and "Content-Encoding" not in plain.headers
    assert zipped.headers["Content-Encoding"] == "gzip" and zipped.headers["Vary"] == "Accept-Encoding"
    assert gzip.decompress(zipped.body) == on_disk
    assert int(zipped.headers["Content-Length"]) == len(zipped.body)
    assert zipped.headers["ETag"] != plain.headers["ETag"]  # two representations, two validators
    assert fetch(base_url, path, headers={"Accept-Encoding": "gzip;q=0"}).body == on_disk
    again = fetch(base_url, path, headers={"Accept-Encoding": "gzip", "If-None-Match": zipped.headers["ETag"]})
    assert again.status == 304
    part = fetch(base_url, path, headers={"Accept-Encoding": "gzip", "Range": "bytes=0-9"})
    assert (part.status, part.body) == (206, zipped.body[:10])


def test_audio_is_never_gzipped(base_url, mp3_bytes):
    response = fetch(base_url, MP3, headers={"Accept-Encoding": "gzip"})
    assert response.body == mp3_bytes and "Content-Encoding" not in response.headers


def test_if_match_with_another_version_gets_412(base_url, mp3_bytes):
    etag = fetch(base_url, MP3, method="HEAD").headers["ETag"]
    for header in (etag, f'"x", {etag}', "*"):
        assert fetch(base_url, MP3, headers={"If-Match": header}).status == 200
    for header in ('"stale"', f"W/{etag}"):
        refused = fetch(base_url, MP3, headers={"If-Match": header, "Range": "bytes=0-9"})
        assert (refused.status, refused.body) == (412, b"")
    old = "Sat, 01 Jan 2000 00:00:00 GMT"
    assert fetch(base_url, MP3, headers={"If-Unmodified-Since": old}).status == 412
