"""The app's shared services, below the screens: the corpus listing, the index state, the
searchers, the user's saved state and brief lookup.

`notes` is the analyst's notebook (tui.services.notes), opened on first use by a worker.

The app creates one `Services` and hands it to each screen it opens; screens and widgets import
this package (never `tui.app`) and talk upward by the messages of `tui.messages`. Nothing here
imports textual.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.core.state import StateStore, UserState
from tui.services.catalog import Catalog
from tui.services.index_state import WAITING, IndexState
from tui.services.notes import NotesService
from tui.services.searchers import ThreadSearchers

if TYPE_CHECKING:
    from tui.core.brief import Brief
    from tui.core.paths import Paths


@dataclass
class Services:
    """What every screen may use. One per app; the app keeps `index_state` current."""

    paths: Paths
    store: StateStore
    catalog: Catalog
    searchers: ThreadSearchers
    notes: NotesService
    user_state: UserState = field(default_factory=UserState)
    index_state: IndexState = WAITING

    @classmethod
    def create(cls, paths: Paths) -> Services:
        return cls(
            paths=paths,
            store=StateStore(paths.state),
            catalog=Catalog(paths.corpus),
            searchers=ThreadSearchers(paths),
            notes=NotesService(paths.state, paths.corpus),
        )

    def find_brief(self, brief_id: str) -> Brief | None:
        return self.catalog.find_brief(brief_id)


__all__ = ["Catalog", "IndexState", "NotesService", "Services", "ThreadSearchers"]
