"""Notes over the hostile corpus: quotes taken from hostile briefs and note texts full of
payloads, through every `briefs notes` output (piped, forced terminal, JSON, Markdown export),
print nothing a terminal would obey."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.reliability import hostile
from tests.reliability.helpers import HostileCorpus, where
from tests.reliability.test_hostile_text import MODES, _assert_inert, _run
from tui.core.brief import load_corpus
from tui.core.notes import Notebook


@pytest.fixture
def noted(
    hostile_corpus: HostileCorpus, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[str]:
    """A note on the hostile word of every readable hostile brief, its text a payload."""
    state = tmp_path / "state"
    monkeypatch.setenv("BRIEFS_STATE", str(state))
    notebook = Notebook(state)
    payloads = [text for _family, _name, text in hostile.PAYLOADS]
    ids = []
    for number, brief in enumerate(load_corpus(hostile_corpus.corpus).briefs):
        at = brief.body.index(hostile.SHARED_WORD)
        start, end = max(0, at - 40), min(len(brief.body), at + 60)
        label = ("claim", "question", None)[number % 3]
        note = notebook.add(
            brief.id, brief.body, start, end, label=label, text=payloads[number % len(payloads)]
        )
        ids.append(note.id)
    return ids


@pytest.mark.parametrize("mode", MODES)
def test_listing_and_searching_notes_is_inert(
    hostile_corpus: HostileCorpus,
    noted: list[str],
    mode: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folders = where(hostile_corpus.corpus, hostile_corpus.index)
    runs = [["notes"], ["notes", "search", hostile.SHARED_WORD], ["notes", "labels"]]
    runs += [["notes", "--label", "claim"], ["search", hostile.SHARED_WORD, "--with-notes"]]
    for argv in runs:
        code, out, err = _run(capsys, monkeypatch, mode, [*map(str, argv), *folders])
        assert code == 0, (argv, err)
        _assert_inert(mode, out, err)
        assert out.strip(), argv
    code, out, _ = _run(capsys, monkeypatch, "json", ["notes", *folders])
    assert len(json.loads(out)["notes"]) == len(noted)


@pytest.mark.parametrize("form", ["md", "json"])
def test_the_exports_are_inert(
    hostile_corpus: HostileCorpus,
    noted: list[str],
    form: str,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folders = where(hostile_corpus.corpus, hostile_corpus.index)
    argv = ["notes", "export", "--format", form, *folders]
    code, out, err = _run(capsys, monkeypatch, "piped", argv)
    assert code == 0, err
    _assert_inert("json" if form == "json" else "piped", out, err)
    if form == "md":
        # Markup and HTML payloads stay text: no link, image or raw HTML in the document.
        tokens = MarkdownIt("commonmark").parse(out)
        kinds = {t.type for t in tokens} | {c.type for t in tokens for c in t.children or []}
        assert not kinds & {"html_block", "html_inline", "link_open", "image", "code_block"}
        assert out.count("\n### ") == len(noted)
