"""Extraction as the rest of briefs sees it: mentions of a brief, entities, index annotations."""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from tui.core.annotation import Annotation
from tui.core.entities.aliases import AliasBook, AliasError, load_aliases
from tui.core.entities.data import DATA_DIR, Hit, Kind, fold, key_tokens, load_gazetteer, slug
from tui.core.entities.finder import Overlay, find_spans
from tui.core.entities.gazetteer import PhraseTable, source_key
from tui.core.entities.model import Entity, EntityType, Mention, mentions_to_json

if TYPE_CHECKING:
    from tui.core.brief import Brief

_TYPE_ORDER = {t: n for n, t in enumerate(EntityType)}


@dataclass(frozen=True)
class _Compiled:
    overlay: Overlay | None
    id_map: dict[str, str]  # entity id -> merged-into id
    text_map: dict[str, str]  # surface as written (folded, no possessive) -> merged-into id
    ignore_ids: frozenset[str]
    ignore_texts: frozenset[str]
    retype: dict[str, EntityType]
    names: dict[str, str]  # id -> display name chosen by the analyst


def _is_id(name: str) -> bool:
    return name == slug(name) and bool(name)


def surface_key(text: str) -> str:
    """How a mention's text is compared with names in the alias file."""
    text = fold(text).strip()
    if text.endswith("'s"):
        text = text[:-2]
    elif text.endswith("s'"):
        text = text[:-1]
    return " ".join(text.split())


def _resolve(name: str) -> str:
    """The entity id a name in the alias file stands for."""
    if _is_id(name):
        return name
    found = load_gazetteer().lookup_name(name)
    return found or slug(name)


@cache
def _compile(book: AliasBook) -> _Compiled:
    gaz = load_gazetteer()
    table = PhraseTable()
    types: dict[str, EntityType] = {}
    id_map: dict[str, str] = {}
    text_map: dict[str, str] = {}
    names: dict[str, str] = {}
    retype = {_resolve(k): v for k, v in book.retype}

    def teach(surface: str, target: str) -> None:
        hit = Hit(target, Kind.CODE if surface.isupper() else Kind.NAME)
        table.add(key_tokens(surface), hit, override=True)

    for into, members in book.merge:
        target = _resolve(into)
        if not _is_id(into) and target not in gaz.entries:
            names[target] = into
        member_types = [gaz.entries[m].type for m in map(_resolve, members) if m in gaz.entries]
        if target in gaz.entries:
            types[target] = gaz.entries[target].type
        else:
            types[target] = retype.get(target) or (
                member_types[0] if member_types else EntityType.ORG
            )
        for member in members:
            member_id = _resolve(member)
            if member_id != target:
                id_map[member_id] = target
            if not _is_id(member):
                text_map[surface_key(member)] = target
                teach(member, target)
    for surface, split in book.split:
        target = slug(split.name)
        names[target] = split.name
        hit = _gazetteer_hit(surface)
        if split.type is not None:
            types[target] = split.type
        elif hit is not None and hit.kind in (Kind.CAPITAL, Kind.METONYM):
            types[target] = EntityType.GPE
        elif hit is not None:
            types[target] = gaz.entries[hit.entity_id].type
        else:
            types[target] = EntityType.GPE
        teach(surface, target)
        text_map[surface_key(surface)] = target
    for key, name in book.rename:
        names[_resolve(key)] = name
    ignore_ids = frozenset(_resolve(n) for n in book.ignore)
    ignore_texts = frozenset(surface_key(n) for n in book.ignore if not _is_id(n))
    for target in list(types):
        if target in retype:
            types[target] = retype[target]
    overlay = Overlay(table, types) if table.phrases else None
    return _Compiled(overlay, id_map, text_map, ignore_ids, ignore_texts, retype, names)


def _gazetteer_hit(surface: str) -> Hit | None:
    return load_gazetteer().table.get(surface)


def extract(brief: Brief, aliases: AliasBook | None = None) -> list[Mention]:
    """The mentions of a brief, sorted; `body[start:end] == text` for each."""
    year = brief.published.year if brief.published is not None else None
    return extract_text(brief.body, aliases, year=year)


