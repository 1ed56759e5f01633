import threading
import wave
from pathlib import Path

import numpy as np
import pytest
from audio_measure import read_wav

from articlecast.audio.cache import SegmentCache, cache_key, default_cache_dir
from articlecast.audio.engines.base import Pcm
from articlecast.audio.ffmpeg import audio_segment_class
from articlecast.script.model import Voice

TONE = Pcm((np.sin(np.arange(22050) * 2 * np.pi * 220 / 22050) * 8000).astype("<i2").tobytes(), 22050)
KEY = cache_key("espeak", "espeak-ng 1.52.0 map 1", Voice("espeak", "de"), "Hallo Welt")


@pytest.fixture
def cache(tmp_path) -> SegmentCache:
    return SegmentCache(tmp_path / "cache")


def test_an_entry_reads_back_in_any_wav_reader(cache):
    entry = cache.store(KEY, TONE)
    assert cache.load(KEY) == entry
    assert entry.duration_ms == pytest.approx(1000.0)
    assert read_wav(entry.path) == TONE  # the standard library's reader skips the checksum chunk
    assert len(audio_segment_class().from_wav(entry.path)) == 1000  # and so does pydub, which stitches


def test_a_missing_entry_is_a_miss(cache):
    assert cache.load(KEY) is None


def damage_truncate(data: bytes) -> bytes:
    return data[: len(data) // 2]


def damage_header(data: bytes) -> bytes:
    return b"RIFX" + data[4:]


def damage_samples(data: bytes) -> bytes:
    middle = len(data) - 1000
    return data[:middle] + bytes([data[middle] ^ 0xFF]) + data[middle + 1:]


def damage_empty(data: bytes) -> bytes:
    return b""


@pytest.mark.parametrize("damage", [damage_truncate, damage_header, damage_samples, damage_empty])
def test_a_damaged_entry_is_a_miss_and_goes_away(cache, damage):
    path = cache.store(KEY, TONE).path
    path.write_bytes(damage(path.read_bytes()))
    assert cache.load(KEY) is None
    assert not path.exists()


def test_writing_leaves_no_temporary_files(cache):
    cache.store(KEY, TONE)
    files = [p for p in cache.root.rglob("*") if p.is_file()]
    assert files == [cache.path_for(KEY)]


def test_a_failed_write_keeps_the_old_entry(cache, monkeypatch):
    cache.store(KEY, TONE)
    monkeypatch.setattr("articlecast.audio.cache.os.replace", lambda *a: (_ for _ in ()).throw(KeyboardInterrupt))
    with pytest.raises(KeyboardInterrupt):
        cache.store(KEY, Pcm(b"\1\0" * 100, 22050))
    monkeypatch.undo()
    assert read_wav(cache.load(KEY).path) == TONE
    assert not list(cache.root.rglob("*.part"))


BASE = dict(engine="espeak", version="1.52", voice=Voice("espeak", "de"), text="Hallo")


@pytest.mark.parametrize("change", [
    {"engine": "gtts"}, {"version": "1.53"}, {"voice": Voice("espeak", "de+m3")},
    {"voice": Voice("espeak", "de", pitch=1.1)}, {"voice": Voice("espeak", "de", speed=0.9)}, {"text": "Hallo!"},
])
def test_everything_that_changes_the_sound_changes_the_key(change):
    changed = BASE | change
    assert cache_key(*changed.values()) != cache_key(*BASE.values())
    assert cache_key(*BASE.values()) == cache_key(*dict(BASE).values())


def test_default_cache_dir_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "articlecast"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert default_cache_dir() == tmp_path / "home" / ".cache" / "articlecast"


def test_the_wav_header_is_plain_pcm(cache):
    with wave.open(str(cache.store(KEY, TONE).path)) as w:
        assert (w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getcomptype()) == (1, 2, 22050, "NONE")
    assert isinstance(cache.path_for(KEY), Path)


def test_threads_of_one_build_storing_the_same_segment_at_once_both_succeed(cache):
    """Articles of one batch run in threads of one process and often share a segment (the same byline, an
    outro): on a cold cache they store it at the same moment. Each writer needs a temporary file of its own;
    one named only by the process id was truncated and renamed away under the other (exit 7 for an article)."""
    long_tone = Pcm(TONE.samples * 60, 22050)  # a minute: long enough for the two writes to overlap
    rounds, writers = 20, 4
    barrier = threading.Barrier(writers)
    errors: list[BaseException] = []

    def store() -> None:
        for _ in range(rounds):
            barrier.wait()
            try:
                cache.store(KEY, long_tone)
            except BaseException as e:  # noqa: BLE001 - collected and asserted below
                errors.append(e)

    threads = [threading.Thread(target=store) for _ in range(writers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert read_wav(cache.load(KEY).path) == long_tone
    assert not list(cache.root.rglob("*.part"))
