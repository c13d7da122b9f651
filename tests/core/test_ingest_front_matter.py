"""Front matter is read the same way from a .txt as from a .md capture (issue 17): the title,
author and date it states win over the file name and over what the text seems to say."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from tui.core.brief import read_brief
from tui.core.ingest import add_paths, clean_capture

PARAS = [
    "Azerbaijan has turned its gas exports towards Europe while keeping a careful distance from "
    "Moscow, and the agreements signed this spring show how far that pivot has gone.",
    "Officials in Baku describe the policy as balance rather than alignment, and point to new "
    "transit deals with Georgia and Turkey that do not depend on Russian pipelines.",
]
FRONT = (
    "---\ntitle: Azerbaijan’s Pivot to Europe\nauthor: Leyla Mammadova\ndate: 2024-04-08\n"
    "source: Caspian Review\n---\n\n"
)
NAME = "Pen0 2024 04 08 azerbaijans pivot"


@pytest.mark.parametrize("suffix", [".txt", ".md", ".markdown"])
def test_front_matter_gives_title_author_and_date_whatever_the_suffix(suffix: str) -> None:
    brief = clean_capture((FRONT + "\n\n".join(PARAS) + "\n").encode(), NAME + suffix)
    assert brief.title == "Azerbaijan’s Pivot to Europe"
    assert brief.author == "Leyla Mammadova"
    assert brief.published == dt.date(2024, 4, 8)
    assert brief.source == "Caspian Review"
    assert brief.body == "\n\n".join(PARAS)
    assert "title:" not in brief.body and "---" not in brief.body


def test_txt_and_md_give_the_same_brief() -> None:
    raw = (FRONT + "Azerbaijan’s Pivot to Europe\n\n" + "\n\n".join(PARAS) + "\n").encode()
    txt, md = clean_capture(raw, NAME + ".txt"), clean_capture(raw, NAME + ".md")
    assert (txt.title, txt.author, txt.published, txt.body) == (
        md.title,
        md.author,
        md.published,
        md.body,
    )
    assert txt.body == "\n\n".join(PARAS)  # the title line repeating the front matter goes


def test_keys_are_read_in_any_case_and_after_blank_lines() -> None:
    raw = "\n\n---\nTitle: Shouted Keys\nAuthor: Anna Petrosyan\nDate: 2023-09-19\n---\n\n"
    brief = clean_capture((raw + "\n\n".join(PARAS)).encode(), "notes.txt")
    assert (brief.title, brief.author, brief.published) == (
        "Shouted Keys",
        "Anna Petrosyan",
        dt.date(2023, 9, 19),
    )


@pytest.mark.parametrize(
    "head",
    [
        "---\nUpdate: the talks resumed in Baku on Monday.\n---\n\n",  # a rule around a line
        "---\n: broken [\n---\n\n",  # broken YAML
        "---\njust a sentence between rules\n---\n\n",  # no mapping at all
    ],
)
def test_a_block_that_is_no_front_matter_stays_text(head: str) -> None:
    brief = clean_capture((head + "\n\n".join(PARAS)).encode(), "capture.txt")
    first = head.split("\n")[1]
    assert first.strip(": [") in brief.body or first in brief.title


def test_front_matter_of_a_txt_reaches_the_stored_brief(tmp_path: Path) -> None:
    src = tmp_path / "in" / (NAME + ".txt")
    src.parent.mkdir()
    src.write_text(FRONT + "\n\n".join(PARAS) + "\n", encoding="utf-8")
    (result,) = add_paths([src], tmp_path / "briefs", today=dt.date(2024, 5, 1)).results
    assert (result.status, result.brief_id) == ("added", "azerbaijans-pivot-to-europe")
    stored = read_brief(tmp_path / "briefs" / "azerbaijans-pivot-to-europe.md")
    assert (stored.title, stored.author, stored.published, stored.origin) == (
        "Azerbaijan’s Pivot to Europe",
        "Leyla Mammadova",
        dt.date(2024, 4, 8),
        NAME + ".txt",
    )
