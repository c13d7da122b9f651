"""Untrusted text never controls the terminal: generated hostile briefs through every verb.

Each payload of `hostile.PAYLOADS` sits in titles, metadata, front matter, file names and bodies
(of captures cleaned by ingest, and of brief files put in by hand), and every verb prints them
piped, on a forced terminal (rich's terminal path, FORCE_COLOR), in a real pseudo-terminal (with
colour) and as JSON. Nothing a terminal would obey may come out; markup is shown as typed.
"""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import frontmatter
import pytest

from tests.reliability import hostile
from tests.reliability.helpers import HostileCorpus, briefs, briefs_in_pty, child_env, where
from tui.cli import main
from tui.core.brief import load_corpus
from tui.core.search import Searcher

MODES = ("piped", "terminal", "json")


def _run(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    mode: str,
    argv: list[str],
) -> tuple[int, str, str]:
    """The CLI in this process: piped, on a forced terminal (no colour: any escape is the
    brief's), or with --json."""
    monkeypatch.setenv("COLUMNS", "100")
    monkeypatch.delenv("NO_COLOR", raising=False)
    if mode == "terminal":
        monkeypatch.setenv("FORCE_COLOR", "1")
    else:
        monkeypatch.delenv("FORCE_COLOR", raising=False)
    code = main([*argv, "--json"] if mode == "json" else argv)
    out, err = capsys.readouterr()
    return code, out, err


def _assert_inert(mode: str, out: str, err: str) -> None:
    assert hostile.unsafe(out) == []
    assert hostile.unsafe(err) == []
    if mode == "json" and out.strip():
        json.loads(out)


def _ids(corpus: Path) -> list[str]:
    return sorted(b.id for b in load_corpus(corpus).briefs)


def _flat(text: str) -> str:
    return " ".join(text.split())


# --- ingest: what is stored ----------------------------------------------------------------


def test_ingest_stores_no_payload_in_any_field(hostile_corpus: HostileCorpus) -> None:
    """Read back with a plain YAML reader (not briefs' own, which neutralises again)."""
    stored = [p for p in hostile_corpus.corpus.glob("*.md") if not p.name.startswith("hand-")]
    assert len(stored) == len(hostile_corpus.captures)
    for path in stored:
        post = frontmatter.loads(path.read_text(encoding="utf-8"))
        for key, value in post.metadata.items():
            assert hostile.unsafe(str(value)) == [], (path.name, key)
        assert hostile.unsafe(post.content) == [], path.name
        assert hostile.SHARED_WORD in post.content


def test_add_prints_nothing_a_terminal_obeys(tmp_path: Path) -> None:
    """The real command, as a subprocess, in each output mode (file names are hostile too)."""
    captures = hostile.captures(seed=61)
    hostile.write_all(tmp_path / "in", captures)
    for mode in MODES:
        corpus, index = tmp_path / mode / "briefs", tmp_path / mode / "index"
        extra = ["--json"] if mode == "json" else []
        env = child_env(FORCE_COLOR="1" if mode == "terminal" else None)
        run = briefs("add", tmp_path / "in", *extra, *where(corpus, index), env=env)
        assert run.code == 0, run.error
        assert hostile.unsafe_bytes(run.out) == []
        # rich's transient progress bar draws with its own cursor codes on a terminal's stderr
        assert hostile.unsafe_bytes(run.err, allow_sgr=mode == "terminal") == []
        if mode == "json":
            # A bare ESC before `">` in an HTML attribute is an escape sequence to a terminal, so
            # it goes with the two characters after it, and the page may lose its article: it is
            # then skipped, with a reason. Most hostile captures are added.
            results = json.loads(run.out)["results"]
            assert all(r["status"] in ("added", "skipped") for r in results), results
            assert sum(r["status"] == "added" for r in results) >= len(captures) - 2
            assert all(
                r["reason"] and "\n" not in r["reason"] for r in results if r["status"] == "skipped"
            )


