"""Compare two briefs: shared and unique entities, what each says, aligned passages, key terms.

Plain dataclasses in and out, no Textual. `compare(a, b, mentions_a, mentions_b)` does the work;
`load_mentions()` gets the mentions stored in the index (extracting only when they are missing or
stale); `compare_briefs(a, b)` extracts them itself (what `make bench` times). The compare screen
calls these off the UI thread; `briefs compare --format md|json` exports through compare_export.

Passage alignment
    Each paragraph becomes one bag of terms: its Porter stems (the stems Whoosh's StemmingAnalyzer
    indexes; stop words removed) plus its canonical entity ids as terms of their own ("@russia"),
    so "Moscow" in one brief and "the Kremlin" in the other meet, which words alone never do. Terms
    are weighted (1 + log tf) * idf, idf counted over the paragraphs of both briefs (a word or an
    actor that every paragraph has, here Russia, weighs little); the score is the cosine, in [0, 1].
    Measured on the hand labels of the bundled pair (tests/data/alignment.json: the 3 paragraphs of
    the shorter analysis -> the paragraphs of the longer that answer them; the 35 of the longer ->
    their counterparts in the shorter, 16 have one), with the hand-checked mentions of
    ../shared/eval/seed-entities.json. P@1 = the best-scoring paragraph is a labelled answer;
    AUC = how well the best score separates the long paragraphs that have a counterpart from those
    that have none; acc = matched/unmatched right at THRESHOLD (0.08).

        method                               short->long  long->short  all   AUC   acc
        tf-idf cosine, words                     2/3         12/16     0.74  0.70  0.63
        BM25 cosine, words                       2/3         11/16     0.68  0.62  0.51
        entities only, tf-idf cosine             1/3         11/16     0.63  0.65  0.49
        entities only, Jaccard                   1/3          9/16     0.53  0.78  0.49
        tf-idf words + 0.2 entity Jaccard        1/3         11/16     0.63  0.78  0.66
        BM25 words + 0.3 BM25 entities           1/3         11/16     0.63  0.59  0.54
        BM25, words + entity ids in one bag      2/3         12/16     0.74  0.65  0.57
        tf-idf, words + entity ids in one bag    1/3         12/16     0.68  0.77  0.74   <- kept

    With the extractor's own mentions instead of the hand-checked ones the kept method scores the
    same 13 of 19 (AUC 0.78, acc 0.71); the test on the bundled pair uses those.
    The ranking differences are one paragraph out of 19 (on the second short paragraph the top
    three long ones score 0.138 / 0.137 / 0.136), so ranking alone does not choose; the kept method
    ranks as well as the best within that one paragraph, tells matched from unmatched paragraphs
    best (the UI shows which are unmatched), carries the entities' normalisation, and has no mixing
    weight to fit to 19 labels. Sentence-level scores (best sentence pair), smoothing with the
    neighbouring paragraphs and unstemmed words were tried too and did no better.
    A paragraph is unmatched when its best score is below THRESHOLD, the value that best separates
    the labelled long paragraphs. Headings are not aligned (a title is not a passage) and are never
    a counterpart. Up to MAX_MATCHES counterparts are kept per paragraph, best first.
    For scrolling both panes in step, `Alignment.path` keeps the heaviest chain of counterparts
    that respects both briefs' order (a weighted longest common subsequence, like a diff's common
    lines) and `Alignment.sync` maps an offset of one brief to the other through it, linearly
    between aligned paragraphs.

Distinctive terms
    Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
    "Fightin' Words", section 3.5): for a term w with counts y_a, y_b in briefs of n_a, n_b terms
    and prior alpha_w = alpha_0 * pi_w,
        delta_w = log((y_a + alpha_w) / (n_a + alpha_0 - y_a - alpha_w))
                  - log((y_b + alpha_w) / (n_b + alpha_0 - y_b - alpha_w)),
        z_w = delta_w / sqrt(1 / (y_a + alpha_w) + 1 / (y_b + alpha_w)).
    The prior is the pair itself: pi_w its pooled frequency, alpha_0 its pooled size (so alpha_w =
    y_a + y_b; no free parameter). A background word list was not shipped: what tells two analyses
    apart is names and domain words that a general list lacks (their prior would fall to a floor
    anyway), the common words it would damp are already stop words, and the one large corpus at
    hand (BBC news) may not be redistributed. A short brief makes absence weak evidence, so a word
    used 8 times in the long analysis and never in the short one scores lower than one used 4 to 1
    the other way: that is the statistic working, not a bug. Words are stems outside entity
    mentions (actors count once, as entities), numbers left out, shown by their most frequent
    surface form (lower case if it ever appears so); entities are counted by canonical id, dates
    left out.
"""

