"""Parts of speech of the clause around a quote, and the subject of that clause.

Word lists of speech verbs never end: "bewertet", "spekuliert", "befürwortet" … Who speaks a
quote is the subject of the clause that introduces or frames it, whatever its verb, so this
module tags that clause with HanTa (Hanover Tagger: an HMM over morphemes, its German and
English models ship inside its wheel, pure Python, offline) and finds the subject by the
clause's shape: German puts the finite verb second, with the subject before it or, when
something else opens the clause, right after it; English puts the subject before the verb,
except in the inverted cue after a quote ("…," said Ina Roth).

Only the few clauses next to quotes are tagged (the tagger reads about 2,500 words a second;
a long article has far more words than quote cues), each once, and the models load on first
use, so an article without quotes never pays for them.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Literal

from articlecast.script.phrases import Token

Coarse = Literal["noun", "name", "pron", "det", "adj", "verb", "aux", "part", "adp", "adv", "conj", "sub", "punct",
                 "num", "other"]

_MODELS = {"de": "morphmodel_ger.pgz", "en": "morphmodel_en.pgz"}

# STTS (German) and BNC C5 (English) tags, as HanTa gives them, mapped onto a few classes.
_DE: dict[str, Coarse] = {
    "NN": "noun", "NNA": "noun", "NE": "name", "PPER": "pron", "PRF": "pron", "PIS": "pron", "PDS": "pron",
    "ART": "det", "PPOSAT": "det", "PIAT": "det", "PDAT": "det", "PWAT": "det",
    "ADJ(A)": "adj", "ADJ(D)": "adv", "ADV": "adv", "PROAV": "adv", "PAV": "adv", "PTKNEG": "adv", "PWAV": "sub",
    "VV(FIN)": "verb", "VA(FIN)": "aux", "VM(FIN)": "aux", "VV(INF)": "part", "VV(PP)": "part", "VV(IZU)": "part",
    "VA(INF)": "part", "VA(PP)": "part", "VM(INF)": "part", "PTKVZ": "part", "PTKZU": "part",
    "APPR": "adp", "APPRART": "adp", "APPO": "adp", "APZR": "adp",
    "KON": "conj", "KOKOM": "conj", "KOUS": "sub", "KOUI": "sub", "PRELS": "sub", "PRELAT": "sub", "PWS": "sub",
    "$,": "punct", "$.": "punct", "$(": "punct", "CARD": "num",
}
_EN_PREFIX: tuple[tuple[str, Coarse], ...] = (
    ("NP", "name"), ("NN", "noun"), ("PNP", "pron"), ("PNI", "pron"), ("PNX", "pron"), ("PNQ", "sub"),
    ("AT", "det"), ("DPS", "det"), ("DT", "det"), ("AJ", "adj"), ("AV", "adv"), ("XX", "adv"),
    ("VVD", "verb"), ("VVZ", "verb"), ("VVB", "verb"), ("VBD", "aux"), ("VBZ", "aux"), ("VBB", "aux"),
    ("VHD", "aux"), ("VHZ", "aux"), ("VHB", "aux"), ("VDD", "aux"), ("VDZ", "aux"), ("VM", "aux"),
    ("VV", "part"), ("VB", "part"), ("VH", "part"), ("VD", "part"), ("TO", "part"),
    ("PRP", "adp"), ("PRF", "adp"), ("CJC", "conj"), ("CJS", "sub"), ("CJT", "sub"), ("PUN", "punct"),
    ("CRD", "num"), ("ORD", "adj"),
)


@dataclass(frozen=True)
class Tagged:
    text: str
    lemma: str
    tag: str  # the tagger's own tag (STTS or C5)
    coarse: Coarse

    @property
    def finite(self) -> bool:
        return self.coarse in ("verb", "aux")


@lru_cache(maxsize=2)
def _tagger(language: str):
    from HanTa import HanoverTagger  # imported here: loading a model takes a quarter of a second

    return HanoverTagger.HanoverTagger(_MODELS[language])


def _coarse(tag: str, language: str) -> Coarse:
    if language == "de":
        return _DE.get(tag, "other")
    return next((c for prefix, c in _EN_PREFIX if tag.startswith(prefix)), "other")


@lru_cache(maxsize=4096)
def tag_words(words: tuple[str, ...], language: str) -> tuple[Tagged, ...]:
    """Tag a clause (its words as the tokenizer split them); cached, since the same clause is asked
    about for every quote it frames."""
    if not words:
        return ()
    lang = language if language in _MODELS else "de"
    out = []
    for word, lemma, tag in _tagger(lang).tag_sent(list(words), taglevel=1):
        out.append(Tagged(word, lemma, tag, _coarse(tag, lang)))
    return tuple(out)


def tag_tokens(tokens: list[Token], language: str) -> tuple[Tagged, ...]:
    return tag_words(tuple(t.text for t in tokens), language)


_NP_PARTS = frozenset({"noun", "name", "det", "adj", "num", "pron"})
_SKIP_AFTER_VERB = frozenset({"adv"})


@dataclass(frozen=True)
class Subject:
    """Where the subject of a clause stands: tokens[start:end], and whether it follows its verb."""

    start: int
    end: int
    verb: int  # index of the finite verb
    after_verb: bool


def _finite_verb(tags: tuple[Tagged, ...], start: int) -> int | None:
    """The first finite verb of the main clause from `start`: a subordinate clause (KOUS … , ) is skipped."""
    k, depth = start, 0
    while k < len(tags):
        t = tags[k]
        if t.coarse == "sub":
            depth = 1
        elif t.text == "," and depth:
            depth = 0
        elif t.finite and not depth:
            return k
        k += 1
    return None


def _np_end(tags: tuple[Tagged, ...], start: int) -> int:
    """End of the noun phrase from `start`: determiners, adjectives, nouns, names, and a genitive after them."""
    k = start
    while k < len(tags) and (tags[k].coarse in _NP_PARTS or (tags[k].text == "." and k > start
                                                           and tags[k - 1].text[:1].isupper() and len(tags[k - 1].text) <= 4)):
        if tags[k].coarse == "pron" and k > start:
            break
        k += 1
    return k


def clause_subject(tokens: list[Token], language: str) -> Subject | None:
    """The subject of the main clause in `tokens` (narrator words of one clause), or None.

    German: the first constituent when it is a noun phrase in the nominative, else the noun phrase
    right after the finite verb ("Dazu erklärte er", "Der Zeitung sagte Filep Karma" is found by the
    caller, which knows the names). English: the noun phrase before the finite verb; after it only
    when the clause opens with the verb ("said Ina Roth").
    """
    tags = tag_tokens(tokens, language)
    verb = _finite_verb(tags, 0)
    if verb is None:
        return None
    before = [k for k in range(verb) if tags[k].coarse != "punct" or tags[k].text in (",", ".")]
    if not before:
        return _after(tags, verb, language)
    first = tags[before[0]]
    opens_with_np = first.coarse in ("noun", "name", "det", "adj", "pron", "num") and not _object_article(first, language)
    if language == "de" and (not opens_with_np or tags[verb - 1].text == ","):
        return _after(tags, verb, language)  # "In dem Bericht heißt es", "Als sie ankam, sagte Roth"
    if language != "de" and first.coarse == "sub":
        comma = next((k for k in range(verb) if tags[k].text == ","), None)
        if comma is None:
            return None
        later = _finite_verb(tags, comma + 1)
        return None if later is None else _before(tags, comma + 1, later)
    if not opens_with_np:
        return None
    return _before(tags, before[0], verb)


def subject_after_verb(tokens: list[Token], language: str) -> Subject | None:
    """The noun phrase right after the clause's finite verb: the subject when the first constituent is an
    object ("Das räumte Ina Roth ein", where "Das" points back at a quote)."""
    tags = tag_tokens(tokens, language)
    verb = _finite_verb(tags, 0)
    return None if verb is None else _after(tags, verb, language)


def _object_article(first: Tagged, language: str) -> bool:
    """ "Dem Sender sagte …", "Den Plan lobte …": an article of the dative or accusative opens an object."""
    return language == "de" and first.text.lower() in ("dem", "den", "einem", "einen")


def _before(tags: tuple[Tagged, ...], start: int, verb: int) -> Subject | None:
    end = verb
    while end > start and tags[end - 1].coarse in ("adv", "punct") and tags[end - 1].text != ".":
        end -= 1
    return Subject(start, end, verb, False) if end > start else None


def _after(tags: tuple[Tagged, ...], verb: int, language: str) -> Subject | None:
    k = verb + 1
    while k < len(tags) and (tags[k].coarse in _SKIP_AFTER_VERB or tags[k].tag == "PRF"):
        k += 1
    if k >= len(tags) or tags[k].coarse not in _NP_PARTS:
        return None
    if language != "de" and tags[verb].lemma in _ADDRESSEE_VERBS:
        return None  # "told The Hollywood Reporter": whom the speaker told, not who spoke
    if tags[k].coarse == "pron" and tags[k].text.lower() in ("es", "it"):
        return None  # "heißt es": nobody in particular; the caller looks for the text that says it
    end = _np_end(tags, k) if tags[k].coarse != "pron" else k + 1
    return Subject(k, end, verb, True)


_ADDRESSEE_VERBS = frozenset({"tell", "ask", "inform", "assure", "remind", "warn", "urge", "advise"})


def finite_at(tokens: list[Token], k: int, language: str) -> bool:
    """Is tokens[k] a finite full verb in its clause (tokens)?"""
    tags = tag_tokens(tokens, language)
    return 0 <= k < len(tags) and tags[k].coarse == "verb"


def opens_with_common_noun(name: str, language: str) -> bool:
    """ "Deiche Brandenburgs", "Anfang Mai": a capitalised pair whose first word the tagger reads as a
    common noun and the given-name data does not know is no person's name."""
    from articlecast.script.gender import name_usage

    words = name.split()
    if language != "de" or len(words) < 2 or name_usage(words[0]) != "unknown":
        return False
    return tag_words(tuple(words), language)[0].coarse == "noun"
