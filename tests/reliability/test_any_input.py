"""Any file through `briefs add`: added, or refused with a one-line reason; nothing else changes.

Each case runs the real command as a subprocess on a corpus that already holds briefs; the
corpus folder is snapshotted (every file's bytes) before and after, and stderr must hold no
traceback.
"""

from __future__ import annotations

import codecs
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.reliability.helpers import Run, briefs, child_env, snapshot, where
from tui.core.brief import read_brief

DATA = Path(__file__).parents[1] / "data"
ARTICLE = (DATA / "ingest" / "wrapped-report.txt").read_text(encoding="utf-8")
ARTICLE_TITLE = "Gas Transit Through the Caspian: Options for 2024"
PROSE = (
    "Azerbaijan and Turkmenistan signed a memorandum on the Dostluk field, ending a dispute "
    "that had blocked exploration of the Caspian seabed for almost thirty years. "
)


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A corpus with the fixture briefs already in it: what must not change."""
    folder = tmp_path / "briefs"
    folder.mkdir()
    for path in sorted(DATA.glob("*.md")):
        shutil.copy2(path, folder / path.name)
    return folder


def add(corpus: Path, *paths: Path, timeout: float = 120) -> tuple[Run, dict[str, object]]:
    """`briefs add PATHS --json` (no index: the corpus is what is checked), and its JSON."""
    run = briefs(
        "add",
        *paths,
        "--json",
        "--no-index",
        *where(corpus, corpus.parent / "index"),
        timeout=timeout,
    )
    data = json.loads(run.out) if run.out.strip() else {}
    return run, data


def assert_refused(run: Run, says: str) -> None:
    assert run.code == 1
    lines = run.error.strip().splitlines()
    assert len(lines) == 1, run.error
    assert lines[0].startswith("briefs: ") and says in lines[0], lines[0]
    assert run.out == b""


def only_new_files(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """The files added; asserts that no file that was there changed or went."""
    for name, digest in before.items():
        assert after.get(name) == digest, f"{name} changed"
    return sorted(set(after) - set(before))


def results(data: dict[str, object]) -> list[dict[str, str]]:
    found = data["results"]
    assert isinstance(found, list)
    return found


# --- refused: nothing written -----------------------------------------------------------------

REFUSED: dict[str, tuple[Callable[[], bytes], str]] = {
    "random.txt": (lambda: random.Random(1).randbytes(64 * 1024), "binary data"),
    "bytes.md": (lambda: bytes(range(256)) * 64, "binary data"),
    "image.html": (lambda: b"\x89PNG\r\n\x1a\n" + bytes(500), "a PNG image"),
    "archive.md": (lambda: b"PK\x03\x04" + bytes(300), "ZIP archive"),
    "nul-heavy.txt": (lambda: (PROSE.encode() + b"\x00\x01\x02\x03" * 40) * 20, "binary data"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_file_that_is_not_text_is_refused_and_nothing_is_written(
    name: str, corpus: Path, tmp_path: Path
) -> None:
    make, says = REFUSED[name]
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(make())
    (folder / "a-good-one.txt").write_text(ARTICLE, encoding="utf-8")  # refused with the batch
    before = snapshot(corpus)
    run, _ = add(corpus, folder)
    assert_refused(run, says)
    assert snapshot(corpus) == before


def test_a_50_mb_file_is_refused_with_bounded_memory(corpus: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("w", encoding="utf-8") as fh:
        paragraph = (PROSE * 8).strip() + "\n\n"
        for _ in range(50 * 1024 * 1024 // len(paragraph) + 1):
            fh.write(paragraph)
    assert big.stat().st_size >= 50 * 1024 * 1024
    before = snapshot(corpus)
    run, peak = _measured(["add", str(big), "--no-index", *where(corpus, tmp_path / "i")])
    assert_refused(run, "too large")
    assert snapshot(corpus) == before
    assert peak < 1024**3, f"{peak / 1e6:.0f} MB"


@pytest.mark.slow
def test_a_large_accepted_capture_stays_within_memory(corpus: Path, tmp_path: Path) -> None:
    """4 MB of prose (well under the size limit) is cleaned in bounded memory."""
    rng = random.Random(4)
    words = PROSE.split()
    paras = [" ".join(rng.choice(words) for _ in range(80)).capitalize() + "." for _ in range(8000)]
    text = "A Very Long Report on Caspian Gas\n\n" + "\n\n".join(paras)
    (tmp_path / "long.txt").write_text(text, encoding="utf-8")
    assert len(text) > 4_000_000
    before = snapshot(corpus)
    run, peak = _measured(
        ["add", str(tmp_path / "long.txt"), "--json", "--no-index", *where(corpus, tmp_path / "i")]
    )
    assert run.code == 0, run.error
    (result,) = json.loads(run.out)["results"]
    assert result["status"] == "added"
    assert only_new_files(before, snapshot(corpus)) == [f"{result['id']}.md"]
    assert peak < 1024**3, f"{peak / 1e6:.0f} MB"


def _measured(args: list[str]) -> tuple[Run, int]:
    """Run the command and measure its own peak memory (os.wait4 reports that child only)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        child = subprocess.Popen(
            [sys.executable, "-m", "tui", *args],
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=child_env(),
        )
        _, status, usage = os.wait4(child.pid, 0)
        child.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    assert b"Traceback" not in stderr, stderr.decode("utf-8", "replace")
    return Run(child.returncode, stdout, stderr), usage.ru_maxrss * 1024  # Linux: kilobytes