from __future__ import annotations

import heapq
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from tui.core.compare_text import SentenceIndex, Tokens, content_tokens
from tui.core.entities.model import EntityType, Mention

if TYPE_CHECKING:
    from pathlib import Path

    from tui.core.brief import Brief
    from tui.core.entities.aliases import AliasBook

Side = Literal["a", "b"]
_HEADING = re.compile(r"#{1,6}[ \t]")

THRESHOLD = 0.08
MAX_MATCHES = 3
TOP_TERMS = 15


@dataclass(frozen=True)
class EntityRow:
    """An entity of the pair with its mention count on each side."""

    id: str
    name: str
    type: EntityType
    count_a: int
    count_b: int

    @property
    def total(self) -> int:
        return self.count_a + self.count_b

    @property
    def side(self) -> Literal["both", "a", "b"]:
        if self.count_a and self.count_b:
            return "both"
        return "a" if self.count_a else "b"


@dataclass(frozen=True)
class Sentence:
    """A sentence of a brief: `body[start:end] == text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Statements:
    """What each brief says about one entity: the sentences that mention it, in body order."""

    entity_id: str
    a: tuple[Sentence, ...]
    b: tuple[Sentence, ...]


@dataclass(frozen=True)
class Match:
    """A counterpart paragraph in the other brief."""

    paragraph: int  # index into the other brief's paragraph list
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class ParagraphLink:
    """One paragraph of a brief and its closest paragraphs in the other, best first."""

    paragraph: int  # index into Brief.paragraphs()
    start: int
    end: int
    heading: bool  # headings are not aligned: no candidates
    candidates: tuple[Match, ...]  # the MAX_MATCHES best, whatever their score
    threshold: float

    @property
    def matches(self) -> tuple[Match, ...]:
        """The counterparts: candidates scoring at least the threshold."""
        return tuple(m for m in self.candidates if m.score >= self.threshold)

    @property
    def matched(self) -> bool:
        return bool(self.candidates) and self.candidates[0].score >= self.threshold

    @property
    def best(self) -> float:
        return self.candidates[0].score if self.candidates else 0.0


@dataclass(frozen=True)
class Alignment:
    """Paragraph links both ways: a_to_b[i] is paragraph i of A, b_to_a[j] paragraph j of B."""

    a_to_b: tuple[ParagraphLink, ...]
    b_to_a: tuple[ParagraphLink, ...]
    threshold: float
    # The counterparts that keep both briefs' order (i and j increasing), heaviest such chain:
    # what synchronised scrolling follows, like the common lines of a diff.
    path: tuple[tuple[int, int], ...] = ()
    # (offset in A, offset in B) points, increasing in both, from `path` and the two ends.
    anchors: tuple[tuple[int, int], ...] = ((0, 0),)

    def links(self, side: Side) -> tuple[ParagraphLink, ...]:
        return self.a_to_b if side == "a" else self.b_to_a

    def paragraph_at(self, side: Side, offset: int) -> ParagraphLink | None:
        """The paragraph of `side` that holds `offset`, or the next one after it (between two
        paragraphs, the one the reader is about to see)."""
        links = self.links(side)
        i = bisect_right([link.end for link in links], offset)
        return links[i] if i < len(links) else None

    def counterpart(self, side: Side, offset: int) -> Match | None:
        """The best counterpart, in the other brief, of the paragraph of `side` at `offset`."""
        link = self.paragraph_at(side, offset)
        return link.matches[0] if link and link.matches else None

    def pairs(self) -> list[tuple[ParagraphLink, Match]]:
        """Every (paragraph of A, counterpart in B) above the threshold, in A's order."""
        return [(link, match) for link in self.a_to_b for match in link.matches]

    def sync(self, side: Side, offset: int) -> int:
        """The offset of the other brief to show beside `offset` of `side` when scrolling in step:
        aligned paragraphs face each other, the text between them is spread evenly."""
        here, there = (0, 1) if side == "a" else (1, 0)
        points = self.anchors
        keys = [point[here] for point in points]
        i = bisect_right(keys, offset) - 1
        if i < 0:
            return points[0][there]
        if i >= len(points) - 1:
            return points[-1][there]
        (x0, y0), (x1, y1) = (
            (points[i][here], points[i][there]),
            (
                points[i + 1][here],
                points[i + 1][there],
            ),
        )
        if x1 == x0:
            return y0
        return y0 + (offset - x0) * (y1 - y0) // (x1 - x0)


