"""A small publication on 127.0.0.1 for the follow/update tests: a feed, article pages, and faults.

Pages are plain bytes the test sets and changes while the server runs. Every answer carries an
ETag and a Last-Modified derived from its bytes, and a request that repeats them gets a 304, as
from a real web server. `slow` paths answer only after `delay_s` (bounded by the test's timeout);
`moved` paths answer 301 with a Location; `gzipped` paths are sent gzip-compressed to clients that accept it.
"""
from __future__ import annotations

import gzip
import hashlib
import threading
import time
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import escape


class Site:
    def __init__(self) -> None:
        self.pages: dict[str, tuple[bytes, str]] = {}
        self.slow: set[str] = set()
        self.moved: dict[str, str] = {}  # path -> where it moved (a URL)
        self.gzipped: set[str] = set()
        self.delay_s = 3.0
        self.requests: list[tuple[str, int]] = []  # (path, status) of every answer, in order
        self._modified: dict[str, float] = {}
        site = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 (the standard library's name)
                path = self.path.split("?", 1)[0]
                if path in site.slow:
                    time.sleep(site.delay_s)
                if path in site.moved:
                    return self._answer(301, b"", None, location=site.moved[path])
                if path not in site.pages:
                    return self._answer(404, b"not found", "text/plain")
                body, content_type = site.pages[path]
                etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
                modified = formatdate(site._modified.get(path, 0), usegmt=True)
                if self.headers.get("If-None-Match") == etag or (
                        "If-None-Match" not in self.headers and self.headers.get("If-Modified-Since") == modified):
                    return self._answer(304, b"", None, etag=etag, modified=modified)
                packed = path in site.gzipped and "gzip" in self.headers.get("Accept-Encoding", "")
                self._answer(200, gzip.compress(body) if packed else body, content_type, etag=etag, modified=modified,
                             encoding="gzip" if packed else None)

            def _answer(self, status: int, body: bytes, content_type: str | None, *, etag: str | None = None,
                        modified: str | None = None, location: str | None = None, encoding: str | None = None) -> None:
                site.requests.append((self.path, status))
                self.send_response(status)
                if content_type:
                    self.send_header("Content-Type", content_type)
                if location:
                    self.send_header("Location", location)
                if encoding:
                    self.send_header("Content-Encoding", encoding)
                if etag:
                    self.send_header("ETag", etag)
                    self.send_header("Last-Modified", modified)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if body:
                    try:
                        self.wfile.write(body)
                    except (BrokenPipeError, ConnectionResetError):
                        pass  # the client gave up waiting (the timeout tests)

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def put(self, path: str, body: str | bytes, content_type: str = "text/html; charset=utf-8") -> str:
        data = body.encode("utf-8") if isinstance(body, str) else body
        if self.pages.get(path, (None,))[0] != data:
            self._modified[path] = time.time()
        self.pages[path] = (data, content_type)
        return self.url + path

    def fetches_of(self, path: str) -> list[int]:
        return [status for p, status in self.requests if p.split("?", 1)[0] == path]


def rss(title: str, items: list[dict]) -> str:
    """An RSS 2.0 feed; an item's "content" goes into content:encoded (as CDATA), like WordPress does."""
    parts = []
    for item in items:
        extra = f"<content:encoded><![CDATA[{item['content']}]]></content:encoded>" if item.get("content") else ""
        guid = f"<guid isPermaLink=\"false\">{escape(item['guid'])}</guid>" if item.get("guid") else ""
        parts.append(f"<item><title>{escape(item['title'])}</title><link>{escape(item['link'])}</link>{guid}"
                     f"<pubDate>{item.get('date', 'Mon, 30 Nov 2026 08:00:00 +0000')}</pubDate>"
                     f"<description>{escape(item.get('summary', ''))}</description>{extra}</item>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>{escape(title)}</title><link>http://127.0.0.1/</link><description>test</description>"
            + "".join(parts) + "</channel></rss>")


def article_page(title: str, paragraphs: list[str], author: str = "Mara Lindqvist") -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f"<!doctype html><html lang=\"de\"><head><meta charset=\"utf-8\"><title>{escape(title)}</title>"
            f"<meta name=\"author\" content=\"{escape(author)}\"></head><body><header><nav><a href=\"/\">Start</a>"
            f"</nav></header><main><article><h1>{escape(title)}</h1><p class=\"byline\">Von {escape(author)}</p>"
            f"{body}</article></main><footer>Impressum</footer></body></html>")
