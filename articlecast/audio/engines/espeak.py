"""espeak-ng, offline and the default: the library and data bundled by the espeakng-loader wheel, via ctypes.

espeak-ng keeps global state and is not thread-safe: a process loads and initializes it once, calls
into it under one lock, and parallel synthesis runs in worker processes (`parallelism = "process"`). The library
is loaded lazily, which keeps an engine picklable: a worker process receives the engine and loads
its own copy.

Voice names are espeak's: a language voice with an optional variant, "de", "de+m3", "en-us+f2".

Same text, same voice, same samples: espeak-ng's sound depends on what it spoke before in the same
process (its pitch "flutter" index and gain control are static variables that run on from call to
call and are never reset, and breathy variants draw from libc's rand()). Parallel synthesis hands
segments to workers in whatever order they finish, so two clean builds differed by a few samples per
segment (86,766 vs 86,802). Each `synthesize` therefore runs in a child forked from a process whose
espeak-ng is initialized but has never spoken: every segment starts from the same state, whatever was
spoken before, in whichever worker and order.

That process is a small one of its own (a "zygote", `_ZYGOTE`: Python without site, ctypes and
espeak-ng, started once per process that synthesizes): forking the build's own process, 100 MB with
everything it imported, cost 2.6 ms in the parent and 3.5 ms in each child, a fork of the zygote
0.3 and 1.4 ms (the German seed: 89 segments). It ignores Ctrl-C (the build handles it), holds no
file of the build (close_fds) and ends when the process that started it closes its pipe or dies.
"""
from __future__ import annotations

import ctypes
import hashlib
import html
import multiprocessing.util
import os
import struct
import threading
from pathlib import Path

from articlecast import languages
from articlecast.audio import markup
from articlecast.audio.engines.base import Pcm, VoiceInfo
from articlecast.errors import EngineError
from articlecast.script.model import Voice

AUDIO_OUTPUT_SYNCHRONOUS = 0x02
ESPEAK_CHARS_UTF8 = 0x01
ESPEAK_SSML = 0x10
PHONEMES_IPA = 0x02
BUFFER_MS = 500  # fewer, longer callbacks into Python
EE_OK = 0

# espeak-ng's rate parameter ("words per minute") is not the pace a listener measures: the same
# value reads German slower and English faster. Each language gives the rate that makes its
# narration measure 150-165 words per minute (Voices.espeak_rate_wpm); a voice's speed factor scales it.
DEFAULT_RATE_WPM = 175  # a language not in the registry: espeak-ng's own default
DEFAULT_PITCH = 50
DEFAULT_RANGE = 50
RATE_LIMITS_WPM = (80, 450)
MAPPING_REVISION = 2  # bump when the Voice -> espeak parameter mapping changes: part of `version`

# Language voices a listener understands, the narrator's first.
LANGUAGE_VOICES: dict[str, tuple[tuple[str, str], ...]] = {
    language.code: language.voices.espeak for language in languages.all()}

# chosen once when the zygote starts: the first choice of a voice loads data every later one shares, so
# it is not paid again by every forked child (7 -> 3.5 ms of CPU per segment), and every child still starts
# from the same state; any voice, but always the same: the default language's narrator
WARM_UP_VOICE = LANGUAGE_VOICES[languages.DEFAULT][0][0]

# Variants (espeak-ng-data/voices/!v) that stay clearly intelligible; the robotic, whispering and
# klatt ones are left out.
VARIANTS: dict[str, tuple[str, ...]] = {
    "male": ("m3", "m1", "m2", "m4", "m5", "m6", "m7", "Andy", "Denis", "gustave"),
    "female": ("f1", "f2", "f3", "f4", "f5", "Annie", "Andrea", "belinda"),
}

_SynthCallback = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)


