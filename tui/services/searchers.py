"""One Whoosh searcher per worker thread, refreshed after the index changes."""

from __future__ import annotations

import contextlib
import threading
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.core.paths import Paths
    from tui.core.search import Searcher


class ThreadSearchers:
    """One Searcher per worker thread, refreshed after the index changes.

    Whoosh searchers are not thread-safe but are costly to open, so each thread of the worker pool
    keeps its own and reuses it.
    """

    def __init__(self, paths: Paths) -> None:
        self._paths = paths
        self._local = threading.local()
        self._lock = threading.Lock()
        self._open: list[Searcher] = []
        self.generation = 0

    def get(self) -> Searcher:
        """This thread's searcher; raises whatever Searcher raises when there is no index."""
        entry: list[Any] | None = getattr(self._local, "entry", None)
        if entry is None:
            from tui.core.search import Searcher

            searcher = Searcher(self._paths.index)
            with self._lock:
                self._open.append(searcher)
            self._local.entry = [searcher, self.generation]
            return searcher
        searcher, seen = entry
        if seen != self.generation:
            searcher.refresh()
            entry[1] = self.generation
        return searcher  # type: ignore[no-any-return]

    def close_all(self) -> None:
        with self._lock:
            for searcher in self._open:
                # Closing at exit: nothing useful to tell the user if it fails.
                with contextlib.suppress(Exception):
                    searcher.close()
            self._open.clear()


__all__ = ["ThreadSearchers"]
