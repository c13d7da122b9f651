"""The Notebook, as the app and the CLI use it: notes, labels, search, stepping, flag labels."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.core.brief import read_brief
from tui.core.notes import (
    AmbiguousQuote,
    LabelError,
    Notebook,
    NoteNotFound,
    NotesError,
    QuoteNotFound,
    next_note,
    notes_at,
    place_library,
    previous_note,
)
from tui.core.notes.store import NOTES_FILE

DATA = Path(__file__).parents[1] / "data"
GRAIN = read_brief(DATA / "black-sea-grain.md")


@pytest.fixture
def notebook(tmp_path: Path) -> Notebook:
    return Notebook(tmp_path / "state")


def add(notebook: Notebook, quote: str, **options: object) -> object:
    return notebook.add_quote(GRAIN.id, GRAIN.body, quote, **options)  # type: ignore[arg-type]


def test_a_note_from_a_selection_is_saved_and_read_back(notebook: Notebook, tmp_path: Path) -> None:
    start = GRAIN.body.index("Insurance costs")
    note = notebook.add(
        GRAIN.id, GRAIN.body, start, start + 30, label="Evidence", text="  Lloyd's data?\r\n"
    )
    assert note.label == "evidence"  # the label's own spelling
    assert note.text == "Lloyd's data?"
    assert note.quote == GRAIN.body[start : start + 30].strip()
    again = Notebook(tmp_path / "state")
    assert again.notes == [note]
    (placed,) = again.place(GRAIN.id, GRAIN.body)
    assert placed.anchored and placed.method == "position" and placed.start == start


def test_adding_by_quote_needs_the_quote_once_or_an_occurrence(notebook: Notebook) -> None:
    with pytest.raises(QuoteNotFound):
        add(notebook, "not in this brief")
    with pytest.raises(AmbiguousQuote) as raised:
        add(notebook, "Black Sea")
    assert raised.value.occurrences == 2
    second = add(notebook, "Black Sea", occurrence=2)
    assert second.target.start == GRAIN.body.index("Black Sea", GRAIN.body.index("Black Sea") + 1)
    with pytest.raises(AmbiguousQuote):
        add(notebook, "Black Sea", occurrence=3)
    with pytest.raises(LabelError):
        add(notebook, "Odesa", label="gossip")
    assert len(notebook.notes) == 1  # nothing else was written


def test_edit_delete_and_undo(notebook: Notebook, tmp_path: Path) -> None:
    note = add(notebook, "Odesa", label="claim", text="first")
    edited = notebook.edit(note.id[:3], text="second")
    assert (edited.text, edited.label, edited.created) == ("second", "claim", note.created)
    relabelled = notebook.edit(note.id, label="QUESTION")
    assert relabelled.label == "question" and relabelled.text == "second"
    assert notebook.edit(note.id, unlabel=True).label is None
    deleted = notebook.delete(note.id)
    assert notebook.notes == [] and Notebook(tmp_path / "state").notes == []
    notebook.restore(deleted)  # undo
    assert Notebook(tmp_path / "state").notes == [deleted]
    with pytest.raises(NoteNotFound):
        notebook.delete("ffffffffff")
    with pytest.raises(NoteNotFound):
        notebook.edit("", text="x")


def test_an_id_prefix_must_be_unique(notebook: Notebook) -> None:
    from dataclasses import replace

    note = add(notebook, "Odesa")
    for note_id in ("ab12cd34", "ab99ef00", "cd000000"):
        notebook.restore(replace(note, id=note_id))
    notebook.delete(note.id)
    assert notebook.note("ab1").id == "ab12cd34"
    assert notebook.note("CD").id == "cd000000"
    with pytest.raises(NoteNotFound, match="ab matches 2 notes"):
        notebook.note("ab")
    with pytest.raises(NoteNotFound, match="no note with id ee"):
        notebook.note("ee")


def test_note_text_cannot_carry_escape_sequences(notebook: Notebook) -> None:
    note = add(notebook, "Odesa", text="red \x1b[31malert\x1b[0m\x07 \u202eevil\nsecond line")
    assert note.text == "red alert evil\nsecond line"


def test_labels_are_edited_and_their_notes_follow(notebook: Notebook) -> None:
    assert [(x.name, x.colour) for x in notebook.labels] == [
        ("claim", "yellow"),
        ("evidence", "green"),
        ("question", "cyan"),
        ("contradiction", "red"),
    ]
    note = add(notebook, "Odesa", label="claim")
    notebook.add_label("Source", "Bright Blue")
    assert notebook.label("source").colour == "bright_blue"  # type: ignore[union-attr]
    with pytest.raises(LabelError, match="already"):
        notebook.add_label("SOURCE", "red")
    with pytest.raises(LabelError, match="16 terminal colours"):
        notebook.add_label("odd", "#ff0000")
    notebook.rename_label("claim", "Assertion")
    assert notebook.note(note.id).label == "Assertion"
    notebook.recolour_label("assertion", "grey")
    assert notebook.label("Assertion").colour == "bright_black"  # type: ignore[union-attr]
    assert notebook.delete_label("assertion", move_to="question") == 1
    assert notebook.note(note.id).label == "question"
    assert notebook.delete_label("question") == 1
    assert notebook.note(note.id).label is None
    assert [x.name for x in notebook.labels] == ["evidence", "contradiction", "Source"]
    with pytest.raises(LabelError):
        notebook.rename_label("nothing", "x")


def test_compare_flag_labels_live_in_the_same_store(notebook: Notebook, tmp_path: Path) -> None:
    notebook.set_flag_label("a", "b", "casualties", "disputed")
    notebook.set_flag_label("a", "b", "date", "resolved")
    notebook.set_flag_label("b", "a", "casualties", "other way round")
    again = Notebook(tmp_path / "state")
    assert again.flag_label("a", "b", "casualties") == "disputed"
    assert again.flag_labels("a", "b") == {"casualties": "disputed", "date": "resolved"}
    again.set_flag_label("a", "b", "date", None)
    assert Notebook(tmp_path / "state").flag_labels("a", "b") == {"casualties": "disputed"}
    assert Notebook(tmp_path / "state").flag_label("x", "y", "z") is None


def test_notes_are_found_by_their_words_whatever_the_case_and_accents(notebook: Notebook) -> None:
    claim = add(notebook, "Odesa", label="claim", text="Le ministère dit que les Claims sont faux")
    other = add(notebook, "Romania", label="evidence", text="Port figures")
    assert notebook.search("MINISTERE") == [claim]
    assert notebook.search("claim") == [claim]  # stemmed as the index stems
    assert notebook.search("odesa") == [claim]  # the quote is searched too
    assert notebook.search("romania port") == [other]
    assert notebook.search("romania ministere") == []
    assert notebook.search("fig", prefix=True) == [other]
    assert notebook.search("port fig", prefix=True) == [other]
    assert notebook.search("fig") == []
    assert notebook.search("", label="EVIDENCE") == [other]
    assert notebook.search("", brief="another-brief") == []
    assert notebook.search("les") == [claim]  # stop words alone are looked for as they are
    assert notebook.briefs_with_notes() == {GRAIN.id}
    assert notebook.briefs_with_notes("contradiction") == set()


def test_stepping_between_notes_and_the_notes_at_an_offset(notebook: Notebook) -> None:
    for word in ("Romania", "Odesa", "Mines drifting", "Insurance costs for ships"):
        add(notebook, word)
    placed = notebook.place(GRAIN.id, GRAIN.body)
    starts = [p.start for p in placed]
    assert starts == sorted(starts)
    first, second, third, fourth = placed
    assert next_note(placed, -1) == first
    assert next_note(placed, first.start or 0) == second
    assert next_note(placed, fourth.start or 0) is None
    assert next_note(placed, fourth.start or 0, wrap=True) == first
    assert previous_note(placed, second.start or 0) == first
    assert previous_note(placed, first.start or 0) is None
    assert previous_note(placed, 0, wrap=True) == fourth
    inside = (third.start or 0) + 3
    assert notes_at(placed, inside) == [third]
    assert notes_at(placed, third.end or 0) == []


def test_a_changed_brief_reanchors_and_rebase_records_it(notebook: Notebook) -> None:
    kept = add(notebook, "Exports recovered faster than expected")
    gone = add(notebook, "several vessels were struck in port")
    edited = "## Summary\n\nA new opening paragraph.\n\n" + GRAIN.body.replace(
        "and several vessels were struck in port", "and ports were attacked"
    )
    placed = {p.note.id: p for p in notebook.place(GRAIN.id, edited)}
    assert placed[kept.id].method == "context" and placed[kept.id].current == kept.quote
    assert placed[gone.id].status == "orphaned" and placed[gone.id].reason
    assert notebook.rebase(GRAIN.id, edited) == 1
    placed = {p.note.id: p for p in notebook.place(GRAIN.id, edited)}
    assert placed[kept.id].method == "position"
    assert notebook.note(gone.id) == gone  # orphaned notes keep their quote and offsets


def test_the_library_groups_notes_and_marks_a_removed_brief(
    notebook: Notebook, corpus: Path
) -> None:
    add(notebook, "Odesa")
    georgia = read_brief(corpus / "georgia-protests.md")
    notebook.add(georgia.id, georgia.body, 0, 20)
    (corpus / "georgia-protests.md").unlink()
    groups = place_library(notebook.notes, corpus)
    assert [g.brief for g in groups] == [GRAIN.id, georgia.id]
    assert groups[0].title == GRAIN.title and not groups[0].missing
    assert groups[1].missing and groups[1].orphaned and not groups[1].anchored


def test_a_corrupt_file_is_set_aside_and_the_notebook_starts_empty(tmp_path: Path) -> None:
    state = tmp_path / "state"
    state.mkdir()
    (state / NOTES_FILE).write_text('{"format": "briefs-notes", "version": 1, "notes": [', "utf-8")
    notebook = Notebook(state)
    assert notebook.notes == []
    assert notebook.warning and "\n" not in notebook.warning
    assert "kept as notes.json.corrupt-" in notebook.warning
    (aside,) = state.glob("notes.json.corrupt-*")
    assert aside.read_text("utf-8").endswith('"notes": [')
    add(notebook, "Odesa")
    assert len(Notebook(state).notes) == 1


def test_a_file_from_a_newer_briefs_is_read_but_not_changed(tmp_path: Path) -> None:
    state = tmp_path / "state"
    old = Notebook(state)
    note = add(old, "Odesa")
    raw = json.loads((state / NOTES_FILE).read_text("utf-8"))
    raw["version"] = 2
    (state / NOTES_FILE).write_text(json.dumps(raw), "utf-8")
    newer = Notebook(state)
    assert newer.notes == [note]
    with pytest.raises(NotesError, match="newer briefs"):
        add(newer, "Romania")
    assert json.loads((state / NOTES_FILE).read_text("utf-8")) == raw
