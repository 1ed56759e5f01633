"""Formant-aware voice change: one natural voice becomes other characters, male and female.

Resampling moves pitch and formants together (a man sped up sounds like a chipmunk, not a woman).
A listener hears a woman in a higher pitch *and* a shorter vocal tract: Praat's "Change gender"
(PSOLA pitch change plus a formant shift by resampling with duration correction) moves the two
separately, so a male Piper voice with pitch x1.75 and formants x1.17 sounds like a woman, and a
female gTTS voice with pitch x0.58 and formants x0.86 like a man, at the same speed and clarity.
Intelligibility was measured with a speech recogniser (README, "Voices").
"""
from __future__ import annotations

import numpy as np

from articlecast.audio.engines.base import Pcm
from articlecast.errors import EngineError

RESHAPE_REVISION = 1  # engines put it into their version: a change re-synthesizes reshaped voices
PITCH_FLOOR_HZ, PITCH_CEILING_HZ = 60.0, 600.0


def reshape(pcm: Pcm, pitch: float = 1.0, formant: float = 1.0) -> Pcm:
    """`pcm` with its median pitch times `pitch` and its formants times `formant`; duration unchanged."""
    if (pitch == 1.0 and formant == 1.0) or not pcm.samples:
        return pcm
    try:
        import parselmouth
        from parselmouth.praat import call
    except ImportError:
        raise EngineError("changing a voice needs praat-parselmouth; run `pip install praat-parselmouth`") from None
    x = np.frombuffer(pcm.samples, "<i2").astype(np.float64) / 32768.0
    sound = parselmouth.Sound(x, pcm.sample_rate_hz)
    f0 = sound.to_pitch_ac(pitch_floor=PITCH_FLOOR_HZ, pitch_ceiling=PITCH_CEILING_HZ).selected_array["frequency"]
    voiced = f0[f0 > 0]
    new_median = float(np.median(voiced)) * pitch if len(voiced) else 0.0  # 0: Praat keeps the pitch
    changed = call(sound, "Change gender", PITCH_FLOOR_HZ, PITCH_CEILING_HZ, formant, new_median, 1.0, 1.0)
    if changed.sampling_frequency != pcm.sample_rate_hz:
        changed = call(changed, "Resample", pcm.sample_rate_hz, 50)
    y = changed.values[0]
    peak = float(np.max(np.abs(y))) if len(y) else 0.0
    if peak > 0.99:  # PSOLA can overshoot a little; keep it clean of clipping
        y = y * (0.99 / peak)
    return Pcm((np.clip(y, -1, 1) * 32767).astype("<i2").tobytes(), pcm.sample_rate_hz)
