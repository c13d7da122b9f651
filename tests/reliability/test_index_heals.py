"""The index heals: damaged files, a missing table of contents, an older schema, a stale lock and
a writer killed mid-commit are each detected, rebuilt from briefs/ with a message, and searches
answer exactly right afterwards. Indexing never changes a brief (the corpus is hashed around it).
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from whoosh import fields
from whoosh import index as whoosh_index

from tests.reliability.corpora import SHARED, make_corpus
from tests.reliability.helpers import briefs, snapshot, where
from tui.core.index import (
    MANIFEST,
    IndexLocked,
    IndexUnavailable,
    index_status,
    update_index,
)
from tui.core.schema import SCHEMA_VERSION
from tui.core.search import Searcher

CHILD = Path(__file__).with_name("child.py")
DATA = Path(__file__).parents[1] / "data"


def assert_answers(index: Path, answers: dict[str, str]) -> None:
    """Every brief is found, and each marker word finds exactly its brief."""
    with Searcher(index) as searcher:
        everything = searcher.search(SHARED, limit=100_000, snippets=False)
        assert everything.error is None, everything.error
        assert {hit.id for hit in everything.hits} == set(answers)
        assert everything.total == len(answers)
        for brief_id, word in sorted(answers.items())[::5]:
            result = searcher.search(word, snippets=False)
            assert [hit.id for hit in result.hits] == [brief_id], word


def search_or_refuse(index: Path) -> int | None:
    """A search on a possibly damaged index: IndexUnavailable, or a SearchResult (hits or a
    message), never another exception. Returns the hit count when it answered."""
    try:
        with Searcher(index) as searcher:
            result = searcher.search(SHARED, limit=100_000, snippets=False)
    except IndexUnavailable as exc:
        assert str(exc) and "\n" not in str(exc)
        return None
    if result.error:
        assert "\n" not in result.error
        return None
    return result.total


@pytest.fixture
def built(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    corpus, index = tmp_path / "briefs", tmp_path / "index"
    answers = make_corpus(corpus, 25)
    report = update_index(corpus, index)
    assert report.total == 25 and not report.errors
    return corpus, index, answers


def _files(index: Path, suffix: str) -> list[Path]:
    found = sorted(p for p in index.iterdir() if p.name.endswith(suffix))
    assert found, f"no {suffix} file in {sorted(p.name for p in index.iterdir())}"
    return found


def _garble(path: Path) -> None:
    """Same size, different bytes: only a checksum notices."""
    data = bytearray(path.read_bytes())
    rng = random.Random(path.name)
    for _ in range(max(8, len(data) // 20)):
        data[rng.randrange(len(data))] ^= 0xFF
    path.write_bytes(bytes(data))


def _truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _other_schema(index: Path) -> None:
    """An index as an older briefs wrote it: other fields, under a manifest of today's version."""
    manifest = (index / MANIFEST).read_text(encoding="utf-8")
    for p in index.iterdir():
        p.unlink()
    old = fields.Schema(id=fields.ID(stored=True, unique=True), text=fields.TEXT(stored=True))
    ix = whoosh_index.create_in(str(index), old, indexname="MAIN")
    with ix.writer() as writer:
        writer.add_document(id="brief-0000", text="stale words")
    data = json.loads(manifest)
    data["files"] = {
        p.name: [p.stat().st_size, "0" * 64]
        for p in index.iterdir()
        if "MAIN" in p.name and "WRITELOCK" not in p.name
    }
    (index / MANIFEST).write_text(json.dumps(data), encoding="utf-8")


def _older_version(index: Path) -> None:
    data = json.loads((index / MANIFEST).read_text(encoding="utf-8"))
    data["schema"] = SCHEMA_VERSION - 1
    (index / MANIFEST).write_text(json.dumps(data), encoding="utf-8")


