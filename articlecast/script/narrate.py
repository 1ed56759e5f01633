"""Article -> Script: the narrator reads the prose, each quoted person their own words.

Steps: find the quote spans of every paragraph (quotes.py), keep the ones that are speech
and the short fragments that may be (they stay speech only when their sentence names who
speaks), read the cue of each (speakers.py), learn the article's people (cast.py), resolve each cue
to a cast name, let uncued quotes share the speaker of their neighbours, then cut the
paragraphs into narration and quote segments.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from articlecast import languages
from articlecast.script.cast import CastBook, Position
from articlecast.script.cues import SPEECH_VERBS, TERM_INTRODUCERS, TITLE_MINOR_WORDS, VAGUE_ROLES
from articlecast.script.grammar import clause_subject, has_tagger, person_name, plausible_body, tag_tokens, tag_words
from articlecast.script.model import NARRATOR, UNKNOWN, Article, Block, Script, Segment
from articlecast.script.phrases import MASK, Referent, Token, tokenize
from articlecast.script.quotes import QuoteSpan, find_quotes, opens_with_quote, quote_kind
from articlecast.script.speakers import Cue, cue_across_paragraphs, find_cue

_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class _Quote:
    paragraph: int  # index into the body's paragraphs
    span: QuoteSpan
    cue: Cue | None = None
    speaker: str | None = None
    runs_on: bool = False  # left open at the paragraph's end, goes on in the next paragraph
    opens_paragraph: bool = False
    fragment: bool = False  # built into the narrator's sentence: speech only when its sentence names a speaker

    @property
    def start(self) -> Position:
        return (self.paragraph, self.span.start)

    @property
    def end(self) -> Position:
        return (self.paragraph, self.span.end)


def make_script(article: Article) -> Script:
    language = languages.get(article.language).code
    paragraphs = [b.text for b in article.blocks if b.kind == "paragraph"]
    quotes = _speech_quotes(paragraphs, _run_on_targets(article.blocks), language)
    # fragments stay in the narrator's text until their own sentence shows them to be speech
    masked = [_mask(text, [q.span for q in quotes if q.paragraph == p and not q.fragment])
              for p, text in enumerate(paragraphs)]
    signed = [b.speaker for b in article.blocks if b.kind == "pullquote" and b.speaker]
    book = CastBook(masked, language, signed)
    tokens = [tokenize(text) for text in masked]
    quotes = [_with_cue(q, tokens, paragraphs, language, book) for q in quotes]
    quotes = [q for q in quotes if not q.fragment or q.cue is not None]
    book.admit([q.cue.referent.text for q in quotes if q.cue and q.cue.referent.kind == "name" and q.cue.tight])
    resolved = [_resolve(q, book) for q in quotes]
    quotes = [q for q in resolved if not (q.fragment and q.speaker == UNKNOWN)]  # nobody named: the narrator's words
    quotes = _share_speakers(quotes, book, paragraphs)
    quotes = _plausible_speakers(quotes, book)
    segments = _segments(article, paragraphs, quotes, book, language)
    speakers = {s.speaker for s in segments} - {NARRATOR, UNKNOWN}
    return Script(article.title, article.author, language, article.source, book.members(speakers), tuple(segments),
                  published=article.published)


# --- quotes ---------------------------------------------------------------------------------


def _run_on_targets(blocks: tuple[Block, ...]) -> list[bool]:
    """For each paragraph: does the very next block continue it with an opening quote mark?"""
    return [b.kind == "paragraph" and i + 1 < len(blocks) and blocks[i + 1].kind == "paragraph"
            and opens_with_quote(blocks[i + 1].text) for i, b in enumerate(blocks) if b.kind == "paragraph"]


def _speech_quotes(paragraphs: list[str], runs_on_next: list[bool], language: str) -> list[_Quote]:
    quotes = []
    coordinators = languages.get(language).attribution.coordinators
    for p, text in enumerate(paragraphs):
        runs_on = runs_on_next[p]
        previous: tuple[QuoteSpan, str] | None = None
        for span in find_quotes(text, language, runs_on):
            kind = quote_kind(text, span, TERM_INTRODUCERS[language], SPEECH_VERBS[language], TITLE_MINOR_WORDS[language])
            if kind != "term" and _named_by_noun(text, span, language):
                kind = "term"
            between = text[previous[0].end:span.start].strip(" ,") if previous is not None else ""
            if kind != "term" and previous is not None and previous[1] == "term" and between \
                    and (between.lower() in coordinators or (" " not in between
                                                             and tag_words((between,), language)[0].coarse == "conj")):
                kind = "term"  # the nickname "Black Hand," or "the man with the bloody hand": a second name
            previous = (span, kind)
            if kind != "term":
                open_to_end = runs_on and not span.closed and span.end == len(text)
                opens = not text[:span.start].strip()
                quotes.append(_Quote(p, span, runs_on=open_to_end, opens_paragraph=opens, fragment=kind == "fragment"))
    return quotes


_TITLE_WORDS = 3


def _named_by_noun(text: str, span: QuoteSpan, language: str) -> bool:
    """ "die Wochenzeitung „Le Canard enchaîné“", "der Film „Tage am Meer“": a few quoted words right after
    a common noun are its name, not anyone's speech (German capitalises nouns, so the tagger tells them
    from a speaker's name: "sagte Roth „…“")."""
    if not languages.get(language).grammar.capitalised_nouns or len(_WORDS.findall(text[span.text_start:span.text_end])) > _TITLE_WORDS:
        return False
    before = _WORDS.findall(text[max(0, span.start - 40):span.start])
    if not before or not text[:span.start].rstrip()[-1:].isalnum() or not before[-1][:1].isupper():
        return False
    return tag_words((before[-1],), language)[0].coarse == "noun"


