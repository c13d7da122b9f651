"""`briefs entities`: the entities of the corpus or of one brief, and the analyst's alias edits."""

from __future__ import annotations

import argparse
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.cli import add_common_options, add_json_option

if TYPE_CHECKING:
    from tui.cli import Context
    from tui.core.brief import Brief
    from tui.core.entities.model import Entity, Mention

# Control characters (escape sequences included) never reach the output, piped or not.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
ACTIONS = ("merge", "ignore", "rename", "retype", "split")

USAGE = """
  briefs entities [--json]                      entities of the corpus, with counts per brief
  briefs entities ID [--json]                   the entities of one brief, with their spans
  briefs entities merge A B... [--into NAME]    A, B... are one entity (named NAME, or A)
  briefs entities ignore NAME...                never an entity
  briefs entities rename ID NAME                show entity ID as NAME
  briefs entities retype ID TYPE                PERSON ORG GPE LOC FAC EVENT DATE
  briefs entities split NAME [--into NAME2]     NAME stands alone instead of rolling up
"""


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "entities",
        help="list entities; merge, ignore, rename or retype them",
        description="Named entities of the briefs (people, organisations, countries and places, "
        "events, dates), normalised to one canonical entity each. Edits are written to "
        "aliases.toml in the corpus folder and re-index only the briefs that name the entities "
        "concerned. A name is an entity id (lower case with hyphens, as listed) or a name as "
        "written in the briefs.",
        usage=USAGE,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("words", nargs="*", metavar="ARG", help=argparse.SUPPRESS)
    p.add_argument("--into", metavar="NAME", help="merge/split: the name of the entity made")
    p.add_argument("--type", metavar="TYPE", help="list only this type; split: the new type")
    p.add_argument("--limit", type=int, default=0, metavar="N", help="list at most N entities")
    add_json_option(p)
    add_common_options(p)
    p.set_defaults(func=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    from tui.core.entities.aliases import AliasError
    from tui.core.index import IndexLocked

    words: list[str] = list(args.words)
    try:
        if not words:
            return _list(args, ctx)
        if words[0] in ACTIONS:
            return _edit(words[0], words[1:], args, ctx)
        if len(words) > 1:
            return ctx.fail(f"unknown entities command {words[0]!r} (see briefs entities --help)")
        return _one_brief(words[0], args, ctx)
    except AliasError as exc:
        return ctx.fail(str(exc))
    except IndexLocked as exc:
        return ctx.fail(str(exc))


# --- reading ----------------------------------------------------------------------------------


@dataclass
class _Row:
    id: str
    name: str
    type: str
    mentions: int
    briefs: dict[str, int]


def _entity_type(value: str | None, ctx: Context) -> Any:
    from tui.core.entities.model import EntityType

    if value is None:
        return None
    try:
        return EntityType(value.upper())
    except ValueError:
        names = " ".join(t.value for t in EntityType)
        ctx.fail(f"unknown type {value!r} (one of {names})")
        return False


def _indexed_mentions(ctx: Context) -> dict[str, tuple[list[Mention], dict[str, str]]] | None:
    """Brief id -> (mentions, display names), from the index brought up to date; None when the
    index cannot be used (the caller then extracts from the briefs)."""
    from tui.core.entities import annotate
    from tui.core.entities.model import mentions_from_json, names_from_json
    from tui.core.index import IndexLocked, IndexUnavailable, open_index, update_index

    try:
        update_index(ctx.paths.corpus, ctx.paths.index, annotate=annotate)
        ix = open_index(ctx.paths.index)
    except (IndexLocked, IndexUnavailable, OSError):
        return None
    out: dict[str, tuple[list[Mention], dict[str, str]]] = {}
    with ix.searcher() as searcher:
        for fields in searcher.all_stored_fields():
            raw = fields.get("mentions")
            out[str(fields.get("id"))] = (mentions_from_json(raw), names_from_json(raw))
    return out


def _extracted_mentions(ctx: Context) -> dict[str, tuple[list[Mention], dict[str, str]]]:
    from tui.core.brief import load_corpus
    from tui.core.entities import entities_of, extract, load_aliases

    aliases = load_aliases(ctx.paths.corpus)
    out: dict[str, tuple[list[Mention], dict[str, str]]] = {}
    for brief in load_corpus(ctx.paths.corpus).briefs:
        mentions = extract(brief, aliases)
        out[brief.id] = (mentions, {e.id: e.name for e in entities_of(mentions, aliases)})
    return out


def _list(args: argparse.Namespace, ctx: Context) -> int:
    from tui.core.entities import load_aliases

    wanted = _entity_type(args.type, ctx)
    if wanted is False:
        return 1
    load_aliases(ctx.paths.corpus)  # a broken alias file is reported before anything else
    per_brief = _indexed_mentions(ctx)
    if per_brief is None:
        per_brief = _extracted_mentions(ctx)
    rows: dict[str, _Row] = {}
    for brief_id, (mentions, names) in sorted(per_brief.items()):
        counts = Counter(m.entity_id for m in mentions)
        types = {m.entity_id: m.type.value for m in mentions}
        for entity_id, count in counts.items():
            if wanted is not None and types[entity_id] != wanted.value:
                continue
            row = rows.get(entity_id)
            if row is None:
                name = names.get(entity_id) or _first_text(mentions, entity_id)
                row = rows[entity_id] = _Row(entity_id, name, types[entity_id], 0, {})
            row.mentions += count
            row.briefs[brief_id] = count
    ordered = sorted(rows.values(), key=lambda r: (-len(r.briefs), -r.mentions, r.id))
    if args.limit > 0:
        ordered = ordered[: args.limit]
    if args.json:
        payload = [
            {"id": r.id, "name": r.name, "type": r.type, "mentions": r.mentions, "briefs": r.briefs}
            for r in ordered
        ]
        _print_json({"briefs": len(per_brief), "entities": payload})
        return 0
    _print_table(
        ctx,
        ["entity", "id", "type", "mentions", "briefs", "per brief"],
        [
            [
                r.name,
                r.id,
                r.type,
                str(r.mentions),
                str(len(r.briefs)),
                ", ".join(f"{b}: {n}" for b, n in sorted(r.briefs.items())),
            ]
            for r in ordered
        ],
    )
    return 0


def _first_text(mentions: list[Mention], entity_id: str) -> str:
    return next((m.text for m in mentions if m.entity_id == entity_id), entity_id)


def _find_brief(key: str, ctx: Context) -> Brief | None:
    from tui.core.brief import BriefNotFound, find_brief

    try:
        return find_brief(ctx.paths.corpus, key)
    except BriefNotFound as exc:
        ctx.fail(str(exc))
        return None


def _one_brief(key: str, args: argparse.Namespace, ctx: Context) -> int:
    from tui.core.entities import entities_of, extract, load_aliases

    aliases = load_aliases(ctx.paths.corpus)
    brief = _find_brief(key, ctx)
    if brief is None:
        return 1
    wanted = _entity_type(args.type, ctx)
    if wanted is False:
        return 1
    entities = [
        e
        for e in entities_of(extract(brief, aliases), aliases)
        if wanted is None or e.type is wanted
    ]
    if args.json:
        payload = {
            "brief": brief.id,
            "title": brief.title,
            "entities": [_entity_json(e) for e in entities],
        }
        _print_json(payload)
        return 0
    _print_table(
        ctx,
        ["entity", "id", "type", "mentions", "as written"],
        [
            [
                e.name,
                e.id,
                e.type.value,
                str(e.count),
                ", ".join(sorted({m.text for m in e.mentions})),
            ]
            for e in entities
        ],
    )
    return 0


def _entity_json(entity: Entity) -> dict[str, Any]:
    return {
        "id": entity.id,
        "name": entity.name,
        "type": entity.type.value,
        "count": entity.count,
        "spans": [[m.start, m.end] for m in entity.mentions],
        "surfaces": sorted({m.text for m in entity.mentions}),
    }


def _print_json(data: object) -> None:
    from tui.cli import print_json

    print_json(data, indent=None)


def _print_table(ctx: Context, headers: list[str], rows: list[list[str]]) -> None:
    """A rich table on a terminal, tab-separated lines when piped (brief text stays plain)."""
    from rich.table import Table
    from rich.text import Text

    if not ctx.console.is_terminal:
        for row in rows:
            print("\t".join(_CONTROL.sub(" ", cell) for cell in row))
        return
    table = Table(box=None, header_style="bold")
    for header in headers:
        table.add_column(header, overflow="fold")
    for row in rows:
        table.add_row(*(Text(cell) for cell in row))
    ctx.console.print(table)


# --- editing ----------------------------------------------------------------------------------


def _edit(action: str, words: list[str], args: argparse.Namespace, ctx: Context) -> int:
    from tui.core.entities.aliases import load_aliases, save_aliases

    corpus = ctx.paths.corpus
    if not corpus.is_dir():
        return ctx.fail(f"no corpus folder at {corpus}")
    book = load_aliases(corpus)
    if action == "merge":
        if len(words) < (1 if args.into else 2):
            return ctx.fail("merge needs two names, or one name and --into NAME")
        into = args.into or words[0]
        members = words if args.into else words[1:]
        new = book.with_merge(into, members)
        involved = [into, *members]
        what = f"merged {', '.join(members)} into {into}"
    elif action == "ignore":
        if not words:
            return ctx.fail("ignore needs a name")
        new = book
        for word in words:
            new = new.with_ignore(word)
        involved = list(words)
        what = f"ignoring {', '.join(words)}"
    elif action == "rename":
        if len(words) != 2:
            return ctx.fail("rename needs an entity id and a name: rename ID NAME")
        new = book.with_rename(words[0], words[1])
        involved = list(words)
        what = f"{words[0]} is now shown as {words[1]}"
    elif action == "retype":
        if len(words) != 2:
            return ctx.fail("retype needs an entity id and a type: retype ID TYPE")
        type_ = _entity_type(words[1], ctx)
        if type_ is False:
            return 1
        new = book.with_retype(words[0], type_)
        involved = [words[0]]
        what = f"{words[0]} is now a {type_.value}"
    else:  # split
        if len(words) != 1:
            return ctx.fail("split needs one name as written in the briefs: split NAME")
        type_ = _entity_type(args.type, ctx)
        if type_ is False:
            return 1
        new = book.with_split(words[0], args.into or words[0], type_)
        involved = [words[0], args.into or words[0]]
        what = f"{words[0]} now stands on its own"
    path = save_aliases(new, corpus)
    reindexed = _reindex(ctx, _concerned(ctx, involved))
    if args.json:
        payload = {"aliases": str(path), "change": what, "reindexed": reindexed}
        _print_json(payload)
        return 0
    from rich.text import Text

    ctx.console.print(Text(f"{what}; wrote {path}"))
    count = len(reindexed)
    ctx.console.print(Text(f"re-indexed {count} brief{'s' if count != 1 else ''}"))
    return 0


def _concerned(ctx: Context, names: list[str]) -> list[str]:
    from tui.core.brief import load_corpus
    from tui.core.entities.concerned import concerned_briefs

    return concerned_briefs(load_corpus(ctx.paths.corpus).briefs, names)


def _reindex(ctx: Context, brief_ids: list[str]) -> list[str]:
    from tui.core.entities import annotate
    from tui.core.index import reindex

    if not brief_ids or not Path(ctx.paths.index).exists():
        return []
    report = reindex(ctx.paths.corpus, ctx.paths.index, brief_ids, annotate=annotate)
    return sorted(set(report.updated) | set(report.added))
