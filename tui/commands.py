"""Every command of the app, declared once: key, action, description; bindings, footer, help and
the command palette are all built from this table.

A binding carries the command's id, so a user keymap (`App.set_keymap({"reader.find": "f"})`)
changes the key everywhere at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Literal, Protocol

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape

if TYPE_CHECKING:
    from textual.app import App
    from textual.screen import Screen

Scope = Literal["app", "library", "list", "reader", "entities", "search", "compare", "help"]


@dataclass(frozen=True)
class Command:
    """One thing a user can do. `key` uses Textual key names; "" means palette only."""

    id: str
    key: str
    action: str
    description: str  # short: the footer label
    help: str  # one sentence: the help screen and the palette
    footer: bool = False
    palette: bool = True
    priority: bool = False
    key_display: str | None = None

    @property
    def scope(self) -> str:
        return self.id.split(".", 1)[0]

    def binding(self) -> Binding:
        return Binding(
            self.key,
            self.action,
            self.description,
            show=self.footer,
            key_display=self.key_display,
            priority=self.priority,
            tooltip=self.help,
            id=self.id,
        )


_COMMANDS: tuple[Command, ...] = (
    # Everywhere.
    Command("app.search", "s,ctrl+f", "app.search", "Search", "Search every brief", footer=True),
    Command(
        "app.help",
        "question_mark",
        "app.help",
        "Keys",
        "List every key of this screen",
        footer=True,
        key_display="?",
    ),
    Command(
        "app.palette",
        "ctrl+p",
        "app.command_palette",
        "Palette",
        "Open a brief by title or run a command by name",
        priority=True,
        palette=False,
    ),
    Command("app.back", "escape", "app.back", "Back", "Go back to the previous screen"),
    Command("app.library", "", "app.library", "Library", "Go to the list of all briefs"),
    Command(
        "app.compare",
        "",
        "app.pick_compare",
        "Compare briefs",
        "Compare two briefs side by side: choose A, then B",
    ),
    Command(
        "app.theme",
        "ctrl+t",
        "app.change_theme",
        "Theme",
        "Choose a colour theme (remembered for next time)",
    ),
    Command("app.quit", "q", "app.quit", "Quit", "Leave briefs", footer=True),
    # Library.
    Command(
        "library.open",
        "enter",
        "open",
        "Open",
        "Read the selected brief",
        footer=True,
        priority=True,
        key_display="⏎",
    ),
    Command(
        "library.filter",
        "slash",
        "filter",
        "Filter",
        "Filter the list as you type (title, source, author)",
        footer=True,
        key_display="/",
    ),
    Command(
        "library.sort_title",
        "1",
        "sort('title')",
        "Title",
        "Sort by title (again: reverse)",
    ),
    Command(
        "library.sort_source",
        "2",
        "sort('source')",
        "Source",
        "Sort by source (again: reverse)",
    ),
    Command(
        "library.sort_date",
        "3",
        "sort('date')",
        "Date",
        "Sort by date, newest first (again: reverse)",
    ),
    Command(
        "library.sort_length",
        "4",
        "sort('length')",
        "Length",
        "Sort by length (again: reverse)",
    ),
    Command(
        "library.list",
        "down",
        "focus_list",
        "List",
        "Move from the filter to the list",
        palette=False,
    ),
    Command(
        "library.mark",
        "m",
        "mark",
        "Mark",
        "Mark or unmark the brief to compare (A, then B)",
    ),
    Command(
        "library.compare",
        "c",
        "compare",
        "Compare",
        "Compare the two marked briefs (or the marked one with the one under the cursor)",
    ),
    # The list of briefs in the library (active while it has the focus).
    Command("list.down", "down,j", "move(1)", "Down", "Next brief", palette=False),
    Command("list.up", "up,k", "move(-1)", "Up", "Previous brief", palette=False),
    Command(
        "list.page_down",
        "pagedown,space",
        "move_page(1)",
        "Page down",
        "A page down",
        palette=False,
    ),
    Command("list.page_up", "pageup,b", "move_page(-1)", "Page up", "A page up", palette=False),
    Command("list.top", "home,g", "move_edge('top')", "Top", "First brief", palette=False),
    Command(
        "list.bottom", "end,G,shift+g", "move_edge('bottom')", "Bottom", "Last brief", palette=False
    ),
    # Reader.
    Command("reader.down", "j,down", "scroll_lines(1)", "Down", "Down one line"),
    Command("reader.up", "k,up", "scroll_lines(-1)", "Up", "Up one line"),
    Command("reader.page_down", "space,pagedown", "scroll_pages(1)", "Page down", "Down one page"),
    Command("reader.page_up", "b,pageup", "scroll_pages(-1)", "Page up", "Up one page"),
    Command(
        "reader.half_down", "ctrl+d", "scroll_pages(0.5)", "Half page down", "Down half a page"
    ),
    Command("reader.half_up", "ctrl+u", "scroll_pages(-0.5)", "Half page up", "Up half a page"),
    Command("reader.top", "g,home", "scroll_edge('top')", "Top", "Go to the start of the brief"),
    Command(
        "reader.bottom",
        "G,shift+g,end",
        "scroll_edge('bottom')",
        "Bottom",
        "Go to the end of the brief",
    ),
    Command(
        "reader.find",
        "slash",
        "find",
        "Find",
        "Find text in this brief",
        footer=True,
        key_display="/",
    ),
    Command(
        "reader.next",
        "n",
        "step_hit(1)",
        "Hits",
        "Next hit or match",
        footer=True,
        key_display="n/N",
    ),
    Command(
        "reader.previous",
        "N,shift+n",
        "step_hit(-1)",
        "Previous",
        "Previous hit or match",
    ),
    Command(
        "reader.contents",
        "t",
        "toggle_contents",
        "Contents",
        "Show or hide the table of contents",
        footer=True,
    ),
    Command(
        "reader.copy",
        "y",
        "copy_passage",
        "Copy",
        "Copy the current passage to the clipboard (works over SSH)",
        footer=True,
    ),
    Command(
        "reader.entities", "e", "toggle_entities", "Entities", "Show or hide this brief's entities"
    ),
    Command(
        "reader.colour",
        "h",
        "colour_entities",
        "Colour",
        "Colour entities by type: places underlined, people bold, organisations italic",
    ),
    Command(
        "reader.next_mention",
        "right_square_bracket",
        "step_mention(1)",
        "Mention",
        "Next mention of the entity chosen in the entity list",
        key_display="]/[",
    ),
    Command(
        "reader.previous_mention",
        "left_square_bracket",
        "step_mention(-1)",
        "Previous mention",
        "Previous mention of the chosen entity",
    ),
    Command("reader.compare", "c", "compare_with", "Compare", "Compare this brief with another…"),
    # The entity list beside the reader (active while it has the focus).
    Command(
        "entities.merge",
        "m",
        "alias('merge')",
        "Merge",
        "Merge the highlighted entity into another (saved in aliases.toml, briefs re-indexed)",
        palette=False,
    ),
    Command(
        "entities.ignore",
        "i",
        "alias('ignore')",
        "Ignore",
        "Never count the highlighted entity (saved in aliases.toml)",
        palette=False,
    ),
    Command(
        "entities.rename",
        "r",
        "alias('rename')",
        "Rename",
        "Show the highlighted entity under another name (saved in aliases.toml)",
        palette=False,
    ),
    Command("entities.close", "escape", "close", "Close", "Close the entity list", palette=False),
    # Search.
    Command(
        "search.open",
        "enter",
        "open_hit",
        "Open",
        "Read the selected result at its first hit",
        footer=True,
        priority=True,
        key_display="⏎",
    ),
    Command(
        "search.results", "down", "focus_results", "Results", "Move to the results", palette=False
    ),
    Command(
        "search.suggestion",
        "ctrl+r",
        "apply_suggestion",
        "Did you mean",
        "Search for the suggested spelling instead",
        footer=True,
    ),
    Command(
        "search.copy", "y", "copy_hit", "Copy", "Copy the selected result's snippet", footer=True
    ),
    Command(
        "search.facets",
        "ctrl+o",
        "focus_facets",
        "Facets",
        "Narrow the results by source, year or entity",
        footer=True,
    ),
    # Compare.
    Command(
        "compare.switch",
        "tab",
        "switch_pane",
        "A/B",
        "Switch between brief A and brief B (or between the two lists)",
        footer=True,
    ),
    Command("compare.down", "j,down", "scroll_lines(1)", "Down", "Down one line"),
    Command("compare.up", "k,up", "scroll_lines(-1)", "Up", "Up one line"),
    Command("compare.page_down", "space,pagedown", "scroll_pages(1)", "Page down", "Down a page"),
    Command("compare.page_up", "b,pageup", "scroll_pages(-1)", "Page up", "Up one page"),
    Command("compare.half_down", "ctrl+d", "scroll_pages(0.5)", "Half down", "Down half a page"),
    Command("compare.half_up", "ctrl+u", "scroll_pages(-0.5)", "Half up", "Up half a page"),
    Command("compare.top", "g,home", "scroll_edge('top')", "Top", "Go to the start of the brief"),
    Command(
        "compare.bottom",
        "G,shift+g,end",
        "scroll_edge('bottom')",
        "Bottom",
        "Go to the end of the brief",
    ),
    Command(
        "compare.find",
        "slash",
        "find",
        "Find",
        "Find text in the brief being read",
        key_display="/",
    ),
    Command(
        "compare.next",
        "n",
        "step(1)",
        "Next",
        "Next mention of the chosen entity in both briefs (or the next find match)",
        key_display="n/N",
    ),
    Command("compare.previous", "N,shift+n", "step(-1)", "Previous", "Previous mention or match"),
    Command(
        "compare.next_shared",
        "right_square_bracket",
        "step_shared(1)",
        "Shared",
        "Next shared entity: both briefs go to its next mention",
        footer=True,
        key_display="]/[",
    ),
    Command(
        "compare.previous_shared",
        "left_square_bracket",
        "step_shared(-1)",
        "Previous shared",
        "Previous shared entity",
    ),
    Command(
        "compare.counterpart",
        "a",
        "counterpart",
        "Align",
        "Scroll the other brief to the counterpart of the paragraph in view, with its score",
        footer=True,
    ),
    Command(
        "compare.in_step",
        "l",
        "toggle_in_step",
        "In step",
        "Keep both briefs in step by alignment while scrolling (again: scroll apart)",
    ),
    Command(
        "compare.says",
        "w",
        "toggle_view('says')",
        "Says",
        "What each brief says about the chosen entity, side by side",
        footer=True,
    ),
    Command(
        "compare.terms",
        "d",
        "toggle_view('terms')",
        "Terms",
        "Distinctive terms: what each brief emphasises against the other",
        footer=True,
    ),
    Command(
        "compare.entities",
        "e",
        "toggle_entities",
        "Entities",
        "Show, focus or hide the entity list",
    ),
    Command(
        "compare.colours",
        "h",
        "toggle_colours",
        "Colour",
        "Colour entities: shared ones in their type's style, one-side ones in italics",
    ),
    Command(
        "compare.export",
        "x",
        "export",
        "Export",
        "Write the comparison as Markdown to a file in the current folder",
    ),
    # Help.
    Command(
        "help.close",
        "escape,q,question_mark",
        "close",
        "Close",
        "Close the key list",
        footer=True,
        priority=True,
    ),
)

COMMANDS: dict[str, Command] = {command.id: command for command in _COMMANDS}


def bindings(scope: Scope) -> list[Binding]:
    """The bindings of one scope, for a class's BINDINGS."""
    return [c.binding() for c in _COMMANDS if c.scope == scope and c.key]


