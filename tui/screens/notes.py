"""The notes screen: every note of the library, filtered as you type (words of the note or of
its quote), by label and by brief; enter reads the brief at the note's passage.

The notes are read and placed in their briefs by a worker when the screen opens (and when it
comes back); filtering is a worker too (Notebook.search), so typing never waits on the disk.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.commands import bindings
from tui.core.sanitize import error_line
from tui.messages import OpenBrief
from tui.widgets.note_styles import label_text
from tui.widgets.safe import SafeInput, one_line

if TYPE_CHECKING:
    from tui.core.notes import BriefNotes, PlacedNote
    from tui.services import Services
    from tui.services.notes import LibraryNotes

NO_NOTES = "No notes yet: in the reader, v selects a passage and ⏎ puts a note on it."


@dataclass(frozen=True)
class NoteRow:
    group: BriefNotes
    placed: PlacedNote


def row_prompt(row: NoteRow, labels: LibraryNotes) -> Group:
    """Two lines: the label and the quote; the note's text, the brief and the place."""
    note, placed = row.placed.note, row.placed
    first = label_text(labels.labels, note.label)
    first.append("  ")
    first.append(f"“{one_line(placed.current or note.quote)}”", style="italic")
    second = Text("   ")
    if not placed.anchored:
        # First, so it shows at any width; the reason (passage or brief gone) ends the line.
        second.append(" orphaned ", style="reverse")
        second.append(" ")
    if note.text:
        second.append(one_line(note.text))
        second.append(" · ", style="dim")
    second.append(one_line(row.group.title), style="bold")
    if placed.anchored and placed.place is not None:
        second.append(f" · {placed.place.describe()}", style="dim")
    elif placed.reason:
        second.append(f" · {placed.reason}", style="dim")
    for line in (first, second):
        line.no_wrap, line.overflow = True, "ellipsis"
    return Group(first, second)  # each line cut to the width on its own


