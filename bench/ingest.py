"""`briefs add` speed by format (issue 17): text captures, PDF pages and Word files per second.

Each format goes through `tui.core.ingest.add_paths` into a fresh corpus folder (reading,
cleaning and writing, as `briefs add --no-index` does), median of a few runs. The .txt captures are
BBC articles from ../shared (or generated text); the PDFs and Word files are drawn by
tests/documents.py (reportlab, python-docx): two-column, hyphenated pages with running headers
and page numbers, the layout that costs the reader most. A second PDF row times the text
extraction alone (pypdfium2 and the layout), without the cleaning and the writes.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.corpus import BBC_DIR
from bench.report import Table, median


def bench_ingest(quick: bool) -> tuple[list[Table], dict[str, Any]]:
    from tests.documents import docx_bytes, make_article, pdf_bytes
    from tui.core.ingest import add_paths
    from tui.core.ingest.pdf import read_pdf

    runs = 3 if quick else 5
    table = Table(
        "Ingest speed by format (`briefs add`, without indexing)",
        ["format", "files", "pages", "MB", "median s", "files/s", "pages/s"],
    )
    data: dict[str, Any] = {}
    root = Path(tempfile.mkdtemp(prefix="briefs-bench-ingest-"))
    try:
        folders = {"txt": root / "txt", "pdf": root / "pdf", "docx": root / "docx"}
        for folder in folders.values():
            folder.mkdir()
        texts = sorted(BBC_DIR.glob("bbc_*.txt"))[:300] if BBC_DIR.is_dir() else []
        for n, path in enumerate(texts):
            shutil.copyfile(path, folders["txt"] / f"{n:04d}.txt")
        if not texts:
            for n in range(300):
                article = make_article(n, paragraphs=6, words=55)
                text = article.title + "\n\n" + "\n\n".join(article.paragraphs) + "\n"
                (folders["txt"] / f"{n:04d}.txt").write_text(text, encoding="utf-8")
        pdfs = 6 if quick else 12
        for n in range(pdfs):
            raw = pdf_bytes(
                make_article(n, paragraphs=40),
                columns=2,
                hyphenate=True,
                running_header="Caspian Review — Energy Brief",
                page_numbers=True,
            )
            (folders["pdf"] / f"{n:03d}.pdf").write_bytes(raw)
        for n in range(30):
            (folders["docx"] / f"{n:03d}.docx").write_bytes(
                docx_bytes(make_article(n, paragraphs=12), bullets=["one item", "another"])
            )
        counts = {"txt": len(list(folders["txt"].iterdir())), "pdf": pdfs, "docx": 30}
        page_counts = {"txt": None, "pdf": _count_pages(folders["pdf"]), "docx": None}
        for kind, folder in folders.items():
            times = []
            for run in range(runs):
                corpus = root / f"corpus-{kind}-{run}"
                t0 = time.perf_counter()
                report = add_paths([folder], corpus)
                times.append(time.perf_counter() - t0)
                assert report.ok and report.counts()["added"] >= counts[kind] - 5, report.counts()
                shutil.rmtree(corpus)
            seconds = median(times)
            size = sum(p.stat().st_size for p in folder.iterdir()) / 1e6
            npages = page_counts[kind]
            table.add(
                f".{kind}",
                counts[kind],
                npages if npages is not None else "—",
                f"{size:.1f}",
                f"{seconds:.2f}",
                f"{counts[kind] / seconds:.0f}",
                f"{npages / seconds:.0f}" if npages else "—",
            )
            data[kind] = {"files": counts[kind], "pages": npages, "seconds": seconds, "mb": size}
        raws = [p.read_bytes() for p in sorted(folders["pdf"].iterdir())]
        times = []
        for _ in range(runs):
            t0 = time.perf_counter()
            for raw in raws:
                read_pdf(raw)
            times.append(time.perf_counter() - t0)
        seconds = median(times)
        npages = page_counts["pdf"] or 0
        table.add(
            ".pdf text only",
            pdfs,
            npages,
            "",
            f"{seconds:.2f}",
            f"{pdfs / seconds:.0f}",
            f"{npages / seconds:.0f}",
        )
        data["pdf_extract_only"] = {"pages": npages, "seconds": seconds}
        table.notes.append(
            ".txt: BBC articles (or generated text); .pdf: two columns, hyphenated, running "
            "header and page numbers (tests/documents.py); .docx: 12 paragraphs, a list; "
            "'text only' is pypdfium2 + the layout, without cleaning and writing"
        )
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return [table], data


def _count_pages(folder: Path) -> int:
    import pypdfium2 as pdfium

    total = 0
    for path in folder.iterdir():
        pdf = pdfium.PdfDocument(path.read_bytes())
        total += len(pdf)
        pdf.close()
    return total
