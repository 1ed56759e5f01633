"""Casting: which voice reads the narration and which voice each quoted person speaks with.

A listener tells speakers apart by ear, not by voice name, so casting listens: every candidate voice
has a measured profile (median pitch, timbre; articlecast.audio.profiles), and each quoted person
gets a voice that differs from the narrator's and from every other cast voice by at least
profiles.MIN_ST semitones of pitch or profiles.MIN_TIMBRE of timbre. Narrator look-alikes (espeak's
`de+m2` next to `de`) are thereby never cast. Women get voices that sound female (measured pitch),
men voices that sound male.

Candidates are each engine voice, varied: engines whose voices only change pitch (espeak) get a few
pitch steps; engines that can reshape a voice (`reshapes = True`: gtts, piper; formant-aware, see
engines/reshape.py) also get a female character made from a male voice and a male one from a
female voice, so one natural voice yields both.

Stable from build to build: each name ranks the candidates by preference tier and then by a hash of
name and voice ("rendezvous hashing"), and takes the first that fits; profiles are deterministic.
Precedence: --voice > the script's own voice (a user's edit) > feed defaults > remembered > automatic.

When the article tells nothing of a speaker's gender, a male voice is assumed: about three in four
people quoted in the news are men (Global Media Monitoring Project 2020), so this guess is wrong
least often, and the listener, who was told nothing either, has nothing to contradict it.
`--voice` or an edit of the script's cast corrects any single case.

`python -m articlecast.audio.casting --regenerate-profiles` measures every voice casting may measure
with the bundled espeak-ng, for each language whose shipped profiles are stale, and writes them (see
audio/profiles.py).
"""
from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from articlecast import languages
from articlecast.audio.engines.base import Engine, VoiceInfo
from articlecast.audio.profiles import (
    FEMALE_MIN_HZ,
    MALE_MAX_HZ,
    MIN_ST,
    MIN_TIMBRE,
    Profile,
    ProfileBook,
    distinct,
    semitones,
    timbre_distance,
    write_shipped,
)
from articlecast.errors import EngineError
from articlecast.script.model import NARRATOR, UNKNOWN, Script, Voice

ASSUMED_GENDER = "male"

# Pitch steps for engines that only shift pitch, mildest first; with espeak's pitch parameter these move
# its male voices by about -2.8, +3.3, -4.6, +5, -1.3, +1.8 semitones (measured). The small steps count
# with another timbre: seven steps give the German seed article's nine men distinct voices.
PITCH_STEPS: dict[str, tuple[float, ...]] = {"male": (1.0, 0.7, 1.35, 0.45, 1.6, 0.85, 1.17),
                                             "female": (1.0, 0.8, 1.25, 0.66, 0.9, 1.12)}
# (pitch, formant) variants for engines that reshape: the same gender first, then the other one.
RESHAPES_SAME: tuple[tuple[float, float], ...] = ((1.0, 1.0), (0.84, 0.97), (1.19, 1.03), (1.4, 1.06), (0.74, 0.94))
# (median pitch in Hz, formant) of the characters made from a voice of the other gender: typical
# adult speaking pitch (women ~165-255 Hz, men ~85-155 Hz) and vocal tracts ~15 % shorter or longer.
RESHAPES_TO: dict[str, tuple[tuple[float, float], ...]] = {
    "female": ((215.0, 1.17), (182.0, 1.13), (252.0, 1.2)),  # ~3 semitones apart: distinct in any episode
    "male": ((112.0, 0.86), (95.0, 0.84), (132.0, 0.88)),
}
# Only when an article quotes more people than the engine has distinct voices: the same voices slower
# (never faster than the narrator), so that each speaker still has a voice of their own.
OVERFLOW_SPEEDS = (0.94, 0.88)
OVERFLOW_TIER = 4
PREDICTION_SLACK = 2 ** (1.2 / 12)  # a foretold pitch may be off by this much (1.2 semitones) ...
PREDICTION_TIMBRE_SLACK = 0.6  # ... and a foretold timbre by this much
NATURAL_F0_HZ = (72.0, 300.0)  # a varied voice outside this range sounds creaky or strained: not cast


