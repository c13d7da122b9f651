"""The second process of the fault and concurrency tests: a real writer or reader to kill.

    python child.py update CORPUS INDEX READY [POINT]   update_index; at POINT, touch READY and
                                                          hang (so the parent kills it right there)
    python child.py hold-lock INDEX READY                take the index's write lock and hang
    python child.py search-loop INDEX QUERY OUT STOP     one Searcher: search, refresh, append the
                                                          hit count to OUT, until STOP exists
    python child.py write-atomic-hanging PATH READY      write_atomic, hanging before the rename
    python child.py write-atomic-loop PATH READY         write_atomic of 3 MB, A and B in turn

POINTs: adding (half the briefs added to the writer), segment (segment files written, table of
contents not yet), toc (new table of contents written, old files not yet deleted), manifest
(Whoosh committed, briefs' manifest not yet written), none.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any


def _signal(ready: Path, text: str) -> None:
    """Tell the parent, atomically: it may read the file the moment it exists."""
    temp = ready.with_name(ready.name + ".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, ready)  # noqa: PTH105 (write-atomic-hanging patches Path.replace)


def _hang(ready: Path) -> None:
    _signal(ready, "ready")
    while True:
        time.sleep(60)


def update(corpus: Path, index: Path, ready: Path, point: str = "none") -> None:
    import whoosh.index
    import whoosh.writing

    import tui.core.index as briefs_index

    if point == "segment":
        finalize = whoosh.writing.SegmentWriter._finalize_segment

        def _finalize(self: Any) -> Any:
            segment = finalize(self)
            _hang(ready)
            return segment

        whoosh.writing.SegmentWriter._finalize_segment = _finalize
    elif point == "toc":
        clean_files = whoosh.index.clean_files

        def _clean(*args: Any) -> Any:
            _hang(ready)
            return clean_files(*args)

        whoosh.index.clean_files = _clean
    elif point == "manifest":

        def _manifest(*args: Any) -> None:
            _hang(ready)

        briefs_index._write_manifest = _manifest  # type: ignore[assignment]

    def progress(done: int, total: int) -> None:
        if point == "adding" and done == total // 2:
            _hang(ready)

    if point == "none":
        _signal(ready, "started")
    briefs_index.update_index(corpus, index, progress=progress)
    _signal(ready, "done")


def hold_lock(index: Path, ready: Path) -> None:
    from tui.core.index import _write_lock

    index.mkdir(parents=True, exist_ok=True)
    with _write_lock(index, 5.0):
        _hang(ready)


def search_loop(index: Path, query: str, out: Path, stop: Path) -> None:
    from tui.core.index import IndexUnavailable
    from tui.core.search import Searcher

    while True:  # as the app does: an index being rebuilt by another process is not there yet
        try:
            searcher = Searcher(index)
            break
        except IndexUnavailable:
            time.sleep(0.05)
    with searcher, out.open("a", encoding="utf-8") as log:
        while not stop.exists():
            result = searcher.search(query, limit=1000)
            # total, and the error if any: the parent checks every line
            log.write(f"{result.total}\t{result.error or ''}\n")
            log.flush()
            searcher.refresh()
            time.sleep(0.01)


def write_atomic_hanging(path: Path, ready: Path) -> None:
    """write_atomic with the rename held back: the temp file is written and synced, then hang."""
    import pathlib

    from tui.core.atomic import write_atomic

    def _replace(self: pathlib.Path, target: object) -> pathlib.Path:
        _hang(ready)
        raise AssertionError("unreachable")

    pathlib.Path.replace = _replace  # type: ignore[method-assign]
    write_atomic(path, "new contents\n" * 1000)


def write_atomic_loop(path: Path, ready: Path) -> None:
    """Rewrite `path` for ever, alternating two large contents (A... and B...)."""
    from tui.core.atomic import write_atomic

    contents = ["A" * 3_000_000, "B" * 3_000_000]
    _signal(ready, "ready")
    n = 0
    while True:
        write_atomic(path, contents[n % 2])
        n += 1


def main(argv: list[str]) -> int:
    command, *rest = argv
    if command == "update":
        update(Path(rest[0]), Path(rest[1]), Path(rest[2]), *rest[3:])
    elif command == "hold-lock":
        hold_lock(Path(rest[0]), Path(rest[1]))
    elif command == "write-atomic-hanging":
        write_atomic_hanging(Path(rest[0]), Path(rest[1]))
    elif command == "write-atomic-loop":
        write_atomic_loop(Path(rest[0]), Path(rest[1]))
    elif command == "search-loop":
        search_loop(Path(rest[0]), rest[1], Path(rest[2]), Path(rest[3]))
    else:
        raise SystemExit(f"unknown command {command}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
