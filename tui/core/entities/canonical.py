"""Linking mentions to one entity: acronyms defined in the text, surnames after full names,
events named by a place and a generic word, rule names over the gazetteer spans they cover."""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.entities.candidates import Segment
from tui.core.entities.cues import Cues
from tui.core.entities.data import Kind, fold, load_gazetteer, slug
from tui.core.entities.model import EntityType
from tui.core.entities.tokens import Span, Tok, possessive_end, span_text

_ORDINALS = frozenset(["first", "second", "third", "fourth", "fifth"])


def drop_covered(units: list[Span], rule_spans: list[Span]) -> None:
    """A rule name wins over the gazetteer spans inside it, except places inside an event."""
    for rule in rule_spans:
        if rule.dropped:
            continue
        for unit in units:
            if unit.dropped or unit.k <= rule.i or unit.i >= rule.k:
                continue
            inside = unit.i >= rule.i and unit.k <= rule.k
            if (
                inside
                and rule.type is EntityType.EVENT
                and unit.type in (EntityType.GPE, EntityType.LOC)
            ):
                continue
            unit.dropped = True


def acronyms(
    toks: Sequence[Tok],
    body: str,
    units: list[Span],
    rule_spans: list[Span],
    untyped: list[Segment],
) -> list[Span]:
    """Acronyms defined in the text, linked to their long form, and every later use of them."""
    gaz = load_gazetteer()
    ends: dict[int, Span] = {}
    for s in units:
        if s.k == s.j:
            ends[s.j] = s
    for s in rule_spans:
        ends[s.j] = s
    loose = {seg.j: seg for seg in untyped}
    defined: dict[str, Span] = {}
    found: list[Span] = []
    n = len(toks)
    for p, tok in enumerate(toks):
        if tok.text != "(" or p + 2 >= n or toks[p + 2].text != ")":
            continue
        acr = toks[p + 1].text
        if not _looks_acronym(acr):
            continue
        long_form = ends.get(p)
        if long_form is None and p in loose:
            seg = loose[p]
            name = span_text(body, toks, seg.i, seg.j)
            if _initials_fit(acr, name):
                long_form = Span(seg.i, seg.j, seg.j, slug(name), EntityType.ORG, name=name)
                found.append(long_form)
        if long_form is None:
            continue
        name = long_form.name or gaz.entries[long_form.entity_id].name
        long_text = span_text(body, toks, long_form.i, long_form.j)
        if not (_initials_fit(acr, long_text) or _initials_fit(acr, name)):
            continue
        defined[acr] = long_form
    if not defined:
        return found
    taken = {(s.i, s.j) for s in units if not s.dropped} | {(s.i, s.j) for s in rule_spans}
    for q, tok in enumerate(toks):
        target = defined.get(tok.text)
        if target is None:
            continue
        for s in units:
            if s.i == q and s.j == q + 1 and s.entity_id != target.entity_id:
                s.dropped = True
                taken.discard((q, q + 1))
        if (q, q + 1) in taken:
            continue
        found.append(
            Span(
                q,
                q + 1,
                possessive_end(toks, q + 1),
                target.entity_id,
                target.type,
                name=target.name,
            )
        )
    return found


def _looks_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return 2 <= len(text) <= 10 and len(letters) >= 2 and all(c.isupper() for c in letters)


def _initials_fit(acr: str, name: str) -> bool:
    """Are the acronym's letters, in order, in the name, starting with its first letter?"""
    letters = [c.lower() for c in acr if c.isalpha()]
    words = [w for w in fold(name).replace("-", " ").split() if w[:1].isupper()]
    if not words or not letters or words[0][0].lower() != letters[0]:
        return False
    text = " ".join(words).lower()
    pos = 0
    for c in letters:
        pos = text.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def surnames(
    toks: Sequence[Tok], body: str, units: list[Span], rule_spans: list[Span]
) -> list[Span]:
    """A surname alone after (or before) the full name is that person."""
    people: dict[str, tuple[str, str]] = {}
    clash: set[str] = set()
    for s in rule_spans:
        if s.type is EntityType.PERSON and s.j - s.i >= 2:
            surname = toks[s.j - 1].text
            if surname in people and people[surname][0] != s.entity_id:
                clash.add(surname)
            people[surname] = (s.entity_id, s.name)
    for surname in clash:
        people.pop(surname, None)
    if not people:
        return []
    for s in units:
        # a town named like the brief's person ("Anderson's clients" after "Greg Anderson")
        one_word = s.j - s.i == 1 and s.kind in (Kind.WEAK, Kind.NAME)
        if one_word and s.type is EntityType.GPE and toks[s.i].text in people:
            s.dropped = True
    covered = bytearray(len(toks))
    for s in units + rule_spans:
        if not s.dropped:
            for q in range(s.i, s.k):
                covered[q] = 1
    for s in rule_spans:
        # "President Macron" next to "Emmanuel Macron" is the same person
        if s.type is EntityType.PERSON and s.j - s.i == 1 and toks[s.i].text in people:
            s.entity_id, s.name = people[toks[s.i].text]
    found: list[Span] = []
    for q, tok in enumerate(toks):
        if covered[q] or tok.text not in people:
            continue
        if (
            q + 1 < len(toks)
            and toks[q + 1].is_cap
            and toks[q + 1].space
            and not toks[q + 1].line_start
        ):
            continue  # part of another capitalised name
        entity_id, name = people[tok.text]
        found.append(
            Span(q, q + 1, possessive_end(toks, q + 1), entity_id, EntityType.PERSON, name=name)
        )
    return found


def place_events(
    toks: Sequence[Tok], body: str, units: list[Span], rule_spans: list[Span], cues: Cues
) -> list[Span]:
    """Events named by a place and a generic word: "the Nagorno-Karabakh conflict",
    "conflict over Nagorno-Karabakh", "the 2008 Georgia war"."""
    covered = bytearray(len(toks))
    for s in units + rule_spans:
        if not s.dropped and s.type is EntityType.EVENT:
            for q in range(s.i, s.k):
                covered[q] = 1
    found: list[Span] = []
    n = len(toks)
    for u in units:
        if u.dropped or u.type not in (EntityType.GPE, EntityType.LOC) or covered[u.i]:
            continue
        if u.kind in (Kind.CODE, Kind.COMBINING) or u.k != u.j:
            continue
        place = span_text(body, toks, u.i, u.j)
        q = u.j
        if q < n and toks[q].text in cues.event_lower and toks[q].space and not covered[q]:
            start = u.i
            if start > 0 and (
                (toks[start - 1].text.isdigit() and len(toks[start - 1].text) == 4)
                or toks[start - 1].text.lower() in _ORDINALS
            ):
                start -= 1
            name = span_text(body, toks, start, u.i) + " " if start < u.i else ""
            name = f"{name}{place} {toks[q].text}"
            found.append(
                Span(
                    start,
                    q + 1,
                    possessive_end(toks, q + 1),
                    slug(name),
                    EntityType.EVENT,
                    name=name,
                )
            )
            continue
        # "conflict over X", "war in X"
        p = u.i - 1
        if p >= 0 and toks[p].text == "the":
            p -= 1
        if p >= 1 and toks[p].text in ("over", "in") and toks[p - 1].text in ("war", "conflict"):
            if covered[p - 1]:
                continue
            name = f"{place} {toks[p - 1].text}"
            found.append(Span(p - 1, u.j, u.j, slug(name), EntityType.EVENT, name=name))
    return found
