"""Ingest: decoding, scrubbing, web-furniture removal, metadata, and adding files to a corpus."""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import os
from pathlib import Path

import pytest

from tui.core.brief import Brief, load_corpus, read_brief
from tui.core.ingest import (
    AddReport,
    EmptyCapture,
    IngestError,
    NotACapture,
    UnreadableDocument,
    add_paths,
    clean_capture,
)

DATA = Path(__file__).parents[1] / "data" / "ingest"
TODAY = dt.date(2024, 3, 1)

TITLE = "Armenia Looks West After the Fall of Karabakh"
PARAS = [
    "Armenia’s government has begun to loosen the ties that bound it to Russia for three "
    "decades, after Moscow’s peacekeepers stood aside during Azerbaijan’s offensive in "
    "September 2023.",
    "Prime Minister Nikol Pashinyan froze Armenia’s participation in the Collective Security "
    "Treaty Organization and invited European monitors to patrol the border with Azerbaijan.",
    "Officials in Yerevan insist that the turn is gradual. Trade with Russia still dwarfs trade "
    "with the European Union, and Russian gas heats most Armenian homes.",
    "Whether the shift lasts will depend on whether Brussels and Washington can offer security "
    "guarantees that Moscow no longer provides.",
]


def page(before: list[str] = [], middle: list[str] = [], after: list[str] = []) -> str:  # noqa: B006
    """A web capture: furniture around the title and the article's paragraphs."""
    parts = [*before, TITLE, *PARAS[:2], *middle, *PARAS[2:], *after]
    return "\n\n".join(parts) + "\n"


def clean(text: str | bytes, name: str = "capture.txt") -> Brief:
    raw = text.encode("utf-8") if isinstance(text, str) else text
    return clean_capture(raw, name)


