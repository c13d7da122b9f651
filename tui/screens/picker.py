"""Choosing briefs to compare from the command palette: B for a brief, or A then B."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.command import CommandPalette, DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from tui.commands.palette import highlight_match
from tui.messages import OpenCompare

if TYPE_CHECKING:
    from textual.app import App

    from tui.services import Catalog


def brief_picker(
    choices: list[tuple[str, str, str]], on_pick: Callable[[str], None]
) -> type[Provider]:
    """A palette provider listing briefs by title; choosing one calls `on_pick(id)`."""

    class BriefPicker(Provider):
        async def discover(self) -> Hits:
            for brief_id, title, detail in choices:
                yield DiscoveryHit(
                    Content(title),
                    partial(on_pick, brief_id),
                    text=title,
                    help=escape(detail) if detail else None,
                )

        async def search(self, query: str) -> Hits:
            matcher = self.matcher(query)
            for brief_id, title, detail in choices:
                score = matcher.match(title)
                if score > 0:
                    yield Hit(
                        score,
                        highlight_match(matcher, title),
                        partial(on_pick, brief_id),
                        text=title,
                        help=escape(detail) if detail else None,
                    )

    return BriefPicker


def pick_other(app: App[Any], catalog: Catalog, first: str) -> None:
    """Choose the brief to compare with `first`, then open the compare screen."""
    choices = [c for c in catalog.titles() if c[0] != first]
    if not choices:
        app.notify("No other brief to compare with", severity="information")
        return
    picker = brief_picker(sorted(choices, key=lambda c: c[1].casefold()), _opener(app, first))
    app.push_screen(CommandPalette(providers=[picker], placeholder="Compare with… (a title)"))


def pick_pair(app: App[Any], catalog: Catalog) -> None:
    """Choose brief A, then brief B, then open the compare screen."""
    choices = sorted(catalog.titles(), key=lambda c: c[1].casefold())
    if len(choices) < 2:
        app.notify("Comparing needs two briefs", severity="information")
        return
    picker = brief_picker(choices, partial(pick_other, app, catalog))
    app.push_screen(CommandPalette(providers=[picker], placeholder="Compare: brief A… (a title)"))


def _opener(app: App[Any], first: str) -> Callable[[str], None]:
    def open_pair(second: str) -> None:
        app.post_message(OpenCompare(first, second))

    return open_pair


__all__ = ["brief_picker", "pick_other", "pick_pair"]
