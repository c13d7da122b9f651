"""Entity extraction (issue 4) and comparison (issue 5) benchmarks, run in child processes."""

from __future__ import annotations

import importlib.metadata as md
import json
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.core import BRIEFS, last_line, run_child
from bench.corpus import BBC_DIR, Corpus, folder_bytes
from bench.report import ROOT, Table, mb, median, ms, size, verdict

COMPARE_TARGET_S = 0.300
ENTITIES_DATA = ROOT / "tui" / "core" / "entities"


def child(*args: str) -> list[str]:
    return [sys.executable, "-m", "bench.analysis", *args]


def has(module: str, name: str) -> str | None:
    """None when `module.name` exists, else why not (the code may still be being written)."""
    code = f"import {module} as m, sys; sys.exit(0 if callable(getattr(m, {name!r}, None)) else 3)"
    run = run_child([sys.executable, "-c", code])
    if run.returncode == 0:
        return None
    return f"{module}.{name} not there yet" if run.returncode == 3 else last_line(run.stderr)


# --- entities ----------------------------------------------------------------------------------


def bench_entities(
    bundled: Path, big: Corpus | None, quick: bool
) -> tuple[list[Table], dict[str, Any]]:
    table = Table(
        "Entities (issue 4): extraction cost",
        ["figure", "briefs", "words", "median", "per brief", "note"],
    )
    missing = has("tui.core.entities", "extract")
    if missing:
        table.add("skipped", "", "", "", "", missing)
        return [table], {"skipped": missing}
    print("entities: extraction", flush=True)
    imports = [json.loads(run_ok(child("import")).stdout) for _ in range(3 if quick else 5)]
    sample = 50 if quick else 200
    big_arg = str(big.path) if big else ""
    run = run_child(child("extract", str(bundled), big_arg, str(sample)), memory=True)
    if run.returncode != 0:
        raise RuntimeError(f"extraction failed: {last_line(run.stderr)}")
    data: dict[str, Any] = json.loads(run.stdout)
    data["maxrss_kb"] = run.maxrss_kb
    data["import_s"] = median([i["import_s"] for i in imports])
    data["first_call_s"] = median([i["first_call_s"] for i in imports])
    table.add("import extraction module", "", "", ms(data["import_s"]), "", "fresh process, median")
    table.add(
        "first extract call", "", "", ms(data["first_call_s"]), "", "loads data/models lazily"
    )
    for brief in data["bundled"]:
        table.add(
            f"bundled: {brief['id'][:40]}",
            1,
            f"{brief['words']:,}",
            ms(brief["median_s"]),
            ms(brief["median_s"]),
            f"{brief['mentions']} mentions, {brief['runs']} runs",
        )
    if data.get("sample"):
        s = data["sample"]
        per = s["seconds"] / s["briefs"]
        data["briefs_per_s"] = 1 / per
        table.add(
            f"{big.size:,}-brief corpus" if big else "corpus",
            s["briefs"],
            f"{s['words']:,}",
            f"{per * (big.size if big else s['briefs']):.1f} s",
            ms(per),
            f"{1 / per:,.0f} briefs/s on one core; extrapolated from a sample of {s['briefs']}",
        )
    deps = data["dependencies"]
    table.add(
        "install size of what it imports",
        "",
        "",
        size(deps["bytes"]),
        "",
        ", ".join(deps["distributions"]) or "no third-party package",
    )
    table.add("repo data files", "", "", size(deps["data_bytes"]), "", "tui/core/entities/")
    table.add("peak RSS of the extracting process", "", "", mb(run.maxrss_kb), "", "")
    table.notes.append(
        "Distributions are those whose modules the first extract call loaded beyond tui.core.brief "
        "(sizes from their installed RECORD files). The first call reads the compiled gazetteer "
        "from the user's cache folder (built once from the datasets, ~3 s, when absent)."
    )
    quality = run_child([sys.executable, "-m", "bench.entity_quality", "--json"])
    if quality.returncode != 0:
        raise RuntimeError(f"entity quality failed: {last_line(quality.stderr)}")
    from bench.entity_quality import tables

    data["quality"] = json.loads(quality.stdout)
    return [table, *tables(data["quality"])], data


def run_ok(cmd: list[str]) -> Any:
    run = run_child(cmd)
    if run.returncode != 0:
        raise RuntimeError(last_line(run.stderr) or f"{cmd[3]} exited {run.returncode}")
    return run