class EspeakEngine:
    name = "espeak"
    parallelism = "process"
    switches_language = True  # foreign words marked by normalization (audio/markup.py) are spoken in SSML <voice>

    def __init__(self, library_path: str | None = None, data_path: str | None = None) -> None:
        import espeakng_loader

        self._library_path = library_path or espeakng_loader.get_library_path()
        self._data_path = data_path or espeakng_loader.get_data_path()
        folder = Path(self._data_path) / "voices" / "!v"
        self._variants = frozenset(p.name for p in folder.iterdir()) if folder.is_dir() else frozenset()

    # An engine crosses into worker processes without its loaded library.
    def __getstate__(self) -> dict:
        return {"library_path": self._library_path, "data_path": self._data_path}

    def __setstate__(self, state: dict) -> None:
        self.__init__(**state)

    @property
    def version(self) -> str:
        info = self._library()[0].espeak_Info(None).decode()
        rates = ",".join(f"{lang.code}{lang.voices.espeak_rate_wpm}" for lang in languages.all())
        return f"espeak-ng {info} map {MAPPING_REVISION} rates {rates}"  # a new base rate is new audio

    def language_identity(self, language: str) -> str:
        """Everything besides the voice that makes this engine's speech of `language` sound as it does: the
        release, the parameter mapping, the language's base rate and a digest of the bytes it reads (the
        library, phoneme, intonation and voice data, the language's dictionary). `version` names only the
        release, so a rebuilt wheel or a distribution's espeak-ng with the same number differs here. The
        shipped voice profiles (audio/profiles.py) stand only for the identity they were measured on."""
        key = (self._library_path, self._data_path, language)
        if key not in _IDENTITIES:
            digest = hashlib.sha256(Path(self._library_path).read_bytes())
            root = Path(self._data_path)
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                if path.name.endswith("_dict") and path.name != f"{language}_dict":
                    continue  # other languages' dictionaries: never read for this one's passages
                digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
            info = self._library()[0].espeak_Info(None).decode()
            _IDENTITIES[key] = (f"espeak-ng {info} map {MAPPING_REVISION} rate {base_rate_wpm(language)} "
                                f"data {digest.hexdigest()}")
        return _IDENTITIES[key]

    def voices(self, language: str) -> list[VoiceInfo]:
        infos = []
        for base, description in LANGUAGE_VOICES.get(language, ()):
            infos.append(VoiceInfo(Voice(self.name, base), language, "male", description))  # espeak's own voice is male
            for gender, variants in VARIANTS.items():
                infos += [VoiceInfo(Voice(self.name, f"{base}+{v}"), language, gender, f"{description}, {gender} {v}")
                          for v in variants if v in self._variants]
        return infos

    def synthesize(self, text: str, voice: Voice, language: str) -> Pcm:
        """Speak `text` in a child forked from the zygote, so the result never depends on earlier calls
        (see the module doc). The zygote's espeak-ng never chooses a voice but its one warm-up voice:
        after some hundred choices of other voices in one process, a voice measured differently (fr+m5
        at pitch 1.6 came out 14 samples longer), so each child chooses its own."""
        self._check_variant(voice)
        flags = ESPEAK_CHARS_UTF8
        foreign = markup.has_foreign(text)
        spoken = _ssml(text) if foreign else markup.plain(text)
        if foreign:
            flags |= ESPEAK_SSML
        request = (voice.name.encode(), spoken.encode("utf-8"), flags,
                   _clamp(round(base_rate_wpm(language) * voice.speed), *RATE_LIMITS_WPM),
                   _clamp(round(DEFAULT_PITCH * voice.pitch), 0, 100), DEFAULT_RANGE)
        for _attempt in range(2):
            zygote = _Zygote.take(self._library_path, self._data_path)
            try:
                kind, body = zygote.ask(*request)
            except BaseException:
                zygote.close()  # interrupted or broken mid-answer: its pipe may hold half an answer
                raise
            if body != _GONE:
                zygote.give_back()
                break
            zygote.close()  # killed while idle (the child it forks for a text reports its own death): once more
        if kind == b"V":
            raise EngineError(f"espeak has no voice {voice.name.partition('+')[0]!r}; "
                              f"try {', '.join(b for v in LANGUAGE_VOICES.values() for b, _ in v)}")
        if kind == b"S":
            raise EngineError(f"espeak-ng failed to speak a text of {len(text)} characters (status {struct.unpack('<i', body)[0]})")
        if kind != b"P":
            raise EngineError(f"espeak-ng died while speaking a text of {len(text)} characters ({body.decode(errors='replace')})")
        (rate_hz,) = struct.unpack_from("<I", body)
        samples = body[4:]
        if foreign:
            samples = _trim_tail(samples, rate_hz)
        return Pcm(samples, rate_hz)

    def phonemes(self, text: str, voice: Voice) -> str:
        """The IPA espeak-ng speaks for `text`, clauses joined by spaces (to test pronunciation)."""
        with _LOCK:
            lib, _ = self._select(voice)
            buffer = ctypes.create_string_buffer(text.encode("utf-8"))
            cursor = ctypes.c_void_p(ctypes.addressof(buffer))
            clauses = []
            while cursor.value:
                clauses.append(lib.espeak_TextToPhonemes(ctypes.byref(cursor), ESPEAK_CHARS_UTF8, PHONEMES_IPA).decode())
        return " ".join(c.strip() for c in clauses if c.strip())

    def _check_variant(self, voice: Voice) -> None:
        # espeak ignores an unknown variant silently, so check it here
        variant = voice.name.partition("+")[2]
        if variant and variant not in self._variants:
            raise EngineError(f"espeak has no voice variant {variant!r} (voice {voice.name!r}); "
                              f"try one of {', '.join(VARIANTS['male'][:3] + VARIANTS['female'][:3])}")

    def _select(self, voice: Voice) -> tuple[ctypes.CDLL, int]:
        lib, rate_hz = self._library()
        self._check_variant(voice)
        base = voice.name.partition("+")[0]
        if lib.espeak_SetVoiceByName(voice.name.encode()) != EE_OK:
            raise EngineError(f"espeak has no voice {base!r}; try {', '.join(b for v in LANGUAGE_VOICES.values() for b, _ in v)}")
        return lib, rate_hz

    def _library(self) -> tuple[ctypes.CDLL, int]:
        return _open(self._library_path, self._data_path)


