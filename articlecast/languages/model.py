"""What a language is to articlecast: one frozen `Language` value made of small, named parts.

Every word, mark, pattern and label that belongs to one language lives in that language's module
(`de.py`, `en.py`, …) as such a value; the code that reads articles, speaks numbers, labels pages
and picks voices asks the registry (`articlecast.languages.get`) and never names a language
itself. Fields default to "this language has no such rule" (an empty set, False), so a new
language starts from what it knows and grows.
"""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

Gender = Literal["female", "male"]
_EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Attribution:
    """Who says a quote: verbs of saying, the little words around a speaker's name, person nouns."""

    speech_verbs: frozenset[str]  # verbs of saying and of stated opinion (cue beside a quote)
    reporting_verbs: frozenset[str]  # plain verbs of saying that may introduce a quote after a mere comma
    subjunctives: frozenset[str] = _EMPTY  # reported speech ("sie sei"): the narrator still gives someone's words
    citing_verbs: frozenset[str] = _EMPTY  # the object, not the subject, said the quote ("zitiert die Zeitung X")
    auxiliaries: frozenset[str] = _EMPTY  # finite auxiliaries: a name right before one is the subject
    particle_verbs: Mapping[str, frozenset[str]] = field(default_factory=dict)  # separable verb -> its particles
    joining_particles: tuple[str, ...] = ()  # particles a subordinate clause joins to the verb ("mitteilte")
    source_prepositions: frozenset[str] = _EMPTY  # cue words taking the speaker right after ("laut Polizei")
    source_nouns: frozenset[str] = _EMPTY  # "nach Angaben der Polizei": the source follows the noun
    source_noun_introducers: frozenset[str] = _EMPTY  # the word before such a noun ("nach")
    source_postpositions: frozenset[str] = _EMPTY  # "X zufolge": the source stands before the cue word
    source_two_word: Mapping[str, str] = field(default_factory=dict)  # "according" -> "to": a cue of two words
    comma_only_sources: frozenset[str] = _EMPTY  # source words that are cues only after a comma (", so X")
    says_it_places: frozenset[str] = _EMPTY  # "(heißt es) in einer Erklärung": where a text speaks
    says_it_words: frozenset[str] = _EMPTY  # "heißt es": a text, not a person, speaks
    written_words: frozenset[str] = _EMPTY  # "(in dem Entwurf) steht": what a text says, with no "es"
    impersonal_pronoun: str = ""  # the "es" of "heißt es"
    pronouns: Mapping[str, Gender | None] = field(default_factory=dict)  # personal pronouns that stand for a speaker
    plural_pronoun: str = ""  # a pronoun that is a plural with a plural verb ("sie sagen")
    gender_words: Mapping[str, Gender] = field(default_factory=dict)  # possessives and object pronouns
    gendered_nouns: Mapping[str, Gender] = field(default_factory=dict)  # "Witwe", "spokeswoman" (lower case)
    female_compound_ends: tuple[str, ...] = ()  # compounds ending so are female ("Krankenschwester")
    determiners: frozenset[str] = _EMPTY
    indefinite: frozenset[str] = _EMPTY  # indefinite articles: "ein Sprecher" is someone unnamed
    definite_gender: Mapping[str, Gender | None] = field(default_factory=dict)
    prepositions: frozenset[str] = _EMPTY  # after these a capitalised word is a place or a body, not a speaker
    not_names: frozenset[str] = _EMPTY  # capitalised words that are never part of a name
    titles: Mapping[str, Gender | None] = field(default_factory=dict)  # forms of address, dropped from a name
    role_endings: tuple[str, ...] = ()  # last parts of nouns that describe a person's role
    role_inflections: tuple[str, ...] = ("",)  # endings a role noun takes ("Experten", "Chefs")
    not_roles: frozenset[str] = _EMPTY  # short words that merely end like a role noun
    noun_endings: tuple[str, ...] = ()  # endings of capitalised common nouns that are never names
    organisation_endings: tuple[str, ...] = ()  # bodies that speak in news ("Polizei", "council")
    organisation_inflections: tuple[str, ...] = ()
    number_words: frozenset[str] = _EMPTY  # "nach fünf Jahren Gemeinschaftsschule" is no name
    term_introducers: frozenset[str] = _EMPTY  # after these a quote is a term or a title, not speech
    # short words a title keeps in lower case after its first word ("The Case for Colonialism", "A Room of
    # One's Own"): with them, a quote whose other words are all capitalised is a title, not speech
    title_minor_words: frozenset[str] = _EMPTY
    document_nouns: frozenset[str] = _EMPTY  # texts that speak for whoever issued them
    spoken_documents: frozenset[str] = _EMPTY  # of those, what a person says ("Rede"): without its speaker, nobody's
    vague_roles: frozenset[str] = _EMPTY  # roles too vague to name a voice after ("ein Sprecher")
    vague_speakers: frozenset[str] = _EMPTY  # pronoun-like speakers that name nobody ("man")
    owned_by_antecedent: frozenset[str] = _EMPTY  # "…, dessen Chef sagt": a role of something named before, nobody's name
    owner_words: frozenset[str] = _EMPTY  # "(Sprecher) der Polizei", "(spokesman) for the council"
    phrase_stops: frozenset[str] = _EMPTY  # conjunctions and relative pronouns that end a speaker phrase
    relative_articles: frozenset[str] = _EMPTY  # words that are an article or a relative pronoun ("der")
    genitive_article: str = ""  # the article of an owner's genitive ("ein Sprecher der Polizei")
    owner_introducers: frozenset[str] = _EMPTY  # "(nach Angaben) von/vom/des/der X"
    owner_dropped: frozenset[str] = _EMPTY  # of those, the ones dropped before the owner ("von")
    reflexives: frozenset[str] = _EMPTY  # "sich": never part of a speaker phrase
    inversion_adverbs: frozenset[str] = _EMPTY  # adverbs that put the subject after the verb
    predicate_words: frozenset[str] = _EMPTY  # "sah sich als Opfer": a predicate, not a subject
    as_words: tuple[str, ...] = ()  # "wie die Polizei mitteilte"
    coordinators: frozenset[str] = _EMPTY  # "und": the first verb's subject goes on
    subordinators: frozenset[str] = _EMPTY  # conjunctions that open a subordinate clause
    not_adjectives: frozenset[str] = _EMPTY  # lower-case words ending like adjectives that are none
    says_it_sources: frozenset[str] = _EMPTY  # "hieß es vom Abgeordneten X": whose words "es" gave
    framing_conjunctions: frozenset[str] = _EMPTY  # "X geht davon aus, dass …": X frames what follows
    pointing_back: frozenset[str] = _EMPTY  # "„…“ Das räumte X ein": a sentence pointing back at a quote
    object_articles: frozenset[str] = _EMPTY  # articles of an object ("Dem Sender sagte X"), never a subject's
    addressee_verbs: frozenset[str] = _EMPTY  # lemmas whose object is the one told ("told The Reporter")
    age_pattern: str = ""  # regex for an age used as a noun or before a name ("der 43-Jährige")


