"""HTML captures: the article's main text and metadata, extracted with trafilatura."""

from __future__ import annotations

import codecs
import datetime as dt
import logging
import re
from dataclasses import dataclass

from tui.core.ingest.meta import parse_date
from tui.core.ingest.text import Decoded, decode_capture

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def decode_html(raw: bytes) -> Decoded:
    """A byte-order mark or valid UTF-8 first, then the page's declared charset, then a guess."""
    if raw.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_capture(raw)
    try:
        return Decoded(raw.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    declared = _META_CHARSET.search(raw[:8192])
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii")).name
        except (LookupError, UnicodeDecodeError):
            codec = ""
        # Pages that declare Latin-1 are, in practice, written in Windows-1252.
        codec = "cp1252" if codec in {"latin-1", "iso8859-1", "ascii"} else codec
        if codec and codec not in {"utf-8", "utf-16", "utf-32"}:
            return Decoded(raw.decode(codec, errors="replace"), codec)
    return decode_capture(raw)


@dataclass(frozen=True)
class HtmlArticle:
    text: str
    markdown: bool  # False when only the page's plain text could be had
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:1000].lower()
    return head.startswith(("<!doctype html", "<html")) or (
        "<html" in head and ("<head" in head or "<body" in head)
    )


def extract_article(html: str) -> HtmlArticle:
    """The main text of a page as Markdown (headings, lists, tables), and what its metadata says."""
    import trafilatura  # slow to import; only HTML captures need it

    # trafilatura reports "not enough text" and parser trouble through logging; the caller
    # reports what matters (an empty result) itself.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)
    logging.getLogger("htmldate").setLevel(logging.CRITICAL)
    text = trafilatura.extract(
        html,
        output_format="markdown",
        include_formatting=True,
        favor_recall=True,
        include_comments=False,
        include_tables=True,
        include_links=False,
        include_images=False,
        deduplicate=False,
    )
    markdown = bool(text and text.strip())
    if not markdown:
        text = trafilatura.html2txt(html) or ""
    info = trafilatura.extract_metadata(html)
    if info is None:
        return HtmlArticle(text or "", markdown)
    author = _clean(info.author)
    if author:
        # trafilatura keeps the label of a byline such as `Author: X`.
        author = re.sub(
            r"^(?:authors?|by|written\s+by|posted\s+by)\b\s*:?\s*", "", author, flags=re.I
        )
    return HtmlArticle(
        text=text or "",
        markdown=markdown,
        title=_clean(info.title),
        author=author.replace("; ", ", ") if author else None,
        published=parse_date(info.date[:10]) if isinstance(info.date, str) and info.date else None,
        source=_clean(info.sitename) or _clean(info.hostname),
        url=_clean(info.url),
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    text = " ".join(value.split())
    return text or None
