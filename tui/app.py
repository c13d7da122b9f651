"""The briefs app: screens, the workers that list the corpus and keep the index fresh, create_app.

Start-up order matters: a thread worker reads the cached listing at once and the library shows it;
once those titles are painted, workers check the corpus files against it and check/update the
index, and post messages that the screens show. Nothing on the UI thread imports Whoosh or reads
the corpus.
"""

from __future__ import annotations

import contextlib
import gc
import threading
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from textual import events, on, work
from textual._path import CSSPathType
from textual.app import App
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.worker import Worker, WorkerState

from tui.commands import BriefsProvider, CommandsProvider, bindings
from tui.core.listing import (
    BriefEntry,
    DiskSignature,
    Listing,
    cache_file,
    cached_listing,
    disk_signature,
    list_corpus,
)
from tui.core.paths import Paths
from tui.core.state import StateStore, UserState
from tui.widgets.safe import one_line

if TYPE_CHECKING:
    from tui.core.brief import Brief
    from tui.core.search import Searcher

# Below this the layouts cannot work; 80x24 is what they are designed for.
MIN_WIDTH, MIN_HEIGHT = 60, 15
# How long after the last scroll a reading position is written, so a dropped SSH link loses little.
POSITION_SAVE_DELAY = 2.0
# A listing cache up to this size (about 330 briefs) is read on the UI thread before the first
# frame: about a millisecond at most (0.04 ms for the bundled corpus), and the titles are then
# in that frame instead of a later one.
SMALL_LISTING_CACHE = 64 * 1024
# How often the app looks for briefs added, or an index updated, by another process.
WATCH_INTERVAL = 1.0

IndexPhase = Literal["waiting", "checking", "updating", "ready", "locked", "failed"]


@dataclass(frozen=True)
class IndexState:
    """What the screens show about the index, and whether search can use it."""

    phase: IndexPhase
    text: str  # one line for the status bar
    searchable: bool = False  # a usable index is on disk (perhaps an older one, being updated)
    generation: int = 0  # bumps after each update: searchers refresh when it changes


class ThreadSearchers:
    """One Searcher per worker thread, refreshed after the index changes.

    Whoosh searchers are not thread-safe but are costly to open, so each thread of the worker pool
    keeps its own and reuses it.
    """

    def __init__(self, paths: Paths) -> None:
        self._paths = paths
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Searcher] = []
        self.generation = 0

    def get(self) -> Searcher:
        """This thread's searcher; raises whatever Searcher raises when there is no index."""
        entry: list[Any] | None = getattr(self._local, "entry", None)
        if entry is None:
            from tui.core.search import Searcher

            searcher = Searcher(self._paths.index)
            with self._lock:
                self._open.append(searcher)
            self._local.entry = [searcher, self.generation]
            return searcher
        searcher, seen = entry
        if seen != self.generation:
            searcher.refresh()
            entry[1] = self.generation
        return searcher  # type: ignore[no-any-return]

    def close_all(self) -> None:
        with self._lock:
            for searcher in self._open:
                # Closing at exit: nothing useful to tell the user if it fails.
                with contextlib.suppress(Exception):
                    searcher.close()
            self._open.clear()


