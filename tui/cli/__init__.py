"""The `briefs` command: parses arguments, then runs a CLI verb or opens the app.

Each verb lives in its own module with `register(subparsers)`; heavy imports (Textual, Whoosh,
extraction) happen inside the verb, so `briefs search` starts fast.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tui import __version__

if TYPE_CHECKING:
    import argparse

    from rich.console import Console

    from tui.core.paths import Paths

# Modules under tui.cli that each add one or more verbs.
VERB_MODULES = ("corpus", "search", "entities", "compare", "notes")


@dataclass
class Context:
    """What every verb gets: the resolved folders and a console that honours NO_COLOR and pipes."""

    paths: Paths
    json: bool = False
    _console: Console | None = field(default=None, repr=False)
    _err: Console | None = field(default=None, repr=False)

    @property
    def console(self) -> Console:
        if self._console is None:
            self._console = make_console(sys.stdout)
        return self._console

    @property
    def err(self) -> Console:
        if self._err is None:
            self._err = make_console(sys.stderr)
        return self._err

    def fail(self, message: str, code: int = 1) -> int:
        """Print a one-line error to stderr and return the exit code."""
        from rich.text import Text

        from tui.core.sanitize import one_line

        # Messages name files and ids, which may carry escape sequences of their own.
        self.err.print(Text(f"briefs: {one_line(message)}"), style="bold red", soft_wrap=True)
        return code


def make_console(stream: object) -> Console:
    """A rich Console: colours only on a terminal and without NO_COLOR; never interprets markup."""
    from rich.console import Console

    no_color = bool(os.environ.get("NO_COLOR"))
    is_tty = bool(getattr(stream, "isatty", lambda: False)())
    return Console(
        file=stream,  # type: ignore[arg-type]
        no_color=no_color,
        color_system=None if (no_color or not is_tty) else "auto",
        markup=False,
        emoji=False,
        highlight=False,
        force_terminal=None,
    )


def build_parser() -> argparse.ArgumentParser:
    import argparse
    import importlib

    parser = argparse.ArgumentParser(
        prog="briefs",
        description="Read, search and compare analysis briefs in the terminal. "
        "With no command, opens the app.",
    )
    parser.add_argument("--version", action="version", version=f"briefs {__version__}")
    add_common_options(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in VERB_MODULES:
        try:
            module = importlib.import_module(f"tui.cli.{name}")
        except ModuleNotFoundError as exc:
            # A verb module not written yet; a test checks that every verb is registered.
            if exc.name != f"tui.cli.{name}":
                raise
            continue
        module.register(sub)
    return parser


def add_common_options(parser: argparse.ArgumentParser) -> None:
    """--corpus / --index, accepted before or after the verb."""
    import argparse

    default = argparse.SUPPRESS if parser.prog != "briefs" else None
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        default=default,
        help="the briefs folder (default: $BRIEFS_CORPUS, or the project's briefs/)",
    )
    parser.add_argument(
        "--index",
        metavar="DIR",
        default=default,
        help="the index folder (default: $BRIEFS_INDEX, or the project's index/)",
    )


def add_json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print JSON for scripts")


def main(argv: Sequence[str] | None = None) -> int:
    _tolerant_streams()
    from tui.core.paths import Paths

    folders = app_folders(sys.argv[1:] if argv is None else argv)
    if folders is None:
        args = build_parser().parse_args(argv)
        paths = Paths.resolve(corpus=args.corpus, index=args.index)
        ctx = Context(paths=paths, json=bool(getattr(args, "json", False)))
        func = getattr(args, "func", None)
    else:
        # Only the app: its start-up is timed, and the verb modules are not needed for it.
        ctx = Context(paths=Paths.resolve(corpus=folders[0], index=folders[1]))
        func = None
    try:
        if func is None:
            return open_app(ctx)
        return int(func(args, ctx))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `briefs search x | head`: the reader went away; exit quietly.
        sys.stderr.close()
        return 0


def app_folders(argv: Sequence[str]) -> tuple[str | None, str | None] | None:
    """(corpus, index) when the command line only opens the app (`briefs`, `briefs --corpus DIR
    --index=DIR`), read without building the parser; None for anything else (a verb, --help, an
    abbreviated option, a value that looks like an option...), which the full parser handles."""
    folders: dict[str, str | None] = {"--corpus": None, "--index": None}
    rest = list(argv)
    while rest:
        name, equals, value = rest.pop(0).partition("=")
        if name not in folders:
            return None
        if not equals:
            if not rest or rest[0].startswith("-"):
                return None
            value = rest.pop(0)
        folders[name] = value
    return folders["--corpus"], folders["--index"]


def _tolerant_streams() -> None:
    """A character the output cannot encode prints as '?' instead of ending the command.

    PYTHONIOENCODING=ascii, a Latin-1 terminal, or a file name that is not UTF-8 (a lone surrogate
    in Python) would otherwise stop `briefs list` halfway with a UnicodeEncodeError traceback.
    """
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", "strict") == "strict":
            reconfigure(errors="replace")


def output_is_utf8() -> bool:
    """Whether stdout takes any character (JSON is written as ASCII with escapes otherwise)."""
    encoding = (getattr(sys.stdout, "encoding", None) or "").lower().replace("-", "")
    return encoding in ("utf8", "utf8sig")


def print_json(data: object, *, indent: int | None = 2) -> None:
    """JSON on stdout for every verb: no raw control or bidi character in any string, and ASCII
    with escapes when stdout is not UTF-8 (so nothing is lost to '?')."""
    from tui.core.sanitize import json_dumps

    sys.stdout.write(json_dumps(data, indent=indent, ascii_only=not output_is_utf8()) + "\n")


def open_app(ctx: Context, **screen_args: object) -> int:
    import gc

    # No garbage collection until the library's first frame is painted (the app turns it back
    # on): start-up makes a few hundred thousand objects that live as long as the app (modules,
    # classes, styles), and the collector ran ~90 times over them before the first screen
    # (~20 ms, 5% of the start-up). Reference counting still frees everything else.
    gc.disable()
    from tui.app import create_app

    app = create_app(ctx.paths, **screen_args)  # type: ignore[arg-type]
    app.run()
    return int(app.return_code or 0)
