"""The development set (tests/data/entities-dev): its files are sound, and the extractor keeps
a floor on it. Annotator A's file was tuned on; B's is held out (bench/entity_quality.py)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.entity_quality import DEV, SHARED, dev_scores
from tui.core.entities.scoring import load_gold

pytestmark = pytest.mark.skipif(
    not (SHARED / "corpora" / "bbc").is_dir(), reason="../shared/corpora/bbc is not present"
)


def test_gold_files_name_texts_that_are_there_unchanged() -> None:
    files = sorted(DEV.glob("bbc-dev-*.json"))
    assert len(files) == 2
    fields = set()
    for path in files:
        gold = load_gold(path, SHARED)
        assert len(gold.docs) == 8 and len(gold.pairs) == 4
        for doc in gold.docs.values():
            doc.text()  # raises when the sha256 differs
            fields.add(doc.field)
        for pair in gold.pairs:
            assert pair["a"] in gold.docs and pair["b"] in gold.docs
    assert len(fields) == 5


def test_no_article_text_is_copied_into_the_repo() -> None:
    for path in DEV.glob("*.json"):
        data = json.loads(path.read_text(encoding="utf-8"))
        assert all("text" not in doc and "body" not in doc for doc in data["docs"].values())


@pytest.fixture(scope="module")
def scores() -> dict[str, object]:
    return dev_scores()


def test_the_extractor_keeps_its_floor_on_the_dev_set(scores: dict[str, object]) -> None:
    files = scores["files"]
    assert isinstance(files, list)
    for f in files:
        for doc_id, doc in f["docs"].items():
            assert doc["names"]["p"] >= 0.85, (doc_id, doc["names"]["fp"])
            assert doc["names"]["r"] >= 0.7, (doc_id, doc["names"]["fn"])
            assert doc["dates"]["r"] >= 0.7, (doc_id, doc["dates"]["fn"])
        for pair in f["pairs"]:
            assert pair["shared"]["r"] >= 0.8, (pair["a"], pair["shared"]["fn"])


def test_the_scorer_reads_a_yearless_date_as_the_inferred_one(tmp_path: Path) -> None:
    from tui.core.entities import entities_of
    from tui.core.entities.api import extract_text
    from tui.core.entities.scoring import score

    found = entities_of(extract_text("The strike is set for 23 March."))
    gold = [{"id": "2005-03-23", "surfaces": ["23 March"], "year_inferred": True}]
    assert score(found, gold).recall == 1.0
    strict = [{"id": "2005-03-23", "surfaces": ["23 March 2005"]}]
    assert score(found, strict).recall == 0.0
