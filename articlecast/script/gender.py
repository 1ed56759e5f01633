"""What a name or a word tells about a person's gender: given names from maintained data, gendered nouns.

Given names come from the name dictionary that the `gender-guesser` wheel ships (Jörg Michael's
"nam_dict", about 48,000 first names with their use per European and other countries). The
wheel's own Detector parses the whole file into Python dicts (about 3 s), far more than one
article needs; the few names of an article are found in the raw text instead (a string search,
milliseconds each), and judged by the Detector's rule: without a country, the gender with the widest and most frequent use wins.

    given_name_gender("Ruth")    -> "female"
    given_name_gender("Jonas")   -> "male"
    given_name_gender("Mengqiu") -> None   (unknown to the data)
    given_name_gender("Kim")     -> None   (used for both; `firm=False` gives the likelier one)

Gendered nouns for a person ("Ministerin", "spokeswoman", "Ehemann") are told by `noun_gender`.
"""
from __future__ import annotations

import functools
from collections.abc import Mapping
from importlib import resources
from typing import Literal

from articlecast import languages

Gender = Literal["female", "male"]

_CODES: dict[str, str] = {"M": "male", "1M": "mostly_male", "?M": "mostly_male", "F": "female",
                          "1F": "mostly_female", "?F": "mostly_female", "?": "andy"}
_COUNTRY_COLUMNS = slice(30, -1)  # as in gender_guesser.detector


@functools.cache
def _name_data() -> str:
    """The raw name dictionary; empty when gender-guesser is not installed (names then tell nothing)."""
    try:
        return resources.files("gender_guesser").joinpath("data/nam_dict.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return ""


@functools.cache
def name_usage(word: str) -> str:
    """gender-guesser's verdict for a given name: male, female, mostly_male, mostly_female, andy or unknown."""
    data = _name_data()
    parts = [p[:1].upper() + p[1:].lower() for p in word.replace("-", " ").split()]
    if not data or not parts:
        return "unknown"
    best, best_score = "unknown", (0, 0)
    # a name stands in columns 3-28 of its line; "+" joins the parts of a compound name
    for spelling in {"+".join(parts), "-".join(parts), " ".join(parts)}:
        needle, at = f" {spelling} ", 0
        while (at := data.find(needle, at) + 1) > 0:
            start = data.rfind("\n", 0, at) + 1
            if at - 1 - start != 2 or data[start] in "#=":
                continue
            line = data[start:data.find("\n", start)].rstrip("\r")
            usage = _CODES.get(line[:2].strip())
            if usage is None:
                continue
            values = line[_COUNTRY_COLUMNS].replace(" ", "")
            score = (len(values), sum(ord(c) - 55 if ord(c) > 64 else ord(c) - 48 for c in values))
            if best == "unknown" or score > best_score:
                best, best_score = usage, score
    return best


def given_name_gender(word: str, firm: bool = True) -> Gender | None:
    """"female" or "male" when the given name is used (almost) only for one; None when it does not tell.

    `firm=False` also takes the likelier gender of a name used mostly for one ("Kim", "Chris").
    """
    usage = name_usage(word)
    if usage == "unknown" and "-" in word:
        usage = name_usage(word.split("-")[0])  # "Hans-Jürgen": the first part leads
    if usage in ("female", "male"):
        return usage  # type: ignore[return-value]
    if not firm and usage.startswith("mostly_"):
        return usage.removeprefix("mostly_")  # type: ignore[return-value]
    return None


def person_gender(full_name: str, firm: bool = True) -> Gender | None:
    """The gender the first given name of a full name tells ("Ruth Delgado" -> "female"); a lone
    surname tells nothing."""
    parts = full_name.split()
    if len(parts) < 2:
        return None
    return given_name_gender(parts[0], firm)


# Nouns for a person that tell the gender by themselves (lower case). German feminine role nouns
# ("Ministerin", "Sprecherin", "Chefin") are told by their -in ending instead (noun_gender); a
# German masculine role noun ("Minister") tells nothing, since it is also used for everybody.
GENDERED_NOUNS: dict[str, Mapping[str, Gender]] = {
    language.code: language.attribution.gendered_nouns for language in languages.all()}


def noun_gender(word: str, language: str) -> Gender | None:
    """The gender a noun for a person tells: "Ministerin" and "spokeswoman" female, "Ehemann" male."""
    from articlecast.script.phrases import is_role

    low = word.lower().strip(".")
    table = GENDERED_NOUNS.get(language, {})
    if low in table:
        return table[low]
    lang = languages.get(language)
    suffix = lang.grammar.feminine_suffix
    if lang.grammar.capitalised_nouns and word[:1].isupper() and len(low) > 4:
        if suffix and low.endswith(suffix) and is_role(word[:-len(suffix)]):
            return "female"  # Ministerin, Sprecherin, Chefin, Bürgermeisterin
        if low.endswith(lang.attribution.female_compound_ends):
            return "female"  # Bauerntochter, Krankenschwester; not "-mann" or "-sohn": surnames end so

    return None
