"""The app's notebook: one `Notebook` for every screen, opened on first use, calls serialised.

Nothing is read at start-up: the first screen's speed is measured (bench/startup.py), and the
notes are only needed once a brief is open. Every method touches the disk, so screens call them
from thread workers; a lock keeps two workers (the reader's and the notes screen's) from
interleaving their reads and writes of the one in-memory snapshot.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from tui.core.notes import BriefNotes, Label, Note, Notebook, PlacedNote


@dataclass(frozen=True)
class BriefNotesView:
    """One brief's notes placed in its body, with the labels they are painted with."""

    brief_id: str
    placed: list[PlacedNote]
    labels: list[Label]
    warning: str | None = None  # a notes file set aside, entries unread: one line for the user


@dataclass(frozen=True)
class LibraryNotes:
    """Every note of the library, placed, and the labels."""

    groups: list[BriefNotes]
    labels: list[Label]
    warning: str | None = None


class NotesService:
    """The notes of one state folder, shared by the screens."""

    def __init__(self, state_dir: Path, corpus: Path) -> None:
        self.state_dir = state_dir
        self.corpus = corpus
        self._notebook: Notebook | None = None
        self._lock = threading.Lock()
        self.version = 0  # bumps on each change made through the app, so screens know to repaint

    def _book(self) -> Notebook:
        if self._notebook is None:
            from tui.core.notes import Notebook  # not at start-up: see the module's note

            self._notebook = Notebook(self.state_dir)
        return self._notebook

    def _changed(self, note: Note) -> Note:
        self.version += 1
        return note

    # -- reading -----------------------------------------------------------------------------------

    def brief_notes(self, brief_id: str, body: str, *, reload: bool = True) -> BriefNotesView:
        """The brief's notes placed in `body` (read again from the file: another process, the
        CLI, may have changed them)."""
        with self._lock:
            book = self._book()
            if reload:
                book.reload()
            return BriefNotesView(brief_id, book.place(brief_id, body), book.labels, book.warning)

    def library(self) -> LibraryNotes:
        """Every note, placed against its brief as the corpus has it now."""
        from tui.core.notes import place_library

        with self._lock:
            book = self._book()
            book.reload()
            return LibraryNotes(place_library(book.notes, self.corpus), book.labels, book.warning)

    def search(self, query: str, *, label: str | None = None, brief: str | None = None) -> set[str]:
        """The ids of the notes matching as one types (the last word may be a prefix)."""
        with self._lock:
            found = self._book().search(query, label=label, brief=brief, prefix=True)
            return {note.id for note in found}

    def labels(self) -> list[Label]:
        with self._lock:
            return self._book().labels

    # -- changes -----------------------------------------------------------------------------------

    def add(
        self, brief_id: str, body: str, start: int, end: int, *, label: str | None, text: str
    ) -> Note:
        with self._lock:
            return self._changed(
                self._book().add(brief_id, body, start, end, label=label, text=text)
            )

    def edit(self, note_id: str, *, text: str, label: str | None) -> tuple[Note, Note]:
        """The note before and after the change (the first is what an undo restores)."""
        with self._lock:
            book = self._book()
            before = book.note(note_id)
            if label is None:
                after = book.edit(note_id, text=text, unlabel=True)
            else:
                after = book.edit(note_id, text=text, label=label)
            return before, self._changed(after)

    def delete(self, note_id: str) -> Note:
        with self._lock:
            return self._changed(self._book().delete(note_id))

    def restore(self, note: Note) -> Note:
        """Put back a note as it was: the undo of a delete or an edit."""
        with self._lock:
            return self._changed(self._book().restore(note))

    def add_label(self, name: str, colour: str) -> Label:
        with self._lock:
            label = self._book().add_label(name, colour)
            self.version += 1
            return label


__all__ = ["BriefNotesView", "LibraryNotes", "NotesService"]
