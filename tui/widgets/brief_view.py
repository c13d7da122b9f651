"""The brief reading view: a Line-API widget that paints a brief at a comfortable measure.

Marks (search hits, find matches, entity mentions, notes, a selection) are ranges of body offsets
in named layers; the view styles them wherever they land, so other features only deal in offsets.
A decoration (the notes' margin letters and overview: tui.widgets.note_marks) paints over lines.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar, Literal, Protocol

from rich.style import Style
from rich.text import Text
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.core.brief import Brief
from tui.widgets.brief_layout import DisplayLine, LineIndex, inline_markup, layout_body
from tui.widgets.note_styles import COLOUR_CLASSES, note_css
from tui.widgets.safe import clean, one_line

# The longest line of text, in cells: about 12 words, the measure of a book page.
MEASURE = 76


@dataclass(frozen=True, slots=True)
class Mark:
    """A range of body offsets to style with one of the view's component classes."""

    start: int
    end: int
    style: str = "brief-view--hit"


class MarkLayer:
    """The marks of one layer, sorted, with a fast lookup of those touching an offset range."""

    def __init__(self, marks: Iterable[Mark], order: int) -> None:
        self.marks = sorted((m for m in marks if m.end > m.start), key=lambda m: (m.start, m.end))
        self.order = order
        self._starts = [m.start for m in self.marks]
        self._longest = max((m.end - m.start for m in self.marks), default=0)

    def between(self, start: int, end: int) -> list[Mark]:
        first = bisect_left(self._starts, start - self._longest)
        last = bisect_left(self._starts, end)
        return [m for m in self.marks[first:last] if m.end > start]


class Decoration(Protocol):
    """Painted over the text: per body line (cached with the line) and per row of the view."""

    def on_line(self, view: BriefView, strip: Strip, line_number: int) -> Strip: ...

    def on_row(self, view: BriefView, strip: Strip, y: int) -> Strip: ...


INLINE_STYLES = {
    "strong": "brief-view--strong",
    "emphasis": "brief-view--emphasis",
    "code": "brief-view--code",
    "link": "brief-view--link",
}


