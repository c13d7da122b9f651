"""Entities in the app: the panel beside the reader (by type, counts, colours that survive
NO_COLOR, stepping through mentions), alias edits from the panel (aliases.toml written, briefs
re-indexed), and search narrowed by entity. Real briefs, real index."""

from __future__ import annotations

import tomllib

import pytest
from rich.segment import Segment
from textual.widgets import Input, OptionList, Static

from tui.app import BriefsApp, create_app
from tui.core.entities import entities_of, load_aliases
from tui.core.paths import Paths
from tui.core.search import Searcher
from tui.screens.reader import ReaderScreen
from tui.screens.search import SearchScreen
from tui.services.entities import display_name
from tui.widgets.alias_dialog import AliasDialog
from tui.widgets.brief_view import BriefView
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.entity_rows import step_index

LONG = "nagorno-karabakh-crisis-and-russias-strategy-in-the-region"


@pytest.fixture
def entity_app(entity_paths: Paths) -> BriefsApp:
    return create_app(entity_paths, update_index=False)


async def reader(pilot, settle, brief_id: str = LONG) -> ReaderScreen:  # type: ignore[no-untyped-def]
    await settle(pilot)
    pilot.app.open_brief(brief_id)
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ReaderScreen)
    return screen


def painted(view: BriefView, start: int, text: str) -> list[Segment]:
    """The segments that paint body[start:] == text, after scrolling it into view."""
    view.scroll_to_offset(start)
    y = view.line_of(start) - round(view.scroll_y)
    return [s for s in view.render_line(y) if text in s.text or (s.text in text and s.text.strip())]


def option_ids(option_list: OptionList) -> list[str | None]:
    return [option_list.get_option_at_index(i).id for i in range(option_list.option_count)]


async def test_panel_lists_the_entities_by_type_with_counts(
    entity_app: BriefsApp, entity_paths: Paths, settle
) -> None:
    async with entity_app.run_test(size=(120, 40)) as pilot:
        screen = await reader(pilot, settle)
        panel = screen.query_one(EntityPanel)
        assert not panel.display  # closed until asked for
        await pilot.press("e")
        await settle(pilot)
        assert panel.display and panel.entity_list.has_focus
        with Searcher(entity_paths.index) as searcher:
            stored = searcher.mentions(LONG)
        assert panel.reading is not None
        assert list(panel.reading.mentions) == stored  # from the index, not re-extracted
        expected = entities_of(stored, load_aliases(entity_paths.corpus))
        rows = {e.id: e.count for e in panel.reading.entities}
        assert rows == {e.id: e.count for e in expected}
        # Grouped: people, then organisations, then places…, each most mentioned first.
        listed = panel.entity_list
        prompts = [str(listed.get_option_at_index(i).prompt) for i in range(listed.option_count)]
        headings = [p.split()[0] for p, i in zip(prompts, option_ids(listed), strict=True) if not i]
        assert headings == ["People", "Organisations", "Places", "Events", "Dates"]
        ids = option_ids(listed)
        people = ids[1 : ids.index(None, 1)]
        assert people[0] == "nikol-pashinyan" and "vladimir-putin" in people
        assert ids.index("russia") < ids.index("azerbaijan") < ids.index("caucasus")
        await pilot.press("escape")
        assert not panel.display and screen.view.has_focus


async def test_colours_by_type_differ_in_text_style_too(entity_app: BriefsApp, settle) -> None:
    async with entity_app.run_test(size=(120, 40)) as pilot:
        screen = await reader(pilot, settle)
        await pilot.press("h")
        await settle(pilot)
        panel = screen.query_one(EntityPanel)
        assert panel.reading is not None
        # The last of each: the first ones sit in the italic picture caption.
        mentions = {m.entity_id: m for m in panel.reading.mentions}
        # Without colour each type still reads differently: place u, person b u, org i u,
        # event b i u, date dim u.
        expected = {
            "azerbaijan": (False, False, False),
            "nikol-pashinyan": (True, False, False),
            "nato": (False, True, False),
            "second-nagorno-karabakh-war": (True, True, False),
            "2023-09-19": (False, False, True),
        }
        for entity_id, (bold, italic, dim) in expected.items():
            mention = mentions[entity_id]
            segments = painted(screen.view, mention.start, mention.text)
            styled = [s.style for s in segments if s.style is not None and s.style.underline]
            assert styled, entity_id
            style = styled[-1]  # a nested date would come first in "2020 … Conflict"
            assert (bool(style.bold), bool(style.italic)) == (bold, italic), entity_id
            assert bool(style.dim) == dim, entity_id
        await pilot.press("h")
        mention = mentions["nato"]
        segments = painted(screen.view, mention.start, mention.text)
        assert not any(s.style and s.style.underline for s in segments)


