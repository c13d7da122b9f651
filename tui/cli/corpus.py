"""`briefs add`, `list` and `show`: putting briefs into the corpus and reading them back."""

from __future__ import annotations

import argparse
import contextlib
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.cli import add_common_options, add_json_option

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from tui.cli import Context
    from tui.core.brief import Brief
    from tui.core.ingest import AddReport

STATUS_STYLES = {
    "added": "green",
    "updated": "cyan",
    "skipped": "yellow",
    "failed": "bold red",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "add",
        help="import .txt, .md, .html, .pdf or .docx files (or folders of them) into the corpus",
        description="Import captured web pages, notes, PDF and Word files into the corpus as "
        "clean briefs: page furniture (cookie banners, share and print links, appeals, related "
        "posts, menus), running headers and page numbers are removed, and the title, author, "
        "date and publisher are lifted into the front matter. A scanned (image-only), encrypted "
        "or damaged PDF or Word file is skipped with its reason. Folders are "
        "read recursively (hidden files skipped). Duplicates are skipped; a newer capture of the "
        "same page (same url, or same file name and title) updates its brief. A missing or "
        "unreadable path stops everything before any brief is written.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a capture file or a folder of them")
    p.add_argument(
        "--no-index", action="store_true", help="do not update the search index afterwards"
    )
    add_json_option(p)
    add_common_options(p)
    p.set_defaults(func=run_add)

    p = sub.add_parser(
        "list",
        help="list the briefs of the corpus",
        description="List the briefs of the corpus: id, title, source, publication date and "
        "length in words. A table on a terminal; tab-separated lines when piped.",
    )
    add_json_option(p)
    add_common_options(p)
    p.set_defaults(func=run_list)

    p = sub.add_parser(
        "show",
        help="print one brief",
        description="Print one brief: its title, metadata and text (rendered on a terminal, "
        "plain Markdown when piped).",
    )
    p.add_argument("id", metavar="ID", help="a brief id, or a unique prefix of one")
    add_json_option(p)
    add_common_options(p)
    p.set_defaults(func=run_show)


# --- add -----------------------------------------------------------------------------------


def run_add(args: argparse.Namespace, ctx: Context) -> int:
    from tui.core.ingest import IngestError, add_paths

    with _progress(ctx) as progress:
        try:
            report = add_paths([Path(p) for p in args.paths], ctx.paths.corpus, progress=progress)
        except IngestError as exc:
            return ctx.fail(f"{exc} (nothing was added)")
    index: dict[str, Any] | None = None
    if report.changed_ids and not args.no_index:
        index = _update_index(ctx)
    if args.json:
        _print_json(_add_json(report, ctx, index))
    else:
        _print_add(report, ctx, index)
    return 0 if report.ok else 1


@contextlib.contextmanager
def _progress(ctx: Context) -> Iterator[Callable[[str, int, int], None] | None]:
    """A transient progress bar on a terminal's stderr for batches that take a moment."""
    if not ctx.err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    bar = Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        console=ctx.err,
        transient=True,
    )
    tasks: dict[str, Any] = {}

    def update(step: str, done: int, total: int) -> None:
        if total < 20:  # a few files are done before a bar would be read
            return
        if step not in tasks:
            tasks[step] = bar.add_task(step, total=total)
        bar.update(tasks[step], completed=done)

    with bar:
        yield update


def _update_index(ctx: Context) -> dict[str, Any]:
    from tui.core.entities import default_annotator
    from tui.core.index import IndexLocked, update_index

    try:
        done = update_index(ctx.paths.corpus, ctx.paths.index, annotate=default_annotator())
    except IndexLocked as exc:
        return {"error": f"index not updated: {exc} (run `briefs index` later)"}
    except OSError as exc:
        return {"error": f"index not updated: {exc.strerror or exc} (run `briefs index` later)"}
    return {
        "added": done.added,
        "updated": done.updated,
        "deleted": done.deleted,
        "rebuilt": done.rebuilt,
        "errors": done.errors,
        "total": done.total,
    }


