"""The compare screen on the two bundled analyses, from the keyboard: opening it (shell, library,
reader, palette), the panes at 80 and 160 columns, entities, what each says, alignment, in-step
scrolling, distinctive terms, find and export. The index is real and holds the mentions."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.segment import Segment
from textual.command import CommandPalette
from textual.widgets import ContentSwitcher, OptionList, Static

from tui.app import BriefsApp, create_app
from tui.core.compare_export import to_markdown
from tui.core.paths import Paths
from tui.core.search import Searcher
from tui.screens.compare import CompareScreen, export_name
from tui.screens.library import LibraryScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.compare_pane import LINKED_MARK, UNMATCHED_MARK, ComparePane
from tui.widgets.compare_panel import SaysView
from tui.widgets.entity_rows import TYPE_STYLES

A = "nagorno-karabakh-crisis-and-russias-strategy-in-the-region"
B = "after-azerbaijan-took-control-of-nagorno-karabakh-without"
WIDE, NARROW = (160, 48), (80, 24)


@pytest.fixture
def compare_app(pair_paths: Paths) -> BriefsApp:
    """What `briefs compare A B` starts."""
    return create_app(pair_paths, compare=(A, B), update_index=False)


async def opened(pilot, settle) -> CompareScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, CompareScreen)
    assert screen.comparison is not None
    return screen


def pane_text(pane: ComparePane) -> list[str]:
    height = pane.scrollable_content_region.height
    return [pane.render_line(y).text for y in range(height)]


def segments_of(pane: ComparePane, offset: int) -> list[Segment]:
    """The painted segments of the line that shows body `offset` (scrolled into view)."""
    pane.scroll_to_offset(offset)
    y = pane.line_of(offset) - round(pane.scroll_y)
    return list(pane.render_line(y))


def status(screen: CompareScreen) -> str:
    return str(screen.query_one("#compare-status", Static).render())


async def test_shell_command_opens_the_pair_with_mentions_from_the_index(
    compare_app: BriefsApp, pair_paths: Paths, settle
) -> None:
    async with compare_app.run_test(size=WIDE) as pilot:
        screen = await opened(pilot, settle)
        comparison = screen.comparison
        assert comparison is not None
        assert (comparison.a.id, comparison.b.id) == (A, B)
        with Searcher(pair_paths.index) as searcher:
            assert list(comparison.mentions_a) == searcher.mentions(A)
            assert list(comparison.mentions_b) == searcher.mentions(B)
        shared = {row.id for row in comparison.shared}
        assert {"russia", "armenia", "azerbaijan", "nagorno-karabakh"} <= shared
        assert "turkey" in {row.id for row in comparison.only_a}
        assert "georgia" in {row.id for row in comparison.only_b}
        # The entity list holds every row under its side, with the counts of both briefs.
        listed = screen.entities.option_list
        ids = [listed.get_option_at_index(i).id for i in range(listed.option_count)]
        assert ids[0] == "section:shared"
        assert ids.index("section:a") == len(comparison.shared) + 1
        assert "turkey" in ids[ids.index("section:a") : ids.index("section:b")]
        assert "georgia" in ids[ids.index("section:b") :]
        summary = str(screen.query_one("#compare-summary", Static).render())
        assert summary.startswith(f"{len(comparison.shared)} shared")
        # Both titles head their panes; the computation ran off the UI thread and was timed.
        assert pane_text(screen.pane("a"))[0].strip().startswith("Nagorno-Karabakh Crisis")
        assert pane_text(screen.pane("b"))[0].strip().startswith("After Azerbaijan took")
        assert screen.load_seconds is not None


async def test_narrow_terminal_shows_one_pane_and_tab_switches(
    compare_app: BriefsApp, settle
) -> None:
    async with compare_app.run_test(size=NARROW) as pilot:
        screen = await opened(pilot, settle)
        side_a, side_b = screen.query_one("#side-a"), screen.query_one("#side-b")
        assert screen.one_pane
        assert side_a.display and not side_b.display
        assert screen.pane("a").has_focus
        # The one pane keeps a readable measure beside the entity list.
        assert screen.pane("a").size.width >= 45
        await pilot.press("tab")
        assert screen.active == "b"
        assert side_b.display and not side_a.display
        assert screen.pane("b").has_focus
        assert "⇥ A" in str(screen.query_one("#compare-step", Static).render())
        await pilot.press("j", "j")
        assert screen.pane("b").scroll_y == 2 and screen.pane("a").scroll_y == 0
        await pilot.press("tab")
        assert screen.active == "a" and side_a.display
        # The entity list can be put away for a full-width pane.
        await pilot.press("e")
        assert screen.entities.option_list.has_focus
        await pilot.press("e")
        await pilot.pause()
        assert not screen.query_one("#compare-side").display
        assert screen.pane("a").size.width >= 75


async def test_wide_terminal_shows_both_panes_side_by_side(compare_app: BriefsApp, settle) -> None:
    async with compare_app.run_test(size=WIDE) as pilot:
        screen = await opened(pilot, settle)
        assert not screen.one_pane
        a, b = screen.pane("a"), screen.pane("b")
        assert a.display and b.display
        assert a.region.y == b.region.y and a.region.x < b.region.x
        assert min(a.size.width, b.size.width) >= 55
        await pilot.press("tab")
        assert b.has_focus and screen.active == "b"
        assert b.max_scroll_y == 0  # the short brief fits: nothing to scroll
        await pilot.press("tab", "space")
        assert a.has_focus and a.scroll_y > 0 and b.scroll_y == 0


async def test_shared_and_one_side_entities_look_different_in_both_panes(
    compare_app: BriefsApp, settle
) -> None:
    async with compare_app.run_test(size=WIDE) as pilot:
        screen = await opened(pilot, settle)
        comparison = screen.comparison
        assert comparison is not None
        style_of = {
            side: {m.start: m for m in mentions}
            for side, mentions in (("a", comparison.mentions_a), ("b", comparison.mentions_b))
        }
        for side, entity_id in (("a", "russia"), ("b", "russia"), ("a", "turkey")):
            mention = next(m for m in style_of[side].values() if m.entity_id == entity_id)
            pane = screen.pane(side)  # type: ignore[arg-type]
            painted = [s for s in segments_of(pane, mention.start) if s.text == mention.text]
            assert painted, (side, mention)
            style = painted[0].style
            assert style is not None
            if entity_id == "russia":
                # Shared: underlined in its type's style, the same in A and in B.
                assert style.underline
                expected = pane.get_component_rich_style(TYPE_STYLES[mention.type])
                assert style.color == expected.color
            else:
                # Only in A: italic, never underlined (readable without colour).
                assert style.italic and not style.underline
        await pilot.press("h")
        mention = next(m for m in comparison.mentions_a if m.entity_id == "russia")
        line = segments_of(screen.pane("a"), mention.start)
        painted = [s for s in line if mention.text in s.text]
        assert painted and not any(s.style and s.style.underline for s in painted)


async def test_choosing_an_entity_goes_to_its_next_mention_in_both_panes(
    compare_app: BriefsApp, settle
) -> None:
    async with compare_app.run_test(size=WIDE) as pilot:
        screen = await opened(pilot, settle)
        comparison = screen.comparison
        assert comparison is not None
        target = "the-west"
        in_a = [m for m in comparison.mentions_a if m.entity_id == target]
        in_b = [m for m in comparison.mentions_b if m.entity_id == target]
        assert len(in_a) > 1 and in_b
        await pilot.press("e")
        listed = screen.entities.option_list
        assert listed.has_focus
        steps = listed.get_option_index(target) - (listed.highlighted or 0)
        await pilot.press(*["down"] * steps, "enter")
        await pilot.pause()
        assert screen.mentions.selected == target
        assert screen.mentions.current == {"a": 0, "b": 0}
        assert screen.pane("a").is_offset_visible(in_a[0].start)
        assert screen.pane("b").is_offset_visible(in_b[0].start)
        entity_status = str(screen.query_one("#compare-entity-status", Static).render())
        assert f"A 1/{len(in_a)}" in entity_status and f"B 1/{len(in_b)}" in entity_status
        await pilot.press("n", "n")
        assert screen.mentions.current["a"] == 2 % len(in_a)
        assert screen.pane("a").is_offset_visible(in_a[screen.mentions.current["a"]].start)
        await pilot.press("N")
        assert screen.mentions.current["a"] == 1 % len(in_a)
        # Every mention is marked in both panes, the current one painted over the others.
        line = segments_of(screen.pane("b"), in_b[0].start)
        assert any(s.text == in_b[0].text and s.style and s.style.reverse for s in line)


async def test_brackets_step_through_the_shared_entities(compare_app: BriefsApp, settle) -> None:
    async with compare_app.run_test(size=NARROW) as pilot:
        screen = await opened(pilot, settle)
        comparison = screen.comparison
        assert comparison is not None
        shared = [row.id for row in comparison.shared]
        await pilot.press("right_square_bracket")
        assert screen.mentions.selected == shared[0]
        await pilot.press("right_square_bracket")
        assert screen.mentions.selected == shared[1]
        assert screen.entities.highlighted_id == shared[1]
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert screen.mentions.selected == shared[-1]  # wraps round
        for side in ("a", "b"):
            mentions = [
                m
                for m in (comparison.mentions_a if side == "a" else comparison.mentions_b)
                if m.entity_id == shared[-1]
            ]
            if side == "b":
                await pilot.press("tab")  # the hidden pane went to the mention too
                await settle(pilot)
            pane = screen.pane(side)  # type: ignore[arg-type]
            assert pane.is_offset_visible(mentions[screen.mentions.current[side]].start)  # type: ignore[index]


async def test_what_each_says_side_by_side_and_a_sentence_opens_its_place(
    compare_app: BriefsApp, settle
) -> None:
    async with compare_app.run_test(size=WIDE) as pilot:
        screen = await opened(pilot, settle)
        comparison = screen.comparison
        assert comparison is not None
        await pilot.press("right_square_bracket", "w")
        entity = screen.mentions.selected
        assert entity is not None
        says = comparison.says(entity)
        assert says.a and says.b
        assert screen.query_one("#compare-main", ContentSwitcher).current == "says"
        view = screen.query_one("#says", SaysView)
        lists = {side: view.query_one(f"#says-{side}", OptionList) for side in ("a", "b")}
        for side, sentences in (("a", says.a), ("b", says.b)):
            options = [lists[side].get_option_at_index(i) for i in range(lists[side].option_count)]
            assert len([o for o in options if o.id]) == len(sentences)
            # The side by side columns hold each brief's own sentences, in order.
            assert [o.id for o in options if o.id] == [f"{side}:{n}" for n in range(len(sentences))]
        a_list, b_list = lists["a"], lists["b"]
        assert a_list.region.x < b_list.region.x and a_list.region.y == b_list.region.y
        assert a_list.has_focus
        await pilot.press("tab")
        assert b_list.has_focus
        last = len(says.b) - 1
        await pilot.press(*["down"] * last, "enter")
        await pilot.pause()
        assert screen.view == "panes" and screen.active == "b"
        sentence = says.b[last]
        assert screen.pane("b").is_offset_visible(sentence.start)
        line = segments_of(screen.pane("b"), sentence.start)
        assert any(s.style and s.style.reverse for s in line)
        await pilot.press("w", "escape")
        assert screen.view == "panes"


async def test_counterpart_of_the_paragraph_in_view_with_its_score(
    compare_app: BriefsApp, settle
) -> None:
    async with compare_app.run_test(size=WIDE) as pilot:
        screen = await opened(pilot, settle)
        comparison = screen.comparison
        assert comparison is not None
        links = [x for x in comparison.alignment.a_to_b if not x.heading]
        matched = next(x for x in links[1:] if x.matched)
        unmatched = next(x for x in links[1:] if not x.matched)
        pane_a, pane_b = screen.pane("a"), screen.pane("b")
        pane_b.scroll_end(animate=False, immediate=True)
        pane_a.scroll_to_offset(matched.start)
        await pilot.press("a")
        match = matched.matches[0]
        assert pane_b.is_offset_visible(match.start)
        assert pane_b.linked == (match.start, match.end)
        text = status(screen)
        assert f"A ¶{matched.paragraph + 1} ↔ B ¶{match.paragraph + 1}" in text
        assert f"score {match.score:.2f}" in text
        # The linked paragraphs carry a mark in both gutters.
        assert any(line.startswith(LINKED_MARK) for line in pane_text(pane_b))
        pane_a.scroll_to_offset(unmatched.start)
        await pilot.press("a")
        assert "no counterpart in B" in status(screen)
        assert f"best score {unmatched.best:.2f}" in status(screen)


async def test_counterpart_on_a_narrow_terminal_shows_the_other_pane(
    compare_app: BriefsApp, settle
) -> None:
    async with compare_app.run_test(size=NARROW) as pilot:
        screen = await opened(pilot, settle)
        comparison = screen.comparison
        assert comparison is not None
        matched = next(x for x in comparison.alignment.b_to_a if x.matched)
        await pilot.press("tab")
        screen.pane("b").scroll_to_offset(matched.start)
        await pilot.press("a")
        await pilot.pause()
        assert screen.active == "a" and screen.query_one("#side-a").display
        assert screen.pane("a").is_offset_visible(matched.matches[0].start)


async def test_unmatched_paragraphs_are_marked_in_the_gutter(
    compare_app: BriefsApp, settle
) -> None:
    async with compare_app.run_test(size=WIDE) as pilot:
        screen = await opened(pilot, settle)
        comparison = screen.comparison
        assert comparison is not None
        pane = screen.pane("a")
        links = [x for x in comparison.alignment.a_to_b if not x.heading]
        unmatched = next(x for x in links if not x.matched)
        matched = next(x for x in links if x.matched)
        for link, marked in ((unmatched, True), (matched, False)):
            pane.scroll_to_offset(link.start)
            first = pane.line_of(link.start) - round(pane.scroll_y)
            last = min(pane.line_of(link.end - 1) - round(pane.scroll_y), pane.size.height - 1)
            lines = pane_text(pane)[first : last + 1]
            assert lines and all(line.startswith(UNMATCHED_MARK) == marked for line in lines)


async def test_in_step_scrolling_follows_the_alignment(compare_app: BriefsApp, settle) -> None:
    async with compare_app.run_test(size=WIDE) as pilot:
        screen = await opened(pilot, settle)
        comparison = screen.comparison
        assert comparison is not None
        a, b = screen.pane("a"), screen.pane("b")
        await pilot.press("l")
        assert screen.navigation.in_step
        assert "in step" in str(screen.query_one("#compare-step", Static).render())
        for keys in (["space"], ["space", "space"], ["G"], ["g"]):
            await pilot.press(*keys)
            await pilot.pause()
            wanted = comparison.alignment.sync("a", a.top_offset)
            expected_line = 0 if wanted <= 0 else min(b.line_of(wanted), round(b.max_scroll_y))
            assert round(b.scroll_y) == expected_line, keys
        # Scrolling the follower does not drag the leader; switching leads from the other side.
        await pilot.press("l")
        assert not screen.navigation.in_step
        top = a.scroll_y
        await pilot.press("tab", "space")
        assert a.scroll_y == top


async def test_distinctive_terms_for_each_side(compare_app: BriefsApp, settle) -> None:
    async with compare_app.run_test(size=WIDE) as pilot:
        screen = await opened(pilot, settle)
        comparison = screen.comparison
        assert comparison is not None
        await pilot.press("d")
        assert screen.query_one("#compare-main", ContentSwitcher).current == "terms"
        terms_a = screen.query_one("#terms-a", OptionList)
        ids = [terms_a.get_option_at_index(i).id for i in range(terms_a.option_count)]
        words = [f"a:word:{t.key}" for t in comparison.distinctive.words_a]
        entities = [f"a:entity:{t.key}" for t in comparison.distinctive.entities_a]
        assert [i for i in ids if i] == words + entities
        # Choosing an entity term selects it and goes back to the text.
        first_entity = comparison.distinctive.entities_a[0]
        # Down skips the headings: count the terms between.
        enabled = [i for i in ids if i]
        steps = enabled.index(f"a:entity:{first_entity.key}") - enabled.index(
            ids[terms_a.highlighted or 0]
        )
        await pilot.press(*["down"] * steps, "enter")
        await pilot.pause()
        assert screen.view == "panes"
        assert screen.mentions.selected == first_entity.key
        # A word term finds the word in its brief.
        await pilot.press("d")
        word = comparison.distinctive.words_a[0]
        terms_a = screen.query_one("#terms-a", OptionList)
        terms_a.highlighted = ids.index(f"a:word:{word.key}")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.step_mode == "find" and screen.finder.found
        assert f"“{word.label}” in A" in status(screen)


async def test_find_in_the_pane_being_read(compare_app: BriefsApp, settle, type_text) -> None:
    async with compare_app.run_test(size=NARROW) as pilot:
        screen = await opened(pilot, settle)
        body = screen.briefs["a"].body.lower()
        expected = body.count("gas")
        assert expected > 2
        await pilot.press("slash")
        await type_text(pilot, "gas")
        await pilot.press("enter")
        assert len(screen.finder.found) == expected and screen.finder.found_side == "a"
        await pilot.press("n")
        assert screen.finder.found_current == 1
        assert screen.pane("a").is_offset_visible(screen.finder.found[1][0])
        assert f"2 of {expected}" in status(screen)


async def test_export_writes_the_comparison_as_markdown(
    compare_app: BriefsApp, settle, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    monkeypatch.chdir(out)
    async with compare_app.run_test(size=NARROW) as pilot:
        screen = await opened(pilot, settle)
        comparison = screen.comparison
        assert comparison is not None
        await pilot.press("x")
        await settle(pilot)
        path = out / export_name(comparison.a, comparison.b)
        assert path.read_text(encoding="utf-8") == to_markdown(comparison)
        assert any(str(path) in str(n.message) for n in compare_app._notifications)


async def test_export_falls_back_to_the_state_folder(
    compare_app: BriefsApp, pair_paths: Paths, settle, tmp_path: Path, monkeypatch
) -> None:
    locked = tmp_path / "read-only"
    locked.mkdir()
    locked.chmod(0o500)
    monkeypatch.chdir(locked)
    try:
        async with compare_app.run_test(size=NARROW) as pilot:
            screen = await opened(pilot, settle)
            assert screen.comparison is not None
            await pilot.press("x")
            await settle(pilot)
            name = export_name(screen.comparison.a, screen.comparison.b)
            if (locked / name).exists():  # running as root: nothing is read-only
                return
            assert (pair_paths.state / name).is_file()
    finally:
        locked.chmod(0o700)


async def test_library_marks_two_briefs_then_compares(pair_paths: Paths, settle) -> None:
    app = create_app(pair_paths, update_index=False)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        library = app.screen
        assert isinstance(library, LibraryScreen)
        await pilot.press("c")  # nothing marked yet: a hint, no screen
        assert app.screen is library
        first = library.current_id()
        await pilot.press("m", "down", "m")
        second = library.current_id()
        assert library.marked == [first, second]
        assert library.table.marks == {first: "A", second: "B"}
        await pilot.press("c")
        screen = await opened(pilot, settle)
        assert screen.ids == (first, second)
        await pilot.press("escape")
        assert app.screen is library


async def test_reader_compare_with_picks_the_other_brief(
    pair_paths: Paths, settle, type_text
) -> None:
    app = create_app(pair_paths, update_index=False)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        app.open_brief(A)
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "after azer")
        await pilot.pause(0.3)
        await pilot.press("enter")
        screen = await opened(pilot, settle)
        assert screen.ids == (A, B)


async def test_palette_compares_two_briefs_chosen_by_title(
    pair_paths: Paths, settle, type_text
) -> None:
    app = create_app(pair_paths, update_index=False)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "compare briefs")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "after azer")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause(0.2)
        assert isinstance(app.screen, CommandPalette)
        await type_text(pilot, "crisis russia")
        await pilot.pause(0.3)
        await pilot.press("enter")
        screen = await opened(pilot, settle)
        assert screen.ids == (B, A)


async def test_compare_commands_run_from_the_palette(
    compare_app: BriefsApp, settle, type_text
) -> None:
    async with compare_app.run_test(size=WIDE) as pilot:
        screen = await opened(pilot, settle)
        await pilot.press("ctrl+p")
        await type_text(pilot, "in step")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.navigation.in_step


async def test_a_missing_brief_is_reported_and_the_library_stays(pair_paths: Paths, settle) -> None:
    app = create_app(pair_paths, compare=(A, "no-such-brief"), update_index=False)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, LibraryScreen)
        assert any("no-such-brief" in str(n.message) for n in app._notifications)


async def test_escape_closes_what_covers_the_panes_then_leaves(
    compare_app: BriefsApp, settle
) -> None:
    async with compare_app.run_test(size=NARROW) as pilot:
        screen = await opened(pilot, settle)
        await pilot.press("d")
        assert screen.view == "terms"
        await pilot.press("escape")
        assert screen.view == "panes" and screen.pane("a").has_focus
        await pilot.press("e", "escape")
        assert screen.pane("a").has_focus
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(compare_app.screen, LibraryScreen)