@dataclass(frozen=True)
class DistinctiveTerm:
    """A word or entity and how much more one brief uses it (z > 0 favours A)."""

    key: str  # stem or entity id
    label: str  # what to show: the most frequent surface form, or the entity's name
    count_a: int
    count_b: int
    z: float


@dataclass(frozen=True)
class Distinctive:
    """Top terms each way, strongest first."""

    words_a: tuple[DistinctiveTerm, ...]
    words_b: tuple[DistinctiveTerm, ...]
    entities_a: tuple[DistinctiveTerm, ...]
    entities_b: tuple[DistinctiveTerm, ...]


@dataclass(frozen=True)
class Comparison:
    """Everything the compare screen and the export show about a pair of briefs."""

    a: Brief
    b: Brief
    shared: tuple[EntityRow, ...]  # most mentioned first, names before dates
    only_a: tuple[EntityRow, ...]
    only_b: tuple[EntityRow, ...]
    mentions_a: tuple[Mention, ...]  # sorted by offset, for highlighting
    mentions_b: tuple[Mention, ...]
    statements: Mapping[str, Statements] = field(hash=False)  # every entity of either brief
    alignment: Alignment
    distinctive: Distinctive

    def entity(self, entity_id: str) -> EntityRow | None:
        for row in (*self.shared, *self.only_a, *self.only_b):
            if row.id == entity_id:
                return row
        return None

    def says(self, entity_id: str) -> Statements:
        """The sentences of A and of B that mention the entity (empty when neither does)."""
        return self.statements.get(entity_id) or Statements(entity_id, (), ())


def compare_briefs(a: Brief, b: Brief, aliases: AliasBook | None = None) -> Comparison:
    """Extract both briefs' entities (with the analyst's aliases), then compare them: the whole
    computation of the compare screen, the function to time."""
    from tui.core.entities import extract

    return compare(a, b, extract(a, aliases), extract(b, aliases), aliases=aliases)


def load_mentions(
    briefs: Sequence[Brief], index_dir: Path | None, aliases: AliasBook | None = None
) -> list[list[Mention]]:
    """Each brief's mentions as stored in the index (extraction happens at index time), or
    extracted now when the index is missing or its mentions no longer fit the brief's body."""
    stored: dict[str, list[Mention]] = {}
    if index_dir is not None:
        from tui.core.index import IndexUnavailable
        from tui.core.search import Searcher

        try:
            with Searcher(index_dir) as searcher:
                stored = {brief.id: searcher.mentions(brief.id) for brief in briefs}
        except (IndexUnavailable, OSError):
            stored = {}
    result = []
    for brief in briefs:
        mentions = stored.get(brief.id) or []
        if not mentions or not _fits(brief.body, mentions):
            from tui.core.entities import extract

            mentions = extract(brief, aliases)
        result.append(mentions)
    return result


def _fits(body: str, mentions: Sequence[Mention]) -> bool:
    """Stored mentions still describe this body (it was not edited since indexing)."""
    return all(
        0 <= m.start < m.end <= len(body) and body[m.start : m.end] == m.text for m in mentions
    )


def compare(
    a: Brief,
    b: Brief,
    mentions_a: Sequence[Mention],
    mentions_b: Sequence[Mention],
    *,
    top: int = TOP_TERMS,
    aliases: AliasBook | None = None,
) -> Comparison:
    """Compare two briefs given their entity mentions (offsets into each body); `aliases` only
    supplies display names (the mentions are already normalised)."""
    ma = tuple(sorted(mentions_a))
    mb = tuple(sorted(mentions_b))
    shared, only_a, only_b = entity_rows(ma, mb, aliases)
    rows = (*shared, *only_a, *only_b)
    tokens_a = content_tokens(a.body)
    tokens_b = content_tokens(b.body)
    return Comparison(
        a=a,
        b=b,
        shared=shared,
        only_a=only_a,
        only_b=only_b,
        mentions_a=ma,
        mentions_b=mb,
        statements=statements(a.body, b.body, ma, mb),
        alignment=align(a, b, ma, mb, tokens_a, tokens_b),
        distinctive=distinctive(tokens_a, tokens_b, ma, mb, {r.id: r.name for r in rows}, top),
    )


# --- entities -------------------------------------------------------------------------------


