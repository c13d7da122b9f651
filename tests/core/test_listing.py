"""The library's listing: the same briefs as load_corpus, with unchanged files served from cache."""

from __future__ import annotations

import json
import os
from pathlib import Path

from tui.core.brief import load_corpus
from tui.core.listing import CACHE_VERSION, cache_file, cached_listing, list_corpus


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
    assert json.loads(cache.read_text(encoding="utf-8"))["version"] == CACHE_VERSION
    # A record of the wrong shape is read again rather than trusted, and left out of the
    # listing shown before the files are checked.
    data = json.loads(cache.read_text(encoding="utf-8"))
    columns = data["columns"]
    columns["published"][columns["name"].index("zangezur-corridor.md")] = "not a date"
    columns["title"][columns["name"].index("georgia-protests.md")] = 42  # not text
    cache.write_text(json.dumps(data), encoding="utf-8")
    early = cached_listing(corpus, cache)
    assert early is not None and not early.checked
    assert len(early.entries) == 6 and early.errors == []
    again = list_corpus(corpus, cache)
    assert again.read == 2
    assert len(again.entries) == 8 and again.checked


def test_the_cached_listing_is_the_last_one_saved(corpus: Path, tmp_path: Path) -> None:
    cache = cache_file(tmp_path / "state", corpus)
    assert cached_listing(corpus, cache) is None
    (corpus / "broken.md").write_text("---\ntitle: [oops\n---\n", encoding="utf-8")
    saved = list_corpus(corpus, cache)
    early = cached_listing(corpus, cache)
    assert early is not None and not early.checked and early.read == 0
    assert early.entries == saved.entries and early.errors == saved.errors
    assert [e.path for e in early.entries] == [e.path for e in saved.entries]
    # Files are not looked at: a brief removed since is still there until list_corpus runs.
    (corpus / "georgia-protests.md").unlink()
    still = cached_listing(corpus, cache)
    assert still is not None and "georgia-protests" in {e.id for e in still.entries}
    assert "georgia-protests" not in {e.id for e in list_corpus(corpus, cache).entries}


def test_the_cached_listing_skips_a_second_brief_with_the_same_id(
    corpus: Path, tmp_path: Path
) -> None:
    cache = cache_file(tmp_path / "state", corpus)
    text = (corpus / "zangezur-corridor.md").read_text(encoding="utf-8")
    (corpus / "zz-copy.md").write_text(text, encoding="utf-8")
    saved = list_corpus(corpus, cache)
    assert any("duplicate id 'zangezur-corridor'" in e for e in saved.errors)
    early = cached_listing(corpus, cache)
    assert early is not None
    assert early.entries == saved.entries and early.errors == saved.errors


def test_a_cache_of_another_version_is_not_used(corpus: Path, tmp_path: Path) -> None:
    cache = cache_file(tmp_path / "state", corpus)
    list_corpus(corpus, cache)
    data = json.loads(cache.read_text(encoding="utf-8"))
    cache.write_text(json.dumps(data | {"version": CACHE_VERSION - 1}), encoding="utf-8")
    assert cached_listing(corpus, cache) is None
    assert list_corpus(corpus, cache).read == 8


def test_caches_of_two_corpora_do_not_mix(tmp_path: Path) -> None:
    assert cache_file(tmp_path, tmp_path / "a") != cache_file(tmp_path, tmp_path / "b")
