"""The installed `briefs` command in a real pseudo-terminal: search, read the answer, quit."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pexpect
import pyte
import pytest

BRIEFS = Path(sys.executable).with_name("briefs")
COLUMNS, LINES = 80, 24


class Terminal:
    """A pexpect child drawn on a pyte screen, read as text the way a person reads it."""

    def __init__(self, child: pexpect.spawn) -> None:
        self.child = child
        self.screen = pyte.Screen(COLUMNS, LINES)
        self.stream = pyte.ByteStream(self.screen)

    def pump(self) -> None:
        while True:
            try:
                data = self.child.read_nonblocking(65536, timeout=0.05)
            except (pexpect.TIMEOUT, pexpect.EOF):
                return
            self.stream.feed(data)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_for(self, predicate: Callable[[str], bool], timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            self.pump()
            if predicate(self.text):
                return self.text
        raise AssertionError(f"screen never matched; it shows:\n{self.text}")

    def type(self, keys: str) -> None:
        for key in keys:
            self.child.send(key)
            time.sleep(0.03)


@pytest.mark.e2e
def test_search_from_the_installed_command(corpus: Path, tmp_path: Path) -> None:
    assert BRIEFS.exists(), f"install the project first ({BRIEFS} is missing)"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("BRIEFS_", "TEXTUAL", "NO_COLOR"))
    }
    env.update(
        BRIEFS_CORPUS=str(corpus),
        BRIEFS_INDEX=str(tmp_path / "index"),
        BRIEFS_STATE=str(tmp_path / "state"),
        TERM="xterm-256color",
        COLUMNS=str(COLUMNS),
        LINES=str(LINES),
    )
    child = pexpect.spawn(
        str(BRIEFS), env=env, dimensions=(LINES, COLUMNS), cwd=str(tmp_path), timeout=30
    )
    term = Terminal(child)
    try:
        shown = term.wait_for(lambda text: "index: 8 briefs" in text)
        assert "Library" in shown and "8 briefs" in shown
        assert "The Zangezur Corridor" in shown

        term.type("s")
        term.wait_for(lambda text: "Search" in text.splitlines()[0])
        term.type("zangezur")
        shown = term.wait_for(lambda text: "Crisis Group · 2024-02-14" in text)
        assert "1 brief" in shown and "The Zangezur Corridor and the Future" in shown
        assert "Zangezur corridor" in shown  # the snippet

        child.send("\r")  # read it at the first hit
        shown = term.wait_for(
            lambda text: "search “zangezur”: 1 of" in text and "Thomas de Waal" in text
        )
        assert "Baku calls" in shown  # the hit's paragraph is on screen

        child.send("\x1b")  # back to the results
        term.wait_for(lambda text: "1 brief" in text)
        child.send("\x1b")  # back to the library
        term.wait_for(lambda text: "Library" in text.splitlines()[0])
        time.sleep(0.2)
        child.send("q")
        child.expect(pexpect.EOF, timeout=10)
    finally:
        if child.isalive():
            child.terminate(force=True)
    child.close()
    assert child.exitstatus == 0
    assert (tmp_path / "index").is_dir()  # built by the app's start-up worker
