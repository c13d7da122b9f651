"""The words and patterns of English dates, shared by the dated and the yearless finders."""

from __future__ import annotations

from functools import cache

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_END = r"(?![\w-])"  # not glued to a following word or number ("2023-0474", "2020s")
_START = r"(?<![\w$€£¥/.])"


@cache
def _units() -> frozenset[str]:
    from tui.core.entities.data import cue_words

    return cue_words("year_unit")


__all__ = ["_DAY", "_END", "_MONTH", "_MONTHS", "_START", "_YEAR", "_units"]
