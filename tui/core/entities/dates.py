"""Absolute dates in a text, normalised to ISO (2023-09-19, 2023-09, 2023); never relative ones."""

from __future__ import annotations

import datetime as dt
import re

from tui.core.entities.date_words import _DAY, _END, _MONTH, _MONTHS, _START, _YEAR, _units
from tui.core.entities.model import EntityType, Mention

_PATTERNS = [
    re.compile(rf"{_START}{_YEAR}-(?P<mnum>[01]\d)-(?P<dnum>[0-3]\d){_END}"),
    re.compile(rf"{_START}{_DAY}(?: of)? {_MONTH},? {_YEAR}{_END}"),
    re.compile(rf"{_START}{_MONTH} {_DAY},? {_YEAR}{_END}"),
    re.compile(rf"{_START}{_MONTH},? (?:of )?{_YEAR}{_END}"),
]
_BARE_YEAR = re.compile(rf"{_START}(?P<year>1[89]\d\d|20\d\d){_END}")
_NOT_BEFORE = re.compile(
    r"(?:ISSN|ISBN|No|no|Nr|number|Number|page|pages|pp|p|Vol|vol|Volume|"
    r"Issue|issue|code|Code|tel|Tel|phone|km|Route|route|Article|article|"
    r"Resolution|resolution|flight|Flight)\.?:?\s*$"
)
_RANGE_BEFORE = re.compile(r"(?:1[89]\d\d|20\d\d)\s*[-–]\s*$")


def _iso(year: int, month: int | None = None, day: int | None = None) -> str | None:
    try:
        if day is not None and month is not None:
            return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
    if month is not None:
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    return f"{year:04d}"


def find_dates(body: str, year: int | None = None) -> list[Mention]:
    """Dates with a year, in any of the usual English forms; bare years with guards; then
    month-day dates without a year (see `tui.core.entities.yearless`), which take `year` (the
    brief's published year) when given."""
    found: list[Mention] = []
    taken = bytearray(len(body) + 1)
    for pattern in _PATTERNS:
        for m in pattern.finditer(body):
            if any(taken[m.start() : m.end()]):
                continue
            groups = m.groupdict()
            year = int(groups["year"])
            if groups.get("mnum"):
                iso = _iso(year, int(groups["mnum"]), int(groups["dnum"]))
            else:
                month = _MONTHS[groups["month"].lower()]
                day = int(groups["day"]) if groups.get("day") else None
                iso = _iso(year, month, day)
            if iso is None:
                continue
            found.append(Mention(m.start(), m.end(), iso, EntityType.DATE, m.group()))
            for q in range(m.start(), m.end()):
                taken[q] = 1
    for m in _BARE_YEAR.finditer(body):
        if any(taken[m.start() : m.end()]) or not _plausible_year(body, m.start(), m.end()):
            continue
        found.append(Mention(m.start(), m.end(), m.group(), EntityType.DATE, m.group()))
    from tui.core.entities.yearless import yearless_dates

    found.extend(yearless_dates(body, found, year))
    return found


def _plausible_year(body: str, start: int, end: int) -> bool:
    before = body[max(0, start - 24) : start]
    if _NOT_BEFORE.search(before):
        return False
    if re.search(r"\d[-–]\s*$|[\d,.]\s*$", before) and not _RANGE_BEFORE.search(before):
        return False  # "5,000", "1.2000", "0474-2023"
    if re.search(r"[$€£¥]\s*$", before):
        return False
    after = body[end : end + 24]
    if re.match(r"\s*[-–/]\s*\d", after) and not re.match(
        r"\s*[-–]\s*(?:1[89]\d\d|20\d\d)\b", after
    ):
        return False  # "2975-0474", "2049/12"
    if re.match(r"\s*(?:%|,\d)", after):
        return False
    word = re.match(r"\s*([A-Za-z%]+)", after)
    return not (word and word.group(1).lower() in _units())
