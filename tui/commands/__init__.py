"""Every command of the app, declared once: key, action, description; bindings, footer, help and
the command palette are all built from this table (one module of declarations per screen).

A binding carries the command's id, so a user keymap (`App.set_keymap({"reader.find": "f"})`)
changes the key everywhere at once.
"""

from __future__ import annotations

from tui.commands.keys import COMMANDS, all_commands, bindings, commands, effective_key, key_names
from tui.commands.model import Command, Scope

__all__ = [
    "COMMANDS",
    "Command",
    "Scope",
    "all_commands",
    "bindings",
    "commands",
    "effective_key",
    "key_names",
]
