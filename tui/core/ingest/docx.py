"""Word files (.docx): paragraphs, headings, lists and tables as Markdown, and the core
properties (title, author, created), with python-docx."""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from tui.core.ingest.document import Extracted, markdown_table, property_author, property_title
from tui.core.ingest.errors import UnreadableDocument

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted .docx is an OLE container


def is_docx(raw: bytes) -> bool:
    """A ZIP package holding a Word document part."""
    if not raw.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as package:
            return "word/document.xml" in package.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False


def read_docx(raw: bytes) -> Extracted:
    """The document's text as Markdown and its properties. Raises UnreadableDocument."""
    if raw.startswith(OLE_MAGIC):
        raise UnreadableDocument(
            "an encrypted Word file (it needs a password to open; briefs does not ask for one), "
            "or an old .doc saved as .docx"
        )
    if not raw.startswith(b"PK\x03\x04"):
        raise UnreadableDocument("not a Word .docx file (it is not a ZIP package)")
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(raw))
        parts = [_block(item) for item in document.iter_inner_content()]
        core = document.core_properties
        title, author, created = core.title, core.author, core.created
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise UnreadableDocument(f"a damaged Word file ({_first_line(exc)})") from None
    except Exception as exc:  # lxml's XMLSyntaxError and kin: a part that is not valid XML
        if type(exc).__module__.startswith(("lxml", "docx")):
            raise UnreadableDocument(f"a damaged Word file ({_first_line(exc)})") from None
        raise
    return Extracted(
        markdown=_join(parts),
        title=property_title(title),
        author=property_author(author),
        published=created.date() if created is not None else None,
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0][:120] if text else type(exc).__name__


_HEADING = re.compile(r"^heading\s*(\d)$", re.I)


def _block(item: Any) -> tuple[str, str]:
    """(kind, Markdown) of a paragraph or a table; list items (kind `bullet` or `numbered`) of
    one list are not separated by blank lines."""
    from docx.table import Table

    if isinstance(item, Table):
        return "table", _table(item)
    text = " ".join(item.text.split())
    if not text:
        return "text", ""
    style = (item.style.name if item.style is not None else "") or ""
    heading = _HEADING.match(style)
    if style.lower() == "title":
        return "text", f"# {text}"
    if heading:
        return "text", "#" * min(int(heading.group(1)) + 1, 6) + " " + text
    if style.lower().startswith("list number"):
        return "numbered", f"1. {text}"
    if style.lower().startswith("list") or _numbered(item):
        return "bullet", f"- {text}"
    return "text", text


def _numbered(paragraph: Any) -> bool:
    """A paragraph in a list by its numbering properties (lists not styled `List ...`)."""
    ppr = paragraph._p.pPr
    return ppr is not None and ppr.numPr is not None


def _table(table: Any) -> str:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        seen: set[int] = set()
        for cell in row.cells:
            if id(cell._tc) in seen:  # a merged cell is listed once per grid column it spans
                continue
            seen.add(id(cell._tc))
            cells.append(cell.text)
        rows.append(cells)
    return markdown_table(rows)


def _join(parts: list[tuple[str, str]]) -> str:
    out: list[str] = []
    previous = ""
    for kind, text in parts:
        if not text:
            continue
        if kind in ("bullet", "numbered") and previous == kind and out:
            out[-1] += "\n" + text
        else:
            out.append(text)
        previous = kind
    return "\n\n".join(out)
