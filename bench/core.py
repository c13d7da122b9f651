"""Index and search benchmarks (issue 2): build rate, size, cold and warm queries, memory, grep.

Every measurement goes through the real code: `tui.core.index.update_index` and
`tui.core.search.Searcher` in child processes (so peak memory is the child's own), and the
installed `briefs search` command for the cold figure.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import math
import os
import random
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.corpus import Corpus, cache_lock, folder_bytes
from bench.report import Table, mb, median, ms, percentile, ratio, size, verdict

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
BRIEFS = BIN / "briefs"
INDEX_CODE = ["tui/core/schema.py", "tui/core/index.py", "tui/core/brief.py"]
NO_SNIPPETS = "one word, no snippets"  # how much of the cost is highlighting
QUERY_CLASSES = ("one word", "two words", "phrase", "prefix", "prefix 3")
WARM_TARGET_MS = 20.0
COLD_TARGET_S = 1.0
# fmt: off
STOPWORDS = frozenset({
    "about", "above", "after", "again", "against", "also", "although", "among", "another",
    "because", "been", "before", "being", "below", "between", "both", "could", "does", "doing",
    "down", "during", "each", "either", "every", "from", "further", "have", "having", "here",
    "however", "into", "itself", "just", "last", "like", "made", "make", "many", "more",
    "most", "much", "must", "next", "only", "other", "over", "said", "same", "says", "should",
    "since", "some", "such", "than", "that", "their", "them", "then", "there", "these", "they",
    "this", "those", "through", "under", "until", "very", "were", "what", "when", "where",
    "which", "while", "will", "with", "within", "without", "would", "year", "years", "your",
    "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was",
    "one", "our", "out", "has", "him", "his", "how", "its", "may", "new", "now", "old", "see",
    "two", "way", "who", "did", "get", "let", "put", "say", "she", "too", "use", "mr", "mrs",
    "first", "told", "people",
})
# fmt: on


# --- running children --------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    seconds: float
    returncode: int
    stdout: str
    stderr: str
    maxrss_kb: float = math.nan


# Linux carries a process's peak RSS across fork and exec, so a child forked from this (large)
# process would report at least our own size. Peak memory is therefore read through this tiny
# interpreter, which forks the real command from its own small image and reports its wait4 figure.
_SPAWNER = """import os, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as out:
    out.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
