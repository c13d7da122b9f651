"""The entity types shared by extraction, the index, the reader and the comparison."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum


class EntityType(StrEnum):
    PERSON = "PERSON"
    ORG = "ORG"
    GPE = "GPE"  # countries, states, cities as political actors
    LOC = "LOC"  # regions, seas, geographic areas
    FAC = "FAC"  # corridors, routes, buildings, squares
    EVENT = "EVENT"
    DATE = "DATE"  # absolute dates; the canonical id is ISO (2023, 2023-09, 2023-09-19)


@dataclass(frozen=True, order=True)
class Mention:
    """One mention in a brief's body: `body[start:end]` is the surface text."""

    start: int
    end: int
    entity_id: str  # canonical id, e.g. "russia", "2023-09-19"
    type: EntityType
    text: str


@dataclass(frozen=True)
class Entity:
    """A canonical entity of one brief with its mentions."""

    id: str
    name: str  # display name, e.g. "Russia"
    type: EntityType
    mentions: tuple[Mention, ...]

    @property
    def count(self) -> int:
        return len(self.mentions)


# --- storage: mentions as the index keeps them (light: the reader decodes without extracting) ---


def mentions_to_json(mentions: Sequence[Mention], names: Mapping[str, str] | None = None) -> str:
    """Compact JSON rows `[start, end, id, type, text]`, as `tui.core.search` decodes them; the
    first row of each entity carries its display name as a sixth element."""
    named: set[str] = set()
    rows: list[list[object]] = []
    for m in mentions:
        row: list[object] = [m.start, m.end, m.entity_id, m.type.value, m.text]
        if names and m.entity_id in names and m.entity_id not in named:
            row.append(names[m.entity_id])
            named.add(m.entity_id)
        rows.append(row)
    return json.dumps(rows, ensure_ascii=False, separators=(",", ":"))


def _rows(text: str | None) -> list[object]:
    if not text:
        return []
    try:
        data = json.loads(text)
    except ValueError:
        return []
    return data if isinstance(data, list) else []


def mentions_from_json(text: str | None) -> list[Mention]:
    """The mentions stored by `mentions_to_json`; an empty list for anything unreadable."""
    out: list[Mention] = []
    for row in _rows(text):
        try:
            start, end, entity_id, type_, surface = list(row)[:5]  # type: ignore[call-overload]
            out.append(
                Mention(int(start), int(end), str(entity_id), EntityType(type_), str(surface))
            )
        except (TypeError, ValueError):
            continue
    return sorted(out)


def names_from_json(text: str | None) -> dict[str, str]:
    """The display names stored beside the mentions (id -> name)."""
    names: dict[str, str] = {}
    for row in _rows(text):
        if isinstance(row, list) and len(row) >= 6 and isinstance(row[5], str):
            names.setdefault(str(row[2]), row[5])
    return names


def group_mentions(
    mentions: Sequence[Mention], names: Mapping[str, str] | None = None
) -> list[Entity]:
    """Entities from stored mentions and names, without loading the extractor (for the reader)."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.entity_id, []).append(m)
    names = names or {}
    out = [
        Entity(eid, names.get(eid) or ms[0].text, ms[0].type, tuple(sorted(ms)))
        for eid, ms in groups.items()
    ]
    out.sort(key=lambda e: (-e.count, e.name.casefold()))
    return out
