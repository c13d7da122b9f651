"""Search: query syntax, ranking, snippets and offsets, filters, facets, suggestions, bad input."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.core.brief import Brief, read_brief, write_brief
from tui.core.index import update_index
from tui.core.search import MAX_QUERY_CHARS, Searcher, SearchResult, search


@pytest.fixture
def searcher(index_dir: Path) -> Iterator[Searcher]:
    with Searcher(index_dir) as opened:
        yield opened


def ids(result: SearchResult) -> list[str]:
    return [hit.id for hit in result.hits]


def body_of(corpus: Path, brief_id: str) -> str:
    return read_brief(corpus / f"{brief_id}.md").body


# --- ranking ---


@pytest.fixture
def ranking_index(tmp_path: Path) -> Path:
    """Briefs of equal length that differ only in which query words they contain."""
    corpus = tmp_path / "ranking"
    corpus.mkdir()
    filler = "The delegation met officials and discussed the schedule for next week. " * 3
    texts = {
        "three-words": "Ceasefire monitors reached the enclave despite shelling.",
        "two-words": "Ceasefire monitors were delayed at the border post.",
        "one-word": "Ceasefire talks resumed on Monday in the capital city.",
        "no-word": "Grain exports grew again during the spring season.",
    }
    for brief_id, text in texts.items():
        write_brief(Brief(id=brief_id, title="Field report", body=f"{text} {filler}"), corpus)
    write_brief(
        Brief(id="title-hit", title="Monitors", body=f"Observers arrived late. {filler}"), corpus
    )
    write_brief(
        Brief(id="body-hit", title="Field notes", body=f"Monitors arrived late. {filler}"), corpus
    )
    update_index(corpus, tmp_path / "ranking-index")
    return tmp_path / "ranking-index"


def test_plain_words_find_partial_matches_ranked_by_how_many_match(ranking_index: Path) -> None:
    result = search(ranking_index, "ceasefire monitors shelling")
    # Then the briefs with one of the words: "one-word", and the two with "monitors".
    assert ids(result)[:2] == ["three-words", "two-words"]
    assert sorted(ids(result)[2:]) == ["body-hit", "one-word", "title-hit"]
    assert result.hits[0].score > result.hits[1].score > result.hits[2].score


def test_a_long_natural_language_query_still_finds_briefs(ranking_index: Path) -> None:
    result = search(ranking_index, "what did the ceasefire monitors see about the shelling there")
    assert result.error is None
    assert ids(result)[0] == "three-words"
    assert {"two-words", "one-word"} <= set(ids(result))


def test_a_title_hit_outranks_a_body_hit(ranking_index: Path) -> None:
    result = search(ranking_index, "monitors")
    assert ids(result).index("title-hit") < ids(result).index("body-hit")


def test_and_requires_every_word(ranking_index: Path) -> None:
    assert ids(search(ranking_index, "ceasefire AND shelling")) == ["three-words"]


# --- syntax ---


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("zangezur", ["zangezur-corridor"]),
        ("armenia AND kazakhstan", []),
        ("georgia OR tbilisi", ["caspian-energy-routes", "georgia-protests"]),
        ("russia NOT armenia", None),  # checked below: no brief mentioning Armenia
        ('"military bases"', ["armenia-russia-bases"]),
        ('"bases military"', []),
        ("title:corridor", ["zangezur-corridor"]),
        ("source:crisis", ["georgia-protests", "zangezur-corridor"]),
        ('source:"chatham house"', ["black-sea-grain", "central-asia-notes"]),
        ("author:waal", ["zangezur-corridor"]),
        ("date:2022", ["european-gas-sanctions"]),
        ("date:2023-03", ["iran-drone-exports"]),
        ("date:[2023-01 to 2023-08]", ["black-sea-grain", "iran-drone-exports"]),
        ("published:[2024-05-01 to 2024-05-31]", ["caspian-energy-routes", "georgia-protests"]),
        ("date:>=2024-05-07", ["georgia-protests"]),
        ("date:<2023", ["european-gas-sanctions"]),
        ("kazakh*", ["caspian-energy-routes", "central-asia-notes"]),
        ("kazakstan~", ["caspian-energy-routes", "central-asia-notes"]),
        ("Tatarstan", ["iran-drone-exports"]),
        ("year:2024", ["caspian-energy-routes", "georgia-protests", "zangezur-corridor"]),
    ],
)
def test_query_syntax(searcher: Searcher, query: str, expected: list[str] | None) -> None:
    result = searcher.search(query, limit=20)
    assert result.error is None, result.error
    if expected is not None:
        assert sorted(ids(result)) == expected
        assert result.total == len(expected)


def test_not_excludes(searcher: Searcher, corpus: Path) -> None:
    found = ids(searcher.search("russia NOT armenia", limit=20))
    assert found
    for brief_id in found:
        assert "armenia" not in body_of(corpus, brief_id).lower()
    alone = ids(searcher.search("NOT russia", limit=20))
    assert sorted(alone) == ["european-gas-sanctions", "georgia-protests"] or all(
        not re.search(r"\bRussia\b", body_of(corpus, i)) for i in alone
    )


# --- snippets and offsets ---


def test_hits_point_at_the_words_in_the_body(searcher: Searcher, corpus: Path) -> None:
    result = searcher.search("russia")
    assert result.hits
    for hit in result.hits:
        body = body_of(corpus, hit.id)
        assert hit.spans, hit.id
        assert all(body[s:e] == "Russia" for s, e in hit.spans)
        assert len(hit.spans) == len(re.findall(r"\bRussia\b", body))
        assert hit.snippets
        for snippet in hit.snippets:
            assert snippet.highlights
            for start, end in snippet.highlights:
                assert snippet.text[start:end] == "Russia"
                assert body[snippet.start + start : snippet.start + end] == "Russia"
            assert len(snippet.text) <= 400


def test_stemmed_hits_cover_each_form(searcher: Searcher, corpus: Path) -> None:
    spans = searcher.brief_hits("caspian-energy-routes", "pipelines")
    body = body_of(corpus, "caspian-energy-routes")
    assert {body[s:e].lower() for s, e in spans} == {"pipeline", "pipelines"}


def test_a_phrase_highlights_only_where_it_occurs(searcher: Searcher, corpus: Path) -> None:
    hit = searcher.search('"military bases"').hits[0]
    body = body_of(corpus, "armenia-russia-bases")
    assert [body[s:e] for s, e in hit.spans] == ["military bases", "military bases"]
    assert hit.snippets[0].text[slice(*hit.snippets[0].highlights[0])] == "military bases"


def test_brief_hits_lists_every_hit_of_the_query(searcher: Searcher, corpus: Path) -> None:
    body = body_of(corpus, "armenia-russia-bases")
    spans = searcher.brief_hits("armenia-russia-bases", "armenia OR gyumri")
    assert spans == sorted(spans)
    assert [body[s:e] for s, e in spans].count("Gyumri") == 1
    assert [body[s:e] for s, e in spans].count("Armenia") == len(re.findall(r"\bArmenia\b", body))
    assert searcher.brief_hits("armenia-russia-bases", "NOT armenia") == []
    assert searcher.brief_hits("no-such-brief", "armenia") == []
    assert searcher.brief_hits("armenia-russia-bases", '"(((') == []


def test_snippets_can_be_skipped(searcher: Searcher) -> None:
    hit = searcher.search("corridor", snippets=False).hits[0]
    assert hit.snippets == [] and hit.spans


def test_hit_metadata(searcher: Searcher) -> None:
    hit = searcher.search("zangezur").hits[0]
    assert hit.title == "The Zangezur Corridor and the Future of Regional Transport"
    assert (hit.source, hit.author) == ("Crisis Group", "Thomas de Waal")
    assert hit.published == dt.date(2024, 2, 14)
    assert hit.score > 0


# --- filters, limit and facets ---


def test_filters(searcher: Searcher) -> None:
    by_source = searcher.search("russia", source="Crisis Group", limit=20)
    assert ids(by_source) and {h.source for h in by_source.hits} == {"Crisis Group"}
    assert searcher.search("russia", source="crisis group").total == 0  # exact name

    in_2023 = searcher.search(
        "russia", date_from=dt.date(2023, 1, 1), date_to=dt.date(2023, 12, 31), limit=20
    )
    assert sorted(ids(in_2023)) == ["armenia-russia-bases", "black-sea-grain", "iran-drone-exports"]
    since = searcher.search("protests OR corridor", date_from=dt.date(2024, 5, 30), limit=20)
    assert ids(since) == ["georgia-protests"]
    until = searcher.search("protests OR corridor", date_to=dt.date(2024, 5, 29), limit=20)
    assert sorted(ids(until)) == ["black-sea-grain", "caspian-energy-routes", "zangezur-corridor"]


def test_limit_and_total(searcher: Searcher) -> None:
    result = searcher.search("russia", limit=2)
    assert len(result.hits) == 2
    assert result.total == searcher.search("russia", limit=50).total > 2


def test_facets_count_sources_and_years(searcher: Searcher) -> None:
    result = searcher.search("russia", limit=1)
    # "Russia" (not "Russian": another stem) is in six briefs, one without a source, one undated.
    assert result.total == 6
    assert result.facets["source"] == {
        "Carnegie Endowment": 2,
        "Chatham House": 2,
        "Crisis Group": 1,
    }
    assert result.facets["year"] == {"2023": 3, "2024": 2}
    assert list(result.facets["year"]) == ["2023", "2024"]  # most frequent first


# --- suggestions ---


def test_did_you_mean(searcher: Searcher) -> None:
    result = searcher.search("armenai")
    assert (result.total, result.suggestion, result.error) == (0, "armenia", None)
    assert searcher.search("goverment of armenai").suggestion == "government of armenia"
    assert searcher.search("source:crisis").suggestion is None
    assert searcher.search("russia").suggestion is None
    assert searcher.search("qqqqzzzz").suggestion is None


def test_suggestion_apart_from_search_and_while_typing(searcher: Searcher) -> None:
    assert searcher.search("goverment of armenai", suggest=False).suggestion is None
    assert searcher.suggestion("goverment of armenai") == "government of armenia"
    # A half-typed last word is not a misspelling; a finished one (a space after it) can be.
    assert searcher.suggestion("goverment of arme", typing=True) == "government of arme"
    assert searcher.suggestion("armenai", typing=True) == "armenia"
    assert searcher.suggestion("armenai ", typing=True) == "armenia"
    assert searcher.suggestion("arme", typing=True) is None


# --- bad input never raises ---


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ('"military bases', "quote is not closed"),
        ("(russia armenia", "bracket is not closed"),
        ("russia)", "bracket closes nothing"),
        ("date:[2023 to", "bracket is not closed"),
        ("*", "lone '*'"),
        ("*:*", "lone '*'"),
        ("ru*", "too short a prefix"),
        ("r*", "too short a prefix"),
        ("*ssia", "must start with"),
        ("nosuchfield:russia", "no field 'nosuchfield:'"),
        ("date:[foo to bar]", "could not be read"),
        ("the of and", "nothing to search for"),
        ("(((", "nothing to search for"),
        ("AND OR NOT", "nothing to search for"),
        ("russia" + " armenia" * 200, "only its first"),
        ("\x00\x1b[31mrussia\x07", None),
        ("russia~9", None),
        ("title:", None),
        ("^ ~ : ", None),
        ("russia^x", None),
        ("\u202erussia\u202c", None),
        ("", None),
        ("   ", None),
    ],
)
def test_malformed_queries_are_answered_or_explained(
    searcher: Searcher, query: str, error: str | None
) -> None:
    result = searcher.search(query)
    if error is None:
        assert result.error is None or isinstance(result.error, str)
    else:
        assert result.error is not None and error in result.error, result.error
        assert "\n" not in result.error and len(result.error) < 300


def test_a_malformed_query_still_searches_its_words(searcher: Searcher) -> None:
    result = searcher.search('"military bases')
    assert ids(result)[0] == "armenia-russia-bases"
    assert len(searcher.search("russia" + " armenia" * 200).hits) > 0
    assert ids(searcher.search("\x00\x1b[31mtatarstan\x07")) == ["iran-drone-exports"]


def test_a_short_prefix_searches_the_letters_as_a_word(searcher: Searcher) -> None:
    assert searcher.search("eu*").total == 0  # not every word starting with "eu"


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.sampled_from([*'"()[]{}*?~^:+-!\\/ ', "title:", "date:", "AND", " OR ", "to"]),
            st.sampled_from(["russia", "armenia", "kaz", "2023", "2023-05", "zz"]),
            st.text(max_size=6),
        ),
        max_size=12,
    ).map("".join)
)
def test_search_never_raises(index_dir: Path, query: str) -> None:
    with Searcher(index_dir) as searcher:
        result = searcher.search(query, limit=5)
        assert result.total >= len(result.hits)
        for hit in result.hits:
            assert all(0 <= s < e for s, e in hit.spans)
            for snippet in hit.snippets:
                assert all(0 <= s < e <= len(snippet.text) for s, e in snippet.highlights)
        searcher.brief_hits("armenia-russia-bases", query)


# --- the searcher's life ---


def test_refresh_sees_a_new_brief(corpus: Path, index_dir: Path) -> None:
    with Searcher(index_dir) as searcher:
        assert searcher.search("chisinau").total == 0
        write_brief(Brief(id="moldova", title="Moldova", body="Chisinau votes."), corpus)
        update_index(corpus, index_dir)
        searcher.refresh()
        assert ids(searcher.search("chisinau")) == ["moldova"]


def test_query_length_is_bounded(searcher: Searcher) -> None:
    result = searcher.search("x" * (MAX_QUERY_CHARS * 10))
    assert result.error is not None and "first" in result.error
