"""Anchoring: taking a note's target from a selection, and finding it again in a changed body.

Re-attachment, in order (the first that answers wins):
1. the body is the one the note was taken in and the quote is at its offsets: `position`;
2. the exact quote elsewhere (or at its offsets in a changed body), accepted only where the text
   around it agrees with the recorded prefix or suffix; the best-agreeing occurrence wins, the
   one nearest the old offsets on a tie: `context`;
3. a near quote (at most one edit in FUZZY_RATIO characters) whose context agrees closely on
   both sides: `fuzzy`;
4. otherwise the note is orphaned and keeps its quote. A look-alike passage (the same words in
   other surroundings) is never taken for the note's own.

Matching is done with every run of white space read as one space, so a re-wrapped paragraph
still matches exactly; offsets are mapped back to the real body.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_right
from collections.abc import Callable
from difflib import SequenceMatcher

from tui.core.notes import fuzzy
from tui.core.notes.model import Located, Method, Place, Target

CONTEXT_CHARS = 32
# An exact quote away from its offsets needs one side of context at least this similar.
EXACT_CONTEXT = 0.6
# A near quote needs context this similar on average, and no side below FUZZY_SIDE.
FUZZY_CONTEXT = 0.75
FUZZY_SIDE = 0.5
FUZZY_RATIO = 8
MAX_FUZZY_EDITS = 48
# Occurrences of a common quote whose context is compared in full (after a cheap first cut).
MAX_COMPARED = 64
MAX_OCCURRENCES = 5000

_SPACE = re.compile(r"\s+")


def body_sha(body: str) -> str:
    return hashlib.sha256(body.encode("utf-8", "surrogatepass")).hexdigest()


def make_target(body: str, start: int, end: int) -> Target:
    """The target of a selection [start, end) of `body`, white space at its ends left out.

    Raises ValueError for a selection with nothing but white space in it.
    """
    start, end = sorted((max(0, min(start, len(body))), max(0, min(end, len(body)))))
    while start < end and body[start].isspace():
        start += 1
    while end > start and body[end - 1].isspace():
        end -= 1
    if start == end:
        raise ValueError("the selection is empty")
    return Target(
        quote=body[start:end],
        prefix=body[max(0, start - CONTEXT_CHARS) : start],
        suffix=body[end : end + CONTEXT_CHARS],
        start=start,
        end=end,
        body_sha256=body_sha(body),
    )


class _Folded:
    """A text with each run of white space as one space, and the way back to real offsets."""

    def __init__(self, text: str) -> None:
        self.text = _SPACE.sub(" ", text)
        # For each run longer than one character: the folded offset just after it, and how
        # many characters all runs up to it removed.
        self._after: list[int] = []
        self._removed: list[int] = []
        removed = 0
        for m in _SPACE.finditer(text):
            if m.end() - m.start() > 1:
                removed += m.end() - m.start() - 1
                self._after.append(m.end() - removed)
                self._removed.append(removed)

    def real(self, offset: int) -> int:
        i = bisect_right(self._after, offset)
        return offset + (self._removed[i - 1] if i else 0)


def _similarity(expected: str, actual: str) -> float:
    if expected == actual:
        return 1.0
    return SequenceMatcher(None, expected, actual, autojunk=False).ratio()


def _sides(target: tuple[str, str], text: str, start: int, end: int) -> list[float]:
    """How similar the text around [start, end) is to the recorded prefix and suffix (a side
    with nothing recorded, at the start or end of the body, says nothing)."""
    prefix, suffix = target
    sides: list[float] = []
    if prefix:
        sides.append(_similarity(prefix, text[max(0, start - len(prefix)) : start]))
    if suffix:
        sides.append(_similarity(suffix, text[end : end + len(suffix)]))
    return sides


def _adjacent(target: tuple[str, str], text: str, start: int, end: int) -> int:
    """Characters of context that agree right next to the quote: a cheap first ranking."""
    prefix, suffix = target
    agree = 0
    before = text[max(0, start - len(prefix)) : start]
    for a, b in zip(reversed(prefix), reversed(before), strict=False):
        if a != b:
            break
        agree += 1
    for a, b in zip(suffix, text[end : end + len(suffix)], strict=False):
        if a != b:
            break
        agree += 1
    return agree


def _occurrences(text: str, quote: str) -> list[int]:
    found: list[int] = []
    at = text.find(quote)
    while at != -1 and len(found) < MAX_OCCURRENCES:
        found.append(at)
        at = text.find(quote, at + 1)
    return found


def locate(target: Target, body: str) -> Located | None:
    """Where the target's passage is in `body` now, or None: the note is orphaned."""
    if target.body_sha256 == body_sha(body) and body[target.start : target.end] == target.quote:
        return Located(target.start, target.end, "position")
    folded = _Folded(body)
    text = folded.text
    quote = _SPACE.sub(" ", target.quote).strip()
    if not quote:
        return None
    context = (_SPACE.sub(" ", target.prefix), _SPACE.sub(" ", target.suffix))

    def real(start: int, end: int) -> tuple[int, int]:
        return folded.real(start), folded.real(end - 1) + 1

    def near(span: tuple[int, int]) -> int:
        return abs(span[0] - target.start)

    starts = _occurrences(text, quote)
    if len(starts) > MAX_COMPARED:
        by_context = sorted(starts, key=lambda s: -_adjacent(context, text, s, s + len(quote)))
        by_place = sorted(starts, key=lambda s: near(real(s, s + len(quote))))
        starts = sorted(set(by_context[:MAX_COMPARED] + by_place[:8]))
    exact: list[tuple[float, int, tuple[int, int]]] = []
    for start in starts:
        end = start + len(quote)
        sides = _sides(context, text, start, end)
        if sides and max(sides) < EXACT_CONTEXT:
            continue
        span = real(start, end)
        exact.append((-(sum(sides) / len(sides) if sides else 1.0), near(span), span))
    if exact:
        _, _, (start, end) = min(exact)
        method: Method = "position" if (start, end) == (target.start, target.end) else "context"
        return Located(start, end, method)
    return _fuzzy(quote, context, text, real, near)


