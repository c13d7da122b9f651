"""User state is never lost: atomic writes survive a crash at any point, and a corrupt state or
alias file is set aside or reported in one line, never fatal."""

from __future__ import annotations

import errno
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.reliability.helpers import briefs, where
from tui.core.atomic import write_atomic
from tui.core.state import STATE_FILE, StateStore, UserState

CHILD = Path(__file__).with_name("child.py")
DATA = Path(__file__).parents[1] / "data"
OLD = "old contents\n"


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --- atomic writes ---------------------------------------------------------------------------


@pytest.mark.parametrize("fails", ["rename", "fsync", "write", "link"])
def test_a_failed_write_leaves_the_old_file_and_no_temp_file(
    fails: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "state.json"
    target.write_text(OLD, encoding="utf-8")
    full = OSError(errno.ENOSPC, "No space left on device")

    def boom(*args: object, **kwargs: object) -> None:
        raise full

    if fails == "rename":
        monkeypatch.setattr(Path, "replace", boom)
    elif fails == "fsync":
        monkeypatch.setattr(os, "fsync", boom)
    elif fails == "write":
        real_fdopen = os.fdopen

        class Full:
            def __init__(self, fd: int, mode: str) -> None:
                self.handle = real_fdopen(fd, mode)

            def __enter__(self) -> Full:
                return self

            def __exit__(self, *exc: object) -> None:
                self.handle.close()

            def write(self, data: bytes) -> int:
                self.handle.write(data[: len(data) // 2])  # half, then the disk is full
                raise full

        monkeypatch.setattr(os, "fdopen", Full)
    else:
        monkeypatch.setattr(os, "link", boom)
    with pytest.raises(OSError, match="No space"):
        write_atomic(target, "new contents\n" * 1000, exclusive=fails == "link")
    assert target.read_text(encoding="utf-8") == OLD
    assert _leftovers(tmp_path) == []


def _spawn(*args: str | Path) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, str(CHILD), *map(str, args)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait(ready: Path, child: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while not ready.exists():
        assert child.poll() is None, child.communicate()[1].decode()
        assert time.monotonic() < deadline
        time.sleep(0.01)


def test_a_process_killed_between_temp_write_and_rename_leaves_the_old_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / STATE_FILE
    store = StateStore(tmp_path)
    saved = UserState(theme="nord", positions={"a": 120})
    store.save(saved)
    before = target.read_bytes()
    ready = tmp_path.parent / "ready"
    child = _spawn("write-atomic-hanging", target, ready)
    _wait(ready, child)
    child.send_signal(signal.SIGKILL)
    child.communicate(timeout=30)
    assert target.read_bytes() == before
    # The synced temp file stays behind (the process could not clean up), hidden and ignored.
    (leftover,) = _leftovers(tmp_path)
    assert leftover.startswith(".")
    loaded = store.load()
    assert loaded.warning is None and loaded.state.positions == {"a": 120}


@pytest.mark.slow
def test_a_writer_killed_at_random_moments_never_leaves_half_a_file(tmp_path: Path) -> None:
    target = tmp_path / "big.txt"
    write_atomic(target, "A" * 3_000_000)
    for round_, delay in enumerate((0.05, 0.13, 0.31, 0.47)):
        ready = tmp_path / f"ready-{round_}"
        child = _spawn("write-atomic-loop", target, ready)
        _wait(ready, child)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        child.communicate(timeout=30)
        data = target.read_bytes()
        assert data in (b"A" * 3_000_000, b"B" * 3_000_000), (round_, len(data), data[:1])


# --- the state file ----------------------------------------------------------------------------


CORRUPT: dict[str, bytes] = {
    "not json": b"{theme: nord",
    "a list": b"[1, 2, 3]",
    "wrong shapes": b'{"positions": "everywhere"}',
    "utf-16": json.dumps({"theme": "nord"}).encode("utf-16"),
    "binary": bytes(range(256)),
    "nul bytes": b"\x00" * 64,
    "huge number": b'{"positions": {"a": 1' + b"0" * 5000 + b"}}",
    "deep array": b"[" * 100_000,
    "deep object": b'{"a":' * 100_000,
    "empty": b"",
}


@pytest.mark.parametrize("name", sorted(CORRUPT))
def test_a_corrupt_state_file_is_set_aside_with_one_line(name: str, tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).write_bytes(CORRUPT[name])
    loaded = StateStore(tmp_path).load()
    assert loaded.state == UserState()
    assert loaded.warning and "\n" not in loaded.warning
    assert (tmp_path / f"{STATE_FILE}.corrupt").read_bytes() == CORRUPT[name]
    StateStore(tmp_path).save(UserState(theme="nord"))  # and the next save works
    assert StateStore(tmp_path).load().state.theme == "nord"


def test_a_state_path_that_is_a_folder_is_not_fatal(tmp_path: Path) -> None:
    (tmp_path / STATE_FILE).mkdir()
    loaded = StateStore(tmp_path).load()
    assert loaded.state == UserState() and loaded.warning


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=st.one_of(st.binary(max_size=400), st.text(max_size=400).map(str.encode)))
def test_any_bytes_in_the_state_file_load_or_are_set_aside(raw: bytes) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / STATE_FILE).write_bytes(raw)
        loaded = StateStore(Path(folder)).load()
        assert isinstance(loaded.state, UserState)
        if loaded.warning is None:
            assert (Path(folder) / STATE_FILE).read_bytes() == raw  # a state, read as is
        else:
            assert "\n" not in loaded.warning


# --- the alias file ------------------------------------------------------------------------------


ALIASES: dict[str, bytes] = {
    "not toml": b"[merge\nrussia = ",
    "not utf-8": b"\xff\xfe[merge]",
    "wrong shape": b"merge = 5",
    "deep arrays": b"x = " + b"[" * 100_000,
    "unknown section": b"[delete]\nrussia = true",
}


@pytest.mark.parametrize("name", sorted(ALIASES))
def test_a_corrupt_alias_file_is_reported_in_one_line(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import shutil

    corpus = tmp_path / "briefs"
    corpus.mkdir()
    for path in sorted(DATA.glob("*.md"))[:3]:
        shutil.copy2(path, corpus / path.name)
    (corpus / "aliases.toml").write_bytes(ALIASES[name])
    ids = sorted(p.stem for p in corpus.glob("*.md"))
    verbs = [["entities"], ["entities", ids[0]], ["compare", ids[0], ids[1], "--format", "md"]]
    for argv in verbs if name == "deep arrays" else verbs[:1]:
        run = briefs(*argv, *where(corpus, tmp_path / "index"))  # asserts: no traceback
        assert run.code == 1, (argv, run.error)
        (line,) = run.error.strip().splitlines()
        assert line.startswith("briefs: aliases.toml"), line
    # Everything that does not need entities still works.
    assert briefs("list", *where(corpus, tmp_path / "index")).code == 0
