"""Notes as Markdown (for people: grouped by brief, orphaned notes apart) and as JSON data.

Brief text and note text are untrusted: in Markdown every character that could start a heading,
a list, a link, emphasis, code, a table or HTML is escaped, line by line, so a quote reads as
written in any CommonMark viewer; control characters and escape sequences never get through.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from tui.core.markdown import escape_block
from tui.core.markdown import md_escape as escape_line
from tui.core.notes.model import BriefNotes, Label, PlacedNote
from tui.core.sanitize import one_line

EXPORT_FORMAT = "briefs-notes-export"
EXPORT_VERSION = 1


def _place(placed: PlacedNote) -> str:
    if placed.place is None:
        return f"was at characters {placed.note.target.start}-{placed.note.target.end}"
    return f"{placed.place.describe()} (characters {placed.start}-{placed.end})"


def _note_markdown(placed: PlacedNote, lines: list[str], *, brief: str | None = None) -> None:
    note = placed.note
    head = [escape_line(one_line(note.label)) if note.label else "note"]
    if brief is not None:
        head.insert(0, brief)
    head.append(_place(placed))
    lines.append(f"### {' · '.join(head)}")
    lines.append("")
    quote = placed.current if placed.current is not None else note.target.quote
    lines.extend(f"> {line}" if line else ">" for line in escape_block(quote))
    lines.append("")
    if placed.method == "fuzzy" and placed.current != note.target.quote:
        lines.append("*The passage has changed since the note was taken; it read:*")
        lines.append("")
        lines.extend(f"> {line}" if line else ">" for line in escape_block(note.target.quote))
        lines.append("")
    text = escape_block(note.text)
    if text:
        lines.extend(text)
        lines.append("")
    lines.append(f"*note {escape_line(note.id)} · {escape_line(note.updated)}*")
    lines.append("")


def export_markdown(groups: Sequence[BriefNotes]) -> str:
    """The notes as one Markdown document: a section per brief (title, source, date, id), each
    note's quote as a block quote with its label, place and text; then the orphaned notes."""
    anchored = sum(len(g.anchored) for g in groups)
    orphaned = sum(len(g.orphaned) for g in groups)
    lines = ["# Notes", ""]
    briefs = sum(1 for g in groups if g.notes)
    summary = f"{anchored + orphaned} notes on {briefs} brief{'s' if briefs != 1 else ''}"
    if orphaned:
        summary += f", {orphaned} of them orphaned (their passage is gone)"
    lines += [escape_line(summary) + ".", ""]
    for group in groups:
        if not group.anchored:
            continue
        lines += [f"## {escape_line(one_line(group.title))}", ""]
        meta = [escape_line(one_line(m)) for m in (group.source, group.published) if m]
        lines += [" · ".join([*meta, f"`{_code(group.brief)}`"]), ""]
        for placed in group.anchored:
            _note_markdown(placed, lines)
    if orphaned:
        lines += ["## Orphaned notes", ""]
        lines += [
            "Their passage is no longer in the brief (it was edited or re-imported, or the brief "
            "was removed); each keeps the quote it was taken on.",
            "",
        ]
        for group in groups:
            title = escape_line(one_line(group.title))
            if group.missing:
                title += " (not in the corpus)"
            for placed in group.orphaned:
                _note_markdown(placed, lines, brief=title)
    return "\n".join(lines).rstrip("\n") + "\n"


def _code(text: str) -> str:
    """Text for an inline code span: ids are slugs, but a hand-written one may hold a backtick."""
    return one_line(text).replace("`", "'")


def placed_json(placed: PlacedNote, labels: Sequence[Label], title: str | None) -> dict[str, Any]:
    """The documented JSON of one note (README: `briefs notes --json`)."""
    note = placed.note
    label = next((item for item in labels if item.name == note.label), None)
    return {
        "id": note.id,
        "brief": note.brief,
        "title": title,
        "label": note.label,
        "colour": label.colour if label else None,
        "text": note.text,
        "quote": note.target.quote,
        "status": placed.status,
        "method": placed.method,
        "reason": placed.reason,
        "start": placed.start,
        "end": placed.end,
        "line": placed.place.line if placed.place else None,
        "paragraph": placed.place.paragraph if placed.place else None,
        "current": placed.current,
        "created": note.created,
        "updated": note.updated,
    }


def labels_json(labels: Sequence[Label], counts: dict[str, int]) -> list[dict[str, Any]]:
    return [{"name": x.name, "colour": x.colour, "notes": counts.get(x.name, 0)} for x in labels]


def export_json(
    groups: Sequence[BriefNotes], labels: Sequence[Label], counts: dict[str, int]
) -> dict[str, Any]:
    """Every note grouped by brief, with the labels: `briefs notes export --format json`."""
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "labels": labels_json(labels, counts),
        "briefs": [
            {
                "id": group.brief,
                "title": group.title,
                "source": group.source,
                "published": group.published,
                "missing": group.missing,
                "notes": [placed_json(p, labels, group.title) for p in group.notes],
            }
            for group in groups
        ],
    }
