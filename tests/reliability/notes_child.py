"""The second process of the notes reliability tests: a real writer to run beside or to kill.

python notes_child.py add STATE BODY_FILE COUNT TAG READY   add COUNT notes tagged TAG
python notes_child.py add-forever STATE BODY_FILE READY     add notes until killed
python notes_child.py add-hanging STATE BODY_FILE READY     add one, hanging before the rename
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def _signal(ready: Path, text: str) -> None:
    temp = ready.with_name(ready.name + ".tmp")
    temp.write_text(text, encoding="utf-8")
    os.replace(temp, ready)  # noqa: PTH105 (add-hanging patches Path.replace)


def main(argv: list[str]) -> int:
    from tui.core.notes import Notebook

    command, state, body_file, *rest = argv
    body = Path(body_file).read_text(encoding="utf-8")
    notebook = Notebook(Path(state), wait=60.0)
    if command == "add":
        count, tag, ready, go = int(rest[0]), rest[1], Path(rest[2]), Path(rest[3])
        _signal(ready, "started")
        while not go.exists():
            time.sleep(0.001)
        for number in range(count):
            start = (number * 7) % (len(body) - 40)
            notebook.add("brief", body, start, start + 30, text=f"{tag}-{number}")
        _signal(ready, "done")
    elif command == "add-forever":
        ready = Path(rest[0])
        number = 0
        while True:
            notebook.add("brief", body, 0, 30, text=f"forever-{number}")
            number += 1
            if number == 1:
                _signal(ready, "ready")
    elif command == "add-hanging":
        import pathlib

        ready = Path(rest[0])

        def _replace(self: pathlib.Path, target: object) -> pathlib.Path:
            _signal(ready, "ready")
            while True:
                time.sleep(60)

        pathlib.Path.replace = _replace  # type: ignore[method-assign]
        notebook.add("brief", body, 0, 30, text="never saved")
    else:
        raise SystemExit(f"unknown command {command}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
