"""Entity quality on the development set (tests/data/entities-dev) and the seeds, per doc, per
field and per pair: `python -m bench --only entities` prints it; `python -m bench.entity_quality`
prints the same figures alone (`--misses` lists what each doc missed and found wrongly).

Protocol: the rules and data are tuned on annotator A's file (business, politics); annotator B's
file (tech, sport, entertainment) is held out: its figures are the ones that say how the
extractor does on briefs nobody tuned it on. The seeds are a regression check only.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "data" / "entities-dev"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "eval" / "seed-entities.json"
HELD_OUT = {"B"}  # annotators whose files were not used for tuning


def _brief(doc_id: str, text: str) -> Any:
    from tui.core.brief import Brief

    title = text.split("\n", 1)[0].strip()
    return Brief(id=doc_id, title=title, body=text)


def _pct(score: Any) -> dict[str, Any]:
    return {
        "p": round(score.precision, 3),
        "r": round(score.recall, 3),
        "fp": score.fp,
        "fn": score.fn,
    }


def dev_scores() -> dict[str, Any]:
    """Every dev-set file: per doc names and dates, per field, per pair shared set."""
    from tui.core.entities import entities_of, extract
    from tui.core.entities.scoring import load_gold, micro, score, score_shared, split_dates

    out: dict[str, Any] = {"files": []}
    for path in sorted(DEV.glob("bbc-dev-*.json")):
        gold = load_gold(path, SHARED)
        found: dict[str, list[Any]] = {}
        docs: dict[str, Any] = {}
        by_field: dict[str, list[Any]] = {}
        by_field_dates: dict[str, list[Any]] = {}
        for doc_id, doc in gold.docs.items():
            if not doc.path.is_file():
                out["skipped"] = f"{doc.path} is not there (../shared/corpora/bbc)"
                return out
            entities = entities_of(extract(_brief(doc_id, doc.text())))
            found[doc_id] = entities
            names, dates = split_dates(entities)
            s_names = score(names, doc.entities, gold.ignore)
            s_dates = score(dates, doc.dates, gold.ignore)
            by_field.setdefault(doc.field, []).append(s_names)
            by_field_dates.setdefault(doc.field, []).append(s_dates)
            docs[doc_id] = {"field": doc.field, "names": _pct(s_names), "dates": _pct(s_dates)}
        pairs = []
        for pair in gold.pairs:
            a, b = pair["a"], pair["b"]
            shared = score_shared(
                split_dates(found[a])[0],
                split_dates(found[b])[0],
                gold.docs[a].entities,
                gold.docs[b].entities,
                pair["shared"]["entities"],
                gold.ignore,
            )
            both = _date_ids(found[a], gold.docs[a].dates) & _date_ids(found[b], gold.docs[b].dates)
            want = set(pair["shared"].get("dates", []))
            pairs.append(
                {
                    "a": a,
                    "b": b,
                    "field": gold.docs[a].field,
                    "shared": _pct(shared),
                    "dates_found": sorted(both),
                    "dates_missed": sorted(want - both),
                    "dates_extra": sorted(both - want),
                }
            )
        fields = {
            f: {
                "names": dict(zip(("p", "r"), micro(by_field[f]), strict=True)),
                "dates": dict(zip(("p", "r"), micro(by_field_dates[f]), strict=True)),
                "docs": len(by_field[f]),
            }
            for f in by_field
        }
        out["files"].append(
            {
                "file": path.name,
                "annotator": gold.annotator,
                "held_out": gold.annotator in HELD_OUT,
                "docs": docs,
                "fields": fields,
                "pairs": pairs,
            }
        )
    return out


def _date_ids(entities: list[Any], gold: list[dict[str, Any]]) -> set[str]:
    """Predicted date ids, a yearless one read as the gold date it meets (see scoring)."""
    from tui.core.entities.scoring import matches, split_dates

    dates = split_dates(entities)[1]
    ids = {e.id for e in dates}
    for g in gold:
        if matches(dates, g):
            ids = (ids - matches(dates, g)) | {str(g["id"])}
    return ids


def seed_scores() -> dict[str, Any]:
    """The seed briefs as committed against ../shared/eval/seed-entities.json."""
    from tui.core.brief import load_corpus
    from tui.core.entities import entities_of, extract
    from tui.core.entities.scoring import score, split_dates

    if not SEEDS.is_file():
        return {"skipped": f"{SEEDS} is not there"}
    gold = json.loads(SEEDS.read_text(encoding="utf-8"))
    briefs = {
        Path(b.origin).stem: b for b in load_corpus(ROOT / "briefs").briefs if b.origin is not None
    }
    out: dict[str, Any] = {}
    for doc_id, doc in gold["docs"].items():
        brief = briefs.get(doc_id)
        if brief is None:
            out[doc_id] = {"skipped": "no committed brief made from it"}
            continue
        names, dates = split_dates(entities_of(extract(brief)))
        out[doc_id] = {
            "names": _pct(score(names, doc["entities"], gold.get("ignore", []))),
            "dates": _pct(score(dates, doc.get("dates", []))),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.entity_quality")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list misses and false hits")
    args = parser.parse_args(argv)
    data = {"dev": dev_scores(), "seeds": seed_scores()}
    if args.json:
        print(json.dumps(data))
        return 0
    from bench.report import print_table

    for table in tables(data, misses=args.misses):
        print_table(table)
    return 0


def tables(data: dict[str, Any], misses: bool = False) -> list[Any]:
    from bench.report import Table

    dev, seeds = data["dev"], data["seeds"]
    docs = Table(
        "Entities: quality per brief (dev set = tests/data/entities-dev, seeds = regression)",
        ["brief", "field", "set", "names P", "names R", "dates P", "dates R", "misses / wrong"],
    )
    fields = Table(
        "Entities: quality per field (micro: every entity of the field's briefs counted once)",
        ["field", "set", "briefs", "names P", "names R", "dates P", "dates R"],
    )
    pairs = Table(
        "Entities: the shared set per pair (what the comparison highlights)",
        ["pair", "field", "set", "shared P", "shared R", "shared dates", "misses / wrong"],
    )
    if dev.get("skipped"):
        docs.add("skipped", "", "", "", "", "", "", dev["skipped"])
    for f in dev.get("files", []):
        label = f"{f['annotator']}: {'held out' if f['held_out'] else 'tuned on'}"
        for doc_id, d in f["docs"].items():
            n, t = d["names"], d["dates"]
            why = f"-{n['fn']} +{n['fp']} dates -{t['fn']} +{t['fp']}" if misses else ""
            docs.add(doc_id, d["field"], label, n["p"], n["r"], t["p"], t["r"], why)
        for name, s in f["fields"].items():
            n, t = s["names"], s["dates"]
            fields.add(name, label, s["docs"], f"{n['p']:.3f}", f"{n['r']:.3f}", *_pr(t))
        for p in f["pairs"]:
            s = p["shared"]
            dates = f"{len(p['dates_found']) - len(p['dates_extra'])}/"
            dates += f"{len(p['dates_found']) - len(p['dates_extra']) + len(p['dates_missed'])}"
            why = f"-{s['fn']} +{s['fp']} dates -{p['dates_missed']}" if misses else ""
            pairs.add(f"{p['a']} / {p['b']}", p["field"], label, s["p"], s["r"], dates, why)
    for doc_id, d in seeds.items():
        if not isinstance(d, dict) or "names" not in d:
            docs.add(doc_id, "seed", "regression", "", "", "", "", str(d))
            continue
        n, t = d["names"], d["dates"]
        why = f"-{n['fn']} +{n['fp']}" if misses else ""
        docs.add(doc_id[:40], "seed", "regression", n["p"], n["r"], t["p"], t["r"], why)
    fields.notes.append(
        "Held out: the file whose briefs were not used to tune the rules or data. Types of works "
        "and products (WORK_OF_ART, PRODUCT), boilerplate and the gold `ignore` strings are "
        "optional: neither required nor false positives."
    )
    return [docs, fields, pairs]


def _pr(score: dict[str, float]) -> tuple[str, str]:
    return f"{score['p']:.3f}", f"{score['r']:.3f}"


if __name__ == "__main__":
    sys.exit(main())
