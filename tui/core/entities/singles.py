"""Names of one word the gazetteer lacks ("Fiat", "Nintendo", "DaimlerChrysler", "Unison"): a
capitalised word that is no plain English word, no given name and no sentence opener, seen at least
once where its capital says it is a name (mid-sentence, not in a heading). Typed PERSON when it
ends like a surname or is a common surname, else ORG. Runs after the surnames are linked, so a
surname alone ("Glazer" after "Malcolm Glazer") stays that person.
"""

from __future__ import annotations

from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from tui.core.entities.candidates import Segment
from tui.core.entities.cues import Cues
from tui.core.entities.model import EntityType
from tui.core.entities.text import CALENDAR, plain_word, slug
from tui.core.entities.tokens import Span, Tok, possessive_end, span_text

# derived common nouns, capitalised or not: "Armenophobia", "Putinism"
_NOUN_ENDINGS = (
    "phobia",
    "ism",
    "isms",
    "ist",
    "ists",
    "ology",
    "ness",
    "ment",
    "isation",
    "ization",
)
PLAIN_REPEATS = 3  # a plain word capitalised mid-sentence this often is a name ("Fiat", "Unison")


def _candidate(tok: Tok, cues: Cues) -> bool:
    word = tok.text
    if not (tok.is_cap and word.isalpha() and len(word) >= 3) or word in CALENDAR:
        return False
    if word.isupper():
        return len(word) <= 6
    if sum(c.isupper() for c in word) >= 2 and word.endswith("s"):
        return False  # plural acronyms: "MPs", "NGOs"
    return (
        not word.lower().endswith(_NOUN_ENDINGS)
        and word not in cues.given
        and word not in cues.openers
        and word.casefold() not in cues.stop_words
        and word not in cues.heads
    )


def single_names(
    toks: Sequence[Tok],
    spans: Sequence[Span],
    cues: Cues,
    title_lines: AbstractSet[int],
) -> list[Span]:
    covered = bytearray(len(toks))
    for s in spans:
        if not s.dropped:
            for q in range(s.i, s.k):
                covered[q] = 1
    places: dict[str, list[int]] = {}
    mid: dict[str, list[int]] = {}  # mid-sentence occurrences, outside headings
    evidence: set[str] = set()
    n = len(toks)
    for q, tok in enumerate(toks):
        if covered[q] or not _candidate(tok, cues):
            continue
        # a word inside a longer capitalised run belongs to that run's name (typed or not)
        if q > 0 and toks[q - 1].is_cap and toks[q].space:
            prev = toks[q - 1]
            if not (prev.sent_start and prev.text in cues.openers):
                continue
        if q + 1 < n and toks[q + 1].is_cap and toks[q + 1].space and not toks[q + 1].line_start:
            continue
        places.setdefault(tok.text, []).append(q)
        if not tok.sent_start and tok.line not in title_lines:
            mid.setdefault(tok.text, []).append(q)
    for word, where in places.items():
        seen = mid.get(word, [])
        if word.isupper():
            if len(where) >= 2 or any(q > 0 and toks[q - 1].text == "the" for q in seen):
                evidence.add(word)
        elif not plain_word(word, cues.words):
            if seen:
                evidence.add(word)
        elif len(seen) >= PLAIN_REPEATS:
            evidence.add(word)
    found: list[Span] = _domains(toks, covered)
    for word in sorted(evidence):
        person = word.lower().endswith(cues.surname_endings) or word in cues.surnames
        type_ = EntityType.PERSON if person and not word.isupper() else EntityType.ORG
        for q in places[word]:
            if q + 2 < n and toks[q + 1].text == "." and toks[q + 2].text in _DOMAINS:
                continue
            found.append(Span(q, q + 1, possessive_end(toks, q + 1), slug(word), type_, name=word))
    return found


_DOMAINS = frozenset(["com", "org", "net", "co", "uk", "io", "info", "gov", "edu"])


def _domains(toks: Sequence[Tok], covered: bytearray) -> list[Span]:
    """A site named by its domain ("Computerandvideogames.com", "Amazon.co.uk") is an ORG."""
    found: list[Span] = []
    n = len(toks)
    for q, tok in enumerate(toks):
        if covered[q] or not tok.is_cap or not tok.text.isalnum():
            continue
        end = q + 1
        while end + 1 < n and toks[end].text == "." and toks[end + 1].text in _DOMAINS:
            if toks[end].space or toks[end + 1].space:
                break
            end += 2
        if end > q + 1:
            name = "".join(t.text for t in toks[q:end])
            found.append(Span(q, end, end, slug(name), EntityType.ORG, name=name))
    return found


def loose_names(
    toks: Sequence[Tok],
    body: str,
    untyped: Sequence[Segment],
    spans: Sequence[Span],
    cues: Cues,
    title_lines: AbstractSet[int],
) -> list[Span]:
    """Two or three capitalised words no cue typed ("Plaid Cymru", "Gianni Agnelli"): a name,
    when it is not a heading's, not a sentence's opening capital on a plain word, no piece of a
    longer capitalised phrase cut at a connector, and no part of a name already found. A person
    when its words are no plain words, else an organisation."""
    taken = {q for s in spans if not s.dropped for q in range(s.i, s.k)}
    found: list[Span] = []
    for seg in untyped:
        items = seg.items
        size = sum(it.j - it.i for it in items)
        if not 2 <= len(items) <= 3 or size != len(items) or any(it.span for it in items):
            continue
        if seg.fragment:
            continue
        if any(q in taken for q in range(seg.i, seg.k)) or toks[seg.i].line in title_lines:
            continue
        words = [toks[it.i].text for it in items]
        if not all(w.isalpha() and toks[it.i].is_cap for w, it in zip(words, items, strict=True)):
            continue
        if any(w in CALENDAR or w in cues.openers or w in cues.heads for w in words):
            continue
        plain = [plain_word(w, cues.words) for w in words]
        if toks[seg.i].sent_start and plain[0]:
            continue
        person = words[0] in cues.given or not any(plain)
        name = span_text(body, toks, seg.i, seg.j)
        type_ = EntityType.PERSON if person else EntityType.ORG
        found.append(Span(seg.i, seg.j, seg.k, slug(name), type_, name=name))
    return found
