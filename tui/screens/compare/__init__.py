"""The compare screen and its parts (see screen.py)."""

from __future__ import annotations

from tui.screens.compare.screen import CompareScreen
from tui.services.exports import export_name

__all__ = ["CompareScreen", "export_name"]
