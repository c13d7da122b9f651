"""One capture's bytes to a Brief (nothing written): the reader its format needs, the cleaning,
and the brief's fields from front matter, page metadata, the text and the file name."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

from tui.core.brief import Brief, slugify
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
    """Decode and clean one capture (no file is written).

    `name` is the capture's file name: its suffix picks the reader (.html/.htm, .md/.markdown,
    anything else is text). The brief's id is a slug of its title; `add_paths` makes it unique.
    Raises NotACapture for binary data and EmptyCapture when no article text is left.
    """
    return clean_capture_noted(raw, name)[0]


def clean_capture_noted(raw: bytes, name: str) -> tuple[Brief, str]:
    """The brief, and a note on how the bytes were read when it was not plain UTF-8."""
    suffix = Path(name).suffix.lower()
    is_html = suffix in (".html", ".htm")
    try:
        if is_html:
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
    if is_html or (suffix not in (".md", ".markdown") and _looks_like_html(text)):
        cleaned = html_cleaned = _clean_html(text)
    else:
        # Front matter is read from .txt and .md alike; only the body's syntax differs.
        front, body = split_capture_front_matter(text)
        markdown = suffix in (".md", ".markdown")
        cleaned = clean_text(body, markdown=markdown, title=front_field(front, "title"))
    if not cleaned.body.strip():
        # A headline-only capture or a one-line note: the title is the text. A title known only
        # from an HTML page's metadata is not enough (a consent wall has a <title> too).
        own_title = cleaned.title_line or (None if cleaned is html_cleaned else cleaned.title)
        if not own_title:
            raise EmptyCapture(nothing_left(cleaned))
        cleaned.body = re.sub(r"^#{1,6}\s+", "", own_title)
    return _brief(cleaned, front, raw, name), _decoding_note(decoded)


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


def _brief(cleaned: Cleaned, front: dict[str, Any], raw: bytes, name: str) -> Brief:
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
