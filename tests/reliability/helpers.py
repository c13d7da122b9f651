"""Helpers for the reliability tests: the real `briefs` command as a subprocess or in a
pseudo-terminal, folder snapshots, and the hostile corpus's record.

A module of the `tests.reliability` package, imported by its full name: a test module that
imported them from `conftest` got whichever folder's conftest pytest had loaded last.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from tests.reliability import hostile

# Variables that change how briefs or rich print: each test sets what it means to test.
_OUTPUT_ENV = (
    "FORCE_COLOR",
    "NO_COLOR",
    "TTY_COMPATIBLE",
    "TTY_INTERACTIVE",
    "COLUMNS",
    "LINES",
    "TERM",
    "PYTHONIOENCODING",
    "LC_ALL",
    "LANG",
    "LC_CTYPE",
    "BRIEFS_CORPUS",
    "BRIEFS_INDEX",
    "BRIEFS_STATE",
)


def child_env(**extra: str | None) -> dict[str, str]:
    """The environment for a child `briefs`: this one without output settings, plus `extra`
    (a value of None removes the variable)."""
    env = {k: v for k, v in os.environ.items() if k not in _OUTPUT_ENV}
    env.setdefault("LANG", "C.UTF-8")
    env["COLUMNS"] = "100"
    for key, value in extra.items():
        if value is None:
            env.pop(key, None)
        else:
            env[key] = value
    return env


@dataclass(frozen=True)
class Run:
    code: int
    out: bytes
    err: bytes

    @property
    def text(self) -> str:
        return self.out.decode("utf-8", "replace")

    @property
    def error(self) -> str:
        return self.err.decode("utf-8", "replace")


def briefs(
    *args: str | os.PathLike[str],
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
    stdin: bytes | None = None,
) -> Run:
    """Run the real command (`python -m tui`) and return its exit code and raw output."""
    done = subprocess.run(
        [sys.executable, "-m", "tui", *map(os.fsdecode, args)],
        env=dict(env) if env is not None else child_env(),
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=timeout,
        check=False,
    )
    assert b"Traceback" not in done.stderr, done.stderr.decode("utf-8", "replace")
    return Run(done.returncode, done.stdout, done.stderr)


def briefs_in_pty(
    *args: str | os.PathLike[str],
    env: Mapping[str, str] | None = None,
    size: tuple[int, int] = (40, 100),
    timeout: float = 60,
) -> Run:
    """Run the real command in a pseudo-terminal (rich takes its terminal path, with colour).
    stdout and stderr arrive mixed, as a user sees them; `out` holds both."""
    import pexpect

    child = pexpect.spawn(
        sys.executable,
        ["-m", "tui", *map(os.fsdecode, args)],
        env=dict(env) if env is not None else child_env(TERM="xterm-256color"),
        dimensions=size,
        timeout=timeout,
    )
    chunks = []
    while True:
        try:
            chunks.append(child.read_nonblocking(65536, timeout=timeout))
        except pexpect.EOF:
            break
    child.close()
    out = b"".join(chunks)
    assert b"Traceback" not in out, out.decode("utf-8", "replace")
    code = child.exitstatus if child.exitstatus is not None else -(child.signalstatus or 0)
    return Run(code, out, b"")


def snapshot(folder: Path) -> dict[str, str]:
    """Every entry under a folder (files by content hash, links by target), to compare."""
    if not folder.exists():
        return {}
    out: dict[str, str] = {}
    for path in sorted(folder.rglob("*")):
        key = os.fsdecode(path.relative_to(folder))
        if path.is_symlink():
            out[key] = "link:" + str(path.readlink())
        elif path.is_file():
            out[key] = hashlib.sha256(path.read_bytes()).hexdigest()
        elif path.is_dir():
            out[key] = "dir"
    return out


def where(corpus: Path, index: Path) -> list[str]:
    return ["--corpus", str(corpus), "--index", str(index)]


@dataclass(frozen=True)
class HostileCorpus:
    corpus: Path
    index: Path
    captures: list[hostile.Hostile]
    hand: list[hostile.Hostile]