class BriefsApp(App[None]):
    """Find, read and search briefs from the keyboard."""

    # The library's stylesheet is read with the app's: as a screen's CSS_PATH it would be read when
    # the library is pushed, and adding a stylesheet then re-parses every rule the app has (and
    # restyles every widget), all before the first frame.
    CSS_PATH: ClassVar[CSSPathType | None] = [
        Path(__file__).parent / "styles" / "app.tcss",
        Path(__file__).parent / "styles" / "library.tcss",
    ]
    TITLE = "briefs"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings("app"))
    COMMANDS: ClassVar[set[Any]] = {CommandsProvider, BriefsProvider}
    COMMAND_PALETTE_DISPLAY = "^p"
    # Screens get a class by width: below 80 columns the search facets make way for results.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (80, "-normal")]  # noqa: RUF012 (typed by Textual)

    index_state: reactive[IndexState] = reactive(IndexState("waiting", "index: waiting"))
    catalog_version: reactive[int] = reactive(0)

    @dataclass
    class CatalogLoaded(Message):
        listing: Listing | None  # None: no cached listing to show before the files are read

    @dataclass
    class IndexChanged(Message):
        state: IndexState

    @dataclass
    class StateSaveFailed(Message):
        reason: str

    @dataclass
    class DiskLooked(Message):
        signature: DiskSignature

    def __init__(
        self,
        paths: Paths,
        *,
        compare: tuple[str, str] | None = None,
        update_index: bool = True,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.compare_ids = compare
        self.update_index_on_start = update_index
        self.store = StateStore(paths.state)
        self.user_state = UserState()
        self.catalog: dict[str, BriefEntry] = {}
        self.catalog_errors: list[str] = []
        self.catalog_loaded = False
        self.searchers = ThreadSearchers(paths)
        self.too_small = False
        self._generation = 0
        self._state_loaded = False
        self._disk: DiskSignature | None = None
        self._background_started = False
        self._library_painted = False
        self._listing_known = False  # the cached listing (or the lack of one) has been seen

    # -- start-up --------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self._show_cached_catalog()
        # The state file is a few kB: read it before the first paint so the theme does not flash.
        loaded = self.store.load()
        self.user_state = loaded.state
        if loaded.state.theme and loaded.state.theme in self.available_themes:
            self.theme = loaded.state.theme
        # Not pushed from here: Textual holds every repaint until the app's mount handlers are
        # done, so a library built now has its complete first frame thrown away, and the rows
        # then only show in a later partial repaint, several refreshes on.
        self.call_later(self._open_library, loaded.warning)

    def _open_library(self, state_warning: str | None) -> None:
        from tui.screens.library import LibraryScreen

        self._state_loaded = True
        self.push_screen(LibraryScreen())
        if state_warning:
            self.notify(state_warning, title="State", severity="warning", markup=False)
        self._check_size(self.size.width, self.size.height)
        if self.compare_ids is not None:
            self.call_after_refresh(self.open_compare, *self.compare_ids)

    def library_painted(self) -> None:
        """The library's first frame is on screen (its on_mount asks for this after a refresh)."""
        self._library_painted = True
        # Off since launch (tui.cli.open_app). What start-up made lives as long as the app:
        # frozen, so later collections do not scan it again.
        gc.freeze()
        gc.enable()
        if self._listing_known:
            self._start_background()

    def _show_cached_catalog(self) -> None:
        """The listing as last saved, for the first frame. A small cache is read here, so its
        titles are in that frame; a large one in a worker, started before the library is built.
        """
        cache = cache_file(self.paths.state, self.paths.corpus)
        try:
            small = cache.stat().st_size <= SMALL_LISTING_CACHE
        except OSError:
            small = True  # no cache yet: nothing to wait for
        if small:
            self._catalog_loaded(self.CatalogLoaded(cached_listing(self.paths.corpus, cache)))
        else:
            self.load_cached_catalog()

    def _start_background(self) -> None:
        """Once the library has painted the cached titles (or found none): check the corpus
        files, check or update the index, watch for other processes. Started no earlier, as
        their work would slow the first screen down (one interpreter lock for all threads)."""
        if self._background_started:
            return
        self._background_started = True
        self.load_catalog()
        if self.update_index_on_start:
            self.refresh_index()
        else:
            self.check_index()
        self.set_interval(WATCH_INTERVAL, self._watch_tick)

    # -- other processes -------------------------------------------------------------------------

    def _watch_tick(self) -> None:
        # Our own index update changes the disk too: look again once it is over.
        busy = any(
            worker.group in {"index", "corpus", "watch"} and worker.is_running
            for worker in self.workers
        )
        if not busy:
            self.look_at_disk()

    @work(thread=True, exclusive=True, group="watch", exit_on_error=False)
    def look_at_disk(self) -> None:
        self.post_message(self.DiskLooked(disk_signature(self.paths.corpus, self.paths.index)))

    @on(DiskLooked)
    def _disk_looked(self, message: DiskLooked) -> None:
        before, self._disk = self._disk, message.signature
        if before is None or before == message.signature:
            return
        if before.corpus != message.signature.corpus:
            # `briefs add` in another shell: list the corpus again and index what is new.
            self.load_catalog()
            if self.update_index_on_start:
                self.refresh_index(quiet=True)
                return
        if before.index != message.signature.index:
            # Another process updated the index: searchers reopen it before their next query.
            state = self.index_state
            self.post_message(self.IndexChanged(replace(state, generation=-1)))

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def load_cached_catalog(self) -> None:
        """The listing as last saved, files unchecked: one file read, whatever the corpus size."""
        cache = cache_file(self.paths.state, self.paths.corpus)
        self.post_message(self.CatalogLoaded(cached_listing(self.paths.corpus, cache)))

    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def load_catalog(self) -> None:
        cache = cache_file(self.paths.state, self.paths.corpus)
        self.post_message(self.CatalogLoaded(list_corpus(self.paths.corpus, cache)))

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def check_index(self) -> None:
        """Only look: for a second app on the same index, or tests that must not write."""
        from tui.core.index import index_status

        status = index_status(self.paths.corpus, self.paths.index)
        text = "index up to date" if status.up_to_date else "index out of date"
        self.post_message(self.IndexChanged(IndexState("ready", text, searchable=status.healthy)))

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def refresh_index(self, quiet: bool = False) -> None:
        """Bring the index in step with the corpus, posting progress the library shows."""
        post = self.post_message
        if not quiet:
            post(self.IndexChanged(IndexState("checking", "checking the index…")))
        from tui.core.entities import default_annotator
        from tui.core.index import IndexLocked, index_status, update_index

        try:
            status = index_status(self.paths.corpus, self.paths.index)
        except Exception as exc:
            post(self.IndexChanged(IndexState("failed", f"index: {_one_line(exc)}")))
            return
        searchable = status.healthy
        if status.up_to_date:
            # Up to date, perhaps by another process's hand: searchers may hold an older view.
            ready = IndexState("ready", _ready_text(status.total), searchable, generation=-1)
            post(self.IndexChanged(ready))
            return
        doing = _updating_text(status.healthy, status.new, status.changed, status.deleted)
        post(self.IndexChanged(IndexState("updating", doing, searchable)))
        last = [0]

        def progress(done: int, total: int) -> None:
            # About twenty updates whatever the size: each one repaints the status bar.
            step = max(1, total // 20)
            if done == total or done - last[0] >= step:
                last[0] = done
                text = f"{doing.removesuffix('…')} {done}/{total}…"
                post(self.IndexChanged(IndexState("updating", text, searchable)))

        try:
            report = update_index(
                self.paths.corpus, self.paths.index, annotate=default_annotator(), progress=progress
            )
        except IndexLocked:
            text = "index busy: another briefs is updating it"
            post(self.IndexChanged(IndexState("locked", text, searchable)))
            return
        except Exception as exc:
            post(self.IndexChanged(IndexState("failed", f"index: {_one_line(exc)}", searchable)))
            return
        text = _ready_text(report.total)
        if report.errors:
            text += f" ({len(report.errors)} left out)"
        post(self.IndexChanged(IndexState("ready", text, searchable=True, generation=-1)))

    @on(CatalogLoaded)
    def _catalog_loaded(self, message: CatalogLoaded) -> None:
        if not self._listing_known:
            self._listing_known = True
            if self._library_painted:
                # A large cache, read by a worker: start the rest once its titles are painted.
                self.call_after_refresh(self._start_background)
        listing = message.listing
        if listing is None:
            return
        if self.catalog_loaded and listing.checked and not self._listing_changed(listing):
            # The files agree with the cached listing shown first: nothing to repaint or repeat.
            return
        known_errors = self.catalog_errors if self.catalog_loaded else []
        self.catalog = {entry.id: entry for entry in listing.entries}
        self.catalog_errors = list(listing.errors)
        self.catalog_loaded = True
        self.catalog_version += 1
        # The catalog lives as long as the app: out of the garbage collector's sight, so its
        # full collections stop scanning it (at 10k briefs each took 70-130 ms, every few
        # seconds while typing a search).
        gc.freeze()
        if listing.errors and listing.errors != known_errors:
            count = len(listing.errors)
            first = listing.errors[0]
            more = f" (and {count - 1} more)" if count > 1 else ""
            self.notify(
                f"{first}{more}", title="Unreadable briefs", severity="warning", markup=False
            )

    def _listing_changed(self, listing: Listing) -> bool:
        return (
            listing.errors != self.catalog_errors or list(self.catalog.values()) != listing.entries
        )

    @on(IndexChanged)
    def _index_changed(self, message: IndexChanged) -> None:
        state = message.state
        if state.generation == -1:
            # A finished update: searchers of every thread refresh before their next query.
            self._generation += 1
            self.searchers.generation = self._generation
        self.index_state = replace(state, generation=self._generation)

    # -- navigation ------------------------------------------------------------------------------

    def catalog_titles(self) -> list[tuple[str, str, str]]:
        """(id, title, "source · date") of every brief, for the command palette."""
        rows = []
        for brief in self.catalog.values():
            detail = " · ".join(
                part
                for part in (
                    one_line(brief.source),
                    brief.published.isoformat() if brief.published else "",
                )
                if part
            )
            rows.append((brief.id, one_line(brief.title), detail))
        return rows

    def find_brief(self, brief_id: str) -> Brief | None:
        """The brief, read from its file (one small file: quick enough for a keystroke)."""
        from tui.core.brief import BriefError, read_brief

        entry = self.catalog.get(brief_id)
        # The index can know a brief the listing has not loaded yet (or any more).
        path = entry.path if entry is not None else self.paths.corpus / f"{brief_id}.md"
        try:
            brief = read_brief(path) if path.is_file() else None
        except BriefError:
            return None
        return brief if brief is not None and brief.id == brief_id else None

    def open_brief(
        self,
        brief_id: str,
        *,
        query: str | None = None,
        hits: list[tuple[int, int]] | None = None,
    ) -> None:
        brief = self.find_brief(brief_id)
        if brief is None:
            self.notify(f"{brief_id}: no longer in the corpus", severity="error", markup=False)
            return
        from tui.screens.reader import ReaderScreen

        self.push_screen(ReaderScreen(brief, query=query, hits=hits))

    def open_compare(self, first: str, second: str) -> None:
        from tui.screens.compare import CompareScreen

        self.push_screen(CompareScreen(first, second))

    def action_pick_compare(self) -> None:
        from tui.screens.compare import pick_pair

        pick_pair(self)

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        for depth, screen in enumerate(reversed(self.screen_stack)):
            if isinstance(screen, SearchScreen):
                for _ in range(depth):
                    self.pop_screen()
                screen.focus_query()
                return
        self.push_screen(SearchScreen(self.user_state.last_query))

    def action_library(self) -> None:
        from tui.screens.library import LibraryScreen

        while len(self.screen_stack) > 1 and not isinstance(self.screen, LibraryScreen):
            self.pop_screen()

    async def action_back(self) -> None:
        go_back = getattr(self.screen, "go_back", None)
        if callable(go_back) and go_back():
            return
        # The bottom two are Textual's default screen and the library: nothing to go back to.
        if len(self.screen_stack) > 2:
            self.pop_screen()

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            self.pop_screen()
            return
        self.push_screen(HelpScreen(self.screen))

    async def action_quit(self) -> None:
        self.save_state_now()
        self.exit()

    # -- state -----------------------------------------------------------------------------------

    def remember_position(self, brief_id: str, offset: int) -> None:
        self.user_state.remember_position(brief_id, offset)

    def remember_query(self, query: str) -> None:
        self.user_state.last_query = query

    def save_state(self) -> None:
        """Write the state in a worker; the JSON is made here so the worker shares nothing."""
        self._write_state(self.user_state.to_json())

    @work(thread=True, exclusive=True, group="state", exit_on_error=False)
    def _write_state(self, text: str) -> None:
        try:
            self.store.write(text)
        except OSError as exc:
            self.post_message(self.StateSaveFailed(_one_line(exc)))

    def save_state_now(self) -> None:
        for screen in self.screen_stack:
            leaving = getattr(screen, "remember_position", None)
            if callable(leaving):
                leaving()
        try:
            self.store.save(self.user_state)
        except OSError as exc:
            self.notify(f"could not save state: {_one_line(exc)}", severity="error", markup=False)

    @on(StateSaveFailed)
    def _state_save_failed(self, message: StateSaveFailed) -> None:
        self.notify(f"could not save state: {message.reason}", severity="error", markup=False)

    def watch_theme(self, theme: str) -> None:
        if theme != self.user_state.theme and self._state_loaded:
            self.user_state.theme = theme
            self.save_state()

    # -- terminal size ---------------------------------------------------------------------------

    def on_resize(self, event: events.Resize) -> None:
        # The first resize comes before on_mount: the library is not there yet to cover.
        if self._state_loaded:
            self._check_size(event.size.width, event.size.height)

    def _check_size(self, width: int, height: int) -> None:
        small = width < MIN_WIDTH or height < MIN_HEIGHT
        if small == self.too_small:
            return  # the usual case, checked at start-up: no need to import the notice
        from tui.screens.too_small import TooSmallScreen

        self.too_small = small
        if small:
            self.push_screen(TooSmallScreen())
        elif isinstance(self.screen, TooSmallScreen):
            self.pop_screen()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # While the too-small notice shows, only quitting makes sense.
        return not (self.too_small and action not in {"quit", "app.quit"})

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.worker.name == "load_cached_catalog" and event.state == WorkerState.ERROR:
            # A broken cache must not keep the corpus from being read.
            self._catalog_loaded(self.CatalogLoaded(None))
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            # Workers catch what they expect; anything else is a bug, shown rather than lost.
            name = event.worker.name or "worker"
            self.notify(
                f"{name} failed: {_one_line(event.worker.error)}", severity="error", markup=False
            )

    def on_unmount(self) -> None:
        self.searchers.close_all()


def _ready_text(total: int) -> str:
    return f"index: {total:,} brief{'s' if total != 1 else ''}"


def _updating_text(healthy: bool, new: int, changed: int, deleted: int) -> str:
    if not healthy:
        return f"building the index ({new} briefs)…"
    parts = []
    if new:
        parts.append(f"{new} new")
    if changed:
        parts.append(f"{changed} changed")
    if deleted:
        parts.append(f"{deleted} removed")
    if new and not changed and not deleted:
        return f"indexing {new} new brief{'s' if new != 1 else ''}…"
    return f"updating the index ({', '.join(parts)})…"


def _one_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else exc.__class__.__name__


def create_app(
    paths: Paths,
    *,
    compare: tuple[str, str] | None = None,
    update_index: bool = True,
) -> BriefsApp:
    """The one way to build the app: the CLI and the tests both call this."""
    return BriefsApp(paths, compare=compare, update_index=update_index)


__all__ = ["BriefsApp", "IndexState", "create_app"]
