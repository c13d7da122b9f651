"""The non-UI logic of briefs: corpus, ingest, index, search, entities. Never imports textual."""
