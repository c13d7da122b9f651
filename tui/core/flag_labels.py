"""The analyst's labels on disagreement flags: `flag-labels.json` in the user's state folder.

A label says what a flag is: a real conflict, a different estimate, a different period, or not
comparable. Labels are kept per pair of briefs (the pair in either order) and per flag key (a
hash of the flag's sentences and values, tui.core.compare.disagree.flag_key), so a label stays
with its flag when the comparison is computed again or the briefs are edited elsewhere.

The interface is get / set / labels_for by (a_id, b_id, key): the store can move beside the notes
without its callers changing. Writes are atomic; a file that cannot be read is renamed aside
(`flag-labels.json.corrupt`) with a one-line warning, and labelling starts afresh.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.atomic import write_atomic

LABELS_FILE = "flag-labels.json"
LABELS_VERSION = 1
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


def pair_key(a_id: str, b_id: str) -> str:
    """The pair in either order: labels made comparing A with B show comparing B with A."""
    first, second = sorted((a_id, b_id))
    return f"{first}|{second}"


@dataclass
class FlagLabels:
    """Labels of disagreement flags in `folder` (the user's state folder), read on first use."""

    folder: Path
    warning: str | None = None  # set when the file was unreadable and set aside
    _pairs: dict[str, dict[str, str]] | None = None
    _extra: dict[str, Any] | None = None

    @property
    def path(self) -> Path:
        return self.folder / LABELS_FILE

    def get(self, a_id: str, b_id: str, key: str) -> str | None:
        return self._load().get(pair_key(a_id, b_id), {}).get(key)

    def labels_for(self, a_id: str, b_id: str) -> dict[str, str]:
        """Every label of the pair: flag key -> label."""
        return dict(self._load().get(pair_key(a_id, b_id), {}))

    def set(self, a_id: str, b_id: str, key: str, label: str | None) -> None:
        """Label a flag (None clears it) and write the file; raises LabelError for an unknown
        label, OSError when the file cannot be written."""
        if label is not None and label not in LABELS:
            raise LabelError(f"unknown label {label!r}")
        pairs = self._load()
        pair = pairs.setdefault(pair_key(a_id, b_id), {})
        if label is None:
            pair.pop(key, None)
            if not pair:
                del pairs[pair_key(a_id, b_id)]
        else:
            pair[key] = label
        data: dict[str, Any] = dict(self._extra or {})
        data.update({"version": LABELS_VERSION, "pairs": pairs})
        write_atomic(self.path, json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True))

    def _load(self) -> dict[str, dict[str, str]]:
        if self._pairs is not None:
            return self._pairs
        self._pairs, self._extra = {}, {}
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return self._pairs
        except (OSError, UnicodeDecodeError) as exc:
            self._set_aside(f"unreadable ({exc.__class__.__name__})")
            return self._pairs
        try:
            self._pairs, self._extra = _parse(text)
        except (ValueError, TypeError, RecursionError) as exc:
            self._set_aside(f"corrupt ({str(exc).splitlines()[0][:80] if str(exc) else 'nested'})")
        return self._pairs

    def _set_aside(self, why: str) -> None:
        target = self.path.with_name(f"{LABELS_FILE}.corrupt")
        number = 1
        while target.exists():
            number += 1
            target = self.path.with_name(f"{LABELS_FILE}.corrupt-{number}")
        try:
            self.path.replace(target)
        except OSError:
            self.warning = f"flag labels file {why}; starting afresh (it could not be moved)"
            return
        self.warning = f"flag labels file {why}; kept as {target.name}, starting afresh"


def _parse(text: str) -> tuple[dict[str, dict[str, str]], dict[str, Any]]:
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    raw = data.get("pairs", {})
    if not isinstance(raw, dict):
        raise ValueError("pairs is not a mapping")
    pairs: dict[str, dict[str, str]] = {}
    for pair, flags in raw.items():
        if not isinstance(flags, dict):
            raise ValueError(f"labels of {str(pair)[:40]} are not a mapping")
        kept = {str(k): v for k, v in flags.items() if isinstance(v, str) and v in LABELS}
        if kept:
            pairs[str(pair)] = kept
    extra = {k: v for k, v in data.items() if k not in ("version", "pairs")}
    return pairs, extra