# --- added, skipped or refused: always one line, never a traceback ------------------------------


def _utf16(codec: str) -> bytes:
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    return bom + ARTICLE.encode(codec)


ACCEPTED: dict[str, Callable[[], bytes]] = {
    "utf16-le-bom.txt": lambda: _utf16("utf-16-le"),
    "utf16-be-bom.txt": lambda: _utf16("utf-16-be"),
    "utf32-bom.txt": lambda: codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"),
    "utf8-bom.md": lambda: codecs.BOM_UTF8 + ARTICLE.encode(),
    "invalid-utf8.txt": lambda: ARTICLE.encode() + b"\n\nBroken \xff\xfe\xc3( bytes\xe2\x82 end.\n",
    "latin1.txt": lambda: ARTICLE.replace("—", "-").replace("’", "'").encode("latin-1", "replace"),
    "crlf.txt": lambda: ARTICLE.replace("\n", "\r\n").encode(),
    "cr-only.txt": lambda: ARTICLE.replace("\n", "\r").encode(),
    "malformed.html": lambda: (
        "<html><head><title>Broken Page</title><body><p>Unclosed <b>bold <i>italic</p></b>"
        f"<table><tr><td>cell</table></div></div><p>{PROSE * 3}</p><p>{PROSE}<"
    ).encode(),
}


def _batch(corpus: Path, folder: Path, files: dict[str, bytes]) -> dict[str, dict[str, str]]:
    """Add a folder of these files in one run of the command; its result for each, by name.
    Asserts that no brief already in the corpus changed and that each added one is new."""
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    before = snapshot(corpus)
    run, data = add(corpus, folder, timeout=300)
    assert run.code == 0, run.error
    by_name = {Path(r["path"]).name: r for r in results(data)}
    assert sorted(by_name) == sorted(files)
    new = only_new_files(before, snapshot(corpus))
    added = sorted(f"{r['id']}.md" for r in by_name.values() if r["status"] == "added")
    assert new == added
    for result in by_name.values():
        assert "\n" not in result["reason"], result
        if result["status"] == "skipped":
            assert result["reason"], result
    return by_name


def test_text_in_any_encoding_is_added_and_nothing_else_changes(
    corpus: Path, tmp_path: Path
) -> None:
    """One run of `briefs add` over a folder of every encoding (each its own brief)."""
    by_name = _batch(corpus, tmp_path / "in", {name: make() for name, make in ACCEPTED.items()})
    for name, result in by_name.items():
        assert result["status"] == "added", result
        if name != "malformed.html":
            assert result["title"] == ARTICLE_TITLE, result
        brief = read_brief(corpus / f"{result['id']}.md")
        assert ("\r" not in brief.body and "Turkmenistan" in brief.body) or name == "malformed.html"
    assert by_name["invalid-utf8.txt"]["reason"]  # says how the bytes were read


