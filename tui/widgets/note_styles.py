"""How labels look, decided once for the reader, compare and the notes screen.

A label's colour is one of the 16 ANSI names in Rich's spelling (`bright_red`); Textual's CSS
spells them `ansi_bright_red`. In the text a note is underlined in its label's colour, and the
margin beside it carries the label's letter, so labels stay apart in 16 colours and with
NO_COLOR (where every colour is grey): claim C, evidence E, question Q, contradiction O (the
first letter of each name that an earlier label has not taken).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from tui.core.ansi import COLOURS

if TYPE_CHECKING:
    from tui.core.notes import Label

# A note without a label: underlined in the text colour, marked with a bullet.
UNLABELLED = "note--none"
UNLABELLED_LETTER = "•"
# For a label whose own letters are all taken (at most 16 labels: never runs out).
SPARE_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"


def colour_class(colour: str | None) -> str:
    """The component class of a label colour (`bright_red` -> `note--bright-red`)."""
    if colour is None or colour not in COLOURS:
        return UNLABELLED
    return f"note--{colour.replace('_', '-')}"


COLOUR_CLASSES: frozenset[str] = frozenset({UNLABELLED, *(colour_class(c) for c in COLOURS)})


def note_css(widget: str) -> str:
    """The rules giving `widget`'s note classes their colour: one per ANSI colour."""
    rules = [f"{widget} > .{UNLABELLED} {{ text-style: underline; }}"]
    rules += [
        f"{widget} > .{colour_class(c)} {{ text-style: underline; color: ansi_{c}; }}"
        for c in COLOURS
    ]
    return "\n".join(rules) + "\n"


def label_style(colour: str | None) -> Style:
    """The Rich style of a label's name in lists: bold (it stands out without colour too)."""
    if colour is None or colour not in COLOURS:
        return Style(bold=True)
    return Style(color=colour, bold=True)


def label_letters(labels: Iterable[Label]) -> dict[str, str]:
    """Each label's margin letter, keyed by its name folded to lower case."""
    letters: dict[str, str] = {}
    taken: set[str] = set()
    for label in labels:
        candidates = [c.upper() for c in label.name if c.isalnum()] + list(SPARE_LETTERS)
        letter = next((c for c in candidates if c not in taken), "+")
        taken.add(letter)
        letters[label.name.casefold()] = letter
    return letters


def find_colour(labels: Sequence[Label], name: str | None) -> str | None:
    """The colour of the label called `name` (any case), None for no label or an unknown one."""
    if name is None:
        return None
    wanted = name.casefold()
    return next((label.colour for label in labels if label.name.casefold() == wanted), None)


def label_text(labels: Sequence[Label], name: str | None) -> Text:
    """A label's letter and name in its style, for lists and the status bar: "[C] claim"."""
    if name is None:
        return Text(f"{UNLABELLED_LETTER} no label", style="dim")
    letter = label_letters(labels).get(name.casefold(), UNLABELLED_LETTER)
    return Text(f"{letter} {name}", style=label_style(find_colour(labels, name)))


__all__ = [
    "COLOUR_CLASSES",
    "UNLABELLED",
    "UNLABELLED_LETTER",
    "colour_class",
    "find_colour",
    "label_letters",
    "label_style",
    "label_text",
    "note_css",
]
