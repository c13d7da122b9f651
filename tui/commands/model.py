"""One thing a user can do, declared once: its key, action, footer label and help sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from textual.binding import Binding

Scope = Literal[
    "app", "library", "list", "reader", "entities", "search", "compare", "notes", "visual", "help"
]


@dataclass(frozen=True)
class Command:
    """One thing a user can do. `key` uses Textual key names; "" means palette only."""

    id: str
    key: str
    action: str
    description: str  # short: the footer label
    help: str  # one sentence: the help screen and the palette
    footer: bool = False
    palette: bool = True
    priority: bool = False
    key_display: str | None = None

    @property
    def scope(self) -> str:
        return self.id.split(".", 1)[0]

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.description,
            show=self.footer,
            key_display=self.key_display,
            priority=self.priority,
            tooltip=self.help,
            id=self.id,
        )


__all__ = ["Command", "Scope"]
