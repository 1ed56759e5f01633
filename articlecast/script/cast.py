"""The people of an article: who is a person, where each is mentioned, what the text says of them.

A capitalised pair of words may be a person ("Mengqiu Wang") or not ("Silicon Valley").
It counts as a person when the article treats it as one: a speech cue names it, a pull
quote is signed with it, a title or role stands before it ("Bürgermeisterin Sabine
Okafor"), or its last word comes back alone later ("… sagt Wang").
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from articlecast.languages import union
from articlecast.script.cues import DETERMINERS, GENDER_WORDS, PREPOSITIONS, ROLE_ENDINGS, Gender
from articlecast.script.gender import noun_gender, person_gender
from articlecast.script.grammar import opens_with_common_noun
from articlecast.script.model import NARRATOR, CastMember, SpeakerKind
from articlecast.script.phrases import (
    CleanName,
    NameRun,
    Token,
    after_preposition,
    clean_name,
    ends_sentence,
    is_role,
    name_runs,
    tokenize,
)

Position = tuple[int, int]  # (paragraph index, character offset)
_LOOKBACK_PARAGRAPHS = 2  # a pronoun refers to someone named this close
# "according to Hale", "laut Wang": the source, not an object
_SOURCE_WORDS = union(lambda lang: lang.attribution.source_prepositions | set(lang.attribution.source_two_word.values()))


@dataclass
class _Person:
    name: str
    gender: Gender | None = None
    description: str | None = None


@dataclass(frozen=True)
class _Candidate:
    name: CleanName
    run: NameRun
    position: Position
    in_phrase: bool = False  # inside a prepositional phrase: "in der Talkshow Markus Lanz"


class CastBook:
    """Persons and their mentions in reading order; built once per article, then asked."""

    def __init__(self, paragraphs: list[str], language: str, signed: list[str]) -> None:
        self.language = language
        self.persons: dict[str, _Person] = {}
        self._last_words: dict[str, list[str]] = {}
        self._last_words_of = -1
        self.bodies: dict[str, SpeakerKind] = {}  # organisations and documents that speak, by name
        self.unnamed: set[str] = set()  # people known only by what they are ("Sprecher des Bundestages")
        self.mentions: list[tuple[Position, str]] = []
        self._oblique: set[Position] = set()  # mentions after a preposition: rarely what "er" points back to
        self._paragraphs = paragraphs
        self._candidates_found = self._candidates(paragraphs)
        self._surnames = self._surname_map(self._candidates_found)
        self._admit(self._candidates_found, signed)
        self._mention(self._candidates_found)
        self._vote_gender(paragraphs)

    def admit(self, names: list[str]) -> None:
        """Add the people the speech cues name, and find where the article mentions them."""
        new = [self.lookup(n) or n for n in names if self.lookup(n) not in self.persons]
        if not new:
            return
        for name in new:
            self.add(name)  # a full name the text shows, or the name as the cue gives it
        self.mentions = []
        self._mention(self._candidates_found)
        self._vote_gender(self._paragraphs)

    # --- building ---------------------------------------------------------------------------

    def _candidates(self, paragraphs: list[str]) -> list[_Candidate]:
        found = []
        for p, text in enumerate(paragraphs):
            tokens = tokenize(text)
            for run in name_runs(tokens, self.language):
                name = clean_name(run, self.language)
                if name is not None:
                    found.append(_Candidate(name, run, (p, run.start), after_preposition(tokens, run, self.language)))
        return found

    @staticmethod
    def _surname_map(candidates: list[_Candidate]) -> dict[str, str | None]:
        """Surname -> the full name it stands for; None when two people share it (then it names neither)."""
        surnames: dict[str, str | None] = {}
        shared: set[str] = set()
        for c in candidates:
            parts = c.name.name.split()
            if len(parts) >= 2:
                if surnames.setdefault(parts[-1], c.name.name) != c.name.name and not c.name.name.endswith(surnames[parts[-1]]) \
                        and not surnames[parts[-1]].endswith(c.name.name):
                    shared.add(parts[-1])  # two people of one family: the surname alone names neither
        return {k: (None if k in shared else v) for k, v in surnames.items()}

    def _admit(self, candidates: list[_Candidate], signed: list[str]) -> None:
        alone = {c.name.name for c in candidates if " " not in c.name.name and not _after_word(c, DETERMINERS[self.language])
                 and not _after_word(c, PREPOSITIONS[self.language])}
        alone |= {w[:-1] for w in alone if w.endswith("s")}  # "Wangs Drohnen-Startup"
        for name in signed:
            self.add(self.lookup(name) or name)
        for c in candidates:
            parts = c.name.name.split()
            if len(parts) < 2 or _after_word(c, PREPOSITIONS[self.language]):
                continue  # "in Silicon Valley": a place
            if c.name.titled or parts[-1] in alone or _opens_sentence_as_subject(c) or self._role_in_apposition(c):
                self.add(c.name.name, c.name.gender, c.name.description)
            elif c.name.name in self.persons:
                self.note(c.name.name, c.name.gender, c.name.description)

    def _role_in_apposition(self, c: _Candidate) -> bool:
        """ "Ina Roth, die Spitzenkandidatin der Partei, …": a role in apposition right after a full name
        says it is a person's."""
        if c.run.after is None or c.run.after.text != ",":
            return False
        text = self._paragraphs[c.position[0]]
        words = tokenize(text, c.run.after.end, min(len(text), c.run.after.end + 60))[:3]
        k = 1 if words and words[0].lower in DETERMINERS[self.language] else 0
        return k < len(words) and words[k].is_capitalised and is_role(words[k].text) and not words[k].text.isupper()

    def _mention(self, candidates: list[_Candidate]) -> None:
        for c in candidates:
            name = self.lookup(c.name.name)
            if name is None and c.name.name.endswith("s"):
                name = self.lookup(c.name.name[:-1])
            if name is not None and name in self.persons:
                self.mentions.append((c.position, name))
                if _after_word(c, PREPOSITIONS[self.language] - _SOURCE_WORDS) or c.in_phrase:
                    self._oblique.add(c.position)
                if c.name.titled:
                    self.note(name, c.name.gender, c.name.description)

    def _vote_gender(self, paragraphs: list[str]) -> None:
        """What tells a person's gender, strongest first (why: each later cue errs more often):

        1. a form of address or a gendered role noun before the name ("Frau Okafor", "Ministerin Lang"),
           set when the name was admitted;
        2. many votes, nearly all alike: er/sein/she/her and gendered nouns ("Sprecherin", "spokeswoman")
           in sentences about that one person (named there or in the sentence before);
        3. the given name, from the name data of articlecast.script.gender ("Ruth" -> female);
        4. a plain majority of such votes, then a given name used mostly for one gender ("Kim").
        Otherwise the gender stays unknown, and casting decides (articlecast.audio.casting).
        """
        words = GENDER_WORDS.get(self.language, {})
        votes: dict[str, Counter] = {}
        by_paragraph: dict[int, list[tuple[int, str]]] = {}  # one pass over the mentions, not one per sentence
        for pos, n in self.mentions:
            by_paragraph.setdefault(pos[0], []).append((pos[1], n))
        for p, text in enumerate(paragraphs):
            about: set[str] = set()
            here = by_paragraph.get(p, [])
            for sentence in _sentences(tokenize(text)) if here else ():
                named = {n for at, n in here if sentence[0].start <= at < sentence[-1].end}
                about = named or about
                if len(about) != 1:
                    continue
                for tok in sentence:
                    gender = words.get(tok.lower) or (noun_gender(tok.text, self.language) if tok.is_word else None)
                    if gender is not None:
                        votes.setdefault(next(iter(about)), Counter())[gender] += 1
        for name, person in self.persons.items():
            if person.gender is not None:
                continue
            counter = votes.get(name, Counter())
            best, n = counter.most_common(1)[0] if counter else (None, 0)
            total = sum(counter.values())
            if n >= 3 and n >= 0.8 * total:
                person.gender = best  # type: ignore[assignment]
            else:
                person.gender = person_gender(name) or (best if n > total / 2 else None) or person_gender(name, firm=False)

    # --- asking -----------------------------------------------------------------------------

    def add(self, name: str, gender: Gender | None = None, description: str | None = None) -> str:
        self.persons.setdefault(name, _Person(name))
        self.note(name, gender, description)
        return name

    def rename(self, name: str, clean: str, description: str | None) -> str:
        """A person's name without the words that only describe them; merged with one already known."""
        known = self.lookup(clean)
        target = known if known in self.persons and known != name else clean
        old = self.persons.get(name)
        self.add(target, old.gender if old else None, (old.description if old else None) or description)
        return target

    def add_body(self, name: str, kind: SpeakerKind) -> str:
        """An organisation ("die Polizei") or a document ("der Bericht") that speaks a quote."""
        if name not in self.persons:
            self.bodies.setdefault(name, kind)
        return name

    def note(self, name: str, gender: Gender | None = None, description: str | None = None,
             prefer: bool = False) -> None:
        """Keep what the text says of a person; `prefer` the words of a speech cue, which say more."""
        person = self.persons.get(name)
        if person is None:
            return
        person.gender = person.gender or gender
        if prefer and description:
            person.description = description
        person.description = person.description or description

    def lookup(self, name: str) -> str | None:
        """The full name of a person the article names: "Wang" -> "Mengqiu Wang"."""
        if name in self.persons:
            return name
        if " " not in name:
            if name in self._surnames:
                return self._surnames[name]
            same = self._by_last_word().get(name, ())
            return same[0] if len(same) == 1 else None
        return next((p for p in self._by_last_word().get(name.split()[-1], ()) if name.endswith(p)), None) \
            or (name if name in self._surnames.values() else None)

    def _by_last_word(self) -> dict[str, list[str]]:
        """Persons by the last word of their name, in the order they were added; rebuilt when one is added."""
        if self._last_words_of != len(self.persons):
            self._last_words = {}
            for person in self.persons:
                self._last_words.setdefault(person.split()[-1], []).append(person)
            self._last_words_of = len(self.persons)
        return self._last_words

    def recent(self, before: Position, gender: Gender | None, role: str | None = None,
               lookback: int = _LOOKBACK_PARAGRAPHS) -> str | None:
        """The person mentioned last before `before`, within `lookback` paragraphs, of a compatible
        gender (and described by `role`)."""
        for position, name in reversed(self.mentions):
            if position >= before or position in self._oblique:
                continue
            if before[0] - position[0] > lookback:
                return None
            person = self.persons[name]
            if " " not in name and person.gender is None:
                continue  # a lone word ("Greenpeace") may be a body rather than a person
            if gender is not None and person.gender not in (None, gender):
                continue
            if role is not None and role.lower() not in (person.description or "").lower():
                continue
            return name
        return None

    def described_as(self, role: str, before: Position, gender: Gender | None) -> str | None:
        """The one person named before `before` whom the article described by `role` ("Kanzlerin" fits
        "Bundeskanzlerin Ina Roth"); None when nobody or several fit."""
        wanted = role.split()[0].lower()  # "Konzernchef von FACC": the role noun
        # "der Firmenchef" fits "FACC-Chef Ina Roth": compounds of one role noun describe one role
        head = max((e for e in ROLE_ENDINGS if wanted.endswith(e)), key=len, default=wanted)
        # "der VW-Boss" fits "VW-Chef Ina Roth": a role at the same body (the prefix of a compound)
        body = wanted.split("-")[0] + "-" if "-" in wanted[1:] and role[:1].isupper() and role.split("-")[0].isupper() else None
        named = {name for position, name in self.mentions if position < before}
        fits = [name for name in named
                if any(w.lower().endswith(head) or (body and w.lower().startswith(body) and is_role(w))
                       for w in (self.persons[name].description or "").split())
                and (gender is None or self.persons[name].gender in (None, gender))]
        return fits[0] if len(fits) == 1 else None

    def anyone_before(self, before: Position, lookback: int = 1) -> bool:
        """Has the article named a person shortly before `before` (this paragraph or the `lookback` before it)?"""
        return any(position < before and before[0] - position[0] <= lookback for position, _ in self.mentions)

    def persons_between(self, start: Position, end: Position) -> set[str]:
        """Who is named between two places: known persons, and full names the article has not yet
        shown to be persons ("Tim Hahn und Jana Wolf sehen das anders")."""
        known = {name for position, name in self.mentions if start <= position < end}
        others = {c.name.name for c in self._candidates_found if start <= c.position < end and " " in c.name.name
                  and not _after_word(c, PREPOSITIONS[self.language]) and self.lookup(c.name.name) not in self.persons
                  and not opens_with_common_noun(c.name.name, self.language)}
        return known | others

    def first_mention(self, name: str, start: Position, end: Position) -> Position | None:
        """Where a name that `persons_between` gives is first named between two places."""
        known = [position for position, n in self.mentions if n == name and start <= position < end]
        others = [c.position for c in self._candidates_found if c.name.name == name and start <= c.position < end]
        return min(known + others, default=None)

    def members(self, speakers: set[str]) -> dict[str, CastMember]:
        cast = {NARRATOR: CastMember(NARRATOR)}
        for name in speakers:
            person = self.persons.get(name)
            if person is None and name in self.bodies:
                cast[name] = CastMember(name, kind=self.bodies[name])
            elif person is None:
                cast[name] = CastMember(name, person_gender(name) or person_gender(name, firm=False))
            else:
                gender = person.gender or person_gender(name) or person_gender(name, firm=False)  # added after the vote
                cast[name] = CastMember(name, gender, person.description)
        return cast


def _opens_sentence_as_subject(c: _Candidate) -> bool:
    """ "Tom Reuter baut Boote.": a full name that opens a sentence and is followed by its verb."""
    before, after = c.run.before, c.run.after
    opens = before is None or before.text in ".!?:"
    return opens and after is not None and after.is_word and not after.is_capitalised


def _after_word(c: _Candidate, words: frozenset[str]) -> bool:
    return c.run.before is not None and c.run.before.lower in words


def _sentences(tokens: list[Token]) -> list[list[Token]]:
    out, current = [], []
    for k, tok in enumerate(tokens):
        current.append(tok)
        if ends_sentence(tokens, k):
            out.append(current)
            current = []
    return out + ([current] if current else [])
