"""The entity panel beside the reader: a brief's entities by type with counts, their mentions
coloured and stepped through, and the analyst's alias edits (merge, ignore, rename).

Mentions come from the index (stored at indexing time) through `load_mentions`, which extracts
only when the index lacks them or they no longer fit the body; all of it runs in a thread worker
(tui.services.entities).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar, cast

from rich.style import Style
from rich.text import Text
from textual import on, work
from textual.binding import BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.commands import bindings
from tui.core.brief import Brief
from tui.core.entities.model import Entity
from tui.core.sanitize import error_line
from tui.messages import IndexTouched
from tui.services.entities import AliasAction, EntityReading, read_entities, save_alias
from tui.widgets.alias_dialog import AliasDialog
from tui.widgets.brief_view import BriefView, Mark
from tui.widgets.entity_rows import (
    GROUPS,
    TYPE_STYLES,
    columns,
    count_cell,
    list_width,
    mention_marks,
    step_index,
)
from tui.widgets.safe import one_line

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from tui.services import Services

ROW_WIDTH = 27  # cells of an entity row in the 30-cell panel (border and scrollbar gutter off)
# Layers of BriefView marks: type colours under find/search hits (10/20), the selected entity over.
COLOUR_LAYER, SELECTED_LAYER, CURRENT_LAYER = "entities", "entity-mentions", "entity-current"


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

    def __init__(
        self, services: Services, brief: Brief, view: BriefView, *, id: str | None = None
    ) -> None:
        super().__init__(id=id)
        self.services = services
        self.brief = brief
        self.view = view
        self.reading: EntityReading | None = None
        self.highlight = False
        self.selected: Entity | None = None
        self.current = -1
        self._loading = False
        self._after_load: list[Callable[[], None]] = []

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
            paths = self.services.paths
            self._read(self.brief, paths.corpus, paths.index)

    @work(thread=True, exclusive=True, group="entities", exit_on_error=False)
    def _read(self, brief: Brief, corpus: Path, index_dir: Path) -> None:
        try:
            reading = read_entities(brief, corpus, index_dir)
        except Exception as exc:  # shown in the panel; the reader works without entities
            self.post_message(self.Loaded(self, None, error_line(exc)))
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
        paths = self.services.paths
        self._save_alias(action, entity, value, paths.corpus, paths.index)

    @work(thread=True, exclusive=True, group="aliases", exit_on_error=False)
    def _save_alias(
        self, action: AliasAction, entity: Entity, value: str, corpus: Path, index_dir: Path
    ) -> None:
        edit = save_alias(action, entity, value, corpus, index_dir)
        self.post_message(self.AliasSaved(self, edit.change, edit.problem))

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
        # Searchers of every thread re-open the index before their next query.
        self.post_message(IndexTouched())
        self.reading = None
        self.when_loaded(lambda: None)


__all__ = ["EntityPanel"]
