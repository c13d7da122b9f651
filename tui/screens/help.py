"""The key list: every key of the screen it was opened from, and the keys that work everywhere."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from tui.commands import Command, bindings, commands, effective_key, key_names

SCREEN_NAMES = {
    "library": "Library",
    "reader": "Reader",
    "search": "Search",
    "compare": "Compare",
    "notes": "Notes",
}
KEY_WIDTH = 12
# Widgets of a screen with keys of their own, listed with the screen's.
PARTS = {"library": ("list",), "reader": ("entities", "visual"), "compare": ("visual",)}


class HelpScreen(ModalScreen[None]):
    """Lists the commands of one screen's scope and of the app, from the command table."""

    SCOPE = "help"
    CSS_PATH = Path(__file__).parent.parent / "styles" / "help.tcss"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings("help"))

    def __init__(self, for_screen: Screen[object]) -> None:
        super().__init__()
        self.scope = str(getattr(for_screen, "SCOPE", ""))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = f"Keys: {SCREEN_NAMES.get(self.scope, 'briefs')}"
            box.border_subtitle = "esc closes"
            yield Static(self.key_table(), id="help-keys")

    def key_table(self) -> Table:
        sections: list[tuple[str, list[Command]]] = []
        if self.scope in SCREEN_NAMES:
            entries = [
                c for scope in (self.scope, *PARTS.get(self.scope, ())) for c in commands(scope)
            ]
            sections.append((SCREEN_NAMES[self.scope], entries))
        sections.append(("Everywhere", commands("app")))
        table = Table.grid(padding=(0, 2))
        table.add_column(width=KEY_WIDTH, no_wrap=True, style="bold")
        table.add_column(ratio=1)
        for number, (title, entries) in enumerate(sections):
            if number:
                table.add_row("", "")
            table.add_row(Text(title, style="bold underline"), "")
            for command in entries:
                key = effective_key(self.app, command)
                shown = Text(key_names(key)) if key else Text("palette", style="dim")
                table.add_row(shown, Text(command.help))
        return table

    def action_close(self) -> None:
        self.dismiss()
