"""The entity panel beside the reader: a brief's entities by type with counts, their mentions
coloured and stepped through, and the analyst's alias edits (merge, ignore, rename).

Mentions come from the index (stored at indexing time) through `load_mentions`, which extracts
only when the index lacks them or they no longer fit the body; all of it runs in a thread worker.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, Literal, cast

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from tui.commands import bindings
from tui.core.brief import Brief
from tui.core.entities.model import Entity, EntityType, Mention
from tui.widgets.brief_view import BriefView, Mark
from tui.widgets.safe import SafeInput, one_line

if TYPE_CHECKING:
    from tui.app import BriefsApp
    from tui.core.entities.aliases import AliasBook
    from tui.core.search import Searcher

# Each type has its own text style as well as its colour, so types stay apart with NO_COLOR
# (BriefView's stylesheet: places underlined, people bold, organisations italic…).
TYPE_STYLES: dict[EntityType, str] = {
    EntityType.PERSON: "brief-view--entity-person",
    EntityType.ORG: "brief-view--entity-org",
    EntityType.GPE: "brief-view--entity-place",
    EntityType.LOC: "brief-view--entity-place",
    EntityType.FAC: "brief-view--entity-place",
    EntityType.EVENT: "brief-view--entity-event",
    EntityType.DATE: "brief-view--entity-date",
}
GROUPS: tuple[tuple[str, tuple[EntityType, ...]], ...] = (
    ("People", (EntityType.PERSON,)),
    ("Organisations", (EntityType.ORG,)),
    ("Places", (EntityType.GPE, EntityType.LOC, EntityType.FAC)),
    ("Events", (EntityType.EVENT,)),
    ("Dates", (EntityType.DATE,)),
)
ROW_WIDTH = 27  # cells of an entity row in the 30-cell panel (border and scrollbar gutter off)
# Layers of BriefView marks: type colours under find/search hits (10/20), the selected entity over.
COLOUR_LAYER, SELECTED_LAYER, CURRENT_LAYER = "entities", "entity-mentions", "entity-current"
AliasAction = Literal["merge", "ignore", "rename"]


# -- reading (thread side: no widgets) ------------------------------------------------------------


@dataclass(frozen=True)
class EntityReading:
    """What a worker found about one brief's entities."""

    mentions: tuple[Mention, ...]
    entities: tuple[Entity, ...]
    warning: str | None = None  # e.g. a broken alias file: entities shown without it


def load_alias_book(corpus: Path) -> tuple[AliasBook | None, str | None]:
    """The corpus's alias file, or None and the one-line reason it cannot be used."""
    from tui.core.entities import load_aliases
    from tui.core.entities.aliases import AliasError

    try:
        return load_aliases(corpus), None
    except AliasError as exc:
        return None, f"alias file ignored: {exc}"


def read_entities(brief: Brief, corpus: Path, index_dir: Path) -> EntityReading:
    """The brief's mentions from the index (extracted when missing or stale) and its entities."""
    from tui.core.compare import load_mentions
    from tui.core.entities import entities_of

    aliases, warning = load_alias_book(corpus)
    (mentions,) = load_mentions([brief], index_dir, aliases)
    entities = entities_of(mentions, aliases)
    return EntityReading(tuple(mentions), tuple(entities), warning)


def concerned_briefs(briefs: Iterable[Brief], names: Sequence[str]) -> list[str]:
    """Ids of the briefs whose text names any of `names`: the ones an alias edit re-indexes
    (the same test as `briefs entities merge|ignore|rename`)."""
    from tui.cli.entities import _needles
    from tui.core.entities.data import fold

    needles = _needles(list(names))
    return sorted(
        brief.id for brief in briefs if any(n in fold(brief.body).casefold() for n in needles)
    )


def apply_alias(
    action: AliasAction, entity: Entity, value: str, corpus: Path
) -> tuple[str, list[str]]:
    """Write the edit to the alias file; returns what changed (one line) and the names involved."""
    from tui.core.entities import load_aliases
    from tui.core.entities.aliases import save_aliases

    book = load_aliases(corpus)  # raises AliasError: never overwrite a file we cannot read
    if action == "merge":
        new, involved = book.with_merge(value, [entity.id]), [value, entity.id]
        what = f"merged {entity.name} into {value}"
    elif action == "ignore":
        new, involved = book.with_ignore(value), [value]
        what = f"ignoring {value}"
    else:
        new, involved = book.with_rename(entity.id, value), [entity.id, value]
        what = f"{entity.name} is now shown as {value}"
    save_aliases(new, corpus)
    return what, involved


