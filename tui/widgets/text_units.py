"""Words, sentences and paragraphs of a body as offset spans, and a selection that grows and
shrinks by them: what the visual mode moves by. Plain Python, tested on its own.

A selection has a fixed end and a moving one (`o` swaps them, as in vim): extending moves the
moving end outward to the next boundary of the unit, shrinking moves it back, never past the
first word, so a selection is never empty.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Literal

Unit = Literal["word", "sentence", "paragraph"]
Span = tuple[int, int]

_WORD = re.compile(r"[\w’'][\w’'\-]*|[^\w\s]")
# A sentence ends at . ! ? (closing quotes and brackets with it) before white space, or with its
# paragraph. Abbreviations ("e.g. the") cut a sentence short: the next `)` goes on.
_SENTENCE_END = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s)")
_PARAGRAPH = re.compile(r"[^\n]+(?:\n[^\n]+)*")
# Markdown that opens a line and is no part of the text: heading marks, bullets, quote bars.
_LEAD = re.compile(r"[ \t]*(?:#{1,6}[ \t]+|[-*+•][ \t]+|\d{1,3}[.)][ \t]+|>[ \t]?)")


def word_spans(body: str) -> list[Span]:
    """Words (letters, digits, apostrophes and inner hyphens) and single punctuation marks."""
    return [m.span() for m in _WORD.finditer(body) if m.group().strip("*_`#>")]


def paragraph_spans(body: str) -> list[Span]:
    """Blocks separated by blank lines, without the Markdown marks opening them."""
    spans = []
    for match in _PARAGRAPH.finditer(body):
        start, end = match.span()
        lead = _LEAD.match(body, start, end)
        if lead is not None and lead.end() < end:
            start = lead.end()
        spans.append((start, end))
    return spans


def sentence_spans(body: str) -> list[Span]:
    """Sentences within each paragraph (a heading or a list item is one)."""
    spans: list[Span] = []
    for start, end in paragraph_spans(body):
        position = start
        for match in _SENTENCE_END.finditer(body, start, end):
            spans.append((position, match.end()))
            position = match.end()
            while position < end and body[position].isspace():
                position += 1
        if position < end:
            spans.append((position, end))
    return spans


class Units:
    """The spans of each unit of one body, computed once and then looked up."""

    def __init__(self, body: str) -> None:
        self.body = body
        self._spans: dict[Unit, list[Span]] = {}

    def spans(self, unit: Unit) -> list[Span]:
        if unit not in self._spans:
            make = {"word": word_spans, "sentence": sentence_spans, "paragraph": paragraph_spans}
            self._spans[unit] = make[unit](self.body)
        return self._spans[unit]

    def word_at(self, offset: int) -> Span | None:
        """The word holding `offset`, else the next one, else the last one."""
        words = self.spans("word")
        if not words:
            return None
        i = bisect_right([end for _, end in words], offset)
        return words[min(i, len(words) - 1)]


@dataclass(frozen=True)
class Selection:
    """Body offsets [start, end); `moving` says which end the keys move."""

    start: int
    end: int
    moving: Literal["start", "end"] = "end"

    @property
    def head(self) -> int:
        """The offset of the moving end (what the view keeps in sight)."""
        return self.end if self.moving == "end" else self.start

    def swapped(self) -> Selection:
        return replace(self, moving="start" if self.moving == "end" else "end")


def start_selection(units: Units, offset: int) -> Selection | None:
    """A selection of the word at `offset` (None: the body has no words)."""
    word = units.word_at(offset)
    return Selection(*word) if word else None


def _ends(spans: Sequence[Span]) -> list[int]:
    return [end for _, end in spans]


def _starts(spans: Sequence[Span]) -> list[int]:
    return [start for start, _ in spans]


def move(units: Units, selection: Selection, unit: Unit, delta: int) -> Selection:
    """The selection with its moving end one `unit` further out (delta 1) or back in (-1)."""
    spans = units.spans(unit)
    start, end = selection.start, selection.end
    if not spans:
        return selection
    if selection.moving == "end":
        ends = _ends(spans)
        if delta > 0:
            i = bisect_right(ends, end)
            end = ends[i] if i < len(ends) else end
        else:
            i = bisect_left(ends, end) - 1  # the last boundary before the end
            if i >= 0 and ends[i] > start:
                end = max(ends[i], _first_word_end(units, start))
    else:
        starts = _starts(spans)
        if delta > 0:
            i = bisect_left(starts, start) - 1
            start = starts[i] if i >= 0 else start
        else:
            i = bisect_right(starts, start)  # the first boundary after the start
            if i < len(starts) and starts[i] < end:
                start = min(starts[i], _last_word_start(units, end))
    return replace(selection, start=start, end=end)


def _first_word_end(units: Units, start: int) -> int:
    word = units.word_at(start)
    return word[1] if word else start + 1


def _last_word_start(units: Units, end: int) -> int:
    words = units.spans("word")
    i = bisect_right(_ends(words), end) - 1  # the last word ending by `end`
    return words[i][0] if i >= 0 else end - 1


__all__ = [
    "Selection",
    "Span",
    "Unit",
    "Units",
    "move",
    "paragraph_spans",
    "sentence_spans",
    "start_selection",
    "word_spans",
]
