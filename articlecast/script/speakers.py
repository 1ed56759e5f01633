"""Speech cues around one quote: which phrase of the narrator's sentence names its speaker.

Looked for in the order a reader does: the verb right after the quote („…“, sagt Wang;
"…," Okoro said), the clause that introduces it (Er sagte: „…“, or without a verb of saying:
Hier sparte der Präsident nicht mit Kritik: „…“), then a reporting verb or a source ("laut X",
"according to X") elsewhere in the same sentence, and last the speech act of the sentence
just before, when the quote's own sentence still reports it (subjunctive: Es drohe „…“).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from articlecast import languages
from articlecast.languages import union
from articlecast.script.cues import (
    AUXILIARIES,
    CITING_VERBS,
    DETERMINERS,
    NUMBER_WORDS,
    PARTICLE_VERBS,
    PREPOSITIONS,
    PRONOUNS,
    REPORTING_VERBS,
    SOURCE_NOUN_INTRODUCERS,
    SOURCE_NOUNS,
    SOURCE_POSTPOSITIONS,
    SOURCE_PREPOSITIONS,
    SPEECH_VERBS,
    SUBJUNCTIVES,
    VAGUE_SPEAKERS,
)
from articlecast.script.gender import name_usage
from articlecast.script.grammar import clause_subject, person_name, subject_after_verb, tag_tokens
from articlecast.script.phrases import (
    MASK,
    Referent,
    Token,
    ends_sentence,
    is_document,
    is_organisation,
    is_role,
    referent,
)
from articlecast.script.quotes import QuoteSpan

Placement = Literal["after", "before", "sentence", "reported"]
Known = Callable[[str], object]  # the cast's lookup: a full name for a name it knows, else None
# Words that end a speaker phrase: conjunctions and relative pronouns ("Zhao, der seit 2014 …").
_PHRASE_STOPS = union(lambda lang: lang.attribution.phrase_stops)
# Words that are an article or a relative pronoun ("sagt der Münchner" / "Zhao, der seit 2014 …").
_RELATIVE_ARTICLES = union(lambda lang: lang.attribution.relative_articles)
# The genitive article of an owner ("ein Sprecher der Polizei"), with the languages that have one.
_GENITIVE = union(lambda lang: {lang.attribution.genitive_article} - {""})
_GENITIVE_LANGUAGES = tuple(language.code for language in languages.all() if language.attribution.genitive_article)
_REPORTED_SENTENCES = 2  # reported speech runs on this many sentences past its verb
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
        if k > 0 and t.lower in _PHRASE_STOPS and not (t.lower in _RELATIVE_ARTICLES and _is_article_here(out)) \
                and not (t.lower in _GENITIVE and _owned(out)):
            break
        if t.text in (",", "(", "–", "—", ":", ";", ".") and not _inside_word(tokens, k):
            break
        out.append(t)
    return out


def _inside_word(tokens: list[Token], k: int) -> bool:
    """ "ndr.de", "ver.di": a full stop with letters right on both sides is part of a name."""
    return tokens[k].text == "." and 0 < k < len(tokens) - 1 and tokens[k - 1].end == tokens[k].start \
        and tokens[k + 1].start == tokens[k].end and tokens[k + 1].is_word and not tokens[k + 1].is_capitalised


def _owned(before: list[Token]) -> bool:
    """ "eine Erklärung der Minister", "ein Sprecher der Polizei": the genitive names who stands behind
    (German only: "der" is the word that can be an article or a relative pronoun)."""
    return bool(before) and (any(is_document(before[-1].text, code) for code in _GENITIVE_LANGUAGES)
                             or is_role(before[-1].text))


def _is_article_here(before: list[Token]) -> bool:
    """In "sagt der Münchner", der is the article of the phrase, not a relative pronoun."""
    return not before or all(not t.is_word or not t.is_capitalised for t in before)


def _apposition(tokens: list[Token], start: int) -> list[Token]:
    """The words after the comma that ends a phrase: "…, Elmar Gesse", "…, the library's director"."""
    k = start
    while k < len(tokens) and tokens[k].text != ",":
        k += 1
    if k + 1 >= len(tokens) or tokens[k + 1].lower in _SUBORDINATORS | _PHRASE_STOPS:
        return []  # "…, wenn Daten …": a clause follows, not an apposition
    return _phrase(tokens[k + 1:])


def _with_apposition(found: Referent | None, tokens: list[Token], start: int, language: str) -> Referent | None:
    if found is None:
        if start < len(tokens) and tokens[start].lower in DETERMINERS[language]:
            extra = referent(_apposition(tokens, start), language)  # "der Oberkommandierende …, General Casey"
            return extra if extra is not None and extra.kind == "name" else None
        return None
    extra = referent(_apposition(tokens, start), language)
    if extra is None:
        return found
    if found.kind == "name" and extra.kind == "name" and " " in extra.text and person_name(found.text, language)[0] is None:
        # "der Hauptgeschäftsführer des Deutschen Brauer-Bundes, Ina Roth": the body was no name, she is
        return Referent("name", extra.text, extra.gender, extra.description or found.text)
    if found.kind in ("descriptor", "unnamed", "organisation", "document"):
        if extra.kind == "name":
            return Referent("name", extra.text, extra.gender or found.gender, extra.description or found.description)
        return found
    if found.kind == "name" and extra.kind == "descriptor" and found.description is None:
        return Referent("name", found.text, found.gender or extra.gender, extra.description)
    return found


def cue_after(sentence: Sentence, inner: str, language: str, any_verb: bool = True) -> Cue | None:
    """„…“, sagt der Münchner Jakob Bitner. / "…," Okoro said. / „…“, so Schnappauf."""
    words = sentence.after
    if not words:
        return None
    closed = inner.rstrip().endswith(_SENTENCE_END_MARKS) and words[0].text != ","
    if words[0].text == ",":
        words = words[1:]
    if not words or not words[0].is_word:
        return None
    if closed and words[0].is_capitalised:
        # the quote closed its sentence: a cue in lower case goes on it („…?“ fragte er, "…?" she asked),
        # a capital starts a new sentence („…?“ Greenpeace fordert …)
        return None
    if words[0].lower in _AS_WORDS and len(words) > 2:
        words = words[1:]  # „…“, wie Hoyzer zitiert wird / "…," as Hale put it
    head = words[0].lower
    if head in SOURCE_PREPOSITIONS.get(language, ()):
        second = languages.get(language).attribution.source_two_word.get(head)
        skip = 2 if second and len(words) > 1 and words[1].lower == second else 1
        found = referent(_phrase(words[skip:]), language)
        return Cue(found, "after", True) if found else None
    verbs = SPEECH_VERBS[language]
    if words[0].lower in AUXILIARIES.get(language, ()) and any(_is_verb(words, j, language, verbs)
                                                              for j in range(1, len(words))):
        words = words[1:]  # „…“, hatte VW-Chef Winterkorn in einem Interview erklärt
        found = _with_apposition(referent(_phrase(words), language), words, 0, language)
        return Cue(found, "after", True) if found else None
    if _is_verb(words, 0, language, verbs):
        singular = not _plural_verb(words[0], language)
        title = _quoted_title(words[1:])
        if title is not None:
            return Cue(Referent("organisation", title), "after", True)
        phrase = _phrase(words[1:])
        citing = words[0].lower in CITING_VERBS.get(language, ())
        if citing and phrase and phrase[0].lower in VAGUE_SPEAKERS:
            phrase = phrase[1:]  # „…“, zitierte man Ina Roth: the one cited speaks
        after = 2 + len(phrase)
        if after - 1 < len(words) and words[after - 1].lower in _COORDINATORS and not citing \
                and not (after < len(words) and words[after].is_word and not words[after].is_capitalised):
            return None  # „…“, schreiben Berlin und Paris: two speakers; "sagt Roth und zeigt …" goes on with her
        found = _with_apposition(referent(phrase, language, singular, prefer_full=citing), words, 1, language)
        return Cue(found, "after", True) if found else None
    for k in range(1, min(len(words), _MAX_VERB_DISTANCE)):
        if words[k].text in (",", ":", ";"):
            break
        if _is_verb(words, k, language, verbs):
            found = referent(words[:k], language)
            if found is not None and found.kind == "name" and languages.get(language).grammar.capitalised_nouns \
                    and not words[0].is_capitalised:
                return None
            return Cue(found, "after", k == 1) if found else None
    appositive = _appositive_subject(words, language, verbs)
    if appositive is not None:
        return appositive
    if not any_verb or any(t.is_word for t in sentence.before):
        return None  # "Nachdem man „…“, suchen die Forscher …": a main clause after a subordinate one
    return _grammar_after(words, language)


_TITLE_OPENERS = frozenset("„“\"»«")
_TITLE_CLOSERS = frozenset("“”\"«»")
_MAX_TITLE_WORDS = 4


def _quoted_title(words: list[Token]) -> str | None:
    """ „…“, schrieb „Die Woche“ in einem Nachruf: a title in quote marks right after the verb is a
    publication, and it wrote the words. Only without an article before the marks: "sagte der „Woche“"
    may be whom someone told."""
    if len(words) < 3 or words[0].text not in _TITLE_OPENERS:
        return None
    close = next((k for k in range(1, min(len(words), _MAX_TITLE_WORDS + 2)) if words[k].text in _TITLE_CLOSERS), None)
    inner = words[1:close] if close else []
    if not inner or not all(t.is_word and (t.is_capitalised or t.text[0].isdigit()) for t in inner):
        return None
    return " ".join(t.text for t in inner)


def _appositive_subject(words: list[Token], language: str, verbs: frozenset[str]) -> Cue | None:
    """ "…," Ina Roth, the director of the clinic, said. A name, its apposition between commas, then the verb."""
    first = next((k for k, t in enumerate(words[:_MAX_VERB_DISTANCE]) if t.text == ","), None)
    if not first:
        return None
    second = next((k for k in range(first + 1, min(len(words), first + _MAX_APPOSITION)) if words[k].text == ","), None)
    if second is None or second + 1 >= len(words) or not _is_verb(words, second + 1, language, verbs):
        return None
    found = referent(words[:first], language)
    if found is None or found.kind != "name":
        return None
    described = _with_apposition(found, words, 0, language)
    return Cue(described or found, "after", True)


_MAX_APPOSITION = 16


def _clause(words: list[Token]) -> list[Token]:
    """The words of one clause: up to the sentence's end or a colon, semicolon or dash."""
    out = []
    for t in words:
        if t.text in (":", ";", "–", "—", MASK) or (t.text in ".!?" and not _inside_word(words, len(out))):
            break
        out.append(t)
    return out


