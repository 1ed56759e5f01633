"""The word tables a reader uses to tell who says a quote, gathered from every language.

The words themselves live in `articlecast.languages` (one module per language); this module
only arranges them the way the attribution code looks them up: per language code, or, for
rules that hold whatever the article's language, as one table from all languages.
"""
from __future__ import annotations

from articlecast import languages
from articlecast.languages import Gender, ordered_union, union
from articlecast.languages import names as _names

__all__ = ["Gender"]

_LANGUAGES = languages.all()


def _per_language(part):
    return {language.code: part(language.attribution) for language in _LANGUAGES}


def _joined(attribution: languages.Attribution) -> frozenset[str]:
    """Separable verbs joined in a subordinate clause: "wie die Polizei mitteilte"."""
    return frozenset(particle + verb for verb, particles in attribution.particle_verbs.items()
                     for particle in particles if particle in attribution.joining_particles)


SPEECH_VERBS: dict[str, frozenset[str]] = _per_language(lambda a: a.speech_verbs | _joined(a))
SUBJUNCTIVES: dict[str, frozenset[str]] = _per_language(lambda a: a.subjunctives)
CITING_VERBS: dict[str, frozenset[str]] = _per_language(lambda a: a.citing_verbs)
REPORTING_VERBS: dict[str, frozenset[str]] = _per_language(lambda a: a.reporting_verbs)
AUXILIARIES: dict[str, frozenset[str]] = _per_language(lambda a: a.auxiliaries)
PARTICLE_VERBS: dict[str, dict[str, frozenset[str]]] = _per_language(lambda a: dict(a.particle_verbs))
SOURCE_PREPOSITIONS: dict[str, frozenset[str]] = _per_language(lambda a: a.source_prepositions)
SOURCE_NOUNS: dict[str, frozenset[str]] = _per_language(lambda a: a.source_nouns)
SOURCE_NOUN_INTRODUCERS: dict[str, frozenset[str]] = _per_language(lambda a: a.source_noun_introducers)
SOURCE_POSTPOSITIONS: dict[str, frozenset[str]] = _per_language(lambda a: a.source_postpositions)
PRONOUNS: dict[str, dict[str, Gender | None]] = _per_language(lambda a: dict(a.pronouns))
GENDER_WORDS: dict[str, dict[str, Gender]] = _per_language(lambda a: dict(a.gender_words))
DETERMINERS: dict[str, frozenset[str]] = _per_language(lambda a: a.determiners)
DEFINITE_GENDER: dict[str, dict[str, Gender | None]] = _per_language(lambda a: dict(a.definite_gender))
PREPOSITIONS: dict[str, frozenset[str]] = _per_language(lambda a: a.prepositions)
NOT_NAMES: dict[str, frozenset[str]] = _per_language(lambda a: a.not_names)
TERM_INTRODUCERS: dict[str, frozenset[str]] = _per_language(lambda a: a.term_introducers)
TITLE_MINOR_WORDS: dict[str, frozenset[str]] = _per_language(lambda a: a.title_minor_words)
DOCUMENT_NOUNS: dict[str, frozenset[str]] = _per_language(lambda a: a.document_nouns)

# Whatever the article's language: a German article may quote "Mr Smith", an English one a "Bürgermeisterin".
INDEFINITE: frozenset[str] = union(lambda lang: lang.attribution.indefinite)
TITLES: dict[str, Gender | None] = {w: g for lang in _LANGUAGES for w, g in lang.attribution.titles.items()}
ROLE_ENDINGS: tuple[str, ...] = ordered_union(lambda lang: lang.attribution.role_endings)
NOUN_ENDINGS: tuple[str, ...] = ordered_union(lambda lang: lang.attribution.noun_endings)
ORGANISATION_ENDINGS: tuple[str, ...] = ordered_union(lambda lang: lang.attribution.organisation_endings)
NUMBER_WORDS: frozenset[str] = union(lambda lang: lang.attribution.number_words)
NAME_PARTICLES: frozenset[str] = _names.NAME_PARTICLES
VAGUE_ROLES: frozenset[str] = union(lambda lang: lang.attribution.vague_roles)
VAGUE_SPEAKERS: frozenset[str] = union(lambda lang: lang.attribution.vague_speakers)
