"""Copies of brief files and of real indexes of them, built once per session (see conftest.py).

Indexing with entity extraction is the same work for every test of the same briefs, so each
index is built once (real `update_index`, real annotator) and every test gets a copy of the
folder of its own: a test may add briefs or rewrite the index without another seeing it.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

from tui.core.entities import annotate
from tui.core.index import index_status, update_index

DATA = Path(__file__).resolve().parent / "data"
BUNDLED = Path(__file__).resolve().parents[1] / "briefs"
# The bundled pair the compare screen is shown on: a long analysis and a shorter one.
LONG_BRIEF = "nagorno-karabakh-crisis-and-russias-strategy-in-the-region"
SHORT_BRIEF = "after-azerbaijan-took-control-of-nagorno-karabakh-without"
PAIR = (BUNDLED / f"{LONG_BRIEF}.md", BUNDLED / f"{SHORT_BRIEF}.md")
FIXTURE_BRIEFS = tuple(sorted(DATA.glob("*.md")))


def copy_briefs(sources: Iterable[Path], folder: Path) -> Path:
    """Copy brief files into `folder` (created), keeping their modification times: the index
    knows a file by size and mtime, so a copy of an index matches a copy of its briefs."""
    folder.mkdir(parents=True)
    for path in sources:
        shutil.copy2(path, folder / path.name)
    return folder


class IndexTemplates:
    """Indexes built at most once, one per set of brief files, handed out as copies."""

    def __init__(self, root: Path) -> None:
        self._root = root
        self._built: dict[tuple[Path, ...], Path] = {}

    def copy_index(self, sources: Sequence[Path], corpus: Path, index: Path) -> Path:
        """A copy at `index` of the index of `sources`. `corpus` must hold copies of exactly
        those files (made by `copy_briefs`): the copy is checked to be up to date with it, so
        the code under test opens it as it would an index it had just built."""
        shutil.copytree(self._template(sources), index)
        status = index_status(corpus, index)
        assert status.up_to_date, f"the copied index does not match {corpus}: {status}"
        return index

    def _template(self, sources: Sequence[Path]) -> Path:
        key = tuple(sorted(path.resolve() for path in sources))
        if key not in self._built:
            # The template's own briefs stay beside it and are never handed out: only copies are.
            folder = self._root / f"template-{len(self._built)}"
            corpus = copy_briefs(key, folder / "briefs")
            index = folder / "index"
            report = update_index(corpus, index, annotate=annotate)
            assert not report.errors, report.errors
            assert report.total == len(key), report
            self._built[key] = index
        return self._built[key]
