"""Keep the Whoosh index in step with the corpus: incremental, self-healing, one writer."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.util.filelock import try_for

from tui.core.annotation import Annotation, Annotator
from tui.core.atomic import write_atomic
from tui.core.brief import BRIEF_SUFFIX, Brief, BriefError, parse_brief
from tui.core.schema import SCHEMA_VERSION, build_schema

INDEX_NAME = "MAIN"  # Whoosh's default index name: files are `_MAIN_<gen>.toc` and `MAIN_<id>.*`
LOCK_NAME = f"{INDEX_NAME}_WRITELOCK"
MANIFEST = "briefs-index.json"  # our schema version and a checksum of every index file
LOCK_WAIT_S = 3.0
LOCKED_MESSAGE = "the index is being updated by another briefs process; try again in a moment"


class IndexLocked(Exception):
    """Another process holds the index's write lock."""


class IndexUnavailable(Exception):
    """There is no usable index in the folder; the message says why (one line)."""


@dataclass
class IndexReport:
    added: list[str] = field(default_factory=list)  # brief ids
    updated: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    rebuilt: str | None = None  # why the index was built from scratch, when it was
    errors: list[str] = field(default_factory=list)  # one line per brief left out
    total: int = 0  # briefs in the index afterwards

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted or self.rebuilt)


@dataclass(frozen=True)
class IndexStatus:
    exists: bool
    healthy: bool
    new: int
    changed: int
    deleted: int
    total: int  # briefs in the index now
    problem: str | None  # why the index cannot be used as it is (it will be rebuilt)

    @property
    def up_to_date(self) -> bool:
        return self.healthy and not (self.new or self.changed or self.deleted)


@dataclass(frozen=True)
class _Indexed:
    brief_id: str
    sha: str
    stamp: str  # size and modification time of the file when indexed


ALIAS_FILE = "aliases.toml"  # the analyst's entity names, beside the briefs (tui.core.entities)
_ALIASES_PART = "+aliases-"


def _annotator_version(annotate: Annotator | None, corpus: Path) -> str | None:
    """The extraction code's version plus a digest of the corpus's alias file.

    So an alias file edited by hand re-annotates the briefs at the next update, as a change of
    extraction code does.
    """
    if annotate is None:
        return None
    version = getattr(annotate, "version", None)
    if version is None:
        return None
    try:
        aliases = hashlib.sha256((corpus / ALIAS_FILE).read_bytes()).hexdigest()[:12]
    except OSError:
        aliases = "none"
    return f"{version}{_ALIASES_PART}{aliases}"


def _same_code(stored: object, current: str | None) -> bool:
    """Whether two annotator versions differ at most in their alias file digest."""
    if current is None or not isinstance(stored, str):
        return stored == current
    return stored.split(_ALIASES_PART)[0] == current.split(_ALIASES_PART)[0]


# --- health ---


def _is_index_file(name: str) -> bool:
    return (name.startswith(f"_{INDEX_NAME}_") or name.startswith(f"{INDEX_NAME}_")) and (
        name != LOCK_NAME
    )


def _index_files(index_dir: Path) -> list[str]:
    try:
        return sorted(p.name for p in index_dir.iterdir() if _is_index_file(p.name))
    except OSError:
        return []


