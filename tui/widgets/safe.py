"""Make untrusted brief text safe to paint: no control or bidi codes, same length out as in."""

from __future__ import annotations

from rich.text import Text

REPLACEMENT = "\ufffd"

# Same length in and out, so offsets into Brief.body stay valid on screen (hits, entities).
_TABLE: dict[int, str] = {code: REPLACEMENT for code in range(0x20) if code != 0x0A}
_TABLE[0x09] = " "
_TABLE[0x7F] = REPLACEMENT
_TABLE.update({code: REPLACEMENT for code in range(0x80, 0xA0)})
# Bidirectional overrides and isolates can make text read differently from what is stored.
_TABLE.update({code: REPLACEMENT for code in (0x200E, 0x200F, 0x061C)})
_TABLE.update({code: REPLACEMENT for code in range(0x202A, 0x202F)})
_TABLE.update({code: REPLACEMENT for code in range(0x2066, 0x206A)})


def clean(text: str) -> str:
    """The text with every control character replaced by a visible one; newlines kept."""
    return text.translate(_TABLE)


def one_line(text: str | None, placeholder: str = "") -> str:
    """A cleaned value for a single-line cell (titles, sources): newlines become spaces."""
    if not text:
        return placeholder
    return " ".join(clean(text).split())


def plain(text: str | None, style: str = "", placeholder: str = "") -> Text:
    """A rich Text of untrusted text: never parsed as markup."""
    return Text(one_line(text, placeholder), style=style, no_wrap=True, overflow="ellipsis")
