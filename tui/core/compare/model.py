"""The comparison's results: plain frozen dataclasses, no computation beyond lookups."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from tui.core.entities.model import EntityType, Mention

if TYPE_CHECKING:
    from tui.core.brief import Brief

Side = Literal["a", "b"]
Verdict = Literal["conflict", "a_more_precise", "b_more_precise"]

THRESHOLD = 0.08
MAX_MATCHES = 3
TOP_TERMS = 15


@dataclass(frozen=True)
class EntityRow:
    """An entity of the pair with its mention count on each side."""

    id: str
    name: str
    type: EntityType
    count_a: int
    count_b: int
    # Dates only: the other brief's dates this one contains or falls within ("September 2023" in
    # one, "19 September 2023" in the other): consistent, one more precise, so the row is in
    # Comparison.consistent_dates, not in an "only" list.
    related: tuple[str, ...] = ()

    @property
    def total(self) -> int:
        return self.count_a + self.count_b

    @property
    def side(self) -> Literal["both", "a", "b"]:
        if self.count_a and self.count_b:
            return "both"
        return "a" if self.count_a else "b"


@dataclass(frozen=True)
class Sentence:
    """A sentence of a brief: `body[start:end] == text`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Statements:
    """What each brief says about one entity: the sentences that mention it, in body order."""

    entity_id: str
    a: tuple[Sentence, ...]
    b: tuple[Sentence, ...]


@dataclass(frozen=True)
class Match:
    """A counterpart paragraph in the other brief."""

    paragraph: int  # index into the other brief's paragraph list
    start: int
    end: int
    score: float


@dataclass(frozen=True)
class ParagraphLink:
    """One paragraph of a brief and its closest paragraphs in the other, best first."""

    paragraph: int  # index into Brief.paragraphs()
    start: int
    end: int
    heading: bool  # headings are not aligned: no candidates
    candidates: tuple[Match, ...]  # the MAX_MATCHES best, whatever their score
    threshold: float

    @property
    def matches(self) -> tuple[Match, ...]:
        """The counterparts: candidates scoring at least the threshold."""
        return tuple(m for m in self.candidates if m.score >= self.threshold)

    @property
    def matched(self) -> bool:
        return bool(self.candidates) and self.candidates[0].score >= self.threshold

    @property
    def best(self) -> float:
        return self.candidates[0].score if self.candidates else 0.0


@dataclass(frozen=True)
class Alignment:
    """Paragraph links both ways: a_to_b[i] is paragraph i of A, b_to_a[j] paragraph j of B."""

    a_to_b: tuple[ParagraphLink, ...]
    b_to_a: tuple[ParagraphLink, ...]
    threshold: float
    # The counterparts that keep both briefs' order (i and j increasing), heaviest such chain:
    # what synchronised scrolling follows, like the common lines of a diff.
    path: tuple[tuple[int, int], ...] = ()
    # (offset in A, offset in B) points, increasing in both, from `path` and the two ends.
    anchors: tuple[tuple[int, int], ...] = ((0, 0),)

    def links(self, side: Side) -> tuple[ParagraphLink, ...]:
        return self.a_to_b if side == "a" else self.b_to_a

    def paragraph_at(self, side: Side, offset: int) -> ParagraphLink | None:
        """The paragraph of `side` that holds `offset`, or the next one after it (between two
        paragraphs, the one the reader is about to see)."""
        links = self.links(side)
        i = bisect_right([link.end for link in links], offset)
        return links[i] if i < len(links) else None

    def counterpart(self, side: Side, offset: int) -> Match | None:
        """The best counterpart, in the other brief, of the paragraph of `side` at `offset`."""
        link = self.paragraph_at(side, offset)
        return link.matches[0] if link and link.matches else None

    def pairs(self) -> list[tuple[ParagraphLink, Match]]:
        """Every (paragraph of A, counterpart in B) above the threshold, in A's order."""
        return [(link, match) for link in self.a_to_b for match in link.matches]

    def sync(self, side: Side, offset: int) -> int:
        """The offset of the other brief to show beside `offset` of `side` when scrolling in step:
        aligned paragraphs face each other, the text between them is spread evenly."""
        here, there = (0, 1) if side == "a" else (1, 0)
        points = self.anchors
        keys = [point[here] for point in points]
        i = bisect_right(keys, offset) - 1
        if i < 0:
            return points[0][there]
        if i >= len(points) - 1:
            return points[-1][there]
        (x0, y0), (x1, y1) = (
            (points[i][here], points[i][there]),
            (
                points[i + 1][here],
                points[i + 1][there],
            ),
        )
        if x1 == x0:
            return y0
        return y0 + (offset - x0) * (y1 - y0) // (x1 - x0)