@dataclass(frozen=True)
class _Candidate:
    voice: Voice
    gender: str | None  # what the voice is expected to sound like before measuring
    tier: int  # 0 another voice as it is, 1 another voice varied, 2 the narrator's voice varied, 3 the other gender,
    # 4 overflow
    step: int  # how far from the voice's own (0 = unchanged)
    reference: Voice | None = None  # a voice measured with the same variations, to foretell this one's profile


def voices_for_listing(engine: Engine, language: str, book: ProfileBook | None = None) -> list[tuple[VoiceInfo, Profile | None]]:
    """What `articlecast voices` shows: the engine's voices for the language (the narrator's first),
    each with its measured profile (pitch; gender as heard)."""
    infos = list(engine.voices(language))
    if book is None:
        return [(info, None) for info in infos]
    listed = [(info, _profile(book, info.voice, language)) for info in infos]
    book.save()
    return listed


def assign_voices(script: Script, engine: Engine, *, overrides: Mapping[str, Voice] = {},
                  defaults: Mapping[str, Voice] = {}, remembered: Mapping[str, Voice] = {},
                  profiles: ProfileBook | None = None) -> Script:
    """The script with a voice for the narrator, every quoted speaker and "unknown" (when used).

    Precedence: overrides (--voice) > the script's own cast voice (a user's edit) > defaults
    (feed config) > remembered (same name in earlier episodes, same engine) > automatic.
    """
    names = [NARRATOR] + script.speakers() + ([UNKNOWN] if any(s.speaker == UNKNOWN for s in script.segments) else [])
    book = profiles or ProfileBook(engine)
    language = script.language
    chosen: dict[str, Voice] = {}
    for name in names:
        member = script.cast.get(name)
        explicit = overrides.get(name) or (member.voice if member else None) or defaults.get(name)
        if explicit is not None:
            chosen[name] = explicit

    infos = engine.voices(language)
    if not infos:
        raise EngineError(f"engine {engine.name!r} has no voice for language {language!r}")
    chosen.setdefault(NARRATOR, infos[0].voice)
    heard = {name: p for name, voice in chosen.items() if (p := _profile(book, voice, language)) is not None}

    for name in names:  # a remembered voice stays while it still fits among the voices already cast
        voice = remembered.get(name)
        if name in chosen or voice is None or voice.engine != engine.name or voice in chosen.values():
            continue
        profile = _profile(book, voice, language)
        if profile is not None and _fits(profile, _wanted(script, name)) and all(distinct(profile, p) for p in heard.values()):
            chosen[name], heard[name] = voice, profile

    candidates = _candidates(engine, infos, chosen[NARRATOR], book, language)
    exhausted: set[str] = set()
    for name in names:
        if name not in chosen:
            voice, profile = _pick(name, _wanted(script, name), candidates, chosen, heard, book, language, exhausted)
            chosen[name] = voice
            if profile is not None:
                heard[name] = profile
    book.save()
    return script.with_voices(chosen)


def _wanted(script: Script, name: str) -> str:
    member = script.cast.get(name)
    return (member.gender if member else None) or ASSUMED_GENDER


def _fits(profile: Profile, wanted: str) -> bool:
    return profile.sounds == wanted


def _profile(book: ProfileBook, voice: Voice, language: str) -> Profile | None:
    """The voice's profile; None for another engine's voice or one that cannot be measured."""
    if voice.engine != book.engine.name:
        return None
    return book.get(voice, language)