ODD: dict[str, tuple[Callable[[], bytes], set[str]]] = {
    "empty.txt": (lambda: b"", {"skipped"}),
    "blank.md": (lambda: b"  \n\n\t\n   \r\n", {"skipped"}),
    "bom-only.txt": (lambda: codecs.BOM_UTF8, {"skipped"}),
    "one-megabyte-line.txt": (
        lambda: ("One Long Line\n\n" + "word " * 210_000).encode(),
        {"added", "skipped"},
    ),
    "no-spaces-line.txt": (lambda: b"T\n\n" + b"x" * 1_100_000, {"added", "skipped"}),
    "nested-10k.html": (
        lambda: (
            "<html><body>"
            + "<div>" * 10_000
            + f"<p>{PROSE}</p>"
            + "</div>" * 10_000
            + "</body></html>"
        ).encode(),
        {"added", "skipped"},
    ),
    "unclosed-10k.html": (
        lambda: ("<html><body>" + "<div><span><b>" * 10_000 + PROSE).encode(),
        {"added", "skipped"},
    ),
    "comment-bomb.html": (
        lambda: ("<html><body><!--" + "-" * 1_000_000 + f"<p>{PROSE}</p>").encode(),
        {"added", "skipped"},
    ),
    "entity-bomb.html": (
        lambda: (
            (
                '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                + "".join(f'<!ENTITY lol{i} "&lol{i - 1};&lol{i - 1};">' for i in range(1, 30))
                + "]><html><body><p>&lol29;</p></body></html>"
            )
            .replace("&lol0;", "&lol;")
            .encode()
        ),
        {"added", "skipped"},
    ),
    # One long line of a Markdown or metadata delimiter: cleaned in one pass, not one per
    # character (these took hours: a 20,000-character line of '[' took 4 s, and it grew with
    # the square of the length). The subprocess timeout is the bound, not a speed target.
    "brackets-line.md": (lambda: ("Brackets\n\n" + "[" * 1_000_000).encode(), {"added", "skipped"}),
    "images-line.md": (lambda: ("Images\n\n" + "![" * 400_000).encode(), {"added", "skipped"}),
    "autolinks-line.md": (
        lambda: ("Links\n\n" + "<http://" * 100_000).encode(),
        {"added", "skipped"},
    ),
    "tags-line.md": (lambda: ("Tags\n\n" + "<a" * 400_000).encode(), {"added", "skipped"}),
    "dashes-line.txt": (lambda: ("Dashes\n\n" + "—" * 400_000).encode(), {"added", "skipped"}),
    "nested-text-tags.txt": (
        lambda: ("<html><body>" + "<ul><li>" * 10_000 + "x").encode(),
        {"skipped", "added"},
    ),
}


def test_broken_pdf_and_word_files_are_skipped_and_the_batch_goes_on(
    corpus: Path, tmp_path: Path
) -> None:
    # A PDF is read as a PDF whatever its name: random bytes after its header make a damaged
    # one, skipped with its reason like a scan or a password-protected file.
    rng = random.Random(2)
    files = {
        "report.txt": b"%PDF-1.7\n" + rng.randbytes(4000),
        "report.pdf": b"%PDF-1.7\n" + rng.randbytes(4000) + b"\n%%EOF\n",
        "notes.docx": b"PK\x03\x04" + rng.randbytes(3000),
        "good.txt": ARTICLE.encode(),
    }
    by_name = _batch(corpus, tmp_path / "in", files)
    assert {name: (r["status"], r["reason"].split(" (")[0]) for name, r in by_name.items()} == {
        "report.txt": ("skipped", "a truncated PDF"),
        "report.pdf": ("skipped", "a damaged PDF"),
        "notes.docx": ("skipped", "a damaged Word file"),
        "good.txt": ("added", ""),
    }


def test_odd_files_are_added_or_skipped_with_one_line(corpus: Path, tmp_path: Path) -> None:
    by_name = _batch(corpus, tmp_path / "in", {name: make() for name, (make, _) in ODD.items()})
    for name, (_, allowed) in ODD.items():
        assert by_name[name]["status"] in allowed, by_name[name]


# --- folders and file-system oddities ----------------------------------------------------------


def test_a_symlink_loop_in_a_folder_is_walked_once(corpus: Path, tmp_path: Path) -> None:
    folder = tmp_path / "in"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "report.txt").write_text(ARTICLE, encoding="utf-8")
    (folder / "sub" / "loop").symlink_to(folder)  # in -> sub -> loop -> in ...
    (folder / "self").symlink_to(".")
    (folder / "dangling.txt").symlink_to(tmp_path / "nowhere.txt")
    before = snapshot(corpus)
    run, data = add(corpus, folder, timeout=60)
    assert run.code == 0, run.error
    statuses = {Path(r["path"]).name: r["status"] for r in results(data)}
    assert statuses == {"report.txt": "added", "dangling.txt": "skipped"}
    assert len(only_new_files(before, snapshot(corpus))) == 1


def test_a_folder_named_like_a_capture_is_a_folder(corpus: Path, tmp_path: Path) -> None:
    odd = tmp_path / "x.txt"
    odd.mkdir()
    (odd / "inner.txt").write_text(ARTICLE, encoding="utf-8")
    before = snapshot(corpus)
    run, data = add(corpus, odd)
    assert run.code == 0, run.error
    assert [r["status"] for r in results(data)] == ["added"]
    assert len(only_new_files(before, snapshot(corpus))) == 1


def test_a_fifo_is_never_opened(corpus: Path, tmp_path: Path) -> None:
    """Reading a FIFO would block for ever: given by name it is refused; in a folder, skipped."""
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    before = snapshot(corpus)
    run, _ = add(corpus, fifo, timeout=30)
    assert_refused(run, "not a file or a folder")
    folder = tmp_path / "in"
    folder.mkdir()
    os.mkfifo(folder / "pipe.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")  # endless, if it were read
    (folder / "report.txt").write_text(ARTICLE, encoding="utf-8")
    run, data = add(corpus, folder, timeout=30)
    assert run.code == 0, run.error
    statuses = {Path(r["path"]).name: (r["status"], r["reason"]) for r in results(data)}
    assert statuses["report.txt"][0] == "added"
    for name in ("pipe.txt", "zero.txt"):
        status, reason = statuses[name]
        assert status == "skipped" and reason, statuses
    assert len(only_new_files(before, snapshot(corpus))) == 1


