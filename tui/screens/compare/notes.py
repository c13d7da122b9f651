"""Notes in compare: each pane shows its brief's notes (the reader's marks), and the keys of the
reader's notes (v, >/<, enter, D, u) act on the active pane. One NoteKeeper per pane; the
visual mode's bar is shared by both."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from rich.text import Text

from tui.screens.compare.host import CompareHost
from tui.widgets.compare_pane import SIDES
from tui.widgets.note_keeper import NoteKeeper
from tui.widgets.visual_select import VisualBar

if TYPE_CHECKING:
    from textual.widget import Widget

    from tui.core.brief import Brief
    from tui.services import Services
    from tui.widgets.brief_view import BriefView
    from tui.widgets.compare_pane import ComparePane, Side


class CompareNotes:
    """The notes of both panes."""

    def __init__(self, host: CompareHost, services: Services, panes: dict[Side, ComparePane]):
        self.host = host
        self.summaries: dict[Side, Text] = {side: Text() for side in SIDES}
        self.keepers: dict[Side, NoteKeeper] = {
            side: NoteKeeper(services, panes[side], self._status(side)) for side in SIDES
        }
        self.bar = VisualBar(id="visual")

    def widgets(self) -> Iterator[Widget]:
        yield self.bar
        yield from self.keepers.values()

    def _status(self, side: Side) -> _Status:
        return _Status(self, side)

    def show(self, briefs: dict[Side, Brief]) -> None:
        for side, brief in briefs.items():
            self.keepers[side].show(brief)

    def keeper(self, side: Side | None = None) -> NoteKeeper:
        return self.keepers[side or self.host.active]

    def select(self) -> bool:
        """Start the visual mode in the active pane; False when it shows no words yet."""
        pane = self.host.pane()
        return self.bar.open(pane, pane.top_offset)

    def selected(self, view: BriefView, start: int, end: int) -> None:
        for keeper in self.keepers.values():
            if keeper.view is view:
                keeper.add(start, end)

    def reload(self) -> None:
        for keeper in self.keepers.values():
            if keeper.loaded:
                keeper.load()


class _Status:
    """A pane's notes summary, shown in its title."""

    def __init__(self, notes: CompareNotes, side: Side) -> None:
        self.notes, self.side = notes, side

    def __call__(self, text: Text) -> None:
        self.notes.summaries[self.side] = text
        self.notes.host.show_titles()


__all__ = ["CompareNotes"]
