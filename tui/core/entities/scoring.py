"""Scoring extraction against hand-annotated gold files (the seed list, the development set).

Gold files follow `../shared/eval/seed-entities.json`: per doc, entities with a canonical id, a
type and every surface form; dates with ISO ids; a global `ignore` list; `boilerplate` entities;
and, for the development set, `pairs` with the entities and dates each pair shares.

How a predicted entity meets a gold one: by name. The predicted entity's names are its id, its
display name and the text of each of its mentions in that doc; the gold entity's names are its id
and its surfaces; both slugged (case, accents, possessives and curly apostrophes do not matter).
They match when the two sets meet.

Scoring rules:
- Precision and recall per doc on canonical entities (types are reported, not scored).
- Optional gold entities count neither way (not required, not a false positive when found):
  `boilerplate` ones, those of a type the product does not extract (`OPTIONAL_TYPES`: titles of
  works and product names), dates marked `optional`, and the strings of the `ignore` list.
- Dates are scored apart, on ISO ids; a month-day the extractor keeps without a year
  (`xxxx-09-22`, when the brief has no published date) meets a gold date whose year the
  annotator inferred from the story (`year_inferred`).
- A pair's shared set: the entities the extractor finds in both briefs against the pair's gold
  `shared` list (the highlight the comparison shows).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.entities.api import surface_key
from tui.core.entities.data import slug
from tui.core.entities.model import Entity, EntityType

OPTIONAL_TYPES = frozenset(["WORK_OF_ART", "PRODUCT"])


@dataclass
class Score:
    """Precision and recall of one doc (or one pair's shared set) against its gold list."""

    tp: int = 0
    fp: list[str] = field(default_factory=list)
    fn: list[str] = field(default_factory=list)
    matched: set[str] = field(default_factory=set)  # gold ids found

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + len(self.fp)) if self.tp + len(self.fp) else 1.0

    @property
    def recall(self) -> float:
        found = len(self.matched)
        return found / (found + len(self.fn)) if found + len(self.fn) else 1.0


def micro(scores: Iterable[Score]) -> tuple[float, float]:
    """Precision and recall over several docs, every entity counted once."""
    tp = fp = found = missed = 0
    for s in scores:
        tp, fp, found, missed = (
            tp + s.tp,
            fp + len(s.fp),
            found + len(s.matched),
            missed + len(s.fn),
        )
    return (tp / (tp + fp) if tp + fp else 1.0, found / (found + missed) if found + missed else 1.0)


def _names(values: Iterable[str]) -> set[str]:
    return {n for n in (slug(surface_key(v)) for v in values) if n}


def gold_names(entity: Mapping[str, Any]) -> set[str]:
    names = _names([str(entity["id"]), *map(str, entity.get("surfaces", []))])
    gid = str(entity["id"])
    if entity.get("year_inferred") and len(gid) == 10:
        # the year the annotator read from the story is not in the text: a date the extractor
        # keeps without a year (EDTF "xxxx-MM-DD") is that date at the precision the text gives
        names.add("xxxx" + gid[4:])
    return names


def predicted_names(entity: Entity) -> set[str]:
    return {entity.id} | _names([entity.name, *(m.text for m in entity.mentions)])


def is_optional(entity: Mapping[str, Any]) -> bool:
    return bool(
        entity.get("boilerplate") or entity.get("optional") or entity.get("type") in OPTIONAL_TYPES
    )


def score(
    predicted: Sequence[Entity], gold: Sequence[Mapping[str, Any]], ignore: Iterable[str] = ()
) -> Score:
    """One doc's entities (or dates) against its gold list."""
    result = Score()
    required = {str(g["id"]): gold_names(g) for g in gold if not is_optional(g)}
    optional = [gold_names(g) for g in gold if is_optional(g)]
    optional += [_names([name]) for name in ignore]
    for entity in predicted:
        names = predicted_names(entity)
        hits = [gid for gid, gnames in required.items() if names & gnames]
        if hits:
            result.tp += 1
            result.matched.update(hits)
        elif not any(names & o for o in optional):
            result.fp.append(f"{entity.name} ({entity.type.value})")
    result.fn = sorted(set(required) - result.matched)
    return result


