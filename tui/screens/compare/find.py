"""Find in one of the two panes: literal, case-insensitive matches, stepped through with n/N."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text

from tui.screens.compare.host import FOUND, FOUND_CURRENT, SENTENCE, CompareHost
from tui.screens.compare.navigation import PaneNavigation
from tui.widgets.brief_view import Mark
from tui.widgets.compare_pane import SIDES
from tui.widgets.find_bar import find_all
from tui.widgets.safe import clean, one_line

if TYPE_CHECKING:
    from tui.widgets.compare_pane import Side


class PaneFind:
    """The matches of the text being found, in the pane it is found in."""

    def __init__(
        self, host: CompareHost, navigation: PaneNavigation, count: Callable[[str], None]
    ) -> None:
        self.host = host
        self.navigation = navigation
        self.count = count  # the find bar's counter
        self.found: list[tuple[int, int]] = []
        self.found_current = -1
        self.found_side: Side = "a"
        self.found_text = ""
        self.anchor = 0  # the top of the view when the find box opened

    def find(self, needle: str, side: Side, *, anchor: int) -> bool:
        """Mark the matches of `needle` in a pane and go to the first below `anchor`; False when
        there is nothing to find (the box was emptied)."""
        self.clear()
        if not needle.strip():
            self.count("")
            return False
        brief = self.host.briefs.get(side)
        if brief is None:
            return False
        self.found_side, self.found_text = side, needle
        self.found = find_all(clean(brief.body), needle)
        starts = [start for start, _ in self.found]
        self.found_current = bisect_left(starts, anchor) % len(starts) if starts else -1
        self.paint()
        if self.found_current >= 0:
            self.navigation.go_to(side, self.found[self.found_current][0], reveal=True)
        return True

    def step(self, delta: int) -> None:
        self.found_current = (self.found_current + delta) % len(self.found)
        self.paint()
        self.navigation.go_to(self.found_side, self.found[self.found_current][0], reveal=True)

    def paint(self) -> None:
        pane = self.host.pane(self.found_side)
        pane.set_marks(FOUND, (Mark(s, e, "brief-view--hit") for s, e in self.found), order=10)
        if self.found_current >= 0:
            start, end = self.found[self.found_current]
            pane.set_marks(FOUND_CURRENT, [Mark(start, end, "brief-view--current")], order=20)
        count = f"{self.found_current + 1} of {len(self.found)}" if self.found else "no match"
        self.count(count)
        text = Text(f"find “{one_line(self.found_text)}” in {self.found_side.upper()}: ")
        text.append(count, style="bold")
        self.host.show_status(text)

    def clear(self) -> None:
        for side in SIDES:
            pane = self.host.pane(side)
            pane.clear_marks(FOUND)
            pane.clear_marks(FOUND_CURRENT)
            pane.clear_marks(SENTENCE)
        self.found, self.found_current = [], -1


__all__ = ["PaneFind"]
