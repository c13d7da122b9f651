"""`briefs` with only folder options opens the app without building the full parser; anything
else goes to argparse, so its errors and help stay the same."""

from __future__ import annotations

import pytest

from tui.cli import app_folders, build_parser


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--corpus", "some dir"],
        ["--index=idx", "--corpus", "c"],
        ["--corpus=", "--index", "i"],
        ["--corpus", "a", "--corpus", "b"],
    ],
)
def test_folder_options_read_as_argparse_reads_them(argv: list[str]) -> None:
    args = build_parser().parse_args(argv)
    assert args.command is None
    assert app_folders(argv) == (args.corpus, args.index)


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "x"],
        ["--corpus"],
        ["--corpus", "-x"],
        ["--corp", "x"],
        ["--help"],
        ["--version"],
        ["--corpus", "c", "list"],
    ],
)
def test_anything_else_is_left_to_the_parser(argv: list[str]) -> None:
    assert app_folders(argv) is None