@dataclass(frozen=True)
class Grammar:
    """Grammar facts the heuristics depend on; the defaults are those of English."""

    capitalised_nouns: bool = False  # every noun is capitalised (German): a capital is weak evidence of a name
    compound_nouns: bool = False  # "Pressemitteilung" is a kind of "Mitteilung"
    inverted_subjects: bool = False  # an adverb or preposition first puts the subject after the verb
    feminine_suffix: str = ""  # "Sprecherin": a role noun's female form
    plural_verb_endings: tuple[str, ...] = ()  # "sagen": a plural verb
    adjective_endings: tuple[str, ...] = ()  # inflected adjectives ("gutes", "neuen")
    participle_endings: tuple[str, ...] = ()  # "geborene", "genannte": participles, not adjectives
    past_participle_endings: tuple[str, ...] = ()  # with the prefix: "geborene", "genannten"
    participle_prefix: str = ""  # "ge-"
    described_endings: tuple[str, ...] = ()  # adjectives between an owner's article and its noun
    plural_article: str = ""  # "die" before a role that is no female form is a plural
    singular_role_endings: tuple[str, ...] = ()  # what makes that role no plural ("-in", "-e")
    tagger_model: str = ""  # HanTa's model of the language (articlecast.script.grammar); empty: no tagger
    focus_particles: frozenset[str] = _EMPTY  # "Auch der Minister sagte": a particle that belongs to the subject after it
    genitive_suffixes: tuple[str, ...] = ()  # "des Bundestages": a noun's genitive ending, not part of its name
    dative_plural_suffix: str = ""  # "von Insidern": this ending on a noun whose stem ends so ...
    dative_plural_stems: tuple[str, ...] = ()  # ... ("-er", "-el") is a dative plural: a group, never one speaker
    tagset: str = ""  # the tags that model gives: "stts" or "c5"


