"""Notes placed against the current text of their briefs, and stepping between them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from tui.core.brief import Brief, BriefError, load_corpus, read_brief
from tui.core.notes.anchor import Places, locate
from tui.core.notes.model import BriefNotes, Note, PlacedNote

PASSAGE_GONE = "the passage is no longer in the brief"
BRIEF_GONE = "the brief is not in the corpus"


def place_notes(notes: Iterable[Note], body: str | None) -> list[PlacedNote]:
    """Each note re-attached to `body` (None: the brief is gone, every note is orphaned):
    anchored notes in text order, then orphaned ones in their old order."""
    anchored: list[PlacedNote] = []
    orphaned: list[PlacedNote] = []
    places = Places(body) if body is not None else None
    for note in notes:
        found = locate(note.target, body) if body is not None else None
        if found is None or places is None or body is None:
            reason = BRIEF_GONE if body is None else PASSAGE_GONE
            orphaned.append(PlacedNote(note, "orphaned", reason=reason))
            continue
        anchored.append(
            PlacedNote(
                note,
                "anchored",
                start=found.start,
                end=found.end,
                method=found.method,
                place=places.of(found.start),
                current=body[found.start : found.end],
            )
        )
    anchored.sort(key=lambda p: (p.start or 0, p.end or 0, p.note.created))
    orphaned.sort(key=lambda p: (p.note.target.start, p.note.created))
    return anchored + orphaned


def _anchored(placed: Sequence[PlacedNote]) -> list[PlacedNote]:
    return sorted((p for p in placed if p.anchored), key=lambda p: (p.start or 0, p.end or 0))


def next_note(
    placed: Sequence[PlacedNote], offset: int, *, wrap: bool = False
) -> PlacedNote | None:
    """The first anchored note starting after `offset` (the first of all with `wrap`)."""
    ordered = _anchored(placed)
    following = next((p for p in ordered if (p.start or 0) > offset), None)
    if following is None and wrap and ordered:
        return ordered[0]
    return following


def previous_note(
    placed: Sequence[PlacedNote], offset: int, *, wrap: bool = False
) -> PlacedNote | None:
    """The last anchored note starting before `offset` (the last of all with `wrap`)."""
    ordered = _anchored(placed)
    before = next((p for p in reversed(ordered) if (p.start or 0) < offset), None)
    if before is None and wrap and ordered:
        return ordered[-1]
    return before


def notes_at(placed: Sequence[PlacedNote], offset: int) -> list[PlacedNote]:
    """The anchored notes whose passage covers `offset` (innermost first)."""
    covering = [p for p in _anchored(placed) if (p.start or 0) <= offset < (p.end or 0)]
    return sorted(covering, key=lambda p: (p.end or 0) - (p.start or 0))


def read_briefs(corpus: Path, ids: Iterable[str]) -> dict[str, Brief]:
    """The briefs with these ids that the corpus has (`<id>.md` first, then the whole folder
    for ids whose file has another name)."""
    found: dict[str, Brief] = {}
    wanted = set(ids)
    for brief_id in sorted(wanted):
        path = corpus / f"{brief_id}.md"
        if path.is_file():
            try:
                brief = read_brief(path)
            except BriefError:
                continue
            if brief.id == brief_id:
                found[brief_id] = brief
    if wanted - found.keys() and corpus.is_dir():
        for brief in load_corpus(corpus).briefs:
            if brief.id in wanted and brief.id not in found:
                found[brief.id] = brief
    return found


def place_library(notes: Iterable[Note], corpus: Path) -> list[BriefNotes]:
    """Every brief that has notes, its notes placed against its text as it is now; by title,
    briefs no longer in the corpus last."""
    by_brief: dict[str, list[Note]] = {}
    for note in notes:
        by_brief.setdefault(note.brief, []).append(note)
    briefs = read_briefs(corpus, by_brief)
    groups: list[BriefNotes] = []
    for brief_id, brief_notes in by_brief.items():
        brief = briefs.get(brief_id)
        if brief is None:
            groups.append(BriefNotes(brief_id, brief_id, place_notes(brief_notes, None), True))
            continue
        groups.append(
            BriefNotes(
                brief_id,
                brief.title,
                place_notes(brief_notes, brief.body),
                source=brief.source,
                published=brief.published.isoformat() if brief.published else None,
            )
        )
    groups.sort(key=lambda g: (g.missing, g.title.casefold(), g.brief))
    return groups
