"""The app meets hostile briefs, broken state, small and odd terminals, and a second process.

Pilot tests paint every screen over the generated hostile corpus and read what was painted
(the screenshot's text): nothing a terminal would obey, markup shown as typed. Real
pseudo-terminal tests start the app under TERM=linux/dumb/none, NO_COLOR and a C locale.
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte
import pytest
from textual.events import Paste
from textual.pilot import Pilot
from textual.widgets import Input

from tests.reliability import hostile
from tests.reliability.helpers import HostileCorpus, child_env, where
from tui.app import BriefsApp, create_app
from tui.core.brief import load_corpus
from tui.core.paths import Paths
from tui.core.state import STATE_FILE

DATA = Path(__file__).parents[1] / "data"


async def settle(pilot: Pilot[None]) -> None:
    app = pilot.app
    for _ in range(60):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            return
    raise AssertionError("workers did not finish")


def painted(app: BriefsApp) -> tuple[str, str]:
    """The screenshot (SVG, raw) and the text painted in it."""
    svg = app.export_screenshot()
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg, flags=re.S)
    return svg, "".join(html.unescape(t) for t in texts).replace("\xa0", " ")


def assert_inert(app: BriefsApp, where_: str) -> str:
    svg, text = painted(app)
    assert hostile.unsafe(svg, allow="\n\t") == [], where_
    return text


@pytest.fixture
def hostile_paths(hostile_corpus: HostileCorpus, tmp_path: Path) -> Paths:
    return Paths(corpus=hostile_corpus.corpus, index=hostile_corpus.index, state=tmp_path / "st")


# --- hostile briefs on every screen ---------------------------------------------------------------


async def test_every_screen_paints_hostile_briefs_inertly(hostile_paths: Paths) -> None:
    briefs = sorted(load_corpus(hostile_paths.corpus).briefs, key=lambda b: b.id)
    markup = [text for family, _n, text in hostile.PAYLOADS if family == "markup"]
    # Every hand-written brief and every brief with a markup payload in its title.
    chosen = [b for b in briefs if b.id.startswith("hand-") or any(m in b.title for m in markup)]
    app = create_app(hostile_paths)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        shown = assert_inert(app, "library")
        assert "briefs" in shown
        literal = 0
        for number, brief in enumerate(chosen[:6]):
            app.open_brief(brief.id)
            await settle(pilot)
            text = assert_inert(app, f"reader {brief.id}")
            literal += sum(m.split("]")[0] in text for m in markup)
            if number % 2 == 0:
                await pilot.press("e")  # the entity list
                await settle(pilot)
                assert_inert(app, f"entities {brief.id}")
            await pilot.press("escape")
            await settle(pilot)
            if not app.screen.__class__.__name__.startswith("Library"):
                await pilot.press("escape")
                await settle(pilot)
        assert literal > 0  # markup was painted as typed, not obeyed
        app.open_compare(chosen[0].id, chosen[1].id)
        await settle(pilot)
        assert_inert(app, "compare")
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        for char in hostile.SHARED_WORD:
            await pilot.press(char)
        await pilot.pause(0.6)  # the search runs once typing pauses
        await settle(pilot)
        text = assert_inert(app, "search results")
        assert "zorblax" in text


async def _paste_into_search(app: BriefsApp, pilot: Pilot[None]) -> None:
    await settle(pilot)
    await pilot.press("s")
    await settle(pilot)
    pasted = "".join(text for _f, _n, text in hostile.PAYLOADS[:20]) + " quillfeather"
    app.screen.query_one(Input).post_message(Paste(pasted))
    await pilot.pause(0.6)
    await settle(pilot)


async def test_a_pasted_hostile_query_still_searches(hostile_paths: Paths) -> None:
    app = create_app(hostile_paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await _paste_into_search(app, pilot)
        assert app.is_running
        _, text = painted(app)
        assert "zorblax" in text  # the query's words were searched, the codes ignored


async def test_a_pasted_hostile_query_is_painted_inertly(hostile_paths: Paths) -> None:
    app = create_app(hostile_paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await _paste_into_search(app, pilot)
        assert_inert(app, "search with a pasted query")


# --- terminals: size ---------------------------------------------------------------------------


async def test_resizing_down_to_20x5_and_back(hostile_paths: Paths) -> None:
    app = create_app(hostile_paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        brief_id = sorted(load_corpus(hostile_paths.corpus).briefs, key=lambda b: b.id)[0].id
        for opened in ("library", "reader", "search"):
            if opened == "reader":
                app.open_brief(brief_id)
            elif opened == "search":
                await pilot.press("s")
            await settle(pilot)
            screen = type(app.screen)
            for size in ((20, 5), (1, 1), (200, 60), (100, 30)):
                await pilot.resize_terminal(*size)
                await settle(pilot)
                assert app.is_running
                assert_inert(app, f"{opened} at {size}")
            assert type(app.screen) is screen, opened  # back where it was
            await pilot.press("escape")
            await settle(pilot)


# --- broken state --------------------------------------------------------------------------------


async def test_corrupt_state_and_alias_files_are_not_fatal(tmp_path: Path) -> None:
    corpus = tmp_path / "briefs"
    corpus.mkdir()
    for path in sorted(DATA.glob("*.md")):
        shutil.copy2(path, corpus / path.name)
    (corpus / "aliases.toml").write_bytes(b"x = " + b"[" * 50_000)
    state = tmp_path / "state"
    state.mkdir()
    (state / STATE_FILE).write_bytes(b"[" * 100_000)
    paths = Paths(corpus=corpus, index=tmp_path / "index", state=state)
    app = create_app(paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.is_running
        _, text = painted(app)
        assert "Zangezur" in text or "briefs" in text
        brief_id = sorted(p.stem for p in corpus.glob("*.md"))[0]
        app.open_brief(brief_id)
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        assert app.is_running
        await pilot.press("escape", "escape")
        await settle(pilot)
    assert (state / f"{STATE_FILE}.corrupt").read_bytes() == b"[" * 100_000


# --- a second process ----------------------------------------------------------------------------


async def test_the_app_finds_briefs_another_process_adds(tmp_path: Path) -> None:
    corpus = tmp_path / "briefs"
    corpus.mkdir()
    for path in sorted(DATA.glob("*.md")):
        shutil.copy2(path, corpus / path.name)
    paths = Paths(corpus=corpus, index=tmp_path / "index", state=tmp_path / "state")
    capture = tmp_path / "new.txt"
    capture.write_text(
        (DATA / "ingest" / "wrapped-report.txt").read_text(encoding="utf-8"), encoding="utf-8"
    )
    app = create_app(paths)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        for char in "turkmenistan":
            await pilot.press(char)
        await pilot.pause(0.6)
        await settle(pilot)
        _, before = painted(app)
        done = subprocess.run(
            [sys.executable, "-m", "tui", "add", str(capture), *where(corpus, paths.index)],
            env=child_env(),
            capture_output=True,
            timeout=120,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode()
        for _ in range(3):  # search again, as a user would
            await pilot.press("end", "space")
            await pilot.pause(0.6)
            await settle(pilot)
        _, after = painted(app)
        assert "Gas Transit Through the Caspian" not in before
        assert "Gas Transit Through the Caspian" in after


# --- real terminals -------------------------------------------------------------------------------


def _screen_of(child: pexpect.spawn, screen: pyte.Screen, stream: pyte.ByteStream) -> bytes:
    raw = b""
    while True:
        try:
            data = child.read_nonblocking(65536, timeout=0.1)
        except (pexpect.TIMEOUT, pexpect.EOF):
            return raw
        raw += data
        stream.feed(data)


def _run_app(env: dict[str, str], until: Callable[[str], bool]) -> tuple[str, bytes, int | None]:
    """Start the app in a pseudo-terminal, wait for the screen to satisfy `until`, press q."""
    screen = pyte.Screen(100, 30)
    stream = pyte.ByteStream(screen)
    child = pexpect.spawn(sys.executable, ["-m", "tui"], env=env, dimensions=(30, 100), timeout=60)
    raw = b""
    text = ""
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            raw += _screen_of(child, screen, stream)
            text = "\n".join(screen.display)
            if until(text) or not child.isalive():
                break
        if child.isalive():
            child.send("q")
            end = time.monotonic() + 20
            while child.isalive() and time.monotonic() < end:
                raw += _screen_of(child, screen, stream)
    finally:
        if child.isalive():
            child.kill(9)
        child.close()
    return text, raw, child.exitstatus


@pytest.mark.slow
@pytest.mark.parametrize(
    "variables",
    [
        {"TERM": "linux"},
        {"TERM": "dumb"},
        {"TERM": None},
        {"TERM": "xterm-256color", "NO_COLOR": "1"},
        {"TERM": "xterm-256color", "LC_ALL": "C", "LANG": "C"},
    ],
    ids=["linux", "dumb", "no-term", "no-color", "c-locale"],
)
def test_the_app_in_a_real_terminal_of_each_kind(
    variables: dict[str, str | None], hostile_corpus: HostileCorpus, tmp_path: Path
) -> None:
    env = child_env(
        **variables,
        BRIEFS_CORPUS=str(hostile_corpus.corpus),
        BRIEFS_INDEX=str(hostile_corpus.index),
        BRIEFS_STATE=str(tmp_path / "state"),
        COLUMNS=None,
    )
    text, raw, code = _run_app(env, lambda shown: "Library" in shown or "briefs" in shown)
    assert b"Traceback" not in raw, raw.decode("utf-8", "replace")[-2000:]
    # Up, drawn, and quit with q; or, where the terminal cannot run it, a clear message.
    assert code == 0, (code, text)
    assert "Library" in text or "brief" in text, text
    # Textual draws with its own escape codes; none of the briefs' may get through.
    # (The payloads' printable rest, "52;c;..." after a U+FFFD, is inert text and may show.)
    for needle in (b"\x1b]52;", b"\x1b]0;sudo", b"\x1bP$q", b"\x1b_G", b"\x1b]8;;https://evil"):
        assert needle not in raw, needle
    assert hostile.unsafe(raw.decode("utf-8", "replace"), allow="\n\t\r\x1b\x07\x08") == []
    assert not (tmp_path / "state" / f"{STATE_FILE}.corrupt").exists()
