"""The index: incremental updates, self-healing rebuilds, the write lock, entity annotations."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from whoosh import fields as whoosh_fields
from whoosh import index as whoosh_index

from tui.core import index as index_module
from tui.core.annotation import Annotation
from tui.core.brief import Brief, read_brief, write_brief
from tui.core.entities.model import EntityType, Mention
from tui.core.index import (
    MANIFEST,
    IndexLocked,
    IndexUnavailable,
    index_status,
    update_index,
)
from tui.core.search import Searcher, encode_mentions

FIXTURE_IDS = [
    "armenia-russia-bases",
    "black-sea-grain",
    "caspian-energy-routes",
    "central-asia-notes",
    "european-gas-sanctions",
    "georgia-protests",
    "iran-drone-exports",
    "zangezur-corridor",
]


def ids_for(index_dir: Path, query: str) -> list[str]:
    with Searcher(index_dir) as searcher:
        return sorted(hit.id for hit in searcher.search(query, limit=50).hits)


def corpus_fingerprint(corpus: Path) -> dict[str, tuple[str, int]]:
    return {
        p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
        for p in sorted(corpus.iterdir())
    }


def segment_file(index_dir: Path, suffix: str) -> Path:
    files = sorted(index_dir.glob(f"MAIN_*{suffix}"), key=lambda p: p.stat().st_size)
    assert files, f"no {suffix} file in {sorted(p.name for p in index_dir.iterdir())}"
    return files[-1]


# --- building and incremental updates ---


def test_first_update_builds_everything(corpus: Path, tmp_path: Path) -> None:
    report = update_index(corpus, tmp_path / "ix")
    assert report.added == FIXTURE_IDS
    assert report.updated == report.deleted == report.errors == []
    assert report.rebuilt is not None and "no index" in report.rebuilt
    assert report.total == 8


def test_second_update_touches_nothing(corpus: Path, index_dir: Path) -> None:
    before = {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()}
    report = update_index(corpus, index_dir)
    assert (report.added, report.updated, report.deleted, report.rebuilt) == ([], [], [], None)
    assert report.total == 8
    assert {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()} == before


def test_added_changed_and_deleted_briefs(corpus: Path, index_dir: Path) -> None:
    write_brief(
        Brief(
            id="moldova-energy",
            title="Moldova Leaves Russian Gas Behind",
            body="Chisinau now buys its gas through Romania, ending decades of dependence.",
            source="Chatham House",
        ),
        corpus,
    )
    grain = corpus / "black-sea-grain.md"
    grain.write_text(
        grain.read_text(encoding="utf-8").replace("Odesa", "Chornomorsk"), encoding="utf-8"
    )
    (corpus / "iran-drone-exports.md").unlink()

    report = update_index(corpus, index_dir)

    assert report.added == ["moldova-energy"]
    assert report.updated == ["black-sea-grain"]
    assert report.deleted == ["iran-drone-exports"]
    assert report.rebuilt is None and report.errors == []
    assert report.total == 8
    assert ids_for(index_dir, "chisinau") == ["moldova-energy"]
    assert ids_for(index_dir, "chornomorsk") == ["black-sea-grain"]
    assert ids_for(index_dir, "odesa") == []
    assert ids_for(index_dir, "shahed") == []
    with Searcher(index_dir) as searcher:  # deleted and replaced entries are not counted
        assert searcher.search("shahed").total == 0
        grain = searcher.search("grain")
        assert grain.total == len(grain.hits) == 1
        assert grain.facets == {"source": {"Chatham House": 1}, "year": {"2023": 1}}


def test_touched_but_unchanged_file_is_not_reindexed(corpus: Path, index_dir: Path) -> None:
    path = corpus / "georgia-protests.md"
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    report = update_index(corpus, index_dir)
    assert (report.added, report.updated, report.deleted) == ([], [], [])
    assert index_status(corpus, index_dir).up_to_date


def test_renamed_file_is_an_update(corpus: Path, index_dir: Path) -> None:
    (corpus / "georgia-protests.md").rename(corpus / "georgia-2024.md")
    report = update_index(corpus, index_dir)
    assert (report.added, report.updated, report.deleted) == ([], ["georgia-protests"], [])
    assert ids_for(index_dir, "tbilisi") == ["georgia-protests"]


def test_unreadable_briefs_are_listed_and_left_out(corpus: Path, index_dir: Path) -> None:
    (corpus / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    (corpus / "latin1.md").write_bytes("---\nid: latin1\n---\ncaf\xe9 cr\xe8me".encode("latin-1"))
    report = update_index(corpus, index_dir)
    assert report.added == report.updated == report.deleted == []
    assert len(report.errors) == 2
    assert report.errors[0].startswith("broken.md: broken front matter")
    assert report.errors[1] == "latin1.md: not UTF-8 text"
    assert report.total == 8

    # Still broken, unchanged: reported again, but not counted as new work by the status.
    report = update_index(corpus, index_dir)
    assert len(report.errors) == 2 and report.errors[1] == "latin1.md: not UTF-8 text"
    assert index_status(corpus, index_dir).up_to_date

    (corpus / "broken.md").write_text("---\ntitle: Fixed now\n---\nA mended brief.\n")
    assert index_status(corpus, index_dir).new == 1
    report = update_index(corpus, index_dir)
    assert report.added == ["broken"]
    assert report.errors == ["latin1.md: not UTF-8 text"]


def test_a_brief_that_breaks_leaves_the_index(corpus: Path, index_dir: Path) -> None:
    (corpus / "georgia-protests.md").write_text("---\n: : :\n---\n", encoding="utf-8")
    report = update_index(corpus, index_dir)
    assert report.deleted == ["georgia-protests"]
    assert report.errors and report.errors[0].startswith("georgia-protests.md:")
    assert ids_for(index_dir, "tbilisi") == []


def test_duplicate_id_is_skipped(corpus: Path, index_dir: Path) -> None:
    text = (corpus / "zangezur-corridor.md").read_text(encoding="utf-8")
    (corpus / "zz-copy.md").write_text(text.replace("Azerbaijan", "Baku"), encoding="utf-8")
    report = update_index(corpus, index_dir)
    assert report.added == []
    assert report.errors == ["zz-copy.md: duplicate id 'zangezur-corridor', skipped"]
    assert report.total == 8


def test_briefs_are_never_modified(corpus: Path, tmp_path: Path) -> None:
    before = corpus_fingerprint(corpus)
    update_index(corpus, tmp_path / "ix")
    update_index(corpus, tmp_path / "ix", rebuild=True)
    assert corpus_fingerprint(corpus) == before


def test_rebuild_starts_over(corpus: Path, index_dir: Path) -> None:
    report = update_index(corpus, index_dir, rebuild=True)
    assert report.rebuilt == "a rebuild was asked for"
    assert report.added == FIXTURE_IDS
    assert report.total == 8


def test_rebuild_keeps_other_files_in_the_folder(corpus: Path, index_dir: Path) -> None:
    readme = index_dir / "README.md"
    readme.write_text("kept\n", encoding="utf-8")
    update_index(corpus, index_dir, rebuild=True)
    assert readme.read_text(encoding="utf-8") == "kept\n"


def test_progress_counts_the_briefs_indexed(corpus: Path, tmp_path: Path) -> None:
    calls: list[tuple[int, int]] = []
    update_index(corpus, tmp_path / "ix", progress=lambda done, total: calls.append((done, total)))
    assert calls == [(n, 8) for n in range(1, 9)]


def test_an_empty_corpus_gives_an_empty_index(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    report = update_index(tmp_path / "empty", tmp_path / "ix")
    assert report.total == 0 and report.added == []
    with Searcher(tmp_path / "ix") as searcher:
        assert searcher.search("anything").total == 0


# --- damaged and outdated indexes ---


def _garble(index_dir: Path) -> None:
    path = segment_file(index_dir, ".pst")
    data = bytearray(path.read_bytes())
    for i in range(len(data) // 3, len(data) // 3 + 64):
        data[i % len(data)] ^= 0x5A
    path.write_bytes(bytes(data))


def _truncate(index_dir: Path) -> None:
    path = segment_file(index_dir, ".trm")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


def _delete_toc(index_dir: Path) -> None:
    for toc in index_dir.glob("_MAIN_*.toc"):
        toc.unlink()


def _delete_segment_file(index_dir: Path) -> None:
    segment_file(index_dir, ".trm").unlink()


def _old_schema(index_dir: Path) -> None:
    manifest = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    manifest["schema"] = 1
    (index_dir / MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")


def _no_manifest(index_dir: Path) -> None:
    (index_dir / MANIFEST).unlink()


def _garbled_manifest(index_dir: Path) -> None:
    (index_dir / MANIFEST).write_text("{not json", encoding="utf-8")


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (_garble, r"index file MAIN_\w+\.pst is damaged \(contents changed\)"),
        (_truncate, r"index file MAIN_\w+\.trm is truncated"),
        (_delete_toc, r"lost its table of contents"),
        (_delete_segment_file, r"index file MAIN_\w+\.trm is missing"),
        (_old_schema, r"schema version 1, this briefs uses \d+"),
        (_no_manifest, r"not written by this version of briefs"),
        (_garbled_manifest, r"not written by this version of briefs"),
    ],
)
def test_damaged_or_outdated_index_is_rebuilt(
    corpus: Path, index_dir: Path, damage: object, reason: str
) -> None:
    damage(index_dir)  # type: ignore[operator]
    report = update_index(corpus, index_dir)
    assert report.rebuilt is not None
    assert re.search(reason, report.rebuilt), report.rebuilt
    assert "Traceback" not in report.rebuilt and "\n" not in report.rebuilt
    assert report.added == FIXTURE_IDS
    assert ids_for(index_dir, "tbilisi") == ["georgia-protests"]
    assert update_index(corpus, index_dir).rebuilt is None


def test_index_of_another_schema_is_rebuilt(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ix"
    folder.mkdir()
    old = whoosh_index.create_in(str(folder), whoosh_fields.Schema(content=whoosh_fields.TEXT))
    with old.writer() as writer:
        writer.add_document(content="an index from another program")
    report = update_index(corpus, folder)
    assert report.rebuilt is not None and "not written by this version" in report.rebuilt
    assert report.total == 8


def test_searcher_refuses_a_damaged_index_with_a_reason(index_dir: Path) -> None:
    _truncate(index_dir)
    with pytest.raises(IndexUnavailable, match="truncated"):
        Searcher(index_dir)


def test_garbled_index_never_makes_search_raise(index_dir: Path) -> None:
    _garble(index_dir)
    with Searcher(index_dir) as searcher:  # sizes match: only a deep check sees the damage
        for query in ("russia", "russia armenia energy sanctions", '"military bases"', "kaz*"):
            result = searcher.search(query)
            assert result.error is None or "index" in result.error


def test_searcher_on_a_missing_index(tmp_path: Path) -> None:
    with pytest.raises(IndexUnavailable, match="no index"):
        Searcher(tmp_path / "nothing")


# --- the write lock ---


def test_second_writer_in_the_same_process_is_told(
    corpus: Path, index_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(index_module, "LOCK_WAIT_S", 0.2)
    writer = whoosh_index.open_dir(str(index_dir)).writer()
    try:
        with pytest.raises(IndexLocked) as caught:
            update_index(corpus, index_dir)
        assert str(caught.value) == (
            "the index is being updated by another briefs process; try again in a moment"
        )
    finally:
        writer.cancel()
    assert update_index(corpus, index_dir).rebuilt is None


def test_second_writer_in_another_process_is_told(corpus: Path, index_dir: Path) -> None:
    holder = textwrap.dedent(
        f"""
        import sys, time
        from whoosh import index
        writer = index.open_dir({str(index_dir)!r}).writer()
        print("locked", flush=True)
        sys.stdin.readline()
        writer.cancel()
        """
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "locked"
        with pytest.raises(IndexLocked):
            update_index(corpus, index_dir, wait=0.3)
        with pytest.raises(IndexLocked):
            update_index(corpus, index_dir, rebuild=True, wait=0.3)
    finally:
        assert proc.stdin is not None
        proc.stdin.write("\n")
        proc.stdin.flush()
        proc.wait(timeout=30)
    assert update_index(corpus, index_dir).total == 8


# --- status ---


def test_status_counts_without_writing(corpus: Path, index_dir: Path) -> None:
    write_brief(Brief(id="new-one", title="New", body="Fresh text."), corpus)
    (corpus / "central-asia-notes.md").unlink()
    path = corpus / "georgia-protests.md"
    path.write_text(path.read_text(encoding="utf-8") + "\nOne more line.\n", encoding="utf-8")
    before = {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()}

    status = index_status(corpus, index_dir)

    assert (status.exists, status.healthy, status.problem) == (True, True, None)
    assert (status.new, status.changed, status.deleted, status.total) == (1, 1, 1, 8)
    assert not status.up_to_date
    assert {p.name: p.stat().st_mtime_ns for p in index_dir.iterdir()} == before


def test_status_of_a_missing_and_a_damaged_index(corpus: Path, tmp_path: Path) -> None:
    status = index_status(corpus, tmp_path / "none")
    assert (status.exists, status.healthy, status.new) == (False, False, 8)
    assert status.problem is not None and "no index" in status.problem
    assert not (tmp_path / "none").exists()

    update_index(corpus, tmp_path / "ix")
    assert index_status(corpus, tmp_path / "ix").up_to_date
    _truncate(tmp_path / "ix")
    status = index_status(corpus, tmp_path / "ix")
    assert (status.exists, status.healthy) == (True, False)
    assert status.problem is not None and "truncated" in status.problem


# --- entity annotations ---

COUNTRIES = {"Russia": "russia", "Armenia": "armenia", "Azerbaijan": "azerbaijan"}


def annotate_countries(brief: Brief) -> Annotation:
    """A small real annotator: whole-word country names, the way the entities code reports them."""
    mentions = [
        Mention(m.start(), m.end(), COUNTRIES[m.group(0)], EntityType.GPE, m.group(0))
        for m in re.finditer(r"\b(?:Russia|Armenia|Azerbaijan)\b", brief.body)
    ]
    return Annotation(sorted({m.entity_id for m in mentions}), encode_mentions(mentions))


def test_entities_are_searchable_and_mentions_come_back(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "ix"
    update_index(corpus, folder, annotate=annotate_countries)
    body = read_brief(corpus / "zangezur-corridor.md").body
    with Searcher(folder) as searcher:
        assert sorted(h.id for h in searcher.search("entity:azerbaijan").hits) == [
            "caspian-energy-routes",
            "zangezur-corridor",
        ]
        filtered = searcher.search("corridor", entity="Azerbaijan")
        assert sorted(h.id for h in filtered.hits) == ["caspian-energy-routes", "zangezur-corridor"]
        mentions = searcher.mentions("zangezur-corridor")
        assert mentions == sorted(mentions)
        assert {m.entity_id for m in mentions} == {"armenia", "azerbaijan", "russia"}
        assert all(body[m.start : m.end] == m.text for m in mentions)
        assert searcher.mentions("no-such-brief") == []


def test_without_annotations_mentions_are_empty(index_dir: Path) -> None:
    with Searcher(index_dir) as searcher:
        assert searcher.mentions("zangezur-corridor") == []
        assert searcher.search("entity:russia").total == 0


def test_a_failing_annotator_leaves_the_brief_indexed(corpus: Path, tmp_path: Path) -> None:
    def annotate(brief: Brief) -> Annotation:
        if brief.id == "georgia-protests":
            raise ValueError("cannot read this one")
        return annotate_countries(brief)

    report = update_index(corpus, tmp_path / "ix", annotate=annotate)
    assert report.total == 8
    assert report.errors == [
        "georgia-protests.md: entities left out (ValueError: cannot read this one)"
    ]


def test_a_new_annotator_version_rebuilds(corpus: Path, tmp_path: Path) -> None:
    def annotate_v1(brief: Brief) -> Annotation:
        return annotate_countries(brief)

    def annotate_v2(brief: Brief) -> Annotation:
        return annotate_countries(brief)

    annotate_v1.version = "1"  # type: ignore[attr-defined]
    annotate_v2.version = "2"  # type: ignore[attr-defined]
    folder = tmp_path / "ix"
    update_index(corpus, folder, annotate=annotate_v1)
    assert update_index(corpus, folder, annotate=annotate_v1).rebuilt is None
    report = update_index(corpus, folder, annotate=annotate_v2)
    assert report.rebuilt == "entity extraction has changed since the index was built"
