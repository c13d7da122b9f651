"""The one Whoosh schema of the briefs index, and the version that says when an index is stale."""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import Analyzer, StandardAnalyzer, StemmingAnalyzer

# Bump whenever a field, an analyser or what is stored changes: an index written with another
# version is rebuilt (with a message) rather than read with the wrong assumptions.
SCHEMA_VERSION = 1

# Title words weigh more than body words (tuned on Cranfield, see bench/relevance.py).
TITLE_BOOST = 2.0

# Fields the query parser searches when a word has no `field:` prefix.
DEFAULT_FIELDS = ("title", "body")

# What users may type before a colon, mapped to the indexed field it searches.
FIELD_ALIASES: dict[str, list[str]] = {
    "publisher": ["source"],  # `source:` searches the words of the source name
    "entity": ["entities"],
    "date": ["published"],
}

# Field names a query may use (besides the aliases above).
QUERY_FIELDS = ("title", "body", "author", "publisher", "entity", "date", "year", "id")


def _text_analyzer() -> Analyzer:
    return StemmingAnalyzer()


def build_schema() -> fields.Schema:
    """The schema; a function so each index gets its own analyser objects."""
    return fields.Schema(
        # Identity and incremental update: the file name and a hash of the file's bytes.
        id=fields.ID(unique=True, stored=True, sortable=True),
        path=fields.ID(unique=True, stored=True, sortable=True),
        sha=fields.ID(stored=True, sortable=True),
        title=fields.TEXT(analyzer=_text_analyzer(), field_boost=TITLE_BOOST, stored=True),
        # chars=True stores character offsets with the postings, so snippets and hit offsets come
        # from the index instead of re-tokenising each shown brief (WHOOSH.md: ~4x faster).
        body=fields.TEXT(analyzer=_text_analyzer(), stored=True, chars=True),
        # `source` is the exact value, for filters and facets; `publisher` its searchable words.
        source=fields.ID(stored=True, sortable=True),
        publisher=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None), phrase=True),
        author=fields.TEXT(analyzer=StandardAnalyzer(stoplist=None), stored=True),
        date=fields.DATETIME(stored=True, sortable=True),
        year=fields.ID(stored=True, sortable=True),
        # Canonical entity ids ("russia", "2023-09-19"), so `entity:russia` finds the briefs.
        entity=fields.KEYWORD(commas=True, lowercase=True, scorable=True, stored=True),
        mentions=fields.STORED(),
        # Unstemmed words for "did you mean": fuzzy matching breaks on a stemmed field that also
        # keeps the spelling graph (WHOOSH.md), so the words live here, unstored, without positions.
        spell=fields.TEXT(analyzer=StandardAnalyzer(), phrase=False, spelling=True),
    )
