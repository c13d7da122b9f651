"""PDF import (issue 17), on PDFs drawn by the tests: reading order across two columns,
paragraphs rejoined across line breaks and hyphens, running headers, footers and page numbers
gone, tables, properties or the first page for the metadata; scans, passwords and damage
refused with one line while the rest of the batch goes on."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from tests.documents import Article, make_article, pdf_bytes, write_pdf
from tui.cli import main
from tui.core.brief import Brief, load_corpus
from tui.core.ingest import UnreadableDocument, add_paths, clean_capture

TODAY = dt.date(2024, 5, 1)
HEADER = "Caspian Review — Energy Brief"
TABLE = [["Route", "Capacity", "Status"], ["Middle Corridor", "10 bcm", "open"]]


def article(seed: int = 0, paragraphs: int = 12) -> Article:
    return make_article(seed, paragraphs=paragraphs)


def read(raw: bytes, name: str = "brief.pdf") -> Brief:
    return clean_capture(raw, name)


def paragraphs(brief: Brief) -> list[str]:
    return [brief.body[a:b] for a, b in brief.paragraphs()]


@pytest.mark.parametrize("columns", [1, 2])
def test_every_paragraph_comes_back_whole_and_in_order(columns: int) -> None:
    source = article(seed=3)
    brief = read(pdf_bytes(source, columns=columns))
    assert paragraphs(brief) == source.paragraphs
    assert (brief.title, brief.author, brief.published) == (
        source.title,
        "Leyla Mammadova",
        dt.date(2024, 4, 8),
    )
    assert brief.format == "pdf" and brief.origin == "brief.pdf"


def test_two_columns_are_read_column_by_column_although_drawn_row_by_row() -> None:
    source = article(seed=1)
    raw = pdf_bytes(source, columns=2)
    brief = read(raw)
    # The drawing interleaves the columns row by row; the text comes back in reading order,
    # word for word. (Where a paragraph ends exactly at a column's foot, the break can be
    # misjudged: paragraphs are checked on other seeds above.)
    assert brief.body.split() == " ".join(source.paragraphs).split()


def test_hyphenated_line_ends_are_rejoined() -> None:
    source = article(seed=2)
    brief = read(pdf_bytes(source, columns=2, hyphenate=True))
    assert paragraphs(brief) == source.paragraphs
    assert not re.search(r"[a-z]- ", brief.body)  # no `negoti- ations`, nor `negoti-ations`
    assert "-" not in brief.body


def test_a_compound_the_document_hyphenates_elsewhere_keeps_its_hyphen() -> None:
    source = article(seed=4, paragraphs=3)
    filler = " ".join(["administration"] * 5)
    source.paragraphs[0] = f"A well-known settlement was {filler} well-known again and again."
    lines = [source.paragraphs[0]]
    brief = read(pdf_bytes(source, hyphenate=True))
    assert "well-known" in paragraphs(brief)[0] and "wellknown" not in brief.body
    assert paragraphs(brief)[0] == lines[0]


def test_running_headers_footers_and_page_numbers_are_removed() -> None:
    source = article(seed=5, paragraphs=16)
    raw = pdf_bytes(source, columns=2, running_header=HEADER, page_numbers=True, hyphenate=True)
    brief = read(raw)
    assert "Caspian Review" not in brief.body
    assert "Page " not in brief.body and not re.search(r"\b\d+ of \d+\b", brief.body)
    assert paragraphs(brief) == source.paragraphs


def test_a_heading_in_larger_type_becomes_a_markdown_heading() -> None:
    source = article(seed=6)
    source.headings = {4: "The Transit Question"}
    brief = read(pdf_bytes(source, columns=2))
    assert [h[2] for h in brief.headings()] == ["The Transit Question"]
    body = [p for p in paragraphs(brief) if not p.startswith("## ")]
    assert body == source.paragraphs


@pytest.mark.parametrize("columns", [1, 2])
def test_a_table_becomes_a_markdown_table(columns: int) -> None:
    source = article(seed=7)
    source.table = TABLE
    brief = read(pdf_bytes(source, columns=columns))
    assert (
        "| Route | Capacity | Status |\n| --- | --- | --- |\n| Middle Corridor | 10 bcm | open |"
        in (brief.body)
    )
    text = [p for p in paragraphs(brief) if not p.startswith("|")]
    assert text == source.paragraphs


def test_without_properties_the_first_page_gives_title_author_and_date() -> None:
    source = article(seed=8)
    brief = read(pdf_bytes(source, properties=False), "scan0042.pdf")
    assert brief.title == source.title
    assert brief.author == "Leyla Mammadova"
    assert brief.published == dt.date(2024, 4, 8)
    assert paragraphs(brief) == source.paragraphs


def test_placeholder_properties_are_not_taken_for_a_title() -> None:
    source = article(seed=9)
    raw = pdf_bytes(source).replace(
        f"/Title ({source.title})".encode(),
        b"/Title (Microsoft Word - draft3.docx)".ljust(len(source.title) + 9),
    )
    assert read(raw).title == source.title  # from the first page's large type


def test_an_image_only_page_is_left_out_with_a_note(tmp_path: Path) -> None:
    source = article(seed=10, paragraphs=14)
    path = write_pdf(tmp_path / "in" / "mixed.pdf", source, image_pages=(1,))
    (result,) = add_paths([path], tmp_path / "briefs", today=TODAY).results
    assert result.status == "added"
    assert re.fullmatch(r"page 2 of \d: no text layer \(pictures\), left out", result.reason)
    (brief,) = load_corpus(tmp_path / "briefs").briefs
    assert paragraphs(brief) == source.paragraphs


@pytest.mark.parametrize(
    ("options", "reason"),
    [
        (
            {"only_images": True},
            "a scanned PDF (2 pages of pictures, no text layer): briefs does not read text from "
            "images (no OCR)",
        ),
        (
            {"encrypt": "secret"},
            "an encrypted PDF (it needs a password to open; briefs does not ask for one)",
        ),
    ],
    ids=["scan", "encrypted"],
)
def test_scans_and_encrypted_pdfs_are_skipped_and_the_rest_imports(
    tmp_path: Path, options: dict[str, object], reason: str
) -> None:
    bad = write_pdf(tmp_path / "in" / "a-bad.pdf", article(11), **options)
    good = write_pdf(tmp_path / "in" / "b-good.pdf", article(12))
    report = add_paths([tmp_path / "in"], tmp_path / "briefs", today=TODAY)
    assert [(r.path.name, r.status, r.reason) for r in report.results] == [
        ("a-bad.pdf", "skipped", reason),
        ("b-good.pdf", "added", ""),
    ]
    assert report.ok
    assert [b.origin for b in load_corpus(tmp_path / "briefs").briefs] == [good.name]
    assert bad.read_bytes()  # never touched


def test_a_pdf_with_only_an_owner_password_opens() -> None:
    source = article(seed=13)
    brief = read(pdf_bytes(source, owner_password_only=True))
    assert paragraphs(brief) == source.paragraphs


@pytest.mark.parametrize(
    ("damage", "says"),
    [
        (lambda raw: raw[: len(raw) * 2 // 3], "a truncated PDF"),
        (lambda raw: raw[: len(raw) - 200], "a truncated PDF"),
        (lambda raw: raw[:20] + b"\x00garbage" * 200 + raw[-40:], "a damaged PDF"),
        (lambda raw: b"%PDF-1.4\n%%EOF\n", "a damaged PDF"),
    ],
    ids=["cut at two thirds", "cut near the end", "garbled", "header only"],
)
def test_damaged_pdfs_are_refused_with_one_line(damage: object, says: str) -> None:
    raw = pdf_bytes(article(14))
    with pytest.raises(UnreadableDocument) as refused:
        read(damage(raw))  # type: ignore[operator]
    assert str(refused.value).startswith(says) and "\n" not in str(refused.value)


def test_a_file_named_pdf_that_is_not_one_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.pdf").write_text("just some text", encoding="utf-8")
    (result,) = add_paths([tmp_path / "in"], tmp_path / "briefs", today=TODAY).results
    assert (result.status, result.reason) == (
        "skipped",
        "not a PDF (its first bytes are not a PDF header)",
    )
    assert not (tmp_path / "briefs").exists() or not any((tmp_path / "briefs").iterdir())


def test_a_pdf_saved_with_another_suffix_is_still_read_as_a_pdf() -> None:
    source = article(seed=15)
    brief = read(pdf_bytes(source), "download.txt")
    assert (brief.format, brief.title) == ("pdf", source.title)


def test_a_pdf_end_to_end_add_search_show(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = article(seed=16, paragraphs=14)
    source.paragraphs[5] += " The Zangezur corridor reopened for freight in March."
    path = write_pdf(tmp_path / "Energy Brief.pdf", source, columns=2, hyphenate=True,
                     running_header=HEADER, page_numbers=True)  # fmt: skip
    where = ["--corpus", str(tmp_path / "briefs"), "--index", str(tmp_path / "index")]

    assert main(["add", str(path), *where]) == 0
    capsys.readouterr()
    assert main(["search", "Zangezur", "--json", *where]) == 0
    hits = json.loads(capsys.readouterr().out)["hits"]
    assert [h["title"] for h in hits] == [source.title]
    snippet = hits[0]["snippets"][0]
    start, end = snippet["highlights"][0]
    assert snippet["text"][start:end] == "Zangezur"

    assert main(["show", hits[0]["id"], "--json", *where]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["origin"], shown["format"], shown["author"], shown["published"]) == (
        "Energy Brief.pdf",
        "pdf",
        "Leyla Mammadova",
        "2024-04-08",
    )
    assert [p for p in shown["body"].split("\n\n")] == source.paragraphs
    assert main(["list", "--json", *where]) == 0
    (listed,) = json.loads(capsys.readouterr().out)["briefs"]
    assert (listed["origin"], listed["format"]) == ("Energy Brief.pdf", "pdf")