def test_a_refused_file_with_a_hostile_name_is_reported_inertly(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    name = "evil\x1b]52;c;QUFB\x07\u202e\x9b2J.txt"
    (folder / name).write_bytes(bytes(range(256)) * 20)  # binary: refused, its path named
    (
        folder
        / "\udcff\udcfe-not-utf8.txt".encode("utf-8", "surrogateescape").decode(
            "utf-8", "surrogateescape"
        )
    ).write_bytes(b"x")
    for mode in MODES:
        extra = ["--json"] if mode == "json" else []
        env = child_env(FORCE_COLOR="1" if mode == "terminal" else None)
        run = briefs("add", folder, *extra, *where(tmp_path / "b", tmp_path / "i"), env=env)
        assert run.code == 1
        assert not (tmp_path / "b").exists() or not any((tmp_path / "b").iterdir())
        terminal = mode == "terminal"  # rich's progress bar was up when the error came
        assert hostile.unsafe_bytes(run.out) == []
        assert hostile.unsafe_bytes(run.err, allow_sgr=terminal) == []
        message = hostile.without_rich(run.error).strip()
        assert message.startswith("briefs: cannot add") and "\n" not in message, message


# --- every verb over the hostile corpus ------------------------------------------------------


@pytest.mark.parametrize("mode", MODES)
def test_list_entities_and_search_are_inert(
    hostile_corpus: HostileCorpus,
    mode: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folders = where(hostile_corpus.corpus, hostile_corpus.index)
    for argv in (["list"], ["entities"], ["search", hostile.SHARED_WORD, "--limit", "100"]):
        code, out, err = _run(capsys, monkeypatch, mode, [*argv, *folders])
        assert code == 0, err
        _assert_inert(mode, out, err)
        assert out.strip()


@pytest.mark.parametrize("mode", MODES)
def test_show_and_entities_of_each_brief_are_inert(
    hostile_corpus: HostileCorpus,
    mode: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folders = where(hostile_corpus.corpus, hostile_corpus.index)
    ids = _ids(hostile_corpus.corpus)
    assert len(ids) > len(hostile_corpus.captures)  # hand-written ones are readable too
    for brief_id in ids:
        for verb in ("show", "entities"):
            code, out, err = _run(capsys, monkeypatch, mode, [verb, brief_id, *folders])
            assert code == 0, err
            _assert_inert(mode, out, err)
            if verb == "show":
                assert hostile.SHARED_WORD in out


@pytest.mark.parametrize("mode", ["md", "json"])
def test_compare_exports_are_inert(
    hostile_corpus: HostileCorpus,
    mode: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folders = where(hostile_corpus.corpus, hostile_corpus.index)
    ids = _ids(hostile_corpus.corpus)
    # Neighbours in id order: captured with captured, hand-written with hand-written, and mixed.
    pairs = list(itertools.pairwise(ids))[::3]
    for a, b in pairs:
        argv = ["compare", a, b, "--format", mode, *folders]
        code, out, err = _run(capsys, monkeypatch, "piped", argv)
        assert code == 0, err
        _assert_inert("json" if mode == "json" else "piped", out, err)


def test_unreadable_hand_written_briefs_are_reported_inertly(
    hostile_corpus: HostileCorpus,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Front matter with raw control characters is not YAML: named on stderr, safely."""
    loaded = load_corpus(hostile_corpus.corpus)
    assert loaded.errors  # the generator's "careless editor" files
    for mode in MODES:
        folders = where(hostile_corpus.corpus, hostile_corpus.index)
        code, out, err = _run(capsys, monkeypatch, mode, ["list", *folders])
        assert code == 0
        _assert_inert(mode, out, err)


def test_markup_in_titles_and_bodies_is_shown_as_typed(
    hostile_corpus: HostileCorpus,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folders = where(hostile_corpus.corpus, hostile_corpus.index)
    markup = {name: text for family, name, text in hostile.PAYLOADS if family == "markup"}
    seen = 0
    for brief in load_corpus(hostile_corpus.corpus).briefs:
        for mode in ("piped", "terminal"):
            code, out, _err = _run(capsys, monkeypatch, mode, ["show", brief.id, *folders])
            assert code == 0
            shown = _flat(out)
            for text in markup.values():
                if text in brief.title:
                    assert _flat(text) in shown, (brief.id, text)
                    seen += 1
    assert seen >= len(markup)


def test_search_hits_and_snippets_are_inert(hostile_corpus: HostileCorpus) -> None:
    with Searcher(hostile_corpus.index) as searcher:
        result = searcher.search(hostile.SHARED_WORD, limit=200)
        assert result.error is None
        assert result.total == len(load_corpus(hostile_corpus.corpus).briefs)
        for hit in result.hits:
            for value in (hit.title, hit.source or "", hit.author or ""):
                assert hostile.unsafe(value) == [], hit.id
            assert hit.snippets
            for snippet in hit.snippets:
                assert hostile.unsafe(snippet.text, allow="") == [], hit.id


# --- a real terminal --------------------------------------------------------------------------


def test_a_real_terminal_gets_colour_codes_and_nothing_else(hostile_corpus: HostileCorpus) -> None:
    """In a pseudo-terminal rich prints colour (SGR) codes; anything else came from a brief."""
    folders = where(hostile_corpus.corpus, hostile_corpus.index)
    ids = _ids(hostile_corpus.corpus)
    hand = [i for i in ids if i.startswith("hand-")]
    captured = [i for i in ids if not i.startswith("hand-")]
    runs = [["list"], ["entities"], ["show", hand[0]], ["show", captured[0]]]
    runs += [["search", hostile.SHARED_WORD, "--limit", "100"], ["search", "zorblaxaa"]]
    runs += [["entities", hand[1]], ["show", hand[-1]]]
    for argv in runs:
        run = briefs_in_pty(*argv, *folders)
        assert run.code == 0, run.text
        assert hostile.unsafe_bytes(run.out, allow_sgr=True) == [], argv
        assert b"\x1b[" in run.out  # it was a terminal: rich did colour something
