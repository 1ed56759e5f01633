"""Name particles of people's names from many languages: a name's origin is not the article's language.

"Ursula von der Leyen", "Vincent van Gogh", "Ibn Battuta", "Luiz Inácio Lula da Silva" appear in
articles of every language, so these tables are shared rather than part of one `Language`.
"""
from __future__ import annotations

# Particles inside a speaker's name, for the quote attribution ("von der Leyen sagte").
NAME_PARTICLES: frozenset[str] = frozenset({"von", "van", "de", "del", "della", "da", "di", "du", "bin", "ibn",
                                            "al", "le", "la", "ter", "zu", "der", "den", "dos", "das", "y"})
# Of those, the ones that are articles: a name's particles never start with them ("von der", not "der").
ARTICLE_PARTICLES: frozenset[str] = frozenset({"der", "den", "das", "y"})

# Lower-case particles in a name line (bylines, pull-quote signatures).
LINE_PARTICLES = frozenset("von vom zu zur van de da di du del della des la le ten ter bin ibn al el dos y".split())
# "der"/"den" are particles only right after "von"/"van" ("von der Leyen"), else function words.
PARTICLE_FOLLOWERS = {"der": {"von", "van"}, "den": {"von", "van"}}
