"""The notes file's format (`notes.json`, version 1): reading it back and writing it.

    {"format": "briefs-notes", "version": 1,
     "labels": [{"name": "claim", "colour": "yellow"}, ...],
     "notes": [{"id", "brief", "label", "text", "created", "updated",
                "target": {"quote", "prefix", "suffix", "start", "end", "body_sha256"}}, ...],
     "flags": [{"a", "b", "flag", "label"}, ...]}

An entry that cannot be read (a hand edit gone wrong, a newer briefs' shape) is kept verbatim and
written back as it was, and the load says how many: nothing is dropped without a word. Keys this
version does not know, at the top and in each note, are kept too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from tui.core.notes.labels import DEFAULT_LABELS, colour_name, label_name
from tui.core.notes.model import Label, LabelError, Note, Target

FORMAT = "briefs-notes"
VERSION = 1
SECTIONS = ("labels", "notes", "flags")
_NOTE_KEYS = {"id", "brief", "label", "text", "created", "updated", "target"}
_TARGET_KEYS = ("quote", "prefix", "suffix", "start", "end", "body_sha256")

FlagKey = tuple[str, str, str]  # (brief A id, brief B id, flag key)


@dataclass
class NotesData:
    """Everything in the notes file, as this version reads it."""

    notes: list[Note] = field(default_factory=list)
    labels: list[Label] = field(default_factory=lambda: list(DEFAULT_LABELS))
    flags: dict[FlagKey, str] = field(default_factory=dict)
    version: int = VERSION
    # Entries of each section that could not be read, and unknown top-level keys: kept.
    unreadable: dict[str, list[Any]] = field(default_factory=dict)
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def unreadable_count(self) -> int:
        return sum(len(entries) for entries in self.unreadable.values())


def _text(value: object, name: str) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} is not a string")
    return value


def _offset(value: object, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError(f"{name} is not an offset")
    return value


def _note(raw: object) -> Note:
    if not isinstance(raw, dict):
        raise TypeError("a note is not an object")
    target = raw.get("target")
    if not isinstance(target, dict):
        raise TypeError("a note has no target")
    start, end = _offset(target.get("start"), "start"), _offset(target.get("end"), "end")
    if end < start:
        raise ValueError("a note ends before it starts")
    quote = _text(target.get("quote"), "quote")
    if not quote.strip():
        raise ValueError("a note has an empty quote")
    label = raw.get("label")
    if label is not None:
        label = _text(label, "label")
    note_id = _text(raw.get("id"), "id")
    brief = _text(raw.get("brief"), "brief")
    if not note_id or not brief:
        raise ValueError("a note without an id or a brief")
    extra = {k: v for k, v in raw.items() if k not in _NOTE_KEYS}
    extra.update({f"target.{k}": v for k, v in target.items() if k not in _TARGET_KEYS})
    return Note(
        id=note_id,
        brief=brief,
        target=Target(
            quote=quote,
            prefix=_text(target.get("prefix", ""), "prefix"),
            suffix=_text(target.get("suffix", ""), "suffix"),
            start=start,
            end=end,
            body_sha256=_text(target.get("body_sha256", ""), "body_sha256"),
        ),
        label=label,
        text=_text(raw.get("text", ""), "text"),
        created=_text(raw.get("created", ""), "created"),
        updated=_text(raw.get("updated", raw.get("created", "")), "updated"),
        extra=extra,
    )


def _label(raw: object) -> Label:
    if not isinstance(raw, dict):
        raise TypeError("a label is not an object")
    try:
        return Label(
            label_name(_text(raw.get("name"), "name")),
            colour_name(_text(raw.get("colour"), "colour")),
        )
    except LabelError as exc:
        raise ValueError(str(exc)) from None


def _flag(raw: object) -> tuple[FlagKey, str]:
    if not isinstance(raw, dict):
        raise TypeError("a flag is not an object")
    key = (_text(raw.get("a"), "a"), _text(raw.get("b"), "b"), _text(raw.get("flag"), "flag"))
    return key, _text(raw.get("label"), "label")


def parse(text: str) -> NotesData:
    """The data of a notes file; raises ValueError or TypeError when it is not one at all."""
    raw = json.loads(text)
    if not isinstance(raw, dict):
        raise TypeError("not a JSON object")
    if raw.get("format") != FORMAT:
        raise ValueError("not a briefs notes file")
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ValueError("no format version")
    for section in SECTIONS:
        if not isinstance(raw.get(section, []), list):
            raise TypeError(f"{section} is not a list")
    data = NotesData(version=version)
    data.extra = {k: v for k, v in raw.items() if k not in {"format", "version", *SECTIONS}}
    readers = {"notes": _note, "labels": _label, "flags": _flag}
    read: dict[str, list[Any]] = {section: [] for section in SECTIONS}
    for section in SECTIONS:
        for entry in raw.get(section, []):
            try:
                read[section].append(readers[section](entry))
            except (TypeError, ValueError):
                data.unreadable.setdefault(section, []).append(entry)
    data.notes = _unique_notes(read["notes"], data)
    if "labels" in raw:
        data.labels = _unique_labels(read["labels"], data)
    data.flags = dict(read["flags"])
    return data


def _unique_notes(notes: list[Note], data: NotesData) -> list[Note]:
    seen: set[str] = set()
    kept: list[Note] = []
    for note in notes:
        if note.id in seen:
            data.unreadable.setdefault("notes", []).append(note_json(note))
            continue
        seen.add(note.id)
        kept.append(note)
    return kept


def _unique_labels(labels: list[Label], data: NotesData) -> list[Label]:
    seen: set[str] = set()
    kept: list[Label] = []
    for label in labels:
        if label.name.casefold() in seen:
            data.unreadable.setdefault("labels", []).append(label_json(label))
            continue
        seen.add(label.name.casefold())
        kept.append(label)
    return kept


def note_json(note: Note) -> dict[str, Any]:
    target_extra = {k[7:]: v for k, v in note.extra.items() if k.startswith("target.")}
    extra = {k: v for k, v in note.extra.items() if not k.startswith("target.")}
    t = note.target
    return {
        **extra,
        "id": note.id,
        "brief": note.brief,
        "label": note.label,
        "text": note.text,
        "created": note.created,
        "updated": note.updated,
        "target": {
            **target_extra,
            "quote": t.quote,
            "prefix": t.prefix,
            "suffix": t.suffix,
            "start": t.start,
            "end": t.end,
            "body_sha256": t.body_sha256,
        },
    }


def label_json(label: Label) -> dict[str, str]:
    return {"name": label.name, "colour": label.colour}


def dump(data: NotesData) -> str:
    flags = [{"a": a, "b": b, "flag": f, "label": label} for (a, b, f), label in data.flags.items()]
    out: dict[str, Any] = {
        **data.extra,
        "format": FORMAT,
        "version": max(VERSION, data.version),
        "labels": [label_json(label) for label in data.labels] + data.unreadable.get("labels", []),
        "notes": [note_json(note) for note in data.notes] + data.unreadable.get("notes", []),
        "flags": flags + data.unreadable.get("flags", []),
    }
    return json.dumps(out, ensure_ascii=False, indent=1) + "\n"