def _grammar_after(words: list[Token], language: str) -> Cue | None:
    """Whatever the verb: „…“, bewertet Müller. / „…“, spekuliert die FDP. / "…," Ina Roth concluded.
    The clause after the quote's comma opens with its finite verb (German, or English inverted) or with
    its subject right before the verb (English); its subject speaks."""
    clause = _clause(words)
    if not clause:
        return None
    found = clause_subject(clause, language)
    if found is None:
        return None
    if found.after_verb:
        if found.verb != 0:
            return None
    elif languages.get(language).grammar.inverted_subjects or found.start != 0 or found.verb >= _MAX_VERB_DISTANCE:
        return None
    ref = subject_referent(clause, found.start, found.end, language, found.verb)
    return Cue(ref, "after", found.after_verb) if ref is not None else None


def subject_referent(clause: list[Token], start: int, end: int, language: str, verb: int | None = None) -> Referent | None:
    """What a clause's subject refers to: a name, pronoun or role as `referent` reads it, else a noun
    phrase whose head names a body ("die Behörde") or a text ("der Bericht", "das Gesetz")."""
    words = clause[start:end]
    plural = languages.get(language).grammar.plural_verb_endings
    singular = verb is None or not plural or not clause[verb].text.endswith(plural)  # "sie sagen": they, not she
    found = _with_apposition(referent(_phrase(words), language, singular), clause, start, language)
    if found is not None:
        return found
    tags = tag_tokens(clause, language)[start:end]
    heads = [k for k, t in enumerate(tags) if t.coarse in ("noun", "name")]
    if not heads or any(t.coarse == "pron" for t in tags):
        return None
    head = words[heads[-1]]
    if tags[heads[-1]].tag == "NNA" and head.is_capitalised and len(heads) == 1:
        return Referent("unnamed", head.text)  # "ein Übertrittswilliger", "die Angeklagte": a person by what they are
    if is_document(head.text, language):
        return Referent("document", head.text)
    if is_organisation(head.text) and not head.text.isupper():
        return Referent("organisation", head.text)
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
            found = _subject(clause, k, language, "before", known)
            if found is not None or not colon:
                return found
            break
    if not colon:
        return None
    return _source(clause, language, "before") or _clause_subject(clause, language, known) \
        or _grammar_before(clause, language, known)


