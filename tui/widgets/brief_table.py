"""A virtual table of briefs: only the rows on screen are painted, so ten thousand cost nothing.

Textual's DataTable builds every row up front (seconds for 10k briefs, on the UI thread); this
widget keeps a list and paints rows as they scroll into view.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.commands import bindings
from tui.widgets.safe import one_line


class Listed(Protocol):
    """What a row shows: a Brief, or anything with the same fields."""

    @property
    def id(self) -> str: ...
    @property
    def title(self) -> str: ...
    @property
    def source(self) -> str | None: ...
    @property
    def published(self) -> dt.date | None: ...
    @property
    def words(self) -> int: ...


ColumnKey = Literal["title", "source", "date", "length"]


@dataclass(frozen=True)
class Column:
    key: ColumnKey
    label: str
    width: int
    justify: Literal["left", "right"] = "left"


def cell(row: Listed, key: ColumnKey) -> str:
    if key == "title":
        return one_line(row.title)
    if key == "source":
        return one_line(row.source) or "—"
    if key == "date":
        return row.published.isoformat() if row.published else "—"
    return f"{row.words:,}"


class BriefTable(ScrollView, can_focus=True):
    """Rows of briefs under a fixed header; the cursor row is the one Enter opens."""

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("list"))

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "brief-table--header",
        "brief-table--cursor",
        "brief-table--even",
        "brief-table--muted",
    }

    DEFAULT_CSS = """
    BriefTable {
        scrollbar-gutter: stable;
        background: $surface;
        & > .brief-table--header { text-style: bold; background: $panel; }
        & > .brief-table--even { background: $surface-lighten-1 30%; }
        & > .brief-table--muted { color: $text-muted; }
        & > .brief-table--cursor { text-style: reverse; }
        &:focus > .brief-table--cursor { text-style: bold reverse; }
    }
    """

    cursor: reactive[int] = reactive(0, always_update=True)

    @dataclass
    class Chosen(Message):
        """A row was double-clicked."""

        table: BriefTable
        brief_id: str

        @property
        def control(self) -> BriefTable:
            return self.table

    @dataclass
    class HeaderClicked(Message):
        table: BriefTable
        key: ColumnKey

        @property
        def control(self) -> BriefTable:
            return self.table

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.columns: list[Column] = []
        self.rows: Sequence[Listed] = ()
        self.sorted_by: tuple[ColumnKey, bool] | None = None  # (column, reversed)
        self.marks: dict[str, str] = {}  # brief id -> a letter shown before its title (A, B)

    # -- content ---------------------------------------------------------------------------------

    def set_columns(self, columns: list[Column]) -> None:
        self.columns = columns
        self.refresh()

    def set_rows(self, rows: Sequence[Listed], *, keep: str | None = None) -> None:
        """Show these rows; the cursor stays on the brief `keep` when it is among them."""
        self.rows = rows
        self.virtual_size = Size(self._row_width(), len(rows) + 1)
        index = 0
        if keep is not None:
            index = next((n for n, row in enumerate(rows) if row.id == keep), 0)
        self.cursor = index
        self.refresh()

    @property
    def current(self) -> Listed | None:
        return self.rows[self.cursor] if 0 <= self.cursor < len(self.rows) else None

    def _row_width(self) -> int:
        return sum(column.width + 2 for column in self.columns)

    # -- cursor ----------------------------------------------------------------------------------

    @property
    def page(self) -> int:
        return max(1, self.scrollable_content_region.height - 1)

    def validate_cursor(self, cursor: int) -> int:
        return max(0, min(cursor, len(self.rows) - 1)) if self.rows else 0

    def watch_cursor(self, cursor: int) -> None:
        # Keep the cursor row between the header and the bottom edge.
        top = round(self.scroll_y)
        if cursor < top:
            self.scroll_to(y=cursor, animate=False, immediate=True)
        elif cursor > top + self.page - 1:
            self.scroll_to(y=cursor - self.page + 1, animate=False, immediate=True)
        self.refresh()

    def action_move(self, rows: int) -> None:
        self.cursor += rows

    def action_move_page(self, pages: int) -> None:
        self.cursor += pages * self.page

    def action_move_edge(self, edge: str) -> None:
        self.cursor = 0 if edge == "top" else len(self.rows) - 1

    # -- mouse -----------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        if event.y == 0:
            x = event.x - 0
            for column in self.columns:
                if x < column.width + 2:
                    self.post_message(self.HeaderClicked(self, column.key))
                    return
                x -= column.width + 2
            return
        row = round(self.scroll_y) + event.y - 1
        if 0 <= row < len(self.rows):
            self.cursor = row
            if event.chain >= 2:
                self.post_message(self.Chosen(self, self.rows[row].id))

    # -- painting --------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self.rich_style
        if y == 0:
            return self._strip(self._header(), width, base + self._style("brief-table--header"))
        index = round(self.scroll_y) + y - 1
        if index >= len(self.rows):
            return Strip.blank(width, base)
        style = base
        if index % 2:
            style += self._style("brief-table--even")
        if index == self.cursor:
            style += self._style("brief-table--cursor")
        return self._strip(self._row(self.rows[index]), width, style)

    def _style(self, name: str) -> Style:
        return self.get_component_rich_style(name, partial=True)

    def _strip(self, text: Text, width: int, style: Style) -> Strip:
        text.stylize_before(style)
        segments = list(text.render(self.app.console))
        return Strip(segments).crop_extend(0, width, style)

    def _header(self) -> Text:
        out = Text()
        for column in self.columns:
            label = column.label
            if self.sorted_by and self.sorted_by[0] == column.key:
                label += " ▲" if self.sorted_by[1] else " ▼"
            out.append_text(self._cell(label, column))
        return out

    def _row(self, row: Listed) -> Text:
        out = Text()
        muted = self._style("brief-table--muted")
        for column in self.columns:
            text = cell(row, column.key)
            out.append_text(self._cell(text, column, muted if column.key == "source" else None))
        letter = self.marks.get(row.id)
        if letter:
            # In the title's leading pad: marked rows read without colour too.
            out = Text(letter[:1], style="bold reverse") + out[1:]
        return out

    @staticmethod
    def _cell(value: str, column: Column, style: Style | None = None) -> Text:
        text = Text(value, style=style or "", no_wrap=True, overflow="ellipsis")
        if column.justify == "right" and text.cell_len < column.width:
            text.pad_left(column.width - text.cell_len)
        text.truncate(column.width, overflow="ellipsis", pad=True)
        return Text(" ") + text + Text(" ")
