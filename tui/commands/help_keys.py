"""The key list's commands."""

from __future__ import annotations

from tui.commands.model import Command

COMMANDS: tuple[Command, ...] = (
    # Help.
    Command(
        "help.close",
        "escape,q,question_mark",
        "close",
        "Close",
        "Close the key list",
        footer=True,
        priority=True,
    ),
)
