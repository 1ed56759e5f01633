"""English words and names inside German and French text: found with wordfreq's data, spoken in English."""
import numpy as np
import pytest
from audio_measure import samples_of

from articlecast.audio import markup
from articlecast.audio.engines import get_engine
from articlecast.audio.normalize import speakable, speakable_marked
from articlecast.audio.pronounce import is_foreign
from articlecast.script.model import Voice

# English loanwords and names of German tech news, and German words that English also knows
GERMAN_FOREIGN = ["Startup", "Hype", "Smartphone", "iPhone", "Facebook", "Stanford", "Silicon", "Valley", "Meeting",
                  "Business", "Copycat", "Tencent", "Baby", "Selfie", "Sharing"]
GERMAN_OWN = ["China", "Name", "Start", "Post", "Hand", "Problem", "System", "Investor", "Zone", "Symbol", "Chef",
              "Handy", "Meyer", "Schmidt", "Haus", "Kinder", "Energie", "Bayern", "Kind", "Wille", "Boot", "Analyse",
              "Gymnasium", "Typ", "Seele", "Genossenschaft", "Scheunendach", "Zoo", "Job", "fluteten", "Übersee",
              "Corona", "Mercedes", "Celsius", "Cello", "Caritas"]
FRENCH_FOREIGN = ["Facebook", "Smartphone", "Startup", "Meeting", "Shopping"]
FRENCH_OWN = ["village", "machine", "patience", "boulangerie", "pain", "miches", "coopérative", "projet", "table"]


@pytest.mark.parametrize("word, language, foreign", [
    *((w, "de", True) for w in GERMAN_FOREIGN), *((w, "de", False) for w in GERMAN_OWN),
    *((w, "fr", True) for w in FRENCH_FOREIGN), *((w, "fr", False) for w in FRENCH_OWN),
])
def test_english_words_are_found_and_own_words_stay_own(word, language, foreign):
    assert is_foreign(word, language) is foreign


def test_english_text_has_no_foreign_words():
    assert not markup.has_foreign(speakable_marked("The startup from Silicon Valley grew fast.", "en"))


def test_runs_and_names_are_marked_as_one():
    marked = speakable_marked("Das Startup aus dem Silicon Valley zitiert die New York Times.", "de")
    assert markup.parts(marked) == [(None, "Das "), ("en", "Startup"), (None, " aus dem "), ("en", "Silicon Valley"),
                                    (None, " zitiert die "), ("en", "New York Times"), (None, ".")]


def test_the_users_lexicon_always_wins():
    marked = speakable_marked("Das Startup wächst.", "de", {"Startup": "Schtartapp"})
    assert not markup.has_foreign(marked)
    assert speakable("Das Startup wächst.", "de", {"Startup": "Schtartapp"}) == "Das Schtartapp wächst."
    # a lexicon entry that is itself an English word is not re-marked either
    assert not markup.has_foreign(speakable_marked("Das Projekt boomt.", "de", {"Projekt": "Startup"}))


def test_an_article_cannot_smuggle_marks_in():
    assert markup.parts(speakable_marked("A\ue000en\ue002b\ue001c", "de")) == [(None, "Aenbc")]


def test_unit_names_written_out_are_never_foreign():
    assert not markup.has_foreign(speakable_marked("Es ist 21 °C warm.", "de"))


def test_engines_that_cannot_switch_get_the_plain_words():
    marked = speakable_marked("Das Startup wächst.", "de")
    assert markup.plain(marked) == "Das Startup wächst."


@pytest.fixture(scope="module")
def espeak():
    return get_engine("espeak")


def _spectrum(pcm) -> np.ndarray:
    x = samples_of(pcm).astype(np.float64)
    n = 512
    frames = [np.abs(np.fft.rfft(x[i:i + n] * np.hanning(n))) for i in range(0, len(x) - n, 256)]
    return np.log1p(np.mean(frames, axis=0))


@pytest.mark.parametrize("word, voice", [("Facebook", "de+m3"), ("Hype", "de+f2"), ("Silicon Valley", "fr+m3")])
def test_espeak_speaks_a_marked_word_with_english_rules_in_the_same_voice(espeak, word, voice):
    """The marked word's average spectrum is the English voice's (same variant), far from the own one's."""
    own_language = voice.split("+")[0]
    variant = voice.split("+")[1]
    marked = _spectrum(espeak.synthesize(markup.foreign(word, "en"), Voice("espeak", voice), own_language))
    english = _spectrum(espeak.synthesize(word, Voice("espeak", f"en-us+{variant}"), "en"))
    own = _spectrum(espeak.synthesize(word, Voice("espeak", voice), own_language))
    assert np.linalg.norm(marked - english) * 2 < np.linalg.norm(marked - own)


def test_a_sentence_with_a_foreign_word_keeps_the_pause_rhythm(espeak):
    """espeak-ng's SSML adds ~300 ms of silence at the end; it is cut so the stitched pauses stay the same."""
    voice = Voice("espeak", "de+m3")
    text = "Das Startup aus dem Silicon Valley wächst schnell."
    plain = samples_of(espeak.synthesize(text, voice, "de"))
    marked = samples_of(espeak.synthesize(speakable_marked(text, "de"), voice, "de"))

    def tail_ms(x):
        loud = np.flatnonzero(np.abs(x) >= 200 / 32768)
        return (len(x) - loud[-1]) / 22.05

    assert tail_ms(marked) < 30 and abs(tail_ms(marked) - tail_ms(plain)) < 20
    assert abs(len(marked) - len(plain)) / len(plain) < 0.15  # the English words take about as long


def test_the_word_lists_are_read_as_wordfreq_reads_them():
    from wordfreq import top_n_list, zipf_frequency

    from articlecast.audio.pronounce import WORDLIST, _zipf

    for code in ("de", "en", "fr"):
        words = top_n_list(code, 3000, wordlist=WORDLIST)[::37] + ["startup", "facebook"]
        assert len(words) > 80
        assert [_zipf(w, code) for w in words] == [zipf_frequency(w, code, wordlist=WORDLIST) for w in words]