def _grammar_before(clause: list[Token], language: str, known: Known) -> Cue | None:
    """A colon after a clause of any verb: its subject introduces the quote. "Die Grünen befürworten den
    Plan: „…“", "The report concluded: "…"". A lone word that might be a place is not enough."""
    if not clause or clause[0].lower in VAGUE_SPEAKERS:
        return None  # "Man müsse …:" names nobody, whatever the grammar (and needs no tagger to say so)
    found = clause_subject(clause, language)
    if found is None:
        return None
    ref = subject_referent(clause, found.start, found.end, language, found.verb)
    if ref is None or (ref.kind == "name" and not _strong(ref, known)):
        return None
    return Cue(ref, "before", found.after_verb)


def _clause_subject(clause: list[Token], language: str, known: Known) -> Cue | None:
    """A colon after a clause without a verb of saying: the clause's subject introduces the quote.
    "Zypries sieht darin eine Bestätigung: „…“", "Hier sparte der Bundespräsident nicht mit Kritik: „…“"."""
    for i, tok in enumerate(clause):
        if not tok.is_word or not _may_open_subject(clause, i, language):
            continue
        found = _with_apposition(referent(_phrase(clause[i:]), language), clause, i, language)
        if found is not None and (_strong(found, known) or (i == 0 and _opens_clause(found, clause, language))):
            return Cue(found, "before", False)
    return None


