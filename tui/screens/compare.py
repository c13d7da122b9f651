"""The compare screen: two briefs side by side (one at a time on a narrow terminal), the entities
they share or not, what each says about one, aligned passages and distinctive terms.

Everything is computed by `tui.core.compare` in a thread worker (mentions read from the index);
the screen only marks offsets in its two panes and scrolls them.
"""

from __future__ import annotations

import re
import time
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal, cast

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.markup import escape
from textual.message import Message
from textual.screen import Screen
from textual.widgets import ContentSwitcher, Footer, Static

from tui.commands import _highlight, bindings
from tui.core.brief import Brief
from tui.screens.reader import find_all
from tui.widgets.brief_view import Mark
from tui.widgets.compare_pane import SIDES, ComparePane, Side
from tui.widgets.compare_panel import CompareEntities, SaysView, TermsView
from tui.widgets.entity_panel import TYPE_STYLES, load_alias_book, step_index
from tui.widgets.find_bar import FindBar
from tui.widgets.safe import clean, one_line

if TYPE_CHECKING:
    from textual.app import App

    from tui.app import BriefsApp
    from tui.core.compare import Comparison, ParagraphLink
    from tui.core.entities.model import Mention

# From this width the panes sit side by side; below it one shows at a time (tab switches).
WIDE = 120
View = Literal["panes", "says", "terms"]
Where = Literal["top", "center"]
StepMode = Literal["entity", "find"]
# Mark layers in each pane: entity colours under everything, then a jumped-to sentence, then
# find matches and the selected entity's mentions (BriefView paints higher orders on top).
COLOURS, SENTENCE, FOUND, FOUND_CURRENT = "entities", "sentence", "find", "find-current"
SELECTED, SELECTED_CURRENT = "selected", "selected-current"
EXPORT_NAME_CHARS = 60  # of each id in the export's file name
VIEW_HINTS = {
    "says": "⏎ shows the sentence in its brief · tab the other brief · ]/[ next shared · esc back",
    "terms": "⏎ an entity: chosen in both briefs; a word: found in its brief · esc back",
}


def other(side: Side) -> Side:
    return "b" if side == "a" else "a"


def export_name(a: Brief, b: Brief) -> str:
    """A file name for the Markdown export of this pair."""
    parts = [re.sub(r"[^a-z0-9-]+", "-", x.id.lower())[:EXPORT_NAME_CHARS] for x in (a, b)]
    return f"compare-{parts[0].strip('-')}--{parts[1].strip('-')}.md"


