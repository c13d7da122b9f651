"""Distinctive terms: the words and entities one brief uses more than the other.

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
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING

from tui.core.compare.model import TOP_TERMS, Distinctive, DistinctiveTerm
from tui.core.entities.model import EntityType

if TYPE_CHECKING:
    from tui.core.compare_text import Tokens
    from tui.core.entities.model import Mention


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
