"""Why a capture gives no brief, said precisely: what the file held, since none of it is text.

`briefs add` refuses a file only when it holds no text a reader would want: it is empty, or
blank, or every line of it is page furniture (a cookie notice, share links, a menu) or page
metadata (a byline, a date). The reason names what was found, so the user can tell a capture
that failed (a consent wall saved instead of the article) from a cleaning mistake.
"""

from __future__ import annotations

import re

from tui.core.ingest.lines import Cleaned

# What each cleaning rule's verdict (`Line.why`) is, for a reader.
_WHAT: dict[str, str] = {
    "cookies": "cookie notice",
    "appeal": "donation appeal",
    "newsletter": "newsletter sign-up",
    "disclaimer": "disclaimer",
    "breadcrumb": "breadcrumbs",
    "menu": "menus",
    "related": "related-articles links",
    "field label": "page labels",
    "caption label": "picture labels",
    "copyright": "copyright line",
    "issn": "ISSN line",
    "byline": "byline",
    "date": "date",
    "source": "source line",
    "masthead": "site name",
}
# Chrome lines (`Line.why == "chrome"`), told apart by their words.
_CHROME: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern, re.I), what)
    for pattern, what in (
        (r"\b(?:cookies?|consent|your\s+privacy|privacy\s+(?:settings|preferences|choices))\b|"
         r"^(?:accept|reject|decline|allow|agree|i\s+agree|got\s+it|ok|okay)\b", "cookie notice"),
        (r"\b(?:share|tweet|facebook|twitter|linkedin|whatsapp|telegram|reddit|e-?mail|copy "
         r"link|link copied)\b", "share links"),
        (r"\bprint", "print links"),
        (r"\b(?:download|pdf)\b", "download links"),
        (r"\b(?:comments?|reply)\b", "comment links"),
        (r"\b(?:subscribe|sign\s+(?:up|in)|log\s*in|register|account)\b", "sign-in links"),
        (r"\b(?:advert\w*|sponsored|ads?)\b", "advertising"),
        (r"\b(?:privacy|terms|legal|imprint|impressum)\b", "legal links"),
        (r"\b(?:tags?|topics?|categor\w+)\b", "tags"),
    )
)  # fmt: skip
_MOST = 4  # kinds named before "and more"


def nothing_left(cleaned: Cleaned) -> str:
    """The reason for a capture whose cleaning left no text: what it held instead."""
    found: list[str] = []
    for why, text in cleaned.set_aside:
        what = _chrome(text) if why == "chrome" else _WHAT.get(why, "")
        if what and what not in found:
            found.append(what)
    if not found:
        return "no text in it once its markup is removed"
    named = ", ".join(found[:_MOST]) + (", and more" if len(found) > _MOST else "")
    furniture = [w for w in found if w not in _METADATA]
    if not furniture:
        return f"only page metadata ({named}) and no article text"
    return f"only page furniture ({named}) and no article text"


_METADATA = frozenset({"byline", "date", "source line", "site name", "copyright line", "ISSN line"})


def _chrome(text: str) -> str:
    for pattern, what in _CHROME:
        if pattern.search(text):
            return what
    return "navigation links"


def empty_reason(raw: bytes, decoded: str) -> str:
    """The reason for a file with no text at all: empty, blank, or only invisible characters."""
    if not raw:
        return "empty file (0 bytes)"
    if not decoded.strip():
        return f"only blank space ({len(raw):,} bytes) and no text"
    return "no visible text (only control characters, escape sequences or invisible characters)"
