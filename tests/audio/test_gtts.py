"""The gtts engine against a local stand-in for Google's endpoint on 127.0.0.1 (tests run offline)."""
import base64
import json
import re
import socket
import subprocess
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import imageio_ffmpeg
import pytest
from audio_measure import median_f0_hz, rms_dbfs

from articlecast.audio.engines.gtts import ENDPOINT_ENV, GttsEngine, sentence_chunks
from articlecast.errors import ArticlecastError, EngineError, NetworkError
from articlecast.script.model import Voice

TONE_HZ, TONE_S = 200, 0.5
VOICE = Voice("gtts", "de:de")


@pytest.fixture(scope="module")
def tone_mp3() -> bytes:
    """What Google sends: a 24 kHz mono MP3, here a steady tone we can measure."""
    return subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "lavfi", "-i",
                           f"sine=frequency={TONE_HZ}:duration={TONE_S}", "-ar", "24000", "-ac", "1",
                           "-b:a", "48k", "-f", "mp3", "pipe:1"], capture_output=True, check=True).stdout


class FakeGoogle:
    """Answers each POST with the next scripted reply: 200, an HTTP error code, "drop" or "slow"."""

    def __init__(self, mp3: bytes, replies: list):
        self.mp3, self.replies, self.requests = mp3, list(replies), []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"])).decode()
                fake.requests.append((self.path, _spoken_text(body)))
                reply = fake.replies.pop(0) if len(fake.replies) > 1 else fake.replies[0]
                if reply == "drop":
                    self.connection.shutdown(socket.SHUT_RDWR)  # no answer at all
                    return
                if reply == "slow":
                    time.sleep(0.5)
                    reply = 200
                payload = _batchexecute(fake.mp3) if reply == 200 else b"busy"
                try:
                    self.send_response(reply)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client stopped waiting: the timeout case

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/{{tld}}/batchexecute"
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def _batchexecute(mp3: bytes) -> bytes:
    """Google's batchexecute envelope, compact JSON as the service writes it."""
    compact = dict(separators=(",", ":"))
    inner = json.dumps([base64.b64encode(mp3).decode()], **compact)
    return (")]}'\n\n" + json.dumps([["wrb.fr", "jQ1olc", inner, None, None, None, "generic"]], **compact)).encode()


def _spoken_text(body: str) -> str:
    rpc = json.loads(urllib.parse.unquote(body.removeprefix("f.req=").rstrip("&")))
    return json.loads(rpc[0][0][1])[0]


@pytest.fixture
def google(tone_mp3):
    servers = []

    def start(*replies):
        servers.append(FakeGoogle(tone_mp3, list(replies)))
        return servers[-1]
    yield start
    for server in servers:
        server.close()


def engine(url: str, **options) -> GttsEngine:
    return GttsEngine(endpoint=url, **({"backoff_s": 0.001, "timeout_s": 5.0} | options))


def test_speech_comes_back_decoded_at_the_voice_pitch(google):
    server = google(200)
    pcm = engine(server.url).synthesize("Guten Morgen aus dem Dorf.", VOICE, "de")
    assert rms_dbfs(pcm) > -30  # the tone is at -21 dBFS; silence is below -90
    assert pcm.duration_ms == pytest.approx(TONE_S * 1000, abs=80)
    assert median_f0_hz(pcm) == pytest.approx(TONE_HZ, rel=0.05)
    assert server.requests == [("/de/batchexecute", "Guten Morgen aus dem Dorf.")]

    higher = engine(server.url).synthesize("Guten Morgen.", Voice("gtts", "de:de", pitch=1.2), "de")
    assert median_f0_hz(higher) == pytest.approx(TONE_HZ * 1.2, rel=0.05)
    assert higher.duration_ms == pytest.approx(TONE_S * 1000, abs=80)  # pitch without a tempo change


def test_the_voice_domain_gives_the_accent(google):
    server = google(200)
    engine(server.url).synthesize("Good morning.", Voice("gtts", "en:co.uk"), "en")
    assert server.requests[0][0] == "/co.uk/batchexecute"


