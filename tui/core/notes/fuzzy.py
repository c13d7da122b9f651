"""Bounded approximate matching: where a pattern occurs in a text with at most k edits.

Myers' bit-parallel algorithm (1999, in Hyyrö's formulation): one pass over the text with the
pattern's columns of the edit-distance table packed into Python integers, so a 500-character
passage is matched against a window of text in well under a millisecond, with no model and no
dependency. Candidate windows come from exact pieces of the pattern (pigeonhole: with k edits
and k+1 pieces, one piece survives intact), so a long text is never scanned character by
character.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

# A piece of the pattern occurring more often than this is too common to say where to look.
MAX_PIECE_HITS = 400
# At most this many windows of text are aligned for one pattern.
MAX_WINDOWS = 200


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    distance: int  # edits (insertions, deletions, substitutions) between pattern and text


def _columns(text: str, pattern: str, *, anchored: bool) -> Iterator[int]:
    """The edit distance of `pattern` against text ending at each position (1..len(text)).

    Free start (`anchored=False`): the best match of the pattern ending there, starting
    anywhere. Anchored: the distance between the pattern and text[0:position].
    """
    m = len(pattern)
    full = (1 << m) - 1
    high = 1 << (m - 1)
    peq: dict[str, int] = {}
    for i, char in enumerate(pattern):
        peq[char] = peq.get(char, 0) | (1 << i)
    pv, mv, score = full, 0, m
    for char in text:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & high:
            score += 1
        elif mh & high:
            score -= 1
        ph = ((ph << 1) | anchored) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
        yield score


def align(pattern: str, text: str, max_distance: int) -> list[Match]:
    """The best placements of `pattern` in `text` (all with the same, smallest distance, at most
    `max_distance`), each with its own start; [] when none is that close."""
    if not pattern or not text:
        return []
    scores = list(_columns(text, pattern, anchored=False))
    best = min(scores)
    if best > max_distance:
        return []
    found: list[Match] = []
    for end in (i + 1 for i, score in enumerate(scores) if score == best):
        if found and end == found[-1].end + 1:
            continue  # the same placement, one character longer or shorter
        lo = max(0, end - len(pattern) - best)
        back = text[lo:end][::-1]
        reverse = list(_columns(back, pattern[::-1], anchored=True))
        # The start giving the smallest distance, the length nearest the pattern's on ties.
        length = min(
            range(1, len(reverse) + 1),
            key=lambda n: (reverse[n - 1], abs(n - len(pattern))),
        )
        found.append(Match(end - length, end, reverse[length - 1]))
    return found


def distance(a: str, b: str) -> int:
    """The plain edit distance between two strings."""
    if not a or not b:
        return max(len(a), len(b))
    *_, last = _columns(b, a, anchored=True)
    return last


def windows(pattern: str, text: str, max_distance: int) -> list[tuple[int, int]]:
    """Stretches of `text` where `pattern` may occur with at most `max_distance` edits, merged,
    or [] when the pattern's pieces are too common to narrow the search."""
    pieces = max_distance + 1
    size = len(pattern) // pieces
    if size < 3:
        return []
    spans: list[tuple[int, int]] = []
    for number in range(pieces):
        offset = number * size
        piece = pattern[offset : offset + size]
        at = text.find(piece)
        hits = 0
        while at != -1:
            hits += 1
            if hits > MAX_PIECE_HITS:
                break
            start = at - offset - max_distance
            spans.append((max(0, start), min(len(text), start + len(pattern) + 2 * max_distance)))
            at = text.find(piece, at + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged[:MAX_WINDOWS]


def search(pattern: str, text: str, max_distance: int) -> list[Match]:
    """Every placement of `pattern` in `text` within `max_distance` edits (the best one of each
    candidate window), in text order."""
    found: list[Match] = []
    for lo, hi in windows(pattern, text, max_distance):
        for match in align(pattern, text[lo:hi], max_distance):
            found.append(Match(lo + match.start, lo + match.end, match.distance))
    return found