sys.exit(code if code >= 0 else 128 - code)
"""


def run_child(
    cmd: list[str],
    *,
    env: dict[str, str] | None = None,
    timeout: float = 900,
    memory: bool = False,
    show_stderr: bool = False,
) -> Run:
    """Run a process to completion and time it; with `memory`, also its own peak RSS (kB).

    The memory run goes through a small spawner, which adds its start-up to the wall time: time
    and memory come from separate runs when both matter. With `show_stderr` the child's progress
    lines go to our terminal instead of being kept.
    """
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.NamedTemporaryFile("r") as rss,
    ):
        argv = [sys.executable, "-S", "-c", _SPAWNER, rss.name, *cmd] if memory else cmd
        start = time.perf_counter()
        proc = subprocess.Popen(
            argv,
            stdout=out,
            stderr=None if show_stderr else err,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=True,  # so a timeout can end the spawner and what it started
        )
        try:
            code = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
            code = -9
        elapsed = time.perf_counter() - start
        out.seek(0)
        err.seek(0)
        peak = rss.read().strip() if memory else ""
        return Run(
            elapsed,
            code,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            float(peak) if peak else math.nan,
        )


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1][:160] if lines else ""


def worker(*args: str) -> list[str]:
    return [sys.executable, "-m", "bench.core", *args]


def available(module: str) -> str | None:
    """None when `module` imports, else the one-line reason it does not (yet)."""
    run = subprocess.run(
        [sys.executable, "-c", f"import {module}"], capture_output=True, text=True, check=False
    )
    return None if run.returncode == 0 else last_line(run.stderr) or "import failed"


# --- queries drawn from the corpus -------------------------------------------------------------


def query_set(corpus: Path, per_class: int, seed: int = 1234) -> dict[str, list[str]]:
    """Queries built from the corpus's own vocabulary: mid-frequency words (in 1-20% of briefs),
    pairs that occur in one brief, two-word phrases found in several briefs, 4-letter prefixes
    (the shortest the app expands)."""
    from tui.core.brief import BriefError, read_brief

    files = sorted(corpus.glob("*.md"))
    rng = random.Random(seed)
    sample = rng.sample(files, min(400, len(files)))
    docs: list[list[str]] = []
    for path in sample:
        try:
            docs.append(re.findall(r"[a-z]+", read_brief(path).body.lower()))
        except BriefError:
            continue
    df: Counter[str] = Counter()
    bigram_df: Counter[tuple[str, str]] = Counter()
    for words in docs:
        df.update(set(words))
        bigram_df.update(set(itertools.pairwise(words)))
    n = len(docs)

    def good(word: str) -> bool:
        return 5 <= len(word) <= 12 and word not in STOPWORDS

    words = sorted(w for w, c in df.items() if good(w) and 0.01 * n <= c <= 0.2 * n)
    one = rng.sample(words, min(per_class, len(words)))
    chosen = set(words)
    two: list[str] = []
    for _ in range(per_class * 20):
        if len(two) >= per_class:
            break
        doc = rng.choice(docs)
        in_doc = sorted(chosen.intersection(doc))
        if len(in_doc) >= 2:
            a, b = rng.sample(in_doc, 2)
            if f"{a} {b}" not in two:
                two.append(f"{a} {b}")
    pairs = sorted(
        f'"{a} {b}"'
        for (a, b), c in bigram_df.items()
        if c >= 3 and len(a) >= 4 and len(b) >= 4 and a not in STOPWORDS and b not in STOPWORDS
    )
    phrase = rng.sample(pairs, min(per_class, len(pairs)))
    prefixes = sorted({w[:4] for w in words if len(w) >= 6})
    prefix = [p + "*" for p in rng.sample(prefixes, min(per_class, len(prefixes)))]
    short = sorted({p[:3] for p in prefixes})
    prefix3 = [p + "*" for p in rng.sample(short, min(per_class, len(short)))]
    return {
        "one word": one,
        "two words": two,
        "phrase": phrase,
        "prefix": prefix,
        "prefix 3": prefix3,
    }


def grep_command(kind: str, query: str, folder: Path) -> list[str]:
    """What a user without briefs would type: `grep -ril` (fixed strings), two words by piping."""
    d = str(folder)
    if kind == "two words":
        a, b = query.split()
        line = (
            f"grep -rilZF -- {shlex.quote(a)} {shlex.quote(d)} | "
            f"xargs -0r grep -ilF -- {shlex.quote(b)}"
        )
        return ["sh", "-c", line]
    text = query.strip('"').rstrip("*")
    return ["grep", "-rilF", "--", text, d]


# --- the benchmark -----------------------------------------------------------------------------


@dataclass
class Options:
    quick: bool
    cache: Path
    annotate: str  # "auto" (as `briefs index` does) or "none"


def index_key(annotate: bool) -> str:
    """A hash of the code that decides what an index holds: a change rebuilds the cached index."""
    digest = hashlib.sha1()
    files = [ROOT / f for f in INDEX_CODE]
    if annotate:
        files += sorted((ROOT / "tui" / "core" / "entities").rglob("*"))
    for path in files:
        if path.is_file():
            digest.update(path.read_bytes())
    digest.update(b"annotate" if annotate else b"plain")
    return digest.hexdigest()[:10]


def want_annotate(opts: Options) -> bool:
    """Index with entities when the extraction exists, as the `briefs index` command does."""
    return opts.annotate != "none" and _has_annotate()


def _has_annotate() -> bool:
    code = "import sys; from tui.core.entities import default_annotator as d; sys.exit(d() is None)"
    return (
        subprocess.run([sys.executable, "-c", code], capture_output=True, check=False).returncode
        == 0
    )


def cached_index(corpus: Corpus, opts: Options, annotate: bool) -> tuple[Path, dict[str, Any]]:
    """The index of `corpus`: reused when built by the same index code, else built now in a child
    process (timed, peak memory from wait4) in a temporary folder renamed into place when done."""
    stem = f"index-{corpus.path.name}"
    key = index_key(annotate)
    index_dir = opts.cache / f"{stem}-{key}"
    marker = opts.cache / f"{stem}-{key}.json"
    with cache_lock(opts.cache, index_dir.name):
        if marker.is_file() and index_dir.is_dir():
            meta = json.loads(marker.read_text(encoding="utf-8"))
            meta["built_this_run"] = False
            return index_dir, meta
        building = opts.cache / f".building-{index_dir.name}-{os.getpid()}"
        shutil.rmtree(building, ignore_errors=True)
        print(f"  indexing {corpus.size:,} briefs (annotate={annotate}) ...", flush=True)
        run = run_child(
            worker("build", str(corpus.path), str(building), "1" if annotate else "0"),
            timeout=3600,
            memory=True,
            show_stderr=True,
        )
        if run.returncode != 0:
            shutil.rmtree(building, ignore_errors=True)
            raise RuntimeError(f"index build failed with exit {run.returncode} (errors above)")
        meta = json.loads(run.stdout)
        meta.update(maxrss_kb=run.maxrss_kb, process_seconds=run.seconds, key=key)
        meta.update(annotate=annotate, index_bytes=folder_bytes(building))
        shutil.rmtree(index_dir, ignore_errors=True)
        building.rename(index_dir)
        marker.write_text(json.dumps(meta), encoding="utf-8")
    prune(opts.cache, stem, keep=index_dir)
    meta["built_this_run"] = True
    return index_dir, meta


def prune(cache: Path, stem: str, keep: Path, kept: int = 3) -> None:
    """Drop all but the newest indexes of a corpus (older index code), and leftovers of builds
    that died, so the cache does not grow with every schema change. Another bench run may still
    be using an older index, so a few are kept."""
    markers = sorted(cache.glob(f"{stem}-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in markers[kept:]:
        if old.with_suffix("") != keep:
            shutil.rmtree(old.with_suffix(""), ignore_errors=True)
            old.unlink(missing_ok=True)
    day_ago = time.time() - 86_400
    for leftover in cache.glob(f".building-{stem}-*"):
        if leftover.stat().st_mtime < day_ago:
            shutil.rmtree(leftover, ignore_errors=True)
    for folder in cache.glob(f"{stem}-*"):
        orphan = folder.is_dir() and not folder.with_suffix(".json").is_file()
        if orphan and folder.stat().st_mtime < day_ago:
            shutil.rmtree(folder, ignore_errors=True)


def bench_core(corpora: list[Corpus], opts: Options) -> tuple[list[Table], dict[str, Any]]:
    missing = available("tui.core.index") or available("tui.core.search")
    if missing:
        table = Table("Core (issue 2): index and search", ["figure", "value"])
        table.add("skipped", f"tui.core.index / search not importable yet: {missing}")
        return [table], {"skipped": missing}
    annotate = want_annotate(opts)
    tables = CoreTables(
        build=Table(
            "Core (issue 2): corpus and index build",
            [
                "briefs",
                "corpus",
                "corpus size",
                "index build",
                "briefs/s",
                "entities",
                "index size",
                "no-op update",
                "index_status",
            ],
        ),
        warm=Table(
            "Core: warm query latency (one reused Searcher, limit 20, with snippets) vs grep -ril",
            [
                "briefs",
                "query kind",
                "n",
                "p50",
                "p95",
                "target p95",
                "pass",
                "hits p50",
                "grep p50",
                "grep files p50",
                "grep/briefs p50",
            ],
        ),
        cold=Table(
            "Core: cold `briefs search WORD` (a new process per query, page cache warm)",
            ["briefs", "command", "runs", "median", "min", "max", "target", "pass", "vs grep p50"],
        ),
        memory=Table(
            "Core: peak memory (RSS of each child process, from wait4)",
            [
                "briefs",
                "index build",
                "searcher (all warm queries)",
                "briefs search WORD",
                "searcher open",
                "first query",
            ],
        ),
    )
    data: dict[str, Any] = {"annotate": annotate, "sizes": {}}
    for corpus in corpora:
        data["sizes"][str(corpus.size)] = bench_one(corpus, opts, annotate, tables)
    tables.build.notes.append(
        f"Corpora and indexes are cached under {opts.cache}; '(cached)' marks figures measured by "
        "the run that built them. A hash of the index code keys the cache, so a schema change "
        "rebuilds. no-op update = update_index on the unchanged corpus; index_status = the check "
        "the app runs at start."
    )
    tables.warm.notes.append(
        "Queries come from the corpus vocabulary: words in 1-20% of briefs, pairs found in one "
        "brief, phrases seen in 3+ briefs, 4-letter prefixes (and 3-letter, the shortest the "
        "search expands). The no-snippets row is a diagnostic: the one-word queries without "
        "highlighting. grep = `grep -rilF` per query (two words: piped into a second grep), a "
        "new process each time as a user would; it neither stems nor ranks, so its counts differ."
    )
    tables.cold.notes.append(
        "Hyperfine-style: one warm-up run, then timed runs rotating one-word queries; "
        "`python -c pass` is the floor any Python command pays on this machine."
    )
    return [tables.build, tables.warm, tables.cold, tables.memory], data


@dataclass
class CoreTables:
    build: Table
    warm: Table
    cold: Table
    memory: Table


def bench_one(corpus: Corpus, opts: Options, annotate: bool, t: CoreTables) -> dict[str, Any]:
    print(f"core: {corpus.size:,} briefs", flush=True)
    index_dir, meta = cached_index(corpus, opts, annotate)
    per_class = 10 if opts.quick else 20
    queries = query_set(corpus.path, per_class)
    qfile = opts.cache / f"queries-{corpus.path.name}.json"
    qfile.write_text(json.dumps(queries), encoding="utf-8")

    passes, budget = ("3", "4") if opts.quick else ("10", "15")
    run = run_child(
        worker("warm", str(corpus.path), str(index_dir), str(qfile), passes, budget), memory=True
    )
    if run.returncode != 0:
        raise RuntimeError(f"warm search failed: {last_line(run.stderr)}")
    warm = json.loads(run.stdout)
    n = f"{corpus.size:,}"
    cached = "" if meta["built_this_run"] else " (cached)"
    t.build.add(
        n,
        f"{corpus.origin}, {'built now' if corpus.built_this_run else 'cached'}",
        size(corpus.bytes_on_disk),
        f"{meta['seconds']:.1f} s{cached}",
        f"{meta['total'] / meta['seconds']:.0f}" if meta["seconds"] else "-",
        "yes" if meta["annotate"] else "no",
        size(meta["index_bytes"]),
        ms(warm["noop_update_s"]),
        ms(warm["status_s"]),
    )

    grep_runs, grep_per_class = (1, 5) if opts.quick else (3, 10)
    classes: dict[str, Any] = {}
    for kind in QUERY_CLASSES:
        samples = warm["latency_s"].get(kind, [])
        hits = warm["hits"].get(kind, [])
        grep_times: list[float] = []
        grep_files: list[int] = []
        for query in queries[kind][:grep_per_class]:
            cmd = grep_command(kind, query, corpus.path)
            for _ in range(grep_runs):
                g = run_child(cmd)
                grep_times.append(g.seconds)
            grep_files.append(len(g.stdout.splitlines()))
        p50, p95 = median(samples), percentile(samples, 95)
        gp50 = median(grep_times)
        ok = None if math.isnan(p95) else p95 * 1000 < WARM_TARGET_MS
        t.warm.add(
            n,
            kind,
            len(samples),
            ms(p50),
            ms(p95),
            f"< {WARM_TARGET_MS:.0f} ms",
            verdict(ok),
            f"{median(hits):.0f}" if hits else "-",
            ms(gp50),
            f"{median(grep_files):.0f}" if grep_files else "-",
            ratio(gp50 / p50) if p50 else "-",
        )
        classes[kind] = {
            "queries": queries[kind],
            "p50_s": p50,
            "p95_s": p95,
            "n": len(samples),
            "hits_p50": median(hits) if hits else None,
            "grep_p50_s": gp50,
            "grep_p95_s": percentile(grep_times, 95),
            "grep_files_p50": median(grep_files) if grep_files else None,
            "pass": ok,
        }

    plain = warm["latency_s"].get(NO_SNIPPETS, [])
    if plain:
        t.warm.add(
            n,
            NO_SNIPPETS,
            len(plain),
            ms(median(plain)),
            ms(percentile(plain, 95)),
            "",
            "",
            "",
            "",
            "",
            "",
        )
        classes[NO_SNIPPETS] = {"p50_s": median(plain), "p95_s": percentile(plain, 95)}

    cold = cold_search(corpus, index_dir, queries["one word"], opts, t, classes)
    if index_key(annotate) != meta["key"]:
        # briefs heals an index built by other code by rebuilding it, inside the timed runs.
        t.cold.notes.append(
            f"{n}: the index code changed while this ran (an edit in tui/core): briefs may have "
            "rebuilt the index inside a timed run, and the figures mix versions. Run again."
        )
    t.memory.add(
        n,
        mb(meta["maxrss_kb"]) + cached,
        mb(run.maxrss_kb),
        mb(cold.get("maxrss_kb", math.nan)),
        ms(warm["open_s"]),
        ms(warm["first_query_s"]),
    )
    return {
        "corpus": corpus.to_json(),
        "index": meta,
        "index_dir": str(index_dir),
        "warm": classes,
        "searcher": {
            "open_s": warm["open_s"],
            "first_query_s": warm["first_query_s"],
            "maxrss_kb": run.maxrss_kb,
            "noop_update_s": warm["noop_update_s"],
            "status_s": warm["status_s"],
        },
        "cold": cold,
    }


def cold_search(
    corpus: Corpus,
    index_dir: Path,
    words: list[str],
    opts: Options,
    t: CoreTables,
    classes: dict[str, Any],
) -> dict[str, Any]:
    """The installed command in a new process each time, as a user types it in a shell."""
    n = f"{corpus.size:,}"
    env = dict(os.environ, NO_COLOR="1")
    runs = 5 if opts.quick else 10
    floor = [run_child([sys.executable, "-c", "pass"]).seconds for _ in range(runs)]
    times: list[float] = []
    failure = ""
    cmd: list[str] = []
    for i in range(runs + 1):
        cmd = [str(BRIEFS), "search", words[i % len(words)], "--corpus", str(corpus.path)]
        cmd += ["--index", str(index_dir)]
        r = run_child(cmd, env=env)
        if r.returncode != 0:
            failure = f"exit {r.returncode}: {last_line(r.stderr)}"
            break
        if i:  # the first is the warm-up
            times.append(r.seconds)
    grep = classes["one word"]["grep_p50_s"]
    data: dict[str, Any] = {"python_floor_s": median(floor)}
    if failure:
        t.cold.add(n, "briefs search WORD", 0, "failed", "", "", "", "", "")
        t.cold.notes.append(f"{n}: `briefs search` failed: {failure}")
        data["error"] = failure
    else:
        cmed = median(times)
        ok = cmed < COLD_TARGET_S
        t.cold.add(
            n,
            "briefs search WORD",
            len(times),
            ms(cmed),
            ms(min(times)),
            ms(max(times)),
            f"< {COLD_TARGET_S:.0f} s",
            verdict(ok),
            f"{cmed / grep:.1f}x slower" if cmed > grep else f"{grep / cmed:.1f}x faster",
        )
        data.update(median_s=cmed, runs_s=times, pass_=ok)
        data["maxrss_kb"] = run_child(cmd, env=env, memory=True).maxrss_kb
    t.cold.add(
        n,
        "python -c pass",
        len(floor),
        ms(median(floor)),
        ms(min(floor)),
        ms(max(floor)),
        "",
        "",
        "",
    )
    return data


# --- child-process entry points ----------------------------------------------------------------


def child_build(corpus: str, index_dir: str, annotate: str) -> None:
    from tui.core.entities import default_annotator
    from tui.core.index import update_index

    annotate_fn = default_annotator() if annotate == "1" else None
    step = 0

    def progress(done: int, total: int) -> None:
        nonlocal step
        if done * 10 // max(total, 1) > step or done == total:
            step = done * 10 // max(total, 1)
            elapsed = time.perf_counter() - start
            print(f"    {done:,}/{total:,} briefs, {elapsed:.0f} s", file=sys.stderr, flush=True)

    start = time.perf_counter()
    report = update_index(
        Path(corpus), Path(index_dir), rebuild=True, annotate=annotate_fn, progress=progress
    )
    seconds = time.perf_counter() - start
    if report.errors:
        print(f"{len(report.errors)} errors, first: {report.errors[0]}", file=sys.stderr)
    print(json.dumps({"seconds": seconds, "total": report.total, "errors": len(report.errors)}))


def child_warm(corpus: str, index_dir: str, qfile: str, passes: str, budget: str) -> None:
    from tui.core.index import index_status, update_index
    from tui.core.search import Searcher

    queries: dict[str, list[str]] = json.loads(Path(qfile).read_text(encoding="utf-8"))
    status_times = []
    for _ in range(3):
        start = time.perf_counter()
        index_status(Path(corpus), Path(index_dir))
        status_times.append(time.perf_counter() - start)
    start = time.perf_counter()
    update_index(Path(corpus), Path(index_dir))
    noop = time.perf_counter() - start

    start = time.perf_counter()
    searcher = Searcher(Path(index_dir))
    opened = time.perf_counter() - start
    latency: dict[str, list[float]] = {}
    hits: dict[str, list[int]] = {}
    with searcher:
        start = time.perf_counter()
        searcher.search(queries["one word"][0], limit=20)
        first = time.perf_counter() - start
        runs = [(kind, qs, True) for kind, qs in queries.items()]
        runs.append((NO_SNIPPETS, queries["one word"], False))
        for kind, qs, snippets in runs:
            latency[kind], hits[kind] = [], []
            for q in qs:  # warm-up pass: Whoosh and the OS cache postings on first use
                hits[kind].append(searcher.search(q, limit=20, snippets=snippets).total)
        # Kinds interleaved pass by pass, so a burst of load on this shared machine falls on all
        # of them rather than on whichever ran at that moment.
        began = time.perf_counter()
        for done in range(int(passes)):
            for kind, qs, snippets in runs:
                for q in qs:
                    t0 = time.perf_counter()
                    searcher.search(q, limit=20, snippets=snippets)
                    latency[kind].append(time.perf_counter() - t0)
            if done >= 1 and time.perf_counter() - began > float(budget) * len(runs):
                break
    print(
        json.dumps(
            {
                "status_s": median(status_times),
                "noop_update_s": noop,
                "open_s": opened,
                "first_query_s": first,
                "latency_s": latency,
                "hits": hits,
            }
        )
    )


if __name__ == "__main__":
    command, *rest = sys.argv[1:]
    entry: dict[str, Callable[..., None]] = {"build": child_build, "warm": child_warm}
    entry[command](*rest)
