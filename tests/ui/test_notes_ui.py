"""Notes from the keyboard (issue 15): a passage selected in the visual mode, labelled and noted
in the dialog, found on the notes screen, stepped through, edited, deleted and undone; orphaned
notes listed with their quote; notes in compare. Asserts on what the screen shows; the notes are
the real notes.json in the test's state folder."""

from __future__ import annotations

import json

from textual.widgets import Input, OptionList, Static

from tests.ui.test_reader_screen import LONG, open_brief, screen_lines
from tui.app import BriefsApp, create_app
from tui.core.brief import read_brief
from tui.core.notes import Notebook
from tui.core.paths import Paths
from tui.screens.compare import CompareScreen
from tui.screens.notes import NotesScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.note_dialog import NoteDialog
from tui.widgets.note_marks import CONTINUED, OVERVIEW
from tui.widgets.visual_select import SELECTION_LAYER, VisualBar

A = "nagorno-karabakh-crisis-and-russias-strategy-in-the-region"
B = "after-azerbaijan-took-control-of-nagorno-karabakh-without"


def text_of(screen: object, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())  # type: ignore[attr-defined]


def saved_notes(paths: Paths) -> list[dict[str, object]]:
    data = json.loads((paths.state / "notes.json").read_text(encoding="utf-8"))
    return list(data["notes"])


def rows(screen: NotesScreen) -> list[str]:
    """The notes listed, one string per row (its two lines joined)."""
    option_list = screen.query_one("#notes-list", OptionList)
    shown = []
    for i in range(option_list.option_count):
        prompt = option_list.get_option_at_index(i).prompt
        shown.append(" / ".join(line.plain for line in prompt.renderables))  # type: ignore[attr-defined]
    return shown


async def settled(pilot, settle) -> None:  # type: ignore[no-untyped-def]
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await settle(pilot)


