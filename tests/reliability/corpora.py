"""Generated corpora with known answers: brief i holds the word `marker(i)` and nothing else
does; every brief holds `SHARED`. A search can then be checked exactly after any fault."""

from __future__ import annotations

import random
from pathlib import Path

from tui.core.brief import Brief, write_brief

SHARED = "caspianwide"
_VOCAB = [
    "gas",
    "pipeline",
    "corridor",
    "ministry",
    "talks",
    "border",
    "observers",
    "treaty",
    "sanctions",
    "election",
    "protest",
    "energy",
    "transit",
    "railway",
    "port",
    "tariff",
    "summit",
    "envoy",
    "ceasefire",
    "refinery",
    "customs",
    "grain",
]


def marker(i: int) -> str:
    return f"mark{i:04d}x"


def brief_id(i: int) -> str:
    return f"brief-{i:04d}"


def make_corpus(folder: Path, count: int, *, start: int = 0, seed: int = 3) -> dict[str, str]:
    """Write briefs start..start+count-1; returns id -> its marker word."""
    rng = random.Random(seed + start)
    answers: dict[str, str] = {}
    for i in range(start, start + count):
        paragraphs = [" ".join(rng.choice(_VOCAB) for _ in range(90)) + "." for _ in range(4)]
        paragraphs[rng.randrange(4)] += f" {marker(i)} {SHARED}."
        brief = Brief(
            id=brief_id(i),
            title=f"Transit report {i}",
            body="\n\n".join(paragraphs),
            source=rng.choice(["Caucasus Watch", "Eurasia Desk", "Energy Monitor"]),
        )
        write_brief(brief, folder)
        answers[brief.id] = marker(i)
    return answers
