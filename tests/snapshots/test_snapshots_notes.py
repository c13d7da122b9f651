"""Notes at 80x24 (pytest-textual-snapshot; SVGs committed): the reader with notes (margin
letters, the overview column, the count in the status bar), with NO_COLOR, the visual mode, the
note dialog, the notes screen and compare with notes.

Deterministic: the bundled pair indexed in tmp_path before the app starts, the notes written to
the test's own state folder before it starts (ids, times and paths are never on screen), every
worker finished before the picture is taken, no notification showing. Update with
`pytest --snapshot-update` and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import BriefsApp, create_app
from tui.core.brief import read_brief
from tui.core.notes import Notebook
from tui.core.paths import Paths

A = "nagorno-karabakh-crisis-and-russias-strategy-in-the-region"
B = "after-azerbaijan-took-control-of-nagorno-karabakh-without"
SIZE = (80, 24)

Snap = Callable[..., bool]


def write_notes(paths: Paths) -> None:
    """Three notes in A's first screen, one whose passage is gone, one in B."""
    book = Notebook(paths.state)
    body = read_brief(paths.corpus / f"{A}.md").body
    book.add_quote(
        A,
        body,
        "The recent capitulation of Nagorno-Karabakh",
        label="claim",
        text="capitulation: whose word?",
    )
    book.add_quote(
        A,
        body,
        "forging a robust alliance with both Baku and Ankara",
        label="evidence",
        text="the INSTC is the motive",
    )
    book.add_quote(A, body, "the domain of distributing natural gas", label="question")
    # A passage of an earlier version of the brief, no longer in it: orphaned.
    earlier = body + "\n\nA closing paragraph that a later capture dropped."
    start = earlier.index("A closing")
    book.add(A, earlier, start, len(earlier), label="contradiction", text="gone since")
    b_body = read_brief(paths.corpus / f"{B}.md").body
    book.add_quote(B, b_body, "Baku used favourable circumstances", label="contradiction")


@pytest.fixture
def notes_paths(pair_paths: Paths) -> Paths:
    write_notes(pair_paths)
    return pair_paths


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(50):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return
    raise AssertionError("workers did not finish")


def keys(*steps: str, read: str | None = A) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Settle (after opening brief `read` in the reader), then press keys one by one."""

    async def run(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, BriefsApp)
        await settle(pilot)
        if read is not None:
            app.open_brief(read)
            await settle(pilot)
        for step in steps:
            await pilot.press(step)
            await settle(pilot)
        for box in app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()

    return run


def test_reader_with_notes(snap_compare: Snap, notes_paths: Paths) -> None:
    """Each passage underlined in its label's colour, its letter in the margin (│ as it runs
    on), ◆ in the overview column, "4 notes · 1 orphaned" in the status bar."""
    app = create_app(notes_paths, update_index=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys())


def test_reader_stepped_to_a_note(snap_compare: Snap, notes_paths: Paths) -> None:
    """> twice: the second note is the current one (its letter reversed, its text in the bar)."""
    app = create_app(notes_paths, update_index=False)
    steps = keys("greater_than_sign", "greater_than_sign")
    assert snap_compare(app, terminal_size=SIZE, run_before=steps)


def test_reader_with_notes_without_colour(
    snap_compare: Snap, notes_paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app(notes_paths, update_index=False)
    assert app.no_color
    assert snap_compare(app, terminal_size=SIZE, run_before=keys())


def test_visual_mode(snap_compare: Snap, pair_paths: Paths) -> None:
    """v at the top, then two words and the rest of the sentence: reversed and underlined; the
    bar says how much is selected, the footer lists the mode's keys."""
    app = create_app(pair_paths, update_index=False)
    steps = keys("j", "j", "j", "j", "j", "v", "w", "w", "right_parenthesis")
    assert snap_compare(app, terminal_size=SIZE, run_before=steps)


def test_note_dialog(snap_compare: Snap, pair_paths: Paths) -> None:
    """The passage quoted, the labels with their letters (evidence chosen), a line typed."""
    app = create_app(pair_paths, update_index=False)
    steps = keys(
        *("j", "j", "j", "j", "j", "v", "right_parenthesis", "enter", "down"),
        *("space" if c == " " else c for c in "says who"),
    )
    assert snap_compare(app, terminal_size=SIZE, run_before=steps)


def test_notes_screen(snap_compare: Snap, notes_paths: Paths) -> None:
    """Every note of the library by brief title, two lines each, the orphaned one marked."""
    app = create_app(notes_paths, update_index=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys("ctrl+n", read=None))


def test_compare_with_notes(snap_compare: Snap, notes_paths: Paths) -> None:
    """Compare at 80x24: pane A with its notes (count in the pane's title), margin letters."""
    app = create_app(notes_paths, compare=(A, B), update_index=False)
    assert snap_compare(app, terminal_size=SIZE, run_before=keys(read=None))
