"""What the index asks of an annotator: the interface the entities package implements.

The index depends on this module only, never on `tui.core.entities`; callers that want entities
pass `tui.core.entities.default_annotator()` in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from tui.core.brief import Brief


@dataclass(frozen=True)
class Annotation:
    """What the entities code adds to a brief's index entry."""

    entity_ids: list[str]  # canonical ids, searchable as `entity:<id>`
    mentions_json: str  # the brief's mentions, decoded again by `Searcher.mentions`


class Annotator(Protocol):
    """Turns a brief into its annotation. An annotator may also carry a `version` string that
    changes when its code or data change (the index re-annotates every brief when it does)."""

    def __call__(self, brief: Brief, /) -> Annotation: ...
