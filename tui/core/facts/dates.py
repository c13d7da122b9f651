"""Dates as facts: each date of a sentence with its precision (year, month, day) and the event it
dates. Dated dates come from the entity layer (its DATE mentions, ISO ids); a yearless
"19 September" or "September 19th" takes its year from the brief: its published date, else the
nearest full date before it, else the latest year the brief names; with no year at all it stays
yearless ("--09-19", ISO 8601's form) and is compared by month and day only. A yearless month
("in March", "by September") is a date of month precision the same way."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from tui.core.compare_text import STOP_WORDS
from tui.core.entities.model import EntityType, Mention
from tui.core.facts import lexicon
from tui.core.facts.context import SentenceView
from tui.core.facts.model import Fact, Kind, Value

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
    "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_NOT_YEAR_AFTER = r"(?!,?\s*(?:of\s+)?(?:1[5-9]\d\d|20\d\d)\b)(?![\w])"
_YEARLESS = [
    re.compile(rf"(?<![\w])(?:the\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}{_NOT_YEAR_AFTER}"),
    re.compile(rf"(?<![\w]){_MONTH}\s+{_DAY}{_NOT_YEAR_AFTER}"),
]


def context_year(published: dt.date | None, mentions: Sequence[Mention]) -> int | None:
    """The year a yearless date falls in when nothing nearer says: the brief's published year,
    else the latest year it names."""
    if published is not None:
        return published.year
    years = [int(m.entity_id[:4]) for m in mentions if m.type == EntityType.DATE]
    return max(years) if years else None  # news looks back: its own year is the latest it names


_MONTH_ONLY = re.compile(
    r"(?<![\w])(?:in|by|until|till|from|since|during|before|after|early|late|mid-?|end of|"
    r"start of|beginning of)\s+(?:early\s+|late\s+|mid-)?"
    r"(?P<month>January|February|March|April|June|July|August|September|October|November|"
    r"December)(?![\w])(?!,?\s*(?:of\s+)?(?:\d|1[5-9]\d\d|20\d\d))"
)


def year_before(offset: int, mentions: Sequence[Mention]) -> int | None:
    """The year of the nearest full date (month and day, or month) before `offset`."""
    best = None
    for m in mentions:
        if m.type == EntityType.DATE and len(m.entity_id) > 4 and m.start < offset:
            best = int(m.entity_id[:4])
    return best


def yearless(
    view: SentenceView, taken: Sequence[tuple[int, int]]
) -> list[tuple[int, int, int, int]]:
    """(start, end, month, day) of each yearless day-and-month in the sentence."""
    out = []
    for pattern in _YEARLESS:
        for m in pattern.finditer(view.body, view.start, view.end):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            day, month = int(m.group("day")), _MONTHS[m.group("month").lower().rstrip(".")]
            try:
                dt.date(2000, month, day)
            except ValueError:
                continue
            start = m.start("day") if m.start("day") < m.start("month") else m.start("month")
            end = m.end() - 1 if view.body[m.end() - 1] == "." else m.end()  # "on 17 May."
            out.append((start, end, month, day))
            taken = [*taken, (m.start(), m.end())]
    return sorted(out)


def date_facts(
    view: SentenceView,
    mentions: Sequence[Mention],
    all_mentions: Sequence[Mention],
    year: int | None,
) -> list[Fact]:
    """The sentence's dates that date an event ("the offensive began on 19 September")."""
    found: list[tuple[int, int, str, bool]] = []
    for m in mentions:
        if m.type == EntityType.DATE:
            found.append((m.start, m.end, m.entity_id, False))
    taken = [(m.start, m.end) for m in mentions]
    for start, end, month, day in yearless(view, taken):
        guess = year_before(start, all_mentions) or year
        year_part = f"{guess:04d}" if guess else "-"
        found.append((start, end, f"{year_part}-{month:02d}-{day:02d}", True))
        taken.append((start, end))
    for hit in _MONTH_ONLY.finditer(view.body, view.start, view.end):
        start = hit.start("month")
        if any(s < hit.end() and start < e for s, e in taken):
            continue
        guess = year_before(start, all_mentions) or year
        year_part = f"{guess:04d}" if guess else "-"
        found.append(
            (start, hit.end(), f"{year_part}-{_MONTHS[hit.group('month').lower()]:02d}", True)
        )
    out = []
    for start, end, iso, inferred in sorted(found):
        event = _dated_event(view, start, end)
        if event is None:
            continue
        md = month_day(iso)
        precision = "day" if "-" in md else "month" if md else "year"
        ordinal = _ordinal(iso.replace("--", "2000-", 1) if iso.startswith("--") else iso)
        out.append(
            Fact(
                kind=Kind.DATE,
                unit=precision,
                head=event[0],
                value=Value(*ordinal),
                text=view.body[start:end],
                start=start,
                end=end,
                sentence=(view.start, view.end),
                entities=view.entities,
                places=view.places_near(start, end),
                topic=view.topic(start, end),
                years=frozenset({int(iso[:4])}) if iso[:4].isdigit() else frozenset(),
                iso=iso,
                year_inferred=inferred,
            )
        )
    return out


_NEXT_EVENT = frozenset({"after", "before", "following", "since", "when", "until", "amid"})


def _dated_event(view: SentenceView, start: int, end: int) -> tuple[str, int] | None:
    """The event a date dates: the nearest event word before it ("the ceasefire came into force
    on 16 May"), else after it, up to a word that opens another event ("after three days of
    fighting that began...")."""
    table = lexicon.date_events()
    before, _ = view.around(start, end, 12)
    for distance, w in enumerate(before):
        name = table.get(w.lower) or table.get(w.key)
        if name:
            return name, distance
    hi = view.clause(start, end)[1]
    distance = 0
    for w in view.words:
        if w.start < end or w.end > hi:
            continue
        if w.lower in _NEXT_EVENT:
            return None
        name = table.get(w.lower) or table.get(w.key)
        if name:
            return name, distance
        distance += w.lower not in STOP_WORDS
        if distance > 12:
            break
    return None


def month_day(iso: str) -> str:
    """The month and day of an ISO date without its year: "09-19", "09", or "" (a year)."""
    return iso[2:] if iso.startswith("--") else iso[5:]


def _ordinal(iso: str) -> tuple[float, float]:
    """The first and last day a date covers, as proleptic ordinals."""
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 3:
        day = dt.date(*parts).toordinal()
        return float(day), float(day)
    if len(parts) == 2:
        first = dt.date(parts[0], parts[1], 1)
        nxt = dt.date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return float(first.toordinal()), float(nxt.toordinal() - 1)
    return float(dt.date(parts[0], 1, 1).toordinal()), float(dt.date(parts[0], 12, 31).toordinal())
