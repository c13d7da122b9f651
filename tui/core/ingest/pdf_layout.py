"""A PDF's text lines, placed on their pages, to Markdown in reading order.

The PDF reader (tui.core.ingest.pdf) hands over, page by page, the pieces of text that sit on one
line (`Segment`: text and box, in PDF points, y upwards). This module knows no PDF library:

1. (tui.core.ingest.pdf_geometry) pieces on one baseline and close together become a line;
   pieces far apart stay apart (two columns, table cells);
2. running headers and footers (a line repeated at the top or the bottom of most pages) and page
   numbers go;
3. (pdf_geometry) each page is cut into regions: a band of rows that share a gutter is read
   column by column, left to right (two-column text); rows of short aligned cells are a table;
4. lines become paragraphs where the spacing, the indent or the font size says so; words hyphenated
   at a line end are rejoined; larger type is a heading; the largest at the top of page one is
   the title.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from tui.core.ingest.document import markdown_table
from tui.core.ingest.pdf_geometry import Line, Page, Segment, page_lines, regions

__all__ = ["Page", "Segment", "to_markdown"]


@dataclass
class Block:
    kind: str  # "para" | "heading" | "title" | "table"
    lines: list[Line] = field(default_factory=list)


# A gap this wide (in font sizes) between two pieces of one baseline separates them (a gutter, a
# table's cells); narrower, they are words of one line.
_PAGE_NUMBER = re.compile(
    r"^(?:(?:page|p\.|seite|página|pagina)\s*)?[-–—(]?\s*\d{1,4}\s*[-–—)]?"
    r"(?:\s*(?:/|of|de|von|sur)\s*\d{1,4})?$|^[ivxlcdm]{1,6}$",
    re.I,
)
_SENTENCE_END = (".", "!", "?", "…", ":", '"', "”", "’", ")")


def to_markdown(pages: list[Page]) -> tuple[str, str | None]:
    """The document's text as Markdown, and the title seen on its first page (or None)."""
    lines_by_page = [page_lines(page, n) for n, page in enumerate(pages)]
    _drop_running_lines(lines_by_page, pages)
    blocks: list[Block] = []
    for n, lines in enumerate(lines_by_page):
        for region in regions(lines):
            blocks.extend(_blocks(region))
        if n == 0:
            _mark_title(blocks)
    blocks = _join_across_breaks(blocks)
    body = _body_size(blocks)
    title = next((_text(b) for b in blocks if b.kind == "title"), None)
    vocabulary = _hyphenated_words(blocks)
    parts = []
    for block in blocks:
        if block.kind == "table":
            parts.append(_table(block))
            continue
        text = _text(block, vocabulary)
        if block.kind == "title":
            parts.append(f"# {text}")
        elif block.kind == "heading" or (
            block.lines[0].size >= body * 1.15 and len(text.split()) <= 14 and len(block.lines) <= 2
        ):
            parts.append(f"## {text}")
        else:
            parts.append(text)
    return "\n\n".join(p for p in parts if p.strip()), title


