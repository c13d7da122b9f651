"""The reader's layout: every body offset lands on exactly one screen line, at any width."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from tui.widgets.brief_layout import LineIndex, inline_markup, layout_body, wrap_range
from tui.widgets.safe import clean

BODY = """## Summary

Armenia has long relied on Russia as the guarantor of its security. Russian military bases
in Armenia were meant to deter any attack.

- first point, long enough to wrap onto a second line at a narrow width
- second point
continued here

> a quoted line

```
code   keeps   its   spaces
```

---

Antidisestablishmentarianism_without_any_break_at_all ends here."""


def shown(body: str, width: int) -> list[tuple[str, str]]:
    return [(line.kind, body[line.start : line.end].strip()) for line in layout_body(body, width)]


def test_blocks_become_kinds_of_lines() -> None:
    lines = layout_body(BODY, 40)
    kinds = [line.kind for line in lines]
    assert kinds[0] == "heading" and BODY[lines[0].start : lines[0].end] == "Summary"
    items = [line for line in lines if line.kind == "item" and line.prefix]
    assert [line.prefix for line in items] == ["• ", "• "]
    assert "continued here" in " ".join(
        BODY[line.start : line.end] for line in lines if line.kind == "item"
    )
    assert any(line.kind == "quote" and line.prefix == "│ " for line in lines)
    code = [line for line in lines if line.kind == "code"]
    assert BODY[code[0].start : code[0].end] == "code   keeps   its   spaces"
    assert "rule" in kinds
    assert kinds[-1] == "text"


@pytest.mark.parametrize("width", [8, 20, 40, 76])
def test_lines_fit_the_width(width: int) -> None:
    for line in layout_body(BODY, width):
        text = BODY[line.start : line.end].replace("\n", " ").rstrip()
        assert line.indent + cell_len(text) <= max(width, 8), (line, text)


def test_wide_characters_count_two_cells() -> None:
    body = "漢字" * 30
    for start, end in wrap_range(body, 0, len(body), 10):
        assert cell_len(body[start:end]) <= 10


def test_line_index_finds_the_line_of_an_offset() -> None:
    lines = layout_body(BODY, 30)
    index = LineIndex(lines)
    for number, line in enumerate(lines):
        if line.kind not in ("blank", "rule") and line.end > line.start:
            assert index.line_of(line.start) == number
            assert index.line_of(line.end - 1) == number
    target = BODY.index("deter")
    line = lines[index.line_of(target)]
    assert line.start <= target < line.end


@settings(max_examples=200, deadline=None)
@given(
    st.text(alphabet=st.sampled_from([*list("ab c\n#->`*1."), "漢"]), max_size=300),
    st.integers(min_value=1, max_value=90),
)
def test_every_word_is_shown_once_in_order(body: str, width: int) -> None:
    body = clean(body)
    lines = layout_body(body, width)
    starts = [line.start for line in lines]
    assert starts == sorted(starts)
    for a, b in itertools.pairwise(lines):
        if a.kind not in ("blank", "rule") and b.kind not in ("blank", "rule"):
            assert a.end <= b.start
    # Each line's text is within the body, and word-wrapped lines end before the next starts.
    for line in lines:
        assert 0 <= line.start <= line.end <= len(body)


def test_clean_keeps_offsets() -> None:
    text = "a\x1b[31mb\x07\tc\u202ed\n"
    cleaned = clean(text)
    assert len(cleaned) == len(text)
    assert "\x1b" not in cleaned and "\x07" not in cleaned and "\u202e" not in cleaned
    assert cleaned.endswith("\n")
    assert cleaned[cleaned.index("c") - 1] == " "  # the tab


def test_inline_marks_are_found_without_moving_offsets() -> None:
    body = "*Map caption* and **strong** with `co*de*`, [a link](http://x) and snake_case 2*3*4"
    markup = inline_markup(body)
    shown = "".join(
        char
        for position, char in enumerate(body)
        if not any(start <= position < end for start, end in markup.hidden)
    )
    assert shown == "Map caption and strong with co*de*, a link and snake_case 2*3*4"
    kinds = {body[start:end]: kind for start, end, kind in markup.styled}
    assert kinds == {
        "Map caption": "emphasis",
        "strong": "strong",
        "co*de*": "code",
        "a link": "link",
    }
