"""The note dialog: the passage quoted, a label from the list (↑/↓), one line of text (⏎ saves)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from tui.widgets.note_styles import UNLABELLED_LETTER, label_letters, label_style
from tui.widgets.safe import SafeInput, one_line

if TYPE_CHECKING:
    from tui.core.notes import Label

QUOTE_SHOWN = 180  # characters of the passage quoted in the dialog


@dataclass(frozen=True)
class NoteDraft:
    """What the dialog gives back: the label chosen (None: no label) and the note's text."""

    label: str | None
    text: str


class NoteDialog(ModalScreen[NoteDraft | None]):
    """A note's label and text; Enter saves, Escape cancels (dismissed with None)."""

    DEFAULT_CSS = """
    NoteDialog {
        align: center middle;
        #note-box {
            width: 72;
            max-width: 96%;
            height: auto;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
        #note-quote { height: auto; max-height: 4; color: $text-muted; text-style: italic; }
        #note-labels { height: auto; margin: 1 0; }
        #note-text { border: none; height: 1; background: $boost; }
        #note-help { height: 1; color: $text-muted; margin-top: 1; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=False),
        Binding("down,tab", "label(1)", "Next label", show=False),
        Binding("up,shift+tab", "label(-1)", "Previous label", show=False),
    ]

    def __init__(
        self,
        title: str,
        quote: str,
        labels: Sequence[Label],
        *,
        label: str | None = None,
        text: str = "",
    ) -> None:
        super().__init__()
        self.title_text = title
        self.quote = quote
        self.labels = list(labels)
        # The choices: each label, then none.
        self.choices: list[str | None] = [item.name for item in self.labels] + [None]
        wanted = label.casefold() if label else None
        self.chosen = next(
            (i for i, name in enumerate(self.choices) if name and name.casefold() == wanted),
            len(self.choices) - 1,  # no label (asked for, or the label is gone)
        )
        self.text = text

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box") as box:
            box.border_title = self.title_text
            quote = one_line(self.quote)
            if len(quote) > QUOTE_SHOWN:
                quote = quote[: QUOTE_SHOWN - 1].rstrip() + "…"
            yield Static(Text(f"“{quote}”"), id="note-quote")
            yield Static(self.label_row(), id="note-labels")
            # Pasted text goes to the notes file: no escape sequences or controls.
            yield SafeInput(
                self.text, placeholder="a line about this passage", id="note-text", compact=True
            )
            yield Static(Text("⏎ save · ↑/↓ label · esc cancel"), id="note-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @property
    def label(self) -> str | None:
        return self.choices[self.chosen]

    def label_row(self) -> Text:
        """Every label with its letter, the chosen one in reverse video (reads without colour)."""
        letters = label_letters(self.labels)
        row = Text("Label ", style="bold")
        colours = {item.name: item.colour for item in self.labels}
        for i, name in enumerate(self.choices):
            if name is None:
                part, style = f"{UNLABELLED_LETTER} none", label_style(None)
            else:
                part = f"{letters.get(name.casefold(), UNLABELLED_LETTER)} {name}"
                style = label_style(colours[name])
            style += Style(reverse=True) if i == self.chosen else Style(bold=False)
            row.append(f" {part} ", style=style)
            row.append(" ")
        return row

    def action_label(self, delta: int) -> None:
        self.chosen = (self.chosen + delta) % len(self.choices)
        self.query_one("#note-labels", Static).update(self.label_row())

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(NoteDraft(self.label, event.value.strip()))

    def action_cancel(self) -> None:
        self.dismiss(None)


__all__ = ["NoteDialog", "NoteDraft"]