# espeak-ng's state is global to the process, and a second espeak_Initialize corrupts it (crashes
# follow): the library is loaded and initialized once per process, and every call takes one lock.
_LOCK = threading.RLock()  # re-entered: a call under the lock may be the first to load the library
_LOADED: dict[str, tuple[ctypes.CDLL, int, str]] = {}  # library path -> (library, sample rate, data path)
_IDENTITIES: dict[tuple[str, str, str], str] = {}  # (library path, data path, language) -> language_identity


def _open(library_path: str, data_path: str) -> tuple[ctypes.CDLL, int]:
    with _LOCK:
        if library_path not in _LOADED:
            try:
                lib = ctypes.cdll.LoadLibrary(library_path)
            except OSError as e:
                raise EngineError(f"cannot load espeak-ng from {library_path}: {e}") from None
            _declare(lib)
            rate_hz = lib.espeak_Initialize(AUDIO_OUTPUT_SYNCHRONOUS, BUFFER_MS, data_path.encode(), 0)
            if rate_hz <= 0:
                raise EngineError(f"espeak-ng could not start with the data in {data_path}")
            _LOADED[library_path] = (lib, rate_hz, data_path)
    lib, rate_hz, loaded_data_path = _LOADED[library_path]
    if loaded_data_path != data_path:
        raise EngineError(f"espeak-ng already runs with the data in {loaded_data_path}; "
                          f"one process cannot switch to {data_path}")
    return lib, rate_hz