async def test_choosing_an_entity_marks_its_mentions_and_brackets_step(
    entity_app: BriefsApp, settle
) -> None:
    async with entity_app.run_test(size=(80, 24)) as pilot:
        screen = await reader(pilot, settle)
        await pilot.press("right_square_bracket")  # nothing chosen yet: a hint, no crash
        await settle(pilot)
        assert any("Choose an entity" in str(n.message) for n in entity_app._notifications)
        await pilot.press("e")
        await settle(pilot)
        panel = screen.query_one(EntityPanel)
        listed = panel.entity_list
        steps = option_ids(listed).index("european-union") - (listed.highlighted or 0)
        enabled_between = [
            i for i in option_ids(listed)[(listed.highlighted or 0) + 1 :][:steps] if i is not None
        ]
        await pilot.press(*["down"] * len(enabled_between), "enter")
        assert panel.selected is not None and panel.selected.id == "european-union"
        mentions = panel.selected.mentions
        assert panel.current == 0
        assert screen.view.is_offset_visible(mentions[0].start)
        position = str(panel.query_one("#entity-status", Static).render())
        assert position.endswith(f"1 of {len(mentions)}")
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert panel.current == 2
        assert screen.view.is_offset_visible(mentions[2].start)
        await pilot.press("left_square_bracket")
        assert panel.current == 1
        # The current mention is painted over the others: reverse, bold, underlined.
        current = mentions[1]
        segments = painted(screen.view, current.start, current.text)
        assert any(s.style and s.style.reverse and s.style.bold for s in segments)
        # Stepping wraps round.
        await pilot.press(*["left_square_bracket"] * 2)
        assert panel.current == len(mentions) - 1


def test_step_index_wraps_and_starts_from_the_view() -> None:
    starts = [10, 20, 30]
    assert step_index(starts, -1, 15, 1) == 1
    assert step_index(starts, -1, 15, -1) == 0
    assert step_index(starts, -1, 35, 1) == 0
    assert step_index(starts, 2, 0, 1) == 0
    assert step_index(starts, 0, 0, -1) == 2
    assert step_index([], -1, 0, 1) == -1


def test_display_name_prefers_the_form_the_id_was_made_from() -> None:
    from collections import Counter

    assert display_name("armenia", Counter({"Yerevan": 5, "Armenia": 2})) == "Armenia"
    assert display_name("the-west", Counter({"Western": 3, "West": 1})) == "the West"
    assert display_name("csto", Counter({"CSTO": 1})) == "CSTO"
    assert display_name("european-union", Counter({"EU": 3, "Brussels": 1})) == "EU"
    assert display_name("nikol-pashinyan", Counter()) == "Nikol Pashinyan"


async def edit_alias(pilot, panel: EntityPanel, entity_id: str, key: str, text: str) -> None:  # type: ignore[no-untyped-def]
    listed = panel.entity_list
    listed.highlighted = listed.get_option_index(entity_id)
    await pilot.press(key)
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, AliasDialog)
    assert dialog.query_one(Input).has_focus
    keys = ["space" if c == " " else c for c in text]
    await pilot.press("ctrl+u", *keys, "enter")


async def test_rename_from_the_panel_writes_the_alias_file(
    entity_app: BriefsApp, entity_paths: Paths, settle
) -> None:
    async with entity_app.run_test(size=(120, 40)) as pilot:
        screen = await reader(pilot, settle)
        await pilot.press("e")
        await settle(pilot)
        panel = screen.query_one(EntityPanel)
        await edit_alias(pilot, panel, "nikol-pashinyan", "r", "PM Pashinyan")
        await settle(pilot)
        saved = tomllib.loads((entity_paths.corpus / "aliases.toml").read_text("utf-8"))
        assert saved["rename"] == {"nikol-pashinyan": "PM Pashinyan"}
        assert panel.reading is not None
        names = {e.id: e.name for e in panel.reading.entities}
        assert names["nikol-pashinyan"] == "PM Pashinyan"
        assert any("PM Pashinyan" in str(n.message) for n in entity_app._notifications)


async def test_ignore_from_the_panel_reindexes_the_briefs_concerned(
    entity_app: BriefsApp, entity_paths: Paths, settle
) -> None:
    with Searcher(entity_paths.index) as searcher:
        assert searcher.search("commons", entity="wikimedia-commons").total == 1
    async with entity_app.run_test(size=(120, 40)) as pilot:
        screen = await reader(pilot, settle)
        await pilot.press("e")
        await settle(pilot)
        panel = screen.query_one(EntityPanel)
        listed = panel.entity_list
        listed.highlighted = listed.get_option_index("wikimedia-commons")
        await pilot.press("i")
        await pilot.pause()
        dialog = entity_app.screen
        assert isinstance(dialog, AliasDialog)
        assert dialog.query_one(Input).value == "wikimedia-commons"  # the id: every form
        await pilot.press("enter")
        await settle(pilot)
        saved = tomllib.loads((entity_paths.corpus / "aliases.toml").read_text("utf-8"))
        assert saved["ignore"] == ["wikimedia-commons"]
        assert panel.reading is not None
        assert "wikimedia-commons" not in {e.id for e in panel.reading.entities}
        assert "wikimedia-commons" not in option_ids(panel.entity_list)
    with Searcher(entity_paths.index) as searcher:
        assert searcher.search("commons", entity="wikimedia-commons").total == 0
        assert all(m.entity_id != "wikimedia-commons" for m in searcher.mentions(LONG))