def _file_sha(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _read_manifest(index_dir: Path) -> dict[str, Any] | None:
    try:
        data = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _write_manifest(
    index_dir: Path, annotator: str | None, unreadable: dict[str, list[str]] | None = None
) -> None:
    previous = _read_manifest(index_dir)
    before = (previous or {}).get("files")
    before = before if isinstance(before, dict) else {}
    files: dict[str, list[Any]] = {}
    for name in _index_files(index_dir):
        info = (index_dir / name).stat()
        old = before.get(name)
        # Whoosh never rewrites a segment file: one recorded with the same size and mtime keeps
        # its checksum (hashing the whole index at each commit took 0.15 s at 10k briefs).
        same = (
            isinstance(old, list)
            and len(old) == 3
            and old[0] == info.st_size
            and old[2] == info.st_mtime_ns
        )
        sha = str(old[1]) if same and isinstance(old, list) else _file_sha(index_dir / name)
        files[name] = [info.st_size, sha, info.st_mtime_ns]
    if unreadable is None:
        unreadable = _unreadable(previous)
    manifest = {
        "schema": SCHEMA_VERSION,
        "annotator": annotator,
        "files": files,
        "unreadable": unreadable,
    }
    write_atomic(index_dir / MANIFEST, json.dumps(manifest, indent=1, sort_keys=True))


def _unreadable(manifest: dict[str, Any] | None) -> dict[str, list[str]]:
    """File name -> [content hash, error] of the briefs that could not be parsed last time."""
    found = (manifest or {}).get("unreadable")
    if not isinstance(found, dict):
        return {}
    return {
        str(name): [str(entry[0]), str(entry[1])]
        for name, entry in found.items()
        if isinstance(entry, list) and len(entry) == 2
    }


def _has_index(index_dir: Path) -> bool:
    return any(
        n.startswith(f"_{INDEX_NAME}_") and n.endswith(".toc") for n in _index_files(index_dir)
    )


def diagnose(index_dir: Path, *, deep: bool = False) -> str | None:
    """Why the index in `index_dir` cannot be used as it is, or None when it looks sound.

    Every file is checked against the sizes recorded at the last commit; `deep` also compares
    the checksum of each file whose modification time changed (a garbled segment keeps its
    size, not its mtime). Whoosh itself would only fail later, mid-query.
    """
    if not _has_index(index_dir):
        if _index_files(index_dir):
            return "the index has lost its table of contents (segment files without a .toc)"
        return f"no index in {index_dir} yet"
    manifest = _read_manifest(index_dir)
    if manifest is None:
        return "the index was not written by this version of briefs (no schema record)"
    version = manifest.get("schema")
    if version != SCHEMA_VERSION:
        return f"the index has schema version {version}, this briefs uses {SCHEMA_VERSION}"
    recorded = manifest.get("files")
    if not isinstance(recorded, dict):
        return "the index's schema record is damaged"
    present = set(_index_files(index_dir))
    for name, entry in sorted(recorded.items()):
        if name not in present:
            return f"index file {name} is missing"
        try:
            size, sha = int(entry[0]), str(entry[1])
            mtime = int(entry[2]) if len(entry) > 2 else -1  # unknown: always verified
        except (TypeError, ValueError, IndexError):
            return "the index's schema record is damaged"
        path = index_dir / name
        try:
            info = path.stat()
            if info.st_size != size:
                return f"index file {name} is truncated or damaged (size changed)"
            if deep and info.st_mtime_ns != mtime and _file_sha(path) != sha:
                return f"index file {name} is damaged (contents changed)"
        except OSError as exc:
            return f"index file {name} cannot be read ({exc.strerror or exc})"
    if not any(n.endswith(".toc") for n in recorded):
        return "the index has no table of contents"
    return None


def open_index(index_dir: Path) -> Any:
    """The Whoosh index in `index_dir`; raises IndexUnavailable with a one-line reason."""
    problem = diagnose(index_dir)
    if problem:
        raise IndexUnavailable(problem)
    try:
        ix = whoosh_index.open_dir(str(index_dir), indexname=INDEX_NAME)
    except Exception as exc:  # Whoosh raises many types for a damaged folder
        raise IndexUnavailable(f"the index cannot be opened ({_describe(exc)})") from None
    expected = set(build_schema().names())
    if set(ix.schema.names()) != expected:
        raise IndexUnavailable("the index was written with different fields")
    return ix


def _describe(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text}"[:160] if text else type(exc).__name__


# --- reading the index and the corpus ---


def _indexed(ix: Any) -> dict[str, _Indexed]:
    """File name -> (brief id, content hash, stamp) of every brief in the index, from columns."""
    out: dict[str, _Indexed] = {}
    with ix.reader() as reader:
        # Whole columns at once: several times faster than a lookup per document.
        paths, ids, shas, stamps = (
            list(reader.column_reader(name)) for name in ("path", "id", "sha", "stamp")
        )
        for docnum in reader.all_doc_ids():
            out[paths[docnum]] = _Indexed(ids[docnum], shas[docnum], stamps[docnum])
    return out


def _stamp(info: os.stat_result) -> str:
    return f"{info.st_size}:{info.st_mtime_ns}"


def _corpus_entries(corpus: Path) -> list[os.DirEntry[str]]:
    """The brief files of the corpus, as `brief_files` picks them, from one directory scan.

    `brief_files` globs then asks about each file; at 10k briefs that was 0.2 s of a no-op
    update, a scan with the same rules is a fraction of it.
    """
    try:
        with os.scandir(corpus) as scan:
            entries = [
                e
                for e in scan
                if e.name.endswith(BRIEF_SUFFIX)
                and not e.name.startswith(".")
                and e.name.lower() != "readme.md"
                and e.is_file()
            ]
    except OSError:
        return []
    return sorted(entries, key=lambda e: e.name)


def _content_sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass
class _Plan:
    indexed: dict[str, _Indexed]
    changed: list[tuple[Path, bytes, str, str]] = field(default_factory=list)  # + sha, stamp
    gone: list[str] = field(default_factory=list)  # file names no longer in the corpus
    errors: list[str] = field(default_factory=list)
    # Briefs still as unreadable as last time: not new, not changed, but still reported.
    unreadable: dict[str, list[str]] = field(default_factory=dict)


def _plan(
    corpus: Path, indexed: dict[str, _Indexed], unreadable: dict[str, list[str]] | None = None
) -> _Plan:
    plan = _Plan(indexed)
    known_bad = unreadable or {}
    seen: set[str] = set()
    for entry in _corpus_entries(corpus):
        seen.add(entry.name)
        old = indexed.get(entry.name)
        try:
            stamp = _stamp(entry.stat())
            # Same size and modification time as when indexed: the file was not touched, and
            # reading and hashing 10k files is what made a no-op update slow.
            if old is not None and old.stamp == stamp:
                continue
            path = Path(entry.path)
            data = path.read_bytes()
        except OSError as exc:
            plan.errors.append(f"{entry.name}: cannot read ({exc.strerror or exc})")
            continue
        sha = _content_sha(data)
        bad = known_bad.get(path.name)
        if old is None and bad is not None and bad[0] == sha:
            plan.unreadable[path.name] = bad
            plan.errors.append(bad[1])
        elif old is None or old.sha != sha:
            plan.changed.append((path, data, sha, stamp))
    plan.gone = sorted(name for name in indexed if name not in seen)
    return plan


def _document(
    brief: Brief, name: str, sha: str, annotation: Annotation | None, stamp: str = ""
) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "id": brief.id,
        "path": name,
        "sha": sha,
        "stamp": stamp,
        "title": brief.title,
        "body": brief.body,
        "spell": f"{brief.title}\n{brief.body}",
    }
    if brief.source:
        doc["source"] = brief.source
        doc["publisher"] = brief.source
    if brief.author:
        doc["author"] = brief.author
    if brief.published:
        doc["date"] = dt.datetime.combine(brief.published, dt.time())
        doc["year"] = str(brief.published.year)
    if annotation is not None:
        ids = sorted({i.strip().lower() for i in annotation.entity_ids if i.strip()})
        if ids:
            doc["entity"] = ",".join(i.replace(",", " ") for i in ids)
        if annotation.mentions_json:
            doc["mentions"] = annotation.mentions_json
    return doc


