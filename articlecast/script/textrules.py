"""Small line-shape rules shared by the plain-text and Markdown parsers."""
from __future__ import annotations

from articlecast.languages import union

SENTENCE_END = tuple('.!?…"“”»«\'’)]')  # closing quotes and brackets end a quoted sentence
CLAUSE_END = SENTENCE_END + (":", ";")
OPENING_QUOTES = tuple('„“"»«‚‘\'')
# A line ending in one of these words was wrapped mid-sentence ("… die Rechte und").
# Prepositions that double as German verb particles ("geht auf", "kommt an") are left out.
DANGLING_WORDS = union(lambda lang: lang.text.dangling_words)


def ends_sentence(text: str) -> bool:
    return text.rstrip().endswith(SENTENCE_END)


def ends_clause(text: str) -> bool:
    return text.rstrip().endswith(CLAUSE_END)


def starts_paragraph(text: str) -> bool:
    """Uppercase, a digit or an opening quote: how a new paragraph (not a wrapped line) begins."""
    first = text.lstrip()[:1]
    return bool(first) and (first.isupper() or first.isdigit() or first in OPENING_QUOTES)


def ends_with_dangling_word(text: str) -> bool:
    words = text.split()
    return bool(words) and words[-1] in DANGLING_WORDS