def _may_open_subject(clause: list[Token], i: int, language: str) -> bool:
    """Where a clause's subject may start: at its opening, after a comma, or after a verb or adverb;
    not after a preposition ("mit der Polizei") or a noun ("die Rede des Präsidenten")."""
    tok = clause[i]
    if not (tok.is_capitalised or tok.lower in DETERMINERS[language]):
        return False
    if i == 0 or clause[i - 1].text == ",":
        return True
    before = clause[i - 1]
    # not after a number ("hat 60 Journalisten": a group) or a relative's possessive ("dessen Chef": a role of
    # something named before, nobody's name)
    return before.is_word and not before.is_capitalised and before.lower not in PREPOSITIONS[language] \
        and before.lower not in DETERMINERS[language] and before.lower not in _PREDICATE_WORDS \
        and not before.text[0].isdigit() and before.lower not in NUMBER_WORDS \
        and before.lower not in languages.get(language).attribution.owned_by_antecedent


def _strong(found: Referent, known: Known) -> bool:
    """A referent that surely names someone: a full name, a name the article knows, a pronoun or a role."""
    if found.kind == "name":
        return " " in found.text or found.description is not None or known(found.text) is not None
    return found.kind in ("pronoun", "descriptor", "organisation", "document", "unnamed")


def _subject(clause: list[Token], k: int, language: str, placement: Placement, known: Known) -> Cue | None:
    """The speaker of the verb at clause[k]: before it ("Der Leiter der WHO, Klaus Stöhr, sagte")
    or, when the clause opens with an adverbial or a subordinate clause, after it ("Dazu sagte er")."""
    singular = not _plural_verb(clause[k], language)
    attribution = languages.get(language).attribution
    after_words = _phrase([t for t in clause[k + 1:] if t.lower not in attribution.reflexives])
    after = _with_apposition(referent(after_words, language, singular), clause, k + 1, language)
    if after is not None and attribution.addressee_verbs \
            and tag_tokens(clause, language)[k].lemma in attribution.addressee_verbs:
        after = None  # "Scott told co-host Gayle King, "…"": whom she told, not who spoke
    before_words = [t for t in clause[:k] if t.text not in ("„", "“")]
    before = referent(before_words, language, singular, prefer_full=True) if before_words else None
    if _inverted(clause, k, language):
        ranked = [(after, True), (before, False)]
    else:
        named_after = after is not None and after.kind == "name" and " " in after.text and k + 1 < len(clause) \
            and clause[k + 1].is_capitalised  # "Der Zeitung sagte Filep Karma": an object may open the clause
        if before is not None and _strong(before, known) and (before.kind == "name" or not named_after):
            return Cue(before, placement, False)  # the subject opens the clause: what follows the verb is its object
        ranked = [(before, False), (after, True)]
    # In an inverted clause a name beats a role or an organisation on the other side of the verb:
    # "Der englischsprachigen Zeitung sagte Filep Karma: …"
    for wanted in (("name",), ("pronoun", "descriptor", "organisation", "document", "unnamed")):
        for found, tight in ranked:
            if found is not None and found.kind in wanted and _strong(found, known):
                return Cue(found, placement, tight)
    if _opens_clause(before, clause, language):
        return Cue(before, placement, True)  # type: ignore[arg-type]
    if after is not None and after.kind == "name" and not _common_noun(clause, k + 1, after, language):
        return Cue(after, placement, True)
    return None