def commands(scope: str) -> list[Command]:
    return [c for c in _COMMANDS if c.scope == scope]


def key_names(key: str) -> str:
    """Textual key names as a person reads them: "j,down" -> "j ↓"."""
    names = {
        "question_mark": "?",
        "slash": "/",
        "escape": "esc",
        "enter": "⏎",
        "space": "space",
        "down": "↓",
        "up": "↑",
        "pagedown": "pgdn",
        "pageup": "pgup",
        "right_square_bracket": "]",
        "left_square_bracket": "[",
    }
    shown = []
    for part in key.split(","):
        part = part.strip()
        if part.startswith("shift+") and len(part) == 7:
            continue  # the same key as its capital letter, listed already
        if part.startswith("ctrl+"):
            shown.append("^" + part[5:])
        else:
            shown.append(names.get(part, part))
    return " ".join(shown)


def effective_key(app: App[object], command: Command) -> str:
    """The command's key after the user's keymap."""
    keymap = getattr(app, "_keymap", {}) or {}
    return str(keymap.get(command.id, command.key))


# -- command palette ---------------------------------------------------------------------------


class _CatalogApp(Protocol):
    """What the providers need from the app (the concrete class lives in tui.app)."""

    def catalog_titles(self) -> list[tuple[str, str, str]]: ...

    def open_brief(self, brief_id: str) -> None: ...


