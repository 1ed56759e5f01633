"""French, added as one module (articlecast/languages/fr.py): script, numbers and a whole offline build."""
from __future__ import annotations

import json
import subprocess
import wave
from pathlib import Path

import feedparser
import numpy as np
import pytest
from mutagen.id3 import ID3

from articlecast.audio.ffmpeg import ffmpeg_exe
from articlecast.audio.normalize import speakable
from articlecast.cli import cli
from articlecast.pipeline import make_script_from
from articlecast.script.language import detect_language
from articlecast.script.model import NARRATOR
from articlecast.script.quotes import find_quotes
from tests.conftest import SAMPLES

FRENCH = SAMPLES / "boulangerie-cooperative-fr.md"
SLUG = "le-pain-revient-au-village"


def test_the_sample_is_detected_as_french_and_the_others_keep_their_language():
    assert detect_language(FRENCH.read_text(encoding="utf-8")) == "fr"
    assert detect_language((SAMPLES / "energiegenossenschaft-de.txt").read_text(encoding="utf-8")) == "de"
    assert detect_language((SAMPLES / "library-night-en.md").read_text(encoding="utf-8")) == "en"


@pytest.mark.parametrize("paragraph, inner", [
    ("« Nous avons gagné », a déclaré Marie Dupont.", "Nous avons gagné"),  # plain spaces
    ("«\u00a0Nous avons gagné\u00a0», a déclaré Marie Dupont.", "Nous avons gagné"),  # no-break spaces
    ("«\u202fNous avons gagné\u202f», a déclaré Marie Dupont.", "Nous avons gagné"),  # narrow no-break spaces
    ("«Nous avons gagné», a déclaré Marie Dupont.", "Nous avons gagné"),  # Swiss style, no spaces
])
def test_guillemets_with_their_spaces_enclose_the_words_only(paragraph, inner):
    (span,) = find_quotes(paragraph, "fr")
    assert span.closed and paragraph[span.text_start:span.text_end] == inner


def test_the_french_sample_is_narrated_and_every_quote_goes_to_its_speaker():
    script = make_script_from(str(FRENCH))
    assert script.language == "fr"
    assert script.title == "Le pain revient au village" and script.author == "Hélène Marchal"
    assert [s.text for s in script.segments if s.kind == "byline"] == ["Par Hélène Marchal"]
    assert [s.text for s in script.segments if s.kind == "heading"] == [
        "Une coopérative de 312 sociétaires", "Les comptes tiennent", "Et demain"]
    quotes = [(s.speaker, s.text.split()[0]) for s in script.segments if s.kind == "quote"]
    assert quotes == [
        ("Claire Fontaine", "Nous"),  # « … », a déclaré Claire Fontaine
        ("Claire Fontaine", "Ce"),  # the same speaker goes on
        ("Julien Moreau", "le"),  # Selon Julien Moreau, … « … »
        ("Julien Moreau", "Je"),  # « … », explique-t-il
        ("Sophie Lambert", "C'est"),  # « … », estime l'économiste Sophie Lambert
        ("Claire Fontaine", "Le"),  # Claire Fontaine ajoute : « … »
        ("Julien Moreau", "Nous"),  # « … », a précisé Julien Moreau
    ]
    genders = {name: member.gender for name, member in script.cast.items() if name != NARRATOR}
    assert genders == {"Claire Fontaine": "female", "Julien Moreau": "male", "Sophie Lambert": "female"}
    assert "la maire" in (script.cast["Claire Fontaine"].description or "")


