"""`briefs index` and `briefs search`: output, JSON shape, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from tui.cli import main
from tui.cli.search import HIT_STYLE, snippet_text
from tui.core import index as index_module
from tui.core.brief import Brief, write_brief
from tui.core.search import Searcher

HIT_KEYS = {"id", "title", "source", "author", "published", "score", "snippets", "spans"}


def run(capsys: pytest.CaptureFixture[str], corpus: Path, index: Path, *args: str) -> tuple:
    code = main(["--corpus", str(corpus), "--index", str(index), *args])
    out, err = capsys.readouterr()
    return code, out, err


# --- briefs index ---


def test_index_reports_what_it_did(
    capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, corpus, tmp_path / "ix", "index")
    assert code == 0
    assert "rebuilt: no index in" in out
    assert "index: 8 briefs (8 added, 0 updated, 0 deleted)" in out
    assert "  added: zangezur-corridor" in out

    (corpus / "georgia-protests.md").unlink()
    (corpus / "broken.md").write_text("---\nid: [\n---\n", encoding="utf-8")
    code, out, err = run(capsys, corpus, tmp_path / "ix", "index")
    assert code == 0
    assert "index: 7 briefs (0 added, 0 updated, 1 deleted)" in out
    assert "  deleted: georgia-protests" in out
    assert "briefs: left out broken.md: broken front matter" in err

    code, out, _ = run(capsys, corpus, tmp_path / "ix", "index")
    assert out.strip() == "index: up to date, 7 briefs"


def test_index_json(capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path) -> None:
    code, out, _ = run(capsys, corpus, tmp_path / "ix", "index", "--rebuild", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "corpus",
        "index",
        "added",
        "updated",
        "deleted",
        "rebuilt",
        "errors",
        "total",
    }
    assert data["rebuilt"] == "a rebuild was asked for"
    assert len(data["added"]) == data["total"] == 8
    assert data["errors"] == [] and data["deleted"] == []


def test_index_without_a_corpus_folder(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, tmp_path / "nothing", tmp_path / "ix", "index")
    assert code == 1
    assert err.strip() == f"briefs: no briefs folder at {(tmp_path / 'nothing').resolve()}"


def test_index_while_another_writer_holds_the_lock(
    capsys: pytest.CaptureFixture[str],
    corpus: Path,
    index_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(index_module, "LOCK_WAIT_S", 0.2)
    writer = whoosh_index.open_dir(str(index_dir)).writer()
    try:
        code, _out, err = run(capsys, corpus, index_dir, "index", "--rebuild")
    finally:
        writer.cancel()
    assert code == 1
    assert err == (
        "briefs: the index is being updated by another briefs process; try again in a moment\n"
    )


# --- briefs search ---


def test_search_prints_hits_plainly_when_piped(
    capsys: pytest.CaptureFixture[str], corpus: Path, index_dir: Path
) -> None:
    code, out, err = run(capsys, corpus, index_dir, "search", "military", "bases")
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "1. Armenia Reconsiders Its Security Ties With Russia"
    assert lines[1] == "   Carnegie Endowment · 2023-09-20 · armenia-russia-bases"
    assert "Russian military bases in Armenia" in lines[2]
    assert "\x1b" not in out
    assert lines[-1].endswith(" briefs")


def test_search_builds_a_missing_index(
    capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    code, out, err = run(capsys, corpus, tmp_path / "new-ix", "search", "tbilisi")
    assert code == 0
    assert "building the index" in err
    assert "georgia-protests" in out
    with Searcher(tmp_path / "new-ix") as searcher:
        assert searcher.doc_count == 8


def test_search_without_index_or_corpus(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, _out, err = run(capsys, tmp_path / "none", tmp_path / "ix", "search", "russia")
    assert code == 1
    assert err.startswith("briefs: no index (") and "no briefs folder" in err
    assert len(err.strip().splitlines()) == 1


def test_search_json(capsys: pytest.CaptureFixture[str], corpus: Path, index_dir: Path) -> None:
    code, out, _ = run(capsys, corpus, index_dir, "search", "russia", "--limit", "2", "--json")
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"query", "total", "error", "suggestion", "facets", "elapsed_ms", "hits"}
    assert data["query"] == "russia" and data["total"] == 6 and len(data["hits"]) == 2
    assert set(data["facets"]) == {"source", "year"}
    hit = data["hits"][0]
    assert set(hit) == HIT_KEYS
    snippet = hit["snippets"][0]
    assert set(snippet) == {"text", "start", "highlights"}
    start, end = snippet["highlights"][0]
    assert snippet["text"][start:end] == "Russia"
    assert all(isinstance(span, list) and len(span) == 2 for span in hit["spans"])


def test_search_filters(capsys: pytest.CaptureFixture[str], corpus: Path, index_dir: Path) -> None:
    args = ("search", "russia", "--json", "--source", "Chatham House", "--from", "2023")
    code, out, _ = run(capsys, corpus, index_dir, *args)
    data = json.loads(out)
    assert code == 0 and [h["id"] for h in data["hits"]] == ["black-sea-grain"]

    code, out, _ = run(capsys, corpus, index_dir, "search", "corridor", "--json", "--to", "2024-02")
    assert sorted(h["id"] for h in json.loads(out)["hits"]) == [
        "black-sea-grain",
        "zangezur-corridor",
    ]


def test_did_you_mean_line(
    capsys: pytest.CaptureFixture[str], corpus: Path, index_dir: Path
) -> None:
    code, out, _err = run(capsys, corpus, index_dir, "search", "goverment")
    assert code == 0
    assert out.splitlines() == ["no briefs match", "did you mean: government"]


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("search", "((("), 2, "nothing to search for"),
        (("search", "the", "of"), 2, "nothing to search for"),
        (("search", "*"), 2, "lone '*'"),
        (("search", "   "), 2, "briefs: nothing to search for"),
        (("search", '"military bases'), 0, "a quote is not closed: searched the words instead"),
        (("search", "nosuch:zzzz"), 2, "there is no field 'nosuch:'"),
        (("search", "russia", "--from", "2023-13"), 2, "not a date: 2023-13"),
        (("search", "qqqzzz"), 0, ""),
    ],
)
def test_exit_codes(
    capsys: pytest.CaptureFixture[str],
    corpus: Path,
    index_dir: Path,
    args: tuple[str, ...],
    code: int,
    message: str,
) -> None:
    got, _out, err = run(capsys, corpus, index_dir, *args)
    assert got == code
    assert message in err
    assert len(err.splitlines()) <= 1


def test_bad_limit_is_an_argument_error(
    capsys: pytest.CaptureFixture[str], corpus: Path, index_dir: Path
) -> None:
    with pytest.raises(SystemExit) as caught:
        run(capsys, corpus, index_dir, "search", "russia", "--limit", "0")
    assert caught.value.code == 2


def test_untrusted_brief_text_reaches_the_output_inert(
    capsys: pytest.CaptureFixture[str], corpus: Path, tmp_path: Path
) -> None:
    write_brief(
        Brief(
            id="hostile",
            title="Evil \x1b]0;pwned\x07 [bold red]title[/]",
            body="Zeppelin \x1b[2J sighted [link=http://x]here[/link] \x9b31m again.",
            source="\x1b[31mSource",
        ),
        corpus,
    )
    code, out, _ = run(capsys, corpus, tmp_path / "ix", "search", "zeppelin")
    assert code == 0
    assert "\x1b" not in out and "\x9b" not in out and "\x07" not in out
    assert "[bold red]title[/]" in out  # shown as typed, never read as markup
    code, out, _ = run(capsys, corpus, tmp_path / "ix", "search", "zeppelin", "--json")
    assert "\x1b" not in out and "\x9b" not in out
    assert json.loads(out)["hits"][0]["id"] == "hostile"


def test_hits_are_styled_by_offset(index_dir: Path) -> None:
    with Searcher(index_dir) as searcher:
        hit = searcher.search('"military bases"').hits[0]
    text = snippet_text(hit)
    styled = [text.plain[span.start : span.end] for span in text.spans if span.style == HIT_STYLE]
    assert styled and set(styled) == {"military bases"}
