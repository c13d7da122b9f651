"""PDF files: the text layer in reading order, and the document's properties (pypdfium2).

PDFium (the PDF engine of Chromium, BSD licensed) reads the file and gives, page by page, the
runs of text on each line with their boxes; tui.core.ingest.pdf_layout puts them in reading
order. A file with no text layer (a scan), a password, or damage is refused with one line
(UnreadableDocument); pages that are only pictures in an otherwise textual PDF are left out
with a note.
"""

from __future__ import annotations

import ctypes
import re
from typing import Any

from tui.core.ingest.document import Extracted, pdf_date, property_author, property_title
from tui.core.ingest.errors import UnreadableDocument
from tui.core.ingest.pdf_layout import Page, Segment, to_markdown

PDF_MAGIC = b"%PDF-"
# PDFium's error codes (FPDF_ERR_*) as the user should read them.
_OPEN_ERRORS = {
    2: "a damaged PDF (PDFium cannot read its structure)",
    3: "a damaged PDF (PDFium: not in PDF format, or corrupted)",
    4: "an encrypted PDF (it needs a password to open; briefs does not ask for one)",
    5: "an encrypted PDF (protected with a security handler PDFium does not support)",
}
_LIGATURES = str.maketrans({"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st"})
# PDFium marks a hyphen it thinks was put in at a line end with U+FFFE or U+0002.
_MARKED_HYPHEN = re.compile("[\ufffe\x02\u00ad]")


def is_pdf(raw: bytes) -> bool:
    """PDF readers accept the header anywhere in the first kilobyte."""
    return PDF_MAGIC in raw[:1024]


def read_pdf(raw: bytes) -> Extracted:
    """The PDF's text as Markdown, and its title, author and date. Raises UnreadableDocument."""
    if not is_pdf(raw):
        raise UnreadableDocument("not a PDF (its first bytes are not a PDF header)")
    if b"%%EOF" not in raw[-4096:]:
        raise UnreadableDocument(
            "a truncated PDF (the end of the file is missing: an incomplete download or copy?)"
        )
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(raw)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        raise UnreadableDocument(_OPEN_ERRORS.get(code or 0, "a damaged PDF")) from None
    try:
        pages, blank = _pages(pdf)
        properties = pdf.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError:
        raise UnreadableDocument("a damaged PDF (a page cannot be read)") from None
    finally:
        pdf.close()
    if not pages:
        raise UnreadableDocument("a PDF with no pages")
    if len(blank) == len(pages):
        pictures = "a page" if len(pages) == 1 else f"{len(pages)} pages"
        raise UnreadableDocument(
            f"a scanned PDF ({pictures} of pictures, no text layer): briefs does not read text "
            "from images (no OCR)"
        )
    markdown, first_page_title = to_markdown([p for n, p in enumerate(pages) if n not in blank])
    notes = []
    if blank:
        numbers = ", ".join(str(n + 1) for n in blank[:10]) + (", ..." if len(blank) > 10 else "")
        which = "page" if len(blank) == 1 else "pages"
        notes.append(f"{which} {numbers} of {len(pages)}: no text layer (pictures), left out")
    return Extracted(
        markdown=markdown,
        title=property_title(properties.get("Title")) or first_page_title,
        author=property_author(properties.get("Author")),
        published=pdf_date(properties.get("CreationDate")),
        notes=notes,
    )


def _pages(pdf: object) -> tuple[list[Page], list[int]]:
    """Every page's text runs; the numbers of the pages that have none."""
    pages: list[Page] = []
    blank: list[int] = []
    for n in range(len(pdf)):  # type: ignore[arg-type]
        page = pdf[n]  # type: ignore[index]
        try:
            width, height = page.get_size()
            textpage = page.get_textpage()
            try:
                segments = []
                for i in range(textpage.count_rects()):
                    x0, y0, x1, y1 = textpage.get_rect(i)
                    text = textpage.get_text_bounded(x0, y0, x1, y1)
                    text = " ".join(_MARKED_HYPHEN.sub("-", text.translate(_LIGATURES)).split())
                    if text:
                        size, base = _size_and_baseline(textpage, x0, y0, x1, y1)
                        segments.append(Segment(text, x0, y0, x1, y1, size, base))
            finally:
                textpage.close()
        finally:
            page.close()
        pages.append(Page(width, height, segments))
        if not segments:
            blank.append(n)
    return pages, blank


def _size_and_baseline(
    textpage: Any, x0: float, y0: float, x1: float, y1: float
) -> tuple[float, float]:
    """The type size and baseline of a run, read from its first character (PDFium's origin);
    the box's height and bottom when PDFium cannot say."""
    import pypdfium2.raw as raw

    index = textpage.get_index(x0 + 0.5, (y0 + y1) / 2, 2.0, 2.0)
    if index is not None and index >= 0:
        size = float(raw.FPDFText_GetFontSize(textpage.raw, index))
        x, y = ctypes.c_double(), ctypes.c_double()
        if size > 0 and raw.FPDFText_GetCharOrigin(
            textpage.raw, index, ctypes.byref(x), ctypes.byref(y)
        ):
            return size, y.value
    return (y1 - y0) * 1.05, y0
