"""Words of narrator prose and the noun phrases that refer to a speaker.

`referent()` reads a phrase such as "der deutsche Informatiker Sören Schwertfeger",
"sie", "der 38-Jährige" or "die Polizei" and says what it is: a name, a pronoun, a
description of someone named before, or an organisation.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from articlecast import languages
from articlecast.languages import names as name_tables
from articlecast.languages import ordered_union, union
from articlecast.script.cues import (
    DEFINITE_GENDER,
    DETERMINERS,
    DOCUMENT_NOUNS,
    INDEFINITE,
    NAME_PARTICLES,
    NOT_NAMES,
    NOUN_ENDINGS,
    NUMBER_WORDS,
    ORGANISATION_ENDINGS,
    PREPOSITIONS,
    PRONOUNS,
    ROLE_ENDINGS,
    TITLES,
    VAGUE_SPEAKERS,
    Gender,
)

MASK = "\u25a0"  # stands in for a quote inside narrator text, so clauses stop there
_TOKEN = re.compile(r"\w+(?:[-’'&]\w+)*|[^\w\s]")
_ABBREVIATIONS = union(lambda lang: lang.text.abbreviations)
_RELATIVE_ARTICLES = union(lambda lang: lang.attribution.relative_articles)
SENTENCE_ENDS = frozenset(".!?;")
_ROMAN = re.compile(r"[IVX]{2,5}")  # "Elisabeth II.", "Benedikt XVI." (a lone "I." may be an initial)
# Words that open a sentence but never follow an ordinal ("14. Mai", "3. Liga"): after "3." they start anew.
_SENTENCE_OPENERS = frozenset(w for language in NOT_NAMES for w in NOT_NAMES[language] if w not in TITLES)


@dataclass(frozen=True)
class Token:
    text: str
    start: int
    end: int

    @property
    def lower(self) -> str:
        return self.text.lower()

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def is_capitalised(self) -> bool:
        """ "Wang", "38-Jährige": the first letter is upper case."""
        return next((c.isupper() for c in self.text if c.isalpha()), False)


ReferentKind = Literal["name", "pronoun", "descriptor", "organisation", "document", "unnamed"]


@dataclass(frozen=True)
class Referent:
    """What a speaker phrase points at; `text` is the name, pronoun, role noun or organisation."""

    kind: ReferentKind
    text: str
    gender: Gender | None = None
    description: str | None = None


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, len(text) if end is None else end)]


def ends_sentence(tokens: list[Token], i: int) -> bool:
    """Is tokens[i] a sentence end? "Dr." and "14. Mai" are not."""
    tok = tokens[i]
    if tok.text == MASK:
        return True
    if tok.text not in SENTENCE_ENDS:
        return False
    if tok.text == "." and i > 0:
        before = tokens[i - 1]
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        if after is not None and before.end == tok.start and after.start == tok.end and after.text[:1].islower():
            return False  # "ndr.de", "ver.di"
        if after is not None and after.text == MASK:
            return True  # "… wie 1997. „Wir …“": a quote after a number's full stop opens a new sentence
        if before.text.isdigit() or _ROMAN.fullmatch(before.text):
            # "am 14. Mai", "Elisabeth II., bat": ordinals; "des Modells 3. Ein Sprecher …" ends a sentence
            return after is not None and after.text in _SENTENCE_OPENERS
        if before.lower in _ABBREVIATIONS or (len(before.text) == 1 and before.is_capitalised):
            return False
    return True


_INFLECTIONS = ordered_union(lambda lang: lang.attribution.role_inflections)  # Ermittlern, Experten, Chefs
_NOT_ROLES = union(lambda lang: lang.attribution.not_roles)


def is_role(word: str) -> bool:
    low = word.lower()
    if low in _NOT_ROLES:
        return False
    prefix, _, rest = word.partition("-")
    if rest and len(prefix) >= 2 and prefix.isupper() and rest[:1].isupper() and not rest.isupper():
        return True  # "NS-Kriegsverbrecher", "SPD-Politiker": a party or body before a noun describes
    return any(low[:len(low) - len(ending)].endswith(ROLE_ENDINGS) for ending in _INFLECTIONS if low.endswith(ending))


def _spoken(word: str, language: str) -> bool:
    low = word.lower()
    spoken = languages.get(language).attribution.spoken_documents
    return low in spoken or (languages.get(language).grammar.compound_nouns and low.endswith(tuple(spoken)))


def _is_role_noun(word: str) -> bool:
    """A role noun by its ending alone, without the "SPD-Politiker" rule of `is_role`."""
    low = word.lower()
    return any(low[:len(low) - len(ending)].endswith(ROLE_ENDINGS) for ending in _INFLECTIONS if low.endswith(ending))


def is_document(word: str, language: str) -> bool:
    """A text that speaks for whoever issued it, also as a compound: "Pressemitteilung", "Kernaussage"."""
    low = word.lower()
    return low in DOCUMENT_NOUNS[language] or (languages.get(language).grammar.compound_nouns
                                                 and low.endswith(tuple(DOCUMENT_NOUNS[language])) and word[:1].isupper())


def is_organisation(word: str) -> bool:
    low = word.lower()
    # "des Auswärtigen Amtes", "der Ministerien": inflected endings count too
    stems = [low] + [low[:-len(ending)] for ending in _ORGANISATION_INFLECTIONS if low.endswith(ending)]
    return any(stem.endswith(ORGANISATION_ENDINGS) for stem in stems) or (word.isupper() and len(word) >= 2)


_ORGANISATION_INFLECTIONS = ordered_union(lambda lang: lang.attribution.organisation_inflections)


def _is_name_word(tok: Token, language: str) -> bool:
    return tok.is_word and tok.is_capitalised and not tok.text.isupper() and tok.text not in NOT_NAMES[language] \
        and not tok.text[0].isdigit()


@dataclass(frozen=True)
class NameRun:
    """Capitalised words that may be a name, with what stands before them."""

    tokens: tuple[Token, ...]
    before: Token | None  # the word before the run
    after: Token | None = None  # the word after it

    @property
    def start(self) -> int:
        return self.tokens[0].start


def name_runs(tokens: list[Token], language: str) -> list[NameRun]:
    runs, i = [], 0
    while i < len(tokens):
        starts_with_particle = _capitalised_particle(tokens, i, language)
        if not (_is_name_word(tokens[i], language) or tokens[i].text in TITLES or starts_with_particle):
            i += 1
            continue
        j = _after_particles(tokens, i + 1, language, True) if starts_with_particle else i + 1
        while j < len(tokens):
            if _is_name_word(tokens[j], language):
                j += 1
            elif tokens[j].text == "." and tokens[j - 1].text in TITLES:
                j += 1  # "Dr. Jonas Feld"
            elif _after_particles(tokens, j, language) > j and (
                    (j - i == 1 and _may_take_particle(tokens[i], language))
                    or (j - i > 1 and _given_name(tokens[j - 1].text) and not tokens[j - 1].text.isupper())):
                # "Ursula von der Leyen", "City Mayor Bill de Blasio", not "Jost Wübbeke von Merics"
                j = _after_particles(tokens, j, language)
            else:
                break
        words = tuple(t for t in tokens[i:j] if t.is_word)
        before = tokens[i - 1] if i > 0 else None
        if before is None or not (before.text.isdigit() or before.lower in NUMBER_WORDS):
            runs.append(NameRun(words, before, tokens[j] if j < len(tokens) else None))
        i = j
    return runs


def _may_take_particle(first: Token, language: str) -> bool:
    """Only a first name takes "von": not "Internetseite von Borussia", "Passend zu den Gefahren"."""
    low = first.lower
    if is_role(first.text) or is_organisation(first.text) or looks_like_noun(first.text) \
            or is_document(first.text, language) or low.endswith("end"):
        return False
    # German capitalises nouns: "(aus) Sicht von Roth" is no name; the tagger reads "Sicht" as a common noun
    # and the given-name data does not know it
    if not languages.get(language).grammar.capitalised_nouns or _given_name(first.text):
        return True
    from articlecast.script.grammar import tag_words

    return tag_words((first.text,), language)[0].coarse != "noun"


def _after_particles(tokens: list[Token], j: int, language: str, after_particle: bool = False) -> int:
    """Index of the name word after one or two name particles at j ("von der Leyen"), else j."""
    k = j
    while k < len(tokens) and k - j < 2 and tokens[k].lower in NAME_PARTICLES:
        k += 1
    if k > j and not after_particle and tokens[j].lower in name_tables.ARTICLE_PARTICLES:
        return j  # a name's particles start with von/van/de/zu…, never with an article
    return k if k > j and k < len(tokens) and _is_name_word(tokens[k], language) else j


def _capitalised_particle(tokens: list[Token], i: int, language: str) -> bool:
    """ "Von der Leyen betonte": a particle that opens a sentence, followed by particles and a name."""
    tok = tokens[i]
    if not tok.is_capitalised or tok.lower not in NAME_PARTICLES or not (i == 0 or ends_sentence(tokens, i - 1)):
        return False
    k = _after_particles(tokens, i + 1, language, True)
    return k > i + 1 and (k + 1 >= len(tokens) or not tokens[k + 1].is_capitalised)


@dataclass(frozen=True)
class CleanName:
    name: str
    gender: Gender | None
    description: str | None  # the words before the name that describe the person
    titled: bool  # a title or a role word stood before it: surely a person
    office: str | None = None  # a title of office or degree before it ("Gov.", "Dr.")


def clean_name(run: NameRun, language: str) -> CleanName | None:
    """Drop forms of address and role words from the front: "Mobikes Auslandschef Florian Bohnert" -> name."""
    words = list(run.tokens)
    gender, described, titled = None, [], False
    age = languages.get(language).attribution.age_pattern
    if run.before is not None and age and re.search(age, run.before.text, re.IGNORECASE):
        titled = True  # "der 85-jährige Ina Roth", "the 38-year-old Ina Roth": only people have an age
    offices = []  # "Gov.", "Dr.": titles that say what someone is, not only how to address them
    while words and words[0].text in TITLES:
        gender = TITLES[words[0].text] or gender
        titled = True
        if TITLES[words[0].text] is None:
            offices.append(words[0].text)
        words.pop(0)
    last_role = max((k for k, w in enumerate(words[:-1]) if is_role(w.text)), default=-1)
    if last_role >= 0:
        described, words = words[:last_role + 1], words[last_role + 1:]
        titled = True
        gender = gender or _role_gender(described[-1].text, language)
    elif len(words) >= 3 and run.before is not None and run.before.lower in DETERMINERS[language] | INDEFINITE:
        described, words = words[:1], words[1:]  # "der Münchner Jakob Bitner"
    elif len(words) >= 2 and _adjective_before(run, language) and not _given_name(words[0].text):
        described, words = words[:1], words[1:]  # "ein gutes Stück China": an adjective's noun comes first
    while words and words[-1].text in TITLES:
        words.pop()
    if not words or any(looks_like_noun(w.text) for w in words):
        return None
    if words[0].lower in NAME_PARTICLES and not words[0].is_capitalised:
        return None  # "(Premierministerin) von Queensland": a particle, not a given name ("Di Li")
    description = " ".join(w.text for w in described) or None
    return CleanName(" ".join(w.text for w in words), gender, description, titled, " ".join(offices) or None)


def _given_name(word: str) -> bool:
    """ "Hans-Joachim", "Ina": a first name the given-name data knows is no noun an adjective describes
    ("wurde Hans-Joachim Roth …": "wurde" only ends like an adjective)."""
    from articlecast.script.gender import name_usage

    return all(name_usage(part) != "unknown" for part in word.split("-"))


def _role_gender(word: str, language: str) -> Gender | None:
    suffix = languages.get(language).grammar.feminine_suffix
    if not suffix:
        return None
    low = word.lower()
    if low.endswith(suffix) and is_role(low[:-len(suffix)]):
        return "female"
    return None


def referent(tokens: list[Token], language: str, singular_verb: bool = True, prefer_full: bool = False) -> Referent | None:
    """What the phrase after (or before) a speech verb refers to; None when it names nobody.

    `prefer_full`: in a subject that stands before its verb, a full or titled name beats a lone
    word met first ("Jelpkes wissenschaftlicher Mitarbeiter Nick Brauns"), the nearest one the others.
    """
    words = [t for t in tokens if t.is_word]
    if not words:
        return None
    first = words[0].lower
    if first in PRONOUNS[language]:
        if not singular_verb:
            return None  # "sie sagen", "Er sowie Ina Roth befürchten": more than one person speaks
        return Referent("pronoun", first, PRONOUNS[language][first])
    if first in VAGUE_SPEAKERS:
        return None
    return _named(tokens, language, prefer_full) or _described(words, language)


def looks_like_noun(word: str) -> bool:
    """German abstract nouns and organisations are capitalised like names; their endings tell them apart."""
    low = word.lower()
    # the ending must leave a stem: "Zeitung" is a noun, "Jung" a name; with the shortest stem a name the
    # given-name data knows stays a name ("Chung"), a noun it does not know stays a noun ("Übung")
    ending = next((e for e in NOUN_ENDINGS if low.endswith(e) and len(low) - len(e) >= _MIN_NOUN_STEM), None)
    if ending is not None and len(low) - len(ending) == _MIN_NOUN_STEM:
        from articlecast.script.gender import name_usage

        return name_usage(word) == "unknown" or is_organisation(word)
    return ending is not None or is_organisation(word)


_MIN_NOUN_STEM = 2


def _named(tokens: list[Token], language: str, prefer_full: bool = False) -> Referent | None:
    found = [r for r in _names(tokens, language)]
    if prefer_full:
        full = [r for r in found if " " in r.text or r.description is not None]
        if full:
            # the full name nearest the verb: "Der Leiter der WHO, Klaus Stöhr, sagte", and in
            # "Eisenmann wies das zurück, die Sprecherin Sandra Boser erklärte" Boser explains
            return full[-1]
    return found[0] if found else None


def _names(tokens: list[Token], language: str):
    for run in name_runs(tokens, language):
        if run.before is not None and run.before.lower in PREPOSITIONS[language]:
            continue  # "vom China-Think-Tank Merics", "in Berlin": where, not who
        if after_preposition(tokens, run, language):
            continue  # "in the central Gaza Strip", "im benachbarten Lothringen"
        name = clean_name(run, language)
        if name is None:
            continue
        after_determiner = run.before is not None and run.before.lower in DETERMINERS[language] \
            and not _relative_pronoun(tokens, run)
        if after_determiner and name.description is None:
            continue  # "die Europäische Union", "der Landwirt": a thing or a role, not a name
        if " " not in name.name and not name.titled and _after_adjective(run, language) \
                and not (len(run.tokens) == 1 and _after_article_and_adjective(tokens, run, language)
                         and _tagged_as_name(name.name, language)):
            continue  # "der deutsche Informatiker"; "der optimistische Torgersen" is a name
        if " " not in name.name and is_role(name.name):
            continue  # "als Kritiker des Papstes": a lone role word describes, it does not name
        description = _description(tokens, run, name) or name.description or name.office
        yield Referent("name", name.name, name.gender or _article_gender(tokens, run, name, language), description)


def _after_article_and_adjective(tokens: list[Token], run: NameRun, language: str) -> bool:
    """ "der optimistische Torgard": an article, one adjective, then the run."""
    k = next((i for i, t in enumerate(tokens) if t.start == run.start), 0)
    return k >= 2 and tokens[k - 2].lower in DETERMINERS[language]


def _tagged_as_name(word: str, language: str) -> bool:
    """Does the tagger read a capitalised word as a proper name ("Torgersen") rather than a common noun
    ("Informatiker")? Only where nouns are capitalised; elsewhere the capital already tells."""
    if not languages.get(language).grammar.capitalised_nouns:
        return False
    from articlecast.script.grammar import tag_words

    return tag_words((word,), language)[0].coarse == "name"


def _relative_pronoun(tokens: list[Token], run: NameRun) -> bool:
    """ ", die Ina Roth erklärt hatte": after a comma the article-like word opens a relative clause,
    and the name after it is that clause's subject, not a noun it determines."""
    k = next((i for i, t in enumerate(tokens) if t.start == run.start), 0)
    return k >= 2 and tokens[k - 2].text == "," and tokens[k - 1].lower in _RELATIVE_ARTICLES


