"""Whoosh's BM25F scores and match sets computed straight from the posting blocks.

For the queries people type (words, OR/AND/NOT, "phrases", prefixes) this gives exactly the
scores Whoosh's matcher trees give, and every matching brief with them, at a fraction of the
cost: Whoosh walks a tree of matcher objects once per brief, and then a second time to count the
matches and the facets. Here each word's postings are read block by block into lists and summed
in a dictionary. Anything else (fuzzy terms, ranges, minimum-match groups...) is left to Whoosh:
`Ranker.scores` answers None and the caller takes Whoosh's path.

The block reading uses the internals of whoosh-reloaded's `whoosh3` codec (pinned in
pyproject.toml); a codec without them also makes `scores` answer None, and
tests/core/test_ranking.py compares both paths on every query shape handled here.
"""

from __future__ import annotations

import bisect
import heapq
from collections.abc import Callable, Iterable
from typing import Any

from whoosh import query
from whoosh.matching.wrappers import FilterMatcher
from whoosh.reading import TermNotFound

Scores = dict[int, float]


class Unsupported(Exception):
    """A query part this module does not reproduce exactly: Whoosh answers it instead."""


class _Postings:
    """One word's postings in one field, over every segment (document numbers made global)."""

    __slots__ = ("ids", "values", "weights")

    def __init__(self, ids: list[int], weights: list[float], values: list[bytes] | None) -> None:
        self.ids = ids
        self.weights = weights
        self.values = values