def child_import() -> None:
    import tui.core.brief as brief_mod

    start = time.perf_counter()
    from tui.core.entities import extract

    imported = time.perf_counter() - start
    probe = brief_mod.Brief(id="probe", title="Probe", body="Vladimir Putin met Emmanuel Macron.")
    start = time.perf_counter()
    extract(probe)
    first = time.perf_counter() - start
    print(json.dumps({"import_s": imported, "first_call_s": first}))


def child_extract(bundled: str, big: str, sample: str) -> None:
    from tui.core.brief import Brief, load_corpus

    before = set(sys.modules)
    from tui.core.entities import extract

    extract(Brief(id="probe", title="Probe", body="Nikol Pashinyan spoke in Yerevan."))
    loaded = set(sys.modules) - before
    # the datasets are read only when the cached gazetteer is built, but they are installed
    from tui.core.entities.datasets import PACKAGES

    result: dict[str, Any] = {"bundled": [], "dependencies": dependencies(loaded, PACKAGES)}
    for brief in load_corpus(Path(bundled)).briefs:
        times = []
        mentions: list[Any] = []
        for _ in range(7):
            start = time.perf_counter()
            mentions = extract(brief)
            times.append(time.perf_counter() - start)
        result["bundled"].append(
            {
                "id": brief.id,
                "words": brief.words,
                "mentions": len(mentions),
                "median_s": median(times),
                "runs": len(times),
            }
        )
    if big:
        from tui.core.brief import brief_files, read_brief

        files = list(brief_files(Path(big)))
        chosen = random.Random(99).sample(files, min(int(sample), len(files)))
        briefs = [read_brief(p) for p in chosen]
        start = time.perf_counter()
        for brief in briefs:
            extract(brief)
        result["sample"] = {
            "briefs": len(briefs),
            "words": sum(b.words for b in briefs),
            "seconds": time.perf_counter() - start,
        }
    print(json.dumps(result))


def dependencies(modules: set[str], extra: tuple[str, ...] = ()) -> dict[str, Any]:
    """Installed size of the distributions providing `modules` (briefs itself left out), and of
    the `extra` distributions."""
    tops = {m.split(".")[0] for m in modules}
    owners = md.packages_distributions()
    names = sorted(
        {d for top in tops for d in owners.get(top, []) if d.lower() != "briefs"} | set(extra)
    )
    total = 0
    for name in names:
        try:
            files = md.distribution(name).files or []
        except md.PackageNotFoundError:
            continue
        for f in files:
            path = Path(str(f.locate()))
            if path.is_file():
                total += path.stat().st_size
    data = folder_bytes(ENTITIES_DATA) if ENTITIES_DATA.is_dir() else 0
    return {"distributions": names, "bytes": total, "data_bytes": data}


# --- compare -----------------------------------------------------------------------------------


def bench_compare(bundled: Path, quick: bool) -> tuple[list[Table], dict[str, Any]]:
    table = Table(
        "Compare (issue 5): computing the comparison (what the compare screen waits for)",
        ["pair", "words A / B", "first call", "median", "target", "pass", "what is timed"],
    )
    missing = has("tui.core.compare", "compare_briefs")
    if missing:
        table.add("skipped", "", "", "", "", "", missing)
        return [table], {"skipped": missing}
    print("compare: bundled pair and two 10,000-word briefs", flush=True)
    run = run_child(child("compare", str(bundled), "3" if quick else "7"), memory=True)
    if run.returncode != 0:
        raise RuntimeError(f"compare failed: {last_line(run.stderr)}")
    data: dict[str, Any] = json.loads(run.stdout)
    for pair in data["pairs"]:
        for step, what in (
            ("full", "extraction of both + comparison"),
            ("compare", "comparison given mentions"),
        ):
            figures = pair[step]
            ok = figures["median_s"] < COMPARE_TARGET_S if pair["name"] == "bundled" else None
            table.add(
                pair["name"],
                f"{pair['words'][0]:,} / {pair['words'][1]:,}",
                ms(figures["first_s"]),
                ms(figures["median_s"]),
                "< 300 ms" if pair["name"] == "bundled" else "",
                verdict(ok),
                what,
            )
    data["export"] = export_process(bundled, quick, table)
    data["screen"] = screen_row(bundled, quick, table)
    table.notes.append(
        "Median of warm repeats in one process; 'first call' includes lazy loading. The "
        "10,000-word pair: BBC politics articles (A) and business articles (B) concatenated. "
        f"Peak RSS of the process: {mb(run.maxrss_kb)}."
    )
    data["maxrss_kb"] = run.maxrss_kb
    return [table], data


