"""Lay a brief's Markdown body out in screen lines, each line a range of body offsets.

Because every screen line knows which characters of `Brief.body` it shows, anything expressed as
body offsets (search hits, find matches, entity mentions, a saved reading position) maps straight to
a line and a column. Plain Python: no Textual here, so it is tested on its own.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import Literal

from rich.cells import cell_len, get_character_cell_size

LineKind = Literal["text", "heading", "item", "quote", "code", "blank", "rule"]

_WORD = re.compile(r"\S+")
_HEADING = re.compile(r"(#{1,6})[ \t]+(?=\S)")
_ITEM = re.compile(r"([ \t]*)([-*+•]|\d{1,3}[.)])[ \t]+(?=\S)")
_QUOTE = re.compile(r"[ \t]*>[ \t]?")
_RULE = re.compile(r"[ \t]*(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
_FENCE = re.compile(r"[ \t]*(```|~~~)")


@dataclass(frozen=True, slots=True)
class DisplayLine:
    """One screen line: it shows `body[start:end]` (trailing blanks trimmed) after `indent` cells.

    `prefix` is drawn at the end of the indent (a bullet, a number, a quote bar). Blank and rule
    lines show nothing of the body; their `start` is the offset of the next text, so that a reading
    position saved on them lands on what follows.
    """

    start: int
    end: int
    kind: LineKind
    level: int = 0
    indent: int = 0
    prefix: str = ""


@dataclass(frozen=True, slots=True)
class _Unit:
    start: int
    end: int
    kind: LineKind
    level: int = 0
    indent: int = 0
    prefix: str = ""
    gap_before: bool = False


def _source_lines(body: str) -> list[tuple[int, int]]:
    lines: list[tuple[int, int]] = []
    position = 0
    for piece in body.split("\n"):
        lines.append((position, position + len(piece)))
        position += len(piece) + 1
    return lines


def _units(body: str) -> list[_Unit]:
    """Group source lines into blocks: headings, paragraphs, list items, quotes, code, rules."""
    units: list[_Unit] = []
    gap = False
    in_code = False
    paragraph: list[int] | None = None  # [start, end] of the paragraph being joined

    def close_paragraph() -> None:
        nonlocal paragraph, gap
        if paragraph is not None:
            units.append(_Unit(paragraph[0], paragraph[1], "text", gap_before=gap))
            gap = False
            paragraph = None

    for start, end in _source_lines(body):
        line = body[start:end]
        if _FENCE.match(line):
            close_paragraph()
            if not in_code:
                in_code = True
                gap = gap or bool(units)
            else:
                in_code = False
                gap = True
            continue
        if in_code:
            units.append(_Unit(start, end, "code", indent=2, gap_before=gap))
            gap = False
            continue
        if not line.strip():
            close_paragraph()
            gap = bool(units)
            continue
        if match := _HEADING.match(line):
            close_paragraph()
            units.append(
                _Unit(
                    start + match.end(), end, "heading", level=len(match.group(1)), gap_before=True
                )
            )
            gap = True
            continue
        if _RULE.match(line):
            close_paragraph()
            units.append(_Unit(start, start, "rule", gap_before=gap))
            gap = False
            continue
        if match := _ITEM.match(line):
            close_paragraph()
            nesting = min(cell_len(match.group(1).replace("\t", "    ")) // 2, 4) * 2
            marker = match.group(2)
            prefix = "• " if marker in "-*+•" else f"{marker} "
            units.append(
                _Unit(
                    start + match.end(),
                    end,
                    "item",
                    indent=nesting + len(prefix),
                    prefix=prefix,
                    gap_before=gap,
                )
            )
            gap = False
            continue
        if match := _QUOTE.match(line):
            close_paragraph()
            text_start = start + match.end()
            if text_start < end:
                units.append(_Unit(text_start, end, "quote", indent=2, prefix="│ ", gap_before=gap))
            gap = False
            continue
        if paragraph is None and units and units[-1].kind == "item" and not gap:
            # A line right under a list item continues it (Markdown's lazy continuation).
            last = units.pop()
            units.append(
                _Unit(
                    last.start, end, "item", last.level, last.indent, last.prefix, last.gap_before
                )
            )
            continue
        if paragraph is None:
            paragraph = [start, end]
        else:
            paragraph[1] = end
    close_paragraph()
    return units


def _fold(body: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Cut `body[start:end]` into pieces of at most `width` cells, character by character."""
    pieces: list[tuple[int, int]] = []
    piece_start = start
    cells = 0
    for position in range(start, end):
        size = get_character_cell_size(body[position])
        if cells + size > width and position > piece_start:
            pieces.append((piece_start, position))
            piece_start = position
            cells = 0
        cells += size
    pieces.append((piece_start, end))
    return pieces