FACET_ENTITIES = 12  # entities offered to narrow a search by
_POSSESSIVE = ("'s", "’s", "'", "’")


def display_name(entity_id: str, forms: Counter[str]) -> str:
    """A name for an entity from the forms it is written in: the form its id was made from if
    there is one ("Armenia", not "Yerevan"), else the most frequent, else the id itself."""
    from tui.core.brief import slugify

    for form, _ in forms.most_common():
        if slugify(form) == entity_id:
            return form
        if slugify(f"the {form}") == entity_id:
            return f"the {form}"
    if forms:
        return forms.most_common(1)[0][0]
    return entity_id.replace("-", " ").title()


def entity_facet(
    searcher: Searcher, brief_ids: Sequence[str], limit: int = FACET_ENTITIES
) -> tuple[dict[str, int], dict[str, str]]:
    """The entities most of these briefs mention (dates left to the year facet): id -> number of
    briefs, and id -> display name. Reads the mentions stored in the index (thread side)."""
    counts: Counter[str] = Counter()
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    stored: dict[str, str] = {}  # the names given at indexing time (aliases applied)
    for mentions, entity_names in searcher.annotations(brief_ids).values():
        for entity_id, name in entity_names.items():
            stored.setdefault(entity_id, one_line(name))
        seen: set[str] = set()
        for mention in mentions:
            if mention.type is EntityType.DATE:
                continue
            text = one_line(mention.text)
            for ending in _POSSESSIVE:
                if text.endswith(ending) and len(text) > len(ending) + 1:
                    text = text[: -len(ending)]
                    break
            forms[mention.entity_id][text] += 1
            seen.add(mention.entity_id)
        counts.update(seen)
    names = {
        entity_id: stored.get(entity_id) or display_name(entity_id, forms[entity_id])
        for entity_id in counts
    }
    top = sorted(counts.items(), key=lambda kv: (-kv[1], names[kv[0]].casefold()))[:limit]
    return dict(top), {entity_id: names[entity_id] for entity_id, _ in top}


def mention_marks(mentions: Iterable[Mention]) -> list[Mark]:
    return [Mark(m.start, m.end, TYPE_STYLES[m.type]) for m in mentions]


def step_index(starts: Sequence[int], current: int, anchor: int, delta: int) -> int:
    """The next (delta > 0) or previous position among sorted `starts`, wrapping; from `anchor`
    (the top of the view) when there is no current one yet."""
    if not starts:
        return -1
    if current < 0:
        index = bisect_left(starts, anchor)
        return index % len(starts) if delta > 0 else (index - 1) % len(starts)
    return (current + delta) % len(starts)


def count_cell(value: int) -> Text:
    return Text(str(value) if value else "·")


def columns(first: Text, cells: Sequence[Text], widths: Sequence[int], width: int) -> Text:
    """One list row `width` cells wide: a space, `first` cut to what is left, then each cell
    right-aligned in its width. Plain Text: a Rich table per row costs tens of ms to lay out."""
    out = Text(" ", no_wrap=True, overflow="crop")
    name = first.copy()
    name.truncate(max(1, width - 1 - sum(widths)), overflow="ellipsis", pad=True)
    out.append_text(name)
    for cell, cell_width in zip(cells, widths, strict=True):
        piece = cell.copy()
        piece.truncate(cell_width, overflow="ellipsis")
        piece.pad_left(cell_width - piece.cell_len)
        out.append_text(piece)
    return out


def list_width(option_list: OptionList, fallback: int) -> int:
    """The cells an option of the list has (its CSS width before the list is laid out)."""
    return option_list.scrollable_content_region.width or fallback


# -- the dialog ------------------------------------------------------------------------------------