def _without_root_powers() -> None:
    """In the child, before exec: drop the capabilities that let root read any file
    (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) from its bounding set, so permissions apply."""
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (1, 2):
        if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def test_an_unreadable_file_is_refused_before_anything_is_written(
    corpus: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-readable.txt").write_text(ARTICLE, encoding="utf-8")
    secret = folder / "secret.txt"
    secret.write_text(ARTICLE.replace("Caspian", "Aral"), encoding="utf-8")
    secret.chmod(0)
    before = snapshot(corpus)
    args = ["add", str(folder), "--no-index", *where(corpus, tmp_path / "i")]
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui", *args],
            env=child_env(),
            capture_output=True,
            timeout=60,
            preexec_fn=_without_root_powers if os.geteuid() == 0 else None,
            check=False,
        )
    except subprocess.SubprocessError as exc:
        pytest.skip(f"cannot drop root's file-reading capabilities here ({exc})")
    assert b"Traceback" not in done.stderr, done.stderr.decode()
    assert_refused(Run(done.returncode, done.stdout, done.stderr), "Permission denied")
    assert snapshot(corpus) == before


def test_adding_the_corpus_to_itself_changes_nothing(corpus: Path) -> None:
    before = snapshot(corpus)
    run, data = add(corpus, corpus)
    assert run.code == 0, run.error
    assert results(data) == []
    assert snapshot(corpus) == before


# --- front matter built to crash a YAML reader ---------------------------------------------------


def _alias_bomb(field: str) -> str:
    """Nine levels of nine references to the level below: 9**9 strings if ever expanded."""
    lines = ['l0: &l0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    lines += [f"l{i}: &l{i} [" + ",".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 9)]
    return "\n".join([*lines, f"{field}: *l8"])


BOMBS: dict[str, str] = {
    # libyaml overflowed the C stack on these: the process died with SIGSEGV, no message.
    "flow-40k": "---\nx: " + "[" * 40_000 + "\n---\n",
    "mapping-30k": "---\nx: " + "{a: " * 30_000 + "\n---\n",
    "dashes-30k": "---\n" + "- " * 30_000 + "x\n---\n",
    "flow-20k-under-64kb": "---\ntags: " + "[" * 20_000 + "]" * 20_000 + "\n---\n",
    "json-deep": "{\n" + '"a": ' + "[" * 30_000 + "]" * 30_000 + "\n}\n",
    # str() of these expands 9**9 strings: a hang, then out of memory.
    "alias-title": "---\n" + _alias_bomb("title") + "\n---\n",
    "alias-published": "---\n" + _alias_bomb("published") + "\n---\n",
    "alias-author": "---\n" + _alias_bomb("author") + "\n---\n",
    "huge-front-matter": "---\ntitle: " + "x" * 300_000 + "\n---\n",
}


def test_hostile_front_matter_in_brief_files_is_reported_not_fatal(
    corpus: Path, tmp_path: Path
) -> None:
    for name, text in BOMBS.items():
        (corpus / f"bomb-{name}.md").write_text(
            text + "\nThe ministry said the talks on the corridor would continue.\n",
            encoding="utf-8",
        )
    folders = where(corpus, tmp_path / "index")
    run = briefs("list", "--json", *folders, timeout=120)
    assert run.code == 0, (run.code, run.error)  # -11 was a segfault
    listed = {b["id"] for b in json.loads(run.out)["briefs"]}
    assert len(listed) >= len(list(DATA.glob("*.md")))
    for name in BOMBS:
        assert len([line for line in run.error.splitlines() if f"bomb-{name}." in line]) <= 1
    # Indexing reads every brief too; a bomb is left out with a reason or read harmlessly.
    capture = tmp_path / "good.txt"
    capture.write_text(ARTICLE, encoding="utf-8")
    run = briefs("add", capture, "--json", *folders, timeout=120)
    assert run.code == 0, (run.code, run.error)
    index = json.loads(run.out)["index"]
    assert "error" not in index and index["total"] >= len(listed), index


def test_hostile_front_matter_in_captures_is_added_or_skipped(corpus: Path, tmp_path: Path) -> None:
    files = {
        f"{name}.md": (text + "\n" + PROSE * 3 + "\n").encode()
        for name, text in BOMBS.items()
        if not name.startswith("json")
    }
    for result in _batch(corpus, tmp_path / "in", files).values():
        assert result["status"] in ("added", "skipped"), result