# --- writing ---


@contextmanager
def _write_lock(index_dir: Path, wait: float) -> Iterator[None]:
    """Whoosh's own write lock (an OS file lock): the same one a Whoosh writer takes."""
    from whoosh.filedb.filestore import FileStorage

    lock = FileStorage(str(index_dir)).lock(LOCK_NAME)
    if not try_for(lock.acquire, timeout=wait, delay=0.1):
        raise IndexLocked(LOCKED_MESSAGE)
    try:
        yield
    finally:
        lock.release()


def _clear(index_dir: Path) -> None:
    """Delete the index's files (never anything else: `index/README.md` lives there too)."""
    for name in [*_index_files(index_dir), MANIFEST]:
        with suppress(FileNotFoundError):
            (index_dir / name).unlink()


def update_index(
    corpus: Path,
    index_dir: Path,
    *,
    rebuild: bool = False,
    annotate: Annotator | None = None,
    progress: Callable[[int, int], None] | None = None,
    wait: float | None = None,
) -> IndexReport:
    """Bring the index in step with the corpus, touching only added, changed and deleted briefs.

    A missing, damaged or outdated index is rebuilt, and `IndexReport.rebuilt` says why.
    Unreadable briefs are left out and listed in `errors`. Brief files are only read.
    Raises IndexLocked when another process is writing (after waiting up to `wait` seconds,
    LOCK_WAIT_S by default: a concurrent `briefs add` usually finishes within it).
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    annotator = _annotator_version(annotate, corpus)
    with _write_lock(index_dir, LOCK_WAIT_S if wait is None else wait):
        reason: str | None = (
            "a rebuild was asked for" if rebuild else diagnose(index_dir, deep=True)
        )
        ix: Any = None
        indexed: dict[str, _Indexed] = {}
        if reason is None:
            manifest = _read_manifest(index_dir) or {}
            stored = manifest.get("annotator")
            if annotator is not None and not _same_code(stored, annotator):
                reason = "entity extraction has changed since the index was built"
            elif annotator is not None and stored != annotator:
                reason = "the entity alias file has changed since the index was built"
        if reason is None:
            try:
                ix = open_index(index_dir)
                indexed = _indexed(ix)
            except Exception as exc:
                reason = str(exc) if isinstance(exc, IndexUnavailable) else _describe(exc)
                reason = f"the index cannot be read ({reason})"
        if reason is not None:
            _clear(index_dir)
            ix = whoosh_index.create_in(str(index_dir), build_schema(), indexname=INDEX_NAME)
            indexed = {}
        report = IndexReport(rebuilt=reason)
        unreadable = {} if reason else _unreadable(_read_manifest(index_dir))
        committed = _apply(
            ix, corpus, indexed, report, annotate, progress, unreadable, fresh=reason is not None
        )
        if committed is not None:
            # Every commit changes the segment files: record them for the next health check.
            _write_manifest(index_dir, annotator, committed)
        with ix.reader() as reader:
            report.total = reader.doc_count()
    return report


def _apply(
    ix: Any,
    corpus: Path,
    indexed: dict[str, _Indexed],
    report: IndexReport,
    annotate: Annotator | None,
    progress: Callable[[int, int], None] | None,
    unreadable: dict[str, list[str]],
    *,
    fresh: bool,
) -> dict[str, list[str]] | None:
    """Apply the corpus's changes to the index.

    Returns None when nothing needed a commit, else the briefs found unreadable (for the manifest).
    """
    plan = _plan(corpus, indexed, unreadable)
    report.errors.extend(plan.errors)
    if not (plan.changed or plan.gone or fresh):
        return None
    still_bad = dict(plan.unreadable)
    changed_names = {path.name for path, _, _, _ in plan.changed}
    # Ids of briefs that stay as they are: a new file may not take one of them.
    taken = {entry.brief_id for name, entry in indexed.items() if name not in changed_names}
    taken -= {indexed[name].brief_id for name in plan.gone}
    added: list[str] = []
    removed: list[str] = [indexed[name].brief_id for name in plan.gone]

    writer = ix.writer(_lk=False, compound=False)  # we hold the lock already
    try:
        for name in plan.gone:
            writer.delete_by_term("path", name)
        total = len(plan.changed)
        for done, (path, data, sha, stamp) in enumerate(plan.changed, start=1):
            old = indexed.get(path.name)
            if old is not None:
                writer.delete_by_term("path", path.name)
                removed.append(old.brief_id)
            brief, problem = _parse(path, data)
            if brief is None:
                report.errors.append(problem)
                still_bad[path.name] = [sha, problem]
            elif brief.id in taken:
                report.errors.append(f"{path.name}: duplicate id {brief.id!r}, skipped")
            else:
                annotation = None
                if annotate is not None:
                    try:
                        annotation = annotate(brief)
                    except Exception as exc:  # the brief is still worth indexing without entities
                        report.errors.append(f"{path.name}: entities left out ({_describe(exc)})")
                writer.add_document(**_document(brief, path.name, sha, annotation, stamp))
                taken.add(brief.id)
                added.append(brief.id)
            if progress is not None:
                progress(done, total)
        # Committing even when every changed file turned out unreadable: it also sweeps the files
        # of the abandoned segment, which a cancelled writer would leave behind.
        writer.commit()
    except BaseException:
        writer.cancel()
        raise
    # A brief whose file was renamed, or rewritten, is one update rather than a delete and an add.
    both = set(added) & set(removed)
    report.added = sorted(set(added) - both)
    report.updated = sorted(both)
    report.deleted = sorted(set(removed) - both)
    return still_bad


def reindex(
    corpus: Path,
    index_dir: Path,
    brief_ids: Iterable[str],
    *,
    annotate: Annotator,
    wait: float | None = None,
) -> IndexReport:
    """Re-annotate these briefs only, their files unchanged (the entity alias file changed).

    An index that is missing, damaged or outdated, or a brief whose file changed, is left to
    `update_index`, which this then runs. Raises IndexLocked like `update_index`.
    (Added by the entities work: `briefs entities merge|ignore|rename|retype`.)
    """
    wanted = set(brief_ids)
    annotator = _annotator_version(annotate, corpus)
    manifest = _read_manifest(index_dir) or {}
    # The alias file has just changed (that is why we are here): only the code must match.
    if diagnose(index_dir) is not None or not _same_code(manifest.get("annotator"), annotator):
        return update_index(corpus, index_dir, annotate=annotate, wait=wait)
    report = IndexReport()
    with _write_lock(index_dir, LOCK_WAIT_S if wait is None else wait):
        ix = open_index(index_dir)
        writer = ix.writer(_lk=False, compound=False)
        try:
            for name, entry in sorted(_indexed(ix).items()):
                if entry.brief_id not in wanted:
                    continue
                try:
                    data = (corpus / name).read_bytes()
                except OSError:
                    continue
                brief, _ = _parse(corpus / name, data)
                if brief is None or _content_sha(data) != entry.sha:
                    continue  # a changed file is update_index's work
                try:
                    annotation = annotate(brief)
                except Exception as exc:
                    report.errors.append(f"{name}: entities left out ({_describe(exc)})")
                    annotation = None
                writer.delete_by_term("path", name)
                writer.add_document(**_document(brief, name, entry.sha, annotation, entry.stamp))
                report.updated.append(brief.id)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        _write_manifest(index_dir, annotator)
        with ix.reader() as reader:
            report.total = reader.doc_count()
    return report


def _parse(path: Path, data: bytes) -> tuple[Brief | None, str]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None, f"{path.name}: not UTF-8 text"
    try:
        return parse_brief(text, path), ""
    except BriefError as exc:
        return None, str(exc)


def index_status(corpus: Path, index_dir: Path) -> IndexStatus:
    """How far the index is from the corpus, without writing anything (reads and hashes files)."""
    problem = diagnose(index_dir)
    ix = None
    if problem is None:
        try:
            ix = open_index(index_dir)
        except IndexUnavailable as exc:
            problem = str(exc)
    exists = _has_index(index_dir)
    if ix is None:
        count = len(_corpus_entries(corpus))
        return IndexStatus(exists, False, count, 0, 0, 0, problem)
    try:
        indexed = _indexed(ix)
    except Exception as exc:
        count = len(_corpus_entries(corpus))
        return IndexStatus(
            True, False, count, 0, 0, 0, f"the index cannot be read ({_describe(exc)})"
        )
    plan = _plan(corpus, indexed, _unreadable(_read_manifest(index_dir)))
    changed = sum(1 for path, _, _, _ in plan.changed if path.name in indexed)
    new = len(plan.changed) - changed
    return IndexStatus(True, True, new, changed, len(plan.gone), len(indexed), None)


__all__ = [
    "IndexLocked",
    "IndexReport",
    "IndexStatus",
    "IndexUnavailable",
    "diagnose",
    "index_status",
    "open_index",
    "reindex",
    "update_index",
]
