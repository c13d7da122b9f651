"""Fixtures and hooks for the reliability tests (the helpers they share are in helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.reliability import hostile
from tests.reliability.helpers import HostileCorpus


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: a reliability test that takes seconds (big files, kill loops); runs in `make test`, "
        "deselect with -m 'not slow'",
    )


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileCorpus]:
    """A corpus of hostile briefs: generated captures added through ingest, and generated brief
    files copied in by hand (ingest never saw them), indexed."""
    from tui.core.entities import annotate
    from tui.core.index import update_index
    from tui.core.ingest import add_paths

    root = tmp_path_factory.mktemp("hostile")
    corpus, index = root / "briefs", root / "index"
    captures = hostile.captures()
    hostile.write_all(root / "in", captures)
    add_paths([root / "in"], corpus)
    hand = hostile.hand_written()
    hostile.write_all(corpus, hand)
    update_index(corpus, index, annotate=annotate)
    yield HostileCorpus(corpus, index, captures, hand)
