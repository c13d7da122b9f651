"""Front matter of a .txt or .md capture: the fields it states, under the names tools give them.

Web clippers and note-taking apps each name the fields their own way (`headline`, `byline`,
`publisher`, `source` for an address...): the aliases below map them to the brief's fields.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from tui.core.ingest.meta import parse_date
from tui.core.ingest.text import scrub_line


def split_capture_front_matter(text: str) -> tuple[dict[str, Any], str]:
    """The front matter of a .txt or .md capture (keys in lower case) and the text after it.

    Read the same way whatever the file's suffix. A block that is broken, too deeply nested to
    parse safely, or is no mapping of fields (a `---` rule above a paragraph) is kept as text.
    """
    opening = text.lstrip(" \n")
    if not re.match(r"---[ \t]*\n", opening):
        return {}, text
    from tui.core.brief import split_front_matter

    try:
        front, body = split_front_matter(opening)
    except ValueError:
        return {}, text
    fields = {str(key).strip().lower(): value for key, value in front.items()}
    if not any(key in _KNOWN_KEYS for key in fields):
        return {}, text
    return fields, body


_FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "slug"),
    "title": ("title", "headline"),
    "source": ("source", "publisher", "site", "sitename", "site_name", "publication"),
    "author": ("author", "authors", "by", "byline"),
    # Not `created`: web clippers put the day of the clipping there.
    "published": ("published", "date", "pubdate", "published_at", "publication_date"),
    # Web clippers (Obsidian's among them) write the page's address as `source`.
    "url": ("url", "link", "source_url", "canonical_url", "canonical", "source"),
    "ingested": ("ingested",),
    "sha256": ("sha256",),
    "origin": ("origin",),
}


def front_field(front: dict[str, Any], name: str) -> str | None:
    for key in _FIELD_ALIASES[name]:
        value = front.get(key)
        if isinstance(value, list):
            # Scalars only: str() of a YAML alias bomb (nested lists of one list) never ends.
            value = ", ".join(str(v) for v in value[:50] if v and isinstance(v, str | int | float))
        if not isinstance(value, str | int | float | dt.date):
            continue
        text = one_line(value.isoformat() if isinstance(value, dt.date) else str(value))
        if not text:
            continue
        is_url = bool(re.match(r"https?://\S+$", text))
        if (name == "url") != is_url:
            continue  # an address is no publisher, and a publisher no address
        # `[[Giuliano Bifolchi]]`: a wiki link, as note-taking apps write names.
        return _WIKI_LINK.sub(lambda m: m.group(2) or m.group(1), text)
    return None


# A block is front matter when it names at least one field such tools write (blog engines, web
# clippers, note apps); a `Note: ...` line between two `---` rules stays text.
_KNOWN_KEYS = frozenset(key for keys in _FIELD_ALIASES.values() for key in keys) | {
    "tags", "categories", "keywords", "created", "modified", "updated", "description", "summary",
    "subtitle", "excerpt", "lang", "language", "layout", "draft", "aliases", "permalink", "type",
    "image", "cover", "clipped",
}  # fmt: skip
_WIKI_LINK = re.compile(r"\[\[([^\]|]+)(?:\|([^\]]+))?\]\]")


def one_line(value: str | None) -> str | None:
    if not value:
        return None
    return scrub_line(value) or None


def front_date(front: dict[str, Any], name: str) -> dt.date | None:
    for key in _FIELD_ALIASES[name]:
        value = front.get(key)
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str) and value.strip():
            found = parse_date(value.strip()[:10]) or parse_date(value.strip())
            if found:
                return found
    return None
