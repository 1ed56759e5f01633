"""Speech cues around one quote: which phrase of the narrator's sentence names its speaker.

Looked for in the order a reader does: the verb right after the quote („…“, sagt Wang;
"…," Okoro said), the clause that introduces it (Er sagte: „…“), then a reporting verb
or a source ("laut X", "according to X") elsewhere in the same sentence.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from articlecast.script.cues import (
    AUXILIARIES,
    DETERMINERS,
    PARTICLE_VERBS,
    PREPOSITIONS,
    REPORTING_VERBS,
    SOURCE_NOUN_INTRODUCERS,
    SOURCE_NOUNS,
    SOURCE_POSTPOSITIONS,
    SOURCE_PREPOSITIONS,
    SPEECH_VERBS,
)
from articlecast.script.phrases import Referent, Token, ends_sentence, referent
from articlecast.script.quotes import QuoteSpan

Placement = Literal["after", "before", "sentence"]
Known = Callable[[str], object]  # the cast's lookup: a full name for a name it knows, else None
# Words that end a speaker phrase: conjunctions and relative pronouns ("Zhao, der seit 2014 …").
_PHRASE_STOPS = frozenset({"und", "and", "who", "der", "die", "das", "which", "whose", "dessen", "deren", "als",
                           "while", "wobei", "weil", "because", "da", "when", "wenn", "dass", "that", "ob", "if"})
_MAX_VERB_DISTANCE = 6  # "…," the site's night guard said: the name stands at most this far before the verb


@dataclass(frozen=True)
class Cue:
    """A phrase that names who speaks a quote, and where it stood (adjacent cues are surest)."""

    referent: Referent
    placement: Placement
    tight: bool  # the phrase follows the verb directly ("sagt Wang"), so a lone word is a name


@dataclass(frozen=True)
class Sentence:
    """The narrator tokens of the sentence a quote stands in, split at the quote."""

    before: list[Token]  # from the sentence start up to the quote
    after: list[Token]  # from the quote to the sentence end


def sentence_around(tokens: list[Token], span: QuoteSpan) -> Sentence:
    first_after = next((k for k, t in enumerate(tokens) if t.start >= span.end), len(tokens))
    last_before = first_after - 1
    while last_before >= 0 and tokens[last_before].end > span.start:
        last_before -= 1
    start = last_before
    while start >= 0 and not ends_sentence(tokens, start):
        start -= 1
    end = first_after
    while end < len(tokens) and not ends_sentence(tokens, end):
        end += 1
    return Sentence(tokens[start + 1:last_before + 1], tokens[first_after:end])


def _is_verb(words: list[Token], k: int, language: str, verbs: frozenset[str]) -> bool:
    word = words[k].lower
    if words[k].text != word or word not in verbs or word in SOURCE_PREPOSITIONS.get(language, ()):
        return False
    particles = PARTICLE_VERBS.get(language, {}).get(word)
    if particles is None:
        return True
    return bool(particles & {w.lower for w in words[k + 1:]})


def _phrase(tokens: list[Token]) -> list[Token]:
    """The speaker phrase: up to the first comma, bracket or relative pronoun."""
    out = []
    for k, t in enumerate(tokens):
        if k > 0 and t.lower in _PHRASE_STOPS and not (t.lower in ("der", "die", "das") and _is_article_here(out)):
            break
        if t.text in (",", "(", "–", "—", ":", ";", "."):
            break
        out.append(t)
    return out


def _is_article_here(before: list[Token]) -> bool:
    """In "sagt der Münchner", der is the article of the phrase, not a relative pronoun."""
    return not before or all(not t.is_word or not t.is_capitalised for t in before)


def _apposition(tokens: list[Token], start: int) -> list[Token]:
    """The words after the comma that ends a phrase: "…, Elmar Gesse", "…, the library's director"."""
    k = start
    while k < len(tokens) and tokens[k].text != ",":
        k += 1
    return _phrase(tokens[k + 1:]) if k < len(tokens) else []


def _with_apposition(found: Referent | None, tokens: list[Token], start: int, language: str) -> Referent | None:
    if found is None:
        if start < len(tokens) and tokens[start].lower in DETERMINERS[language]:
            extra = referent(_apposition(tokens, start), language)  # "der Oberkommandierende …, General Casey"
            return extra if extra is not None and extra.kind == "name" else None
        return None
    extra = referent(_apposition(tokens, start), language)
    if extra is None:
        return found
    if found.kind in ("descriptor", "unnamed", "organisation"):
        if extra.kind == "name":
            return Referent("name", extra.text, extra.gender or found.gender, extra.description or found.description)
        return found
    if found.kind == "name" and extra.kind == "descriptor" and found.description is None:
        return Referent("name", found.text, found.gender or extra.gender, extra.description)
    return found


def cue_after(sentence: Sentence, inner: str, language: str) -> Cue | None:
    """„…“, sagt der Münchner Jakob Bitner. / "…," Okoro said. / „…“, so Schnappauf."""
    words = sentence.after
    if not words:
        return None
    if inner.rstrip().endswith(".") and words[0].text != ",":
        return None  # the quote closed its sentence; what follows is a new one
    if words[0].text == ",":
        words = words[1:]
    if not words or not words[0].is_word:
        return None
    if inner.rstrip().endswith(("?", "!")) and words[0].is_capitalised and language == "en":
        return None
    head = words[0].lower
    if head in SOURCE_PREPOSITIONS.get(language, ()):
        skip = 2 if head == "according" and len(words) > 1 and words[1].lower == "to" else 1
        found = referent(_phrase(words[skip:]), language)
        return Cue(found, "after", True) if found else None
    verbs = SPEECH_VERBS[language]
    if words[0].lower in AUXILIARIES.get(language, ()) and any(_is_verb(words, j, language, verbs)
                                                              for j in range(1, len(words))):
        words = words[1:]  # „…“, hatte VW-Chef Winterkorn in einem Interview erklärt
        found = _with_apposition(referent(_phrase(words), language), words, 0, language)
        return Cue(found, "after", True) if found else None
    if _is_verb(words, 0, language, verbs):
        singular = not words[0].lower.endswith("en") or language != "de"
        phrase = _phrase(words[1:])
        found = _with_apposition(referent(phrase, language, singular), words, 1, language)
        return Cue(found, "after", True) if found else None
    for k in range(1, min(len(words), _MAX_VERB_DISTANCE)):
        if words[k].text in (",", ":", ";"):
            break
        if _is_verb(words, k, language, verbs):
            found = referent(words[:k], language)
            if found is not None and found.kind == "name" and language == "de" and not words[0].is_capitalised:
                return None
            return Cue(found, "after", k == 1) if found else None
    return None


def cue_before(sentence: Sentence, language: str, known: Known) -> Cue | None:
    """Er sagte: „…“ / Der Leiter der WHO, Klaus Stöhr, sagte: „…“ / Hale said, "…" / BKA-Präsident Ziercke: „…“."""
    words = sentence.before
    if not words or words[-1].text not in (":", ","):
        return None
    colon = words[-1].text == ":"
    clause = words[:-1]
    verbs = SPEECH_VERBS[language] if colon else REPORTING_VERBS[language]
    for k in range(len(clause) - 1, -1, -1):
        if not colon and len(clause) - k > 4:
            break
        if clause[k].is_word and _is_verb(clause, k, language, verbs):
            return _subject(clause, k, language, "before", known)
    if not colon:
        return None
    return _source(clause, language, "before") or _opening_subject(clause, language, known)


def _opening_subject(clause: list[Token], language: str, known: Known) -> Cue | None:
    """A colon after a clause that opens with a person: "Zypries sieht darin eine Bestätigung: „…“"."""
    if not clause or not clause[0].is_word:
        return None
    found = _with_apposition(referent(_phrase(clause), language, prefer_full=True), clause, 0, language)
    if found is None or found.kind == "organisation" or not (_strong(found, known) or _opens_clause(found, clause, language)):
        return None
    return Cue(found, "before", False)


def _strong(found: Referent, known: Known) -> bool:
    """A referent that surely names someone: a full name, a name the article knows, a pronoun or a role."""
    if found.kind == "name":
        return " " in found.text or found.description is not None or known(found.text) is not None
    return found.kind in ("pronoun", "descriptor", "organisation", "unnamed")


def _subject(clause: list[Token], k: int, language: str, placement: Placement, known: Known) -> Cue | None:
    """The speaker of the verb at clause[k]: before it ("Der Leiter der WHO, Klaus Stöhr, sagte")
    or, when the clause opens with an adverbial or a subordinate clause, after it ("Dazu sagte er")."""
    singular = not clause[k].lower.endswith("en") or language != "de"
    after_words = _phrase([t for t in clause[k + 1:] if t.lower != "sich"])
    after = _with_apposition(referent(after_words, language, singular), clause, k + 1, language)
    before_words = [t for t in clause[:k] if t.text not in ("„", "“")]
    before = referent(before_words, language, singular, prefer_full=True) if before_words else None
    if _inverted(clause, k, language):
        ranked = [(after, True), (before, False)]
    else:
        ranked = [(before, False), (after, True)]
    # A name beats a role or an organisation standing on the other side of the verb:
    # "Der englischsprachigen Zeitung sagte Filep Karma: …"
    for wanted in (("name",), ("pronoun", "descriptor", "organisation", "unnamed")):
        for found, tight in ranked:
            if found is not None and found.kind in wanted and _strong(found, known):
                return Cue(found, placement, tight)
    if _opens_clause(before, clause, language):
        return Cue(before, placement, True)  # type: ignore[arg-type]
    if after is not None and after.kind == "name":
        return Cue(after, placement, True)
    return None


def _opens_clause(found: Referent | None, clause: list[Token], language: str) -> bool:
    """A lone name right before the clause's verb ("Merkel entgegnete", "Stoiber hatte … betont") is its subject."""
    if found is None or found.kind != "name" or len(clause) < 2 or clause[0].text != found.text:
        return False
    verb = clause[1].text
    return verb in AUXILIARIES.get(language, ()) or verb in SPEECH_VERBS[language]


