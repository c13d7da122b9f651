"""The cue words of the rules (heads, titles, given names, openers), loaded once per process."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from tui.core.entities.compiled import load_gazetteer
from tui.core.entities.data import cue_words, phrase_list, word_list


@dataclass
class Cues:
    org_head: frozenset[str]
    org_prefix: frozenset[str]
    fac_head: frozenset[str]
    loc_head: frozenset[str]
    loc_prefix: frozenset[str]
    gpe_head: frozenset[str]
    event_head: frozenset[str]
    event_prefix: frozenset[str]
    event_lower: frozenset[str]
    connectors: frozenset[str]
    openers: frozenset[str]
    person_after: frozenset[str]
    person_before: frozenset[str]
    surname_endings: tuple[str, ...]
    given: frozenset[str]
    surname_first: frozenset[str]
    titles: tuple[tuple[str, ...], ...]
    titles_by_first: dict[str, list[tuple[str, ...]]]
    stop_words: frozenset[str]
    words: frozenset[str]  # plain English words, lower case (web2)
    surnames: frozenset[str]
    common_given: frozenset[str]
    post_nominals: frozenset[str]
    articles: frozenset[str]  # foreign articles that open names of papers and bodies
    heads: frozenset[str]  # every head word: a name ending in one is no person
    stop_phrases: frozenset[str]


@cache
def load_cues() -> Cues:
    stop = [" ".join(t.strip() for t in p).casefold() for p in phrase_list("stoplist.txt")]
    titles = tuple(
        tuple(t.strip() for t in p if t.strip() not in ("-", "'"))
        for p in phrase_list("titles.txt")
    )
    gaz = load_gazetteer()
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for title in titles:
        by_first.setdefault(title[0], []).append(title)
    return Cues(
        org_head=cue_words("org_head"),
        org_prefix=cue_words("org_prefix"),
        fac_head=cue_words("fac_head"),
        loc_head=cue_words("loc_head"),
        loc_prefix=cue_words("loc_prefix"),
        gpe_head=cue_words("gpe_head"),
        event_head=cue_words("event_head"),
        event_prefix=cue_words("event_prefix"),
        event_lower=cue_words("event_lower"),
        connectors=cue_words("connector"),
        openers=cue_words("sentence_opener"),
        person_after=cue_words("person_after"),
        person_before=cue_words("person_before"),
        surname_endings=tuple(sorted(cue_words("surname_ending"), key=len, reverse=True)),
        given=gaz.given_names,  # the Census list and given_names.txt
        surname_first=word_list("surname_first.txt"),
        titles=titles,
        titles_by_first=by_first,
        stop_words=frozenset(s for s in stop if " " not in s),
        words=gaz.common_words,
        surnames=gaz.surnames,
        common_given=gaz.common_given,
        post_nominals=cue_words("post_nominal"),
        articles=cue_words("foreign_article"),
        heads=frozenset().union(
            *(cue_words(s) for s in ("org_head", "fac_head", "loc_head", "gpe_head", "event_head"))
        ),
        stop_phrases=frozenset(stop),
    )
