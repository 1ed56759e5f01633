"""Is a line a person's name? Used for bylines, pull-quote name lines and "— Name" attributions."""
from __future__ import annotations

import re

from articlecast.languages import names as _names
from articlecast.languages import union

# Lowercase name particles: "Ursula von der Leyen", "Vincent van Gogh", "Ibn Battuta".
PARTICLES = _names.LINE_PARTICLES
# "der"/"den" are particles only right after "von"/"van" ("von der Leyen"), else function words.
PARTICLE_FOLLOWERS = _names.PARTICLE_FOLLOWERS
MAX_NAME_WORDS = 5
_APOSTROPHES = "'’"
# A dash, then the name, then maybe ", role": the attribution under a pull quote.
_ATTRIBUTION = re.compile(r"[—–―-]{1,2}\s*(?P<name>[^,]+?)\s*(?:,.*)?")
# Capitalised at a line start, these open headings and sentences, never names.
_NOT_NAMES = union(lambda lang: lang.text.function_words | lang.text.not_name_starts)


def is_person_name(text: str) -> bool:
    """Two to five capitalised words ("Jakob Bitner", "Ursula von der Leyen", "J. R. Smith")."""
    words = text.split()
    if not 2 <= len(words) <= MAX_NAME_WORDS:
        return False
    for i, word in enumerate(words):
        inner = 0 < i < len(words) - 1
        follows = PARTICLE_FOLLOWERS.get(word)
        if inner and (word in PARTICLES or (follows and words[i - 1] in follows)):
            continue
        if not _is_name_word(word) or word.lower() in _NOT_NAMES:
            return False
    return True


def _is_name_word(word: str) -> bool:
    if len(word) == 2 and word[0].isupper() and word[1] == ".":  # an initial
        return True
    return all(_is_name_part(part) for part in word.split("-"))


def _is_name_part(part: str) -> bool:
    letters = part.replace("'", "").replace("’", "")
    if not letters or not part[0].isupper() or not letters.isalpha():
        return False
    # An all-caps word of three or more letters is an acronym (CDU, NASA), not a name.
    return len(letters) <= 2 or not letters.isupper()


def attribution_speaker(line: str) -> str | None:
    """ "— Margaret Hale" or "– Margaret Hale, director" -> "Margaret Hale"; anything else -> None."""
    match = _ATTRIBUTION.fullmatch(line.strip())
    if match and is_person_name(match.group("name")):
        return match.group("name")
    return None
