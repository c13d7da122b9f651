"""Finding mentions in a text: gazetteer longest match, then rules for names the gazetteer lacks.

Order of work, each step seeing what the earlier ones found:
1. tokens (typographic apostrophes and dashes folded, offsets kept);
2. gazetteer units, longest match left to right (the analyst's alias overlay first);
3. capitalised runs, cut at titles and connectors into segments, each typed by cues (head words,
   given names, titles, surname endings) and merged again across "of"/"and" when a cue asks;
4. acronyms defined in the text ("Eurasian Economic Union (EAEU)"), then surnames after full names;
5. events made of a place and a generic word ("the Nagorno-Karabakh conflict"), dates.
Mentions never partly overlap; a place inside an event and a year inside an event are kept as
nested mentions (so `entity:nagorno-karabakh` finds a brief that names only the war).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from tui.core.entities.data import (
    GENERIC_EVENT_WORDS,
    TOKEN_RE,
    Gazetteer,
    Hit,
    Kind,
    TrieNode,
    cue_words,
    fold,
    load_gazetteer,
    phrase_list,
    slug,
    word_list,
)
from tui.core.entities.dates import find_dates
from tui.core.entities.model import EntityType, Mention

_OPEN_QUOTES = frozenset("'\"([")
_SENTENCE_END = frozenset(".!?:;")
_MARKDOWN_LEAD = frozenset("#*->|")
_NAME_PARTICLES = frozenset(["al", "el", "ad", "as", "ash", "an", "ar", "ud", "ul"])
_INNER_CONNECTORS = frozenset(
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
_ABBREVIATIONS = frozenset(
    ["Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sen", "Rep", "Gov", "St", "Capt", "Maj"]
)
_PLACE_NOUNS = frozenset(
    ["city", "town", "village", "port", "region", "province", "district", "capital"]
)
_ORDINALS = frozenset(["first", "second", "third", "fourth", "fifth"])


@dataclass(slots=True)
class Tok:
    text: str  # folded (ASCII apostrophes and hyphens)
    start: int
    end: int
    space: bool  # whitespace before it
    line: int
    line_start: bool = False
    sent_start: bool = False
    is_word: bool = False  # starts with a letter or digit
    is_cap: bool = False  # starts with a capital letter


@dataclass(slots=True)
class Span:
    """A found name: tokens [i, j) plus a possessive up to `k`, linked to an entity."""

    i: int
    j: int
    k: int
    entity_id: str
    type: EntityType
    kind: str = Kind.NAME
    name: str = ""  # display name for entities the gazetteer does not know
    dropped: bool = False


@dataclass(frozen=True)
class Overlay:
    """Surface forms the analyst added (merge, split): matched before the gazetteer."""

    root: TrieNode
    types: dict[str, EntityType]


@dataclass
class _Cues:
    org_head: frozenset[str]
    org_prefix: frozenset[str]
    fac_head: frozenset[str]
    loc_head: frozenset[str]
    loc_prefix: frozenset[str]
    gpe_head: frozenset[str]
    event_head: frozenset[str]
    event_prefix: frozenset[str]
    event_lower: frozenset[str]
    connectors: frozenset[str]
    openers: frozenset[str]
    person_after: frozenset[str]
    person_before: frozenset[str]
    surname_endings: tuple[str, ...]
    given: frozenset[str]
    surname_first: frozenset[str]
    titles: tuple[tuple[str, ...], ...]
    titles_by_first: dict[str, list[tuple[str, ...]]]
    stop_words: frozenset[str]
    stop_phrases: frozenset[str]


@cache
def _cues() -> _Cues:
    stop = [" ".join(t.strip() for t in p).casefold() for p in phrase_list("stoplist.txt")]
    titles = tuple(
        tuple(t.strip() for t in p if t.strip() not in ("-", "'"))
        for p in phrase_list("titles.txt")
    )
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for title in titles:
        by_first.setdefault(title[0], []).append(title)
    return _Cues(
        org_head=cue_words("org_head"),
        org_prefix=cue_words("org_prefix"),
        fac_head=cue_words("fac_head"),
        loc_head=cue_words("loc_head"),
        loc_prefix=cue_words("loc_prefix"),
        gpe_head=cue_words("gpe_head"),
        event_head=cue_words("event_head"),
        event_prefix=cue_words("event_prefix"),
        event_lower=cue_words("event_lower"),
        connectors=cue_words("connector"),
        openers=cue_words("sentence_opener"),
        person_after=cue_words("person_after"),
        person_before=cue_words("person_before"),
        surname_endings=tuple(sorted(cue_words("surname_ending"), key=len, reverse=True)),
        given=word_list("given_names.txt"),
        surname_first=word_list("surname_first.txt"),
        titles=titles,
        titles_by_first=by_first,
        stop_words=frozenset(s for s in stop if " " not in s),
        stop_phrases=frozenset(stop),
    )


# --- tokens and lines ---


def tokenize(body: str) -> list[Tok]:
    folded = fold(body)
    toks: list[Tok] = []
    line = 0
    prev_end = 0
    for m in TOKEN_RE.finditer(folded):
        gap = folded[prev_end : m.start()]
        newlines = gap.count("\n")
        line += newlines
        text = m.group()
        first = text[0]
        tok = Tok(
            text,
            m.start(),
            m.end(),
            bool(gap),
            line,
            not toks or newlines > 0,
            False,
            first.isalnum(),
            first.isupper(),
        )
        toks.append(tok)
        prev_end = m.end()
    for n, tok in enumerate(toks):
        prev = toks[n - 1] if n else None
        if prev is None or tok.line_start:
            tok.sent_start = True
        elif prev.line_start and prev.text in _MARKDOWN_LEAD:
            tok.line_start = tok.sent_start = True
        elif prev.text in _SENTENCE_END:
            # "Mr. Putin", "Gen. Gerasimov": the dot of an abbreviation ends no sentence
            before = toks[n - 2].text if n >= 2 else ""
            tok.sent_start = not (prev.text == "." and before in _ABBREVIATIONS)
        elif prev.text in _OPEN_QUOTES and prev.sent_start:
            tok.sent_start = True
    return toks


def _line_kinds(toks: Sequence[Tok]) -> tuple[set[int], set[int]]:
    """Lines in Title Case (headlines) and lines in ALL CAPITALS."""
    words: dict[int, list[str]] = {}
    last: dict[int, str] = {}
    for tok in toks:
        last[tok.line] = tok.text
        if tok.text.isalpha():
            words.setdefault(tok.line, []).append(tok.text)
    title_lines: set[int] = set()
    caps_lines: set[int] = set()
    for line, ws in words.items():
        long_words = [w for w in ws if len(w) > 3]
        capitalised = sum(w[0].isupper() for w in long_words)
        # a headline: short, mostly capitalised, not closed like a sentence
        headline = len(long_words) >= 3 and len(ws) <= 16 and last[line] not in (".", "!", "?")
        if headline and capitalised >= 0.75 * len(long_words):
            title_lines.add(line)
        letters = [w for w in ws if len(w) > 1]
        if len(letters) >= 2 and sum(w.isupper() for w in letters) >= 0.8 * len(letters):
            caps_lines.add(line)
    return title_lines, caps_lines


# --- gazetteer pass ---


def _walk(root: TrieNode, toks: Sequence[Tok], i: int) -> tuple[int, Hit] | None:
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


def _possessive_end(toks: Sequence[Tok], j: int) -> int:
    """The token index after a possessive ('s, or ' after a plural) that follows token j-1."""
    n = len(toks)
    if j < n and toks[j].text == "'" and not toks[j].space:
        if j + 1 < n and toks[j + 1].text == "s" and not toks[j + 1].space:
            if j + 2 >= n or not toks[j + 2].is_word or toks[j + 2].space:
                return j + 2
        elif toks[j - 1].text.endswith("s") and (j + 1 >= n or toks[j + 1].space):
            return j + 1
    return j


def _gazetteer_pass(
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
        found = _walk(gaz.root, toks, i)
        types: dict[str, EntityType] | None = None
        if overlay is not None:
            mine = _walk(overlay.root, toks, i)
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
                spans.append(Span(i, j, _possessive_end(toks, j), hit.entity_id, type_, hit.kind))
                if type_ is EntityType.EVENT:
                    spans.extend(_inner_places(toks[:j], i + 1, gaz))
                i = _possessive_end(toks, j)
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
        hit = _walk(gaz.root, toks, i) if toks[i].is_word else None
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


# --- capitalised runs ---


@dataclass
class _Item:
    """One step of a run: a gazetteer span or a single token."""

    i: int
    j: int  # end of the name (before a possessive)
    k: int  # end including the possessive
    span: Span | None = None

    @property
    def possessive(self) -> bool:
        return self.k > self.j


@dataclass
class _Segment:
    items: list[_Item]
    person_cue: bool = False
    type: EntityType | None = None
    by_head: bool = False  # typed by its last word (Ministry, Corridor, War)
    by_prefix: bool = False  # typed by its first word followed by "of" (Office of ...)
    gaz: bool = False  # exactly one gazetteer span
    extended: bool = False  # grew across "of"/"for" ("Institute for National Defense")

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
class _Run:
    """Capitalised items with the connectors between them (connector token lists)."""

    items: list[_Item] = field(default_factory=list)
    joins: list[list[str]] = field(default_factory=list)  # joins[n]: between items n and n+1


def _items(toks: Sequence[Tok], spans: Sequence[Span]) -> list[_Item]:
    by_start = {s.i: s for s in spans}
    items: list[_Item] = []
    n = len(toks)
    i = 0
    while i < n:
        span = by_start.get(i)
        if span is not None:
            items.append(_Item(span.i, span.j, span.k, span))
            i = span.k
            continue
        k = _possessive_end(toks, i + 1) if toks[i].is_word else i + 1
        items.append(_Item(i, i + 1, k))
        i = k
    return items


def _is_cap_item(item: _Item, toks: Sequence[Tok]) -> bool:
    tok = toks[item.i]
    if item.span is not None:
        return tok.is_cap or (tok.text[0].isdigit() and item.span.type is EntityType.EVENT)
    return tok.is_word and tok.is_cap and not tok.text.isdigit()


def _runs(items: Sequence[_Item], toks: Sequence[Tok], cues: _Cues) -> list[_Run]:
    runs: list[_Run] = []
    cur = _Run()
    pending: list[str] = []
    m = 0
    while m < len(items):
        item = items[m]
        tok = toks[item.i]
        if _is_cap_item(item, toks):
            glued = bool(cur.items) and not tok.space and not pending
            if cur.items and (tok.line_start or (cur.items[-1].possessive)):
                runs.append(cur)
                cur, pending = _Run(), []
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
            if (
                low in ("-", "'")
                and not tok.space
                and nxt is not None
                and not toks[nxt.i].space
                and toks[nxt.i].is_word
                and not pending
            ):
                cur.items[-1] = _Item(cur.items[-1].i, nxt.j, nxt.k, None)
                cur.items[-1].span = None
                m += 2
                continue
            if low in _NAME_PARTICLES and nxt is not None and toks[nxt.i].text == "-":
                pending.append(low)
                m += 1
                continue
            if low in cues.connectors and len(pending) < 2 and not cur.items[-1].possessive:
                pending.append(low)
                m += 1
                continue
        if cur.items:
            runs.append(cur)
        cur, pending = _Run(), []
        m += 1
    if cur.items:
        runs.append(cur)
    return runs


def _text(body: str, toks: Sequence[Tok], i: int, j: int) -> str:
    return " ".join(body[toks[i].start : toks[j - 1].end].split())


def _segments(
    run: _Run, toks: Sequence[Tok], body: str, cues: _Cues
) -> list[tuple[_Segment, list[str]]]:
    """Cut a run at titles and connectors; each segment with the connector words before it."""
    out: list[tuple[_Segment, list[str]]] = []
    items = run.items
    cur: list[_Item] = []
    cue = _person_before(toks, items[0].i, cues)
    join: list[str] = []
    m = 0
    while m < len(items):
        # titles are matched token by token; a multi-word title crosses no connector
        span_len = _match_title_run(run, m, toks, cues)
        if span_len:
            if cur:
                out.append((_Segment(cur, person_cue=cue), join))
            cur, join, cue = [], [], True
            m += span_len
            continue
        if m > 0 and cur and run.joins[m - 1] not in ([], ["-"]):
            out.append((_Segment(cur, person_cue=cue), join))
            cur, cue = [], False
            join = run.joins[m - 1]
        elif m > 0 and not cur:
            join = run.joins[m - 1] if run.joins[m - 1] not in ([], ["-"]) else []
            if join:
                cue = False  # "Director of the Information ... Department": no name follows
        cur.append(items[m])
        m += 1
    if cur:
        out.append((_Segment(cur, person_cue=cue), join))
    return out


def _match_title_run(run: _Run, m: int, toks: Sequence[Tok], cues: _Cues) -> int:
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


def _person_before(toks: Sequence[Tok], i: int, cues: _Cues) -> bool:
    """Is the span at token i introduced as a person ("Author: X", "by X", "spokeswoman X")?"""
    p = i - 1
    if p >= 1 and toks[p].text == "." and toks[p - 1].text in _ABBREVIATIONS:
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


def _lower_titles(cues: _Cues) -> frozenset[tuple[str, ...]]:
    return _lower_titles_cache(cues.titles)


def _trim(seg: _Segment, toks: Sequence[Tok], cues: _Cues) -> _Segment | None:
    """Drop sentence openers and stop words from the front of a segment."""
    items = list(seg.items)
    while items:
        first = items[0]
        tok = toks[first.i]
        if first.span is not None or first.j - first.i != 1:
            break
        word = tok.text
        opener = tok.sent_start and (
            word in cues.openers
            or (word.endswith("ly") and len(word) > 4)
            or (word.endswith("ing") and len(word) > 5 and word not in cues.given)
        )
        if opener:
            items.pop(0)
            continue
        break
    if not items:
        return None
    seg.items = items
    return seg


def _type_segment(
    seg: _Segment, toks: Sequence[Tok], body: str, cues: _Cues, after_run: int, alone: bool
) -> None:
    items = seg.items
    if len(items) == 1 and items[0].span is not None:
        seg.gaz = True
        return
    words = [toks[it.i].text for it in items]
    last = toks[items[-1].j - 1].text
    n_tok = sum(it.j - it.i for it in items)
    plain = all(it.span is None for it in items)
    text = _text(body, toks, seg.i, seg.j).casefold()
    if text in cues.stop_phrases or all(w.casefold() in cues.stop_words for w in words):
        return
    if len(items) >= 2 and items[-1].span is None:
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
        if words[0] in cues.loc_prefix:
            seg.type = EntityType.LOC
            return
        if words[0] == "Operation":
            seg.type = EntityType.EVENT
            return
    if not plain or n_tok > 5:
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
        if not person and alone and after_run < len(toks) and len(items) <= 3:
            nxt = toks[after_run]
            if nxt.text == "," and after_run + 1 < len(toks):
                nxt = toks[after_run + 1]
            person = nxt.text in cues.person_after
    if person:
        seg.type = EntityType.PERSON


def _merge(
    parts: list[tuple[_Segment, list[str]]], toks: Sequence[Tok], cues: _Cues
) -> list[_Segment]:
    """Join segments again where a cue spans a connector: "Ministry of Foreign Affairs",
    "Information and Press Department", "Office of the Human Rights Defender",
    "Mohammed bin Salman"."""
    out: list[_Segment] = []
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
            joins_org = seg.by_head and seg.type in (EntityType.ORG, EntityType.FAC)
            if head in ("and", "&") and joins_org and prev.type is None and not prev.gaz:
                seg.items = prev.items + seg.items
                out[-1] = seg
                continue
            inner = head in _INNER_CONNECTORS or head in _NAME_PARTICLES
            if inner and not prev.gaz and not seg.gaz and prev.type in (None, EntityType.PERSON):
                prev.items.extend(seg.items)
                if prev.type is None and seg.type is EntityType.PERSON:
                    prev.type = EntityType.PERSON
                continue
        out.append(seg)
    return out


# --- the whole pass ---


def find_spans(body: str, overlay: Overlay | None = None) -> list[Mention]:
    """Every mention in `body`, sorted; nested mentions only inside events."""
    gaz = load_gazetteer()
    cues = _cues()
    toks = tokenize(body)
    title_lines, caps_lines = _line_kinds(toks)
    units = _gazetteer_pass(toks, gaz, overlay, caps_lines)
    items = _items(toks, units)
    rule_spans: list[Span] = []
    untyped: list[_Segment] = []
    for run in _runs(items, toks, cues):
        after = run.items[-1].k
        parts = []
        cut = _segments(run, toks, body, cues)
        for seg, join in cut:
            trimmed = _trim(seg, toks, cues)
            if trimmed is None:
                continue
            _type_segment(trimmed, toks, body, cues, after, alone=len(cut) == 1)
            parts.append((trimmed, join))
        for seg in _merge(parts, toks, cues):
            if seg.gaz:
                continue
            if seg.type is None:
                untyped.append(seg)
                continue
            name = _text(body, toks, seg.i, seg.j)
            if (
                seg.by_head
                and toks[seg.i].line in title_lines
                and not _elsewhere(body, name, toks, title_lines)
            ):
                continue
            single_ok = seg.type is EntityType.PERSON or (
                seg.type is EntityType.GPE and not seg.by_head
            )
            if not single_ok and sum(it.j - it.i for it in seg.items) < 2:
                continue
            rule_spans.append(Span(seg.i, seg.j, seg.k, slug(name), seg.type, name=name))
    acronyms = _acronyms(toks, body, units, rule_spans, untyped)
    rule_spans.extend(acronyms)
    _drop_covered(units, rule_spans)
    coref = _surnames(toks, body, units, rule_spans)
    events = _place_events(toks, body, units, rule_spans, cues)
    spans = [s for s in units + rule_spans + coref + events if not s.dropped]
    mentions = [_mention(body, toks, s) for s in spans]
    mentions.extend(find_dates(body))
    return _clean(mentions)


def _elsewhere(body: str, name: str, toks: Sequence[Tok], title_lines: set[int]) -> bool:
    """Does `name` also occur on a line that is not a headline?"""
    start = 0
    while True:
        pos = body.find(name, start)
        if pos < 0:
            return False
        line = body.count("\n", 0, pos)
        if line not in title_lines:
            return True
        start = pos + 1


def _drop_covered(units: list[Span], rule_spans: list[Span]) -> None:
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


def _acronyms(
    toks: Sequence[Tok],
    body: str,
    units: list[Span],
    rule_spans: list[Span],
    untyped: list[_Segment],
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
            name = _text(body, toks, seg.i, seg.j)
            if _initials_fit(acr, name):
                long_form = Span(seg.i, seg.j, seg.j, slug(name), EntityType.ORG, name=name)
                found.append(long_form)
        if long_form is None:
            continue
        name = long_form.name or gaz.entries[long_form.entity_id].name
        long_text = _text(body, toks, long_form.i, long_form.j)
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
                _possessive_end(toks, q + 1),
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


def _surnames(
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
            Span(q, q + 1, _possessive_end(toks, q + 1), entity_id, EntityType.PERSON, name=name)
        )
    return found


def _place_events(
    toks: Sequence[Tok], body: str, units: list[Span], rule_spans: list[Span], cues: _Cues
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
        place = _text(body, toks, u.i, u.j)
        q = u.j
        if q < n and toks[q].text in cues.event_lower and toks[q].space and not covered[q]:
            start = u.i
            if start > 0 and (
                (toks[start - 1].text.isdigit() and len(toks[start - 1].text) == 4)
                or toks[start - 1].text.lower() in _ORDINALS
            ):
                start -= 1
            name = _text(body, toks, start, u.i) + " " if start < u.i else ""
            name = f"{name}{place} {toks[q].text}"
            found.append(
                Span(
                    start,
                    q + 1,
                    _possessive_end(toks, q + 1),
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


def _mention(body: str, toks: Sequence[Tok], span: Span) -> Mention:
    start = toks[span.i].start
    end = toks[span.k - 1].end
    return Mention(start, end, span.entity_id, span.type, body[start:end])


def _clean(mentions: list[Mention]) -> list[Mention]:
    """Sorted, without duplicates or partial overlaps (nesting kept)."""
    out: list[Mention] = []
    seen: set[tuple[int, int, str]] = set()
    for m in sorted(mentions, key=lambda m: (m.start, -m.end, m.entity_id)):
        key = (m.start, m.end, m.entity_id)
        if key in seen or m.end <= m.start:
            continue
        crosses = any(o.start < m.start < o.end < m.end for o in out[-8:])
        if crosses:
            continue
        seen.add(key)
        out.append(m)
    return sorted(out)
