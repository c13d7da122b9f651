"""The reader's commands and those of the entity list beside it."""

from __future__ import annotations

from tui.commands.model import Command

COMMANDS: tuple[Command, ...] = (
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
)
