"""Notes on passages of briefs: the analyst's own layer, kept in the state folder (issue 15).

The app and the CLI call `Notebook` (changes, labels, compare flag labels) and the functions of
`placing` (notes re-attached to a brief's current text, stepping between them); `export` turns
placed notes into Markdown or JSON. Nothing here imports Textual.
"""

from tui.core.notes.anchor import find_quote, locate, make_target
from tui.core.notes.labels import COLOURS, DEFAULT_LABELS
from tui.core.notes.model import (
    AmbiguousQuote,
    BriefNotes,
    Label,
    LabelError,
    Located,
    Note,
    NoteNotFound,
    NotesError,
    NotesLocked,
    Place,
    PlacedNote,
    QuoteNotFound,
    Target,
)
from tui.core.notes.notebook import Notebook
from tui.core.notes.placing import next_note, notes_at, place_library, place_notes, previous_note
from tui.core.notes.search import search_notes
from tui.core.notes.store import NOTES_FILE, NoteStore

__all__ = [
    "COLOURS",
    "DEFAULT_LABELS",
    "NOTES_FILE",
    "AmbiguousQuote",
    "BriefNotes",
    "Label",
    "LabelError",
    "Located",
    "Note",
    "NoteNotFound",
    "NoteStore",
    "Notebook",
    "NotesError",
    "NotesLocked",
    "Place",
    "PlacedNote",
    "QuoteNotFound",
    "Target",
    "find_quote",
    "locate",
    "make_target",
    "next_note",
    "notes_at",
    "place_library",
    "place_notes",
    "previous_note",
    "search_notes",
]
