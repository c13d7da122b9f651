"""What the compare screen's parts (navigation, entity mentions, find) need from the screen."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from rich.text import Text

    from tui.core.brief import Brief
    from tui.core.compare import Comparison
    from tui.widgets.compare_pane import ComparePane, Side

Where = Literal["top", "center"]
# Mark layers in each pane: entity colours under everything, then a jumped-to sentence, then
# find matches and the selected entity's mentions (BriefView paints higher orders on top).
COLOURS, SENTENCE, FOUND, FOUND_CURRENT = "entities", "sentence", "find", "find-current"
SELECTED, SELECTED_CURRENT = "selected", "selected-current"


def other(side: Side) -> Side:
    return "b" if side == "a" else "a"


class CompareHost(Protocol):
    """The compare screen, as its parts see it."""

    comparison: Comparison | None
    briefs: dict[Side, Brief]
    active: Side

    @property
    def one_pane(self) -> bool: ...

    def pane(self, side: Side | None = None) -> ComparePane: ...

    def set_active(self, side: Side, *, focus: bool = True) -> None: ...

    def show_status(self, text: Text) -> None: ...

    def show_step(self) -> None: ...

    def show_titles(self) -> None: ...


__all__ = [
    "COLOURS",
    "FOUND",
    "FOUND_CURRENT",
    "SELECTED",
    "SELECTED_CURRENT",
    "SENTENCE",
    "CompareHost",
    "Where",
    "other",
]
