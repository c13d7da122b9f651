"""`briefs add`: turn captured web pages (.txt, .md, .html) into clean briefs in the corpus.

Two steps, so that a bad path never leaves half a batch behind: first every path is walked,
read and cleaned (any unreadable file raises IngestError and nothing is written), then each brief
is checked against the corpus (duplicate, update, new) and written atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from tui.core.atomic import write_atomic
from tui.core.brief import BRIEF_SUFFIX, Brief, load_corpus, slugify
from tui.core.furniture import normalise, words
from tui.core.ingest_clean import Cleaned, clean_text
from tui.core.ingest_meta import parse_date
from tui.core.ingest_text import Decoded, NotText, decode_capture, scrub, scrub_line

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")
MAX_CAPTURE_BYTES = 20 * 1024 * 1024

Status = Literal["added", "updated", "skipped", "failed"]


class IngestError(Exception):
    """A path that cannot be added; the message is one line for the user. Nothing was written."""


class NotACapture(IngestError):
    """The bytes are not text (an image, a PDF, random data)."""


class EmptyCapture(IngestError):
    """The file holds no article text (empty, or nothing left once the furniture is gone)."""


@dataclass(frozen=True)
class AddResult:
    path: Path
    status: Status
    brief_id: str | None
    reason: str  # why it was skipped or failed; for added/updated, notes such as the encoding used
    title: str | None = None


@dataclass
class AddReport:
    results: list[AddResult] = field(default_factory=list)

    def of(self, status: Status) -> list[AddResult]:
        return [r for r in self.results if r.status == status]

    @property
    def changed_ids(self) -> list[str]:
        """Ids of the briefs written (added or updated), for the index."""
        return [r.brief_id for r in self.results if r.status in ("added", "updated") and r.brief_id]

    @property
    def ok(self) -> bool:
        return not self.of("failed")

    def counts(self) -> dict[str, int]:
        return {s: len(self.of(s)) for s in ("added", "updated", "skipped", "failed")}


# --- one capture ---------------------------------------------------------------------------


def clean_capture(raw: bytes, name: str) -> Brief:
    """Decode and clean one capture (no file is written).

    `name` is the capture's file name: its suffix picks the reader (.html/.htm, .md/.markdown,
    anything else is text). The brief's id is a slug of its title; `add_paths` makes it unique.
    Raises NotACapture for binary data and EmptyCapture when no article text is left.
    """
    return _clean_capture(raw, name)[0]


def _clean_capture(raw: bytes, name: str) -> tuple[Brief, str]:
    """The brief, and a note on how the bytes were read when it was not plain UTF-8."""
    suffix = Path(name).suffix.lower()
    is_html = suffix in (".html", ".htm")
    try:
        if is_html:
            from tui.core.ingest_html import decode_html

            decoded = decode_html(raw)
        else:
            decoded = decode_capture(raw)
    except NotText as exc:
        raise NotACapture(str(exc)) from None
    text = scrub(decoded.text)
    if not text.strip():
        raise EmptyCapture("empty file")

    front: dict[str, Any] = {}
    if is_html or (suffix not in (".md", ".markdown") and _looks_like_html(text)):
        cleaned = _clean_html(text)
    elif suffix in (".md", ".markdown"):
        front, body = _split_front_matter(text)
        cleaned = clean_text(body, markdown=True, title=_field(front, "title"))
    else:
        cleaned = clean_text(text, markdown=False)
    if not cleaned.body.strip():
        raise EmptyCapture("no article text left once the page furniture is removed")
    return _brief(cleaned, front, raw, name), _decoding_note(decoded)


def _decoding_note(decoded: Decoded) -> str:
    if decoded.lossy:
        return f"some bytes were not valid {decoded.encoding} and were replaced"
    if decoded.encoding in ("utf-8", "ascii"):
        return ""
    return f"read as {decoded.encoding}"


def _looks_like_html(text: str) -> bool:
    from tui.core.ingest_html import looks_like_html

    return looks_like_html(text)


def _clean_html(html: str) -> Cleaned:
    from tui.core.ingest_html import extract_article

    article = extract_article(html)
    cleaned = clean_text(scrub(article.text), markdown=article.markdown, title=article.title)
    # What the page's metadata says wins over what the text seems to say.
    cleaned.author = _one_line(article.author) or cleaned.author
    cleaned.published = article.published or cleaned.published
    cleaned.source = _one_line(article.source) or cleaned.source
    cleaned.url = _one_line(article.url) or cleaned.url
    return cleaned


def _split_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """A Markdown capture's front matter and body; a broken block is kept as text."""
    if not text.startswith("---"):
        return {}, text
    from tui.core.brief import split_front_matter

    try:
        return split_front_matter(text)
    except ValueError:  # broken, or too deeply nested to parse safely
        return {}, text


