"""Google Translate's text-to-speech through the gTTS library (online).

gTTS builds the requests (its pre-processors and its form body); articlecast sends them itself so
that it can retry 429, 5xx, timeouts and dropped connections with bounded exponential backoff, and
so that the endpoint can point at a local server (engine option `endpoint`, env ARTICLECAST_GTTS_URL;
"{tld}" in it is replaced by the voice's domain).

gTTS splits a text longer than 100 characters at every comma and period, one request each, which
makes choppy speech; whole sentences are therefore packed into chunks of at most 100 characters
first, and only a longer sentence is left to gTTS's tokenizer.

Voice names are "LANG:TLD": the language and the Google domain that gives the accent
("en:co.uk", "en:com.au").
"""
from __future__ import annotations

import base64
import os
import random
import re
import threading
import time

import requests

from articlecast import languages
from articlecast.audio.engines.base import Pcm, VoiceInfo
from articlecast.audio.engines.ffmpeg_pcm import FILTER_REVISION, to_pcm
from articlecast.audio.engines.reshape import RESHAPE_REVISION, reshape
from articlecast.errors import EngineError, NetworkError
from articlecast.script.model import Voice

# What gTTS itself posts to (gtts.utils._translate_url + gTTS._prepare_requests).
DEFAULT_ENDPOINT = "https://translate.google.{tld}/_/TranslateWebserverUi/data/batchexecute"
ENDPOINT_ENV = "ARTICLECAST_GTTS_URL"
MAX_CHUNK_CHARS = 100  # gTTS.GOOGLE_TTS_MAX_CHARS
RATE_HZ = 24000  # Google's MP3s are 24 kHz mono
OFFLINE_HINT = "use --engine espeak to work offline"
_AUDIO = re.compile(r'jQ1olc","\[\\"(.*?)\\"]')

VOICES: dict[str, tuple[tuple[str, str, str | None], ...]] = {
    language.code: language.voices.gtts for language in languages.all()}


class GttsEngine:
    name = "gtts"
    parallelism = "thread"
    reshapes = True  # honours Voice.formant: Google's female voices also yield male characters (reshape.py)

    def __init__(self, endpoint: str | None = None, attempts: int = 5, backoff_s: float = 1.0,
                 max_backoff_s: float = 30.0, timeout_s: float = 20.0) -> None:
        self.endpoint = endpoint or os.environ.get(ENDPOINT_ENV) or DEFAULT_ENDPOINT
        self.attempts = max(1, attempts)
        self.backoff_s = backoff_s
        self.max_backoff_s = max_backoff_s
        self.timeout_s = timeout_s
        self._sessions = threading.local()  # a requests.Session per thread keeps connections alive

    @property
    def version(self) -> str:
        import gtts

        return f"gtts {gtts.__version__} filters {FILTER_REVISION} reshape {RESHAPE_REVISION}"

    def voices(self, language: str) -> list[VoiceInfo]:
        return [VoiceInfo(Voice(self.name, name), language, gender, description)
                for name, description, gender in VOICES.get(language, ())]

    def synthesize(self, text: str, voice: Voice, language: str) -> Pcm:
        from gtts import gTTS

        lang, tld = self._lang_and_tld(voice)
        url = self.endpoint.replace("{tld}", tld)
        mp3 = b"".join(self._fetch(url, body)
                       for chunk in sentence_chunks(text)
                       for body in gTTS(chunk, lang=lang, tld=tld, lang_check=False).get_bodies())
        if not mp3:
            return Pcm(b"", RATE_HZ)
        pcm = to_pcm(mp3, rate_hz=RATE_HZ, speed=voice.speed, what="MP3 from gtts")
        return reshape(pcm, voice.pitch, voice.formant)

    def _lang_and_tld(self, voice: Voice) -> tuple[str, str]:
        from gtts.lang import tts_langs

        lang, _, tld = voice.name.partition(":")
        if lang not in tts_langs() or not re.fullmatch(r"[a-z]{2,3}(\.[a-z]{2,3})?", tld):
            known = ", ".join(name for voices in VOICES.values() for name, _, _ in voices)
            raise EngineError(f"gtts has no voice {voice.name!r}; use LANG:DOMAIN, e.g. {known}")
        return lang, tld

    def _fetch(self, url: str, body: str) -> bytes:
        """The MP3 for one request body, retrying what may pass: 429, 5xx, timeouts, dropped connections."""
        failure, asked_s = "", 0.0
        for attempt in range(self.attempts):
            if attempt:
                time.sleep(self._backoff_s(attempt, asked_s))
            try:
                response = self._session().post(url, data=body, headers=_headers(), timeout=self.timeout_s)
            except requests.Timeout:
                failure, asked_s = "timed out", 0.0
                continue
            except requests.ConnectionError as e:
                if _unreachable(e):
                    raise NetworkError(f"cannot reach the gtts service at {_host(url)}; {OFFLINE_HINT}") from None
                failure, asked_s = "connection dropped", 0.0
                continue
            if response.status_code == 200:
                return _audio(response.text)
            failure = f"HTTP {response.status_code}"
            if response.status_code != 429 and response.status_code < 500:
                raise NetworkError(f"the gtts service at {_host(url)} refused the request ({failure})")
            asked_s = _retry_after_s(response)
        raise NetworkError(f"the gtts service at {_host(url)} failed {self.attempts} times (last: {failure}); "
                           f"try again later or {OFFLINE_HINT}")

    def _backoff_s(self, attempt: int, asked_s: float) -> float:
        # exponential with full jitter, so parallel threads do not retry in lockstep; a server's
        # Retry-After counts when it asks for longer, within the same cap
        delay = random.uniform(0, self.backoff_s * 2 ** (attempt - 1))
        return min(self.max_backoff_s, max(delay, asked_s))

    def _session(self) -> requests.Session:
        if not hasattr(self._sessions, "session"):
            self._sessions.session = requests.Session()
        return self._sessions.session


def sentence_chunks(text: str, limit: int = MAX_CHUNK_CHARS) -> list[str]:
    """Whole sentences packed into chunks of at most `limit` characters (a longer sentence stays whole)."""
    chunks: list[str] = []
    for sentence in re.split(r"(?<=[.!?…])\s+", text.strip()):
        if chunks and len(chunks[-1]) + 1 + len(sentence) <= limit:
            chunks[-1] += " " + sentence
        elif sentence:
            chunks.append(sentence)
    return [c for c in chunks if re.search(r"\w", c)]


def _headers() -> dict[str, str]:
    from gtts import gTTS

    return gTTS.GOOGLE_TTS_HEADERS


def _audio(body: str) -> bytes:
    match = _AUDIO.search(body)
    if not match:
        raise EngineError("the gtts service answered without audio (its interface may have changed)")
    return base64.b64decode(match.group(1))


def _unreachable(error: requests.ConnectionError) -> bool:
    """True when no connection could be opened at all (offline, DNS, refused), not when one broke."""
    from urllib3.exceptions import NewConnectionError

    reason = getattr(error.args[0], "reason", None) if error.args else None
    return isinstance(reason, NewConnectionError)


def _retry_after_s(response: requests.Response) -> float:
    try:
        return float(response.headers.get("Retry-After", 0))
    except ValueError:
        return 0.0


def _host(url: str) -> str:
    return url.split("/")[2] if "//" in url else url
