"""The compare screen: two briefs side by side (one at a time on a narrow terminal), the entities
they share or not, what each says about one, aligned passages and distinctive terms.

Everything is computed by `tui.core.compare` in a thread worker (mentions read from the index);
the screen only marks offsets in its two panes and scrolls them. Its parts live beside it:
navigation.py (scrolling, in step, counterparts), mentions.py (entity mentions), find.py, notes.py.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal, cast

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static

from tui.commands import bindings
from tui.core.brief import Brief
from tui.core.sanitize import error_line
from tui.screens.compare.find import PaneFind
from tui.screens.compare.host import COLOURS, SENTENCE, other
from tui.screens.compare.mentions import MentionSteps
from tui.screens.compare.navigation import PaneNavigation
from tui.screens.compare.notes import CompareNotes
from tui.services.entities import load_alias_book
from tui.services.exports import export_comparison
from tui.widgets.brief_view import Mark
from tui.widgets.compare_pane import SIDES, ComparePane, Side
from tui.widgets.compare_panel import CompareEntities, SaysView, TermsView
from tui.widgets.entity_rows import TYPE_STYLES
from tui.widgets.find_bar import FindBar
from tui.widgets.safe import one_line
from tui.widgets.visual_select import VisualBar

if TYPE_CHECKING:
    from tui.core.compare import Comparison
    from tui.services import Services

# From this width the panes sit side by side; below it one shows at a time (tab switches).
WIDE = 120
View = Literal["panes", "says", "terms"]
NOTE_ACTIONS = {"select", "step_note", "edit_note", "delete_note", "undo_note"}
StepMode = Literal["entity", "find"]
VIEW_HINTS = {
    "says": "⏎ shows the sentence in its brief · tab the other brief · ]/[ next shared · esc back",
    "terms": "⏎ an entity: chosen in both briefs; a word: found in its brief · esc back",
}


class CompareScreen(Screen[None]):
    """Brief A and brief B with the reader's keys; entities, alignment and terms between them."""

    SCOPE = "compare"
    CSS_PATH = Path(__file__).parents[2] / "styles" / "compare.tcss"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings("compare"))
    HORIZONTAL_BREAKPOINTS = [(0, "-one-pane"), (WIDE, "-two-panes")]  # noqa: RUF012

    @dataclass
    class Loaded(Message):
        """Both briefs were found (the comparison follows)."""

        a: Brief
        b: Brief

    @dataclass
    class Compared(Message):
        comparison: Comparison
        warning: str | None = None

    @dataclass
    class Failed(Message):
        reason: str

    @dataclass
    class Exported(Message):
        path: Path | None
        problem: str | None = None

    def __init__(self, services: Services, first: str, second: str) -> None:
        super().__init__(classes="-active-a")
        self.services = services
        self.ids = (first, second)
        self.briefs: dict[Side, Brief] = {}
        self.comparison: Comparison | None = None
        self.active: Side = "a"
        self.view: View = "panes"
        self.colours = True
        self.step_mode: StepMode = "entity"
        self.load_seconds: float | None = None  # mount to comparison shown (for benchmarks)
        self.navigation = PaneNavigation(self)
        self.mentions = MentionSteps(self, self.navigation, self._entity_status)
        self.finder = PaneFind(self, self.navigation, self._find_count)
        self._panes = {side: ComparePane(side, id=f"pane-{side}") for side in SIDES}
        self.notes = CompareNotes(self, services, self._panes)
        self._started = 0.0
        self._pane_status = Text()

    # -- layout ----------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Horizontal(id="compare-bar"):
            yield Static(Text("Compare", style="bold"), id="compare-name")
            yield Static(Text("reading both briefs…"), id="compare-summary")
        with Horizontal(id="compare-body"):
            # The lists that cover the panes (what each says, terms) are mounted when first
            # asked for: fewer widgets to style while the screen opens.
            with ContentSwitcher(id="compare-main", initial="panes"), Horizontal(id="panes"):
                for side in SIDES:
                    with Vertical(id=f"side-{side}", classes="side"):
                        yield Static("", id=f"title-{side}", classes="pane-title")
                        yield self._panes[side]
            with Vertical(id="compare-side"):
                yield CompareEntities(id="entities")
        yield FindBar(id="find")
        yield from self.notes.widgets()
        with Horizontal(id="compare-status-bar"):
            yield Static("", id="compare-status")
            yield Static("", id="compare-step")
        yield Footer(compact=True)

    def pane(self, side: Side | None = None) -> ComparePane:
        return self.query_one(f"#pane-{side or self.active}", ComparePane)

    @property
    def entities(self) -> CompareEntities:
        return self.query_one("#entities", CompareEntities)

    @property
    def one_pane(self) -> bool:
        return self.has_class("-one-pane")

    def on_mount(self) -> None:
        self._started = time.perf_counter()
        self.pane("a").focus()
        self.show_titles()
        for side in SIDES:
            self.watch(self.pane(side), "scroll_y", partial(self.navigation.scrolled, side))
        first, second = self.ids
        if first == second:
            self.post_message(self.Failed(f"A and B are the same brief ({first})"))
            return
        paths = self.services.paths
        self._compare(first, second, paths.corpus, paths.index)

    # -- the comparison (worker) -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compare(self, first: str, second: str, corpus: Path, index_dir: Path) -> None:
        from tui.core.compare import compare, load_mentions

        a, b = self.services.find_brief(first), self.services.find_brief(second)
        missing = [x for x, brief in ((first, a), (second, b)) if brief is None]
        if missing or a is None or b is None:
            self.post_message(self.Failed(f"no brief {', '.join(map(repr, missing))} to compare"))
            return
        self.post_message(self.Loaded(a, b))
        try:
            aliases, warning = load_alias_book(corpus)
            mentions_a, mentions_b = load_mentions([a, b], index_dir, aliases)
            comparison = compare(a, b, mentions_a, mentions_b, aliases=aliases)
        except Exception as exc:  # shown, and the screen still reads both briefs
            self.post_message(self.Failed(f"could not compare: {error_line(exc)}"))
            return
        self.post_message(self.Compared(comparison, warning))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.briefs = {"a": message.a, "b": message.b}
        for side, brief in self.briefs.items():
            self.pane(side).show(brief)
        self.notes.show(self.briefs)
        self.show_titles()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.notify(message.reason, severity="error", markup=False)
        if not self.briefs:
            self.dismiss()
        else:
            self.show_status(Text(message.reason))

    @on(Compared)
    def _compared(self, message: Compared) -> None:
        comparison = message.comparison
        self.comparison = comparison
        self.mentions.load(comparison)
        self._paint_colours()
        for side in SIDES:
            links = comparison.alignment.links(side)
            unmatched = [(x.start, x.end) for x in links if not x.heading and not x.matched]
            self.pane(side).set_gutter(unmatched)
        self.entities.show(comparison, self.pane("a"))
        self._show_summary()
        self.show_status(
            Text("a: the counterpart of the paragraph in view · ┆ no counterpart", style="dim")
        )
        self.show_step()
        self.load_seconds = time.perf_counter() - self._started
        if message.warning:
            self.notify(message.warning, severity="warning", markup=False)

    def _show_summary(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        links = [x for x in comparison.alignment.a_to_b if not x.heading]
        matched = sum(1 for x in links if x.matched)
        text = Text()
        text.append(f"{len(comparison.shared)} shared", style="bold")
        text.append(f" · {len(comparison.only_a)} only in A · {len(comparison.only_b)} only in B")
        text.append(f" · {matched} of {len(links)} A paragraphs aligned", style="dim")
        self.query_one("#compare-summary", Static).update(text)

    def show_titles(self) -> None:
        for side in SIDES:
            brief = self.briefs.get(side)
            text = Text(side.upper(), style="bold")
            text.append("  ")
            notes = self.notes.summaries[side]
            if notes:
                text.append_text(notes)
                text.append(" · ", style="dim")
            text.append(one_line(brief.title) if brief else "…")
            title = self.query_one(f"#title-{side}", Static)
            title.update(text)
            title.set_class(side == self.active, "-active")
        self.set_class(self.active == "a", "-active-a")
        self.set_class(self.active == "b", "-active-b")

    def show_status(self, text: Text) -> None:
        """What the panes last said (alignment, find); lists covering them have their own hint."""
        self._pane_status = text
        if self.view == "panes":
            self.query_one("#compare-status", Static).update(text)

    def show_step(self) -> None:
        text = Text()
        if self.navigation.in_step:
            text.append("in step", style="bold")
        if self.one_pane and self.view == "panes":
            text.append("  " if text else "")
            text.append(f"⇥ {other(self.active).upper()}", style="dim")
        self.query_one("#compare-step", Static).update(text)

    # -- colours and marks -----------------------------------------------------------------------

    def _entity_style(self, entity_id: str) -> str:
        comparison = self.comparison
        row = comparison.entity(entity_id) if comparison else None
        if row is None:
            return "compare-pane--only"
        return TYPE_STYLES[row.type] if row.side == "both" else "compare-pane--only"

    def _paint_colours(self) -> None:
        comparison = self.comparison
        for side in SIDES:
            pane = self.pane(side)
            if not self.colours or comparison is None:
                pane.clear_marks(COLOURS)
                continue
            mentions = comparison.mentions_a if side == "a" else comparison.mentions_b
            styles: dict[str, str] = {}
            marks = []
            for m in mentions:
                style = styles.get(m.entity_id)
                if style is None:
                    style = styles[m.entity_id] = self._entity_style(m.entity_id)
                marks.append(Mark(m.start, m.end, style))
            pane.set_marks(COLOURS, marks, order=5)

    def action_toggle_colours(self) -> None:
        self.colours = not self.colours
        self._paint_colours()

    # -- panes -----------------------------------------------------------------------------------

    def set_active(self, side: Side, *, focus: bool = True) -> None:
        previous = self.active
        self.active = side
        self.show_titles()
        self.show_step()
        if focus and self.view == "panes":
            self.pane(side).focus()
        if side != previous and self.one_pane:
            # The pane coming into view lays itself out again first (its width changed).
            self.call_after_refresh(self.call_after_refresh, self.navigation.apply_deferred, side)

    def on_resize(self) -> None:
        # The breakpoint class changes with the width: the "tab for the other pane" hint too.
        self.call_after_refresh(self.show_step)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        widget = event.widget
        if isinstance(widget, ComparePane) and widget.side != self.active:
            self.set_active(widget.side, focus=False)

    def action_switch_pane(self) -> None:
        if self.view != "panes":
            lists = (
                self.query_one("#says", SaysView)
                if self.view == "says"
                else self.query_one("#terms", TermsView)
            )
            lists.focus_side(other(lists.focused_side or "b"))
            return
        if not isinstance(self.focused, ComparePane):
            self.pane().focus()
            return
        self.set_active(other(self.active))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Keys that move the text do nothing while a list covers the panes.
        if action in {"scroll_lines", "scroll_pages", "scroll_edge", "counterpart", "find"} or (
            action in NOTE_ACTIONS
        ):
            return self.view == "panes"
        return True

    def action_scroll_lines(self, lines: int) -> None:
        self.navigation.scroll_lines(lines)

    def action_scroll_pages(self, pages: float) -> None:
        self.navigation.scroll_pages(pages)

    def action_scroll_edge(self, edge: str) -> None:
        self.navigation.scroll_edge(edge)

    def action_toggle_in_step(self) -> None:
        self.navigation.toggle_in_step()

    def action_counterpart(self) -> None:
        self.navigation.counterpart()

    # -- entities --------------------------------------------------------------------------------

    @on(CompareEntities.Chosen)
    def _entity_chosen(self, message: CompareEntities.Chosen) -> None:
        self.select_entity(message.entity_id)

    def select_entity(self, entity_id: str, delta: int = 1) -> None:
        """Mark the entity in both panes and scroll each to its next mention."""
        if self.comparison is None:
            return
        self.step_mode = "entity"
        self.finder.clear()
        self.mentions.select(entity_id, delta)

    def _entity_status(self, text: Text) -> None:
        self.entities.status(text)

    def action_step(self, delta: int) -> None:
        if self.step_mode == "find" and self.finder.found:
            self.finder.step(delta)
            return
        if self.mentions.selected is None:
            highlighted = self.entities.highlighted_id
            if highlighted is None or self.comparison is None:
                self.notify("Choose an entity first: e opens the list", severity="information")
                return
            self.select_entity(highlighted, delta)
            return
        self.mentions.step(delta)

    def action_step_shared(self, delta: int) -> None:
        ids = self.entities.shared_ids
        if not ids:
            self.notify("These briefs share no entity", severity="information")
            return
        if self.mentions.selected in ids:
            index = (ids.index(self.mentions.selected) + delta) % len(ids)
        else:
            index = 0 if delta > 0 else len(ids) - 1
        entity_id = ids[index]
        self.entities.highlight(entity_id)
        self.mentions.selected = None  # a fresh start: the next mention from where each pane is
        self.select_entity(entity_id)
        if self.view == "says":
            self.query_one("#says", SaysView).show(cast("Comparison", self.comparison), entity_id)

    def action_toggle_entities(self) -> None:
        hidden = self.has_class("-no-entities")
        if hidden:
            self.remove_class("-no-entities")
            self.entities.option_list.focus()
        elif self.entities.option_list.has_focus or self.view != "panes":
            self.add_class("-no-entities")
            if self.view == "panes":
                self.pane().focus()
        else:
            self.entities.option_list.focus()

    # -- what each says, distinctive terms -------------------------------------------------------

    def _switch(self, view: View) -> None:
        self.view = view
        self.query_one("#compare-main", ContentSwitcher).current = view
        self.set_class(view != "panes", "-covered")
        self.show_step()
        hint = VIEW_HINTS.get(view)
        self.query_one("#compare-status", Static).update(
            Text(hint, style="dim") if hint else self._pane_status
        )
        if view == "panes":
            self.pane().focus()

    async def action_toggle_view(self, view: str) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        if view not in ("says", "terms") or self.view == view:
            self._switch("panes")
            return
        switcher = self.query_one("#compare-main", ContentSwitcher)
        if view == "says":
            if not self.query("#says"):
                await switcher.add_content(SaysView(id="says"))
            says = self.query_one("#says", SaysView)
            says.show(comparison, self.mentions.selected or self.entities.highlighted_id)
            self._switch("says")
            says.focus_side(self.active)
        else:
            if not self.query("#terms"):
                await switcher.add_content(TermsView(id="terms"))
                self.query_one("#terms", TermsView).show(comparison)
            self._switch("terms")
            self.query_one("#terms", TermsView).focus_side(self.active)

    @on(SaysView.Jump)
    def _jump(self, message: SaysView.Jump) -> None:
        self._switch("panes")
        self.set_active(message.side)
        pane = self.pane(message.side)
        pane.set_marks(SENTENCE, [Mark(message.start, message.end, "compare-pane--sentence")])
        pane.scroll_to_offset(message.start, where="center")

    @on(TermsView.Chosen)
    def _term_chosen(self, message: TermsView.Chosen) -> None:
        self._switch("panes")
        self.set_active(message.side)
        if message.kind == "entity":
            self.entities.highlight(message.key)
            self.select_entity(message.key)
            return
        self._find(message.label, message.side, anchor=0)

    # -- find ------------------------------------------------------------------------------------

    def action_find(self) -> None:
        self.finder.anchor = self.pane().top_offset
        self.query_one("#find", FindBar).open()

    @on(FindBar.Changed)
    def _find_changed(self, message: FindBar.Changed) -> None:
        self._find(message.text, self.active, anchor=self.finder.anchor)

    def _find(self, needle: str, side: Side, *, anchor: int) -> None:
        self.step_mode = "find" if self.finder.find(needle, side, anchor=anchor) else "entity"

    def _find_count(self, count: str) -> None:
        self.query_one("#find", FindBar).show_count(count)

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        self.pane().focus()

    # -- notes (compare/notes.py) ----------------------------------------------------------------

    def action_select(self) -> None:
        if not self.notes.select():
            self.notify("Nothing to select yet", severity="information")

    @on(VisualBar.Done)
    def _selected(self, message: VisualBar.Done) -> None:
        self.notes.selected(message.view, message.start, message.end)

    def action_step_note(self, delta: int) -> None:
        self.notes.keeper().step(delta)

    def action_edit_note(self) -> None:
        self.notes.keeper().edit()

    def action_delete_note(self) -> None:
        self.notes.keeper().delete()

    def action_undo_note(self) -> None:
        self.notes.keeper().undo()

    def on_screen_resume(self) -> None:
        self.notes.reload()  # the notes screen or another process may have changed them

    # -- export ----------------------------------------------------------------------------------

    def action_export(self) -> None:
        if self.comparison is None:
            self.notify("Still comparing: try again in a moment", severity="information")
            return
        self._export(self.comparison, Path.cwd(), self.services.paths.state)

    @work(thread=True, exclusive=True, group="compare-export", exit_on_error=False)
    def _export(self, comparison: Comparison, here: Path, state: Path) -> None:
        done = export_comparison(comparison, here, state)
        self.post_message(self.Exported(done.path, done.problem))

    @on(Exported)
    def _exported(self, message: Exported) -> None:
        if message.path is None:
            self.notify(f"Export failed: {message.problem}", severity="error", markup=False)
            return
        self.notify(f"Wrote {message.path}", title="Export", markup=False)

    # -- leaving ---------------------------------------------------------------------------------

    def go_back(self) -> bool:
        """Escape: close the find box, a list covering the panes, or leave the entity list."""
        find_bar = self.query_one("#find", FindBar)
        if find_bar.is_open:
            find_bar.close()
            return True
        if self.view != "panes":
            self._switch("panes")
            return True
        if not isinstance(self.focused, ComparePane):
            self.pane().focus()
            return True
        return False


__all__ = ["CompareScreen"]
