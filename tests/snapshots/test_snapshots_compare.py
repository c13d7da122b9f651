"""The compare screen and the reader's entity panel at 80x24 and 160x48 on the two bundled
analyses (pytest-textual-snapshot; SVGs committed).

Deterministic: the bundled briefs copied to tmp_path and indexed there before the app starts (the
app only checks the index), state in tmp_path, no clock or path on screen, no notification left
showing, every worker finished before the picture is taken. Update with `pytest --snapshot-update`
and look at the SVGs before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from tui.app import BriefsApp, create_app
from tui.core.paths import Paths

A = "nagorno-karabakh-crisis-and-russias-strategy-in-the-region"
B = "after-azerbaijan-took-control-of-nagorno-karabakh-without"
SIZES = [(80, 24), (160, 48)]

Snap = Callable[..., bool]


@pytest.fixture
def compare_app(pair_paths: Paths) -> BriefsApp:
    return create_app(pair_paths, compare=(A, B), update_index=False)


@pytest.fixture
def reader_app(pair_paths: Paths) -> BriefsApp:
    return create_app(pair_paths, update_index=False)


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(50):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return
    raise AssertionError("workers did not finish")


def keys(*steps: str, read: str | None = None) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Settle (after opening brief `read` in the reader, if given), then press keys."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        if read is not None:
            app = pilot.app
            assert isinstance(app, BriefsApp)
            app.open_brief(read)
            await settle(pilot)
        for step in steps:
            await pilot.press(step)
            await settle(pilot)  # as a person would: each key after the last one's effect

    return run


def ids(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_compare(snap_compare: Snap, compare_app: BriefsApp, size: tuple[int, int]) -> None:
    """As `briefs compare A B` opens it: shared entities underlined, one-side ones in italics,
    paragraphs without a counterpart marked ┆ in the gutter."""
    assert snap_compare(compare_app, terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_compare_shared_entity(
    snap_compare: Snap, compare_app: BriefsApp, size: tuple[int, int]
) -> None:
    """The second shared entity chosen with ]: its mentions marked, both panes at the next one."""
    steps = keys("right_square_bracket", "right_square_bracket", "n")
    assert snap_compare(compare_app, terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_compare_what_each_says(
    snap_compare: Snap, compare_app: BriefsApp, size: tuple[int, int]
) -> None:
    steps = keys("right_square_bracket", "right_square_bracket", "w")
    assert snap_compare(compare_app, terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_compare_aligned(snap_compare: Snap, compare_app: BriefsApp, size: tuple[int, int]) -> None:
    """A paragraph's counterpart in the other brief, with its score, both marked ▌."""
    steps = keys("space", *["j"] * 7, "a")
    assert snap_compare(compare_app, terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_compare_terms(snap_compare: Snap, compare_app: BriefsApp, size: tuple[int, int]) -> None:
    assert snap_compare(compare_app, terminal_size=size, run_before=keys("d"))


def test_compare_without_colour(
    snap_compare: Snap, pair_paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app(pair_paths, compare=(A, B), update_index=False)
    assert app.no_color
    steps = keys("right_square_bracket", "space", "a")
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_reader_entity_panel(
    snap_compare: Snap, reader_app: BriefsApp, size: tuple[int, int]
) -> None:
    """The panel beside the reader, entities coloured by type, the first person chosen."""
    steps = keys("e", "h", "enter", read=A)
    assert snap_compare(reader_app, terminal_size=size, run_before=steps)


def test_reader_entity_panel_without_colour(
    snap_compare: Snap, pair_paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app(pair_paths, update_index=False)
    steps = keys("e", "h", "down", "down", "down", "enter", read=A)
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps)
