"""`briefs notes` and `briefs search --with-notes/--label`: output, JSON, exit codes, and the
Markdown export as a CommonMark reader sees it. A real corpus folder and a real index."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tui.cli import main
from tui.core.brief import read_brief
from tui.core.notes import Notebook
from tui.core.notes.store import NOTES_FILE

QUOTE = "Exports recovered faster than expected"
NOTE_KEYS = {
    "id", "brief", "title", "label", "colour", "text", "quote", "status", "method", "reason",
    "start", "end", "line", "paragraph", "current", "created", "updated",
}  # fmt: skip
# Raw in the output (JSON's own line breaks aside): escapes like \u001b are what is wanted.
RAW_CONTROL = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


@pytest.fixture
def state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "state"
    monkeypatch.setenv("BRIEFS_STATE", str(folder))
    return folder


def run(capsys: pytest.CaptureFixture[str], corpus: Path, *args: str) -> tuple[int, str, str]:
    index = corpus.parent / "index"
    code = main(["--corpus", str(corpus), "--index", str(index), *args])
    out, err = capsys.readouterr()
    return code, out, err


def one_error(err: str) -> str:
    (line,) = err.strip().splitlines()
    assert line.startswith("briefs: ")
    return line


def add(capsys: pytest.CaptureFixture[str], corpus: Path, *args: str) -> dict[str, object]:
    code, out, err = run(capsys, corpus, "notes", "add", *args, "--json")
    assert code == 0, err
    data: dict[str, object] = json.loads(out)
    return data


# --- add ----------------------------------------------------------------------------------------


def test_add_puts_a_note_on_a_quote(
    capsys: pytest.CaptureFixture[str], corpus: Path, state: Path
) -> None:
    code, out, err = run(
        capsys, corpus, "notes", "add", "black-sea", "--quote", QUOTE, "--label", "claim",
        "--text", "Check against UN data.",
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert re.fullmatch(
        r"added note [0-9a-f]{8} on black-sea-grain \(line \d+, paragraph 3\)\n", out
    )
    (note,) = Notebook(state).notes
    assert (note.brief, note.quote, note.label, note.text) == (
        "black-sea-grain", QUOTE, "claim", "Check against UN data.",
    )  # fmt: skip
    data = add(capsys, corpus, "black-sea-grain", "--quote", "Odesa")
    assert set(data) == NOTE_KEYS
    assert data["status"] == "anchored" and data["label"] is None and data["quote"] == "Odesa"


def test_add_refuses_what_it_cannot_place(
    capsys: pytest.CaptureFixture[str], corpus: Path, state: Path
) -> None:
    cases = [
        (["black-sea-grain", "--quote", "not in it"], 1, "the quote is not in black-sea-grain"),
        (["black-sea-grain", "--quote", "Black Sea"], 1, "occurs 2 times"),
        (["black-sea-grain", "--quote", "Black Sea", "--occurrence", "3"], 1, "no occurrence 3"),
        (["black-sea-grain", "--quote", "Odesa", "--label", "gossip"], 1, "no label 'gossip'"),
        (["no-such-brief", "--quote", "Odesa"], 1, "no brief with id no-such-brief"),
        (["black-sea-grain"], 2, "needs --quote"),
        (["black-sea-grain", "--quote", "Odesa", "--to", "x"], 2, "does not take --to"),
        ([], 2, "takes 1 argument"),
    ]
    for args, expected, message in cases:
        code, out, err = run(capsys, corpus, "notes", "add", *args)
        assert code == expected, (args, err)
        assert message in one_error(err), (args, err)
        assert out == ""
    assert (
        "--occurrence N (1-2)"
        in run(capsys, corpus, "notes", "add", "black-sea-grain", "--quote", "Black Sea")[2]
    )
    assert not (state / NOTES_FILE).exists()
    data = add(capsys, corpus, "black-sea-grain", "--quote", "black sea", "--occurrence", "2")
    assert data["quote"] == "Black Sea"


# --- list ---------------------------------------------------------------------------------------


def test_list_shows_each_note_placed_against_the_current_brief(
    capsys: pytest.CaptureFixture[str], corpus: Path, state: Path
) -> None:
    kept = add(capsys, corpus, "black-sea-grain", "--quote", QUOTE, "--label", "claim")
    gone = add(capsys, corpus, "black-sea-grain", "--quote", "several vessels were struck")
    other = add(capsys, corpus, "georgia-protests", "--quote", "Tbilisi", "--label", "claim")
    code, out, err = run(capsys, corpus, "notes")
    assert (code, err) == (0, "")
    rows = [line.split("\t") for line in out.splitlines()]
    assert len(rows) == 3 and all(len(row) == 10 for row in rows)
    # Edit the brief: a paragraph before the passage, and one passage gone.
    path = corpus / "black-sea-grain.md"
    text = path.read_text("utf-8")
    text = text.replace("Russia withdrew", "A new opening.\n\nRussia withdrew", 1)
    path.write_text(text.replace("and several vessels were struck in port", "and more"), "utf-8")
    code, out, _ = run(capsys, corpus, "notes", "black-sea-grain", "--json")
    data = json.loads(out)
    assert set(data) == {"brief", "label", "notes", "labels"} and data["brief"] == "black-sea-grain"
    by_id = {n["id"]: n for n in data["notes"]}
    assert set(by_id) == {kept["id"], gone["id"]}
    moved = by_id[kept["id"]]
    body = read_brief(path).body
    assert moved["status"] == "anchored" and moved["method"] == "context"
    assert moved["start"] == body.index(QUOTE) != kept["start"]
    assert moved["line"] == kept["line"] + 2  # type: ignore[operator]
    orphan = by_id[gone["id"]]
    assert orphan["status"] == "orphaned" and orphan["start"] is None
    assert orphan["quote"] == "several vessels were struck"
    assert {x["name"]: x["notes"] for x in data["labels"]}["claim"] == 2
    # --label across the library; a prefix of a brief id; a brief that is gone.
    code, out, _ = run(capsys, corpus, "notes", "--label", "CLAIM", "--json")
    assert {n["id"] for n in json.loads(out)["notes"]} == {kept["id"], other["id"]}
    code, out, _ = run(capsys, corpus, "notes", "list", "georgia")
    assert out.split("\t")[0] == other["id"]
    (corpus / "georgia-protests.md").unlink()
    code, out, _ = run(capsys, corpus, "notes", "georgia-protests", "--json")
    (note,) = json.loads(out)["notes"]
    assert note["status"] == "orphaned" and "not in the corpus" in note["reason"]
    code, _, err = run(capsys, corpus, "notes", "--label", "nope")
    assert code == 1 and "no label 'nope'" in one_error(err)
    code, _, err = run(capsys, corpus, "notes", "zzz")
    assert code == 1 and "no brief with id zzz" in one_error(err)


def test_an_empty_store_and_a_corrupt_one_say_so_in_one_line(
    capsys: pytest.CaptureFixture[str], corpus: Path, state: Path
) -> None:
    code, out, err = run(capsys, corpus, "notes")
    assert code == 0 and out == "" and "no notes" in one_error(err)
    state.mkdir()
    (state / NOTES_FILE).write_text("{not json", "utf-8")
    code, out, err = run(capsys, corpus, "notes", "--json")
    assert code == 0 and json.loads(out)["notes"] == []
    assert "kept as notes.json.corrupt-" in one_error(err)
    assert list(state.glob("notes.json.corrupt-*"))


def test_a_terminal_sees_labels_places_and_quotes(
    capsys: pytest.CaptureFixture[str], corpus: Path, state: Path
) -> None:
    import argparse

    from rich.console import Console

    from tui.cli import Context
    from tui.cli.notes import run_notes
    from tui.core.paths import Paths

    add(capsys, corpus, "black-sea-grain", "--quote", QUOTE, "--label", "claim", "--text", "UN?")
    screen = io.StringIO()
    console = Console(file=screen, force_terminal=True, width=80, color_system="standard")
    ctx = Context(Paths(corpus, corpus.parent / "index", state), _console=console)
    args = argparse.Namespace(
        words=[], label=None, brief=None, quote=None, occurrence=None, text=None,
        unlabel=False, to=None, format=None, output=None, json=False,
    )  # fmt: skip
    assert run_notes(args, ctx) == 0
    plain = re.sub(r"\x1b\[[0-9;]*m", "", screen.getvalue())
    assert "After the Grain Deal: Shipping in the Black Sea" in plain
    assert re.search(r"[0-9a-f]{8}  claim  line \d+, paragraph 3, characters \d+-\d+", plain)
    assert f"“{QUOTE}”" in plain and "UN?" in plain
    assert "\x1b[1;33m" in screen.getvalue()  # the label in its colour (yellow), bold


# --- edit, delete -------------------------------------------------------------------------------


def test_edit_and_delete(capsys: pytest.CaptureFixture[str], corpus: Path, state: Path) -> None:
    note = add(capsys, corpus, "black-sea-grain", "--quote", "Odesa", "--text", "old")
    short = str(note["id"])[:4]
    code, out, _ = run(
        capsys, corpus, "notes", "edit", short, "--text", "new", "--label", "question"
    )
    assert code == 0 and out.startswith(f"edited note {note['id']} (line ")
    (saved,) = Notebook(state).notes
    assert (saved.text, saved.label) == ("new", "question")
    code, out, _ = run(capsys, corpus, "notes", "edit", short, "--unlabel", "--json")
    assert code == 0 and json.loads(out)["label"] is None
    for args, expected, message in [
        (["edit", short], 2, "needs --text, --label or --unlabel"),
        (["edit", short, "--label", "claim", "--unlabel"], 2, "not both"),
        (["edit", "ffff0000", "--text", "x"], 1, "no note with id ffff0000"),
        (["edit", short, "--label", "nope"], 1, "no label 'nope'"),
        (["delete"], 2, "takes 1 argument"),
        (["delete", short, "--text", "x"], 2, "does not take --text"),
    ]:
        code, _, err = run(capsys, corpus, "notes", *args)
        assert code == expected and message in one_error(err), (args, err)
    code, out, _ = run(capsys, corpus, "notes", "delete", short)
    assert code == 0 and out.startswith(f"deleted note {note['id']}")
    assert Notebook(state).notes == []
    code, _, err = run(capsys, corpus, "notes", "delete", short)
    assert code == 1 and "no note with id" in one_error(err)


# --- labels -------------------------------------------------------------------------------------


def test_labels_list_add_rename_colour_delete(
    capsys: pytest.CaptureFixture[str], corpus: Path, state: Path
) -> None:
    code, out, _ = run(capsys, corpus, "notes", "labels")
    assert out.splitlines() == [
        "claim\tyellow\t0", "evidence\tgreen\t0", "question\tcyan\t0", "contradiction\tred\t0",
    ]  # fmt: skip
    note = add(capsys, corpus, "black-sea-grain", "--quote", "Odesa", "--label", "claim")
    steps = [
        (["add", "source", "bright-blue"], 0, "added label source (bright_blue)"),
        (["add", "source", "red"], 1, "already a label 'source'"),
        (["add", "odd", "teal"], 1, "not one of the 16 terminal colours"),
        (["rename", "claim", "assertion"], 0, "renamed label claim to assertion"),
        (["colour", "assertion", "magenta"], 0, "label assertion is now magenta"),
        (["color", "source", "GREY"], 0, "label source is now bright_black"),
        (["delete", "assertion"], 1, "is on 1 note: give --to LABEL"),
        (["delete", "assertion", "--to", "source"], 0, "1 note(s) now labelled source"),
        (["delete", "evidence"], 0, "deleted label evidence"),
        (["rename", "nope", "x"], 1, "no label 'nope'"),
        (["frob"], 2, "no labels action 'frob'"),
        (["add", "x"], 2, "takes 2 argument"),
        (["rename", "a", "b", "--to", "c"], 2, "are for `notes labels delete`"),
    ]
    for args, expected, message in steps:
        code, out, err = run(capsys, corpus, "notes", "labels", *args)
        assert code == expected, (args, err)
        assert message in (out if code == 0 else one_error(err)), (args, out, err)
    assert Notebook(state).note(str(note["id"])).label == "source"
    code, out, _ = run(capsys, corpus, "notes", "labels", "delete", "source", "--unlabel", "--json")
    assert code == 0
    assert json.loads(out)["labels"] == [
        {"name": "question", "colour": "cyan", "notes": 0},
        {"name": "contradiction", "colour": "red", "notes": 0},
    ]
    assert Notebook(state).note(str(note["id"])).label is None


# --- search -------------------------------------------------------------------------------------


def test_notes_search_finds_text_and_quotes(
    capsys: pytest.CaptureFixture[str], corpus: Path, state: Path
) -> None:
    one = add(capsys, corpus, "black-sea-grain", "--quote", "Odesa", "--text", "Le ministère")
    two = add(capsys, corpus, "georgia-protests", "--quote", "Tbilisi", "--label", "question")
    code, out, _ = run(capsys, corpus, "notes", "search", "MINISTERE", "--json")
    data = json.loads(out)
    assert data["query"] == "MINISTERE" and [n["id"] for n in data["notes"]] == [one["id"]]
    code, out, _ = run(capsys, corpus, "notes", "search", "tbilisi")
    assert out.split("\t")[0] == two["id"]
    code, out, _ = run(capsys, corpus, "notes", "search", "tbilisi", "--label", "claim", "--json")
    assert json.loads(out)["notes"] == []
    code, out, _ = run(capsys, corpus, "notes", "search", "odesa", "--brief", "georgia", "--json")
    assert json.loads(out)["notes"] == []
    code, _, err = run(capsys, corpus, "notes", "search")
    assert code == 2 and "nothing to search for" in one_error(err)


def test_briefs_search_limited_to_briefs_with_notes(
    capsys: pytest.CaptureFixture[str], corpus: Path, state: Path
) -> None:
    code, out, _ = run(capsys, corpus, "search", "Russia", "--json", "--limit", "50")
    everything = {hit["id"] for hit in json.loads(out)["hits"]}
    assert len(everything) > 2 and "black-sea-grain" in everything
    code, out, err = run(capsys, corpus, "search", "Russia", "--with-notes", "--json")
    assert code == 0 and json.loads(out)["hits"] == []
    code, out, err = run(capsys, corpus, "search", "Russia", "--with-notes")
    assert "no brief has notes" in err and "no briefs match" in out
    add(capsys, corpus, "black-sea-grain", "--quote", "Odesa", "--label", "evidence")
    add(capsys, corpus, "zangezur-corridor", "--quote", "Armenia", "--occurrence", "1")
    code, out, _ = run(capsys, corpus, "search", "Russia", "--with-notes", "--json")
    hits = {hit["id"] for hit in json.loads(out)["hits"]}
    assert hits == {"black-sea-grain", "zangezur-corridor"} & everything
    assert json.loads(out)["total"] == len(hits)
    code, out, _ = run(capsys, corpus, "search", "Russia", "--label", "Evidence", "--json")
    assert [hit["id"] for hit in json.loads(out)["hits"]] == ["black-sea-grain"]
    code, out, _ = run(capsys, corpus, "search", "Russia", "--label", "evidence")
    assert out.startswith("1. After the Grain Deal")
    code, _, err = run(capsys, corpus, "search", "Russia", "--label", "nope")
    assert code == 2 and "no label 'nope'" in one_error(err)


# --- export -------------------------------------------------------------------------------------

HOSTILE_TITLE = "# Not a heading [link](http://evil.example) <b>bold</b> *em* | a | b |"
HOSTILE_BODY = (
    "Opening paragraph of the hostile brief, with enough words before the passage.\n\n"
    "1. not a list\n- not an item\n> not a quote\n---\n`not code` and &amp; and \\*stars\\*\n\n"
    "    indented, not a code block\n\nThe end of the brief, after the passage."
)
HOSTILE_QUOTE = (
    "1. not a list\n- not an item\n> not a quote\n---\n`not code` and &amp; and \\*stars\\*"
)


def _hostile(corpus: Path) -> None:
    title = HOSTILE_TITLE.replace('"', '\\"')
    (corpus / "hostile.md").write_text(
        f'---\nid: hostile\ntitle: "{title}"\nsource: "<i>Src</i>"\n---\n\n{HOSTILE_BODY}\n',
        "utf-8",
    )


def _inline_text(tokens: list) -> str:  # type: ignore[type-arg]
    out = []
    for token in tokens:
        if token.type == "inline":
            for child in token.children or []:
                out.append("\n" if child.type in ("softbreak", "hardbreak") else child.content)
    return "".join(out)


def test_the_markdown_export_reads_as_written_in_a_commonmark_viewer(
    capsys: pytest.CaptureFixture[str], corpus: Path, state: Path, tmp_path: Path
) -> None:
    _hostile(corpus)
    add(capsys, corpus, "hostile", "--quote", HOSTILE_QUOTE, "--label", "contradiction",
        "--text", "**not bold**\n\n<script>alert(1)</script> [x](y)")  # fmt: skip
    add(capsys, corpus, "black-sea-grain", "--quote", QUOTE, "--label", "claim")
    add(capsys, corpus, "black-sea-grain", "--quote", "several vessels were struck")
    path = corpus / "black-sea-grain.md"
    path.write_text(path.read_text("utf-8").replace("several vessels were struck", "x"), "utf-8")
    target = tmp_path / "out" / "notes.md"
    code, out, _ = run(capsys, corpus, "notes", "export", "-o", str(target))
    assert code == 0 and out == f"exported 3 notes to {target}\n"
    text = target.read_text("utf-8")
    tokens = MarkdownIt("commonmark").parse(text)
    types = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
    assert not types & {"html_block", "html_inline", "link_open", "code_block"}
    codes = {c.content for t in tokens for c in t.children or [] if c.type == "code_inline"}
    assert codes == {"black-sea-grain", "hostile"}  # the ids, as code
    assert not types & {"bullet_list_open", "ordered_list_open", "hr", "strong_open"}
    headings = [
        (t.tag, _inline_text([tokens[i + 1]]))
        for i, t in enumerate(tokens)
        if t.type == "heading_open"
    ]
    h2 = [content for tag, content in headings if tag == "h2"]
    # By title ("#" sorts first), each exactly as written.
    assert h2 == [
        HOSTILE_TITLE,
        "After the Grain Deal: Shipping in the Black Sea",
        "Orphaned notes",
    ]
    assert [content for tag, content in headings if tag == "h1"] == ["Notes"]
    # What a reader sees: each heading and quote as written.
    quotes: list[str] = []
    depth, current = 0, []  # type: ignore[var-annotated]
    for token in tokens:
        if token.type == "blockquote_open":
            depth, current = depth + 1, []
        elif token.type == "blockquote_close":
            depth -= 1
            quotes.append(_inline_text(current))
        elif depth:
            current.append(token)
    assert HOSTILE_QUOTE in quotes and QUOTE in quotes and "several vessels were struck" in quotes
    rendered = MarkdownIt("commonmark").render(text)
    assert "<script>" not in rendered and "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert "**not bold**" in rendered
    # The orphaned note sits in its own section, after every brief.
    orphaned = text.index("## Orphaned notes")
    assert text.index("several vessels were struck") > orphaned > text.index(QUOTE)


def test_the_json_export_groups_by_brief_and_holds_no_control_characters(
    capsys: pytest.CaptureFixture[str], corpus: Path, state: Path
) -> None:
    (corpus / "odd.md").write_text(
        '---\nid: odd\ntitle: "Title \\e]52;c;aGk=\\a with \\u202e bidi"\n---\n\n'
        "Body with a \x1b[31mred\x1b[0m passage and more words after it.\n",
        "utf-8",
    )
    add(capsys, corpus, "odd", "--quote", "passage", "--text", "bell \x07 and \x9b csi")
    add(capsys, corpus, "black-sea-grain", "--quote", "Odesa")
    code, out, _ = run(capsys, corpus, "notes", "export", "--format", "json")
    assert code == 0 and not RAW_CONTROL.search(out)
    data = json.loads(out)
    assert data["format"] == "briefs-notes-export" and data["version"] == 1
    assert [b["id"] for b in data["briefs"]] == ["black-sea-grain", "odd"]
    assert all(set(n) == NOTE_KEYS for b in data["briefs"] for n in b["notes"])
    code, listed, _ = run(capsys, corpus, "notes", "--json")
    assert not RAW_CONTROL.search(listed)
    code, _, err = run(capsys, corpus, "notes", "export", "--format", "md", "--label", "x")
    assert code == 2 and "does not take --label" in one_error(err)