def _screen_scope(screen: Screen[object]) -> str:
    return str(getattr(screen, "SCOPE", ""))


def _runnable(screen: Screen[object]) -> Iterator[tuple[Command, App[object] | Screen[object]]]:
    """The palette commands usable on this screen, with the node that runs each action."""
    scope = _screen_scope(screen)
    for command in _COMMANDS:
        if not command.palette:
            continue
        if command.scope == "app":
            yield command, screen.app
        elif command.scope == scope:
            yield command, screen


async def _run(node: App[object] | Screen[object], action: str) -> None:
    await node.run_action(action)


def _help_text(app: App[object], command: Command) -> str:
    key = effective_key(app, command)
    suffix = f"  ({key_names(key)})" if key else ""
    return escape(command.help + suffix)


class CommandsProvider(Provider):
    """Runs any command of the current screen by name."""

    async def discover(self) -> Hits:
        for command, node in _runnable(self.screen):
            yield DiscoveryHit(
                Content(command.description),
                partial(_run, node, command.action),
                text=command.description,
                help=_help_text(self.app, command),
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command, node in _runnable(self.screen):
            score = matcher.match(command.description)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher, command.description),
                    partial(_run, node, command.action),
                    text=command.description,
                    help=_help_text(self.app, command),
                )


class BriefsProvider(Provider):
    """Opens a brief by its title."""

    async def search(self, query: str) -> Hits:
        app = self.app
        if not hasattr(app, "catalog_titles"):
            return
        catalog: _CatalogApp = app  # type: ignore[assignment]
        matcher = self.matcher(query)
        for brief_id, title, detail in catalog.catalog_titles():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    _highlight(matcher, title),
                    partial(catalog.open_brief, brief_id),
                    text=title,
                    help=escape(detail) if detail else None,
                )


def _highlight(matcher: Matcher, candidate: str) -> Content:
    """The candidate with matched letters styled, never parsed as markup (Matcher.highlight parses
    it, and brief titles are untrusted)."""
    content = Content(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
