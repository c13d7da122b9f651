"""Write a Comparison as Markdown or JSON, with the briefs' text kept inert in both."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from tui.core.markdown import excerpt, md_escape

if TYPE_CHECKING:
    from tui.core.brief import Brief
    from tui.core.compare import (
        Comparison,
        DistinctiveTerm,
        EntityRow,
        Match,
        ParagraphLink,
        Sentence,
    )

FORMAT_VERSION = 1

# What json.dumps leaves raw in strings (it escapes C0 itself; its own layout is "\n" and spaces).
_JSON_RAW = re.compile(r"[\x7f-\x9f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]")


# --- JSON -------------------------------------------------------------------------------------


def to_json(comparison: Comparison, labels: Mapping[str, str] | None = None) -> str:
    """The comparison as JSON (UTF-8 text; controls and bidi marks escaped as \\uXXXX);
    `labels` are the analyst's labels of its disagreement flags (flag key -> label)."""
    text = json.dumps(to_data(comparison, labels), ensure_ascii=False, indent=2)
    # json escapes C0 controls only; escape the rest so no raw control reaches a terminal.
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def to_data(comparison: Comparison, labels: Mapping[str, str] | None = None) -> dict[str, Any]:
    from tui.core.compare.flags_export import flags_data

    c = comparison
    names = {row.id: row.name for row in (*c.shared, *c.only_a, *c.only_b)}
    alignment = c.alignment
    return {
        "format": FORMAT_VERSION,
        "a": _brief(c.a),
        "b": _brief(c.b),
        "entities": {
            "shared": [_row(r) for r in c.shared],
            "only_a": [_row(r) for r in c.only_a],
            "only_b": [_row(r) for r in c.only_b],
            "consistent_dates": [_row(r) for r in c.consistent_dates],
        },
        "says": [
            {
                "entity_id": row.id,
                "name": names[row.id],
                "a": [_sentence(s) for s in c.says(row.id).a],
                "b": [_sentence(s) for s in c.says(row.id).b],
            }
            for row in c.shared
        ],
        "alignment": {
            "threshold": alignment.threshold,
            "pairs": [
                {
                    "a": _paragraph(c.a, link.paragraph, link.start, link.end),
                    "b": _paragraph(c.b, match.paragraph, match.start, match.end),
                    "score": match.score,
                }
                for link, match in alignment.pairs()
            ],
            "path": [list(pair) for pair in alignment.path],
            "a_to_b": [_link(link) for link in alignment.a_to_b],
            "b_to_a": [_link(link) for link in alignment.b_to_a],
        },
        "distinctive": {
            "words": {
                "a": [_term(t) for t in c.distinctive.words_a],
                "b": [_term(t) for t in c.distinctive.words_b],
            },
            "entities": {
                "a": [_term(t) for t in c.distinctive.entities_a],
                "b": [_term(t) for t in c.distinctive.entities_b],
            },
        },
        **flags_data(c.disagreements, labels),
    }


def _brief(brief: Brief) -> dict[str, Any]:
    return {
        "id": brief.id,
        "title": brief.title,
        "source": brief.source,
        "published": brief.published.isoformat() if brief.published else None,
        "words": brief.words,
    }


def _row(row: EntityRow) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": row.id,
        "name": row.name,
        "type": str(row.type),
        "count_a": row.count_a,
        "count_b": row.count_b,
    }
    if row.related:  # a date shared by being told more or less precisely in the other brief
        data["related"] = list(row.related)
    return data


def _sentence(sentence: Sentence) -> dict[str, Any]:
    return {"start": sentence.start, "end": sentence.end, "text": sentence.text}


def _paragraph(brief: Brief, index: int, start: int, end: int) -> dict[str, Any]:
    return {"paragraph": index, "start": start, "end": end, "text": brief.body[start:end]}


def _match(match: Match) -> dict[str, Any]:
    return {
        "paragraph": match.paragraph,
        "start": match.start,
        "end": match.end,
        "score": match.score,
    }


def _link(link: ParagraphLink) -> dict[str, Any]:
    return {
        "paragraph": link.paragraph,
        "start": link.start,
        "end": link.end,
        "heading": link.heading,
        "matched": link.matched,
        "best": link.best,
        "matches": [_match(m) for m in link.matches],
    }


def _term(term: DistinctiveTerm) -> dict[str, Any]:
    return {
        "key": term.key,
        "label": term.label,
        "count_a": term.count_a,
        "count_b": term.count_b,
        "z": term.z,
    }


