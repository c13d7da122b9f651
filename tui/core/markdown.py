"""Untrusted text made literal for Markdown exports (compare, disagreement flags, notes): no
markup, links, HTML, entities or block openers, and never a control character."""

from __future__ import annotations

import re

EXCERPT = 240  # characters of a paragraph shown in an export beside its counterpart

# Terminal and bidi controls: never written, whatever the format (a file ends up in a terminal).
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
# The same, newlines apart (a block keeps its lines).
_CONTROLS_BUT_NEWLINE = re.compile(
    r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]"
)
_SPACE = re.compile(r"\s+")
# Characters with a meaning anywhere in a CommonMark/GFM line.
_INLINE = re.compile(r"([\\`*_\[\]<>#|~&!])")
# What GFM turns into links on its own (autolink extension): "scheme://", "www.", "name@host".
_AUTOLINK = re.compile(r"(?<=\w)(:)(?=//)|(?<![\w.])(www)(\.)|(?<=\w)(@)(?=\w)", re.IGNORECASE)
# Characters that open a block (list, quote, heading rule) at the start of a line.
_LINE_OPENER = re.compile(r"^(\d+)([.)])|^([-+=])")


def inert(text: str) -> str:
    """One line of plain text: controls dropped, whitespace runs (newlines too) made one space."""
    return _SPACE.sub(" ", _CONTROLS.sub(" ", text)).strip()


def md_escape(text: str) -> str:
    """Brief text made literal for Markdown: no markup, links (autolinks too), HTML, entities or
    block openers."""
    escaped = _INLINE.sub(r"\\\1", inert(text))
    escaped = _AUTOLINK.sub(_unlink, escaped)
    return _LINE_OPENER.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)


def _unlink(m: re.Match[str]) -> str:
    if m[2]:
        return f"{m[2]}\\."
    return "\\" + (m[1] or m[4])


def excerpt(text: str, limit: int = EXCERPT) -> str:
    flat = inert(text)
    if len(flat) <= limit:
        return flat
    cut = flat[:limit].rsplit(" ", 1)[0]
    return cut + "…"


def escape_block(text: str) -> list[str]:
    """Untrusted text of several lines as literal Markdown lines: paragraph breaks kept, each
    line escaped (indentation dropped, so nothing becomes a code block)."""
    out: list[str] = []
    for raw in _CONTROLS_BUT_NEWLINE.sub(" ", text).split("\n"):
        line = md_escape(raw)
        if line or (out and out[-1]):
            out.append(line)
    while out and not out[-1]:
        out.pop()
    return out


__all__ = ["EXCERPT", "escape_block", "excerpt", "inert", "md_escape"]
