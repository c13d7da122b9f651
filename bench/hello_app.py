"""The floor for start-up figures: the smallest Textual app, timed the same way as `briefs`."""

# The bench is not tui.core: the ban on textual there does not apply to this floor app.
from textual.app import App, ComposeResult  # noqa: TID251
from textual.widgets import Static  # noqa: TID251

GREETING = "Hello from a bare Textual app"


class Hello(App[None]):
    def compose(self) -> ComposeResult:
        yield Static(GREETING)


if __name__ == "__main__":
    Hello().run()
