"""Speech engines by name: the built-ins plus plugins registered under the entry-point group
`articlecast.engines` (each entry point names a class implementing articlecast.audio.engines.base.Engine).
"""
from __future__ import annotations

import importlib
from importlib.metadata import entry_points

from articlecast.audio.engines.base import Engine
from articlecast.errors import EngineError

ENTRY_POINT_GROUP = "articlecast.engines"
DEFAULT_ENGINE = "espeak"

# Built-ins resolve without package metadata, so a source checkout works uninstalled.
BUILTIN_ENGINES: dict[str, str] = {
    "espeak": "articlecast.audio.engines.espeak:EspeakEngine",
    "gtts": "articlecast.audio.engines.gtts:GttsEngine",
    "piper": "articlecast.audio.engines.piper:PiperEngine",
}


def engine_names() -> list[str]:
    plugins = {ep.name for ep in entry_points(group=ENTRY_POINT_GROUP)}
    return sorted(set(BUILTIN_ENGINES) | plugins)


def get_engine(name: str, **options) -> Engine:
    """A new engine; `options` are the engine's keyword options (e.g. voices_dir for piper)."""
    return _engine_class(name)(**options)


def _engine_class(name: str) -> type:
    if name in BUILTIN_ENGINES:
        module, _, attribute = BUILTIN_ENGINES[name].partition(":")
        return getattr(importlib.import_module(module), attribute)
    for ep in entry_points(group=ENTRY_POINT_GROUP, name=name):
        try:
            return ep.load()
        except Exception as e:  # a broken plugin is the user's to fix, not our crash
            raise EngineError(f"engine plugin {name!r} ({ep.value}) cannot be loaded: {e}") from None
    raise EngineError(f"unknown engine {name!r}; known engines: {', '.join(engine_names())}")
