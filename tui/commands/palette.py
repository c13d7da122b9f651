"""The command palette: every command of the current screen by name, and briefs by title."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.markup import escape
from textual.widget import Widget

from tui.commands.keys import all_commands, effective_key, key_names
from tui.messages import OpenBrief

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode
    from textual.screen import Screen

    from tui.commands.model import Command
    from tui.services import Services


def _screen_scope(screen: Screen[object]) -> str:
    return str(getattr(screen, "SCOPE", ""))


def _focused_scopes(screen: Screen[object]) -> dict[str, Widget]:
    """Scopes of the focused widget and its parents below the screen (the visual mode's bar)."""
    scopes: dict[str, Widget] = {}
    node: DOMNode | None = screen.focused
    while isinstance(node, Widget) and node is not screen:
        scope = getattr(node, "SCOPE", None)
        if isinstance(scope, str):
            scopes.setdefault(scope, node)
        node = node.parent
    return scopes


def _runnable(screen: Screen[object]) -> Iterator[tuple[Command, Widget | App[object]]]:
    """The palette commands usable on this screen, with the node that runs each action."""
    scope = _screen_scope(screen)
    parts = _focused_scopes(screen)
    for command in all_commands():
        if not command.palette:
            continue
        if command.scope == "app":
            yield command, screen.app
        elif command.scope == scope:
            yield command, screen
        elif command.scope in parts:
            yield command, parts[command.scope]


async def _run(node: Widget | App[object], action: str) -> None:
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
                    highlight_match(matcher, command.description),
                    partial(_run, node, command.action),
                    text=command.description,
                    help=_help_text(self.app, command),
                )


class BriefsProvider(Provider):
    """Opens a brief by its title."""

    async def search(self, query: str) -> Hits:
        services: Services | None = getattr(self.app, "services", None)
        if services is None:
            return
        matcher = self.matcher(query)
        for brief_id, title, detail in services.catalog.titles():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    highlight_match(matcher, title),
                    partial(self.app.post_message, OpenBrief(brief_id)),
                    text=title,
                    help=escape(detail) if detail else None,
                )


def highlight_match(matcher: Matcher, candidate: str) -> Content:
    """The candidate with matched letters styled, never parsed as markup (Matcher.highlight parses
    it, and brief titles are untrusted)."""
    content = Content(candidate)
    _score, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


__all__ = ["BriefsProvider", "CommandsProvider", "highlight_match"]
