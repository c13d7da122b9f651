"""`briefs notes`: notes on passages of briefs, from the command line.

    briefs notes [list] [ID] [--label L] [--json]    every note (of one brief), placed now
    briefs notes search WORDS... [--label L] [--brief ID] [--json]
    briefs notes add ID --quote TEXT [--occurrence N] [--label L] [--text NOTE]
    briefs notes edit NOTE_ID [--text NOTE] [--label L | --unlabel]
    briefs notes delete NOTE_ID
    briefs notes labels [add NAME COLOUR | rename OLD NEW | colour NAME COLOUR | delete NAME
                         [--to LABEL | --unlabel]]
    briefs notes export [--format md|json] [-o FILE]

One parser with the action as its first word: `briefs notes ID` lists a brief's notes, so the
actions cannot be argparse sub-commands. Exit codes: 0 done; 1 an unknown brief, note or label,
a quote not found or found several times, notes locked or not saved; 2 a usage error.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tui.cli import add_common_options, add_json_option

if TYPE_CHECKING:
    from tui.cli import Context
    from tui.core.notes import Notebook, PlacedNote

ACTIONS = ("list", "search", "add", "edit", "delete", "labels", "export")
LABEL_ACTIONS = ("add", "rename", "colour", "color", "delete")
# Which options each action takes (the rest are refused, not silently ignored).
OPTIONS: dict[str, set[str]] = {
    "list": {"label"},
    "search": {"label", "brief"},
    "add": {"quote", "occurrence", "label", "text"},
    "edit": {"text", "label", "unlabel"},
    "delete": set(),
    "labels": {"to", "unlabel"},
    "export": {"format", "output"},
}
_FLAGS = {
    "label": "--label",
    "brief": "--brief",
    "quote": "--quote",
    "occurrence": "--occurrence",
    "text": "--text",
    "unlabel": "--unlabel",
    "to": "--to",
    "format": "--format",
    "output": "--output",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "notes",
        help="notes on passages: list, search, add, edit, delete, labels, export",
        usage="briefs notes [list] [ID] [--label L] [--json]\n"
        "       briefs notes search WORDS... [--label L] [--brief ID] [--json]\n"
        "       briefs notes add ID --quote TEXT [--occurrence N] [--label L] [--text NOTE]\n"
        "       briefs notes edit NOTE_ID [--text NOTE] [--label L | --unlabel]\n"
        "       briefs notes delete NOTE_ID\n"
        "       briefs notes labels [add NAME COLOUR | rename OLD NEW | colour NAME COLOUR |"
        " delete NAME [--to L | --unlabel]]\n"
        "       briefs notes export [--format md|json] [-o FILE]",
        description="Notes on passages of briefs, kept in your state folder ($BRIEFS_STATE). "
        "Each note quotes its passage with some text around it; when a brief is edited or "
        "re-imported, the note finds its passage again (exactly, by its context, or by a "
        "close match in close context) or is listed as orphaned with its quote, never moved "
        "to a look-alike passage. Labels have one of the 16 terminal colours.",
    )
    p.add_argument("words", nargs="*", metavar="ARG", help=argparse.SUPPRESS)
    p.add_argument("--label", metavar="L", help="only notes with this label; the label to give")
    p.add_argument("--brief", metavar="ID", help="search: only the notes of this brief")
    p.add_argument("--quote", metavar="TEXT", help="add: the passage, as it reads in the brief")
    p.add_argument(
        "--occurrence", type=int, metavar="N", help="add: which occurrence of the quote (1-based)"
    )
    p.add_argument("--text", metavar="NOTE", help="add, edit: the note's text")
    p.add_argument("--unlabel", action="store_true", help="edit, labels delete: no label")
    p.add_argument("--to", metavar="L", help="labels delete: give its notes this label")
    p.add_argument("--format", choices=("md", "json"), help="export: Markdown (default) or JSON")
    p.add_argument("-o", "--output", metavar="FILE", help="export: write to FILE")
    add_json_option(p)
    add_common_options(p)
    p.set_defaults(func=run_notes)


def run_notes(args: argparse.Namespace, ctx: Context) -> int:
    from tui.core.notes import Notebook, NotesError

    words: list[str] = list(args.words)
    action = words.pop(0) if words and words[0] in ACTIONS else "list"
    given = [name for name, flag in _FLAGS.items() if getattr(args, name) not in (None, False)]
    refused = [_FLAGS[name] for name in given if name not in OPTIONS[action]]
    if refused:
        return ctx.fail(f"`notes {action}` does not take {', '.join(refused)}", code=2)
    notebook = Notebook(ctx.paths.state)
    try:
        notebook.reload()
        _warn(ctx, notebook)
        code = _ACTIONS[action](args, words, ctx, notebook)
    except NotesError as exc:
        return ctx.fail(str(exc))
    except OSError as exc:
        return ctx.fail(f"cannot save the notes in {ctx.paths.state} ({exc.strerror or exc})")
    _warn(ctx, notebook)
    return code


def _warn(ctx: Context, notebook: Notebook) -> None:
    from rich.text import Text

    from tui.core.sanitize import one_line

    if notebook.warning:
        ctx.err.print(Text(f"briefs: {one_line(notebook.warning)}", style="yellow"), soft_wrap=True)
        notebook.warning = None


def _count(words: list[str], ctx: Context, action: str, least: int, most: int) -> int | None:
    if least <= len(words) <= most:
        return None
    want = str(least) if least == most else f"{least} to {most}"
    return ctx.fail(f"`notes {action}` takes {want} argument(s), not {len(words)}", code=2)


# --- reading ---


def run_list(args: argparse.Namespace, words: list[str], ctx: Context, notebook: Notebook) -> int:
    from tui.cli.notes_output import print_groups, print_listing
    from tui.core.notes import place_library, search_notes
    from tui.core.notes.labels import known_label

    if (bad := _count(words, ctx, "list", 0, 1)) is not None:
        return bad
    brief_id: str | None = None
    if words:
        brief_id = _brief_id(words[0], ctx, notebook)
        if brief_id is None:
            return 1
    if args.label:
        known_label(notebook.labels, args.label)
    notes = search_notes(notebook.notes, label=args.label, brief=brief_id)
    groups = place_library(notes, ctx.paths.corpus)
    if args.json:
        print_listing(groups, notebook, {"brief": brief_id, "label": args.label})
        return 0
    if not notes:
        what = f" on {brief_id}" if brief_id else ""
        what += f" labelled {args.label}" if args.label else ""
        _say(ctx, f"no notes{what}; add one with `briefs notes add ID --quote TEXT`")
        return 0
    print_groups(ctx, groups, notebook.labels)
    return 0


def run_search(args: argparse.Namespace, words: list[str], ctx: Context, notebook: Notebook) -> int:
    from tui.cli.notes_output import print_groups, print_listing
    from tui.core.notes import place_library
    from tui.core.notes.labels import known_label

    query = " ".join(words)
    if not query.strip():
        return ctx.fail("nothing to search for in the notes", code=2)
    brief_id = _brief_id(args.brief, ctx, notebook) if args.brief else None
    if args.brief and brief_id is None:
        return 1
    if args.label:
        known_label(notebook.labels, args.label)
    notes = notebook.search(query, label=args.label, brief=brief_id)
    groups = place_library(notes, ctx.paths.corpus)
    if args.json:
        print_listing(groups, notebook, {"query": query, "brief": brief_id, "label": args.label})
        return 0
    if not notes:
        _say(ctx, "no notes match")
        return 0
    print_groups(ctx, groups, notebook.labels)
    return 0


def _brief_id(wanted: str, ctx: Context, notebook: Notebook) -> str | None:
    """The id of the brief the user named (a unique prefix will do), or of a brief that has
    notes but is no longer in the corpus; None after telling the user."""
    from tui.core.brief import BriefNotFound, find_brief

    try:
        return find_brief(ctx.paths.corpus, wanted).id
    except BriefNotFound as exc:
        if notebook.notes_of(wanted.strip()):
            return wanted.strip()
        ctx.fail(str(exc))
        return None


# --- changes ---


def run_add(args: argparse.Namespace, words: list[str], ctx: Context, notebook: Notebook) -> int:
    from tui.core.brief import BriefNotFound, find_brief
    from tui.core.notes import AmbiguousQuote, place_notes

    if (bad := _count(words, ctx, "add", 1, 1)) is not None:
        return bad
    if not args.quote or not args.quote.strip():
        return ctx.fail("`notes add` needs --quote TEXT: the passage the note is on", code=2)
    try:
        brief = find_brief(ctx.paths.corpus, words[0])
    except BriefNotFound as exc:
        return ctx.fail(str(exc))
    try:
        note = notebook.add_quote(
            brief.id,
            brief.body,
            args.quote,
            occurrence=args.occurrence,
            label=args.label,
            text=args.text or "",
        )
    except AmbiguousQuote as exc:
        if args.occurrence is None:
            return ctx.fail(f"{exc}: say which with --occurrence N (1-{exc.occurrences})")
        raise
    (placed,) = place_notes([note], brief.body)
    return _done(ctx, notebook, placed, brief.title, f"added note {note.id} on {brief.id}")


def run_edit(args: argparse.Namespace, words: list[str], ctx: Context, notebook: Notebook) -> int:
    if (bad := _count(words, ctx, "edit", 1, 1)) is not None:
        return bad
    if args.text is None and args.label is None and not args.unlabel:
        return ctx.fail("`notes edit` needs --text, --label or --unlabel", code=2)
    if args.label is not None and args.unlabel:
        return ctx.fail("give --label or --unlabel, not both", code=2)
    note = notebook.edit(words[0], text=args.text, label=args.label, unlabel=args.unlabel)
    return _done(ctx, notebook, _placed(ctx, note), None, f"edited note {note.id}")


def run_delete(args: argparse.Namespace, words: list[str], ctx: Context, notebook: Notebook) -> int:
    if (bad := _count(words, ctx, "delete", 1, 1)) is not None:
        return bad
    note = notebook.delete(words[0])
    return _done(ctx, notebook, _placed(ctx, note), None, f"deleted note {note.id}")


def _placed(ctx: Context, note: Any) -> PlacedNote:
    from tui.core.notes import place_notes
    from tui.core.notes.placing import read_briefs

    brief = read_briefs(ctx.paths.corpus, [note.brief]).get(note.brief)
    (placed,) = place_notes([note], brief.body if brief else None)
    return placed


def _done(
    ctx: Context, notebook: Notebook, placed: PlacedNote, title: str | None, message: str
) -> int:
    from tui.cli import print_json
    from tui.core.notes.export import placed_json

    if ctx.json:
        print_json(placed_json(placed, notebook.labels, title))
        return 0
    where = f" ({placed.place.describe()})" if placed.place else " (orphaned)"
    _say(ctx, message + where, out=True)
    return 0


def run_labels(args: argparse.Namespace, words: list[str], ctx: Context, notebook: Notebook) -> int:
    from tui.cli.notes_output import print_labels

    if not words:
        if args.to or args.unlabel:
            return ctx.fail("--to and --unlabel are for `notes labels delete`", code=2)
        print_labels(ctx, notebook)
        return 0
    action, rest = words[0], words[1:]
    need = {"add": 2, "rename": 2, "colour": 2, "color": 2, "delete": 1}.get(action)
    if need is None:
        return ctx.fail(f"no labels action {action!r} (one of: {', '.join(LABEL_ACTIONS)})", 2)
    if (bad := _count(rest, ctx, f"labels {action}", need, need)) is not None:
        return bad
    if (args.to or args.unlabel) and action != "delete":
        return ctx.fail("--to and --unlabel are for `notes labels delete`", code=2)
    if action == "add":
        label = notebook.add_label(rest[0], rest[1])
        message = f"added label {label.name} ({label.colour})"
    elif action == "rename":
        label = notebook.rename_label(rest[0], rest[1])
        message = f"renamed label {rest[0]} to {label.name}"
    elif action in ("colour", "color"):
        label = notebook.recolour_label(rest[0], rest[1])
        message = f"label {label.name} is now {label.colour}"
    else:
        message = _delete_label(args, rest[0], ctx, notebook)
        if not message:
            return 1
    if ctx.json:
        print_labels(ctx, notebook)
    else:
        _say(ctx, message, out=True)
    return 0


def _delete_label(args: argparse.Namespace, name: str, ctx: Context, notebook: Notebook) -> str:
    from tui.core.notes.labels import known_label

    label = known_label(notebook.labels, name)
    used = notebook.label_counts().get(label.name, 0)
    if used and not args.to and not args.unlabel:
        ctx.fail(
            f"label {label.name} is on {used} note{'s' if used > 1 else ''}: give --to LABEL to "
            "move them, or --unlabel to leave them without a label"
        )
        return ""
    moved = notebook.delete_label(label.name, move_to=args.to)
    if not moved:
        return f"deleted label {label.name}"
    return f"deleted label {label.name}; {moved} note(s) now " + (
        f"labelled {args.to}" if args.to else "without a label"
    )


def run_export(args: argparse.Namespace, words: list[str], ctx: Context, notebook: Notebook) -> int:
    from pathlib import Path

    from tui.core.atomic import write_atomic
    from tui.core.notes import place_library
    from tui.core.notes.export import export_json, export_markdown
    from tui.core.sanitize import json_dumps

    if (bad := _count(words, ctx, "export", 0, 0)) is not None:
        return bad
    groups = place_library(notebook.notes, ctx.paths.corpus)
    if (args.format or "md") == "json" or (ctx.json and args.format is None):
        data = export_json(groups, notebook.labels, notebook.label_counts())
        text = json_dumps(data, indent=2) + "\n"
    else:
        text = export_markdown(groups)
    if not args.output:
        import sys

        sys.stdout.write(text)
        return 0
    target = Path(args.output).expanduser()
    try:
        write_atomic(target, text)
    except OSError as exc:
        return ctx.fail(f"cannot write {target} ({exc.strerror or exc})")
    count = sum(len(g.notes) for g in groups)
    _say(ctx, f"exported {count} note{'s' if count != 1 else ''} to {target}", out=True)
    return 0


def _say(ctx: Context, message: str, *, out: bool = False) -> None:
    from rich.text import Text

    from tui.core.sanitize import one_line

    if out:
        ctx.console.print(Text(one_line(message)), soft_wrap=True)
    else:
        ctx.err.print(Text(f"briefs: {one_line(message)}"), soft_wrap=True)


_ACTIONS = {
    "list": run_list,
    "search": run_search,
    "add": run_add,
    "edit": run_edit,
    "delete": run_delete,
    "labels": run_labels,
    "export": run_export,
}


def briefs_with_notes(ctx: Context, label: str | None) -> set[str] | int:
    """For `briefs search --with-notes / --label L`: the ids of the briefs having notes (with
    that label), or the exit code after telling the user (2: no such label)."""
    from rich.text import Text

    from tui.core.notes import Notebook, NotesError

    notebook = Notebook(ctx.paths.state)
    try:
        notebook.reload()
    except NotesError as exc:
        return ctx.fail(str(exc))
    _warn(ctx, notebook)
    found = notebook.label(label)
    if label and found is None:
        names = ", ".join(item.name for item in notebook.labels) or "none yet"
        return ctx.fail(f"no label {label!r} (labels: {names})", code=2)
    ids = notebook.briefs_with_notes(label)
    if not ids and not ctx.json:
        what = f" labelled {found.name}" if found else ""
        ctx.err.print(Text(f"briefs: no brief has notes{what}", style="yellow"), soft_wrap=True)
    return ids
