"""Shown instead of a broken layout when the terminal is smaller than the app can use."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static


class TooSmallScreen(Screen[None]):
    """Covers everything until the terminal is large enough again (the app pops it)."""

    SCOPE = "too-small"
    CSS_PATH = Path(__file__).parent.parent / "styles" / "too_small.tcss"

    def compose(self) -> ComposeResult:
        yield Static(id="too-small")

    def on_mount(self) -> None:
        self._describe()

    def on_resize(self) -> None:
        self._describe()

    def _describe(self) -> None:
        width, height = self.app.size
        self.query_one("#too-small", Static).update(
            Text.assemble(
                ("Terminal too small (need 80x24)\n", "bold"),
                (f"This one is {width}x{height}.\nEnlarge the window, or press q to quit.", ""),
            )
        )