def _mask(text: str, spans: list[QuoteSpan]) -> str:
    """The narrator's text of a paragraph, each quote replaced by marks that end a clause."""
    out = list(text)
    for span in spans:
        out[span.start:span.end] = MASK * (span.end - span.start)
    return "".join(out)


def _with_cue(q: _Quote, tokens: list[list[Token]], paragraphs: list[str], language: str, book: CastBook) -> _Quote:
    inner = paragraphs[q.paragraph][q.span.text_start:q.span.text_end]
    cue = find_cue(tokens[q.paragraph], q.span, inner, language, book.lookup)
    if cue is None and q.opens_paragraph and q.paragraph > 0:
        cue = cue_across_paragraphs(tokens[q.paragraph - 1], language, book.lookup)
    return replace(q, cue=cue)


def _resolve(q: _Quote, book: CastBook) -> _Quote:
    if q.cue is None:
        return q
    ref = q.cue.referent
    if ref.kind == "name" and book.lookup(ref.text) not in book.persons:
        clean, described = person_name(ref.text, book.language)
        if clean is None:
            # "Hoyzer von Spiegel-Online": a person the article knows, and where the words appeared
            head = ref.text.split()[:next((k for k, w in enumerate(ref.text.split()) if w.islower()), 0)]
            known = book.lookup(" ".join(head)) if head else None
            return replace(q, speaker=known if known in book.persons else UNKNOWN)
        ref = replace(ref, text=clean, description=ref.description or described)
    if ref.kind == "name":
        name = book.lookup(ref.text)
        if name not in book.persons and (q.cue.tight or " " in ref.text or ref.description is not None):
            name = book.add(name or ref.text)
        if name is not None:
            book.note(name, ref.gender, ref.description, prefer=True)
        return replace(q, speaker=name or UNKNOWN)
    if ref.kind in ("pronoun", "descriptor"):
        # "der 38-Jährige" points back to the last person; "die britische Königin" only to one so described
        role = ref.text if ref.kind == "descriptor" and len((ref.description or "").split()) > 2 else None
        # a role refers back within its paragraph ("Schwertfeger … sagt der 38-Jährige"); further away
        # "der Papst" is more likely someone new than the last person named
        name = book.recent(q.start, ref.gender, role, lookback=0 if ref.kind == "descriptor" else 2)
        if name is not None:
            book.note(name, ref.gender, ref.description if ref.kind == "descriptor" else None)
            return replace(q, speaker=name)
    if ref.kind == "descriptor":
        # "die Kanzlerin" further away: the one person the article described so ("Bundeskanzlerin Ina Roth"),
        # else nobody: a role is never made up into a cast member of its own
        name = book.described_as(ref.text, q.start, ref.gender)
        if name is not None or _points_back(ref.text, book.language):
            return replace(q, speaker=name or UNKNOWN)
        if _epithet(ref) and book.anyone_before(q.start):
            # "der US-Star", "der 15-malige Turniersieger": a newsroom's way of naming again someone it just
            # named; which of them is not sure, and a voice of its own would double that person
            return replace(q, speaker=UNKNOWN)
    if ref.kind in ("descriptor", "unnamed") and ref.text.lower() not in VAGUE_ROLES:
        # someone the article does not name, or a group: "ein Polizeisprecher", "die Demonstranten"
        if ref.kind == "unnamed" or " " in ref.text:
            book.unnamed.add(ref.text)  # "Sprecher des Bundestages": a role and its body, no name
        return replace(q, speaker=book.add(ref.text, ref.gender, ref.description))
    if ref.kind in ("organisation", "document"):
        return replace(q, speaker=book.add_body(ref.text, ref.kind))
    return replace(q, speaker=UNKNOWN)