def entity_rows(
    mentions_a: Sequence[Mention],
    mentions_b: Sequence[Mention],
    aliases: AliasBook | None = None,
) -> tuple[tuple[EntityRow, ...], tuple[EntityRow, ...], tuple[EntityRow, ...]]:
    """(shared, only in A, only in B), each most mentioned first, names before dates."""
    from tui.core.entities import entities_of

    names: dict[str, tuple[str, EntityType]] = {}
    for entity in (*entities_of(mentions_b, aliases), *entities_of(mentions_a, aliases)):
        names[entity.id] = (entity.name, entity.type)  # A's name wins: it is written last
    count_a = Counter(m.entity_id for m in mentions_a)
    count_b = Counter(m.entity_id for m in mentions_b)
    rows = [
        EntityRow(eid, name, etype, count_a[eid], count_b[eid])
        for eid, (name, etype) in names.items()
    ]
    rows.sort(key=lambda r: (r.type == EntityType.DATE, -r.total, r.name.casefold(), r.id))
    return (
        tuple(r for r in rows if r.side == "both"),
        tuple(r for r in rows if r.side == "a"),
        tuple(r for r in rows if r.side == "b"),
    )


def statements(
    body_a: str, body_b: str, mentions_a: Sequence[Mention], mentions_b: Sequence[Mention]
) -> dict[str, Statements]:
    """For every entity of either brief, the sentences of each that mention it."""
    side_a = _sentences_by_entity(body_a, mentions_a)
    side_b = _sentences_by_entity(body_b, mentions_b)
    return {
        eid: Statements(eid, tuple(side_a.get(eid, ())), tuple(side_b.get(eid, ())))
        for eid in side_a.keys() | side_b.keys()
    }


def _sentences_by_entity(body: str, mentions: Sequence[Mention]) -> dict[str, list[Sentence]]:
    index = SentenceIndex(body)
    seen: set[tuple[str, int]] = set()
    found: dict[str, list[Sentence]] = defaultdict(list)
    for mention in sorted(mentions):
        i = index.find(mention.start)
        if i is None or (mention.entity_id, i) in seen:
            continue
        seen.add((mention.entity_id, i))
        start, end = index.spans[i]
        if _HEADING.match(body, start):  # a title names a subject; it says nothing about it
            continue
        found[mention.entity_id].append(Sentence(start, end, body[start:end]))
    return found


# --- alignment ------------------------------------------------------------------------------

_ENTITY_TERM = "@"  # prefix of entity ids among the stems (a stem never holds "@")


def is_heading(body: str, start: int, end: int) -> bool:
    return body.startswith("#", start) and "\n" not in body[start:end]


def align(
    a: Brief,
    b: Brief,
    mentions_a: Sequence[Mention],
    mentions_b: Sequence[Mention],
    tokens_a: Tokens | None = None,
    tokens_b: Tokens | None = None,
    *,
    threshold: float = THRESHOLD,
) -> Alignment:
    """Link each paragraph of A to the paragraphs of B about the same thing, and back."""
    paras_a = a.paragraphs()
    paras_b = b.paragraphs()
    heads_a = [is_heading(a.body, s, e) for s, e in paras_a]
    heads_b = [is_heading(b.body, s, e) for s, e in paras_b]
    bags_a = paragraph_bags(
        paras_a, heads_a, content_tokens(a.body) if tokens_a is None else tokens_a, mentions_a
    )
    bags_b = paragraph_bags(
        paras_b, heads_b, content_tokens(b.body) if tokens_b is None else tokens_b, mentions_b
    )
    scores = cosine_matrix(tfidf_vectors(bags_a, bags_b))
    transposed = [[row[j] for row in scores] for j in range(len(paras_b))]
    a_to_b = _links(paras_a, heads_a, scores, paras_b, threshold)
    b_to_a = _links(paras_b, heads_b, transposed, paras_a, threshold)
    eligible = {(link.paragraph, m.paragraph): m.score for link in a_to_b for m in link.matches}
    eligible.update(
        {(m.paragraph, link.paragraph): m.score for link in b_to_a for m in link.matches}
    )
    path = monotone_path(eligible, len(paras_b))
    anchors = [(0, 0)]
    for i, j in path:
        anchors += [(paras_a[i][0], paras_b[j][0]), (paras_a[i][1], paras_b[j][1])]
    anchors.append((len(a.body), len(b.body)))
    return Alignment(a_to_b, b_to_a, threshold, tuple(path), tuple(anchors))


