"""Metadata stated in a capture's own lines: bylines, dates, publishers, addresses, ISSN lines."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_TIME = (
    r"(?:[,\s]+(?:at\s+)?\d{1,2}[:.]\d\d(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4}|\s*[+-]\d\d:?\d\d)?)?"
)

# Each pattern matches a whole date; they are tried in this order.
_DATE_PATTERNS = [
    re.compile(_WEEKDAY + _MONTH + r"\s+" + _DAY + r",?\s+" + _YEAR, re.I),  # September 19th, 2023
    re.compile(_WEEKDAY + _DAY + r"\s+(?:of\s+)?" + _MONTH + r",?\s+" + _YEAR, re.I),  # 19 Sep 2023
    re.compile(r"(?P<year>(?:19|20)\d\d)-(?P<month>[01]?\d)-(?P<day>[0-3]?\d)(?:[T ][\d:.]+Z?)?"),
    re.compile(r"(?P<year>(?:19|20)\d\d)/(?P<month>[01]?\d)/(?P<day>[0-3]?\d)"),
    re.compile(r"(?P<day>[0-3]?\d)\.(?P<month>[01]?\d)\.(?P<year>(?:19|20)\d\d)"),
    re.compile(r"(?P<a>[0-3]?\d)/(?P<b>[0-3]?\d)/(?P<year>(?:19|20)\d\d)"),
]

_DATE_PREFIX = re.compile(
    r"^(?:(?:first\s+|originally\s+)?published(?:\s+on)?|posted(?:\s+on)?|date[d]?|"
    r"publication\s+date|release\s+date|created(?:\s+on)?|issued(?:\s+on)?|written(?:\s+on)?|"
    r"(?P<updated>(?:last\s+)?(?:updated|modified|revised)(?:\s+on)?))\s*[:：]?\s*",
    re.I,
)
_READING_TIME = re.compile(
    r"\s*[|·•—–-]?\s*\d+\s*(?:min|mins|minutes?)\s*(?:read|reading)?\s*$", re.I
)


def parse_date(text: str) -> dt.date | None:
    """A calendar date written in full (`September 19th, 2023`, `19 September 2023`, ISO, ...).

    Slashed dates are read day-first only when that is the only valid reading, and refused
    when ambiguous (03/04/2023), rather than guessed.
    """
    text = text.strip()
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text)
        if match:
            return _date_from(match)
    return None


def _date_from(match: re.Match[str]) -> dt.date | None:
    groups = match.groupdict()
    year = int(groups["year"])
    if groups.get("a"):
        a, b = int(groups["a"]), int(groups["b"])
        if a > 12 >= b:
            day, month = a, b
        elif b > 12 >= a:
            day, month = b, a
        else:
            return None
    else:
        raw_month = groups["month"]
        month = int(raw_month) if raw_month.isdigit() else _MONTHS[raw_month.lower().rstrip(".")]
        day = int(groups["day"])
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class DateLine:
    date: dt.date
    updated: bool  # "Updated: ..." rather than a publication date


def date_line(line: str) -> DateLine | None:
    """A line that is only a date, perhaps with a `Published:`-like label or a reading time."""
    text = _READING_TIME.sub("", line.strip()).strip(" |·•—–-")
    prefix = _DATE_PREFIX.match(text)
    updated = bool(prefix and prefix.group("updated"))
    if prefix:
        text = text[prefix.end() :]
    time_free = re.sub(_TIME + r"$", "", text).strip(" ,") if text else text
    date = parse_date(time_free) or parse_date(text)
    return DateLine(date, updated) if date else None


# --- bylines ---------------------------------------------------------------------------------

_BYLINE = re.compile(
    r"^(?P<label>authors?|written\s+by|words\s+by|posted\s+by|reporting\s+by|analysis\s+by|text|by)"
    r"\s*(?P<colon>[:：])?\s*(?P<rest>\S.*)$",
    re.I,
)
_NAME_WORD = re.compile(
    r"^(?:[A-ZÀ-ÖØ-ÞĀ-ž][\w’'.\-]*|[A-Z]\.|(?:de|da|di|del|della|van|von|der|den|la|le|al|el|bin|ibn|ben|dos|das|y|du|ter|ten|op|zu)|al-\w+|d’\w+|d'\w+)$"
)
_NAME_SPLIT = re.compile(r"\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\be\b)\s*")
_BYLINE_TAIL = re.compile(r"\s+(?:[|·•]|—|–|-)\s+|,\s+(?=\S*\d)")


@dataclass(frozen=True)
class Byline:
    author: str
    date: dt.date | None = None


def byline(line: str, *, header: bool) -> Byline | None:
    """`Author: X`, `By X and Y`, `Written by X | 19 Sep 2023`; `By X` only in the header."""
    match = _BYLINE.match(line.strip())
    if not match:
        return None
    label = match.group("label").lower()
    if label in {"by", "text"} and not header:
        return None
    if label in {"author", "authors", "text"} and not match.group("colon"):
        return None
    rest = match.group("rest").strip()
    date = None
    parts = _BYLINE_TAIL.split(rest)
    names = parts[0].strip(" ,.")
    for tail in parts[1:]:
        found = date_line(tail)
        if found:
            date = found.date
        elif not _READING_TIME.fullmatch(" " + tail):
            return None
    if not looks_like_names(names):
        return None
    return Byline(", ".join(n for n in _NAME_SPLIT.split(names) if n), date)


def looks_like_organisation(text: str) -> bool:
    """A publisher's name: capitalised words, perhaps joined by `for`, `of`, `and`..."""
    words = text.split()
    if not 1 <= len(words) <= 8 or len(text) > 80:
        return False
    small = {
        "for",
        "of",
        "and",
        "the",
        "on",
        "in",
        "&",
        "de",
        "du",
        "la",
        "le",
        "des",
        "fur",
        "für",
    }
    return words[0][0].isupper() and all(
        w[0].isupper() or w[0].isdigit() or w in small for w in words
    )


