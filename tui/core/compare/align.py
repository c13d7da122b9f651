"""Passage alignment: each paragraph of one brief linked to the paragraphs of the other about the
same thing, and the order-keeping chain of those links that scrolling in step follows.

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
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from tui.core.compare.model import MAX_MATCHES, THRESHOLD, Alignment, Match, ParagraphLink
from tui.core.compare_text import Tokens, content_tokens

if TYPE_CHECKING:
    from tui.core.brief import Brief
    from tui.core.entities.model import Mention

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
