"""The facts of a brief: per sentence (the comparison's sentence splitter), its quantities and
its dated events, each tied to the sentence's entities (canonical ids) and words."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.core.compare_text import sentence_spans
from tui.core.entities.model import EntityType, Mention
from tui.core.facts.context import SentenceView
from tui.core.facts.dates import context_year, date_facts
from tui.core.facts.model import Fact
from tui.core.facts.quantities import quantities

if TYPE_CHECKING:
    from tui.core.brief import Brief

_HEADING = re.compile(r"#{1,6}[ \t]")
_YEAR = re.compile(r"(?<![\w$€£.,])(1[89]\d\d|20\d\d)(?![\w,]|\.\d)")


def facts_of(brief: Brief, mentions: Sequence[Mention]) -> tuple[Fact, ...]:
    """Every fact of the brief, in body order; `mentions` are its entity mentions (offsets into
    its body), as the index stores them."""
    return facts_of_text(brief.body, mentions, context_year(brief.published, mentions))


def facts_of_text(body: str, mentions: Sequence[Mention], year: int | None) -> tuple[Fact, ...]:
    ordered = sorted(mentions)
    starts = [m.start for m in ordered]
    out: list[Fact] = []
    for start, end in sentence_spans(body):
        if _HEADING.match(body, start):
            continue  # a title names a subject; it states nothing
        inside = ordered[bisect_left(starts, start) : bisect_left(starts, end)]
        inside = [m for m in inside if m.end <= end]
        view = SentenceView(body, start, end, inside)
        dates = [(m.start, m.end) for m in inside if m.type == EntityType.DATE]
        years = [(m.start, int(m.entity_id[:4])) for m in inside if m.type == EntityType.DATE]
        for y in _YEAR.finditer(body, start, end):
            if not any(s <= y.start() < e for s, e in dates):
                years.append((y.start(), int(y.group())))
        found = date_facts(view, inside, ordered, year)
        taken = dates + [(f.start, f.end) for f in found]
        out += found
        out += quantities(view, taken, sorted(years))
    return tuple(sorted(out, key=lambda f: (f.start, f.end)))
