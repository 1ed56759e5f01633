"""HTML files and URLs: trafilatura extraction, headings, byline, pull quotes; HTTP on 127.0.0.1."""
from __future__ import annotations

import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from articlecast.errors import InputError, NetworkError
from articlecast.script.ingest import article_from_text, load_article
from articlecast.script.model import Block

P1 = ("Jeden Abend um elf legt die alte Fähre mit einer Handvoll Fahrgästen und einer Kiste Zeitungen im Hafen ab. "
      "Der Kapitän macht das seit dreißig Jahren, und er sagt, er sei noch nie zu spät gekommen.")
P2 = ("Die Überfahrt dauert vierzig Minuten. „Man lernt, das Wasser an den Lichtern am Ufer zu lesen“, sagt "
      "Kapitän Ruben Moss. Die meisten Fahrgäste schlafen, ein paar stehen an der Reling und sehen der Stadt zu.")
P3 = ("Die Reederei will das Schiff im nächsten Jahr ersetzen. Der Gemeinderat hat noch nicht entschieden, ob er "
      "ein neues bezahlt, und der Kapitän hofft, dass er es nie tut.")
PULL = "Man lernt, das Wasser an den Lichtern am Ufer zu lesen."


def page(*, author_meta: bool = True, charset: str = "utf-8") -> str:
    meta = '<meta name="author" content="Ada Lovett">' if author_meta else ""
    return f"""<!DOCTYPE html>
<html lang="de"><head><meta charset="{charset}"><title>Die Fähre in der Nacht – Hafenblatt</title>{meta}
<meta property="og:type" content="article"></head>
<body>
<nav><ul><li><a href="/">Start</a></li><li><a href="/politik">Politik</a></li></ul></nav>
<article>
<h1>Die Fähre in der Nacht</h1>
<p class="byline">Von Ada Lovett</p>
<p>{P1}</p>
<h2>Eine Überfahrt im Dunkeln</h2>
<p>{P2}</p>
<blockquote><p>{PULL}</p><p>— Ruben Moss</p></blockquote>
<p>{P3}</p>
<p>Newsletter abonnieren</p>
</article>
<footer><p>Artikel teilen</p></footer>
</body></html>
"""


EXPECTED_BLOCKS = [Block("paragraph", P1), Block("heading", "Eine Überfahrt im Dunkeln"), Block("paragraph", P2),
                   Block("pullquote", PULL, "Ruben Moss"), Block("paragraph", P3)]


@pytest.mark.parametrize("author_meta", [True, False], ids=["meta-author", "byline-only"])
def test_html_page(author_meta):
    article = article_from_text(page(author_meta=author_meta), fmt="html", source="faehre.html")
    assert (article.title, article.author, article.language) == ("Die Fähre in der Nacht", "Ada Lovett", "de")
    assert list(article.blocks) == EXPECTED_BLOCKS
    assert "Newsletter abonnieren" in article.dropped
    assert not any(word in b.text for b in article.blocks for word in ("Politik", "teilen", "Newsletter"))


@pytest.mark.parametrize("name", ["faehre.html", "faehre.htm", "faehre"])
def test_html_file_by_extension_or_sniffing(tmp_path, name):
    path = tmp_path / name
    path.write_text(page(), encoding="utf-8")
    assert list(load_article(str(path)).blocks) == EXPECTED_BLOCKS


def test_entities_for_invisible_characters_are_cleaned():
    hyphenated = page().replace("Reederei", "Ree&shy;derei").replace("Schiff im", "Schiff&nbsp;im").replace(
        "ersetzen", "er&#8203;setzen")
    assert article_from_text(hyphenated, fmt="html").blocks[-1].text == P3


def test_cp1252_html_file(tmp_path):
    path = tmp_path / "alt.html"
    path.write_bytes(page(charset="windows-1252").encode("cp1252"))
    assert load_article(str(path)).blocks[0].text == P1


def test_page_without_article_is_an_input_error():
    empty = "<!DOCTYPE html><html><head><title>Login</title></head><body><nav><a href='/'>Start</a></nav></body></html>"
    with pytest.raises(InputError, match=r"^no article found in login\.html: no text besides navigation and page "
                                         r"furniture \(--force builds it anyway\)$"):
        article_from_text(empty, fmt="html", source="login.html")


# ── URLs, served on 127.0.0.1 ──────────────────────────────────────────────────────────────────

class ArticleServer(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {
        "/faehre": (200, "text/html; charset=utf-8", page().encode("utf-8")),
        "/latin": (200, "text/html; charset=windows-1252", page(charset="windows-1252").encode("cp1252")),
        "/plain": (200, "text/plain; charset=utf-8", f"Die Fähre\n\nVon Ada Lovett\n\n{P1}\n".encode()),
        "/photo.png": (200, "image/png", b"\x89PNG\r\n\x1a\n\x00\x00"),
        "/gone": (410, "text/html", b"<html><body>gone</body></html>"),
    }
    user_agents: list[str] = []

    def do_GET(self):  # noqa: N802 (the http.server API)
        self.user_agents.append(self.headers.get("User-Agent", ""))
        if self.path == "/slow":
            time.sleep(1.0)
        status, content_type, body = self.routes.get(self.path, (404, "text/html", b"<html>not found</html>"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the /slow client gave up, as the test wants

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), ArticleServer)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_url_is_fetched_with_a_browser_user_agent(server):
    article = load_article(f"{server}/faehre")
    assert (article.title, article.author, article.source) == ("Die Fähre in der Nacht", "Ada Lovett", f"{server}/faehre")
    assert list(article.blocks) == EXPECTED_BLOCKS
    assert ArticleServer.user_agents[-1].startswith("Mozilla/5.0")
    assert "articlecast/" in ArticleServer.user_agents[-1]


def test_url_uses_the_declared_charset(server):
    assert load_article(f"{server}/latin").blocks[0].text == P1


def test_plain_text_url_goes_through_the_text_rules(server):
    article = load_article(f"{server}/plain")
    assert (article.title, article.author, list(article.blocks)) == ("Die Fähre", "Ada Lovett", [Block("paragraph", P1)])


@pytest.mark.parametrize(("path", "message"), [("/missing", "HTTP 404 Not Found"), ("/gone", "HTTP 410 Gone")])
def test_http_error_status_is_a_network_error(server, path, message):
    with pytest.raises(NetworkError, match=f"^{server}{path}: {message}$"):
        load_article(f"{server}{path}")


def test_non_text_content_is_an_input_error(server):
    with pytest.raises(InputError, match=r"not an article page \(content type image/png\)"):
        load_article(f"{server}/photo.png")


def test_timeout_is_a_network_error(server):
    with pytest.raises(NetworkError, match=r"/slow: no answer within 0\.2 s$"):
        load_article(f"{server}/slow", timeout_s=0.2)


def test_connection_refused_is_a_network_error():
    with socket.socket() as sock:  # a port that was free a moment ago and has no listener now
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/article"
    with pytest.raises(NetworkError, match=f"^{url}: cannot connect \\(Connection refused\\)$"):
        load_article(url)
