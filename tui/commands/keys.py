"""The command table and what is built from it: bindings per scope, key names as read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.commands.app_keys import COMMANDS as APP
from tui.commands.compare_keys import COMMANDS as COMPARE
from tui.commands.help_keys import COMMANDS as HELP
from tui.commands.model import Command, Scope
from tui.commands.notes_keys import COMMANDS as NOTES
from tui.commands.reader_keys import COMMANDS as READER
from tui.commands.search_keys import COMMANDS as SEARCH

if TYPE_CHECKING:
    from textual.app import App
    from textual.binding import Binding

# Every command, in the order the help screen and the palette list them.
_COMMANDS: tuple[Command, ...] = (
    *APP,
    *READER,
    *SEARCH,
    *COMPARE,
    *NOTES,
    *HELP,
)
COMMANDS: dict[str, Command] = {command.id: command for command in _COMMANDS}


def bindings(scope: Scope) -> list[Binding]:
    """The bindings of one scope, for a class's BINDINGS."""
    return [c.binding() for c in _COMMANDS if c.scope == scope and c.key]


def commands(scope: str) -> list[Command]:
    return [c for c in _COMMANDS if c.scope == scope]


def key_names(key: str) -> str:
    """Textual key names as a person reads them: "j,down" -> "j ↓"."""
    names = {
        "question_mark": "?",
        "slash": "/",
        "escape": "esc",
        "enter": "⏎",
        "space": "space",
        "down": "↓",
        "up": "↑",
        "pagedown": "pgdn",
        "pageup": "pgup",
        "right_square_bracket": "]",
        "left_square_bracket": "[",
        "greater_than_sign": ">",
        "less_than_sign": "<",
        "left_parenthesis": "(",
        "right_parenthesis": ")",
        "left_curly_bracket": "{",
        "right_curly_bracket": "}",
        "delete": "del",
    }
    shown = []
    for part in key.split(","):
        part = part.strip()
        if part.startswith("shift+") and len(part) == 7:
            continue  # the same key as its capital letter, listed already
        if part.startswith("ctrl+"):
            shown.append("^" + part[5:])
        else:
            shown.append(names.get(part, part))
    return " ".join(shown)


def effective_key(app: App[object], command: Command) -> str:
    """The command's key after the user's keymap."""
    keymap = getattr(app, "_keymap", {}) or {}
    return str(keymap.get(command.id, command.key))


def all_commands() -> tuple[Command, ...]:
    return _COMMANDS


__all__ = ["COMMANDS", "all_commands", "bindings", "commands", "effective_key", "key_names"]