def _fuzzy(
    quote: str,
    context: tuple[str, str],
    text: str,
    real: Callable[[int, int], tuple[int, int]],
    near: Callable[[tuple[int, int]], int],
) -> Located | None:
    edits = min(MAX_FUZZY_EDITS, len(quote) // FUZZY_RATIO)
    if edits < 1:
        return None
    ranked: list[tuple[float, int, tuple[int, int], int]] = []
    for match in fuzzy.search(quote, text, edits):
        sides = _sides(context, text, match.start, match.end)
        if not sides or min(sides) < FUZZY_SIDE or sum(sides) / len(sides) < FUZZY_CONTEXT:
            continue
        score = (1 - match.distance / len(quote)) + sum(sides) / len(sides)
        span = _trimmed(text, match.start, match.end)
        if span is None:
            continue
        real_span = real(*span)
        ranked.append((-score, near(real_span), real_span, match.distance))
    if not ranked:
        return None
    _, _, (start, end), distance = min(ranked)
    return Located(start, end, "fuzzy", distance)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int] | None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None


# --- finding a quote someone typed --------------------------------------------------------------

_LOOSE = {
    "'": "['\u2018\u2019\u201b\u02bc\u2032]",
    '"': '["\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]',
    "-": "[-\u2010\u2011\u2012\u2013\u2014\u2212]",
}
for _char in "\u2018\u2019\u201b\u02bc\u2032":
    _LOOSE[_char] = _LOOSE["'"]
for _char in "\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb":
    _LOOSE[_char] = _LOOSE['"']
for _char in "\u2010\u2011\u2012\u2013\u2014\u2212":
    _LOOSE[_char] = _LOOSE["-"]


def find_quote(body: str, quote: str) -> list[tuple[int, int]]:
    """Where a typed quote occurs in `body`: exactly, or else with any case, any run of white
    space for white space and straight or typographic quotes and dashes alike."""
    quote = quote.strip()
    if not quote:
        return []
    exact = [(s, s + len(quote)) for s in _non_overlapping(body, quote)]
    if exact:
        return exact
    parts: list[str] = []
    for piece in re.split(r"(\s+)", quote):
        if not piece:
            continue
        if piece.isspace():
            parts.append(r"\s+")
        else:
            parts.append("".join(_LOOSE.get(c) or re.escape(c) for c in piece))
    pattern = re.compile("".join(parts), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(body)][:MAX_OCCURRENCES]


def _non_overlapping(text: str, quote: str) -> list[int]:
    found: list[int] = []
    at = text.find(quote)
    while at != -1 and len(found) < MAX_OCCURRENCES:
        found.append(at)
        at = text.find(quote, at + len(quote))
    return found


# --- places -----------------------------------------------------------------------------------


class Places:
    """Line, column and paragraph of offsets in one body (paragraphs: blocks between blank
    lines, as `Brief.paragraphs` counts them)."""

    def __init__(self, body: str) -> None:
        self._lines = [0] + [m.end() for m in re.finditer("\n", body)]
        self._paragraphs = [m.start() for m in re.finditer(r"[^\n]+(?:\n[^\n]+)*", body)]

    def of(self, offset: int) -> Place:
        line = bisect_right(self._lines, offset)
        column = offset - self._lines[line - 1] + 1
        paragraph = max(1, bisect_right(self._paragraphs, offset))
        return Place(line=line, column=column, paragraph=paragraph)