def test_long_text_goes_in_whole_sentences_of_at_most_100_characters(google):
    server = google(200)
    sentences = [f"Satz Nummer {word} erzählt vom Bau der neuen Anlage im Dorf." for word in
                 ("eins", "zwei", "drei", "vier", "fünf", "sechs", "sieben")]
    pcm = engine(server.url).synthesize(" ".join(sentences), VOICE, "de")
    sent = [text for _, text in server.requests]
    assert all(len(text) <= 100 for text in sent)
    assert " ".join(sent) == " ".join(sentences)  # nothing lost, nothing reordered
    assert all(text.endswith(".") for text in sent)  # never cut inside a sentence
    assert pcm.duration_ms == pytest.approx(len(sent) * TONE_S * 1000, rel=0.1)


@pytest.mark.parametrize("replies, tries", [
    ((429, 200), 2),
    ((503, 500, 200), 3),
    (("drop", 200), 2),
    (("slow", 200), 2),  # a timeout, then an answer
])
def test_passing_failures_are_retried(google, replies, tries):
    server = google(*replies)
    pcm = engine(server.url, timeout_s=0.25).synthesize("Guten Morgen.", VOICE, "de")
    assert len(server.requests) == tries
    assert rms_dbfs(pcm) > -30  # the tone is at -21 dBFS; silence is below -90


def test_a_server_error_that_lasts_gives_up_after_the_set_number_of_tries(google):
    server = google(500)
    with pytest.raises(NetworkError) as caught:
        engine(server.url, attempts=4).synthesize("Guten Morgen.", VOICE, "de")
    assert len(server.requests) == 4
    assert "failed 4 times (last: HTTP 500)" in str(caught.value)
    assert "use --engine espeak to work offline" in str(caught.value)


def test_429_forever_is_a_one_line_network_error(google):
    server = google(429)
    with pytest.raises(NetworkError) as caught:
        engine(server.url, attempts=3).synthesize("Guten Morgen.", VOICE, "de")
    assert isinstance(caught.value, ArticlecastError) and "\n" not in str(caught.value)


def test_a_refusal_is_not_retried(google):
    server = google(403)
    with pytest.raises(NetworkError, match="refused the request"):
        engine(server.url).synthesize("Guten Morgen.", VOICE, "de")
    assert len(server.requests) == 1


def test_backoff_grows_exponentially_within_its_cap():
    slow = GttsEngine(endpoint="http://127.0.0.1:9/", backoff_s=1.0, max_backoff_s=5.0)
    for attempt, ceiling in [(1, 1.0), (2, 2.0), (3, 4.0), (6, 5.0)]:
        assert all(0 <= slow._backoff_s(attempt, 0.0) <= ceiling for _ in range(50))
    assert slow._backoff_s(1, asked_s=3.0) == 3.0  # a server's Retry-After is honoured within the cap


def test_without_network_the_error_names_the_offline_engine():
    with socket.socket() as probe:  # a port nobody listens on: connection refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(NetworkError) as caught:
        engine(f"http://127.0.0.1:{port}/x").synthesize("Guten Morgen.", VOICE, "de")
    message = str(caught.value)
    assert message.startswith("cannot reach the gtts service") and message.endswith("use --engine espeak to work offline")
    assert caught.value.exit_code == 4 and "\n" not in message


def test_the_endpoint_comes_from_the_environment(google, monkeypatch):
    server = google(200)
    monkeypatch.setenv(ENDPOINT_ENV, server.url)
    GttsEngine(backoff_s=0.001).synthesize("Hallo.", VOICE, "de")
    assert len(server.requests) == 1


@pytest.mark.parametrize("name", ["xx:com", "de", "de:not a domain"])
def test_an_unknown_voice_is_an_engine_error(name):
    with pytest.raises(EngineError, match="gtts has no voice"):
        GttsEngine(endpoint="http://127.0.0.1:9/").synthesize("Hallo.", Voice("gtts", name), "de")


@pytest.mark.parametrize("text, chunks", [
    ("Kurz.", ["Kurz."]),
    ("Eins. Zwei! Drei?", ["Eins. Zwei! Drei?"]),
    ("A" * 60 + ". " + "B" * 60 + ".", ["A" * 60 + ".", "B" * 60 + "."]),
    ("…", []),
])
def test_sentence_chunks(text, chunks):
    assert sentence_chunks(text) == chunks
    assert all(re.search(r"\w", c) for c in sentence_chunks(text))
