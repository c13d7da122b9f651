"""The library: every brief in a sortable table, filtered as you type; the first screen."""

from __future__ import annotations

from operator import attrgetter
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, Static

from tui.commands import bindings
from tui.core.listing import BriefEntry
from tui.messages import LibraryPainted, OpenBrief, OpenCompare
from tui.widgets.brief_table import BriefTable, Column
from tui.widgets.safe import SafeInput

if TYPE_CHECKING:
    from tui.services import IndexState, Services

SortKey = Literal["title", "source", "date", "length"]
COLUMNS: tuple[tuple[SortKey, str], ...] = (
    ("title", "Title"),
    ("source", "Source"),
    ("date", "Date"),
    ("length", "Words"),
)
SOURCE_WIDTH, DATE_WIDTH, WORDS_WIDTH = 16, 10, 7
FILTER_HINT = "/ to filter by title, source or author"
FILTER_DELAY = 0.08  # seconds: re-filtering 10k rows on every key would lag fast typing


def haystack(brief: BriefEntry) -> str:
    """What the filter looks in: title, source, author and id, lower case."""
    return " ".join(filter(None, (brief.title, brief.source, brief.author, brief.id))).lower()


def matches(brief: BriefEntry, words: list[str]) -> bool:
    """True when every word of the filter occurs in the title, source, author or id."""
    text = haystack(brief)
    return all(word in text for word in words)


def sort_briefs(briefs: list[BriefEntry], key: SortKey, reverse: bool) -> list[BriefEntry]:
    if key == "title":
        ordered = sorted(briefs, key=lambda b: (b.title.casefold(), b.id))
    elif key == "source":
        ordered = sorted(briefs, key=lambda b: ((b.source or "\uffff").casefold(), b.id))
    elif key == "length":
        ordered = _by(briefs, "words")
    else:
        # Newest first is what a reader wants from dates; undated briefs go last.
        dated = _by([b for b in briefs if b.published], "published")
        dated.reverse()
        ordered = dated + _by([b for b in briefs if not b.published], "id")
    if reverse:
        ordered.reverse()
    return ordered


def _by(briefs: list[BriefEntry], field: str) -> list[BriefEntry]:
    """Sorted by `field`, then id: two stable sorts on attrgetter keys rather than one on a tuple
    per brief, as the date sort runs on the way to the first screen (10k briefs: half the time).
    """
    ordered = sorted(briefs, key=attrgetter("id"))
    ordered.sort(key=attrgetter(field))
    return ordered