def after_preposition(tokens: list[Token], run: NameRun, language: str) -> bool:
    """A preposition, then only an article and lower-case words, then the run: a place or a body."""
    k = next((i for i, t in enumerate(tokens) if t.start == run.start), 0) - 1
    steps = 0
    while k >= 0 and steps < 3 and tokens[k].is_word and not tokens[k].is_capitalised:
        if tokens[k].lower in PREPOSITIONS[language]:
            return steps > 0
        k -= 1
        steps += 1
    return False


def _adjective_before(run: NameRun, language: str) -> bool:
    """An inflected German adjective before the run ("gutes", "neuen"), not a participle ("geborene")."""
    before = run.before
    grammar = languages.get(language).grammar
    if not grammar.adjective_endings or before is None or not before.is_word or before.is_capitalised \
            or before.text[0].isdigit():
        return False  # "der 85-jährige Ina Roth": an age, and the whole run is the name
    low = before.lower
    participle = low.endswith(grammar.participle_endings) or low in DETERMINERS[language]
    return low.endswith(grammar.adjective_endings) and not participle


def _after_adjective(run: NameRun, language: str) -> bool:
    before = run.before
    grammar = languages.get(language).grammar
    return bool(grammar.adjective_endings) and before is not None and before.is_word and not before.is_capitalised \
        and before.lower.endswith(grammar.adjective_endings) \
        and before.lower not in languages.get(language).attribution.not_adjectives \
        and not before.text[0].isdigit() and not _is_participle(before.lower, grammar)
    # "der 84-jährige Küng", "die in New York geborene Lopez": an age or a participle stands before a name


