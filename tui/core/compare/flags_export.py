"""Disagreement flags in the exports: the JSON `disagreements` list and the Markdown section
"Where they disagree" (both sentences, the values in bold, every piece of brief text escaped)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.core.compare.model import Disagreement, Disagreements, FactSide

VERDICTS = {
    "conflict": "conflict",
    "a_more_precise": "consistent, A more precise",
    "b_more_precise": "consistent, B more precise",
}


def flags_data(found: Disagreements, labels: Mapping[str, str] | None = None) -> dict[str, Any]:
    """What the JSON export carries: every flag, and the counts behind them."""
    labels = labels or {}
    return {
        "disagreements": [_flag(flag, labels.get(flag.key)) for flag in found.flags],
        "facts": {
            "a": found.facts_a,
            "b": found.facts_b,
            "agreements": len(found.agreements),
            "conflicts": len(found.conflicts),
            "consistent": len(found.consistent),
        },
    }


def _flag(flag: Disagreement, label: str | None) -> dict[str, Any]:
    return {
        "key": flag.key,
        "kind": flag.kind,
        "about": flag.about,
        "verdict": flag.verdict,
        "label": label,
        "a": _side(flag.a),
        "b": _side(flag.b),
    }


def _side(side: FactSide) -> dict[str, Any]:
    return {
        "value": side.value,
        "normalised": side.shown,
        "start": side.start,
        "end": side.end,
        "sentence": {
            "start": side.sentence.start,
            "end": side.sentence.end,
            "text": side.sentence.text,
        },
    }


def flags_markdown(found: Disagreements, labels: Mapping[str, str] | None = None) -> list[str]:
    """The "Where they disagree" section, as lines."""
    from tui.core.flag_labels import LABEL_NAMES

    labels = labels or {}
    out = [
        "## Where they disagree",
        "",
        f"{len(found.conflicts)} conflicting and {len(found.consistent)} consistent "
        f"(one side more precise) figures or dates; {len(found.agreements)} agree "
        f"({found.facts_a} facts in A, {found.facts_b} in B). Offsets index each body.",
        "",
    ]
    if not found.flags:
        out += ["No figure or date differs between the two.", ""]
    for n, flag in enumerate(found.flags, 1):
        label = labels.get(flag.key)
        out += [
            f"### {n}. {_escape(flag.about)}: {VERDICTS[flag.verdict]}",
            "",
            f"- **A** ({flag.a.start}-{flag.a.end}): {_sentence(flag.a)}",
            f"- **B** ({flag.b.start}-{flag.b.end}): {_sentence(flag.b)}",
            f"- Values: A {_escape(flag.a.shown)}; B {_escape(flag.b.shown)}",
            f"- Label: {LABEL_NAMES.get(label, label) if label else 'none'} (key `{flag.key}`)",
            "",
        ]
    return out


def _escape(text: str) -> str:
    from tui.core.markdown import md_escape

    return md_escape(text)


def _sentence(side: FactSide) -> str:
    """The sentence with its value in bold; the pieces escaped one by one, spaces kept."""
    text = side.sentence.text
    lo, hi = side.span_in_sentence
    before, value, after = text[:lo], text[lo:hi], text[hi:]
    return f"{_piece(before)}**{_escape(value)}**{_piece(after)}"


def _piece(text: str) -> str:
    escaped = _escape(text)
    if not escaped:
        return ""
    lead = " " if text[:1].isspace() else ""
    trail = " " if text[-1:].isspace() else ""
    return lead + escaped + trail
