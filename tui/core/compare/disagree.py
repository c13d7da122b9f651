"""Where two briefs disagree: facts of A and of B about the same thing whose values differ.

Two facts are about the same thing when they are of the same kind and unit (people, money in one
currency, a percentage, km, a counted noun, a date), count the same thing (the same event for
people, "killed"; the same group, "civilian"; the same thing paid, "profit"; the same event for a
date, "offensive"), cover the same part (not jobs at a plant against jobs at the firm) and the
same period (not a 2003 profit against a 2004 one, nor a quarter against a year), and their
sentences meet: they name a common entity (canonical ids, so "Baku" meets "Azerbaijan") or
share content words near the figure. Precision first: a pair that is not clearly about one thing
is left out, since an analyst reads every flag and most differences are not contradictions.

The values are intervals (tui.core.facts.model): equal -> an agreement (counted, not flagged);
overlapping -> consistent, the narrower side more precise ("at least 200" / 250, "about 100" /
102, "September 2023" / "19 September 2023"); apart -> a conflict (200 / 500 killed, 19 / 20
September). Dates that only name a year never conflict (two years are two events more often than
one event dated twice). Each fact pairs at most once: agreements and consistent pairs first (a
brief that repeats the other's figure is not contradicting it), then the best-anchored pairs.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, cast

from tui.core.compare.model import (
    Agreement,
    Disagreement,
    Disagreements,
    FactSide,
    Sentence,
    Verdict,
)
from tui.core.facts.dates import month_day
from tui.core.facts.model import Fact, Kind, Qualifier

_SPACE = re.compile(r"\s+")
# Topic words that say nothing about what is counted (they are everywhere near a figure).
_WEAK = frozenset(
    {"said", "say", "says", "report", "reported", "accord", "figur", "number", "total"}
)


@dataclass(frozen=True)
class _Candidate:
    fa: Fact
    fb: Fact
    verdict: Verdict | None  # None: agreement
    score: float


def find_disagreements(
    body_a: str,
    body_b: str,
    facts_a: Sequence[Fact],
    facts_b: Sequence[Fact],
    *,
    year_a: int | None = None,
    year_b: int | None = None,
) -> Disagreements:
    """Pair the facts of A with those of B; `year_a`/`year_b` are each brief's context year (a
    figure without a year belongs to it)."""
    candidates: list[_Candidate] = []
    for fa in facts_a:
        for fb in facts_b:
            score = _same_thing(fa, fb, year_a, year_b)
            if score is None:
                continue
            verdict = _verdict(fa, fb)
            if verdict == "skip":
                continue
            candidates.append(_Candidate(fa, fb, verdict, score))
    # Agreements, then consistent pairs, then conflicts; within each the best anchored first.
    rank = {None: 0, "a_more_precise": 1, "b_more_precise": 1, "conflict": 2}
    candidates.sort(key=lambda c: (rank[c.verdict], -c.score, c.fa.start, c.fb.start))
    used_a: set[int] = set()
    used_b: set[int] = set()
    flags: list[Disagreement] = []
    agreements: list[Agreement] = []
    for c in candidates:
        ka, kb = id(c.fa), id(c.fb)
        if ka in used_a or kb in used_b:
            continue
        used_a.add(ka)
        used_b.add(kb)
        side_a, side_b = _side(body_a, c.fa), _side(body_b, c.fb)
        if c.verdict is None:
            agreements.append(Agreement(str(c.fa.kind), c.fa.about, side_a, side_b))
        else:
            key = flag_key(str(c.fa.kind), c.fa.about, side_a, side_b)
            flags.append(Disagreement(key, str(c.fa.kind), c.fa.about, c.verdict, side_a, side_b))
    flags.sort(key=lambda f: (f.a.start, f.b.start))
    agreements.sort(key=lambda f: (f.a.start, f.b.start))
    return Disagreements(tuple(flags), tuple(agreements), len(facts_a), len(facts_b))


def flag_key(kind: str, about: str, a: FactSide, b: FactSide) -> str:
    """A short id for a flag from what it says, not where: the same sentences and values give the
    same key after re-computation, edits elsewhere in either brief, or A and B swapped."""
    sides = sorted(
        [
            [_SPACE.sub(" ", a.sentence.text).strip(), a.value],
            [_SPACE.sub(" ", b.sentence.text).strip(), b.value],
        ]
    )
    payload = json.dumps([kind, about, sides], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:12]


def _side(body: str, fact: Fact) -> FactSide:
    s, e = fact.sentence
    return FactSide(fact.text, fact.shown(), fact.start, fact.end, Sentence(s, e, body[s:e]))


def _same_thing(fa: Fact, fb: Fact, year_a: int | None, year_b: int | None) -> float | None:
    """How well two facts are anchored to one thing, or None when they are not about one."""
    if fa.kind != fb.kind:
        return None
    if fa.kind != Kind.DATE and fa.unit != fb.unit:
        return None
    if not _same_head(fa, fb) or fa.group != fb.group or fa.scope != fb.scope:
        return None
    if fa.period != fb.period:
        return None
    if fa.kind in (Kind.MONEY, Kind.PERCENT, Kind.DATE) and not fa.head:
        return None  # money paid for what? a percentage of what? the date of what?
    if fa.kind != Kind.DATE and not _same_years(fa, fb, year_a, year_b):
        return None
    if fa.places and fb.places and not fa.places & fb.places:
        return None  # figures for two different places
    entities = len(fa.entities & fb.entities)
    topic = len((fa.topic & fb.topic) - _WEAK)
    if fa.kind == Kind.DATE:
        if not entities:
            return None
    elif (fa.kind in (Kind.DISTANCE, Kind.AREA, Kind.COUNT) and not topic) or (
        not entities and topic < 2
    ):
        return None
    return entities + 0.5 * topic + (1.0 if fa.places and fa.places == fb.places else 0.0)


def _same_head(fa: Fact, fb: Fact) -> bool:
    """The same thing counted: the same head, or (money, percentages, where several head words
    can stand near a figure) the head of each among the words around the other."""
    if fa.head == fb.head:
        return True
    if fa.kind in (Kind.MONEY, Kind.PERCENT) and fa.head and fb.head:
        return fa.head in fb.heads and fb.head in fa.heads
    return False


def _same_years(fa: Fact, fb: Fact, year_a: int | None, year_b: int | None) -> bool:
    if fa.years and fb.years:
        return bool(fa.years & fb.years)
    if not fa.years and not fb.years:
        return True
    # One figure has a year, the other none: the other is taken to be of its brief's year.
    if fa.kind == Kind.PEOPLE:
        return True  # a toll is of its event, not of a year
    known, implied = (fa.years, year_b) if fa.years else (fb.years, year_a)
    return implied is not None and implied in known


def _verdict(fa: Fact, fb: Fact) -> Verdict | Literal["skip"] | None:
    """None for an agreement, "skip" for a pair not to report, else the verdict."""
    va, vb = fa.value, fb.value
    if fa.kind == Kind.DATE:
        if fa.year_inferred or fb.year_inferred:  # a guessed year: month and day decide
            return _by_month_day(month_day(fa.iso), month_day(fb.iso))
        if fa.iso == fb.iso:
            return None
        if fb.iso.startswith(fa.iso + "-"):
            return "b_more_precise"
        if fa.iso.startswith(fb.iso + "-"):
            return "a_more_precise"
        if fa.unit == "year" or fb.unit == "year":
            return "skip"
        return "conflict"
    if va.low == vb.low and va.high == vb.high:
        return None
    rounded = _rounded(fa, fb)
    if rounded:
        return rounded
    if not va.overlaps(vb):
        return "conflict"
    if vb.within(va):
        return "b_more_precise"
    if va.within(vb):
        return "a_more_precise"
    return "b_more_precise" if vb.width < va.width else "a_more_precise"


def _by_month_day(a: str, b: str) -> Verdict | Literal["skip"] | None:
    if not a or not b:
        return "skip"  # a bare year against a guessed one: nothing to say
    if a == b:
        return None
    if b.startswith(a + "-"):
        return "b_more_precise"
    if a.startswith(b + "-"):
        return "a_more_precise"
    return "conflict"


def _rounded(fa: Fact, fb: Fact) -> Verdict | None:
    """Two plain figures where the one written coarser is the other rounded ("29%" / "28.9%",
    "£1.1bn" / "£1.06bn"): consistent, the finer more precise."""
    va, vb = fa.value, fb.value
    if va.qualifier != Qualifier.EXACT or vb.qualifier != Qualifier.EXACT:
        return None
    if not fa.precision or not fb.precision or fa.precision == fb.precision:
        return None
    coarse, fine, verdict = (
        (fa, fb, "b_more_precise") if fa.precision > fb.precision else (fb, fa, "a_more_precise")
    )
    middle = (fine.value.low + fine.value.high) / 2
    centre = (coarse.value.low + coarse.value.high) / 2
    if abs(middle - centre) < coarse.precision / 2 - 1e-9 * abs(centre):
        return cast(Verdict, verdict)
    return None