def monotone_path(scores: Mapping[tuple[int, int], float], width: int) -> list[tuple[int, int]]:
    """The chain of pairs (i, j), strictly increasing in i and in j, of greatest total score
    (a weighted longest common subsequence over the given pairs), in O(k log width)."""
    if not scores:
        return []
    # tree[j] (Fenwick, 1-based): the best chain ending at a j' <= j, as (total, pair index).
    tree: list[tuple[float, int]] = [(0.0, -1)] * (width + 1)
    pairs = sorted(scores)
    back = [-1] * len(pairs)
    totals = [0.0] * len(pairs)

    def best_before(j: int) -> tuple[float, int]:
        found = (0.0, -1)
        while j > 0:
            found = max(found, tree[j])
            j -= j & -j
        return found

    k = 0
    while k < len(pairs):
        group_end = k
        while group_end < len(pairs) and pairs[group_end][0] == pairs[k][0]:
            group_end += 1
        # Query the whole group of one i before updating: a chain takes one pair per i.
        for n in range(k, group_end):
            total, prev = best_before(pairs[n][1])  # j' < j: tree indices are j' + 1 <= j
            totals[n], back[n] = total + scores[pairs[n]], prev
        for n in range(k, group_end):
            j = pairs[n][1] + 1
            while j <= width:
                tree[j] = max(tree[j], (totals[n], n))
                j += j & -j
        k = group_end
    n = max(range(len(pairs)), key=lambda x: (totals[x], -x))
    path = []
    while n >= 0:
        path.append(pairs[n])
        n = back[n]
    return path[::-1]


def _links(
    paras: Sequence[tuple[int, int]],
    heads: Sequence[bool],
    scores: Sequence[Sequence[float]],
    other: Sequence[tuple[int, int]],
    threshold: float,
) -> tuple[ParagraphLink, ...]:
    links = []
    for i, (start, end) in enumerate(paras):
        row = scores[i]
        # A stable sort: equal scores keep paragraph order.
        best = sorted(range(len(row)), key=row.__getitem__, reverse=True)[:MAX_MATCHES]
        candidates = tuple(
            Match(j, other[j][0], other[j][1], round(row[j], 4)) for j in best if row[j] > 0
        )
        links.append(ParagraphLink(i, start, end, heads[i], candidates, threshold))
    return tuple(links)


def paragraph_bags(
    paras: Sequence[tuple[int, int]],
    heads: Sequence[bool],
    tokens: Tokens,
    mentions: Sequence[Mention],
) -> list[Counter[str]]:
    """Per paragraph, the counts of its stems and of its entity ids (as "@id" terms); empty for a
    heading."""
    ordered = sorted(mentions)
    mention_starts = [m.start for m in ordered]
    bags: list[Counter[str]] = []
    for (start, end), head in zip(paras, heads, strict=True):
        bag: Counter[str] = Counter()
        if not head:
            bag.update(tokens.between(start, end))
            lo, hi = bisect_left(mention_starts, start), bisect_left(mention_starts, end)
            bag.update(_ENTITY_TERM + m.entity_id for m in ordered[lo:hi])
        bags.append(bag)
    return bags


Vectors = tuple[list[dict[str, float]], list[dict[str, float]]]


def tfidf_vectors(bags_a: Sequence[Counter[str]], bags_b: Sequence[Counter[str]]) -> Vectors:
    """Unit-length (1 + log tf) * idf weights, idf smoothed and counted over the paragraphs of
    both briefs (so a word or an actor that every paragraph shares weighs little)."""
    live = [bag for bag in (*bags_a, *bags_b) if bag]
    n = len(live)
    df: Counter[str] = Counter()
    for bag in live:
        df.update(bag.keys())
    idf = {t: math.log((1 + n) / (1 + d)) + 1.0 for t, d in df.items()}

    def weigh(bag: Counter[str]) -> dict[str, float]:
        vec = {t: (1.0 + math.log(tf)) * idf[t] for t, tf in bag.items()}
        length = math.sqrt(sum(w * w for w in vec.values()))
        return {t: w / length for t, w in vec.items()} if length else {}

    return [weigh(bag) for bag in bags_a], [weigh(bag) for bag in bags_b]


def cosine_matrix(vectors: Vectors) -> list[list[float]]:
    """Dot products of unit vectors, through an inverted list of B so only shared terms cost."""
    vecs_a, vecs_b = vectors
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for j, vec in enumerate(vecs_b):
        for term, w in vec.items():
            postings[term].append((j, w))
    matrix = []
    for vec in vecs_a:
        row = [0.0] * len(vecs_b)
        for term, w in vec.items():
            for j, wb in postings.get(term, ()):
                row[j] += w * wb
        matrix.append([min(1.0, s) for s in row])
    return matrix


