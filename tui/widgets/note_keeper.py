"""The notes of the brief one view shows: loaded, painted, stepped through, added, edited and
deleted (with undo). The reader has one, compare one per pane; the screen forwards its keys.

An invisible widget so that it can run thread workers (every notebook call touches the disk) and
handle the messages they post; a keystroke never waits on the disk. What it has to say goes to
the screen's status bar through `status`, and to notifications.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.message import Message
from textual.widget import Widget

from tui.core.sanitize import error_line
from tui.widgets.brief_view import BriefView
from tui.widgets.note_dialog import NoteDialog, NoteDraft
from tui.widgets.note_marks import NoteMarks, NoteSpan, note_spans
from tui.widgets.note_styles import label_text
from tui.widgets.safe import one_line

if TYPE_CHECKING:
    from tui.core.brief import Brief
    from tui.core.notes import Label, Note, PlacedNote
    from tui.services import Services
    from tui.services.notes import BriefNotesView

UNDO_DEPTH = 20
QUOTE_NOTICE = 40


def _short(text: str, size: int = QUOTE_NOTICE) -> str:
    text = one_line(text)
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


class NoteKeeper(Widget):
    """The notes of one brief in one view."""

    DEFAULT_CSS = "NoteKeeper { display: none; }"

    @dataclass
    class Loaded(Message):
        notes: BriefNotesView

    @dataclass
    class Changed(Message):
        """A change was saved: say so, keep what undoes it, show the notes again."""

        told: str
        undo: Note | None = None
        current: str | None = None

    @dataclass
    class Failed(Message):
        reason: str

    def __init__(
        self,
        services: Services,
        view: BriefView,
        status: Callable[[Text], None],
        *,
        brief: Brief | None = None,
        current: str | None = None,
    ) -> None:
        super().__init__()
        self.services = services
        self.view = view
        self.status = status
        self.brief = brief
        self.current = current  # the note last stepped to (or opened at)
        self.placed: list[PlacedNote] = []
        self.labels: list[Label] = []
        self.spans: list[NoteSpan] = []
        self.loaded = False
        self._undo: list[Note] = []
        self._last_label: str | None = None
        self._warned: str | None = None

    def on_mount(self) -> None:
        if self.brief is not None:
            self.load()

    def show(self, brief: Brief) -> None:
        self.brief = brief
        self.load()

    # -- loading and painting --------------------------------------------------------------------

    def load(self) -> None:
        if self.brief is not None:
            self._load(self.brief.id, self.brief.body)

    @work(thread=True, exclusive=True, group="notes-load", exit_on_error=False)
    def _load(self, brief_id: str, body: str) -> None:
        try:
            notes = self.services.notes.brief_notes(brief_id, body)
        except Exception as exc:  # a locked or unreadable file: said, the text still reads
            self.post_message(self.Failed(f"notes: {error_line(exc)}"))
            return
        self.post_message(self.Loaded(notes))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        message.stop()
        notes = message.notes
        if self.brief is None or notes.brief_id != self.brief.id:
            return
        self.placed, self.labels, self.loaded = notes.placed, notes.labels, True
        self.spans = note_spans(self.placed, self.labels)
        if self.current not in {s.note_id for s in self.spans}:
            self.current = None
        self.paint()
        if notes.warning and notes.warning != self._warned:
            self._warned = notes.warning
            self.notify(notes.warning, title="Notes", severity="warning", markup=False)

    def paint(self) -> None:
        NoteMarks(self.spans, self.current).apply(self.view)
        self.status(self.summary())

    @property
    def orphaned(self) -> list[PlacedNote]:
        return [p for p in self.placed if not p.anchored]

    def summary(self) -> Text:
        """For the status bar: how many notes, and the one stepped to."""
        text = Text()
        count = len(self.placed)
        if not count:
            return text
        current = self._placed(self.current)
        if current is not None and current.anchored:
            number = [s.note_id for s in self.spans].index(current.note.id) + 1
            text.append(f"note {number}/{len(self.spans)} ", style="bold")
            text.append_text(label_text(self.labels, current.note.label))
            if current.note.text:
                text.append(f" {_short(current.note.text, 30)}")
        else:
            text.append(f"{count} note{'s' if count != 1 else ''}", style="bold")
        if self.orphaned:
            text.append(f" · {len(self.orphaned)} orphaned", style="dim")
        return text

    def _placed(self, note_id: str | None) -> PlacedNote | None:
        return next((p for p in self.placed if p.note.id == note_id), None)

    # -- stepping --------------------------------------------------------------------------------

    def step(self, delta: int) -> None:
        if not self.spans:
            more = f" ({len(self.orphaned)} orphaned: o lists them)" if self.orphaned else ""
            self.notify(f"No notes in this brief's text{more}: v selects a passage")
            return
        ids = [s.note_id for s in self.spans]
        if self.current in ids and self.view.is_offset_visible(
            self.spans[ids.index(self.current)].start
        ):
            index = (ids.index(self.current) + delta) % len(ids)
        else:
            top = self.view.top_offset
            after = [i for i, s in enumerate(self.spans) if s.end > top]
            if delta > 0:
                index = after[0] if after else 0
            else:
                before = [i for i, s in enumerate(self.spans) if s.start < top]
                index = before[-1] if before else len(ids) - 1
        self.current = ids[index]
        self.paint()
        self.view.reveal_offset(self.spans[index].start)

    def in_view(self) -> PlacedNote | None:
        """The note the keys act on: the one stepped to if in view, else the first shown."""
        visible = [s for s in self.spans if self.view.is_offset_visible(s.start)]
        ids = {s.note_id for s in visible}
        if self.current in ids:
            return self._placed(self.current)
        return self._placed(visible[0].note_id) if visible else None

    # -- changes ---------------------------------------------------------------------------------

    def add(self, start: int, end: int) -> None:
        """Ask for a label and text for the passage [start, end), then save the note."""
        brief = self.brief
        if brief is None:
            return
        default = self._last_label or (self.labels[0].name if self.labels else None)
        dialog = NoteDialog("New note", brief.body[start:end], self.labels, label=default)

        def save(draft: NoteDraft | None) -> None:
            if draft is not None:
                self._last_label = draft.label
                self._add(brief.id, brief.body, start, end, draft)

        self.app.push_screen(dialog, save)

    @work(thread=True, group="notes-change", exit_on_error=False)
    def _add(self, brief_id: str, body: str, start: int, end: int, draft: NoteDraft) -> None:
        def change() -> NoteKeeper.Changed:
            note = self.services.notes.add(
                brief_id, body, start, end, label=draft.label, text=draft.text
            )
            return self.Changed(f"Noted “{_short(note.quote)}”", current=note.id)

        self._save(change)

    def edit(self) -> None:
        placed = self._target("edit")
        if placed is None:
            return
        note = placed.note
        dialog = NoteDialog(
            "Edit note", placed.current or note.quote, self.labels, label=note.label, text=note.text
        )

        def save(draft: NoteDraft | None) -> None:
            if draft is not None:
                self._edit(note.id, draft)

        self.app.push_screen(dialog, save)

    @work(thread=True, group="notes-change", exit_on_error=False)
    def _edit(self, note_id: str, draft: NoteDraft) -> None:
        def change() -> NoteKeeper.Changed:
            before, after = self.services.notes.edit(note_id, text=draft.text, label=draft.label)
            return self.Changed("Note saved · u undoes", undo=before, current=after.id)

        self._save(change)

    def delete(self) -> None:
        placed = self._target("delete")
        if placed is not None:
            self._delete(placed.note.id)

    @work(thread=True, group="notes-change", exit_on_error=False)
    def _delete(self, note_id: str) -> None:
        def change() -> NoteKeeper.Changed:
            gone = self.services.notes.delete(note_id)
            return self.Changed(f"Deleted the note on “{_short(gone.quote)}” · u undoes", gone)

        self._save(change)

    def undo(self) -> None:
        if not self._undo:
            self.notify("Nothing to undo here")
            return
        self._restore(self._undo.pop())

    @work(thread=True, group="notes-change", exit_on_error=False)
    def _restore(self, note: Note) -> None:
        def change() -> NoteKeeper.Changed:
            back = self.services.notes.restore(note)
            return self.Changed(f"Restored the note on “{_short(back.quote)}”", current=back.id)

        self._save(change)

    def _save(self, change: Callable[[], NoteKeeper.Changed]) -> None:
        """Run a change in this worker thread; what happened comes back as a message."""
        try:
            self.post_message(change())
        except Exception as exc:  # NotesError, a locked file, a full disk: said, nothing lost
            self.post_message(self.Failed(f"Note not saved: {error_line(exc)}"))

    def _target(self, verb: str) -> PlacedNote | None:
        placed = self.in_view()
        if placed is None:
            self.notify(f"No note in view to {verb}: > steps to the next one")
        return placed

    @on(Changed)
    def _changed(self, message: Changed) -> None:
        message.stop()
        if message.undo is not None:
            self._undo = [*self._undo, message.undo][-UNDO_DEPTH:]
        if message.current is not None:
            self.current = message.current
        self.notify(message.told, title="Notes", markup=False, timeout=4)
        self.load()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        message.stop()
        self.notify(message.reason, severity="error", markup=False)


__all__ = ["NoteKeeper"]