def _candidates(engine: Engine, infos: list[VoiceInfo], narrator: Voice, book: ProfileBook,
                language: str) -> list[_Candidate]:
    reshapes = bool(getattr(engine, "reshapes", False))
    out = []
    references: dict[str | None, Voice] = {}
    for info in infos:
        base = replace(info.voice, pitch=1.0, speed=1.0, formant=1.0)
        own = info.gender
        profile = _profile(book, base, language) if reshapes or own is None else None
        if own is None and profile is not None:  # the engine does not say: listen
            own = profile.sounds
        is_narrator = base.engine == narrator.engine and base.name == narrator.name
        if reshapes and profile is not None:
            variants = [(p, f, own) for p, f in RESHAPES_SAME] + \
                       [(round(hz / profile.f0_hz, 2), f, other) for other in ("female", "male") if other != own
                        for hz, f in RESHAPES_TO[other]]
        else:
            variants = [(p, 1.0, own) for p in PITCH_STEPS.get(own or "male", PITCH_STEPS["male"])]
        # pitch-only variants move every voice alike: the first voice of a gender foretells the others'
        reference = None if reshapes else references.setdefault(own, base)
        for step, (pitch, formant, gender) in enumerate(variants):
            voice = replace(base, pitch=pitch, formant=formant)
            if gender != own:
                tier = 3
            elif is_narrator:
                tier = 2
            else:
                tier = 0 if step == 0 else 1
            out.append(_Candidate(voice, gender, tier, step, reference if reference != base else None))
            out += [_Candidate(replace(voice, speed=speed), gender, OVERFLOW_TIER, step) for speed in OVERFLOW_SPEEDS]
    return out


def _pick(name: str, wanted: str, candidates: list[_Candidate], chosen: dict[str, Voice], heard: dict[str, Profile],
          book: ProfileBook, language: str, exhausted: set[str]) -> tuple[Voice, Profile | None]:
    """The first candidate in this name's order that sounds like the wanted gender and unlike every
    voice cast so far. When no such voice is left (more speakers than the engine has distinct voices),
    the measured one of the wanted gender least like any voice cast so far; failing that, the first
    free one (told apart by speed at least). Never a taken voice."""
    taken = set(chosen.values())

    def rank(c: _Candidate) -> tuple:
        gender_order = 0 if c.gender == wanted else (1 if c.gender is None else 2)
        tier = c.tier if c.tier != 3 else 1  # a reshaped voice of the right gender counts as a varied one
        return gender_order, tier, c.step > 0, c.step, _hash(name, c.voice)

    ranked = [c for c in sorted(candidates, key=rank) if c.voice not in taken]
    measured: list[tuple[_Candidate, Profile]] = []
    for c in ranked:
        if c.tier == OVERFLOW_TIER:
            continue
        if wanted in exhausted:  # heard voices only grow: once nothing fits, nothing will; use what is measured
            profile = book.peek(c.voice, language)
        else:
            guess = _predicted(c, book, language)
            if guess is not None and not _may_fit(guess, wanted, heard):
                continue  # surely not distinct or not the gender: not worth synthesizing
            profile = _profile(book, c.voice, language)
        if profile is None or (c.step and not NATURAL_F0_HZ[0] <= profile.f0_hz <= NATURAL_F0_HZ[1]):
            continue
        if not _fits(profile, wanted):
            continue
        if wanted not in exhausted and all(distinct(profile, p) for p in heard.values()):
            return c.voice, profile
        measured.append((c, profile))
    exhausted.add(wanted)
    if measured and heard:  # more speakers than distinct voices: the one least like any voice cast so far
        apart = _apartness([p for _, p in measured], list(heard.values()))
        best = max(range(len(measured)), key=lambda i: (apart[i], -i))
        return measured[best][0].voice, measured[best][1]
    if not ranked:
        raise EngineError(f"no voice left for {name!r}; give some speakers a voice with --voice")
    return next((c for c in ranked if c.gender == wanted), ranked[0]).voice, None


def _predicted(c: _Candidate, book: ProfileBook, language: str) -> Profile | None:
    """A varied voice's profile foretold from its own voice and how the same variation moves a
    measured reference voice: pitch by the same ratio, timbre by the same shift. Saves measuring
    variants that surely do not fit; a variant that may fit is measured before it is cast."""
    if c.step == 0 or c.reference is None:
        return None
    base = _profile(book, replace(c.voice, pitch=1.0, formant=1.0, speed=1.0), language)
    ref_base = _profile(book, c.reference, language)
    ref_var = _profile(book, replace(c.reference, pitch=c.voice.pitch, formant=c.voice.formant), language)
    if base is None or ref_base is None or ref_var is None:
        return None
    timbre = tuple(b + v - r for b, v, r in zip(base.timbre, ref_var.timbre, ref_base.timbre, strict=True))
    return Profile(base.f0_hz * ref_var.f0_hz / ref_base.f0_hz, timbre, base.spread, base.halves)