def _is_participle(word: str, grammar: languages.Grammar) -> bool:
    return bool(grammar.participle_prefix) and word.startswith(grammar.participle_prefix) \
        and word.endswith(grammar.past_participle_endings)


def _article_gender(tokens: list[Token], run: NameRun, name: CleanName, language: str) -> Gender | None:
    """ "die Kundin Eva Sommer", "der Bauleiter Uwe Kranz": the article of the description tells."""
    first = tokens[0] if tokens else None
    if name.description is None or first is None or first.start >= run.start:
        return None
    return DEFINITE_GENDER[language].get(first.lower)


def _description(tokens: list[Token], run: NameRun, name: CleanName) -> str | None:
    """The words of the phrase before the name when they describe: "der deutsche Informatiker"."""
    if name.description is None:
        return None
    before = [t.text for t in tokens if t.start < run.start and t.is_word]
    return " ".join(before + name.description.split()) or None


_MAX_ADJECTIVES = 3


def _described(words: list[Token], language: str) -> Referent | None:
    """"der 38-Jährige", "the library's director", "die Polizei", "ein Sprecher der Polizei"."""
    k = 1 if words[0].lower in DETERMINERS[language] else 0
    determiner = words[0].lower if k else None
    named = False  # "die Hoover Institution": a name may stand before an organisation's noun
    while k < len(words) and k <= _MAX_ADJECTIVES and not _is_head(words[k], language):
        if words[k].lower in PREPOSITIONS[language] or (named and not words[k].is_capitalised):
            return None  # "den Unmut der CDU": a noun with its genitive, not a name before a noun
        named = named or (languages.get(language).grammar.capitalised_nouns and words[k].is_capitalised)
        k += 1
    if k >= len(words) or not _is_head(words[k], language) or (named and not is_organisation(words[k].text)):
        return None
    head = words[k]
    phrase = " ".join(w.text for w in words[:k + 1])
    if is_document(head.text, language):
        # "eine Erklärung des Ministeriums": the ministry speaks; "der Antrag" with no one behind it, the text
        owner = _owner(words[k + 1:], language)
        if owner is None and _spoken(head.text, language):
            return None  # "hieß es in der Rede": a speech is someone's words, and the text does not say whose
        return owner or Referent("document", head.text)
    if is_role(head.text):
        owner = _owner(words[k + 1:], language)
        if owner is not None and owner.kind == "organisation":
            # "ein Sprecher des Bundestages": an unnamed person, called what the text calls them, with the body
            # they speak for (the body alone would stand in the genitive: "Bundestages")
            from articlecast.script.grammar import nominative

            role = f"{nominative(head.text, language)} {words[k + 1].text} {owner.text}"
            gender = _role_gender(head.text, language)
            if determiner in INDEFINITE or determiner is None:
                return Referent("unnamed", role, gender)
            # "der Konzernchef von FACC": someone the article may have named ("Konzernchef Ina Roth")
            return Referent("descriptor", role, gender or DEFINITE_GENDER[language].get(determiner), f"{determiner} {role}")
        if owner is not None:
            return owner  # "(eine Erklärung) von Jerry Larson": a person's words
        prefix, _, rest = head.text.partition("-")
        if rest and prefix.isupper() and len(prefix) >= 2 and _is_role_noun(rest):
            return Referent("organisation", prefix)  # "ein WWF-Sprecher" speaks for the WWF; "der US-Star" does not
        name = words[-1]
        if determiner is None and len(words) > k + 1 and name.is_capitalised and not _is_head(name, language) \
                and not looks_like_noun(name.text) and name.text not in NOT_NAMES[language]:
            # "sagte Chef de Mission Weber": a role without an article is a title before the name
            return Referent("name", name.text, None, " ".join(w.text for w in words[:-1]))
        if determiner in INDEFINITE or determiner is None or _plural_role(determiner, head.text, language):
            return Referent("unnamed", head.text)  # someone, or a group, the article does not name
        gender = _role_gender(head.text, language) or DEFINITE_GENDER[language].get(determiner)
        return Referent("descriptor", head.text, gender, phrase)
    return Referent("organisation", " ".join(w.text for w in words[1 if determiner else 0:k + 1]))


