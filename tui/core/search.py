"""Search the index: forgiving query parsing, BM25F ranking, snippets with hit offsets, facets."""

from __future__ import annotations

import contextlib
import datetime as dt
import heapq
import json
import math
import re
import time
import unicodedata
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any

from whoosh import highlight, matching, qparser, query, scoring
from whoosh.analysis import Token
from whoosh.qparser.dateparse import DateParserPlugin

from tui.core.entities.model import EntityType, Mention
from tui.core.index import INDEX_NAME, IndexUnavailable, open_index
from tui.core.ranking import Ranker
from tui.core.sanitize import ESCAPE_SEQUENCE
from tui.core.schema import DEFAULT_FIELDS, FIELD_ALIASES, QUERY_FIELDS

# Ranking, tuned on Cranfield with bench/relevance.py. MAP (nDCG@10) as measured there:
# BM25F B=0.75 K1=1.2 alone 0.311 (0.391); fuller stop list 0.318; + feedback 0.341 (0.415);
# B=0.9 and 20 feedback words 0.348 (0.419); B=1.0 0.351 (0.426). Whoosh's coordination bonus
# (0.350 at B=0.9) was dropped: its count of matched words changes as Whoosh's matchers run out,
# so the same brief scored differently by position; computed exactly it added 0.0004. Title
# boosts, K1 1.0-2.0, Robertson's idf, 5 feedback briefs, 30 feedback words and feedback weights
# 0.4/0.6 did not help (within +-0.005 or worse).
BM25_B = 1.0
BM25_K1 = 1.2
# Plain words are OR-ed, so a long natural-language query still finds briefs that match only some
# of its words; BM25F sums over the words, so briefs matching more of them rank higher.
FIELD_BOOSTS: dict[str, float] = {"title": 1.0}  # query-time, on top of the schema's field_boost
# Pseudo-relevance feedback for long plain-words queries: the words that characterise the best
# few briefs re-rank (never widen) the matches. Cranfield MAP 0.315 -> 0.35 (bench/relevance.py).
FEEDBACK_MIN_WORDS = 4  # shorter queries keep plain BM25F: predictable for a handful of words
FEEDBACK_DOCS = 3
FEEDBACK_TERMS = 20
FEEDBACK_WEIGHT = 0.5  # share of the score given to the feedback words
FEEDBACK_FIELDS = ("body",)  # title and body: 0.328
FEEDBACK_CHARS = 6000  # of each top brief's body analysed: bounds the work on long briefs

MAX_QUERY_CHARS = 500  # longer input is cut: a query is typed, not pasted books
MIN_PREFIX = 3  # `ab*` expands to too many words to be useful (and is the slow path)
MAX_EXPANSIONS = 64  # a prefix or pattern searches its most common matching words only
MAX_FUZZY_EDITS = 2

FACETS = ("source", "year")

SNIPPETS_PER_HIT = 2
SNIPPET_CHARS = 220
SNIPPET_SURROUND = 70


@dataclass(frozen=True)
class Snippet:
    """A fragment of a brief's body around hits; `highlights` are relative to `text`."""

    text: str
    start: int  # offset of `text` in the body
    highlights: list[tuple[int, int]]


@dataclass(frozen=True)
class SearchHit:
    id: str
    title: str
    source: str | None
    author: str | None
    published: dt.date | None
    score: float
    snippets: list[Snippet]
    spans: list[tuple[int, int]]  # every hit in the body, as (start, end) offsets


@dataclass
class SearchResult:
    query: str
    hits: list[SearchHit] = field(default_factory=list)
    total: int = 0  # briefs matching, of which `hits` are the best `limit`
    suggestion: str | None = None  # "did you mean", a corrected query
    error: str | None = None  # what was wrong with the query and what was searched instead
    facets: dict[str, dict[str, int]] = field(default_factory=dict)  # "source"/"year" -> counts
    elapsed_ms: float = 0.0


# --- the query ---

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")
_FIELD = re.compile(r"(?<![\w:\"'])([^\W\d]\w*):")
_WORD = re.compile(r"\w+")
_FIELD_VALUE = re.compile(r"\w+:(?:\"[^\"]*\"?|\([^)]*\)?|\[[^\]]*\]?|\{[^}]*\}?|\S+)")
_KNOWN_FIELDS = {name for name in QUERY_FIELDS} | {a for al in FIELD_ALIASES.values() for a in al}
_SHOWN_FIELDS = "title, author, source, entity, date"
_DATE_EXPR = re.compile(
    r"(?i)\b(date|published):(\[[^\]]*\]|\{[^}]*\}|[<>]=?[\d-]+|[\d-]+)(?=$|[\s)])"
)
_ISO = re.compile(r"^(\d{4})(?:-?(\d{1,2}))?(?:-?(\d{1,2}))?$")
_RANGE = re.compile(r"(?i)^\s*(\S*?)\s*\bto\b\s*(\S*)\s*$")


def _clean(text: str) -> str:
    # Whole escape sequences go first (a pasted `ESC[31m` is not the word "31m"), then strays.
    text = _CONTROL.sub(" ", unicodedata.normalize("NFC", ESCAPE_SEQUENCE.sub(" ", text)))
    return " ".join(text.split())


