"""The commands of every screen, the library and its list of briefs."""

from __future__ import annotations

from tui.commands.model import Command

COMMANDS: tuple[Command, ...] = (
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
        "app.notes",
        "ctrl+n",
        "app.notes",
        "Notes",
        "Every note of the library: filter by label, brief and words; open one at its passage",
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
)
