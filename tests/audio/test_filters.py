"""The numpy filters of audio/filters.py against scipy's (which the tests may import; builds do not)."""
from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy import ndimage, signal

from articlecast.audio.filters import Biquads, running_max, running_mean
from articlecast.audio.loudness import k_weighting_sos

RNG = np.random.default_rng(7)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("size", [1, 2, 3, 8, 31, 200])
def test_running_max_equals_scipys_bit_for_bit(dtype, size):
    checked = 0
    for n in (1, size - 1, size, 5 * size + 3, 1000):
        x = RNG.standard_normal(max(n, 1)).astype(dtype)
        for origin in sorted({-(size // 2), 0, (size - 1) // 2}):
            ours = running_max(x, size, origin=origin, mode="constant", cval=-3.0)
            theirs = ndimage.maximum_filter1d(x, size, origin=origin, mode="constant", cval=-3.0)
            assert ours.dtype == theirs.dtype and np.array_equal(ours, theirs), (n, origin)
            checked += 1
        assert np.array_equal(running_max(x, size, mode="reflect"), ndimage.maximum_filter1d(x, size)), n
    assert checked >= 5


@pytest.mark.parametrize("size", [1, 2, 7, 64])
def test_running_mean_equals_scipys(size):
    x = RNG.random(3000) * 1e6
    assert running_mean(x, size) == pytest.approx(ndimage.uniform_filter1d(x, size, mode="constant"), rel=1e-9, abs=1e-6)
    assert running_mean(x, size, mode="reflect") == pytest.approx(ndimage.uniform_filter1d(x, size), rel=1e-9)


@pytest.mark.parametrize("rate_hz", [16000, 22050, 24000, 44100, 48000])
def test_k_weighting_in_pieces_equals_scipys_sosfilt_of_the_whole(rate_hz):
    sos = k_weighting_sos(rate_hz)
    x = RNG.standard_normal(rate_hz * 4) * 0.1  # long enough for three levels of blocks
    x[rate_hz:2 * rate_hz] = 0.0  # a pause: the state decays
    cuts = sorted({0, 1, 33, 34, 1000, 65536, 65536 + 31, rate_hz * 3, x.size})
    biquads = Biquads(sos)
    ours = np.concatenate([biquads.filter(x[a:b]) for a, b in zip(cuts, cuts[1:], strict=False)])
    theirs = signal.sosfilt(sos, x)
    assert ours.shape == theirs.shape
    assert np.max(np.abs(ours - theirs)) < 1e-10 * np.max(np.abs(theirs))


def test_other_sections_and_an_empty_piece():
    sos = signal.butter(6, [300, 3400], btype="bandpass", fs=22050, output="sos")  # three sections
    x = RNG.standard_normal(10000)
    biquads = Biquads(sos)
    first = biquads.filter(x[:5000])
    assert biquads.filter(x[:0]).size == 0
    ours = np.concatenate([first, biquads.filter(x[5000:])])
    assert np.max(np.abs(ours - signal.sosfilt(sos, x))) < 1e-10


def test_building_an_episode_loads_no_scipy_signal_nor_ndimage():
    """They cost 0.7-0.8 s of every build's start (the filters here replace them)."""
    code = """
import sys
import numpy as np
from articlecast.audio.engines.base import Pcm
from articlecast.audio.encode import encode_preview
import articlecast.pipeline, articlecast.cli, articlecast.audio.stitch, articlecast.audio.synth
t = np.arange(22050 * 3) / 22050
pcm = Pcm((np.sin(2 * np.pi * 180 * t) * (t % 0.5 < 0.3) * 8000).astype("<i2").tobytes(), 22050)
encode_preview(pcm, __import__("pathlib").Path(sys.argv[1]))
print(sorted(m for m in sys.modules if m in ("scipy.signal", "scipy.ndimage")))
"""
    import tempfile
    with tempfile.TemporaryDirectory() as scratch:
        out = subprocess.run([sys.executable, "-c", code, f"{scratch}/p.mp3"], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