def _source(words: list[Token], language: str, placement: Placement) -> Cue | None:
    """ "laut Polizei", "according to the council", "…, so Rice", "Merkel zufolge"."""
    for k, w in enumerate(words):
        low = w.lower
        if low in SOURCE_PREPOSITIONS.get(language, ()) and k + 1 < len(words):
            if low == "so" and (k == 0 or words[k - 1].text != ","):
                continue  # "so" is a cue only as ", so Schnappauf"
            skip = 2 if low == "according" else 1
            found = referent(_phrase(words[k + skip:]), language)
            if found is not None and found.kind != "pronoun":
                return Cue(found, placement, True)
        if low in SOURCE_POSTPOSITIONS.get(language, ()) and k > 0:
            found = referent(_phrase(words[max(0, k - 6):k]), language)
            if found is not None:
                return Cue(found, placement, False)
        if low in ("in", "im", "auf") and _says_it(words):
            found = referent(_phrase(words[k + 1:]), language)  # „…“, heißt es in einer Erklärung der Minister
            if found is not None and found.kind == "organisation":
                return Cue(found, placement, True)
        if low in SOURCE_NOUN_INTRODUCERS.get(language, ()):
            found = _source_noun(words[k + 1:], language)
            if found is not None:
                return Cue(found, placement, True)
    return None


