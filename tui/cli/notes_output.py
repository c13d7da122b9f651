"""How `briefs notes` prints notes and labels: grouped and coloured on a terminal, one
tab-separated line per note when piped (for grep and cut). Brief and note text are untrusted:
they are printed as plain `Text`, made single-line or stripped of control characters first."""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from tui.cli import Context
    from tui.core.notes import BriefNotes, Label, Notebook, PlacedNote

QUOTE_SHOWN = 300  # characters of a quote on a terminal; piped output has them all


def _label_style(labels: Sequence[Label], name: str | None) -> str:
    label = next((item for item in labels if item.name == name), None)
    # Bold survives NO_COLOR, so the label still stands out without its colour.
    return f"bold {label.colour}" if label else "bold"


def _where(placed: PlacedNote) -> str:
    if placed.place is None:
        return f"orphaned: {placed.reason}"
    where = f"{placed.place.describe()}, characters {placed.start}-{placed.end}"
    return where + (" (changed since)" if placed.method == "fuzzy" else "")


def print_groups(ctx: Context, groups: Sequence[BriefNotes], labels: Sequence[Label]) -> None:
    if not ctx.console.is_terminal:
        _print_plain(groups)
        return
    from rich.padding import Padding
    from rich.text import Text

    from tui.core.sanitize import one_line, strip

    console = ctx.console
    for number, group in enumerate(groups):
        if number:
            console.print()
        console.print(Text(one_line(group.title), style="bold"), soft_wrap=True)
        count = f"{len(group.notes)} note{'s' if len(group.notes) != 1 else ''}"
        gone = " · not in the corpus" if group.missing else ""
        console.print(Text(f"{one_line(group.brief)} · {count}{gone}", style="dim"))
        for placed in group.notes:
            note = placed.note
            head = Text("  ")
            head.append(note.id, style="dim")
            head.append("  ")
            head.append(
                one_line(note.label) or "(no label)", style=_label_style(labels, note.label)
            )
            head.append("  ")
            head.append(_where(placed), style="yellow" if not placed.anchored else "")
            console.print(head, soft_wrap=True)
            quote = one_line(placed.current or note.quote)
            if len(quote) > QUOTE_SHOWN:
                quote = quote[:QUOTE_SHOWN].rstrip() + "…"
            console.print(Padding(Text(f"“{quote}”", style="italic"), (0, 0, 0, 4), expand=False))
            if note.text:
                console.print(Padding(Text(strip(note.text)), (0, 0, 0, 4), expand=False))


def _print_plain(groups: Sequence[BriefNotes]) -> None:
    from tui.core.sanitize import one_line

    for group in groups:
        for placed in group.notes:
            note = placed.note
            fields = [
                note.id,
                group.brief,
                note.label or "",
                placed.status,
                str(placed.place.line) if placed.place else "",
                str(placed.place.paragraph) if placed.place else "",
                str(placed.start) if placed.start is not None else "",
                str(placed.end) if placed.end is not None else "",
                note.quote,
                note.text,
            ]
            sys.stdout.write("\t".join(one_line(f) for f in fields) + "\n")


def print_listing(groups: list[BriefNotes], notebook: Notebook, head: dict[str, Any]) -> None:
    """`briefs notes --json` and `briefs notes search --json` (README: the JSON table)."""
    from tui.cli import print_json
    from tui.core.notes.export import labels_json, placed_json

    notes = [placed_json(p, notebook.labels, g.title) for g in groups for p in g.notes]
    print_json(
        {**head, "notes": notes, "labels": labels_json(notebook.labels, notebook.label_counts())}
    )


def print_labels(ctx: Context, notebook: Notebook) -> None:
    from rich.text import Text

    from tui.core.notes.export import labels_json
    from tui.core.sanitize import one_line

    counts = notebook.label_counts()
    if ctx.json:
        from tui.cli import print_json

        print_json({"labels": labels_json(notebook.labels, counts)})
        return
    if not notebook.labels:
        ctx.err.print(
            Text("briefs: no labels; add one with `briefs notes labels add NAME COLOUR`"),
            soft_wrap=True,
        )
        return
    width = max(len(label.name) for label in notebook.labels)
    for label in notebook.labels:
        if not ctx.console.is_terminal:
            sys.stdout.write(f"{one_line(label.name)}\t{label.colour}\t{counts[label.name]}\n")
            continue
        line = Text(one_line(label.name).ljust(width), style=_label_style([label], label.name))
        used = counts[label.name]
        line.append(f"  {label.colour:<14}  {used} note{'s' if used != 1 else ''}")
        ctx.console.print(line)
