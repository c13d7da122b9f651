"""Any terminal: dumb, none, NO_COLOR, a C locale, an output encoding that is not UTF-8.

The real command prints readable output (characters the encoding lacks become '?') or a clear
message, never a UnicodeEncodeError traceback; JSON stays valid and loses nothing (it is ASCII
with escapes when the output cannot take UTF-8).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.reliability.helpers import briefs, briefs_in_pty, child_env, where

TITLE = "Gas Deals Across the Caspian — Baku’s «new» route · Ötüken"
BRIEF = f"""---
id: caspian-gas
title: "{TITLE}"
source: Caucasus Watch
author: Leyla Məmmədova
published: 2023-09-19
---

Azerbaijan and Turkmenistan signed a memorandum on the Dostluk field — “a new chapter”, said
the ministry in Bakı. Prices in € and ₽ were not disclosed. 中文 and العربية readers were told.
President Recep Tayyip Erdoğan met Nikol Pashinyan in Tbilisi.
"""

# What each environment can break, and so what runs in it: TERM and NO_COLOR only matter on a
# terminal (rich's terminal path, forced with FORCE_COLOR); the output encoding matters for every
# verb and for JSON (a C or POSIX locale is UTF-8 mode in Python; the others are not UTF-8).
TEXT_VERBS = (["list"], ["show", "caspian-gas"], ["entities"], ["search", "Dostluk"])
JSON_VERBS = (
    ["list", "--json"],
    ["show", "caspian-gas", "--json"],
    ["entities", "--json"],
    ["entities", "caspian-gas", "--json"],
    ["search", "Dostluk", "--json"],
)
ENVIRONMENTS: dict[str, tuple[dict[str, str | None], tuple[str, ...]]] = {
    "dumb": ({"TERM": "dumb"}, ("terminal",)),
    "no-term": ({"TERM": None}, ("terminal",)),
    "no-color": ({"NO_COLOR": "1", "TERM": "xterm-256color"}, ("terminal",)),
    "c-locale": ({"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": None}, ("piped", "terminal")),
    "posix-locale": ({"LC_ALL": "POSIX", "LANG": None}, ("piped",)),
    "ascii-output": ({"PYTHONIOENCODING": "ascii"}, ("piped", "terminal", "json")),
    "latin1-output": ({"PYTHONIOENCODING": "latin-1"}, ("piped", "terminal", "json")),
}
CASES = [(name, mode) for name, (_, modes) in sorted(ENVIRONMENTS.items()) for mode in modes]


@pytest.fixture(scope="module")
def folders(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    root = tmp_path_factory.mktemp("terminals")
    corpus = root / "briefs"
    corpus.mkdir()
    (corpus / "caspian-gas.md").write_text(BRIEF, encoding="utf-8")
    return where(corpus, root / "index")


@pytest.mark.parametrize(("name", "mode"), CASES, ids=[f"{n}-{m}" for n, m in CASES])
def test_every_verb_prints_readably(name: str, mode: str, folders: list[str]) -> None:
    variables, _ = ENVIRONMENTS[name]
    env = child_env(**variables, FORCE_COLOR="1" if mode == "terminal" else None)
    verbs = JSON_VERBS if mode == "json" else TEXT_VERBS
    if "TERM" in variables or "NO_COLOR" in variables:
        verbs = verbs[:2]  # the table and the Markdown are what a terminal's kind changes
    for verb in verbs:
        run = briefs(*verb, *folders, env=env)  # asserts: no traceback
        assert run.code == 0, (verb, run.error)
        assert b"Error" not in run.err, run.error
        if "--json" in verb:
            # Escaped when the output is not UTF-8, never replaced by '?'.
            data = json.loads(run.out)
            if verb[0] == "list":
                assert data["briefs"][0]["title"] == TITLE
            elif verb[0] == "show":
                assert data["title"] == TITLE
                assert "“a new chapter”" in data["body"]
            elif verb[0] == "search":
                assert [hit["title"] for hit in data["hits"]] == [TITLE]
            else:
                names = {e.get("name") for e in data["entities"]} | {
                    s for e in data["entities"] for s in e.get("surfaces", [])
                }
                assert "Recep Tayyip Erdoğan" in names, names
        elif verb[0] == "entities":
            assert b"Turkmenistan" in run.out
        else:
            assert b"Gas Deals Across" in run.out
            assert b"Dostluk" in run.out or verb[0] == "list"


@pytest.mark.parametrize("term", ["dumb", "linux"])
def test_a_real_terminal_of_each_kind(term: str, folders: list[str]) -> None:
    env = child_env(TERM=term)
    for verb in (["list"], ["show", "caspian-gas"]):
        run = briefs_in_pty(*verb, *folders, env=env, size=(24, 80))
        assert run.code == 0, run.text
        assert b"Gas Deals Across" in run.out


def test_a_narrow_terminal(folders: list[str]) -> None:
    """Twenty columns: rich folds; nothing breaks."""
    for verb in (["list"], ["show", "caspian-gas"]):
        run = briefs_in_pty(*verb, *folders, size=(5, 20))
        assert run.code == 0, run.text
        assert b"Caspian" in run.out or verb[0] == "entities"


def test_a_non_utf8_file_name_in_the_output(tmp_path: Path) -> None:
    """A capture whose name is not UTF-8 (a lone surrogate in Python): named, not a crash."""
    folder = tmp_path / "in"
    folder.mkdir()
    name = b"caspian-\xff\xfe.txt".decode("utf-8", "surrogateescape")
    shutil.copy2(
        Path(__file__).parents[1] / "data" / "ingest" / "wrapped-report.txt", folder / name
    )
    for extra in ([], ["--json"]):
        corpus = tmp_path / f"b{len(extra)}"
        run = briefs("add", folder, *extra, *where(corpus, tmp_path / f"i{len(extra)}"))
        assert run.code == 0, run.error
        if extra:
            (result,) = json.loads(run.out)["results"]
            assert result["status"] == "added"
        else:
            assert b"added" in run.out