class NotesScreen(Screen[None]):
    """Every note: type to filter, ctrl+l a label, ctrl+b one brief, enter reads it."""

    SCOPE = "notes"
    CSS_PATH = Path(__file__).parent.parent / "styles" / "notes.tcss"
    BINDINGS: ClassVar[list[BindingType]] = list(bindings("notes"))

    @dataclass
    class Loaded(Message):
        notes: LibraryNotes

    @dataclass
    class Filtered(Message):
        key: tuple[str, str | None, str | None]
        ids: set[str]

    @dataclass
    class Failed(Message):
        reason: str

    def __init__(self, services: Services, *, brief: str | None = None) -> None:
        super().__init__()
        self.services = services
        self.brief = brief
        self.label: str | None = None
        self.notes: LibraryNotes | None = None
        self.rows: dict[str, NoteRow] = {}
        self.shown: list[str] = []

    def compose(self) -> ComposeResult:
        with Horizontal(id="notes-bar", classes="bar"):
            yield Static(Text("Notes", style="bold"), id="notes-name")
            yield Static(Text("reading the notes…"), id="notes-summary")
        yield SafeInput(placeholder="words of a note or its quote", id="notes-filter")
        yield OptionList(id="notes-list")
        yield Static("", id="notes-status")
        yield Footer(compact=True)

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#notes-list", OptionList)

    @property
    def query_text(self) -> str:
        return self.query_one("#notes-filter", Input).value

    def on_mount(self) -> None:
        self.query_one("#notes-filter", Input).focus()
        self._load()

    def on_screen_resume(self) -> None:
        if self.notes is not None:
            self._load()  # a note may have been changed in the reader meanwhile

    def show_brief(self, brief_id: str | None) -> None:
        """Come back showing one brief's notes (or every brief's)."""
        self.brief = brief_id
        self._load()

    # -- loading and filtering -------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="notes-library", exit_on_error=False)
    def _load(self) -> None:
        try:
            self.post_message(self.Loaded(self.services.notes.library()))
        except Exception as exc:  # a locked or unreadable notes file: said on the screen
            self.post_message(self.Failed(f"could not read the notes: {error_line(exc)}"))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        self.notes = message.notes
        self.rows = {
            p.note.id: NoteRow(group, p) for group in message.notes.groups for p in group.notes
        }
        if self.label is not None and self.label not in {x.name for x in message.notes.labels}:
            self.label = None
        if message.notes.warning:
            self.notify(message.notes.warning, title="Notes", severity="warning", markup=False)
        self._refilter()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        self.query_one("#notes-status", Static).update(Text(message.reason))

    @on(Input.Changed, "#notes-filter")
    def _typed(self) -> None:
        self._refilter()

    def _refilter(self) -> None:
        if self.notes is None:
            return
        key = (self.query_text, self.label, self.brief)
        if not key[0].strip():
            self._show(self._matching(set(self.rows)))
            return
        self._filter(key)

    @work(thread=True, exclusive=True, group="notes-filter", exit_on_error=False)
    def _filter(self, key: tuple[str, str | None, str | None]) -> None:
        query, label, brief = key
        try:
            ids = self.services.notes.search(query, label=label, brief=brief)
        except Exception as exc:
            self.post_message(self.Failed(f"could not search the notes: {error_line(exc)}"))
            return
        self.post_message(self.Filtered(key, ids))

    @on(Filtered)
    def _filtered(self, message: Filtered) -> None:
        if message.key == (self.query_text, self.label, self.brief):
            self._show(self._matching(message.ids))

    def _matching(self, ids: set[str]) -> list[str]:
        """The notes to list, in the library's order: by brief title, then by place."""
        label = self.label.casefold() if self.label else None
        return [
            note_id
            for note_id, row in self.rows.items()
            if note_id in ids
            and (self.brief is None or row.group.brief == self.brief)
            and (label is None or (row.placed.note.label or "").casefold() == label)
        ]

    def _show(self, ids: list[str]) -> None:
        notes = self.notes
        if notes is None:
            return
        option_list = self.option_list
        highlighted = self._highlighted_id()
        option_list.clear_options()
        option_list.add_options(Option(row_prompt(self.rows[i], notes), id=i) for i in ids)
        if ids:
            option_list.highlighted = ids.index(highlighted) if highlighted in ids else 0
        self.shown = ids
        self._show_summary()

    def _show_summary(self) -> None:
        text = Text()
        total, shown = len(self.rows), len(self.shown)
        text.append(f"{shown} of {total} note{'s' if total != 1 else ''}", style="bold")
        orphaned = sum(1 for i in self.shown if not self.rows[i].placed.anchored)
        if orphaned:
            text.append(f" · {orphaned} orphaned")
        if self.label is not None and self.notes is not None:
            text.append(" · label ")
            text.append_text(label_text(self.notes.labels, self.label))
        if self.brief is not None:
            title = next(
                (r.group.title for r in self.rows.values() if r.group.brief == self.brief),
                self.brief,
            )
            text.append(f" · in “{one_line(title)}”")
        self.query_one("#notes-summary", Static).update(text)
        if not total:
            status = Text(NO_NOTES)
        elif not shown:
            status = Text("No note matches: change the words, ctrl+l the label, ctrl+b the brief")
        else:
            status = Text("⏎ reads the note at its passage", style="dim")
        self.query_one("#notes-status", Static).update(status)

    def _highlighted_id(self) -> str | None:
        option_list = self.option_list
        index = option_list.highlighted
        if index is None or index >= option_list.option_count:
            return None
        return option_list.get_option_at_index(index).id

    # -- keys ------------------------------------------------------------------------------------

    def action_cycle_label(self) -> None:
        if self.notes is None:
            return
        names: list[str | None] = [None, *(label.name for label in self.notes.labels)]
        at = names.index(self.label) if self.label in names else 0
        self.label = names[(at + 1) % len(names)]
        self._refilter()

    def action_toggle_brief(self) -> None:
        if self.brief is not None:
            self.brief = None
        else:
            note_id = self._highlighted_id()
            if note_id is None:
                self.notify("Highlight a note first: its brief is the one shown")
                return
            self.brief = self.rows[note_id].group.brief
        self._refilter()

    def action_focus_filter(self) -> None:
        self.query_one("#notes-filter", Input).focus()

    def action_focus_list(self) -> None:
        self.option_list.focus()

    def action_open_note(self) -> None:
        note_id = self._highlighted_id()
        if note_id is None:
            return
        self._open(note_id)

    @on(OptionList.OptionSelected, "#notes-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self._open(event.option.id)

    def _open(self, note_id: str) -> None:
        row = self.rows[note_id]
        if row.group.missing:
            self.notify(f"{row.group.brief}: no longer in the corpus", severity="warning")
            return
        placed = row.placed
        if not placed.anchored:
            self.notify("This note's passage is no longer in the brief: opened at its start")
            self.post_message(OpenBrief(row.group.brief))
            return
        self.post_message(OpenBrief(row.group.brief, at=placed.start, note=note_id))


__all__ = ["NoteRow", "NotesScreen", "row_prompt"]
