"""The analyst's alias file and the `briefs entities` command, on real files and a real index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.core.brief import Brief, write_brief
from tui.core.entities import entities_of, extract, load_aliases
from tui.core.entities.aliases import (
    AliasBook,
    AliasError,
    dump_aliases,
    parse_aliases,
    save_aliases,
)
from tui.core.entities.api import extract_text
from tui.core.entities.model import EntityType, mentions_from_json

TEXT = (
    "The US and the U.S. Congress argued with America. Brussels and the EU answered. "
    "Freedom House warned, and Nikol Pashinyan left for the Green Corridor."
)


def ids(text: str, book: AliasBook) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in extract_text(text, book):
        out.setdefault(m.entity_id, set()).add(m.text)
    return out


# --- the rules ---


def test_merge_surfaces_and_ids_into_one_entity() -> None:
    book = parse_aliases('[merge]\n"Western bloc" = ["the West", "Europe", "freedom-house"]\n')
    found = ids("The West and Europe, and Freedom House.", book)
    assert found == {"western-bloc": {"West", "Europe", "Freedom House"}}
    names = {e.id: e.name for e in entities_of(extract_text("Europe.", book), book)}
    assert names == {"western-bloc": "Western bloc"}


def test_merge_teaches_new_spellings() -> None:
    book = parse_aliases('[merge]\n"United States" = ["Uncle Sam"]\n')
    assert ids("Uncle Sam objected.", book) == {"united-states": {"Uncle Sam"}}
    assert ids("Uncle Sam objected.", AliasBook()) == {}


def test_split_makes_a_surface_its_own_entity() -> None:
    book = parse_aliases('[split]\nBrussels = { name = "Brussels", type = "GPE" }\n')
    found = {m.entity_id: m.type for m in extract_text("Brussels and the EU.", book)}
    assert found == {"brussels": EntityType.GPE, "european-union": EntityType.ORG}


def test_rename_changes_the_display_name_only() -> None:
    book = parse_aliases('[rename]\nnikol-pashinyan = "N. Pashinyan"\n')
    entities = entities_of(extract_text("Nikol Pashinyan spoke.", book), book)
    assert [(e.id, e.name) for e in entities] == [("nikol-pashinyan", "N. Pashinyan")]


def test_retype_changes_the_type() -> None:
    book = parse_aliases('[retype]\ngreen-corridor = "loc"\n')
    found = {m.entity_id: m.type for m in extract_text("The Green Corridor opened.", book)}
    assert found == {"green-corridor": EntityType.LOC}


def test_ignore_by_name_or_id() -> None:
    book = parse_aliases('ignore = ["Freedom House", "nikol-pashinyan"]\n')
    found = ids(TEXT, book)
    assert "freedom-house" not in found and "nikol-pashinyan" not in found
    assert "united-states" in found


# --- the file ---


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[merge\n", "not valid TOML"),
        ("[mergee]\n", "unknown section 'mergee'"),
        ("ignore = 3\n", "`ignore` must be a list"),
        ("[merge]\nUS = 3\n", "must be a list of names"),
        ('[retype]\nx = "CITY"\n', "unknown type 'CITY'"),
        ("[rename]\nx = 1\n", "must be a name"),
        ('merge = "x"\n', "`merge` must be a table"),
    ],
)
def test_broken_file_gives_one_line_error(tmp_path: Path, text: str, fragment: str) -> None:
    (tmp_path / "aliases.toml").write_text(text, encoding="utf-8")
    with pytest.raises(AliasError) as err:
        load_aliases(tmp_path)
    message = str(err.value)
    assert fragment in message and "\n" not in message and message.startswith("aliases.toml")


def test_missing_file_is_an_empty_book(tmp_path: Path) -> None:
    assert load_aliases(tmp_path).empty


def test_not_utf8_is_reported(tmp_path: Path) -> None:
    (tmp_path / "aliases.toml").write_bytes(b'ignore = ["\xff"]')
    with pytest.raises(AliasError, match="not UTF-8"):
        load_aliases(tmp_path)


names = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\n"), min_size=1
).filter(lambda s: bool(s.strip()))


@settings(max_examples=80, deadline=None)
@given(st.lists(names, min_size=1, max_size=4), names, names)
def test_written_file_reads_back(members: list[str], into: str, other: str) -> None:
    book = (
        AliasBook()
        .with_merge(into.strip(), [m.strip() for m in members])
        .with_ignore(other.strip())
        .with_rename("some-id", other.strip())
        .with_retype("some-id", EntityType.FAC)
        .with_split(other.strip(), into.strip(), EntityType.LOC)
    )
    again = parse_aliases(dump_aliases(book))
    assert again == book


def test_save_is_atomic_and_readable(tmp_path: Path) -> None:
    book = AliasBook().with_merge("United States", ["US", "U.S."]).with_ignore("Freedom House")
    path = save_aliases(book, tmp_path)
    assert path == tmp_path / "aliases.toml"
    assert load_aliases(tmp_path) == book
    assert [p.name for p in tmp_path.iterdir()] == ["aliases.toml"]  # no temp file left


# --- the command ---


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "briefs"
    folder.mkdir()
    write_brief(Brief(id="one", title="One", body=TEXT), folder)
    write_brief(
        Brief(id="two", title="Two", body="Yerevan and Moscow argued; Freedom House said so."),
        folder,
    )
    write_brief(Brief(id="three", title="Three", body="Tokyo and Seoul met in 2019."), folder)
    monkeypatch.setenv("BRIEFS_CORPUS", str(folder))
    monkeypatch.setenv("BRIEFS_INDEX", str(tmp_path / "index"))
    monkeypatch.setenv("NO_COLOR", "1")
    return folder


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["entities", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_json_counts_per_brief(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--json")
    assert code == 0
    data = json.loads(out)
    rows = {r["id"]: r for r in data["entities"]}
    assert data["briefs"] == 3
    assert rows["freedom-house"]["briefs"] == {"one": 1, "two": 1}
    assert rows["united-states"]["type"] == "GPE"
    assert rows["2019"]["type"] == "DATE"


def test_one_brief_json_has_spans(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "one", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["brief"] == "one"
    pashinyan = next(e for e in data["entities"] if e["id"] == "nikol-pashinyan")
    assert pashinyan["name"] == "Nikol Pashinyan" and pashinyan["type"] == "PERSON"
    start, end = pashinyan["spans"][0]
    assert TEXT[start:end] == "Nikol Pashinyan"


def test_unknown_brief_is_one_line(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "nope")
    assert code == 1 and err.strip().startswith("briefs: no brief") and err.count("\n") == 1


def _stored(index: Path) -> dict[str, str]:
    from tui.core.index import open_index

    ix = open_index(index)
    with ix.searcher() as searcher:
        return {f["id"]: f.get("mentions", "") for f in searcher.all_stored_fields()}


def test_merge_writes_the_file_and_reindexes_only_the_briefs_concerned(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(capsys, "--json")[0] == 0  # builds the index
    index = corpus.parent / "index"
    before = _stored(index)
    code, out, _ = run(capsys, "merge", "Freedom House", "Moscow", "--into", "Odd pair", "--json")
    assert code == 0
    report = json.loads(out)
    assert sorted(report["reindexed"]) == ["one", "two"]  # "three" names neither
    book = load_aliases(corpus)
    assert book.merge == (("Odd pair", ("Freedom House", "Moscow")),)
    after = _stored(index)
    assert after["three"] == before["three"]
    assert "odd-pair" in {m.entity_id for m in mentions_from_json(after["two"])}
    code, out, _ = run(capsys, "--json")
    rows = {r["id"]: r for r in json.loads(out)["entities"]}
    assert rows["odd-pair"]["briefs"] == {"one": 1, "two": 2}
    assert rows["odd-pair"]["name"] == "Odd pair"


def test_merge_then_update_rebuilds_nothing_and_a_hand_edit_reannotates(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.core.entities import default_annotator
    from tui.core.index import update_index

    assert run(capsys, "--json")[0] == 0  # builds the index
    index = corpus.parent / "index"
    assert run(capsys, "merge", "Freedom House", "Moscow", "--into", "Odd pair")[0] == 0
    # The merge re-indexed what it had to: the next update has nothing to do.
    report = update_index(corpus, index, annotate=default_annotator())
    assert report.rebuilt is None and not report.updated
    # An analyst edits the alias file by hand: the next update re-annotates every brief.
    path = corpus / "aliases.toml"
    path.write_text('ignore = ["Odd pair"]\n' + path.read_text(encoding="utf-8"), "utf-8")
    report = update_index(corpus, index, annotate=default_annotator())
    assert report.rebuilt is not None and "alias file" in report.rebuilt
    assert "odd-pair" not in {m.entity_id for m in mentions_from_json(_stored(index)["two"])}


def test_ignore_rename_retype(corpus: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "ignore", "Freedom House")[0] == 0
    assert run(capsys, "rename", "nikol-pashinyan", "Pashinyan")[0] == 0
    assert run(capsys, "retype", "green-corridor", "LOC")[0] == 0
    code, out, _ = run(capsys, "one", "--json")
    assert code == 0
    entities = {e["id"]: e for e in json.loads(out)["entities"]}
    assert "freedom-house" not in entities
    assert entities["nikol-pashinyan"]["name"] == "Pashinyan"
    assert entities["green-corridor"]["type"] == "LOC"
    text = (corpus / "aliases.toml").read_text(encoding="utf-8")
    assert 'ignore = ["Freedom House"]' in text


def test_bad_type_and_bad_file_are_one_line(
    corpus: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "retype", "x", "CITY")
    assert code == 1 and "unknown type 'CITY'" in err
    (corpus / "aliases.toml").write_text("[merge\n", encoding="utf-8")
    code, _, err = run(capsys)
    assert code == 1 and err.startswith("briefs: aliases.toml: not valid TOML")
    assert "Traceback" not in err


def test_extract_uses_the_given_book(corpus: Path) -> None:
    book = AliasBook().with_ignore("united-states")
    brief = Brief(id="x", title="x", body=TEXT)
    assert "united-states" in {m.entity_id for m in extract(brief)}
    assert "united-states" not in {m.entity_id for m in extract(brief, book)}
