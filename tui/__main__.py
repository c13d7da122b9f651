"""Entry point of the `briefs` command and of `python -m tui`."""

from tui.cli import main

__all__ = ["main"]

if __name__ == "__main__":
    raise SystemExit(main())
