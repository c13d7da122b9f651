"""One side of the compare screen: a BriefView with a gutter that marks paragraphs without a
counterpart in the other brief and the paragraph pair last aligned."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from typing import ClassVar, Literal

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.core.brief import Brief
from tui.widgets.brief_view import MEASURE, BriefView

Side = Literal["a", "b"]
SIDES: tuple[Side, Side] = ("a", "b")
# A glyph as well as a colour, so the marks survive NO_COLOR.
UNMATCHED_MARK = "┆"
LINKED_MARK = "▌"


class ComparePane(BriefView):
    """A brief beside another: the reader's view plus a one-cell gutter left of the text."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "compare-pane--only",
        "compare-pane--unmatched",
        "compare-pane--linked",
        "compare-pane--sentence",
    }

    # Shared entities keep BriefView's type styles (underlined); one-side entities are italic
    # and not underlined, so the difference shows without colour.
    DEFAULT_CSS = """
    ComparePane {
        & > .compare-pane--only { text-style: italic not underline; color: $text-muted; }
        & > .compare-pane--unmatched { color: $text-muted; }
        & > .compare-pane--linked { color: $text-accent; text-style: bold; }
        & > .compare-pane--sentence { text-style: reverse; }
    }
    """

    def __init__(self, side: Side, brief: Brief | None = None, *, id: str | None = None) -> None:
        super().__init__(brief, id=id)
        self.side: Side = side
        self._unmatched: list[tuple[int, int]] = []
        self._linked: tuple[int, int] | None = None

    def set_gutter(
        self, unmatched: Iterable[tuple[int, int]], linked: tuple[int, int] | None = None
    ) -> None:
        """Paragraphs (start, end) to mark as having no counterpart, and the one aligned."""
        self._unmatched = sorted(unmatched)
        self._linked = linked
        self.refresh()

    def set_linked(self, linked: tuple[int, int] | None) -> None:
        self._linked = linked
        self.refresh()

    @property
    def linked(self) -> tuple[int, int] | None:
        return self._linked

    def render_line(self, y: int) -> Strip:
        strip = super().render_line(y)
        mark = self._gutter_mark(round(self.scroll_y) + y)
        if mark is None:
            return strip
        glyph, style_name = mark
        if not strip.text.strip():
            return strip  # the blank line between two paragraphs belongs to neither
        width = self.scrollable_content_region.width
        column = max(0, (width - max(8, min(MEASURE, width - 2))) // 2 - 1)
        if column >= strip.cell_length or strip.crop(column, column + 1).text.strip():
            return strip  # a note's letter (tui.widgets.note_marks) is already there
        base = self.rich_style
        style = base + self.get_component_rich_style(style_name, default=Style())
        left = strip.crop(0, column)
        right = strip.crop(column + 1, strip.cell_length)
        return Strip.join([left, Strip([Segment(glyph, style)], 1), right])

    def _gutter_mark(self, line_number: int) -> tuple[str, str] | None:
        if line_number < self.header_height or line_number >= self.line_count:
            return None
        if not self._unmatched and self._linked is None:
            return None
        offset = self.offset_of_line(line_number)
        linked = self._linked
        if linked is not None and linked[0] <= offset < linked[1]:
            return LINKED_MARK, "compare-pane--linked"
        i = bisect_right(self._unmatched, (offset, 1 << 62)) - 1
        if i >= 0 and self._unmatched[i][0] <= offset < self._unmatched[i][1]:
            return UNMATCHED_MARK, "compare-pane--unmatched"
        return None


__all__ = ["LINKED_MARK", "SIDES", "UNMATCHED_MARK", "ComparePane", "Side"]
