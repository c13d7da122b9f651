"""Entity rows (shared, only in A, only in B) and what each brief says about each entity."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.core.compare.model import EntityRow, Sentence, Statements
from tui.core.compare_text import SentenceIndex
from tui.core.entities.model import EntityType, Mention

if TYPE_CHECKING:
    from tui.core.entities.aliases import AliasBook

_HEADING = re.compile(r"#{1,6}[ \t]")


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
    dates_a = {m.entity_id for m in mentions_a if m.type == EntityType.DATE}
    dates_b = {m.entity_id for m in mentions_b if m.type == EntityType.DATE}
    rows = [
        EntityRow(
            eid,
            name,
            etype,
            count_a[eid],
            count_b[eid],
            _related(eid, dates_b if count_a[eid] else dates_a)
            if etype == EntityType.DATE and not (count_a[eid] and count_b[eid])
            else (),
        )
        for eid, (name, etype) in names.items()
    ]
    rows.sort(key=lambda r: (r.type == EntityType.DATE, -r.total, r.name.casefold(), r.id))
    return (
        tuple(r for r in rows if r.count_a and r.count_b),
        tuple(r for r in rows if r.count_a and not r.count_b and not r.related),
        tuple(r for r in rows if r.count_b and not r.count_a and not r.related),
    )


def consistent_dates(
    mentions_a: Sequence[Mention],
    mentions_b: Sequence[Mention],
    aliases: AliasBook | None = None,
) -> tuple[EntityRow, ...]:
    """The dates of one brief that the other tells more or less precisely ("September 2023" in
    A, "19 September 2023" in B): in neither "only" list, and not shared word for word."""
    from tui.core.entities import entities_of

    count_a = Counter(m.entity_id for m in mentions_a if m.type == EntityType.DATE)
    count_b = Counter(m.entity_id for m in mentions_b if m.type == EntityType.DATE)
    names = {
        e.id: e.name
        for e in (*entities_of(mentions_b, aliases), *entities_of(mentions_a, aliases))
        if e.type == EntityType.DATE
    }
    rows = []
    for iso in sorted(count_a.keys() ^ count_b.keys()):
        other = set(count_b) if count_a[iso] else set(count_a)
        related = _related(iso, other)
        if related:
            rows.append(
                EntityRow(
                    iso, names.get(iso, iso), EntityType.DATE, count_a[iso], count_b[iso], related
                )
            )
    return tuple(rows)


def _related(iso: str, other: set[str]) -> tuple[str, ...]:
    """The other brief's dates that contain `iso` or fall within it (ISO ids: "2023-09" holds
    "2023-09-19"): the same time told more or less precisely, not a date only one brief has."""
    return tuple(
        sorted(
            d for d in other if d != iso and (d.startswith(iso + "-") or iso.startswith(d + "-"))
        )
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
