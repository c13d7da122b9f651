"""The one Whoosh schema of the briefs index, and the version that says when an index is stale."""

from __future__ import annotations

from whoosh import fields
from whoosh.analysis import STOP_WORDS, Analyzer, StandardAnalyzer, StemmingAnalyzer
from whoosh.lang import stopwords_for_language

# Bump whenever a field, an analyser or what is stored changes: an index written with another
# version is rebuilt (with a message) rather than read with the wrong assumptions.
SCHEMA_VERSION = 3

# Whoosh's default list has 34 words; the fuller English list drops the "what", "how", "which"
# of natural-language queries (+0.01 MAP on Cranfield, see bench/relevance.py).
STOP_LIST = frozenset(STOP_WORDS) | frozenset(stopwords_for_language("en"))

# A title word already counts twice (title field and body); a boost above 1 lowered MAP on
# Cranfield (0.311 -> 0.298 at 2.0), so titles are not boosted further.
TITLE_BOOST = 1.0

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
    return StemmingAnalyzer(stoplist=STOP_LIST)


def build_schema() -> fields.Schema:
    """The schema; a function so each index gets its own analyser objects."""
    return fields.Schema(
        # Identity and incremental update: the file name, a hash of its bytes, its size and mtime.
        id=fields.ID(unique=True, stored=True, sortable=True),
        path=fields.ID(unique=True, stored=True, sortable=True),
        sha=fields.ID(stored=True, sortable=True),
        stamp=fields.ID(
            stored=True, sortable=True
        ),  # "size:mtime_ns": unchanged files skip hashing
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
        spell=fields.TEXT(
            analyzer=StandardAnalyzer(stoplist=STOP_LIST), phrase=False, spelling=True
        ),
    )
