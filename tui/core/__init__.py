"""The non-UI logic of briefs: corpus, ingest, index, search, entities, compare. Never imports textual."""