def _common_noun(clause: list[Token], start: int, found: Referent, language: str) -> bool:
    """A lone capitalised word that the tagger reads as a common noun ("skandierten Parolen"), not a name."""
    if " " in found.text or not languages.get(language).grammar.capitalised_nouns:
        return False
    tags = tag_tokens(clause, language)
    return any(t.text == found.text and t.coarse == "noun" for t in tags[start:])


def _opens_clause(found: Referent | None, clause: list[Token], language: str) -> bool:
    """A lone name right before the clause's verb ("Merkel entgegnete", "Stoiber hatte … betont") is its subject."""
    if found is None or found.kind != "name" or len(clause) < 2 or clause[0].text != found.text:
        return False
    verb = clause[1].text
    return verb in AUXILIARIES.get(language, ()) or verb in SPEECH_VERBS[language]


def _source(words: list[Token], language: str, placement: Placement) -> Cue | None:
    """ "laut Polizei", "according to the council", "…, so Rice", "Merkel zufolge"."""
    attribution = languages.get(language).attribution
    for k, w in enumerate(words):
        low = w.lower
        if low in SOURCE_PREPOSITIONS.get(language, ()) and k + 1 < len(words):
            if low in attribution.comma_only_sources and (k == 0 or words[k - 1].text != ","):
                continue  # "so" is a cue only as ", so Schnappauf"
            skip = 2 if low in attribution.source_two_word else 1
            found = referent(_phrase(words[k + skip:]), language)
            if found is not None and found.kind == "name" and _common_noun(words, k + skip, found, language):
                continue  # "laut Marktprognosen": a source, but nobody's name
            if found is not None and found.kind != "pronoun":
                return Cue(found, placement, True)
        if low in SOURCE_POSTPOSITIONS.get(language, ()) and k > 0:
            found = referent(_phrase(words[max(0, k - 6):k]), language)
            if found is not None:
                return Cue(found, placement, False)
        if low in attribution.says_it_sources and _says_it(words[:k], attribution):
            found = referent(_phrase(words[k + 1:]), language)  # „…“, hieß es vom Abgeordneten Ina Roth
            if found is not None and found.kind != "pronoun":
                return Cue(found, placement, True)
        if low in attribution.says_it_places and (_says_it(words, attribution)
                                                  or any(t.lower in attribution.written_words for t in words[:k])):
            found = referent(_phrase(words[k + 1:]), language)  # „…“, heißt es in einer Erklärung der Minister
            if found is not None and found.kind in ("organisation", "document", "unnamed"):
                return Cue(found, placement, True)
        if low in SOURCE_NOUN_INTRODUCERS.get(language, ()):
            found = _source_noun(words[k + 1:], language)
            if found is not None:
                return Cue(found, placement, True)
    return None


def _says_it(words: list[Token], attribution: languages.Attribution) -> bool:
    """ "heißt es", "hieß es", "hatte es geheißen": a text, not a person, speaks."""
    lows = [w.lower for w in words]
    return attribution.impersonal_pronoun in lows and any(w in attribution.says_it_words for w in lows)


def _source_noun(words: list[Token], language: str) -> Referent | None:
    """ "(nach) Angaben der Polizei", "(nach) Ansicht von Ministerpräsident Christian Wulff", "(nach) Schäubles Idee"."""
    k = 1 if words and words[0].lower in DETERMINERS[language] else 0
    if k < len(words) and words[k].is_capitalised and words[k].text.endswith("s") and k + 1 < len(words) \
            and words[k + 1].lower in SOURCE_NOUNS[language]:
        return referent([Token(words[k].text[:-1], words[k].start, words[k].end - 1)], language)
    if k >= len(words) or words[k].lower not in SOURCE_NOUNS[language]:
        return None
    rest = words[k + 1:]
    attribution = languages.get(language).attribution
    if rest and rest[0].lower in attribution.owner_introducers:
        rest = rest[1:] if rest[0].lower in attribution.owner_dropped else rest
    found = referent(_phrase(rest), language)
    return _with_apposition(found, rest, 0, language) if found is not None else None