def extract_text(
    body: str, aliases: AliasBook | None = None, *, year: int | None = None
) -> list[Mention]:
    """The mentions of a text; `year` is the year month-day dates without one take."""
    if aliases is None or aliases.empty:
        return find_spans(body, year=year)
    rules = _compile(aliases)
    out: list[Mention] = []
    for m in find_spans(body, rules.overlay, year):
        key = surface_key(m.text)
        target = rules.text_map.get(key) or rules.id_map.get(m.entity_id, m.entity_id)
        if {m.entity_id, target} & rules.ignore_ids or key in rules.ignore_texts:
            continue
        type_ = rules.retype.get(target, m.type)
        if target != m.entity_id or type_ is not m.type:
            if rules.overlay is not None and target in rules.overlay.types:
                type_ = rules.retype.get(target, rules.overlay.types[target])
            m = Mention(m.start, m.end, target, type_, m.text)
        out.append(m)
    return out


def display_name(entity_id: str, mentions: Sequence[Mention], aliases: AliasBook | None) -> str:
    """The analyst's name, else the gazetteer's, else the fullest way the brief writes it."""
    if aliases is not None and not aliases.empty:
        chosen = _compile(aliases).names.get(entity_id)
        if chosen:
            return chosen
    entry = load_gazetteer().entries.get(entity_id)
    if entry is not None:
        return entry.name
    if mentions and mentions[0].type is EntityType.DATE:
        return entity_id
    forms = Counter(" ".join(surface_key(m.text).replace("'", "’").split()) for m in mentions)
    if not forms:
        return entity_id
    # The longest form names a person in full ("Nikol Pashinyan", not "Pashinyan").
    return max(forms, key=lambda f: (len(f.split()), forms[f], f))


def entities_of(mentions: Sequence[Mention], aliases: AliasBook | None = None) -> list[Entity]:
    """Mentions grouped by canonical entity, most mentioned first."""
    groups: dict[str, list[Mention]] = {}
    for m in mentions:
        groups.setdefault(m.entity_id, []).append(m)
    entities = []
    for entity_id, ms in groups.items():
        type_ = Counter(m.type for m in ms).most_common(1)[0][0]
        ordered = tuple(sorted(ms))
        entities.append(
            Entity(entity_id, display_name(entity_id, ordered, aliases), type_, ordered)
        )
    entities.sort(key=lambda e: (-e.count, _TYPE_ORDER[e.type], e.name.casefold()))
    return entities


# --- the index's view ---


_CODE_FILES = tuple(sorted(p.name for p in Path(__file__).parent.glob("*.py")))


@cache
def annotator_version() -> str:
    """Changes whenever the extraction code or its data change (the index then re-annotates)."""
    digest = hashlib.sha256()
    here = Path(__file__).parent
    for name in _CODE_FILES:
        digest.update((here / name).read_bytes())
    for path in sorted(DATA_DIR.glob("*.txt")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(source_key().encode())  # the dataset packages' versions
    return f"entities-{digest.hexdigest()[:12]}"


_BOOKS: dict[Path, tuple[int, int, AliasBook]] = {}


def corpus_aliases(corpus: Path) -> AliasBook:
    """The corpus's alias book, re-read only when the file changed."""
    from tui.core.entities.aliases import alias_path

    path = alias_path(corpus)
    try:
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
    except OSError:
        stamp = (0, 0)
    cached = _BOOKS.get(path)
    if cached is not None and (cached[0], cached[1]) == stamp:
        return cached[2]
    book = load_aliases(corpus)
    _BOOKS[path] = (*stamp, book)
    return book


def annotate(brief: Brief, aliases: AliasBook | None = None) -> Annotation:
    """What the index stores for a brief: its entity ids and its mentions (with display names).

    Without `aliases`, the alias file of the brief's own corpus folder is used (a broken alias
    file raises AliasError: the index then keeps the brief without entities and says why).
    """
    if aliases is None and brief.path is not None:
        aliases = corpus_aliases(brief.path.parent)
    mentions = extract(brief, aliases)
    entities = entities_of(mentions, aliases)
    names = {e.id: e.name for e in entities}
    return Annotation(sorted(names), mentions_to_json(mentions, names))


__all__ = [
    "AliasBook",
    "AliasError",
    "annotate",
    "annotator_version",
    "entities_of",
    "extract",
    "extract_text",
]
