"""How a voice sounds, measured: median pitch and timbre from a short reference passage, cached.

Voice names say little about sound: espeak's `de+m2` is its `de` with small changes, and a Piper
voice shifted by a few percent is still the same person to a listener. Casting therefore compares
voices by what a listener hears: pitch (median F0, Praat's autocorrelation method) and timbre
(mean MFCC 1-12 over the voiced frames, the colour of the voice, loudness left out). Both are
measured the way ../shared/eval/voices_check.py measures a built episode, so that a cast that is
distinct here is distinct there.

Every voice reads the same reference passage of its language (Language.voices.reference_passage), so a timbre difference is the
voice's and not the words'. Each profile keeps the within-voice frame spread of every coefficient;
a timbre distance counts in units of the two voices' pooled spread, as voices_check does.
Calibration (tests/audio/test_profiles.py): the two halves of one voice (100 ms blocks of its
passage dealt at random) lie well below MIN_TIMBRE; espeak's narrator look-alikes (de+m2, +m3, +m6 next to
de: 0.5-0.7) lie below it too, its voices with their own formants (Andy, Denis, gustave, m7: 2.5-3.0)
and its female voices far above. MIN_TIMBRE keeps a margin over voices_check's 1.0 because an
episode compares quotes of different words, which adds up to 0.6 for one voice.

Profiles are measured once per engine version, voice and language and kept in
$XDG_CACHE_HOME/articlecast/profiles/ (a JSON file per engine version, written atomically);
after the first build they cost one file read.

Shipped profiles: the bundled espeak-ng's voices are the same bytes on every machine, and measuring
the candidates a cast needs took 3 s of a 9.5 s first build (48 voices: synthesis plus Praat's pitch
tracker). The profiles of every voice casting may measure for it (each language's voices and their
pitch steps) therefore ship in articlecast/data/profiles-<engine>.json, each language under a key
made of the engine's identity for it (release, base rate, a digest of the library and the data files
it reads: Engine.language_identity), the PROFILE_REVISION and the language's reference passage. A book
uses them only when the key matches; any other engine, install, rate or passage is measured as before.
Regenerate (only the languages whose key no longer matches) after changing any of these:

    python -m articlecast.audio.casting --regenerate-profiles

tests/audio/test_profiles.py measures a few shipped entries anew and fails when the data is stale.
"""
from __future__ import annotations

import hashlib
import json
import math
import os
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from articlecast import languages
from articlecast.audio.engines.base import Engine, Pcm
from articlecast.fsutil import atomic_write_text
from articlecast.script.model import Voice

PROFILE_REVISION = 2  # bump when the measurement or the passages change: old profiles are then ignored


MIN_ST = 2.5  # pitch apart enough for a listener (voices_check needs 2.0; this keeps a margin for short quotes)
MIN_TIMBRE = 1.6  # timbre apart enough (voices_check needs 1.0 between quotes of different words, whose noise reaches 0.6)
FEMALE_MIN_HZ = 165.0  # sounds like a woman in an episode (voices_check's line is 150 Hz)
MALE_MAX_HZ = 138.0  # sounds like a man

SR, HOP, NFFT, BANDS = 22050, 220, 512, 26  # as voices_check
HALF_BLOCK_FRAMES = 10  # 100 ms


@dataclass(frozen=True)
class Profile:
    """A voice as measured: median F0 and timbre (mean MFCC 1-12 and its within-voice spread)."""

    f0_hz: float
    timbre: tuple[float, ...]
    spread: tuple[float, ...]
    halves: tuple[tuple[float, ...], tuple[float, ...]]  # timbre of the passage's first and second half

    @property
    def sounds(self) -> str | None:
        """"female" or "male" when the pitch says so clearly; None in between."""
        if self.f0_hz >= FEMALE_MIN_HZ:
            return "female"
        if self.f0_hz <= MALE_MAX_HZ:
            return "male"
        return None

    def to_json(self) -> dict:
        return {"f0_hz": self.f0_hz, "timbre": self.timbre, "spread": self.spread, "halves": self.halves}

    @classmethod
    def from_json(cls, d: dict) -> Profile:
        return cls(float(d["f0_hz"]), tuple(d["timbre"]), tuple(d["spread"]), (tuple(d["halves"][0]), tuple(d["halves"][1])))


def semitones(a: Profile, b: Profile) -> float:
    return abs(12 * math.log2(a.f0_hz / b.f0_hz))


def timbre_distance(a: Profile, b: Profile) -> float:
    """Euclidean distance of the mean MFCCs in units of the two voices' pooled frame spread."""
    sd = np.sqrt((np.square(a.spread) + np.square(b.spread)) / 2)
    return float(np.linalg.norm((np.array(a.timbre) - np.array(b.timbre)) / sd))


def self_distance(p: Profile) -> float:
    """The timbre distance between the two halves of one voice's passage: what "the same voice" scores."""
    return float(np.linalg.norm((np.array(p.halves[0]) - np.array(p.halves[1])) / np.array(p.spread)))


