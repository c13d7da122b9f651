"""The hand-written files in `data/`, read: lines, cue sections, word and phrase lists."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from tui.core.entities.text import key_tokens

DATA_DIR = Path(__file__).with_name("data")


def lines(name: str) -> list[str]:
    """The non-comment lines of a data file."""
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and line[0] != "#"]


def split_field(field_text: str) -> list[str]:
    return [part.strip() for part in field_text.split(";") if part.strip()]


@cache
def _cue_sections() -> dict[str, list[str]]:
    sections: dict[str, list[str]] = {}
    current: list[str] = []
    for raw in (DATA_DIR / "cues.txt").read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
            continue
        current.append(line)
    return sections


def cue_words(section: str) -> frozenset[str]:
    """The words of one section of cues.txt."""
    return frozenset(w for line in _cue_sections()[section] for w in line.split())


def cue_section(name: str) -> list[tuple[str, str]]:
    """`form=target` pairs of the combining section (targets may hold spaces)."""
    if name != "combining_pairs":
        raise KeyError(name)
    text = " ".join(_cue_sections()["combining"])
    return [
        (m.group(1), m.group(2).strip()) for m in re.finditer(r"(\w+)=([^=]+?)(?=\s+\w+=|$)", text)
    ]


@cache
def word_list(name: str) -> frozenset[str]:
    """A file of words or phrases, one or more a line (given names, surname-first names)."""
    return frozenset(w for line in lines(name) for w in line.split())


@cache
def phrase_list(name: str) -> tuple[tuple[str, ...], ...]:
    """A file of phrases, one a line, as folded token tuples, longest first."""
    phrases = {tuple(t.strip() for t in key_tokens(line)) for line in lines(name)}
    return tuple(sorted(phrases, key=len, reverse=True))


__all__ = [
    "DATA_DIR",
    "cue_section",
    "cue_words",
    "lines",
    "phrase_list",
    "split_field",
    "word_list",
]