def looks_like_names(text: str) -> bool:
    """One or a few personal or organisation names: capitalised words, no sentence."""
    if not text or len(text) > 120 or text[-1] in "!?:;":
        return False
    names = [n for n in _NAME_SPLIT.split(text) if n]
    if not names or len(names) > 6:
        return False
    for name in names:
        words = name.split()
        if not 1 <= len(words) <= 5:
            return False
        if not all(_NAME_WORD.match(w) for w in words):
            return False
        if not any(w[0].isupper() for w in words):
            return False
    return True


# --- publisher, address, periodical ---------------------------------------------------------

_URL = re.compile(r"https?://[^\s<>\"'()\[\]]+[^\s<>\"'()\[\].,;:!?]")
_SOURCE_LINE = re.compile(
    r"^(?P<label>source|publisher|published\s+by|publication|originally\s+published\s+(?:by|in|on|at)|"
    r"url|link|permalink|original\s+url|source\s+url|canonical|read\s+(?:it|the\s+original|more)\s+"
    r"(?:at|on))\s*[:：]?\s+(?P<rest>\S.*)$",
    re.I,
)
_ISSN = re.compile(r"^(?P<name>.*?)[\s,–—-]*\bISSN\b\s*[:：]?\s*\d{4}-?\d{3}[\dXx]\b", re.I)
_COPYRIGHT = re.compile(
    r"^(?:copyright\s*)?(?:©|\(c\)|copyright)\s*(?:(?:19|20)\d\d\s*(?:[-–—]\s*(?:19|20)?\d\d)?\s*)?"
    r"(?:by\s+)?(?P<name>[^.|]+?)\s*(?:[.|,]\s*(?:all\s+rights\s+reserved\.?)?.*)?$",
    re.I,
)
_COPYRIGHT_WORD = re.compile(r"copyright\s+(?:\(c\)|(?:19|20)\d\d\b|by\s)", re.I)
_APPEAL_PUBLISHER = re.compile(
    r"\b(?i:do|did)\s+you\s+(?i:like|enjoy|value|appreciate|love|read)\s+"
    r"(?P<name>[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*){0,3}?)(?:’s|'s)?\s+"
    r"(?:reports?|analys[ie]s|articles?|work|content|journalism|research|publications?|briefs?)\b"
)


@dataclass(frozen=True)
class SourceLine:
    source: str | None = None
    url: str | None = None


def source_line(line: str) -> SourceLine | None:
    """`Source: X`, `Publisher: X`, `URL: https://...`, `Originally published at https://...`."""
    text = line.strip()
    match = _SOURCE_LINE.match(text)
    if match:
        rest = match.group("rest").strip()
        url = _URL.search(rest)
        if url:
            label_is_url = match.group("label").lower() in {"url", "link", "permalink", "canonical"}
            before = rest[: url.start()].strip(" :-–—|,")
            if label_is_url or not before:
                return SourceLine(url=url.group())
            return SourceLine(source=before, url=url.group())
        if len(rest.split()) <= 8 and match.group("label").lower() not in {"url", "link"}:
            return SourceLine(source=rest.rstrip(" ."))
        return None
    url = _URL.fullmatch(text.strip("<>"))
    if url:
        return SourceLine(url=url.group())
    return None


def issn_periodical(line: str) -> str | None:
    """The periodical named before an ISSN (`Kavkaz Files ISSN 2975-0474 ...` -> `Kavkaz Files`).

    Returns "" for an ISSN line that names nothing; None when the line is not an ISSN line.
    """
    # Short lines only: on a long run of dashes the pattern's lazy name is quadratic (seconds).
    if len(line) > 400 or len(line.split()) > 25:
        return None
    match = _ISSN.match(line.strip())
    if not match:
        return None
    return match.group("name").strip(" ,.:;–—-")


def copyright_holder(line: str) -> str | None:
    """`© 2023 SpecialEurasia. All rights reserved.` -> `SpecialEurasia` (short lines only)."""
    text = line.strip()
    if len(text.split()) > 20:
        return None
    lowered = text.lower()
    if not (
        "©" in text
        or lowered.startswith("(c)")
        or "all rights reserved" in lowered
        # `Copyright 2023 X`, `Copyright (c) X`, `Copyright by X`; not a title such as
        # `Copyright, Public Policy, and Information Technology`.
        or _COPYRIGHT_WORD.match(text)
    ):
        return None
    match = _COPYRIGHT.match(text)
    name = match.group("name").strip(" ,.") if match else ""
    if name and looks_like_organisation(name):
        return name
    return ""


def appeal_publisher(text: str) -> str | None:
    """The publisher a donation appeal names: `Do you like SpecialEurasia reports?`."""
    match = _APPEAL_PUBLISHER.search(text)
    return match.group("name") if match else None
