"""`briefs compare A B`: open the compare screen, or export the comparison as Markdown or JSON."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tui.cli import add_common_options, add_json_option

if TYPE_CHECKING:
    from tui.cli import Context
    from tui.core.brief import Brief
    from tui.core.compare import Comparison


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare",
        help="compare two briefs side by side",
        description="Compare two briefs: shared and unique entities, what each says about them, "
        "aligned passages, distinctive terms and where their figures and dates disagree. Without "
        "--format, opens the app on the compare screen; with --format md or json (or --json), "
        "writes the comparison to stdout or to --output; --flags lists the disagreement flags; "
        "--label KEY=LABEL labels one (kept in the state folder, shown in every export).",
    )
    p.add_argument("a", metavar="A", help="a brief id, or a unique prefix of one")
    p.add_argument("b", metavar="B", help="the other brief id, or a unique prefix of one")
    p.add_argument("--format", choices=("md", "json"), help="export instead of opening the app")
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write the export to FILE (replaced atomically) instead of stdout",
    )
    p.add_argument(
        "--top", type=int, default=15, metavar="N", help="distinctive terms each way (default 15)"
    )
    p.add_argument(
        "--flags",
        action="store_true",
        help="list the disagreement flags (key, verdict, values, label) instead of opening the app",
    )
    p.add_argument(
        "--label",
        action="append",
        default=[],
        metavar="KEY=LABEL",
        help="label a flag: real-conflict, different-estimate, different-period, not-comparable, "
        "or none to clear (repeatable; KEY as --flags or the export shows it)",
    )
    add_json_option(p)
    add_common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    fmt: str | None = "json" if args.json else args.format
    if args.json and args.format == "md":
        return ctx.fail("--json and --format md disagree: give one")
    if fmt is None and args.output:
        fmt = "json" if str(args.output).lower().endswith(".json") else "md"
    if args.top < 1:
        return ctx.fail("--top must be at least 1")
    from tui.core.brief import BriefError, find_brief

    corpus = ctx.paths.corpus
    try:
        a = find_brief(corpus, args.a)
        b = find_brief(corpus, args.b)
    except (LookupError, BriefError) as exc:
        return ctx.fail(str(exc))
    if a.id == b.id:
        return ctx.fail(f"A and B are the same brief ({a.id}): give two different briefs")
    wanted: list[tuple[str, str | None]] = []
    from tui.core.flag_labels import LabelError, parse_label

    for item in args.label:
        key, sep, label = item.partition("=")
        if not sep or not key.strip():
            return ctx.fail(f"--label takes KEY=LABEL, not {item!r}")
        try:
            wanted.append((key.strip(), parse_label(label)))
        except LabelError as exc:
            return ctx.fail(str(exc))
    if fmt is None and not wanted and not args.flags:
        from tui.cli import open_app

        return open_app(ctx, compare=(a.id, b.id))
    return export(ctx, a, b, fmt, args.output, args.top, wanted, args.flags)


def export(
    ctx: Context,
    a: Brief,
    b: Brief,
    fmt: str | None,
    output: str | None,
    top: int,
    wanted: list[tuple[str, str | None]] | None = None,
    list_flags: bool = False,
) -> int:
    from pathlib import Path

    from tui.core.atomic import write_atomic
    from tui.core.compare import compare, load_mentions
    from tui.core.compare_export import to_json, to_markdown
    from tui.core.entities import load_aliases
    from tui.core.entities.aliases import AliasError
    from tui.core.flag_labels import LABEL_NAMES, FlagLabels
    from tui.core.notes import NotesError

    try:
        aliases = load_aliases(ctx.paths.corpus)
    except AliasError as exc:
        return ctx.fail(str(exc))
    mentions_a, mentions_b = load_mentions([a, b], ctx.paths.index, aliases)
    comparison = compare(a, b, mentions_a, mentions_b, top=top, aliases=aliases)
    store = FlagLabels(ctx.paths.state)
    keys = {flag.key for flag in comparison.disagreements.flags}
    for key, _label in wanted or []:
        if key not in keys:
            known = ", ".join(sorted(keys)) or "none"
            return ctx.fail(f"no flag {key} between {a.id} and {b.id} (flags: {known})")
    try:
        for key, label in wanted or []:
            store.set(a.id, b.id, key, label)
    except NotesError as exc:
        return ctx.fail(f"cannot save the label: {exc}")
    except OSError as exc:
        where = store.notebook.store.path
        return ctx.fail(f"cannot save the label in {where}: {exc.strerror or exc}")
    if store.warning:
        ctx.err.print(f"briefs: {store.warning}", markup=False, highlight=False)
    labels = store.labels_for(a.id, b.id)
    if fmt is None:
        text = "".join(
            f"{key}: {LABEL_NAMES[label] if label else 'label cleared'}\n"
            for key, label in wanted or []
        )
        if list_flags:
            text += flags_text(comparison, labels)
    elif fmt == "json":
        text = to_json(comparison, labels)
    else:
        text = to_markdown(comparison, labels)
    if output:
        try:
            write_atomic(Path(output), text)
        except OSError as exc:
            return ctx.fail(f"cannot write {output}: {exc.strerror or exc}")
        return 0
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0


def flags_text(comparison: Comparison, labels: dict[str, str]) -> str:
    """One block per flag, plain text (brief text made one inert line)."""
    from tui.core.compare.flags_export import VERDICTS
    from tui.core.flag_labels import LABEL_NAMES
    from tui.core.markdown import inert

    found = comparison.disagreements
    lines = [
        f"{len(found.conflicts)} conflicting, {len(found.consistent)} consistent, "
        f"{len(found.agreements)} agreeing figures or dates"
    ]
    for flag in found.flags:
        label = labels.get(flag.key)
        lines += [
            "",
            f"{flag.key}  {VERDICTS[flag.verdict]}: {inert(flag.about)}"
            f"  [label: {LABEL_NAMES.get(label, label) if label else 'none'}]",
            f"  A: {inert(flag.a.value)} ({flag.a.shown}): {inert(flag.a.sentence.text)}",
            f"  B: {inert(flag.b.value)} ({flag.b.shown}): {inert(flag.b.sentence.text)}",
        ]
    return "\n".join(lines) + "\n"
