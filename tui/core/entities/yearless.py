"""Month-day dates without a year ("22 September", "September 19th", "Sep 22").

The year is the brief's published year when the brief has one; else the year of the nearest
date in the text that names a month ("September 2023", "19 September 2023": the text's own
frame), or of a bare year in the same sentence; else the date keeps no year and gets the
id `xxxx-MM-DD` (EDTF's unspecified year), so that two briefs that both say "23 March" still
share it. A news report's bare years are mostly about the past ("agreed in 2000"): they never
lend their year to a date outside their sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from tui.core.entities.date_words import _DAY, _END, _MONTH, _MONTHS, _START, _units
from tui.core.entities.model import EntityType, Mention

_DAY_MONTH = re.compile(rf"{_START}{_DAY}(?: of)? {_MONTH}{_END}")
_MONTH_DAY = re.compile(rf"{_START}{_MONTH} {_DAY}{_END}")
_FULL = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ]
)
_NUMBER_AFTER = re.compile(r"\s*(?:,\s*)?\d")
_WORD_AFTER = re.compile(r"\s*([A-Za-z%]+)")


def unspecified(iso: str) -> bool:
    return iso.startswith("xxxx-")


def yearless_dates(body: str, dated: Sequence[Mention], year: int | None) -> list[Mention]:
    taken = bytearray(len(body) + 1)
    for d in dated:
        taken[d.start : d.end] = b"\1" * (d.end - d.start)
    anchors = sorted((d.start, int(d.entity_id[:4])) for d in dated if len(d.entity_id) > 4)
    bare = [(d.start, int(d.entity_id)) for d in dated if len(d.entity_id) == 4]
    found: list[Mention] = []
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(body):
            if any(taken[m.start() : m.end()]) or not _plausible(body, m):
                continue
            month = _MONTHS[m.group("month").lower()]
            day = int(m.group("day"))
            chosen = year if year is not None else _text_year(body, m.start(), anchors, bare)
            iso = _iso(chosen, month, day)
            if iso is None:
                continue
            end = m.end()
            if body[end - 1] == "." and m.group("month").lower() in _FULL:
                end -= 1  # "on 16 March." ends a sentence: the dot is not the month's
            found.append(Mention(m.start(), end, iso, EntityType.DATE, body[m.start() : end]))
            taken[m.start() : end] = b"\1" * (end - m.start())
    return found


def _plausible(body: str, m: re.Match[str]) -> bool:
    after = body[m.end() : m.end() + 24]
    if m.re is _MONTH_DAY and _NUMBER_AFTER.match(after):
        return False  # "May 5, 10 and 12", "March 3 2,000": not a plain day
    word = _WORD_AFTER.match(after)
    if word and word.group(1).lower() in _units():
        return False  # "May 10 people"
    # "May" is also a verb and a name: only "5 May", or "May 5" after a preposition
    if m.group("month") == "May" and m.group().startswith("May"):
        before = body[max(0, m.start() - 6) : m.start()].split()
        return bool(before) and before[-1] in ("on", "of", "by", "until", "from", "since")
    return True


def _text_year(
    body: str, pos: int, anchors: list[tuple[int, int]], bare: list[tuple[int, int]]
) -> int | None:
    before = [y for p, y in anchors if p < pos]
    if before:
        return before[-1]
    if anchors:
        return anchors[0][1]
    start = max(body.rfind(c, 0, pos) for c in ".!?\n") + 1
    ends = [e for e in (body.find(c, pos) for c in ".!?\n") if e >= 0]
    end = min(ends) if ends else len(body)
    near = [(abs(p - pos), y) for p, y in bare if start <= p < end]
    return min(near)[1] if near else None


def _iso(year: int | None, month: int, day: int) -> str | None:
    try:
        dt.date(year or 2000, month, day)  # 2000 is a leap year: 29 February stays possible
    except ValueError:
        return None
    return (
        f"{year:04d}-{month:02d}-{day:02d}" if year is not None else f"xxxx-{month:02d}-{day:02d}"
    )