def _shown_path(path: Path) -> str:
    try:
        rel = path.resolve().relative_to(Path.cwd())
        text = str(rel) if not str(rel).startswith("..") else str(path)
    except (ValueError, OSError):
        text = str(path)
    return _clean(text)


def _add_json(report: AddReport, ctx: Context, index: dict[str, Any] | None) -> dict[str, Any]:
    return {
        "corpus": str(ctx.paths.corpus),
        "results": [
            {
                "path": str(r.path),
                "status": r.status,
                "id": r.brief_id,
                "title": r.title,
                "reason": r.reason,
            }
            for r in report.results
        ],
        "counts": report.counts(),
        "index": index,
    }


def _print_add(report: AddReport, ctx: Context, index: dict[str, Any] | None) -> None:
    from rich.text import Text

    out = ctx.console
    for r in report.results:
        line = Text()
        line.append(f"{r.status:<8}", style=STATUS_STYLES[r.status])
        line.append(" " + _shown_path(r.path))
        if r.brief_id and r.status in ("added", "updated"):
            line.append(" → ", style="dim")
            line.append(r.brief_id, style="bold")
        if r.reason:
            line.append(f"  ({r.reason})" if r.status in ("added", "updated") else f": {r.reason}")
        out.print(line, soft_wrap=True)
    counts = report.counts()
    summary = ", ".join(f"{n} {status}" for status, n in counts.items())
    if not report.results:
        summary = "nothing to add (no .txt, .md, .html, .pdf or .docx files found)"
    out.print(Text(summary, style="bold"), soft_wrap=True)
    if index is None:
        return
    if "error" in index:
        ctx.err.print(Text(f"briefs: {index['error']}", style="yellow"), soft_wrap=True)
        return
    note = f"index: {index['total']} briefs"
    if index["rebuilt"]:
        note += f" (rebuilt: {index['rebuilt']})"
    out.print(Text(note, style="dim"), soft_wrap=True)
    for error in index["errors"]:
        ctx.err.print(Text(f"briefs: index: {error}", style="yellow"), soft_wrap=True)


# --- list ----------------------------------------------------------------------------------


def run_list(args: argparse.Namespace, ctx: Context) -> int:
    from rich.text import Text

    from tui.core.brief import load_corpus

    corpus = ctx.paths.corpus
    loaded = load_corpus(corpus)
    briefs = sorted(loaded.briefs, key=lambda b: b.id)
    for error in loaded.errors:
        ctx.err.print(Text(f"briefs: skipped {_clean(error)}", style="yellow"), soft_wrap=True)
    if args.json:
        _print_json(
            {
                "corpus": str(corpus),
                "briefs": [_brief_json(b, body=False) for b in briefs],
                "errors": loaded.errors,
            }
        )
        return 0
    if not briefs:
        where = f"in {corpus}" if corpus.is_dir() else f"at {corpus} (no such folder)"
        ctx.err.print(
            Text(f"briefs: no briefs {where}; add some with `briefs add PATH`"), soft_wrap=True
        )
        return 0
    if not ctx.console.is_terminal:
        for b in briefs:
            fields = [b.id, b.title, b.source or "", _date(b), str(b.words)]
            sys.stdout.write("\t".join(_clean(f) for f in fields) + "\n")
        return 0
    ctx.console.print(_table(briefs, corpus, ctx.console.width))
    return 0


