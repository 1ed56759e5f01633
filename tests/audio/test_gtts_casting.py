"""gTTS gets the same casting: from Google's one female German voice, casting makes male characters
(formant-aware, engines/reshape.py) and keeps everybody apart. Against a local stand-in for Google on
127.0.0.1 that speaks each requested text with a female espeak voice, as a 24 kHz MP3."""
from __future__ import annotations

import subprocess
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import imageio_ffmpeg
import pytest
from test_casting import OTHER_TEXT, _assert_all_apart, make_script, voices_of
from test_gtts import _batchexecute, _spoken_text

from articlecast.audio.casting import assign_voices
from articlecast.audio.engines import get_engine
from articlecast.audio.engines.gtts import GttsEngine
from articlecast.audio.profiles import ProfileBook, measure
from articlecast.script.model import NARRATOR, CastMember, Voice

GOOGLE_VOICE = Voice("espeak", "de+f3")


class SpeakingGoogle:
    def __init__(self):
        espeak, self.requests = get_engine("espeak"), 0
        lock, server = threading.Lock(), self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                text = _spoken_text(self.rfile.read(int(self.headers["Content-Length"])).decode())
                with lock:
                    server.requests += 1
                    pcm = espeak.synthesize(text, GOOGLE_VOICE, "de")
                mp3 = subprocess.run([imageio_ffmpeg.get_ffmpeg_exe(), "-v", "error", "-f", "s16le", "-ar",
                                      str(pcm.sample_rate_hz), "-ac", "1", "-i", "pipe:0", "-ar", "24000", "-b:a", "64k",
                                      "-f", "mp3", "pipe:1"], input=pcm.samples, capture_output=True, check=True).stdout
                payload = _batchexecute(mp3)
                self.send_response(200)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/{{tld}}/batchexecute"
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def google():
    server = SpeakingGoogle()
    yield GttsEngine(endpoint=server.url, backoff_s=0.001, timeout_s=20.0)
    server.close()


def test_one_female_voice_yields_distinct_men_and_women(google, tmp_path):
    speakers = ["Anna Berg", "Jonas Keller", "Mia Wolf", "Paul Schmid", "Tim Brandt"]
    script = make_script(speakers)
    script = script.__class__(**{**script.__dict__, "cast": {**script.cast, "Tim Brandt": CastMember("Tim Brandt", "male")}})
    voices = voices_of(assign_voices(script, google, profiles=ProfileBook(google, tmp_path)))
    assert voices[NARRATOR] == Voice("gtts", "de:de")
    assert len(set(voices.values())) == len(voices)
    heard = {name: measure(google.synthesize(OTHER_TEXT, voice, "de")) for name, voice in voices.items()}
    _assert_all_apart(heard)
    for name in ("Jonas Keller", "Paul Schmid", "Tim Brandt"):
        assert heard[name].sounds == "male", (name, voices[name], heard[name].f0_hz)
        assert voices[name].formant < 1.0  # a longer vocal tract, not only a lower pitch
    for name in ("Anna Berg", "Mia Wolf"):
        assert heard[name].sounds == "female", name


def test_a_reshaped_voice_keeps_its_length(google):
    plain = google.synthesize("Guten Morgen aus dem Dorf.", Voice("gtts", "de:de"), "de")
    deeper = google.synthesize("Guten Morgen aus dem Dorf.", Voice("gtts", "de:de", pitch=0.55, formant=0.86), "de")
    assert deeper.duration_ms == pytest.approx(plain.duration_ms, rel=0.02)
    assert measure(deeper).f0_hz < 0.65 * measure(plain).f0_hz