class CompareScreen(Screen[None]):
    """Brief A and brief B with the reader's keys; entities, alignment and terms between them."""

    SCOPE = "compare"
    CSS_PATH = Path(__file__).parent.parent / "styles" / "compare.tcss"
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

    def __init__(self, first: str, second: str) -> None:
        super().__init__(classes="-active-a")
        self.ids = (first, second)
        self.briefs: dict[Side, Brief] = {}
        self.comparison: Comparison | None = None
        self.active: Side = "a"
        self.view: View = "panes"
        self.colours = True
        self.in_step = False
        self.selected: str | None = None
        self.current: dict[Side, int] = {"a": -1, "b": -1}
        self.step_mode: StepMode = "entity"
        self.found: list[tuple[int, int]] = []
        self.found_current = -1
        self.found_side: Side = "a"
        self.found_text = ""
        self.load_seconds: float | None = None  # mount to comparison shown (for benchmarks)
        self._mentions: dict[Side, dict[str, list[Mention]]] = {"a": {}, "b": {}}
        self._started = 0.0
        self._find_anchor = 0
        self._deferred: dict[Side, tuple[int, Where]] = {}
        self._pane_status = Text()

    @property
    def briefs_app(self) -> BriefsApp:
        return cast("BriefsApp", self.app)

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
                        yield ComparePane(side, id=f"pane-{side}")
            with Vertical(id="compare-side"):
                yield CompareEntities(id="entities")
        yield FindBar(id="find")
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
        self._show_titles()
        for side in SIDES:
            self.watch(self.pane(side), "scroll_y", partial(self._scrolled, side))
        first, second = self.ids
        if first == second:
            self.post_message(self.Failed(f"A and B are the same brief ({first})"))
            return
        paths = self.briefs_app.paths
        self._compare(first, second, paths.corpus, paths.index)

    # -- the comparison (worker) -----------------------------------------------------------------

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compare(self, first: str, second: str, corpus: Path, index_dir: Path) -> None:
        from tui.core.compare import compare, load_mentions

        app = self.briefs_app
        a, b = app.find_brief(first), app.find_brief(second)
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
            self.post_message(self.Failed(f"could not compare: {_one_line(exc)}"))
            return
        self.post_message(self.Compared(comparison, warning))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.briefs = {"a": message.a, "b": message.b}
        for side, brief in self.briefs.items():
            self.pane(side).show(brief)
        self._show_titles()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.notify(message.reason, severity="error", markup=False)
        if not self.briefs:
            self.dismiss()
        else:
            self._status(Text(message.reason))

    @on(Compared)
    def _compared(self, message: Compared) -> None:
        comparison = message.comparison
        self.comparison = comparison
        for side in SIDES:
            by_entity: dict[str, list[Mention]] = defaultdict(list)
            for mention in comparison.mentions_a if side == "a" else comparison.mentions_b:
                by_entity[mention.entity_id].append(mention)
            self._mentions[side] = dict(by_entity)
        self._paint_colours()
        for side in SIDES:
            links = comparison.alignment.links(side)
            unmatched = [(x.start, x.end) for x in links if not x.heading and not x.matched]
            self.pane(side).set_gutter(unmatched)
        self.entities.show(comparison, self.pane("a"))
        self._show_summary()
        self._status(
            Text("a: the counterpart of the paragraph in view · ┆ no counterpart", style="dim")
        )
        self._show_step()
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

    def _show_titles(self) -> None:
        for side in SIDES:
            brief = self.briefs.get(side)
            text = Text(side.upper(), style="bold")
            text.append("  ")
            text.append(one_line(brief.title) if brief else "…")
            title = self.query_one(f"#title-{side}", Static)
            title.update(text)
            title.set_class(side == self.active, "-active")
        self.set_class(self.active == "a", "-active-a")
        self.set_class(self.active == "b", "-active-b")

    def _status(self, text: Text) -> None:
        """What the panes last said (alignment, find); lists covering them have their own hint."""
        self._pane_status = text
        if self.view == "panes":
            self.query_one("#compare-status", Static).update(text)

    def _show_step(self) -> None:
        text = Text()
        if self.in_step:
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
        self._show_titles()
        self._show_step()
        if focus and self.view == "panes":
            self.pane(side).focus()
        if side != previous and self.one_pane:
            # The pane coming into view lays itself out again first (its width changed).
            self.call_after_refresh(self.call_after_refresh, self._apply_deferred, side)

    def go_to(self, side: Side, offset: int, *, where: Where = "top", reveal: bool = False) -> None:
        """Scroll a pane to a body offset; a pane hidden on a narrow terminal goes there when it
        is next shown (a hidden view has no height to scroll in)."""
        pane = self.pane(side)
        if pane.size.height == 0:
            self._deferred[side] = (offset, "center" if reveal else where)
        elif reveal:
            pane.reveal_offset(offset)
        else:
            pane.scroll_to_offset(offset, where=where)

    def _apply_deferred(self, side: Side) -> None:
        deferred = self._deferred.pop(side, None)
        if deferred is not None:
            self.pane(side).scroll_to_offset(deferred[0], where=deferred[1])

    def on_resize(self) -> None:
        # The breakpoint class changes with the width: the "tab for the other pane" hint too.
        self.call_after_refresh(self._show_step)

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
        if action in {"scroll_lines", "scroll_pages", "scroll_edge", "counterpart", "find"}:
            return self.view == "panes"
        return True

    def action_scroll_lines(self, lines: int) -> None:
        self.pane().scroll_relative(y=lines, animate=False, immediate=True)

    def action_scroll_pages(self, pages: float) -> None:
        pane = self.pane()
        height = max(1, pane.scrollable_content_region.height - 2)
        pane.scroll_relative(y=round(height * pages), animate=False, immediate=True)

    def action_scroll_edge(self, edge: str) -> None:
        pane = self.pane()
        if edge == "top":
            pane.scroll_home(animate=False, immediate=True)
        else:
            pane.scroll_end(animate=False, immediate=True)

    def _scrolled(self, side: Side) -> None:
        # Only the pane being read leads; the one that follows does not answer back.
        if self.in_step and side == self.active and self.comparison is not None:
            self._follow(side)

    def _follow(self, leader: Side) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        offset = self.pane(leader).top_offset
        self.go_to(other(leader), comparison.alignment.sync(leader, offset))

    def action_toggle_in_step(self) -> None:
        if self.comparison is None:
            return
        self.in_step = not self.in_step
        if self.in_step:
            self._follow(self.active)
        self._show_step()  # "in step" shows in the status bar while it lasts

    # -- alignment -------------------------------------------------------------------------------

    def paragraph_in_view(self, side: Side) -> ParagraphLink | None:
        """The first paragraph (not heading) that starts in view, else the one holding the top."""
        comparison = self.comparison
        if comparison is None:
            return None
        pane = self.pane(side)
        links = [x for x in comparison.alignment.links(side) if not x.heading]
        if not links:
            return None
        top = pane.top_offset
        ends = [x.end for x in links]
        index = bisect_left(ends, top + 1)
        if index >= len(links):
            return links[-1]
        link = links[index]
        if link.start < top and index + 1 < len(links):
            following = links[index + 1]
            if pane.is_offset_visible(following.start):
                bottom = round(pane.scroll_y) + pane.scrollable_content_region.height
                # A paragraph scrolled mostly out of view is not the one being read.
                if pane.line_of(link.end - 1) - round(pane.scroll_y) < 2 and (
                    pane.line_of(following.start) < bottom
                ):
                    return following
        return link

    def action_counterpart(self) -> None:
        comparison = self.comparison
        if comparison is None:
            return
        side, there = self.active, other(self.active)
        link = self.paragraph_in_view(side)
        if link is None:
            return
        here_name, there_name = side.upper(), there.upper()
        number = link.paragraph + 1
        self.pane(side).set_linked((link.start, link.end))
        if not link.matches:
            self.pane(there).set_linked(None)
            text = Text(f"{here_name} ¶{number}: ", style="bold")
            text.append(
                f"no counterpart in {there_name} (best score {link.best:.2f}, "
                f"below {link.threshold:.2f})"
            )
            self._status(text)
            return
        match = link.matches[0]
        target = self.pane(there)
        target.set_linked((match.start, match.end))
        self.go_to(there, match.start)
        text = Text(f"{here_name} ¶{number} ↔ {there_name} ¶{match.paragraph + 1}", style="bold")
        text.append(f"  score {match.score:.2f}")
        more = link.matches[1:]
        if more:
            also = ", ".join(f"¶{m.paragraph + 1} {m.score:.2f}" for m in more)
            text.append(f"  also {also}", style="dim")
        self._status(text)
        if self.one_pane:
            self.set_active(there)

    # -- entities --------------------------------------------------------------------------------

    @on(CompareEntities.Chosen)
    def _entity_chosen(self, message: CompareEntities.Chosen) -> None:
        self.select_entity(message.entity_id)

    def select_entity(self, entity_id: str, delta: int = 1) -> None:
        """Mark the entity in both panes and scroll each to its next mention."""
        if self.comparison is None:
            return
        if entity_id != self.selected:
            self.selected = entity_id
            self.current = {"a": -1, "b": -1}
        self.step_mode = "entity"
        self._clear_found()
        self._step_mentions(delta)

    def _step_mentions(self, delta: int) -> None:
        entity_id = self.selected
        if entity_id is None:
            return
        for side_ in SIDES:
            pane = self.pane(side_)
            mentions = self._mentions[side_].get(entity_id, [])
            starts = [m.start for m in mentions]
            self.current[side_] = step_index(starts, self.current[side_], pane.top_offset, delta)
            pane.set_marks(
                SELECTED, (Mark(m.start, m.end, "brief-view--hit") for m in mentions), order=12
            )
            index = self.current[side_]
            if index >= 0:
                mention = mentions[index]
                pane.set_marks(
                    SELECTED_CURRENT,
                    [Mark(mention.start, mention.end, "brief-view--current")],
                    order=22,
                )
                self.go_to(side_, mention.start, reveal=True)
            else:
                pane.clear_marks(SELECTED_CURRENT)
        self._show_entity_position()

    def _show_entity_position(self) -> None:
        comparison = self.comparison
        row = comparison.entity(self.selected) if comparison and self.selected else None
        if row is None:
            return
        text = Text(one_line(row.name), style="bold")
        for side in SIDES:
            count = row.count_a if side == "a" else row.count_b
            index = self.current[side]
            position = f"{index + 1}/{count}" if count else "–"
            text.append(f"  {side.upper()} {position}")
        self.entities.status(text)

    def action_step(self, delta: int) -> None:
        if self.step_mode == "find" and self.found:
            self.found_current = (self.found_current + delta) % len(self.found)
            self._paint_found()
            self.go_to(self.found_side, self.found[self.found_current][0], reveal=True)
            return
        if self.selected is None:
            highlighted = self.entities.highlighted_id
            if highlighted is None or self.comparison is None:
                self.notify("Choose an entity first: e opens the list", severity="information")
                return
            self.select_entity(highlighted, delta)
            return
        self._step_mentions(delta)

    def action_step_shared(self, delta: int) -> None:
        ids = self.entities.shared_ids
        if not ids:
            self.notify("These briefs share no entity", severity="information")
            return
        if self.selected in ids:
            index = (ids.index(self.selected) + delta) % len(ids)
        else:
            index = 0 if delta > 0 else len(ids) - 1
        entity_id = ids[index]
        self.entities.highlight(entity_id)
        self.selected = None  # a fresh start: the next mention from where each pane is
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
        self._show_step()
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
            says.show(comparison, self.selected or self.entities.highlighted_id)
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
        self._find_anchor = self.pane().top_offset
        self.query_one("#find", FindBar).open()

    @on(FindBar.Changed)
    def _find_changed(self, message: FindBar.Changed) -> None:
        self._find(message.text, self.active, anchor=self._find_anchor)

    def _find(self, needle: str, side: Side, *, anchor: int) -> None:
        self._clear_found()
        if not needle.strip():
            self.step_mode = "entity"
            self.query_one("#find", FindBar).show_count("")
            return
        brief = self.briefs.get(side)
        if brief is None:
            return
        self.step_mode, self.found_side, self.found_text = "find", side, needle
        self.found = find_all(clean(brief.body), needle)
        starts = [start for start, _ in self.found]
        self.found_current = bisect_left(starts, anchor) % len(starts) if starts else -1
        self._paint_found()
        if self.found_current >= 0:
            self.go_to(side, self.found[self.found_current][0], reveal=True)

    def _paint_found(self) -> None:
        pane = self.pane(self.found_side)
        pane.set_marks(FOUND, (Mark(s, e, "brief-view--hit") for s, e in self.found), order=10)
        if self.found_current >= 0:
            start, end = self.found[self.found_current]
            pane.set_marks(FOUND_CURRENT, [Mark(start, end, "brief-view--current")], order=20)
        count = f"{self.found_current + 1} of {len(self.found)}" if self.found else "no match"
        self.query_one("#find", FindBar).show_count(count)
        text = Text(f"find “{one_line(self.found_text)}” in {self.found_side.upper()}: ")
        text.append(count, style="bold")
        self._status(text)

    def _clear_found(self) -> None:
        for side in SIDES:
            pane = self.pane(side)
            pane.clear_marks(FOUND)
            pane.clear_marks(FOUND_CURRENT)
            pane.clear_marks(SENTENCE)
        self.found, self.found_current = [], -1

    @on(FindBar.Closed)
    def _find_closed(self) -> None:
        self.pane().focus()

    # -- export ----------------------------------------------------------------------------------

    def action_export(self) -> None:
        if self.comparison is None:
            self.notify("Still comparing: try again in a moment", severity="information")
            return
        self._export(self.comparison, Path.cwd(), self.briefs_app.paths.state)

    @work(thread=True, exclusive=True, group="compare-export", exit_on_error=False)
    def _export(self, comparison: Comparison, here: Path, state: Path) -> None:
        from tui.core.atomic import write_atomic
        from tui.core.compare_export import to_markdown

        text = to_markdown(comparison)
        name = export_name(comparison.a, comparison.b)
        problem = None
        # The current folder is where a shell user looks; the state folder when it is read-only.
        for folder in (here, state):
            try:
                folder.mkdir(parents=True, exist_ok=True)
                path = folder / name
                write_atomic(path, text)
            except OSError as exc:
                problem = exc.strerror or str(exc)
                continue
            self.post_message(self.Exported(path))
            return
        self.post_message(self.Exported(None, problem))

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


