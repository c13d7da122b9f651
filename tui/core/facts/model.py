"""What a fact is: a quantity or a date stated in one sentence, with what it is about.

A value is an interval of the true values the sentence allows: "200" is [200, 200], "at least 200"
[200, inf), "about 100" [90, 110], "$9.4bn" [9.35bn, 9.45bn] (a decimal is rounded to its last
digit), "tens of thousands" [20,000, 99,999]. Two values agree when their intervals are the same,
are consistent (one more precise) when they overlap, and conflict when they do not.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class Kind(StrEnum):
    PEOPLE = "people"  # people killed, wounded, displaced...: unit "people", head the event
    MONEY = "money"  # unit the currency (USD, EUR, GBP...), head what it pays for
    PERCENT = "percent"
    DISTANCE = "distance"  # unit km
    AREA = "area"  # unit km2
    COUNT = "count"  # anything else counted: unit the noun's stem ("job", "flight")
    DATE = "date"  # unit the precision (year, month, day)


class Qualifier(StrEnum):
    EXACT = ""
    ABOUT = "about"  # about, around, some, roughly, an estimated
    NEARLY = "nearly"  # nearly, almost, close to: a little below
    AT_LEAST = "at least"  # at least, more than, over, exceeds
    AT_MOST = "at most"  # up to, fewer than, under, as many as
    RANGE = "range"  # between 200 and 300, 200-300
    ESTIMATE = "estimate"  # a number word naming an order: hundreds, tens of thousands


ABOUT_MARGIN = 0.1  # "about 100" allows 90 to 110
NEARLY_MARGIN = 0.1  # "nearly 100" allows 90 to 100


@dataclass(frozen=True)
class Value:
    """The interval of true values a figure allows, and how the text qualified it."""

    low: float
    high: float
    qualifier: Qualifier = Qualifier.EXACT

    @property
    def exact(self) -> bool:
        return self.low == self.high

    @property
    def width(self) -> float:
        return self.high - self.low

    def overlaps(self, other: Value) -> bool:
        return self.low <= other.high and other.low <= self.high

    def within(self, other: Value) -> bool:
        return other.low <= self.low and self.high <= other.high

    def show(self) -> str:
        """The interval in plain words: "200", "≥ 200", "90-110"."""
        if self.exact:
            return number_text(self.low)
        if math.isinf(self.high):
            return f"≥ {number_text(self.low)}"
        if self.low <= 0:
            return f"≤ {number_text(self.high)}"
        return f"{number_text(self.low)}-{number_text(self.high)}"


def number_text(x: float) -> str:
    if x == int(x) and abs(x) < 1e15:
        return f"{int(x):,}"
    return f"{x:,.6g}" if abs(x) < 1e6 else f"{x:,.0f}"


def qualified(number: float, qualifier: Qualifier, step: float = 0.0) -> Value:
    """The interval of `number` as qualified; `step` is the rounding unit of its last digit (0.1
    for "9.4bn" in billions, times the scale), which a rounded figure allows either way."""
    half = step / 2
    if qualifier == Qualifier.ABOUT:
        margin = max(number * ABOUT_MARGIN, half)
        return Value(number - margin, number + margin, qualifier)
    if qualifier == Qualifier.NEARLY:
        return Value(number * (1 - NEARLY_MARGIN), number + half, qualifier)
    if qualifier == Qualifier.AT_LEAST:
        return Value(number - half, math.inf, qualifier)
    if qualifier == Qualifier.AT_MOST:
        return Value(0.0, number + half, qualifier)
    return Value(number - half, number + half, qualifier)


@dataclass(frozen=True)
class Fact:
    """A quantity or a date of one sentence; offsets index the brief's body.

    `head` says what the figure counts: for people the event ("killed", "wounded"), for money the
    thing paid ("profit", "price"), for a count its noun, for a percentage its topic, for a date
    the event it dates ("offensive", "ceasefire"). `group` narrows people ("civilian", "soldier").
    `scope` is the part of the whole a figure covers ("plant", "worldwide") when the text says so.
    """

    kind: Kind
    unit: str
    head: str
    value: Value
    text: str  # the figure as written, e.g. "at least 200", "$9.4bn", "19 September"
    start: int
    end: int
    sentence: tuple[int, int]
    group: str = ""
    scope: str = ""
    entities: frozenset[str] = frozenset()  # canonical ids named in the sentence (no dates)
    places: frozenset[str] = frozenset()  # GPE/LOC/FAC ids near the figure
    topic: frozenset[str] = frozenset()  # content stems near the figure
    years: frozenset[int] = frozenset()  # years the sentence ties the figure to
    period: str = ""  # "q3", "h1", "annual", "monthly"... when the sentence says
    iso: str = ""  # dates: the ISO value (2023, 2023-09, 2023-09-19; --09-19 without a year)
    # The value of one unit of the last digit as written: 1 for "29%", 0.1 for "28.9%", 1e8 for
    # "£1.1bn": a figure written coarser than the other's is that figure rounded.
    precision: float = 0.0
    heads: frozenset[str] = frozenset()  # money, percentages: every head word near the figure
    year_inferred: bool = False  # dates: a yearless "19 September" dated from the brief

    @property
    def about(self) -> str:
        """What the fact is about, in words: "people killed", "civilian killed", "jobs"."""
        if self.kind == Kind.PEOPLE:
            who = self.group or "people"
            return f"{who} {self.head}".strip()
        if self.kind == Kind.MONEY:
            return f"{self.head} ({self.unit})" if self.head else self.unit
        if self.kind == Kind.DATE:
            return f"date of {self.head}" if self.head else "date"
        if self.kind == Kind.COUNT:
            return f"{self.unit} {self.head}".strip()
        return f"{self.head} ({self.unit})" if self.head else self.unit

    def shown(self) -> str:
        """The value normalised: "≥ 200", "2023-09-19", "USD 9,400,000,000"."""
        if self.kind == Kind.DATE:
            return self.iso + (
                " (year assumed)" if self.year_inferred and self.iso[0] != "-" else ""
            )
        if self.kind == Kind.MONEY:
            return f"{self.unit} {self.value.show()}"
        if self.kind == Kind.PERCENT:
            return f"{self.value.show()}%"
        if self.kind in (Kind.DISTANCE, Kind.AREA):
            return f"{self.value.show()} {self.unit}"
        return self.value.show()
