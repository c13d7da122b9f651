"""The gazetteer pass: known names, longest match first, the analyst's overlay before the data."""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from tui.core.entities.gazetteer import Gazetteer, Hit, Kind, PhraseTable
from tui.core.entities.model import EntityType
from tui.core.entities.text import GENERIC_EVENT_WORDS, plain_word
from tui.core.entities.tokens import Span, Tok, possessive_end

# A weak place (named like a word or a person: Reading, Bath, Lincoln) counts after one of these.
PLACE_CUES = frozenset(
    [
        "in",
        "at",
        "near",
        "from",
        "to",
        "outside",
        "around",
        "across",
        "via",
        "into",
        "towards",
        "toward",
        "between",
        "within",
        "of",
    ]
)
_PLACES = (EntityType.GPE, EntityType.LOC)


@dataclass(frozen=True)
class Overlay:
    """Surface forms the analyst added (merge, split): matched before the gazetteer."""

    table: PhraseTable
    types: dict[str, EntityType]


def walk(table: PhraseTable, toks: Sequence[Tok], i: int) -> tuple[int, Hit] | None:
    """The longest known surface starting at token i (generic event words in any case)."""
    first = toks[i].text
    longest = table.longest.get(first, 0)
    low = first.lower()
    if low != first and low in GENERIC_EVENT_WORDS:
        longest = max(longest, table.longest.get(low, 0))
    if not longest:
        return None
    exact: list[str] = []
    lowered: list[str] = []
    any_lowered = False
    for j in range(i, min(i + longest, len(toks))):
        tok = toks[j]
        if j > i and tok.line_start:
            break
        lead = " " if (j > i and tok.space) else ""
        exact.append(lead + tok.text)
        low = tok.text.lower()
        if low != tok.text and low in GENERIC_EVENT_WORDS:
            lowered.append(lead + low)
            any_lowered = True
        else:
            lowered.append(exact[-1])
    phrases = table.phrases
    for size in range(len(exact), 0, -1):
        raw = phrases.get("".join(exact[:size]))
        if raw is None and any_lowered:
            raw = phrases.get("".join(lowered[:size]))
        if raw is not None:
            return i + size, Hit(*raw)
    return None


def weak_place_ok(
    toks: Sequence[Tok], i: int, j: int, title_lines: AbstractSet[int], words: AbstractSet[str]
) -> bool:
    """A weak place counts mid-sentence, after a place cue, and not inside a longer name or
    before a plural noun it qualifies ("in Reading rooms")."""
    tok = toks[i]
    if tok.sent_start or tok.line in title_lines or i == 0:
        return False
    if j < len(toks):
        nxt = toks[j]
        if nxt.is_cap and nxt.space and not nxt.line_start:
            return False
        word = nxt.text
        if word.islower() and len(word) > 3 and word.endswith("s") and plain_word(word, words):
            return False
    return toks[i - 1].text in PLACE_CUES


def gazetteer_pass(
    toks: Sequence[Tok],
    gaz: Gazetteer,
    overlay: Overlay | None,
    caps_lines: set[int],
    title_lines: AbstractSet[int] = frozenset(),
) -> list[Span]:
    spans: list[Span] = []
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        if not tok.is_word:
            i += 1
            continue
        found = walk(gaz.table, toks, i)
        types: dict[str, EntityType] | None = None
        if overlay is not None:
            mine = walk(overlay.table, toks, i)
            if mine is not None and (found is None or mine[0] >= found[0]):
                found = mine
                types = overlay.types
        if found is not None:
            j, hit = found
            skip = hit.kind == Kind.CODE and tok.line in caps_lines
            if hit.kind == Kind.WEAK:
                skip = skip or not weak_place_ok(toks, i, j, title_lines, gaz.common_words)
            if not skip:
                if types is not None and hit.entity_id in types:
                    type_ = types[hit.entity_id]
                else:
                    type_ = gaz.entries[hit.entity_id].type
                spans.append(Span(i, j, possessive_end(toks, j), hit.entity_id, type_, hit.kind))
                if type_ is EntityType.EVENT:
                    spans.extend(_inner_places(toks[:j], i + 1, gaz))
                i = possessive_end(toks, j)
                continue
        target = gaz.combining.get(tok.text)
        if (
            target is not None
            and i + 2 < n
            and toks[i + 1].text == "-"
            and not toks[i + 1].space
            and not toks[i + 2].space
            and toks[i + 2].is_word
        ):
            spans.append(Span(i, i + 1, i + 1, target, gaz.entries[target].type, Kind.COMBINING))
        i += 1
    return spans


def _inner_places(toks: Sequence[Tok], start: int, gaz: Gazetteer) -> list[Span]:
    """Places named inside an event's name ("the second Nagorno-Karabakh war")."""
    found: list[Span] = []
    i = start
    while i < len(toks):
        hit = walk(gaz.table, toks, i) if toks[i].is_word else None
        if hit is not None and hit[1].kind != Kind.WEAK:
            j, h = hit
            type_ = gaz.entries[h.entity_id].type
            if type_ in _PLACES:
                found.append(Span(i, j, j, h.entity_id, type_, h.kind))
                i = j
                continue
        i += 1
    return found