async def test_merge_from_the_panel_and_escape_cancels(
    entity_app: BriefsApp, entity_paths: Paths, settle
) -> None:
    async with entity_app.run_test(size=(120, 40)) as pilot:
        screen = await reader(pilot, settle)
        await pilot.press("e")
        await settle(pilot)
        panel = screen.query_one(EntityPanel)
        assert panel.reading is not None
        counts = {e.id: e.count for e in panel.reading.entities}
        # Escape in the dialog writes nothing.
        panel.entity_list.highlighted = panel.entity_list.get_option_index("caucasus")
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert not (entity_paths.corpus / "aliases.toml").exists()
        assert isinstance(entity_app.screen, ReaderScreen)
        await edit_alias(pilot, panel, "caucasus", "m", "South Caucasus")
        await settle(pilot)
        saved = tomllib.loads((entity_paths.corpus / "aliases.toml").read_text("utf-8"))
        assert saved["merge"] == {"South Caucasus": ["caucasus"]}
        merged = {e.id: e.count for e in panel.reading.entities}
        assert "caucasus" not in merged
        assert merged["south-caucasus"] == counts["south-caucasus"] + counts["caucasus"]
    with Searcher(entity_paths.index) as searcher:
        assert searcher.search("caucasus", entity="caucasus").total == 0


async def test_a_broken_alias_file_is_reported_and_nothing_overwritten(
    entity_app: BriefsApp, entity_paths: Paths, settle
) -> None:
    broken = "[merge\nnot toml"
    (entity_paths.corpus / "aliases.toml").write_text(broken, encoding="utf-8")
    async with entity_app.run_test(size=(120, 40)) as pilot:
        screen = await reader(pilot, settle)
        await pilot.press("e")
        await settle(pilot)
        panel = screen.query_one(EntityPanel)
        assert panel.reading is not None and panel.reading.entities  # shown without aliases
        assert any("alias file" in str(n.message) for n in entity_app._notifications)
        await edit_alias(pilot, panel, "nato", "r", "North Atlantic Treaty Organization")
        await settle(pilot)
        assert (entity_paths.corpus / "aliases.toml").read_text("utf-8") == broken
        assert any("aliases not saved" in str(n.message) for n in entity_app._notifications)


async def test_search_results_narrowed_by_entity(
    entity_app: BriefsApp, entity_paths: Paths, settle, type_text
) -> None:
    async with entity_app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        screen = entity_app.screen
        assert isinstance(screen, SearchScreen)
        await type_text(pilot, "russia")
        await pilot.pause(0.3)
        await settle(pilot)
        assert screen.result is not None
        everything = {hit.id for hit in screen.hits}
        facet = screen.query_one("#facet-entity", OptionList)
        ids = option_ids(facet)
        assert "entity:armenia" in ids
        # Counts are the results that mention the entity, from the index's mentions.
        with Searcher(entity_paths.index) as searcher:
            mentioning = {
                brief_id
                for brief_id in everything
                if any(m.entity_id == "armenia" for m in searcher.mentions(brief_id))
            }
        label = str(facet.get_option_at_index(ids.index("entity:armenia")).prompt)
        assert label.split()[-1] == str(len(mentioning)) and "Armenia" in label
        await pilot.press("ctrl+o", "ctrl+o", "ctrl+o")
        assert facet.has_focus
        facet.highlighted = ids.index("entity:armenia")
        await pilot.press("enter")
        await pilot.pause(0.3)
        await settle(pilot)
        assert screen.entity == "armenia"
        assert {hit.id for hit in screen.hits} == mentioning
        message = str(screen.query_one("#search-message", Static).render())
        assert "in Armenia" in message
        # Choosing it again lifts the filter.
        facet = screen.query_one("#facet-entity", OptionList)
        facet.focus()
        facet.highlighted = option_ids(facet).index("entity:armenia")
        await pilot.press("enter")
        await pilot.pause(0.3)
        await settle(pilot)
        assert screen.entity is None and {hit.id for hit in screen.hits} == everything


def test_the_search_entity_facet_names_entities_as_the_index_does(entity_paths: Paths) -> None:
    from tui.services.entities import entity_facet

    with Searcher(entity_paths.index) as searcher:
        counts, names = entity_facet(searcher, [LONG], limit=100)
    # The long brief never writes "Armenia" itself, only "Armenian(s)" and "Yerevan": the facet
    # shows the canonical name the index stored, not a surface form.
    assert names["armenia"] == "Armenia"
    assert counts["armenia"] == 1
    assert "Armenian" not in names.values()