def paragraphs(brief: Brief) -> list[str]:
    return [brief.body[a:b] for a, b in brief.paragraphs()]


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under a folder, hidden ones included, with its bytes."""
    if not folder.exists():
        return {}
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


# --- furniture -----------------------------------------------------------------------------

FURNITURE_CASES = {
    "cookie settings block": dict(
        after=[
            "Print print\nCookie settings\n"
            "Mandatory cookies help make a website usable by enabling basic functions like page "
            "navigation and access to secure areas of the website. The website cannot function "
            "properly without these cookie.\n"
            "Functional cookies enable a website to remember information that changes the way the "
            "website behaves or looks. Functional cookies are currently unused.\n"
            "Marketing cookies are used to track visitors across websites.\n"
            "Save settings Accept all cookies"
        ]
    ),
    "cookie banner": dict(
        before=[
            "We value your privacy\nThis site uses cookies to give you the best experience. By "
            "continuing to browse you accept our cookie policy.\nAccept\nManage preferences"
        ]
    ),
    "consent banner at the end": dict(
        after=[
            "We and our partners store information on your device. You can accept all cookies or "
            "reject non-essential cookies at any time.\nAccept all\nReject all"
        ]
    ),
    "donation appeal": dict(
        after=[
            "Do you like Caucasus Watch analyses? Has our research helped you? Join us in "
            "advancing independent reporting. Whether through a one-time contribution or a monthly "
            "donation, your support fuels our work. DONATE NOW and secure your place.",
            "Related Posts",
        ]
    ),
    "support appeal and button": dict(
        middle=["Support independent journalism: make a monthly donation today.", "Donate now"]
    ),
    "share print download": dict(
        before=["download Download PDF"],
        after=[
            "Print print",
            "Share: Facebook Twitter LinkedIn",
            "Share on X",
            "Email this article",
        ],
    ),
    "share bar mid-article": dict(middle=["Share this article\nFacebook Twitter WhatsApp Email"]),
    "related posts list": dict(
        after=[
            "Related Posts",
            "Russia’s new gas deal with Uzbekistan",
            "September 12, 2023",
            "Iran and the Zangezur corridor",
        ]
    ),
    "you may also like": dict(
        after=["You may also like:\nGeorgia on the edge\nThe Caspian gamble"]
    ),
    "read more link": dict(middle=["Read more: Azerbaijan’s gas diplomacy"]),
    "breadcrumbs": dict(before=["You are:", "Home > Analyses > South Caucasus"]),
    "breadcrumb with guillemets": dict(before=["Home » Publications » Armenia"]),
    "navigation menu": dict(
        before=["Skip to content\nHome\nAnalyses\nRegions\nPodcasts\nContact", "Menu"]
    ),
    "navigation bar": dict(before=["Home | About | Analyses | Events | Contact"]),
    "newsletter prompt": dict(
        after=[
            "Subscribe to our newsletter",
            "Sign up to get our weekly briefing delivered straight to your inbox.",
            "Enter your email address",
        ]
    ),
    "tags and footer": dict(
        after=[
            "Tags: Armenia, Russia, CSTO",
            "© 2024 Example Review. All rights reserved.",
            "Privacy policy\nTerms of use",
        ]
    ),
    "comments": dict(
        after=[
            "3 Comments",
            "Leave a Reply",
            "Your email address will not be published. Required fields are marked *",
        ]
    ),
    "reading time and ads": dict(before=["6 min read"], middle=["Advertisement"]),
    "pager links": dict(after=["« Previous post", "Next post »", "Back to top"]),
}


@pytest.mark.parametrize("case", FURNITURE_CASES, ids=list(FURNITURE_CASES))
def test_furniture_goes_and_every_paragraph_stays(case: str) -> None:
    brief = clean(page(**FURNITURE_CASES[case]))
    assert brief.title == TITLE
    assert paragraphs(brief) == PARAS


def test_article_sentences_that_mention_furniture_words_are_kept() -> None:
    traps = [
        "Google’s plan to phase out third-party cookies in Chrome has worried advertisers, who "
        "say the change will cut the revenue of news sites across Europe.",
        "Donations to flood relief in western Georgia reached a record this summer, the "
        "government said, after a landslide killed more than twenty people.",
        "The ministry will print new passports for residents of the region and has asked people "
        "to share their documents with consular staff.",
        "Related talks in Brussels, which have run for months, are expected to resume soon.",
        "Subscribers to the state broadcaster complained that coverage of the protests was thin.",
        "Print media in the country remain under heavy pressure from the government.",
        "By 2025 the pipeline should carry ten billion cubic metres of gas a year to Europe.",
        "Home to two million people, the capital has grown quickly since independence in 1991.",
    ]
    brief = clean("\n\n".join([TITLE, *traps]))
    assert paragraphs(brief) == traps
    assert brief.author is None


def test_repeated_title_collapses_and_is_not_in_the_body() -> None:
    brief = clean(f"{TITLE}\n\n{TITLE}\n\n" + "\n\n".join(PARAS))
    assert brief.title == TITLE
    assert TITLE not in brief.body
    assert paragraphs(brief) == PARAS


BBC = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "bbc"


@pytest.mark.skipif(not BBC.is_dir(), reason=f"no BBC corpus at {BBC}")
def test_clean_articles_lose_nothing() -> None:
    """Captures without furniture (BBC News articles): every line is kept, the title found."""
    files = sorted(BBC.glob("bbc_*.txt"))[::5]
    assert len(files) > 400
    for path in files:
        lines = [" ".join(line.split()) for line in path.read_text(encoding="utf-8").split("\n")]
        lines = [line for line in lines if line]
        brief = clean_capture(path.read_bytes(), path.name)
        assert brief.title == lines[0], path.name
        kept = [line.removeprefix("## ") for p in paragraphs(brief) for line in p.split("\n")]
        assert kept == lines[1:], path.name


def test_a_paragraph_printed_twice_in_a_row_is_kept_once() -> None:
    text = "\n\n".join([TITLE, PARAS[0], PARAS[0], *PARAS[1:3], PARAS[2].upper(), PARAS[3]])
    assert paragraphs(clean(text)) == PARAS


def test_a_capture_that_is_only_furniture_is_refused_as_empty() -> None:
    with pytest.raises(EmptyCapture):
        clean("Print print\n\nCookie settings\nAllow all cookies Reject all\n\nRelated Posts\n")


# --- structure -----------------------------------------------------------------------------


def test_short_standalone_lines_between_paragraphs_become_headings() -> None:
    text = "\n\n".join(
        [TITLE, PARAS[0], "Background of the Crisis", PARAS[1], "What Comes Next?", PARAS[2]]
    )
    brief = clean(text)
    assert paragraphs(brief) == [
        PARAS[0],
        "## Background of the Crisis",
        PARAS[1],
        "## What Comes Next?",
        PARAS[2],
    ]
    assert [h[2] for h in brief.headings()] == ["Background of the Crisis", "What Comes Next?"]


def test_short_lines_that_end_a_sentence_are_not_headings() -> None:
    brief = clean("\n\n".join([TITLE, PARAS[0], "Nobody was hurt.", PARAS[1]]))
    assert "Nobody was hurt." in paragraphs(brief)
    assert not brief.headings()


def test_body_is_clean_paragraphs_separated_by_one_blank_line() -> None:
    brief = clean(f"  {TITLE}  \r\n\r\n\r\n\r\n{PARAS[0]}   \r\n\r\n\r\n  {PARAS[1]}\r\n")
    assert brief.body == f"{PARAS[0]}\n\n{PARAS[1]}"


def test_a_map_caption_with_credits_becomes_one_italic_paragraph() -> None:
    text = "\n".join(
        [
            TITLE,
            "",
            "Armenia and its Neighbours Map",
            "The map shows the border regions (Credits: Example Atlas, CC BY-SA, via Wikimedia "
            "Commons)",
            "",
            *(p + "\n" for p in PARAS),
        ]
    )
    brief = clean(text)
    assert paragraphs(brief)[0] == (
        "*Armenia and its Neighbours Map — The map shows the border regions (Credits: Example "
        "Atlas, CC BY-SA, via Wikimedia Commons)*"
    )
    assert paragraphs(brief)[1:] == PARAS
    assert brief.title == TITLE


def test_a_standalone_photo_credit_is_kept_as_a_caption() -> None:
    brief = clean(page(middle=["Photo: Hayk Baghdasaryan / Photolure"]))
    assert "*Photo: Hayk Baghdasaryan / Photolure*" in paragraphs(brief)


def test_hard_wrapped_text_is_reflowed_and_bullets_become_a_list() -> None:
    brief = clean_capture((DATA / "wrapped-report.txt").read_bytes(), "wrapped-report.txt")
    assert brief.title == "Gas Transit Through the Caspian: Options for 2024"
    assert brief.source == "Example Institute for Regional Studies"
    assert brief.author == "Marek Nowak, Elena Petrova"
    assert brief.published == dt.date(2023, 11, 2)
    paras = paragraphs(brief)
    assert paras[0] == "## Summary"
    assert paras[1].startswith("The Trans-Caspian route has returned to the agenda of European")
    assert "\n" not in paras[1]
    assert paras[3].split("\n") == [
        "- Turkmenistan has the reserves but not the political will to commit to a pipeline that "
        "Moscow and Tehran oppose.",
        "- Azerbaijan's existing capacity can grow by roughly a third without new sea-bed "
        "infrastructure.",
        "- Financing depends on long-term purchase contracts that European buyers are reluctant "
        "to sign.",
    ]
    assert "Print this page" not in brief.body


def test_an_unseen_web_capture_keeps_its_article_and_loses_its_chrome() -> None:
    raw = (DATA / "caucasus-watch-capture.txt").read_bytes()
    brief = clean_capture(raw, "caucasus-watch-capture.txt")
    assert brief.title == "Georgia’s Balancing Act Between Brussels and Moscow"
    assert brief.author == "Anna Kowalska"
    assert brief.published == dt.date(2023, 10, 12)
    assert brief.source == "Caucasus Watch"
    assert [h[2] for h in brief.headings()] == [
        "Economic ties with Russia",
        "The European path",
        "What comes next?",
    ]
    for gone in (
        "Skip to main content",
        "Home",
        "About us",
        "Share:",
        "cookies",
        "Read more",
        "newsletter",
        "Tags:",
        "©",
        "Related articles",
        "Azerbaijan’s gas diplomacy",
        "6 min read",
    ):
        assert gone not in brief.body, gone
    source_paras = [
        line
        for line in raw.decode().split("\n")
        if len(line.split()) > 12 and "cookies" not in line and "newsletter" not in line
    ]
    assert len(source_paras) == 7
    for para in source_paras:
        assert para in paragraphs(brief)


def test_masthead_standfirst_byline_and_disclaimer() -> None:
    raw = (DATA / "think-tank-commentary.txt").read_bytes()
    brief = clean_capture(raw, "think-tank-commentary.txt")
    assert brief.title == "Russia’s War Economy Is Running Out of Steam"
    # The site's name heads the page and comes back in its footer: it is the publisher.
    assert brief.source == "Carnegie Endowment for International Peace"
    assert brief.author == "Alexandra Prokopenko"
    assert brief.published == dt.date(2024, 2, 12)
    assert paragraphs(brief) == [
        "The Kremlin has kept growth going with military spending. That cannot last forever.",
        *[
            line
            for line in raw.decode().split("\n")
            if line.startswith(("Russia’s economy", "But"))
        ],
        "## The Limits of Military Keynesianism",
        "Economists call the model military Keynesianism. It works as long as the state can pay, "
        "and as long as there are workers to hire. Both conditions are weakening.",
    ]


def test_label_and_value_lines_and_download_links() -> None:
    raw = (DATA / "situation-report.txt").read_bytes()
    brief = clean_capture(raw, "situation-report.txt")
    assert brief.title == "Armenia: Refugee Response Update, 5 October 2023"
    assert (brief.source, brief.published) == ("UNHCR", dt.date(2023, 10, 5))
    assert paragraphs(brief) == [
        "## Highlights",
        *[
            line
            for line in raw.decode().split("\n")
            if line.startswith(("As of", "UNHCR has", "Most"))
        ],
    ]


# --- metadata ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "author", "published"),
    [
        (["Author: Giuliano Bifolchi"], "Giuliano Bifolchi", None),
        (["By Anna Kowalska and Jan Nowak"], "Anna Kowalska, Jan Nowak", None),
        (["Written by Maria de la Cruz | 19 September 2023"], "Maria de la Cruz", "2023-09-19"),
        (["By Selin Arslan · 2 October 2023 · 5 min read"], "Selin Arslan", "2023-10-02"),
        (["September 19th, 2023"], None, "2023-09-19"),
        (["19 September 2023"], None, "2023-09-19"),
        (["2023-09-19"], None, "2023-09-19"),
        (["Published: 19.09.2023"], None, "2023-09-19"),
        (["Posted on Sept. 19, 2023 at 10:30 am"], None, "2023-09-19"),
        (["Updated: 21 September 2023", "Published: 19 September 2023"], None, "2023-09-19"),
        (
            ["Tuesday, 19 September 2023", "Authors: A. Smith, B. Jones"],
            "A. Smith, B. Jones",
            "2023-09-19",
        ),
    ],
)
def test_bylines_and_dates_go_to_the_front_matter(
    lines: list[str], author: str | None, published: str | None
) -> None:
    brief = clean(with_head(lines))
    assert brief.author == author
    assert (brief.published.isoformat() if brief.published else None) == published
    assert paragraphs(brief) == PARAS


def with_head(lines: list[str], after: list[str] = []) -> str:  # noqa: B006
    """A capture with header lines (byline, date, ...) under the title."""
    return "\n\n".join([TITLE, "\n".join(lines), *PARAS, *after]) + "\n"


def test_a_date_inside_the_article_is_not_the_publication_date() -> None:
    brief = clean(page())
    assert "September 2023" in brief.body
    assert brief.published is None


def test_source_and_url_lines() -> None:
    brief = clean(
        with_head(
            ["Source: Example Review", "URL: https://example.org/analysis/armenia-west?ref=rss"]
        )
    )
    assert brief.source == "Example Review"
    assert brief.url == "https://example.org/analysis/armenia-west?ref=rss"
    assert paragraphs(brief) == PARAS


def test_an_issn_line_names_the_periodical_and_leaves_the_body() -> None:
    brief = clean(
        with_head(["Kavkaz Files ISSN 2975-0474 Volume 18 Issue 8", "Author: Giuliano Bifolchi"])
    )
    assert brief.source == "Kavkaz Files"
    assert brief.author == "Giuliano Bifolchi"
    assert "ISSN" not in brief.body
    assert paragraphs(brief) == PARAS


def test_the_publisher_an_appeal_names_wins_over_the_periodical() -> None:
    appeal = (
        "Do you like SpecialEurasia reports and analyses? Whether through a one-time "
        "contribution or a monthly donation, your support counts. DONATE NOW"
    )
    text = with_head(["Kavkaz Files ISSN 2975-0474 Volume 18 Issue 8"], after=[appeal])
    assert clean(text).source == "SpecialEurasia"


def test_a_copyright_line_names_the_publisher() -> None:
    brief = clean(page(after=["© 2023 Centre for Eastern Studies. All rights reserved."]))
    assert brief.source == "Centre for Eastern Studies"
    assert paragraphs(brief) == PARAS


def test_slugs_are_readable_ids_from_the_title() -> None:
    brief = clean(page().replace(TITLE, "Russia’s Strategy: What Moscow Wants in 2024", 1))
    assert brief.id == "russias-strategy-what-moscow-wants-in-2024"


def test_without_a_title_line_the_file_name_or_opening_words_stand_in() -> None:
    body = "\n\n".join(PARAS)
    assert clean(body, "gas-hub-talks.txt").title == "Gas hub talks"
    untitled = clean(body, "000_c558f466dbb26c49.txt")
    assert untitled.title.startswith("Armenia’s government has begun to loosen")
    assert paragraphs(untitled) == PARAS


# --- decoding and untrusted text --------------------------------------------------------


FRENCH = "Le président a déclaré que la situation à Erevan était très préoccupante."


@pytest.mark.parametrize("codec", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_with_or_without_a_byte_order_mark(codec: str) -> None:
    text = f"Crise à Erevan\n\n{FRENCH}\n"
    raw = text.encode(codec)
    if codec in ("utf-16-le", "utf-16-be"):
        raw = (codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE) + raw
    brief = clean(raw)
    assert brief.title == "Crise à Erevan"
    assert brief.body == FRENCH


def test_utf16_without_a_byte_order_mark() -> None:
    brief = clean(f"Crise à Erevan\n\n{FRENCH}\n".encode("utf-16-le"))
    assert brief.body == FRENCH


@pytest.mark.parametrize(
    ("text", "codec"),
    [
        (f"Crise à Erevan\n\n{FRENCH}\n", "latin-1"),
        (
            "Moscow’s “Pivot” — a Résumé\n\nThe Kremlin’s officials said the offensive was "
            "“a restoration of sovereignty” – nothing more.\n",
            "cp1252",
        ),
        (
            "Rząd w Warszawie\n\nPolski rząd ogłosił, że sytuacja jest poważna, a ministrowie "
            "spotkają się w środę.\n",
            "cp1250",
        ),
        (
            "Кризис в Карабахе\n\nМинистерство иностранных дел России заявило, что ситуация в "
            "регионе остаётся напряжённой.\n",
            "cp1251",
        ),
    ],
    ids=["latin-1", "cp1252", "cp1250", "cp1251"],
)
def test_legacy_encodings_are_read_correctly(text: str, codec: str, tmp_path: Path) -> None:
    capture = tmp_path / "legacy.txt"
    capture.write_bytes(text.encode(codec))
    report = add_paths([capture], tmp_path / "briefs", today=TODAY)
    (result,) = report.results
    assert result.status == "added"
    assert "read as" in result.reason
    brief = read_brief(tmp_path / "briefs" / f"{result.brief_id}.md")
    title, body = text.strip().split("\n\n")
    assert brief.title == title
    assert brief.body == body


def test_invalid_bytes_in_utf8_are_replaced_and_reported(tmp_path: Path) -> None:
    capture = tmp_path / "broken.txt"
    capture.write_bytes(f"{TITLE}\n\n{PARAS[0]}".encode() + b" \xff\xfe oops\n")
    (result,) = add_paths([capture], tmp_path / "briefs", today=TODAY).results
    assert result.status == "added"
    assert "replaced" in result.reason
    body = read_brief(tmp_path / "briefs" / f"{result.brief_id}.md").body
    assert body.startswith(PARAS[0])  # the curly quotes of the rest still read as UTF-8
    assert "\ufffd" in body


@pytest.mark.parametrize(
    ("raw", "says"),
    [
        (bytes(range(256)) * 40, "binary"),
        (b"\x00\x01\x02\x03data\x00\x00\x00" * 100, "binary"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG"),
        (b"PK\x03\x04\x14\x00\x06\x00", "ZIP"),
    ],
)
def test_binary_data_is_refused_with_a_clear_reason(raw: bytes, says: str) -> None:
    with pytest.raises(NotACapture, match=says):
        clean(raw)


def test_pdf_bytes_are_read_as_a_pdf_whatever_the_name() -> None:
    # (tests/core/test_ingest_pdf.py reads real ones; this one is cut short.)
    with pytest.raises(UnreadableDocument, match="truncated PDF"):
        clean(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj")


def test_empty_files_are_refused_as_empty() -> None:
    with pytest.raises(EmptyCapture):
        clean(b"")
    with pytest.raises(EmptyCapture):
        clean(b"\n \n\t\n")


def test_escape_sequences_controls_and_bidi_overrides_are_stripped() -> None:
    evil_title = "Safe \x1b[31mTitle\x1b[0m\u202e"
    evil = (
        "Armenia\u2019s government \x1b]8;;https://evil.example\x07clicked\x1b]8;;\x07 has\x07 "
        "begun\x9b2J to\u200b loosen\u202e the\u2066 ties\x08 that bound it to Russia for decades."
    )
    brief = clean(f"{evil_title}\n\n{evil}\n")
    assert brief.title == "Safe Title"
    assert brief.body == (
        "Armenia\u2019s government clicked has begun to loosen the ties that bound it to Russia "
        "for decades."
    )
    for ch in ("\x1b", "\x07", "\x08", "\x9b", "\u202e", "\u2066", "\u200b"):
        assert ch not in brief.body + brief.title


def test_odd_spaces_become_plain_spaces_and_text_is_nfc() -> None:
    brief = clean(
        f"{TITLE}\n\nCafe\u0301 talks\u00a0resumed in Yerevan on Monday after a long pause.\n"
    )
    assert brief.body == "Café talks resumed in Yerevan on Monday after a long pause."


# --- Markdown and HTML captures ----------------------------------------------------------


def test_markdown_capture_keeps_its_structure_and_loses_its_chrome() -> None:
    brief = clean_capture((DATA / "saved-page.md").read_bytes(), "saved-page.md")
    assert brief.title == "Iran and the Zangezur Corridor"
    assert brief.url == "https://example.net/analysis/zangezur"
    assert brief.author == "Reza Tavakoli"
    assert "# Iran and the Zangezur Corridor" not in brief.body
    assert "Share on" not in brief.body and "[Home]" not in brief.body
    assert "Related posts" not in brief.body and "defence partners" not in brief.body
    assert "```\nRoute length (km): 43\nBorder crossings: 2\n```" in brief.body
    assert "- The route would cut Iran off from Armenia.\n- It would link" in brief.body
    assert "## Why the corridor matters" in brief.body
    assert brief.body.startswith("Tehran has long treated the land border")


def test_markdown_setext_headings_and_a_txt_title_written_in_markdown() -> None:
    md = clean(f"{TITLE}\n===\n\n{PARAS[0]}\n\nSection Two\n---\n\n{PARAS[1]}\n", "a.md")
    assert md.title == TITLE
    assert paragraphs(md) == [PARAS[0], "## Section Two", PARAS[1]]
    txt = clean(f"# {TITLE}\n\n{PARAS[0]}\n", "a.txt")
    assert (txt.title, txt.body) == (TITLE, PARAS[0])


def test_markdown_front_matter_fields_are_kept() -> None:
    text = (
        "---\nid: my-own-id\ntitle: A Kept Title\npublisher: Kept Publisher\nauthors: [A. One, "
        "B. Two]\ndate: 2022-05-04\nlink: https://kept.example/x\ningested: 2023-01-02\n"
        "sha256: abc123\norigin: original.html\n---\n\n# A Kept Title\n\n" + "\n\n".join(PARAS)
    )
    brief = clean(text, "export.md")
    assert (brief.id, brief.title, brief.source, brief.author) == (
        "my-own-id",
        "A Kept Title",
        "Kept Publisher",
        "A. One, B. Two",
    )
    assert brief.published == dt.date(2022, 5, 4)
    assert brief.ingested == dt.date(2023, 1, 2)
    assert (brief.url, brief.sha256, brief.origin) == (
        "https://kept.example/x",
        "abc123",
        "original.html",
    )
    assert paragraphs(brief) == PARAS


def test_web_clipper_front_matter() -> None:
    text = (
        '---\ntitle: "A Clipped Analysis"\nsource: "https://clipped.example/analysis"\n'
        'author:\n  - "[[Giuliano Bifolchi]]"\n  - "[[Anna Kowalska|A. Kowalska]]"\n'
        "published: 2023-09-21\ncreated: 2024-03-01\ntags:\n  - clippings\n---\n\n"
        + "\n\n".join(PARAS)
    )
    brief = clean(text, "A Clipped Analysis.md")
    assert brief.url == "https://clipped.example/analysis"
    assert brief.source is None
    assert brief.author == "Giuliano Bifolchi, A. Kowalska"
    assert brief.published == dt.date(2023, 9, 21)
    assert paragraphs(brief) == PARAS


def test_html_main_text_and_metadata_via_trafilatura() -> None:
    brief = clean_capture((DATA / "energy-monitor.html").read_bytes(), "energy-monitor.html")
    assert brief.title == "Turkey’s gas hub ambitions meet reality"
    assert brief.author == "Selin Arslan"
    assert brief.source == "Energy Monitor"
    assert brief.published == dt.date(2023, 10, 2)
    assert brief.url == "https://energy-monitor.example/analysis/turkey-gas-hub"
    assert [h[2] for h in brief.headings()] == ["The infrastructure problem", "What Ankara wants"]
    assert len(paragraphs(brief)) == 7
    for gone in (
        "cookies",
        "Share on",
        "Tweet",
        "Related Posts",
        "DONATE",
        "newsletter",
        "©",
        "Privacy policy",
        "Home",
        "By Selin",
    ):
        assert gone not in brief.body, gone
    assert brief.body.startswith("When Vladimir Putin proposed in October 2022")
    assert brief.body.endswith("on migration and on Ukraine.")


def test_html_with_furniture_inside_the_article() -> None:
    raw = (DATA / "wordpress-post.html").read_bytes()
    brief = clean_capture(raw, "wordpress-post.html")
    assert brief.title == "Central Asia’s Water Crisis and Regional Security"
    assert (brief.author, brief.source) == ("Dilnoza Karimova", "Eurasia Desk")
    assert brief.published == dt.date(2024, 1, 15)
    assert [h[2] for h in brief.headings()] == ["Upstream and downstream"]
    assert len(paragraphs(brief)) == 5
    assert brief.body.startswith("The shrinking flow of the Amu Darya")
    assert brief.body.endswith("less room for compromise every year.")
    for gone in ("DONATE", "Share this", "Twitter", "Related", "Rogun", "cookies", "©"):
        assert gone not in brief.body, gone


def test_html_in_a_declared_legacy_charset() -> None:
    html = (
        '<html><head><meta charset="windows-1252"><title>Crise à Erevan</title></head><body>'
        f"<article><h1>Crise à Erevan</h1><p>{FRENCH} “Citation” – fin.</p>"
        f"<p>{FRENCH}</p><p>{FRENCH}</p></article></body></html>"
    )
    brief = clean(html.encode("cp1252"), "page.htm")
    assert brief.title == "Crise à Erevan"
    assert f"{FRENCH} “Citation” – fin." in brief.body


def test_a_txt_file_holding_html_is_read_as_html() -> None:
    html = (DATA / "energy-monitor.html").read_bytes()
    brief = clean(html, "saved.txt")
    assert brief.title == "Turkey’s gas hub ambitions meet reality"
    assert "<p>" not in brief.body


# --- adding to a corpus --------------------------------------------------------------------


def write(path: Path, text: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def other_article(title: str, n: int) -> str:
    return f"{title}\n\n" + "\n\n".join(f"{p} (Version {n}.)" for p in PARAS)


def test_add_writes_briefs_with_front_matter(tmp_path: Path) -> None:
    capture = write(tmp_path / "in" / "armenia.txt", page(before=["Author: Ani Petrosyan"]))
    store = tmp_path / "briefs"
    report = add_paths([capture], store, today=TODAY)
    assert [(r.status, r.brief_id) for r in report.results] == [
        ("added", "armenia-looks-west-after-the-fall-of-karabakh")
    ]
    assert report.ok and report.counts() == {"added": 1, "updated": 0, "skipped": 0, "failed": 0}
    brief = read_brief(store / "armenia-looks-west-after-the-fall-of-karabakh.md")
    assert brief.title == TITLE
    assert brief.author == "Ani Petrosyan"
    assert brief.ingested == TODAY
    assert brief.sha256 == hashlib.sha256(capture.read_bytes()).hexdigest()
    assert brief.origin == "armenia.txt"
    assert paragraphs(brief) == PARAS
    assert not [p for p in store.iterdir() if p.name.startswith(".")]  # no temp files left


def test_folders_are_read_recursively_skipping_hidden_and_other_files(tmp_path: Path) -> None:
    root = tmp_path / "captures"
    write(root / "a.txt", other_article("First Analysis of the Week", 1))
    write(root / "nested" / "deeper" / "b.md", other_article("Second Analysis of the Week", 2))
    write(root / "nested" / "c.HTML", (DATA / "energy-monitor.html").read_bytes())
    write(root / ".hidden.txt", other_article("Hidden Analysis", 3))
    write(root / ".git" / "d.txt", other_article("Inside a Hidden Folder", 4))
    write(root / "photo.png", b"\x89PNG\r\n\x1a\n")
    write(root / "notes.docx", b"PK\x03\x04")
    report = add_paths([root], tmp_path / "briefs", today=TODAY)
    assert [(str(r.path.relative_to(root)), r.status) for r in report.results] == [
        ("a.txt", "added"),
        ("nested/c.HTML", "added"),
        ("nested/deeper/b.md", "added"),
        ("notes.docx", "skipped"),
        ("photo.png", "skipped"),
    ]
    skipped = {r.path.name: r.reason for r in report.of("skipped")}
    assert "not a capture (.png" in skipped["photo.png"]
    titles = {b.title for b in load_corpus(tmp_path / "briefs").briefs}
    assert titles == {
        "First Analysis of the Week",
        "Second Analysis of the Week",
        "Turkey’s gas hub ambitions meet reality",
    }


def test_symlink_loops_are_walked_once(tmp_path: Path) -> None:
    root = tmp_path / "captures"
    write(root / "sub" / "a.txt", other_article("An Analysis Behind a Loop", 1))
    (root / "sub" / "loop").symlink_to(root)
    (root / "again").symlink_to(root / "sub")
    report = add_paths([root, root / "sub" / "a.txt"], tmp_path / "briefs", today=TODAY)
    assert [(r.path.name, r.status) for r in report.results] == [("a.txt", "added")]


def test_the_corpus_itself_is_not_reimported(tmp_path: Path) -> None:
    write(tmp_path / "a.txt", other_article("An Analysis Next to the Corpus", 1))
    store = tmp_path / "briefs"
    add_paths([tmp_path / "a.txt"], store, today=TODAY)
    report = add_paths([tmp_path], store, today=TODAY)
    assert [(r.path.name, r.status) for r in report.results] == [("a.txt", "skipped")]


def test_duplicates_are_skipped_by_content_hash(tmp_path: Path) -> None:
    text = page()
    first = write(tmp_path / "one.txt", text)
    copy = write(tmp_path / "copy-with-other-name.txt", text)
    store = tmp_path / "briefs"
    report = add_paths([first, copy], store, today=TODAY)
    assert [(r.status, r.reason) for r in report.results] == [
        ("added", ""),
        ("skipped", "duplicate of armenia-looks-west-after-the-fall-of-karabakh"),
    ]
    before = snapshot(store)
    again = add_paths([first], store, today=TODAY + dt.timedelta(days=1))
    assert [r.status for r in again.results] == ["skipped"]
    assert snapshot(store) == before


def test_same_slug_never_overwrites_another_brief(tmp_path: Path) -> None:
    store = tmp_path / "briefs"
    a = write(tmp_path / "a" / "x.txt", other_article(TITLE, 1))
    b = write(tmp_path / "b" / "y.txt", other_article(TITLE, 2))
    c = write(tmp_path / "c" / "z.txt", other_article(TITLE, 3))
    report = add_paths([a, b], store, today=TODAY)
    ids = [r.brief_id for r in report.results]
    slug = "armenia-looks-west-after-the-fall-of-karabakh"
    assert ids == [slug, f"{slug}-2"]
    first = (store / f"{slug}.md").read_bytes()
    # A file with the next free name that is not a readable brief is not replaced either.
    write(store / f"{slug}-3.md", b"---\n: broken [\n---\n")
    report = add_paths([c], store, today=TODAY)
    assert [r.brief_id for r in report.results] == [f"{slug}-4"]
    assert (store / f"{slug}.md").read_bytes() == first
    assert (store / f"{slug}-3.md").read_bytes() == b"---\n: broken [\n---\n"
    bodies = {b.id: b.body for b in load_corpus(store).briefs}
    assert "(Version 3.)" in bodies[f"{slug}-4"] and "(Version 1.)" in bodies[slug]


def test_a_newer_capture_of_the_same_file_updates_its_brief(tmp_path: Path) -> None:
    store = tmp_path / "briefs"
    capture = write(tmp_path / "armenia.txt", other_article(TITLE, 1))
    (added,) = add_paths([capture], store, today=TODAY).results
    write(capture, other_article(TITLE, 2))
    later = TODAY + dt.timedelta(days=3)
    (updated,) = add_paths([capture], store, today=later).results
    assert (updated.status, updated.brief_id) == ("updated", added.brief_id)
    assert sorted(p.name for p in store.iterdir()) == [f"{added.brief_id}.md"]
    brief = read_brief(store / f"{added.brief_id}.md")
    assert "(Version 2.)" in brief.body and "(Version 1.)" not in brief.body
    assert brief.ingested == later
    assert brief.sha256 == hashlib.sha256(capture.read_bytes()).hexdigest()


def test_same_url_with_new_content_updates_even_under_another_name(tmp_path: Path) -> None:
    store = tmp_path / "briefs"
    url = "URL: https://example.org/armenia-west"
    one = write(tmp_path / "one.txt", other_article(TITLE, 1).replace("\n\n", f"\n\n{url}\n\n", 1))
    two = write(
        tmp_path / "two.txt",
        other_article("A Corrected Title", 2).replace("\n\n", f"\n\n{url}\n\n", 1),
    )
    report = add_paths([one, two], store, today=TODAY)
    assert [r.status for r in report.results] == ["added", "updated"]
    (brief,) = load_corpus(store).briefs
    assert brief.title == "A Corrected Title"
    assert "same url" in report.results[1].reason


def test_same_file_name_for_a_different_article_is_a_new_brief(tmp_path: Path) -> None:
    store = tmp_path / "briefs"
    one = write(tmp_path / "site-a" / "article.txt", other_article("Gas Deals in the Caspian", 1))
    two = write(tmp_path / "site-b" / "article.txt", other_article("Elections in Georgia", 2))
    report = add_paths([one, two], store, today=TODAY)
    assert [r.status for r in report.results] == ["added", "added"]
    assert len(load_corpus(store).briefs) == 2


def test_an_edited_export_of_a_brief_updates_it(tmp_path: Path) -> None:
    store = tmp_path / "briefs"
    (added,) = add_paths([write(tmp_path / "a.txt", page())], store, today=TODAY).results
    exported = (store / f"{added.brief_id}.md").read_text(encoding="utf-8")
    same = write(tmp_path / "export" / "same.md", exported)
    (result,) = add_paths([same], store, today=TODAY).results
    assert (result.status, result.brief_id) == ("skipped", added.brief_id)
    edited = write(tmp_path / "export" / "edited.md", exported.replace("gradual", "slow"))
    (result,) = add_paths([edited], store, today=TODAY).results
    assert (result.status, result.brief_id) == ("updated", added.brief_id)
    assert "turn is slow" in read_brief(store / f"{added.brief_id}.md").body


def test_a_missing_path_stops_everything_before_writing(tmp_path: Path) -> None:
    store = tmp_path / "briefs"
    add_paths([write(tmp_path / "old.txt", other_article("Already There", 0))], store, today=TODAY)
    before = snapshot(store)
    good = write(tmp_path / "new.txt", other_article("Would Be New", 1))
    with pytest.raises(IngestError, match=r"no such file or folder: .*missing\.txt") as err:
        add_paths([good, tmp_path / "missing.txt"], store, today=TODAY)
    assert "\n" not in str(err.value)
    assert snapshot(store) == before


def test_a_binary_file_in_a_folder_stops_everything_before_writing(tmp_path: Path) -> None:
    store = tmp_path / "briefs"
    write(tmp_path / "in" / "a.txt", other_article("Would Be Added", 1))
    write(tmp_path / "in" / "z.txt", bytes(range(256)) * 10)
    with pytest.raises(IngestError, match=r"cannot add .*z\.txt: binary data"):
        add_paths([tmp_path / "in"], store, today=TODAY)
    assert snapshot(store) == {}


def test_something_that_is_neither_file_nor_folder_is_an_error(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(IngestError, match="not a file or a folder"):
        add_paths([fifo], tmp_path / "briefs", today=TODAY)
    assert not (tmp_path / "briefs").exists()


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_an_unreadable_file_stops_everything_before_writing(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", other_article("Would Be Added", 1))
    locked = write(tmp_path / "locked.txt", other_article("Locked Away", 2))
    locked.chmod(0)
    with pytest.raises(IngestError, match=r"cannot read .*locked\.txt"):
        add_paths([good, locked], tmp_path / "briefs", today=TODAY)
    assert not (tmp_path / "briefs").exists()


def test_a_broken_link_given_by_name_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "link.txt").symlink_to(tmp_path / "nowhere.txt")
    with pytest.raises(IngestError, match="broken link"):
        add_paths([tmp_path / "link.txt"], tmp_path / "briefs", today=TODAY)


def test_a_corpus_path_that_is_a_file_is_an_error(tmp_path: Path) -> None:
    capture = write(tmp_path / "a.txt", page())
    not_a_folder = write(tmp_path / "briefs", "x")
    with pytest.raises(IngestError, match="not a folder"):
        add_paths([capture], not_a_folder, today=TODAY)


def test_empty_and_furniture_only_files_are_skipped_with_a_precise_reason(tmp_path: Path) -> None:
    write(tmp_path / "in" / "empty.txt", b"")
    write(tmp_path / "in" / "blank.txt", b"  \n\n\t\r\n")
    write(tmp_path / "in" / "controls.txt", b"\x1b[31m\x1b[0m\n")
    write(tmp_path / "in" / "chrome.txt", "Print print\n\nRelated Posts\n")
    write(
        tmp_path / "in" / "consent-wall.txt",
        "We value your privacy\n\nThis site uses cookies to give you the best experience.\n\n"
        "Accept all\n\nReject all\n\nShare on Facebook\n\nPrivacy policy\n",
    )
    write(tmp_path / "in" / "byline.txt", "By Anna Petrosyan\n\n19 September 2023\n")
    write(tmp_path / "in" / "real.txt", page())
    report = add_paths([tmp_path / "in"], tmp_path / "briefs", today=TODAY)
    assert {r.path.name: (r.status, r.reason) for r in report.results} == {
        "blank.txt": ("skipped", "only blank space (7 bytes) and no text"),
        "byline.txt": ("skipped", "only page metadata (byline, date) and no article text"),
        "chrome.txt": (
            "skipped",
            "only page furniture (print links, related-articles links) and no article text",
        ),
        "consent-wall.txt": (
            "skipped",
            "only page furniture (cookie notice, share links, legal links) and no article text",
        ),
        "controls.txt": (
            "skipped",
            "no visible text (only control characters, escape sequences or invisible characters)",
        ),
        "empty.txt": ("skipped", "empty file (0 bytes)"),
        "real.txt": ("added", ""),
    }
    assert report.ok
    assert [p.name for p in (tmp_path / "briefs").iterdir()] == [
        "armenia-looks-west-after-the-fall-of-karabakh.md"
    ]


def test_a_folder_squatting_on_the_slug_is_left_alone(tmp_path: Path) -> None:
    store = tmp_path / "briefs"
    slug = "armenia-looks-west-after-the-fall-of-karabakh"
    (store / f"{slug}.md").mkdir(parents=True)
    (result,) = add_paths([write(tmp_path / "a.txt", page())], store, today=TODAY).results
    assert (result.status, result.brief_id) == ("added", f"{slug}-2")
    assert (store / f"{slug}.md").is_dir()


def test_a_failed_write_is_reported_and_the_rest_goes_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.core.ingest.plan as ingest

    real_write = ingest.write_atomic

    def disk_full_for_the_first(path: Path, data: str | bytes, *, exclusive: bool = False) -> None:
        if "first" in path.name:
            raise OSError(28, "No space left on device")
        real_write(path, data, exclusive=exclusive)

    monkeypatch.setattr(ingest, "write_atomic", disk_full_for_the_first)
    one = write(tmp_path / "in" / "1.txt", other_article("The First Analysis", 1))
    two = write(tmp_path / "in" / "2.txt", other_article("The Second Analysis", 2))
    report = add_paths([one, two], tmp_path / "briefs", today=TODAY)
    assert [(r.status, r.brief_id) for r in report.results] == [
        ("failed", None),
        ("added", "the-second-analysis"),
    ]
    assert "No space left on device" in report.results[0].reason
    assert not report.ok
    assert sorted(p.name for p in (tmp_path / "briefs").iterdir()) == ["the-second-analysis.md"]


def test_report_helpers() -> None:
    report = AddReport()
    assert report.ok and report.changed_ids == []


def test_progress_hears_each_file_cleaned_and_written(tmp_path: Path) -> None:
    for n in range(3):
        write(tmp_path / "in" / f"{n}.txt", other_article(f"Analysis Number {n} of Three", n))
    write(tmp_path / "in" / "dup.txt", other_article("Analysis Number 0 of Three", 0))
    heard: list[tuple[str, int, int]] = []
    add_paths(
        [tmp_path / "in"], tmp_path / "briefs", today=TODAY, progress=lambda *a: heard.append(a)
    )
    assert heard == [
        *[("cleaning", n, 4) for n in range(1, 5)],
        *[("writing", n, 4) for n in range(1, 5)],
    ]
