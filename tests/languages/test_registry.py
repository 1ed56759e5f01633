"""The language registry, and the rule that no module outside articlecast/languages/ names a language."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from articlecast import languages
from articlecast.languages import Language

PACKAGE = Path(languages.__file__).parent.parent  # articlecast/


def test_every_registered_language_is_found_by_its_code_in_any_spelling():
    assert languages.codes()[0] == languages.DEFAULT
    # codes() answers without loading the languages: each module must be named by its language's code
    assert languages.codes() == tuple(language.code for language in languages.all())
    for language in languages.all():
        assert isinstance(language, Language)
        assert languages.get(language.code) is language
        assert languages.get(language.code.upper() + "-XY") is language
        assert languages.find(language.code + "_ab") is language


def test_the_one_fallback_rule_unknown_or_missing_means_the_default():
    default = languages.get(languages.DEFAULT)
    assert languages.get("xx") is default
    assert languages.get(None) is default
    assert languages.get("") is default
    assert languages.find("xx") is None and languages.find(None) is None


@pytest.mark.parametrize("language", languages.all(), ids=lambda lang: lang.code)
def test_a_language_is_complete(language: Language):
    """What every consumer reads without a fallback: labels, voices, numbers, detection words."""
    default = languages.get(languages.DEFAULT)
    assert set(language.labels.page) == set(default.labels.page)
    assert "{author}" in language.labels.byline
    assert language.labels.narrator and language.labels.unknown
    assert re.fullmatch(r"[a-z]{3}", language.id3)
    assert language.voices.espeak and all(name and description for name, description in language.voices.espeak)
    assert len(language.numbers.months) == 12
    assert language.numbers.decimal_mark != language.numbers.thousands_mark
    assert len(language.text.function_words) >= 20
    others = languages.union(lambda lang: lang.text.function_words if lang is not language else ())
    assert not language.text.function_words & others, "a detection word must belong to one language only"
    assert language.attribution.speech_verbs >= language.attribution.reporting_verbs - {"say"}
    for _kind, pattern in language.text.boilerplate:
        re.compile(pattern)


def _strings(tree: ast.AST):
    """String constants that are code, not docstrings (docstrings may quote examples in any language)."""
    docstrings = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                docstrings.add(id(first.value))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            yield node


def _sentinels() -> tuple[frozenset[str], frozenset[str]]:
    """(words, whole strings) that only a language's own module should hold.

    The program's messages, option names and field names are English, so English words, and the
    labels of every language (French "article" is English too), are matched only as whole strings;
    every other language's verbs of saying, months, number words and titles as words anywhere.
    """
    def words(language: Language):
        a, n = language.attribution, language.numbers
        yield from a.speech_verbs | a.reporting_verbs | a.number_words | a.vague_roles | a.document_nouns
        yield from a.source_prepositions | a.source_postpositions | a.inversion_adverbs
        yield from (w.lower() for w in a.not_names | set(a.titles))
        yield from (w.lower() for w in n.months)
        yield from language.text.byline_words

    def whole(language: Language):
        a, labels = language.attribution, language.labels
        yield from (labels.narrator, labels.unknown, labels.byline, *labels.page.values())
        if language is english:
            yield from a.source_prepositions | set(a.source_two_word) | set(a.pronouns) | {"said"}

    english = languages.get("en")
    anywhere = languages.union(lambda lang: words(lang) if lang is not english else ())
    english_words = languages.union(lambda lang: words(lang) if lang is english else ())
    return (frozenset(w for w in anywhere if len(w) >= 4) - english_words - _PROGRAM_WORDS,
            frozenset(w for w in languages.union(whole) if len(w) >= 3))


# Words of other languages that are also the program's own (English) vocabulary.
_PROGRAM_WORDS = frozenset({"text", "feed", "podcast", "site"})  # "og:site_name" is HTML metadata


def _offenders(source: str, where: str) -> list[str]:
    codes = set(languages.codes())
    sentinels, whole = _sentinels()
    found_all = []
    for node in _strings(ast.parse(source)):
        value = node.value
        found = {value} & (codes | whole) or set(re.findall(r"[^\W\d_]+", value.lower())) & sentinels
        if found:
            found_all.append(f"{where}:{node.lineno}: {sorted(found)} in {value[:60]!r}")
    return found_all


def test_the_scan_finds_codes_words_and_labels_but_not_docstrings():
    source = '''
def f(language):
    """Examples may quote anything: „…“, sagte sie; "…," he said."""
    if language == "de":
        return "sagte"
    return "Narrator", f"laut {language}", "according"
'''
    offenders = _offenders(source, "x.py")
    assert len(offenders) == 5 and all(":3:" not in line for line in offenders), offenders
    assert _offenders('"""Von Anna, sagte sie."""\nX = "espeak:de+m3"\n', "y.py") == []


def test_no_module_outside_languages_names_a_language():
    sentinels, whole = _sentinels()
    assert {"sagte", "januar", "zufolge", "estime", "selon"} <= sentinels
    assert {"Narrator", "Erzähler", "Abonnieren", "Narrateur", "according", "said"} <= whole
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if "languages" in path.relative_to(PACKAGE).parts:
            continue
        offenders += _offenders(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
    assert not offenders, "language-specific strings outside articlecast/languages/:\n" + "\n".join(offenders)
