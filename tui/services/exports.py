"""Writing a comparison's Markdown export where a shell user will look for it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from tui.core.brief import Brief
    from tui.core.compare import Comparison

EXPORT_NAME_CHARS = 60  # of each id in the export's file name


@dataclass(frozen=True)
class Exported:
    path: Path | None
    problem: str | None = None


def export_name(a: Brief, b: Brief) -> str:
    """A file name for the Markdown export of this pair."""
    parts = [re.sub(r"[^a-z0-9-]+", "-", x.id.lower())[:EXPORT_NAME_CHARS] for x in (a, b)]
    return f"compare-{parts[0].strip('-')}--{parts[1].strip('-')}.md"


def export_comparison(comparison: Comparison, here: Path, state: Path) -> Exported:
    """The comparison as Markdown in the current folder, or in the state folder when the current
    one cannot be written (read-only, gone)."""
    from tui.core.atomic import write_atomic
    from tui.core.compare_export import to_markdown

    text = to_markdown(comparison)
    name = export_name(comparison.a, comparison.b)
    problem = None
    for folder in (here, state):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            write_atomic(path, text)
        except OSError as exc:
            problem = exc.strerror or str(exc)
            continue
        return Exported(path)
    return Exported(None, problem)


__all__ = ["Exported", "export_comparison", "export_name"]
