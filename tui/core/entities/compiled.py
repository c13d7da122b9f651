"""The gazetteer as extraction uses it: compiled from the datasets and data files once, then read
from the user's cache folder (keyed by the packages' versions, the data and this code)."""

from __future__ import annotations

import pickle
from functools import cache
from pathlib import Path

from tui.core.entities.gazetteer import Gazetteer, cache_dir, source_key


@cache
def load_gazetteer() -> Gazetteer:
    """The compiled gazetteer: from the cache when it is there and current, else built (and
    cached for the next process)."""
    key = source_key()
    path = cache_dir() / f"gazetteer-{key}.pickle"
    try:
        gaz = pickle.loads(path.read_bytes())
        if isinstance(gaz, Gazetteer):
            return gaz
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        pass
    from tui.core.entities.sources import build_gazetteer

    gaz = build_gazetteer()
    _save(path, gaz)
    return gaz


def _save(path: Path, gaz: Gazetteer) -> None:
    from tui.core.atomic import write_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, pickle.dumps(gaz, protocol=pickle.HIGHEST_PROTOCOL))
        for old in path.parent.glob("gazetteer-*.pickle"):
            if old != path:
                old.unlink(missing_ok=True)
    except OSError:
        pass  # a read-only cache folder: this process keeps its gazetteer in memory


__all__ = ["load_gazetteer"]
