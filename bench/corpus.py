"""Benchmark corpora: BBC articles (or generated text) written as Brief files, cached by size."""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import html
import json
import math
import os
import random
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

from tui.core.brief import Brief, slugify, write_brief

# Bump when the way a corpus is generated changes, so stale caches are not reused.
CORPUS_VERSION = 1
SHARED = Path(__file__).resolve().parents[2] / "shared"
BBC_DIR = Path(os.environ.get("BRIEFS_BENCH_BBC", SHARED / "corpora" / "bbc"))
MARKER = ".bench-corpus.json"
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'“‘(])")


def cache_root(explicit: str | None = None) -> Path:
    """Where corpora and indexes are cached: --cache, $BRIEFS_BENCH_CACHE, or the temp folder."""
    chosen = explicit or os.environ.get("BRIEFS_BENCH_CACHE")
    root = Path(chosen) if chosen else Path(tempfile.gettempdir()) / "briefs-bench"
    root.mkdir(parents=True, exist_ok=True)
    return root


@dataclass(frozen=True)
class Corpus:
    """A benchmark corpus folder and how it came to be."""

    path: Path
    size: int
    origin: str  # "bbc" or "generated"
    built_this_run: bool
    build_seconds: float
    bytes_on_disk: int
    words: int

    def to_json(self) -> dict[str, object]:
        data = asdict(self)
        data["path"] = str(self.path)
        return data


def source_kind() -> str:
    return "bbc" if BBC_DIR.is_dir() and any(BBC_DIR.glob("bbc_*.txt")) else "generated"


@contextlib.contextmanager
def cache_lock(root: Path, name: str) -> Iterator[None]:
    """One builder at a time per cached item: several people may run the bench on one machine
    and share the default cache."""
    with (root / f".lock-{name}").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print(f"  waiting for another bench run to finish {name} ...", flush=True)
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def corpus_for(size: int, root: Path, *, log: bool = True) -> Corpus:
    """The corpus of `size` briefs, from the cache when a complete one is there, else built now."""
    origin = source_kind()
    folder = root / f"corpus-{origin}-{size}-v{CORPUS_VERSION}"
    with cache_lock(root, folder.name):
        return _corpus(folder, size, origin, root, log)


def _corpus(folder: Path, size: int, origin: str, root: Path, log: bool) -> Corpus:
    marker = folder / MARKER
    if marker.is_file():
        meta = json.loads(marker.read_text(encoding="utf-8"))
        return Corpus(
            folder, size, origin, False, meta["build_seconds"], meta["bytes"], meta["words"]
        )
    if log:
        print(f"  building the {size:,}-brief {origin} corpus in {folder} ...", flush=True)
    # Build beside the final folder, then rename: an interrupted build never passes for a cache.
    tmp = root / f".building-{folder.name}-{os.getpid()}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    start = time.perf_counter()
    briefs = bbc_briefs(size) if origin == "bbc" else generated_briefs(size)
    words = 0
    # write_brief fsyncs each file: threads overlap those waits (the GIL is released in fsync).
    with ThreadPoolExecutor(max_workers=8) as pool:
        for brief in briefs:
            words += brief.words
            pool.submit(write_brief, brief, tmp, exclusive=True)
    elapsed = time.perf_counter() - start
    written = sum(1 for _ in tmp.glob("*.md"))
    if written != size:
        raise RuntimeError(f"corpus build wrote {written} briefs, expected {size}")
    size_bytes = folder_bytes(tmp)
    meta = {"build_seconds": elapsed, "bytes": size_bytes, "words": words, "origin": origin}
    (tmp / MARKER).write_text(json.dumps(meta), encoding="utf-8")
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)
    return Corpus(folder, size, origin, True, elapsed, size_bytes, words)


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


# --- BBC articles, repeated with deterministic variations --------------------------------------


@dataclass(frozen=True)
class Article:
    name: str
    category: str
    title: str
    paragraphs: list[str]


def bbc_articles() -> list[Article]:
    """Every article of the BBC folder, in a fixed shuffled order so any prefix mixes categories."""
    articles = []
    for path in sorted(BBC_DIR.glob("bbc_*.txt")):
        text = path.read_text(encoding="utf-8", errors="replace")
        head, _, rest = text.partition("\n")
        # A few headlines carry HTML entities (&#163;) from the original scrape.
        paragraphs = [html.unescape(p.strip()) for p in re.split(r"\n\s*\n", rest) if p.strip()]
        category = path.stem.split("_")[1]
        articles.append(Article(path.stem, category, html.unescape(head.strip()), paragraphs))
    random.Random(20260101).shuffle(articles)
    return articles


