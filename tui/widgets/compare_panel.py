"""The compare screen's lists: entities by side, what each brief says about one, distinctive terms.

Each list posts a message naming what was chosen; the screen does the scrolling.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.widgets.brief_layout import inline_markup
from tui.widgets.entity_rows import TYPE_STYLES, columns, count_cell, list_width
from tui.widgets.safe import clean, one_line

if TYPE_CHECKING:
    from tui.core.compare import Comparison, DistinctiveTerm, EntityRow, Sentence
    from tui.widgets.compare_pane import ComparePane, Side

SECTIONS: tuple[tuple[str, str], ...] = (
    ("shared", "Shared"),
    ("a", "Only in A"),
    ("b", "Only in B"),
)
TermKind = Literal["word", "entity"]


COUNT_WIDTHS = (3, 4)  # the A and B count columns of the entity list
TERM_WIDTHS = (8, 6)  # the A:B counts and z columns of the term lists
ENTITY_ROW_WIDTH = 33  # cells of a row in the 36-cell entity column (27 in the 30-cell one)


def entity_label(row: EntityRow, style: Style, width: int) -> Text:
    """A row: the name (styled as in the text) and the mention counts in A and in B."""
    name = Text(one_line(row.name), style=style)
    return columns(name, [count_cell(row.count_a), count_cell(row.count_b)], COUNT_WIDTHS, width)


def entity_style(pane: ComparePane, row: EntityRow) -> Style:
    """How the text shows this entity: its type's style when shared, the one-side style else."""
    name = TYPE_STYLES[row.type] if row.side == "both" else "compare-pane--only"
    return pane.get_component_rich_style(name, partial=True, default=Style())


