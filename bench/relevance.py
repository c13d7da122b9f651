"""Ranking quality on Cranfield: MAP and nDCG@10 of `tui.core` search over 225 judged queries.

`python -m bench.relevance` prints the figures; `run()` returns them for `python -m bench`.
The collection is read from `../shared/corpora/cranfield` (or `$BRIEFS_CRANFIELD`); without it the
benchmark is skipped with a message.
"""

from __future__ import annotations

import csv
import math
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from tui.core.brief import Brief, write_brief
from tui.core.index import update_index
from tui.core.search import Searcher

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_CRANFIELD = ROOT.parent / "shared" / "corpora" / "cranfield"
DEPTH = 1000  # ranks scored for MAP, as in trec_eval


def cranfield_dir() -> Path:
    return Path(os.environ.get("BRIEFS_CRANFIELD", "") or DEFAULT_CRANFIELD)


def _tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))


def load_briefs(folder: Path) -> list[Brief]:
    """Each Cranfield abstract as a Brief: the title, and the text after it as the body."""
    briefs = []
    for row in _tsv(folder / "docs_manifest.tsv"):
        text = (folder / row["file"]).read_text(encoding="utf-8")
        # The file is the title, a blank line, then the abstract (which repeats the title).
        body = text.split("\n\n", 1)[1] if "\n\n" in text else text
        briefs.append(
            Brief(
                id=f"cran-{int(row['doc_id']):04d}",
                title=row["title"].strip() or f"Cranfield {row['doc_id']}",
                body=body.strip() or "(empty abstract)",
                source="Cranfield",
                author=row["author"].strip() or None,
            )
        )
    return briefs


def load_judgements(folder: Path) -> tuple[dict[str, str], dict[str, set[str]]]:
    queries = {row["query_id"]: row["text"] for row in _tsv(folder / "queries.tsv")}
    relevant: dict[str, set[str]] = defaultdict(set)
    for row in _tsv(folder / "qrels.tsv"):
        # Grades 1-4 are relevant; -1 ("no interest") is not.
        if 1 <= int(row["relevance"]) <= 4:
            relevant[row["query_id"]].add(f"cran-{int(row['doc_id']):04d}")
    return queries, relevant


def average_precision(ranking: list[str], relevant: set[str]) -> float:
    found, total = 0, 0.0
    for rank, doc in enumerate(ranking, start=1):
        if doc in relevant:
            found += 1
            total += found / rank
    return total / len(relevant) if relevant else 0.0


def ndcg_at(ranking: list[str], relevant: set[str], k: int = 10) -> float:
    dcg = sum(1 / math.log2(i + 2) for i, doc in enumerate(ranking[:k]) if doc in relevant)
    ideal = sum(1 / math.log2(i + 2) for i in range(min(k, len(relevant))))
    return dcg / ideal if ideal else 0.0


def build_index(folder: Path, work: Path) -> tuple[Path, float, int]:
    corpus, index = work / "briefs", work / "index"
    corpus.mkdir(parents=True, exist_ok=True)
    for brief in load_briefs(folder):
        write_brief(brief, corpus)
    started = time.perf_counter()
    report = update_index(corpus, index, rebuild=True)
    return index, time.perf_counter() - started, report.total


def evaluate(index: Path, folder: Path) -> dict[str, Any]:
    queries, relevant = load_judgements(folder)
    aps, ndcgs, times = [], [], []
    with Searcher(index) as searcher:
        for qid, text in queries.items():
            if not relevant.get(qid):
                continue
            started = time.perf_counter()
            result = searcher.search(text, limit=DEPTH, snippets=False)
            times.append((time.perf_counter() - started) * 1000)
            ranking = [hit.id for hit in result.hits]
            aps.append(average_precision(ranking, relevant[qid]))
            ndcgs.append(ndcg_at(ranking, relevant[qid]))
        snippet_times = []
        for text in list(queries.values())[:50]:
            started = time.perf_counter()
            searcher.search(text, limit=10)
            snippet_times.append((time.perf_counter() - started) * 1000)
    return {
        "queries": len(aps),
        "map": statistics.fmean(aps),
        "ndcg@10": statistics.fmean(ndcgs),
        f"query_ms_p50 (top {DEPTH}, no snippets)": statistics.median(times),
        "query_ms_p50 (top 10, snippets)": statistics.median(snippet_times),
        "query_ms_p95 (top 10, snippets)": _p95(snippet_times),
    }


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(0.95 * len(ordered)) - 1)]


def run() -> dict[str, Any]:
    """Build an index of Cranfield in a temporary folder, run every query, return the figures."""
    folder = cranfield_dir()
    if not (folder / "qrels.tsv").is_file():
        message = f"Cranfield not found at {folder}: relevance benchmark skipped"
        print(message)
        return {"skipped": message}
    with tempfile.TemporaryDirectory(prefix="briefs-cranfield-") as tmp:
        index, seconds, docs = build_index(folder, Path(tmp))
        figures: dict[str, Any] = {"documents": docs, "build_s": seconds}
        figures.update(evaluate(index, folder))
    figures["target_map"] = 0.35
    return figures


def main() -> int:
    figures = run()
    for key, value in figures.items():
        print(f"{key:>36}  {value:.3f}" if isinstance(value, float) else f"{key:>36}  {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
