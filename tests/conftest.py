"""Shared fixtures: private copies of the fixture briefs and real indexes of them."""

from __future__ import annotations

import asyncio
import inspect
from pathlib import Path

import pytest

from tests.index_copies import FIXTURE_BRIEFS, PAIR, IndexTemplates, copy_briefs
from tui.core.index import update_index
from tui.core.paths import Paths


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests (the app's pilot tests) in a fresh event loop: no asyncio plugin
    is installed, and one hook here serves every folder."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(scope="session")
def index_templates(tmp_path_factory: pytest.TempPathFactory) -> IndexTemplates:
    """Each set of briefs indexed once per session; tests take copies (`copy_index`)."""
    return IndexTemplates(tmp_path_factory.mktemp("index-templates"))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A writable copy of the fixture briefs (tests/data/*.md) in its own folder."""
    return copy_briefs(FIXTURE_BRIEFS, tmp_path / "briefs")


@pytest.fixture
def index_dir(corpus: Path, tmp_path: Path) -> Path:
    """A real Whoosh index of `corpus` (without entities), built fresh for the test."""
    folder = tmp_path / "index"
    report = update_index(corpus, folder)
    assert not report.errors, report.errors
    return folder


@pytest.fixture
def pair_paths(index_templates: IndexTemplates, tmp_path: Path) -> Paths:
    """The two bundled briefs in a corpus of their own, indexed with their entity mentions."""
    corpus = copy_briefs(PAIR, tmp_path / "pair")
    index = index_templates.copy_index(PAIR, corpus, tmp_path / "pair-index")
    return Paths(corpus=corpus, index=index, state=tmp_path / "state")
