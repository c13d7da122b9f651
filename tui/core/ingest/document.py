"""What a document reader (PDF, Word) hands to the cleaning: Markdown text and the document's
own properties, which are judged here (`Microsoft Word - draft3.docx` is no title)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from tui.core.ingest.text import scrub_line


@dataclass
class Extracted:
    markdown: str  # headings, paragraphs, lists and tables, in reading order
    title: str | None = None  # from the properties, else from the first page
    author: str | None = None
    published: dt.date | None = None
    notes: list[str] = field(default_factory=list)  # for the user: what was left out, and why


_JUNK_TITLE = re.compile(
    r"^(?:untitled(?:\s*\d*)?|document\s*\d*|doc\d*|title|slide\s*\d+|presentation\d*|"
    r"new\s+document|microsoft\s+word\s*-.*|.*\.(?:docx?|pdf|rtf|odt|indd|qxd|txt|tex|dvi|ps))$",
    re.I,
)
_JUNK_AUTHOR = re.compile(
    r"^(?:anonymous|unknown|author|user\d*|admin(?:istrator)?|owner|default|python-docx|"
    r"microsoft\s+office\s+user|windows\s+user|\W*)$",
    re.I,
)


def property_title(value: object) -> str | None:
    """A title from a document's properties, unless it is a program's placeholder or a file
    name; `Microsoft Word - Brief.docx` style titles are refused whole."""
    text = scrub_line(value) if isinstance(value, str) else ""
    if not text or len(text) > 300 or _JUNK_TITLE.match(text) or len(re.findall(r"\w", text)) < 3:
        return None
    return text


def property_author(value: object) -> str | None:
    text = scrub_line(value) if isinstance(value, str) else ""
    if not text or len(text) > 200 or _JUNK_AUTHOR.match(text):
        return None
    return re.sub(r"\s*;\s*", ", ", text)


_PDF_DATE = re.compile(r"^(?:D:)?((?:19|20)\d\d)(\d\d)(\d\d)")


def pdf_date(value: object) -> dt.date | None:
    """A PDF date string (`D:20240408090000+00'00'`) to a date; None when it is not one."""
    match = _PDF_DATE.match(value.strip()) if isinstance(value, str) else None
    if not match:
        return None
    try:
        return dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def markdown_table(rows: list[list[str]]) -> str:
    """Rows of cell texts as a Markdown table, the first row as its header."""
    rows = [[" ".join(c.split()).replace("|", "\\|") for c in r] for r in rows if any(r)]
    if not rows:
        return ""
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    lines = ["| " + " | ".join(rows[0]) + " |", "|" + " --- |" * width]
    lines += ["| " + " | ".join(r) + " |" for r in rows[1:]]
    return "\n".join(lines)