# The zygote: its own small Python process (no site, no articlecast, only ctypes) holding an initialized
# espeak-ng. It answers requests on stdin one at a time: each is spoken by a child forked for it, from
# the same never-spoken state. Request: six little-endian u32 (voice length, text length, flags, rate,
# pitch, range), the voice name, the text. Answer: a u64 length, then a kind byte and its body:
# P rate (u32) and samples, V the voice is unknown, S a failed espeak_Synth's status, X the child died.
# At start it answers R with the sample rate, or I when espeak-ng cannot start.
_ZYGOTE = r"""
import ctypes, os, signal, struct, sys
signal.signal(signal.SIGINT, signal.SIG_IGN)
library_path, data_path, warm_up = sys.argv[1:4]
inp, out = sys.stdin.buffer, sys.stdout.buffer
def send(kind, body=b""):
    out.write(struct.pack("<Q", len(body) + 1) + kind + body)
    out.flush()
def read(n):
    data = b""
    while len(data) < n:
        more = inp.read(n - len(data))
        if not more:
            sys.exit(0)
        data += more
    return data
lib = ctypes.cdll.LoadLibrary(library_path)
lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                             ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)
lib.espeak_SetSynthCallback.argtypes = [CALLBACK]
rate_hz = lib.espeak_Initialize(0x02, 500, data_path.encode(), 0)
if rate_hz <= 0:
    send(b"I")
    sys.exit(1)
lib.espeak_SetVoiceByName(warm_up.encode())
send(b"R", struct.pack("<I", rate_hz))
while True:
    voice_length, text_length, flags, rate, pitch, intonation = struct.unpack("<6I", read(24))
    voice, text = read(voice_length), read(text_length)
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        code = 0
        try:
            os.close(read_fd)
            if hasattr(lib, "espeak_ng_SetRandSeed"):  # breathy variants draw random noise: the same noise
                lib.espeak_ng_SetRandSeed(ctypes.c_long(1))
            ctypes.CDLL(None).srand(1)
            chunks = []
            def collect(wav, count, events):
                if count > 0:
                    chunks.append(ctypes.string_at(wav, count * 2))
                return 0
            if lib.espeak_SetVoiceByName(voice) != 0:
                answer = b"V"
            else:
                keep = CALLBACK(collect)
                lib.espeak_SetSynthCallback(keep)
                lib.espeak_SetParameter(1, rate, 0)  # espeakRATE, words per minute
                lib.espeak_SetParameter(3, pitch, 0)  # espeakPITCH, 0..100
                lib.espeak_SetParameter(4, intonation, 0)  # espeakRANGE, 0..100
                status = lib.espeak_Synth(text, len(text) + 1, 0, 0, 0, flags, None, None)
                lib.espeak_Synchronize()
                answer = b"P" + struct.pack("<I", rate_hz) + b"".join(chunks) if status == 0 else b"S" + struct.pack("<i", status)
            view = memoryview(answer)
            while view:
                view = view[os.write(write_fd, view):]
        except BaseException:
            code = 1
        finally:
            os._exit(code)
    os.close(write_fd)
    with open(read_fd, "rb") as answer:
        data = answer.read()
    _, status = os.waitpid(pid, 0)
    if status != 0 or not data:
        send(b"X", f"wait status {status}".encode())
    else:
        send(data[:1], data[1:])
"""


_GONE = b"its process is gone"