@pytest.mark.parametrize("written, spoken", [
    ("Un village de 1 250 habitants.", "Un village de mille deux cent cinquante habitants."),
    ("de 1\u202f850 personnes", "de mille huit cent cinquante personnes"),  # narrow no-break space
    ("le 1er mars 2024", "le premier mars deux mille vingt-quatre"),
    ("le 14 juin", "le quatorze juin"),  # days of the month are cardinals
    ("le 2e tour", "le deuxième tour"),
    ("vers 14 h 30", "vers quatorze heures trente"),
    ("à 1 h", "à une heure"),
    ("de 3,5 % au dernier trimestre", "de trois virgule cinq pour cent au dernier trimestre"),
    ("pour 40 000 €", "pour quarante mille euros"),
    ("5,99 €", "cinq euros et quatre-vingt-dix-neuf centimes"),
    ("à 12 km d'ici", "à douze kilomètres d'ici"),
    ("M. Dupont et Mme Roux", "Monsieur Dupont et Madame Roux"),
    ("environ 71 pains", "environ soixante et onze pains"),
    ("l'OTAN", "l'Otan"),
])
def test_french_numbers_units_and_abbreviations_are_written_out(written, spoken):
    assert speakable(written, "fr") == spoken


@pytest.fixture(scope="module")
def french_podcast(tmp_path_factory):
    from tests.conftest import cli_runner

    out = tmp_path_factory.mktemp("french-podcast") / "out"
    runner = cli_runner()
    # no --language: a show that never chose one speaks its episodes' language
    init = runner.invoke(cli, ["init", str(out), "--title", "Radio Village", "--yes"])
    assert init.exit_code == 0, init.stderr
    result = runner.invoke(cli, ["build", str(FRENCH), "--out", str(out), "--engine", "espeak"])
    assert result.exit_code == 0, result.stderr
    return out


def _decode(mp3: Path, tmp: Path) -> tuple[np.ndarray, int]:
    wav = tmp / "episode.wav"
    subprocess.run([ffmpeg_exe(), "-v", "error", "-i", str(mp3), "-ac", "1", str(wav)], check=True)
    with wave.open(str(wav)) as w:
        return np.frombuffer(w.readframes(w.getnframes()), dtype=np.int16), w.getframerate()


def test_the_french_episode_is_built_offline_with_french_voices(french_podcast, tmp_path):
    out = french_podcast
    script = json.loads((out / "episodes" / f"{SLUG}.script.json").read_text(encoding="utf-8"))
    voices = {name: (member["voice"]["engine"], member["voice"]["name"]) for name, member in script["cast"].items()}
    assert set(voices) == {NARRATOR, "Claire Fontaine", "Julien Moreau", "Sophie Lambert"}
    assert all(engine == "espeak" and name.startswith("fr") for engine, name in voices.values()), voices
    assert len(set(voices.values())) == 4, "every quoted person speaks with a voice of their own"
    samples, rate = _decode(out / "episodes" / f"{SLUG}.mp3", tmp_path)
    assert len(samples) / rate > 60  # about 600 words
    loud = np.abs(samples.astype(np.float64)).max() / 32768
    assert 0.3 < loud < 1.0


def test_the_french_episode_has_french_chapters_transcript_tags_page_and_feed(french_podcast):
    out = french_podcast
    chapters = json.loads((out / "episodes" / f"{SLUG}.chapters.json").read_text(encoding="utf-8"))["chapters"]
    assert [c["title"] for c in chapters] == ["Le pain revient au village", "Une coopérative de 312 sociétaires",
                                              "Les comptes tiennent", "Et demain"]
    vtt = (out / "episodes" / f"{SLUG}.vtt").read_text(encoding="utf-8")
    assert "<v Narrateur>" in vtt and "<v Claire Fontaine>" in vtt
    tags = ID3(out / "episodes" / f"{SLUG}.mp3")
    assert str(tags["TLAN"]) == "fra"
    (toc,) = tags.getall("CTOC")
    assert str(toc.sub_frames["TIT2"]) == "Chapitres" and len(tags.getall("CHAP")) == 4
    parsed = feedparser.parse(str(out / "feed.xml"))
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.language == "fr"
    (entry,) = parsed.entries
    assert entry.title == "Le pain revient au village"
    page = (out / "index.html").read_text(encoding="utf-8")
    assert "Chapitres" in page and "Transcription" in page and "abonner" in page
