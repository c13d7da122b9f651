"""The notes commands: the notes screen, the keys of notes in the reader and compare, and the
visual mode that selects a passage to note (active while its bar has the focus)."""

from __future__ import annotations

from tui.commands.model import Command


def _on_notes(scope: str, where: str) -> tuple[Command, ...]:
    """The note keys of a screen that reads briefs (the reader, compare)."""
    return (
        Command(
            f"{scope}.select",
            "v",
            "select",
            "Select",
            f"Select a passage {where} to note it (visual mode: w ) }} extend, ⏎ note)",
        ),
        Command(
            f"{scope}.next_note",
            "greater_than_sign",
            "step_note(1)",
            "Notes",
            "Next note in the text",
            key_display=">/<",
        ),
        Command(
            f"{scope}.previous_note",
            "less_than_sign",
            "step_note(-1)",
            "Previous note",
            "Previous note in the text",
        ),
        Command(
            f"{scope}.edit_note",
            "enter",
            "edit_note",
            "Edit note",
            "Edit the note in view (its text and label): the one stepped to, else the first shown",
        ),
        Command(
            f"{scope}.delete_note",
            "D,shift+d,delete",
            "delete_note",
            "Delete note",
            "Delete the note in view (u undoes)",
        ),
        Command(
            f"{scope}.undo_note",
            "u",
            "undo_note",
            "Undo",
            "Undo the last note deleted or edited here",
        ),
    )


COMMANDS: tuple[Command, ...] = (
    # The notes keys of the reader and compare, then the orphaned notes of the brief read.
    *_on_notes("reader", "of the brief"),
    Command(
        "reader.brief_notes",
        "o",
        "brief_notes",
        "Its notes",
        "List this brief's notes, those whose passage is gone (orphaned) too",
    ),
    *_on_notes("compare", "of the brief being read"),
    # The visual mode (a bar under the text, with the focus while a passage is selected).
    Command(
        "visual.word",
        "w",
        "extend('word', 1)",
        "Word",
        "Extend the selection by a word (W: shrink it)",
        footer=True,
        key_display="w/W",
    ),
    Command(
        "visual.word_back",
        "W,shift+w",
        "extend('word', -1)",
        "Shrink word",
        "Shrink the selection by a word",
    ),
    Command(
        "visual.sentence",
        "right_parenthesis",
        "extend('sentence', 1)",
        "Sentence",
        "Extend the selection to the end of the sentence, or the next one",
        footer=True,
        key_display=")/(",
    ),
    Command(
        "visual.sentence_back",
        "left_parenthesis",
        "extend('sentence', -1)",
        "Shrink sentence",
        "Shrink the selection by a sentence",
    ),
    Command(
        "visual.paragraph",
        "right_curly_bracket",
        "extend('paragraph', 1)",
        "Paragraph",
        "Extend the selection to the end of the paragraph, or the next one",
        footer=True,
        key_display="}/{",
    ),
    Command(
        "visual.paragraph_back",
        "left_curly_bracket",
        "extend('paragraph', -1)",
        "Shrink paragraph",
        "Shrink the selection by a paragraph",
    ),
    Command(
        "visual.other_end",
        "o",
        "other_end",
        "Other end",
        "Move the other end of the selection (extend it backwards)",
        footer=True,
    ),
    Command(
        "visual.note",
        "enter",
        "done",
        "Note",
        "Write a note on the selected passage",
        footer=True,
        key_display="⏎",
    ),
    Command(
        "visual.cancel",
        "escape,v",
        "cancel",
        "Cancel",
        "Leave the visual mode without a note",
        footer=True,
        key_display="esc",
    ),
    # The notes screen.
    Command(
        "notes.open",
        "enter",
        "open_note",
        "Open",
        "Read the note's brief at its passage",
        footer=True,
        priority=True,
        key_display="⏎",
    ),
    Command(
        "notes.label",
        "ctrl+l",
        "cycle_label",
        "Label",
        "Show one label's notes (again: the next label, then every label)",
        footer=True,
    ),
    Command(
        "notes.brief",
        "ctrl+b",
        "toggle_brief",
        "Brief",
        "Show only the highlighted note's brief (again: every brief)",
        footer=True,
    ),
    Command(
        "notes.filter",
        "slash",
        "focus_filter",
        "Filter",
        "Filter the notes as you type: words of the note or of its quote",
        key_display="/",
    ),
    Command(
        "notes.list",
        "down",
        "focus_list",
        "List",
        "Move from the filter to the list",
        palette=False,
    ),
)
