"""`briefs compare A B`: Markdown and JSON export, id prefixes, exit codes, opening the app."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import tui.cli
from tui.cli import main
from tui.core.brief import Brief, write_brief

GAS = Brief(
    id="caspian-gas-deal",
    title="Caspian gas: Moscow and Baku sign",
    body=(
        "## The deal\n\n"
        "Russia and Azerbaijan signed a gas deal in Baku on 12 March 2024. The pipeline will run "
        "under the Caspian Sea to Turkey.\n\n"
        "Moscow hopes the pipeline makes Ankara a gas hub for Europe.\n\n"
        "Critics in Armenia say the deal *rewards* Baku: see [this](http://evil.example) <b>x</b>."
    ),
    source="Test Desk",
)
ROUTES = Brief(
    id="caspian-gas-routes",
    title="Who gains from the Caspian pipeline",
    body=(
        "The gas pipeline under the Caspian Sea links Azerbaijan and Russia.\n\n"
        "Armenia and Georgia are left out of the new route, which worries Yerevan."
    ),
)
OTHER = Brief(id="grain-exports", title="Grain exports", body="Ukraine shipped grain to Egypt.")


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "briefs"
    for brief in (GAS, ROUTES, OTHER):
        write_brief(brief, folder)
    return folder


def run(corpus: Path, *args: str) -> int:
    # --index points at an empty folder: the mentions are extracted, not read from an index.
    return main(["--corpus", str(corpus), "--index", str(corpus.parent / "index"), *args])


def test_markdown_export_to_stdout(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(corpus, "compare", "caspian-gas-deal", "caspian-gas-routes", "--format", "md")
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.startswith("# Comparison: Caspian gas: Moscow and Baku sign / Who gains")
    for heading in (
        "## Entities",
        "### Shared (",
        "### Only in A (",
        "### Only in B (",
        "## What each says about the shared entities",
        "## Aligned passages",
        "## Distinctive terms",
    ):
        assert heading in out
    # Brief text is escaped: the link and the HTML in GAS stay literal.
    assert "\\[this\\](http\\://evil.example) \\<b\\>x\\</b\\>" in out
    assert "\\*rewards\\*" in out
    # The pipeline paragraphs answer each other.
    assert re.search(r"### A ¶2 \(\d+-\d+\)\n\n> Russia and Azerbaijan .*\n\n- ↔ B ¶1, score", out)


def test_json_export_to_a_file(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "out" / "cmp.json"
    code = run(
        corpus, "compare", "caspian-gas-d", "caspian-gas-r", "--json", "--output", str(target)
    )
    assert code == 0
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["a"]["id"] == "caspian-gas-deal" and data["b"]["id"] == "caspian-gas-routes"
    shared = {e["name"].casefold() for e in data["entities"]["shared"]}
    assert {"russia", "azerbaijan", "armenia"} <= shared
    assert "georgia" in {e["name"].casefold() for e in data["entities"]["only_b"]}
    pair = data["alignment"]["pairs"][0]
    assert (pair["a"]["paragraph"], pair["b"]["paragraph"]) == (1, 0)
    assert not list(target.parent.glob(".*.tmp"))  # written through a temp file, none left


def test_format_json_equals_json_flag(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(corpus, "compare", "caspian-gas-deal", "caspian-gas-routes", "--json") == 0
    first = capsys.readouterr().out
    assert run(corpus, "compare", "caspian-gas-deal", "caspian-gas-routes", "--format", "json") == 0
    assert capsys.readouterr().out == first


def test_output_suffix_picks_the_format(corpus: Path, tmp_path: Path) -> None:
    target = tmp_path / "cmp.md"
    assert run(corpus, "compare", "caspian-gas-deal", "caspian-gas-routes", "-o", str(target)) == 0
    assert target.read_text(encoding="utf-8").startswith("# Comparison:")


@pytest.mark.parametrize(
    ("a", "b", "message"),
    [
        ("nope", "caspian-gas-routes", "no brief with id nope"),
        ("caspian", "grain-exports", "caspian matches 2 briefs"),
        ("grain", "grain-exports", "same brief"),
        ("", "grain-exports", "no brief id given"),
    ],
)
def test_bad_ids_exit_1_with_one_line(
    corpus: Path, capsys: pytest.CaptureFixture[str], a: str, b: str, message: str
) -> None:
    code = run(corpus, "compare", a, b, "--format", "md")
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.count("\n") == 1 and message in err


def test_missing_corpus_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tmp_path / "absent", "compare", "a", "b", "--json") == 1
    assert "no briefs folder" in capsys.readouterr().err


def test_unwritable_output_exits_1(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = corpus.parent / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    code = run(corpus, "compare", "caspian-gas-deal", "grain", "--json", "-o", str(blocker / "x"))
    assert code == 1
    assert "cannot write" in capsys.readouterr().err


def test_without_a_format_opens_the_app_on_the_compare_screen(
    corpus: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[dict[str, object]] = []

    def fake_open_app(ctx: object, **screen_args: object) -> int:
        opened.append(screen_args)
        return 0

    # The app is another module's; here only the hand-over (resolved ids) is checked.
    monkeypatch.setattr(tui.cli, "open_app", fake_open_app)
    assert run(corpus, "compare", "caspian-gas-r", "grain") == 0
    assert opened == [{"compare": ("caspian-gas-routes", "grain-exports")}]


def test_mentions_come_from_the_index_and_stale_ones_are_not_used(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.core.compare import load_mentions
    from tui.core.entities import annotate, extract
    from tui.core.index import update_index

    index = tmp_path / "index"
    update_index(corpus, index, annotate=annotate)
    args = ["compare", "caspian-gas-deal", "caspian-gas-routes", "--json"]
    assert main(["--corpus", str(corpus), "--index", str(index), *args]) == 0
    from_index = capsys.readouterr().out
    assert run(corpus, *args) == 0  # no index: extracted on the spot
    assert capsys.readouterr().out == from_index
    # The brief is edited after indexing: its stored offsets no longer fit, so it is re-extracted.
    edited = Brief(id=GAS.id, title=GAS.title, body="Georgia first. " + GAS.body)
    write_brief(edited, corpus)
    mentions, _ = load_mentions([edited, ROUTES], index)
    assert mentions == extract(edited)
    assert mentions[0].text == "Georgia"
