"""Helpers for the reliability tests: the real `briefs` command as a subprocess or in a
pseudo-terminal, folder snapshots, and the hostile corpus."""

from __future__ import annotations

import asyncio
import hashlib
import inspect
import os
import subprocess
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

import hostile
import pytest


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run `async def` tests (the app's pilot tests) in a fresh event loop."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers",
        "slow: a reliability test that takes seconds (big files, kill loops); runs in `make test`, "
        "deselect with -m 'not slow'",
    )


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


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> Iterator[HostileCorpus]:
    """A corpus of hostile briefs: generated captures added through ingest, and generated brief
    files copied in by hand (ingest never saw them), indexed."""
    from tui.core.entities import annotate
    from tui.core.index import update_index
    from tui.core.ingest import add_paths

    root = tmp_path_factory.mktemp("hostile")
    corpus, index = root / "briefs", root / "index"
    captures = hostile.captures()
    hostile.write_all(root / "in", captures)
    add_paths([root / "in"], corpus)
    hand = hostile.hand_written()
    hostile.write_all(corpus, hand)
    update_index(corpus, index, annotate=annotate)
    yield HostileCorpus(corpus, index, captures, hand)
