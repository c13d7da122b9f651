"""The entity work the screens ask for, run in their workers: reading a brief's entities, and
saving an analyst's alias edit then re-indexing the briefs it concerns."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from tui.core import sanitize
from tui.core.entities.model import EntityType

if TYPE_CHECKING:
    from pathlib import Path

    from tui.core.brief import Brief
    from tui.core.entities.aliases import AliasBook
    from tui.core.entities.model import Entity, Mention
    from tui.core.search import Searcher

AliasAction = Literal["merge", "ignore", "rename"]


@dataclass(frozen=True)
class EntityReading:
    """What a worker found about one brief's entities."""

    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]
    warning: str | None = None  # e.g. a broken alias file: entities shown without it


@dataclass(frozen=True)
class AliasEdit:
    """The outcome of an alias edit: what changed (empty when nothing was saved), and a problem."""

    change: str
    problem: str | None = None


def load_alias_book(corpus: Path) -> tuple[AliasBook | None, str | None]:
    """The corpus's alias file, or None and the one-line reason it cannot be used."""
    from tui.core.entities import load_aliases
    from tui.core.entities.aliases import AliasError

    try:
        return load_aliases(corpus), None
    except AliasError as exc:
        return None, f"alias file ignored: {exc}"


def read_entities(brief: Brief, corpus: Path, index_dir: Path) -> EntityReading:
    """The brief's mentions from the index (extracted when missing or stale) and its entities."""
    from tui.core.compare import load_mentions
    from tui.core.entities import entities_of

    aliases, warning = load_alias_book(corpus)
    (mentions,) = load_mentions([brief], index_dir, aliases)
    entities = entities_of(mentions, aliases)
    return EntityReading(tuple(mentions), tuple(entities), warning)


def apply_alias(
    action: AliasAction, entity: Entity, value: str, corpus: Path
) -> tuple[str, list[str]]:
    """Write the edit to the alias file; returns what changed (one line) and the names involved."""
    from tui.core.entities import load_aliases
    from tui.core.entities.aliases import save_aliases

    book = load_aliases(corpus)  # raises AliasError: never overwrite a file we cannot read
    if action == "merge":
        new, involved = book.with_merge(value, [entity.id]), [value, entity.id]
        what = f"merged {entity.name} into {value}"
    elif action == "ignore":
        new, involved = book.with_ignore(value), [value]
        what = f"ignoring {value}"
    else:
        new, involved = book.with_rename(entity.id, value), [entity.id, value]
        what = f"{entity.name} is now shown as {value}"
    save_aliases(new, corpus)
    return what, involved


def save_alias(
    action: AliasAction, entity: Entity, value: str, corpus: Path, index_dir: Path
) -> AliasEdit:
    """Save the edit, then re-index the briefs that name the entities involved."""
    from tui.core.brief import load_corpus
    from tui.core.entities import annotate
    from tui.core.entities.aliases import AliasError
    from tui.core.entities.concerned import concerned_briefs
    from tui.core.index import IndexLocked, reindex

    try:
        change, involved = apply_alias(action, entity, value, corpus)
    except (AliasError, OSError) as exc:
        return AliasEdit("", f"aliases not saved: {sanitize.error_line(exc)}")
    problem = None
    if index_dir.exists():
        try:
            briefs = load_corpus(corpus).briefs
            reindex(corpus, index_dir, concerned_briefs(briefs, involved), annotate=annotate)
        except IndexLocked:
            problem = "the index is busy: it is brought up to date on the next start"
        except Exception as exc:
            problem = f"index not updated: {sanitize.error_line(exc)}"
    return AliasEdit(change, problem)


FACET_ENTITIES = 12  # entities offered to narrow a search by
_POSSESSIVE = ("'s", "’s", "'", "’")


def display_name(entity_id: str, forms: Counter[str]) -> str:
    """A name for an entity from the forms it is written in: the form its id was made from if
    there is one ("Armenia", not "Yerevan"), else the most frequent, else the id itself."""
    from tui.core.brief import slugify

    for form, _ in forms.most_common():
        if slugify(form) == entity_id:
            return form
        if slugify(f"the {form}") == entity_id:
            return f"the {form}"
    if forms:
        return forms.most_common(1)[0][0]
    return entity_id.replace("-", " ").title()


def entity_facet(
    searcher: Searcher, brief_ids: Sequence[str], limit: int = FACET_ENTITIES
) -> tuple[dict[str, int], dict[str, str]]:
    """The entities most of these briefs mention (dates left to the year facet): id -> number of
    briefs, and id -> display name. Reads the mentions stored in the index (thread side)."""
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    stored: dict[str, str] = {}  # the names given at indexing time (aliases applied)
    for mentions, entity_names in searcher.annotations(brief_ids).values():
        for entity_id, name in entity_names.items():
            stored.setdefault(entity_id, sanitize.one_line(name))
        seen: set[str] = set()
        for mention in mentions:
            if mention.type is EntityType.DATE:
                continue
            text = sanitize.one_line(mention.text)
            for ending in _POSSESSIVE:
                if text.endswith(ending) and len(text) > len(ending) + 1:
                    text = text[: -len(ending)]
                    break
            forms[mention.entity_id][text] += 1
            seen.add(mention.entity_id)
        counts.update(seen)
    names = {
        entity_id: stored.get(entity_id) or display_name(entity_id, forms[entity_id])
        for entity_id in counts
    }
    top = sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]].casefold()))[:limit]
    return dict(top), {entity_id: names[entity_id] for entity_id, _ in top}


__all__ = [
    "FACET_ENTITIES",
    "AliasAction",
    "AliasEdit",
    "EntityReading",
    "apply_alias",
    "display_name",
    "entity_facet",
    "load_alias_book",
    "read_entities",
    "save_alias",
]
