"""Synthesis of the seed article with the default engine vs. the bare espeak-ng library, same run.

Baseline: the bundled libespeak-ng speaking all of the script's (normalized) text in one call
through the minimal ctypes sequence of ../shared/eval/floor.py. Measured: `synthesize_script`
from an empty cache (normalizing, casting's voices, worker processes, checksummed WAV files).
Targets: cold ratio <= 1.2; a second run synthesizes 0 segments; editing one paragraph
re-synthesizes exactly 1. Exits 1 when a target is missed.
"""
from __future__ import annotations

import ctypes
import re
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the project, or beside the main checkout when this is a git worktree
SEED = next((p / "shared" / "fixtures" / "china-tech-de.txt" for p in ROOT.parents
             if (p / "shared" / "fixtures" / "china-tech-de.txt").exists()), ROOT.parent / "shared" / "fixtures" / "china-tech-de.txt")
ARTICLE = SEED if SEED.exists() else ROOT / "samples" / "energiegenossenschaft-de.txt"
TARGET_RATIO = 1.2
REPEAT = 5


def load_script():
    from articlecast.script.model import NARRATOR, CastMember, Script, Segment

    try:
        from articlecast.pipeline import make_script_from

        return make_script_from(str(ARTICLE))
    except ImportError:  # the script stage is not there: every paragraph read by the narrator
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", ARTICLE.read_text(encoding="utf-8")) if p.strip()]
        segments = tuple(Segment(f"s{i:03d}", "narration", NARRATOR, p) for i, p in enumerate(paragraphs))
        return Script(paragraphs[0], None, "de", str(ARTICLE), {NARRATOR: CastMember(NARRATOR)}, segments)


def bare_espeak(text: str, voice: str) -> tuple[bytes, int, float]:
    """The floor: one espeak_Synth call on all the text, samples collected by a callback.

    Returns the PCM, its rate and the seconds it took. espeak-ng may be initialized only once per
    process, so the floor borrows the library the engine module loaded and initialized, and only
    then makes its own raw calls.
    """
    import espeakng_loader

    from articlecast.audio.engines.espeak import _open

    lib, rate_hz = _open(espeakng_loader.get_library_path(), espeakng_loader.get_data_path())
    t = time.perf_counter()
    chunks: list[bytes] = []
    callback_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p)

    def collect(wav, n, events):
        if n > 0:
            chunks.append(ctypes.string_at(wav, n * 2))
        return 0
    keep = callback_type(collect)
    lib.espeak_SetSynthCallback(keep)
    lib.espeak_SetVoiceByName(voice.encode())
    for parameter, default in ((1, 175), (3, 50), (4, 50)):  # rate, pitch, range: espeak's own defaults
        lib.espeak_SetParameter(parameter, default, 0)
    data = text.encode("utf-8")
    lib.espeak_Synth(data, len(data) + 1, 0, 0, 0, 0x01, None, None)
    lib.espeak_Synchronize()
    pcm = b"".join(chunks)
    return pcm, rate_hz, time.perf_counter() - t


def bare_espeak_s(text: str, voice: str) -> float:
    return bare_espeak(text, voice)[2]


def timed(fn) -> tuple[float, object]:
    t = time.perf_counter()
    result = fn()
    return time.perf_counter() - t, result


def cpu_s() -> float:
    """CPU time of this process and its finished worker processes."""
    own, workers = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


def main() -> int:
    from articlecast.audio.casting import assign_voices
    from articlecast.audio.engines.espeak import EspeakEngine
    from articlecast.audio.normalize import speakable
    from articlecast.audio.synth import synthesize_script

    script = assign_voices(load_script(), EspeakEngine())
    text = "\n".join(speakable(s.text, script.language, script.lexicon) for s in script.segments)
    narrator = script.cast["narrator"].voice.name

    work = Path(tempfile.mkdtemp(prefix="bench-synthesis-"))
    try:
        floors, runs, floor_cpu, cold_cpu = [], [], [], []
        for i in range(REPEAT):  # interleaved, so a busy moment of the machine hits both alike
            before = cpu_s()
            floors.append(bare_espeak_s(text, narrator))
            middle = cpu_s()
            runs.append(timed(lambda i=i: synthesize_script(script, cache_dir=work / f"cold{i}")))
            floor_cpu.append(middle - before)
            cold_cpu.append(cpu_s() - middle)
        floor_s = min(floors)
        cold_s, cold = min(runs, key=lambda run: run[0])
        warm_s, warm = timed(lambda: synthesize_script(script, cache_dir=work / "cold0"))
        target = next(s for s in script.segments if s.kind == "narration")
        edited = replace(script, segments=tuple(replace(s, text=s.text + " Ein neuer Satz.") if s is target else s
                                                for s in script.segments))
        edit_s, after_edit = timed(lambda: synthesize_script(edited, cache_dir=work / "cold0"))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    ratio = cold_s / floor_s
    print(f"article: {ARTICLE.name}, {len(script.segments)} segments, {len(text)} characters, "
          f"{len(script.cast)} cast members")
    print(f"bare espeak-ng, one call: {floor_s:.2f} s")
    print(f"cold synthesis: {cold_s:.2f} s, {cold.synthesized} segments = {ratio:.2f}x bare (target <= {TARGET_RATIO})")
    print(f"CPU time (all processes, a load-independent view of the overhead): cold {min(cold_cpu):.2f} s = "
          f"{min(cold_cpu) / min(floor_cpu):.2f}x bare {min(floor_cpu):.2f} s")
    print(f"second run: {warm_s:.2f} s, synthesized {warm.synthesized} (target 0), cached {warm.cached}")
    print(f"one paragraph edited: {edit_s:.2f} s, synthesized {after_edit.synthesized} (target 1)")
    ok = ratio <= TARGET_RATIO and warm.synthesized == 0 and after_edit.synthesized == 1
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
