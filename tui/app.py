"""The briefs app: screens, the workers that list the corpus and keep the index fresh, create_app.

Start-up order matters: a thread worker reads the cached listing at once and the library shows it;
once those titles are painted, workers check the corpus files against it and check/update the
index, and post messages that the screens show. Nothing on the UI thread imports Whoosh or reads
the corpus.
"""

from __future__ import annotations

import gc
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, ClassVar

from textual import events, on, work
from textual._path import CSSPathType
from textual.app import App
from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from tui import messages
from tui.commands import bindings
from tui.commands.palette import BriefsProvider, CommandsProvider
from tui.core.listing import (
    DiskSignature,
    Listing,
    cache_file,
    cached_listing,
    disk_signature,
    list_corpus,
)
from tui.core.paths import Paths
from tui.core.sanitize import error_line
from tui.services import Services, indexing
from tui.services.index_state import WAITING, IndexState

# Below this the layouts cannot work; 80x24 is what they are designed for.
MIN_WIDTH, MIN_HEIGHT = 60, 15
# A listing cache up to this size (about 330 briefs) is read on the UI thread before the first
# frame: about a millisecond at most (0.04 ms for the bundled corpus), and the titles are then
# in that frame instead of a later one.
SMALL_LISTING_CACHE = 64 * 1024
# How often the app looks for briefs added, or an index updated, by another process.
WATCH_INTERVAL = 1.0


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

    index_state: reactive[IndexState] = reactive(WAITING)
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
        self.services = Services.create(paths)
        self.paths = paths
        self.compare_ids = compare
        self.update_index_on_start = update_index
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
        loaded = self.services.store.load()
        self.services.user_state = loaded.state
        if loaded.state.theme and loaded.state.theme in self.available_themes:
            self.theme = loaded.state.theme
        # Not pushed from here: Textual holds every repaint until the app's mount handlers are
        # done, so a library built now has its complete first frame thrown away, and the rows
        # then only show in a later partial repaint, several refreshes on.
        self.call_later(self._open_library, loaded.warning)

    def _open_library(self, state_warning: str | None) -> None:
        from tui.screens.library import LibraryScreen

        self._state_loaded = True
        self.push_screen(LibraryScreen(self.services))
        if state_warning:
            self.notify(state_warning, title="State", severity="warning", markup=False)
        self._check_size(self.size.width, self.size.height)
        if self.compare_ids is not None:
            self.call_after_refresh(self.open_compare, *self.compare_ids)

    @on(messages.LibraryPainted)
    def _library_first_frame(self) -> None:
        """The library's first frame is on screen (its on_mount says so after a refresh)."""
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
        indexing.check(self.paths, self._post_index_state)

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def refresh_index(self, quiet: bool = False) -> None:
        """Bring the index in step with the corpus, posting progress the library shows."""
        indexing.refresh(self.paths, self._post_index_state, quiet=quiet)

    def _post_index_state(self, state: IndexState) -> None:
        self.post_message(self.IndexChanged(state))

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
        catalog = self.services.catalog
        new_errors = catalog.apply(listing)
        if new_errors is None:
            return
        self.catalog_version = catalog.version
        # The catalog lives as long as the app: out of the garbage collector's sight, so its
        # full collections stop scanning it (at 10k briefs each took 70-130 ms, every few
        # seconds while typing a search).
        gc.freeze()
        if new_errors:
            count = len(new_errors)
            more = f" (and {count - 1} more)" if count > 1 else ""
            self.notify(
                f"{new_errors[0]}{more}",
                title="Unreadable briefs",
                severity="warning",
                markup=False,
            )

    @on(IndexChanged)
    def _index_changed(self, message: IndexChanged) -> None:
        state = message.state
        if state.generation == -1:
            # A finished update: searchers of every thread refresh before their next query.
            self._generation += 1
            self.services.searchers.generation = self._generation
        self.services.index_state = self.index_state = replace(state, generation=self._generation)

    @on(messages.IndexTouched)
    def _index_touched(self) -> None:
        # Searchers of every thread re-open the index before their next query.
        self.post_message(self.IndexChanged(replace(self.index_state, generation=-1)))

    # -- navigation ------------------------------------------------------------------------------

    @on(messages.OpenBrief)
    def _open_brief(self, message: messages.OpenBrief) -> None:
        self.open_brief(
            message.brief_id,
            query=message.query,
            hits=message.hits,
            at=message.at,
            note=message.note,
        )

    @on(messages.OpenNotes)
    def _open_notes(self, message: messages.OpenNotes) -> None:
        self.open_notes(message.brief_id)

    @on(messages.OpenCompare)
    def _open_compare(self, message: messages.OpenCompare) -> None:
        self.open_compare(message.first, message.second)

    @on(messages.PickCompare)
    def _pick_compare(self, message: messages.PickCompare) -> None:
        from tui.screens.picker import pick_other, pick_pair

        if message.first is None:
            pick_pair(self, self.services.catalog)
        else:
            pick_other(self, self.services.catalog, message.first)

    def open_brief(
        self,
        brief_id: str,
        *,
        query: str | None = None,
        hits: list[tuple[int, int]] | None = None,
        at: int | None = None,
        note: str | None = None,
    ) -> None:
        brief = self.services.find_brief(brief_id)
        if brief is None:
            self.notify(f"{brief_id}: no longer in the corpus", severity="error", markup=False)
            return
        from tui.screens.reader import ReaderScreen

        reader = ReaderScreen(self.services, brief, query=query, hits=hits, at=at, note=note)
        self.push_screen(reader)

    def open_compare(self, first: str, second: str) -> None:
        from tui.screens.compare import CompareScreen

        self.push_screen(CompareScreen(self.services, first, second))

    def action_pick_compare(self) -> None:
        self.post_message(messages.PickCompare())

    def _back_to(self, kind: type[Screen[Any]]) -> Any:
        """Pop back to the screen of this kind if one is open (and return it), else None."""
        for depth, screen in enumerate(reversed(self.screen_stack)):
            if isinstance(screen, kind):
                for _ in range(depth):
                    self.pop_screen()
                return screen
        return None

    def action_search(self) -> None:
        from tui.screens.search import SearchScreen

        screen = self._back_to(SearchScreen)
        if screen is not None:
            screen.focus_query()
            return
        self.push_screen(SearchScreen(self.services, self.services.user_state.last_query))

    def action_notes(self) -> None:
        self.open_notes(None)

    def open_notes(self, brief_id: str | None) -> None:
        """The notes screen (of one brief): the one open already, or a new one."""
        from tui.screens.notes import NotesScreen

        screen = self._back_to(NotesScreen)
        if screen is not None:
            screen.show_brief(brief_id)
            return
        self.push_screen(NotesScreen(self.services, brief=brief_id))

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

    def save_state(self) -> None:
        """Write the state in a worker; the JSON is made here so the worker shares nothing."""
        self._write_state(self.services.user_state.to_json())

    @on(messages.SaveState)
    def _save_state_soon(self) -> None:
        self.save_state()

    @work(thread=True, exclusive=True, group="state", exit_on_error=False)
    def _write_state(self, text: str) -> None:
        try:
            self.services.store.write(text)
        except OSError as exc:
            self.post_message(self.StateSaveFailed(error_line(exc)))

    def save_state_now(self) -> None:
        for screen in self.screen_stack:
            leaving = getattr(screen, "remember_position", None)
            if callable(leaving):
                leaving()
        try:
            self.services.store.save(self.services.user_state)
        except OSError as exc:
            self.notify(f"could not save state: {error_line(exc)}", severity="error", markup=False)

    @on(StateSaveFailed)
    def _state_save_failed(self, message: StateSaveFailed) -> None:
        self.notify(f"could not save state: {message.reason}", severity="error", markup=False)

    def watch_theme(self, theme: str) -> None:
        user_state = self.services.user_state
        if theme != user_state.theme and self._state_loaded:
            user_state.theme = theme
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
                f"{name} failed: {error_line(event.worker.error)}", severity="error", markup=False
            )

    def on_unmount(self) -> None:
        self.services.searchers.close_all()


def create_app(
    paths: Paths,
    *,
    compare: tuple[str, str] | None = None,
    update_index: bool = True,
) -> BriefsApp:
    """The one way to build the app: the CLI and the tests both call this."""
    return BriefsApp(paths, compare=compare, update_index=update_index)


__all__ = ["BriefsApp", "IndexState", "create_app"]
