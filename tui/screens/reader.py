"""The reader: one brief at a comfortable measure, pager keys, contents, find, hits, position,
and the analyst's notes (tui.widgets.note_keeper; passages chosen in tui.widgets.visual_select)."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from tui.commands import bindings
from tui.core.brief import Brief
from tui.messages import OpenNotes, PickCompare, SaveState
from tui.widgets.brief_view import BriefView, Mark
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.find_bar import FindBar, find_all
from tui.widgets.note_keeper import NoteKeeper
from tui.widgets.safe import clean, one_line
from tui.widgets.visual_select import VisualBar

if TYPE_CHECKING:
    from tui.services import Services

# How long after the last scroll a reading position is written, so a dropped SSH link loses little.
POSITION_SAVE_DELAY = 2.0
# The contents stay open beside the text from this width; below it they close after a jump.
WIDE = 110

HitKind = Literal["find", "search"]


class ReaderScreen(Screen[None]):
    """Reads one brief. Hits (from a search or `/`) are marked and stepped through with n/N."""

    SCOPE = "reader"
    CSS_PATH = Path(__file__).parent.parent / "styles" / "reader.tcss"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings("reader"))

    @dataclass
    class HitsFound(Message):
        """Every hit of a search query in the brief, looked up in the index by a worker."""

        brief_id: str
        query: str
        spans: list[tuple[int, int]]

    def __init__(
        self,
        services: Services,
        brief: Brief,
        *,
        query: str | None = None,
        hits: list[tuple[int, int]] | None = None,
        at: int | None = None,
        note: str | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.brief = brief
        self.hits: list[tuple[int, int]] = sorted(set(hits or []))
        self.current = -1
        self.hit_kind: HitKind | None = "search" if query else None
        self.hit_query = query or ""
        self._search_hits = list(self.hits)
        self._find_anchor = 0
        self._save_timer: Timer | None = None
        self._view = BriefView(brief, id="brief")
        self.at = at  # a body offset to open at (a note's passage)
        self.notes = NoteKeeper(services, self._view, self._show_notes, brief=brief, current=note)

    @property
    def view(self) -> BriefView:
        # Held, not queried: the position is still read from it while the screen unmounts.
        return self._view

    def compose(self) -> ComposeResult:
        with Horizontal(id="reader-body"):
            yield OptionList(id="contents")
            yield self._view
            yield EntityPanel(self.services, self.brief, self._view, id="entities")
        yield FindBar(id="find")
        yield VisualBar(id="visual")
        yield self.notes
        with Horizontal(id="reader-bar"):
            yield Static(Text(one_line(self.brief.title)), id="reader-title")
            yield Static("", id="reader-notes")
            yield Static("", id="reader-hits")
            yield Static("", id="reader-position")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        view = self.view
        contents = self.query_one("#contents", OptionList)
        headings = self.brief.headings()
        contents.add_options(
            Option(Text("  " * (level - 1) + one_line(text)), id=str(offset))
            for offset, level, text in headings
        )
        contents.display = bool(headings) and self.app.size.width >= 120
        view.focus()
        if self.hits:
            self.current = 0
            self._paint_hits()
            view.scroll_to_offset(self.hits[0][0], where="center")
            self._load_all_hits()
        elif self.at is not None:
            view.scroll_to_offset(self.at, where="center")
        else:
            saved = self.services.user_state.position(self.brief.id)
            if saved:
                view.scroll_to_offset(saved)
        self.watch(view, "scroll_y", self._scrolled, init=True)
        self.watch(view, "virtual_size", self._scrolled, init=False)

    # -- hits ------------------------------------------------------------------------------------

    def _paint_hits(self) -> None:
        view = self.view
        view.set_marks("hits", (Mark(s, e, "brief-view--hit") for s, e in self.hits), order=10)
        if 0 <= self.current < len(self.hits):
            start, end = self.hits[self.current]
            view.set_marks("current", [Mark(start, end, "brief-view--current")], order=20)
        else:
            view.clear_marks("current")
        self._show_hit_status()

    def _show_hit_status(self) -> None:
        text = Text()
        if self.hit_kind is not None:
            label = "search" if self.hit_kind == "search" else "find"
            text.append(f"{label} “{one_line(self.hit_query)}”: ", style="dim")
            if self.hits:
                position = self.current + 1 if self.current >= 0 else 0
                text.append(f"{position} of {len(self.hits)}", style="bold")
            else:
                text.append("no match", style="bold")
        self.query_one("#reader-hits", Static).update(text)
        find_bar = self.query_one("#find", FindBar)
        if self.hit_kind == "find":
            count = f"{self.current + 1} of {len(self.hits)}" if self.hits else "no match"
            find_bar.show_count(count if self.hit_query.strip() else "")

    def action_step_hit(self, delta: int) -> None:
        if not self.hits:
            self.notify("No hits here: press / to find text", severity="information")
            return
        if self.current < 0:
            top = self.view.top_offset
            starts = [start for start, _ in self.hits]
            index = bisect_left(starts, top)
            self.current = index % len(self.hits) if delta > 0 else (index - 1) % len(self.hits)
        else:
            self.current = (self.current + delta) % len(self.hits)
        self._paint_hits()
        self.view.reveal_offset(self.hits[self.current][0])

    @work(thread=True, exclusive=True, group="brief-hits", exit_on_error=False)
    def _load_all_hits(self) -> None:
        """The hits a search result carries may be only the first few; ask the index for all."""
        query = self.hit_query
        try:
            spans = self.services.searchers.get().brief_hits(self.brief.id, query)
        except Exception:  # the hits we already have stay; nothing to tell the user
            return
        self.post_message(self.HitsFound(self.brief.id, query, list(spans)))

    @on(HitsFound)
    def _hits_found(self, message: HitsFound) -> None:
        if self.hit_kind != "search" or message.query != self.hit_query or not message.spans:
            return
        current = self.hits[self.current] if 0 <= self.current < len(self.hits) else None
        self.hits = sorted(set(message.spans) | set(self._search_hits))
        self._search_hits = list(self.hits)
        if current is not None:
            starts = [start for start, _ in self.hits]
            self.current = min(bisect_left(starts, current[0]), len(self.hits) - 1)
        self._paint_hits()

    # -- find ------------------------------------------------------------------------------------

    def action_find(self) -> None:
        self._find_anchor = self.view.top_offset
        self.query_one("#find", FindBar).open()

    @on(FindBar.Changed)
    def _find_changed(self, message: FindBar.Changed) -> None:
        needle = message.text
        if not needle.strip():
            # An emptied find box gives the search hits back, if the brief was opened from one.
            self.hits = list(self._search_hits)
            self.hit_kind = "search" if self.hits else None
            self.current = 0 if self.hits else -1
            self._paint_hits()
            return
        self.hit_kind, self.hit_query = "find", needle
        self.hits = find_all(clean(self.brief.body), needle)
        starts = [start for start, _ in self.hits]
        self.current = bisect_left(starts, self._find_anchor) % len(starts) if starts else -1
        self._paint_hits()
        if self.current >= 0:
            self.view.reveal_offset(self.hits[self.current][0])

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        self.view.focus()

    # -- scrolling -------------------------------------------------------------------------------

    def action_scroll_lines(self, lines: int) -> None:
        self.view.scroll_relative(y=lines, animate=False, immediate=True)

    def action_scroll_pages(self, pages: float) -> None:
        # Keep two lines of the last page for context, as `less` does.
        height = max(1, self.view.scrollable_content_region.height - 2)
        self.view.scroll_relative(y=round(height * pages), animate=False, immediate=True)

    def action_scroll_edge(self, edge: str) -> None:
        if edge == "top":
            self.view.scroll_home(animate=False, immediate=True)
        else:
            self.view.scroll_end(animate=False, immediate=True)

    def _scrolled(self) -> None:
        view = self.view
        if view.max_scroll_y <= 0:
            text = "all"
        elif view.scroll_y <= 0:
            text = "top"
        elif view.scroll_y >= view.max_scroll_y:
            text = "end"
        else:
            text = f"{round(100 * view.scroll_y / view.max_scroll_y)}%"
        self.query_one("#reader-position", Static).update(Text(text))
        if self._save_timer is not None:
            self._save_timer.stop()
        self._save_timer = self.set_timer(POSITION_SAVE_DELAY, self._save_position)

    def _save_position(self) -> None:
        self.remember_position()
        self.app.post_message(SaveState())

    def remember_position(self) -> None:
        self.services.user_state.remember_position(self.brief.id, self.view.top_offset)

    def on_unmount(self) -> None:
        self.remember_position()

    def go_back(self) -> bool:
        """Escape: close the find box or the contents first."""
        find_bar = self.query_one("#find", FindBar)
        if find_bar.is_open:
            find_bar.close()
            return True
        contents = self.query_one("#contents", OptionList)
        if contents.display and contents.has_focus:
            contents.display = False
            self.view.focus()
            return True
        self.remember_position()
        self.app.post_message(SaveState())
        return False

    # -- contents and copy -----------------------------------------------------------------------

    def action_toggle_contents(self) -> None:
        contents = self.query_one("#contents", OptionList)
        if contents.option_count == 0:
            self.notify("This brief has no headings", severity="information")
            return
        if contents.display and contents.has_focus:
            contents.display = False
            self.view.focus()
            return
        contents.display = True
        contents.focus()

    @on(OptionList.OptionSelected, "#contents")
    def _heading_chosen(self, event: OptionList.OptionSelected) -> None:
        offset = int(event.option.id or 0)
        self.view.scroll_to_offset(offset)
        if self.size.width < WIDE:
            event.option_list.display = False
        self.view.focus()

    def action_copy_passage(self) -> None:
        view = self.view
        anchor = view.top_offset
        if 0 <= self.current < len(self.hits) and view.is_offset_visible(
            self.hits[self.current][0]
        ):
            anchor = self.hits[self.current][0]
        passage = view.passage_at(anchor)
        if passage is None:
            return
        text = clean(self.brief.body[passage[0] : passage[1]]).strip()
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {len(text):,} characters", timeout=2)

    # -- notes (tui.widgets.note_keeper, tui.widgets.visual_select) -----------------------------

    def _show_notes(self, text: Text) -> None:
        status = self.query_one("#reader-notes", Static)
        status.update(text)
        status.display = bool(text)  # no notes: the bar as it always was

    def action_select(self) -> None:
        view = self.view
        anchor = view.top_offset
        if 0 <= self.current < len(self.hits) and view.is_offset_visible(
            self.hits[self.current][0]
        ):
            anchor = self.hits[self.current][0]
        if not self.query_one(VisualBar).open(view, anchor):
            self.notify("Nothing to select in this brief", severity="information")

    @on(VisualBar.Done)
    def _selected(self, message: VisualBar.Done) -> None:
        self.notes.add(message.start, message.end)

    def action_step_note(self, delta: int) -> None:
        self.notes.step(delta)

    def action_edit_note(self) -> None:
        self.notes.edit()

    def action_delete_note(self) -> None:
        self.notes.delete()

    def action_undo_note(self) -> None:
        self.notes.undo()

    def action_brief_notes(self) -> None:
        self.post_message(OpenNotes(self.brief.id))

    def on_screen_resume(self) -> None:
        # Notes may have changed meanwhile (the notes screen, another process): show them again.
        if self.notes.loaded:
            self.notes.load()

    # -- entities and comparing (tui.widgets.entity_panel, tui.screens.compare) -----------------

    def action_toggle_entities(self) -> None:
        self.query_one(EntityPanel).toggle()

    def action_colour_entities(self) -> None:
        self.query_one(EntityPanel).toggle_highlight()

    def action_step_mention(self, delta: int) -> None:
        self.query_one(EntityPanel).step(delta)

    def action_compare_with(self) -> None:
        self.post_message(PickCompare(self.brief.id))
