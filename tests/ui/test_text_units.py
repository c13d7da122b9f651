"""The visual mode's units (words, sentences, paragraphs) and how a selection grows and shrinks by
them; the notes' margin letters over a laid-out body. Plain Python: no app."""

from __future__ import annotations

from tui.core.notes import Label, Note, PlacedNote, Target
from tui.widgets.note_marks import CONTINUED, NoteMarks, note_spans
from tui.widgets.text_units import (
    Selection,
    Units,
    move,
    paragraph_spans,
    sentence_spans,
    start_selection,
    word_spans,
)

BODY = (
    "## A heading here\n\n"
    "First sentence is here. Second one, e.g. this! “Quoted?” he asked.\n\n"
    "- item one\n- item two\n\n"
    "Last paragraph’s words."
)


def texts(spans: list[tuple[int, int]]) -> list[str]:
    return [BODY[s:e] for s, e in spans]


def shown(selection: Selection) -> str:
    return BODY[selection.start : selection.end]


def test_words_sentences_and_paragraphs() -> None:
    assert texts(word_spans(BODY))[:5] == ["A", "heading", "here", "First", "sentence"]
    assert "paragraph’s" in texts(word_spans(BODY))  # apostrophes inside a word
    assert texts(paragraph_spans(BODY)) == [
        "A heading here",  # the heading marks are not part of the passage
        "First sentence is here. Second one, e.g. this! “Quoted?” he asked.",
        "item one\n- item two",
        "Last paragraph’s words.",
    ]
    assert texts(sentence_spans(BODY))[1:4] == [
        "First sentence is here.",
        "Second one, e.g.",  # an abbreviation ends a sentence early: ) goes on
        "this!",
    ]


def test_a_selection_grows_and_shrinks_by_each_unit() -> None:
    units = Units(BODY)
    selection = start_selection(units, BODY.index("sentence is"))
    assert selection is not None and shown(selection) == "sentence"
    selection = move(units, selection, "word", 1)
    assert shown(selection) == "sentence is"
    selection = move(units, selection, "sentence", 1)
    assert shown(selection) == "sentence is here."
    selection = move(units, selection, "paragraph", 1)
    assert shown(selection).endswith("he asked.")
    selection = move(units, selection, "word", -1)
    assert shown(selection).endswith("he asked")
    # Shrinking never empties the selection: the first word stays.
    for _ in range(30):
        selection = move(units, selection, "word", -1)
    assert shown(selection) == "sentence"


def test_the_other_end_extends_backwards() -> None:
    units = Units(BODY)
    selection = start_selection(units, BODY.index("is here"))
    assert selection is not None
    selection = move(units, selection.swapped(), "word", 1)
    assert shown(selection) == "sentence is"
    selection = move(units, selection, "paragraph", 1)
    assert shown(selection) == "First sentence is"
    selection = move(units, selection, "word", -1)
    assert shown(selection) == "sentence is"
    for _ in range(5):
        selection = move(units, selection, "word", -1)
    assert shown(selection) == "is"
    assert selection.head == selection.start


def test_a_selection_starts_at_the_next_word_after_blank_space() -> None:
    units = Units(BODY)
    selection = start_selection(units, BODY.index("\n\nFirst"))
    assert selection is not None and shown(selection) == "First"
    assert start_selection(Units("   \n "), 0) is None


def placed(note_id: str, start: int, end: int, label: str | None) -> PlacedNote:
    target = Target(BODY[start:end], "", "", start, end, "")
    note = Note(note_id, "b", target, label, "", "2024-01-01", "2024-01-01")
    return PlacedNote(note, "anchored", start=start, end=end)


def test_margin_letters_first_line_then_a_bar_and_orphans_left_out() -> None:
    labels = [Label("claim", "yellow"), Label("contradiction", "red")]
    start = BODY.index("First")
    end = BODY.index("he asked.")
    orphan = PlacedNote(placed("x", 0, 1, "claim").note, "orphaned", reason="gone")
    spans = note_spans(
        [placed("n1", start, end, "contradiction"), placed("n2", 0, 5, None), orphan], labels
    )
    assert [(s.note_id, s.letter, s.style) for s in spans] == [
        ("n2", "•", "note--none"),
        ("n1", "O", "note--red"),
    ]
    marks = NoteMarks(spans)
    assert marks._glyph(start, start + 10) == ("O", spans[1])
    assert marks._glyph(start + 20, start + 30) == (CONTINUED, spans[1])
    assert marks._glyph(end + 20, end + 30) is None
