"""The exact scorer (tui.core.ranking) against Whoosh itself: same matches, same scores.

The index has several segments and deleted documents (an incremental update after the first
build), words common enough to span several posting blocks, and the bundled seed briefs.
"""

from __future__ import annotations

import math
import random
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from whoosh import query

from tui.core.brief import Brief, write_brief
from tui.core.index import update_index
from tui.core.ranking import Ranker
from tui.core.search import (
    Searcher,
    _CappedPrefix,
    _CappedWildcard,
    _words_query,
    parse_query,
)

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
VOCABULARY = [
    "ceasefire",
    "corridor",
    "pipeline",
    "border",
    "monitors",
    "enclave",
    "shelling",
    "talks",
    "envoy",
    "sanctions",
    "grain",
    "exports",
    "refugees",
    "convoy",
    "summit",
    "treaty",
    "mediators",
    "garrison",
    "checkpoint",
    "ministry",
    "parliament",
    "protest",
    "election",
    "observers",
    "harbour",
    "railway",
    "tariff",
    "drone",
]


def _text(rng: random.Random, words: int) -> str:
    sentences = []
    while words > 0:
        size = min(words, rng.randint(4, 12))
        words -= size
        picked = [rng.choice(VOCABULARY) for _ in range(size)]
        sentences.append(" ".join(picked).capitalize() + ".")
    return " ".join(sentences)