@dataclass(frozen=True)
class DistinctiveTerm:
    """A word or entity and how much more one brief uses it (z > 0 favours A)."""

    key: str  # stem or entity id
    label: str  # what to show: the most frequent surface form, or the entity's name
    count_a: int
    count_b: int
    z: float


@dataclass(frozen=True)
class Distinctive:
    """Top terms each way, strongest first."""

    words_a: tuple[DistinctiveTerm, ...]
    words_b: tuple[DistinctiveTerm, ...]
    entities_a: tuple[DistinctiveTerm, ...]
    entities_b: tuple[DistinctiveTerm, ...]


@dataclass(frozen=True)
class Comparison:
    """Everything the compare screen and the export show about a pair of briefs."""

    a: Brief
    b: Brief
    shared: tuple[EntityRow, ...]  # most mentioned first, names before dates
    only_a: tuple[EntityRow, ...]
    only_b: tuple[EntityRow, ...]
    mentions_a: tuple[Mention, ...]  # sorted by offset, for highlighting
    mentions_b: tuple[Mention, ...]
    statements: Mapping[str, Statements] = field(hash=False)  # every entity of either brief
    alignment: Alignment
    distinctive: Distinctive
    disagreements: Disagreements = field(default_factory=lambda: Disagreements(), hash=False)
    # Dates one brief tells more precisely than the other (rows with `related`).
    consistent_dates: tuple[EntityRow, ...] = ()

    def entity(self, entity_id: str) -> EntityRow | None:
        for row in (*self.shared, *self.only_a, *self.only_b, *self.consistent_dates):
            if row.id == entity_id:
                return row
        return None

    def says(self, entity_id: str) -> Statements:
        """The sentences of A and of B that mention the entity (empty when neither does)."""
        return self.statements.get(entity_id) or Statements(entity_id, (), ())


@dataclass(frozen=True)
class FactSide:
    """One brief's side of a flag: the value as written and normalised, where, in what sentence."""

    value: str  # as written: "at least 200", "$9.4bn", "19 September"
    shown: str  # normalised: "≥ 200", "USD 9,400,000,000", "2023-09-19"
    start: int  # the value in the body: body[start:end] == value
    end: int
    sentence: Sentence

    @property
    def span_in_sentence(self) -> tuple[int, int]:
        """The value's offsets inside `sentence.text` (for highlighting it there)."""
        return self.start - self.sentence.start, self.end - self.sentence.start


@dataclass(frozen=True)
class Disagreement:
    """Two facts about the same thing whose values differ: a conflict (the values exclude each
    other) or consistent with one side more precise ("September 2023" / "19 September 2023",
    "at least 200" / "250"). `key` is stable across runs and swaps of A and B: labels use it."""

    key: str
    kind: str  # people, money, percent, distance, area, count, date
    about: str  # "people killed", "price (USD)", "date of offensive"
    verdict: Verdict
    a: FactSide
    b: FactSide

    @property
    def conflict(self) -> bool:
        return self.verdict == "conflict"

    def side(self, side: Side) -> FactSide:
        return self.a if side == "a" else self.b


@dataclass(frozen=True)
class Agreement:
    """Two facts about the same thing with the same value (not flagged; counted)."""

    kind: str
    about: str
    a: FactSide
    b: FactSide


@dataclass(frozen=True)
class Disagreements:
    """The flags of a pair, in A's order, and what was compared to find them."""

    flags: tuple[Disagreement, ...] = ()
    agreements: tuple[Agreement, ...] = ()
    facts_a: int = 0
    facts_b: int = 0

    @property
    def conflicts(self) -> tuple[Disagreement, ...]:
        return tuple(f for f in self.flags if f.conflict)

    @property
    def consistent(self) -> tuple[Disagreement, ...]:
        return tuple(f for f in self.flags if not f.conflict)

    def get(self, key: str) -> Disagreement | None:
        return next((f for f in self.flags if f.key == key), None)