# -- choosing briefs to compare (command palette) ------------------------------------------------


def brief_picker(
    choices: list[tuple[str, str, str]], on_pick: Callable[[str], None]
) -> type[Provider]:
    """A palette provider listing briefs by title; choosing one calls `on_pick(id)`."""

    class BriefPicker(Provider):
        async def discover(self) -> Hits:
            for brief_id, title, detail in choices:
                yield DiscoveryHit(
                    Content(title),
                    partial(on_pick, brief_id),
                    text=title,
                    help=escape(detail) if detail else None,
                )

        async def search(self, query: str) -> Hits:
            matcher = self.matcher(query)
            for brief_id, title, detail in choices:
                score = matcher.match(title)
                if score > 0:
                    yield Hit(
                        score,
                        _highlight(matcher, title),
                        partial(on_pick, brief_id),
                        text=title,
                        help=escape(detail) if detail else None,
                    )

    return BriefPicker


def pick_other(app: App[Any], first: str) -> None:
    """Choose the brief to compare with `first`, then open the compare screen."""
    briefs_app = cast("BriefsApp", app)
    choices = [c for c in briefs_app.catalog_titles() if c[0] != first]
    if not choices:
        app.notify("No other brief to compare with", severity="information")
        return
    picker = brief_picker(sorted(choices, key=lambda c: c[1].casefold()), _opener(app, first))
    app.push_screen(CommandPalette(providers=[picker], placeholder="Compare with… (a title)"))


def pick_pair(app: App[Any]) -> None:
    """Choose brief A, then brief B, then open the compare screen."""
    briefs_app = cast("BriefsApp", app)
    choices = sorted(briefs_app.catalog_titles(), key=lambda c: c[1].casefold())
    if len(choices) < 2:
        app.notify("Comparing needs two briefs", severity="information")
        return
    picker = brief_picker(choices, partial(pick_other, app))
    app.push_screen(CommandPalette(providers=[picker], placeholder="Compare: brief A… (a title)"))


def _opener(app: App[Any], first: str) -> Callable[[str], None]:
    def open_pair(second: str) -> None:
        cast("BriefsApp", app).open_compare(first, second)

    return open_pair


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else exc.__class__.__name__


__all__ = ["CompareScreen", "brief_picker", "export_name", "pick_other", "pick_pair"]
