"""Quantities in a sentence and what they count: people killed, money with its currency,
percentages, distances and areas, counted things ("3,000 jobs"), with their qualifiers."""

from __future__ import annotations

import re

from tui.core.compare_text import STOP_WORDS, stem
from tui.core.facts import lexicon
from tui.core.facts.context import SentenceView, Word
from tui.core.facts.model import Fact, Kind, Qualifier, Value, qualified
from tui.core.facts.numbers import SCALES, Number, find_numbers

_QUALIFIERS = [
    (Qualifier.AT_LEAST, r"at least|more than|over|upwards of|in excess of|no fewer than|"
     r"no less than|above|exceeds?|exceeding|topped|a minimum of"),
    (Qualifier.AT_MOST, r"up to|fewer than|less than|under|as many as|no more than|at most|"
     r"below|a maximum of|as much as"),
    (Qualifier.NEARLY, r"nearly|almost|close to|just under|just short of"),
    (Qualifier.ABOUT, r"about|around|approximately|roughly|some|an estimated|estimated|"
     r"approx\.?|circa|c\.|or so|perhaps|maybe|reportedly"),
]  # fmt: skip
_QUALIFIER_BEFORE = [
    (q, re.compile(rf"(?<![\w])(?:{words})[ \t]+(?:an?[ \t]+)?(?:reported[ \t]+)?$", re.I))
    for q, words in _QUALIFIERS
]
_CURRENCY_BEFORE = re.compile(r"(US\$|\$|€|£|¥|₽|\b(?:USD|EUR|GBP|JPY|RUB|CHF|AZN|AMD))\s?$")
_PERCENT_AFTER = re.compile(r"\s?(%|per ?cent\b|percent\b|percentage points?\b|pc\b)", re.I)
_DISTANCE_AFTER = re.compile(
    r"[ \t-]?(?P<area>square kilomet(?:re|er)s?|sq\.? ?km|km2|km²|square miles?|hectares?)"
    r"|[ \t-]?(?P<dist>km|kilomet(?:re|er)s?|miles?|met(?:re|er)s?)\b",
    re.I,
)
_RANGE = re.compile(r"^\s*(?:-|–|to|and)\s*$")
_BETWEEN = re.compile(r"(?:between|from)\s+$", re.I)
_PRIOR = re.compile(
    r"(?:up from|down from|compared (?:with|to)|against|from|versus|vs\.?|previously|last)\s+"
    r"(?:\S+\s+)?$",
    re.I,
)
_DAY_NAME = r"(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAY_AFTER = re.compile(rf"\s+(?:\w+\s+)?on\s+{_DAY_NAME}\b")
_WEEKDAY_BEFORE = re.compile(rf"\b{_DAY_NAME}['’]s\s+$")
_HYPHEN_WORD = re.compile(r"-[A-Za-z]")  # "24-hour": a modifier, not a count
_PER_SCALE = {"miles": 1.609344, "mile": 1.609344, "metres": 0.001, "meters": 0.001}


def quantities(
    view: SentenceView, dates: list[tuple[int, int]], years: list[tuple[int, int]]
) -> list[Fact]:
    """The sentence's quantities; `dates` are spans already taken by dates, `years` the
    (offset, year) of each year it names."""
    body = view.body
    numbers = [
        n
        for n in find_numbers(body, view.start, view.end)
        if not any(s < n.end and n.start < e for s, e in dates)
    ]
    out: list[Fact] = []
    skip = set()
    for i, n in enumerate(numbers):
        if i in skip or _HYPHEN_WORD.match(body, n.end):
            continue
        written = body[n.start : n.end]
        year_like = n.digits and "," not in written and not n.scale_word
        if (
            year_like
            and 1900 <= n.value <= 2099
            and not _CURRENCY_BEFORE.search(body, max(0, n.start - 5), n.start)
        ):
            continue  # a year
        start, end = n.start, n.end
        value: Value | None = None
        # A range: "200-300", "between 200 and 300", "from 10 to 12".
        if i + 1 < len(numbers) and _RANGE.match(body[n.end : numbers[i + 1].start]):
            m = numbers[i + 1]
            if m.value >= n.value > 0 and (
                n.scale_word or not m.scale_word or m.value < 1e3 * n.value
            ):
                low = n.value
                if m.scale_word and not n.scale_word and n.value < m.value / 1e2:
                    low = n.value * _scale_of(m)  # "2 to 3 million"
                value = Value(low, m.value, Qualifier.RANGE)
                end = m.end
                skip.add(i + 1)
        fact = _classify(view, n, start, end, value, years)
        if fact is not None:
            out.append(fact)
    return out


def _precision(n: Number) -> float:
    """One unit of the figure's last written digit (0 for an estimate: its interval says)."""
    if n.low is not None or not n.digits:
        return 0.0
    return n.step or SCALES.get(n.scale_word, 1.0)


def _scale_of(n: Number) -> float:
    return SCALES.get(n.scale_word, 1.0)


