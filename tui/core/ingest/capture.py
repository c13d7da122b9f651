"""One capture's bytes to a Brief (nothing written): the reader its format needs, the cleaning,
and the brief's fields from front matter, page metadata, the text and the file name."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from tui.core.brief import Brief, format_of, slugify
from tui.core.ingest.clean import clean_text
from tui.core.ingest.errors import EmptyCapture, NotACapture
from tui.core.ingest.front_matter import (
    front_date,
    front_field,
    one_line,
    split_capture_front_matter,
)
from tui.core.ingest.furniture import words
from tui.core.ingest.lines import Cleaned, is_title_like
from tui.core.ingest.refusal import empty_reason, nothing_left
from tui.core.ingest.text import Decoded, NotText, decode_capture, scrub

# --- one capture ---------------------------------------------------------------------------


def clean_capture(raw: bytes, name: str) -> Brief:
    """Read and clean one file (nothing is written).

    `name` is the file's name: with the bytes it picks the reader (PDF, Word .docx, HTML,
    Markdown, text). The brief's id is a slug of its title; `add_paths` makes it unique.
    Raises NotACapture for binary data, UnreadableDocument for a PDF or Word file whose text
    cannot be had, and EmptyCapture when no text is left.
    """
    return clean_capture_noted(raw, name)[0]


def file_format(raw: bytes, name: str) -> str:
    """`pdf`, `docx`, `html`, `markdown` or `text`: by the bytes for PDF and Word files (a PDF
    saved as `.txt` is still a PDF), by the name's suffix for the rest."""
    from tui.core.ingest.docx import is_docx
    from tui.core.ingest.pdf import is_pdf

    suffix = Path(name).suffix.lower()
    if is_pdf(raw) or suffix == ".pdf":
        return "pdf"
    if suffix == ".docx" or is_docx(raw):
        return "docx"
    return format_of(name) or "text"


def clean_capture_noted(raw: bytes, name: str) -> tuple[Brief, str]:
    """The brief, and a note for the user (how the bytes were read, what was left out)."""
    kind = file_format(raw, name)
    if kind in ("pdf", "docx"):
        return _document(raw, name, kind)
    try:
        if kind == "html":
            from tui.core.ingest.html import decode_html

            decoded = decode_html(raw)
        else:
            decoded = decode_capture(raw)
    except NotText as exc:
        raise NotACapture(str(exc)) from None
    text = scrub(decoded.text)
    if not text.strip():
        raise EmptyCapture(empty_reason(raw, decoded.text))

    front: dict[str, Any] = {}
    html_cleaned = None
    if kind == "html" or (kind != "markdown" and _looks_like_html(text)):
        kind = "html"
        cleaned = html_cleaned = _clean_html(text)
    else:
        # Front matter is read from .txt and .md alike; only the body's syntax differs.
        front, body = split_capture_front_matter(text)
        cleaned = clean_text(body, markdown=kind == "markdown", title=front_field(front, "title"))
    if not cleaned.body.strip():
        # A headline-only capture or a one-line note: the title is the text. A title known only
        # from an HTML page's metadata is not enough (a consent wall has a <title> too).
        own_title = cleaned.title_line or (None if cleaned is html_cleaned else cleaned.title)
        if not own_title:
            raise EmptyCapture(nothing_left(cleaned))
        cleaned.body = re.sub(r"^#{1,6}\s+", "", own_title)
    return _brief(cleaned, front, raw, name, kind), _decoding_note(decoded)


def _document(raw: bytes, name: str, kind: str) -> tuple[Brief, str]:
    """A PDF or Word file: its reader's Markdown, cleaned like a Markdown capture (furniture,
    bylines), and the document's properties over what its first page seems to say."""
    if kind == "pdf":
        from tui.core.ingest.pdf import read_pdf

        doc = read_pdf(raw)
    else:
        from tui.core.ingest.docx import read_docx

        doc = read_docx(raw)
    what = "PDF" if kind == "pdf" else "Word file"
    text = scrub(doc.markdown)
    if not text.strip():
        raise EmptyCapture(f"a {what} with no text in it")
    cleaned = clean_text(text, markdown=True, title=one_line(doc.title))
    cleaned.author = one_line(doc.author) or cleaned.author
    cleaned.published = doc.published or cleaned.published
    if not cleaned.body.strip():
        if not cleaned.title_line:
            raise EmptyCapture(nothing_left(cleaned).replace("article text", f"text in the {what}"))
        cleaned.body = cleaned.title_line
    return _brief(cleaned, {}, raw, name, kind), "; ".join(doc.notes)


def _decoding_note(decoded: Decoded) -> str:
    if decoded.lossy:
        return f"some bytes were not valid {decoded.encoding} and were replaced"
    if decoded.encoding in ("utf-8", "ascii"):
        return ""
    return f"read as {decoded.encoding}"


def _looks_like_html(text: str) -> bool:
    from tui.core.ingest.html import looks_like_html

    return looks_like_html(text)


def _clean_html(html: str) -> Cleaned:
    from tui.core.ingest.html import extract_article

    article = extract_article(html)
    cleaned = clean_text(scrub(article.text), markdown=article.markdown, title=article.title)
    # What the page's metadata says wins over what the text seems to say.
    cleaned.author = one_line(article.author) or cleaned.author
    cleaned.published = article.published or cleaned.published
    cleaned.source = one_line(article.source) or cleaned.source
    cleaned.url = one_line(article.url) or cleaned.url
    return cleaned


def _brief(cleaned: Cleaned, front: dict[str, Any], raw: bytes, name: str, kind: str) -> Brief:
    title = (
        front_field(front, "title")
        or one_line(cleaned.title)
        or _fallback_title(name, cleaned.body)
    )
    given_id = front_field(front, "id")
    brief_id = given_id if given_id and re.fullmatch(r"[a-z0-9][a-z0-9-]*", given_id) else None
    return Brief(
        id=brief_id or make_slug(given_id or title),
        title=title,
        body=cleaned.body.strip(),
        source=front_field(front, "source") or one_line(cleaned.source),
        author=front_field(front, "author") or one_line(cleaned.author),
        published=front_date(front, "published") or cleaned.published,
        url=front_field(front, "url") or one_line(cleaned.url),
        ingested=front_date(front, "ingested"),
        sha256=front_field(front, "sha256") or hashlib.sha256(raw).hexdigest(),
        origin=front_field(front, "origin") or one_line(Path(name).name),
        format=kind,
    )


def make_slug(title: str) -> str:
    """A readable id: `Russia’s Strategy` -> `russias-strategy` (apostrophes do not split words)."""
    return slugify(re.sub(r"(?<=\w)[’'](?=\w)", "", title))


def _fallback_title(name: str, body: str) -> str:
    """A one-line text's line; else the file's name when it says something (`gas-hub-talks.txt`),
    else the opening words."""
    line = body.strip()
    if "\n" not in line and is_title_like(line.lstrip("#> ")):
        return line.lstrip("#> ")
    stem = Path(name).stem
    meaningful = [w for w in re.split(r"[\W_]+", stem) if len(w) >= 3 and w.isalpha()]
    if len(meaningful) >= 2:
        text = " ".join(w for w in re.split(r"[\W_]+", stem) if w)
        return text[:1].upper() + text[1:]
    first = next((p for p in body.split("\n") if p.strip() and not p.startswith("*")), body)
    opening = words(first.lstrip("#> "))[:10]
    return " ".join(opening) + ("…" if len(words(first)) > 10 else "") if opening else stem