@dataclass(frozen=True)
class Text:
    """Reading a page: which language it is, where the byline and the clutter are."""

    function_words: frozenset[str]  # frequent here and rare in other languages: they decide detection
    not_name_starts: frozenset[str] = _EMPTY  # capitalised at a line start they open a heading, never a name
    byline_words: tuple[str, ...] = ()  # "Von X", "Text: X"
    and_words: tuple[str, ...] = ()  # between two authors
    boilerplate: tuple[tuple[str, str], ...] = ()  # (what it is, whole-line regex): page furniture never read
    appeals: tuple[tuple[str, str], ...] = ()  # (what it is, regex searched in a short paragraph): donate, subscribe …
    credit_words: tuple[str, ...] = ()  # "Foto", "Photo": "(Foto: Jane Roe)" inside a paragraph is a credit
    author_roles: tuple[str, ...] = ()  # "Interview", "Redaktion": words beside the names in a page's author field
    dangling_words: frozenset[str] = _EMPTY  # a line ending in one was wrapped mid-sentence
    abbreviations: frozenset[str] = _EMPTY  # lower-case, without the period: a period after them ends no sentence
    transcript_abbreviations: frozenset[str] = _EMPTY  # the same for the transcript's sentence cutter


@dataclass(frozen=True)
class Unit:
    one: str  # the word after the number one: "Kilometer"
    many: str  # after any other number: "Kilometer", "kilometers"
    article: str = ""  # German "one" before it: "ein", "eine"; empty: the language's plain "one"


@dataclass(frozen=True)
class Numbers:
    """How a newsreader of this language says digits, units, abbreviations, symbols and addresses."""

    num2words: str  # num2words' language code
    decimal_mark: str
    thousands_mark: str
    decimal_word: str  # "Komma", "point"
    point_word: str  # a version's dot: "Punkt", "point"
    or_word: str  # "Bus/Bahn"
    one: str  # "eins" / "one" as a bare number is "ein" / "one" before a unit
    minus: str
    range_word: str
    months: tuple[str, ...]
    currencies: Mapping[str, Unit]  # symbol or word -> unit
    minor_units: Mapping[str, str]  # currency word -> how cents are named ("" when the number alone is said)
    scales: Mapping[str, Unit]  # "Mio." -> Million(en)
    units: Mapping[str, Unit]
    abbreviations: Mapping[str, str]  # written (spaces optional) -> spoken
    sentence_final: frozenset[str]  # abbreviations that may end a sentence and take its period with them
    letters: Mapping[str, str]  # letter -> spoken name when an acronym is spelled
    spell_joiner: str
    acronym_words: frozenset[str]  # read as a word although the heuristic would spell them
    acronym_spelled: frozenset[str]  # spelled although they look pronounceable
    symbols: Mapping[str, str]
    url_words: Mapping[str, str]  # "." "/" "@" "-" inside addresses
    clock_pattern: str = ""  # a time with its word, groups (hours)(minutes); empty: "2:30 p.m." style
    clock_word: str = ""  # "Uhr", "heures"
    clock_one: str = ""  # "ein" (Uhr), "une" (heure)
    clock_one_word: str = ""  # "heure": the word after one, when it differs
    oclock: str = ""  # "five o'clock"
    minute_zero: str = ""  # "ten oh five"
    numeric_dates: bool = False  # "14.05.2024" is day.month.year
    ordinal_days: bool = True  # "May 3rd": days of the month are ordinals (French: cardinals but "1er")
    day_of_month: str = "{day} {month}"  # "the {day} of {month}"
    ordinal_period: bool = False  # "3. Mai": a period after a number makes it an ordinal
    ordinal_suffix_pattern: str = ""  # "3rd": the written suffixes of ordinals
    ordinal_n_after: frozenset[str] = _EMPTY  # "am dritten Mai": the ordinal takes -n after these
    ordinal_n: str = ""
    dateline_r: str = ""  # "Berlin, vierzehnter Mai"
    dateline_articles: frozenset[str] = _EMPTY  # "der vierzehnte Mai": no dateline ending after these
    unit_articles: bool = False  # "eine Million": the one before a noun agrees with it
    one_before_capital: bool = False  # "1 Person": "ein", not "eins", before a capitalised noun
    last_year: int = 2099  # numbers 1100..last_year of four digits are read as years
    decade_suffix: str = "s"  # "1990er": the suffix after the spoken year
    decade_y_plural: str = ""  # "ninety" -> "nineties": replaces a final "y" instead of the suffix
    money_and: str = ""  # "five dollars and ninety-nine cents"
    hashtag_word: str = "Hashtag"  # "#China" -> "Hashtag China"
    phone_patterns: tuple[str, ...] = ()  # regexes of telephone numbers, read digit by digit in their groups
    phone_plus: str = "plus"  # "+49"
    slash_dates: str = ""  # "mdy": 11/24/2026, "dmy": 24/11/2026; empty: slashes are no dates
    slash_date: str = "{day} {month} {year}"  # how such a date is said (day as digits for the later passes)
    score_word: str = ""  # "3:1" -> "drei zu eins"
    fractions: Mapping[int, tuple[str, str]] = field(default_factory=dict)  # 3 -> ("Drittel", "Drittel")
    fraction_one: str = ""  # "ein Drittel": the one before a fraction (default: `one`)
    regnal: str = ""  # "Friedrich II." -> "der {ordinal}"; "{cardinal}" for "Louis quatorze"
    unit_compound_singular: bool = False  # "a 5-km run": five kilometer, not kilometers
    one_before_noun: bool = False  # "1 Person": one agrees with the noun after it
    one_feminine: str = ""  # "eine", "une"
    feminine_noun_endings: tuple[str, ...] = ()  # nouns ending so take `one_feminine`
    short_decades: str = ""  # "'90s" / "90er": the suffix of a two-digit decade
    foreign_acronyms: Mapping[str, str] = field(default_factory=dict)  # "CEO" -> "en": spelled in English letters


