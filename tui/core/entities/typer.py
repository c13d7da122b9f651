"""Typing candidate segments by cues, and joining them again where a cue spans a connector."""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.entities.candidates import INNER_CONNECTORS, NAME_PARTICLES, Segment
from tui.core.entities.cues import Cues
from tui.core.entities.gazetteer import Kind
from tui.core.entities.model import EntityType
from tui.core.entities.text import plain_word
from tui.core.entities.tokens import Tok, span_text

_PLACES = (EntityType.GPE, EntityType.LOC)
_PLACE_KINDS = (Kind.NAME, Kind.WEAK, Kind.CAPITAL)
_PLACE_NOUNS = frozenset(
    ["city", "town", "village", "port", "region", "province", "district", "capital"]
)


def type_segment(
    seg: Segment, toks: Sequence[Tok], body: str, cues: Cues, after_run: int, alone: bool
) -> None:
    items = seg.items
    if len(items) == 1 and items[0].span is not None:
        seg.gaz = True
        return
    words = [toks[it.i].text for it in items]
    last = toks[items[-1].j - 1].text
    n_tok = sum(it.j - it.i for it in items)
    plain = all(it.span is None for it in items)
    text = span_text(body, toks, seg.i, seg.j).casefold()
    if text in cues.stop_phrases or all(w.casefold() in cues.stop_words for w in words):
        return
    tail = items[-1].span
    # a head word the gazetteer also knows as a town ("Carter Center", Centre being a region)
    town_tail = tail is not None and tail.type is EntityType.GPE and tail.j - tail.i == 1
    if len(items) >= 2 and (tail is None or (town_tail and tail.kind in _PLACE_KINDS)):
        for heads, type_ in (
            (cues.event_head, EntityType.EVENT),
            (cues.org_head, EntityType.ORG),
            (cues.fac_head, EntityType.FAC),
            (cues.loc_head, EntityType.LOC),
            (cues.gpe_head, EntityType.GPE),
        ):
            if last in heads:
                seg.type, seg.by_head = type_, True
                return
    if len(items) >= 2 and items[0].span is None:
        # "Lake Sevan", "Mount Ararat"; not "Sea Power" (a plain word after the prefix)
        if words[0] in cues.loc_prefix and not plain_word(words[1], cues.words):
            seg.type = EntityType.LOC
            return
        if words[0] in cues.articles and plain:
            seg.type = EntityType.ORG  # "Le Monde", "Der Spiegel"
            return
        if words[0] == "Operation":
            seg.type = EntityType.EVENT
            return
    if not plain:
        _type_mixed(seg, toks, cues)
        return
    if n_tok > 5:
        return
    if any(w.casefold() in cues.stop_words or w in cues.openers for w in words):
        return
    if seg.i >= 2 and toks[seg.i - 1].text == "of" and toks[seg.i - 2].text in _PLACE_NOUNS:
        seg.type = EntityType.GPE  # "the port of Aktau", "the city of Shusha"
        return
    person = seg.person_cue
    if len(items) >= 2:
        person = person or words[0] in cues.given or words[0] in cues.surname_first
        person = person or (len(items) <= 3 and last.lower().endswith(cues.surname_endings))
        person = person or (len(items) <= 3 and _surname_like(seg, toks, cues))
        if not person and alone and after_run < len(toks) and len(items) <= 3:
            nxt = toks[after_run]
            if nxt.text == "," and after_run + 1 < len(toks):
                nxt = toks[after_run + 1]
            person = nxt.text in cues.person_after
    if person:
        seg.type = EntityType.PERSON
    elif seg.org_cue and len(items) >= 2:
        seg.type = EntityType.ORG


def _surname_like(seg: Segment, toks: Sequence[Tok], cues: Cues) -> bool:
    """A name ending like a surname: "McManus", "MacLeod", "O'Carroll", or a frequent surname
    after a first word that is no plain English word ("JP McManus", "Mark Longden")."""
    item = seg.items[-1]
    parts = [t.text for t in toks[item.i : item.j]]
    last = parts[-1]
    if parts[:2] == ["O", "'"] and len(parts) == 3:
        return True
    if (last[:2] == "Mc" and last[2:3].isupper()) or (last[:3] == "Mac" and last[3:4].isupper()):
        return True
    first = toks[seg.items[0].i].text
    return (
        last in cues.surnames
        and not plain_word(last, cues.words)
        and not plain_word(first, cues.words)
    )


