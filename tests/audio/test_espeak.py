import os
import pickle
from pathlib import Path

import pytest
from audio_measure import median_f0_hz, rms_dbfs, words_per_second

from articlecast.audio.engines import engine_names, get_engine
from articlecast.audio.engines.base import Engine
from articlecast.audio.engines.espeak import EspeakEngine
from articlecast.errors import ArticlecastError, EngineError
from articlecast.script.model import Voice

GERMAN = "Die Genossenschaft baut im Frühjahr eine neue Solaranlage auf dem Dach der alten Schule."
ENGLISH = "The library stays open all night, and the readers bring their own lamps."


@pytest.fixture(scope="module")
def espeak() -> EspeakEngine:
    return get_engine("espeak")


@pytest.mark.parametrize("voice, language, text", [
    ("de", "de", GERMAN), ("de+m3", "de", GERMAN), ("de+f2", "de", GERMAN),
    ("en-us", "en", ENGLISH), ("en+f4", "en", ENGLISH),
])
def test_speech_is_audible_and_as_long_as_the_words_need(espeak, voice, language, text):
    pcm = espeak.synthesize(text, Voice("espeak", voice), language)
    assert rms_dbfs(pcm) > -35
    assert 1.2 < words_per_second(pcm, text) < 4.5


def test_a_female_variant_speaks_higher_than_a_male_one(espeak):
    male = median_f0_hz(espeak.synthesize(GERMAN, Voice("espeak", "de+m3"), "de"))
    female = median_f0_hz(espeak.synthesize(GERMAN, Voice("espeak", "de+f2"), "de"))
    assert female > 1.3 * male


def test_pitch_and_speed_of_a_voice_change_the_sound(espeak):
    def speak(pitch=1.0, speed=1.0):
        return espeak.synthesize(GERMAN, Voice("espeak", "de+m3", pitch, speed), "de")

    assert median_f0_hz(speak(pitch=1.3)) > 1.1 * median_f0_hz(speak(pitch=0.8))
    assert speak(speed=1.25).duration_ms < 0.9 * speak(speed=0.8).duration_ms


@pytest.mark.parametrize("text, sound", [
    ("Straße", "ʃtɾˈɑːsə"),  # ß is a voiceless s
    ("Grüße", "ɡɾˈyːsə"),
    ("Öl", "øː"),
    ("Ärger", "ˈɛɾɡɜ"),
    ("über", "yːbɜ"),
])
def test_umlauts_and_sharp_s_are_pronounced(espeak, text, sound):
    assert sound in espeak.phonemes(text, Voice("espeak", "de"))


@pytest.mark.parametrize("name", ["de+nosuchvariant", "xx-nowhere"])
def test_an_unknown_voice_is_a_one_line_engine_error(espeak, name):
    with pytest.raises(EngineError) as caught:
        espeak.synthesize("Hallo", Voice("espeak", name), "de")
    assert isinstance(caught.value, ArticlecastError) and "\n" not in str(caught.value)
    assert name.split("+")[-1] in str(caught.value)


@pytest.mark.parametrize("language", ["de", "en"])
def test_voices_have_distinct_names_with_genders(espeak, language):
    infos = espeak.voices(language)
    names = [i.voice.name for i in infos]
    assert len(names) == len(set(names)) >= 10
    assert {"male", "female"} <= {i.gender for i in infos}
    for info in infos[:5]:
        assert rms_dbfs(espeak.synthesize("Guten Tag.", info.voice, language)) > -35


def test_an_engine_survives_pickling_into_a_worker(espeak):
    copy = pickle.loads(pickle.dumps(espeak))
    # espeak-ng varies a few samples from call to call, so compare what a listener hears
    original, copied = (e.synthesize(GERMAN, Voice("espeak", "de"), "de") for e in (espeak, copy))
    assert copied.duration_ms == pytest.approx(original.duration_ms, rel=0.02)
    assert rms_dbfs(copied) == pytest.approx(rms_dbfs(original), abs=1)


def test_version_names_the_library_release(espeak):
    assert espeak.version.startswith("espeak-ng 1.")


def test_registry_knows_the_builtins_and_rejects_an_unknown_name():
    assert {"espeak", "gtts", "piper"} <= set(engine_names())
    assert isinstance(get_engine("espeak"), Engine)
    with pytest.raises(EngineError, match="known engines: espeak, gtts, piper"):
        get_engine("festival")


def test_a_voice_sounds_the_same_after_hundreds_of_voice_switches(espeak):
    """espeak-ng keeps traces of the voices chosen in a process (fr+m5 at pitch 1.6 came out 14 samples
    longer after ~130 switches); each child chooses its own voice from a never-switched process."""
    import hashlib
    import subprocess
    import sys

    target, text = Voice("espeak", "fr+m5", pitch=1.6), "Le marché ouvre ses portes à sept heures, comme chaque samedi."
    fresh = subprocess.run([sys.executable, "-c", f"""
import hashlib
from articlecast.audio.engines import get_engine
from articlecast.script.model import Voice
print(hashlib.sha256(get_engine("espeak").synthesize({text!r}, Voice("espeak", "fr+m5", pitch=1.6), "fr").samples).hexdigest())
"""], capture_output=True, text=True, check=True).stdout.strip()
    for _ in range(7):  # 133 switches: enough to change this voice before (20 rounds were not: the trace cycles)
        for info in espeak.voices("de"):
            espeak.synthesize("Ja.", info.voice, "de")
    assert hashlib.sha256(espeak.synthesize(text, target, "fr").samples).hexdigest() == fresh


def _zygote_pids() -> set[int]:
    from articlecast.audio.engines import espeak as module

    return {z.proc.pid for z in module._Zygote._all if z.key[0] == os.getpid()}


def test_a_zygote_killed_between_calls_is_replaced(espeak):
    """Segments are spoken by children of a small zygote process; one that died is started again."""
    import signal

    first = espeak.synthesize(GERMAN, Voice("espeak", "de+m3"), "de")
    for pid in _zygote_pids():
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
    assert espeak.synthesize(GERMAN, Voice("espeak", "de+m3"), "de") == first


def test_threads_speaking_at_once_each_get_their_own_answer(espeak):
    from concurrent.futures import ThreadPoolExecutor

    jobs = [(GERMAN, Voice("espeak", "de"), "de"), (ENGLISH, Voice("espeak", "en-us+f2"), "en"),
            (GERMAN, Voice("espeak", "de+Andy", pitch=0.7), "de"), (ENGLISH, Voice("espeak", "en-us"), "en")] * 3
    alone = [espeak.synthesize(*job) for job in jobs]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(lambda job: espeak.synthesize(*job), jobs))
    assert together == alone and len({p.samples for p in alone}) == 4


def test_no_zygote_outlives_the_process_that_started_it(tmp_path):
    import signal
    import subprocess
    import sys
    import time

    code = """
import os, sys, time
from articlecast.audio.engines import espeak
from articlecast.script.model import Voice
espeak.EspeakEngine().synthesize("Ja.", Voice("espeak", "de"), "de")
print(*[z.proc.pid for z in espeak._Zygote._all], flush=True)
time.sleep(60)
"""
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        pids = [int(p) for p in proc.stdout.readline().split()]
        assert pids and all(Path(f"/proc/{pid}").exists() for pid in pids)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    deadline = time.monotonic() + 10
    while any(_running(pid) for pid in pids) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not any(_running(pid) for pid in pids)


def _running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False