def _may_fit(guess: Profile, wanted: str, heard: dict[str, Profile]) -> bool:
    """False only when a foretold profile is clearly of the other gender or clearly like a cast voice."""
    if wanted == "female" and guess.f0_hz < FEMALE_MIN_HZ / PREDICTION_SLACK ** 2:
        return False
    if wanted == "male" and guess.f0_hz > MALE_MAX_HZ * PREDICTION_SLACK ** 2:
        return False
    slack_st = 12 * np.log2(PREDICTION_SLACK)
    return all(semitones(guess, p) >= MIN_ST - slack_st or timbre_distance(guess, p) >= MIN_TIMBRE - PREDICTION_TIMBRE_SLACK
               for p in heard.values())


def _apartness(candidates: list[Profile], heard: list[Profile]) -> np.ndarray:
    """For each candidate, how far it is from the closest heard voice, in units of the thresholds (>= 1: distinct)."""
    f0 = np.log2(np.array([c.f0_hz for c in candidates]))[:, None] - np.log2(np.array([h.f0_hz for h in heard]))[None, :]
    ct, cs = np.array([c.timbre for c in candidates]), np.array([c.spread for c in candidates])
    ht, hs = np.array([h.timbre for h in heard]), np.array([h.spread for h in heard])
    sd = np.sqrt((cs[:, None, :] ** 2 + hs[None, :, :] ** 2) / 2)
    timbre = np.linalg.norm((ct[:, None, :] - ht[None, :, :]) / sd, axis=2)
    return np.maximum(np.abs(12 * f0) / MIN_ST, timbre / MIN_TIMBRE).min(axis=1)


def _hash(name: str, voice: Voice) -> str:
    return hashlib.sha256(f"{name}\0{voice.engine}:{voice.name}:{voice.pitch}:{voice.formant}".encode()).hexdigest()


def castable_voices(engine: Engine, language: str, book: ProfileBook) -> list[Voice]:
    """Every voice casting may measure for the language with this engine: its voices and their variants
    (the overflow ones, which are never measured, left out)."""
    infos = list(engine.voices(language))
    if not infos:
        return []
    candidates = _candidates(engine, infos, infos[0].voice, book, language)
    return list(dict.fromkeys([info.voice for info in infos] + [c.voice for c in candidates if c.tier != OVERFLOW_TIER]))


def regenerate_profiles(engine: Engine, path=None, *, everything: bool = False, progress=print):
    """Measure every castable voice of each language whose shipped profiles are missing or stale (of every
    language with `everything`) and write them as the engine's shipped profiles."""
    import tempfile

    from articlecast.audio.profiles import read_shipped

    if getattr(engine, "reshapes", False):
        raise ValueError(f"engine {engine.name!r} reshapes voices from measured profiles: nothing to ship")
    measured: dict[str, dict[str, Profile | None]] = {}
    with tempfile.TemporaryDirectory() as scratch:
        for language in languages.all():
            book = ProfileBook(engine, Path(scratch) / language.code, shipped=False)
            voices = castable_voices(engine, language.code, book)
            current = read_shipped(engine, language.code, path)
            if not everything and current and all(f"{language.code} {v}" in current for v in voices):
                progress(f"{language.code}: current")
                continue
            for i, voice in enumerate(voices, 1):
                book.get(voice, language.code)
                if i % 25 == 0 or i == len(voices):
                    progress(f"{language.code}: {i}/{len(voices)} voices measured")
            measured[language.code] = book.known()
    return write_shipped(engine, measured, path)


def main(argv: list[str] | None = None) -> int:
    import argparse

    from articlecast.audio.engines import get_engine

    parser = argparse.ArgumentParser(prog="python -m articlecast.audio.casting",
                                     description="Measure the bundled engine's voices and write the shipped profiles.")
    parser.add_argument("--regenerate-profiles", action="store_true", required=True)
    parser.add_argument("--engine", default="espeak")
    parser.add_argument("--all", action="store_true", help="measure every language again, also those still current")
    parser.add_argument("--out", type=Path, help="file to write (default: the shipped file in articlecast/data)")
    args = parser.parse_args(argv)
    written = regenerate_profiles(get_engine(args.engine), args.out, everything=args.all)
    print(f"wrote {written}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
