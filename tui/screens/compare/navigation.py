"""Moving through two panes: scrolling the active one, keeping the other in step with it
(through the paragraph alignment), and jumping to the counterpart of the paragraph in view."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from rich.text import Text

from tui.screens.compare.host import CompareHost, Where, other

if TYPE_CHECKING:
    from tui.core.compare import ParagraphLink
    from tui.widgets.compare_pane import Side


class PaneNavigation:
    """Scrolling, following in step and the counterpart paragraph, for the screen's two panes."""

    def __init__(self, host: CompareHost) -> None:
        self.host = host
        self.in_step = False
        self._deferred: dict[Side, tuple[int, Where]] = {}

    def go_to(self, side: Side, offset: int, *, where: Where = "top", reveal: bool = False) -> None:
        """Scroll a pane to a body offset; a pane hidden on a narrow terminal goes there when it
        is next shown (a hidden view has no height to scroll in)."""
        pane = self.host.pane(side)
        if pane.size.height == 0:
            self._deferred[side] = (offset, "center" if reveal else where)
        elif reveal:
            pane.reveal_offset(offset)
        else:
            pane.scroll_to_offset(offset, where=where)

    def apply_deferred(self, side: Side) -> None:
        deferred = self._deferred.pop(side, None)
        if deferred is not None:
            self.host.pane(side).scroll_to_offset(deferred[0], where=deferred[1])

    def scroll_lines(self, lines: int) -> None:
        self.host.pane().scroll_relative(y=lines, animate=False, immediate=True)

    def scroll_pages(self, pages: float) -> None:
        pane = self.host.pane()
        height = max(1, pane.scrollable_content_region.height - 2)
        pane.scroll_relative(y=round(height * pages), animate=False, immediate=True)

    def scroll_edge(self, edge: str) -> None:
        pane = self.host.pane()
        if edge == "top":
            pane.scroll_home(animate=False, immediate=True)
        else:
            pane.scroll_end(animate=False, immediate=True)

    def scrolled(self, side: Side) -> None:
        # Only the pane being read leads; the one that follows does not answer back.
        if self.in_step and side == self.host.active and self.host.comparison is not None:
            self.follow(side)

    def follow(self, leader: Side) -> None:
        comparison = self.host.comparison
        if comparison is None:
            return
        offset = self.host.pane(leader).top_offset
        self.go_to(other(leader), comparison.alignment.sync(leader, offset))

    def toggle_in_step(self) -> None:
        if self.host.comparison is None:
            return
        self.in_step = not self.in_step
        if self.in_step:
            self.follow(self.host.active)
        self.host.show_step()  # "in step" shows in the status bar while it lasts

    def paragraph_in_view(self, side: Side) -> ParagraphLink | None:
        """The first paragraph (not heading) that starts in view, else the one holding the top."""
        comparison = self.host.comparison
        if comparison is None:
            return None
        pane = self.host.pane(side)
        links = [x for x in comparison.alignment.links(side) if not x.heading]
        if not links:
            return None
        top = pane.top_offset
        ends = [x.end for x in links]
        index = bisect_left(ends, top + 1)
        if index >= len(links):
            return links[-1]
        link = links[index]
        if link.start < top and index + 1 < len(links):
            following = links[index + 1]
            if pane.is_offset_visible(following.start):
                bottom = round(pane.scroll_y) + pane.scrollable_content_region.height
                # A paragraph scrolled mostly out of view is not the one being read.
                if pane.line_of(link.end - 1) - round(pane.scroll_y) < 2 and (
                    pane.line_of(following.start) < bottom
                ):
                    return following
        return link

    def counterpart(self) -> None:
        host = self.host
        if host.comparison is None:
            return
        side, there = host.active, other(host.active)
        link = self.paragraph_in_view(side)
        if link is None:
            return
        here_name, there_name = side.upper(), there.upper()
        number = link.paragraph + 1
        host.pane(side).set_linked((link.start, link.end))
        if not link.matches:
            host.pane(there).set_linked(None)
            text = Text(f"{here_name} ¶{number}: ", style="bold")
            text.append(
                f"no counterpart in {there_name} (best score {link.best:.2f}, "
                f"below {link.threshold:.2f})"
            )
            host.show_status(text)
            return
        match = link.matches[0]
        host.pane(there).set_linked((match.start, match.end))
        self.go_to(there, match.start)
        text = Text(f"{here_name} ¶{number} ↔ {there_name} ¶{match.paragraph + 1}", style="bold")
        text.append(f"  score {match.score:.2f}")
        more = link.matches[1:]
        if more:
            also = ", ".join(f"¶{m.paragraph + 1} {m.score:.2f}" for m in more)
            text.append(f"  also {also}", style="dim")
        host.show_status(text)
        if host.one_pane:
            host.set_active(there)


__all__ = ["PaneNavigation"]
