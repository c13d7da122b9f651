"""A PDF page's text runs as lines, and the lines cut into regions in reading order.

`Segment` is what a PDF reader hands over: a run of text on one line, its box, type size and
baseline, in PDF points (y upwards). Runs on one baseline and close together become a `Line`;
runs far apart stay apart (two columns, table cells). Consecutive rows that share a white strip
(a gutter) form a band, read column by column when both sides are text.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass


@dataclass(frozen=True)
class Segment:
    """A run of text on one line: its box (x0, y0)-(x1, y1), its type size and its baseline."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    base: float


@dataclass
class Page:
    width: float
    height: float
    segments: list[Segment]


@dataclass
class Line:
    cells: list[Segment]  # left to right; one, or several for a table row or across a gutter
    page: int = 0
    room: float = 0.0  # points left free at the line's end, up to its column's edge (set when read)

    @property
    def x0(self) -> float:
        return self.cells[0].x0

    @property
    def x1(self) -> float:
        return self.cells[-1].x1

    @property
    def y0(self) -> float:
        return min(c.y0 for c in self.cells)

    @property
    def top(self) -> float:
        return max(c.y1 for c in self.cells)

    @property
    def size(self) -> float:
        return max(c.size for c in self.cells)

    @property
    def base(self) -> float:
        return min(c.base for c in self.cells)

    @property
    def text(self) -> str:
        return " ".join(c.text for c in self.cells)


_CELL_GAP = 0.5
_GUTTER = 12.0  # points: the narrowest white strip between two columns


def page_lines(page: Page, number: int) -> list[Line]:
    """Pieces on one baseline grouped into lines, top to bottom then left to right."""
    pieces = sorted(
        (s for s in page.segments if s.text.strip()), key=lambda s: (-round(s.base, 0), s.x0)
    )
    rows: list[list[Segment]] = []
    for seg in pieces:
        row = rows[-1] if rows else None
        if row is not None and abs(row[0].base - seg.base) <= 0.3 * max(row[0].size, seg.size):
            row.append(seg)
        else:
            rows.append([seg])
    lines: list[Line] = []
    for row in rows:
        row.sort(key=lambda s: s.x0)
        cells = [row[0]]
        for seg in row[1:]:
            last = cells[-1]
            if seg.x0 - last.x1 < _CELL_GAP * max(last.size, seg.size):
                cells[-1] = Segment(
                    _join_words(last.text, seg.text), last.x0, min(last.y0, seg.y0), seg.x1,
                    max(last.y1, seg.y1), max(last.size, seg.size), last.base,
                )  # fmt: skip
            else:
                cells.append(seg)
        lines.append(Line(cells, number))
    return lines


def _join_words(left: str, right: str) -> str:
    return left.rstrip() + " " + right.lstrip() if left.rstrip() and right.strip() else left + right


def regions(lines: list[Line]) -> list[list[Line]]:
    """The page's lines in reading order, as runs to be read one after the other.

    Consecutive rows that share a white strip (a gutter) form a band; a band of real text lines
    on both sides is read column by column. Everything else (a title across the columns, a one
    column page, a table) is read row by row, as one run.
    """
    out: list[list[Line]] = []
    plain: list[Line] = []  # lines read row by row
    band: list[Line] = []
    gaps: list[tuple[float, float]] = []

    def flush() -> None:
        nonlocal plain
        columns = _columns(band, gaps)
        if columns is None:
            plain.extend(band)
            return
        if plain:
            out.append(plain)
            plain = []
        out.extend(columns)

    for line in lines:
        mine = _gaps(line)
        shared = _intersect(gaps, mine) if band else []
        if shared:
            band.append(line)
            gaps = shared
            continue
        if band:
            flush()
        band, gaps = [line], mine
    if band:
        flush()
    if plain:
        out.append(plain)
    return out


def _gaps(line: Line) -> list[tuple[float, float]]:
    """White strips of the line, as (from, to): between its cells, and on either side of it."""
    spans = [(-1e9, line.cells[0].x0)]
    spans += [(a.x1, b.x0) for a, b in zip(line.cells, line.cells[1:], strict=False)]
    spans.append((line.cells[-1].x1, 1e9))
    return spans


def _intersect(
    a: list[tuple[float, float]], b: list[tuple[float, float]]
) -> list[tuple[float, float]]:
    """Strips white in both lists and at least a gutter wide (the page's outer margins excluded)."""
    out = []
    for a0, a1 in a:
        for b0, b1 in b:
            lo, hi = max(a0, b0), min(a1, b1)
            if hi - lo >= _GUTTER and lo > -1e8 and hi < 1e8:
                out.append((lo, hi))
    return out


def _columns(band: list[Line], gaps: list[tuple[float, float]]) -> list[list[Line]] | None:
    """The band's columns, left to right, when it is text set in columns; else None."""
    if len(band) < 3 or not gaps or any(lo < -1e8 or hi > 1e8 for lo, hi in gaps):
        return None
    cuts = sorted((lo + hi) / 2 for lo, hi in gaps)
    columns: list[list[Line]] = [[] for _ in range(len(cuts) + 1)]
    for line in band:
        parts: dict[int, list[Segment]] = {}
        for cell in line.cells:
            parts.setdefault(sum(1 for c in cuts if cell.x0 > c), []).append(cell)
        for col, cells in parts.items():
            columns[col].append(Line(cells, line.page))  # a table row keeps its cells
    found = [c for c in columns if c]
    if len(found) >= 2 and all(_is_text_column(c) for c in found):
        return found
    return None  # a table, or short lines that happen to align: read row by row


def _is_text_column(lines: list[Line]) -> bool:
    words = [len(ln.text.split()) for ln in lines]
    return len(lines) >= 3 and statistics.median(words) >= 4
