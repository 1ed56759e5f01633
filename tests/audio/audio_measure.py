"""Measuring synthesized speech the way a listener would notice: loudness, length, pitch, timbre."""
from __future__ import annotations

import wave
from pathlib import Path

import numpy as np

from articlecast.audio.engines.base import Pcm


def samples_of(pcm: Pcm) -> np.ndarray:
    return np.frombuffer(pcm.samples, dtype="<i2").astype(np.float64) / 32768.0


def read_wav(path: Path) -> Pcm:
    """Through the standard library's reader, which proves the file is a WAV any tool can open."""
    with wave.open(str(path), "rb") as w:
        assert (w.getnchannels(), w.getsampwidth()) == (1, 2)
        return Pcm(w.readframes(w.getnframes()), w.getframerate())


def rms_dbfs(pcm: Pcm) -> float:
    x = samples_of(pcm)
    return 20 * np.log10(np.sqrt(np.mean(x ** 2)) + 1e-12)


def words_per_second(pcm: Pcm, text: str) -> float:
    return len(text.split()) / (pcm.duration_ms / 1000)


def median_f0_hz(pcm: Pcm, low_hz: float = 60, high_hz: float = 450) -> float:
    """Fundamental frequency by autocorrelation over the voiced (loud) 40 ms frames."""
    x, rate = samples_of(pcm), pcm.sample_rate_hz
    frame = int(0.04 * rate)
    frames = [x[i:i + frame] for i in range(0, len(x) - frame, frame)]
    loudest = max(np.sqrt(np.mean(f ** 2)) for f in frames)
    estimates = []
    for f in frames:
        if np.sqrt(np.mean(f ** 2)) < 0.3 * loudest:
            continue
        f = f - f.mean()
        corr = np.correlate(f, f, mode="full")[frame - 1:]
        lo, hi = int(rate / high_hz), int(rate / low_hz)
        lag = lo + int(np.argmax(corr[lo:hi]))
        if corr[lag] > 0.3 * corr[0]:  # clearly periodic: a voiced frame
            estimates.append(rate / lag)
    assert estimates, "no voiced frame found"
    return float(np.median(estimates))


def spectral_centroid_hz(pcm: Pcm) -> float:
    x, rate = samples_of(pcm), pcm.sample_rate_hz
    spectrum = np.abs(np.fft.rfft(x))
    freqs = np.fft.rfftfreq(len(x), 1 / rate)
    return float(np.sum(freqs * spectrum) / np.sum(spectrum))
