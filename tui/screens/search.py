"""The search screen: search as you type, results with snippets, facets, "did you mean"."""

from __future__ import annotations

import datetime as dt
import gc
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from tui.commands import bindings, key_names
from tui.messages import OpenBrief
from tui.widgets.facets import ALL, fill_facet
from tui.widgets.safe import SafeInput, clean, one_line
from tui.widgets.search_hits import hit_prompt

if TYPE_CHECKING:
    from tui.core.search import SearchHit, SearchResult
    from tui.services import IndexState, Services

# Seconds: keys closer together than this (key repeat, a paste typed out) are searched as one
# query. Slower typing searches at every key; while a search runs, the keys typed meanwhile wait
# for it and are then searched as one, so a slow search never queues up stale ones.
DEBOUNCE = 0.04
GC_RESUME = 0.5  # seconds after the last key before garbage collection runs again
FOLLOWUP_DELAY = 0.15  # seconds of pause in the typing before the facet and suggestion follow
LIMIT = 20  # a screenful or four; more costs search and paint time for nothing seen
FIRST_SHOWN = 8  # results painted at each key: two screenfuls at 80x24, most of one at 160x48


@dataclass(frozen=True)
class SearchRequest:
    seq: int
    query: str
    source: str | None
    year: str | None
    entity: str | None = None
    limit: int = 20


def year_range(year: str | None) -> tuple[dt.date | None, dt.date | None]:
    if not year or not year.isdigit():
        return None, None
    number = int(year)
    return dt.date(number, 1, 1), dt.date(number, 12, 31)