def format_date(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""


class BriefView(ScrollView, can_focus=True):
    """Shows one brief: title block, then the body laid out by `layout_body`."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "brief-view--title",
        "brief-view--meta",
        "brief-view--heading",
        "brief-view--subheading",
        "brief-view--quote",
        "brief-view--code",
        "brief-view--strong",
        "brief-view--emphasis",
        "brief-view--link",
        "brief-view--rule",
        "brief-view--hit",
        "brief-view--current",
        "brief-view--entity",
        "brief-view--entity-person",
        "brief-view--entity-org",
        "brief-view--entity-place",
        "brief-view--entity-event",
        "brief-view--entity-date",
        "brief-view--selection",
        *COLOUR_CLASSES,
    }

    # Hits use reverse video and the current hit adds bold underline, so both survive NO_COLOR;
    # entity types differ in text style too (place u, person b u, org i u, event b i u, date dim u).
    DEFAULT_CSS = """
    BriefView {
        scrollbar-gutter: stable;
        background: $surface;
        color: $foreground;
        & > .brief-view--title { text-style: bold; color: $text-primary; }
        & > .brief-view--meta { color: $text-muted; }
        & > .brief-view--heading { text-style: bold underline; color: $text-accent; }
        & > .brief-view--subheading { text-style: bold; color: $text-accent; }
        & > .brief-view--quote { text-style: italic; color: $text-muted; }
        & > .brief-view--code { color: $text-secondary; }
        & > .brief-view--strong { text-style: bold; }
        & > .brief-view--emphasis { text-style: italic; }
        & > .brief-view--link { text-style: underline; }
        & > .brief-view--rule { color: $text-muted; }
        & > .brief-view--hit { text-style: reverse; color: $text-warning; }
        & > .brief-view--current { text-style: reverse bold underline; color: $text-accent; }
        & > .brief-view--entity { text-style: underline; }
        & > .brief-view--entity-person { text-style: bold underline; color: $text-success; }
        & > .brief-view--entity-org { text-style: italic underline; color: $text-secondary; }
        & > .brief-view--entity-place { text-style: underline; color: $text-primary; }
        & > .brief-view--entity-event { text-style: bold italic underline; color: $text-warning; }
        & > .brief-view--entity-date { text-style: dim underline; }
        & > .brief-view--selection { text-style: reverse underline; }
    }
    """ + note_css("BriefView")

    def __init__(
        self,
        brief: Brief | None = None,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._brief = brief
        self._body = clean(brief.body) if brief else ""
        self._inline, self._hidden = self._analyse(self._body)
        self._lines: list[DisplayLine] = []
        self._header: list[tuple[str, str]] = []  # (text, component class)
        self._index = LineIndex([])
        self._layers: dict[str, MarkLayer] = {}
        self._laid_out_width = 0
        self._pending_offset: tuple[int, Literal["top", "center"]] | None = None
        self._cache: LRUCache[int, Strip] = LRUCache(1024)
        self._decoration: Decoration | None = None

    # -- content ---------------------------------------------------------------------------------

    @property
    def brief(self) -> Brief | None:
        return self._brief

    def show(self, brief: Brief, *, offset: int = 0) -> None:
        """Show another brief, its top line at `offset` in the body."""
        self._brief = brief
        self._body = clean(brief.body)
        self._inline, self._hidden = self._analyse(self._body)
        self._layers.clear()
        self._laid_out_width = 0
        self._pending_offset = (offset, "top")
        self._relayout()

    def set_marks(self, layer: str, marks: Iterable[Mark], *, order: int = 0) -> None:
        """Replace a layer's marks; layers with a higher `order` paint over lower ones."""
        self._layers[layer] = MarkLayer(marks, order)
        self._invalidate()

    def clear_marks(self, layer: str) -> None:
        if self._layers.pop(layer, None) is not None:
            self._invalidate()

    def set_decoration(self, decoration: Decoration | None) -> None:
        self._decoration = decoration
        self._invalidate()

    @property
    def body(self) -> str:
        """The body as painted (unsafe characters replaced one for one: offsets agree)."""
        return self._body

    @staticmethod
    def _analyse(body: str) -> tuple[MarkLayer, MarkLayer]:
        """Inline Markdown as two layers: styles to paint, and marker characters to leave out."""
        markup = inline_markup(body)
        styles = (Mark(start, end, INLINE_STYLES[kind]) for start, end, kind in markup.styled)
        hidden = (Mark(start, end, "") for start, end in markup.hidden)
        return MarkLayer(styles, order=-1), MarkLayer(hidden, order=-1)

    # -- positions -------------------------------------------------------------------------------

    @property
    def header_height(self) -> int:
        return len(self._header)

    @property
    def line_count(self) -> int:
        return len(self._header) + len(self._lines)

    def line_of(self, offset: int) -> int:
        """The view line (title block included) that shows a body offset."""
        return len(self._header) + self._index.line_of(offset)

    def offset_of_line(self, y: int) -> int:
        """The body offset shown first on view line `y` (0 in the title block)."""
        body_line = y - len(self._header)
        if body_line < 0 or not self._lines:
            return 0
        return self._lines[min(body_line, len(self._lines) - 1)].start

    @property
    def top_offset(self) -> int:
        """The body offset at the top of the view: what a reading position remembers."""
        if not self._lines:
            return self._pending_offset[0] if self._pending_offset else 0
        return self.offset_of_line(round(self.scroll_y))

    def line_span(self, line_number: int) -> tuple[int, int] | None:
        """The body offsets [start, end) that view line `line_number` shows (None: title block)."""
        body_line = line_number - len(self._header)
        if body_line < 0 or body_line >= len(self._lines):
            return None
        line = self._lines[body_line]
        return line.start, line.end

    def is_offset_visible(self, offset: int) -> bool:
        line = self.line_of(offset)
        top = round(self.scroll_y)
        return top <= line < top + self.scrollable_content_region.height

    def scroll_to_offset(self, offset: int, *, where: Literal["top", "center"] = "top") -> None:
        """Scroll so the line showing `offset` is at the top, or a third of the way down."""
        if not self._lines:
            self._pending_offset = (offset, where)
            return
        line = self.line_of(offset)
        if where == "top":
            # Offset 0 means the start: show the title block too.
            y = 0 if offset <= 0 else line
        else:
            y = max(0, line - self.scrollable_content_region.height // 3)
        self.scroll_to(y=y, animate=False, immediate=True)

    def reveal_offset(self, offset: int) -> None:
        """Scroll only if the line showing `offset` is off screen."""
        if not self._lines or not self.is_offset_visible(offset):
            self.scroll_to_offset(offset, where="center")

    def passage_at(self, offset: int) -> tuple[int, int] | None:
        """The (start, end) of the paragraph or heading that holds `offset`, or the next one."""
        if self._brief is None:
            return None
        paragraphs = self._brief.paragraphs()
        for start, end in paragraphs:
            if end > offset:
                return start, end
        return paragraphs[-1] if paragraphs else None

    # -- layout ----------------------------------------------------------------------------------

    def on_resize(self) -> None:
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._invalidate()

    def _invalidate(self) -> None:
        self._cache.clear()
        self.refresh()

    def _relayout(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or self._brief is None:
            return
        if width == self._laid_out_width and self._lines:
            return
        keep = self._pending_offset or ((self.top_offset, "top") if self._lines else None)
        measure = max(8, min(MEASURE, width - 2))
        self._header = self._title_block(self._brief, measure)
        self._lines = layout_body(self._body, measure)
        self._index = LineIndex(self._lines)
        self._laid_out_width = width
        self._cache.clear()
        self.virtual_size = Size(width, self.line_count)
        self._pending_offset = None
        if keep is not None:
            offset, where = keep
            self.call_after_refresh(self.scroll_to_offset, offset, where=where)
        self.refresh()

    def _title_block(self, brief: Brief, measure: int) -> list[tuple[str, str]]:
        console = self.app.console
        lines = [
            (line.plain.rstrip(), "brief-view--title")
            for line in Text(one_line(brief.title)).wrap(console, measure)
        ]
        meta = [one_line(brief.source), one_line(brief.author), format_date(brief.published)]
        meta_text = " · ".join(part for part in meta if part)
        if meta_text:
            lines.extend(
                (line.plain.rstrip(), "brief-view--meta")
                for line in Text(meta_text).wrap(console, measure)
            )
        lines.append(("─" * measure, "brief-view--rule"))
        lines.append(("", ""))
        return lines

    # -- painting --------------------------------------------------------------------------------

    @property
    def text_margin(self) -> int:
        """The blank cells left of the text (the text is centred at its measure)."""
        width = self.scrollable_content_region.width
        return max(0, (width - max(8, min(MEASURE, width - 2))) // 2)

    def render_line(self, y: int) -> Strip:
        line_number = round(self.scroll_y) + y
        width = self.scrollable_content_region.width
        base = self.rich_style
        if line_number >= self.line_count or width <= 0:
            return Strip.blank(width, base)
        if width != self._laid_out_width and self._lines:
            # Textual can resize a view without a Resize event (a sibling shown while a scroll
            # refresh reflows the screen): lay out again for the width actually painted.
            self.call_later(self._relayout)
        strip = self._cache.get(line_number)
        decoration = self._decoration
        if strip is None:
            strip = self._paint(line_number, width, base)
            if decoration is not None:
                strip = decoration.on_line(self, strip, line_number)
            self._cache[line_number] = strip
        return strip if decoration is None else decoration.on_row(self, strip, y)

    def _style(self, name: str) -> Style:
        # Full styles: partial ones leave theme colours with alpha unblended.
        return self.get_component_rich_style(name, default=Style())

    def _paint(self, line_number: int, width: int, base: Style) -> Strip:
        margin = Text(" " * self.text_margin)
        if line_number < len(self._header):
            plain, style = self._header[line_number]
            text = margin + Text(plain, style=self._style(style) if style else "")
        else:
            text = margin + self._body_line(self._lines[line_number - len(self._header)])
        text.stylize_before(base)
        segments = list(text.render(self.app.console))
        strip = Strip(segments).crop_extend(0, width, base)
        return strip.simplify()

    def _body_line(self, line: DisplayLine) -> Text:
        if line.kind == "blank":
            return Text("")
        if line.kind == "rule":
            return Text("─" * min(MEASURE, 24), style=self._style("brief-view--rule"))
        raw = self._body[line.start : line.end]
        raw = raw.rstrip("\n") if line.kind == "code" else raw.replace("\n", " ").rstrip()
        kind_style = {
            "heading": "brief-view--heading" if line.level <= 2 else "brief-view--subheading",
            "quote": "brief-view--quote",
            "code": "brief-view--code",
        }.get(line.kind)
        content = Text(raw, style=self._style(kind_style) if kind_style else "")
        layers = [] if line.kind == "code" else [self._inline]
        layers += sorted(self._layers.values(), key=lambda layer: layer.order)
        for layer in layers:
            for mark in layer.between(line.start, line.end):
                content.stylize(
                    self._style(mark.style),
                    max(mark.start, line.start) - line.start,
                    min(mark.end, line.end) - line.start,
                )
        if line.kind != "code":
            content = self._without_hidden(content, line.start, line.end)
        lead = Text(" " * max(0, line.indent - len(line.prefix)))
        if line.prefix:
            prefix_style = "brief-view--quote" if line.kind == "quote" else "brief-view--meta"
            lead.append(line.prefix, style=self._style(prefix_style))
        return lead + content

    def _without_hidden(self, content: Text, start: int, end: int) -> Text:
        """The line's text minus inline Markdown marks (their styles stay on what they enclose)."""
        hidden = self._hidden.between(start, end)
        if not hidden:
            return content
        out = Text()
        position = 0
        for mark in hidden:
            cut_start = max(mark.start, start) - start
            if cut_start > position:
                out.append_text(content[position:cut_start])
            position = max(position, min(mark.end, end) - start)
        if position < len(content):
            out.append_text(content[position:])
        out.style = content.style
        return out
