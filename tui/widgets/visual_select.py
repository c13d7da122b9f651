"""The visual mode: select a passage of a BriefView from the keyboard, to put a note on it.

A one-line bar under the text takes the focus while a passage is selected, so its keys (w W ) (
} { o, enter, escape: tui.commands.notes_keys) win over the screen's and show in the footer, and
the screen's own keys (j/k, space) still scroll. The selection is a mark (reverse and underline:
it reads without colour); the bar says how much is selected.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.binding import BindingType
from textual.message import Message
from textual.widgets import Static

from tui.commands import bindings
from tui.widgets.brief_view import BriefView, Mark
from tui.widgets.safe import one_line
from tui.widgets.text_units import Selection, Unit, Units, move, start_selection

SELECTION_LAYER = "selection"
SELECTION_ORDER = 30  # over everything: it is what the keys act on
QUOTE_SHOWN = 40  # characters of the selection shown in the bar


class VisualBar(Static, can_focus=True):
    """Selects a passage of one view; posts Done (enter) or Cancelled (escape)."""

    SCOPE = "visual"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings("visual"))
    DEFAULT_CSS = """
    VisualBar {
        height: 1;
        display: none;
        background: $boost;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        &.-open { display: block; }
    }
    """

    @dataclass
    class Done(Message):
        """A passage was chosen: body offsets [start, end) of `view`."""

        view: BriefView
        start: int
        end: int

    @dataclass
    class Cancelled(Message):
        view: BriefView

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id)
        self.view: BriefView | None = None
        self.selection: Selection | None = None
        self._units: Units | None = None

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self, view: BriefView, offset: int) -> bool:
        """Start selecting at the word at `offset`; False when the view shows no words."""
        if self._units is None or self._units.body is not view.body:
            self._units = Units(view.body)
        selection = start_selection(self._units, offset)
        if selection is None:
            return False
        self.view, self.selection = view, selection
        self.add_class("-open")
        self._paint()
        self.focus()
        return True

    def close(self) -> None:
        if self.view is not None:
            self.view.clear_marks(SELECTION_LAYER)
            self.view.focus()
        self.remove_class("-open")

    # -- keys ------------------------------------------------------------------------------------

    def action_extend(self, unit: Unit, delta: int) -> None:
        if self.selection is None or self._units is None:
            return
        self.selection = move(self._units, self.selection, unit, delta)
        self._paint()

    def action_other_end(self) -> None:
        if self.selection is not None:
            self.selection = self.selection.swapped()
            self._paint()

    def action_done(self) -> None:
        view, selection = self.view, self.selection
        self.close()
        if view is not None and selection is not None:
            self.post_message(self.Done(view, selection.start, selection.end))

    def action_cancel(self) -> None:
        view = self.view
        self.close()
        if view is not None:
            self.post_message(self.Cancelled(view))

    # -- painting --------------------------------------------------------------------------------

    def _paint(self) -> None:
        view, selection = self.view, self.selection
        if view is None or selection is None:
            return
        start, end = selection.start, selection.end
        view.set_marks(
            SELECTION_LAYER, [Mark(start, end, "brief-view--selection")], order=SELECTION_ORDER
        )
        view.reveal_offset(selection.head)
        passage = view.body[start:end]
        words = len(passage.split())
        text = Text("VISUAL ", style="bold reverse")
        text.append(f" {words} word{'s' if words != 1 else ''} ", style="bold")
        quote = one_line(passage)
        if len(quote) > QUOTE_SHOWN:
            half = QUOTE_SHOWN // 2
            quote = f"{quote[:half].rstrip()} … {quote[-half:].lstrip()}"
        text.append(f"“{quote}”", style="italic")
        end_moved = "end" if selection.moving == "end" else "start"
        text.append(f"  moving its {end_moved}", style="dim")
        self.update(text)


__all__ = ["SELECTION_LAYER", "VisualBar"]
