"""What the app remembers between runs (reading positions, theme): JSON in the state folder."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tui.core.atomic import write_atomic

STATE_FILE = "state.json"
STATE_VERSION = 1
# Enough for years of reading; the oldest positions are forgotten first.
MAX_POSITIONS = 2000


@dataclass
class UserState:
    """The remembered state; `positions` maps a brief id to the body offset at the top."""

    theme: str | None = None
    positions: dict[str, int] = field(default_factory=dict)
    last_query: str = ""
    # Keys written by a newer briefs are kept as they were, so a downgrade does not erase them.
    extra: dict[str, Any] = field(default_factory=dict)

    def position(self, brief_id: str) -> int | None:
        return self.positions.get(brief_id)

    def remember_position(self, brief_id: str, offset: int) -> None:
        # Re-inserting moves the brief to the end: dict order is recency order.
        self.positions.pop(brief_id, None)
        self.positions[brief_id] = max(0, int(offset))
        while len(self.positions) > MAX_POSITIONS:
            del self.positions[next(iter(self.positions))]

    def to_json(self) -> str:
        data: dict[str, Any] = dict(self.extra)
        data.update(
            {
                "version": STATE_VERSION,
                "theme": self.theme,
                "last_query": self.last_query,
                "positions": self.positions,
            }
        )
        return json.dumps(data, ensure_ascii=False, indent=1) + "\n"

    @classmethod
    def from_json(cls, text: str) -> UserState:
        """Parse the file's text; raises ValueError when it is not a state file."""
        data = json.loads(text)
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        theme = data.get("theme")
        query = data.get("last_query")
        raw_positions = data.get("positions", {})
        if not isinstance(raw_positions, dict):
            raise ValueError("positions is not a mapping")
        positions = {
            str(key): int(value)
            for key, value in raw_positions.items()
            if isinstance(value, int) and not isinstance(value, bool) and value >= 0
        }
        known = {"version", "theme", "last_query", "positions"}
        return cls(
            theme=theme if isinstance(theme, str) and theme else None,
            positions=positions,
            last_query=query if isinstance(query, str) else "",
            extra={k: v for k, v in data.items() if k not in known},
        )


@dataclass(frozen=True)
class StateLoad:
    state: UserState
    warning: str | None = None  # one line for the user when the file was set aside


class StateStore:
    """Reads and writes `state.json` in the user's state folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / STATE_FILE

    def load(self) -> StateLoad:
        """The saved state; a file that cannot be parsed is renamed aside and a fresh one used."""
        try:
            text = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return StateLoad(UserState())
        except (OSError, UnicodeDecodeError) as exc:
            return self._set_aside(f"unreadable ({exc.__class__.__name__})")
        try:
            return StateLoad(UserState.from_json(text))
        except (ValueError, TypeError) as exc:
            return self._set_aside(f"corrupt ({str(exc).splitlines()[0][:80]})")
        except RecursionError:  # `[[[[...`: json recurses once per level
            return self._set_aside("corrupt (nested too deeply)")

    def save(self, state: UserState) -> None:
        """Write the state atomically; raises OSError (the caller tells the user)."""
        self.write(state.to_json())

    def write(self, text: str) -> None:
        """Write a serialised state: a worker thread writes a snapshot taken on the UI thread."""
        write_atomic(self.path, text)

    def _set_aside(self, why: str) -> StateLoad:
        target = self._free_name()
        try:
            self.path.replace(target)
        except OSError:
            return StateLoad(
                UserState(), f"state file {why}; starting fresh (it could not be moved)"
            )
        return StateLoad(UserState(), f"state file {why}; kept as {target.name}, starting fresh")

    def _free_name(self) -> Path:
        candidate = self.path.with_name(f"{STATE_FILE}.corrupt")
        number = 1
        while candidate.exists():
            number += 1
            candidate = self.path.with_name(f"{STATE_FILE}.corrupt-{number}")
        return candidate
