"""The search screen on a real index: as-you-type, results, facets, did-you-mean, open at hits."""

from __future__ import annotations

from textual.widgets import Input, OptionList, Static

from tui.app import BriefsApp
from tui.core.search import Searcher
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.widgets.search_hits import snippet_text


async def search_for(pilot, settle, type_text, query: str) -> SearchScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await pilot.press("s")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, SearchScreen)
    await type_text(pilot, query)
    await pilot.pause(0.3)  # the debounce
    await settle(pilot)
    return screen


def message(screen: SearchScreen) -> str:
    return str(screen.query_one("#search-message", Static).render())


async def test_results_follow_typing(app: BriefsApp, settle, type_text) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(pilot, settle, type_text, "grain")
        with Searcher(app.paths.index) as searcher:
            expected = searcher.search("grain", limit=50)
        assert [hit.id for hit in screen.hits] == [hit.id for hit in expected.hits]
        assert screen.hits, "the fixture briefs mention grain"
        results = screen.query_one("#results", OptionList)
        assert results.option_count == len(screen.hits)  # the rules between are not options
        first = str(results.get_option_at_index(0).prompt)
        assert screen.hits[0].title in first
        assert message(screen).startswith(f"{expected.total} brief")


async def test_first_results_paint_at_once_and_the_rest_follow(
    app: BriefsApp, settle, type_text, monkeypatch
) -> None:
    """Each key paints the first FIRST_SHOWN results; the others come with the facets when
    the typing pauses, in order, and are reachable with the arrow keys."""
    import tui.screens.search as search_screen

    monkeypatch.setattr(search_screen, "FIRST_SHOWN", 2)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(pilot, settle, type_text, "russia armenia")
        assert len(screen.hits) > 2, "the fixture briefs mention both countries"
        results = screen.query_one("#results", OptionList)
        ids = [results.get_option_at_index(i).id for i in range(results.option_count)]
        assert ids == [f"hit-{number}" for number in range(len(screen.hits))]
        results.focus()
        await pilot.press("down", "down")
        assert screen.selected_hit() == screen.hits[2]


async def test_reaching_the_last_result_loads_more(
    app: BriefsApp, settle, type_text, monkeypatch
) -> None:
    """Results come LIMIT at a time: arrowing onto the last one asks for the next ones, and the
    highlight stays where it was."""
    import tui.screens.search as search_screen

    monkeypatch.setattr(search_screen, "LIMIT", 2)
    monkeypatch.setattr(search_screen, "FIRST_SHOWN", 2)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(pilot, settle, type_text, "russia armenia")
        assert screen.result is not None and screen.result.total > 2
        assert len(screen.hits) == 2
        assert "best 2 shown" in message(screen)
        results = screen.query_one("#results", OptionList)
        results.focus()
        await pilot.press("down")  # onto the last result shown
        await settle(pilot)
        assert len(screen.hits) == min(4, screen.result.total)
        assert results.highlighted == 1
        assert results.option_count == len(screen.hits)
        with Searcher(app.paths.index) as searcher:
            expected = searcher.search("russia armenia", limit=4)
        assert [hit.id for hit in screen.hits] == [hit.id for hit in expected.hits]


async def test_stale_answers_are_dropped(app: BriefsApp, settle, type_text) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(pilot, settle, type_text, "grain")
        shown = [hit.id for hit in screen.hits]
        with Searcher(app.paths.index) as searcher:
            old = searcher.search("armenia")
        assert [h.id for h in old.hits] != shown
        screen.post_message(SearchScreen.Answered(screen.seq - 1, old))
        await pilot.pause()
        assert [hit.id for hit in screen.hits] == shown


