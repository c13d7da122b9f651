"""Rules that read a capture's header and trailer: labelled fields, bylines, dates, publisher,
masthead and title. What they find is lifted into the front matter, not left in the body."""

from __future__ import annotations

import datetime as dt
import re

import tui.core.ingest.furniture as fur
import tui.core.ingest.meta as meta
from tui.core.ingest.lines import Cleaned, Kind, Line, is_prose, is_title_like, text_lines


def regions(lines: list[Line]) -> tuple[int, int, int]:
    """Where the header ends (first prose line), the trailer starts (after the last prose line),
    and the zone where bylines and dates are still looked for ends (the second prose line: a
    standfirst often sits above the byline)."""
    prose = [
        i for i in text_lines(lines) if is_prose(lines[i].vis) and not fur.is_credit(lines[i].vis)
    ]
    if not prose:
        return len(lines), len(lines), len(lines)
    return prose[0], prose[-1] + 1, prose[1] if len(prose) > 1 else len(lines)


_FIELD_LABELS = {
    "source": "Source",
    "publisher": "Source",
    "published by": "Source",
    "organization": "Source",
    "organisation": "Source",
    "author": "Author",
    "authors": "Author",
    "written by": "Author",
    "by": "Author",
    "posted": "Published",
    "published": "Published",
    "date": "Published",
    "publication date": "Published",
    "originally published": "Published",
    "updated": "Updated",
    "last updated": "Updated",
    "url": "URL",
    "link": "URL",
}
_LABELS_TO_DROP = frozenset(
    {"format", "origin", "language", "languages", "theme", "themes", "country", "countries",
     "region", "regions", "content type", "type", "document type", "attachments", "topics",
     "tags", "keywords", "disaster", "disasters", "categories", "category", "series", "pages",
     "length", "file size", "download", "downloads", "share"}
)  # fmt: skip


def mark_labelled_fields(lines: list[Line], meta_end: int) -> None:
    """Page metadata laid out as label and value on two lines (`Source` / `UNHCR`).

    Known labels are rewritten as one `Label: value` line for the metadata rules; labels of
    fields briefs does not keep (format, language, theme...) go, with their value.
    """
    for here in text_lines(lines[:meta_end]):
        label = lines[here]
        name = fur.normalise(label.vis)
        if label.kind is not Kind.TEXT or not (name in _FIELD_LABELS or name in _LABELS_TO_DROP):
            continue
        after = next(
            (j for j in range(here + 1, meta_end) if lines[j].kind is not Kind.BLANK), None
        )
        if after is None:
            continue
        value = lines[after]
        if value.kind is Kind.DROP and name in _LABELS_TO_DROP:
            label.kind, label.why = Kind.DROP, "field label"  # its value was chrome already
            continue
        if value.kind is not Kind.TEXT or fur.count_words(value.vis) > 8:
            continue
        if name in _FIELD_LABELS:
            joined = f"{_FIELD_LABELS[name]}: {value.vis}"
            value.raw = value.vis = joined
            label.kind, label.why = Kind.DROP, "field label"
        else:
            label.kind, label.why = Kind.DROP, "field label"
            value.kind, value.why = Kind.DROP, f"{name} field"


