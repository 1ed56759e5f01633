"""Casting: which voice reads the narration and which voice each quoted person speaks with.

A listener tells speakers apart by voice, so no two cast members share a Voice. An automatic
choice is stable for a name: each name ranks the candidate voices by a hash of name and voice
("rendezvous hashing") and takes its best free one, so a new speaker in an edited article rarely
moves anybody else's voice. Engines with few voices are stretched with pitch and speed, within
bounds that keep every voice clearly intelligible.
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace

from articlecast.audio.engines.base import Engine, VoiceInfo
from articlecast.errors import EngineError
from articlecast.script.model import NARRATOR, UNKNOWN, Script, Voice

# (pitch, speed) factors around a voice's own; the first is the voice unchanged.
PROSODY: tuple[tuple[float, float], ...] = (
    (1.0, 1.0),
    (0.88, 1.0), (1.14, 1.0), (1.0, 0.92), (1.0, 1.08),
    (0.88, 0.94), (1.14, 1.06), (0.82, 1.04), (1.22, 0.96),
    (0.94, 1.1), (1.08, 0.9), (0.82, 0.92), (1.22, 1.1),
)


# When the article does not tell a speaker's gender, the likelier one is assumed: about three in
# four people quoted in the news are men (Global Media Monitoring Project, 2020), so this choice
# gives the fewest mismatches. `--voice` or an edit of the script corrects any single case.
ASSUMED_GENDER = "male"


@dataclass(frozen=True)
class _Candidate:
    voice: Voice
    gender: str | None


def voices_for_listing(engine: Engine, language: str) -> list[VoiceInfo]:
    """What `articlecast voices` shows: the engine's voices for the language, the narrator's first."""
    return list(engine.voices(language))


def assign_voices(script: Script, engine: Engine, *, overrides: Mapping[str, Voice] = {},
                  defaults: Mapping[str, Voice] = {}, remembered: Mapping[str, Voice] = {}) -> Script:
    """The script with a voice for the narrator, every quoted speaker and "unknown" (when used).

    Precedence: overrides (--voice) > the script's own cast voice (a user's edit) > defaults
    (feed config) > remembered (same name in earlier episodes, same engine) > automatic.
    """
    names = [NARRATOR] + script.speakers() + ([UNKNOWN] if any(s.speaker == UNKNOWN for s in script.segments) else [])
    chosen: dict[str, Voice] = {}
    for name in names:
        member = script.cast.get(name)
        explicit = overrides.get(name) or (member.voice if member else None) or defaults.get(name)
        if explicit is not None:
            chosen[name] = explicit
    for name in names:
        voice = remembered.get(name)
        if name not in chosen and voice is not None and voice.engine == engine.name and voice not in chosen.values():
            chosen[name] = voice

    infos = engine.voices(script.language)
    if not infos:
        raise EngineError(f"engine {engine.name!r} has no voice for language {script.language!r}")
    chosen.setdefault(NARRATOR, infos[0].voice)
    candidates = _candidates(infos, narrator=chosen[NARRATOR])
    for name in names:
        if name not in chosen:
            member = script.cast.get(name)
            gender = (member.gender if member else None) or ASSUMED_GENDER
            chosen[name] = _pick(name, gender, candidates, set(chosen.values()))
    return script.with_voices(chosen)


def _candidates(infos: list[VoiceInfo], narrator: Voice) -> list[tuple[int, _Candidate]]:
    """Every voice with every prosody, tiered: other voices unchanged, then varied, then the narrator's varied."""
    out = []
    for info in infos:
        for pitch, speed in PROSODY:
            voice = replace(info.voice, pitch=pitch, speed=speed)
            same_as_narrator = info.voice.engine == narrator.engine and info.voice.name == narrator.name
            tier = 2 if same_as_narrator else (0 if (pitch, speed) == (1.0, 1.0) else 1)
            out.append((tier, _Candidate(voice, info.gender)))
    return out


def _pick(name: str, gender: str, candidates: list[tuple[int, _Candidate]], taken: set[Voice]) -> Voice:
    def rank(entry: tuple[int, _Candidate]) -> tuple:
        tier, candidate = entry
        return (_gender_distance(candidate.gender, gender), tier, _pitch_distance(candidate.voice.pitch, gender),
                _hash(name, candidate.voice))

    for _, candidate in sorted(candidates, key=rank):
        if candidate.voice not in taken:
            return candidate.voice
    raise EngineError(f"not enough distinct voices for {name!r}; give some speakers a voice with --voice")


def _gender_distance(voice_gender: str | None, wanted: str) -> int:
    if voice_gender == wanted:
        return 0
    return 1 if voice_gender is None else 2


def _pitch_distance(pitch: float, wanted: str) -> int:
    """0 when the pitch moves toward the wanted gender (lower for a man), 2 when away from it."""
    if pitch == 1.0:
        return 1
    return 0 if (pitch < 1.0) == (wanted == "male") else 2


def _hash(name: str, voice: Voice) -> str:
    return hashlib.sha256(f"{name}\0{voice.engine}:{voice.name}:{voice.pitch}:{voice.speed}".encode()).hexdigest()
