"""Keeping the index in step with the corpus for the app, reporting each phase as an IndexState.

Run in the app's thread workers; `report` posts the state to the UI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from tui.core import sanitize
from tui.services.index_state import IndexState, ready_text, updating_text

if TYPE_CHECKING:
    from tui.core.paths import Paths

Report = Callable[[IndexState], None]
# Twenty progress reports whatever the size: each one repaints the status bar.
PROGRESS_STEPS = 20


def check(paths: Paths, report: Report) -> None:
    """Only look: for a second app on the same index, or tests that must not write."""
    from tui.core.index import index_status

    status = index_status(paths.corpus, paths.index)
    text = "index up to date" if status.up_to_date else "index out of date"
    report(IndexState("ready", text, searchable=status.healthy))


def refresh(paths: Paths, report: Report, *, quiet: bool = False) -> None:
    """Bring the index in step with the corpus. A finished update reports generation -1: the
    app then bumps the generation, and every thread's searcher refreshes before its next query."""
    if not quiet:
        report(IndexState("checking", "checking the index…"))
    from tui.core.entities import default_annotator
    from tui.core.index import IndexLocked, index_status, update_index

    try:
        status = index_status(paths.corpus, paths.index)
    except Exception as exc:
        report(IndexState("failed", f"index: {sanitize.error_line(exc)}"))
        return
    searchable = status.healthy
    if status.up_to_date:
        # Up to date, perhaps by another process's hand: searchers may hold an older view.
        report(IndexState("ready", ready_text(status.total), searchable, generation=-1))
        return
    doing = updating_text(status.healthy, status.new, status.changed, status.deleted)
    report(IndexState("updating", doing, searchable))
    last = [0]

    def progress(done: int, total: int) -> None:
        step = max(1, total // PROGRESS_STEPS)
        if done == total or done - last[0] >= step:
            last[0] = done
            text = f"{doing.removesuffix('…')} {done}/{total}…"
            report(IndexState("updating", text, searchable))

    try:
        done = update_index(
            paths.corpus, paths.index, annotate=default_annotator(), progress=progress
        )
    except IndexLocked:
        report(IndexState("locked", "index busy: another briefs is updating it", searchable))
        return
    except Exception as exc:
        report(IndexState("failed", f"index: {sanitize.error_line(exc)}", searchable))
        return
    text = ready_text(done.total)
    if done.errors:
        text += f" ({len(done.errors)} left out)"
    report(IndexState("ready", text, searchable=True, generation=-1))


__all__ = ["check", "refresh"]
