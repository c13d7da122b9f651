"""Printing benchmark tables and saving the run as JSON under bench/results/."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import platform
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / "results"
ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Table:
    """One printed table; rows hold plain values, formatted when printed."""

    title: str
    columns: list[str]
    rows: list[list[Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, *cells: Any) -> None:
        self.rows.append(list(cells))

    def to_json(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "columns": self.columns,
            "rows": self.rows,
            "notes": self.notes,
        }


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) with linear interpolation, as numpy's default."""
    if not values:
        return math.nan
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    low = math.floor(pos)
    high = math.ceil(pos)
    return ordered[low] + (ordered[high] - ordered[low]) * (pos - low)


def median(values: Sequence[float]) -> float:
    return percentile(values, 50)


def ms(seconds: float) -> str:
    if math.isnan(seconds):
        return "-"
    value = seconds * 1000
    return f"{value:,.0f} ms" if value >= 100 else f"{value:.1f} ms"


def mb(kilobytes: float) -> str:
    return "-" if math.isnan(kilobytes) else f"{kilobytes / 1024:,.0f} MB"


def size(nbytes: float) -> str:
    if math.isnan(nbytes):
        return "-"
    return f"{nbytes / 1e6:,.1f} MB" if nbytes >= 1e6 else f"{nbytes / 1e3:,.0f} kB"


def ratio(value: float) -> str:
    if math.isnan(value) or math.isinf(value):
        return "-"
    return f"{value:.1f}x" if value < 100 else f"{value:,.0f}x"


def verdict(ok: bool | None) -> str:
    return "-" if ok is None else ("PASS" if ok else "FAIL")


def print_table(table: Table) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table as RichTable
    from rich.text import Text

    # Piped into a file or a log, rich would assume 80 columns and fold the wide tables.
    console = Console(
        markup=False, emoji=False, highlight=False, width=None if sys.stdout.isatty() else 180
    )
    rich_table = RichTable(
        title=Text(table.title, style="bold"), box=box.SIMPLE_HEAD, title_justify="left"
    )
    for i, column in enumerate(table.columns):
        rich_table.add_column(column, justify="left" if i < 2 else "right", no_wrap=i < 2)
    for row in table.rows:
        # Text, never markup: cells may hold corpus words or error messages.
        rich_table.add_row(*(Text(str(cell)) for cell in row))
    console.print(rich_table)
    for note in table.notes:
        console.print(Text(f"  {note}", style="dim"), soft_wrap=True)
    console.print()


def machine() -> dict[str, Any]:
    try:
        commit = subprocess.run(
            ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "-C", str(ROOT), "status", "--porcelain", "--untracked-files=no"],
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        commit, dirty = "", ""
    return {
        "when": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "python": sys.version.split()[0],
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_average": list(os.getloadavg()),
        "commit": commit + ("+dirty" if dirty else ""),
    }


def save(results: dict[str, Any]) -> Path:
    """Write the run to bench/results/latest.json and a dated copy beside it."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    text = json.dumps(results, indent=2, default=str)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    (RESULTS / f"run-{stamp}.json").write_text(text, encoding="utf-8")
    latest = RESULTS / "latest.json"
    latest.write_text(text, encoding="utf-8")
    return latest
