"""From a capture's text to a clean brief body: furniture out, metadata lifted, paragraphs shaped.

The text is cut into lines and each line gets a kind (tui.core.ingest.lines); rules then look at
a line and its neighbours (a cookie banner is a run of lines, a caption is a label over a credit
line, a menu is a run of one-word lines above the title). Only what is left as article text
reaches the body.
"""

from __future__ import annotations

import tui.core.ingest.furniture as fur
from tui.core.ingest.chrome import (
    collapse_repeats,
    mark_cookie_banners,
    mark_furniture,
    mark_menus,
    mark_related,
)
from tui.core.ingest.header import mark_labelled_fields, mark_metadata, mark_title, regions
from tui.core.ingest.lines import (
    BULLET,
    HEADING_WORDS,
    NUMBERED,
    Cleaned,
    Kind,
    Line,
    is_heading_like,
    is_prose,
    reflow,
    split_lines,
    word_count,
)

# --- the pipeline --------------------------------------------------------------------------


def clean_text(text: str, *, markdown: bool, title: str | None = None) -> Cleaned:
    """Clean the text of a capture (already decoded and scrubbed).

    With `markdown`, the text keeps its own structure (headings, lists, code); otherwise each line
    of a web capture is a paragraph, short standalone lines become `##` headings, hard-wrapped
    text is reflowed, and bullets become Markdown lists. `title`, when the caller knows it (front
    matter, HTML metadata), is used instead of a title line, whose repeat is then removed.
    """
    lines = split_lines(text, markdown=markdown)
    if not markdown:
        lines = reflow(lines)
    out = Cleaned(body="", title=title)
    mark_furniture(lines)
    mark_cookie_banners(lines)
    mark_related(lines)
    header_end, trailer_start, meta_end = regions(lines)
    mark_menus(lines, header_end)
    mark_labelled_fields(lines, meta_end)
    mark_metadata(lines, out, meta_end, trailer_start)
    collapse_repeats(lines)
    mark_title(lines, out, header_end, markdown=markdown)
    _mark_captions(lines)
    out.set_aside = [(ln.why, ln.vis) for ln in lines if ln.kind in (Kind.DROP, Kind.META)]
    out.title_line = next(
        (ln.vis for ln in lines if ln.kind is Kind.TITLE or ln.why == "title repeated"), None
    )
    out.body = _assemble_markdown(lines) if markdown else _assemble_text(lines)
    return out


def _mark_captions(lines: list[Line]) -> None:
    """A credit line becomes a caption, with the short label line right above it if any."""
    for i, ln in enumerate(lines):
        if ln.kind is not Kind.TEXT or not fur.is_credit(ln.vis):
            continue
        ln.kind, ln.why = Kind.CAPTION, "caption"
        prev = lines[i - 1] if i else None
        if (
            prev is not None
            and prev.kind is Kind.TEXT
            and prev.block == ln.block
            and word_count(prev.vis) <= 12
            and not prev.vis.endswith((".", ":", ";"))
            and not prev.raw.lstrip().startswith(("#", "-", "*", ">"))
        ):
            ln.label = prev.vis
            prev.kind, prev.why = Kind.DROP, "caption label"


def _caption(line: Line) -> str:
    text = line.vis if line.label is None else f"{line.label} — {line.vis}"
    for mark in ("*", "_"):
        if mark not in text:
            return f"{mark}{text}{mark}"
    return text


def _assemble_text(lines: list[Line]) -> str:
    """Paragraphs of a text capture: one per line, lists kept together, headings promoted."""
    paras: list[tuple[str, str]] = []  # (kind, text): kind in text | list | caption
    for ln in lines:
        if ln.kind is Kind.CAPTION:
            paras.append(("caption", _caption(ln)))
        elif ln.kind is Kind.TEXT:
            bullet = BULLET.match(ln.raw)
            item = "- " + ln.raw[bullet.end() :] if bullet else ln.raw
            is_item = bool(bullet) or bool(NUMBERED.match(ln.raw))
            if is_item and paras and paras[-1][0] == "list":
                paras[-1] = ("list", paras[-1][1] + "\n" + item)
            else:
                paras.append(("list" if is_item else "text", item))
    seen_prose = False
    shaped: list[str] = []
    for k, (kind, para) in enumerate(paras):
        following = paras[k + 1] if k + 1 < len(paras) else None
        if (
            kind == "text"
            and is_heading_like(para)
            and following is not None
            and following[0] in ("text", "list")
            and (is_prose(following[1]) or following[0] == "list")
            and _starts_a_sentence(following[1])
            and (seen_prose or HEADING_WORDS.match(para))
        ):
            shaped.append("## " + para)
            continue
        seen_prose = seen_prose or is_prose(para)
        shaped.append(para)
    return "\n\n".join(shaped)


def _starts_a_sentence(text: str) -> bool:
    first = text.lstrip("-*•“\"'‘([ ")[:1]
    return bool(first) and not first.islower()


def _assemble_markdown(lines: list[Line]) -> str:
    """A Markdown capture keeps its own blocks; dropped lines simply vanish."""
    blocks: list[list[str]] = [[]]
    for ln in lines:
        if ln.kind is Kind.BLANK:
            if blocks[-1]:
                blocks.append([])
        elif ln.kind is Kind.CODE or ln.kind is Kind.TEXT:
            blocks[-1].append(ln.raw)
        elif ln.kind is Kind.CAPTION:
            if blocks[-1]:
                blocks.append([])
            blocks[-1].append(_caption(ln))
    return "\n\n".join("\n".join(b) for b in blocks if b).strip()
