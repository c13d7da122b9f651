"""The gazetteer pass: known names, longest match first, the analyst's overlay before the data."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.entities.data import GENERIC_EVENT_WORDS, Gazetteer, Hit, Kind, TrieNode
from tui.core.entities.model import EntityType
from tui.core.entities.tokens import Span, Tok, possessive_end


@dataclass(frozen=True)
class Overlay:
    """Surface forms the analyst added (merge, split): matched before the gazetteer."""

    root: TrieNode
    types: dict[str, EntityType]


def walk(root: TrieNode, toks: Sequence[Tok], i: int) -> tuple[int, Hit] | None:
    node = root
    best: tuple[int, Hit] | None = None
    n = len(toks)
    j = i
    while j < n:
        tok = toks[j]
        if j > i and tok.line_start:
            break
        key = (" " + tok.text) if (j > i and tok.space) else tok.text
        child = node.children.get(key)
        if child is None:
            low = tok.text.lower()
            if low != tok.text and low in GENERIC_EVENT_WORDS:
                child = node.children.get((" " + low) if (j > i and tok.space) else low)
        if child is None:
            break
        node = child
        if node.hit is not None:
            best = (j + 1, node.hit)
        j += 1
    return best


def gazetteer_pass(
    toks: Sequence[Tok], gaz: Gazetteer, overlay: Overlay | None, caps_lines: set[int]
) -> list[Span]:
    spans: list[Span] = []
    n = len(toks)
    i = 0
    while i < n:
        tok = toks[i]
        if not tok.is_word:
            i += 1
            continue
        found = walk(gaz.root, toks, i)
        types: dict[str, EntityType] | None = None
        if overlay is not None:
            mine = walk(overlay.root, toks, i)
            if mine is not None and (found is None or mine[0] >= found[0]):
                found = mine
                types = overlay.types
        if found is not None:
            j, hit = found
            if not (hit.kind == Kind.CODE and tok.line in caps_lines):
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
        hit = walk(gaz.root, toks, i) if toks[i].is_word else None
        if hit is not None and gaz.entries[hit[1].entity_id].type in (
            EntityType.GPE,
            EntityType.LOC,
        ):
            j, h = hit
            found.append(Span(i, j, j, h.entity_id, gaz.entries[h.entity_id].type, h.kind))
            i = j
            continue
        i += 1
    return found
