"""What each screen looks like at 80x24 and 120x40 (pytest-textual-snapshot; SVGs committed).

Deterministic by construction: fixture briefs in tmp_path, state in tmp_path, no clock on screen,
every worker finished before the picture is taken. Update with `pytest --snapshot-update` and
look at the SVGs before committing them.
"""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable, Sequence
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from tui.app import BriefsApp, create_app
from tui.core.paths import Paths

UI_DATA = Path(__file__).parents[1] / "ui" / "data"
LONG = "nagorno-karabakh-crisis-and-russias-strategy-in-the-region"
SIZES = [(80, 24), (120, 40)]
# Sorted by title, the long brief is the seventh of nine.
OPEN_LONG = ("1", "home", *["down"] * 6, "enter")

Snap = Callable[..., bool]


@pytest.fixture
def snapshot_app(corpus: Path, tmp_path: Path) -> BriefsApp:
    shutil.copy2(UI_DATA / f"{LONG}.md", corpus / f"{LONG}.md")
    return create_app(Paths(corpus=corpus, index=tmp_path / "index", state=tmp_path / "state"))


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(50):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            return
    raise AssertionError("workers did not finish")


def keys(*steps: str | float) -> Callable[[Pilot[None]], Awaitable[None]]:
    """Settle, then press keys; a number waits that long and settles again (search debounce)."""

    async def run(pilot: Pilot[None]) -> None:
        await settle(pilot)
        for step in steps:
            if isinstance(step, float):
                await pilot.pause(step)
                await settle(pilot)
            else:
                await pilot.press(step)
        await settle(pilot)
        # A blinking cursor would make the picture depend on the moment it is taken.
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()

    return run


def typed(text: str) -> Sequence[str]:
    return ["space" if char == " " else char for char in text]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_library(snap_compare: Snap, snapshot_app: BriefsApp, size: tuple[int, int]) -> None:
    assert snap_compare(snapshot_app, terminal_size=size, run_before=keys())


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_library_filtered(
    snap_compare: Snap, snapshot_app: BriefsApp, size: tuple[int, int]
) -> None:
    steps = keys("slash", *typed("house"), 0.2)
    assert snap_compare(snapshot_app, terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reader(snap_compare: Snap, snapshot_app: BriefsApp, size: tuple[int, int]) -> None:
    steps = keys(*OPEN_LONG)
    assert snap_compare(snapshot_app, terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reader_find(snap_compare: Snap, snapshot_app: BriefsApp, size: tuple[int, int]) -> None:
    steps = keys(*OPEN_LONG, "slash", *typed("russia"), "enter", "n")
    assert snap_compare(snapshot_app, terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_reader_contents(
    snap_compare: Snap, snapshot_app: BriefsApp, size: tuple[int, int]
) -> None:
    steps = keys(*OPEN_LONG, "t")
    assert snap_compare(snapshot_app, terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_results(snap_compare: Snap, snapshot_app: BriefsApp, size: tuple[int, int]) -> None:
    steps = keys("s", *typed("armenia russa"), 0.3)
    assert snap_compare(snapshot_app, terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_search_hit_in_reader(
    snap_compare: Snap, snapshot_app: BriefsApp, size: tuple[int, int]
) -> None:
    steps = keys("s", *typed("kremlin"), 0.3, "enter", 0.1, "n")
    assert snap_compare(snapshot_app, terminal_size=size, run_before=steps)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help(snap_compare: Snap, snapshot_app: BriefsApp, size: tuple[int, int]) -> None:
    steps = keys("enter", "question_mark")
    assert snap_compare(snapshot_app, terminal_size=size, run_before=steps)


def test_too_small(snap_compare: Snap, snapshot_app: BriefsApp) -> None:
    assert snap_compare(snapshot_app, terminal_size=(50, 12), run_before=keys())


def test_library_without_colour(
    snap_compare: Snap, corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = create_app(Paths(corpus=corpus, index=tmp_path / "index", state=tmp_path / "state"))
    assert app.no_color
    steps = keys("s", *typed("grain"), 0.3, "enter")
    assert snap_compare(app, terminal_size=(80, 24), run_before=steps)
