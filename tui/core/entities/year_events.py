"""Events named by their year: "the 2020 war", "the 2008 crisis".

Such a name is the brief's one event of that kind when the brief names exactly one ("the 2020
war" after "the Second Nagorno-Karabakh War" is that war); otherwise an event of its own
("2020 war"), so that two briefs that both say it still share it.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.entities.compiled import load_gazetteer
from tui.core.entities.cues import Cues
from tui.core.entities.model import EntityType
from tui.core.entities.text import slug
from tui.core.entities.tokens import Span, Tok, possessive_end, span_text


def year_events(toks: Sequence[Tok], body: str, spans: Sequence[Span], cues: Cues) -> list[Span]:
    events = [s for s in spans if not s.dropped and s.type is EntityType.EVENT]
    covered = bytearray(len(toks))
    for s in spans:
        if not s.dropped:
            for q in range(s.i, s.k):
                covered[q] = 1
    gaz = load_gazetteer()
    found: list[Span] = []
    for q in range(1, len(toks) - 1):
        year, word = toks[q], toks[q + 1]
        if toks[q - 1].text.lower() != "the" or covered[q] or covered[q + 1]:
            continue
        if not (len(year.text) == 4 and year.text.isdigit() and year.text[:2] in ("19", "20")):
            continue
        if word.text not in cues.event_lower or not word.space:
            continue
        same = {}
        for s in events:
            name = s.name or (gaz.entries[s.entity_id].name if s.entity_id in gaz.entries else "")
            if word.text in name.lower().split():
                same[s.entity_id] = name
        if len(same) == 1:
            entity_id, name = next(iter(same.items()))
        else:
            name = span_text(body, toks, q, q + 2)
            entity_id = slug(name)
        found.append(
            Span(q, q + 2, possessive_end(toks, q + 2), entity_id, EntityType.EVENT, name=name)
        )
    return found
