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
spoken before, in whichever worker and order (a fork costs about a millisecond).
"""
from __future__ import annotations

import ctypes
import hashlib
import html
import os
import struct
import threading
from enum import IntEnum
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


class _Param(IntEnum):
    RATE = 1  # words per minute
    PITCH = 3  # 0..100, 50 = the voice's own
    RANGE = 4  # 0..100, intonation range


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

# chosen once when the library starts (see _open); any voice, but always the same: the default language's narrator
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
        self._chunks: list[bytes] = []
        self._callback = _SynthCallback(self._collect)

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
        """Speak `text` in a forked child, so the result never depends on earlier calls (see the module doc)."""
        self._check_variant(voice)
        with _LOCK:  # held across the fork: the child never meets the lock taken by another thread
            # loaded and initialized here, once per process; the child chooses the voice itself. Choosing
            # voices in this process would leave traces: after some hundred choices of other voices, a
            # voice measured differently (e.g. fr+m5 at pitch 1.6, 14 samples longer); so every child
            # starts from the same never-spoken, never-switched state
            self._library()
            read_fd, write_fd = os.pipe()
            pid = os.fork()
            if pid == 0:
                _speak_in_child(self, text, voice, language, read_fd, write_fd)
        os.close(write_fd)
        with open(read_fd, "rb") as answer:
            data = answer.read()
        _, status = os.waitpid(pid, 0)
        if not data or status != 0:
            raise EngineError(f"espeak-ng died while speaking a text of {len(text)} characters (wait status {status})")
        kind, body = data[:1], data[1:]
        if kind == b"E":
            raise EngineError(body.decode("utf-8", "replace"))
        if kind != b"P":
            raise EngineError(f"espeak-ng failed: {body.decode('utf-8', 'replace')}")
        (rate_hz,) = struct.unpack_from("<I", body)
        samples = body[4:]
        if markup.has_foreign(text):  # spoken as SSML (see _speak); trimmed here, where numpy is warm: in a
            samples = _trim_tail(samples, rate_hz)  # forked child its first use cost 50 ms of CPU per segment
        return Pcm(samples, rate_hz)

    def _speak(self, text: str, voice: Voice, language: str) -> Pcm:
        with _LOCK:
            lib, rate_hz = self._select(voice)
            lib.espeak_SetSynthCallback(self._callback)
            lib.espeak_SetParameter(_Param.RATE, _clamp(round(base_rate_wpm(language) * voice.speed), *RATE_LIMITS_WPM), 0)
            lib.espeak_SetParameter(_Param.PITCH, _clamp(round(DEFAULT_PITCH * voice.pitch), 0, 100), 0)
            lib.espeak_SetParameter(_Param.RANGE, DEFAULT_RANGE, 0)
            self._chunks = []
            flags = ESPEAK_CHARS_UTF8
            if markup.has_foreign(text):
                text, flags = _ssml(text), flags | ESPEAK_SSML
            else:
                text = markup.plain(text)
            data = text.encode("utf-8")
            status = lib.espeak_Synth(data, len(data) + 1, 0, 0, 0, flags, None, None)
            lib.espeak_Synchronize()
            if status != EE_OK:
                raise EngineError(f"espeak-ng failed to speak a text of {len(text)} characters (status {status})")
            samples, self._chunks = b"".join(self._chunks), []
        return Pcm(samples, rate_hz)  # SSML's extra tail is cut by `synthesize`, in the parent

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

    def _collect(self, wav, count: int, events) -> int:
        if count > 0:
            self._chunks.append(ctypes.string_at(wav, count * 2))
        return 0  # 0: go on

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
            # the first choice of a voice loads data every later one shares: made here once, always the same
            # one, it is not paid again by every forked child (7 -> 3.5 ms of CPU per segment), and every
            # child still starts from the same state
            lib.espeak_SetVoiceByName(WARM_UP_VOICE.encode())
            _LOADED[library_path] = (lib, rate_hz, data_path)
    lib, rate_hz, loaded_data_path = _LOADED[library_path]
    if loaded_data_path != data_path:
        raise EngineError(f"espeak-ng already runs with the data in {loaded_data_path}; "
                          f"one process cannot switch to {data_path}")
    return lib, rate_hz


def _speak_in_child(engine: EspeakEngine, text: str, voice: Voice, language: str, read_fd: int, write_fd: int) -> None:
    """The forked child: speak once from the parent's never-spoken state, send the samples, exit."""
    code = 0
    try:
        os.close(read_fd)
        lib = engine._library()[0]
        if hasattr(lib, "espeak_ng_SetRandSeed"):  # breathy variants draw random noise: the same noise
            lib.espeak_ng_SetRandSeed(ctypes.c_long(1))
        ctypes.CDLL(None).srand(1)
        try:
            pcm = engine._speak(text, voice, language)
            answer = b"P" + struct.pack("<I", pcm.sample_rate_hz) + pcm.samples
        except EngineError as e:
            answer = b"E" + str(e).encode("utf-8")
        except Exception as e:  # reported to the parent, which raises it as an EngineError
            answer = b"X" + f"{type(e).__name__}: {e}".encode()
        view = memoryview(answer)
        while view:
            view = view[os.write(write_fd, view):]
    except BaseException:
        code = 1
    finally:
        os._exit(code)


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