def export_process(bundled: Path, quick: bool, table: Table) -> dict[str, Any]:
    """`briefs compare A B --json` as a new process: what a script pays, start-up included."""
    from tui.core.brief import load_corpus

    briefs = load_corpus(bundled).briefs[:2]
    if len(briefs) < 2:
        return {"skipped": "fewer than two bundled briefs"}
    cmd = [str(BRIEFS), "--corpus", str(bundled), "compare", briefs[0].id, briefs[1].id, "--json"]
    times = []
    for i in range(4 if quick else 8):
        run = run_child(cmd)
        if run.returncode != 0:
            table.add("bundled", "", "", "failed", "", "", "briefs compare A B --json (process)")
            table.notes.append(f"`briefs compare --json` failed: {last_line(run.stderr)}")
            return {"error": last_line(run.stderr)}
        if i:  # the first is the warm-up
            times.append(run.seconds)
    table.add("bundled", "", "", ms(median(times)), "", "", "briefs compare A B --json (process)")
    return {"median_s": median(times), "runs_s": times}


def screen_row(bundled: Path, quick: bool, table: Table) -> dict[str, Any]:
    from bench.startup import compare_screen

    result = compare_screen(bundled, quick)
    if "skipped" in result:
        table.add("bundled", "", "", "-", "", "", f"app: {result['skipped']}")
    else:
        table.add(
            "bundled",
            "",
            "",
            ms(result["median_s"]),
            "",
            "",
            "`briefs compare A B`: launch to both panes painted (pty)",
        )
    return result


def long_brief(name: str, category: str, words: int) -> Any:
    """A ~`words`-word brief made of consecutive BBC articles of one category (their headlines
    become headings), or generated text when the BBC folder is absent."""
    from tui.core.brief import Brief

    parts: list[str] = []
    count = 0
    files = sorted(BBC_DIR.glob(f"bbc_{category}_*.txt"))
    if files:
        for path in files:
            head, _, rest = path.read_text(encoding="utf-8").partition("\n")
            parts.append(f"## {head.strip()}\n\n{rest.strip()}")
            count += len(rest.split())
            if count >= words:
                break
    else:
        from bench.corpus import generated_briefs

        for brief in generated_briefs(200, seed=hash(category) % 1000):
            parts.append(f"## {brief.title}\n\n{brief.body}")
            count += brief.words
            if count >= words:
                break
    body = " ".join("\n\n".join(parts).split(" ")[:words]) if count > words else "\n\n".join(parts)
    return Brief(id=name, title=name, body=body)


def child_compare(bundled: str, repeats: str) -> None:
    from tui.core.brief import load_corpus
    from tui.core.compare import compare, compare_briefs
    from tui.core.entities import extract

    pairs = []
    briefs = load_corpus(Path(bundled)).briefs
    if len(briefs) >= 2:
        pairs.append(("bundled", briefs[0], briefs[1]))
    pairs.append(
        (
            "10,000 words each",
            long_brief("long-a", "politics", 10_000),
            long_brief("long-b", "business", 10_000),
        )
    )
    out = []
    for name, a, b in pairs:
        full = timed(lambda a=a, b=b: compare_briefs(a, b), int(repeats))
        ma, mb_ = extract(a), extract(b)
        only = timed(lambda a=a, b=b, ma=ma, mb_=mb_: compare(a, b, ma, mb_), int(repeats))
        out.append({"name": name, "words": [a.words, b.words], "full": full, "compare": only})
    print(json.dumps({"pairs": out}))


def timed(call: Any, repeats: int) -> dict[str, Any]:
    start = time.perf_counter()
    call()
    first = time.perf_counter() - start
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        call()
        times.append(time.perf_counter() - start)
    return {"first_s": first, "median_s": median(times), "runs_s": times}


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    entry: dict[str, Callable[..., None]] = {
        "import": child_import,
        "extract": child_extract,
        "compare": child_compare,
    }
    entry[command](*rest)
