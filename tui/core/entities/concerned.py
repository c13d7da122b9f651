"""Which briefs an alias edit concerns: those whose text names any of the edited entities."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.core.brief import Brief


def needles(names: Sequence[str]) -> set[str]:
    """Strings, one of which a brief must contain to be concerned by a change to these names."""
    from tui.core.entities.api import _resolve
    from tui.core.entities.data import fold, load_gazetteer

    gaz = load_gazetteer()
    out: set[str] = set()
    for name in names:
        entity_id = _resolve(name)
        out.add(fold(name).casefold())
        out.update(fold(s).casefold() for s in gaz.surfaces.get(entity_id, ()))
        # an id made from a brief's text ("nikol-pashinyan"): any of its longer words
        out.update(w for w in entity_id.split("-") if len(w) >= 3)
    return {n for n in out if n}


def concerned_briefs(briefs: Iterable[Brief], names: Sequence[str]) -> list[str]:
    """Ids of the briefs whose text names any of `names`: the ones an alias edit re-indexes."""
    from tui.core.entities.data import fold

    wanted = needles(names)
    return sorted(
        brief.id for brief in briefs if any(n in fold(brief.body).casefold() for n in wanted)
    )


__all__ = ["concerned_briefs", "needles"]
