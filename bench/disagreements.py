"""Disagreement flags (issue 16) against hand-annotated pairs: precision, recall, traps.

The annotations are tests/data/facts-dev/*.json (the "Facts file" schema of the dev set, see the
README there): for each pair of articles, every fact both state about the same thing, labelled
agree / disagree / a_more_precise / b_more_precise / different_period / not_comparable ("trap"
rows: same kind of number, different things). The articles are read where they live
(../shared/corpora/bbc/ for the BBC pairs, tests/data/facts-dev/texts/ for ours); a pair whose
texts are absent is skipped with a message.

A flag matches a row when its two sentences are the row's two sentences (whitespace aside) and
the values overlap. Figures, per annotation file:
    conflict precision = conflict flags matching a "disagree" row / all conflict flags
                         (a flag that matches no row pairs two things the annotator did not see
                         as one: counted false; they are printed with --show for reading)
    conflict recall    = "disagree" rows matched by a conflict flag / all "disagree" rows
    consistent precision = "more precise" flags matching an agree / *_more_precise row / all
    traps flagged      = trap rows matched by any flag (conflict or consistent)
    agreements found   = "agree" rows the pairing found as agreements (how much it pairs at all)

Run: `python -m bench --only disagreements`, or `python -m bench.disagreements --show` for the
flags one by one.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.report import ROOT, Table, print_table

DEV = ROOT / "tests" / "data" / "facts-dev"
SHARED = ROOT.parent / "shared"
OWN_TEXTS = DEV / "texts"
_SPACE = re.compile(r"\s+")
_NUM = re.compile(r"\d+(?:[.,]\d+)*|[a-z]+")


@dataclass
class Score:
    name: str
    pairs: int = 0
    skipped: list[str] = field(default_factory=list)
    conflicts: int = 0
    conflicts_true: int = 0
    disagree_rows: int = 0
    disagree_found: int = 0
    consistent: int = 0
    consistent_true: int = 0
    traps: int = 0
    traps_flagged: int = 0
    agree_rows: int = 0
    agree_found: int = 0
    shown: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float | None:
        return self.conflicts_true / self.conflicts if self.conflicts else None

    @property
    def recall(self) -> float | None:
        return self.disagree_found / self.disagree_rows if self.disagree_rows else None


def _norm(text: str) -> str:
    return _SPACE.sub(" ", text.replace("’", "'").replace("‘", "'")).strip().casefold()


def _same_sentence(ours: str, theirs: str) -> bool:
    a, b = _norm(ours), _norm(theirs)
    return bool(a and b) and (a in b or b in a)


def _value_overlap(ours: str, theirs: str) -> bool:
    theirs = theirs.split(" (")[0]
    a, b = _norm(ours), _norm(theirs)
    if a in b or b in a:
        return True
    digits_a = set(re.findall(r"\d+(?:\.\d+)?", a.replace(",", "")))
    digits_b = set(re.findall(r"\d+(?:\.\d+)?", b.replace(",", "")))
    return bool(digits_a & digits_b)


def _matches(
    row: dict[str, Any], a_sentence: str, a_value: str, b_sentence: str, b_value: str
) -> bool:
    """Our flag is the annotated row: the same two sentences, overlapping values."""
    return (
        _same_sentence(a_sentence, row["a"]["sentence"])
        and _same_sentence(b_sentence, row["b"]["sentence"])
        and _value_overlap(a_value, row["a"]["value"])
        and _value_overlap(b_value, row["b"]["value"])
    )


def load_text(doc: str) -> Path | None:
    """The article's file: the BBC corpus in ../shared, or our own texts."""
    for folder in (SHARED / "corpora" / "bbc", OWN_TEXTS):
        path = folder / f"{doc}.txt"
        if path.is_file():
            return path
    return None


