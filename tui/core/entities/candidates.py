"""Candidate names the gazetteer lacks: capitalised runs, cut at titles and connectors."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from functools import cache

from tui.core.entities.cues import Cues
from tui.core.entities.gazetteer import Kind
from tui.core.entities.model import EntityType
from tui.core.entities.text import plain_word
from tui.core.entities.tokens import ABBREVIATIONS, Span, Tok, possessive_end

NAME_PARTICLES = frozenset(["al", "el", "ad", "as", "ash", "an", "ar", "ud", "ul"])
INNER_CONNECTORS = frozenset(
    [
        "de",
        "la",
        "le",
        "du",
        "des",
        "da",
        "do",
        "dos",
        "del",
        "von",
        "van",
        "der",
        "den",
        "bin",
        "ibn",
        "ben",
        "y",
    ]
)


@dataclass
class Item:
    """One step of a run: a gazetteer span or a single token."""

    i: int
    j: int  # end of the name (before a possessive)
    k: int  # end including the possessive
    span: Span | None = None

    @property
    def possessive(self) -> bool:
        return self.k > self.j


@dataclass
class Segment:
    items: list[Item]
    person_cue: bool = False
    type: EntityType | None = None
    by_head: bool = False  # typed by its last word (Ministry, Corridor, War)
    by_prefix: bool = False  # typed by its first word followed by "of" (Office of ...)
    gaz: bool = False  # exactly one gazetteer span
    extended: bool = False  # grew across "of"/"for" ("Institute for National Defense")
    org_cue: bool = False  # opens with a title word that is part of the name ("General Motors")
    fragment: bool = False  # one of the pieces of a run cut at a connector ("Book of the Year")

    @property
    def i(self) -> int:
        return self.items[0].i

    @property
    def j(self) -> int:
        return self.items[-1].j

    @property
    def k(self) -> int:
        return self.items[-1].k


@dataclass
class Run:
    """Capitalised items with the connectors between them (connector token lists)."""

    items: list[Item] = field(default_factory=list)
    joins: list[list[str]] = field(default_factory=list)  # joins[n]: between items n and n+1


def run_items(toks: Sequence[Tok], spans: Sequence[Span]) -> list[Item]:
    by_start = {s.i: s for s in spans}
    items: list[Item] = []
    n = len(toks)
    i = 0
    while i < n:
        span = by_start.get(i)
        if span is not None:
            items.append(Item(span.i, span.j, span.k, span))
            i = span.k
            continue
        k = possessive_end(toks, i + 1) if toks[i].is_word else i + 1
        items.append(Item(i, i + 1, k))
        i = k
    return items


def _is_cap_item(item: Item, toks: Sequence[Tok]) -> bool:
    tok = toks[item.i]
    if item.span is not None:
        return tok.is_cap or (tok.text[0].isdigit() and item.span.type is EntityType.EVENT)
    return tok.is_word and tok.is_cap and not tok.text.isdigit()


def find_runs(items: Sequence[Item], toks: Sequence[Tok], cues: Cues) -> list[Run]:
    runs: list[Run] = []
    cur = Run()
    pending: list[str] = []
    m = 0
    while m < len(items):
        item = items[m]
        tok = toks[item.i]
        if _is_cap_item(item, toks):
            glued = bool(cur.items) and not tok.space and not pending
            if cur.items and (tok.line_start or _ends_name(cur.items[-1], tok, toks, cues)):
                runs.append(cur)
                cur, pending = Run(), []
            if cur.items:
                cur.joins.append(pending if not glued else ["-"])
            cur.items.append(item)
            pending = []
            m += 1
            continue
        if cur.items and item.span is None and not tok.line_start:
            low = tok.text
            nxt = items[m + 1] if m + 1 < len(items) else None
            # "North-South", "al-Sham", "O'Connell": glued on both sides, it stays in the name.
            # Not "London-based", "Kremlin-backed": a lower-case word after it ends the name.
            if (
                low in ("-", "'")
                and not tok.space
                and nxt is not None
                and not toks[nxt.i].space
                and toks[nxt.i].is_word
                and not pending
                and not (low == "-" and toks[nxt.i].text.islower() and len(toks[nxt.i].text) > 3)
            ):
                cur.items[-1] = Item(cur.items[-1].i, nxt.j, nxt.k, None)
                cur.items[-1].span = None
                m += 2
                continue
            if low in NAME_PARTICLES and nxt is not None and toks[nxt.i].text == "-":
                pending.append(low)
                m += 1
                continue
            if low in cues.connectors and len(pending) < 2 and not cur.items[-1].possessive:
                pending.append(low)
                m += 1
                continue
        if cur.items:
            runs.append(cur)
        cur, pending = Run(), []
        m += 1
    if cur.items:
        runs.append(cur)
    return runs


def _ends_name(prev: Item, tok: Tok, toks: Sequence[Tok], cues: Cues) -> bool:
    """Does a possessive end the name before `tok`? Not a plural one before a head word:
    "Supporters' Association", "Transport and General Workers' Union"."""
    if not prev.possessive:
        return False
    plural = prev.k == prev.j + 1 and toks[prev.j].text == "'"
    return not (plural and tok.text in cues.org_head)


def _false_title(
    run: Run, m: int, size: int, toks: Sequence[Tok], cues: Cues, surnames: AbstractSet[str]
) -> bool:
    """A title word that is part of a name: "General Motors", "General Election", "General
    Workers' Union" (what follows ends in a head word, or is one plain word no person bears)."""
    rest = run.items[m + size : m + size + 1]
    for off in range(m + size + 1, len(run.items)):
        if run.joins[off - 1] not in ([], ["-"]):
            break
        rest.append(run.items[off])
    if not rest or rest[-1].span is not None:
        return False
    last = toks[rest[-1].j - 1].text
    if last in cues.heads:
        return True
    if len(rest) != 1:
        return False
    # one plain word that names nobody: "General Motors", "General Electric" (not "President
    # Bush", "Chancellor Brown": surnames)
    named = last in cues.surnames or last in cues.given or last in surnames
    return plain_word(last, cues.words) and not named