# --- distinctive terms ----------------------------------------------------------------------


def log_odds(counts_a: Mapping[str, int], counts_b: Mapping[str, int]) -> dict[str, float]:
    """z-scores of the weighted log-odds ratio with an informative Dirichlet prior (Monroe,
    Colaresi & Quinn 2008); the prior is the pooled counts of the pair. z > 0: used more by A."""
    n_a = sum(counts_a.values())
    n_b = sum(counts_b.values())
    alpha0 = float(n_a + n_b)
    z: dict[str, float] = {}
    log, sqrt = math.log, math.sqrt
    for term in counts_a.keys() | counts_b.keys():
        y_a = counts_a.get(term, 0)
        y_b = counts_b.get(term, 0)
        alpha = float(y_a + y_b)  # alpha0 * pooled frequency
        rest_a = n_a + alpha0 - y_a - alpha  # the other terms' counts and prior mass
        rest_b = n_b + alpha0 - y_b - alpha
        if rest_a <= 0 or rest_b <= 0:  # a vocabulary of one term: no odds to compare
            z[term] = 0.0
            continue
        delta = log((y_a + alpha) / rest_a) - log((y_b + alpha) / rest_b)
        z[term] = delta / sqrt(1.0 / (y_a + alpha) + 1.0 / (y_b + alpha))
    return z


def distinctive(
    tokens_a: Tokens,
    tokens_b: Tokens,
    mentions_a: Sequence[Mention],
    mentions_b: Sequence[Mention],
    names: Mapping[str, str],
    top: int = TOP_TERMS,
) -> Distinctive:
    """The words and entities over-represented in A against B, and in B against A."""
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    words_a = _word_counts(tokens_a, mentions_a, surfaces)
    words_b = _word_counts(tokens_b, mentions_b, surfaces)
    ents_a = Counter(m.entity_id for m in mentions_a if m.type != EntityType.DATE)
    ents_b = Counter(m.entity_id for m in mentions_b if m.type != EntityType.DATE)
    word_rank = _ranked(words_a, words_b, lambda key: _label(surfaces[key]), top)
    entity_rank = _ranked(ents_a, ents_b, lambda key: names.get(key, key), top)
    return Distinctive(word_rank[0], word_rank[1], entity_rank[0], entity_rank[1])


def _word_counts(
    tokens: Tokens, mentions: Sequence[Mention], surfaces: dict[str, Counter[str]]
) -> Counter[str]:
    """Counts of stems outside entity mentions (actors count once, as entities) and of numbers
    (dates and figures are not themes); adds each stem's surface forms to `surfaces`."""
    pairs = Counter(zip(tokens.keys, tokens.texts, strict=True))
    for mention in mentions:
        lo = bisect_left(tokens.starts, mention.start)
        hi = bisect_left(tokens.starts, mention.end)
        for i in range(lo, hi):
            pairs[(tokens.keys[i], tokens.texts[i])] -= 1
    counts: Counter[str] = Counter()
    for (key, text), n in pairs.items():
        if n > 0 and not key.isdigit():
            counts[key] += n
            surfaces[key][text] += n
    return counts


def _label(forms: Counter[str]) -> str:
    # A word written in lower case anywhere is a common word: show it so, not as a sentence opener.
    lower = [(n, f) for f, n in forms.items() if f.islower()]
    pool = lower or [(n, f) for f, n in forms.items()]
    return max(pool, key=lambda nf: (nf[0], nf[1]))[1]


def _ranked(
    counts_a: Counter[str], counts_b: Counter[str], label: Callable[[str], str], top: int
) -> tuple[tuple[DistinctiveTerm, ...], tuple[DistinctiveTerm, ...]]:
    z = log_odds(counts_a, counts_b)

    def term(key: str) -> DistinctiveTerm:
        return DistinctiveTerm(
            key, label(key), counts_a.get(key, 0), counts_b.get(key, 0), round(z[key], 3)
        )

    # Equal z (same counts) are common in short briefs: the more frequent, then the key, first.
    for_a = heapq.nsmallest(
        top, (k for k, v in z.items() if v > 0), key=lambda k: (-z[k], -counts_a[k], k)
    )
    for_b = heapq.nsmallest(
        top, (k for k, v in z.items() if v < 0), key=lambda k: (z[k], -counts_b[k], k)
    )
    return tuple(term(k) for k in for_a), tuple(term(k) for k in for_b)
