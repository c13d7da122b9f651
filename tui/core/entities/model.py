"""The entity types shared by extraction, the index, the reader and the comparison."""

from __future__ import annotations

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
