"""Numbers as written in prose: "3,000", "9.4bn", "2.5 million", "two hundred", "a dozen",
"tens of thousands" (an estimate: an interval, not a point)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Number:
    """A number in a text: `text[start:end]`; `value` and the rounding `step` of its last digit
    (0 when it is a whole count), or `low`/`high` for an estimate ("hundreds")."""

    start: int
    end: int
    value: float
    step: float = 0.0
    low: float | None = None  # an estimate: the interval it names
    high: float | None = None
    digits: bool = True  # written in digits (years look like numbers: the caller checks)
    scale_word: str = ""  # "bn", "million", ... as written, when there is one


SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "trn": 1e12,
}  # fmt: skip
# Scales that are also other words ("5m" is five metres too): only after a currency.
_SHORT = frozenset({"m", "k", "b"})

_DIGITS = re.compile(
    r"(?<![\w.,/-])(?P<int>\d{1,3}(?:,\d{3})+|\d+)(?:\.(?P<dec>\d+))?"
    r"(?:(?P<glue>[ \t]?)(?P<scale>thousand|million|billion|trillion|bn|mn|mln|tn|trn|m|k|b)"
    r"(?![\w]))?"
    r"(?![\d_]|[.,]\d|(?:st|nd|rd|th)\b)"
)

_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_BIG = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}
_WORD = re.compile(r"[A-Za-z]+")
# Orders of magnitude named without a number: the interval each allows.
_PLURALS = {
    "dozens": (24, 99),
    "scores": (40, 199),
    "hundreds": (200, 999),
    "thousands": (2e3, 9999),
    "millions": (2e6, 9.999e6),
    "billions": (2e9, 9.999e9),
}
_ESTIMATES = [
    (re.compile(r"\btens of thousands\b", re.I), 2e4, 99999.0),
    (re.compile(r"\bhundreds of thousands\b", re.I), 2e5, 999999.0),
    (re.compile(r"\btens of millions\b", re.I), 2e7, 99999999.0),
    (re.compile(r"\bhundreds of millions\b", re.I), 2e8, 999999999.0),
    (re.compile(r"\b(?:several|a few) (hundred|thousand|million|billion)\b", re.I), 2.0, 9.99),
    (re.compile(r"\b(dozens|scores|hundreds|thousands|millions|billions)\b", re.I), 0.0, 0.0),
]


def find_numbers(text: str, start: int = 0, end: int | None = None) -> list[Number]:
    """Every number in `text[start:end]`, in order, none overlapping; estimates included."""
    end = len(text) if end is None else end
    found: list[Number] = []
    taken = bytearray(end - start + 1)

    def claim(n: Number) -> None:
        if not any(taken[n.start - start : n.end - start]):
            found.append(n)
            for i in range(n.start - start, n.end - start):
                taken[i] = 1

    for m in _DIGITS.finditer(text, start, end):
        claim(_digit_number(m))
    for pattern, low, high in _ESTIMATES:
        for m in pattern.finditer(text, start, end):
            if m.lastindex:  # a named order: "hundreds", or "several hundred"
                word = m.group(1).lower()
                if word in _PLURALS:
                    lo, hi = _PLURALS[word]
                else:
                    lo, hi = low * _BIG[word], high * _BIG[word]
            else:
                lo, hi = low, high
            claim(Number(m.start(), m.end(), lo, 0.0, lo, hi, digits=False))
    for n in _word_numbers(text, start, end):
        claim(n)
    return sorted(found, key=lambda n: n.start)


def _digit_number(m: re.Match[str]) -> Number:
    whole = m.group("int").replace(",", "")
    dec = m.group("dec") or ""
    value = float(f"{whole}.{dec}") if dec else float(whole)
    step = 10.0 ** -len(dec) if dec else 0.0
    scale_word = (m.group("scale") or "").lower()
    if scale_word in _SHORT and m.group("glue"):
        scale_word = ""  # "5 m" is metres; "5m" after a currency is five million
    if scale_word:
        factor = SCALES[scale_word]
        value *= factor
        step = step * factor if dec else 0.0
        end = m.end()
    else:
        end = m.end("dec") if dec else m.end("int")
    return Number(m.start(), end, value, step, digits=True, scale_word=scale_word)


def _word_numbers(text: str, start: int, end: int) -> list[Number]:
    """Numbers in words: "two hundred", "forty-five", "a dozen", "a hundred", "half a million"."""
    words = [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text, start, end)]
    out: list[Number] = []
    i = 0
    while i < len(words):
        j, value = _parse_words(words, i, text)
        if j > i and value is not None:
            out.append(Number(words[i][0], words[j - 1][1], value, 0.0, digits=False))
            i = j
        else:
            i += 1
    return out


def _parse_words(words: list[tuple[int, int, str]], i: int, text: str) -> tuple[int, float | None]:
    w = words[i][2]
    nxt = words[i + 1][2] if i + 1 < len(words) else ""
    if w == "a" and nxt == "dozen":
        return i + 2, 12.0
    if w == "half" and nxt == "a" and i + 2 < len(words) and words[i + 2][2] in _BIG:
        return i + 3, 0.5 * _BIG[words[i + 2][2]]
    if w == "a" and nxt in ("hundred", "thousand", "million", "billion"):
        total, j = _BIG[nxt], i + 2
        return j, total
    if w not in _UNITS and w not in _TENS:
        return i, None
    total, current, j = 0.0, 0.0, i
    while j < len(words):
        word = words[j][2]
        gap = text[words[j - 1][1] : words[j][0]] if j > i else ""
        if j > i and gap not in (" ", "-"):
            break
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred" and j > i:
            current = (current or 1) * 100
        elif word in _BIG and j > i:
            total += (current or 1) * _BIG[word]
            current = 0.0
        elif word == "and" and j > i and j + 1 < len(words) and words[j + 1][2] in _UNITS | _TENS:
            pass
        else:
            break
        j += 1
    if j == i + 1 and words[i][2] in ("one",):
        return i, None  # "one" alone is a pronoun more often than a count
    return j, total + current
