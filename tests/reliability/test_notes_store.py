"""Notes are never lost: writers killed with SIGKILL mid-write, two processes adding at once, a
corrupt or odd notes file (set aside in one line, or its unreadable entries kept), a lock held
by another process, an index rebuilt under them."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.brief import read_brief
from tui.core.notes import Notebook, NotesLocked, NoteStore
from tui.core.notes.codec import NotesData, dump
from tui.core.notes.store import LOCK_FILE, NOTES_FILE

CHILD = Path(__file__).with_name("notes_child.py")
DATA = Path(__file__).parents[1] / "data"
BODY = read_brief(DATA / "black-sea-grain.md").body


def _spawn(*args: str | Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait(ready: Path, child: subprocess.Popen[bytes], text: str | None = None) -> None:
    deadline = time.monotonic() + 120
    while not ready.exists() or (text is not None and ready.read_text("utf-8") != text):
        assert child.poll() is None or ready.exists(), child.communicate()[1].decode()
        assert time.monotonic() < deadline
        time.sleep(0.01)


@pytest.fixture
def body_file(tmp_path: Path) -> Path:
    path = tmp_path / "body.txt"
    path.write_text(BODY, encoding="utf-8")
    return path


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- kill -9 ----------------------------------------------------------------------------------


def test_a_writer_killed_before_the_rename_leaves_the_notes_as_they_were(
    tmp_path: Path, body_file: Path
) -> None:
    state = tmp_path / "state"
    saved = Notebook(state).add("brief", BODY, 10, 40, text="kept")
    before = (state / NOTES_FILE).read_bytes()
    ready = tmp_path / "ready"
    child = _spawn("add-hanging", state, body_file, ready)
    _wait(ready, child)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    assert (state / NOTES_FILE).read_bytes() == before
    (leftover,) = _leftovers(state)
    assert leftover.startswith(".")  # hidden, and never read as notes
    notebook = Notebook(state)
    assert notebook.notes == [saved] and notebook.warning is None
    # The killed process held the lock: the kernel released it with the process.
    notebook.add("brief", BODY, 50, 80, text="after")
    assert len(Notebook(state).notes) == 2


@pytest.mark.slow
def test_a_writer_killed_at_random_moments_never_loses_a_saved_note(
    tmp_path: Path, body_file: Path
) -> None:
    state = tmp_path / "state"
    store = NoteStore(state)
    # 3,000 notes (a ~2 MB file), so that kills land inside the writes.
    template = Notebook(state).add("brief", BODY, 0, 30, text="seed")

    def seed(data: NotesData) -> None:
        from dataclasses import replace

        data.notes = [replace(template, id=f"{n:08x}", text=f"seed-{n}") for n in range(3000)]

    store.update(seed)
    for round_, delay in enumerate((0.0, 0.05, 0.17, 0.31, 0.53)):
        before = {n.id for n in store.load().data.notes}
        ready = tmp_path / f"ready-{round_}"
        child = _spawn("add-forever", state, body_file, ready)
        _wait(ready, child)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        loaded = store.load()
        assert loaded.warning is None, loaded.warning
        after = {n.id for n in loaded.data.notes}
        assert before < after, round_  # every saved note, and the new ones of the child
        json.loads((state / NOTES_FILE).read_text("utf-8"))  # whole, valid JSON


# --- two processes ------------------------------------------------------------------------------


def test_two_processes_adding_notes_at_once_keep_all_of_them(
    tmp_path: Path, body_file: Path
) -> None:
    state = tmp_path / "state"
    count = 40
    readies, go = [tmp_path / "one", tmp_path / "two"], tmp_path / "go"
    children = [
        _spawn("add", state, body_file, count, tag, ready, go)
        for tag, ready in zip(("one", "two"), readies, strict=True)
    ]
    for child, ready in zip(children, readies, strict=True):
        _wait(ready, child, "started")
    go.touch()  # all three start adding at once
    here = Notebook(state, wait=60.0)
    for number in range(count):
        here.add("brief", BODY, number, number + 30, text=f"here-{number}")
    for child, ready in zip(children, readies, strict=True):
        _wait(ready, child, "done")
        assert child.wait(timeout=120) == 0, child.communicate()[1].decode()
    texts = sorted(note.text for note in Notebook(state).notes)
    expected = sorted(f"{tag}-{n}" for tag in ("one", "two", "here") for n in range(count))
    assert texts == expected
    assert len({note.id for note in Notebook(state).notes}) == 3 * count


def test_a_lock_held_too_long_is_a_clear_error_and_changes_nothing(tmp_path: Path) -> None:
    from whoosh.util.filelock import FileLock

    state = tmp_path / "state"
    notebook = Notebook(state, wait=0.2)
    notebook.add("brief", BODY, 0, 30)
    before = (state / NOTES_FILE).read_bytes()
    lock = FileLock(str(state / LOCK_FILE))
    assert lock.acquire()
    try:
        with pytest.raises(NotesLocked, match="another briefs process"):
            notebook.add("brief", BODY, 40, 70)
        assert len(Notebook(state).notes) == 1  # reading needs no lock
    finally:
        lock.release()
    assert (state / NOTES_FILE).read_bytes() == before


# --- odd files ----------------------------------------------------------------------------------


CORRUPT: dict[str, bytes] = {
    "not json": b'{"format": "briefs-notes", "version": 1, "notes": [',
    "a list": b"[1, 2, 3]",
    "another file": b'{"theme": "nord", "positions": {}}',
    "no version": b'{"format": "briefs-notes", "notes": []}',
    "notes not a list": b'{"format": "briefs-notes", "version": 1, "notes": {}}',
    "utf-16": json.dumps({"format": "briefs-notes", "version": 1}).encode("utf-16"),
    "binary": bytes(range(256)),
    "nul bytes": b"\x00" * 64,
    "deep array": b"[" * 100_000,
    "empty": b"",
}


@pytest.mark.parametrize("name", sorted(CORRUPT))
def test_a_corrupt_notes_file_is_set_aside_with_one_line(name: str, tmp_path: Path) -> None:
    (tmp_path / NOTES_FILE).write_bytes(CORRUPT[name])
    loaded = NoteStore(tmp_path).load()
    assert loaded.data.notes == []
    assert loaded.warning and "\n" not in loaded.warning and "kept as" in loaded.warning
    (aside,) = tmp_path.glob(f"{NOTES_FILE}.corrupt-*")
    assert aside.read_bytes() == CORRUPT[name]  # nothing lost: the whole file is kept
    assert not (tmp_path / NOTES_FILE).exists()
    Notebook(tmp_path).add("brief", BODY, 0, 30)  # and the next change works
    assert len(Notebook(tmp_path).notes) == 1


def test_two_corrupt_files_in_a_row_are_both_kept(tmp_path: Path) -> None:
    for _ in range(2):
        (tmp_path / NOTES_FILE).write_bytes(b"{broken")
        assert NoteStore(tmp_path).load().warning
    assert len(list(tmp_path.glob(f"{NOTES_FILE}.corrupt-*"))) == 2


def test_unreadable_entries_and_unknown_keys_are_kept_as_they_are(tmp_path: Path) -> None:
    notebook = Notebook(tmp_path)
    good = notebook.add("brief", BODY, 0, 30, text="good")
    raw = json.loads((tmp_path / NOTES_FILE).read_text("utf-8"))
    odd_note = {"id": "broken", "brief": "brief", "target": {"quote": "x", "start": "nine"}}
    raw["notes"].append(odd_note)
    raw["notes"][0]["colour_override"] = "teal"  # a newer briefs' field
    raw["labels"].append({"name": "bad", "colour": "chartreuse"})
    raw["future"] = {"kept": True}
    (tmp_path / NOTES_FILE).write_text(json.dumps(raw), "utf-8")
    notebook = Notebook(tmp_path)
    assert [n.id for n in notebook.notes] == [good.id]
    assert (
        notebook.warning
        == f"{NOTES_FILE}: 2 entries could not be read; kept in the file as they are"
    )
    notebook.add("brief", BODY, 40, 70, text="new")
    saved = json.loads((tmp_path / NOTES_FILE).read_text("utf-8"))
    assert odd_note in saved["notes"]
    assert {"name": "bad", "colour": "chartreuse"} in saved["labels"]
    assert saved["future"] == {"kept": True}
    assert saved["notes"][0]["colour_override"] == "teal"
    assert len(Notebook(tmp_path).notes) == 2


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.one_of(st.binary(max_size=300), st.text(max_size=300).map(str.encode)))
def test_any_bytes_in_the_notes_file_load_or_are_set_aside(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / NOTES_FILE).write_bytes(raw)
        loaded = NoteStore(Path(folder)).load()
        assert isinstance(loaded.data, NotesData)
        if loaded.warning is None or "could not be read" in loaded.warning:
            assert (Path(folder) / NOTES_FILE).read_bytes() == raw
        else:
            assert "\n" not in loaded.warning


def test_a_round_trip_keeps_every_field(tmp_path: Path) -> None:
    notebook = Notebook(tmp_path)
    notebook.add("brief", BODY, 0, 30, label="claim", text="multi\nline «ünïcode» 🙂")
    notebook.set_flag_label("a", "b", "k", "disputed")
    data = NoteStore(tmp_path).load().data
    assert dump(data) == (tmp_path / NOTES_FILE).read_text("utf-8")


# --- the index is not where notes live ------------------------------------------------------------


def test_notes_survive_an_index_rebuild(tmp_path: Path, corpus: Path) -> None:
    from tui.core.index import update_index

    state, index = tmp_path / "state", tmp_path / "index"
    update_index(corpus, index)
    brief = read_brief(corpus / "black-sea-grain.md")
    note = Notebook(state).add_quote(brief.id, brief.body, "Odesa", text="port")
    before = (state / NOTES_FILE).read_bytes()
    update_index(corpus, index, rebuild=True)
    assert (state / NOTES_FILE).read_bytes() == before
    assert Notebook(state).notes == [note]
    assert not any(p.name.startswith("notes") for p in index.iterdir())
