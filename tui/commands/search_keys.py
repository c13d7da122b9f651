"""The search screen's commands."""

from __future__ import annotations

from tui.commands.model import Command

COMMANDS: tuple[Command, ...] = (
    # Search.
    Command(
        "search.open",
        "enter",
        "open_hit",
        "Open",
        "Read the selected result at its first hit",
        footer=True,
        priority=True,
        key_display="⏎",
    ),
    Command(
        "search.results", "down", "focus_results", "Results", "Move to the results", palette=False
    ),
    Command(
        "search.suggestion",
        "ctrl+r",
        "apply_suggestion",
        "Did you mean",
        "Search for the suggested spelling instead",
        footer=True,
    ),
    Command(
        "search.copy", "y", "copy_hit", "Copy", "Copy the selected result's snippet", footer=True
    ),
    Command(
        "search.facets",
        "ctrl+o",
        "focus_facets",
        "Facets",
        "Narrow the results by source, year or entity",
        footer=True,
    ),
)
