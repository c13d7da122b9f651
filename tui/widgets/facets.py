"""A facet list of the search screen: "all", then each value with its count, the chosen one
marked with a dot (a glyph, so it shows without colour)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.widgets.safe import one_line
from tui.widgets.search_hits import fit

ALL = "*"
FACET_LABEL = 18  # cells for a facet's mark, value and count (the column is 22 wide)


def fill_facet(
    widget: OptionList,
    name: str,
    counts: Mapping[str, int],
    chosen: str | None,
    names: Mapping[str, str],
) -> None:
    """Show a facet's values (`names`: display names by value) and highlight the chosen one."""
    counts = dict(counts)
    if name == "year":
        counts = dict(sorted(counts.items(), reverse=True))
    if chosen and chosen not in counts:
        counts[chosen] = 0
    widget.clear_options()
    options = [Option(Text(("● " if chosen is None else "  ") + "all"), id=ALL)]
    for value, count in counts.items():
        mark = "● " if value == chosen else "  "
        number = f" {count}"
        shown = names.get(value, value)
        label = Text(mark + fit(one_line(shown), FACET_LABEL - len(mark) - len(number)))
        label.append(number, style="dim")
        options.append(Option(label, id=f"{name}:{value}"))
    widget.add_options(options)
    chosen_id = ALL if chosen is None else f"{name}:{chosen}"
    widget.highlighted = next((n for n, option in enumerate(options) if option.id == chosen_id), 0)


__all__ = ["ALL", "FACET_LABEL", "fill_facet"]
