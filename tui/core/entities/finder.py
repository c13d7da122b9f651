"""Finding mentions in a text: gazetteer longest match, then rules for names the gazetteer lacks.

Order of work, each step seeing what the earlier ones found:
1. tokens (typographic apostrophes and dashes folded, offsets kept);
2. gazetteer units, longest match left to right (the analyst's alias overlay first);
3. capitalised runs, cut at titles and connectors into segments, each typed by cues (head words,
   given names, titles, surname endings) and merged again across "of"/"and" when a cue asks;
4. acronyms defined in the text ("Eurasian Economic Union (EAEU)"), then surnames after full names;
5. events made of a place and a generic word ("the Nagorno-Karabakh conflict"), dates.
Mentions never partly overlap; a place inside an event and a year inside an event are kept as
nested mentions (so `entity:nagorno-karabakh` finds a brief that names only the war).
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.entities.candidates import (
    Segment,
    brief_surnames,
    cut_segments,
    find_runs,
    run_items,
    trim_segment,
)
from tui.core.entities.canonical import acronyms, drop_covered, place_events, surnames
from tui.core.entities.cues import load_cues
from tui.core.entities.data import load_gazetteer, slug
from tui.core.entities.dates import find_dates
from tui.core.entities.lookup import Overlay, gazetteer_pass
from tui.core.entities.model import EntityType, Mention
from tui.core.entities.singles import loose_names, single_names
from tui.core.entities.tokens import Span, Tok, line_kinds, span_text, tokenize
from tui.core.entities.typer import merge_segments, type_segment
from tui.core.entities.year_events import year_events

__all__ = ["Overlay", "find_spans"]


def find_spans(body: str, overlay: Overlay | None = None, year: int | None = None) -> list[Mention]:
    """Every mention in `body`, sorted; nested mentions only inside events."""
    gaz = load_gazetteer()
    cues = load_cues()
    toks = tokenize(body)
    title_lines, caps_lines = line_kinds(toks)
    units = gazetteer_pass(toks, gaz, overlay, caps_lines, title_lines)
    items = run_items(toks, units)
    surnames_here = brief_surnames(toks, cues)
    rule_spans: list[Span] = []
    untyped: list[Segment] = []
    for run in find_runs(items, toks, cues):
        after = run.items[-1].k
        parts = []
        cut = cut_segments(run, toks, body, cues, surnames_here)
        for seg, join in cut:
            trimmed = trim_segment(seg, toks, cues)
            if trimmed is None:
                continue
            type_segment(trimmed, toks, body, cues, after, alone=len(cut) == 1)
            parts.append((trimmed, join))
        for n, (seg, join) in enumerate(parts):
            next_join = parts[n + 1][1] if n + 1 < len(parts) else []
            seg.fragment = bool(join or next_join)  # "Book of the Year": a piece of a name
        for seg in merge_segments(parts, toks, cues):
            if seg.gaz:
                continue
            if seg.type is None:
                untyped.append(seg)
                continue
            name = span_text(body, toks, seg.i, seg.j)
            if (
                (seg.by_head or seg.type is not EntityType.PERSON)
                and toks[seg.i].line in title_lines
                and not _elsewhere(body, name, toks, title_lines)
            ):
                continue
            single_ok = seg.type is EntityType.PERSON or (
                seg.type is EntityType.GPE and not seg.by_head
            )
            if not single_ok and sum(it.j - it.i for it in seg.items) < 2:
                continue
            rule_spans.append(Span(seg.i, seg.j, seg.k, slug(name), seg.type, name=name))
    rule_spans.extend(acronyms(toks, body, units, rule_spans, untyped))
    rule_spans.extend(loose_names(toks, body, untyped, rule_spans, cues, title_lines))
    drop_covered(units, rule_spans)
    coref = surnames(toks, body, units, rule_spans)
    events = place_events(toks, body, units, rule_spans, cues)
    spans = [s for s in units + rule_spans + coref + events if not s.dropped]
    spans += year_events(toks, body, spans, cues)
    spans += single_names(toks, spans, cues, title_lines)
    mentions = [_mention(body, toks, s) for s in spans]
    mentions.extend(find_dates(body, year))
    return _clean(mentions)


def _elsewhere(body: str, name: str, toks: Sequence[Tok], title_lines: set[int]) -> bool:
    """Does `name` also occur on a line that is not a headline?"""
    start = 0
    while True:
        pos = body.find(name, start)
        if pos < 0:
            return False
        line = body.count("\n", 0, pos)
        if line not in title_lines:
            return True
        start = pos + 1


def _mention(body: str, toks: Sequence[Tok], span: Span) -> Mention:
    start = toks[span.i].start
    end = toks[span.k - 1].end
    return Mention(start, end, span.entity_id, span.type, body[start:end])


def _clean(mentions: list[Mention]) -> list[Mention]:
    """Sorted, without duplicates or partial overlaps (nesting kept)."""
    out: list[Mention] = []
    seen: set[tuple[int, int, str]] = set()
    for m in sorted(mentions, key=lambda m: (m.start, -m.end, m.entity_id)):
        key = (m.start, m.end, m.entity_id)
        if key in seen or m.end <= m.start:
            continue
        crosses = any(o.start < m.start < o.end < m.end for o in out[-8:])
        if crosses:
            continue
        seen.add(key)
        out.append(m)
    return sorted(out)