def _plausible_speakers(quotes: list[_Quote], book: CastBook) -> list[_Quote]:
    """Last look at every speaker the rules chose, with the tagger and the given-name data: a person's
    name loses the words that only describe ("Supervisor Ina Roth" -> "Ina Roth"), and a phrase that
    cannot be one person ("Geschlossene Grenze", two names in a row) or a body that holds a verb
    ("said one GOP") gives its words to nobody rather than to a wrong voice."""
    verdict: dict[str, str] = {}
    for name in {q.speaker for q in quotes} - {None, UNKNOWN}:
        if name in book.unnamed:
            verdict[name] = name  # "Sprecher des Bundestages": what they are, no name to check
            continue
        kind = book.bodies.get(name) if name not in book.persons else None
        if kind is not None:
            verdict[name] = name if plausible_body(name, book.language) else UNKNOWN
            continue
        clean, described = person_name(name, book.language)
        if clean is None:
            verdict[name] = UNKNOWN
        elif clean != name:
            verdict[name] = book.rename(name, clean, described)
        else:
            verdict[name] = name
    return [replace(q, speaker=verdict.get(q.speaker, q.speaker)) if q.speaker else q for q in quotes]


def _epithet(ref: Referent) -> bool:
    """A role with a number or a compound before its noun ("der 15-malige Sieger", "der US-Star") describes
    someone already known rather than introducing someone new ("der Geschäftsführer")."""
    words = (ref.description or "").split()
    return "-" in ref.text.strip("-") or any(any(c.isdigit() for c in w) for w in words[:-1])


def _points_back(role: str, language: str) -> bool:
    """ "der 43-Jährige", "the 38-year-old": words that only ever refer back to someone named; alone
    they are nobody's name."""
    pattern = languages.get(language).attribution.age_pattern
    return bool(pattern) and re.search(pattern, role, re.IGNORECASE) is not None


def _share_speakers(quotes: list[_Quote], book: CastBook, paragraphs: list[str]) -> list[_Quote]:
    """An uncued quote is spoken by its neighbour in the paragraph, unless someone else is named between;
    failing that, by the one person the paragraph names before it."""
    out = list(quotes)
    for i, q in enumerate(out):
        if q.cue is not None:
            continue
        if _embedded(q, paragraphs[q.paragraph]) and not _reported(q, paragraphs[q.paragraph], book.language) \
                and not _joined(out, i, paragraphs[q.paragraph], book.language):
            continue  # words built into the narrator's sentence: only their own sentence can say whose they are
        speaker = _continued(out, i, paragraphs) or _neighbour_speaker(out, i, book) or _topic(out, i, book, paragraphs)
        if speaker is not None:
            out[i] = replace(q, speaker=speaker)
    return out


