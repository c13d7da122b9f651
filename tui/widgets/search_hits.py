"""A search result as the search screen lists it: title, source and date, a one-line snippet
with its hits marked (reverse and bold, so they show without colour too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.style import Style
from rich.text import Text

from tui.widgets.safe import clean, one_line

if TYPE_CHECKING:
    from tui.core.search import SearchHit

SNIPPET_CHARS = 200
# Hits stay visible without colour: reverse video, bold.
HIT_STYLE = Style(reverse=True, bold=True)


def snippet_text(text: str, highlights: list[tuple[int, int]], limit: int = SNIPPET_CHARS) -> Text:
    """A snippet on one line: heading marks and runs of blanks dropped, hits still marked."""
    text = clean(text)
    marked = [False] * len(text)
    for start, end in highlights:
        for position in range(max(0, start), min(end, len(text))):
            marked[position] = True
    chars: list[str] = []
    hit: list[bool] = []
    line_start = True
    for position, char in enumerate(text):
        if char == "\n":
            line_start, char = True, " "
        elif line_start and char == "#":
            continue  # a Markdown heading mark at the start of a line
        else:
            line_start = line_start and char == " "
        if char == " " and (not chars or chars[-1] == " "):
            continue
        chars.append(char)
        hit.append(marked[position])
        if len(chars) >= limit:
            chars.append("…")
            hit.append(False)
            break
    out = Text("".join(chars))
    run_start: int | None = None
    for position, is_hit in enumerate([*hit, False]):
        if is_hit and run_start is None:
            run_start = position
        elif not is_hit and run_start is not None:
            out.stylize(HIT_STYLE, run_start, position)
            run_start = None
    out.rstrip()
    return out


def fit(label: str, width: int) -> str:
    """The label cut to `width` cells with an ellipsis (facet values can be long)."""
    return label if len(label) <= width else label[: max(1, width - 1)] + "…"


def hit_prompt(hit: SearchHit) -> Text:
    """A result as three lines: title, source and date, snippet with the hits marked."""
    text = Text(no_wrap=False)
    text.append(one_line(hit.title), style="bold")
    meta = " · ".join(
        part
        for part in (one_line(hit.source), hit.published.isoformat() if hit.published else "")
        if part
    )
    if meta:
        text.append("\n")
        text.append(meta, style="dim")
    if hit.snippets:
        snippet = hit.snippets[0]
        text.append("\n")
        text.append_text(snippet_text(snippet.text, snippet.highlights))
    return text


__all__ = ["HIT_STYLE", "fit", "hit_prompt", "snippet_text"]
