"""One sentence as the fact rules see it: its words with offsets and stems, the entities it names,
the years it ties figures to, and the window of words around a figure (its clause)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from tui.core.compare_text import STOP_WORDS, stem
from tui.core.entities.model import EntityType, Mention

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*|\d[\d,.]*")
# A clause ends at these: a figure's words do not reach across them.
_CLAUSE_BREAK = re.compile(r"[;:—–]| - ")
_PLACE_TYPES = (EntityType.GPE, EntityType.LOC, EntityType.FAC)
_CALENDAR = frozenset(
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
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
    ]
)
WINDOW = 7  # words each side of a figure that can say what it counts


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str  # as written
    lower: str
    key: str  # Porter stem of the lower-case word


@dataclass
class SentenceView:
    body: str
    start: int
    end: int
    mentions: Sequence[Mention]
    words: list[Word] = field(default_factory=list)
    breaks: list[int] = field(default_factory=list)  # offsets of clause breaks

    def __post_init__(self) -> None:
        text = self.body[self.start : self.end]
        for m in _WORD.finditer(text):
            word = m.group()
            lower = word.lower().replace("’", "'")
            if lower.endswith("'s"):
                lower = lower[:-2]
            self.words.append(
                Word(self.start + m.start(), self.start + m.end(), word, lower, stem(lower))
            )
        self.breaks = [self.start + m.start() for m in _CLAUSE_BREAK.finditer(text)]

    @property
    def entities(self) -> frozenset[str]:
        """Canonical ids of the entities named, and ("~name") the capitalised words inside the
        sentence that no mention covers: names the entity layer does not know still anchor."""
        ids = {m.entity_id for m in self.mentions if m.type != EntityType.DATE}
        covered = [(m.start, m.end) for m in self.mentions]
        for w in self.words[1:]:
            if (
                w.text[:1].isupper()
                and len(w.lower) > 2
                and w.lower not in STOP_WORDS
                and w.lower not in _CALENDAR
                and not any(s <= w.start < e for s, e in covered)
            ):
                ids.add("~" + w.lower)
        return frozenset(ids)

    def window(self, start: int, end: int, width: int = WINDOW) -> tuple[int, int]:
        """The span of the figure's window: its clause, `width` content words each way."""
        before, after = self.around(start, end, width)
        return (before[-1].start if before else start, after[-1].end if after else end)

    def clause(self, start: int, end: int) -> tuple[int, int]:
        """The span between the clause breaks around [start, end)."""
        lo = max((b for b in self.breaks if b < start), default=self.start)
        hi = min((b for b in self.breaks if b >= end), default=self.end)
        return lo, hi

    def index_at(self, offset: int) -> int:
        """Index of the first word starting at or after `offset`."""
        for i, w in enumerate(self.words):
            if w.start >= offset:
                return i
        return len(self.words)

    def around(self, start: int, end: int, width: int = WINDOW) -> tuple[list[Word], list[Word]]:
        """The words before (nearest first) and after a figure, within its clause and `width`
        content words each way."""
        lo, hi = self.clause(start, end)
        before = [w for w in self.words if lo <= w.start and w.end <= start]
        after = [w for w in self.words if w.start >= end and w.end <= hi]
        return _content(before[::-1], width), _content(after, width)

    def nearest(
        self, start: int, end: int, table: Mapping[str, str], width: int = WINDOW
    ) -> tuple[str, int] | None:
        """The class, in `table`, of the word nearest the figure (after wins a tie), and its
        distance in words."""
        before, after = self.around(start, end, width)
        best: tuple[int, int, str] | None = None
        for side, words in ((1, before), (0, after)):
            for distance, w in enumerate(words):
                name = table.get(w.lower) or table.get(w.key)
                if name and (best is None or (distance, side) < best[:2]):
                    best = (distance, side, name)
                    break
        return (best[2], best[0]) if best else None

    def classes(
        self, start: int, end: int, table: Mapping[str, str], width: int = WINDOW
    ) -> frozenset[str]:
        """Every class, in `table`, of the words around the figure."""
        before, after = self.around(start, end, width)
        return frozenset(
            name for w in (*before, *after) if (name := table.get(w.lower) or table.get(w.key))
        )

    def places_near(self, start: int, end: int) -> frozenset[str]:
        lo, hi = self.clause(start, end)
        return frozenset(
            m.entity_id
            for m in self.mentions
            if m.type in _PLACE_TYPES and lo <= m.start and m.end <= hi
        )

    def topic(self, start: int, end: int) -> frozenset[str]:
        before, after = self.around(start, end)
        return frozenset(
            w.key for w in (*before, *after) if not w.lower[:1].isdigit() and len(w.lower) > 2
        )


def _content(words: list[Word], width: int) -> list[Word]:
    out = []
    for w in words:
        if w.lower in STOP_WORDS:
            continue
        out.append(w)
        if len(out) >= width:
            break
    return out