@pytest.fixture(scope="module")
def searcher(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A Whoosh searcher over a two-segment index with deletions (module-wide: read only)."""
    root = tmp_path_factory.mktemp("ranking")
    corpus = root / "briefs"
    corpus.mkdir()
    for path in [*DATA.glob("*.md"), *(REPO / "briefs").glob("*.md")]:
        shutil.copy2(path, corpus / path.name)
    rng = random.Random(20231919)
    for number in range(300):  # > 128 briefs per common word: several posting blocks
        body = _text(rng, rng.randint(20, 400))
        title = _text(rng, rng.randint(2, 5)).rstrip(".")
        write_brief(Brief(id=f"gen-{number:03d}", title=title, body=body), corpus)
    index = root / "index"
    update_index(corpus, index, annotate=None)
    # A second segment, and deletions in the first: changed, removed and new briefs.
    for number in range(0, 40, 4):
        (corpus / f"gen-{number:03d}.md").unlink()
    for number in range(1, 40, 4):
        body = _text(rng, 150)
        write_brief(Brief(id=f"gen-{number:03d}", title="Revised", body=body), corpus)
    for number in range(300, 330):
        write_brief(Brief(id=f"gen-{number:03d}", title="Late", body=_text(rng, 90)), corpus)
    update_index(corpus, index, annotate=None)
    with Searcher(index) as opened:
        whoosh_searcher = opened._searcher
        reader = whoosh_searcher.reader()
        leaves = list(reader.leaf_readers())
        assert len(leaves) > 1 and any(leaf.has_deletions() for leaf, _ in leaves)
        opened.parsed = lambda text: parse_query(opened._parser, text).query
        yield opened


def reference_docs(whoosh_searcher: Any, q: Any) -> set[int]:
    """The matches as Whoosh finds them, but for AND NOT taken as a set difference: Whoosh's
    AndNotMatcher keeps the first match of its left side when the right side's first match
    comes earlier (whoosh-reloaded 2.7.5, `_find_first`), even if both hold that brief."""
    if isinstance(q, query.AndNot):
        return reference_docs(whoosh_searcher, q.a) - reference_docs(whoosh_searcher, q.b)
    if isinstance(q, query.And):
        found = [reference_docs(whoosh_searcher, sub) for sub in q.subqueries]
        return set.intersection(*found) if found else set()
    if isinstance(q, query.Or) and not q.minmatch:
        return set().union(*(reference_docs(whoosh_searcher, sub) for sub in q.subqueries))
    if isinstance(q, query.AndMaybe):
        return reference_docs(whoosh_searcher, q.a)
    if isinstance(q, query.Not):
        everything = set(range(whoosh_searcher.reader().doc_count_all()))
        live = {doc for doc in everything if not whoosh_searcher.reader().is_deleted(doc)}
        return live - reference_docs(whoosh_searcher, q.query)
    return set(whoosh_searcher.docs_for_query(q))


def compare(opened: Any, q: Any) -> int:
    """Assert both paths agree on `q`; the number of matches."""
    whoosh_searcher = opened._searcher
    ours = Ranker(whoosh_searcher, (_CappedPrefix, _CappedWildcard)).scores(q)
    assert ours is not None, f"not handled: {q!r}"
    assert set(ours) == reference_docs(whoosh_searcher, q), q
    theirs = {hit.docnum: hit.score for hit in whoosh_searcher.search(q, limit=None)}
    assert set(ours) <= set(theirs), q  # Whoosh may add the AND NOT slip above
    for doc, score in ours.items():
        assert math.isclose(score, theirs[doc], rel_tol=1e-9, abs_tol=1e-12), (q, doc)
    return len(ours)


def test_whoosh_and_not_slip_is_not_reproduced(searcher: Any) -> None:
    """`a NOT b` never returns a brief holding b (Whoosh's own matcher can: see above)."""
    q = searcher.parsed("ceasefire NOT monitors")
    ours = Ranker(searcher._searcher, (_CappedPrefix, _CappedWildcard)).scores(q)
    assert ours is not None
    holding_b = set(searcher._searcher.docs_for_query(q.b))
    assert ours and not set(ours) & holding_b


TYPED = [
    "ceasefire",
    "Ceasefire monitors",
    "corridor pipeline border",
    "tariff drone railway harbour election",
    '"ceasefire monitors"',
    '"border monitors enclave"',
    '"talks envoy"~3',
    "corr*",
    "ce*ir",
    "title:revised",
    "title:(grain OR late)",
    "ceasefire AND monitors",
    "ceasefire AND NOT monitors",
    "ceasefire NOT monitors",
    "(ceasefire OR treaty) AND NOT (drone OR tariff)",
    "NOT ceasefire",
    "ceasefire^3 treaty",
    '"grain exports" OR corridor',
    "Armenia Russia bases",
    '"Russian military bases"',
    "nosuchword",
    "ceasefire nosuchword",
]


@pytest.mark.parametrize("text", TYPED)
def test_same_matches_and_scores_as_whoosh(searcher: Any, text: str) -> None:
    q = searcher.parsed(text)
    assert q is not None
    compare(searcher, q)


def test_common_words_span_several_posting_blocks(searcher: Any) -> None:
    assert compare(searcher, searcher.parsed("ceasefire")) > 128


def test_feedback_shape(searcher: Any) -> None:
    """Long plain-words queries re-ranked by feedback words: AndMaybe(typed, boosted words)."""
    typed = searcher.parsed("ceasefire monitors corridor nosuchword drone")
    extra = query.Or([query.Term("body", "treati", boost=0.7), query.Term("body", "envoy", 0.2)])
    compare(searcher, query.AndMaybe(typed, extra))
    result = searcher.search("ceasefire monitors corridor nosuchword drone", snippets=False)
    assert result.hits and result.total == len(reference_docs(searcher._searcher, typed))


def test_unhandled_shapes_are_left_to_whoosh(searcher: Any) -> None:
    ranker = Ranker(searcher._searcher, (_CappedPrefix, _CappedWildcard))
    for text in ("ceasefre~", "date:[2023 to 2024]"):
        q = searcher.parsed(text)
        assert q is not None
        assert ranker.scores(q) is None, text
    grain, envoy = query.Term("body", "grain"), query.Term("body", "envoy")
    assert ranker.scores(query.Or([grain, envoy], minmatch=1)) is None
    assert ranker.scores(query.Or([grain, envoy], scale=0.9)) is None


def test_searcher_answers_the_same_with_either_path(searcher: Any) -> None:
    """The hits, total and facets of a search match Whoosh's own answer for the same query."""
    result = searcher.search("ceasefire monitors", limit=10, snippets=False)
    q = searcher.parsed("ceasefire monitors")
    expected = searcher._searcher.search(q, limit=10)
    assert [hit.id for hit in result.hits] == [hit["id"] for hit in expected]
    assert result.total == len(set(searcher._searcher.docs_for_query(q)))
    assert sum(result.facets["year"].values()) <= result.total


words = st.sampled_from([*VOCABULARY[:12], "nosuchword"])
phrases = st.lists(words, min_size=2, max_size=3).map(lambda ws: '"' + " ".join(ws) + '"')
atoms = st.one_of(words, phrases, st.sampled_from(["corr*", "tit*", "title:grain"]))


@st.composite
def typed_queries(draw: st.DrawFn) -> str:
    parts = draw(st.lists(atoms, min_size=1, max_size=4))
    out = parts[0]
    for part in parts[1:]:
        out += draw(st.sampled_from([" ", " AND ", " OR ", " AND NOT ", " NOT "])) + part
    return f"({out}) AND {draw(words)}" if draw(st.booleans()) else out


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(text=typed_queries())
def test_generated_queries_agree(searcher: Any, text: str) -> None:
    q = searcher.parsed(text)
    if q is not None:
        compare(searcher, q)


@pytest.mark.parametrize(
    "text",
    [
        "ceasefire",
        "Ceasefire monitors border",
        "the the grain grain",
        "Grain EXPORTS to Europe",
        "Armenia 2023 bases",
        "naïve café Yerevan",
        "the of and",
        "x1 2x talks",
    ],
)
def test_plain_words_are_built_as_whoosh_parses_them(searcher: Any, text: str) -> None:
    parser = searcher._parser
    built = _words_query(parser, text)
    assert built is not None
    assert built == parser.parse(text).normalize()


@pytest.mark.parametrize(
    "text", ["grain AND exports", '"grain exports"', "title:grain", "grain*", "boundary-layer"]
)
def test_anything_but_plain_words_goes_to_whoosh_parser(searcher: Any, text: str) -> None:
    assert _words_query(searcher._parser, text) is None


def test_not_is_exact_on_whoosh_path_too(searcher: Any) -> None:
    """A fuzzy word is left to Whoosh; its NOT still drops every brief holding the word (the
    fixed AndNot matcher), where Whoosh's own kept the first such brief."""
    q = searcher.parsed("ceasefire~ NOT monitors")
    assert Ranker(searcher._searcher, (_CappedPrefix, _CappedWildcard)).scores(q) is None
    found = set(searcher._searcher.docs_for_query(q))
    unwanted = set(searcher._searcher.docs_for_query(q.b))
    wanted = reference_docs(searcher._searcher, q.a)
    assert found and found == wanted - unwanted
    result = searcher.search("ceasefire~ NOT monitors", limit=500, snippets=False)
    assert result.total == len(found)
