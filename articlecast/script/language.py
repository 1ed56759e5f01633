"""Which language is an article in? Counted from function words, which every article uses in bulk."""
from __future__ import annotations

import re

from articlecast import languages

# Only words that are frequent in one language and rare in the others ("in", "die", "was",
# "an" are both German and English, so they are left out of both).
FUNCTION_WORDS: dict[str, frozenset[str]] = {language.code: language.text.function_words for language in languages.all()}
DEFAULT_LANGUAGE = languages.DEFAULT
SAMPLE_CHARS = 100_000  # plenty to decide; keeps a 5 MB text fast
_WORD = re.compile(r"[^\W\d_]+")


def detect_language(text: str) -> str:
    """The language whose function words occur most often; the default language on a tie (e.g. no words)."""
    counts = dict.fromkeys(FUNCTION_WORDS, 0)
    for match in _WORD.finditer(text[:SAMPLE_CHARS]):
        word = match.group().lower()
        for language, words in FUNCTION_WORDS.items():
            if word in words:
                counts[language] += 1
    return max(counts, key=lambda lang: (counts[lang], lang == DEFAULT_LANGUAGE))


def normalize_language(language: str) -> str:
    """A user's "DE", "de-AT" or "en_GB" -> the primary subtag the engines know."""
    return languages.normalize_code(language)