def _table(briefs: list[Brief], corpus: Path, width: int) -> RenderableType:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(
        box=box.SIMPLE_HEAD,
        caption=Text(f"{len(briefs)} briefs in {_clean(str(corpus))}"),
        caption_justify="left",
        expand=True,
    )
    # Ids are what people type next (`briefs show ID`): they get room first, the title the rest.
    words_w = max(5, *(len(f"{b.words:,}") for b in briefs))
    source_w = min(max([6, *(len(b.source or "") for b in briefs)]), max(8, width // 6))
    free = width - 10 - words_w - source_w - 2 * 5 - 2  # cell padding and edges
    id_w = min(max(len(b.id) for b in briefs), max(12, free - 24, int(free * 0.55)), 60)
    table.add_column("ID", style="bold", overflow="fold", width=id_w)
    table.add_column("Title", overflow="fold", min_width=12, ratio=1)
    table.add_column("Source", style="cyan", overflow="fold", width=source_w)
    table.add_column("Published", width=10, no_wrap=True)
    table.add_column("Words", justify="right", width=words_w, no_wrap=True)
    for b in briefs:
        table.add_row(
            Text(_clean(b.id)),
            Text(_clean(b.title)),
            Text(_clean(b.source or "")),
            Text(_date(b) or "—", style="" if b.published else "dim"),
            Text(f"{b.words:,}"),
        )
    return table


# --- show ----------------------------------------------------------------------------------


def run_show(args: argparse.Namespace, ctx: Context) -> int:
    from tui.core.brief import BriefNotFound, find_brief

    try:
        brief = find_brief(ctx.paths.corpus, args.id)
    except BriefNotFound as exc:
        return ctx.fail(_clean(str(exc)))
    if args.json:
        _print_json(_brief_json(brief, body=True))
        return 0
    if not ctx.console.is_terminal:
        sys.stdout.write(_plain(brief))
        return 0
    _render(brief, ctx.console)
    return 0


def _plain(brief: Brief) -> str:
    from tui.core.sanitize import strip

    lines = [_clean(brief.title)]
    byline = _byline(brief)
    if byline:
        lines.append(byline)
    if brief.url:
        lines.append(_clean(brief.url))
    return "\n".join(lines) + "\n\n" + strip(brief.body).strip() + "\n"


def _byline(brief: Brief) -> str:
    parts = [brief.source, brief.author, _date(brief), f"{brief.words:,} words"]
    return " · ".join(_clean(p) for p in parts if p)


def _render(brief: Brief, console: Console) -> None:
    from rich.padding import Padding
    from rich.rule import Rule
    from rich.text import Text

    width = min(console.width, 100)
    console.print(Text(_clean(brief.title), style="bold"), width=width)
    console.print(Text(_byline(brief), style="dim"), width=width)
    if brief.url:
        console.print(Text(_clean(brief.url), style="dim underline"), width=width, soft_wrap=True)
    console.print(Rule(style="dim"), width=width)
    console.print(Padding(safe_markdown(brief.body), (1, 0, 0, 0)), width=width)


def safe_markdown(body: str) -> RenderableType:
    """Brief text rendered as Markdown and nothing else.

    The text is scrubbed of escape sequences and controls, raw HTML is shown as typed rather
    than dropped or obeyed, and links are not turned into terminal hyperlinks. Rich console
    markup (`[bold]`) is never parsed from it: Markdown builds `Text` objects itself.
    """
    from markdown_it import MarkdownIt
    from rich.markdown import Markdown

    from tui.core.sanitize import strip

    text = strip(body)
    rendered = Markdown("", hyperlinks=False)
    rendered.markup = text
    parser = MarkdownIt("commonmark", {"html": False}).enable("strikethrough").enable("table")
    rendered.parsed = parser.parse(text)
    return rendered


# --- shared --------------------------------------------------------------------------------


def _clean(text: str) -> str:
    """One line of output from untrusted text (titles, ids, file names, messages)."""
    from tui.core.sanitize import one_line

    return one_line(text)


def _date(brief: Brief) -> str:
    return brief.published.isoformat() if brief.published else ""


def _brief_json(brief: Brief, *, body: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": brief.id,
        "title": brief.title,
        "source": brief.source,
        "author": brief.author,
        "published": _date(brief) or None,
        "url": brief.url,
        "ingested": brief.ingested.isoformat() if brief.ingested else None,
        "words": brief.words,
        "origin": brief.origin,
        "format": brief.format,
        "path": str(brief.path) if brief.path else None,
    }
    if body:
        data["sha256"] = brief.sha256 or None
        data["body"] = brief.body
    return data


def _print_json(data: object) -> None:
    from tui.cli import print_json

    print_json(data)