# --- Markdown ---------------------------------------------------------------------------------


def to_markdown(comparison: Comparison, labels: Mapping[str, str] | None = None) -> str:
    """The comparison as a Markdown report; every piece of brief text is escaped."""
    from tui.core.compare.flags_export import flags_markdown

    c = comparison
    out: list[str] = [
        f"# Comparison: {md_escape(c.a.title)} / {md_escape(c.b.title)}",
        "",
        _brief_line("A", c.a),
        _brief_line("B", c.b),
        "",
        "## Entities",
        "",
    ]
    for heading, rows in (
        ("Shared", c.shared),
        ("Only in A", c.only_a),
        ("Only in B", c.only_b),
        ("Dates the other tells more or less precisely", c.consistent_dates),
    ):
        out += [f"### {heading} ({len(rows)})", ""]
        if rows:
            out += ["| Entity | Type | A | B |", "|---|---|--:|--:|"]
            out += [
                f"| {md_escape(r.name)}{_related(r)} | {r.type} | {r.count_a} | {r.count_b} |"
                for r in rows
            ]
        else:
            out.append("None.")
        out.append("")
    out += ["## What each says about the shared entities", ""]
    if not c.shared:
        out += ["No entity is shared.", ""]
    for row in c.shared:
        says = c.says(row.id)
        out += [f"### {md_escape(row.name)} (A {row.count_a}, B {row.count_b})", ""]
        for side, sentences in (("A", says.a), ("B", says.b)):
            out.append(f"{side}:")
            out.append("")
            out += [f"- {md_escape(s.text)} ({s.start}-{s.end})" for s in sentences]
            out.append("")
    out += flags_markdown(c.disagreements, labels)
    out += _alignment_md(c)
    out += _distinctive_md(c)
    return "\n".join(out).rstrip() + "\n"


def _related(row: EntityRow) -> str:
    return f" (≈ {', '.join(row.related)} in the other)" if row.related else ""


def _brief_line(side: str, brief: Brief) -> str:
    parts = [f"**{side}**: {md_escape(brief.title)} (id {md_escape(brief.id)}"]
    if brief.source:
        parts.append(f", {md_escape(brief.source)}")
    if brief.published:
        parts.append(f", {brief.published.isoformat()}")
    parts.append(f", {brief.words} words)")
    return "- " + "".join(parts)


def _alignment_md(c: Comparison) -> list[str]:
    alignment = c.alignment
    out = [
        "## Aligned passages",
        "",
        f"Paragraph pairs scoring at least {alignment.threshold:g} (cosine of TF-IDF stems and "
        "entities, 0 to 1); paragraphs are numbered from 1, offsets index the body.",
        "",
    ]
    linked = [link for link in alignment.a_to_b if link.matches]
    if not linked:
        out += ["No paragraphs align.", ""]
    for link in linked:
        out += [
            f"### A ¶{link.paragraph + 1} ({link.start}-{link.end})",
            "",
            f"> {md_escape(excerpt(c.a.body[link.start : link.end]))}",
            "",
        ]
        out += [
            f"- ↔ B ¶{m.paragraph + 1}, score {m.score:.3f} ({m.start}-{m.end}): "
            f"{md_escape(excerpt(c.b.body[m.start : m.end]))}"
            for m in link.matches
        ]
        out.append("")
    for side, links in (("A", alignment.a_to_b), ("B", alignment.b_to_a)):
        unmatched = [
            f"¶{link.paragraph + 1}" for link in links if not link.heading and not link.matched
        ]
        out += [f"Unmatched in {side}: {', '.join(unmatched) if unmatched else 'none'}.", ""]
    return out


def _distinctive_md(c: Comparison) -> list[str]:
    d = c.distinctive
    out = [
        "## Distinctive terms",
        "",
        "Weighted log-odds with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008); "
        "z > 0 favours A, z < 0 favours B.",
        "",
    ]
    for heading, terms in (
        ("Words A uses more", d.words_a),
        ("Words B uses more", d.words_b),
        ("Entities A names more", d.entities_a),
        ("Entities B names more", d.entities_b),
    ):
        out += [f"### {heading}", ""]
        if terms:
            out += ["| Term | A | B | z |", "|---|--:|--:|--:|"]
            out += [
                f"| {md_escape(t.label)} | {t.count_a} | {t.count_b} | {t.z:.2f} |" for t in terms
            ]
        else:
            out.append("None.")
        out.append("")
    return out
