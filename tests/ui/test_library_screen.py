"""The library screen, driven from the keyboard on the real app and a real index."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, Static

from tui.app import BriefsApp, create_app
from tui.core.brief import load_corpus
from tui.core.paths import Paths
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.services import IndexState
from tui.widgets.brief_table import BriefTable


def static_text(app: BriefsApp, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


def shown_ids(app: BriefsApp) -> list[str]:
    screen = app.screen
    assert isinstance(screen, LibraryScreen)
    table = screen.query_one("#briefs", BriefTable)
    assert list(table.rows) == screen.shown
    return [brief.id for brief in screen.shown]


async def test_lists_every_brief_and_the_index_state(app: BriefsApp, paths: Paths, settle) -> None:
    expected = load_corpus(paths.corpus).briefs
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert sorted(shown_ids(app)) == sorted(b.id for b in expected)
        assert static_text(app, "#library-count") == f"{len(expected)} briefs"
        assert static_text(app, "#index-state") == f"index: {len(expected)} briefs"
        assert app.index_state.searchable


async def test_default_order_is_newest_first_and_keys_sort(app: BriefsApp, settle) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        dates = [b.published for b in screen.shown if b.published]
        assert dates == sorted(dates, reverse=True)
        assert screen.shown[-1].published is None  # undated last

        await pilot.press("1")
        titles = [b.title.casefold() for b in screen.shown]
        assert titles == sorted(titles)
        await pilot.press("1")
        assert [b.title.casefold() for b in screen.shown] == sorted(titles, reverse=True)

        await pilot.press("4")
        words = [b.words for b in screen.shown]
        assert words == sorted(words)
        table = screen.query_one("#briefs", BriefTable)
        assert table.sorted_by == ("length", False)
        assert "Words ▼" in table.render_line(0).text


async def test_filter_as_you_type_then_escape_clears(app: BriefsApp, settle, type_text) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        total = len(app.services.catalog)
        await pilot.press("slash")
        assert app.screen.query_one("#filter", Input).has_focus
        await type_text(pilot, "crisis group")
        await pilot.pause(0.2)
        ids = shown_ids(app)
        assert ids and all(app.services.catalog.entries[i].source == "Crisis Group" for i in ids)
        assert static_text(app, "#library-count") == f"{len(ids)} of {total} briefs"

        await pilot.press("escape")
        await pilot.pause(0.2)
        assert len(shown_ids(app)) == total
        assert app.screen.query_one("#briefs", BriefTable).has_focus


async def test_the_filter_box_is_built_when_first_wanted(app: BriefsApp, settle) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        # Until then its placeholder stands in its place (an Input is costly to set up).
        assert not screen.query("#filter")
        assert "/ to filter" in static_text(app, "#filter-hint")
        await pilot.click("#filter-hint")
        await pilot.pause()
        box = screen.query_one("#filter", Input)
        assert box.has_focus and not screen.query("#filter-hint")
        await pilot.press("escape")
        await pilot.pause()
        assert screen.query_one("#briefs", BriefTable).has_focus
        await pilot.press("slash")
        assert screen.query_one("#filter", Input) is box and box.has_focus


async def test_enter_opens_the_brief_under_the_cursor(app: BriefsApp, settle) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, LibraryScreen)
        await pilot.press("down", "down")
        wanted = screen.shown[2].id
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.brief.id == wanted
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        assert screen.current_id() == wanted


async def test_filter_then_enter_opens_the_first_match(app: BriefsApp, settle, type_text) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await type_text(pilot, "zangezur")
        await pilot.pause(0.2)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        assert app.screen.brief.id == "zangezur-corridor"


class RecordingApp(BriefsApp):
    """The real app, noting each index state the library is shown."""

    def __init__(self, paths: Paths) -> None:
        super().__init__(paths)
        self.states: list[IndexState] = []

    def watch_index_state(self, state: IndexState) -> None:
        self.states.append(state)


async def test_new_briefs_are_indexed_in_the_background(
    indexed_paths: Paths, tmp_path: Path, settle
) -> None:
    source = indexed_paths.corpus / "zangezur-corridor.md"
    text = source.read_text(encoding="utf-8").replace("id: zangezur-corridor", "id: zangezur-2")
    (indexed_paths.corpus / "zangezur-2.md").write_text(text, encoding="utf-8")
    app = RecordingApp(indexed_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
    texts = [state.text for state in app.states]
    assert "indexing 1 new brief…" in texts
    assert texts[-1] == "index: 9 briefs"
    assert app.states[-1].generation == 1  # searchers are told to refresh


async def test_empty_corpus_says_how_to_add_briefs(tmp_path: Path, settle) -> None:
    corpus = tmp_path / "empty"
    corpus.mkdir()
    app = create_app(Paths(corpus, tmp_path / "index", tmp_path / "state"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "briefs add" in static_text(app, "#library-empty")
        assert not app.screen.query_one("#briefs", BriefTable).display


async def test_unreadable_brief_is_reported_not_fatal(paths: Paths, corpus: Path, settle) -> None:
    (corpus / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    app = create_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "broken.md" in " ".join(app.services.catalog.errors)
        assert any("broken.md" in str(n.message) for n in app._notifications)
        assert len(app.services.catalog) == 8


def test_fixture_corpus_is_copied(corpus: Path) -> None:
    # The tests above rely on eight fixture briefs with one undated and one without a source.
    briefs = load_corpus(corpus).briefs
    assert len(briefs) == 8
    assert any(b.published is None for b in briefs)
    assert any(b.source is None for b in briefs)
