"""The corpus as a list for the library: each brief's front matter, cached by file size and time.

Parsing the front matter of 10k briefs takes seconds; checking 10k file stamps against a cache
takes milliseconds, so only new or changed files are read again.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tui.core.atomic import write_atomic
from tui.core.brief import BriefError, brief_files, read_brief

CACHE_VERSION = 1


@dataclass(frozen=True)
class BriefEntry:
    """A brief as the library lists it: no body, so ten thousand of them are cheap to hold."""

    id: str
    title: str
    source: str | None
    author: str | None
    published: dt.date | None
    words: int
    path: Path


@dataclass(frozen=True)
class Listing:
    entries: list[BriefEntry]
    errors: list[str]  # one line per file that could not be read
    read: int  # files parsed this time (the rest came from the cache)


def cache_file(state_dir: Path, corpus: Path) -> Path:
    """Where the listing of `corpus` is cached: one file per corpus folder."""
    digest = hashlib.sha1(str(corpus.resolve()).encode()).hexdigest()[:12]
    return state_dir / f"listing-{digest}.json"


def list_corpus(corpus: Path, cache: Path | None = None) -> Listing:
    """Every readable brief of the folder, in file-name order, and a line for each that is not.

    With `cache`, unchanged files (same size, modification time and inode) are not read again,
    and the cache is rewritten when anything changed; a cache that cannot be read or written is
    ignored (it is only a speed-up).
    """
    known = _read_cache(cache) if cache else {}
    fresh: dict[str, dict[str, Any]] = {}
    entries: list[BriefEntry] = []
    errors: list[str] = []
    seen: set[str] = set()
    read = 0
    for path in brief_files(corpus):
        try:
            info = path.stat()
        except OSError:
            continue  # removed while listing
        stamp = [info.st_size, info.st_mtime_ns, info.st_ino]
        record = known.get(path.name)
        if record is None or record.get("stamp") != stamp:
            record = _record(path, stamp)
            read += 1
        fresh[path.name] = record
        if "error" in record:
            errors.append(str(record["error"]))
            continue
        entry = _entry(record, path)
        if entry.id in seen:
            errors.append(f"{path.name}: duplicate id {entry.id!r}, skipped")
            continue
        seen.add(entry.id)
        entries.append(entry)
    if cache is not None and (read or set(fresh) != set(known)):
        _write_cache(cache, fresh)
    return Listing(entries, errors, read)


def _record(path: Path, stamp: list[int]) -> dict[str, Any]:
    try:
        brief = read_brief(path)
    except BriefError as exc:
        return {"stamp": stamp, "error": str(exc)}
    return {
        "stamp": stamp,
        "id": brief.id,
        "title": brief.title,
        "source": brief.source,
        "author": brief.author,
        "published": brief.published.isoformat() if brief.published else None,
        "words": brief.words,
    }


def _entry(record: dict[str, Any], path: Path) -> BriefEntry:
    published = record.get("published")
    return BriefEntry(
        id=str(record["id"]),
        title=str(record["title"]),
        source=record.get("source"),
        author=record.get("author"),
        published=dt.date.fromisoformat(published) if published else None,
        words=int(record.get("words") or 0),
        path=path,
    )


def _read_cache(cache: Path) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("version") != CACHE_VERSION:
        return {}
    files = data.get("files")
    if not isinstance(files, dict):
        return {}
    # A record of the wrong shape is dropped: that file is simply read again.
    return {
        name: record
        for name, record in files.items()
        if isinstance(record, dict)
        and isinstance(record.get("stamp"), list)
        and ("error" in record or _valid(record))
    }


def _valid(record: dict[str, Any]) -> bool:
    try:
        _entry(record, Path())
    except (KeyError, TypeError, ValueError):
        return False
    return True


def _write_cache(cache: Path, files: dict[str, dict[str, Any]]) -> None:
    payload = json.dumps({"version": CACHE_VERSION, "files": files}, ensure_ascii=False)
    # A read-only state folder only costs speed.
    with contextlib.suppress(OSError):
        write_atomic(cache, payload)


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
