"""What a note is: a passage of a brief (quoted with its context), a label and the analyst's text.

The target follows the W3C Web Annotation model: a TextQuoteSelector (the exact quote with some
text before and after it) and a TextPositionSelector (character offsets in the brief's body),
plus the hash of the body the offsets were taken in, so an unchanged brief is matched at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Status = Literal["anchored", "orphaned"]
# How a note found its passage: at its recorded offsets (`position`), by its exact quote and
# context elsewhere in a changed body (`context`), or by a close quote in close context (`fuzzy`).
Method = Literal["position", "context", "fuzzy"]


@dataclass(frozen=True)
class Target:
    """Where a note points: a TextQuoteSelector and a TextPositionSelector in one."""

    quote: str
    prefix: str
    suffix: str
    start: int
    end: int
    body_sha256: str


@dataclass(frozen=True)
class Note:
    id: str
    brief: str  # the brief's id
    target: Target
    label: str | None  # a label's name, or None for a note without one
    text: str  # the analyst's words; may be empty (a highlight) or several lines
    created: str  # ISO 8601, UTC, to the second
    updated: str
    # Fields written by a newer briefs, kept as they were so a downgrade does not erase them.
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def quote(self) -> str:
        return self.target.quote


@dataclass(frozen=True)
class Label:
    name: str
    colour: str  # one of the 16 ANSI colour names (tui.core.notes.labels.COLOURS)


@dataclass(frozen=True)
class Place:
    """Where an offset falls in a body, for people: 1-based line, column and paragraph."""

    line: int
    column: int
    paragraph: int

    def describe(self) -> str:
        return f"line {self.line}, paragraph {self.paragraph}"


@dataclass(frozen=True)
class Located:
    """Where a target was found in a body."""

    start: int
    end: int
    method: Method
    distance: int = 0  # edits between the quote and the text found (fuzzy only)


@dataclass(frozen=True)
class PlacedNote:
    """A note re-attached to its brief's current body: anchored at offsets, or orphaned."""

    note: Note
    status: Status
    start: int | None = None
    end: int | None = None
    method: Method | None = None
    place: Place | None = None
    # The body's text at the place now (differs from the quote after a fuzzy match).
    current: str | None = None
    reason: str | None = None  # why a note is orphaned, for people

    @property
    def anchored(self) -> bool:
        return self.status == "anchored"


@dataclass(frozen=True)
class BriefNotes:
    """One brief's notes, placed against its current body (`missing`: no such brief now)."""

    brief: str
    title: str
    notes: list[PlacedNote]
    missing: bool = False
    source: str | None = None
    published: str | None = None  # ISO date

    @property
    def anchored(self) -> list[PlacedNote]:
        return [p for p in self.notes if p.anchored]

    @property
    def orphaned(self) -> list[PlacedNote]:
        return [p for p in self.notes if not p.anchored]


class NotesError(Exception):
    """A notes operation that cannot be done; the message is one line for the user."""


class NoteNotFound(NotesError, LookupError):
    pass


class QuoteNotFound(NotesError):
    pass


class AmbiguousQuote(NotesError):
    """The quote occurs several times: say which (`occurrences` is how many)."""

    def __init__(self, message: str, occurrences: int) -> None:
        super().__init__(message)
        self.occurrences = occurrences


class LabelError(NotesError):
    pass


class NotesLocked(NotesError):
    pass


__all__ = [
    "AmbiguousQuote",
    "BriefNotes",
    "Label",
    "LabelError",
    "Located",
    "Method",
    "Note",
    "NoteNotFound",
    "NotesError",
    "NotesLocked",
    "Place",
    "PlacedNote",
    "QuoteNotFound",
    "Status",
    "Target",
]
