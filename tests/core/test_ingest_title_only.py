"""Title-only files (a headline-only capture, a one-line note) are briefs: `briefs add` imports
each, its title being its text, and `briefs search` finds it by any word of its title."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.core.brief import load_corpus

# Titles of the shapes real collections hold; the file is the title line and nothing else.
TITLES = {
    "dewey.txt": "18 Editions of the Dewey Decimal Classifications",
    "slipstream.txt": "experimental investigation of the aerodynamics of a wing in a slipstream .",
    "copyright.txt": "Copyright, Public Policy, and Information Technology",
    "question.txt": "Does Moscow Still Want the Zangezur Corridor?",
    "one-word.txt": "Kazakhstan",
    "report-number.txt": "AD695049 Thermal Conductivity of Beryllium Oxide",
    "shouting.txt": "PIPELINE POLITICS IN THE SOUTH CAUCASUS",
    "semicolon.txt": "Systems Analysis of a University Library; final report and research project",
    "crlf.txt": "Gas Hubs and Transit Fees\r\n",
    "no-newline.txt": "Armenian Wine Exports",
    "note.md": "# Border Demarcation Talks",
    "front-matter-only.md": "---\ntitle: Caspian Ferry Schedules\n---\n",
}
# A title-like line next to furniture: the furniture goes, the title stays as the text.
TITLE_AND_FURNITURE = "Georgian Railway Tenders\n\nShare this article\n\nPrint\n"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_every_title_only_file_is_imported_and_found_by_a_word_of_its_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name, text in TITLES.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    (folder / "with-furniture.txt").write_text(TITLE_AND_FURNITURE, encoding="utf-8")
    where = ["--corpus", str(tmp_path / "briefs"), "--index", str(tmp_path / "index")]

    code, out, err = run(capsys, "add", str(folder), "--json", *where)
    assert code == 0, err
    data = json.loads(out)
    assert data["counts"] == {"added": len(TITLES) + 1, "updated": 0, "skipped": 0, "failed": 0}
    ids = {Path(r["path"]).name: r["id"] for r in data["results"]}

    briefs = {b.id: b for b in load_corpus(tmp_path / "briefs").briefs}
    expected = {**TITLES, "with-furniture.txt": "Georgian Railway Tenders"}
    for name, text in expected.items():
        title = text.removeprefix("# ").replace("---\ntitle: ", "").split("\n")[0].strip()
        brief = briefs[ids[name]]
        assert (brief.title, brief.body) == (title, title), name
        assert brief.origin == name

    searched = {
        "dewey.txt": "Dewey",
        "slipstream.txt": "slipstream",
        "copyright.txt": "copyright",
        "question.txt": "Zangezur",
        "one-word.txt": "Kazakhstan",
        "report-number.txt": "beryllium",
        "shouting.txt": "pipeline",
        "semicolon.txt": "university",
        "crlf.txt": "transit",
        "no-newline.txt": "wine",
        "note.md": "demarcation",
        "front-matter-only.md": "ferry",
        "with-furniture.txt": "railway",
    }
    assert set(searched) == set(expected)
    for name, word in searched.items():
        code, out, err = run(capsys, "search", word, "--json", *where)
        assert code == 0, err
        found = [hit["id"] for hit in json.loads(out)["hits"]]
        assert ids[name] in found, (name, word, found)
