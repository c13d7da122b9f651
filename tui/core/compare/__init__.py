"""Compare two briefs: shared and unique entities, what each says, aligned passages, key terms.

Plain dataclasses in and out, no Textual. `compare(a, b, mentions_a, mentions_b)` does the work;
`load_mentions()` gets the mentions stored in the index (extracting only when they are missing or
stale); `compare_briefs(a, b)` extracts them itself (what `make bench` times). The compare screen
calls these off the UI thread; `briefs compare --format md|json` exports through compare_export.

One room per responsibility:
    model    the result dataclasses (Comparison, EntityRow, Alignment, ...)
    rows     entity rows (shared / only in A / only in B) and the sentences naming each entity
    align    paragraph alignment (tf-idf cosine of stems and entity ids; measured there)
    terms    distinctive terms (weighted log-odds, Monroe et al. 2008)
    build    `compare`, `compare_briefs`, `load_mentions`: the assembly
"""

from __future__ import annotations

from tui.core.compare.align import (
    align,
    cosine_matrix,
    is_heading,
    monotone_path,
    paragraph_bags,
    tfidf_vectors,
)
from tui.core.compare.build import compare, compare_briefs, load_mentions
from tui.core.compare.model import (
    MAX_MATCHES,
    THRESHOLD,
    TOP_TERMS,
    Alignment,
    Comparison,
    Distinctive,
    DistinctiveTerm,
    EntityRow,
    Match,
    ParagraphLink,
    Sentence,
    Side,
    Statements,
)
from tui.core.compare.rows import consistent_dates, entity_rows, statements
from tui.core.compare.terms import distinctive, log_odds

__all__ = [
    "MAX_MATCHES",
    "THRESHOLD",
    "TOP_TERMS",
    "Alignment",
    "Comparison",
    "Distinctive",
    "DistinctiveTerm",
    "EntityRow",
    "Match",
    "ParagraphLink",
    "Sentence",
    "Side",
    "Statements",
    "align",
    "compare",
    "compare_briefs",
    "consistent_dates",
    "cosine_matrix",
    "distinctive",
    "entity_rows",
    "is_heading",
    "load_mentions",
    "log_odds",
    "monotone_path",
    "paragraph_bags",
    "statements",
    "tfidf_vectors",
]
