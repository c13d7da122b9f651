"""`briefs index` and `briefs search`: keeping the full-text index up to date and querying it.

Exit codes of `briefs search`: 0 answered (even with no hits, or with a note about the query);
2 the query was unusable (nothing searchable in it, or a problem with it and nothing found, or a
bad --from/--to); 1 no index and none could be built (no corpus folder, or another process is
writing it). On a terminal hits are bold and underlined (underline survives NO_COLOR); piped
output is plain text with no marks at all, for `grep` and friends; `--json` is for scripts.
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import TYPE_CHECKING, Any

from tui.cli import add_common_options, add_json_option

if TYPE_CHECKING:
    from rich.text import Text

    from tui.cli import Context
    from tui.core.index import IndexReport
    from tui.core.search import Searcher, SearchHit, SearchResult

HIT_STYLE = "bold underline"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "index",
        help="bring the search index up to date with the corpus",
        description="Update the full-text index: only added, changed and deleted briefs are "
        "touched. A missing, damaged or outdated index is rebuilt, and the reason is printed. "
        "Briefs that cannot be read are listed and left out.",
    )
    p.add_argument("--rebuild", action="store_true", help="start the index over from scratch")
    add_json_option(p)
    add_common_options(p)
    p.set_defaults(func=run_index)

    p = sub.add_parser(
        "search",
        help="search the briefs",
        description="Search the briefs. Plain words find briefs with any of them, those with "
        'more of them first. Also: AND, OR, NOT, "a phrase", prefix*, fuzzy~, and fields: '
        "title:, author:, source:, entity:, date: (date:2023-05, date:[2023-01 to 2023-06], "
        "date:>=2024). The index is built first if there is none.",
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="what to look for")
    p.add_argument(
        "--limit", type=_positive, default=10, metavar="N", help="show N hits (default 10)"
    )
    p.add_argument("--source", metavar="S", help="only briefs from this source (exact name)")
    p.add_argument(
        "--from",
        dest="date_from",
        metavar="DATE",
        help="published on or after DATE (YYYY[-MM[-DD]])",
    )
    p.add_argument(
        "--to", dest="date_to", metavar="DATE", help="published on or before DATE (YYYY[-MM[-DD]])"
    )
    p.add_argument("--entity", metavar="E", help="only briefs mentioning this entity id")
    p.add_argument("--with-notes", action="store_true", help="only briefs you have notes on")
    p.add_argument("--label", metavar="L", help="only briefs with notes labelled L")
    add_json_option(p)
    add_common_options(p)
    p.set_defaults(func=run_search)


def _positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return number


# --- index ---


def run_index(args: argparse.Namespace, ctx: Context) -> int:
    from tui.core.index import IndexLocked

    if not ctx.paths.corpus.is_dir():
        return ctx.fail(f"no briefs folder at {ctx.paths.corpus}")
    try:
        report = _update(ctx, rebuild=args.rebuild)
    except IndexLocked as exc:
        return ctx.fail(str(exc))
    except OSError as exc:
        return ctx.fail(f"cannot write the index at {ctx.paths.index} ({exc.strerror or exc})")
    if args.json:
        _print_json(_report_json(report, ctx))
        return 0
    _print_report(report, ctx)
    return 0


def _update(ctx: Context, *, rebuild: bool = False) -> IndexReport:
    from tui.core.entities import default_annotator
    from tui.core.index import update_index

    if not ctx.err.is_terminal:
        return update_index(
            ctx.paths.corpus, ctx.paths.index, rebuild=rebuild, annotate=default_annotator()
        )
    from rich.progress import Progress

    with Progress(console=ctx.err, transient=True) as bar:
        task = bar.add_task("indexing", total=None)

        def progress(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        return update_index(
            ctx.paths.corpus,
            ctx.paths.index,
            rebuild=rebuild,
            annotate=default_annotator(),
            progress=progress,
        )


def _report_json(report: IndexReport, ctx: Context) -> dict[str, Any]:
    return {
        "corpus": str(ctx.paths.corpus),
        "index": str(ctx.paths.index),
        "added": report.added,
        "updated": report.updated,
        "deleted": report.deleted,
        "rebuilt": report.rebuilt,
        "errors": report.errors,
        "total": report.total,
    }


def _print_report(report: IndexReport, ctx: Context) -> None:
    from rich.text import Text

    from tui.core.sanitize import one_line

    if report.rebuilt:
        ctx.console.print(Text(f"rebuilt: {one_line(report.rebuilt)}"), soft_wrap=True)
    if report.changed:
        counts = (
            f"{len(report.added)} added, {len(report.updated)} updated, "
            f"{len(report.deleted)} deleted"
        )
        ctx.console.print(Text(f"index: {report.total} briefs ({counts})"), soft_wrap=True)
        for label, ids in (("added", report.added), ("updated", report.updated)):
            for brief_id in ids:
                ctx.console.print(Text(f"  {label}: {one_line(brief_id)}"), soft_wrap=True)
        for brief_id in report.deleted:
            ctx.console.print(Text(f"  deleted: {one_line(brief_id)}"), soft_wrap=True)
    else:
        ctx.console.print(Text(f"index: up to date, {report.total} briefs"), soft_wrap=True)
    for error in report.errors:
        ctx.err.print(Text(f"briefs: left out {one_line(error)}", style="yellow"), soft_wrap=True)


# --- search ---


def _date(value: str | None, *, end: bool) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD; a year or month means its first (or, for --to, last) day."""
    if value is None:
        return None
    parts = value.strip().split("-")
    try:
        numbers = [int(p) for p in parts]
        if len(numbers) == 1:
            return dt.date(numbers[0], 12, 31) if end else dt.date(numbers[0], 1, 1)
        if len(numbers) == 2:
            first = dt.date(numbers[0], numbers[1], 1)
            if not end:
                return first
            following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
            return following - dt.timedelta(days=1)
        if len(numbers) == 3:
            return dt.date(numbers[0], numbers[1], numbers[2])
    except ValueError:
        pass
    raise ValueError(value)


