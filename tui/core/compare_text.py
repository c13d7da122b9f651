"""Text pieces the comparison needs: sentence spans, word tokens with stems, stop words."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Abbreviations that are followed by a name or a number, never by a new sentence in edited prose.
_TITLES = _words(
    "mr mrs ms dr prof sr jr st mt gen col lt maj capt cpt sgt adm cmdr gov sen rep pres amb hon "
    "rev fr messrs mme mlle vs v cf al approx ca eg ie viz"
)
# Abbreviations before a number: "Jan. 5" and "No. 3" go on, "in Jan. The" and "said no. Then" end.
_NUMBERED = _words(
    "jan feb mar apr jun jul aug sep sept oct nov dec no nos vol pp p fig art sec ch"
)
# Abbreviations that often end a sentence too: split only before a typical sentence opener.
_AMBIGUOUS = _words("etc inc ltd co corp bros plc llc ave")

# Capitalised words that open sentences (and rarely follow an initial or "U.S." inside one).
_OPENERS = _words(
    "a an the this that these those it its he she they we i you his her their our there here "
    "in on at by for from with as after before since while when where if but and or so yet "
    "however although though moreover meanwhile still also some many most such what which who "
    "both each all one two three no not nor then thus hence instead despite given"
)

# A sentence ends at . ! ? or an ellipsis, maybe followed by closing quotes, brackets or emphasis
# marks, then whitespace, then something that can open a sentence.
_END = re.compile(r"[.!?…]+[\"'”’»)\]*_]*(?=\s+[\"'“‘«(\[*_]*[\w\d])")
_WORD_BEFORE = re.compile(r"([\w.’'-]+)$")
_NEXT_WORD = re.compile(r"\s+[\"'“‘«(\[*_]*(\w+)")
_INITIAL = re.compile(r"^[A-Z]$")
_DOTTED = re.compile(r"^(?:\w\.)+\w$")  # U.S, e.g, a.m (the final period is the candidate)
_BLOCK = re.compile(r"[^\n]+(?:\n[^\n]+)*")
_LINE = re.compile(r"[^\n]+")
# A list item or a heading starts a new sentence even without punctuation before it.
_ITEM = re.compile(r"[ \t]*(?:[-*+]|\d+[.)]|#{1,6})[ \t]")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`; sentences never cross a paragraph, a list item or
    a heading line."""
    spans: list[tuple[int, int]] = []
    for block in _BLOCK.finditer(text):
        seg_start = block.start()
        after_heading = False
        for line in _LINE.finditer(text, block.start(), block.end()):
            if line.start() > seg_start and (after_heading or _ITEM.match(text, line.start())):
                spans.extend(_split_block(text, seg_start, line.start()))
                seg_start = line.start()
            after_heading = text.startswith("#", line.start())
        spans.extend(_split_block(text, seg_start, block.end()))
    return spans


def _split_block(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    pos = start
    for match in _END.finditer(text, start, end):
        if _is_boundary(text, match.start(), match.end(), end):
            yield from _trimmed(text, pos, match.end())
            pos = match.end()
    yield from _trimmed(text, pos, end)


def _is_boundary(text: str, dot: int, after: int, end: int) -> bool:
    if text[dot] != ".":  # ! ? … and runs like ".." end a sentence whatever precedes them
        return True
    if text[dot:after].startswith(".."):
        return True
    before = _WORD_BEFORE.search(text, max(0, dot - 40), dot)
    if before is None:
        return True
    word = before.group(1).strip(".’'-")
    next_match = _NEXT_WORD.match(text, after, end)
    next_word = next_match.group(1) if next_match else ""
    lower = word.lower()
    if lower.replace(".", "") in _TITLES:
        return False
    if lower in _NUMBERED:
        return not next_word[:1].isdigit()
    if lower in _AMBIGUOUS or _INITIAL.match(word) or _DOTTED.match(word):
        return next_word[:1].isupper() and next_word.lower() in _OPENERS
    # A lower-case word after the period ("e.g. the") means the sentence goes on.
    return not next_word[:1].islower()


def _trimmed(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        yield (start, end)


class SentenceIndex:
    """Finds the sentence that holds an offset, by bisection over the sentence starts."""

    def __init__(self, text: str) -> None:
        self.spans = sentence_spans(text)
        self._starts = [start for start, _ in self.spans]

    def find(self, offset: int) -> int | None:
        """Index of the sentence containing `offset`, or None between sentences."""
        i = bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.spans[i][1]:
            return i
        return None


# English function words (the Snowball list), plus words frequent in analysis prose that carry no
# topic ("since", "recent", "made"): they made unrelated paragraphs look alike.
STOP_WORDS = _words(
    """
    a about above after again against all also am an and any are aren't as at be because been
    before being below between both but by can can't cannot could couldn't did didn't do does
    doesn't doing don't down during each either few for from further had hadn't has hasn't have
    haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd
    i'll i'm i've if in into is isn't it it's its itself let's me more most mustn't my myself no nor
    not of off on once only or other ought our ours ourselves out over own same shan't she she'd
    she'll she's should shouldn't so some such than that that's the their theirs them themselves
    then there there's these they they'd they'll they're they've this those through to too under
    until up very was wasn't we we'd we'll we're we've were weren't what what's when when's where
    where's which while who who's whom why why's with won't would wouldn't you you'd you'll you're
    you've your yours yourself yourselves
    may might must shall will can us upon within without whether yet however therefore thus
    also although though even ever every many much one ones another via per among amongst
    since still already now just like well back across around along according toward towards way
    made make makes making use used uses using new first last recent recently including given
    become became becomes
    """
)

_TOKEN = re.compile(r"\w+(?:['’]\w+)*")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The Porter stem Whoosh's StemmingAnalyzer indexes, cached (briefs repeat their words)."""
    from whoosh.lang.porter import stem as porter_stem

    return str(porter_stem(word))


@dataclass
class Tokens:
    """The content words of a text as parallel lists (a brief has tens of thousands: no object
    per word). `texts[i]` is the surface of word i in the body, `keys[i]` its stem."""

    starts: list[int]
    ends: list[int]
    texts: list[str]
    keys: list[str]

    def __len__(self) -> int:
        return len(self.keys)

    def between(self, start: int, end: int) -> list[str]:
        """The stems of the words that start in [start, end)."""
        return self.keys[bisect_left(self.starts, start) : bisect_left(self.starts, end)]


def content_tokens(text: str) -> Tokens:
    """Content words of `text`: lower-cased, possessive dropped, stop words and one-letter tokens
    removed, then Porter-stemmed."""
    tokens = Tokens([], [], [], [])
    starts, ends, texts, keys = tokens.starts, tokens.ends, tokens.texts, tokens.keys
    # Briefs repeat their words: decide each distinct surface once.
    seen: dict[str, tuple[str, str] | None] = {}
    for match in _TOKEN.finditer(text):
        surface = match.group()
        if surface in seen:
            known = seen[surface]
        else:
            known = seen[surface] = _content_word(surface)
        if known is None:
            continue
        start = match.start()
        starts.append(start)
        ends.append(start + len(known[0]))
        texts.append(known[0])
        keys.append(known[1])
    return tokens


def _content_word(surface: str) -> tuple[str, str] | None:
    """(surface without possessive, stem), or None for a stop word."""
    word = surface.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
        surface = surface[:-2]
    if len(word) < 2 or word in STOP_WORDS or "_" in word:
        return None
    return surface, stem(word)
