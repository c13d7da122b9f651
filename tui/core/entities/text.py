"""Text helpers every part of extraction shares: folding, slugs (canonical ids), surface keys."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Set as AbstractSet

# Typographic apostrophes and dashes become ASCII ones, char for char, so offsets survive.
_FOLD_PAIRS = (
    ("’", "'"),
    ("‘", "'"),
    ("ʼ", "'"),
    ("′", "'"),
    ("`", "'"),
    ("–", "-"),
    ("—", "-"),
    ("‑", "-"),
    ("‐", "-"),
    ("−", "-"),
)

CALENDAR = frozenset(
    [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ]
)

TOKEN_RE = re.compile(r"\w+|[^\w\s]")

# In event names these words match in any case ("the second Nagorno-Karabakh war").
GENERIC_EVENT_WORDS = frozenset(
    [
        "war",
        "wars",
        "conflict",
        "crisis",
        "revolution",
        "uprising",
        "genocide",
        "massacre",
        "summit",
        "invasion",
        "first",
        "second",
        "third",
        "civil",
        "world",
        "attack",
        "attacks",
        "agreement",
        "agreements",
        "accords",
        "accord",
        "protests",
        "deal",
        "annexation",
        "collapse",
        "dissolution",
        "fall",
    ]
)

# Spelling pairs generated for every name, so the data lists one of each.
_VARIANTS = (
    ("Organization", "Organisation"),
    ("Defense", "Defence"),
    ("Center", "Centre"),
    ("Program", "Programme"),
    ("Cooperation", "Co-operation"),
)


def fold(text: str) -> str:
    """ASCII apostrophes and hyphens; same length as `text`."""
    # str.replace per character is several times faster than str.translate on long texts
    for old, new in _FOLD_PAIRS:
        if old in text:
            text = text.replace(old, new)
    return text


def slug(text: str) -> str:
    """The canonical id of a name: lower-case ASCII words joined by hyphens (accents folded:
    "Nicolás Maduro" and "Nicolas Maduro" are one id)."""
    ascii_text = unicodedata.normalize("NFKD", fold(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def key_tokens(surface: str, *, event: bool = False) -> list[str]:
    """The lookup keys of a surface form: tokens, each after a space carrying a leading space."""
    text = fold(unicodedata.normalize("NFC", surface))
    keys: list[str] = []
    last_end = 0
    for m in TOKEN_RE.finditer(text):
        tok = m.group()
        if event and tok.lower() in GENERIC_EVENT_WORDS:
            tok = tok.lower()
        keys.append((" " + tok) if keys and m.start() > last_end else tok)
        last_end = m.end()
    return keys


def spellings(surface: str) -> list[str]:
    forms = [surface]
    for a, b in _VARIANTS:
        for form in list(forms):
            if a in form:
                forms.append(form.replace(a, b))
            elif b in form:
                forms.append(form.replace(b, a))
    return forms


def is_code(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters)


def plain_word(word: str, words: AbstractSet[str]) -> bool:
    """Is `word` (any case) an English word of `words` or an inflection of one? The web2 list
    has no plurals or verb forms: "Posts", "Motors", "Reports", "Reading" are found through
    "post", "motor", "report", "read"."""
    low = word.lower()
    if low in words:
        return True
    stems = []
    if low.endswith("ies"):
        stems.append(low[:-3] + "y")
    if low.endswith("es"):
        stems.append(low[:-2])
    if low.endswith("s") and not low.endswith("ss"):
        stems.append(low[:-1])
    if low.endswith("ed"):
        stems += [low[:-2], low[:-1]]
    if low.endswith("ing"):
        stems += [low[:-3], low[:-3] + "e"]
    return any(len(s) >= 3 and s in words for s in stems)
