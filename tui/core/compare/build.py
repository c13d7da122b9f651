"""The Comparison assembled: entity rows, statements, alignment and distinctive terms of a pair."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.core.compare.align import align
from tui.core.compare.model import TOP_TERMS, Comparison, Disagreements
from tui.core.compare.rows import consistent_dates, entity_rows, statements
from tui.core.compare.terms import distinctive
from tui.core.compare_text import content_tokens

if TYPE_CHECKING:
    from pathlib import Path

    from tui.core.brief import Brief
    from tui.core.entities.aliases import AliasBook
    from tui.core.entities.model import Mention


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
        disagreements=disagreements(a, b, ma, mb),
        consistent_dates=consistent_dates(ma, mb, aliases),
    )


def disagreements(
    a: Brief, b: Brief, mentions_a: Sequence[Mention], mentions_b: Sequence[Mention]
) -> Disagreements:
    """The facts of each brief (numbers, dates) paired: where they disagree."""
    from tui.core.compare.disagree import find_disagreements
    from tui.core.facts import facts_of
    from tui.core.facts.dates import context_year

    return find_disagreements(
        a.body,
        b.body,
        facts_of(a, mentions_a),
        facts_of(b, mentions_b),
        year_a=context_year(a.published, mentions_a),
        year_b=context_year(b.published, mentions_b),
    )