def mark_metadata(lines: list[Line], out: Cleaned, header_end: int, trailer_start: int) -> None:
    found: dict[str, object] = {}
    publisher_hints: list[tuple[int, str]] = []  # (rank, name): lower rank wins
    for i, ln in enumerate(lines):
        if ln.kind not in (Kind.TEXT, Kind.DROP) or not ln.vis:
            continue
        vis = ln.vis
        in_header, in_trailer = i < header_end, i >= trailer_start
        if ln.kind is Kind.DROP:
            name = meta.appeal_publisher(vis) if ln.why == "appeal" else None
            if name:
                publisher_hints.append((2, name))
            continue
        holder = meta.copyright_holder(vis)
        if holder is not None:
            ln.kind, ln.why = Kind.META, "copyright"
            if holder:
                publisher_hints.append((1, holder))
            continue
        periodical = meta.issn_periodical(vis)
        if periodical is not None:
            ln.kind, ln.why = Kind.META, "issn"
            if periodical:
                publisher_hints.append((3, periodical))
            continue
        if not (in_header or in_trailer):
            continue
        byline = meta.byline(vis, header=in_header)
        if byline and "author" not in found:
            found["author"] = byline.author
            if byline.date and "published" not in found:
                found["published"] = byline.date
            ln.kind, ln.why = Kind.META, "byline"
            continue
        dated = meta.date_line(vis)
        if dated:
            key = "updated" if dated.updated else "published"
            found.setdefault(key, dated.date)
            ln.kind, ln.why = Kind.META, "date"
            continue
        src = meta.source_line(vis)
        if src:
            if src.source:
                publisher_hints.append((0, src.source))
            if src.url:
                found.setdefault("url", src.url)
            ln.kind, ln.why = Kind.META, "source"
    out.author = out.author or _str(found.get("author"))
    published = found.get("published") or found.get("updated")
    if isinstance(published, dt.date):
        out.published = published
    out.url = out.url or _str(found.get("url"))
    if publisher_hints:
        out.source = min(publisher_hints, key=lambda hint: hint[0])[1]


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def mark_title(lines: list[Line], out: Cleaned, header_end: int, *, markdown: bool) -> None:
    header = [i for i in text_lines(lines) if i < header_end]
    if out.title:
        wanted = fur.normalise(out.title)
        for i in header:
            if fur.normalise(lines[i].vis) == wanted:
                lines[i].kind, lines[i].why = Kind.DROP, "title repeated"
        return
    candidates = [i for i in header if not fur.is_credit(lines[i].vis)]
    if markdown:
        # A capture in Markdown names its title with its first top-level heading.
        h1 = [i for i in candidates if re.match(r"^\s{0,3}#\s", lines[i].raw)]
        candidates = h1[:1] or candidates
    if len(candidates) >= 2 and (
        _is_masthead(lines[candidates[0]].vis) or _repeats_below(lines, candidates[0], header_end)
    ):
        masthead = lines[candidates[0]]
        masthead.kind, masthead.why = Kind.META, "masthead"
        out.source = out.source or _title_case(masthead.vis)
        candidates = candidates[1:]
    if not candidates or not is_title_like(lines[candidates[0]].vis):
        return
    first = candidates[0]
    out.title = re.sub(r"^#{1,6}\s+", "", lines[first].vis)
    lines[first].kind, lines[first].why = Kind.TITLE, "title"
    wanted = fur.normalise(out.title)
    for i in header:
        if i != first and fur.normalise(lines[i].vis) == wanted:
            lines[i].kind, lines[i].why = Kind.DROP, "title repeated"


_ORG_WORDS = re.compile(
    r"\b(?:institute|institut|centre|center|council|foundation|endowment|university|agency|news|times|post|"
    r"journal|review|monitor|observer|watch|files|press|media|group|forum|programme|program|office|"
    r"ministry|commission|studies|research|society|association|network|bulletin|daily|weekly|"
    r"tribune|herald|gazette|service|initiative|project|fund)\b",
    re.I,
)
_SMALL_WORDS = frozenset({"a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to"})


def _repeats_below(lines: list[Line], i: int, header_end: int) -> bool:
    """A header line printed again under the article (a site name in the footer)."""
    wanted = fur.normalise(lines[i].vis)
    return bool(wanted) and any(
        fur.normalise(ln.vis) == wanted for ln in lines[header_end:] if ln.kind is not Kind.BLANK
    )


def _is_masthead(text: str) -> bool:
    """An all-capitals publisher's name above the title (`EXAMPLE INSTITUTE FOR ...`)."""
    letters = [c for c in text if c.isalpha()]
    return (
        fur.count_words(text) >= 2
        and all(c.isupper() for c in letters)
        and bool(_ORG_WORDS.search(text))
    )


def _title_case(text: str) -> str:
    out = []
    for i, word in enumerate(text.split()):
        lower = word.lower()
        if i and lower in _SMALL_WORDS:
            out.append(lower)
        elif len(word) <= 3 and word.isupper() and lower not in _SMALL_WORDS:
            out.append(word)  # likely an acronym: OSW, NATO
        else:
            out.append(word[:1].upper() + word[1:].lower())
    return " ".join(out)
