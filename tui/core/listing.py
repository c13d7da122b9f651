"""The corpus as a list for the library: each brief's front matter, cached by file size and time.

Parsing the front matter of 10k briefs takes seconds; checking 10k file stamps against a cache
takes milliseconds, so only new or changed files are read again. The cache is also what the library
shows first (`cached_listing`), before any stamp is checked: one file read and a JSON parse.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any, NamedTuple, cast

# 3: one list per field, files in name order (1 was a dict per file, 2 a list per file): JSON
# makes far fewer objects, and the entries are built column by column. 10k briefs: ~20 ms.
CACHE_VERSION = 3
# A row, as list_corpus works with it: file name, size, mtime_ns, inode, then either the entry
# fields or one error message.
_STAMP = slice(1, 4)
_ENTRY_ROW = 10
_ERROR_ROW = 5
# The cache's columns: a row's fields in order (an unreadable file has None from "id" on).
_COLUMNS = ("name", "size", "mtime", "ino", "id", "title", "source", "author", "published", "words")


class BriefEntry(NamedTuple):
    """A brief as the library lists it: no body, so ten thousand of them are cheap to hold.

    A tuple rather than a dataclass, and the path put together on demand: building 10k frozen
    dataclasses and 10k Paths costs several times the JSON parse of the whole cache.
    """

    id: str
    title: str
    source: str | None
    author: str | None
    published: dt.date | None
    words: int
    folder: Path
    file: str

    @property
    def path(self) -> Path:
        return self.folder / self.file


@dataclass(frozen=True)
class Listing:
    entries: list[BriefEntry]
    errors: list[str]  # one line per file that could not be read
    read: int  # files parsed this time (the rest came from the cache)
    checked: bool = True  # False: straight from the cache, the files not looked at yet


def cache_file(state_dir: Path, corpus: Path) -> Path:
    """Where the listing of `corpus` is cached: one file per corpus folder."""
    # crc32 rather than a cryptographic hash: it only has to tell folders apart, and hashlib
    # (OpenSSL) is a noticeable import on the app's way to its first screen.
    key = str(corpus.resolve()).encode()
    return state_dir / f"listing-{zlib.crc32(key):08x}{len(key):04x}.json"


def cached_listing(corpus: Path, cache: Path) -> Listing | None:
    """The listing as last saved, without looking at the files (None when there is no cache).

    What the library shows while `list_corpus` checks the stamps: for 10k briefs, the difference
    between a few tens of milliseconds and a few hundred.
    """
    saved = _read_cache(cache)
    if saved is None:
        return None
    columns, errors = saved
    items: list[BriefEntry | str | None]
    try:
        items = list(_entries_of(corpus, columns, errors))
    except (TypeError, ValueError):
        # Something in the cache is not what was written: sort it out row by row.
        items = [_parse(corpus, row) for row in _rows_of(columns, errors)]
    else:
        if not errors and len(set(columns["id"])) == len(items):
            # The usual case, a readable corpus with no id twice: nothing to sort out.
            return Listing(cast("list[BriefEntry]", items), [], read=0, checked=False)
    entries, messages = _assemble(items)
    return Listing(entries, messages, read=0, checked=False)


def _entries_of(
    corpus: Path, columns: dict[str, list[Any]], errors: dict[int, str]
) -> list[BriefEntry | str]:
    """The cache's columns made into entries in a few passes, without a Python call per field
    of each brief; raises TypeError or ValueError on anything of the wrong type."""
    names, ids, titles, sources, authors, published, words = (
        columns[key] for key in ("name", "id", "title", "source", "author", "published", "words")
    )
    readable = [n for n in range(len(names)) if n not in errors] if errors else None

    def pick(values: list[Any]) -> list[Any]:
        return values if readable is None else [values[n] for n in readable]

    names, ids, titles, sources, authors, published, words = map(
        pick, (names, ids, titles, sources, authors, published, words)
    )
    # Types checked a column at a time (map(type, ...) runs in C).
    if not set(map(type, names + ids + titles)) <= {str}:
        raise TypeError("a name, id or title that is not text")
    if not set(map(type, sources + authors)) <= {str, type(None)}:
        raise TypeError("a source or author that is not text")
    if not set(map(type, words)) <= {int}:
        raise TypeError("a word count that is not a number")
    day = dt.date.fromisoformat
    dates = [day(value) if value is not None else None for value in published]
    # tuple.__new__ straight from the zipped fields: the named tuple's own __new__ is a Python
    # function, a call per brief that costs as much as the rest of this put together.
    # (Not strict: `repeat` never ends; the columns were checked to be of one length.)
    fields = zip(ids, titles, sources, authors, dates, words, repeat(corpus), names, strict=False)
    built: list[BriefEntry | str] = list(map(tuple.__new__, repeat(BriefEntry), fields))
    for n in sorted(errors):
        built.insert(n, errors[n])  # back in file order, among the entries
    return built


def list_corpus(corpus: Path, cache: Path | None = None) -> Listing:
    """Every readable brief of the folder, in file-name order, and a line for each that is not.

    With `cache`, unchanged files (same size, modification time and inode) are not read again,
    and the cache is rewritten when anything changed; a cache that cannot be read or written is
    ignored (it is only a speed-up).
    """
    # The YAML parser is needed only for files not in the cache: imported here, not at start-up.
    from tui.core.brief import brief_files

    saved = _read_cache(cache) if cache else None
    known: dict[str, tuple[list[Any], BriefEntry | str]] = {}
    for saved_row in _rows_of(*saved) if saved else ():
        saved_item = _parse(corpus, saved_row)
        if saved_item is not None:
            known[saved_row[0]] = (saved_row, saved_item)
    fresh: list[list[Any]] = []
    items: list[BriefEntry | str | None] = []
    read = 0
    for path in brief_files(corpus):
        try:
            info = path.stat()
        except OSError:
            continue  # removed while listing
        stamp = [info.st_size, info.st_mtime_ns, info.st_ino]
        row, item = known.get(path.name) or (None, None)
        if row is None or row[_STAMP] != stamp:
            row = _read_row(path, stamp)
            item = _parse(corpus, row)
            read += 1
        fresh.append(row)
        items.append(item)
    entries, errors = _assemble(items)
    if cache is not None and (read or len(fresh) != len(known)):
        _write_cache(cache, fresh)
    return Listing(entries, errors, read)


def _read_row(path: Path, stamp: list[int]) -> list[Any]:
    from tui.core.brief import BriefError, read_brief

    try:
        brief = read_brief(path)
    except BriefError as exc:
        return [path.name, *stamp, str(exc)]
    published = brief.published.isoformat() if brief.published else None
    return [
        path.name,
        *stamp,
        brief.id,
        brief.title,
        brief.source,
        brief.author,
        published,
        brief.words,
    ]


def _assemble(items: Iterable[BriefEntry | str | None]) -> tuple[list[BriefEntry], list[str]]:
    """Entries and error lines, in file order (malformed cache rows skipped); a second file with
    an id already seen is an error, as in `load_corpus`."""
    entries: list[BriefEntry] = []
    errors: list[str] = []
    seen: set[str] = set()
    for item in items:
        if item is None:
            continue
        if isinstance(item, str):
            errors.append(item)
        elif item.id in seen:
            errors.append(f"{item.file}: duplicate id {item.id!r}, skipped")
        else:
            seen.add(item.id)
            entries.append(item)
    return entries, errors


def _parse(corpus: Path, row: Any) -> BriefEntry | str | None:
    """The entry, or the error line, that a cache row stands for; None for a row of the wrong
    shape (its file is then read again). Written for speed: it runs for every brief before the
    library can show anything."""
    if type(row) is not list:
        return None
    if len(row) == _ENTRY_ROW:
        name, size, mtime, ino, brief_id, title, source, author, published, words = row
        if (
            type(name) is not str
            or type(size) is not int
            or type(mtime) is not int
            or type(ino) is not int
            or type(brief_id) is not str
            or type(title) is not str
            or (source is not None and type(source) is not str)
            or (author is not None and type(author) is not str)
            or type(words) is not int
        ):
            return None
        day = None
        if published is not None:
            try:
                day = dt.date.fromisoformat(published)
            except (TypeError, ValueError):
                return None
        return BriefEntry(brief_id, title, source, author, day, words, corpus, name)
    if len(row) == _ERROR_ROW:
        name, size, mtime, ino, error = row
        if (
            type(name) is str
            and type(error) is str
            and type(size) is type(mtime) is type(ino) is int
        ):
            return error
    return None


def _read_cache(cache: Path) -> tuple[dict[str, list[Any]], dict[int, str]] | None:
    """The cache's columns (same length, values unchecked) and its unreadable files by position;
    None when the file is missing, damaged or of another version."""
    try:
        data = json.loads(cache.read_bytes())
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return None
    columns, errors = data.get("columns"), data.get("errors")
    if not isinstance(columns, dict) or not isinstance(errors, list):
        return None
    if not all(isinstance(columns.get(key), list) for key in _COLUMNS):
        return None
    if len({len(columns[key]) for key in _COLUMNS}) != 1:
        return None
    size = len(columns["name"])
    unreadable: dict[int, str] = {}
    for pair in errors:
        if not (isinstance(pair, list) and len(pair) == 2 and type(pair[0]) is int):
            return None
        if 0 <= pair[0] < size and isinstance(pair[1], str):
            unreadable[pair[0]] = pair[1]
    return columns, unreadable


def _rows_of(columns: dict[str, list[Any]], errors: dict[int, str]) -> list[list[Any]]:
    """The cache as rows (see `_parse`), for list_corpus and for a cache that needs checking."""
    rows = [list(fields) for fields in zip(*(columns[key] for key in _COLUMNS), strict=True)]
    for n, message in errors.items():
        rows[n] = [*rows[n][:4], message]
    return rows


def _write_cache(cache: Path, rows: list[list[Any]]) -> None:
    from tui.core.atomic import write_atomic

    columns: dict[str, list[Any]] = {key: [] for key in _COLUMNS}
    errors: list[list[Any]] = []
    for n, row in enumerate(rows):
        if len(row) == _ERROR_ROW:
            errors.append([n, row[4]])
            row = [*row[:4], *([None] * (_ENTRY_ROW - 4))]
        for key, value in zip(_COLUMNS, row, strict=True):
            columns[key].append(value)
    payload = {"version": CACHE_VERSION, "columns": columns, "errors": errors}
    # A read-only state folder only costs speed.
    with contextlib.suppress(OSError):
        write_atomic(cache, json.dumps(payload, ensure_ascii=False))


@dataclass(frozen=True)
class DiskSignature:
    """What changes when another process adds briefs or updates the index: two cheap looks."""

    corpus: tuple[int, int]  # the folder's mtime and entry count (adds, deletes, renames)
    index: tuple[tuple[str, int], ...]  # the index's tables of contents and manifest, stamped


def disk_signature(corpus: Path, index_dir: Path) -> DiskSignature:
    """A few stat calls, whatever the corpus size: safe to take every second."""
    corpus_sig = (0, 0)
    with contextlib.suppress(OSError):
        with os.scandir(corpus) as entries:
            count = sum(1 for _ in entries)
        corpus_sig = (corpus.stat().st_mtime_ns, count)
    index_sig: list[tuple[str, int]] = []
    with contextlib.suppress(OSError), os.scandir(index_dir) as entries:
        for entry in entries:
            if entry.name.endswith(".toc") or entry.name.endswith(".json"):
                with contextlib.suppress(OSError):
                    index_sig.append((entry.name, entry.stat().st_mtime_ns))
    return DiskSignature(corpus_sig, tuple(sorted(index_sig)))