def cue_in_sentence(sentence: Sentence, language: str, known: Known) -> Cue | None:
    """A reporting verb or a source elsewhere in the sentence: "Laut Polizei sei das „…“"."""
    found = _source(sentence.before + sentence.after, language, "sentence")
    if found is not None:
        return found
    for k in range(len(sentence.before) - 1, -1, -1):  # the verb nearest the quote governs it
        if sentence.before[k].is_word and _is_verb(sentence.before, k, language, SPEECH_VERBS[language]):
            found = _subject(sentence.before, k, language, "sentence", known)
            if found is not None:
                return None if _framed_by_another(sentence.before[k + 1:], found, language, known) else found
    return _cue_later(sentence, language)


def _framed_by_another(between: list[Token], found: Cue, language: str, known: Known) -> bool:
    """ "X zitiert die Zeitung Y, wonach Z …, „…“": a clause between the cue and the quote frames it
    with a subject of its own; two claimants, and no sure one."""
    framing = languages.get(language).attribution.framing_conjunctions
    conj = next((k for k, t in enumerate(between) if t.lower in framing), None)
    if conj is None:
        return False
    other = referent(_phrase(between[conj + 1:]), language)
    return other is not None and other.kind == "name" and " " in other.text and not _same(other, found.referent, known)


def _cue_later(sentence: Sentence, language: str) -> Cue | None:
    """A cue after a later comma of the sentence: "Die Arbeit sei „…“ gewesen, hatte Roth gesagt."."""
    after = sentence.after
    for k, tok in enumerate(after):
        if tok.text == "," and k > 0:
            found = cue_after(Sentence([], after[k:]), "", language, any_verb=False)
            if found is not None:
                return Cue(found.referent, "sentence", found.tight)
    return None


def cue_reported(tokens: list[Token], sentence: Sentence, span: QuoteSpan, language: str, known: Known) -> Cue | None:
    """Reported speech goes on past its cue: "Roth sagte, sie sei müde. Es fehle „…“." The subjunctive
    of the quote's sentence says whose words these still are: the speaker of a sentence just before.
    A quote that is a sentence of its own continues the speech act of the sentence right before it."""
    moods = SUBJUNCTIVES.get(language, frozenset())
    alone = not [t for t in sentence.before + sentence.after if t.is_word]
    if alone:
        reach = 1  # a quote standing alone right after a speech act: „Ein Gutachten.“ after "Laut X ist …"
    elif any(t.lower in moods for t in sentence.before + sentence.after):
        reach = _REPORTED_SENTENCES
    else:
        return None
    start = sentence.before[0].start if sentence.before else span.start
    earlier = [t for t in tokens if t.end <= start and t.text != MASK]
    for previous in reversed(_split_sentences(earlier)[-reach:]):
        if previous[-1].text == "?":
            return None  # "Was sagt Ina Roth dazu?": a question asks for words, it reports none
        source = _source(previous, language, "reported")
        if source is not None:
            return source
        verbs = [k for k, t in enumerate(previous) if t.is_word and _is_verb(previous, k, language, SPEECH_VERBS[language])]
        for k in reversed(verbs):
            found = _subject(previous, k, language, "reported", known)
            if found is not None:
                return found
        if verbs:
            return None  # the nearest speech act names nobody: no guess further back
        if alone:
            return _named_subject(previous[:-1], language, known)
    return None


def _named_subject(clause: list[Token], language: str, known: Known) -> Cue | None:
    """ "Als Fehler beurteilte Ina Roth den Plan. „…“": a quote standing alone after a sentence whose subject
    is a person the article names, whatever that sentence's verb, goes on with her words. Only a full or
    known name: a pronoun or a body is too weak a sign for words of their own."""
    found = clause_subject([t for t in clause if t.text != MASK], language)
    if found is None:
        return None
    words = [t for t in clause if t.text != MASK]
    if _plural_verb(words[found.verb], language) \
            or any(t.coarse == "conj" for t in tag_tokens(words, language)[found.start:found.end]):
        return None  # "Tim Hahn und Jana Wolf sehen das anders": two people, no single voice
    ref = subject_referent(words, found.start, found.end, language, found.verb)
    if ref is None or ref.kind != "name" or person_name(ref.text, language)[0] is None:
        return None
    first = person_name(ref.text, language)[0].split()[0]
    if name_usage(first) == "unknown":
        return None  # "Deiche Brandenburgs": only a person with a given name the name data knows
    return Cue(ref, "reported", False)


