"""`briefs compare A B`: open the compare screen, or export the comparison as Markdown or JSON."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from tui.cli import add_common_options, add_json_option

if TYPE_CHECKING:
    from tui.cli import Context
    from tui.core.brief import Brief


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "compare",
        help="compare two briefs side by side",
        description="Compare two briefs: shared and unique entities, what each says about them, "
        "aligned passages and distinctive terms. Without --format, opens the app on the compare "
        "screen; with --format md or json (or --json), writes the comparison to stdout or to "
        "--output.",
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
    if fmt is None:
        from tui.cli import open_app

        return open_app(ctx, compare=(a.id, b.id))
    return export(ctx, a, b, fmt, args.output, args.top)


def export(ctx: Context, a: Brief, b: Brief, fmt: str, output: str | None, top: int) -> int:
    from pathlib import Path

    from tui.core.atomic import write_atomic
    from tui.core.compare import compare, load_mentions
    from tui.core.compare_export import to_json, to_markdown
    from tui.core.entities import load_aliases
    from tui.core.entities.aliases import AliasError

    try:
        aliases = load_aliases(ctx.paths.corpus)
    except AliasError as exc:
        return ctx.fail(str(exc))
    mentions_a, mentions_b = load_mentions([a, b], ctx.paths.index, aliases)
    comparison = compare(a, b, mentions_a, mentions_b, top=top, aliases=aliases)
    text = to_json(comparison) if fmt == "json" else to_markdown(comparison)
    if output:
        try:
            write_atomic(Path(output), text)
        except OSError as exc:
            return ctx.fail(f"cannot write {output}: {exc.strerror or exc}")
        return 0
    sys.stdout.write(text)
    sys.stdout.flush()
    return 0