class Ranker:
    """Scores for one open Whoosh searcher (one reader); build a new one after a refresh."""

    def __init__(self, searcher: Any, prefix_types: tuple[type, ...] = ()) -> None:
        self._searcher = searcher
        self._reader = searcher.reader()
        self._schema = self._reader.schema
        self._leaves: list[tuple[Any, int]] = list(self._reader.leaf_readers())
        weighting = searcher.weighting
        self._b_of: Callable[[str], float] = lambda name: float(
            getattr(weighting, "_field_B", {}).get(name, weighting.B)
        )
        self._k1 = float(weighting.K1)
        self._lengths: dict[str, list[int]] = {}
        self._norm_cache: dict[str, list[float]] = {}
        # The postings read since `forget`: the hits' highlights come from their values.
        self._read: dict[tuple[str, bytes], _Postings] = {}
        # Queries that stand for a capped list of words scored as one constant (the caller's
        # prefix and wildcard classes): their `matcher` is replaced, so it is reproduced here.
        self._constant_types = prefix_types

    # --- public ---

    def scores(self, q: Any) -> Scores | None:
        """Every matching document number with its score, or None when Whoosh must answer."""
        try:
            return self._eval(q)
        except Unsupported:
            return None
        except (AttributeError, TypeError):
            return None  # a codec without the internals read here

    def forget(self) -> None:
        """Drop the postings kept since the last call: a new search starts (they serve the
        feedback pass and the highlights of one search)."""
        self._read = {}

    def characters(
        self, fieldname: str, btext: bytes, docnums: Iterable[int]
    ) -> dict[int, list[tuple[int, int, int]]] | None:
        """(position, start, end) of each occurrence of a word in these documents, from the
        postings read since `forget`; None when they do not include this word's."""
        postings = self._read.get((fieldname, btext))
        field = self._field(fieldname)
        if postings is None or postings.values is None or field is None:
            return None
        if not field.format.supports("characters"):
            return None
        decode = field.format.decode_characters
        out: dict[int, list[tuple[int, int, int]]] = {}
        ids = postings.ids
        for doc in docnums:
            at = bisect.bisect_left(ids, doc)
            if at < len(ids) and ids[at] == doc:
                out[doc] = [tuple(c) for c in decode(postings.values[at])]
        return out

    def top(self, scores: Scores, limit: int) -> list[tuple[int, float]]:
        """The best `limit` (document number, score), ties in document order as Whoosh has them."""
        return heapq.nlargest(limit, scores.items(), key=lambda kv: (kv[1], -kv[0]))

    # --- the query tree ---

    def _eval(self, q: Any) -> Scores:
        if isinstance(q, query.Term):
            return self._term(q.fieldname, q.text, float(q.boost))
        if self._constant_types and isinstance(q, self._constant_types):
            return self._constant(q)
        if isinstance(q, query.Phrase):
            return self._phrase(q)
        if isinstance(q, query.Or):
            return self._or(q)
        if isinstance(q, query.And):
            return self._and(q)
        if isinstance(q, query.AndNot):
            return self._and_not(q)
        if isinstance(q, query.AndMaybe):
            return self._and_maybe(q)
        if isinstance(q, query.Not):
            return self._not(q)
        if q is query.NullQuery or isinstance(q, type(query.NullQuery)):
            return {}
        raise Unsupported(type(q).__name__)

    def _boosted(self, scores: Scores, boost: float) -> Scores:
        if boost != 1.0:
            for doc in scores:
                scores[doc] *= boost
        return scores

    def _or(self, q: Any) -> Scores:
        subs = q.subqueries
        if q.minmatch or q.scale:
            # A coordination bonus counts the words still matching as Whoosh's matchers run
            # out, so the same brief scores differently by its place: nothing exact to copy.
            raise Unsupported("minmatch or coordination")
        if not subs:
            return {}
        if len(subs) == 1:
            return self._eval(subs[0])  # Whoosh ignores the group's own boost here
        total: Scores = {}
        for sub in subs:
            if isinstance(sub, query.Term):  # summed in place: no dictionary per word
                self._term(sub.fieldname, sub.text, float(sub.boost), into=total)
                continue
            get = total.get
            for doc, score in self._eval(sub).items():
                total[doc] = get(doc, 0.0) + score
        return self._boosted(total, float(q.boost))

    def _and(self, q: Any) -> Scores:
        subs = q.subqueries
        if not subs:
            return {}
        if len(subs) == 1:
            return self._eval(subs[0])
        wanted = [sub for sub in subs if not isinstance(sub, query.Not)]
        if not wanted:
            return self._boosted(self._all_but(subs), float(q.boost))
        parts = sorted((self._eval(sub) for sub in wanted), key=len)
        total = dict(parts[0])
        for part in parts[1:]:
            total = {doc: score + part[doc] for doc, score in total.items() if doc in part}
        negated = [sub for sub in subs if isinstance(sub, query.Not)]
        if negated:
            # Whoosh intersects with an inverse matcher that scores 1.0 for each NOT.
            unwanted: set[int] = set()
            for sub in negated:
                unwanted |= self.docs(sub.query)
            bonus = float(len(negated))
            total = {doc: score + bonus for doc, score in total.items() if doc not in unwanted}
        return self._boosted(total, float(q.boost))

    def _not(self, q: Any) -> Scores:
        return self._all_but([q])

    def _all_but(self, negated: list[Any]) -> Scores:
        """Every live document outside the negated queries, scoring 1.0 for each (as Whoosh)."""
        unwanted: set[int] = set()
        for sub in negated:
            unwanted |= self.docs(sub.query)
        score = float(len(negated))
        out: Scores = {}
        for leaf, offset in self._leaves:
            deleted = leaf.deleted_docs_set if leaf.has_deletions() else ()
            for doc in range(leaf.doc_count_all()):
                if doc not in deleted and doc + offset not in unwanted:
                    out[doc + offset] = score
        return out

    def _and_not(self, q: Any) -> Scores:
        wanted = self._eval(q.a)
        unwanted = self.docs(q.b)
        return {doc: score for doc, score in wanted.items() if doc not in unwanted}

    def _and_maybe(self, q: Any) -> Scores:
        required = self._eval(q.a)
        optional = self._eval(q.b)
        return {doc: score + optional.get(doc, 0.0) for doc, score in required.items()}

    def docs(self, q: Any) -> set[int]:
        """The matching document numbers of any query (Whoosh's own answer when unsupported)."""
        try:
            return set(self._eval(q))
        except Unsupported:
            return set(self._searcher.docs_for_query(q))

    # --- leaves ---

    def _field(self, name: str) -> Any:
        if name not in self._schema:
            return None
        return self._schema[name]

    def _btext(self, fieldname: str, text: Any) -> bytes | None:
        field = self._field(fieldname)
        if field is None:
            return None
        try:
            return field.to_bytes(text) if not isinstance(text, bytes) else text
        except ValueError:
            return None

    def _exists(self, fieldname: str, text: Any) -> bool:
        btext = self._btext(fieldname, text)
        return btext is not None and (fieldname, btext) in self._reader

    def _term(
        self,
        fieldname: str,
        text: Any,
        boost: float,
        postings: _Postings | None = None,
        only: set[int] | None = None,
        into: Scores | None = None,
    ) -> Scores:
        """The word's BM25F scores; added to `into` (and returned) when given."""
        out: Scores = {} if into is None else into
        field = self._field(fieldname)
        btext = self._btext(fieldname, text)
        if field is None or btext is None or (fieldname, btext) not in self._reader:
            return out
        if not field.scorable:
            raise Unsupported("unscorable field")
        if postings is None:
            postings = self._postings(fieldname, btext)
        idf = float(self._searcher.idf(fieldname, btext))
        k1 = self._k1
        norms = self._norms(fieldname)
        get = out.get
        # bm25(idf, tf, fl, avgfl, B, K1) of whoosh.scoring, with the same operations in the
        # same order (the length part precomputed per document): the same floats.
        for doc, weight in zip(postings.ids, postings.weights, strict=True):
            if only is not None and doc not in only:
                continue
            score = idf * ((weight * (k1 + 1)) / (weight + norms[doc]))
            if boost != 1.0:
                score *= boost
            out[doc] = get(doc, 0.0) + score
        return out

    def _norms(self, fieldname: str) -> list[float]:
        """K1 * ((1 - B) + B * length / average length) of each document, as bm25 has it."""
        norms = self._norm_cache.get(fieldname)
        if norms is None:
            avg = self._searcher.avg_field_length(fieldname) or 1
            b, k1 = self._b_of(fieldname), self._k1
            norms = [k1 * ((1 - b) + b * fl / avg) for fl in self._field_lengths(fieldname)]
            self._norm_cache[fieldname] = norms
        return norms

    def _constant(self, q: Any) -> Scores:
        """A capped prefix or wildcard: every brief holding an expansion scores the boost."""
        docs: set[int] = set()
        for btext in q._btexts(self._reader):
            docs.update(self._postings(q.fieldname, btext).ids)
        boost = float(q.boost)
        return dict.fromkeys(docs, boost)

    def _phrase(self, q: Any) -> Scores:
        """Briefs with the words in order, each within `slop` of the last (Whoosh's SpanNear2);
        scored as the sum of the words' scores, as Whoosh scores its phrase matches."""
        field = self._field(q.fieldname)
        if field is None or not q.words:
            return {}
        if not field.format or not field.format.supports("positions"):
            raise Unsupported("phrase on a field without positions")
        btexts = [self._btext(q.fieldname, word) for word in q.words]
        if any(bt is None or (q.fieldname, bt) not in self._reader for bt in btexts):
            return {}
        words = [bt for bt in btexts if bt is not None]
        postings = [self._postings(q.fieldname, bt, values=True) for bt in words]
        candidates = set(min(postings, key=lambda p: len(p.ids)).ids)
        for posting in postings:
            candidates.intersection_update(posting.ids)
        if not candidates:
            return {}
        scores = [
            self._term(q.fieldname, bt, 1.0, posting, candidates)
            for bt, posting in zip(words, postings, strict=True)
        ]
        decode = field.format.decode_positions
        positions: list[dict[int, list[int]]] = []
        for posting in postings:
            assert posting.values is not None
            positions.append(
                {
                    doc: decode(value)
                    for doc, value in zip(posting.ids, posting.values, strict=True)
                    if doc in candidates
                }
            )
        slop = max(1, int(q.slop))
        out: Scores = {}
        for doc in candidates:
            if _in_order([p[doc] for p in positions], slop):
                out[doc] = sum(part[doc] for part in scores)
        return self._boosted(out, float(q.boost))

    # --- postings ---

    def _postings(self, fieldname: str, btext: bytes, *, values: bool = True) -> _Postings:
        # The values (positions, characters) come in the same block as the ids: keeping them is
        # free, and the highlights of the hits shown are read from them.
        done = self._read.get((fieldname, btext))
        if done is not None and (done.values is not None or not values):
            return done
        ids: list[int] = []
        weights: list[float] = []
        vals: list[bytes] | None = [] if values else None
        for leaf, offset in self._leaves:
            try:
                matcher = leaf.postings(fieldname, btext)
            except TermNotFound:  # not in this segment (damage must raise, not read as none)
                continue
            deleted: frozenset[int] | set[int] = frozenset()
            if isinstance(matcher, FilterMatcher):
                deleted = leaf.deleted_docs_set
                matcher = matcher.child
            while matcher.is_active():
                matcher._read_ids()
                matcher._read_weights()
                block_ids = matcher._ids
                block_weights = matcher._weights
                if values:
                    matcher._read_values()
                    block_values = matcher._values
                if deleted or offset:
                    keep = [i for i, doc in enumerate(block_ids) if doc not in deleted]
                    ids.extend(block_ids[i] + offset for i in keep)
                    weights.extend(block_weights[i] for i in keep)
                    if vals is not None:
                        vals.extend(block_values[i] for i in keep)
                else:
                    ids.extend(block_ids)
                    weights.extend(block_weights)
                    if vals is not None:
                        vals.extend(block_values)
                matcher._next_block()
        postings = self._read[(fieldname, btext)] = _Postings(ids, weights, vals)
        return postings

    def _field_lengths(self, fieldname: str) -> list[int]:
        """Each document's length in the field, as Whoosh stores it (one byte, approximate)."""
        lengths = self._lengths.get(fieldname)
        if lengths is None:
            lengths = []
            for leaf, _offset in self._leaves:
                length = leaf.doc_field_length
                lengths.extend(
                    length(doc, fieldname, 1) or 1 for doc in range(leaf.doc_count_all())
                )
            self._lengths[fieldname] = lengths
        return lengths


def _in_order(positions: list[list[int]], slop: int) -> bool:
    """Whether some occurrence of each word follows the previous within 1..slop positions."""
    ends = positions[0]
    for nxt in positions[1:]:
        available = set(nxt)
        reached = {p + d for p in ends for d in range(1, slop + 1) if p + d in available}
        if not reached:
            return False
        ends = sorted(reached)
    return True


__all__ = ["Ranker", "Scores", "Unsupported"]
