"""A capture's text as lines, each with a kind, and the predicates the cleaning rules share.

The text is cut into lines and each line gets a kind; rules (tui.core.ingest.chrome and .header)
then look at a line and its neighbours. Only what is left as article text reaches the body.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import Enum

import tui.core.ingest.furniture as fur
import tui.core.ingest.meta as meta


class Kind(Enum):
    TEXT = "text"
    BLANK = "blank"
    DROP = "drop"  # page furniture
    META = "meta"  # lifted into the front matter
    TITLE = "title"
    CAPTION = "caption"
    CODE = "code"  # inside a fenced code block of a Markdown capture: never touched


@dataclass
class Line:
    raw: str  # the text that goes to the body
    vis: str  # the visible words, for judging (Markdown links and emphasis stripped)
    block: int  # lines of one block are not separated by a blank line
    kind: Kind = Kind.TEXT
    why: str = ""  # what rule decided the kind; shown by tests and debugging
    label: str | None = None  # a caption's label line, merged into it


@dataclass
class Cleaned:
    body: str
    title: str | None = None
    author: str | None = None
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    # The title as a line of the text itself (not only the page's metadata): a capture that holds
    # nothing else is a headline-only capture, and the title is its text.
    title_line: str | None = None
    # (why, text) of each line dropped as furniture or lifted into the front matter.
    set_aside: list[tuple[str, str]] = field(default_factory=list)


HEADING_WORDS = re.compile(
    r"^(?:\d+[.)]?\s+)?(?:introduction|background|summary|executive\s+summary|key\s+(?:points|findings|"
    r"takeaways)|conclusions?|analysis|overview|context|outlook|recommendations|abstract|"
    r"assessment|scenarios?|implications|forecast|what\s+next|notes?|references|sources|highlights|"
    r"key\s+messages|main\s+points|in\s+brief|at\s+a\s+glance|situation\s+overview|methodology)\b",
    re.I,
)
_FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "and", "or", "but", "as", "of", "to", "in", "on", "at", "by", "for", "with",
     "from", "that", "which", "who", "is", "are", "was", "were", "be", "has", "have", "had", "its",
     "their", "his", "her", "this", "these", "than", "into", "if", "while", "after", "before"}
)  # fmt: skip
BULLET = re.compile(r"^(?:[•●▪◦·‣∙]|[-–—*+])\s+")
NUMBERED = re.compile(r"^\d{1,3}[.)]\s+")
_SETEXT = re.compile(r"^\s{0,3}(?:(=+)|-+)\s*$")
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_MD_PREFIX = re.compile(r"^\s{0,3}(?:#{1,6}\s+|(?:>\s?)+|[-*+]\s+|\d{1,3}[.)]\s+)")
# No opening delimiter inside a match: otherwise a line of 20,000 '[' (or '<http://') is scanned
# to its end from every position, which took seconds (quadratic).
_MD_IMAGE = re.compile(r"!\[([^\[\]]*)\]\([^()]*\)")
_MD_LINK = re.compile(r"\[([^\[\]]*)\](?:\([^()]*\)|\[[^\[\]]*\])")
_MD_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_MD_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)|`+")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_SENTENCE_END = (".", "!", "?", "…", '."', ".”", "?”", "!”", ".’", ")", '".', "”.", ":", ";")


def visible(line: str) -> str:
    """The words of a Markdown line as a reader sees them."""
    text = _MD_PREFIX.sub("", line)
    text = _MD_IMAGE.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _MD_AUTOLINK.sub(r"\1", text)
    text = _HTML_TAG.sub("", text)
    text = _MD_EMPHASIS.sub("", text)
    return " ".join(text.split())


def word_count(text: str) -> int:
    return fur.count_words(text)


def is_prose(text: str) -> bool:
    """A sentence-bearing paragraph, as opposed to a label, a title or a menu entry."""
    count = word_count(text)
    return count >= 20 or (count >= 8 and text.rstrip().endswith(_SENTENCE_END))


def is_title_like(text: str) -> bool:
    count = word_count(text)
    if count == 0 or count > 30 or len(text) > 250 or fur.is_credit(text):
        return False
    return not (text.rstrip().endswith(".") and count > 15)


def is_heading_like(text: str) -> bool:
    """A short standalone line that names a section: no sentence punctuation, capitalised."""
    stripped = text.strip()
    count = word_count(stripped)
    if not 1 <= count <= 12 or len(stripped) > 100 or fur.is_credit(stripped):
        return False
    bare = stripped.rstrip("\"”’')]")
    if bare.endswith((".", ",", ";", ":", "!", "…")) and not NUMBERED.fullmatch(bare + " "):
        return False
    last = fur.words(stripped.lower())[-1:]
    if last and last[0] in _FUNCTION_WORDS:
        return False  # a line broken mid-sentence ("... went to form in Sheffield as")
    if stripped.endswith("?") and count > 10:
        return False
    if meta.date_line(stripped):
        return False
    if BULLET.match(stripped) or stripped.startswith(("http://", "https://", "#", ">", "|")):
        return False
    first = stripped.lstrip("“\"'‘(0123456789.) ")
    return bool(first) and (first[0].isupper() or not first[0].isalpha())


def split_lines(text: str, *, markdown: bool) -> list[Line]:
    lines: list[Line] = []
    block = 0
    fence: str | None = None
    raws = text.split("\n")
    tables = _table_rows(raws) if markdown else set()
    for n, raw in enumerate(raws):
        if n in tables:  # a Markdown table is kept as it is, like code
            lines.append(Line(raw.strip(), "", block, Kind.CODE))
            continue
        if markdown and (fence or _FENCE.match(raw)):
            match = _FENCE.match(raw)
            if match and fence is None:
                fence = match.group(1)
            elif match and raw.strip().startswith(fence or "```"):
                fence = None
            lines.append(Line(raw.rstrip(), "", block, Kind.CODE))
            continue
        if not raw.strip():
            if lines and lines[-1].kind is not Kind.BLANK:
                block += 1
            lines.append(Line("", "", block, Kind.BLANK))
            continue
        if markdown:
            stripped = raw.rstrip()
            prev = lines[-1] if lines else None
            underline = _SETEXT.match(stripped)
            if underline and prev is not None and prev.kind is Kind.TEXT and prev.block == block:
                # `Title` over `=====` is a heading: written the ATX way, one line to judge.
                prev.raw = ("# " if underline.group(1) else "## ") + prev.raw.lstrip()
                continue
            lines.append(Line(stripped, visible(stripped), block))
        else:
            clean = " ".join(raw.split())
            lines.append(Line(clean, clean, block))
    return lines


_TABLE_RULE = re.compile(r"^\s*\|(?:\s*:?-{3,}:?\s*\|)+\s*$")


def _table_rows(raws: list[str]) -> set[int]:
    """Line numbers of Markdown tables: a `| a | b |` row over a `| --- | --- |` rule, and the
    `|` rows under it."""
    rows: set[int] = set()
    for n, raw in enumerate(raws[:-1]):
        if n in rows or not raw.lstrip().startswith("|") or not _TABLE_RULE.match(raws[n + 1]):
            continue
        end = n + 2
        while end < len(raws) and raws[end].lstrip().startswith("|"):
            end += 1
        rows.update(range(n, end))
    return rows


def reflow(lines: list[Line]) -> list[Line]:
    """Join hard-wrapped lines (every line shorter than ~100 characters, many near one width)."""
    lengths = [len(ln.raw) for ln in lines if ln.kind is Kind.TEXT]
    if not lengths or max(lengths) > 100 or sum(1 for n in lengths if n >= 60) < 3:
        return lines
    width = max(lengths)
    out: list[Line] = []
    for line in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and line.kind is Kind.TEXT
            and prev.kind is Kind.TEXT
            and prev.block == line.block
            and len(prev.raw.split("\n")[-1]) >= 0.6 * width
            and not BULLET.match(line.raw)
            and not NUMBERED.match(line.raw)
        ):
            joined = prev.raw + " " + line.raw
            out[-1] = Line(joined, joined, prev.block)
            continue
        out.append(line)
    return out


def text_lines(lines: list[Line]) -> list[int]:
    return [i for i, ln in enumerate(lines) if ln.kind is Kind.TEXT]