def _embedded(q: _Quote, text: str) -> bool:
    """Does the quote stand inside a sentence of the narrator's (not at its start, not after a colon)?"""
    if text[q.span.text_start:q.span.text_start + 1].islower():
        return True
    before = text[:q.span.start].rstrip()
    return bool(before) and before[-1] not in ".!?:…\"“”«»„" and not before.endswith("(")


def _joined(quotes: list[_Quote], i: int, text: str, language: str) -> bool:
    """ „…“ und „…“: two quotes joined by nothing but a conjunction are one speaker's."""
    prev = quotes[i - 1] if i > 0 else None
    if prev is None or prev.paragraph != quotes[i].paragraph:
        return False
    between = text[prev.span.end:quotes[i].span.start].strip(" ,").lower()
    return between in languages.get(language).attribution.coordinators


def _reported(q: _Quote, text: str, language: str) -> bool:
    """Is the sentence around an embedded quote in the subjunctive of reported speech ("Sie seien „…“")?
    Then the narrator still relays the speaker of the quotes around it."""
    start = max((m.end() for m in _SENTENCE_START.finditer(text, 0, q.span.start)), default=0)
    stop = _SENTENCE_END.search(text, q.span.end)
    before = {w.lower() for w in _WORDS.findall(text[start:q.span.start])}
    words = before | {w.lower() for w in _WORDS.findall(text[q.span.end:stop.start() if stop else len(text)])}
    # "kritisierte, dass sie „…“ sei": a clause of its own frames it, with a subject of its own
    attribution = languages.get(language).attribution
    return bool(words & attribution.subjunctives) and not before & attribution.framing_conjunctions


_SENTENCE_END = re.compile(r"[.!?](?:\s|$)")


def _continued(quotes: list[_Quote], i: int, paragraphs: list[str]) -> str | None:
    """A quote that opens its paragraph goes on from one that closed the paragraph before."""
    q, prev = quotes[i], quotes[i - 1] if i > 0 else None
    if prev is None or not q.opens_paragraph or prev.paragraph != q.paragraph - 1:
        return None
    rest = paragraphs[prev.paragraph][prev.span.end:]
    return prev.speaker if prev.runs_on or not _WORDS.search(rest) else None


def _neighbour_speaker(quotes: list[_Quote], i: int, book: CastBook) -> str | None:
    q = quotes[i]
    for other in _neighbours(quotes, i):
        if other.speaker in (None, UNKNOWN):
            continue
        first, last = (other, q) if other.start < q.start else (q, other)
        if not (book.persons_between(first.end, last.start) - {other.speaker}):
            return other.speaker
    return None


def _topic(quotes: list[_Quote], i: int, book: CastBook, paragraphs: list[str]) -> str | None:
    """The person the sentence before an uncued quote is about ("Oettinger will … straffen. „…“")."""
    q = quotes[i]
    text = paragraphs[q.paragraph]
    if not text[q.span.text_start:q.span.text_start + 1].isupper():
        return None  # a fragment built into the narrator's sentence
    before = text[:q.span.start].rstrip()
    if not before.endswith((".", "!", "?", ":")):
        return None
    start = max((m.end() for m in _SENTENCE_START.finditer(before[:-1])), default=0)
    prev = quotes[i - 1] if i > 0 and quotes[i - 1].paragraph == q.paragraph else None
    if prev is not None and prev.span.end > start:
        return None
    named = book.persons_between((q.paragraph, start), q.start)
    if len(named) != 1:
        return None
    name = next(iter(named))
    first = book.first_mention(name, (q.paragraph, start), q.start)
    if first is None or first[1] - start >= 40:
        return None  # the subject opens the sentence
    return name if _sole_subject(text[start:q.span.start], name, book.language) else None


def _sole_subject(sentence: str, name: str, language: str) -> bool:
    """Is `name` the whole subject of the sentence's main clause? "Er sowie Roth befürchten …" has two."""
    tokens = [t for t in tokenize(sentence) if t.text != MASK]
    tokens = tokens[:next((k for k, t in enumerate(tokens) if t.text in ";:"), len(tokens))]
    if not has_tagger(language):
        return True
    found = clause_subject(tokens, language)
    if found is None:
        return True  # nothing to say against it
    words = tokens[found.start:found.end]
    tags = tag_tokens(tokens, language)[found.start:found.end]
    return any(t.text == name.split()[-1] for t in words) and not any(t.coarse in ("conj", "pron") for t in tags)


