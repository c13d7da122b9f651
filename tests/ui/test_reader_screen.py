"""The reader: pager keys, find with n/N, contents, copy, reading position kept between runs."""

from __future__ import annotations

import json
import re
from pathlib import Path

from textual.widgets import OptionList, Static

from tui.app import BriefsApp, create_app
from tui.core.brief import read_brief
from tui.core.paths import Paths
from tui.screens.reader import ReaderScreen
from tui.widgets.brief_view import BriefView
from tui.widgets.find_bar import find_all

LONG = "nagorno-karabakh-crisis-and-russias-strategy-in-the-region"  # tests/ui/data


async def open_brief(pilot, settle, brief_id: str = LONG) -> ReaderScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.open_brief(brief_id)
    await pilot.pause()
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def screen_lines(view: BriefView) -> list[str]:
    """What the view shows, one string per visible row."""
    height = view.scrollable_content_region.height
    return [view.render_line(y).text.rstrip() for y in range(height)]


async def test_title_block_headings_and_measure(long_app: BriefsApp, settle) -> None:
    async with long_app.run_test(size=(120, 40)) as pilot:
        screen = await open_brief(pilot, settle, "armenia-russia-bases")
        lines = screen_lines(screen.view)
        assert lines[0].strip() == screen.brief.title
        assert lines[1].strip() == "Carnegie Endowment · Anna Petrosyan · 2023-09-20"
        # Headings lose their Markdown marks; the text keeps a reading measure, centred.
        assert any(line.strip() == "Summary" for line in lines)
        assert not any("##" in line for line in lines)
        text_lines = [line for line in lines[4:] if line.strip()]
        assert max(len(line.strip()) for line in text_lines) <= 76
        margin = min(len(line) - len(line.lstrip()) for line in text_lines)
        width = screen.view.scrollable_content_region.width
        assert width > 80  # the contents take 30 of the 120 columns
        assert margin == (width - 76) // 2  # centred, not flush left


async def test_pager_keys_move_through_the_brief(long_app: BriefsApp, settle) -> None:
    async with long_app.run_test(size=(80, 24)) as pilot:
        screen = await open_brief(pilot, settle)
        view = screen.view
        assert view.max_scroll_y > 0
        await pilot.press("j", "j")
        assert view.scroll_y == 2
        await pilot.press("k")
        assert view.scroll_y == 1
        await pilot.press("G")
        assert view.scroll_y == view.max_scroll_y
        await pilot.press("g")
        assert view.scroll_y == 0
        await pilot.press("space")
        page = view.scroll_y
        assert page > 5
        await pilot.press("b")
        assert view.scroll_y == 0
        await pilot.press("ctrl+d")
        assert 0 < view.scroll_y < page or view.scroll_y == view.max_scroll_y
        await pilot.press("ctrl+u")
        assert view.scroll_y == 0


async def test_find_counts_and_steps_with_n(long_app: BriefsApp, settle, type_text) -> None:
    async with long_app.run_test(size=(80, 24)) as pilot:
        screen = await open_brief(pilot, settle)
        expected = [m.span() for m in re.finditer("armenia", screen.brief.body, re.IGNORECASE)]
        assert len(expected) > 3
        await pilot.press("slash")
        await type_text(pilot, "armenia")
        await pilot.pause()
        assert screen.hits == expected
        status = str(screen.query_one("#reader-hits", Static).render())
        assert status.endswith(f"1 of {len(expected)}")
        assert str(screen.query_one("#find-count", Static).render()) == f"1 of {len(expected)}"
        await pilot.press("enter")  # closes the box, keeps the matches
        assert screen.view.has_focus
        await pilot.press("n", "n")
        assert screen.current == 2
        assert str(screen.query_one("#reader-hits", Static).render()).endswith(
            f"3 of {len(expected)}"
        )
        await pilot.press("N")
        assert screen.current == 1
        # The current match is on screen and painted differently from the others.
        start, _ = screen.hits[screen.current]
        assert screen.view.is_offset_visible(start)


async def test_find_nothing_says_so(long_app: BriefsApp, settle, type_text) -> None:
    async with long_app.run_test(size=(80, 24)) as pilot:
        screen = await open_brief(pilot, settle)
        await pilot.press("slash")
        await type_text(pilot, "zzqx")
        await pilot.pause()
        assert screen.hits == []
        assert str(screen.query_one("#reader-hits", Static).render()).endswith("no match")
        await pilot.press("escape")
        await pilot.press("n")  # no hits: a notice, not a crash
        await pilot.pause()
        assert isinstance(long_app.screen, ReaderScreen)


def test_find_all_is_case_insensitive_and_literal() -> None:
    body = "Russia, russia. RUSSIA? (a+b) a+b"
    assert find_all(body, "russia") == [(0, 6), (8, 14), (16, 22)]
    first = body.index("a+b")
    second = body.index("a+b", first + 1)
    assert find_all(body, "a+b") == [(first, first + 3), (second, second + 3)]
    assert find_all(body, "   ") == []