def distinct(a: Profile, b: Profile) -> bool:
    """Can a listener tell the two voices apart: pitch MIN_ST apart, or timbre MIN_TIMBRE apart."""
    return semitones(a, b) >= MIN_ST or timbre_distance(a, b) >= MIN_TIMBRE


def measure(pcm: Pcm) -> Profile:
    """The profile of speech in `pcm` (a few seconds at least)."""
    x = np.frombuffer(pcm.samples, "<i2").astype(np.float64) / 32768.0
    if pcm.sample_rate_hz != SR:
        from scipy.signal import resample_poly

        g = math.gcd(SR, pcm.sample_rate_hz)
        x = resample_poly(x, SR // g, pcm.sample_rate_hz // g)
    mfcc, f0 = _frames(x)
    voiced = np.flatnonzero(f0 > 0)
    if len(voiced) < 50:
        raise ValueError("too little voiced speech to measure a voice")
    m = mfcc[voiced]
    # two halves of the voice: 100 ms blocks dealt at random (fixed seed), so that both hold the same
    # mix of sounds whatever the speech rhythm, and their distance is the measurement's own noise
    blocks = voiced // HALF_BLOCK_FRAMES
    odd = np.random.default_rng(0).random(int(blocks.max()) + 1)[blocks] < 0.5
    return Profile(round(float(np.median(f0[voiced])), 2), _rounded(m.mean(0)), _rounded(m.std(0) + 1e-6),
                   (_rounded(m[~odd].mean(0)), _rounded(m[odd].mean(0))))


def _rounded(v: np.ndarray) -> tuple[float, ...]:
    return tuple(round(float(c), 4) for c in v)


def _frames(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """MFCC 1-12 and F0 (0 = unvoiced) of every 10 ms frame."""
    import parselmouth

    hz = 700 * (10 ** (np.linspace(*2595 * np.log10(1 + np.array([60, 8000]) / 700), BANDS + 2) / 2595) - 1)
    edge = np.floor((NFFT + 1) * hz / SR).astype(int)
    fb = np.zeros((BANDS, NFFT // 2 + 1))
    for i in range(BANDS):
        a, b, c = edge[i:i + 3]
        fb[i, a:b] = (np.arange(a, b) - a) / max(b - a, 1)
        fb[i, b:c] = (c - np.arange(b, c)) / max(c - b, 1)
    k = np.arange(1, 13)[:, None]
    dct = np.sqrt(2 / BANDS) * np.cos(np.pi * k * (2 * np.arange(BANDS) + 1) / (2 * BANDS))
    n = max(0, 1 + (len(x) - NFFT) // HOP)
    idx = np.arange(n)[:, None] * HOP + np.arange(NFFT)
    power = np.abs(np.fft.rfft(x[idx] * np.hamming(NFFT))) ** 2
    mfcc = np.log(power @ fb.T + 1e-10) @ dct.T
    t = (np.arange(n) * HOP + NFFT / 2) / SR
    pitch = parselmouth.Sound(x, SR).to_pitch_ac(time_step=HOP / SR, pitch_floor=60, pitch_ceiling=500)
    f0 = pitch.selected_array["frequency"]
    f0 = f0[np.clip(np.round((t - pitch.x1) / pitch.dx).astype(int), 0, len(f0) - 1)]
    return mfcc, f0


def default_profiles_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "articlecast" / "profiles"


SHIPPED_DIR = Path(__file__).resolve().parents[1] / "data"


def shipped_path(engine: Engine) -> Path:
    return SHIPPED_DIR / f"profiles-{engine.name}.json"


def shipped_key(engine: Engine, language: str) -> str | None:
    """What shipped profiles of one language must have been measured with to stand for this engine's; None
    for an engine that cannot say what makes its sound (no `language_identity`): it is always measured."""
    identity = getattr(engine, "language_identity", None)
    if identity is None:
        return None
    what = {"engine": engine.name, "identity": identity(language), "revision": PROFILE_REVISION, "passage": _passage(language)}
    return hashlib.sha256(json.dumps(what, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def read_shipped(engine: Engine, language: str, path: Path | None = None) -> dict[str, Profile | None]:
    """The shipped profiles of one language for this engine, keyed "<language> <voice>"; empty unless
    they were measured under this engine's key for the language."""
    try:
        entry = json.loads((path or shipped_path(engine)).read_text(encoding="utf-8"))["languages"][language]
        if entry["key"] != shipped_key(engine, language):
            return {}
        return {k: Profile.from_json(v) if v else None for k, v in entry["profiles"].items()}
    except (OSError, ValueError, KeyError, TypeError, IndexError, AttributeError):
        return {}


def write_shipped(engine: Engine, profiles: dict[str, dict[str, Profile | None]], path: Path | None = None) -> Path:
    """Write the profiles to ship for this engine (language -> "<language> <voice>" -> profile), one per
    line for readable diffs; other languages already in the file are kept."""
    if getattr(engine, "language_identity", None) is None:
        raise ValueError(f"engine {engine.name!r} cannot name what makes its sound: its profiles cannot be shipped")
    path = path or shipped_path(engine)
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))["languages"]
    except (OSError, ValueError, KeyError, TypeError):
        kept = {}
    entries = {language: kept[language] for language in kept if language not in profiles}
    for language, measured in profiles.items():
        entries[language] = {"identity": engine.language_identity(language), "key": shipped_key(engine, language),
                             "profiles": {k: p.to_json() if p else None for k, p in measured.items()}}
    parts = []
    for language, entry in sorted(entries.items()):
        lines = [f"   {json.dumps(k, ensure_ascii=False)}: {json.dumps(v)}" for k, v in sorted(entry["profiles"].items())]
        parts.append(f"  {json.dumps(language)}: {{\"identity\": {json.dumps(entry['identity'])}, \"key\": {json.dumps(entry['key'])}, "
                     f"\"profiles\": {{\n" + ",\n".join(lines) + "\n  }}")
    about = ("Measured voice profiles (articlecast/audio/profiles.py), per language under the key they were measured "
             "with; regenerate with `python -m articlecast.audio.casting --regenerate-profiles`")
    text = (f"{{\n\"about\": {json.dumps(about)},\n\"engine\": {json.dumps(engine.name)},\n"
            f"\"revision\": {PROFILE_REVISION},\n\"languages\": {{\n" + ",\n".join(parts) + "\n}}\n")
    atomic_write_text(path, text)
    return path


def _passage(language: str) -> str:
    return languages.get(language).voices.reference_passage or languages.get(None).voices.reference_passage


class ProfileBook:
    """Profiles of one engine's voices: read from the cache, else from the shipped profiles (when they
    match the engine, see the module doc), else measured; kept by `save()`.

    `shipped` False measures every voice (as the shipped data itself is made); a path reads that file."""

    def __init__(self, engine: Engine, directory: Path | None = None, *, shipped: bool | Path = True) -> None:
        self.engine = engine
        version = f"{engine.name} {engine.version} profiles {PROFILE_REVISION}"
        digest = hashlib.sha256(version.encode()).hexdigest()[:16]
        self.path = (directory or default_profiles_dir()) / f"{engine.name}-{digest}.json"
        self._profiles: dict[str, Profile | None] = {}  # None: too little voiced speech to measure
        self._shipped_source = shipped
        self._shipped: dict[str, dict[str, Profile | None]] = {}  # language -> its shipped profiles, read when first needed
        self._new = 0
        self._added = 0
        self._lock = threading.Lock()
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._profiles = {k: Profile.from_json(v) if v else None for k, v in data.get("profiles", {}).items()}
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            self._profiles = {}  # none yet, or damaged: measured again

    @property
    def measured(self) -> int:
        """How many profiles this book had to measure (0 once the cache holds them)."""
        return self._new

    def get(self, voice: Voice, language: str) -> Profile | None:
        """The voice's profile; None when its speech has too little voicing to measure (a broken variant)."""
        key = f"{language} {voice}"
        with self._lock:
            if key in self._profiles:
                return self._profiles[key]
            shipped = self._shipped_profiles(language)
            if key in shipped:  # kept in the cache too: the next build reads only the cache's small file
                self._profiles[key] = shipped[key]
                self._added += 1
                return shipped[key]
        text = _passage(language)
        profile: Profile | None = None
        for attempt in range(3):  # more tries before a voice is written off as unmeasurable
            try:
                profile = measure(self.engine.synthesize(text, voice, language))
                break
            except ValueError:
                # seen with espeak-ng in long test runs: a voice now and then comes back short and faint
                # (its state after other voices); speaking the language's first voice once sets it right
                infos = self.engine.voices(language) if attempt == 0 else []
                if infos:
                    self.engine.synthesize(text, infos[0].voice, language)
        with self._lock:
            self._profiles[key] = profile
            self._new += 1
            self._added += 1
        return profile

    def peek(self, voice: Voice, language: str) -> Profile | None:
        """The profile when it is measured already (or shipped); None otherwise (nothing is synthesized)."""
        key = f"{language} {voice}"
        with self._lock:
            return self._profiles[key] if key in self._profiles else self._shipped_profiles(language).get(key)

    def known(self) -> dict[str, Profile | None]:
        """Every profile this book holds, keyed "<language> <voice>" (what the shipped data is written from)."""
        with self._lock:
            return dict(self._profiles)

    def save(self) -> None:
        """Write the profiles when new ones were measured or taken from the shipped data; a cache that
        cannot be written is no error."""
        if not self._added:
            return
        with self._lock:
            data = {"engine": self.engine.name,
                    "profiles": {k: p.to_json() if p else None for k, p in sorted(self._profiles.items())}}
        try:
            atomic_write_text(self.path, json.dumps(data))
        except Exception:  # noqa: BLE001 - a read-only cache only costs the measurement next time
            pass

    def _shipped_profiles(self, language: str) -> dict[str, Profile | None]:
        if language not in self._shipped:  # under self._lock
            source = self._shipped_source
            self._shipped[language] = {} if source is False else read_shipped(
                self.engine, language, None if source is True else Path(source))
        return self._shipped[language]
