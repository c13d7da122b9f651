"""Named entities: offline extraction, normalisation to canonical actors, the analyst's aliases.

Importing this package is cheap: the types and the JSON helpers only. The extractor and its data
load on the first call of `extract`, `entities_of` or `annotate` (the app never pays at start-up).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.entities.model import (
    Entity,
    EntityType,
    Mention,
    group_mentions,
    mentions_from_json,
    mentions_to_json,
    names_from_json,
)

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

    from tui.core.annotation import Annotation
    from tui.core.brief import Brief
    from tui.core.entities.aliases import AliasBook


def extract(brief: Brief, aliases: AliasBook | None = None) -> list[Mention]:
    """The brief's mentions, sorted by offset; `brief.body[m.start:m.end] == m.text`."""
    from tui.core.entities.api import extract as run

    return run(brief, aliases)


def entities_of(mentions: Sequence[Mention], aliases: AliasBook | None = None) -> list[Entity]:
    """Mentions grouped by canonical entity, with display names, most mentioned first."""
    from tui.core.entities.api import entities_of as run

    return run(mentions, aliases)


def load_aliases(corpus: Path) -> AliasBook:
    """The alias file of a corpus folder; raises AliasError (one line) when it is broken."""
    from tui.core.entities.aliases import load_aliases as run

    return run(corpus)


class _Annotate:
    """`annotate(brief)` for the index; `.version` changes when extraction code or data change."""

    @property
    def version(self) -> str:
        from tui.core.entities.api import annotator_version

        return annotator_version()

    def __call__(self, brief: Brief, aliases: AliasBook | None = None) -> Annotation:
        from tui.core.entities.api import annotate as run

        return run(brief, aliases)


annotate = _Annotate()


def default_annotator() -> _Annotate:
    """The annotator `briefs index` uses: pass it to `tui.core.index.update_index(annotate=...)`."""
    return annotate


__all__ = [
    "Entity",
    "EntityType",
    "Mention",
    "annotate",
    "default_annotator",
    "entities_of",
    "extract",
    "group_mentions",
    "load_aliases",
    "mentions_from_json",
    "mentions_to_json",
    "names_from_json",
]