async def test_contents_jump_to_a_heading(long_app: BriefsApp, settle) -> None:
    async with long_app.run_test(size=(80, 24)) as pilot:
        screen = await open_brief(pilot, settle)
        contents = screen.query_one("#contents", OptionList)
        assert not contents.display  # closed at 80 columns until asked for
        await pilot.press("t")
        assert contents.display and contents.has_focus
        headings = screen.brief.headings()
        assert contents.option_count == len(headings)
        await pilot.press("end", "enter")
        await pilot.pause()
        offset, _level, _text = headings[-1]
        view = screen.view
        assert view.line_of(offset) == round(view.scroll_y) or view.scroll_y == view.max_scroll_y
        assert not contents.display  # narrow: closed after the jump
        assert view.has_focus


async def test_contents_open_beside_the_text_when_wide(long_app: BriefsApp, settle) -> None:
    async with long_app.run_test(size=(120, 40)) as pilot:
        screen = await open_brief(pilot, settle)
        assert screen.query_one("#contents", OptionList).display


async def test_copy_passage_copies_the_paragraph_at_the_top(long_app: BriefsApp, settle) -> None:
    async with long_app.run_test(size=(80, 24)) as pilot:
        screen = await open_brief(pilot, settle)
        await pilot.press("y")
        start, end = screen.brief.paragraphs()[0]
        assert long_app.clipboard == screen.brief.body[start:end]
        # With a current find match on screen, its paragraph is the passage.
        await pilot.press("slash", *"stepanakert", "enter")
        await pilot.press("y")
        assert "Stepanakert" in long_app.clipboard
        assert long_app.clipboard.startswith("The Azerbaijani military operation")


async def test_reading_position_is_remembered_between_runs(long_paths: Paths, settle) -> None:
    first = create_app(long_paths)
    async with first.run_test(size=(80, 24)) as pilot:
        screen = await open_brief(pilot, settle)
        await pilot.press("j", "j", "j", "j", "j", "j")
        offset = screen.view.top_offset
        assert offset > 0
        await pilot.press("escape")
        await pilot.press("q")
    saved = json.loads((long_paths.state / "state.json").read_text(encoding="utf-8"))
    assert saved["positions"][LONG] == offset

    second = create_app(long_paths)
    async with second.run_test(size=(80, 24)) as pilot:
        screen = await open_brief(pilot, settle)
        await pilot.pause()
        assert screen.view.top_offset == offset
        assert screen.view.scroll_y > 0


async def test_position_survives_a_different_terminal_width(long_paths: Paths, settle) -> None:
    first = create_app(long_paths)
    async with first.run_test(size=(80, 24)) as pilot:
        screen = await open_brief(pilot, settle)
        await pilot.press("ctrl+d")
        offset = screen.view.top_offset
        await pilot.press("q")
    second = create_app(long_paths)
    async with second.run_test(size=(120, 40)) as pilot:
        screen = await open_brief(pilot, settle)
        await pilot.pause()
        # The same paragraph is at the top, although it wraps differently.
        top = screen.view.top_offset
        assert abs(top - offset) < 120


async def test_corrupt_state_file_is_set_aside_with_a_message(long_paths: Paths, settle) -> None:
    long_paths.state.mkdir(parents=True)
    (long_paths.state / "state.json").write_text("{not json", encoding="utf-8")
    app = create_app(long_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("state.json.corrupt" in message for message in messages)
        await pilot.press("q")
    assert (long_paths.state / "state.json.corrupt").read_text(encoding="utf-8") == "{not json"
    json.loads((long_paths.state / "state.json").read_text(encoding="utf-8"))


async def test_untrusted_text_is_shown_literally(paths: Paths, corpus: Path, settle) -> None:
    (corpus / "hostile.md").write_text(
        "---\nid: hostile\ntitle: '[bold red]Loud[/] [@click=app.quit]x[/]'\n---\n\n"
        "Escape \x1b[31mred\x1b[0m and a bell \x07 and [link=http://x]markup[/link].\n",
        encoding="utf-8",
    )
    assert read_brief(corpus / "hostile.md").title.startswith("[bold red]")
    app = create_app(paths)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_brief(pilot, settle, "hostile")
        lines = screen_lines(screen.view)
        assert lines[0].strip() == "[bold red]Loud[/] [@click=app.quit]x[/]"
        body_line = next(line for line in lines if "Escape" in line)
        assert "\x1b" not in body_line and "\x07" not in body_line
        assert "[link=http://x]markup[/link]" in body_line
        assert "\ufffd[31mred" in body_line  # one visible character per control character


async def test_emphasis_marks_are_hidden_but_offsets_hold(long_app: BriefsApp, settle) -> None:
    async with long_app.run_test(size=(80, 24)) as pilot:
        screen = await open_brief(pilot, settle)
        lines = screen_lines(screen.view)
        caption = next(line for line in lines if "Russia, Turkey and the Caucasus Map" in line)
        assert "*" not in caption
        # A find match inside the emphasis still lands on the right words.
        await pilot.press("slash", *"caucasus map", "enter")
        start, end = screen.hits[0]
        assert screen.brief.body[start:end] == "Caucasus Map"
