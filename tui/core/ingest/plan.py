"""`briefs add`: turn captured web pages, notes, PDF and Word files into briefs in the corpus.

Two steps, so that a bad path never leaves half a batch behind: first every path is walked,
read and cleaned (any unreadable file raises IngestError and nothing is written), then each brief
is checked against the corpus (duplicate, update, new) and written atomically.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

from tui.core.atomic import write_atomic
from tui.core.brief import BRIEF_SUFFIX, Brief, load_corpus
from tui.core.ingest.capture import clean_capture_noted
from tui.core.ingest.errors import EmptyCapture, IngestError, NotACapture, UnreadableDocument
from tui.core.ingest.furniture import normalise
from tui.core.ingest.walk import Capture, read_all

Status = Literal["added", "updated", "skipped", "failed"]


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
    captures, skipped, order = read_all([Path(p) for p in paths], corpus)
    report.results.extend(AddResult(path, "skipped", None, why) for path, why in skipped)
    for done, capture in enumerate(captures, 1):
        try:
            capture.brief, capture.note = clean_capture_noted(capture.raw, capture.path.name)
        except (EmptyCapture, UnreadableDocument) as exc:
            report.results.append(AddResult(capture.path, "skipped", None, str(exc)))
        except NotACapture as exc:
            raise IngestError(f"cannot add {capture.path}: {exc}") from None
        if progress:
            progress("cleaning", done, len(captures))
    cleaned = [c for c in captures if c.brief is not None]
    _Planner(corpus, today, report, progress).run(cleaned)
    report.results.sort(key=lambda r: order.get(r.path, len(order)))
    return report


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

    def run(self, captures: list[Capture]) -> None:
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
