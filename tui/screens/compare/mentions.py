"""The selected entity's mentions in both panes: marked, and stepped through side by side."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text

from tui.screens.compare.host import SELECTED, SELECTED_CURRENT, CompareHost
from tui.screens.compare.navigation import PaneNavigation
from tui.widgets.brief_view import Mark
from tui.widgets.compare_pane import SIDES
from tui.widgets.entity_rows import step_index
from tui.widgets.safe import one_line

if TYPE_CHECKING:
    from tui.core.compare import Comparison
    from tui.core.entities.model import Mention
    from tui.widgets.compare_pane import Side


class MentionSteps:
    """Which entity is selected and which of its mentions each pane is at."""

    def __init__(
        self, host: CompareHost, navigation: PaneNavigation, status: Callable[[Text], None]
    ) -> None:
        self.host = host
        self.navigation = navigation
        self.status = status  # the entity list's status line
        self.selected: str | None = None
        self.current: dict[Side, int] = {"a": -1, "b": -1}
        self._mentions: dict[Side, dict[str, list[Mention]]] = {"a": {}, "b": {}}

    def load(self, comparison: Comparison) -> None:
        for side in SIDES:
            by_entity: dict[str, list[Mention]] = defaultdict(list)
            for mention in comparison.mentions_a if side == "a" else comparison.mentions_b:
                by_entity[mention.entity_id].append(mention)
            self._mentions[side] = dict(by_entity)

    def select(self, entity_id: str, delta: int = 1) -> None:
        """Mark the entity in both panes and scroll each to its next mention."""
        if entity_id != self.selected:
            self.selected = entity_id
            self.current = {"a": -1, "b": -1}
        self.step(delta)

    def step(self, delta: int) -> None:
        entity_id = self.selected
        if entity_id is None:
            return
        for side in SIDES:
            pane = self.host.pane(side)
            mentions = self._mentions[side].get(entity_id, [])
            starts = [m.start for m in mentions]
            self.current[side] = step_index(starts, self.current[side], pane.top_offset, delta)
            pane.set_marks(
                SELECTED, (Mark(m.start, m.end, "brief-view--hit") for m in mentions), order=12
            )
            index = self.current[side]
            if index >= 0:
                mention = mentions[index]
                pane.set_marks(
                    SELECTED_CURRENT,
                    [Mark(mention.start, mention.end, "brief-view--current")],
                    order=22,
                )
                self.navigation.go_to(side, mention.start, reveal=True)
            else:
                pane.clear_marks(SELECTED_CURRENT)
        self._show_position()

    def _show_position(self) -> None:
        comparison = self.host.comparison
        row = comparison.entity(self.selected) if comparison and self.selected else None
        if row is None:
            return
        text = Text(one_line(row.name), style="bold")
        for side in SIDES:
            count = row.count_a if side == "a" else row.count_b
            index = self.current[side]
            position = f"{index + 1}/{count}" if count else "–"
            text.append(f"  {side.upper()} {position}")
        self.status(text)


__all__ = ["MentionSteps"]