def _says_it(words: list[Token]) -> bool:
    """ "heißt es", "hieß es", "hatte es geheißen": a text, not a person, speaks."""
    lows = [w.lower for w in words]
    return "es" in lows and any(w in ("heißt", "hieß", "geheißen") for w in lows)


def _source_noun(words: list[Token], language: str) -> Referent | None:
    """ "(nach) Angaben der Polizei", "(nach) Ansicht von Ministerpräsident Christian Wulff", "(nach) Schäubles Idee"."""
    k = 1 if words and words[0].lower in DETERMINERS[language] else 0
    if k < len(words) and words[k].is_capitalised and words[k].text.endswith("s") and k + 1 < len(words) \
            and words[k + 1].lower in SOURCE_NOUNS[language]:
        return referent([Token(words[k].text[:-1], words[k].start, words[k].end - 1)], language)
    if k >= len(words) or words[k].lower not in SOURCE_NOUNS[language]:
        return None
    rest = words[k + 1:]
    if rest and rest[0].lower in ("von", "vom", "des", "der"):
        rest = rest[1:] if rest[0].lower in ("von", "vom") else rest
    found = referent(_phrase(rest), language)
    return _with_apposition(found, rest, 0, language) if found is not None else None


def cue_in_sentence(sentence: Sentence, language: str, known: Known) -> Cue | None:
    """A reporting verb or a source elsewhere in the sentence: "Laut Polizei sei das „…“"."""
    found = _source(sentence.before + sentence.after, language, "sentence")
    if found is not None:
        return found
    for k, w in enumerate(sentence.before):
        if w.is_word and _is_verb(sentence.before, k, language, SPEECH_VERBS[language]):
            return _subject(sentence.before, k, language, "sentence", known)
    return None


def find_cue(tokens: list[Token], span: QuoteSpan, inner: str, language: str, known: Known) -> Cue | None:
    sentence = sentence_around(tokens, span)
    return cue_after(sentence, inner, language) or cue_before(sentence, language, known) \
        or cue_in_sentence(sentence, language, known)


def _inverted(clause: list[Token], k: int, language: str) -> bool:
    """German puts the subject after the verb when something else opens the clause."""
    if k == 0 or clause[k - 1].text == ",":
        return True
    if language != "de":
        return False
    opener = clause[0]
    return opener.lower in PREPOSITIONS[language] or opener.lower in _ADVERBS


_ADVERBS = frozenset({"auch", "dazu", "dabei", "daraufhin", "danach", "zudem", "außerdem", "gestern", "heute", "später",
                      "zuvor", "damals", "dann", "nun", "jetzt", "so", "doch", "aber", "weiter", "schließlich",
                      "zunächst", "anschließend", "bereits", "ebenfalls", "allerdings", "trotzdem", "deshalb",
                      "daher", "hier", "dort", "wörtlich", "zuletzt", "inzwischen", "unterdessen", "indes"})