def _name_starts(run: Run, m: int, toks: Sequence[Tok], cues: Cues) -> bool:
    """Does a person's name start at item m of a run ("Lib Dems David Laws")?"""
    items = run.items
    if m == 0 or m + 1 >= len(items) or run.joins[m - 1] not in ([], ["-"]):
        return False
    item, prev, nxt = items[m], items[m - 1], items[m + 1]
    if item.span is not None or (prev.span is not None and prev.possessive):
        return False
    word = toks[item.i].text
    before = toks[prev.j - 1].text
    opener = toks[prev.i].sent_start and prev.j - prev.i == 1  # "Novelist Andrea Levy"
    return (
        word in cues.common_given
        and (opener or not plain_word(before, cues.words))
        and before not in cues.given
        and before not in INNER_CONNECTORS
        and nxt.span is None
        and run.joins[m] == []
    )


def _demonym_after(run: Run, m: int) -> bool:
    """A demonym after a name qualifies what follows: "Tampa Bay Buccaneers | American"."""
    span = run.items[m].span
    return m > 0 and span is not None and span.kind == Kind.DEMONYM


def brief_surnames(toks: Sequence[Tok], cues: Cues) -> frozenset[str]:
    """Words that follow a given name in this text ("Macron" after "Emmanuel"): surnames here,
    whatever the word list says."""
    return frozenset(
        b.text
        for a, b in itertools.pairwise(toks)
        if a.text in cues.given and b.is_cap and b.space and not b.line_start
    )


