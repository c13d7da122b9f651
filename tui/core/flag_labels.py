"""The analyst's labels on disagreement flags, kept beside the notes (tui.core.notes: the same
file, lock and atomic writes, and the same handling of a corrupt file).

A label says what a flag is: a real conflict, a different estimate, a different period, or not
comparable. Labels are kept per pair of briefs (the pair in either order) and per flag key (a
hash of the flag's sentences and values, tui.core.compare.disagree.flag_key), so a label stays
with its flag when the comparison is computed again or the briefs are edited elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from tui.core.notes import Notebook

# The labels, as stored; the CLI also accepts them with spaces or hyphens.
LABELS = ("real_conflict", "different_estimate", "different_period", "not_comparable")
LABEL_NAMES = {label: label.replace("_", " ") for label in LABELS}
_CLEAR = frozenset({"none", "clear", "unset", ""})


class LabelError(ValueError):
    """A label the store does not know; the message is one line for the user."""


def parse_label(text: str) -> str | None:
    """ "real conflict", "real-conflict" -> "real_conflict"; "none" / "clear" -> None."""
    word = "_".join(text.strip().lower().replace("-", " ").split())
    if word in _CLEAR:
        return None
    if word not in LABELS:
        raise LabelError(
            f"unknown label {text!r}: use one of {', '.join(n.replace('_', '-') for n in LABELS)}"
            " (or none to clear)"
        )
    return word


def pair_key(a_id: str, b_id: str) -> tuple[str, str]:
    """The pair in either order: labels made comparing A with B show comparing B with A."""
    first, second = sorted((a_id, b_id))
    return first, second


@dataclass
class FlagLabels:
    """Labels of disagreement flags, in the notes store of `folder` (the user's state folder)."""

    folder: Path
    _notebook: Notebook | None = field(default=None, repr=False)

    @property
    def notebook(self) -> Notebook:
        if self._notebook is None:
            self._notebook = Notebook(self.folder)
        return self._notebook

    @property
    def warning(self) -> str | None:
        """One line when the notes file was unreadable and set aside (from the last read)."""
        return self.notebook.warning

    def get(self, a_id: str, b_id: str, key: str) -> str | None:
        label = self.notebook.flag_label(*pair_key(a_id, b_id), key)
        return label if label in LABELS else None

    def labels_for(self, a_id: str, b_id: str) -> dict[str, str]:
        """Every label of the pair: flag key -> label."""
        labels = self.notebook.flag_labels(*pair_key(a_id, b_id))
        return {key: label for key, label in labels.items() if label in LABELS}

    def set(self, a_id: str, b_id: str, key: str, label: str | None) -> None:
        """Label a flag (None clears it) and write the store; raises LabelError for an unknown
        label, NotesError or OSError when the store cannot be written."""
        if label is not None and label not in LABELS:
            raise LabelError(f"unknown label {label!r}")
        self.notebook.set_flag_label(*pair_key(a_id, b_id), key, label)


__all__ = ["LABELS", "LABEL_NAMES", "FlagLabels", "LabelError", "pair_key", "parse_label"]
