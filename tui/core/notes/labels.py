"""Labels: a short list the analyst edits, each with one of the 16 ANSI colours.

The 16 colours every terminal has, so a label's colour shows in 16 colours as in 24-bit; how a
label looks without colour (NO_COLOR) is the UI's choice. Names are compared without regard to
case; they are kept as the user wrote them.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.ansi import COLOURS
from tui.core.notes.model import Label, LabelError
from tui.core.sanitize import one_line

DEFAULT_LABELS = (
    Label("claim", "yellow"),
    Label("evidence", "green"),
    Label("question", "cyan"),
    Label("contradiction", "red"),
)

MAX_LABELS = 16
MAX_NAME = 24


def colour_name(value: str) -> str:
    """An ANSI colour name as given ("bright red", "Bright-Red", "grey" -> bright_black)."""
    name = "_".join(value.strip().lower().replace("-", " ").replace("_", " ").split())
    name = {"grey": "bright_black", "gray": "bright_black"}.get(name, name)
    if name not in COLOURS:
        raise LabelError(
            f"not one of the 16 terminal colours: {one_line(value)!r} (one of: "
            f"{', '.join(COLOURS)})"
        )
    return name


def label_name(value: str) -> str:
    """A label name as it is stored: one line, trimmed, at most MAX_NAME characters."""
    name = one_line(value)
    if not name:
        raise LabelError("a label needs a name")
    if len(name) > MAX_NAME:
        raise LabelError(f"a label name has at most {MAX_NAME} characters")
    return name


def find_label(labels: Sequence[Label], name: str) -> Label | None:
    wanted = one_line(name).casefold()
    return next((label for label in labels if label.name.casefold() == wanted), None)


def known_label(labels: Sequence[Label], name: str) -> Label:
    label = find_label(labels, name)
    if label is None:
        names = ", ".join(item.name for item in labels) or "none yet"
        raise LabelError(f"no label {one_line(name)!r} (labels: {names})")
    return label


def add_label(labels: Sequence[Label], name: str, colour: str) -> list[Label]:
    name = label_name(name)
    if find_label(labels, name) is not None:
        raise LabelError(f"there is already a label {name!r}")
    if len(labels) >= MAX_LABELS:
        raise LabelError(f"at most {MAX_LABELS} labels: delete one first")
    return [*labels, Label(name, colour_name(colour))]


def rename_label(labels: Sequence[Label], old: str, new: str) -> list[Label]:
    found = known_label(labels, old)
    new = label_name(new)
    other = find_label(labels, new)
    if other is not None and other != found:
        raise LabelError(f"there is already a label {other.name!r}")
    return [Label(new, item.colour) if item == found else item for item in labels]


def recolour_label(labels: Sequence[Label], name: str, colour: str) -> list[Label]:
    found = known_label(labels, name)
    colour = colour_name(colour)
    return [Label(item.name, colour) if item == found else item for item in labels]


def delete_label(labels: Sequence[Label], name: str) -> list[Label]:
    found = known_label(labels, name)
    return [item for item in labels if item != found]


__all__ = [
    "COLOURS",
    "DEFAULT_LABELS",
    "add_label",
    "colour_name",
    "delete_label",
    "find_label",
    "known_label",
    "label_name",
    "recolour_label",
    "rename_label",
]