def _plural_role(determiner: str, head: str, language: str) -> bool:
    """ "die Veranstalter", "die Richter": "die" before a role that is not a female form is a plural."""
    grammar = languages.get(language).grammar
    return bool(grammar.plural_article) and determiner == grammar.plural_article \
        and not head.lower().endswith(grammar.singular_role_endings)


def _is_head(word: Token, language: str) -> bool:
    capitalised_nouns = languages.get(language).grammar.capitalised_nouns
    if capitalised_nouns and not word.is_capitalised:
        return False
    if is_document(word.text, language) or is_organisation(word.text):
        return True
    return is_role(word.text) and (capitalised_nouns or word.lower in ROLE_ENDINGS)


_DESCRIBED_ENDINGS = ordered_union(lambda lang: lang.grammar.described_endings)


def _owner(words: list[Token], language: str) -> Referent | None:
    """The body behind a role: "(Sprecher) der Polizei", "(spokesman) for the council"."""
    if not words or words[0].lower not in languages.get(language).attribution.owner_words:
        return None
    person = _named(words[1:], language)
    if person is not None and " " in person.text:
        return person  # "(die Kernaussage) von Jerry Larson": a person's words
    caps: list[str] = []
    described = False
    for w in words[1:]:
        if w.is_capitalised:
            caps.append(w.text)
        elif caps or not (w.lower in DETERMINERS[language] or w.lower.endswith(_DESCRIBED_ENDINGS)):
            break
        else:
            described = described or w.lower not in DETERMINERS[language]
    if described and len(caps) == 1 and not is_organisation(caps[0]):
        # "(eine Erklärung) des ständigen Sekretärs" speaks for a role; "(die Anwältin) des späteren
        # Opfers" names a common noun, nobody who speaks
        return Referent("unnamed", caps[0]) if is_role(caps[0]) else None
    return Referent("organisation", " ".join(caps)) if caps else None
