"""The files under the paths given to `briefs add`, read into memory before anything is cleaned.

A missing path, an unreadable file or one too large stops the batch (IngestError) before anything
is written; files of a kind briefs does not read are listed with the reason they are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from tui.core.brief import Brief
from tui.core.ingest.errors import IngestError

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx")
MAX_CAPTURE_BYTES = 20 * 1024 * 1024
# PDF and Word files carry pictures and fonts: far more bytes for the same text.
MAX_DOCUMENT_BYTES = 200 * 1024 * 1024
_DOCUMENT_SUFFIXES = (".pdf", ".docx")
READS = ".txt, .md, .html, .pdf and .docx"
_NOT_READ = {
    ".doc": "an old Word .doc file (briefs reads .docx: save it as .docx)",
    ".odt": "an OpenDocument text (briefs reads .docx: save it as .docx or .pdf)",
    ".rtf": "an RTF document (briefs reads .docx: save it as .docx or .pdf)",
    ".pages": "a Pages document (briefs reads .docx: export it as .docx or .pdf)",
}


@dataclass
class Capture:
    path: Path
    raw: bytes
    brief: Brief | None = None
    note: str = ""


def read_all(
    paths: list[Path], corpus: Path
) -> tuple[list[Capture], list[tuple[Path, str]], dict[Path, int]]:
    """Every capture under the paths, read into memory; the files skipped, with the reason; and
    the order each path was found in."""
    seen: set[Path] = set()
    captures: list[Capture] = []
    skipped: list[tuple[Path, str]] = []
    order: dict[Path, int] = {}
    corpus_real = corpus.resolve() if corpus.exists() else None
    for path in paths:
        if not path.exists():
            if path.is_symlink():
                raise IngestError(f"{path} is a broken link")
            raise IngestError(f"no such file or folder: {path}")
        if path.is_dir():
            found = list(_walk(path, corpus_real, set()))
        elif path.is_file():
            found = [(path, _unsupported(path))]
        else:
            raise IngestError(f"{path} is not a file or a folder")
        for file, skip in found:
            real = file.resolve()
            if real in seen:
                continue
            seen.add(real)
            order[file] = len(order)
            if skip:
                skipped.append((file, skip))
            else:
                captures.append(Capture(file, _read(file)))
    return captures, skipped, order


def _unsupported(path: Path) -> str:
    if path.suffix.lower() in SUPPORTED_SUFFIXES:
        return ""
    kind = path.suffix.lower() or "no extension"
    if kind in _NOT_READ:
        return _NOT_READ[kind]
    return f"not a capture ({kind}; briefs reads {READS})"


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        limit = (
            MAX_DOCUMENT_BYTES if path.suffix.lower() in _DOCUMENT_SUFFIXES else MAX_CAPTURE_BYTES
        )
        if size > limit:
            raise IngestError(
                f"cannot add {path}: too large for a brief ({size / 1e6:.0f} MB; the limit is "
                f"{limit // 1024 // 1024} MB)"
            )
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read {path}: {exc.strerror or exc}") from None


def _walk(
    folder: Path, corpus_real: Path | None, visited: set[tuple[int, int]]
) -> Iterator[tuple[Path, str]]:
    """(file, reason to skip it or "") under a folder, in path order, hidden entries left out.

    Each real folder is entered once, so symlink loops end; the corpus is never re-imported.
    """
    try:
        info = folder.stat()
    except OSError as exc:
        raise IngestError(f"cannot read {folder}: {exc.strerror or exc}") from None
    key = (info.st_dev, info.st_ino)
    if key in visited or (corpus_real is not None and folder.resolve() == corpus_real):
        return
    visited.add(key)
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        raise IngestError(f"cannot read {folder}: {exc.strerror or exc}") from None
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError:
            is_dir = is_file = False
        if is_dir:
            yield from _walk(path, corpus_real, visited)
        elif is_file:
            yield path, _unsupported(path)
        elif entry.is_symlink() and not path.exists():
            yield path, "broken link"
        else:
            # Never opened: reading a FIFO blocks for ever, a device may never end.
            yield path, "not a regular file (a pipe, socket or device)"