def bbc_briefs(size: int) -> Iterator[Brief]:
    articles = bbc_articles()
    ids: set[str] = set()
    for i in range(size):
        article = articles[i % len(articles)]
        round_ = i // len(articles)
        title, paragraphs = article.title, article.paragraphs
        if round_:
            title, paragraphs = vary(article, round_)
        yield make_brief(
            i,
            title,
            "\n\n".join(paragraphs),
            f"BBC {article.category.title()}",
            article.name,
            ids,
        )


def vary(article: Article, round_: int) -> tuple[str, list[str]]:
    """A variant of an article: sentences shuffled in each paragraph, paragraphs rotated, a
    numbered title, so its text and content hash differ while its vocabulary stays real."""
    rng = random.Random(f"{article.name}/{round_}")
    paragraphs = []
    for paragraph in article.paragraphs:
        sentences = _SENTENCE.split(paragraph)
        rng.shuffle(sentences)
        paragraphs.append(" ".join(sentences))
    if len(paragraphs) > 2:
        cut = 1 + rng.randrange(len(paragraphs) - 1)
        paragraphs = paragraphs[cut:] + paragraphs[:cut]
    return f"{article.title} ({round_ + 1})", paragraphs


def make_brief(i: int, title: str, body: str, source: str, origin: str, ids: set[str]) -> Brief:
    base = slugify(title)
    brief_id, n = base, 1
    while brief_id in ids:
        n += 1
        brief_id = f"{base}-{n}"
    ids.add(brief_id)
    # Dates spread over two years so date filters and the year facet have something to do.
    published = dt.date(2004, 1, 1) + dt.timedelta(days=(i * 37) % 730)
    return Brief(
        id=brief_id,
        title=title,
        body=body,
        source=source,
        published=published,
        ingested=dt.date(2026, 1, 1),
        sha256=hashlib.sha256(f"{title}\n\n{body}".encode()).hexdigest(),
        origin=f"{origin}.txt",
    )


# --- generated pseudo-text, when the BBC folder is absent ---------------------------------------


def generated_briefs(size: int, seed: int = 7) -> Iterator[Brief]:
    """Pseudo-English briefs: words from a Zipf-distributed vocabulary of made-up words, lengths
    like the BBC set (median ~330 words), so index and query costs behave like real text."""
    rng = random.Random(seed)
    vocab = pseudo_vocabulary(rng, 30_000)
    weights = [1.0 / (rank + 1) ** 1.07 for rank in range(len(vocab))]
    cumulative: list[float] = []
    total = 0.0
    for w in weights:
        total += w
        cumulative.append(total)
    sources = ["Alpha Review", "Beta Monitor", "Gamma Institute", "Delta Weekly", "Epsilon Desk"]
    ids: set[str] = set()
    for i in range(size):
        words_wanted = max(80, int(rng.lognormvariate(math.log(330), 0.55)))
        paragraphs, count = [], 0
        while count < words_wanted:
            sentences = []
            for _ in range(rng.randint(2, 5)):
                n = rng.randint(6, 24)
                words = rng.choices(vocab, cum_weights=cumulative, k=n)
                count += n
                sentences.append(" ".join(words).capitalize() + ".")
            paragraphs.append(" ".join(sentences))
        title_words = rng.choices(vocab[50:5000], k=rng.randint(3, 7))
        title = " ".join(title_words).capitalize()
        yield make_brief(i, title, "\n\n".join(paragraphs), sources[i % 5], f"gen-{i}", ids)


def pseudo_vocabulary(rng: random.Random, n: int) -> list[str]:
    onsets = ["b", "c", "d", "f", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "st", "tr"]
    vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
    codas = ["", "", "n", "r", "s", "l", "nt", "st", "rd"]
    seen: set[str] = set()
    vocab: list[str] = []
    while len(vocab) < n:
        # Frequent words are short, as in real languages.
        syllables = 1 + min(3, int(rng.expovariate(1.0) + len(vocab) / (n / 2)))
        word = "".join(
            rng.choice(onsets) + rng.choice(vowels) + rng.choice(codas) for _ in range(syllables)
        )
        if word not in seen:
            seen.add(word)
            vocab.append(word)
    return vocab
