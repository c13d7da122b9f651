"""The briefs of the corpus as the app knows them: the listing, its errors, brief lookup."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui.core import sanitize

if TYPE_CHECKING:
    from pathlib import Path

    from tui.core.brief import Brief
    from tui.core.listing import BriefEntry, Listing


@dataclass
class Catalog:
    """The listing shown by the screens; `version` bumps each time its entries change."""

    corpus: Path
    entries: dict[str, BriefEntry] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    loaded: bool = False
    version: int = 0

    def apply(self, listing: Listing) -> list[str] | None:
        """Take a new listing. Returns None when nothing changed, else the errors that are new
        (for a notice; empty when the errors are those already shown)."""
        if self.loaded and listing.checked and not self._differs(listing):
            # The files agree with the cached listing shown first: nothing to repaint or repeat.
            return None
        known_errors = self.errors if self.loaded else []
        self.entries = {entry.id: entry for entry in listing.entries}
        self.errors = list(listing.errors)
        self.loaded = True
        self.version += 1
        return self.errors if self.errors and self.errors != known_errors else []

    def _differs(self, listing: Listing) -> bool:
        return listing.errors != self.errors or list(self.entries.values()) != listing.entries

    def __len__(self) -> int:
        return len(self.entries)

    def titles(self) -> list[tuple[str, str, str]]:
        """(id, title, "source · date") of every brief, for the command palette and pickers."""
        rows = []
        for brief in self.entries.values():
            detail = " · ".join(
                part
                for part in (
                    sanitize.one_line(brief.source),
                    brief.published.isoformat() if brief.published else "",
                )
                if part
            )
            rows.append((brief.id, sanitize.one_line(brief.title), detail))
        return rows

    def find_brief(self, brief_id: str) -> Brief | None:
        """The brief, read from its file (one small file: quick enough for a keystroke)."""
        from tui.core.brief import BriefError, read_brief

        entry = self.entries.get(brief_id)
        # The index can know a brief the listing has not loaded yet (or any more).
        path = entry.path if entry is not None else self.corpus / f"{brief_id}.md"
        try:
            brief = read_brief(path) if path.is_file() else None
        except BriefError:
            return None
        return brief if brief is not None and brief.id == brief_id else None


__all__ = ["Catalog"]