def score_file(path: Path, show: bool = False) -> Score:
    from tui.core.brief import Brief
    from tui.core.compare import compare_briefs

    rows: list[dict[str, Any]] = json.loads(path.read_text(encoding="utf-8"))
    score = Score(path.stem)
    pairs: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for row in rows:
        pairs.setdefault((row["pair"][0], row["pair"][1]), []).append(row)
    for (doc_a, doc_b), labelled in pairs.items():
        files = [load_text(doc_a), load_text(doc_b)]
        if None in files:
            score.skipped.append(f"{doc_a}/{doc_b}")
            continue
        briefs = []
        for doc, file in zip((doc_a, doc_b), files, strict=True):
            assert file is not None
            text = file.read_text(encoding="utf-8")
            briefs.append(Brief(id=doc, title=text.split("\n", 1)[0], body=text))
        score.pairs += 1
        found = compare_briefs(briefs[0], briefs[1]).disagreements

        def row_of(
            a_sentence: str,
            a_value: str,
            b_sentence: str,
            b_value: str,
            labelled: list[dict[str, Any]] = labelled,
        ) -> dict[str, Any] | None:
            return next(
                (r for r in labelled if _matches(r, a_sentence, a_value, b_sentence, b_value)),
                None,
            )

        flagged_rows: set[int] = set()
        for flag in found.flags:
            row = row_of(flag.a.sentence.text, flag.a.value, flag.b.sentence.text, flag.b.value)
            label = row["label"] if row else "unannotated"
            if row is not None:
                flagged_rows.add(id(row))
            if flag.conflict:
                score.conflicts += 1
                ok = label == "disagree"
                score.conflicts_true += ok
            else:
                score.consistent += 1
                ok = label in ("agree", "a_more_precise", "b_more_precise")
                score.consistent_true += ok
            score.shown.append(
                f"{'ok ' if ok else 'BAD'} {flag.verdict:<14} {label:<15} {flag.about}: "
                f"{flag.a.value!r} / {flag.b.value!r}  [{doc_a} / {doc_b}]"
            )
        for agreement in found.agreements:
            row = row_of(
                agreement.a.sentence.text,
                agreement.a.value,
                agreement.b.sentence.text,
                agreement.b.value,
            )
            if row is not None and row["label"] == "agree":
                score.agree_found += 1
            if row is not None and row["label"] == "not_comparable":
                flagged_rows.add(id(row))
                score.shown.append(
                    f"BAD agreement    trap            {agreement.about}: "
                    f"{agreement.a.value!r} / {agreement.b.value!r}"
                )
        for row in labelled:
            if row["label"] == "disagree":
                score.disagree_rows += 1
                hit = any(
                    f.conflict
                    and _matches(row, f.a.sentence.text, f.a.value, f.b.sentence.text, f.b.value)
                    for f in found.flags
                )
                score.disagree_found += hit
                if not hit:
                    score.shown.append(
                        f"MISSED disagree: {row['about']}: "
                        f"{row['a']['value']!r} / {row['b']['value']!r}"
                    )
            elif row["label"] == "not_comparable":
                score.traps += 1
                score.traps_flagged += id(row) in flagged_rows
            elif row["label"] == "agree":
                score.agree_rows += 1
    if show:
        print(f"== {score.name}: {score.pairs} pairs")
        for line in score.shown:
            print("  " + line)
    return score


def _fraction(n: int, d: int) -> str:
    return f"{n / d:.2f} ({n}/{d})" if d else "- (0/0)"


def bench_disagreements(show: bool = False) -> tuple[list[Table], dict[str, Any]]:
    table = Table(
        "Disagreement flags (issue 16): hand-annotated pairs, tests/data/facts-dev",
        [
            "file",
            "pairs",
            "conflict P",
            "conflict R",
            "consistent P",
            "traps flagged",
            "agreements",
        ],
    )
    data: dict[str, Any] = {}
    files = sorted(DEV.glob("*.json"))
    totals = Score("all")
    for path in files:
        s = score_file(path, show)
        for name in (
            "pairs",
            "conflicts",
            "conflicts_true",
            "disagree_rows",
            "disagree_found",
            "consistent",
            "consistent_true",
            "traps",
            "traps_flagged",
            "agree_rows",
            "agree_found",
        ):
            setattr(totals, name, getattr(totals, name) + getattr(s, name))
        totals.skipped += s.skipped
        for score in (s,):
            table.add(
                score.name,
                score.pairs,
                _fraction(score.conflicts_true, score.conflicts),
                _fraction(score.disagree_found, score.disagree_rows),
                _fraction(score.consistent_true, score.consistent),
                _fraction(score.traps_flagged, score.traps),
                _fraction(score.agree_found, score.agree_rows),
            )
        data[s.name] = {k: v for k, v in vars(s).items() if k != "shown"}
    table.add(
        "all",
        totals.pairs,
        _fraction(totals.conflicts_true, totals.conflicts),
        _fraction(totals.disagree_found, totals.disagree_rows),
        _fraction(totals.consistent_true, totals.consistent),
        _fraction(totals.traps_flagged, totals.traps),
        _fraction(totals.agree_found, totals.agree_rows),
    )
    data["all"] = {k: v for k, v in vars(totals).items() if k != "shown"}
    table.notes.append(
        "conflict P = conflict flags that are annotated disagreements / all conflict flags; "
        "R = annotated disagreements flagged; consistent P = 'more precise' flags on facts "
        "annotated agree or more precise; traps flagged: trap rows (same kind, different things) "
        "that any flag paired (want 0); agreements: annotated agreements the pairing found."
    )
    if totals.skipped:
        table.notes.append(f"skipped (texts absent): {', '.join(totals.skipped)}")
    return [table], data


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.disagreements")
    parser.add_argument("--show", action="store_true", help="print every flag and every miss")
    args = parser.parse_args(argv)
    tables, _ = bench_disagreements(args.show)
    for table in tables:
        print_table(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