def _period(value: str) -> tuple[dt.date, dt.date] | None:
    """The first and last day an ISO-ish date (2023, 2023-05, 2023-05-19) stands for."""
    m = _ISO.match(value)
    if not m:
        return None
    year, month, day = int(m.group(1)), m.group(2), m.group(3)
    try:
        if month is None:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        if day is None:
            first = dt.date(year, int(month), 1)
            nxt = dt.date(year + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - dt.timedelta(days=1)
        exact = dt.date(year, int(month), int(day))
        return exact, exact
    except ValueError:
        return None


def _d(day: dt.date | None) -> str:
    return day.strftime("%Y%m%d") if day else ""


def _rewrite_date(m: re.Match[str]) -> str:
    """Dates in a form Whoosh's date parser reads correctly (it misreads `2023-05` in ranges)."""
    expr = m.group(2)
    start: dt.date | None
    end: dt.date | None
    if expr[0] in "[{":
        parts = _RANGE.match(expr[1:-1])
        if not parts:
            return m.group(0)
        low, high = parts.group(1), parts.group(2)
        low_p, high_p = _period(low) if low else None, _period(high) if high else None
        if (low and low_p is None) or (high and high_p is None):
            return m.group(0)
        start, end = (low_p[0] if low_p else None), (high_p[1] if high_p else None)
    elif expr[0] in "<>":
        op = expr[:2] if expr[1:2] == "=" else expr[:1]
        period = _period(expr[len(op) :])
        if period is None:
            return m.group(0)
        one = dt.timedelta(days=1)
        start, end = {
            ">=": (period[0], None),
            ">": (period[1] + one, None),
            "<=": (None, period[1]),
            "<": (None, period[0] - one),
        }[op]
    else:
        period = _period(expr)
        if period is None:
            return m.group(0)
        start, end = period
    return f"date:[{_d(start)} to {_d(end)}]"


def _unbalanced(text: str) -> str | None:
    if text.count('"') % 2:
        return "a quote is not closed"
    for opening, closing, name in (
        ("(", ")", "bracket"),
        ("[", "]", "bracket"),
        ("{", "}", "brace"),
    ):
        depth = 0
        for char in text:
            depth += (char == opening) - (char == closing)
            if depth < 0:
                break
        if depth:
            return f"a {name} is not closed" if depth > 0 else f"a {name} closes nothing"
    return None


def _plain_words(text: str) -> str:
    # Whoosh reads upper-case AND/OR/NOT/TO as operators; here every word is just a word.
    return " ".join(
        w.lower() if w in {"AND", "OR", "NOT", "TO"} else w for w in _WORD.findall(text)
    )


class _CappedPrefix(query.Prefix):  # type: ignore[misc]
    """A prefix that searches only its most common expansions: bounded work for short prefixes."""

    def _btexts(self, ixreader: Any) -> Iterable[bytes]:
        return _expansions(self, ixreader, super()._btexts)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _constant_matcher(self, searcher)


class _CappedWildcard(query.Wildcard):  # type: ignore[misc]
    def _btexts(self, ixreader: Any) -> Iterable[bytes]:
        return _expansions(self, ixreader, super()._btexts)

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        return _constant_matcher(self, searcher)


class _AndNotMatcher(matching.AndNotMatcher):  # type: ignore[misc]
    """Whoosh's, with its first match checked too: Whoosh's keeps the left side's first match
    when the right side starts earlier, even if both hold that brief (whoosh-reloaded 2.7.5)."""

    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()


class _AndNot(query.AndNot):  # type: ignore[misc]
    """`a NOT b` answered by `_AndNotMatcher` when Whoosh answers it (tui.core.ranking does
    not need it: it subtracts sets)."""

    def matcher(self, searcher: Any, context: Any = None) -> Any:
        scored = self.a.matcher(searcher, context)
        unwanted = self.b.matcher(searcher, searcher.boolean_context())
        return _AndNotMatcher(scored, unwanted)


def _constant_matcher(q: Any, searcher: Any) -> Any:
    """The briefs holding any expansion, each scoring the query's boost.

    Whoosh would OR one matcher per expansion and score through the union tree: for `wor*` at
    10k briefs (64 words, 6,000 briefs) that was 0.4 s; a sorted list of ids is a fraction.
    """
    reader = searcher.reader()
    ids: set[int] = set()
    for btext in q._btexts(reader):
        try:
            ids.update(reader.postings(q.fieldname, btext).all_ids())
        except Exception:  # TermNotFound
            continue
    if not ids:
        return matching.NullMatcher()
    return matching.ListMatcher(sorted(ids), all_weights=float(q.boost))


def _expansions(q: Any, ixreader: Any, expand: Callable[[Any], Iterable[bytes]]) -> list[bytes]:
    """The capped expansions, computed once per reader: a search asks for them several times.

    Kept on the reader itself, so they go with it when a refresh opens a new one.
    """
    cache: dict[tuple[str, str, type], list[bytes]] | None
    cache = getattr(ixreader, "_briefs_expansions", None)
    if cache is None or len(cache) > 256:
        cache = {}
        # A reader that takes no attributes just gets no cache: same answers, more work.
        with contextlib.suppress(AttributeError):
            ixreader._briefs_expansions = cache
    key = (q.fieldname, q.text, type(q))
    found = cache.get(key)
    if found is None:
        found = cache[key] = _most_common(ixreader, q.fieldname, expand(ixreader))
    return found


def _most_common(ixreader: Any, fieldname: str, btexts: Iterable[bytes]) -> list[bytes]:
    terms = list(btexts)
    if len(terms) <= MAX_EXPANSIONS:
        return terms
    return heapq.nlargest(MAX_EXPANSIONS, terms, key=lambda t: ixreader.doc_frequency(fieldname, t))


def _literal_prefix(pattern: str) -> str:
    return re.split(r"[*?\[]", pattern, maxsplit=1)[0]


def _guard(q: Any, notes: list[str]) -> Any:
    """The query with the expensive or meaningless parts bounded, and a note for each change."""
    if isinstance(q, query.Every):
        _note(notes, "a lone '*' matches every brief; it was left out")
        return query.NullQuery
    if isinstance(q, query.Prefix):
        if len(q.text) < MIN_PREFIX:
            _note(notes, f"'{q.text}*' is too short a prefix (at least {MIN_PREFIX} letters)")
            return query.Term(q.fieldname, q.text, boost=q.boost) if q.text else query.NullQuery
        return _CappedPrefix(q.fieldname, q.text, boost=q.boost)
    if isinstance(q, query.Wildcard):
        if len(_literal_prefix(q.text)) < MIN_PREFIX - 1:
            _note(notes, f"'{q.text}' must start with at least {MIN_PREFIX - 1} letters")
            return query.NullQuery
        return _CappedWildcard(q.fieldname, q.text, boost=q.boost)
    if isinstance(q, query.FuzzyTerm):
        if q.maxdist > MAX_FUZZY_EDITS:
            q = q.copy()
            q.maxdist = MAX_FUZZY_EDITS
        return q
    if q.is_leaf():
        return q
    original = q
    q = q.apply(lambda child: _guard(child, notes))
    if isinstance(q, query.Or) and isinstance(original, query.Or):
        q.scale, q.minmatch = original.scale, original.minmatch  # `apply` drops them
    if isinstance(q, query.Or):
        # With OR as the default group, `russia NOT armenia` would mean "russia, or anything
        # without armenia"; users mean "russia, but not armenia".
        negated = [c for c in q.subqueries if isinstance(c, query.Not)]
        wanted = [c for c in q.subqueries if not isinstance(c, query.Not)]
        if negated and wanted:
            kept = query.Or(wanted, boost=q.boost, minmatch=q.minmatch, scale=q.scale)
            return _AndNot(kept, query.Or([c.query for c in negated]))
    if type(q) is query.AndNot:  # the parser's ANDNOT
        return _AndNot(q.a, q.b)
    return q


def _note(notes: list[str], note: str) -> None:
    if note not in notes:
        notes.append(note)


def make_parser(
    schema: Any,
    fields: Iterable[str] = DEFAULT_FIELDS,
    boosts: dict[str, float] | None = None,
) -> qparser.QueryParser:
    parser = qparser.MultifieldParser(
        list(fields),
        schema,
        fieldboosts=FIELD_BOOSTS if boosts is None else boosts,
        group=qparser.OrGroup,
    )
    parser.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
    parser.add_plugin(DateParserPlugin(free=False))
    parser.add_plugin(qparser.GtLtPlugin())
    parser.add_plugin(qparser.FuzzyTermPlugin())
    return parser


_PLAIN = re.compile(r"[^\W_]+(?: [^\W_]+)*")


def _words_query(parser: qparser.QueryParser, text: str) -> Any | None:
    """What Whoosh's parser makes of plain words (no operators, fields or punctuation), built
    directly: the parser takes 1 ms for two words and 6 ms for twenty. None: not plain words,
    or a word the analyser splits in two; the parser answers those."""
    if not _PLAIN.fullmatch(text):
        return None
    words = text.split(" ")
    if any(word in {"AND", "OR", "NOT", "TO"} for word in words):
        return None
    plugin = next((p for p in parser.plugins if isinstance(p, qparser.MultifieldPlugin)), None)
    if plugin is None:
        return None
    schema = parser.schema
    groups = []
    for word in words:
        terms = []
        for name in plugin.fieldnames:
            tokens = list(schema[name].process_text(word, mode="query"))
            if len(tokens) > 1:
                return None
            if tokens:
                terms.append(query.Term(name, tokens[0], boost=plugin.boosts.get(name, 1.0)))
        if terms:
            groups.append(query.Or(terms))
    return query.Or(groups).normalize() if groups else query.NullQuery


@dataclass
class ParsedQuery:
    query: Any | None  # None: nothing searchable
    notes: list[str]
    text: str  # the cleaned text that was parsed

    @property
    def plain_words(self) -> list[str]:
        """The distinct searched words when the query is only words (no operators), else []."""
        words: dict[str, None] = {}

        def walk(q: Any) -> bool:
            if isinstance(q, query.Term) and q.fieldname in DEFAULT_FIELDS:
                words[q.text] = None
                return True
            if isinstance(q, query.Or) and not q.minmatch:
                return all(walk(child) for child in q.subqueries)
            return False

        return list(words) if self.query is not None and walk(self.query) else []


def parse_query(parser: qparser.QueryParser, raw: str) -> ParsedQuery:
    """Parse what the user typed; never raises. Problems become notes and a plain-words query."""
    notes: list[str] = []
    text = _clean(raw)
    if len(text) > MAX_QUERY_CHARS:
        text = text[:MAX_QUERY_CHARS].rsplit(" ", 1)[0]
        notes.append(f"the query is long: only its first {MAX_QUERY_CHARS} characters were used")
    if not text:
        return ParsedQuery(None, notes, text)

    def known_field(m: re.Match[str]) -> str:
        name = m.group(1)
        if name.lower() in _KNOWN_FIELDS:
            return f"{name.lower()}:"
        _note(notes, f"there is no field '{name}:' (try {_SHOWN_FIELDS}); searched as words")
        return f"{name} "

    text = _FIELD.sub(known_field, text)
    text = _DATE_EXPR.sub(_rewrite_date, text)
    problem = _unbalanced(text)
    if problem:
        notes.append(f"{problem}: searched the words instead")
        text = _plain_words(text)
    try:
        q = _words_query(parser, text)
        if q is None:
            q = parser.parse(text)
    except Exception as exc:  # Whoosh raises plain Exceptions for e.g. an unreadable date
        reason = str(exc).splitlines()[0][:80] if str(exc) else type(exc).__name__
        notes.append(f"the query could not be read ({reason}): searched the words instead")
        text = _plain_words(text)
        try:
            q = parser.parse(text)
        except Exception:
            return ParsedQuery(None, notes, text)
    q = _guard(q, notes).normalize()
    if isinstance(q, type(query.NullQuery)):
        if _WORD.search(text) and not notes:
            notes.append("nothing to search for: common words such as 'the' are left out")
        else:
            notes.append("nothing to search for")
        return ParsedQuery(None, notes, text)
    return ParsedQuery(q, notes, text)


# --- hits in a brief ---


def _positive_leaves(q: Any) -> Iterator[Any]:
    """The leaf queries whose words should be highlighted (not the ones under NOT)."""
    if isinstance(q, query.Not):
        return
    if isinstance(q, query.AndNot):
        yield from _positive_leaves(q.a)
        return
    if q.is_leaf() or isinstance(q, query.Phrase):
        yield q
        return
    for child in q.children():
        yield from _positive_leaves(child)


@dataclass
class _BodyTerms:
    words: set[bytes]  # highlighted wherever they occur
    phrases: list[tuple[list[bytes], int]]  # highlighted only where the phrase occurs


def _body_terms(q: Any, reader: Any) -> _BodyTerms:
    out = _BodyTerms(set(), [])
    field = reader.schema["body"]
    for leaf in _positive_leaves(q):
        if isinstance(leaf, query.Phrase):
            if leaf.fieldname == "body" and leaf.words:
                out.phrases.append(([field.to_bytes(w) for w in leaf.words], max(1, leaf.slop)))
            continue
        try:
            terms = list(leaf.existing_terms(reader, phrases=False, expand=True))
        except Exception:  # a leaf that cannot expand itself simply highlights nothing
            continue
        out.words.update(text for name, text in terms if name == "body")
    return out


def _char_positions(
    searcher: Any,
    btexts: Iterable[bytes],
    docnums: list[int],
    ranker: Ranker | None = None,
) -> dict[int, dict[bytes, list[tuple[int, int, int]]]]:
    """docnum -> word -> [(position, start, end)], read from the postings (no re-tokenising).

    What Whoosh's pinpoint highlighter does with `terms=True`, but for the shown hits only and
    with the offsets kept: no per-match term bookkeeping during the search itself. The words
    the ranker has just read come from its postings; the others are looked up here.
    """
    out: dict[int, dict[bytes, list[tuple[int, int, int]]]] = {d: {} for d in docnums}
    ordered = sorted(docnums)
    for btext in btexts:
        known = ranker.characters("body", btext, ordered) if ranker is not None else None
        if known is not None:
            for docnum, chars in known.items():
                out[docnum][btext] = chars
            continue
        try:
            m = searcher.postings("body", btext)
        except Exception:  # TermNotFound: the word is nowhere in the body field
            continue
        for docnum in ordered:
            if not m.is_active():
                break
            if m.id() < docnum:
                m.skip_to(docnum)
            if m.is_active() and m.id() == docnum:
                out[docnum][btext] = [tuple(c) for c in m.value_as("characters")]
    return out


def _spans(terms: _BodyTerms, chars: dict[bytes, list[tuple[int, int, int]]]) -> list[Any]:
    """Hit tokens (position, start, end), sorted by start, without overlaps."""
    found: list[tuple[int, int, int]] = []
    for btext in terms.words:
        found.extend(chars.get(btext, ()))
    for words, slop in terms.phrases:
        firsts = chars.get(words[0], [])
        rest = [{p: (s, e) for p, s, e in chars.get(w, [])} for w in words[1:]]
        for pos, start, end in firsts:
            last_pos, last_end, ok = pos, end, True
            for positions in rest:
                step = next((d for d in range(1, slop + 1) if last_pos + d in positions), None)
                if step is None:
                    ok = False
                    break
                last_pos += step
                last_end = positions[last_pos][1]
            if ok:
                found.append((pos, start, last_end))
    found.sort(key=lambda t: (t[1], -t[2]))
    merged: list[tuple[int, int, int]] = []
    for token in found:
        if merged and token[1] < merged[-1][2]:
            if token[2] > merged[-1][2]:
                merged[-1] = (merged[-1][0], merged[-1][1], token[2])
            continue
        merged.append(token)
    return merged


def _snippets(body: str, tokens: list[tuple[int, int, int]]) -> list[Snippet]:
    if not tokens:
        return []
    matched = [Token(text="", pos=p, startchar=s, endchar=e, matched=True) for p, s, e in tokens]
    fragmenter = highlight.PinpointFragmenter(
        maxchars=SNIPPET_CHARS, surround=SNIPPET_SURROUND, autotrim=True, charlimit=None
    )
    fragments = fragmenter.fragment_matches(body, matched)
    best = highlight.top_fragments(
        fragments, SNIPPETS_PER_HIT, highlight.BasicFragmentScorer(), highlight.FIRST
    )
    snippets = []
    for frag in best:
        start, end = frag.startchar, frag.endchar
        # Line breaks become spaces one for one, so the offsets still point into the body.
        text = _CONTROL.sub(" ", body[start:end].replace("\n", " ").replace("\t", " "))
        marks = [(t.startchar - start, t.endchar - start) for t in frag.matches]
        snippets.append(Snippet(text, start, marks))
    return snippets


# --- the searcher ---


def decode_mentions(raw: object) -> list[Mention]:
    """Mentions from the stored JSON: a list of [start, end, entity_id, type, text] (or objects)."""
    if not isinstance(raw, str) or not raw:
        return []
    try:
        data = json.loads(raw)
    except ValueError:
        return []
    out: list[Mention] = []
    for item in data if isinstance(data, list) else []:
        try:
            if isinstance(item, dict):
                values = [item[k] for k in ("start", "end", "entity_id", "type", "text")]
            else:
                values = list(item)[:5]
            start, end, entity_id, kind, text = values
            out.append(Mention(int(start), int(end), str(entity_id), EntityType(kind), str(text)))
        except (KeyError, TypeError, ValueError):
            continue
    return sorted(out)


def encode_mentions(mentions: Iterable[Mention]) -> str:
    """The stored form of a brief's mentions (see `Annotation.mentions_json`)."""
    return json.dumps(
        [[m.start, m.end, m.entity_id, str(m.type), m.text] for m in mentions],
        ensure_ascii=False,
        separators=(",", ":"),
    )


QUALITY_MODE = "few-terms"


def _use_quality(q: Any) -> bool:
    """Whether to let Whoosh skip blocks that cannot reach the top hits.

    Worth it for a few words; with many (a prefix's expansions, feedback words) the skipping's
    own bookkeeping costs more than it saves: a 3-letter prefix took 2-3x longer with it.
    """
    if QUALITY_MODE == "always":
        return True
    if QUALITY_MODE == "never":
        return False
    for leaf in q.leaves():
        if isinstance(leaf, (query.Prefix, query.Wildcard, query.FuzzyTerm)):
            return False
    return len(list(q.leaves())) <= 8


def _date_range(date_from: dt.date | None, date_to: dt.date | None) -> Any:
    start = dt.datetime.combine(date_from, dt.time.min) if date_from else None
    end = dt.datetime.combine(date_to, dt.time.max) if date_to else None
    return query.DateRange("date", start, end)


def _idf(count: int, frequency: int) -> float:
    return math.log(1 + (count - frequency + 0.5) / (frequency + 0.5))


def make_weighting() -> Any:
    return scoring.BM25F(B=BM25_B, K1=BM25_K1)


class Searcher:
    """An open index for searching; reuse it (one per thread) and `refresh()` after updates."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._toc = _toc_stamp(index_dir)  # before opening: a commit in between is seen later
        self._ix = open_index(index_dir)  # raises IndexUnavailable
        self._weighting = make_weighting()
        self._searcher = self._ix.searcher(weighting=self._weighting)
        self._parser = make_parser(self._ix.schema)
        # Per reader (refresh() drops them): the facet fields' values by document number, the
        # exact scorer, and the briefs each recent filter allows.
        self._facet_columns: dict[str, list[str]] | None = None
        self._ranker: Ranker | None = None
        self._filters: dict[str, frozenset[int]] = {}
        self._docnums: dict[str, int] | None = None
        self._dfs: dict[str, int] = {}

    def __enter__(self) -> Searcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._searcher.close()

    def refresh(self) -> None:
        """See the latest commit (cheap when nothing changed).

        Whoosh's own `Searcher.refresh` adds the old reader's segments to the new ones: after a
        merge or a rebuild, briefs came back twice and deleted ones reappeared. A fresh reader is
        opened instead, when the table of contents changed.
        """
        stamp = _toc_stamp(self.index_dir)
        if stamp is None or stamp == self._toc:
            return
        try:
            fresh = self._ix.searcher(weighting=self._weighting)
        except Exception:
            return  # mid-rebuild: keep reading what is open (unlinked files stay readable)
        self._searcher.close()
        self._searcher, self._toc = fresh, stamp
        self._facet_columns, self._ranker, self._filters = None, None, {}
        self._docnums, self._dfs = None, {}

    @property
    def doc_count(self) -> int:
        return int(self._searcher.doc_count())

    def search(
        self,
        query_text: str,
        *,
        limit: int = 20,
        source: str | None = None,
        date_from: dt.date | None = None,
        date_to: dt.date | None = None,
        entity: str | None = None,
        snippets: bool = True,
        suggest: bool = True,
        ids: Collection[str] | None = None,
    ) -> SearchResult:
        """Search; never raises for what the user typed (see `SearchResult.error`).

        `ids`, when given, keeps only the briefs with those ids (none when it is empty).

        `suggest=False` leaves out the "did you mean" (`suggestion`), which costs 10-100 ms per
        unknown word at 10k briefs: search-as-you-type asks for it after showing the results.
        """
        started = time.perf_counter()
        result = SearchResult(query=query_text)
        parsed = parse_query(self._parser, query_text)
        result.error = "; ".join(parsed.notes) or None
        if parsed.query is not None:
            try:
                self._run(parsed, result, limit, source, date_from, date_to, entity, snippets, ids)
            except Exception:
                # A commit may have removed files this searcher had not opened yet: look again.
                try:
                    self.refresh()
                    self._run(
                        parsed, result, limit, source, date_from, date_to, entity, snippets, ids
                    )
                except Exception as exc:
                    result.hits, result.total, result.facets = [], 0, {}
                    result.error = (
                        f"the index could not be read ({type(exc).__name__}); "
                        "run `briefs index --rebuild`"
                    )
        if parsed.text and suggest:
            result.suggestion = self._suggest(parsed.text)
        result.elapsed_ms = (time.perf_counter() - started) * 1000
        return result

    def _run(
        self,
        parsed: ParsedQuery,
        result: SearchResult,
        limit: int,
        source: str | None,
        date_from: dt.date | None,
        date_to: dt.date | None,
        entity: str | None,
        snippets: bool,
        ids: Collection[str] | None = None,
    ) -> None:
        filters: list[Any] = []
        if ids is not None:
            filters.append(query.Or([query.Term("id", i) for i in sorted(ids)]))
        if source:
            filters.append(query.Term("source", source))
        if date_from or date_to:
            filters.append(_date_range(date_from, date_to))
        if entity:
            filters.append(query.Term("entity", entity.strip().lower()))
        filter_q = query.And(filters) if filters else None
        self._get_ranker().forget()
        ranked = parsed.query
        if len(parsed.plain_words) >= FEEDBACK_MIN_WORDS:
            ranked = self._with_feedback(parsed, filter_q)
        shown = self._best(parsed.query, ranked, filter_q, max(1, limit), result)
        docnums = [docnum for docnum, _ in shown]
        terms = _body_terms(parsed.query, self._searcher.reader())
        words = terms.words | _phrase_words(terms)
        chars = _char_positions(self._searcher, words, docnums, self._get_ranker())
        hits: list[SearchHit] = []
        for docnum, score in shown:
            stored = self._searcher.stored_fields(docnum)
            tokens = _spans(terms, chars.get(docnum, {}))
            body = stored.get("body", "")
            published = stored.get("date")
            hits.append(
                SearchHit(
                    id=stored["id"],
                    title=stored.get("title", stored["id"]),
                    source=stored.get("source"),
                    author=stored.get("author"),
                    published=published.date() if isinstance(published, dt.datetime) else None,
                    score=score,
                    snippets=_snippets(body, tokens) if snippets else [],
                    spans=[(s, e) for _, s, e in tokens],
                )
            )
        result.hits = hits

    def _best(
        self, matching: Any, ranked: Any, filter_q: Any, limit: int, result: SearchResult
    ) -> list[tuple[int, float]]:
        """The best `limit` (document number, score); sets the result's total and facets.

        The exact scorer (tui.core.ranking) gives every match with its score in one pass, so the
        count and the facets come free; queries it does not cover go through Whoosh, which
        scores only what can reach the top and then lists the matching ids in a second pass.
        """
        scores = self._scores(ranked, filter_q)
        if scores is not None:
            result.total = len(scores)
            result.facets = self._facets(scores.keys())
            return self._get_ranker().top(scores, limit)
        results = self._searcher.search(
            ranked, limit=limit, filter=filter_q, optimize=_use_quality(ranked)
        )
        whole = matching if filter_q is None else query.And([matching, filter_q])
        matched = set(self._searcher.docs_for_query(whole))
        result.total = len(matched)
        result.facets = self._facets(matched)
        return [(hit.docnum, float(hit.score or 0.0)) for hit in results]

    def _get_ranker(self) -> Ranker:
        if self._ranker is None:
            self._ranker = Ranker(self._searcher, (_CappedPrefix, _CappedWildcard))
        return self._ranker

    def _scores(self, q: Any, filter_q: Any) -> dict[int, float] | None:
        """Every match of `q` the filter allows, with its score; None: only Whoosh can say."""
        ranker = self._get_ranker()
        scores = ranker.scores(q)
        if scores is not None and filter_q is not None:
            allowed = self._allowed(ranker, filter_q)
            scores = {doc: score for doc, score in scores.items() if doc in allowed}
        return scores

    def _allowed(self, ranker: Ranker, filter_q: Any) -> frozenset[int]:
        """The briefs a filter lets through, kept for the next keystrokes under the same filter."""
        key = repr(filter_q)
        allowed = self._filters.get(key)
        if allowed is None:
            if len(self._filters) >= 32:
                self._filters.clear()
            allowed = self._filters[key] = frozenset(ranker.docs(filter_q))
        return allowed

    def _facets(self, docnums: Iterable[int]) -> dict[str, dict[str, int]]:
        """Source and year counts over the matches, most frequent first."""
        columns = self._facet_columns
        if columns is None:
            reader = self._searcher.reader()
            size = reader.doc_count_all()
            columns = {}
            for name in FACETS:
                values = list(reader.column_reader(name)) if reader.has_column(name) else []
                columns[name] = values[:size] + [""] * (size - len(values))
            self._facet_columns = columns  # per reader: refresh() drops it
        docs = list(docnums)
        out: dict[str, dict[str, int]] = {}
        for name, values in columns.items():
            counts = Counter(map(values.__getitem__, docs))
            counts.pop("", None)
            out[name] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return out

    def _with_feedback(self, parsed: ParsedQuery, filter_q: Any) -> Any:
        """The query, plus (as AndMaybe: re-ranking only) the words typical of its best matches."""
        typed = parsed.query
        scores = self._scores(typed, filter_q)
        if scores is not None:
            leaders = [doc for doc, _ in self._get_ranker().top(scores, FEEDBACK_DOCS)]
        else:
            found = self._searcher.search(typed, limit=FEEDBACK_DOCS, filter=filter_q)
            leaders = [hit.docnum for hit in found]
        if len(leaders) < 2:
            return typed
        first = [self._searcher.stored_fields(doc) for doc in leaders]
        analyzer = self._searcher.schema["body"].analyzer
        reader = self._searcher.reader()
        count = max(1, reader.doc_count_all())
        weights: dict[str, float] = {}
        for hit in first:
            text = f"{hit.get('title', '')}\n{hit.get('body', '')[:FEEDBACK_CHARS]}"
            freqs: dict[str, int] = {}
            for token in analyzer(text):
                freqs[token.text] = freqs.get(token.text, 0) + 1
            length = sum(freqs.values()) or 1
            for word, tf in freqs.items():
                idf = _idf(count, self._doc_frequency(reader, word))
                weights[word] = weights.get(word, 0.0) + tf / length * idf
        best = heapq.nlargest(FEEDBACK_TERMS, weights.items(), key=lambda kv: kv[1])
        total = sum(w for _, w in best)
        if not total:
            return typed
        # Each typed word has weight 1; the feedback words share the same weight as all of them.
        scale = len(parsed.plain_words) * FEEDBACK_WEIGHT / (1 - FEEDBACK_WEIGHT) / total
        extra = [
            query.Term(field, word, boost=weight * scale)
            for word, weight in best
            for field in FEEDBACK_FIELDS
        ]
        return query.AndMaybe(typed, query.Or(extra))

    def _doc_frequency(self, reader: Any, word: str) -> int:
        """Briefs with the word in their body; kept per reader (feedback asks for hundreds)."""
        cache = self._dfs
        found = cache.get(word)
        if found is None:
            if len(cache) > 100_000:
                cache.clear()
            found = cache[word] = int(reader.doc_frequency("body", word))
        return found

    def suggestion(self, query_text: str, *, typing: bool = False) -> str | None:
        """The "did you mean" of `search` for this query, on its own.

        `typing`: the query is being typed, so a last word that begins some word of the
        briefs is taken as half-typed, not misspelt ("armen" on the way to "armenia").
        """
        parsed = parse_query(self._parser, query_text)
        if not parsed.text:
            return None
        typing_last = typing and not query_text[-1:].isspace()
        return self._suggest(parsed.text, typing_last=typing_last)

    def _suggest(self, text: str, *, typing_last: bool = False) -> str | None:
        """The query with its unknown words corrected from the corpus's own words, if any.

        Asked even when something matched: plain words are OR-ed, so one misspelt word among
        good ones still finds briefs, and the correction is worth offering.
        """
        try:
            reader = self._searcher.reader()
            corrector = self._searcher.corrector("spell")
            analyzer = self._searcher.schema["spell"].analyzer  # not _ix: it reads the TOC
        except Exception:
            return None
        pieces: list[str] = []
        last = 0
        changed = False
        # Only words searched in the text are corrected, not `source:...` and other field values.
        masked = _FIELD_VALUE.sub(lambda m: " " * len(m.group(0)), text)
        for m in re.finditer(r"(?<![\w:])([^\W\d_][\w'-]*)(?![\w:*~])", masked):
            word = m.group(1)
            if word in {"AND", "OR", "NOT", "TO"}:
                continue
            tokens = [t.text for t in analyzer(word)]
            if len(tokens) != 1 or len(tokens[0]) < 3:
                continue  # a common word, left out of searches anyway
            token = tokens[0]
            if reader.doc_frequency("spell", token) > 0:
                continue
            if typing_last and m.end(1) == len(masked.rstrip()) and _begins_a_word(reader, token):
                continue
            found: list[str] = []
            try:
                # prefix=1: misspellings seldom change the first letter, and it is much faster.
                # One edit is tried first: most slips are one, and two cost 4-5x as much.
                for maxdist in (1, 2) if len(token) >= 6 else (1,):
                    found = corrector.suggest(token, limit=1, maxdist=maxdist, prefix=1)
                    if found:
                        break
            except Exception:
                found = []
            if found and found[0] != token:
                pieces.append(text[last : m.start(1)])
                pieces.append(found[0])
                last = m.end(1)
                changed = True
        if not changed:
            return None
        pieces.append(text[last:])
        return "".join(pieces)

    def brief_hits(self, brief_id: str, query_text: str) -> list[tuple[int, int]]:
        """Every hit of the query in the brief's body, as sorted (start, end) offsets."""
        parsed = parse_query(self._parser, query_text)
        if parsed.query is None:
            return []
        try:
            docnum = self._searcher.document_number(id=brief_id)
            if docnum is None:
                return []
            terms = _body_terms(parsed.query, self._searcher.reader())
            chars = _char_positions(self._searcher, terms.words | _phrase_words(terms), [docnum])
        except Exception:
            return []
        return [(s, e) for _, s, e in _spans(terms, chars[docnum])]

    def mentions(self, brief_id: str) -> list[Mention]:
        """The brief's entity mentions as stored at indexing time (empty when none)."""
        return self.annotations([brief_id]).get(brief_id, ([], {}))[0]

    def entity_names(self, brief_id: str) -> dict[str, str]:
        """The display names stored beside the brief's mentions (entity id -> name)."""
        return self.annotations([brief_id]).get(brief_id, ([], {}))[1]

    def annotations(
        self, brief_ids: Iterable[str]
    ) -> dict[str, tuple[list[Mention], dict[str, str]]]:
        """Each brief's stored mentions and entity names (id -> name), the stored field read and
        decoded once per brief: the search screen asks for those of every hit shown. Briefs not
        in the index are left out."""
        from tui.core.entities.model import names_from_json

        out: dict[str, tuple[list[Mention], dict[str, str]]] = {}
        for brief_id in brief_ids:
            try:
                docnum = self._docnum(brief_id)
                if docnum is None:
                    continue
                raw = self._searcher.stored_fields(docnum).get("mentions")
            except Exception:
                continue
            text = raw if isinstance(raw, str) else None
            out[brief_id] = (decode_mentions(text), names_from_json(text))
        return out

    def _docnum(self, brief_id: str) -> int | None:
        """The live document of a brief id, from a map read once per reader (the id column)."""
        if self._docnums is None:
            reader = self._searcher.reader()
            docnums: dict[str, int] = {}
            if reader.has_column("id"):
                for docnum, value in enumerate(reader.column_reader("id")):
                    if value and not reader.is_deleted(docnum):
                        docnums[value] = docnum
            self._docnums = docnums
        found = self._docnums.get(brief_id)
        if found is None and not self._docnums:  # an index without the column
            number = self._searcher.document_number(id=brief_id)
            return int(number) if number is not None else None
        return found


_TOC = re.compile(rf"^_{INDEX_NAME}_(\d+)\.toc$")


def _toc_stamp(index_dir: Path) -> tuple[int, int, int] | None:
    """Which table of contents is the latest. A rebuild starts Whoosh's generation numbers again,
    so the file's identity counts too; None when there is none (mid-rebuild)."""
    try:
        tocs = [(int(m.group(1)), p) for p in index_dir.iterdir() if (m := _TOC.match(p.name))]
        generation, path = max(tocs)
        info = path.stat()
    except (OSError, ValueError):
        return None
    return generation, info.st_ino, info.st_mtime_ns


def _begins_a_word(reader: Any, prefix: str) -> bool:
    """Whether some word of the briefs (the spelling field) starts with `prefix`."""
    try:
        return next(iter(reader.expand_prefix("spell", prefix)), None) is not None
    except Exception:
        return False


def _phrase_words(terms: _BodyTerms) -> set[bytes]:
    return {w for words, _ in terms.phrases for w in words}


def search(index_dir: Path, query_text: str, **options: Any) -> SearchResult:
    """One search with a searcher opened for it; raises IndexUnavailable when there is no index."""
    with Searcher(index_dir) as searcher:
        result: SearchResult = searcher.search(query_text, **options)
        return result


__all__ = [
    "IndexUnavailable",
    "ParsedQuery",
    "SearchHit",
    "SearchResult",
    "Searcher",
    "Snippet",
    "decode_mentions",
    "encode_mentions",
    "make_parser",
    "parse_query",
    "search",
]
