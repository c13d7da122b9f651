"""The 16 colours every terminal has, by their Rich names: what labels are coloured with.

A module of its own so the reader can style labels without importing the notes package (which
is only loaded by the workers that read notes).
"""

from __future__ import annotations

COLOURS = (
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "white",
    "bright_black",
    "bright_red",
    "bright_green",
    "bright_yellow",
    "bright_blue",
    "bright_magenta",
    "bright_cyan",
    "bright_white",
)

__all__ = ["COLOURS"]
