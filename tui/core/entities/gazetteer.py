"""The gazetteer: every known surface form, looked up by its token keys; compiled once from the
hand-written files and the datasets (`sources.py`), cached on disk keyed by their versions.

The compiled form is plain tables (a phrase dict and, per first token, the longest phrase), so a
process loads it with one `pickle.loads` (~0.1 s) instead of reading 70,000 GeoNames cities.
The cache lives in the user's cache folder (`platformdirs`), never in the repository; when it
cannot be written the gazetteer is still built, in memory.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import NamedTuple

from tui.core.entities.model import EntityType
from tui.core.entities.text import fold, key_tokens, slug, spellings

CACHE_FORMAT = 4


class Kind:
    """How a surface form relates to its entity; decides roll-up, case rules and possessives."""

    NAME = "name"  # the name itself or an alias
    DEMONYM = "demonym"  # Armenian, Armenians
    CAPITAL = "capital"  # Yerevan -> Armenia
    METONYM = "metonym"  # the Kremlin -> Russia
    CODE = "code"  # all capitals: USA, NATO; ignored on all-capitals lines
    COMBINING = "combining"  # Russo- in Russo-Azerbaijani; only before a hyphen
    WEAK = "weak"  # a place named like a word or a person (Reading, Bath, Lincoln): needs a cue


class Entry(NamedTuple):
    id: str
    name: str
    type: EntityType


class Hit(NamedTuple):
    """What a surface form stands for."""

    entity_id: str
    kind: str


_TYPES = {t.value: t for t in EntityType}


class Entries(Mapping[str, Entry]):
    """Entity id -> Entry, stored as plain (name, type) tuples: 60,000 of them unpickle in a
    tenth of the time NamedTuples take."""

    __slots__ = ("raw",)

    def __init__(self, raw: dict[str, tuple[str, str]] | None = None) -> None:
        self.raw: dict[str, tuple[str, str]] = raw if raw is not None else {}

    def __getitem__(self, key: str) -> Entry:
        name, type_ = self.raw[key]
        return Entry(key, name, _TYPES[type_])

    def __iter__(self) -> Iterator[str]:
        return iter(self.raw)

    def __len__(self) -> int:
        return len(self.raw)

    def __contains__(self, key: object) -> bool:
        return key in self.raw

    def __reduce__(self) -> tuple[type[Entries], tuple[dict[str, tuple[str, str]]]]:
        return (Entries, (self.raw,))


@dataclass
class PhraseTable:
    """Surface forms by their joined token keys, and per first token the longest form's length.
    Hits are stored as plain (entity id, kind) tuples, for the same reason as `Entries`."""

    phrases: dict[str, tuple[str, str]] = field(default_factory=dict)
    longest: dict[str, int] = field(default_factory=dict)

    def add(self, keys: list[str], hit: Hit, *, override: bool = False) -> None:
        if not keys:
            return
        key = "".join(keys)
        if override or key not in self.phrases:
            self.phrases[key] = (hit.entity_id, hit.kind)
        if self.longest.get(keys[0], 0) < len(keys):
            self.longest[keys[0]] = len(keys)

    def hit(self, key: str) -> Hit | None:
        """The hit of a joined key."""
        raw = self.phrases.get(key)
        return Hit(*raw) if raw is not None else None

    def get(self, surface: str) -> Hit | None:
        return self.hit("".join(key_tokens(surface)))


@dataclass
class Gazetteer:
    entries: Entries = field(default_factory=Entries)
    table: PhraseTable = field(default_factory=PhraseTable)
    combining: dict[str, str] = field(default_factory=dict)  # "Russo" -> "russia"
    given_names: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()  # the most frequent ones
    common_given: frozenset[str] = frozenset()  # the most frequent given names
    common_words: frozenset[str] = frozenset()  # lower-case plain English words
    versions: dict[str, str] = field(default_factory=dict)

    def add_entry(self, name: str, type_: EntityType) -> Entry:
        entity_id = slug(name)
        if entity_id in self.entries:
            return self.entries[entity_id]
        self.entries.raw[entity_id] = (name, type_.value)
        self.__dict__.pop("by_name", None)  # built again on the next lookup
        return Entry(entity_id, name, type_)

    def add_surface(
        self, surface: str, entity_id: str, kind: str, *, override: bool = False
    ) -> None:
        surface = surface.strip()
        if surface.startswith("the ") and not surface[4:5].islower():
            surface = surface[4:]
        if not surface:
            return
        event = self.entries[entity_id].type is EntityType.EVENT
        hit = Hit(entity_id, kind)
        for form in spellings(surface):
            self.table.add(key_tokens(form, event=event), hit, override=override)

    def lookup_name(self, name: str) -> str | None:
        """The id of an entity given its display name or id."""
        if name in self.entries:
            return name
        return self.by_name.get(fold(name).casefold())

    @cached_property
    def by_name(self) -> dict[str, str]:
        """Display name (folded) -> id; built on first use (aliases, metonyms), not stored."""
        return {fold(name).casefold(): key for key, (name, _) in self.entries.raw.items()}

    def __getstate__(self) -> dict[str, object]:
        state = dict(self.__dict__)
        state.pop("by_name", None)  # derived tables are not cached on disk
        state.pop("surfaces", None)
        return state

    @cached_property
    def surfaces(self) -> dict[str, set[str]]:
        """Entity id -> its surface forms (computed on first use: only tools and tests ask)."""
        found: dict[str, set[str]] = {}
        for phrase, (entity_id, _) in self.table.phrases.items():
            found.setdefault(entity_id, set()).add(phrase)
        return found


# --- the compiled form, cached ---


def cache_dir() -> Path:
    override = os.environ.get("BRIEFS_ENTITY_CACHE")
    if override:
        return Path(override)
    from platformdirs import user_cache_path

    return user_cache_path("briefs") / "entities"


def source_key() -> str:
    """Changes whenever the code, the data files or a dataset package's version change."""
    from tui.core.entities import datasets

    here = Path(__file__).parent
    digest = hashlib.sha256(f"format {CACHE_FORMAT}".encode())
    for name, version in sorted(datasets.versions().items()):
        digest.update(f"{name}=={version}\n".encode())
    for name in (
        "gazetteer.py",
        "compiled.py",
        "sources.py",
        "datasets.py",
        "text.py",
        "datafiles.py",
    ):
        digest.update((here / name).read_bytes())
    for path in sorted((here / "data").glob("*.txt")):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
