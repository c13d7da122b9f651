"""The library's listing: the same briefs as load_corpus, with unchanged files served from cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tui.core.brief import load_corpus
from tui.core.listing import cache_file, list_corpus


def test_lists_what_load_corpus_reads(corpus: Path) -> None:
    (corpus / "broken.md").write_text("---\ntitle: [oops\n---\n", encoding="utf-8")
    listing = list_corpus(corpus)
    load = load_corpus(corpus)
    assert [e.id for e in listing.entries] == [b.id for b in load.briefs]
    for entry, brief in zip(listing.entries, load.briefs, strict=True):
        assert (entry.title, entry.source, entry.author, entry.published, entry.words) == (
            brief.title,
            brief.source,
            brief.author,
            brief.published,
            brief.words,
        )
        assert entry.path == brief.path
    assert listing.errors == load.errors


def test_unchanged_files_come_from_the_cache(corpus: Path, tmp_path: Path) -> None:
    cache = cache_file(tmp_path / "state", corpus)
    first = list_corpus(corpus, cache)
    assert first.read == len(first.entries) and cache.is_file()
    second = list_corpus(corpus, cache)
    assert second.read == 0
    assert second.entries == first.entries

    # An edited file (new size and time) is read again; a new one is read; a removed one goes.
    path = corpus / "zangezur-corridor.md"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: The Zangezur", "title: A Zangezur"),
        encoding="utf-8",
    )
    os.utime(path, ns=(1, 1))
    (corpus / "georgia-protests.md").unlink()
    third = list_corpus(corpus, cache)
    assert third.read == 1
    titles = {e.id: e.title for e in third.entries}
    assert titles["zangezur-corridor"].startswith("A Zangezur")
    assert "georgia-protests" not in titles


def test_a_damaged_cache_is_ignored(corpus: Path, tmp_path: Path) -> None:
    cache = cache_file(tmp_path / "state", corpus)
    cache.parent.mkdir(parents=True)
    cache.write_text("{broken", encoding="utf-8")
    listing = list_corpus(corpus, cache)
    assert len(listing.entries) == 8 and listing.read == 8
    assert json.loads(cache.read_text(encoding="utf-8"))["version"] == 1
    # A record of the wrong shape is read again rather than trusted.
    data = json.loads(cache.read_text(encoding="utf-8"))
    data["files"]["zangezur-corridor.md"]["published"] = "not a date"
    cache.write_text(json.dumps(data), encoding="utf-8")
    again = list_corpus(corpus, cache)
    assert again.read == 1
    assert len(again.entries) == 8


def test_caches_of_two_corpora_do_not_mix(tmp_path: Path) -> None:
    assert cache_file(tmp_path, tmp_path / "a") != cache_file(tmp_path, tmp_path / "b")
