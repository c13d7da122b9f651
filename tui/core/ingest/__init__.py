"""Ingest: files people are sent or save (web captures, notes) turned into clean briefs.

The package's modules, bottom to top (each imports only those above it in this list):

- `errors`       the one-line refusals (IngestError and its kinds)
- `refusal`      (after `lines`) why a file gives no brief, said precisely
- `text`         bytes to safe text: decoding with fall-backs, scrubbing untrusted characters
- `meta`         metadata stated in a capture's lines: bylines, dates, publishers, ISSN lines
- `html`         HTML pages: main text and metadata (trafilatura)
- `document`     what the PDF and Word readers return, and their properties judged
- `pdf_layout`   a PDF's placed text lines to Markdown in reading order (no PDF library)
- `pdf`          PDF files with pypdfium2: text runs, properties, scans and passwords refused
- `docx`         Word files with python-docx: headings, paragraphs, lists, tables, properties
- `furniture`    what page furniture looks like, line by line
- `lines`        the capture as kinded lines, and the predicates the rules share
- `chrome`       rules marking furniture (banners, menus, related links)
- `header`       rules lifting title, byline, date and publisher
- `clean`        the cleaning pipeline and the body's Markdown
- `front_matter` the fields a capture's own front matter states
- `capture`      one file's bytes to a Brief, whatever its format
- `walk`         the files under the given paths, read into memory
- `plan`         `add_paths`: duplicate, update or new, and the atomic writes
"""

from __future__ import annotations

from tui.core.ingest.capture import clean_capture, make_slug
from tui.core.ingest.errors import EmptyCapture, IngestError, NotACapture, UnreadableDocument
from tui.core.ingest.plan import AddReport, AddResult, Progress, Status, add_paths
from tui.core.ingest.walk import MAX_CAPTURE_BYTES, SUPPORTED_SUFFIXES

__all__ = [
    "MAX_CAPTURE_BYTES",
    "SUPPORTED_SUFFIXES",
    "AddReport",
    "AddResult",
    "EmptyCapture",
    "IngestError",
    "NotACapture",
    "Progress",
    "Status",
    "UnreadableDocument",
    "add_paths",
    "clean_capture",
    "make_slug",
]
