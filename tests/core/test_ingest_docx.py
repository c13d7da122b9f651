"""Word (.docx) import (issue 17), on files written by the tests with python-docx: headings,
paragraphs, lists and tables as Markdown; title, author and date from the core properties;
damaged and encrypted files skipped with one line while the batch goes on."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import pytest

from tests.documents import Article, docx_bytes, make_article
from tui.core.brief import Brief, load_corpus
from tui.core.ingest import UnreadableDocument, add_paths, clean_capture

TODAY = dt.date(2024, 5, 1)
BULLETS = ["Gas transit through Georgia", "Power lines to Turkey"]
STEPS = ["Sign the framework", "Build the interconnector"]
TABLE = [["Route", "Capacity"], ["Middle Corridor", "10 bcm"], ["Northern", "4 bcm"]]


def article(seed: int = 0) -> Article:
    source = make_article(seed, paragraphs=5, words=40)
    source.headings = {2: "The Transit Question"}
    source.table = TABLE
    source.table_after = 3
    return source


def paragraphs(brief: Brief) -> list[str]:
    return [brief.body[a:b] for a, b in brief.paragraphs()]


def test_headings_paragraphs_lists_and_tables_become_markdown() -> None:
    source = article()
    raw = docx_bytes(source, bullets=BULLETS, numbered=STEPS)
    brief = clean_capture(raw, "brief.docx")
    assert paragraphs(brief) == [
        source.paragraphs[0],
        "- Gas transit through Georgia\n- Power lines to Turkey",
        "1. Sign the framework\n1. Build the interconnector",
        source.paragraphs[1],
        "## The Transit Question",
        source.paragraphs[2],
        source.paragraphs[3],
        "| Route | Capacity |\n| --- | --- |\n| Middle Corridor | 10 bcm |\n| Northern | 4 bcm |",
        source.paragraphs[4],
    ]
    assert (brief.title, brief.author, brief.published) == (
        source.title,
        "Leyla Mammadova",
        dt.date(2024, 4, 8),
    )
    assert (brief.format, brief.origin) == ("docx", "brief.docx")


def test_without_properties_the_title_paragraph_and_byline_stand_in() -> None:
    source = article(1)
    brief = clean_capture(docx_bytes(source, properties=False), "Document1.docx")
    assert brief.title == source.title
    assert brief.author == "Leyla Mammadova"
    assert brief.published is None  # never the template's date
    assert source.title not in brief.body and "By Leyla" not in brief.body


def test_a_title_in_a_heading_style_is_found_too() -> None:
    source = article(2)
    brief = clean_capture(docx_bytes(source, properties=False, title_style="Heading 1"), "x.docx")
    assert brief.title == source.title


def damaged(raw: bytes) -> bytes:
    return raw[: len(raw) // 2]


def encrypted(raw: bytes) -> bytes:
    # Word writes a password-protected .docx as an OLE compound file, not a ZIP package.
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)


def not_word(raw: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as package:
        package.writestr("content.xml", "<office:document/>")
    return buf.getvalue()


@pytest.mark.parametrize(
    ("spoil", "says"),
    [
        (damaged, "a damaged Word file"),
        (encrypted, "an encrypted Word file (it needs a password to open"),
        (not_word, "a damaged Word file"),
    ],
    ids=["truncated", "encrypted", "a zip of something else"],
)
def test_unreadable_word_files_are_skipped_and_the_rest_imports(
    tmp_path: Path, spoil: object, says: str
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a-bad.docx").write_bytes(spoil(docx_bytes(article(3))))  # type: ignore[operator]
    (folder / "b-good.docx").write_bytes(docx_bytes(article(4)))
    report = add_paths([folder], tmp_path / "briefs", today=TODAY)
    bad, good = report.results
    assert (bad.status, good.status) == ("skipped", "added")
    assert bad.reason.startswith(says) and "\n" not in bad.reason
    assert report.ok
    assert [b.origin for b in load_corpus(tmp_path / "briefs").briefs] == ["b-good.docx"]
    with pytest.raises(UnreadableDocument):
        clean_capture((folder / "a-bad.docx").read_bytes(), "a-bad.docx")


def test_an_empty_word_file_is_skipped_as_empty(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    empty = Article(title="", paragraphs=[])
    (tmp_path / "in" / "empty.docx").write_bytes(docx_bytes(empty, properties=False))
    (result,) = add_paths([tmp_path / "in"], tmp_path / "briefs", today=TODAY).results
    assert (result.status, result.reason) == ("skipped", "a Word file with no text in it")