def _split_sentences(tokens: list[Token]) -> list[list[Token]]:
    """The sentences of narrator tokens, in order."""
    out: list[list[Token]] = [[]]
    for k, tok in enumerate(tokens):
        out[-1].append(tok)
        if ends_sentence(tokens, k):
            out.append([])
    return [s for s in out if s]


def find_cue(tokens: list[Token], span: QuoteSpan, inner: str, language: str, known: Known) -> Cue | None:
    sentence = sentence_around(tokens, span)
    bracketed = _bracketed(sentence, language)
    if bracketed is not None:
        return bracketed
    after = sentence.after
    if inner.rstrip().endswith(_SENTENCE_END_MARKS) and after and after[0].is_word and after[0].is_capitalised:
        sentence = Sentence(sentence.before, [])  # the quote ended its sentence; a new one follows
    found = cue_after(sentence, inner, language)
    if found is not None and any(t.is_word for t in sentence.before):
        earlier = cue_in_sentence(Sentence(sentence.before, []), language, known)
        if earlier is not None and not _same(earlier.referent, found.referent, known):
            return None  # "Während Roth erklärte, „…“, räumte Lang ein": two speakers claim it, none is sure
    if found is not None and found.referent.kind == "pronoun":
        # "Roth sagte: „…“, betont sie.": the name before says more than the pronoun after
        before = cue_before(sentence, language, known)
        if before is not None and before.referent.kind == "name":
            return before
    return found or cue_before(sentence, language, known) \
        or cue_in_sentence(sentence, language, known) or _framing(sentence, language, known, inner) \
        or cue_reported(tokens, sentence, span, language, known) or _cue_next_sentence(tokens, sentence, span, language, known) \
        or _subject_frames(sentence, language, known)


def _subject_frames(sentence: Sentence, language: str, known: Known) -> Cue | None:
    """Words quoted inside a clause whose subject is a person the article names, whatever the verb:
    "In dem Verfahren sieht Ina Roth einen „Angriff auf die Belegschaft“" - hers. Only a named person:
    a body or a pronoun framing a few quoted words is too weak a sign."""
    before = sentence.before
    if not before or before[-1].text in (":", ","):
        return None
    found = clause_subject(before, language)
    if found is None:
        return None
    if any(t.coarse == "sub" for t in tag_tokens(before, language)[found.verb + 1:]):
        return None  # "Roth leads the PAC, an organization that plans to play in "…"": another clause frames it
    ref = subject_referent(before, found.start, found.end, language, found.verb)
    if ref is None or ref.kind != "name" or not _strong(ref, known) or person_name(ref.text, language)[0] is None:
        return None
    return Cue(ref, "sentence", False)


def _same(a: Referent, b: Referent, known: Known) -> bool:
    """May two cues mean the same speaker? A pronoun or a role may; names must agree ("Seibert" is
    "Steffen Seibert", "die Zeitung" may be "Süddeutsche Zeitung")."""
    if a.kind in ("pronoun", "descriptor") or b.kind in ("pronoun", "descriptor"):
        return True
    x, y = a.text.split()[-1], b.text.split()[-1]
    return x == y or (known(a.text) is not None and known(a.text) == known(b.text))


def _bracketed(sentence: Sentence, language: str) -> Cue | None:
    """ "…, die Leiterin der Behörde, Ina Roth („…“), und …": a quote in brackets right after a name is hers."""
    before, after = sentence.before, sentence.after
    if len(before) < 2 or before[-1].text != "(" or not after or after[0].text != ")":
        return None
    start = len(before) - 1
    while start > 0 and before[start - 1].text not in (",", ";", ":", "(", ")", MASK):
        start -= 1
    found = referent(before[start:-1], language)
    return Cue(found, "after", True) if found is not None and found.kind == "name" else None