_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "slug"),
    "title": ("title", "headline"),
    "source": ("source", "publisher", "site", "sitename", "site_name", "publication"),
    "author": ("author", "authors", "by", "byline"),
    # Not `created`: web clippers put the day of the clipping there.
    "published": ("published", "date", "pubdate", "published_at", "publication_date"),
    # Web clippers (Obsidian's among them) write the page's address as `source`.
    "url": ("url", "link", "source_url", "canonical_url", "canonical", "source"),
    "ingested": ("ingested",),
    "sha256": ("sha256",),
    "origin": ("origin",),
}


def _field(front: dict[str, Any], name: str) -> str | None:
    for key in _FIELD_ALIASES[name]:
        value = front.get(key)
        if isinstance(value, list):
            # Scalars only: str() of a YAML alias bomb (nested lists of one list) never ends.
            value = ", ".join(str(v) for v in value[:50] if v and isinstance(v, str | int | float))
        if not isinstance(value, str | int | float | dt.date):
            continue
        text = _one_line(value.isoformat() if isinstance(value, dt.date) else str(value))
        if not text:
            continue
        is_url = bool(re.match(r"https?://\S+$", text))
        if (name == "url") != is_url:
            continue  # an address is no publisher, and a publisher no address
        # `[[Giuliano Bifolchi]]`: a wiki link, as note-taking apps write names.
        return _WIKI_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    return None


_WIKI_LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")


def _one_line(value: str | None) -> str | None:
    if not value:
        return None
    return scrub_line(value) or None


def _date_field(front: dict[str, Any], name: str) -> dt.date | None:
    for key in _FIELD_ALIASES[name]:
        value = front.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and value.strip():
            found = parse_date(value.strip()[:10]) or parse_date(value.strip())
            if found:
                return found
    return None


def _brief(cleaned: Cleaned, front: dict[str, Any], raw: bytes, name: str) -> Brief:
    title = (
        _field(front, "title") or _one_line(cleaned.title) or _fallback_title(name, cleaned.body)
    )
    given_id = _field(front, "id")
    brief_id = given_id if given_id and re.fullmatch(r"[a-z0-9][a-z0-9-]*", given_id) else None
    return Brief(
        id=brief_id or make_slug(given_id or title),
        title=title,
        body=cleaned.body.strip(),
        source=_field(front, "source") or _one_line(cleaned.source),
        author=_field(front, "author") or _one_line(cleaned.author),
        published=_date_field(front, "published") or cleaned.published,
        url=_field(front, "url") or _one_line(cleaned.url),
        ingested=_date_field(front, "ingested"),
        sha256=_field(front, "sha256") or hashlib.sha256(raw).hexdigest(),
        origin=_field(front, "origin") or _one_line(Path(name).name),
    )


def make_slug(title: str) -> str:
    """A readable id: `Russia’s Strategy` -> `russias-strategy` (apostrophes do not split words)."""
    return slugify(re.sub(r"(?<=\w)[’'](?=\w)", "", title))