def cut_segments(
    run: Run,
    toks: Sequence[Tok],
    body: str,
    cues: Cues,
    surnames: AbstractSet[str] = frozenset(),
) -> list[tuple[Segment, list[str]]]:
    """Cut a run at titles and connectors; each segment with the connector words before it."""
    out: list[tuple[Segment, list[str]]] = []
    items = run.items
    cur: list[Item] = []
    cue = _person_before(toks, items[0].i, cues)
    org = False  # a title word that is part of a name: "General Motors" is an organisation
    join: list[str] = []
    m = 0
    while m < len(items):
        # titles are matched token by token; a multi-word title crosses no connector
        span_len = _match_title_run(run, m, toks, cues)
        if span_len and _false_title(run, m, span_len, toks, cues, surnames):
            span_len, org = 0, True
        if span_len:
            if cur:
                out.append((Segment(cur, person_cue=cue), join))
            cur, join, cue = [], [], True
            m += span_len
            continue
        if cur and (_name_starts(run, m, toks, cues) or _demonym_after(run, m)):
            out.append((Segment(cur, person_cue=cue), join))
            cur, join, cue = [], [], False
        elif m > 0 and cur and run.joins[m - 1] not in ([], ["-"]):
            out.append((Segment(cur, person_cue=cue), join))
            cur, cue = [], False
            join = run.joins[m - 1]
        elif m > 0 and not cur:
            join = run.joins[m - 1] if run.joins[m - 1] not in ([], ["-"]) else []
            if join:
                cue = False  # "Director of the Information ... Department": no name follows
        cur.append(items[m])
        m += 1
    if cur:
        out.append((Segment(cur, person_cue=cue), join))
    if org:
        for seg, _ in out:
            seg.org_cue = not seg.person_cue
    return out


def _match_title_run(run: Run, m: int, toks: Sequence[Tok], cues: Cues) -> int:
    """Items from m that spell a title, crossing the connectors inside titles ("Secretary of
    State"). Returns the number of items used."""
    words: list[str] = []
    index: list[int] = []  # word position -> item count used so far
    for off in range(m, min(m + 6, len(run.items))):
        item = run.items[off]
        if off > m:
            join = run.joins[off - 1]
            if join not in ([], ["-"]):
                words.extend(join)
                index.extend([-1] * len(join))
        if item.span is not None:
            break
        parts = [t.text for t in toks[item.i : item.j] if t.text not in ("-", "'")]
        words.extend(parts)
        index.extend([-1] * (len(parts) - 1) + [off - m + 1])
        if item.possessive:
            break
    best = 0
    for title in cues.titles_by_first.get(words[0], ()) if words else ():
        n = len(title)
        if n <= len(words) and tuple(words[:n]) == title and index[n - 1] > 0:
            best = max(best, index[n - 1])
    return best


def _person_before(toks: Sequence[Tok], i: int, cues: Cues) -> bool:
    """Is the span at token i introduced as a person ("Author: X", "by X", "spokeswoman X")?"""
    p = i - 1
    if p >= 1 and toks[p].text == "." and toks[p - 1].text in ABBREVIATIONS:
        return True
    if p >= 0 and toks[p].text in (":", ",") and p - 1 >= 0:
        p -= 1
    if p < 0:
        return False
    word = toks[p].text
    if word in cues.person_before:
        return True
    return (word.lower(),) in _lower_titles(cues) and not toks[p].is_cap


@cache
def _lower_titles_cache(titles: tuple[tuple[str, ...], ...]) -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(w.lower() for w in t) for t in titles if len(t) == 1)


def _lower_titles(cues: Cues) -> frozenset[tuple[str, ...]]:
    return _lower_titles_cache(cues.titles)


def trim_segment(seg: Segment, toks: Sequence[Tok], cues: Cues) -> Segment | None:
    """Drop sentence openers and stop words from the front of a segment."""
    items = list(seg.items)
    while items:
        first = items[0]
        tok = toks[first.i]
        if first.span is not None or first.j - first.i != 1:
            break
        word = tok.text
        opener = word == "The" or (
            tok.sent_start
            and (
                word in cues.openers
                or (word.endswith("ly") and len(word) > 4)
                or (word.endswith("ing") and len(word) > 5 and word not in cues.given)
            )
        )
        if opener:
            items.pop(0)
            continue
        break
    while len(items) >= 2 and items[-1].span is None and items[-1].j - items[-1].i == 1:
        if toks[items[-1].i].text not in cues.post_nominals:
            break
        items.pop()  # "John Deverell CBE" is John Deverell
    if not items:
        return None
    seg.items = items
    return seg