FAULTS: dict[str, Callable[[Path], None]] = {
    "postings-deleted": lambda ix: _files(ix, ".pst")[0].unlink(),
    "terms-truncated": lambda ix: _truncate(_files(ix, ".trm")[0]),
    "postings-garbled": lambda ix: _garble(_files(ix, ".pst")[0]),
    "stored-garbled": lambda ix: _garble(_files(ix, "_stored.col")[0]),
    "column-emptied": lambda ix: _files(ix, ".id.col")[0].write_bytes(b""),
    "toc-missing": lambda ix: _files(ix, ".toc")[0].unlink(),
    "toc-garbled": lambda ix: _garble(_files(ix, ".toc")[0]),
    "toc-truncated": lambda ix: _truncate(_files(ix, ".toc")[0]),
    "every-file-emptied": lambda ix: [p.write_bytes(b"") for p in ix.iterdir()] and None,
    "manifest-missing": lambda ix: (ix / MANIFEST).unlink(),
    "manifest-garbled": lambda ix: (ix / MANIFEST).write_text("{not json", encoding="utf-8"),
    "manifest-list": lambda ix: (ix / MANIFEST).write_text("[1, 2]", encoding="utf-8"),
    "older-schema-version": _older_version,
    "older-schema-fields": _other_schema,
    "junk-segment": lambda ix: (ix / "MAIN_zzzz.seg").write_bytes(os.urandom(300)),
}


SAME_SIZE = {"postings-garbled", "stored-garbled"}


@pytest.mark.parametrize("fault", sorted(FAULTS))
def test_a_damaged_index_is_detected_and_rebuilt(
    fault: str, built: tuple[Path, Path, dict[str, str]]
) -> None:
    corpus, index, answers = built
    before = snapshot(corpus)
    FAULTS[fault](index)
    status = index_status(corpus, index)  # cheap, never raises
    # Before healing, a search answers right or refuses with a message; never wrongly.
    assert search_or_refuse(index) in (None, len(answers))
    report = update_index(corpus, index)
    if fault != "junk-segment":  # a stray file the manifest does not list is simply ignored
        # index_status compares sizes only (it must stay cheap): same-size garbling is found by
        # update_index's checksums, and meanwhile searches report the damage.
        assert not status.up_to_date or fault in SAME_SIZE, status
        assert report.rebuilt and "\n" not in report.rebuilt, report
    assert report.total == len(answers) and not report.errors
    assert_answers(index, answers)
    assert index_status(corpus, index).up_to_date
    assert snapshot(corpus) == before


def test_the_cli_heals_the_index_when_adding(built: tuple[Path, Path, dict[str, str]]) -> None:
    """`briefs add` rebuilds a damaged index and says so; nothing else in the corpus changes."""
    corpus, index, answers = built
    _garble(_files(index, ".pst")[0])
    before = snapshot(corpus)
    new = corpus.parent / "new.txt"
    new.write_text((DATA / "ingest" / "wrapped-report.txt").read_text(encoding="utf-8"))
    run = briefs("add", new, "--json", *where(corpus, index))
    assert run.code == 0, run.error
    data = json.loads(run.out)
    (result,) = data["results"]
    assert data["index"]["rebuilt"], data["index"]
    after = snapshot(corpus)
    assert {k: v for k, v in after.items() if k in before} == before
    assert_answers_subset(index, answers)
    with Searcher(index) as searcher:
        assert [h.id for h in searcher.search("Turkmenistan").hits] == [result["id"]]
        assert searcher.doc_count == len(answers) + 1


# --- a stale lock -----------------------------------------------------------------------------


def _spawn(*args: str | Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), *map(str, args)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