class CompareEntities(Vertical):
    """Shared / only in A / only in B, each most mentioned first, with counts per side."""

    DEFAULT_CSS = """
    CompareEntities {
        height: 1fr;
        #compare-entities-title { height: 1; padding: 0 1; color: $text-muted; }
        #compare-list, #compare-list:focus {
            height: 1fr; border: none; padding: 0; scrollbar-gutter: stable;
        }
        #compare-entity-status { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    }
    """

    @dataclass
    class Chosen(Message):
        """Enter on an entity."""

        entities: CompareEntities
        entity_id: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.rows: dict[str, EntityRow] = {}
        self.shared_ids: list[str] = []
        self._shown: tuple[Comparison, ComparePane] | None = None

    def compose(self) -> ComposeResult:
        yield Static(Text("Entities"), id="compare-entities-title")
        yield OptionList(id="compare-list")
        yield Static(Text("reading both briefs…"), id="compare-entity-status")

    @property
    def option_list(self) -> OptionList:
        return self.query_one("#compare-list", OptionList)

    def show(self, comparison: Comparison, pane: ComparePane) -> None:
        first_time = self._shown is None
        self._shown = (comparison, pane)
        option_list = self.option_list
        keep = None if first_time else self.highlighted_id
        width = list_width(option_list, ENTITY_ROW_WIDTH)
        groups = {"shared": comparison.shared, "a": comparison.only_a, "b": comparison.only_b}
        options: list[Option] = []
        self.rows = {}
        for key, label in SECTIONS:
            rows = groups[key]
            name = Text(label, style="bold")
            name.append(f" {len(rows)}", style="dim")
            letters = [Text("A", style="bold"), Text("B", style="bold")]
            heading = columns(name, letters, COUNT_WIDTHS, width)
            options.append(Option(heading, id=f"section:{key}", disabled=True))
            for row in rows:
                self.rows[row.id] = row
                prompt = entity_label(row, entity_style(pane, row), width)
                options.append(Option(prompt, id=row.id))
        self.shared_ids = [row.id for row in comparison.shared]
        option_list.clear_options()
        option_list.add_options(options)
        ids = [o.id for o in options]
        first = next((n for n, o in enumerate(options) if not o.disabled), None)
        option_list.highlighted = ids.index(keep) if keep in ids else first
        if first_time:
            self.status(Text("⏎ its mentions in A and B", style="dim"))

    def on_resize(self) -> None:
        # Rows are laid out for the list's width, which changes with the screen's breakpoint.
        if self._shown is not None:
            self.call_after_refresh(self.show, *self._shown)

    def highlight(self, entity_id: str) -> None:
        option_list = self.option_list
        try:
            option_list.highlighted = option_list.get_option_index(entity_id)
        except Exception:  # an id the list does not hold (an older comparison)
            return

    @property
    def highlighted_id(self) -> str | None:
        option = self.option_list.highlighted_option
        if option is None or option.id is None or option.id.startswith("section:"):
            return None
        return option.id

    def status(self, text: Text) -> None:
        self.query_one("#compare-entity-status", Static).update(text)

    @on(OptionList.OptionSelected, "#compare-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id and not event.option.id.startswith("section:"):
            self.post_message(self.Chosen(self, event.option.id))


def sentence_text(
    body: str,
    start: int,
    end: int,
    marked: Sequence[tuple[int, int]],
    hidden: Sequence[tuple[int, int]] = (),
) -> Text:
    """body[start:end] on its own, blanks folded, Markdown marks left out, `marked` ranges (the
    entity's mentions) bold and underlined."""
    skip = bytearray(end - start)
    for h_start, h_end in hidden:
        for position in range(max(h_start, start), min(h_end, end)):
            skip[position - start] = 1
    emphasis = bytearray(end - start)
    for m_start, m_end in marked:
        for position in range(max(m_start, start), min(m_end, end)):
            emphasis[position - start] = 1
    chars: list[str] = []
    flags: list[int] = []
    for position in range(start, end):
        if skip[position - start]:
            continue
        char = body[position]
        if char.isspace():
            if not chars or chars[-1] == " ":
                continue
            char = " "
        chars.append(char)
        flags.append(emphasis[position - start])
    while chars and chars[-1] == " ":
        chars.pop()
        flags.pop()
    text = Text("".join(chars))
    run: int | None = None
    for index, flag in enumerate([*flags, 0]):
        if flag and run is None:
            run = index
        elif not flag and run is not None:
            text.stylize("bold underline", run, index)
            run = None
    return text


class SaysView(Horizontal):
    """For one entity, the sentences of A and of B that mention it, side by side."""

    DEFAULT_CSS = """
    SaysView {
        height: 1fr;
        .says-side { width: 1fr; height: 1fr; }
        #says-side-a { border-right: vkey $panel-lighten-2; }
        .says-title { height: auto; max-height: 2; padding: 0 1; background: $panel; }
        .says-list, .says-list:focus { height: 1fr; border: none; padding: 0 1; }
    }
    """

    @dataclass
    class Jump(Message):
        """Enter on a sentence: show it in its pane."""

        says: SaysView
        side: Side
        start: int
        end: int

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.sentences: dict[str, Sentence] = {}
        self.entity_id: str | None = None

    def compose(self) -> ComposeResult:
        for side in ("a", "b"):
            with Vertical(id=f"says-side-{side}", classes="says-side"):
                yield Static("", id=f"says-title-{side}", classes="says-title")
                yield OptionList(id=f"says-{side}", classes="says-list")

    def show(self, comparison: Comparison, entity_id: str | None) -> None:
        self.entity_id = entity_id
        self.sentences = {}
        row = comparison.entity(entity_id) if entity_id else None
        says = comparison.says(entity_id) if entity_id else None
        for side in ("a", "b"):
            title = Text(side.upper(), style="bold")
            option_list = self.query_one(f"#says-{side}", OptionList)
            option_list.clear_options()
            if row is None or says is None:
                title.append("  choose an entity (e, then ⏎) to see what each brief says")
                self.query_one(f"#says-title-{side}", Static).update(title)
                continue
            sentences = says.a if side == "a" else says.b
            mentions = comparison.mentions_a if side == "a" else comparison.mentions_b
            count = len(sentences)
            title.append(f"  {one_line(row.name)}: ")
            title.append(f"{count} sentence{'s' if count != 1 else ''}", style="dim")
            self.query_one(f"#says-title-{side}", Static).update(title)
            brief = comparison.a if side == "a" else comparison.b
            body = clean(brief.body)
            hidden = inline_markup(body).hidden
            spans = [(m.start, m.end) for m in mentions if m.entity_id == row.id]
            options: list[Option | None] = []
            for number, sentence in enumerate(sentences):
                if number:
                    options.append(None)
                option_id = f"{side}:{number}"
                self.sentences[option_id] = sentence
                prompt = sentence_text(body, sentence.start, sentence.end, spans, hidden)
                options.append(Option(prompt, id=option_id))
            if not sentences:
                options.append(Option(Text("(not mentioned)", style="dim"), disabled=True))
            option_list.add_options(options)
            if sentences:
                option_list.highlighted = 0

    def focus_side(self, side: Side) -> None:
        self.query_one(f"#says-{side}", OptionList).focus()

    @property
    def focused_side(self) -> Side | None:
        for side in ("a", "b"):
            if self.query_one(f"#says-{side}", OptionList).has_focus:
                return "a" if side == "a" else "b"
        return None

    @on(OptionList.OptionSelected, ".says-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        sentence = self.sentences.get(event.option.id or "")
        if sentence is not None:
            side: Side = "a" if (event.option.id or "").startswith("a:") else "b"
            self.post_message(self.Jump(self, side, sentence.start, sentence.end))


def term_row(term: DistinctiveTerm, side: Side, width: int) -> Text:
    counts = Text(f"{term.count_a}:{term.count_b}")
    z = Text(f"{term.z if side == 'a' else -term.z:.2f}", style="dim")
    return columns(Text(one_line(term.label)), [counts, z], TERM_WIDTHS, width)


class TermsView(Horizontal):
    """What each brief emphasises against the other: words and entities, by weighted log-odds."""

    DEFAULT_CSS = """
    TermsView {
        height: 1fr;
        .terms-side { width: 1fr; height: 1fr; }
        #terms-side-a { border-right: vkey $panel-lighten-2; }
        .terms-title { height: auto; max-height: 2; padding: 0 1; background: $panel; }
        .terms-list, .terms-list:focus {
            height: 1fr; border: none; padding: 0 1; scrollbar-gutter: stable;
        }
    }
    """

    @dataclass
    class Chosen(Message):
        """Enter on a term: an entity is selected, a word found in its brief."""

        terms: TermsView
        side: Side
        kind: TermKind
        key: str
        label: str

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.terms: dict[str, tuple[Side, TermKind, DistinctiveTerm]] = {}
        self._shown: Comparison | None = None

    def compose(self) -> ComposeResult:
        for side in ("a", "b"):
            with Vertical(id=f"terms-side-{side}", classes="terms-side"):
                yield Static("", id=f"terms-title-{side}", classes="terms-title")
                yield OptionList(id=f"terms-{side}", classes="terms-list")

    def show(self, comparison: Comparison) -> None:
        self._shown = comparison
        distinctive = comparison.distinctive
        self.terms = {}
        for side in ("a", "b"):
            side_: Side = "a" if side == "a" else "b"
            brief = comparison.a if side == "a" else comparison.b
            title = Text(f"{side.upper()} emphasises", style="bold")
            title.append(f"  {one_line(brief.title)}", style="dim")
            self.query_one(f"#terms-title-{side}", Static).update(title)
            words = distinctive.words_a if side == "a" else distinctive.words_b
            entities = distinctive.entities_a if side == "a" else distinctive.entities_b
            option_list = self.query_one(f"#terms-{side}", OptionList)
            width = list_width(option_list, 36)
            options: list[Option | None] = []
            for kind, label, terms in (("word", "Words", words), ("entity", "Entities", entities)):
                names = [Text("A:B", style="bold"), Text("z", style="bold")]
                heading = columns(Text(label, style="bold"), names, TERM_WIDTHS, width)
                options.append(Option(heading, disabled=True))
                for term in terms:
                    option_id = f"{side}:{kind}:{term.key}"
                    term_kind: TermKind = "word" if kind == "word" else "entity"
                    self.terms[option_id] = (side_, term_kind, term)
                    options.append(Option(term_row(term, side_, width), id=option_id))
                if not terms:
                    options.append(Option(Text(" none", style="dim"), disabled=True))
            keep = option_list.highlighted
            option_list.clear_options()
            option_list.add_options(options)
            option_list.highlighted = keep or next(
                (n for n, o in enumerate(options) if o is not None and not o.disabled), None
            )

    def on_resize(self) -> None:
        if self._shown is not None:
            self.call_after_refresh(self.show, self._shown)

    def focus_side(self, side: Side) -> None:
        self.query_one(f"#terms-{side}", OptionList).focus()

    @property
    def focused_side(self) -> Side | None:
        for side in ("a", "b"):
            if self.query_one(f"#terms-{side}", OptionList).has_focus:
                return "a" if side == "a" else "b"
        return None

    @on(OptionList.OptionSelected, ".terms-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        found = self.terms.get(event.option.id or "")
        if found is not None:
            side, kind, term = found
            self.post_message(self.Chosen(self, side, kind, term.key, term.label))


__all__ = ["CompareEntities", "SaysView", "TermsView", "sentence_text"]