class _Zygote:
    """A running zygote of this process; idle ones are kept for the next call (one per concurrent caller)."""

    _idle: dict[tuple[int, str, str], list[_Zygote]] = {}
    _all: list[_Zygote] = []
    _lock = threading.Lock()

    def __init__(self, library_path: str, data_path: str) -> None:
        import subprocess
        import sys

        self.key = (os.getpid(), library_path, data_path)
        try:
            self.proc = subprocess.Popen([sys.executable, "-S", "-c", _ZYGOTE, library_path, data_path, WARM_UP_VOICE],
                                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        except OSError as e:
            raise EngineError(f"cannot start espeak-ng's process: {e}") from None
        kind, _ = self._answer()
        if kind != b"R":
            self.close()
            raise EngineError(f"espeak-ng could not start with the data in {data_path}")
        with _Zygote._lock:
            if not any(z.key[0] == self.key[0] for z in _Zygote._all):
                # the first of this process: multiprocessing's exit hook runs in the main process (at exit)
                # and in pool workers (which skip atexit; it forgets what their parent registered)
                multiprocessing.util.Finalize(None, _close_own_zygotes, exitpriority=10)
            _Zygote._all.append(self)

    @classmethod
    def take(cls, library_path: str, data_path: str) -> _Zygote:
        with cls._lock:
            idle = cls._idle.get((os.getpid(), library_path, data_path))
            if idle:
                return idle.pop()
        return cls(library_path, data_path)

    def give_back(self) -> None:
        with _Zygote._lock:
            _Zygote._idle.setdefault(self.key, []).append(self)

    def ask(self, voice: bytes, text: bytes, flags: int, rate: int, pitch: int, intonation: int) -> tuple[bytes, bytes]:
        try:
            self.proc.stdin.write(struct.pack("<6I", len(voice), len(text), flags, rate, pitch, intonation) + voice + text)
            self.proc.stdin.flush()
        except OSError:
            return b"X", _GONE
        return self._answer()

    def _answer(self) -> tuple[bytes, bytes]:
        head = self.proc.stdout.read(8)
        if len(head) < 8:
            return b"X", _GONE
        (length,) = struct.unpack("<Q", head)
        data = self.proc.stdout.read(length)
        if len(data) < length:
            return b"X", _GONE
        return data[:1], data[1:]

    def close(self) -> None:
        with _Zygote._lock:
            if self in _Zygote._all:
                _Zygote._all.remove(self)
        for stream in (self.proc.stdin, self.proc.stdout):
            try:
                stream.close()
            except OSError:
                pass
        try:
            self.proc.wait(timeout=5)
        except Exception:  # noqa: BLE001 - a zygote that does not end at once is ended
            self.proc.kill()
            self.proc.wait()


def _forget_inherited_zygotes() -> None:
    """In a forked child (a worker): the parent's zygotes are not its own; their pipes are closed here, so
    that a zygote still ends when the process that started it ends."""
    for zygote in list(_Zygote._all):
        if zygote.key[0] != os.getpid():
            for stream in (zygote.proc.stdin, zygote.proc.stdout):
                try:
                    stream.close()
                except OSError:
                    pass
    _Zygote._all = [z for z in _Zygote._all if z.key[0] == os.getpid()]
    _Zygote._idle = {k: v for k, v in _Zygote._idle.items() if k[0] == os.getpid()}
    _Zygote._lock = threading.Lock()


def _close_own_zygotes() -> None:
    """At exit: the zygotes end (they would on their own) and are waited for, so that their CPU time counts
    as this process's children's, as a forked child's did (`resource.getrusage`, bench/)."""
    for zygote in [z for z in _Zygote._all if z.key[0] == os.getpid()]:
        zygote.close()


os.register_at_fork(after_in_child=_forget_inherited_zygotes)


def _declare(lib: ctypes.CDLL) -> None:
    lib.espeak_Initialize.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int]
    lib.espeak_SetSynthCallback.argtypes = [_SynthCallback]
    lib.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
    lib.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
    lib.espeak_Synth.argtypes = [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                                 ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p]
    lib.espeak_Info.argtypes = [ctypes.c_void_p]
    lib.espeak_Info.restype = ctypes.c_char_p
    lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_void_p), ctypes.c_int, ctypes.c_int]
    lib.espeak_TextToPhonemes.restype = ctypes.c_char_p


def _ssml(text: str) -> str:
    """Marked text as SSML: each foreign run in that language's first espeak voice.

    "Das Startup wächst" -> <speak>Das <voice xml:lang="en-us">Startup</voice> wächst</speak>. Switched by
    language, espeak-ng keeps the speaker's variant (+m3, +f2), so the word comes in the same voice;
    switched by name it would not switch at all (measured: the word's spectrum stays the German one)."""
    out = []
    for language, words in markup.parts(text):
        words = html.escape(words, quote=False)
        if language is None:
            out.append(words)
            continue
        base = languages.get(language).voices.espeak[0][0]
        out.append(f'<voice xml:lang="{html.escape(base)}">{words}</voice>')
    return "<speak>" + "".join(out) + "</speak>"


SSML_TAIL_KEPT_MS = 10  # espeak-ng ends SSML with ~300 ms of silence that plain text does not have
_SILENT = 200  # |sample| below this is silence (espeak's own fade-outs end far lower)


def _trim_tail(samples: bytes, rate_hz: int) -> bytes:
    """Cut SSML's extra trailing silence, so a sentence with a foreign word keeps the pause rhythm of one without."""
    import numpy as np

    x = np.frombuffer(samples, dtype="<i2")
    loud = np.flatnonzero(np.abs(x.astype(np.int32)) >= _SILENT)
    if not len(loud):
        return samples
    end = min(len(x), int(loud[-1]) + 1 + rate_hz * SSML_TAIL_KEPT_MS // 1000)
    return x[:end].tobytes()


def base_rate_wpm(language: str) -> int:
    found = languages.find(language)
    return found.voices.espeak_rate_wpm if found is not None else DEFAULT_RATE_WPM


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))
