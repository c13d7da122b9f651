"""Tokens of a brief's body, its lines and sentences, and the spans found over them."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tui.core.entities.data import TOKEN_RE, Kind, fold
from tui.core.entities.model import EntityType

_OPEN_QUOTES = frozenset("'\"([")
_SENTENCE_END = frozenset(".!?:;")
_MARKDOWN_LEAD = frozenset("#*->|")
ABBREVIATIONS = frozenset(
    ["Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Col", "Lt", "Sen", "Rep", "Gov", "St", "Capt", "Maj"]
)


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
            tok.sent_start = not (prev.text == "." and before in ABBREVIATIONS)
        elif prev.text in _OPEN_QUOTES and prev.sent_start:
            tok.sent_start = True
    return toks


def line_kinds(toks: Sequence[Tok]) -> tuple[set[int], set[int]]:
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
        open_end = last[line] not in (".", "!", "?", ",", ";", ":")
        headline = len(long_words) >= 3 and len(ws) <= 16 and open_end
        heading = 2 <= len(ws) <= 6 and long_words and capitalised == len(long_words)
        # a headline (short, mostly capitalised, not closed like a sentence) or a section heading
        # (a short line on its own, every long word capitalised)
        if open_end and ((headline and capitalised >= 0.75 * len(long_words)) or heading):
            title_lines.add(line)
        letters = [w for w in ws if len(w) > 1]
        if len(letters) >= 2 and sum(w.isupper() for w in letters) >= 0.8 * len(letters):
            caps_lines.add(line)
    return title_lines, caps_lines


def possessive_end(toks: Sequence[Tok], j: int) -> int:
    """The token index after a possessive ('s, or ' after a plural) that follows token j-1."""
    n = len(toks)
    if j < n and toks[j].text == "'" and not toks[j].space:
        if j + 1 < n and toks[j + 1].text == "s" and not toks[j + 1].space:
            if j + 2 >= n or not toks[j + 2].is_word or toks[j + 2].space:
                return j + 2
        elif toks[j - 1].text.endswith("s") and (j + 1 >= n or toks[j + 1].space):
            return j + 1
    return j


def span_text(body: str, toks: Sequence[Tok], i: int, j: int) -> str:
    return " ".join(body[toks[i].start : toks[j - 1].end].split())
