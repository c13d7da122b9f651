"""What works on every screen: help, palette, theme, back and quit, the too-small notice."""

from __future__ import annotations

import io
import json

from rich.console import Console, RenderableType
from textual.command import CommandPalette
from textual.widgets import Static

from tui.app import BriefsApp, create_app
from tui.commands import COMMANDS, bindings, commands
from tui.core.paths import Paths
from tui.screens.help import HelpScreen
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.screens.too_small import TooSmallScreen


def rendered(renderable: RenderableType, width: int = 70) -> str:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(renderable)
    return console.file.getvalue()  # type: ignore[attr-defined,no-any-return]


async def test_help_lists_every_key_of_each_screen(app: BriefsApp, settle) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        # In the search box `?` is a character of the query: step into the results first.
        for scope, keys in (("library", []), ("reader", ["enter"]), ("search", ["s", "down"])):
            await pilot.press(*keys)
            await pilot.pause()
            await pilot.press("question_mark")
            await pilot.pause()
            help_screen = app.screen
            assert isinstance(help_screen, HelpScreen)
            text = " ".join(rendered(help_screen.key_table()).split())
            for command in [*commands(scope), *commands("app")]:
                assert " ".join(command.help.split()) in text, (scope, command.id)
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)


def test_each_command_is_declared_once_and_bound_by_id() -> None:
    ids = [command.id for command in COMMANDS.values()]
    assert len(ids) == len(set(ids))
    for scope in ("app", "library", "reader", "search", "help"):
        for binding in bindings(scope):
            assert binding.id in COMMANDS
            assert COMMANDS[binding.id].key == binding.key
    assert {b.id for b in LibraryScreen.BINDINGS if hasattr(b, "id")} == {
        c.id for c in commands("library") if c.key
    }


async def test_palette_opens_a_brief_by_title(app: BriefsApp, settle, type_text) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "zangezur corridor")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.brief.id == "zangezur-corridor"


async def test_palette_runs_a_command_of_the_screen(app: BriefsApp, settle, type_text) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Search")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_theme_is_chosen_from_the_keyboard_and_remembered(
    paths: Paths, settle, type_text
) -> None:
    first = create_app(paths)
    async with first.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert first.theme != "nord"
        await pilot.press("ctrl+t")
        await type_text(pilot, "nord")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settle(pilot)
        assert first.theme == "nord"
        await pilot.press("q")
    assert json.loads((paths.state / "state.json").read_text(encoding="utf-8"))["theme"] == "nord"
    second = create_app(paths)
    async with second.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert second.theme == "nord"


async def test_escape_walks_back_and_q_quits(long_app: BriefsApp, settle) -> None:
    async with long_app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(long_app.screen, ReaderScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(long_app.screen, LibraryScreen)
        await pilot.press("escape")  # nothing behind the library: stays
        await pilot.pause()
        assert isinstance(long_app.screen, LibraryScreen)
        await pilot.press("q")
        await pilot.pause()
    assert long_app.return_code == 0


async def test_too_small_terminal_shows_a_notice_until_resized(app: BriefsApp, settle) -> None:
    async with app.run_test(size=(50, 12)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TooSmallScreen)
        notice = str(app.screen.query_one("#too-small", Static).render())
        assert "Terminal too small (need 80x24)" in notice
        assert "50x12" in notice
        await pilot.press("s")  # other keys do nothing meanwhile
        await pilot.pause()
        assert isinstance(app.screen, TooSmallScreen)
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_first_screen_is_up_before_the_index_or_the_files_are_looked_at(
    paths: Paths,
) -> None:
    # What the library shows, the moment the file check and the index worker are started.
    seen: list[tuple[bool, bool, list[str]]] = []

    class Watching(BriefsApp):
        def _start_background(self) -> None:
            if not self._background_started:
                screen = self.screen
                titles = [row.title for row in screen.table.rows] if screen.is_mounted else []
                seen.append((isinstance(screen, LibraryScreen), screen.is_mounted, titles))
            super()._start_background()

    # First run: nothing cached, the library is up (empty) before any file is read.
    app = Watching(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        listed = sorted(row.title for row in app.screen.table.rows)
    assert seen == [(True, True, [])]
    assert listed

    # Next run: the titles cached by the first are on screen before anything else starts.
    seen.clear()
    app = Watching(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert len(seen) == 1 and seen[0][:2] == (True, True)
    assert sorted(seen[0][2]) == listed