def _type_mixed(seg: Segment, toks: Sequence[Tok], cues: Cues) -> None:
    """A segment that holds gazetteer spans and plain words: a place followed by a name is an
    organisation ("Manchester United", "Tampa Bay Buccaneers"); a given name followed by a
    town's name is a person ("James Valente", "Greg Anderson")."""
    items = seg.items
    if len(items) < 2 or len(items) > 4:
        return
    first, rest = items[0], items[1:]
    words = [toks[it.i].text for it in items]
    if any(w in cues.openers for w in words[1:]):
        return
    span = first.span
    if (
        span is not None
        and span.type is EntityType.GPE
        and span.kind in _PLACE_KINDS
        and not first.possessive
        and all(it.span is None for it in rest)
    ):
        seg.type = EntityType.ORG
        return
    towns = [it.span for it in rest if it.span is not None]
    if (
        first.span is None
        and words[0] in cues.given
        and len(items) <= 3
        and all(
            s.type is EntityType.GPE and s.kind in _PLACE_KINDS and s.j - s.i == 1 for s in towns
        )
    ):
        seg.type = EntityType.PERSON
        for it in rest:
            it.span = None


def merge_segments(
    parts: list[tuple[Segment, list[str]]], toks: Sequence[Tok], cues: Cues
) -> list[Segment]:
    """Join segments again where a cue spans a connector: "Ministry of Foreign Affairs",
    "Information and Press Department", "Office of the Human Rights Defender",
    "Mohammed bin Salman"."""
    out: list[Segment] = []
    for seg, join in parts:
        prev = out[-1] if out else None
        if prev is not None and join and prev.k == prev.j:
            head = join[0]
            first_word = toks[prev.items[0].i].text
            single_prefix = len(prev.items) == 1 and prev.items[0].span is None
            extends = prev.by_head or (single_prefix and first_word in cues.org_prefix)
            if head in ("of", "for") and seg.type is None and not seg.gaz and extends:
                prev.items.extend(seg.items)
                prev.type = prev.type or EntityType.ORG
                prev.by_head = prev.extended = True
                continue
            # "Ministry of Trade and Industry", "Institute for Defense and Security Research"
            if head == "and" and prev.extended and seg.type is None and not seg.gaz:
                prev.items.extend(seg.items)
                continue
            if head == "of" and single_prefix and not seg.by_head:
                if first_word in cues.org_prefix:
                    prev.items.extend(seg.items)
                    prev.type, prev.by_head, prev.extended = EntityType.ORG, True, True
                    continue
                if first_word in cues.event_prefix:
                    prev.items.extend(seg.items)
                    prev.type, prev.by_head = EntityType.EVENT, True
                    continue
                if first_word in cues.loc_prefix:
                    prev.items.extend(seg.items)
                    prev.type = EntityType.LOC
                    continue
            if join == ["&"] and not prev.gaz and not seg.gaz:
                prev.items.extend(seg.items)  # "Ernst & Young", "Marks & Spencer"
                prev.type, prev.by_head = EntityType.ORG, True
                continue
            joins_org = seg.by_head and seg.type in (EntityType.ORG, EntityType.FAC)
            if join in (["and"], ["&"]) and joins_org and prev.type is None and not prev.gaz:
                seg.items = prev.items + seg.items
                out[-1] = seg
                continue
            inner = head in INNER_CONNECTORS or head in NAME_PARTICLES
            if inner and not prev.gaz and not seg.gaz and prev.type in (None, EntityType.PERSON):
                prev.items.extend(seg.items)
                if prev.type is None and seg.type is EntityType.PERSON:
                    prev.type = EntityType.PERSON
                continue
        out.append(seg)
    return out
