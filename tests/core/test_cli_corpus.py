"""`briefs add`, `briefs list`, `briefs show`: exit codes, output, JSON shape, safe rendering."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from tui.cli import main
from tui.cli.corpus import safe_markdown
from tui.core.brief import load_corpus
from tui.core.search import Searcher

DATA = Path(__file__).parents[1] / "data" / "ingest"
ROOT = Path(__file__).resolve().parents[2]

ARTICLE = (
    "Gas Deals Across the Caspian\n\nAuthor: Leyla Mammadova\n\n"
    "Azerbaijan and Turkmenistan signed a memorandum on the Dostluk field, ending a dispute that "
    "had blocked exploration of the Caspian seabed for almost thirty years.\n\n"
    "Print print\n\nRelated Posts\n"
)
GAS_ID = "gas-deals-across-the-caspian"


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    return tmp_path / "briefs", tmp_path / "index"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def where(folders: tuple[Path, Path]) -> list[str]:
    return ["--corpus", str(folders[0]), "--index", str(folders[1])]


def snapshot(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def capture(tmp_path: Path, name: str = "gas.txt", text: str = ARTICLE) -> Path:
    path = tmp_path / "in" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


# --- add -----------------------------------------------------------------------------------


def test_add_reports_each_file_and_updates_the_index(
    tmp_path: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "add", str(capture(tmp_path)), *where(folders))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0].startswith("added ")
    assert lines[0].endswith(f"gas.txt → {GAS_ID}")
    assert "1 added, 0 updated, 0 skipped, 0 failed" in lines
    assert "index: 1 briefs" in out
    with Searcher(folders[1]) as searcher:
        hits = searcher.search("Dostluk").hits
    assert [h.id for h in hits] == [GAS_ID]


def test_add_json_shape(
    tmp_path: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    paths = [capture(tmp_path), capture(tmp_path, "copy.txt"), capture(tmp_path, "x.png")]
    code, out, _ = run(capsys, "add", *map(str, paths), "--json", *where(folders))
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"corpus", "results", "counts", "index"}
    assert data["corpus"] == str(folders[0].resolve())
    assert [set(r) for r in data["results"]] == [{"path", "status", "id", "title", "reason"}] * 3
    assert [(r["status"], r["id"], r["reason"]) for r in data["results"]] == [
        ("added", GAS_ID, ""),
        ("skipped", GAS_ID, f"duplicate of {GAS_ID}"),
        ("skipped", None, "not a capture (.png; briefs reads .txt, .md, .html, .pdf and .docx)"),
    ]
    assert data["results"][0]["title"] == "Gas Deals Across the Caspian"
    assert data["results"][0]["path"] == str(paths[0])
    assert data["counts"] == {"added": 1, "updated": 0, "skipped": 2, "failed": 0}
    assert data["index"] == {
        "added": [GAS_ID],
        "updated": [],
        "deleted": [],
        "rebuilt": data["index"]["rebuilt"],
        "errors": [],
        "total": 1,
    }


def test_adding_nothing_new_leaves_the_index_alone(
    tmp_path: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    path = str(capture(tmp_path))
    run(capsys, "add", path, *where(folders))
    code, out, _ = run(capsys, "add", path, "--json", *where(folders))
    assert code == 0
    data = json.loads(out)
    assert data["counts"]["skipped"] == 1 and data["index"] is None


def test_no_index_flag(
    tmp_path: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, _ = run(capsys, "add", str(capture(tmp_path)), "--no-index", *where(folders))
    assert code == 0
    assert (folders[0] / f"{GAS_ID}.md").is_file()
    assert not folders[1].exists()


def test_a_bad_path_exits_1_with_one_line_and_adds_nothing(
    tmp_path: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    run(capsys, "add", str(capture(tmp_path, "first.txt")), *where(folders))
    before = snapshot(folders[0])
    good = capture(tmp_path, "other.txt", ARTICLE.replace("Gas Deals", "Oil Deals"))
    missing = tmp_path / "nope.txt"
    code, out, err = run(capsys, "add", str(good), str(missing), *where(folders))
    assert code == 1
    assert out == ""
    assert err == f"briefs: no such file or folder: {missing} (nothing was added)\n"
    assert snapshot(folders[0]) == before


def test_a_binary_file_exits_1_and_adds_nothing(
    tmp_path: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    png = tmp_path / "in" / "image.txt"
    png.parent.mkdir()
    png.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    code, out, err = run(capsys, "add", str(capture(tmp_path)), str(png), *where(folders))
    assert (code, out) == (1, "")
    assert err.count("\n") == 1 and "a PNG image, not a text capture" in err
    assert snapshot(folders[0]) == {}


def test_a_failed_write_exits_1(
    tmp_path: Path,
    folders: tuple[Path, Path],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import tui.core.ingest.plan as ingest

    def disk_full(path: Path, data: str | bytes, *, exclusive: bool = False) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(ingest, "write_atomic", disk_full)
    code, out, _ = run(capsys, "add", str(capture(tmp_path)), *where(folders))
    assert code == 1
    assert out.startswith("failed ")
    assert "No space left on device" in out
    assert "0 added, 0 updated, 0 skipped, 1 failed" in out


def test_add_needs_a_path(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["add"])
    assert exc.value.code == 2
    assert "PATH" in capsys.readouterr().err


# --- list ----------------------------------------------------------------------------------


@pytest.fixture
def filled(tmp_path: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> Path:
    sources = [DATA / "energy-monitor.html", DATA / "wrapped-report.txt", capture(tmp_path)]
    code, _, err = run(capsys, "add", *map(str, sources), "--no-index", *where(folders))
    assert code == 0, err
    return folders[0]


def test_list_piped_is_tab_separated(
    filled: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "list", *where(folders))
    assert code == 0 and err == ""
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows == [
        [GAS_ID, "Gas Deals Across the Caspian", "", "", "25"],
        [
            "gas-transit-through-the-caspian-options-for-2024",
            "Gas Transit Through the Caspian: Options for 2024",
            "Example Institute for Regional Studies",
            "2023-11-02",
            "129",
        ],
        [
            "turkeys-gas-hub-ambitions-meet-reality",
            "Turkey’s gas hub ambitions meet reality",
            "Energy Monitor",
            "2023-10-02",
            "185",
        ],
    ]


def test_list_json_shape(
    filled: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "list", "--json", *where(folders))
    assert code == 0
    data = json.loads(out)
    assert set(data) == {"corpus", "briefs", "errors"}
    assert data["errors"] == []
    fields = {"id", "title", "source", "author", "published", "url", "ingested", "words", "path"}
    assert all(set(b) == fields | {"origin", "format"} for b in data["briefs"])
    turkey = data["briefs"][2]
    assert turkey["id"] == "turkeys-gas-hub-ambitions-meet-reality"
    assert (turkey["published"], turkey["author"], turkey["words"]) == (
        "2023-10-02",
        "Selin Arslan",
        185,
    )
    assert turkey["url"] == "https://energy-monitor.example/analysis/turkey-gas-hub"


def test_list_reports_unreadable_briefs_and_goes_on(
    filled: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    (filled / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    code, out, err = run(capsys, "list", *where(folders))
    assert code == 0
    assert len(out.splitlines()) == 3
    assert err.startswith("briefs: skipped broken.md: broken front matter")


def test_list_of_an_empty_corpus_says_how_to_add(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "list", *where(folders))
    assert (code, out) == (0, "")
    assert "briefs add PATH" in err


# --- show ----------------------------------------------------------------------------------


def test_show_piped_is_plain_text(
    filled: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "show", "turkeys-gas-hub-ambitions-meet-reality", *where(folders))
    assert code == 0
    head, body = out.split("\n\n", 1)
    assert head.splitlines() == [
        "Turkey’s gas hub ambitions meet reality",
        "Energy Monitor · Selin Arslan · 2023-10-02 · 185 words",
        "https://energy-monitor.example/analysis/turkey-gas-hub",
    ]
    brief = {b.id: b for b in load_corpus(filled).briefs}["turkeys-gas-hub-ambitions-meet-reality"]
    assert body == brief.body + "\n"
    assert "\x1b" not in out


def test_show_accepts_a_unique_prefix(
    filled: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "show", "turkeys", *where(folders))
    assert code == 0 and out.startswith("Turkey’s gas hub")
    code, _, err = run(capsys, "show", "gas-", *where(folders))
    assert code == 1
    assert err == (
        "briefs: gas- matches 2 briefs (gas-deals-across-the-caspian, "
        "gas-transit-through-the-caspian-options-for-2024): give more of the id\n"
    )


def test_show_unknown_id(
    filled: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "show", "no-such-brief", *where(folders))
    assert (code, out) == (1, "")
    assert err == "briefs: no brief with id no-such-brief (try `briefs list`)\n"


def test_show_json_shape(
    filled: Path, folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "show", GAS_ID, "--json", *where(folders))
    assert code == 0
    data = json.loads(out)
    assert set(data) == {
        "id", "title", "source", "author", "published", "url", "ingested", "words", "path",
        "sha256", "origin", "format", "body",
    }  # fmt: skip
    assert data["author"] == "Leyla Mammadova"
    assert (data["origin"], data["format"]) == ("gas.txt", "text")
    assert data["body"].startswith("Azerbaijan and Turkmenistan signed")
    assert "Print" not in data["body"]


EVIL = (
    "Hello <b>bold</b> and <script>alert(1)</script> [red]x[/red] "
    "\x1b]8;;https://evil.example\x07click\x1b]8;;\x07 \x1b[31mred\x1b[0m \u202eevil\n\n"
    "## A heading\n\n- one\n- two\n\n[a link](https://example.org)\n\n<div>raw block</div>\n"
)


def test_brief_text_is_rendered_as_markdown_and_never_obeyed() -> None:
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=80)
    console.print(safe_markdown(EVIL))
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert "\x1b]" not in out  # no hyperlink or title sequences from the text
    assert "\x1b[31m" not in out and "\u202e" not in out
    plain = Console(file=io.StringIO(), width=80, color_system=None)
    plain.print(safe_markdown(EVIL))
    text = plain.file.getvalue()  # type: ignore[attr-defined]
    assert "Hello <b>bold</b> and <script>alert(1)</script> [red]x[/red]" in text
    assert "<div>raw block</div>" in text
    assert "## A heading" not in text and "A heading" in text
    assert "• one" in text
    assert "a link (https://example.org)" in text  # shown, not hidden behind a hyperlink


# --- the real command ----------------------------------------------------------------------


def test_the_real_command_adds_and_lists(tmp_path: Path, folders: tuple[Path, Path]) -> None:
    env = {**os.environ, "NO_COLOR": "1"}
    add = subprocess.run(
        [sys.executable, "-m", "tui", "add", str(capture(tmp_path)), "--json", *where(folders)],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=False,
    )
    assert add.returncode == 0, add.stderr
    assert json.loads(add.stdout)["counts"]["added"] == 1
    listed = subprocess.run(
        [sys.executable, "-m", "tui", "list", *where(folders)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert listed.returncode == 0
    assert listed.stdout.startswith(f"{GAS_ID}\tGas Deals Across the Caspian")
    missing = subprocess.run(
        [sys.executable, "-m", "tui", "add", str(tmp_path / "gone"), *where(folders)],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert missing.returncode == 1
    assert missing.stderr.count("\n") == 1 and "Traceback" not in missing.stderr


def test_list_on_a_terminal_is_a_table(filled: Path, folders: tuple[Path, Path]) -> None:
    pexpect = pytest.importorskip("pexpect")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "tui", "list", *where(folders)],
        env={**os.environ, "COLUMNS": "160", "LINES": "40", "TERM": "xterm-256color"},
        dimensions=(40, 160),
        encoding="utf-8",
        timeout=30,
    )
    child.expect(pexpect.EOF)
    screen = child.before
    child.close()
    assert child.exitstatus == 0
    assert "ID" in screen and "Title" in screen and "Published" in screen
    assert "turkeys-gas-hub-ambitions-meet-reality" in screen
    assert "3 briefs in" in screen
    assert "\t" not in screen


@pytest.mark.parametrize("verb", ["add", "list", "show"])
def test_every_verb_has_help(verb: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main([verb, "--help"])
    assert exc.value.code == 0
    assert f"usage: briefs {verb}" in capsys.readouterr().out


def test_a_hand_edited_brief_cannot_reach_the_terminal_raw(
    folders: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    folders[0].mkdir()
    (folders[0] / "edited.md").write_text(
        '---\nid: edited\ntitle: "Evil \\e[31mtitle\\u202e"\n---\n\n'
        "Body \x1b]52;c;aGVsbG8=\x07with a clipboard write and \u202ereversed text.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "show", "edited", *where(folders))
    assert code == 0
    assert out.startswith("Evil ")
    assert "clipboard write and" in out
    assert "\x1b" not in out and "\u202e" not in out and "\x07" not in out
    code, out, _ = run(capsys, "show", "edited", "--json", *where(folders))
    assert "\x1b" not in out and "\u202e" not in out
    assert "clipboard write" in json.loads(out)["body"]
    code, out, _ = run(capsys, "list", *where(folders))
    assert out.startswith("edited\tEvil ") and out.count("\n") == 1
    assert "\x1b" not in out and "\u202e" not in out
