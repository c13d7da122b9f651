"""The Notebook: every notes operation the app and the CLI need, dataclasses in and out.

Each change goes through the store (lock, read again, change, atomic write), so a notebook open
in the app and a `briefs notes add` in another terminal never lose each other's notes; reads use
the snapshot of the last load or change (`reload` reads the file again). Methods touch the disk:
the app calls them from thread workers.
"""

from __future__ import annotations

import datetime as dt
import secrets
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from tui.core.notes import labels as label_ops
from tui.core.notes.anchor import find_quote, make_target
from tui.core.notes.codec import FlagKey, NotesData
from tui.core.notes.model import (
    AmbiguousQuote,
    Label,
    Note,
    NoteNotFound,
    NotesError,
    PlacedNote,
    QuoteNotFound,
)
from tui.core.notes.placing import place_notes
from tui.core.notes.search import search_notes
from tui.core.notes.store import LOCK_WAIT_S, NoteStore
from tui.core.sanitize import one_line, strip

T = TypeVar("T")

MAX_TEXT = 20_000
MAX_FLAG_LABEL = 40


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _clean_text(text: str) -> str:
    """A note's words: no escape sequences or control characters, trailing blanks dropped."""
    lines = strip(text.replace("\r\n", "\n").replace("\r", "\n")).split("\n")
    cleaned = "\n".join(line.rstrip() for line in lines).strip()
    if len(cleaned) > MAX_TEXT:
        raise NotesError(f"a note has at most {MAX_TEXT:,} characters")
    return cleaned


