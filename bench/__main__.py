"""`python -m bench` (`make bench`): every benchmark of briefs in one run, tables and JSON."""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
import time
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.corpus import Corpus, cache_root, corpus_for
from bench.report import ROOT, Table, machine, print_table, save

SECTIONS = (
    "core",
    "relevance",
    "startup",
    "entities",
    "compare",
    "notes",
    "ingest",
    "disagreements",
)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench",
        description="Benchmarks of briefs: index and search, relevance, start-up, entities, "
        "compare, notes, ingest, disagreement flags. Prints tables and writes "
        "bench/results/latest.json.",
    )
    parser.add_argument(
        "--sizes",
        default="1000,10000",
        help="corpus sizes in briefs, comma-separated (default: 1000,10000)",
    )
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"sections to run, comma-separated, from: {', '.join(SECTIONS)} (default: all)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="fewer repeats (figures are noisier; for a check)"
    )
    parser.add_argument(
        "--cache",
        metavar="DIR",
        help="where built corpora and indexes are kept between runs "
        "(default: $BRIEFS_BENCH_CACHE or <tmp>/briefs-bench)",
    )
    parser.add_argument(
        "--annotate",
        choices=("auto", "none"),
        default="auto",
        help="index with entity extraction when it exists, as `briefs index` does (auto), "
        "or without (none)",
    )
    args = parser.parse_args(argv)
    try:
        args.sizes = sorted({int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()})
    except ValueError:
        parser.error("--sizes takes whole numbers, e.g. 1000,10000")
    args.only = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(args.only) - set(SECTIONS)
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    results: dict[str, Any] = {"machine": machine(), "args": vars(args) | {"cache": None}}
    tables: list[Table] = []
    failed: list[str] = []
    root = cache_root(args.cache)
    results["args"]["cache"] = str(root)
    info = results["machine"]
    print(
        f"briefs bench: {info['cpus']} CPUs, load {info['load_average'][0]:.1f}, "
        f"Python {info['python']}, commit {info['commit']}, cache {root}",
        flush=True,
    )

    corpora: list[Corpus] = []
    if {"core", "startup", "entities"} & set(args.only):
        corpora = [corpus_for(n, root) for n in args.sizes]

    from bench.core import Options, cached_index, want_annotate

    opts = Options(quick=args.quick, cache=root, annotate=args.annotate)
    indexes: dict[int, Path] = {}

    def section(name: str, run: Callable[[], tuple[list[Table], dict[str, Any]]]) -> None:
        if name not in args.only:
            return
        t0 = time.perf_counter()
        try:
            new_tables, data = run()
        except Exception as exc:
            failed.append(name)
            traceback.print_exc()
            table = Table(f"{name}: failed", ["section", "error"])
            table.add(name, f"{type(exc).__name__}: {exc}")
            new_tables, data = [table], {"error": f"{type(exc).__name__}: {exc}"}
        data["section_seconds"] = time.perf_counter() - t0
        results[name] = data
        tables.extend(new_tables)

    def core() -> tuple[list[Table], dict[str, Any]]:
        from bench.core import bench_core

        new_tables, data = bench_core(corpora, opts)
        for size, sized in data.get("sizes", {}).items():
            indexes[int(size)] = Path(sized["index_dir"])
        return new_tables, data

    def relevance() -> tuple[list[Table], dict[str, Any]]:
        return run_relevance()

    def startup() -> tuple[list[Table], dict[str, Any]]:
        from bench.startup import bench_startup

        big = corpora[-1] if corpora else None
        big_index = None
        if big is not None:
            # The app indexes with entities whatever --annotate says: an index without them
            # would be rebuilt under the measurement.
            app_opts = Options(quick=args.quick, cache=root, annotate="auto")
            big_index = indexes.get(big.size) if args.annotate == "auto" else None
            if big_index is None:
                big_index, _meta = cached_index(big, app_opts, want_annotate(app_opts))
        return bench_startup(ROOT / "briefs", big, big_index, args.quick)

    def entities() -> tuple[list[Table], dict[str, Any]]:
        from bench.analysis import bench_entities

        return bench_entities(ROOT / "briefs", corpora[-1] if corpora else None, args.quick)

    def compare() -> tuple[list[Table], dict[str, Any]]:
        from bench.analysis import bench_compare

        return bench_compare(ROOT / "briefs", args.quick)

    def notes() -> tuple[list[Table], dict[str, Any]]:
        from bench.notes import bench_notes

        return bench_notes(args.quick)

    def ingest() -> tuple[list[Table], dict[str, Any]]:
        from bench.ingest import bench_ingest

        return bench_ingest(args.quick)

    def disagreements() -> tuple[list[Table], dict[str, Any]]:
        from bench.disagreements import bench_disagreements

        return bench_disagreements()

    section("core", core)
    section("relevance", relevance)
    section("startup", startup)
    section("entities", entities)
    section("compare", compare)
    section("notes", notes)
    section("ingest", ingest)

    section("disagreements", disagreements)

    print()
    for table in tables:
        print_table(table)
    results["tables"] = [t.to_json() for t in tables]
    results["seconds"] = time.perf_counter() - started
    results["machine"]["load_average_end"] = list(os.getloadavg())
    busiest = max(info["load_average"][0], os.getloadavg()[0])
    if busiest > (info["cpus"] or 1):
        print(
            f"warning: the machine was busy (load {busiest:.1f} on {info['cpus']} CPUs): "
            "absolute times are inflated; the side-by-side ratios hold up better."
        )
    path = save(results)
    status = f"; failed: {', '.join(failed)}" if failed else ""
    print(f"bench took {results['seconds']:.0f} s; results in {path}{status}")
    return 1 if failed else 0


def run_relevance() -> tuple[list[Table], dict[str, Any]]:
    """The index engineer's Cranfield benchmark (bench/relevance.py), when it exists."""
    table = Table("Relevance (issue 2): Cranfield, through tui.core search", ["figure", "value"])
    if importlib.util.find_spec("bench.relevance") is None:
        table.add("skipped", "bench/relevance.py is not written yet")
        return [table], {"skipped": "bench/relevance.py missing"}
    import bench.relevance as relevance

    result = relevance.run()
    if isinstance(result, Table):
        return [result], result.to_json()
    if isinstance(result, tuple) and result and isinstance(result[0], list):
        return result[0], dict(result[1]) if len(result) > 1 else {}
    if isinstance(result, dict):
        for key, value in result.items():
            if not isinstance(value, (dict, list)):
                table.add(key, f"{value:.3f}" if isinstance(value, float) else value)
        return [table], dict(result)
    table.add("printed above", "bench.relevance.run() printed its own figures")
    return [table], {"returned": repr(result)[:200]}


if __name__ == "__main__":
    sys.exit(main())
