"""Notes (issue 15): re-anchoring after edits, and what the notes store and search cost.

Re-anchoring is measured on BBC articles (../shared/corpora/bbc; generated text without them):
in each article one sentence is noted, then the article is changed as an editor or a re-import
would, and `tui.core.notes.locate` is asked where the note is now. Each case has a right answer
(the passage at its new offsets, or orphaned), so the table gives how often it is right beside
how long it takes, and beside `str.find` of the quote alone (the naive re-anchoring).
"""

from __future__ import annotations

import random
import re
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.report import ROOT, Table, median, ms, percentile

BBC = ROOT.parent / "shared" / "corpora" / "bbc"
_SENTENCE = re.compile(r"[A-Z][^.!?\n]{50,160}[.!?]")


def _articles(count: int) -> list[str]:
    every = sorted(BBC.glob("*.txt"))
    paths = every[:: max(1, len(every) // count)]
    if paths:
        return [p.read_text(encoding="utf-8", errors="replace") for p in paths[:count]]
    rng = random.Random(15)
    words = [f"w{n}" for n in range(3000)]
    return [
        "\n\n".join(
            " ".join(rng.choice(words) for _ in range(40)).capitalize() + "." for _ in range(8)
        )
        for _ in range(count)
    ]


def _cases(body: str, start: int, end: int, other: str) -> dict[str, tuple[str, int | None]]:
    """name -> (changed body, where the passage starts now, or None: it is gone)."""
    quote = body[start:end]
    lead = "A paragraph added at the top by an editor, to move everything down.\n\n"
    middle = start + len(quote) // 2
    typo_char = "x" if body[middle] != "x" else "y"
    typo = body[:middle] + typo_char + body[middle + 1 :]
    return {
        "unchanged": (body, start),
        "edit before": (lead + body, start + len(lead)),
        "typo inside": (typo, start),
        "re-wrapped": (body[:start] + quote.replace(" ", "\n", 1) + body[end:], start),
        "passage deleted": (body[:start] + body[end:], None),
        "passage rewritten": (body[:start] + other + body[end:], None),
    }


def bench_notes(quick: bool) -> tuple[list[Table], dict[str, Any]]:
    from tui.core.notes import locate, make_target

    articles = _articles(100 if quick else 400)
    rng = random.Random(15)
    picked: list[tuple[str, int, int, str]] = []
    for body in articles:
        sentences = [m for m in _SENTENCE.finditer(body) if body.count(m.group()) == 1]
        if len(sentences) >= 2:
            one, two = rng.sample(sentences, 2)
            picked.append((body, one.start(), one.end(), two.group()))
    table = Table(
        f"Notes (issue 15): re-anchoring {len(picked)} noted sentences of "
        f"{'BBC articles' if BBC.is_dir() else 'generated text'} after a change",
        ["change", "right", "str.find right", "p50", "p95", "right answer"],
    )
    data: dict[str, Any] = {"notes": len(picked), "cases": {}}
    names = list(_cases("x" * 10, 0, 1, "y"))
    for name in names:
        right = naive_right = 0
        times: list[float] = []
        for body, start, end, other in picked:
            target = make_target(body, start, end)
            changed, expected = _cases(body, start, end, other)[name]
            t0 = time.perf_counter()
            found = locate(target, changed)
            times.append(time.perf_counter() - t0)
            right += (found.start if found else None) == expected
            naive = changed.find(target.quote)
            naive_right += (naive if naive >= 0 else None) == expected
        n = max(1, len(picked))
        table.add(
            name,
            f"{right / n:.1%}",
            f"{naive_right / n:.1%}",
            ms(median(times)),
            ms(percentile(times, 95)),
            "orphaned" if name.startswith("passage") else "the passage at its new place",
        )
        data["cases"][name] = {
            "right": right / n,
            "naive_right": naive_right / n,
            "p50_s": median(times),
            "p95_s": percentile(times, 95),
        }
    table.notes.append(
        "'right': the note at the passage's new start, or orphaned when the passage is gone. "
        "'str.find right': the quote's first exact occurrence, the naive re-anchoring."
    )
    store_table, store_data = _store(quick)
    data["store"] = store_data
    return [table, store_table], data


def _timed(call: Callable[[], Any], repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    return times


def _store(quick: bool) -> tuple[Table, dict[str, Any]]:
    table = Table(
        "Notes store and search: one change (lock, read, write, fsync), a load, a search",
        ["notes in store", "file", "add p50", "load p50", "search p50", "search hits"],
    )
    data: dict[str, Any] = {}
    body = _articles(1)[0]
    for size in (0, 1000, 5000):
        row = data[str(size)] = _store_row(size, body, 5 if quick else 15)
        table.add(
            f"{size:,}", f"{row['bytes'] / 1e6:.2f} MB", ms(row["add_p50_s"]),
            ms(row["load_p50_s"]), ms(row["search_p50_s"]), row["hits"],
        )  # fmt: skip
    table.notes.append("Medians; 'add' includes an fsync, so the disk sets most of it.")
    return table, data


def _store_row(size: int, body: str, repeats: int) -> dict[str, Any]:
    from dataclasses import replace

    from tui.core.notes import Notebook, NoteStore

    with tempfile.TemporaryDirectory() as folder:
        state = Path(folder)
        notebook = Notebook(state)
        seed = notebook.add("brief", body, 0, 40, text="seed")
        words = body.split()
        rng = random.Random(size)

        def fill(d: Any) -> None:
            d.notes = [
                replace(seed, id=f"{n:08x}", text=" ".join(rng.sample(words, 12)))
                for n in range(size)
            ]

        NoteStore(state).update(fill)
        adds = _timed(lambda: notebook.add("brief", body, 10, 60, text="new"), repeats)
        loads = _timed(lambda: Notebook(state).reload(), repeats)
        word = words[len(words) // 2]
        notebook.search(word)  # the analysis of each note is cached after the first search
        searches = _timed(lambda: notebook.search(word), repeats)
        return {
            "bytes": (state / "notes.json").stat().st_size,
            "hits": len(notebook.search(word)),
            "add_p50_s": median(adds),
            "load_p50_s": median(loads),
            "search_p50_s": median(searches),
        }
