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

_JSON_VERSION = 1


def mentions_to_json(mentions: Sequence[Mention], names: Mapping[str, str] | None = None) -> str:
    """Compact JSON: `{"v": 1, "m": [[start, end, id, type, text], ...], "n": {id: name}}`."""
    rows = [[m.start, m.end, m.entity_id, m.type.value, m.text] for m in mentions]
    payload: dict[str, object] = {"v": _JSON_VERSION, "m": rows}
    if names:
        payload["n"] = dict(names)
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


def _payload(text: str | None) -> dict[str, object]:
    if not text:
        return {}
    try:
        data = json.loads(text)
    except ValueError:
        return {}
    return data if isinstance(data, dict) and data.get("v") == _JSON_VERSION else {}


def mentions_from_json(text: str | None) -> list[Mention]:
    """The mentions stored by `mentions_to_json`; an empty list for anything unreadable."""
    rows = _payload(text).get("m")
    out: list[Mention] = []
    if not isinstance(rows, list):
        return out
    for row in rows:
        try:
            start, end, entity_id, type_, surface = row
            out.append(
                Mention(int(start), int(end), str(entity_id), EntityType(type_), str(surface))
            )
        except (TypeError, ValueError):
            continue
    return sorted(out)


def names_from_json(text: str | None) -> dict[str, str]:
    """The display names stored beside the mentions (id -> name)."""
    names = _payload(text).get("n")
    if not isinstance(names, dict):
        return {}
    return {str(k): str(v) for k, v in names.items()}


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