@dataclass(frozen=True)
class Pronunciation:
    """Which words of a text belong to another language (loanwords, names) and should sound like it.

    A word is foreign when the loan language's word list knows it well, the own list not much
    better, no own inflection of it is common, and either its spelling breaks the own orthography
    (`foreign_spellings`) or it is clearly more frequent in the loan language (`frequency_margin`).
    """

    loan_language: str = ""  # the language loanwords come from ("en"); empty: no detection
    foreign_spellings: tuple[str, ...] = ()  # regexes on the lower-case word that own words rarely match
    # weaker signs, shared with the own language's Latin and Romance words ("Corona", "Mercedes"): they
    # count only when the loan language knows the word at least as well as the own language does
    hint_spellings: tuple[str, ...] = ()
    own_letters: str = ""  # a word with one of these is the own language's ("ä", "é")
    native_endings: tuple[str, ...] = ()  # own inflections: a common "Namen" makes "Name" an own word
    native_suffixes: tuple[str, ...] = ()  # word endings that make a shared (Latinate) word an own one: "-tion"
    umlauts: Mapping[str, str] = field(default_factory=dict)  # "Hand" -> "Hände": plural by umlaut
    frequency_margin: float | None = None  # None: only spelling tells (the languages share too many words)


@dataclass(frozen=True)
class Labels:
    """Words a listener or reader sees or hears around the article: page, feed, transcript, intro."""

    narrator: str  # the transcript's voice tag for the narrator
    unknown: str  # … and for an unattributed quote
    byline: str  # "Von {author}": how the narrator reads the byline
    page: Mapping[str, str]  # the web page's interface text (subscribe, copy, chapters, …)


@dataclass(frozen=True)
class Voices:
    """Each engine's voices for this language, the best narrator voice first."""

    espeak: tuple[tuple[str, str], ...]  # (espeak voice, description)
    gtts: tuple[tuple[str, str, str], ...] = ()  # ("lang:tld", description, gender)
    # espeak-ng's rate parameter for narration at 150-165 spoken words per minute in a built episode,
    # sentence pauses included (measured with ../shared/eval/voices_check.py); 175 is espeak's own
    espeak_rate_wpm: int = 175
    # read by every voice to measure how it sounds (articlecast.audio.profiles): ~7 s of varied sounds
    reference_passage: str = ""


@dataclass(frozen=True)
class Language:
    code: str  # ISO 639-1, the primary subtag: "de"
    name: str  # in English, for messages: "German"
    id3: str  # ISO 639-2 for ID3 tags: "deu"
    attribution: Attribution
    grammar: Grammar
    text: Text
    numbers: Numbers
    labels: Labels
    voices: Voices
    pronunciation: Pronunciation = field(default_factory=Pronunciation)