def matches(predicted: Sequence[Entity], gold: Mapping[str, Any]) -> set[str]:
    """The ids of the predicted entities that meet one gold entity."""
    names = gold_names(gold)
    return {e.id for e in predicted if predicted_names(e) & names}


def score_shared(
    a: Sequence[Entity],
    b: Sequence[Entity],
    gold_a: Sequence[Mapping[str, Any]],
    gold_b: Sequence[Mapping[str, Any]],
    shared: Iterable[str],
    ignore: Iterable[str] = (),
) -> Score:
    """The entities found in both briefs of a pair against the pair's gold shared list."""
    by_id_a = {str(g["id"]): g for g in gold_a}
    by_id_b = {str(g["id"]): g for g in gold_b}
    ids_a = {e.id: e for e in a}
    both = [e for e in b if e.id in ids_a]
    result = Score()
    wanted: dict[str, set[str]] = {}
    optional: set[str] = set()
    for gid in shared:
        ga, gb = by_id_a.get(gid), by_id_b.get(gid)
        if ga is None or gb is None:
            raise ValueError(f"shared entity {gid!r} is not in both docs")
        found = matches(a, ga) & matches(b, gb)
        if is_optional(ga) or is_optional(gb):
            optional |= found
            continue
        wanted[gid] = found
    gold_any = [g for g in [*gold_a, *gold_b] if not is_optional(g)]
    ignored = _names(ignore)
    for entity in both:
        hits = [gid for gid, ids in wanted.items() if entity.id in ids]
        if hits:
            result.tp += 1
            result.matched.update(hits)
            continue
        names = predicted_names(entity) | predicted_names(ids_a[entity.id])
        if entity.id in optional or names & ignored:
            continue
        if any(is_optional(g) and names & gold_names(g) for g in [*gold_a, *gold_b]):
            continue
        # found in both, but in the gold of at most one of them: a highlight the pair lacks
        in_gold = sum(bool(names & gold_names(g)) for g in gold_any)
        result.fp.append(f"{entity.name} ({entity.type.value}{', one side' if in_gold else ''})")
    result.fn = sorted(set(wanted) - result.matched)
    return result


# --- gold files ---


@dataclass(frozen=True)
class GoldDoc:
    id: str
    field: str
    path: Path
    sha256: str
    entities: list[dict[str, Any]]
    dates: list[dict[str, Any]]

    def text(self) -> str:
        """The doc's text, checked against the sha256 the annotators recorded."""
        raw = self.path.read_bytes()
        digest = hashlib.sha256(raw).hexdigest()
        if self.sha256 and digest != self.sha256:
            raise ValueError(f"{self.path}: sha256 {digest[:12]} is not the annotated file's")
        return raw.decode("utf-8")


@dataclass(frozen=True)
class GoldSet:
    annotator: str
    docs: dict[str, GoldDoc]
    ignore: list[str]
    pairs: list[dict[str, Any]]


def load_gold(path: Path, shared_root: Path) -> GoldSet:
    """A development-set gold file; doc paths are relative to `shared_root` (../shared)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    docs = {
        doc_id: GoldDoc(
            doc_id,
            str(doc.get("field", "")),
            shared_root / str(doc["path"]),
            str(doc.get("sha256", "")),
            list(doc.get("entities", [])),
            list(doc.get("dates", [])),
        )
        for doc_id, doc in data["docs"].items()
    }
    return GoldSet(
        str(data.get("annotator", path.stem)),
        docs,
        list(data.get("ignore", [])),
        list(data.get("pairs", [])),
    )


def split_dates(entities: Sequence[Entity]) -> tuple[list[Entity], list[Entity]]:
    names = [e for e in entities if e.type is not EntityType.DATE]
    return names, [e for e in entities if e.type is EntityType.DATE]
