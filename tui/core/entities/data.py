"""The hand-written files in `data/` (what no dataset has: cue words, titles, organisations, named
events, metonyms, the few country names and demonyms the datasets lack), read into lookup tables.

`fold`, `slug` and `load_gazetteer` are re-exported here for the callers that import them from
this module (the CLI, the entity panel).
"""

from __future__ import annotations

from tui.core.entities.compiled import load_gazetteer
from tui.core.entities.datafiles import (
    DATA_DIR,
    cue_section,
    cue_words,
    lines,
    phrase_list,
    split_field,
    word_list,
)
from tui.core.entities.gazetteer import Entry, Gazetteer, Hit, Kind
from tui.core.entities.text import GENERIC_EVENT_WORDS, TOKEN_RE, fold, key_tokens, slug

__all__ = [
    "DATA_DIR",
    "GENERIC_EVENT_WORDS",
    "TOKEN_RE",
    "Entry",
    "Gazetteer",
    "Hit",
    "Kind",
    "cue_section",
    "cue_words",
    "fold",
    "key_tokens",
    "lines",
    "load_gazetteer",
    "phrase_list",
    "slug",
    "split_field",
    "word_list",
]