async def test_enter_opens_the_brief_at_its_first_hit_and_n_steps(
    long_app: BriefsApp, settle, type_text
) -> None:
    async with long_app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(pilot, settle, type_text, "kremlin")
        assert screen.hits[0].id == "nagorno-karabakh-crisis-and-russias-strategy-in-the-region"
        await pilot.press("enter")
        await settle(pilot)
        reader = long_app.screen
        assert isinstance(reader, ReaderScreen)
        with Searcher(long_app.paths.index) as searcher:
            every = searcher.brief_hits(reader.brief.id, "kremlin")
        assert reader.hits == every and len(every) >= 2
        assert reader.current == 0
        assert reader.view.scroll_y > 0  # the first hit is far down the brief
        assert reader.view.is_offset_visible(every[0][0])
        body = reader.brief.body
        assert all(body[s:e].lower().startswith("kremlin") for s, e in every)
        status = str(reader.query_one("#reader-hits", Static).render())
        assert status == f"search “kremlin”: 1 of {len(every)}"
        await pilot.press("n")
        assert reader.current == 1
        assert reader.view.is_offset_visible(every[1][0])
        await pilot.press("N", "N")
        assert reader.current == len(every) - 1  # wraps round
        await pilot.press("escape")
        assert long_app.screen is screen


async def test_syntax_problems_are_shown_under_the_box(app: BriefsApp, settle, type_text) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(pilot, settle, type_text, "colour:red armenia")
        assert "no field 'colour:'" in message(screen)
        assert screen.hits  # still searched, as words
        await pilot.press(*["backspace"] * 30)
        await type_text(pilot, '"unbalanced')
        await pilot.pause(0.3)
        await settle(pilot)
        assert isinstance(pilot.app.screen, SearchScreen)
        assert message(screen)  # a note or a count, never a crash


async def test_did_you_mean_is_offered_and_applied(app: BriefsApp, settle, type_text) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(pilot, settle, type_text, "armenai")
        assert screen.result is not None and screen.result.suggestion == "armenia"
        assert "Did you mean armenia?" in message(screen)
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert screen.query_one("#query", Input).value == "armenia"
        assert screen.hits
        assert "Did you mean" not in message(screen)


async def test_facets_narrow_by_source_and_year(app: BriefsApp, settle, type_text) -> None:
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await search_for(pilot, settle, type_text, "armenia russia")
        assert screen.result is not None
        sources = screen.result.facets["source"]
        assert len(sources) >= 2
        biggest = next(iter(sources))
        await pilot.press("ctrl+o")  # into the source facet
        facet = screen.query_one("#facet-source", OptionList)
        assert facet.has_focus
        await pilot.press("down", "enter")  # the first value after "all"
        await settle(pilot)
        assert screen.source == biggest
        assert screen.hits and all(hit.source == biggest for hit in screen.hits)
        await pilot.press("home", "enter")  # "all" again
        await settle(pilot)
        assert screen.source is None

        years = screen.result.facets["year"]
        await pilot.press("ctrl+o")  # the year facet
        await pilot.press("down", "enter")
        await settle(pilot)
        year = next(iter(sorted(years, reverse=True)))
        assert screen.year == year
        assert all(hit.published and str(hit.published.year) == year for hit in screen.hits)


async def test_escape_goes_back_and_s_returns_to_the_same_search(
    app: BriefsApp, settle, type_text
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(pilot, settle, type_text, "grain")
        await pilot.press("down")
        assert screen.query_one("#results", OptionList).has_focus
        await pilot.press("escape")  # results -> query box
        assert screen.query_one("#query", Input).has_focus
        await pilot.press("escape")
        assert isinstance(app.screen, LibraryScreen)
        await pilot.press("s")
        await pilot.pause()
        again = app.screen
        assert isinstance(again, SearchScreen)
        assert again.query_one("#query", Input).value == "grain"


async def test_copy_a_hit(app: BriefsApp, settle, type_text) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await search_for(pilot, settle, type_text, "grain")
        await pilot.press("down", "y")
        assert app.clipboard.startswith(screen.hits[0].title)
        assert "grain" in app.clipboard.lower()


def test_snippet_text_drops_heading_marks_and_keeps_hits() -> None:
    text = "the law.\n\n## The European path\n\nThe  Union"
    start = text.index("European")
    line = snippet_text(text, [(start, start + len("European"))])
    assert line.plain == "the law. The European path The Union"
    marked = [line.plain[s.start : s.end] for s in line.spans if s.style]
    assert marked == ["European"]
