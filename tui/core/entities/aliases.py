"""The analyst's alias file, `aliases.toml` beside the briefs: merge, split, rename, retype, ignore.

Format (every section optional; the `briefs entities` subcommands write it too)::

    # names that are not entities at all: entity ids or names as written in briefs
    ignore = ["Freedom House", "armenophobia"]

    [merge]
    # key: the entity the others become (an id or a display name);
    # value: names as written in briefs, or entity ids, that are the same actor
    "United States" = ["US", "U.S.", "America"]

    [split]
    # a name that should stand on its own instead of rolling up (Brussels -> European Union)
    Brussels = "Brussels"                       # or { name = "Brussels", type = "GPE" }

    [rename]
    nikol-pashinyan = "Nikol Pashinyan"         # entity id = display name

    [retype]
    green-corridor = "LOC"                      # entity id = PERSON ORG GPE LOC FAC EVENT DATE

A name that is already an id (lower case, hyphens: "freedom-house") is matched as an id; any other
name is matched as written in briefs (possessives and curly apostrophes do not matter) and as the
id it would have ("Freedom House" also means "freedom-house"). Names in `merge` and `split` are
also taught to the extractor, so a merge can add a spelling the data files lack.
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from tui.core.atomic import write_atomic
from tui.core.entities.model import EntityType

ALIAS_FILE = "aliases.toml"
_SECTIONS = ("ignore", "merge", "split", "rename", "retype")
_HEADER = (
    "# Entity aliases for this corpus (see `briefs entities --help`). Sections: ignore, merge,\n"
    "# split, rename, retype. `briefs entities merge|ignore|rename|retype` rewrite this file.\n"
)


class AliasError(Exception):
    """The alias file cannot be used; the message is one line for the user."""


@dataclass(frozen=True)
class Split:
    name: str
    type: EntityType | None = None


@dataclass(frozen=True)
class AliasBook:
    """What the analyst decided about names; hashable so compiled forms can be cached."""

    ignore: tuple[str, ...] = ()
    merge: tuple[tuple[str, tuple[str, ...]], ...] = ()
    split: tuple[tuple[str, Split], ...] = ()
    rename: tuple[tuple[str, str], ...] = ()
    retype: tuple[tuple[str, EntityType], ...] = ()
    path: Path | None = field(default=None, compare=False)

    @property
    def empty(self) -> bool:
        return not (self.ignore or self.merge or self.split or self.rename or self.retype)

    def names(self) -> set[str]:
        """Every name or id the book mentions (to find the briefs a change concerns)."""
        out = set(self.ignore)
        for into, names in self.merge:
            out.add(into)
            out.update(names)
        for surface, split in self.split:
            out.update((surface, split.name))
        out.update(k for k, _ in self.rename)
        out.update(k for k, _ in self.retype)
        return out

    # --- edits (each returns a new book) ---

    def with_merge(self, into: str, names: list[str]) -> AliasBook:
        merged = dict(self.merge)
        current = list(merged.get(into, ()))
        current += [n for n in names if n not in current and n != into]
        merged[into] = tuple(current)
        return _replace(self, merge=tuple(merged.items()))

    def with_ignore(self, name: str) -> AliasBook:
        if name in self.ignore:
            return self
        return _replace(self, ignore=(*self.ignore, name))

    def with_rename(self, entity_id: str, name: str) -> AliasBook:
        renamed = dict(self.rename)
        renamed[entity_id] = name
        return _replace(self, rename=tuple(renamed.items()))

    def with_retype(self, entity_id: str, type_: EntityType) -> AliasBook:
        retyped = dict(self.retype)
        retyped[entity_id] = type_
        return _replace(self, retype=tuple(retyped.items()))

    def with_split(self, surface: str, name: str, type_: EntityType | None = None) -> AliasBook:
        splits = dict(self.split)
        splits[surface] = Split(name, type_)
        return _replace(self, split=tuple(splits.items()))


def _replace(book: AliasBook, **changes: object) -> AliasBook:
    from dataclasses import replace

    return replace(book, **changes)  # type: ignore[arg-type]


def alias_path(corpus: Path) -> Path:
    return corpus / ALIAS_FILE


def load_aliases(corpus: Path) -> AliasBook:
    """The corpus's alias book (empty when there is no file); AliasError on a broken file."""
    path = alias_path(corpus)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return AliasBook(path=path)
    except OSError as exc:
        raise AliasError(f"{path.name}: cannot read ({exc.strerror or exc})") from None
    return parse_aliases(raw, path)


