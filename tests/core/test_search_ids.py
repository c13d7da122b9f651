"""`Searcher.search(ids=...)`: hits limited to a set of brief ids (used by `briefs search
--with-notes`), with every kind of query, together with the other filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.core.search import Searcher

QUERIES = ("Russia", "Russia AND grain", "gra*", '"Black Sea"', "Russia NOT grain", "title:grain")


@pytest.mark.parametrize("query", QUERIES)
def test_hits_are_limited_to_the_ids_given(index_dir: Path, query: str) -> None:
    with Searcher(index_dir) as searcher:
        everything = searcher.search(query, limit=100)
        allowed = {"black-sea-grain", "georgia-protests", "no-such-brief"}
        limited = searcher.search(query, limit=100, ids=allowed)
        assert {h.id for h in limited.hits} == {h.id for h in everything.hits} & allowed
        assert limited.total == len(limited.hits)
        assert searcher.search(query, ids=set()).hits == []
        assert searcher.search(query, ids=None).total == everything.total


def test_ids_combine_with_the_other_filters(index_dir: Path) -> None:
    with Searcher(index_dir) as searcher:
        every = {h.id for h in searcher.search("Russia", limit=100).hits}
        some = sorted(every)[:3]
        chatham = searcher.search("Russia", limit=100, source="Chatham House", ids=some)
        alone = searcher.search("Russia", limit=100, source="Chatham House")
        assert {h.id for h in chatham.hits} == {h.id for h in alone.hits} & set(some)
        assert 0 < chatham.total < alone.total  # both filters had something to remove