async def test_add_label_find_step_edit_delete_and_undo(
    long_app: BriefsApp, long_paths: Paths, settle, type_text
) -> None:
    async with long_app.run_test(size=(80, 24)) as pilot:
        reader = await open_brief(pilot, settle)
        body = reader.brief.body
        assert text_of(reader, "#reader-notes") == ""  # no notes: nothing said

        # Visual mode from the top of the view: the first word, then two more, then shrink one.
        await pilot.press("v")
        bar = reader.query_one(VisualBar)
        assert bar.has_focus and bar.selection is not None
        first = body[bar.selection.start : bar.selection.end]
        assert first == "Russia"
        await pilot.press("w", "w", "W")
        assert body[bar.selection.start : bar.selection.end] == "Russia,"
        await pilot.press("w")
        assert body[bar.selection.start : bar.selection.end] == "Russia, Turkey"
        assert "2 words" in str(bar.render())
        # The selection is painted in the text (reverse and underline: no colour needed).
        assert SELECTION_LAYER in reader.view._layers
        await pilot.press("enter")
        await pilot.pause()
        dialog = long_app.screen
        assert isinstance(dialog, NoteDialog)
        assert "Russia, Turkey" in str(dialog.query_one("#note-quote", Static).render())
        assert dialog.label == "claim"  # the first label by default
        await pilot.press("down")  # evidence
        await type_text(pilot, "the map frames the region")
        await pilot.press("enter")
        await settled(pilot, settle)
        assert long_app.screen is reader
        assert SELECTION_LAYER not in reader.view._layers
        notes = saved_notes(long_paths)
        assert [(n["label"], n["text"]) for n in notes] == [
            ("evidence", "the map frames the region")
        ]
        assert notes[0]["target"]["quote"] == "Russia, Turkey"  # type: ignore[index]
        status = text_of(reader, "#reader-notes")
        assert status.startswith("note 1/1 E evidence the map frames")
        # The margin carries the label's letter beside the passage.
        lines = screen_lines(reader.view)
        margin = reader.view.text_margin - 1
        assert any(line[margin : margin + 8] == "ERussia," for line in lines)

        # A second note, a paragraph further down: a sentence then the rest of the paragraph.
        await pilot.press("space", "v", "right_parenthesis", "right_curly_bracket", "enter")
        await pilot.pause()
        dialog = long_app.screen
        assert isinstance(dialog, NoteDialog)
        assert dialog.label == "evidence"  # the label last used
        await pilot.press("down", "down")
        assert dialog.label == "contradiction"
        await type_text(pilot, "contested by the second analysis")
        await pilot.press("enter")
        await settled(pilot, settle)
        assert len(saved_notes(long_paths)) == 2
        assert text_of(reader, "#reader-notes").startswith("note 2/2 O contradiction")

        # Step between them from the top: > next, < previous.
        await pilot.press("g", "greater_than_sign")
        assert text_of(reader, "#reader-notes").startswith("note 1/2 E evidence")
        await pilot.press("greater_than_sign")
        assert text_of(reader, "#reader-notes").startswith("note 2/2 O contradiction")
        await pilot.press("less_than_sign")
        assert text_of(reader, "#reader-notes").startswith("note 1/2 E evidence")

        # Edit the note in view: its text and its label.
        await pilot.press("enter")
        await pilot.pause()
        dialog = long_app.screen
        assert isinstance(dialog, NoteDialog)
        note_input = dialog.query_one("#note-text", Input)
        assert note_input.value == "the map frames the region"
        await pilot.press("ctrl+u")  # clear the line
        await type_text(pilot, "a map with no sources")
        await pilot.press("down")  # evidence -> question
        await pilot.press("enter")
        await settled(pilot, settle)
        assert text_of(reader, "#reader-notes").startswith("note 1/2 Q question a map with no")
        edited = {n["id"]: n for n in saved_notes(long_paths)}
        assert sorted((n["label"], n["text"]) for n in edited.values()) == [
            ("contradiction", "contested by the second analysis"),
            ("question", "a map with no sources"),
        ]
        # u undoes the edit.
        await pilot.press("u")
        await settled(pilot, settle)
        assert text_of(reader, "#reader-notes").startswith("note 1/2 E evidence the map")

        # Delete it; u brings it back, same id, same passage.
        before = {n["id"] for n in saved_notes(long_paths)}
        await pilot.press("D")
        await settled(pilot, settle)
        assert len(saved_notes(long_paths)) == 1
        assert text_of(reader, "#reader-notes") == "1 note"
        assert not any(
            line[margin : margin + 8] == "ERussia," for line in screen_lines(reader.view)
        )
        await pilot.press("u")
        await settled(pilot, settle)
        assert {n["id"] for n in saved_notes(long_paths)} == before
        assert text_of(reader, "#reader-notes").startswith("note 1/2 E evidence")

        # The notes screen: every note, filtered as one types, by label, opened at its place.
        await pilot.press("ctrl+n")
        await settled(pilot, settle)
        notes_screen = long_app.screen
        assert isinstance(notes_screen, NotesScreen)
        listed = rows(notes_screen)
        assert len(listed) == 2
        assert listed[0].startswith("E evidence  “Russia, Turkey”")
        assert "Nagorno-Karabakh Crisis and Russia’s Strategy in the Region" in listed[0]
        assert "line " in listed[0] and "paragraph " in listed[0]
        await type_text(pilot, "contes")  # a prefix, as one types
        await settled(pilot, settle)
        assert [r.split("  ")[0] for r in rows(notes_screen)] == ["O contradiction"]
        await pilot.press("ctrl+u")
        await settled(pilot, settle)
        assert len(rows(notes_screen)) == 2
        await pilot.press("ctrl+l", "ctrl+l")  # claim, then evidence
        await settled(pilot, settle)
        assert [r.split("  ")[0] for r in rows(notes_screen)] == ["E evidence"]
        assert "label E evidence" in text_of(notes_screen, "#notes-summary")
        await pilot.press("enter")
        await settled(pilot, settle)
        assert isinstance(long_app.screen, ReaderScreen)
        reader = long_app.screen
        assert text_of(reader, "#reader-notes").startswith("note 1/2 E evidence")
        start = body.index("Russia, Turkey")
        assert reader.view.is_offset_visible(start)


