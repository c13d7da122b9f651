"""Notes painted on a BriefView: each passage underlined in its label's colour (a mark layer), the
label's letter in the margin left of the lines it covers (│ below the first), and an overview
column right of the text, a ◆ per row where notes are in the whole brief, so the analyst sees
that a brief has notes, and where, without scrolling. Glyphs as well as colours: NO_COLOR safe.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.strip import Strip

from tui.widgets.brief_view import BriefView, Mark
from tui.widgets.note_styles import (
    UNLABELLED_LETTER,
    colour_class,
    find_colour,
    label_letters,
)

if TYPE_CHECKING:
    from tui.core.notes import Label, PlacedNote

NOTES_LAYER = "notes"
NOTES_ORDER = 8  # over entity colours (5), under hits (10) and the selection
CONTINUED = "│"
OVERVIEW = "◆"


@dataclass(frozen=True, slots=True)
class NoteSpan:
    note_id: str
    start: int
    end: int
    letter: str
    style: str  # the label colour's component class


def note_spans(placed: Sequence[PlacedNote], labels: Sequence[Label]) -> list[NoteSpan]:
    """The anchored notes in text order, each with its margin letter and colour class."""
    letters = label_letters(labels)
    spans = []
    for p in placed:
        if not p.anchored or p.start is None or p.end is None:
            continue
        label = p.note.label
        letter = letters.get(label.casefold(), UNLABELLED_LETTER) if label else UNLABELLED_LETTER
        colour = find_colour(labels, label)
        spans.append(NoteSpan(p.note.id, p.start, p.end, letter, colour_class(colour)))
    spans.sort(key=lambda s: (s.start, s.end))
    return spans


class NoteMarks:
    """A view's notes: its mark layer and its decoration (see BriefView.Decoration)."""

    def __init__(self, spans: list[NoteSpan], current: str | None = None) -> None:
        self.spans = spans
        self.current = current  # the note stepped to: its letter is shown reversed
        self._starts = [s.start for s in spans]
        self._longest = max((s.end - s.start for s in spans), default=0)
        self._overview: tuple[tuple[int, int], dict[int, NoteSpan]] | None = None

    def marks(self) -> list[Mark]:
        return [Mark(s.start, s.end, s.style) for s in self.spans]

    def apply(self, view: BriefView) -> None:
        if self.spans:
            view.set_marks(NOTES_LAYER, self.marks(), order=NOTES_ORDER)
            view.set_decoration(self)
        else:
            view.clear_marks(NOTES_LAYER)
            view.set_decoration(None)

    def on_line(self, view: BriefView, strip: Strip, line_number: int) -> Strip:
        line = view.line_span(line_number)
        if line is None or not strip.text.strip():
            return strip
        found = self._glyph(*line)
        if found is None:
            return strip
        glyph, span = found
        style = self._style(view, span) + Style(underline=False, bold=True)
        if span.note_id == self.current and glyph != CONTINUED:
            style += Style(reverse=True)
        return _put(strip, view.text_margin - 1, glyph, style)

    def on_row(self, view: BriefView, strip: Strip, y: int) -> Strip:
        if view.max_scroll_y <= 0:
            return strip  # the whole brief is in view: the margin letters say it all
        span = self._rows(view).get(y)
        if span is None:
            return strip
        column = view.scrollable_content_region.width - 1
        return _put(strip, column, OVERVIEW, self._style(view, span) + Style(underline=False))

    # -- lookups ---------------------------------------------------------------------------------

    def _glyph(self, start: int, end: int) -> tuple[str, NoteSpan] | None:
        """The letter of the first note starting on the line, else │ for one running through."""
        first = bisect_left(self._starts, start - self._longest)
        last = bisect_left(self._starts, max(end, start + 1))
        touching = [s for s in self.spans[first:last] if s.end > start]
        starting = [s for s in touching if s.start >= start]
        if starting:
            return starting[0].letter, starting[0]
        return (CONTINUED, touching[0]) if touching else None

    def _rows(self, view: BriefView) -> dict[int, NoteSpan]:
        """Row of the view -> the first note whose place in the brief falls in that row's share."""
        height = view.scrollable_content_region.height
        key = (view.line_count, height)
        if self._overview is None or self._overview[0] != key:
            rows: dict[int, NoteSpan] = {}
            lines = max(1, view.line_count)
            for span in self.spans:
                row = min(height - 1, view.line_of(span.start) * height // lines)
                rows.setdefault(row, span)
            self._overview = (key, rows)
        return self._overview[1]

    @staticmethod
    def _style(view: BriefView, span: NoteSpan) -> Style:
        return view.rich_style + view.get_component_rich_style(span.style, default=Style())


def _put(strip: Strip, column: int, glyph: str, style: Style) -> Strip:
    """The strip with one cell replaced by `glyph`."""
    if column < 0 or column >= strip.cell_length:
        return strip
    left = strip.crop(0, column)
    right = strip.crop(column + 1, strip.cell_length)
    return Strip.join([left, Strip([Segment(glyph, style)], 1), right])


__all__ = ["CONTINUED", "NOTES_LAYER", "OVERVIEW", "NoteMarks", "NoteSpan", "note_spans"]