def _open(ctx: Context) -> Searcher | int:
    """A searcher on the index, building the index first when there is none (or it is damaged)."""
    from rich.text import Text

    from tui.core.index import IndexLocked, IndexUnavailable
    from tui.core.search import Searcher

    try:
        return Searcher(ctx.paths.index)
    except IndexUnavailable as exc:
        problem = str(exc)
    if not ctx.paths.corpus.is_dir():
        return ctx.fail(f"no index ({problem}) and no briefs folder at {ctx.paths.corpus}")
    if not ctx.json:
        ctx.err.print(Text(f"briefs: building the index: {problem}", style="yellow"))
    try:
        _update(ctx)
        return Searcher(ctx.paths.index)
    except IndexLocked as exc:
        return ctx.fail(str(exc))
    except (IndexUnavailable, OSError) as exc:
        return ctx.fail(f"cannot build the index at {ctx.paths.index} ({exc})")


def run_search(args: argparse.Namespace, ctx: Context) -> int:
    text = " ".join(args.query)
    if not text.strip():
        return ctx.fail("nothing to search for", code=2)
    try:
        date_from = _date(args.date_from, end=False)
        date_to = _date(args.date_to, end=True)
    except ValueError as exc:
        return ctx.fail(f"not a date: {exc} (use YYYY, YYYY-MM or YYYY-MM-DD)", code=2)
    ids: set[str] | None = None
    if args.with_notes or args.label:
        from tui.cli.notes import briefs_with_notes

        noted = briefs_with_notes(ctx, args.label)
        if isinstance(noted, int):
            return noted
        ids = noted
    searcher = _open(ctx)
    if isinstance(searcher, int):
        return searcher
    with searcher:
        result = searcher.search(
            text,
            limit=args.limit,
            source=args.source,
            date_from=date_from,
            date_to=date_to,
            entity=args.entity,
            ids=ids,
        )
    unusable = result.error is not None and result.total == 0
    if args.json:
        _print_json(result_json(result))
    else:
        _print_result(result, ctx)
    return 2 if unusable else 0


def result_json(result: SearchResult) -> dict[str, Any]:
    """The documented JSON of a search (README: `briefs search --json`)."""
    return {
        "query": result.query,
        "total": result.total,
        "error": result.error,
        "suggestion": result.suggestion,
        "facets": result.facets,
        "elapsed_ms": round(result.elapsed_ms, 2),
        "hits": [_hit_json(hit) for hit in result.hits],
    }


def _hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "id": hit.id,
        "title": hit.title,
        "source": hit.source,
        "author": hit.author,
        "published": hit.published.isoformat() if hit.published else None,
        "score": round(hit.score, 4),
        "snippets": [
            {"text": s.text, "start": s.start, "highlights": [list(h) for h in s.highlights]}
            for s in hit.snippets
        ],
        "spans": [list(span) for span in hit.spans],
    }


def _print_json(data: object) -> None:
    from tui.cli import print_json

    print_json(data)


def snippet_text(hit: SearchHit) -> Text:
    """The hit's snippets as one Text, hits styled by offset (brief text is never markup)."""
    from rich.text import Text

    from tui.core.sanitize import neutralise

    out = Text()
    for snippet in hit.snippets:
        # neutralise keeps the length, so the highlight offsets still fit.
        piece = Text(neutralise(snippet.text))
        for start, end in snippet.highlights:
            piece.stylize(HIT_STYLE, start, end)
        out.append("…" if snippet.start > 0 else "")
        out.append_text(piece)
        out.append("… ")
    out.rstrip()
    return out


def _print_result(result: SearchResult, ctx: Context) -> None:
    from rich.text import Text

    from tui.core.sanitize import one_line

    console = ctx.console
    if result.error:
        ctx.err.print(Text(f"briefs: {one_line(result.error)}", style="yellow"), soft_wrap=True)
    for number, hit in enumerate(result.hits, start=1):
        title = Text(f"{number}. ")
        title.append(one_line(hit.title), style="bold")
        console.print(title, soft_wrap=True)
        meta = [one_line(hit.source), hit.published.isoformat() if hit.published else "", hit.id]
        console.print(Text("   " + " · ".join(m for m in meta if m), style="dim"), soft_wrap=True)
        snippet = snippet_text(hit)
        if snippet.plain:
            # Piped: one line per snippet, whatever the width, for grep and friends.
            console.print(Text("   ").append_text(snippet), soft_wrap=not console.is_terminal)
    shown = len(result.hits)
    if result.total:
        console.print(Text(f"{shown} of {result.total} briefs", style="dim"))
    elif not result.error:
        console.print(Text("no briefs match"))
    if result.suggestion:
        console.print(Text(f"did you mean: {one_line(result.suggestion)}"), soft_wrap=True)
