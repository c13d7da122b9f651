"""Untrusted brief text made safe to paint, on top of tui.core.sanitize (the one definition)."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.widgets import Input

from tui.core import sanitize


def clean(text: str) -> str:
    """Unsafe characters shown as U+FFFD, one for one, so body offsets stay valid on screen.

    Tabs become spaces as well: the reader lays lines out by cell width, and a tab has none.
    """
    return sanitize.neutralise(text).replace("\t", " ")


def one_line(text: str | None, placeholder: str = "") -> str:
    """A value for a single-line cell (titles, sources): escape sequences dropped, blanks folded."""
    return sanitize.one_line(text) or placeholder


def plain(text: str | None, style: str = "", placeholder: str = "") -> Text:
    """A rich Text of untrusted text: never parsed as markup."""
    return Text(one_line(text, placeholder), style=style, no_wrap=True, overflow="ellipsis")


class SafeInput(Input):
    """An Input that drops escape sequences and control characters from whatever reaches it.

    Keys cannot type them, but a paste (or a value set from saved state) can; painted as is, a
    pasted OSC 52 or CSI sequence would reach the terminal.
    """

    def validate_value(self, value: str) -> str:
        return sanitize.strip(value).replace("\n", " ").replace("\t", " ")

    def _on_paste(self, event: events.Paste) -> None:
        cleaned = sanitize.strip(event.text)
        event.stop()
        if cleaned.strip():
            super()._on_paste(events.Paste(cleaned))