def _wait_for(ready: Path, child: subprocess.Popen[bytes], timeout: float = 60) -> bool:
    """True once the child has touched `ready`; False if it ended first."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if ready.exists():
            return True
        if child.poll() is not None:
            return ready.exists()
        time.sleep(0.01)
    child.kill()
    raise AssertionError(f"child never got ready: {child.communicate()[1].decode()}")


def _kill(child: subprocess.Popen[bytes]) -> None:
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)


def test_a_lock_held_by_another_process_is_reported_then_freed_by_its_death(
    built: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    corpus, index, answers = built
    make_corpus(corpus, 5, start=25)
    answers = answers | {f"brief-{i:04d}": f"mark{i:04d}x" for i in range(25, 30)}
    ready = tmp_path / "ready"
    holder = _spawn("hold-lock", index, ready)
    try:
        assert _wait_for(ready, holder)
        with pytest.raises(IndexLocked) as locked:
            update_index(corpus, index, wait=0.3)
        assert "another briefs process" in str(locked.value)
        # The real command waits, then reports: a line, no traceback, the briefs still added.
        new = tmp_path / "late.txt"
        new.write_text((DATA / "ingest" / "wrapped-report.txt").read_text(encoding="utf-8"))
        run = briefs("add", new, *where(corpus, index))
        assert run.code == 0
        assert "index not updated" in run.error and "briefs index" in run.error
        # Readers are not blocked by a writer.
        assert search_or_refuse(index) == 25
    finally:
        _kill(holder)
    # SIGKILL: the lock file stays behind, but the OS lock died with the process.
    assert any("WRITELOCK" in p.name for p in index.iterdir())
    report = update_index(corpus, index, wait=0.5)
    assert report.total == 31
    late = [r for r in report.added if not r.startswith("brief-")]
    assert len(late) == 1 and sorted(set(report.added) - set(late)) == sorted(
        f"brief-{i:04d}" for i in range(25, 30)
    )
    assert_answers_subset(index, answers)


def assert_answers_subset(index: Path, answers: dict[str, str]) -> None:
    with Searcher(index) as searcher:
        for brief_id, word in sorted(answers.items()):
            assert [h.id for h in searcher.search(word, snippets=False).hits] == [brief_id]


# --- a writer killed mid-commit -----------------------------------------------------------------

POINTS = ("adding", "segment", "toc", "manifest")


@pytest.mark.slow
@pytest.mark.parametrize("fresh", [False, True], ids=["incremental", "first-build"])
def test_a_writer_killed_at_any_point_leaves_an_index_that_heals(
    fresh: bool, tmp_path: Path
) -> None:
    """SIGKILL inside each commit phase, and at random moments: then search answers exactly."""
    corpus, index = tmp_path / "briefs", tmp_path / "index"
    answers = make_corpus(corpus, 50)
    rng = random.Random(5 + fresh)
    kills = [(point, 0.0) for point in POINTS] + [("none", rng.uniform(0.05, 0.6))]
    for round_, (point, delay) in enumerate(kills):
        # Each round adds briefs that the killed writer was indexing.
        answers |= make_corpus(corpus, 10, start=1000 + 10 * round_)
        if fresh:
            for p in index.glob("*"):
                p.unlink()
        before = snapshot(corpus)
        old_total = search_or_refuse(index) if index.exists() else None
        ready = tmp_path / f"ready-{round_}"
        writer = _spawn("update", corpus, index, ready, point)
        reached = _wait_for(ready, writer)
        if point == "none":
            time.sleep(delay)
        if point != "none":  # the hook was reached: the writer hangs right there
            assert ready.read_text(encoding="utf-8") == "ready", point
        if writer.poll() is None:
            _kill(writer)
        else:
            assert reached and writer.returncode == 0, writer.communicate()[1].decode()
        assert snapshot(corpus) == before, point
        # Before healing, a reader sees the old index, the new one, or a clear refusal.
        seen = search_or_refuse(index)
        assert seen in (None, old_total, len(answers)), (point, seen)
        report = update_index(corpus, index, wait=1.0)
        assert report.total == len(answers) and not report.errors, (point, report)
        assert_answers(index, answers)
        assert snapshot(corpus) == before, point


CLI_FAULTS = ("postings-garbled", "terms-truncated", "older-schema-version")


@pytest.mark.parametrize("fault", CLI_FAULTS)
def test_briefs_search_and_briefs_index_after_damage(
    fault: str, built: tuple[Path, Path, dict[str, str]]
) -> None:
    """The real commands: search answers or says what to do (one line, no traceback); `briefs
    index` rebuilds and says why; then search is exact."""
    corpus, index, answers = built
    before = snapshot(corpus)
    FAULTS[fault](index)
    folders = where(corpus, index)
    first = briefs("search", SHARED, "--limit", "100", "--json", *folders)
    assert first.code in (0, 1, 2), first.error
    if first.code == 0:  # it rebuilt the index itself, or read it right
        assert json.loads(first.out)["total"] == len(answers)
    else:  # the reason, in the JSON or on stderr
        reason = json.loads(first.out)["error"] if first.out.strip() else first.error.strip()
        assert reason and "\n" not in reason, first
    healed = briefs("index", *folders)
    assert healed.code == 0, healed.error
    assert "rebuilt:" in healed.text or first.code == 0, healed.text
    sample = dict(sorted(answers.items())[::8])
    run = briefs("search", " ".join(sample.values()), "--limit", "100", "--json", *folders)
    assert run.code == 0, run.error
    assert {hit["id"] for hit in json.loads(run.out)["hits"]} == set(sample)
    assert snapshot(corpus) == before
