"""Where notes live: `notes.json` in the user's state folder, never in the index.

Every change is made under an OS file lock (`notes.lock`): the file is read again, changed and
replaced atomically (tui.core.atomic), so two processes adding notes at once both keep theirs,
and a process killed at any moment leaves the old file or the new one, never half of one.
Reading takes no lock. A file that cannot be read is moved aside (`notes.json.corrupt-<time>`)
with a one-line message, and the store starts empty; the lock is held for that too, so a reader
never moves aside a good file another process has just written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from tui.core.atomic import write_atomic
from tui.core.notes.codec import VERSION, NotesData, dump, parse
from tui.core.notes.model import NotesError, NotesLocked

NOTES_FILE = "notes.json"
LOCK_FILE = "notes.lock"
LOCK_WAIT_S = 5.0
LOCKED_MESSAGE = "the notes are being changed by another briefs process; try again in a moment"

T = TypeVar("T")


@dataclass(frozen=True)
class NotesLoad:
    data: NotesData
    warning: str | None = None  # one line for the user: a file set aside, entries not read


class NoteStore:
    """Reads `notes.json` and applies changes to it under the lock."""

    def __init__(self, folder: Path, *, wait: float = LOCK_WAIT_S) -> None:
        self.folder = folder
        self.path = folder / NOTES_FILE
        self.wait = wait

    def load(self) -> NotesLoad:
        """The notes as they are on disk (an empty store when there is no file yet)."""
        raw = self._read()
        if isinstance(raw, bytes):
            try:
                return _loaded(parse(raw.decode("utf-8")))
            except (ValueError, TypeError, RecursionError):
                pass
        elif raw is None:
            return NotesLoad(NotesData())
        with self._lock():
            return self._load_locked()

    def update(self, change: Callable[[NotesData], T]) -> tuple[T, NotesLoad]:
        """Apply `change` to the notes as they are now on disk, and save them; what `change`
        returns comes back with the data as saved. Nothing is written when `change` raises.

        Raises NotesLocked after waiting `wait` seconds for another process, NotesError for a
        file written by a newer briefs (read, never changed), OSError when it cannot be saved.
        """
        with self._lock():
            loaded = self._load_locked()
            if loaded.data.version > VERSION:
                raise NotesError(
                    f"{NOTES_FILE} was written by a newer briefs (format {loaded.data.version}); "
                    "its notes are shown but not changed"
                )
            result = change(loaded.data)
            write_atomic(self.path, dump(loaded.data))
        return result, loaded

    def _read(self) -> bytes | str | None:
        """The file's bytes; None when there is none; the reason when it cannot be read."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            return f"unreadable ({exc.strerror or exc.__class__.__name__})"

    def _load_locked(self) -> NotesLoad:
        raw = self._read()
        if raw is None:
            return NotesLoad(NotesData())
        if isinstance(raw, str):
            return self._set_aside(raw)
        try:
            return _loaded(parse(raw.decode("utf-8")))
        except UnicodeDecodeError:
            return self._set_aside("corrupt (not UTF-8)")
        except RecursionError:  # `[[[[...`: json recurses once per level
            return self._set_aside("corrupt (nested too deeply)")
        except (ValueError, TypeError) as exc:
            return self._set_aside(f"corrupt ({str(exc).splitlines()[0][:80]})")

    def _set_aside(self, why: str) -> NotesLoad:
        target = self._free_name()
        try:
            self.path.replace(target)
        except OSError:
            raise NotesError(
                f"notes file {why}, and it could not be moved aside: see {self.path}"
            ) from None
        return NotesLoad(
            NotesData(),
            f"notes file {why}; kept as {target.name}, starting with no notes",
        )

    def _free_name(self) -> Path:
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S")
        candidate = self.path.with_name(f"{NOTES_FILE}.corrupt-{stamp}")
        number = 1
        while candidate.exists():
            number += 1
            candidate = self.path.with_name(f"{NOTES_FILE}.corrupt-{stamp}-{number}")
        return candidate

    @contextmanager
    def _lock(self) -> Iterator[None]:
        from whoosh.util.filelock import FileLock, try_for

        self.folder.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.folder / LOCK_FILE))
        if not try_for(lock.acquire, timeout=self.wait, delay=0.02):
            raise NotesLocked(LOCKED_MESSAGE)
        try:
            yield
        finally:
            lock.release()


def _loaded(data: NotesData) -> NotesLoad:
    count = data.unreadable_count
    if not count:
        return NotesLoad(data)
    entries = "entry" if count == 1 else "entries"
    return NotesLoad(
        data, f"{NOTES_FILE}: {count} {entries} could not be read; kept in the file as they are"
    )
