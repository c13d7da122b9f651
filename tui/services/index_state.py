"""What the screens know about the index: its phase, a status line, whether search can use it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

IndexPhase = Literal["waiting", "checking", "updating", "ready", "locked", "failed"]


@dataclass(frozen=True)
class IndexState:
    """What the screens show about the index, and whether search can use it."""

    phase: IndexPhase
    text: str  # one line for the status bar
    searchable: bool = False  # a usable index is on disk (perhaps an older one, being updated)
    generation: int = 0  # bumps after each update: searchers refresh when it changes


WAITING = IndexState("waiting", "index: waiting")


def ready_text(total: int) -> str:
    return f"index: {total:,} brief{'s' if total != 1 else ''}"


def updating_text(healthy: bool, new: int, changed: int, deleted: int) -> str:
    if not healthy:
        return f"building the index ({new} briefs)…"
    parts = []
    if new:
        parts.append(f"{new} new")
    if changed:
        parts.append(f"{changed} changed")
    if deleted:
        parts.append(f"{deleted} removed")
    if new and not changed and not deleted:
        return f"indexing {new} new brief{'s' if new != 1 else ''}…"
    return f"updating the index ({', '.join(parts)})…"


__all__ = ["WAITING", "IndexPhase", "IndexState", "ready_text", "updating_text"]
