"""Shared fixtures: a private copy of the fixture briefs and a real index built from it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tui.core.index import update_index

DATA = Path(__file__).parent / "data"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the fixture briefs (tests/data/*.md) in its own folder."""
    folder = tmp_path / "briefs"
    folder.mkdir()
    for path in sorted(DATA.glob("*.md")):
        shutil.copy2(path, folder / path.name)
    return folder


@pytest.fixture
def index_dir(corpus: Path, tmp_path: Path) -> Path:
    """A real Whoosh index of `corpus`, built fresh for the test."""
    folder = tmp_path / "index"
    report = update_index(corpus, folder)
    assert not report.errors, report.errors
    return folder