_SENTENCE_START = re.compile(r"[.!?]\s+(?=[A-ZÄÖÜ„\"])")


def _neighbours(quotes: list[_Quote], i: int) -> list[_Quote]:
    """The quotes before and after quotes[i] in the same paragraph, nearest first, earlier one first."""
    p = quotes[i].paragraph
    found = []
    if i > 0 and quotes[i - 1].paragraph == p:
        found.append(quotes[i - 1])
    after = quotes[i + 1] if i + 1 < len(quotes) else None
    # only a cue after the next quote reaches back over it („…“ „…“, sagt X); one before it
    # (Der Chef fragte: „…“) stands between the two quotes and introduces the second alone
    if after is not None and after.paragraph == p and after.cue is not None and after.cue.placement == "after":
        found.append(after)
    return found


# --- segments -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Piece:
    kind: str
    speaker: str
    text: str
    chapter: int


def _segments(article: Article, paragraphs: list[str], quotes: list[_Quote], book: CastBook,
              language: str) -> list[Segment]:
    pieces = [_Piece("title", NARRATOR, article.title.strip(), 0)]
    if article.author:
        pieces.append(_Piece("byline", NARRATOR, languages.get(language).labels.byline.format(author=article.author.strip()), 0))
    body_words = _key(" ".join(paragraphs))
    chapter, p = 0, 0
    for block in article.blocks:
        if block.kind == "heading":
            chapter += 1
            pieces.append(_Piece("heading", NARRATOR, block.text.strip(), chapter))
        elif block.kind == "paragraph":
            pieces += _paragraph_pieces(paragraphs[p], [q for q in quotes if q.paragraph == p], chapter)
            p += 1
        elif _key(block.text) and _key(block.text) not in body_words:
            pieces.append(_Piece("quote", _pull_quote_speaker(block, book), block.text.strip(), chapter))
    pieces = _fold([x for x in pieces if x.text])
    return [Segment(f"s{n:04d}", x.kind, x.speaker, x.text, x.chapter) for n, x in enumerate(pieces, 1)]  # type: ignore[arg-type]


def _pull_quote_speaker(block: Block, book: CastBook) -> str:
    if not block.speaker:
        return UNKNOWN
    return book.lookup(block.speaker) or block.speaker


def _paragraph_pieces(text: str, quotes: list[_Quote], chapter: int) -> list[_Piece]:
    pieces: list[_Piece] = []
    pos = 0
    for q in quotes:
        pieces.append(_Piece("narration", NARRATOR, text[pos:q.span.start].strip(), chapter))
        pieces.append(_Piece("quote", q.speaker or UNKNOWN, text[q.span.text_start:q.span.text_end].strip(), chapter))
        pos = q.span.end
    pieces.append(_Piece("narration", NARRATOR, text[pos:].strip(), chapter))
    return [x for x in pieces if x.text]


def _fold(pieces: list[_Piece]) -> list[_Piece]:
    """Fold pieces without a word (the full stop after a quote, a lone dash) into a neighbour."""
    out: list[_Piece] = []
    pending = ""
    for piece in pieces:
        if not _WORDS.search(piece.text):
            if out:
                out[-1] = replace(out[-1], text=_join(out[-1].text, piece.text))
            else:
                pending = _join(pending, piece.text) if pending else piece.text
            continue
        out.append(replace(piece, text=_join(pending, piece.text)) if pending else piece)
        pending = ""
    if pending:  # nothing but punctuation anywhere: keep it rather than lose it
        out.append(_Piece("narration", NARRATOR, pending, 0))
    return out


def _join(left: str, right: str) -> str:
    return left + right if right[:1] in ",.;:!?)" else f"{left} {right}"


def _key(text: str) -> str:
    return " ".join(_WORDS.findall(text.lower()))