def _qualifier(body: str, start: int) -> tuple[Qualifier, int]:
    head = body[max(0, start - 30) : start]
    for qualifier, pattern in _QUALIFIER_BEFORE:
        m = pattern.search(head)
        if m:
            return qualifier, start - (len(head) - m.start())
    return Qualifier.EXACT, start


def _classify(
    view: SentenceView,
    n: Number,
    start: int,
    end: int,
    value: Value | None,
    years: list[tuple[int, int]],
) -> Fact | None:
    body = view.body
    currency = _CURRENCY_BEFORE.search(body, max(view.start, start - 5), start)
    number_start = start
    if currency:
        start = currency.start()
    qualifier, qstart = _qualifier(body, start)
    if value is None:
        if n.low is not None and n.high is not None:
            value = Value(n.low, n.high, Qualifier.ESTIMATE)
        else:
            value = qualified(n.value, qualifier, n.step)
    elif qualifier != Qualifier.EXACT:
        value = (
            qualified(value.low, qualifier)
            if qualifier != Qualifier.AT_MOST
            else qualified(value.high, qualifier)
        )
    kind: Kind
    unit = ""
    after = body[end : view.end]
    if currency:
        kind, unit = (
            Kind.MONEY,
            lexicon.CURRENCY_SYMBOLS.get(currency.group(1).lower()) or currency.group(1).upper(),
        )
    else:
        word = re.match(r"\s+([A-Za-z]+)", after)
        code = word and lexicon.CURRENCY_WORDS.get(word.group(1).lower())
        pct = _PERCENT_AFTER.match(after)
        dist = _DISTANCE_AFTER.match(after)
        if code:
            kind, unit = Kind.MONEY, code
            end += word.end()  # type: ignore[union-attr]
        elif pct:
            kind, unit = Kind.PERCENT, "pp" if "point" in pct.group(1).lower() else "%"
            end += pct.end()
        elif dist and n.scale_word not in ("m",):
            word_unit = (dist.group("area") or dist.group("dist")).lower()
            end += dist.end()
            if dist.group("area"):
                factor = (
                    0.01
                    if word_unit.startswith("hectare")
                    else (2.589988 if "mile" in word_unit else 1.0)
                )
                kind, unit = Kind.AREA, "km2"
            else:
                factor = (
                    _PER_SCALE.get(word_unit.rstrip("s") + "s", 1.0)
                    if not word_unit.startswith("k")
                    else 1.0
                )
                kind, unit = Kind.DISTANCE, "km"
            value = Value(value.low * factor, value.high * factor, value.qualifier)
        else:
            return _counted(view, n, qstart, end, value, years, number_start)
    return _fact(view, kind, unit, value, qstart, end, years, precision=_precision(n))


def _fact(
    view: SentenceView,
    kind: Kind,
    unit: str,
    value: Value,
    start: int,
    end: int,
    years: list[tuple[int, int]],
    head: str = "",
    group: str = "",
    precision: float = 0.0,
) -> Fact:
    heads: frozenset[str] = frozenset()
    if not head:
        table = {Kind.MONEY: lexicon.money_heads(), Kind.PERCENT: lexicon.percent_heads()}.get(kind)
        found = view.nearest(start, end, table) if table else None
        head = found[0] if found else ""
        heads = view.classes(start, end, table) if table else frozenset()
        if kind == Kind.PERCENT:
            direction = view.nearest(start, end, lexicon.directions(), width=4)
            if direction:
                group = direction[0]
    scope = view.nearest(start, end, _SCOPES, width=5)
    return Fact(
        kind=kind,
        unit=unit,
        head=head,
        value=value,
        text=view.body[start:end],
        start=start,
        end=end,
        sentence=(view.start, view.end),
        group=group,
        scope=scope[0] if scope else "",
        entities=view.entities,
        places=view.places_near(start, end),
        topic=view.topic(start, end),
        years=_years_of(view, start, end, years),
        period=_period(view, start, end),
        precision=precision,
        heads=heads,
    )


_SCOPES = {w: "part" for w in lexicon.PART_SCOPE} | {w: "whole" for w in lexicon.WHOLE_SCOPE}