def _drop_running_lines(lines_by_page: list[list[Line]], pages: list[Page]) -> None:
    """Headers and footers: page numbers, and lines repeated at the top or bottom of most pages."""

    def key(line: Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower()).strip()

    def edges(lines: list[Line], page: Page) -> list[Line]:
        top = [ln for ln in lines if ln.top >= page.height * 0.88][:2]
        bottom = [ln for ln in lines if ln.y0 <= page.height * 0.12][-2:]
        return top + bottom

    counts: Counter[str] = Counter()
    for lines, page in zip(lines_by_page, pages, strict=True):
        counts.update({key(ln) for ln in edges(lines, page)})
    many = max(2, (len(pages) + 1) // 2)
    for lines, page in zip(lines_by_page, pages, strict=True):
        for line in edges(lines, page):
            if _PAGE_NUMBER.match(line.text.strip()) or (
                len(pages) >= 2 and counts[key(line)] >= many
            ):
                lines.remove(line)


# --- blocks ----------------------------------------------------------------------------------


def _blocks(lines: list[Line]) -> list[Block]:
    """Paragraphs (and headings, tables) of one run of lines read top to bottom."""
    blocks: list[Block] = []
    spacing = _typical_spacing(lines)
    left = min((ln.x0 for ln in lines), default=0.0)
    width = max((ln.x1 for ln in lines), default=0.0) - left
    for i, line in enumerate(lines):
        line.room = max(0.0, left + width - line.x1)
        if len(line.cells) >= 2:
            if blocks and blocks[-1].kind == "table" and _same_columns(blocks[-1].lines[-1], line):
                blocks[-1].lines.append(line)
            else:
                blocks.append(Block("table", [line]))
            continue
        prev = lines[i - 1] if i else None
        current = blocks[-1] if blocks else None
        if (
            prev is not None
            and current is not None
            and current.kind == "para"
            and not _starts_paragraph(prev, line, spacing, left, width)
        ):
            current.lines.append(line)
        else:
            blocks.append(Block("para", [line]))
    for block in blocks:  # a "table" of one row is a line with wide spaces in it
        if block.kind == "table" and len(block.lines) == 1:
            block.kind = "para"
    return blocks


def _typical_spacing(lines: list[Line]) -> dict[float, float]:
    """The usual distance from one line to the next, for each size of type in the run."""
    steps: dict[float, list[float]] = {}
    for a, b in itertools.pairwise(lines):
        if 0 < a.base - b.base < 3 * a.size and abs(a.size - b.size) < 0.5:
            steps.setdefault(round(a.size), []).append(a.base - b.base)
    # A low quantile, not the median: with short paragraphs, half the steps may be gaps.
    return {size: sorted(found)[len(found) // 4] for size, found in steps.items()}


def _starts_paragraph(
    prev: Line, line: Line, spacing: dict[float, float], left: float, width: float
) -> bool:
    step = prev.base - line.base
    usual = min(spacing.get(round(prev.size), prev.size * 1.4), prev.size * 2)
    if step <= 0 or step > usual * 1.35:
        return True  # a blank line's worth of space (or the next column)
    if abs(prev.size - line.size) > 0.15 * max(prev.size, line.size):
        return True  # a heading above, or below
    if line.x0 - left > prev.size * 0.8 and abs(prev.x0 - left) < 2:
        return True  # an indented first line
    return _ended_early(prev, line)


def _ended_early(prev: Line, line: Line) -> bool:
    """The next line's first word would have fitted at the end of this one: so this line was
    ended on purpose (a paragraph's last line, a byline, a date), not wrapped."""
    if prev.text.rstrip().endswith("-"):
        return False
    text = line.text.strip()
    word = text.split(" ", 1)[0]
    width = (line.x1 - line.x0) * (len(word) + 1) / max(len(text), 1)
    return width < prev.room - 1.5 * prev.size


def _same_columns(a: Line, b: Line) -> bool:
    return len(a.cells) == len(b.cells) and all(
        abs(x.x0 - y.x0) < 3 for x, y in zip(a.cells, b.cells, strict=True)
    )


def _mark_title(blocks: list[Block]) -> None:
    """The largest type near the top of page one (before any paragraph of body text)."""
    texts = [b for b in blocks if b.kind == "para"]
    if not texts:
        return
    biggest = max(b.lines[0].size for b in texts)
    body = _body_size(blocks)
    for block in texts[:4]:
        if block.lines[0].size == biggest and biggest >= body * 1.3 and len(block.lines) <= 3:
            block.kind = "title"
            return


def _body_size(blocks: list[Block]) -> float:
    sizes: Counter[float] = Counter()
    for block in blocks:
        for line in block.lines:
            sizes[round(line.size, 1)] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _join_across_breaks(blocks: list[Block]) -> list[Block]:
    """A paragraph cut by a column or page break is one paragraph again."""
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.kind == "para"
            and block.kind == "para"
            and _continues(prev.lines[-1], block.lines[0])
        ):
            prev.lines.extend(block.lines)
            continue
        out.append(block)
    return out


def _continues(last: Line, first: Line) -> bool:
    moved = first.page != last.page or first.base > last.base + 1  # up: a new column or page
    if not moved or abs(last.size - first.size) > 0.5:
        return False
    end = last.text.rstrip()
    head = first.text.lstrip()[:1]
    # A line at the foot of a column that was wrapped (the next word did not fit) goes on at the
    # top of the next column, even after a full stop.
    return (
        end.endswith("-")
        or not end.endswith(_SENTENCE_END)
        or head.islower()
        or not _ended_early(last, first)
    )


# --- text ------------------------------------------------------------------------------------

_HYPHENATED = re.compile(r"\b[^\W\d_]+-[^\W\d_]+\b")


def _hyphenated_words(blocks: list[Block]) -> set[str]:
    """Words the document writes with a hyphen inside a line (`well-known`): kept at line ends."""
    found: set[str] = set()
    for block in blocks:
        for line in block.lines:
            found.update(w.lower() for w in _HYPHENATED.findall(line.text))
    return found


def _text(block: Block, hyphenated: set[str] | None = None) -> str:
    text = ""
    for line in block.lines:
        piece = line.text.strip()
        if not text:
            text = piece
            continue
        head = re.match(r"[^\W\d_]+", piece)
        tail = re.search(r"([^\W\d_]+)-$", text)
        if tail and head and piece[:1].islower():
            compound = f"{tail.group(1)}-{head.group(0)}".lower()
            if hyphenated is not None and compound in hyphenated:
                text += piece  # `well-` + `known`: the document's own compound
            else:
                text = text[:-1] + piece  # `negoti-` + `ations`
        else:
            text += " " + piece
    return text


def _table(block: Block) -> str:
    return markdown_table([[c.text for c in line.cells] for line in block.lines])