class LibraryScreen(Screen[None]):
    """All briefs; Enter reads the one under the cursor."""

    SCOPE = "library"
    # Its stylesheet, styles/library.tcss, is read by the app (tui.app.BriefsApp.CSS_PATH).
    # No width classes: nothing here depends on them, and adding one at the first resize would
    # restyle every widget of the screen before its first frame.
    HORIZONTAL_BREAKPOINTS = []  # noqa: RUF012 (typed by Textual)
    BINDINGS: ClassVar[list[BindingType]] = [
        *bindings("library"),
    ]

    def __init__(self, services: Services) -> None:
        super().__init__()
        self.services = services
        self.sort_key: SortKey = "date"
        self.sort_reverse = False
        self.shown: list[BriefEntry] = []
        self._filter_timer: Timer | None = None
        self._columns_width = 0
        self._haystacks: dict[str, str] = {}
        self._haystacks_version = -1
        self.marked: list[str] = []  # up to two briefs chosen to compare, A first

    def compose(self) -> ComposeResult:
        with Horizontal(id="library-bar"):
            yield Static(Text("Library", style="bold"), id="library-name")
            yield Static("", id="library-count")
            yield Static("", id="index-state")
        # The filter box is built the first time it is wanted ("/" or a click): an Input costs
        # about as much to set up as the rest of this screen. Until then, its placeholder.
        yield Static(Text(FILTER_HINT), id="filter-hint")
        yield BriefTable(id="briefs")
        yield Static("", id="library-empty")
        yield Footer(compact=True)

    @property
    def table(self) -> BriefTable:
        return self.query_one("#briefs", BriefTable)

    def on_mount(self) -> None:
        self.table.focus()
        self.watch(self.app, "catalog_version", self._refill, init=False)
        self.watch(self.app, "index_state", self._show_index_state, init=True)
        self._refill()
        self.call_after_refresh(self.post_message, LibraryPainted())

    # -- data ------------------------------------------------------------------------------------

    def _show_index_state(self, state: IndexState) -> None:
        style = {"failed": "bold", "locked": "bold"}.get(state.phase, "")
        self.query_one("#index-state", Static).update(Text(state.text, style=style))

    def _filter_box(self) -> Input | None:
        return next(iter(self.query("#filter").results(Input)), None)

    def _filter_words(self) -> list[str]:
        box = self._filter_box()
        return box.value.lower().split() if box is not None else []

    def _refill(self) -> None:
        """Filter, sort and show the briefs; keeps the cursor on the same brief when it can."""
        catalog = self.services.catalog
        words = self._filter_words()
        everything = list(catalog.entries.values())
        if words:
            if self._haystacks_version != catalog.version:
                # Built once per listing: a keystroke then only scans 10k short strings.
                self._haystacks = {b.id: haystack(b) for b in everything}
                self._haystacks_version = catalog.version
            hay = self._haystacks
            chosen = [b for b in everything if all(w in hay.get(b.id, "") for w in words)]
        else:
            chosen = everything
        current = self.current_id()
        self.shown = sort_briefs(chosen, self.sort_key, self.sort_reverse)
        self._set_columns()
        self.table.sorted_by = (self.sort_key, self.sort_reverse)
        self.table.set_rows(self.shown, keep=current)
        self._show_count(len(everything), words)

    def _show_count(self, total: int, words: list[str]) -> None:
        catalog = self.services.catalog
        if not catalog.loaded:
            text = "listing briefs…"
        elif words:
            text = f"{len(self.shown):,} of {total:,} briefs"
        else:
            text = f"{total:,} brief{'s' if total != 1 else ''}"
        self.query_one("#library-count", Static).update(Text(text))
        empty = self.query_one("#library-empty", Static)
        if catalog.loaded and total == 0:
            message = (
                f"No briefs in {self.services.paths.corpus} yet.\n\n"
                "Add some from a shell:  briefs add FILE…\n"
                "then come back, or press q to quit."
            )
            empty.update(Text(message))
            empty.display, self.table.display = True, False
        elif catalog.loaded and not self.shown:
            empty.update(Text("No brief matches the filter. Esc clears it."))
            empty.display, self.table.display = True, False
        else:
            empty.display, self.table.display = False, True

    def _set_columns(self) -> None:
        width = self.table.scrollable_content_region.width or self.size.width or 80
        if width == self._columns_width:
            return
        self._columns_width = width
        # Sources get a little more room on wide terminals; titles take the rest. Each column
        # has a cell of padding either side.
        source_width = min(28, max(SOURCE_WIDTH, width // 5))
        fixed = source_width + DATE_WIDTH + WORDS_WIDTH + 2 * len(COLUMNS)
        self.table.set_columns(
            [
                Column("title", "Title", max(20, width - fixed)),
                Column("source", "Source", source_width),
                Column("date", "Date", DATE_WIDTH),
                Column("length", "Words", WORDS_WIDTH, justify="right"),
            ]
        )

    def on_resize(self) -> None:
        self.call_after_refresh(self._set_columns)

    # -- actions ---------------------------------------------------------------------------------

    def current_id(self) -> str | None:
        row = self.table.current
        return row.id if row is not None else None

    def action_open(self) -> None:
        brief_id = self.current_id()
        if brief_id is not None:
            self.post_message(OpenBrief(brief_id))

    async def action_filter(self) -> None:
        box = self._filter_box()
        if box is None:
            box = SafeInput(placeholder=FILTER_HINT, id="filter", compact=True)
            hint = self.query_one("#filter-hint", Static)
            await self.mount(box, before=hint)
            await hint.remove()
        box.focus()

    async def on_click(self, event: events.Click) -> None:
        if event.widget is not None and event.widget.id == "filter-hint":
            await self.action_filter()

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
        filter_input = self._filter_box()
        if filter_input is None:
            return False
        if filter_input.value:
            filter_input.value = ""
            self._refill()
            self.table.focus()
            return True
        if filter_input.has_focus:
            self.table.focus()
            return True
        return False

    @on(BriefTable.Chosen, "#briefs")
    def _row_chosen(self, event: BriefTable.Chosen) -> None:
        self.post_message(OpenBrief(event.brief_id))

    @on(BriefTable.HeaderClicked, "#briefs")
    def _header_clicked(self, event: BriefTable.HeaderClicked) -> None:
        self.action_sort(event.key)

    @on(Input.Changed, "#filter")
    def _filter_changed(self) -> None:
        if self._filter_timer is not None:
            self._filter_timer.stop()
        self._filter_timer = self.set_timer(FILTER_DELAY, self._refill)

    def action_focus_list(self) -> None:
        self.table.focus()

    # -- comparing (tui.screens.compare) ---------------------------------------------------------

    def action_mark(self) -> None:
        brief_id = self.current_id()
        if brief_id is None:
            return
        if brief_id in self.marked:
            self.marked.remove(brief_id)
        else:
            self.marked = [*self.marked, brief_id][-2:]
        self.table.marks = {b: "AB"[n] for n, b in enumerate(self.marked)}
        self.table.refresh()
        if len(self.marked) == 2:
            self.notify("Two briefs marked: c compares them", timeout=3)
        elif self.marked:
            self.notify("Marked A: mark another with m, or move to it and press c", timeout=3)

    def action_compare(self) -> None:
        pair = list(self.marked)
        current = self.current_id()
        if len(pair) == 1 and current is not None and current != pair[0]:
            pair.append(current)
        if len(pair) < 2:
            self.notify("Mark two briefs with m, then press c", severity="information")
            return
        self.post_message(OpenCompare(pair[0], pair[1]))


__all__ = ["LibraryScreen", "matches", "sort_briefs"]