def _counted(
    view: SentenceView,
    n: Number,
    start: int,
    end: int,
    value: Value,
    years: list[tuple[int, int]],
    number_start: int,
) -> Fact | None:
    """People or things counted: the noun after the number ("400 wounded persons", "10 confirmed
    civilian deaths", "3,000 jobs", "hundreds of demonstrators"), or the event just before it
    ("killing 200", "a death toll of 200")."""
    people, events = lexicon.people(), lexicon.events()
    following = _following(view, n.end)
    # The first word that names people or a toll, within a few words: the words before it are
    # its modifiers ("confirmed civilian", "Azerbaijani").
    for k, w in enumerate(following):
        group = people.get(w.lower) or people.get(w.key)
        event = events.get(w.lower)
        toll = event in _TOLLS and w.lower.endswith(("s", "dead", "wounded", "injured"))
        if not (group or toll):
            continue
        modifiers = following[:k]
        for m in modifiers:
            event = event or events.get(m.lower)
            named = people.get(m.lower) or people.get(m.key)
            if named and (not group or group == "people"):
                group = named
        last = w
        for later in following[k + 1 :]:  # "civilian deaths", "wounded persons"
            more_group = people.get(later.lower) or people.get(later.key)
            more_event = events.get(later.lower)
            if not (more_group or more_event in _TOLLS):
                break
            if more_group and (not group or group == "people"):
                group = more_group
            event = event or more_event or ""
            last = later
        if not event:
            found = view.nearest(number_start, end, _PEOPLE_EVENTS)
            event = found[0] if found else ""
        if group == "refugee" and not event:
            event = "displaced"
        group = group or "people"
        return _fact(
            view, Kind.PEOPLE, "people", value, start, last.end, years, event, group, _precision(n)
        )
    if not following:
        before = _event_after(view, end) or _event_before(view, start)
        if before:
            return _fact(
                view,
                Kind.PEOPLE,
                "people",
                value,
                start,
                end,
                years,
                before,
                "people",
                _precision(n),
            )
        return None
    noun = following[0]
    if (
        (not n.digits and n.low is None and n.value < 10)
        or not _plural_noun(noun.lower)
        or noun.text[:1].isupper()
    ):
        return None
    found = view.nearest(number_start, end, events)
    head = found[0] if found and found[0] in ("cut", "created", "employed") else ""
    unit = stem(noun.lower)
    return _fact(
        view, Kind.COUNT, unit, value, start, noun.end, years, head, noun.lower, _precision(n)
    )


_TOLLS = ("killed", "wounded", "casualties", "missing")
_LINK = re.compile(r"^[ \t]*(?:of[ \t]+|-[ \t]*)?$")
_EVENT_GAP = re.compile(
    r"(?:^|[ \t])(?:of|to|at|reached|stood at|rose to|climbed to|is|was|now|totall?ed)?[ \t]*$"
)


def _following(view: SentenceView, offset: int) -> list[Word]:
    """Up to four words right after a number, joined by spaces (or "of": "hundreds of")."""
    out: list[Word] = []
    for w in view.words[view.index_at(offset) : view.index_at(offset) + 4]:
        gap = view.body[(out[-1].end if out else offset) : w.start]
        if not _LINK.match(gap) or (w.lower in STOP_WORDS and w.lower != "of"):
            break
        out.append(w)
    return out


def _event_before(view: SentenceView, start: int) -> str:
    """An event verb or toll right before the figure, maybe through a few linking words:
    "killing 200", "a death toll of 200", "the toll rose to 200"."""
    before = [w for w in view.words if w.end <= start and w.start >= view.start]
    for w in before[::-1][:4]:
        event = _PEOPLE_EVENTS.get(w.lower)
        if event in _PEOPLE_TOLLS:
            return event
        if w.lower not in _LINK_WORDS:
            return ""
    return ""


def _event_after(view: SentenceView, end: int) -> str:
    """A passive event right after a bare figure: "20,000 had been displaced", "200 were
    killed"."""
    m = _PASSIVE.match(view.body, end)
    event = _PEOPLE_EVENTS.get(m.group(1).lower()) if m else None
    return event if event in _PEOPLE_TOLLS else ""


_LINK_WORDS = frozenset(
    [
        "of",
        "to",
        "at",
        "reached",
        "stood",
        "rose",
        "climbed",
        "risen",
        "is",
        "was",
        "now",
        "has",
        "had",
    ]
)
_PEOPLE_TOLLS = ("killed", "wounded", "casualties", "displaced", "evacuated", "detained")
_PASSIVE = re.compile(
    r"\s+(?:more\s+|others\s+)?(?:were|was|are|is|have|had|has)\s+(?:been\s+|also\s+)?"
    r"([a-z]+)"
)
# For people, losing is dying ("lost 20 soldiers", "losses of 12"); for jobs it is a cut.
_PEOPLE_EVENTS = lexicon.events() | {"lost": "killed", "losses": "killed", "lose": "killed"}


def _plural_noun(word: str) -> bool:
    return (
        len(word) > 3
        and word.isalpha()
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is"))
        and word not in STOP_WORDS
    )


def _years_of(
    view: SentenceView, start: int, end: int, years: list[tuple[int, int]]
) -> frozenset[int]:
    """The year a figure is tied to: the nearest year in its clause (a figure "up from" an earlier
    one belongs to the year after "from", which is the nearest too)."""
    lo, hi = view.window(start, end)
    near = [(abs(offset - start), year) for offset, year in years if lo <= offset < hi]
    if not near:
        return frozenset()
    return frozenset({min(near)[1]})


def _period(view: SentenceView, start: int, end: int) -> str:
    lo, hi = view.clause(start, end)
    text = view.body[lo:hi].lower()
    if _PRIOR.search(view.body[max(lo, start - 30) : start]):
        return "prior"
    day = _WEEKDAY_AFTER.match(view.body, end) or _WEEKDAY_BEFORE.search(
        view.body, max(lo, start - 20), start
    )
    if day:
        return day.group(1).lower()  # "Monday's 4% gain" is not "1.2% on Tuesday"
    for phrase, name in lexicon.PERIODS.items():
        if re.search(rf"\b{phrase}\b", text):
            return name
    return ""