async def test_orphaned_notes_are_listed_with_their_quote_never_moved(
    long_paths: Paths, settle
) -> None:
    path = long_paths.corpus / f"{LONG}.md"
    brief = read_brief(path)
    gone = "The prolonged blockade of the Lachin Corridor"
    kept = "Baku’s recent military offensive"
    book = Notebook(long_paths.state)
    book.add_quote(LONG, brief.body, gone, label="claim", text="will it hold")
    book.add_quote(LONG, brief.body, kept, label="question")
    # The brief is edited: the sentence with the first passage is gone.
    text = path.read_text(encoding="utf-8")
    sentence = text[text.index(gone) : text.index(".", text.index(gone)) + 1]
    path.write_text(text.replace(sentence, ""), encoding="utf-8")

    app = create_app(long_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_brief(pilot, settle)
        await settled(pilot, settle)
        assert text_of(reader, "#reader-notes") == "2 notes · 1 orphaned"
        assert [s.letter for s in reader.notes.spans] == ["Q"]  # only the anchored one is painted
        # o lists the brief's notes, the orphaned one marked, with its quote.
        await pilot.press("o")
        await settled(pilot, settle)
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        listed = rows(screen)
        assert len(listed) == 2
        orphan = next(r for r in listed if "orphaned" in r)
        assert gone in orphan and "will it hold" in orphan
        assert "the passage is no longer in the brief" in orphan
        assert "1 orphaned" in text_of(screen, "#notes-summary")
        # ctrl+b shows every brief's notes again, and back again to the highlighted one's.
        await pilot.press("ctrl+b")
        await settled(pilot, settle)
        assert "in “" not in text_of(screen, "#notes-summary")


async def test_a_brief_with_notes_says_so_without_scrolling(long_paths: Paths, settle) -> None:
    brief = read_brief(long_paths.corpus / f"{LONG}.md")
    last = brief.paragraphs()[-1]
    Notebook(long_paths.state).add(LONG, brief.body, last[0], last[1], label="claim")
    app = create_app(long_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_brief(pilot, settle)
        await settled(pilot, settle)
        view = reader.view
        assert view.scroll_y == 0 and not view.is_offset_visible(last[0])
        assert text_of(reader, "#reader-notes") == "1 note"
        # The overview column right of the text: a mark near the bottom of the view.
        column = view.scrollable_content_region.width - 1
        marked = [y for y, line in enumerate(screen_lines(view)) if line[column:] == OVERVIEW]
        assert len(marked) == 1 and marked[0] > view.scrollable_content_region.height // 2
        await pilot.press("greater_than_sign")
        assert view.is_offset_visible(last[0])
        lines = screen_lines(view)
        margin = view.text_margin - 1
        assert any(line[margin : margin + 1] == "C" for line in lines)
        assert any(line[margin:].startswith(CONTINUED) for line in lines)  # it runs on


async def test_escape_leaves_the_visual_mode_without_a_note(long_app: BriefsApp, settle) -> None:
    async with long_app.run_test(size=(80, 24)) as pilot:
        reader = await open_brief(pilot, settle)
        await pilot.press("v", "w", "escape")
        assert not reader.query_one(VisualBar).is_open
        assert SELECTION_LAYER not in reader.view._layers
        assert reader.view.has_focus
        assert long_app.screen is reader  # escape closed the mode, not the reader
        await pilot.press("v", "w", "enter")
        await pilot.pause()
        await pilot.press("escape")  # the dialog cancelled: no note
        await settled(pilot, settle)
        assert long_app.screen is reader
        assert not (long_app.paths.state / "notes.json").exists()


async def test_compare_shows_each_sides_notes_and_adds_one(pair_paths: Paths, settle) -> None:
    a_body = read_brief(pair_paths.corpus / f"{A}.md").body
    Notebook(pair_paths.state).add_quote(A, a_body, "Russia’s recalibrated strategic approach")
    app = create_app(pair_paths, compare=(A, B), update_index=False)
    async with app.run_test(size=(160, 48)) as pilot:
        await settled(pilot, settle)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert len(screen.notes.keeper("a").spans) == 1
        assert screen.notes.keeper("b").spans == []
        assert text_of(screen, "#title-a").startswith("A  1 note · ")
        await pilot.press("tab", "v", "right_parenthesis", "enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteDialog)
        await pilot.press(*"losses", "enter")
        await settled(pilot, settle)
        notes = saved_notes(pair_paths)
        assert sorted(str(n["brief"]) for n in notes) == sorted([A, B])
        assert text_of(screen, "#title-b").startswith("B  note 1/1 C claim losses")


async def test_notes_screen_from_everywhere_and_palette(app: BriefsApp, settle, type_text) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await type_text(pilot, "Notes")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await settled(pilot, settle)
        screen = app.screen
        assert isinstance(screen, NotesScreen)
        assert text_of(screen, "#notes-status").startswith("No notes yet")
        assert text_of(screen, "#notes-summary") == "0 of 0 notes"


def test_label_colours_differ_in_16_colours_and_letters_without_colour() -> None:
    from tui.core.notes import COLOURS, DEFAULT_LABELS, Label
    from tui.widgets.note_styles import colour_class, label_letters, note_css

    css = note_css("BriefView")
    for colour in COLOURS:
        assert f".{colour_class(colour)} {{ text-style: underline; color: ansi_{colour}; }}" in css
    assert len({colour_class(c) for c in COLOURS}) == 16
    # Without colour the letters keep the default labels apart.
    assert label_letters(DEFAULT_LABELS) == {
        "claim": "C",
        "evidence": "E",
        "question": "Q",
        "contradiction": "O",
    }
    # Letters never repeat, whatever the names.
    many = [Label(name, "red") for name in ("cab", "Cab2", "ca", "c")]
    letters = list(label_letters(many).values())
    assert len(set(letters)) == len(letters)


async def test_label_styles_in_the_view_are_the_standard_colours_and_underlined(
    long_paths: Paths, settle
) -> None:
    from tui.core.notes import COLOURS
    from tui.widgets.note_styles import colour_class

    app = create_app(long_paths)
    async with app.run_test(size=(80, 24)) as pilot:
        reader = await open_brief(pilot, settle)
        styles = [reader.view.get_component_rich_style(colour_class(c)) for c in COLOURS]
        assert all(style.underline for style in styles)
        # Each is its ANSI colour (number 0-15), so 16-colour terminals show them as chosen.
        numbers = [style.color.number for style in styles if style.color is not None]
        assert sorted(numbers) == list(range(16))


def test_the_screens_leave_the_notes_package_to_the_workers() -> None:
    # Opening a brief reads no notes on the UI thread: the notebook is imported by its worker.
    import subprocess
    import sys

    code = (
        "import sys\nimport tui.app, tui.screens.reader, tui.screens.notes, tui.screens.compare\n"
        "print(sorted(m for m in sys.modules if m.startswith('tui.core.notes')))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]"


async def test_help_and_palette_list_every_notes_key(
    long_app: BriefsApp, settle, type_text
) -> None:
    from textual.command import CommandPalette

    from tests.ui.test_app_keys import rendered
    from tui.commands import commands
    from tui.screens.help import HelpScreen

    async with long_app.run_test(size=(100, 40)) as pilot:
        reader = await open_brief(pilot, settle)
        for scope, wanted in (
            ("reader", [*commands("reader"), *commands("visual")]),
            ("notes", commands("notes")),
        ):
            if scope == "notes":
                await pilot.press("ctrl+n")
                await settled(pilot, settle)
                await pilot.press("down")  # from the filter to the list: `?` is a key there
            await pilot.press("question_mark")
            await pilot.pause()
            help_screen = long_app.screen
            assert isinstance(help_screen, HelpScreen)
            text = " ".join(rendered(help_screen.key_table()).split())
            for command in [*wanted, *commands("app")]:
                assert " ".join(command.help.split()) in text, command.id
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert long_app.screen is reader

        # In the visual mode the palette offers the mode's commands, run on its bar.
        await pilot.press("v")
        bar = reader.query_one(VisualBar)
        assert bar.selection is not None
        await pilot.press("ctrl+p")
        assert isinstance(long_app.screen, CommandPalette)
        await type_text(pilot, "Sentence")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert long_app.screen is reader
        assert reader.brief.body[bar.selection.start : bar.selection.end].endswith(".")
