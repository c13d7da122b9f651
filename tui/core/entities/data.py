"""The world data extraction relies on, read from the text files in `data/` into lookup tables."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tui.core.entities.model import EntityType

DATA_DIR = Path(__file__).with_name("data")

# Typographic apostrophes and dashes become ASCII ones, char for char, so offsets survive.
_FOLD = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "ʼ": "'",
        "′": "'",
        "`": "'",
        "–": "-",
        "—": "-",
        "‑": "-",
        "‐": "-",
        "−": "-",
    }
)

TOKEN_RE = re.compile(r"\w+|[^\w\s]")

# In event names these words match in any case ("the second Nagorno-Karabakh war").
GENERIC_EVENT_WORDS = frozenset(
    [
        "war",
        "wars",
        "conflict",
        "crisis",
        "revolution",
        "uprising",
        "genocide",
        "massacre",
        "summit",
        "invasion",
        "first",
        "second",
        "third",
        "civil",
        "world",
        "attack",
        "attacks",
        "agreement",
        "agreements",
        "accords",
        "accord",
        "protests",
        "deal",
        "annexation",
        "collapse",
        "dissolution",
        "fall",
    ]
)

# Spelling pairs generated for every name, so the data lists one of each.
_VARIANTS = (
    ("Organization", "Organisation"),
    ("Defense", "Defence"),
    ("Center", "Centre"),
    ("Program", "Programme"),
    ("Cooperation", "Co-operation"),
)


_FOLD_PAIRS = tuple((chr(k), str(v)) for k, v in _FOLD.items())


def fold(text: str) -> str:
    """ASCII apostrophes and hyphens; same length as `text`."""
    # str.replace per character is several times faster than str.translate on long texts
    for old, new in _FOLD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def slug(text: str) -> str:
    """The canonical id of a name: lower-case ASCII words joined by hyphens."""
    ascii_text = unicodedata.normalize("NFKD", fold(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


class Kind:
    """How a surface form relates to its entity; decides roll-up, case rules and possessives."""

    NAME = "name"  # the name itself or an alias
    DEMONYM = "demonym"  # Armenian, Armenians
    CAPITAL = "capital"  # Yerevan -> Armenia
    METONYM = "metonym"  # the Kremlin -> Russia
    CODE = "code"  # all capitals: USA, NATO; ignored on all-capitals lines
    COMBINING = "combining"  # Russo- in Russo-Azerbaijani; only before a hyphen


@dataclass(frozen=True)
class Entry:
    id: str
    name: str
    type: EntityType


@dataclass(frozen=True)
class Hit:
    """What a surface form in the trie stands for."""

    entity_id: str
    kind: str


class TrieNode:
    __slots__ = ("children", "hit")

    def __init__(self) -> None:
        self.children: dict[str, TrieNode] = {}
        self.hit: Hit | None = None


def key_tokens(surface: str, *, event: bool = False) -> list[str]:
    """The trie keys of a surface form: tokens, each after a space carrying a leading space."""
    text = fold(unicodedata.normalize("NFC", surface))
    keys: list[str] = []
    last_end = 0
    for m in TOKEN_RE.finditer(text):
        tok = m.group()
        if event and tok.lower() in GENERIC_EVENT_WORDS:
            tok = tok.lower()
        keys.append((" " + tok) if keys and m.start() > last_end else tok)
        last_end = m.end()
    return keys


@dataclass
class Gazetteer:
    entries: dict[str, Entry] = field(default_factory=dict)
    root: TrieNode = field(default_factory=TrieNode)
    surfaces: dict[str, set[str]] = field(default_factory=dict)  # entity id -> surface forms
    by_name: dict[str, str] = field(default_factory=dict)  # display name (folded) -> id
    combining: dict[str, str] = field(default_factory=dict)  # "Russo" -> "russia"

    def add_entry(self, name: str, type_: EntityType) -> Entry:
        entry = Entry(slug(name), name, type_)
        existing = self.entries.get(entry.id)
        if existing is not None:
            return existing
        self.entries[entry.id] = entry
        self.by_name[fold(name).casefold()] = entry.id
        return entry

    def add_surface(
        self, surface: str, entity_id: str, kind: str, *, override: bool = False
    ) -> None:
        surface = surface.strip()
        if surface.startswith("the ") and not surface[4:5].islower():
            surface = surface[4:]
        if not surface:
            return
        event = self.entries[entity_id].type is EntityType.EVENT
        for form in _spellings(surface):
            keys = key_tokens(form, event=event)
            if not keys:
                continue
            node = self.root
            for key in keys:
                node = node.children.setdefault(key, TrieNode())
            if node.hit is None or override:
                node.hit = Hit(entity_id, kind)
            self.surfaces.setdefault(entity_id, set()).add(form)

    def lookup_name(self, name: str) -> str | None:
        """The id of an entity given its display name or id."""
        if name in self.entries:
            return name
        return self.by_name.get(fold(name).casefold())


def _spellings(surface: str) -> list[str]:
    forms = [surface]
    for a, b in _VARIANTS:
        for form in list(forms):
            if a in form:
                forms.append(form.replace(a, b))
            elif b in form:
                forms.append(form.replace(b, a))
    return forms


def _is_code(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def _split(field_text: str) -> list[str]:
    return [part.strip() for part in field_text.split(";") if part.strip()]


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def _plural(demonym: str) -> str | None:
    if demonym.endswith(("ese", "sh", "ch", "s", "x", "z", "men")) or " " in demonym:
        return None
    return demonym + "s"


def _alias_kind(alias: str) -> str:
    return Kind.CODE if _is_code(alias) else Kind.NAME


@cache
def load_gazetteer() -> Gazetteer:
    """Every data file, once per process."""
    gaz = Gazetteer()
    for line in _lines("countries.txt"):
        cols = [c.strip() for c in line.split("|")] + [""] * 5
        entry = gaz.add_entry(cols[0], EntityType.GPE)
        gaz.add_surface(cols[0], entry.id, Kind.NAME)
        for alias in _split(cols[1]):
            gaz.add_surface(alias, entry.id, _alias_kind(alias))
        for demonym in _split(cols[2]):
            gaz.add_surface(demonym, entry.id, Kind.DEMONYM)
            plural = _plural(demonym)
            if plural:
                gaz.add_surface(plural, entry.id, Kind.DEMONYM)
        for capital in _split(cols[3]):
            gaz.add_surface(capital, entry.id, Kind.CAPITAL)
        for code in _split(cols[4]):
            gaz.add_surface(code, entry.id, Kind.CODE)
    for filename in ("places.txt", "orgs.txt"):
        for line in _lines(filename):
            cols = [c.strip() for c in line.split("|")] + [""] * 3
            entry = gaz.add_entry(cols[1], EntityType(cols[0]))
            # A place's own name wins over a country's capital of the same spelling.
            gaz.add_surface(cols[1], entry.id, _alias_kind(cols[1]), override=True)
            for alias in _split(cols[2]):
                gaz.add_surface(alias, entry.id, _alias_kind(alias))
    for line in _lines("events.txt"):
        cols = [c.strip() for c in line.split("|")] + [""] * 2
        entry = gaz.add_entry(cols[0], EntityType.EVENT)
        gaz.add_surface(cols[0], entry.id, Kind.NAME, override=True)
        for alias in _split(cols[1]):
            gaz.add_surface(alias, entry.id, Kind.NAME)
    for line in _lines("metonyms.txt"):
        surface, target = (c.strip() for c in line.split("|"))
        target_id = gaz.lookup_name(target)
        if target_id is None:
            raise ValueError(f"metonyms.txt: unknown target {target!r}")
        gaz.add_surface(surface, target_id, Kind.METONYM, override=True)
    for form, target in cue_section("combining_pairs"):
        target_id = gaz.lookup_name(target)
        if target_id is None:
            raise ValueError(f"cues.txt: unknown combining target {target!r}")
        gaz.combining[form] = target_id
    return gaz


@cache
def _cue_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for raw in (DATA_DIR / "cues.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        current.append(line)
    return sections


def cue_words(section: str) -> frozenset[str]:
    """The words of one section of cues.txt."""
    return frozenset(w for line in _cue_sections()[section] for w in line.split())


def cue_section(name: str) -> list[tuple[str, str]]:
    """`form=target` pairs of the combining section (targets may hold spaces)."""
    if name != "combining_pairs":
        raise KeyError(name)
    text = " ".join(_cue_sections()["combining"])
    return [
        (m.group(1), m.group(2).strip()) for m in re.finditer(r"(\w+)=([^=]+?)(?=\s+\w+=|$)", text)
    ]


@cache
def word_list(name: str) -> frozenset[str]:
    """A file of words or phrases, one or more a line (given names, surname-first names)."""
    return frozenset(w for line in _lines(name) for w in line.split())


@cache
def phrase_list(name: str) -> tuple[tuple[str, ...], ...]:
    """A file of phrases, one a line, as folded token tuples, longest first."""
    phrases = {tuple(t.strip() for t in key_tokens(line)) for line in _lines(name)}
    return tuple(sorted(phrases, key=len, reverse=True))