class SearchScreen(Screen[None]):
    """Type a query; results follow as you type. Enter reads the selected result at its hits."""

    SCOPE = "search"
    CSS_PATH = Path(__file__).parent.parent / "styles" / "search.tcss"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings("search"))

    @dataclass
    class Answered(Message):
        """A worker's answer to one request; stale ones (an older `seq`) are dropped."""

        seq: int
        result: SearchResult | None
        problem: str | None = None

    @dataclass
    class Followup(Message):
        """What one answer's results are shown without, sent just after it: the entity facet of
        its hits and the "did you mean"."""

        seq: int
        counts: dict[str, int]
        names: dict[str, str] = field(default_factory=dict)
        suggestion: str | None = None

    def __init__(self, services: Services, query: str = "") -> None:
        super().__init__()
        self.services = services
        self.initial_query = query
        self.source: str | None = None
        self.year: str | None = None
        self.entity: str | None = None  # an entity id: results must mention it
        self.entity_names: dict[str, str] = {}
        self.result: SearchResult | None = None
        self.hits: list[SearchHit] = []
        self.seq = 0
        self._timer: Timer | None = None
        self._waiting_for_index = False
        self._last_key = 0.0
        self._gc_timer: Timer | None = None
        self._gc_was_enabled = True
        self._limit = LIMIT  # results asked for: grows as the end of the list is reached
        self._more = False  # the next request is for more of the same
        self._more_seq: int | None = None
        self._in_flight: int | None = None  # the request being answered
        self._waiting = False  # keys typed while it runs

    def compose(self) -> ComposeResult:
        with Horizontal(id="search-bar"):
            yield Static(Text("Search", style="bold"), id="search-name")
            yield SafeInput(
                value=self.initial_query,
                placeholder='words, "a phrase", source:…, year:2024, -not',
                id="query",
                compact=True,
                select_on_focus=True,
            )
        yield Static("", id="search-message")
        with Horizontal(id="search-body"):
            with Vertical(id="facets"):
                yield Static(Text("Source", style="bold"), classes="facet-title")
                yield OptionList(id="facet-source", classes="facet")
                yield Static(Text("Year", style="bold"), classes="facet-title")
                yield OptionList(id="facet-year", classes="facet")
                yield Static(Text("Entity", style="bold"), classes="facet-title")
                yield OptionList(id="facet-entity", classes="facet")
            yield OptionList(id="results")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.focus_query()
        self.watch(self.app, "index_state", self._index_state_changed, init=False)
        if self.initial_query.strip():
            self.schedule_search(now=True)
        else:
            self._show_hint()

    def focus_query(self) -> None:
        self.query_one("#query", Input).focus()

    # -- asking ----------------------------------------------------------------------------------

    @property
    def query_text(self) -> str:
        return self.query_one("#query", Input).value

    @on(Input.Changed, "#query")
    def _query_changed(self) -> None:
        now = time.monotonic()
        quick = now - self._last_key < DEBOUNCE
        self._last_key = now
        self._hold_gc()
        if self._in_flight is not None:
            self._waiting = True  # sent when the running search answers
            if self._timer is not None:
                self._timer.stop()
            return
        self.schedule_search(now=not quick)

    def _hold_gc(self) -> None:
        """No full garbage collection while keys come: with 10k briefs loaded one takes 50-130
        ms and fell every few seconds of typing, in the middle of painting results. Collection
        resumes GC_RESUME seconds after the last key (objects are still freed by reference
        counting meanwhile; only cycles wait)."""
        if self._gc_timer is None:
            self._gc_was_enabled = gc.isenabled()
            gc.disable()
        else:
            self._gc_timer.stop()
        self._gc_timer = self.set_timer(GC_RESUME, self._resume_gc)

    def _resume_gc(self) -> None:
        self._gc_timer = None
        if self._gc_was_enabled:
            gc.enable()

    def on_unmount(self) -> None:
        if self._gc_timer is not None:
            self._gc_timer.stop()
            self._resume_gc()

    def schedule_search(self, *, now: bool = False) -> None:
        if self._timer is not None:
            self._timer.stop()
        if now:
            self._send()
        else:
            self._timer = self.set_timer(DEBOUNCE, self._send)

    def _send(self) -> None:
        self._waiting = False
        more, self._more = self._more, False
        self.seq += 1
        query = self.query_text
        self.services.user_state.last_query = query
        if not query.strip():
            self.result, self.hits = None, []
            self.query_one("#results", OptionList).clear_options()
            self._fill_facets({})
            self._show_hint()
            return
        index_state = self.services.index_state
        if not index_state.searchable and index_state.phase in {"waiting", "checking", "updating"}:
            self._waiting_for_index = True
            self._message(Text(f"Waiting for the index ({index_state.text})"))
            return
        self._in_flight = self.seq
        # Reaching the last result asks for the next LIMIT with the same query and filters.
        self._limit = self._limit + LIMIT if more else LIMIT
        self._more_seq = self.seq if more else None
        request = SearchRequest(
            self.seq, query, self.source, self.year, self.entity, limit=self._limit
        )
        self.run_search(request)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, request: SearchRequest) -> None:
        date_from, date_to = year_range(request.year)
        try:
            searcher = self.services.searchers.get()
            result = searcher.search(
                request.query,
                limit=request.limit,
                source=request.source,
                date_from=date_from,
                date_to=date_to,
                entity=request.entity,
                suggest=False,
            )
        except Exception as exc:
            problem = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            self.post_message(self.Answered(request.seq, None, problem))
            return
        self.post_message(self.Answered(request.seq, result))

    @work(thread=True, exclusive=True, group="followup", exit_on_error=False)
    def run_followup(self, seq: int, query: str, brief_ids: list[str]) -> None:
        """The entities the results mention (read from the index) and the spelling suggestion.

        Each takes as long as the search itself, so it waits until the results are painted and
        the typing has paused: run beside the painting or the next key's search, it would slow
        them down (one interpreter lock for all).
        """
        from tui.services.entities import entity_facet

        time.sleep(FOLLOWUP_DELAY)
        if get_current_worker().is_cancelled or seq != self.seq:
            return  # typed past: the next answer brings its own
        try:
            searcher = self.services.searchers.get()
            counts, names = entity_facet(searcher, brief_ids)
        except Exception:
            counts, names = {}, {}  # an unreadable annotation: no entity facet, not an error
        if get_current_worker().is_cancelled or seq != self.seq:
            return  # typed past: the next answer brings its own
        try:
            suggestion = searcher.suggestion(query, typing=True)
        except Exception:
            suggestion = None
        self.post_message(self.Followup(seq, counts, names, suggestion))

    def _index_state_changed(self, state: IndexState) -> None:
        # A finished update (or the first index) can change the answer: ask again.
        if (
            state.phase == "ready"
            and state.searchable
            and (self._waiting_for_index or self.query_text.strip())
        ):
            self._waiting_for_index = False
            self.schedule_search(now=True)

    # -- answers ---------------------------------------------------------------------------------

    @on(Answered)
    def _answered(self, message: Answered) -> None:
        if message.seq == self._in_flight:
            self._in_flight = None
        if self._waiting and self._in_flight is None:
            self._send()  # the keys typed while this search ran
            return
        if message.seq != self.seq:
            return  # an answer to something the user has already typed past
        if message.result is None:
            self._message(Text(f"Search unavailable: {message.problem}", style="bold"))
            return
        result = message.result
        if self.result is not None and "entity" not in result.facets:
            # Until this answer's own entity facet arrives, the last one stays on screen.
            result.facets["entity"] = self.result.facets.get("entity", {})
        self.result = result
        self.hits = list(result.hits)
        results = self.query_one("#results", OptionList)
        more = message.seq == self._more_seq
        place = results.highlighted if more else None
        results.clear_options()
        # The first results now, the rest with the facets once the typing pauses: painting
        # costs about 2 ms a result, paid at every key. More of the same are shown at once.
        results.add_options(self._hit_options(0, len(self.hits) if more else FIRST_SHOWN))
        if self.hits:
            results.highlighted = min(place or 0, len(self.hits) - 1)
        self.refresh_bindings()
        self._fill_facets(result.facets)
        self._show_result_message(result)
        ids = [hit.id for hit in self.hits]
        self.call_after_refresh(self.run_followup, message.seq, result.query, ids)

    @on(OptionList.OptionHighlighted, "#results")
    def _reached(self, event: OptionList.OptionHighlighted) -> None:
        """On the last result shown, when more match, ask for the next ones."""
        results = event.option_list
        if (
            self.result is not None
            and event.option_index == len(self.hits) - 1
            and results.option_count == len(self.hits)
            and len(self.hits) < self.result.total
            and self._in_flight is None
            and self.query_text == self.result.query
        ):
            self._more = True
            self._send()

    def _hit_options(self, start: int, end: int) -> list[Option | None]:
        options: list[Option | None] = []
        for number, hit in enumerate(self.hits[start:end], start):
            if number:
                options.append(None)  # a rule between results
            options.append(Option(hit_prompt(hit), id=f"hit-{number}"))
        return options

    @on(Followup)
    def _followup(self, message: Followup) -> None:
        if message.seq != self.seq or self.result is None:
            return
        if len(self.hits) > FIRST_SHOWN:
            results = self.query_one("#results", OptionList)
            if results.option_count < len(self.hits):
                results.add_options(self._hit_options(FIRST_SHOWN, len(self.hits)))
        self.entity_names.update(message.names)
        self.result.facets["entity"] = message.counts
        self._fill_facets(self.result.facets, only="entity")
        if message.suggestion != self.result.suggestion:
            self.result.suggestion = message.suggestion
            self._show_result_message(self.result)
            self.refresh_bindings()

    def _show_result_message(self, result: SearchResult) -> None:
        text = Text()
        if result.error:
            text.append(one_line(result.error), style="bold")
            text.append("\n")
        count = result.total
        shown = len(result.hits)
        if count == 0:
            text.append("No brief matches.", style="")
        else:
            text.append(f"{count:,} brief{'s' if count != 1 else ''}")
            if shown < count:
                text.append(f" (best {shown} shown)", style="dim")
        entity = self.entity_names.get(self.entity, self.entity) if self.entity else None
        if self.source or self.year or entity:
            narrowed = ", ".join(one_line(v) for v in (self.source, self.year, entity) if v)
            text.append(f"  in {narrowed}", style="dim")
        if result.suggestion:
            key = key_names("ctrl+r")
            text.append("   Did you mean ")
            text.append(one_line(result.suggestion), style="bold underline")
            text.append(f"? ({key})")
        self._message(text)

    def _message(self, text: Text) -> None:
        self.query_one("#search-message", Static).update(text)

    def _show_hint(self) -> None:
        catalog = self.services.catalog
        briefs = f"{len(catalog):,} briefs" if catalog.loaded else "the briefs"
        self._message(
            Text(f"Type to search {briefs}. ↓ results, ⏎ read at the first hit.", style="dim")
        )

    def _fill_facets(self, facets: dict[str, dict[str, int]], only: str | None = None) -> None:
        for name, chosen, widget_id in (
            ("source", self.source, "#facet-source"),
            ("year", self.year, "#facet-year"),
            ("entity", self.entity, "#facet-entity"),
        ):
            if only is not None and name != only:
                continue
            names = self.entity_names if name == "entity" else {}
            fill_facet(
                self.query_one(widget_id, OptionList), name, facets.get(name, {}), chosen, names
            )

    # -- acting ----------------------------------------------------------------------------------

    def selected_hit(self) -> SearchHit | None:
        results = self.query_one("#results", OptionList)
        index = results.highlighted
        if index is None or not 0 <= index < len(self.hits):
            return None
        return self.hits[index]

    def action_open_hit(self) -> None:
        focused = self.focused
        if isinstance(focused, OptionList) and focused.has_class("facet"):
            if focused.highlighted is not None:
                option = focused.get_option_at_index(focused.highlighted)
                self._apply_facet(focused.id or "", option.id or ALL)
            return
        hit = self.selected_hit()
        if hit is None:
            return
        spans = list(hit.spans)
        self.post_message(OpenBrief(hit.id, query=self.query_text, hits=spans))

    @on(OptionList.OptionSelected, "#results")
    def _result_clicked(self, event: OptionList.OptionSelected) -> None:
        self.action_open_hit()

    @on(OptionList.OptionSelected, ".facet")
    def _facet_clicked(self, event: OptionList.OptionSelected) -> None:
        self._apply_facet(event.option_list.id or "", event.option.id or ALL)

    def _apply_facet(self, widget_id: str, option_id: str) -> None:
        value = None if option_id == ALL else option_id.split(":", 1)[1]
        if widget_id == "facet-source":
            self.source = None if value == self.source else value
        elif widget_id == "facet-entity":
            self.entity = None if value == self.entity else value
        else:
            self.year = None if value == self.year else value
        self.schedule_search(now=True)

    def action_focus_results(self) -> None:
        self.query_one("#results", OptionList).focus()

    def action_focus_facets(self) -> None:
        facets = list(self.query(".facet").results(OptionList))
        if not self.query_one("#facets").display:
            self.notify("Widen the terminal to see the facets", severity="information")
            return
        now = next((n for n, facet in enumerate(facets) if facet.has_focus), -1)
        facets[(now + 1) % len(facets)].focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # The "did you mean" key only shows in the footer when there is a suggestion.
        if action == "apply_suggestion":
            return bool(self.result and self.result.suggestion)
        return True

    def action_apply_suggestion(self) -> None:
        if self.result is None or not self.result.suggestion:
            return
        query = self.query_one("#query", Input)
        query.value = self.result.suggestion
        query.cursor_position = len(query.value)
        self.schedule_search(now=True)

    def on_click(self, event: object) -> None:
        widget = getattr(event, "widget", None)
        if widget is not None and getattr(widget, "id", None) == "search-message":
            self.action_apply_suggestion()

    def action_copy_hit(self) -> None:
        hit = self.selected_hit()
        if hit is None:
            return
        snippet = clean(hit.snippets[0].text).strip() if hit.snippets else ""
        text = f"{one_line(hit.title)}\n{snippet}".strip()
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {len(text):,} characters", timeout=2)

    def go_back(self) -> bool:
        results = self.query_one("#results", OptionList)
        facets_focused = any(w.has_focus for w in self.query(".facet"))
        if results.has_focus or facets_focused:
            self.focus_query()
            return True
        return False
