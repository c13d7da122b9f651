"""What screens and widgets ask of the app, as messages: they bubble up to `BriefsApp`, which
opens screens and runs the app-wide work, so no screen imports the app or another screen."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message


@dataclass
class OpenBrief(Message):
    """Read a brief; with a query, at its first hit (`hits`: body offsets already known); at a
    body offset `at` (a note's passage), with that `note` (its id) the one stepped to."""

    brief_id: str
    query: str | None = None
    hits: list[tuple[int, int]] | None = field(default=None)
    at: int | None = None
    note: str | None = None


@dataclass
class OpenNotes(Message):
    """Show the notes of the library (of one brief, when `brief_id` is given)."""

    brief_id: str | None = None


@dataclass
class OpenCompare(Message):
    """Compare two briefs side by side."""

    first: str
    second: str


@dataclass
class PickCompare(Message):
    """Choose briefs to compare: B for `first`, or A then B when `first` is None."""

    first: str | None = None


class LibraryPainted(Message):
    """The library's first frame is on screen: the app starts its background work."""


class SaveState(Message):
    """The user's state changed (a reading position): write it soon, in a worker."""


class IndexTouched(Message):
    """The index was changed from a screen (an alias edit re-indexed briefs): searchers reopen."""


__all__ = [
    "IndexTouched",
    "LibraryPainted",
    "OpenBrief",
    "OpenCompare",
    "OpenNotes",
    "PickCompare",
    "SaveState",
]