def _fallback_title(name: str, body: str) -> str:
    """The file's name when it says something (`gas-hub-talks.txt`), else the opening words."""
    stem = Path(name).stem
    meaningful = [w for w in re.split(r"[\W_]+", stem) if len(w) >= 3 and w.isalpha()]
    if len(meaningful) >= 2:
        text = " ".join(w for w in re.split(r"[\W_]+", stem) if w)
        return text[:1].upper() + text[1:]
    first = next((p for p in body.split("\n") if p.strip() and not p.startswith("*")), body)
    opening = words(first.lstrip("#> "))[:10]
    return " ".join(opening) + ("…" if len(words(first)) > 10 else "") if opening else stem


# --- a batch -------------------------------------------------------------------------------


@dataclass
class _Capture:
    path: Path
    raw: bytes
    brief: Brief | None = None
    note: str = ""


Progress = Callable[[str, int, int], None]  # (step: "cleaning" | "writing", done, total)


def add_paths(
    paths: Sequence[Path],
    corpus: Path,
    *,
    today: dt.date | None = None,
    progress: Progress | None = None,
) -> AddReport:
    """Add files and folders (recursively) to the corpus; see the module docstring for the order.

    Raises IngestError (one line) for a missing path, an unreadable file or a file that is not
    text, before anything is written. `progress`, when given, hears about each file cleaned and
    each brief written (a folder of thousands of captures takes a while).
    """
    today = today or dt.date.today()
    corpus = Path(corpus)
    if corpus.exists() and not corpus.is_dir():
        raise IngestError(f"the corpus {corpus} is not a folder")
    report = AddReport()
    captures, order = _read_all([Path(p) for p in paths], corpus, report)
    for done, capture in enumerate(captures, 1):
        try:
            capture.brief, capture.note = _clean_capture(capture.raw, capture.path.name)
        except EmptyCapture as exc:
            report.results.append(AddResult(capture.path, "skipped", None, str(exc)))
        except NotACapture as exc:
            raise IngestError(f"cannot add {capture.path}: {exc}") from None
        if progress:
            progress("cleaning", done, len(captures))
    cleaned = [c for c in captures if c.brief is not None]
    _Planner(corpus, today, report, progress).run(cleaned)
    report.results.sort(key=lambda r: order.get(r.path, len(order)))
    return report


def _read_all(
    paths: list[Path], corpus: Path, report: AddReport
) -> tuple[list[_Capture], dict[Path, int]]:
    """Every capture under the paths, read into memory, and the order each path was found in."""
    seen: set[Path] = set()
    captures: list[_Capture] = []
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
                report.results.append(AddResult(file, "skipped", None, skip))
            else:
                captures.append(_Capture(file, _read(file)))
    return captures, order


def _unsupported(path: Path) -> str:
    if path.suffix.lower() in SUPPORTED_SUFFIXES:
        return ""
    kind = path.suffix.lower() or "no extension"
    return f"not a capture ({kind}; briefs reads .txt, .md and .html)"