def wrap_range(body: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Word-wrap `body[start:end]` to `width` cells; newlines count as spaces.

    Each returned range runs up to the start of the next, so every offset of the input belongs
    to exactly one line (trailing spaces included; the renderer trims them).
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    line_start = start
    cells = 0
    previous_end = start
    first = True
    for match in _WORD.finditer(body, start, end):
        word_start, word_end = match.span()
        word_cells = cell_len(body[word_start:word_end])
        if not first:
            gap = cell_len(body[previous_end:word_start].replace("\n", " "))
            if cells + gap + word_cells <= width:
                cells += gap + word_cells
                previous_end = word_end
                continue
            lines.append((line_start, word_start))
            line_start = word_start
        first = False
        if word_cells > width:
            pieces = _fold(body, word_start, word_end, width)
            for _piece_start, piece_end in pieces[:-1]:
                lines.append((line_start, piece_end))
                line_start = piece_end
            cells = cell_len(body[pieces[-1][0] : pieces[-1][1]])
        else:
            cells = word_cells
        previous_end = word_end
    lines.append((line_start, end))
    return lines


def layout_body(body: str, width: int) -> list[DisplayLine]:
    """The body as screen lines of at most `width` cells (indent included)."""
    width = max(8, width)
    out: list[DisplayLine] = []
    for unit in _units(body):
        if unit.gap_before and out and out[-1].kind != "blank":
            out.append(DisplayLine(unit.start, unit.start, "blank"))
        if unit.kind == "rule":
            out.append(DisplayLine(unit.start, unit.start, "rule"))
            continue
        available = max(4, width - unit.indent)
        if unit.kind == "code":
            ranges = _fold(body, unit.start, unit.end, available)
        else:
            ranges = wrap_range(body, unit.start, unit.end, available)
        for number, (start, end) in enumerate(ranges):
            out.append(
                DisplayLine(
                    start,
                    end,
                    unit.kind,
                    level=unit.level,
                    indent=unit.indent,
                    prefix=unit.prefix if number == 0 else "",
                )
            )
        if unit.kind == "heading":
            out.append(DisplayLine(unit.end, unit.end, "blank"))
    # A blank at the end only pads the scroll range.
    while out and out[-1].kind == "blank":
        out.pop()
    return out


InlineKind = Literal["strong", "emphasis", "code", "link"]

_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*])(\*|_)(?=[^\s*_])([^\n]+?)(?<=[^\s*_])\1(?![\w*])")
_CODE = re.compile(r"(`+)([^`\n]+?)\1")
_LINK = re.compile(r"\[([^\]\n]+)\]\(([^)\s]+)\)")


@dataclass(frozen=True, slots=True)
class InlineMarkup:
    """Inline Markdown of a body: marker characters to hide and text ranges to style."""

    hidden: list[tuple[int, int]]
    styled: list[tuple[int, int, InlineKind]]


def inline_markup(body: str) -> InlineMarkup:
    """Find **strong**, *emphasis*, `code` and [links](url): their marks are hidden, not removed,
    so body offsets still address every character on screen."""
    hidden: list[tuple[int, int]] = []
    styled: list[tuple[int, int, InlineKind]] = []
    taken = bytearray(len(body))

    def free(start: int, end: int) -> bool:
        return not any(taken[start:end])

    def claim(start: int, end: int) -> None:
        taken[start:end] = b"\x01" * (end - start)

    for match in _CODE.finditer(body):
        marks = len(match.group(1))
        hidden += [(match.start(), match.start() + marks), (match.end() - marks, match.end())]
        styled.append((match.start() + marks, match.end() - marks, "code"))
        claim(match.start(), match.end())
    for match in _LINK.finditer(body):
        if free(match.start(), match.end()):
            text_end = match.end(1)
            hidden += [(match.start(), match.start() + 1), (text_end, match.end())]
            styled.append((match.start(1), text_end, "link"))
            claim(match.start(), match.start() + 1)
            claim(text_end, match.end())
    for pattern, kind, width in ((_STRONG, "strong", 2), (_EMPHASIS, "emphasis", 1)):
        for match in pattern.finditer(body):
            start, end = match.start(), match.end()
            if not (free(start, start + width) and free(end - width, end)):
                continue
            hidden += [(start, start + width), (end - width, end)]
            styled.append((start + width, end - width, kind))  # type: ignore[arg-type]
            claim(start, start + width)
            claim(end - width, end)
    hidden.sort()
    styled.sort()
    return InlineMarkup(hidden, styled)


class LineIndex:
    """Finds the screen line that shows a body offset (bisect over line starts)."""

    def __init__(self, lines: list[DisplayLine]) -> None:
        self._starts = [line.start for line in lines]
        self._lines = lines

    def line_of(self, offset: int) -> int:
        """The index of the last text line starting at or before `offset` (0 when none)."""
        if not self._lines:
            return 0
        # A blank line shares its start with the text line after it; bisect_right picks the text.
        return max(0, bisect_right(self._starts, offset) - 1)