def parse_aliases(raw: bytes | str, path: Path | None = None) -> AliasBook:
    where = path.name if path else ALIAS_FILE
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
        data = tomllib.loads(text)
    except UnicodeDecodeError:
        raise AliasError(f"{where}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise AliasError(f"{where}: not valid TOML ({exc})") from None
    except RecursionError:  # `x = [[[[...`: tomllib recurses once per level
        raise AliasError(f"{where}: not valid TOML (nested too deeply)") from None
    unknown = sorted(set(data) - set(_SECTIONS))
    if unknown:
        expected = ", ".join(_SECTIONS)
        raise AliasError(f"{where}: unknown section {unknown[0]!r} (expected {expected})")

    def fail(msg: str) -> AliasError:
        return AliasError(f"{where}: {msg}")

    def table(name: str) -> dict[str, object]:
        value = data.get(name, {})
        if not isinstance(value, dict):
            raise fail(f"`{name}` must be a table ([{name}])")
        return value

    def need_type(value: object) -> EntityType:
        try:
            return EntityType(str(value).upper())
        except ValueError:
            names = " ".join(t.value for t in EntityType)
            raise fail(f"unknown type {value!r} (one of {names})") from None

    ignore = data.get("ignore", [])
    if not isinstance(ignore, list) or not all(_is_name(n) for n in ignore):
        raise fail("`ignore` must be a list of names, before any [section]")
    merge: list[tuple[str, tuple[str, ...]]] = []
    for into, names in table("merge").items():
        if isinstance(names, str):
            names = [names]
        if not _is_name(into) or not isinstance(names, list) or not all(map(_is_name, names)):
            raise fail(f"merge {into!r}: the value must be a list of names")
        merge.append((into.strip(), tuple(n.strip() for n in names)))
    split: list[tuple[str, Split]] = []
    for surface, value in table("split").items():
        if isinstance(value, str) and _is_name(value):
            split.append((surface, Split(value.strip())))
        elif isinstance(value, dict) and _is_name(value.get("name", surface)):
            split.append(
                (
                    surface,
                    Split(
                        str(value.get("name", surface)).strip(),
                        need_type(value["type"]) if "type" in value else None,
                    ),
                )
            )
        else:
            raise fail(f"split {surface!r}: the value must be a name or {{ name, type }}")
    rename: list[tuple[str, str]] = []
    for key, name in table("rename").items():
        if not isinstance(name, str) or not _is_name(name):
            raise fail(f"rename {key!r}: the value must be a name")
        rename.append((key, name.strip()))
    retype = [(key, need_type(v)) for key, v in table("retype").items()]
    return AliasBook(
        ignore=tuple(n.strip() for n in ignore),
        merge=tuple(merge),
        split=tuple(split),
        rename=tuple(rename),
        retype=tuple(retype),
        path=path,
    )


def _is_name(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip()) and "\n" not in value


# --- writing ---


def _q(text: str) -> str:
    """A TOML basic string (JSON's escapes are TOML's, except DEL must be escaped too)."""
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007F")


def dump_aliases(book: AliasBook) -> str:
    lines = [_HEADER]
    if book.ignore:
        lines.append(f"ignore = [{', '.join(_q(n) for n in book.ignore)}]\n")
    if book.merge:
        lines.append("\n[merge]\n")
        for into, names in book.merge:
            lines.append(f"{_q(into)} = [{', '.join(_q(n) for n in names)}]\n")
    if book.split:
        lines.append("\n[split]\n")
        for surface, split in book.split:
            if split.type is None:
                lines.append(f"{_q(surface)} = {_q(split.name)}\n")
            else:
                value = f"{{ name = {_q(split.name)}, type = {_q(split.type.value)} }}"
                lines.append(f"{_q(surface)} = {value}\n")
    if book.rename:
        lines.append("\n[rename]\n")
        lines.extend(f"{_q(k)} = {_q(v)}\n" for k, v in book.rename)
    if book.retype:
        lines.append("\n[retype]\n")
        lines.extend(f"{_q(k)} = {_q(v.value)}\n" for k, v in book.retype)
    return "".join(lines)


def save_aliases(book: AliasBook, corpus: Path) -> Path:
    """Write the book to the corpus's alias file, atomically."""
    path = alias_path(corpus)
    write_atomic(path, dump_aliases(book))
    return path
