"""One line of input for an analyst's alias edit (merge, ignore, rename) of an entity."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.widgets.safe import SafeInput


class AliasDialog(ModalScreen[str | None]):
    """One line of input for an alias edit; Enter confirms, Escape cancels (dismissed with None)."""

    DEFAULT_CSS = """
    AliasDialog {
        align: center middle;
        #alias-box {
            width: 60;
            max-width: 90%;
            height: auto;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
        #alias-prompt { height: auto; margin-bottom: 1; }
        #alias-input { border: none; height: 1; background: $boost; }
        #alias-help { height: 1; color: $text-muted; margin-top: 1; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, title: str, prompt: Text, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.prompt = prompt
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="alias-box") as box:
            box.border_title = self.title_text
            yield Static(self.prompt, id="alias-prompt")
            # Pasted text goes to the alias file: no escape sequences or controls.
            yield SafeInput(
                self.value, placeholder=self.placeholder, id="alias-input", compact=True
            )
            yield Static(Text("⏎ save to aliases.toml · esc cancel"), id="alias-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = " ".join(event.value.split())
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


__all__ = ["AliasDialog"]