class Notebook:
    """The notes of one state folder (`Paths.state`)."""

    def __init__(self, state_dir: Path, *, wait: float = LOCK_WAIT_S) -> None:
        self.store = NoteStore(state_dir, wait=wait)
        self._data: NotesData | None = None
        self.warning: str | None = None  # from the last read: a file set aside, entries unread

    # --- reading ---

    def reload(self) -> NotesData:
        loaded = self.store.load()
        self._data, self.warning = loaded.data, loaded.warning
        return loaded.data

    @property
    def data(self) -> NotesData:
        return self._data if self._data is not None else self.reload()

    @property
    def notes(self) -> list[Note]:
        return list(self.data.notes)

    @property
    def labels(self) -> list[Label]:
        return list(self.data.labels)

    def label(self, name: str | None) -> Label | None:
        return label_ops.find_label(self.data.labels, name) if name else None

    def note(self, note_id: str) -> Note:
        """The note with this id, or the only one whose id starts with it."""
        return _find(self.data.notes, note_id)

    def notes_of(self, brief_id: str) -> list[Note]:
        return [note for note in self.data.notes if note.brief == brief_id]

    def briefs_with_notes(self, label: str | None = None) -> set[str]:
        """Ids of the briefs having notes (with this label, any case)."""
        return {note.brief for note in search_notes(self.data.notes, label=label)}

    def search(
        self,
        query: str = "",
        *,
        label: str | None = None,
        brief: str | None = None,
        prefix: bool = False,
    ) -> list[Note]:
        """Notes whose text or quote has every word of `query`; see tui.core.notes.search."""
        return search_notes(self.data.notes, query, label=label, brief=brief, prefix=prefix)

    def place(self, brief_id: str, body: str | None) -> list[PlacedNote]:
        """The brief's notes re-attached to its current `body` (None: the brief is gone)."""
        return place_notes(self.notes_of(brief_id), body)

    # --- notes ---

    def add(
        self,
        brief_id: str,
        body: str,
        start: int,
        end: int,
        *,
        label: str | None = None,
        text: str = "",
    ) -> Note:
        """A note on body[start:end] (a selection's offsets; white space at its ends is left
        out). Raises NotesError for an empty selection or an unknown label."""
        try:
            target = make_target(body, start, end)
        except ValueError:
            raise NotesError("nothing is selected") from None
        words = _clean_text(text)

        def change(data: NotesData) -> Note:
            name = label_ops.known_label(data.labels, label).name if label else None
            taken = {note.id for note in data.notes}
            note_id = secrets.token_hex(4)
            while note_id in taken:
                note_id = secrets.token_hex(4)
            stamp = _now()
            note = Note(note_id, brief_id, target, name, words, stamp, stamp)
            data.notes.append(note)
            return note

        return self._change(change)

    def add_quote(
        self,
        brief_id: str,
        body: str,
        quote: str,
        *,
        occurrence: int | None = None,
        label: str | None = None,
        text: str = "",
    ) -> Note:
        """A note on a quote typed by the user (see `find_quote`); `occurrence` (1-based) says
        which when it occurs several times. Raises QuoteNotFound, AmbiguousQuote."""
        spans = find_quote(body, quote)
        if not spans:
            raise QuoteNotFound(f"the quote is not in {brief_id}: {one_line(quote)[:60]!r}")
        if occurrence is None and len(spans) > 1:
            raise AmbiguousQuote(f"the quote occurs {len(spans)} times in {brief_id}", len(spans))
        number = occurrence or 1
        if not 1 <= number <= len(spans):
            raise AmbiguousQuote(
                f"there is no occurrence {number}: the quote occurs {len(spans)} "
                f"time{'s' if len(spans) > 1 else ''} in {brief_id}",
                len(spans),
            )
        start, end = spans[number - 1]
        return self.add(brief_id, body, start, end, label=label, text=text)

    def edit(
        self,
        note_id: str,
        *,
        text: str | None = None,
        label: str | None = None,
        unlabel: bool = False,
    ) -> Note:
        """The note with new text and/or label (`unlabel`: no label)."""
        words = _clean_text(text) if text is not None else None

        def change(data: NotesData) -> Note:
            old = _find(data.notes, note_id)
            name = old.label
            if unlabel:
                name = None
            elif label is not None:
                name = label_ops.known_label(data.labels, label).name
            new = replace(
                old, label=name, text=old.text if words is None else words, updated=_now()
            )
            data.notes[data.notes.index(old)] = new
            return new

        return self._change(change)

    def delete(self, note_id: str) -> Note:
        """Remove a note; the note is returned, and `restore(note)` puts it back (undo)."""

        def change(data: NotesData) -> Note:
            old = _find(data.notes, note_id)
            data.notes.remove(old)
            return old

        return self._change(change)

    def restore(self, note: Note) -> Note:
        """Put a note back as it was (undo of delete or edit): replaces one with its id."""

        def change(data: NotesData) -> Note:
            data.notes[:] = [n for n in data.notes if n.id != note.id]
            data.notes.append(note)
            return note

        return self._change(change)

    def rebase(self, brief_id: str, body: str) -> int:
        """Record where the brief's anchored notes are in `body` now (their offsets, context and
        quote as the text reads now), so later edits are measured from this version; orphaned
        notes are left as they were. Returns how many notes changed."""
        moved = {
            p.note.id: make_target(body, p.start, p.end)
            for p in self.place(brief_id, body)
            if p.anchored and p.start is not None and p.end is not None and p.method != "position"
        }
        if not moved:
            return 0

        def change(data: NotesData) -> int:
            count = 0
            for i, note in enumerate(data.notes):
                target = moved.get(note.id)
                if target is not None and note.brief == brief_id:
                    data.notes[i] = replace(note, target=target)
                    count += 1
            return count

        return self._change(change)

    # --- labels ---

    def add_label(self, name: str, colour: str) -> Label:
        def change(data: NotesData) -> Label:
            data.labels = label_ops.add_label(data.labels, name, colour)
            return data.labels[-1]

        return self._change(change)

    def rename_label(self, old: str, new: str) -> Label:
        """Rename a label; its notes follow."""

        def change(data: NotesData) -> Label:
            before = label_ops.known_label(data.labels, old)
            data.labels = label_ops.rename_label(data.labels, old, new)
            after = label_ops.known_label(data.labels, new)
            _relabel(data, before.name, after.name)
            return after

        return self._change(change)

    def recolour_label(self, name: str, colour: str) -> Label:
        def change(data: NotesData) -> Label:
            data.labels = label_ops.recolour_label(data.labels, name, colour)
            return label_ops.known_label(data.labels, name)

        return self._change(change)

    def delete_label(self, name: str, *, move_to: str | None = None) -> int:
        """Delete a label; its notes get `move_to` (another label) or no label. Returns how many
        notes had it."""

        def change(data: NotesData) -> int:
            gone = label_ops.known_label(data.labels, name)
            target = label_ops.known_label(data.labels, move_to).name if move_to else None
            if target is not None and target == gone.name:
                raise NotesError("a label cannot be moved to itself")
            data.labels = label_ops.delete_label(data.labels, name)
            return _relabel(data, gone.name, target)

        return self._change(change)

    def label_counts(self) -> dict[str, int]:
        """How many notes each label has (by the label's name)."""
        counts = {label.name: 0 for label in self.data.labels}
        for note in self.data.notes:
            if note.label in counts:
                counts[note.label] += 1
        return counts

    # --- compare flag labels (another screen's store, same file and mechanism) ---

    def flag_label(self, a: str, b: str, flag: str) -> str | None:
        """The label given to a disagreement flag of the comparison of brief A with brief B."""
        return self.data.flags.get((a, b, flag))

    def flag_labels(self, a: str, b: str) -> dict[str, str]:
        """Every labelled flag of the comparison A-B: flag key -> label."""
        return {f: label for (x, y, f), label in self.data.flags.items() if (x, y) == (a, b)}

    def set_flag_label(self, a: str, b: str, flag: str, label: str | None) -> None:
        """Label a flag (None or "" clears it)."""
        name = one_line(label)[:MAX_FLAG_LABEL] if label else ""
        key: FlagKey = (a, b, flag)

        def change(data: NotesData) -> None:
            if name:
                data.flags[key] = name
            else:
                data.flags.pop(key, None)

        self._change(change)

    # --- plumbing ---

    def _change(self, change: Callable[[NotesData], T]) -> T:
        result, loaded = self.store.update(change)
        self._data = loaded.data
        self.warning = loaded.warning
        return result


def _relabel(data: NotesData, old: str, new: str | None) -> int:
    count = 0
    for i, note in enumerate(data.notes):
        if note.label is not None and note.label.casefold() == old.casefold():
            data.notes[i] = replace(note, label=new)
            count += 1
    return count


def _find(notes: Iterable[Note], note_id: str) -> Note:
    wanted = note_id.strip().lower()
    if not wanted:
        raise NoteNotFound("no note id given (try `briefs notes`)")
    notes = list(notes)
    exact = [note for note in notes if note.id == wanted]
    found = exact or [note for note in notes if note.id.startswith(wanted)]
    if len(found) == 1:
        return found[0]
    if found:
        raise NoteNotFound(f"{one_line(note_id)} matches {len(found)} notes: give more of the id")
    raise NoteNotFound(f"no note with id {one_line(note_id)} (try `briefs notes`)")
