"""A one-line find box with a match counter, docked at the bottom of the reader and compare,
and the literal, case-insensitive matching both screens find with."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Input, Static

from tui.widgets.safe import SafeInput

# Enough for any real brief; a one-letter find in a huge one should not freeze the screen.
MAX_MATCHES = 5000


def find_all(body: str, needle: str) -> list[tuple[int, int]]:
    """Case-insensitive matches of `needle` in `body`, as (start, end) offsets."""
    if not needle.strip():
        return []
    pattern = re.compile(re.escape(needle), re.IGNORECASE)
    found: list[tuple[int, int]] = []
    for match in pattern.finditer(body):
        found.append(match.span())
        if len(found) >= MAX_MATCHES:
            break
    return found


class FindBar(Horizontal):
    """Type to find; Enter keeps the matches and returns to the text; Escape does the same."""

    DEFAULT_CSS = """
    FindBar {
        height: 1;
        display: none;
        background: $boost;
        &.-open { display: block; }
        #find-label { width: auto; padding: 0 1; color: $text-muted; }
        #find-input { width: 1fr; border: none; height: 1; }
        #find-count { width: auto; padding: 0 1; }
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=False),
    ]

    @dataclass
    class Changed(Message):
        """The text to find changed (sent on every keystroke)."""

        find_bar: FindBar
        text: str

    @dataclass
    class Closed(Message):
        find_bar: FindBar

    def compose(self) -> ComposeResult:
        yield Static(Text("Find:"), id="find-label")
        yield SafeInput(id="find-input", compact=True, placeholder="text in this brief")
        yield Static("", id="find-count")

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def open(self) -> None:
        self.add_class("-open")
        self.query_one(Input).focus()

    def close(self) -> None:
        self.remove_class("-open")
        self.post_message(self.Closed(self))

    def show_count(self, text: str) -> None:
        self.query_one("#find-count", Static).update(Text(text))

    def action_close(self) -> None:
        self.close()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(self, event.value))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.close()
