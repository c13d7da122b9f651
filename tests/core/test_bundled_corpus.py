"""The committed corpus in briefs/: the two seed analyses, whole, clean and well labelled."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tui.core.brief import Brief, brief_files, load_corpus, read_brief
from tui.core.ingest import clean_capture

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "briefs"
SEEDS = ROOT.parent / "shared" / "seeds"

SPECIAL = "000_c558f466dbb26c49.txt"  # SpecialEurasia, Kavkaz Files
OSW = "004_3e544661f9b1e9c0.txt"

FURNITURE = [
    "Cookie settings",
    "cookies",
    "DONATE NOW",
    "donation",
    "Download PDF",
    "Print print",
    "Related Posts",
    "You are:",
    "Allow all",
    "Reject all",
    "ISSN",
    "Author:",
    "Do you like",
]

# The lines of each capture that are not article text, as a reader judges them: the title and
# the metadata (lifted into the front matter), the map's caption (kept, as one italic
# paragraph), and the page furniture (gone). Given by their opening words.
NOT_ARTICLE = {
    SPECIAL: [
        "Nagorno-Karabakh Crisis and Russia’s Strategy in the Region",
        "Russia, Turkey and the Caucasus Map",
        "The map shows the significant role",
        "Kavkaz Files ISSN 2975-0474",
        "Author: Giuliano Bifolchi",
        "Do you like SpecialEurasia reports",
        "Related Posts",
    ],
    OSW: [
        "download Download PDF",
        "You are:",
        "After Azerbaijan took control of Nagorno-Karabakh without fighting, Russia lost",
        "Print print",
        "Cookie settings",
        "Mandatory cookies help",
        "Functional cookies enable",
        "Statistic cookies help",
        "Allow all cookies Reject all",
    ],
}
HEADINGS = {
    SPECIAL: [
        "Nagorno-Karabakh Crisis: Background Information",
        "Geopolitical Scenario of Russia’s Regional Strategy",
    ],
    OSW: [],
}


def committed() -> dict[str, Brief]:
    loaded = load_corpus(CORPUS)
    assert not loaded.errors
    return {b.origin or "": b for b in loaded.briefs}


def paragraphs(brief: Brief) -> list[str]:
    return [brief.body[a:b] for a, b in brief.paragraphs()]


def test_both_seeds_are_in_the_corpus_with_readable_ids() -> None:
    briefs = committed()
    assert set(briefs) == {SPECIAL, OSW}
    assert briefs[SPECIAL].id == "nagorno-karabakh-crisis-and-russias-strategy-in-the-region"
    assert briefs[OSW].id == "after-azerbaijan-took-control-of-nagorno-karabakh-without"
    for brief in briefs.values():
        assert brief.path is not None and brief.path.stem == brief.id
        assert brief.ingested is not None
        assert len(brief.sha256) == 64


def test_titles_and_metadata() -> None:
    briefs = committed()
    special, osw = briefs[SPECIAL], briefs[OSW]
    assert special.title == "Nagorno-Karabakh Crisis and Russia’s Strategy in the Region"
    assert special.author == "Giuliano Bifolchi"
    assert special.source == "SpecialEurasia"
    assert osw.title == (
        "After Azerbaijan took control of Nagorno-Karabakh without fighting, Russia lost an "
        "important tool for destabilising the region"
    )
    # The OSW capture names no author, publisher or date: none is invented.
    assert (osw.author, osw.source, osw.published) == (None, None, None)


@pytest.mark.parametrize("origin", [SPECIAL, OSW])
def test_no_page_furniture_is_left(origin: str) -> None:
    brief = committed()[origin]
    for phrase in FURNITURE:
        assert phrase not in brief.body, phrase
        assert phrase not in brief.title, phrase
    assert brief.title not in brief.body


def test_the_closing_and_key_paragraphs_are_kept() -> None:
    briefs = committed()
    special, osw = paragraphs(briefs[SPECIAL]), paragraphs(briefs[OSW])
    assert special[-1].startswith("In conclusion, the unfolding events in the Caucasus represent")
    assert special[-1].endswith("the broader dynamics of international relations.")
    assert osw[-1].startswith("In the absence of the Nagorno-Karabakh conflict")
    assert any(
        "However, Russian military bases in Armenia and the occupied regions of Georgia will "
        "allow Moscow to retain some leverage over the countries in the region." in p
        for p in osw
    )


def test_section_headings_are_markdown_headings() -> None:
    for origin, wanted in HEADINGS.items():
        assert [h[2] for h in committed()[origin].headings()] == wanted


def test_the_map_caption_is_one_italic_paragraph_under_the_title() -> None:
    first = paragraphs(committed()[SPECIAL])[0]
    assert first.startswith("*Russia, Turkey and the Caucasus Map — The map shows the significant")
    assert first.endswith(
        "(Credits: United States. Central Intelligence Agency, Public domain, "
        "via Wikimedia Commons)*"
    )


# --- against the captures themselves (../shared/seeds) -----------------------------------

needs_seeds = pytest.mark.skipif(not SEEDS.is_dir(), reason=f"no seed captures at {SEEDS}")


def article_lines(origin: str) -> list[str]:
    """The seed's lines that are article text, in order, headings marked as in the brief."""
    out = []
    for line in (SEEDS / origin).read_text(encoding="utf-8").split("\n"):
        text = " ".join(line.split())
        if not text or any(text.startswith(prefix) for prefix in NOT_ARTICLE[origin]):
            continue
        out.append(f"## {text}" if text in HEADINGS[origin] else text)
    return out


@needs_seeds
@pytest.mark.parametrize("origin", [SPECIAL, OSW])
def test_every_article_paragraph_is_kept_in_order(origin: str) -> None:
    brief = committed()[origin]
    body = [p for p in paragraphs(brief) if not p.startswith("*")]  # the caption is checked apart
    expected = article_lines(origin)
    assert len(expected) == {SPECIAL: 36, OSW: 3}[origin]
    assert body == expected


@needs_seeds
@pytest.mark.parametrize("origin", [SPECIAL, OSW])
def test_the_corpus_is_what_briefs_add_makes_of_the_seeds_today(origin: str) -> None:
    raw = (SEEDS / origin).read_bytes()
    fresh = clean_capture(raw, origin)
    stored = committed()[origin]
    assert stored.sha256 == hashlib.sha256(raw).hexdigest()
    assert (fresh.id, fresh.title, fresh.source, fresh.author, fresh.published, fresh.body) == (
        stored.id,
        stored.title,
        stored.source,
        stored.author,
        stored.published,
        stored.body,
    )


def test_every_committed_file_is_a_brief() -> None:
    files = list(brief_files(CORPUS))
    assert len(files) == 2
    for path in files:
        assert read_brief(path).id == path.stem
