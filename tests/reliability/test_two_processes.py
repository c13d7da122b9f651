"""Two processes: a reader that keeps one Searcher open while `briefs add` runs in another
process, and two writers at once. Nobody crashes, the index is never corrupt, the reader sees the
new briefs once it refreshes, and a writer that finds the lock taken waits or says so."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.reliability.corpora import SHARED, make_corpus, marker
from tests.reliability.helpers import briefs, child_env, snapshot, where
from tests.reliability.test_index_heals import assert_answers
from tui.core.entities import default_annotator
from tui.core.index import update_index
from tui.core.search import Searcher

CHILD = Path(__file__).with_name("child.py")


def capture(folder: Path, i: int) -> Path:
    """A Markdown capture for `briefs add` holding the shared word and its own marker."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"capture-{i}.md"
    path.write_text(
        f"---\ntitle: Added report {i}\nsource: Eurasia Desk\n---\n\n"
        f"The ministry said the transit talks would continue, {marker(i)} {SHARED}. "
        "Observers from both sides expect the corridor to open next year.\n\n"
        "A second paragraph on the railway and the port tariffs.\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def indexed(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    corpus, index = tmp_path / "briefs", tmp_path / "index"
    answers = make_corpus(corpus, 30)
    # With entities, as `briefs add` indexes: otherwise its first run rebuilds the index.
    update_index(corpus, index, annotate=default_annotator())
    return corpus, index, answers


def test_a_long_lived_searcher_stays_exact_through_merges_deletions_and_rebuilds(
    tmp_path: Path,
) -> None:
    """Whoosh's refresh added a merged-away segment back: briefs counted twice, deleted ones
    found again. The app keeps one Searcher per thread and refreshes it: it must stay exact."""
    corpus, index = tmp_path / "briefs", tmp_path / "index"
    answers = make_corpus(corpus, 10)
    update_index(corpus, index)
    with Searcher(index) as searcher:
        for round_ in range(12):  # enough small commits for Whoosh to merge segments
            answers |= make_corpus(corpus, 2, start=100 + 2 * round_)
            update_index(corpus, index)
            searcher.refresh()
            assert searcher.search(SHARED, limit=1000).total == len(answers), round_
        (corpus / "brief-0000.md").unlink()
        update_index(corpus, index)
        searcher.refresh()
        assert searcher.search(marker(0)).hits == []
        # A rebuild (here: entity extraction added) starts Whoosh's generations again.
        report = update_index(corpus, index, annotate=default_annotator())
        assert report.rebuilt
        answers |= make_corpus(corpus, 1, start=500)
        update_index(corpus, index, annotate=default_annotator())
        searcher.refresh()
        assert searcher.search(SHARED, limit=1000).total == len(answers) - 1
        assert [h.id for h in searcher.search(marker(500)).hits] == ["brief-0500"]


def test_a_reader_process_sees_briefs_another_process_adds(
    indexed: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    corpus, index, _answers = indexed
    log, stop = tmp_path / "reader.log", tmp_path / "stop"
    reader = subprocess.Popen(
        [sys.executable, str(CHILD), "search-loop", str(index), SHARED, str(log), str(stop)],
        stderr=subprocess.PIPE,
    )
    try:
        for batch in range(3):
            files = [capture(tmp_path / f"in-{batch}", 100 + 3 * batch + k) for k in range(3)]
            run = briefs("add", *files, *where(corpus, index))
            assert run.code == 0, run.error
            assert "index: " in run.text and "index not updated" not in run.error
        # The reader refreshes after every search: it catches up with the last commit.
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            lines = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
            if lines and lines[-1].split("\t")[0] == "39":
                break
            time.sleep(0.05)
    finally:
        stop.touch()
        _, err = reader.communicate(timeout=30)
    assert reader.returncode == 0, err.decode()
    totals = []
    for line in log.read_text(encoding="utf-8").splitlines():
        total, error = line.split("\t")
        assert error == "", line  # never an index it could not read
        totals.append(int(total))
    assert totals[0] >= 30 and totals[-1] == 39, totals
    assert totals == sorted(totals), totals  # never a step back: no half-written state seen
    assert len(set(totals)) > 1  # it did see the new briefs arrive, without restarting


def test_this_process_searches_on_while_another_adds(
    indexed: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    corpus, index, _answers = indexed
    files = [capture(tmp_path / "in", 200 + k) for k in range(6)]
    with Searcher(index) as searcher:
        writer = subprocess.Popen(
            [sys.executable, "-m", "tui", "add", *map(str, files), *where(corpus, index)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(),
        )
        seen = []
        while writer.poll() is None:
            result = searcher.search(SHARED, limit=1000, snippets=False)
            assert result.error is None, result.error
            seen.append(result.total)
            searcher.refresh()
        _out, err = writer.communicate()
        assert writer.returncode == 0 and b"Traceback" not in err, err.decode()
        searcher.refresh()
        after = searcher.search(SHARED, limit=1000)
    assert seen and set(seen) <= {30, 36}, sorted(set(seen))
    assert after.total == 36
    for k in range(6):
        with Searcher(index) as fresh:
            assert len(fresh.search(marker(200 + k)).hits) == 1


def test_two_writers_at_once_both_finish_and_nothing_is_lost(
    indexed: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    """Two `briefs add` at the same moment: each waits for the lock or reports it, in one line;
    every brief is written once; a later update leaves an exact index."""
    corpus, index, answers = indexed
    groups = [[capture(tmp_path / f"w{w}", 300 + 10 * w + k) for k in range(4)] for w in range(2)]
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "tui", "add", *map(str, files), *where(corpus, index)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=child_env(),
        )
        for files in groups
    ]
    outputs = [w.communicate(timeout=120) for w in writers]
    for writer, (_out, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0, err.decode()
        assert b"Traceback" not in err
        for line in err.decode().splitlines():
            assert "index not updated" in line and "another briefs process" in line, line
    assert len(list(corpus.glob("*.md"))) == 38
    update_index(corpus, index)
    expected = answers | {
        _id_of(corpus, marker(300 + 10 * w + k)): marker(300 + 10 * w + k)
        for w in range(2)
        for k in range(4)
    }
    assert_answers(index, expected)


def _id_of(corpus: Path, word: str) -> str:
    (path,) = [p for p in corpus.glob("*.md") if word in p.read_text(encoding="utf-8")]
    return path.stem


def test_a_killed_add_leaves_every_brief_whole(
    indexed: tuple[Path, Path, dict[str, str]], tmp_path: Path
) -> None:
    """SIGKILL `briefs add` while it writes a batch: each brief file is whole or absent (atomic
    writes: no temp files taken for briefs), and the next run finishes the job."""
    corpus, index, _answers = indexed
    files = [capture(tmp_path / "in", 400 + k) for k in range(60)]
    writer = subprocess.Popen(
        [sys.executable, "-m", "tui", "add", str(tmp_path / "in"), *where(corpus, index)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=child_env(),
    )
    deadline = time.monotonic() + 60
    while len(list(corpus.glob("*.md"))) < 40 and writer.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.002)
    os.kill(writer.pid, signal.SIGKILL)
    writer.communicate(timeout=30)
    before = snapshot(corpus)
    from tui.core.brief import load_corpus

    loaded = load_corpus(corpus)
    assert loaded.errors == []  # no half-written brief
    run = briefs("add", str(tmp_path / "in"), "--json", *where(corpus, index))
    assert run.code == 0, run.error
    assert len(load_corpus(corpus).briefs) == 30 + len(files)
    kept = {k: v for k, v in snapshot(corpus).items() if k in before and not k.startswith(".")}
    assert kept == {k: v for k, v in before.items() if not k.startswith(".")}
    with Searcher(index) as searcher:
        assert searcher.search(SHARED, limit=1000).total == 30 + len(files)
