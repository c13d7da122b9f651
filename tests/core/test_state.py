"""The user's state file: round trip, recency limit, corrupt files set aside, atomic writes."""

from __future__ import annotations

import json
from pathlib import Path

from tui.core.state import MAX_POSITIONS, STATE_FILE, StateStore, UserState


def test_round_trip(tmp_path: Path) -> None:
    store = StateStore(tmp_path / "state")
    state = UserState(theme="nord", last_query="armenia")
    state.remember_position("a", 120)
    state.remember_position("b", 0)
    store.save(state)
    loaded = store.load()
    assert loaded.warning is None
    assert loaded.state.theme == "nord"
    assert loaded.state.last_query == "armenia"
    assert loaded.state.positions == {"a": 120, "b": 0}


def test_missing_file_is_a_fresh_state(tmp_path: Path) -> None:
    loaded = StateStore(tmp_path / "nowhere").load()
    assert loaded.warning is None
    assert loaded.state == UserState()


def test_positions_keep_the_most_recent(tmp_path: Path) -> None:
    state = UserState()
    for number in range(MAX_POSITIONS + 5):
        state.remember_position(f"b{number}", number)
    state.remember_position("b0", 7)  # read again: now the most recent
    assert len(state.positions) == MAX_POSITIONS
    assert "b1" not in state.positions
    assert state.position("b0") == 7
    assert list(state.positions)[-1] == "b0"


def test_corrupt_file_is_set_aside_with_a_message(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    (folder / STATE_FILE).write_text("[1, 2", encoding="utf-8")
    (folder / f"{STATE_FILE}.corrupt").write_text("older", encoding="utf-8")
    loaded = StateStore(folder).load()
    assert loaded.state == UserState()
    assert loaded.warning is not None and "state.json.corrupt-2" in loaded.warning
    assert (folder / f"{STATE_FILE}.corrupt-2").read_text(encoding="utf-8") == "[1, 2"
    assert (folder / f"{STATE_FILE}.corrupt").read_text(encoding="utf-8") == "older"
    assert not (folder / STATE_FILE).exists()


def test_wrong_shapes_are_corrupt_or_ignored(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    (folder / STATE_FILE).write_text('{"positions": [1, 2]}', encoding="utf-8")
    assert StateStore(folder).load().warning is not None
    # Bad single values are dropped; the rest is kept.
    (folder / STATE_FILE).write_text(
        json.dumps({"theme": 3, "positions": {"a": 5, "b": "x", "c": -1, "d": True}}),
        encoding="utf-8",
    )
    loaded = StateStore(folder).load()
    assert loaded.warning is None
    assert loaded.state.theme is None
    assert loaded.state.positions == {"a": 5}


def test_keys_from_a_newer_version_survive_a_save(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    folder.mkdir()
    (folder / STATE_FILE).write_text(json.dumps({"version": 2, "bookmarks": ["x"]}), "utf-8")
    store = StateStore(folder)
    state = store.load().state
    state.theme = "gruvbox"
    store.save(state)
    saved = json.loads((folder / STATE_FILE).read_text(encoding="utf-8"))
    assert saved["bookmarks"] == ["x"]
    assert saved["theme"] == "gruvbox"


def test_save_leaves_no_temporary_files(tmp_path: Path) -> None:
    folder = tmp_path / "state"
    store = StateStore(folder)
    for number in range(3):
        store.save(UserState(last_query=str(number)))
    assert sorted(p.name for p in folder.iterdir()) == [STATE_FILE]
