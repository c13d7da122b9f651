"""How entities look in lists and in the text: a style per type (apart also with NO_COLOR),
the type groups, list rows with count columns, and stepping through mentions."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence

from rich.text import Text
from textual.widgets import OptionList

from tui.core.entities.model import EntityType, Mention
from tui.widgets.brief_view import Mark

# Each type has its own text style as well as its colour, so types stay apart with NO_COLOR
# (BriefView's stylesheet: places underlined, people bold, organisations italic…).
TYPE_STYLES: dict[EntityType, str] = {
    EntityType.PERSON: "brief-view--entity-person",
    EntityType.ORG: "brief-view--entity-org",
    EntityType.GPE: "brief-view--entity-place",
    EntityType.LOC: "brief-view--entity-place",
    EntityType.FAC: "brief-view--entity-place",
    EntityType.EVENT: "brief-view--entity-event",
    EntityType.DATE: "brief-view--entity-date",
}
GROUPS: tuple[tuple[str, tuple[EntityType, ...]], ...] = (
    ("People", (EntityType.PERSON,)),
    ("Organisations", (EntityType.ORG,)),
    ("Places", (EntityType.GPE, EntityType.LOC, EntityType.FAC)),
    ("Events", (EntityType.EVENT,)),
    ("Dates", (EntityType.DATE,)),
)


def mention_marks(mentions: Iterable[Mention]) -> list[Mark]:
    return [Mark(m.start, m.end, TYPE_STYLES[m.type]) for m in mentions]


def step_index(starts: Sequence[int], current: int, anchor: int, delta: int) -> int:
    """The next (delta > 0) or previous position among sorted `starts`, wrapping; from `anchor`
    (the top of the view) when there is no current one yet."""
    if not starts:
        return -1
    if current < 0:
        index = bisect_left(starts, anchor)
        return index % len(starts) if delta > 0 else (index - 1) % len(starts)
    return (current + delta) % len(starts)


def count_cell(value: int) -> Text:
    return Text(str(value) if value else "·")


def columns(first: Text, cells: Sequence[Text], widths: Sequence[int], width: int) -> Text:
    """One list row `width` cells wide: a space, `first` cut to what is left, then each cell
    right-aligned in its width. Plain Text: a Rich table per row costs tens of ms to lay out."""
    out = Text(" ", no_wrap=True, overflow="crop")
    name = first.copy()
    name.truncate(max(1, width - 1 - sum(widths)), overflow="ellipsis", pad=True)
    out.append_text(name)
    for cell, cell_width in zip(cells, widths, strict=True):
        piece = cell.copy()
        piece.truncate(cell_width, overflow="ellipsis")
        piece.pad_left(cell_width - piece.cell_len)
        out.append_text(piece)
    return out


def list_width(option_list: OptionList, fallback: int) -> int:
    """The cells an option of the list has (its CSS width before the list is laid out)."""
    return option_list.scrollable_content_region.width or fallback


__all__ = [
    "GROUPS",
    "TYPE_STYLES",
    "columns",
    "count_cell",
    "list_width",
    "mention_marks",
    "step_index",
]