def _read(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_CAPTURE_BYTES:
            raise IngestError(
                f"cannot add {path}: too large for a brief ({size / 1e6:.0f} MB; the limit is "
                f"{MAX_CAPTURE_BYTES // 1024 // 1024} MB)"
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


class _Planner:
    """Decides, brief by brief, between duplicate, update and new, and writes."""

    def __init__(
        self, corpus: Path, today: dt.date, report: AddReport, progress: Progress | None = None
    ) -> None:
        self.corpus = corpus
        self.progress = progress
        self.today = today
        self.report = report
        self.note = ""
        loaded = load_corpus(corpus)
        self.briefs: dict[str, Brief] = {b.id: b for b in loaded.briefs}
        # Every file name in the folder is taken, even one that failed to parse.
        self.taken: set[str] = set(self.briefs)
        if corpus.is_dir():
            self.taken |= {p.stem for p in corpus.glob(f"*{BRIEF_SUFFIX}")}
        self.by_sha: dict[str, str] = {}
        for brief in loaded.briefs:
            if brief.sha256:
                self.by_sha.setdefault(brief.sha256, brief.id)

    def run(self, captures: list[_Capture]) -> None:
        for done, capture in enumerate(captures, 1):
            assert capture.brief is not None
            self.note = capture.note
            self._one(capture.path, capture.raw, capture.brief)
            if self.progress:
                self.progress("writing", done, len(captures))

    def _one(self, path: Path, raw: bytes, brief: Brief) -> None:
        raw_sha = hashlib.sha256(raw).hexdigest()
        same = self.by_sha.get(raw_sha)
        if same is not None:
            self._result(path, "skipped", same, f"duplicate of {same}")
            return
        recorded = self.by_sha.get(brief.sha256) if brief.sha256 != raw_sha else None
        if recorded is not None:
            old = self.briefs[recorded]
            if old.body == brief.body and old.title == brief.title:
                self._result(path, "skipped", recorded, f"duplicate of {recorded}")
                return
            self._write_update(path, raw_sha, old, brief, "same capture, edited")
            return
        old_brief, why = self._earlier_version(brief)
        if old_brief is not None:
            self._write_update(path, raw_sha, old_brief, brief, why)
            return
        self._write_new(path, raw_sha, brief)

    def _earlier_version(self, brief: Brief) -> tuple[Brief | None, str]:
        """The brief this capture is a newer copy of: same address, or same file name and title.

        A file name alone is not enough: two sites' `article.html` are different briefs.
        """
        if brief.url:
            for old in self.briefs.values():
                if old.url == brief.url:
                    return old, "same url, new content"
        if brief.origin:
            title = normalise(brief.title)
            for old in self.briefs.values():
                if old.origin != brief.origin:
                    continue
                if old.url and brief.url and old.url != brief.url:
                    continue
                if normalise(old.title) == title:
                    return old, "same file and title, new content"
        return None, ""

    def _write_update(self, path: Path, raw_sha: str, old: Brief, new: Brief, why: str) -> None:
        brief = replace(new, id=old.id, ingested=new.ingested or self.today, path=None)
        target = old.path or self.corpus / f"{old.id}{BRIEF_SUFFIX}"
        try:
            write_atomic(target, brief.to_markdown())
        except OSError as exc:
            self._result(path, "failed", old.id, f"cannot write {target}: {exc.strerror or exc}")
            return
        self._remember(brief.with_path(target), raw_sha)
        self._result(path, "updated", old.id, _join(why, self.note), brief.title)

    def _write_new(self, path: Path, raw_sha: str, brief: Brief) -> None:
        base = brief.id
        n = 1
        while True:
            candidate = base if n == 1 else f"{base}-{n}"
            n += 1
            if candidate in self.taken:
                continue
            new = replace(brief, id=candidate, ingested=brief.ingested or self.today, path=None)
            target = self.corpus / f"{candidate}{BRIEF_SUFFIX}"
            try:
                write_atomic(target, new.to_markdown(), exclusive=True)
            except FileExistsError:
                # Written by someone else since we looked: never overwrite it.
                self.taken.add(candidate)
                continue
            except OSError as exc:
                self._result(path, "failed", None, f"cannot write {target}: {exc.strerror or exc}")
                return
            self.taken.add(candidate)
            self._remember(new.with_path(target), raw_sha)
            self._result(path, "added", candidate, self.note, new.title)
            return

    def _remember(self, brief: Brief, raw_sha: str) -> None:
        self.briefs[brief.id] = brief
        self.by_sha[raw_sha] = brief.id
        if brief.sha256:
            self.by_sha[brief.sha256] = brief.id

    def _result(
        self,
        path: Path,
        status: Status,
        brief_id: str | None,
        reason: str,
        title: str | None = None,
    ) -> None:
        self.report.results.append(AddResult(path, status, brief_id, reason, title))


def _join(*parts: str) -> str:
    return "; ".join(p for p in parts if p)