def _framing(sentence: Sentence, language: str, known: Known, inner: str = "") -> Cue | None:
    """A quote inside a clause that the sentence's main clause frames, whatever its verb:
    "Roth geht davon aus, dass Lang „…“ habe" / "Smith believes that the plan is "…"": its subject speaks."""
    before = sentence.before
    framing = languages.get(language).attribution.framing_conjunctions
    conj = next((k for k, t in enumerate(before) if t.lower in framing), None)
    opener = inner.split(maxsplit=1)[0].lower() if inner.split() else ""
    if conj is None and len(before) > 1 and before[-1].text == "," and opener in framing:
        conj = len(before)  # "Das Gericht kam zu dem Ergebnis, „dass …“": the quote opens the framed clause
    if conj is None or conj == 0 or before[conj - 1].text != ",":
        return None
    clause = before[:conj - 1]
    found = clause_subject(clause, language)
    if found is None:
        return None
    ref = subject_referent(clause, found.start, found.end, language, found.verb)
    if ref is None or ref.kind not in ("name", "organisation") or not _strong(ref, known):
        return None
    if _framed_by_another(before[conj - 1:], Cue(ref, "sentence", False), language, known):
        return None  # "X zitiert Y, wonach Z …": the framed clause names a speaker of its own
    return Cue(ref, "sentence", False)


def _cue_next_sentence(tokens: list[Token], sentence: Sentence, span: QuoteSpan, language: str,
                       known: Known) -> Cue | None:
    """A quote that stands alone, then a sentence that points back at it: „…“ Das räumte Ina Roth
    gestern ein. / Diese Worte wählte der Minister. Its subject spoke the quote."""
    pointing_back = languages.get(language).attribution.pointing_back
    if not pointing_back or any(t.is_word for t in sentence.before + sentence.after):
        return None
    following = [t for t in tokens if t.start >= span.end]
    k = 0
    while k < len(following) and not following[k].is_word:
        k += 1
    next_sentence = []
    for j in range(k, len(following)):
        next_sentence.append(following[j])
        if ends_sentence(following, j):
            break
    if not next_sentence or next_sentence[0].lower not in pointing_back:
        return None
    found = subject_after_verb(next_sentence[:-1], language)
    if found is None:
        return None
    ref = subject_referent(next_sentence, found.start, found.end, language, found.verb)
    if ref is None or not _strong(ref, known) or ref.kind == "pronoun":
        return None
    return Cue(ref, "after", False)



def cue_across_paragraphs(previous: list[Token], language: str, known: Known) -> Cue | None:
    """A paragraph that ends with a colon introduces the quote that opens the next one:
    "Die Ministerin erklärte am Abend:" ⏎ „…“."""
    if not previous or previous[-1].text != ":":
        return None
    start = len(previous) - 1
    while start > 0 and not ends_sentence(previous, start - 1):
        start -= 1
    return cue_before(Sentence(previous[start:], []), language, known)


def _opens_with_apposition(clause: list[Token], language: str) -> bool:
    """ "Ina Roth, die Ärztin, sagte": a noun phrase and its apposition before the verb are its subject;
    "Sie sei müde, sagte Roth" or "Als sie ankam, sagte Roth": a clause before the comma inverts."""
    first = _phrase(clause)
    if not first or first[0].lower in _SUBORDINATORS or first[0].lower in PRONOUNS[language]:
        return False
    return not any(t.text == MASK or t.lower in AUXILIARIES.get(language, ()) or t.lower in SPEECH_VERBS[language]
                   for t in first)


def _inverted(clause: list[Token], k: int, language: str) -> bool:
    """German puts the subject after the verb when something else opens the clause."""
    if k == 0:
        return True
    if clause[k - 1].lower in _COORDINATORS:
        return False  # "Netanyahu befand … und nannte …": the first verb's subject goes on
    if clause[k - 1].text == ",":
        return not _opens_with_apposition(clause, language)
    if not languages.get(language).grammar.inverted_subjects:
        return False
    opener = clause[0]
    return opener.lower in PREPOSITIONS[language] or opener.lower in languages.get(language).attribution.inversion_adverbs


_SENTENCE_END_MARKS = (".", "?", "!", "…")
_PREDICATE_WORDS = union(lambda lang: lang.attribution.predicate_words)  # "sah sich als Opfer": a predicate
_AS_WORDS = tuple(union(lambda lang: lang.attribution.as_words))
_COORDINATORS = union(lambda lang: lang.attribution.coordinators)
_SUBORDINATORS = union(lambda lang: lang.attribution.subordinators)


def _plural_verb(word: Token, language: str) -> bool:
    """ "sagen": a plural verb, so "sie" after it is "they", not "she"."""
    endings = languages.get(language).grammar.plural_verb_endings
    return bool(endings) and word.lower.endswith(endings)

