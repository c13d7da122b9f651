"""The library: every brief in a sortable table, filtered as you type; the first screen."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal, cast

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Input, Static

from tui.commands import bindings
from tui.core.brief import Brief
from tui.widgets.safe import plain

if TYPE_CHECKING:
    from tui.app import BriefsApp, IndexState

SortKey = Literal["title", "source", "date", "length"]
COLUMNS: tuple[tuple[SortKey, str], ...] = (
    ("title", "Title"),
    ("source", "Source"),
    ("date", "Date"),
    ("length", "Words"),
)
SOURCE_WIDTH, DATE_WIDTH, WORDS_WIDTH = 16, 10, 6
FILTER_DELAY = 0.08  # seconds: re-filtering 10k rows on every key would lag fast typing


def matches(brief: Brief, words: list[str]) -> bool:
    """True when every word of the filter occurs in the title, source or author."""
    haystack = " ".join(filter(None, (brief.title, brief.source, brief.author, brief.id))).lower()
    return all(word in haystack for word in words)


def sort_briefs(briefs: list[Brief], key: SortKey, reverse: bool) -> list[Brief]:
    if key == "title":
        ordered = sorted(briefs, key=lambda b: (b.title.casefold(), b.id))
    elif key == "source":
        ordered = sorted(briefs, key=lambda b: ((b.source or "\uffff").casefold(), b.id))
    elif key == "length":
        ordered = sorted(briefs, key=lambda b: (b.words, b.id))
    else:
        # Newest first is what a reader wants from dates; undated briefs go last.
        dated = sorted((b for b in briefs if b.published), key=lambda b: (b.published, b.id))
        dated.reverse()
        ordered = dated + sorted((b for b in briefs if not b.published), key=lambda b: b.id)
    if reverse:
        ordered.reverse()
    return ordered


class LibraryScreen(Screen[None]):
    """All briefs; Enter reads the one under the cursor."""

    SCOPE = "library"
    CSS_PATH = Path(__file__).parent.parent / "styles" / "library.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings("library"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort_key: SortKey = "date"
        self.sort_reverse = False
        self.shown: list[Brief] = []
        self._filter_timer: Timer | None = None
        self._columns_width = 0

    @property
    def briefs_app(self) -> BriefsApp:
        return cast("BriefsApp", self.app)

    def compose(self) -> ComposeResult:
        with Horizontal(id="library-bar"):
            yield Static(Text("Library", style="bold"), id="library-name")
            yield Static("", id="library-count")
            yield Static("", id="index-state")
        yield Input(placeholder="/ to filter by title, source or author", id="filter", compact=True)
        yield DataTable(id="briefs", cursor_type="row", zebra_stripes=True)
        yield Static("", id="library-empty")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        table = self.query_one("#briefs", DataTable)
        table.loading = not self.briefs_app.catalog_loaded
        table.focus()
        self.watch(self.app, "catalog_version", self._catalog_changed, init=False)
        self.watch(self.app, "index_state", self._show_index_state, init=True)
        self._refill()

    # -- data ------------------------------------------------------------------------------------

    def _catalog_changed(self) -> None:
        self.query_one("#briefs", DataTable).loading = False
        self._refill()

    def _show_index_state(self, state: IndexState) -> None:
        style = {"failed": "bold", "locked": "bold"}.get(state.phase, "")
        self.query_one("#index-state", Static).update(Text(state.text, style=style))

    def _filter_words(self) -> list[str]:
        return self.query_one("#filter", Input).value.lower().split()

    def _refill(self) -> None:
        """Filter, sort and show the briefs; keeps the cursor on the same brief when it can."""
        app = self.briefs_app
        table = self.query_one("#briefs", DataTable)
        words = self._filter_words()
        everything = list(app.catalog.values())
        chosen = [b for b in everything if matches(b, words)] if words else everything
        self.shown = sort_briefs(chosen, self.sort_key, self.sort_reverse)
        current = self.current_id()
        self._ensure_columns(force=True)
        table.clear()
        table.add_rows(
            [self._row(brief) for brief in self.shown],
        )
        # add_rows gives generated keys; map rows to ids by position instead.
        if current is not None:
            for number, brief in enumerate(self.shown):
                if brief.id == current:
                    table.move_cursor(row=number, animate=False)
                    break
        self._show_count(len(everything), words)

    def _row(self, brief: Brief) -> tuple[Text, Text, Text, Text]:
        return (
            plain(brief.title),
            plain(brief.source, style="dim", placeholder="—"),
            Text(brief.published.isoformat() if brief.published else "—"),
            Text(f"{brief.words:,}", justify="right"),
        )

    def _show_count(self, total: int, words: list[str]) -> None:
        app = self.briefs_app
        if not app.catalog_loaded:
            text = "listing briefs…"
        elif words:
            text = f"{len(self.shown)} of {total} briefs"
        else:
            text = f"{total} brief{'s' if total != 1 else ''}"
        self.query_one("#library-count", Static).update(Text(text))
        empty = self.query_one("#library-empty", Static)
        table = self.query_one("#briefs", DataTable)
        if app.catalog_loaded and total == 0:
            message = (
                f"No briefs in {app.paths.corpus} yet.\n\n"
                "Add some from a shell:  briefs add FILE…\n"
                "then come back, or press q to quit."
            )
            empty.update(Text(message))
            empty.display = True
            table.display = False
        elif app.catalog_loaded and not self.shown:
            empty.update(Text("No brief matches the filter. Esc clears it."))
            empty.display = True
            table.display = False
        else:
            empty.display = False
            table.display = True

    def _ensure_columns(self, *, force: bool = False) -> None:
        table = self.query_one("#briefs", DataTable)
        width = table.size.width or self.size.width or 80
        if not force and width == self._columns_width:
            return
        self._columns_width = width
        # Each column has one cell of padding either side; keep one more for the scrollbar.
        fixed = SOURCE_WIDTH + DATE_WIDTH + WORDS_WIDTH + 2 * len(COLUMNS) + 2
        title_width = max(20, width - fixed)
        widths = {
            "title": title_width,
            "source": SOURCE_WIDTH,
            "date": DATE_WIDTH,
            "length": WORDS_WIDTH,
        }
        table.clear(columns=True)
        for key, label in COLUMNS:
            marker = ""
            if key == self.sort_key:
                marker = " ▲" if self.sort_reverse else " ▼"
            table.add_column(Text(label + marker), width=widths[key], key=key)

    def on_resize(self) -> None:
        table = self.query_one("#briefs", DataTable)
        if (table.size.width or self.size.width) != self._columns_width:
            self._refill()

    # -- actions ---------------------------------------------------------------------------------

    def current_id(self) -> str | None:
        table = self.query_one("#briefs", DataTable)
        if not self.shown or table.row_count == 0:
            return None
        row = min(max(table.cursor_row, 0), len(self.shown) - 1)
        return self.shown[row].id

    def action_open(self) -> None:
        brief_id = self.current_id()
        if brief_id is not None:
            self.briefs_app.open_brief(brief_id)

    def action_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_sort(self, key: str) -> None:
        if key not in dict(COLUMNS):
            return
        sort_key: SortKey = key
        if sort_key == self.sort_key:
            self.sort_reverse = not self.sort_reverse
        else:
            self.sort_key, self.sort_reverse = sort_key, False
        self._refill()

    def go_back(self) -> bool:
        """Escape: clear the filter first, then hand focus back to the table."""
        filter_input = self.query_one("#filter", Input)
        if filter_input.value:
            filter_input.value = ""
            self._refill()
            self.query_one("#briefs", DataTable).focus()
            return True
        if filter_input.has_focus:
            self.query_one("#briefs", DataTable).focus()
            return True
        return False

    @on(DataTable.RowSelected, "#briefs")
    def _row_selected(self, event: DataTable.RowSelected) -> None:
        # Mouse double-click: the enter key is taken by the priority "open" binding.
        if 0 <= event.cursor_row < len(self.shown):
            self.briefs_app.open_brief(self.shown[event.cursor_row].id)

    @on(DataTable.HeaderSelected, "#briefs")
    def _header_selected(self, event: DataTable.HeaderSelected) -> None:
        self.action_sort(str(event.column_key.value))

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._refill)

    def action_focus_list(self) -> None:
        self.query_one("#briefs", DataTable).focus()


__all__ = ["LibraryScreen", "matches", "sort_briefs"]
