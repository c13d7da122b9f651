"""Finding notes by their words: the note's text and its quote, with the index's own analysis.

Notes are few (hundreds to thousands), so they are matched in memory: every word of the query
must be in the note (its stem, as the index stems body text, so "claims" finds "claim"), case
and accents aside ("aliyev" finds "Alíyev"). A query of stop words only ("the", "who") looks for
those words as they are. With `prefix`, the last word may be the start of a word, for searching
as one types.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from tui.core.notes.model import Note


@lru_cache(maxsize=1)
def _analyzer() -> Any:
    from tui.core.schema import build_schema

    return build_schema()["body"].analyzer


def fold(text: str) -> str:
    """Lower case without accents: "Élysée" -> "elysee"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=16384)
def _stems(text: str) -> frozenset[str]:
    return frozenset(token.text for token in _analyzer()(fold(text)))


@lru_cache(maxsize=16384)
def _words(text: str) -> tuple[str, ...]:
    return tuple(token.text for token in _analyzer()(fold(text), no_morph=True, removestops=False))


def _haystack(note: Note) -> str:
    return f"{note.text}\n{note.target.quote}"


def matches(note: Note, query: str, *, prefix: bool = False) -> bool:
    """Whether every word of `query` is in the note's text or quote (an empty query: yes)."""
    text = _haystack(note)
    typed = _words(query)
    last: str | None = None
    whole = query
    if prefix and typed and not query[-1].isspace():
        last = typed[-1]
        whole = query.rstrip()[: -len(query.split()[-1])] if query.split() else ""
    wanted = _stems(whole)
    if wanted:
        if not wanted <= _stems(text):
            return False
    elif last is None and typed and not set(typed) <= set(_words(text)):
        return False
    return last is None or any(word.startswith(last) for word in _words(text))


def search_notes(
    notes: Iterable[Note],
    query: str = "",
    *,
    label: str | None = None,
    brief: str | None = None,
    prefix: bool = False,
) -> list[Note]:
    """The notes matching `query` (see `matches`), with this label (any case) and of this brief,
    in the order given."""
    wanted_label = label.casefold() if label is not None else None
    found: list[Note] = []
    for note in notes:
        if brief is not None and note.brief != brief:
            continue
        if wanted_label is not None and (note.label or "").casefold() != wanted_label:
            continue
        if query.strip() and not matches(note, query, prefix=prefix):
            continue
        found.append(note)
    return found