class AliasDialog(ModalScreen[str | None]):
    """One line of input for an alias edit; Enter confirms, Escape cancels (dismissed with None)."""

    DEFAULT_CSS = """
    AliasDialog {
        align: center middle;
        #alias-box {
            width: 60;
            max-width: 90%;
            height: auto;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
        #alias-prompt { height: auto; margin-bottom: 1; }
        #alias-input { border: none; height: 1; background: $boost; }
        #alias-help { height: 1; color: $text-muted; margin-top: 1; }
    }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel", show=False)]

    def __init__(self, title: str, prompt: Text, value: str = "", placeholder: str = "") -> None:
        super().__init__()
        self.title_text = title
        self.prompt = prompt
        self.value = value
        self.placeholder = placeholder

    def compose(self) -> ComposeResult:
        with Vertical(id="alias-box") as box:
            box.border_title = self.title_text
            yield Static(self.prompt, id="alias-prompt")
            # Pasted text goes to the alias file: no escape sequences or controls.
            yield SafeInput(
                self.value, placeholder=self.placeholder, id="alias-input", compact=True
            )
            yield Static(Text("⏎ save to aliases.toml · esc cancel"), id="alias-help")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        value = " ".join(event.value.split())
        self.dismiss(value or None)

    def action_cancel(self) -> None:
        self.dismiss(None)


# -- the panel -------------------------------------------------------------------------------------


class EntityPanel(Vertical):
    """The entities of the brief shown in `view`, grouped by type, most mentioned first.

    Enter on an entity marks its mentions and goes to the next one; ] and [ step through them.
    The panel loads nothing until it is first needed (opened, colouring asked for).
    """

    BINDINGS: ClassVar[list[BindingType]] = list(bindings("entities"))

    DEFAULT_CSS = """
    EntityPanel {
        width: 30;
        height: 1fr;
        display: none;
        border-left: vkey $panel-lighten-2;
        background: $surface;
        &.-open { display: block; }
        #entities-title { height: 1; padding: 0 1; color: $text-muted; }
        #entity-list, #entity-list:focus {
            height: 1fr; border: none; padding: 0; scrollbar-gutter: stable;
        }
        #entity-status { height: auto; max-height: 3; padding: 0 1; color: $text-muted; }
    }
    """

    @dataclass
    class Loaded(Message):
        """A worker's reading of the brief's entities (None with a problem when it failed)."""

        panel: EntityPanel
        reading: EntityReading | None
        problem: str | None = None

    @dataclass
    class AliasSaved(Message):
        """An alias edit was written (and the briefs it concerns re-indexed, unless `problem`)."""

        panel: EntityPanel
        change: str
        problem: str | None = None

    def __init__(self, brief: Brief, view: BriefView, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.brief = brief
        self.view = view
        self.reading: EntityReading | None = None
        self.highlight = False
        self.selected: Entity | None = None
        self.current = -1
        self._loading = False
        self._after_load: list[Callable[[], None]] = []

    @property
    def briefs_app(self) -> BriefsApp:
        return cast("BriefsApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static(Text("Entities"), id="entities-title")
        yield OptionList(id="entity-list")
        yield Static("", id="entity-status")

    @property
    def entity_list(self) -> OptionList:
        return self.query_one("#entity-list", OptionList)

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    # -- loading ---------------------------------------------------------------------------------

    def when_loaded(self, then: Callable[[], None]) -> None:
        """Run `then` now if the entities are known, else once the worker has read them."""
        if self.reading is not None:
            then()
            return
        self._after_load.append(then)
        if not self._loading:
            self._loading = True
            self._status(Text("reading entities…"))
            paths = self.briefs_app.paths
            self._read(self.brief, paths.corpus, paths.index)

    @work(thread=True, exclusive=True, group="entities", exit_on_error=False)
    def _read(self, brief: Brief, corpus: Path, index_dir: Path) -> None:
        try:
            reading = read_entities(brief, corpus, index_dir)
        except Exception as exc:  # shown in the panel; the reader works without entities
            self.post_message(self.Loaded(self, None, _one_line(exc)))
            return
        self.post_message(self.Loaded(self, reading))

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        message.stop()
        self._loading = False
        if message.reading is None:
            self._after_load.clear()
            self._status(Text(f"no entities: {message.problem}"))
            return
        self.reading = message.reading
        if self.selected is not None:
            # After an alias edit the entity may be renamed, merged away or gone.
            self.selected = next(
                (e for e in self.reading.entities if e.id == self.selected.id), None
            )
            self.current = -1
        self._fill()
        self._paint()
        if message.reading.warning:
            self.notify(message.reading.warning, severity="warning", markup=False)
        pending, self._after_load = self._after_load, []
        for then in pending:
            then()

    def _fill(self) -> None:
        reading = self.reading
        if reading is None:
            return
        entity_list = self.entity_list
        keep = self._highlighted_id()
        entity_list.clear_options()
        options: list[Option] = []
        for label, types in GROUPS:
            members = [e for e in reading.entities if e.type in types]
            if not members:
                continue
            style = self.view.get_component_rich_style(TYPE_STYLES[types[0]], default=Style())
            heading = Text()
            heading.append(label, style=style)
            heading.append(f"  {len(members)}", style="dim")
            options.append(Option(heading, disabled=True))
            width = list_width(entity_list, ROW_WIDTH)
            options.extend(Option(self._row(e, width), id=e.id) for e in members)
        entity_list.add_options(options)
        ids = [o.id for o in options]
        wanted = keep or (self.selected.id if self.selected else None)
        if wanted is not None and wanted in ids:
            entity_list.highlighted = ids.index(wanted)
        elif options:
            entity_list.highlighted = next((n for n, o in enumerate(options) if o.id), None)
        count = len(reading.entities)
        title = Text("Entities")
        title.append(f"  {count}", style="dim")
        self.query_one("#entities-title", Static).update(title)
        self._show_position()

    @staticmethod
    def _row(entity: Entity, width: int) -> Text:
        return columns(Text(one_line(entity.name)), [count_cell(entity.count)], [4], width)

    def on_resize(self) -> None:
        if self.reading is not None:
            self.call_after_refresh(self._fill)

    def _highlighted_id(self) -> str | None:
        option = self.entity_list.highlighted_option
        return option.id if option is not None else None

    # -- showing ---------------------------------------------------------------------------------

    def toggle(self) -> None:
        """Open the panel (focused) or close it, giving the focus back to the text."""
        if self.is_open:
            self.remove_class("-open")
            self.view.focus()
            return
        self.add_class("-open")
        self.entity_list.focus()
        self.when_loaded(lambda: None)

    def toggle_highlight(self) -> None:
        self.highlight = not self.highlight
        if self.highlight:
            self.when_loaded(self._paint)
        else:
            self._paint()

    def _paint(self) -> None:
        view = self.view
        if self.highlight and self.reading is not None:
            view.set_marks(COLOUR_LAYER, mention_marks(self.reading.mentions), order=5)
        else:
            view.clear_marks(COLOUR_LAYER)
        if self.selected is None:
            view.clear_marks(SELECTED_LAYER)
            view.clear_marks(CURRENT_LAYER)
            return
        mentions = self.selected.mentions
        view.set_marks(
            SELECTED_LAYER, (Mark(m.start, m.end, "brief-view--hit") for m in mentions), order=12
        )
        if 0 <= self.current < len(mentions):
            mention = mentions[self.current]
            marks = [Mark(mention.start, mention.end, "brief-view--current")]
            view.set_marks(CURRENT_LAYER, marks, order=22)
        else:
            view.clear_marks(CURRENT_LAYER)

    def _status(self, text: Text) -> None:
        self.query_one("#entity-status", Static).update(text)

    def _show_position(self) -> None:
        if self.selected is None:
            self._status(Text("⏎ mark mentions · ] [ step", style="dim"))
            return
        text = Text(one_line(self.selected.name), style="bold")
        position = self.current + 1 if self.current >= 0 else 0
        text.append(f"  {position} of {self.selected.count}")
        self._status(text)

    # -- selecting and stepping ------------------------------------------------------------------

    def select(self, entity_id: str) -> None:
        """Mark the entity's mentions and go to the next one below the top of the view."""
        if self.reading is None:
            self.when_loaded(lambda: self.select(entity_id))
            return
        entity = next((e for e in self.reading.entities if e.id == entity_id), None)
        if entity is None:
            return
        if self.selected is None or self.selected.id != entity.id:
            self.selected, self.current = entity, -1
        self.step(1)

    def step(self, delta: int) -> None:
        """Next or previous mention of the selected entity (the highlighted one if none is)."""
        if self.selected is None:
            highlighted = self._highlighted_id() if self.reading is not None else None
            if highlighted is None:
                self.notify("Choose an entity first: e opens the list", severity="information")
                return
            self.select(highlighted)
            return
        starts = [m.start for m in self.selected.mentions]
        self.current = step_index(starts, self.current, self.view.top_offset, delta)
        self._paint()
        self._show_position()
        if self.current >= 0:
            self.view.reveal_offset(starts[self.current])

    @on(OptionList.OptionSelected, "#entity-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.select(event.option.id)

    def action_close(self) -> None:
        if self.is_open:
            self.toggle()

    # -- alias edits -----------------------------------------------------------------------------

    def action_alias(self, action: str) -> None:
        entity = self._entity_for_edit()
        if entity is None or action not in ("merge", "ignore", "rename"):
            return
        name = one_line(entity.name)
        if action == "merge":
            prompt = Text.assemble("Merge ", (name, "bold"), " into which entity? (a name or id)")
            dialog = AliasDialog("Merge", prompt, placeholder="e.g. United States")
        elif action == "ignore":
            prompt = Text.assemble(
                "Never count ",
                (name, "bold"),
                " as an entity. The id ignores every form; "
                "a name as written ignores only that form.",
            )
            dialog = AliasDialog("Ignore", prompt, value=entity.id)
        else:
            prompt = Text.assemble("Show ", (name, "bold"), f" ({entity.id}) as:")
            dialog = AliasDialog("Rename", prompt, value=one_line(entity.name))
        chosen = cast("AliasAction", action)

        def done(value: str | None) -> None:
            if value and not (action == "merge" and value in (entity.id, entity.name)):
                self._edit(chosen, entity, value)

        self.app.push_screen(dialog, done)

    def _entity_for_edit(self) -> Entity | None:
        if self.reading is None:
            return None
        wanted = self._highlighted_id() or (self.selected.id if self.selected else None)
        return next((e for e in self.reading.entities if e.id == wanted), None)

    def _edit(self, action: AliasAction, entity: Entity, value: str) -> None:
        self._status(Text("saving aliases…"))
        paths = self.briefs_app.paths
        self._save_alias(action, entity, value, paths.corpus, paths.index)

    @work(thread=True, exclusive=True, group="aliases", exit_on_error=False)
    def _save_alias(
        self, action: AliasAction, entity: Entity, value: str, corpus: Path, index_dir: Path
    ) -> None:
        from tui.core.brief import load_corpus
        from tui.core.entities import annotate
        from tui.core.entities.aliases import AliasError
        from tui.core.index import IndexLocked, reindex

        try:
            change, involved = apply_alias(action, entity, value, corpus)
        except (AliasError, OSError) as exc:
            self.post_message(self.AliasSaved(self, "", f"aliases not saved: {_one_line(exc)}"))
            return
        problem = None
        if index_dir.exists():
            try:
                briefs = load_corpus(corpus).briefs
                reindex(corpus, index_dir, concerned_briefs(briefs, involved), annotate=annotate)
            except IndexLocked:
                problem = "the index is busy: it is brought up to date on the next start"
            except Exception as exc:
                problem = f"index not updated: {_one_line(exc)}"
        self.post_message(self.AliasSaved(self, change, problem))

    @on(AliasSaved)
    def _alias_saved(self, message: AliasSaved) -> None:
        message.stop()
        if not message.change:
            self._show_position()
            self.notify(message.problem or "aliases not saved", severity="error", markup=False)
            return
        if message.problem:
            self.notify(f"{message.change}; {message.problem}", severity="warning", markup=False)
        else:
            self.notify(message.change, title="aliases.toml", markup=False)
        app = self.briefs_app
        # Searchers of every thread re-open the index before their next query.
        app.post_message(app.IndexChanged(replace(app.index_state, generation=-1)))
        self.reading = None
        self.when_loaded(lambda: None)


def _one_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0] if lines else exc.__class__.__name__


__all__ = [
    "GROUPS",
    "TYPE_STYLES",
    "AliasDialog",
    "EntityPanel",
    "EntityReading",
    "display_name",
    "entity_facet",
    "mention_marks",
    "read_entities",
    "step_index",
]
