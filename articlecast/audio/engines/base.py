"""The contract every speech engine fulfils; one module per engine implements it.

External engines register a class under the entry-point group `articlecast.engines`;
the class is called with no arguments (or keyword options from the config) and must
provide the attributes and methods below.

Optional: a class attribute `parallelism = "process"` asks synthesis to run the engine in worker
processes, one instance each (for libraries that are not thread-safe, like espeak-ng; the engine
must then be picklable); without it, an engine runs in threads.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from articlecast.script.model import Voice


@dataclass(frozen=True)
class Pcm:
    """Mono signed 16-bit little-endian PCM."""

    samples: bytes
    sample_rate_hz: int

    @property
    def duration_ms(self) -> float:
        return 1000.0 * len(self.samples) / 2 / self.sample_rate_hz


@dataclass(frozen=True)
class VoiceInfo:
    """A voice an engine offers for a language, as `articlecast voices` lists it."""

    voice: Voice
    language: str  # "de", "en"
    gender: str | None = None  # "female", "male" or None when the engine does not say
    description: str = ""


@runtime_checkable
class Engine(Protocol):
    name: str  # the name users type: --engine NAME

    @property
    def version(self) -> str:
        """Changes whenever the same text may sound different: part of every cache key."""
        ...

    def voices(self, language: str) -> list[VoiceInfo]:
        """Voices for "de" or "en", the best narrator voice first."""
        ...

    def synthesize(self, text: str, voice: Voice, language: str) -> Pcm:
        """Speak already-normalized text; raise EngineError / NetworkError on failure."""
        ...
