"""Fixtures for the app tests: the real app on a copy of the fixture briefs, state in tmp_path."""

from __future__ import annotations

import shutil
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.index_copies import FIXTURE_BRIEFS, PAIR, IndexTemplates, copy_briefs
from tui.app import BriefsApp, create_app
from tui.core.paths import Paths

UI_DATA = Path(__file__).parent / "data"


@pytest.fixture
def paths(corpus: Path, tmp_path: Path) -> Paths:
    """The fixture corpus, an index folder the app builds itself, a private state folder."""
    return Paths(corpus=corpus, index=tmp_path / "index", state=tmp_path / "state")


@pytest.fixture
def indexed_paths(corpus: Path, index_templates: IndexTemplates, tmp_path: Path) -> Paths:
    """Like `paths`, with the index already built as the app builds it (with entities), so
    the app only checks it."""
    index = index_templates.copy_index(FIXTURE_BRIEFS, corpus, tmp_path / "index")
    return Paths(corpus=corpus, index=index, state=tmp_path / "state")


@pytest.fixture
def entity_paths(index_templates: IndexTemplates, tmp_path: Path) -> Paths:
    """The bundled pair and the fixture briefs, indexed with their entity mentions."""
    sources = (*PAIR, *FIXTURE_BRIEFS)
    corpus = copy_briefs(sources, tmp_path / "briefs")
    index = index_templates.copy_index(sources, corpus, tmp_path / "entity-index")
    return Paths(corpus=corpus, index=index, state=tmp_path / "state")


@pytest.fixture
def app(paths: Paths) -> BriefsApp:
    return create_app(paths)


LONG_BRIEF = "nagorno-karabakh-crisis-and-russias-strategy-in-the-region"


@pytest.fixture
def long_paths(paths: Paths) -> Paths:
    """`paths` plus one long real brief (1,650 words, headings, emphasis) that needs scrolling."""
    shutil.copy2(UI_DATA / f"{LONG_BRIEF}.md", paths.corpus / f"{LONG_BRIEF}.md")
    return paths


@pytest.fixture
def long_app(long_paths: Paths) -> BriefsApp:
    return create_app(long_paths)


Settle = Callable[[Pilot[None]], Awaitable[None]]
Typist = Callable[[Pilot[None], str], Awaitable[None]]


@pytest.fixture
def settle() -> Settle:
    return _settle


@pytest.fixture
def type_text() -> Typist:
    return _type_text


async def _settle(pilot: Pilot[None]) -> None:
    """Wait until the start-up and search workers are done and their messages handled."""
    app = pilot.app
    for _ in range(50):
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        if not any(worker.is_running for worker in app.workers):
            return
    raise AssertionError("workers did not finish")


async def _type_text(pilot: Pilot[None], text: str) -> None:
    """Type like a person: one key per character (spaces included)."""
    keys = ["space" if char == " " else char for char in text]
    await pilot.press(*keys)
