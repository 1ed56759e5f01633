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

from articlecast import languages
from articlecast.script.phrases import Token

Coarse = Literal["noun", "name", "pron", "det", "adj", "verb", "aux", "part", "adp", "adv", "conj", "sub", "punct",
                 "num", "other"]

# The tags HanTa's models give (STTS for its German model, BNC C5 for its English one), mapped onto a
# few classes; which language uses which tagset is the language's own fact (Grammar.tagset).
_STTS: dict[str, Coarse] = {
    "NN": "noun", "NNA": "noun", "NE": "name", "PPER": "pron", "PRF": "pron", "PIS": "pron", "PDS": "pron",
    "ART": "det", "PPOSAT": "det", "PIAT": "det", "PDAT": "det", "PWAT": "det",
    "ADJ(A)": "adj", "ADJ(D)": "adv", "ADV": "adv", "PROAV": "adv", "PAV": "adv", "PTKNEG": "adv", "PWAV": "sub",
    "VV(FIN)": "verb", "VA(FIN)": "aux", "VM(FIN)": "aux", "VV(INF)": "part", "VV(PP)": "part", "VV(IZU)": "part",
    "VA(INF)": "part", "VA(PP)": "part", "VM(INF)": "part", "PTKVZ": "part", "PTKZU": "part",
    "APPR": "adp", "APPRART": "adp", "APPO": "adp", "APZR": "adp",
    "KON": "conj", "KOKOM": "conj", "KOUS": "sub", "KOUI": "sub", "PRELS": "sub", "PRELAT": "sub", "PWS": "sub",
    "$,": "punct", "$.": "punct", "$(": "punct", "CARD": "num",
}
_C5_PREFIX: tuple[tuple[str, Coarse], ...] = (
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


@lru_cache(maxsize=4)
def _tagger(model: str):
    """HanTa with one of its models; None when HanTa is not installed (an environment older than this
    dependency): the word-table rules then decide alone, as they did before the tagger."""
    try:
        from HanTa import HanoverTagger  # imported here: loading a model takes a quarter of a second
    except ImportError:
        return None
    return HanoverTagger.HanoverTagger(model)


def _coarse(tag: str, tagset: str) -> Coarse:
    if tagset == "stts":
        return _STTS.get(tag, "other")
    return next((c for prefix, c in _C5_PREFIX if tag.startswith(prefix)), "other")


def has_tagger(language: str) -> bool:
    """Can this language's clauses be tagged? Asked without loading the model."""
    import importlib.util

    return bool(languages.get(language).grammar.tagger_model) and importlib.util.find_spec("HanTa") is not None


@lru_cache(maxsize=4096)
def tag_words(words: tuple[str, ...], language: str) -> tuple[Tagged, ...]:
    """Tag a clause (its words as the tokenizer split them); cached, since the same clause is asked
    about for every quote it frames. A language without a tagger model gets every word as "other"."""
    grammar = languages.get(language).grammar
    if not words:
        return ()
    tagger = _tagger(grammar.tagger_model) if grammar.tagger_model else None
    if tagger is None:
        return tuple(Tagged(w, w, "", "other") for w in words)
    return tuple(Tagged(word, lemma, tag, _coarse(tag, grammar.tagset))
                 for word, lemma, tag in tagger.tag_sent(list(words), taglevel=1))


@lru_cache(maxsize=8192)
def _inflection(word: str, language: str) -> tuple[str, str] | None:
    """(stem, ending) of a common noun as HanTa's morphology splits it ("Insidern" -> ("Insider", "n")),
    or None for a word it does not read as an inflected common noun (a name, a verb, a bare stem)."""
    grammar = languages.get(language).grammar
    tagger = _tagger(grammar.tagger_model) if grammar.tagger_model else None
    if tagger is None or not word[:1].isupper():
        return None
    _, morphemes, tag = tagger.analyze(word, taglevel=3)
    if tag != "NN" or len(morphemes) < 2 or morphemes[-1][1] != "SUF_NN":
        return None
    ending = morphemes[-1][0]
    if not ending or not word.lower().endswith(ending) or len(word) - len(ending) < 3:
        return None
    return word[:-len(ending)], ending


def nominative(word: str, language: str) -> str:
    """A noun without its genitive ending: "(ein Sprecher) des Bundestages" speaks for the "Bundestag"."""
    found = _inflection(word, language)
    if found is None or found[1] not in languages.get(language).grammar.genitive_suffixes:
        return word
    return found[0]


def is_dative_plural(word: str, language: str) -> bool:
    """ "(einer von den) Insidern", "(laut) Ermittlern": a group in the dative, never one person's name."""
    grammar = languages.get(language).grammar
    found = _inflection(word, language)
    return found is not None and bool(grammar.dative_plural_suffix) and found[1] == grammar.dative_plural_suffix \
        and found[0].lower().endswith(grammar.dative_plural_stems)


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
    """The first finite verb of the main clause from `start`: a subordinate clause (KOUS … , ) is skipped,
    and so is a verb that ends a clause right before another verb opens the next ("Als sie ankam,
    befürwortete …", where the tagger may not know "Als" opened a subordinate clause)."""
    k, depth = start, 0
    while k < len(tags):
        t = tags[k]
        if t.coarse == "sub":
            depth = 1
        elif t.text == "," and depth:
            depth = 0
        elif (t.finite or _past_after_subject(tags, k)) and not depth:
            if k + 2 < len(tags) and tags[k + 1].text == "," and tags[k + 2].finite:
                return k + 2
            return k
        k += 1
    return None


def _past_after_subject(tags: tuple[Tagged, ...], k: int) -> bool:
    """English "-ed" forms are past tense or participle; right after a noun phrase, with no auxiliary
    before them, they are the finite verb ("the council concluded")."""
    t = tags[k]
    return t.tag.startswith("VVN") and k > 0 and tags[k - 1].coarse in ("noun", "name", "pron") \
        and not any(x.coarse == "aux" for x in tags[:k])


def _np_end(tags: tuple[Tagged, ...], start: int) -> int:
    """End of the noun phrase from `start`: determiners, adjectives, nouns, names (a capitalised word after
    a name goes on with it, whatever the tagger calls it: "Petra Lang"), and the period of a title."""
    k = start
    while k < len(tags):
        t = tags[k]
        title_period = t.text == "." and k > start and tags[k - 1].text[:1].isupper() and len(tags[k - 1].text) <= 4
        name_goes_on = k > start and tags[k - 1].coarse == "name" and t.text[:1].isupper() and t.coarse != "verb"
        if not (t.coarse in _NP_PARTS or title_period or name_goes_on) or (t.coarse == "pron" and k > start):
            break
        if t.coarse == "det" and k > start and tags[k - 1].coarse == "name":
            break  # "befürwortete Jana Wolf den Plan": a name is a whole phrase, the article opens the object
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
    grammar = languages.get(language).grammar
    if len(before) > 1 and tags[before[0]].text.lower() in grammar.focus_particles \
            and tags[before[1]].coarse in ("det", "noun", "name", "adj"):
        before = before[1:]  # "Auch der Minister sagte": the particle belongs to the subject, it inverts nothing
    first = tags[before[0]]
    opens_with_np = first.coarse in ("noun", "name", "det", "adj", "pron", "num") and not _object_article(first, language)
    inverting = grammar.inverted_subjects
    if inverting and opens_with_np and tags[verb - 1].text == "," and _apposition_before(tags, before[0], verb):
        return _before(tags, before[0], verb)  # "Der Leiter der Behörde, Ina Roth, sagte"
    if inverting and (not opens_with_np or tags[verb - 1].text == ","):
        return _after(tags, verb, language)  # "In dem Bericht heißt es", "Als sie ankam, sagte Roth"
    if not inverting and first.coarse == "sub":
        comma = next((k for k in range(verb) if tags[k].text == ","), None)
        if comma is None:
            return None
        later = _finite_verb(tags, comma + 1)
        return None if later is None else _before(tags, comma + 1, later)
    if not opens_with_np:
        return None
    return _before(tags, before[0], verb)


def _apposition_before(tags: tuple[Tagged, ...], start: int, verb: int) -> bool:
    """ "Der Leiter der Behörde, Ina Roth, sagte": a name between two commas right before the verb is the
    apposition of the noun phrase that opens the clause, not a clause of its own."""
    close = verb - 1
    open_ = next((k for k in range(close - 1, start, -1) if tags[k].text == ","), None)
    if open_ is None or open_ + 1 >= close or any(t.text == "," for t in tags[start:open_]):
        return False
    return all(t.text[:1].isupper() and t.coarse in ("name", "noun") for t in tags[open_ + 1:close])


def subject_after_verb(tokens: list[Token], language: str) -> Subject | None:
    """The noun phrase right after the clause's finite verb: the subject when the first constituent is an
    object ("Das räumte Ina Roth ein", where "Das" points back at a quote)."""
    tags = tag_tokens(tokens, language)
    verb = _finite_verb(tags, 0)
    return None if verb is None else _after(tags, verb, language)


def _object_article(first: Tagged, language: str) -> bool:
    """ "Dem Sender sagte …", "Den Plan lobte …": an article of the dative or accusative opens an object."""
    return first.text.lower() in languages.get(language).attribution.object_articles


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
    attribution = languages.get(language).attribution
    if tags[verb].lemma in attribution.addressee_verbs:
        return None  # "told The Hollywood Reporter": whom the speaker told, not who spoke
    if tags[k].coarse == "pron" and tags[k].text.lower() == attribution.impersonal_pronoun:
        return None  # "heißt es": nobody in particular; the caller looks for the text that says it
    end = _np_end(tags, k) if tags[k].coarse != "pron" else k + 1
    return Subject(k, end, verb, True)



def finite_at(tokens: list[Token], k: int, language: str) -> bool:
    """Is tokens[k] a finite full verb in its clause (tokens)?"""
    tags = tag_tokens(tokens, language)
    return 0 <= k < len(tags) and tags[k].coarse == "verb"


def opens_with_common_noun(name: str, language: str) -> bool:
    """ "Deiche Brandenburgs", "Anfang Mai": a capitalised pair whose first word the tagger reads as a
    common noun and the given-name data does not know is no person's name."""
    from articlecast.script.gender import name_usage

    words = name.split()
    if not languages.get(language).grammar.capitalised_nouns or len(words) < 2:
        return False
    return tag_words(tuple(words), language)[0].coarse == "noun" and name_usage(words[0]) == "unknown"


def person_name(name: str, language: str) -> tuple[str | None, str | None]:
    """(the person's name, the words before it that describe them) for a speaker phrase the cues read as
    a name, or (None, None) when it cannot be one person's name.

    The given-name data and the tagger decide, so that no list of roles has to be complete:
    "Supervisor Ina Roth" and "Philosoph Ina Roth" -> ("Ina Roth", role); "Ina Roth Tom Berger" (two
    people) -> None; a phrase with no given name that ends in a common noun ("Prechts Prognose",
    "Geschlossene Grenze", "Al-Najjar Hospital") -> None.
    """
    from articlecast.script.cues import NAME_PARTICLES
    from articlecast.script.gender import name_usage

    words = name.split()
    if len(words) == 1 and is_dative_plural(name, language):
        return None, None  # "so einer von den Insidern": a group in the dative, nobody's name
    if not has_tagger(language) or len(words) < 2:
        return name, None  # a lone word: the tagger, without its sentence, cannot tell a surname from a noun
    given = [k for k, w in enumerate(words)
             if name_usage(w) != "unknown" or ("-" in w and all(name_usage(p) != "unknown" for p in w.split("-")))]
    if given:
        first = given[0]
        if any(k > first + 1 and not all(j in given for j in range(first, k)) for k in given):
            return None, None  # a second given name after a surname: two people named in a row
        if first > 0 and first < len(words) - 1:
            return " ".join(words[first:]), " ".join(words[:first])
        return name, None
    if any(w.lower() in NAME_PARTICLES for w in words[:-1]):
        return name, None  # "Von der Leyen", "de Decker": a surname with its particles
    tags = tag_words(tuple(words), language)
    if len(words) >= 2 and tags[-1].coarse == "noun" and not _names_a_person(tags[-1], language):
        return None, None
    lead = 0
    while lead < len(words) - 1 and tags[lead].coarse in ("noun", "adj"):
        lead += 1  # "Humoristen Loriot": a role noun before the name
    if lead and tags[lead].coarse == "name":
        return " ".join(words[lead:]), " ".join(words[:lead])
    return name, None


def _names_a_person(tag: Tagged, language: str) -> bool:
    """A surname the tagger takes for a common noun ("Koch", "Powers") keeps its capital in its lemma."""
    return not languages.get(language).grammar.capitalised_nouns and tag.lemma[:1].isupper()


def plausible_body(name: str, language: str) -> bool:
    """An organisation's or a document's name holds no verb ("said one GOP" is a clause, not a body)."""
    return not any(t.finite or t.coarse == "part" for t in tag_words(tuple(name.split()), language))
