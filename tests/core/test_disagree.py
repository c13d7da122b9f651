"""Facts per sentence and disagreement flags: numbers, qualifiers, money, dates and their precision;
pairs written for the purpose (tests/data/disagree/), the bundled pair, the exports, the labels."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tui.cli import main
from tui.core.brief import Brief, load_corpus, write_brief
from tui.core.compare import Comparison, compare_briefs
from tui.core.compare.model import Disagreement
from tui.core.compare_export import to_json, to_markdown
from tui.core.entities import extract
from tui.core.facts import Fact, Kind, Qualifier, facts_of, facts_of_text
from tui.core.facts.numbers import find_numbers
from tui.core.flag_labels import FlagLabels, LabelError, parse_label
from tui.core.notes import NOTES_FILE

ROOT = Path(__file__).resolve().parents[2]
PAIRS = ROOT / "tests" / "data" / "disagree"


def briefs() -> dict[str, Brief]:
    return {b.id: b for b in load_corpus(PAIRS).briefs}


def comparison(name: str) -> Comparison:
    found = briefs()
    return compare_briefs(found[f"{name}-a"], found[f"{name}-b"])


def flags(c: Comparison) -> list[tuple[str, str, str, str]]:
    return [(f.verdict, f.about, f.a.value, f.b.value) for f in c.disagreements.flags]


def facts(text: str) -> list[Fact]:
    brief = Brief(id="t", title="t", body=text)
    return list(facts_of(brief, extract(brief)))


# --- numbers and facts ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        ("3,000", 3000, 3000),
        ("$9.4bn", 9.4e9, 9.4e9),
        ("£1.2m", 1.2e6, 1.2e6),
        ("2.5 million", 2.5e6, 2.5e6),
        ("two hundred", 200, 200),
        ("forty-five", 45, 45),
        ("a dozen", 12, 12),
        ("tens of thousands", 2e4, 99999),
        ("hundreds", 200, 999),
    ],
)
def test_numbers_in_digits_and_words(text: str, low: float, high: float) -> None:
    (n,) = find_numbers(f"They counted {text} in all.")
    assert (n.low if n.low is not None else n.value) == pytest.approx(low)
    assert (n.high if n.high is not None else n.value) == pytest.approx(high)


@pytest.mark.parametrize(
    ("sentence", "kind", "unit", "shown", "qualifier"),
    [
        (
            "The firm paid $9.4bn for the stake.",
            Kind.MONEY,
            "USD",
            "USD 9,350,000,000-9,450,000,000",
            Qualifier.EXACT,
        ),
        (
            "The state paid £1.2m in fines.",
            Kind.MONEY,
            "GBP",
            "GBP 1,150,000-1,250,000",
            Qualifier.EXACT,
        ),
        (
            "The bank paid 2.5 million euros to the fund.",
            Kind.MONEY,
            "EUR",
            "EUR 2,450,000-2,550,000",
            Qualifier.EXACT,
        ),
        (
            "The deal cost ten billion dollars in all.",
            Kind.MONEY,
            "USD",
            "USD 10,000,000,000",
            Qualifier.EXACT,
        ),
        ("At least 200 people were killed.", Kind.PEOPLE, "people", "≥ 200", Qualifier.AT_LEAST),
        ("Nearly 300 soldiers were wounded.", Kind.PEOPLE, "people", "270-300", Qualifier.NEARLY),
        (
            "Up to 1.4 million workers could strike.",
            Kind.PEOPLE,
            "people",
            "≤ 1,450,000",
            Qualifier.AT_MOST,
        ),
        (
            "Tens of thousands of refugees fled.",
            Kind.PEOPLE,
            "people",
            "20,000-99,999",
            Qualifier.ESTIMATE,
        ),
        ("Unemployment rose to 7.5% last month.", Kind.PERCENT, "%", "7.45-7.55%", Qualifier.EXACT),
        ("The corridor is about 40km long.", Kind.DISTANCE, "km", "36-44 km", Qualifier.ABOUT),
        (
            "The airline cancelled 120 flights on the route.",
            Kind.COUNT,
            "flight",
            "120",
            Qualifier.EXACT,
        ),
    ],
)
def test_facts_say_what_a_figure_counts(
    sentence: str, kind: Kind, unit: str, shown: str, qualifier: Qualifier
) -> None:
    (fact,) = [f for f in facts(sentence) if f.kind != Kind.DATE]
    assert (fact.kind, fact.unit, fact.shown(), fact.value.qualifier) == (
        kind,
        unit,
        shown,
        qualifier,
    )
    assert sentence[fact.start : fact.end] == fact.text


def test_people_facts_carry_the_event_and_the_group() -> None:
    found = facts("Officials said 10 confirmed civilian deaths and over 400 wounded persons.")
    assert [(f.group, f.head, f.value.show()) for f in found] == [
        ("civilian", "killed", "10"),
        ("people", "wounded", "≥ 400"),
    ]


def test_years_and_hyphenated_numbers_are_not_counts() -> None:
    assert facts("In 2020 the 24-hour operation began.") == [
        f for f in facts("In 2020 the 24-hour operation began.") if f.kind == Kind.DATE
    ]


def test_dates_have_a_precision_and_yearless_dates_take_the_briefs_year() -> None:
    body = "The offensive began on 19 September. The ceasefire was agreed in September 2023."
    found = facts_of_text(body, [], 2023)
    dates = [(f.iso, f.unit, f.head, f.year_inferred) for f in found if f.kind == Kind.DATE]
    assert ("2023-09-19", "day", "offensive", True) in dates
    # Without any year the date stays yearless and is compared by month and day.
    (yearless,) = [f for f in facts_of_text("The offensive began on 19 September.", [], None)]
    assert yearless.iso == "--09-19"


# --- pairs written for the purpose ----------------------------------------------------------


def test_casualties_numbers_dates_agreements_and_qualifiers() -> None:
    c = comparison("casualties")
    assert flags(c) == [
        ("conflict", "soldier killed", "200 soldiers", "500 soldiers"),
        ("conflict", "date of offensive", "19 September 2023", "20 September"),
        ("b_more_precise", "fighter", "about 100 fighters", "102 fighters"),
    ]
    # 400 wounded in both: counted, not flagged.
    assert [(g.about, g.a.value) for g in c.disagreements.agreements] == [
        ("people wounded", "400 people")
    ]


def test_money_rounding_and_lower_bounds_are_consistent_other_years_do_not_pair() -> None:
    c = comparison("money")
    assert flags(c) == [
        ("b_more_precise", "price (USD)", "$9.4bn", "$9.35bn"),
        ("b_more_precise", "people evacuated", "At least 200 people", "250 people"),
    ]  # the 2004 profit and the 2003 profit are not one figure


def test_month_and_day_are_consistent_and_shared_in_the_date_lists() -> None:
    c = comparison("periods")
    assert flags(c) == [
        ("b_more_precise", "date of ceasefire", "September 2023", "20 September 2023")
    ]  # jobs at one plant vs the whole firm, and 2023 vs 2024 inflation, do not pair
    only = {r.id for r in (*c.only_a, *c.only_b)}
    assert "2023-09" not in only and "2023-09-20" not in only
    assert [(r.id, r.related) for r in c.consistent_dates] == [
        ("2023", ("2023-09-20",)),
        ("2023-09", ("2023-09-20",)),
        ("2023-09-20", ("2023", "2023-09")),
    ]
    assert {r.id for r in c.shared} >= {"nagorno-karabakh", "russia"}


def test_different_events_of_the_same_kind_do_not_pair() -> None:
    c = comparison("events")
    assert c.disagreements.flags == ()  # an election on 5 June, a summit on 7 June
    assert len(c.disagreements.agreements) == 1  # 3,000 jobs created in both


# --- the bundled pair -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled() -> Comparison:
    found = {b.id[:5]: b for b in load_corpus(ROOT / "briefs").briefs}
    return compare_briefs(found["after"], found["nagor"])


def test_bundled_pair_flags_the_offensive_date_as_more_precise_only(bundled: Comparison) -> None:
    # Read: the short analysis dates the 24-hour operation "In September 2023", the long one
    # "launched on September 19th, 2023": consistent, the long one more precise. The 2020 war is
    # in both. The casualty figures are in the long analysis only. Nothing conflicts.
    (flag,) = bundled.disagreements.flags
    assert (flag.verdict, flag.about, flag.a.shown, flag.b.shown) == (
        "b_more_precise",
        "date of offensive",
        "2023-09",
        "2023-09-19",
    )
    assert bundled.disagreements.conflicts == ()
    assert [g.a.value for g in bundled.disagreements.agreements] == ["2020"]
    assert "2023-09" not in {r.id for r in bundled.only_a}
    assert "2023-09-19" not in {r.id for r in bundled.only_b}
    assert {r.id for r in bundled.consistent_dates} == {"2023-09", "2023-09-19", "2023-09-20"}


def test_flag_offsets_index_the_bodies(bundled: Comparison) -> None:
    for flag in bundled.disagreements.flags:
        for side, brief in ((flag.a, bundled.a), (flag.b, brief_b := bundled.b)):
            assert brief.body[side.start : side.end] == side.value
            s = side.sentence
            assert brief.body[s.start : s.end] == s.text
            lo, hi = side.span_in_sentence
            assert s.text[lo:hi] == side.value
        assert brief_b is bundled.b


def test_keys_survive_recomputation_edits_elsewhere_and_swapping_a_and_b() -> None:
    found = briefs()
    a, b = found["casualties-a"], found["casualties-b"]
    keys = [f.key for f in compare_briefs(a, b).disagreements.flags]
    edited = replace(a, body="A new opening paragraph about something else.\n\n" + a.body)
    assert [f.key for f in compare_briefs(edited, b).disagreements.flags] == keys
    assert sorted(f.key for f in compare_briefs(b, a).disagreements.flags) == sorted(keys)
    assert len(set(keys)) == len(keys)


# --- exports --------------------------------------------------------------------------------

HOSTILE_A = Brief(
    id="hostile-a",
    title="A",
    body="Armenia said 200 soldiers were *killed* in [Nagorno-Karabakh](http://x.example) \x1b[3m.",
)
HOSTILE_B = Brief(
    id="hostile-b",
    title="B",
    body="Armenia said 500 soldiers were killed in Nagorno-Karabakh <b>today</b> #tag.",
)


def test_json_export_lists_disagreements_with_offsets_and_labels() -> None:
    c = comparison("casualties")
    first: Disagreement = c.disagreements.flags[0]
    data = json.loads(to_json(c, {first.key: "real_conflict"}))
    rows = data["disagreements"]
    assert [r["key"] for r in rows] == [f.key for f in c.disagreements.flags]
    row = rows[0]
    assert row["label"] == "real_conflict" and rows[1]["label"] is None
    assert (row["kind"], row["verdict"], row["about"]) == ("people", "conflict", "soldier killed")
    assert c.a.body[row["a"]["start"] : row["a"]["end"]] == row["a"]["value"] == "200 soldiers"
    sentence = row["b"]["sentence"]
    assert c.b.body[sentence["start"] : sentence["end"]] == sentence["text"]
    assert data["facts"]["agreements"] == 1 and data["facts"]["conflicts"] == 2


def test_markdown_section_puts_values_in_bold_and_keeps_brief_text_inert() -> None:
    c = compare_briefs(HOSTILE_A, HOSTILE_B)
    assert c.disagreements.flags, "the pair disagrees on the soldiers killed"
    md = to_markdown(c)
    section = md[md.index("## Where they disagree") : md.index("## Aligned passages")]
    assert "\x1b" not in section
    html = MarkdownIt("gfm-like").render(section)
    assert "<strong>500 soldiers</strong>" in html
    assert "<a " not in html and "<b>" not in html and "<em>" not in html
    assert "Label: none" in section


def test_markdown_without_flags_says_so() -> None:
    md = to_markdown(comparison("events"))
    assert "## Where they disagree" in md and "No figure or date differs" in md


# --- labels ---------------------------------------------------------------------------------


def test_labels_are_kept_per_pair_either_way_round(tmp_path: Path) -> None:
    store = FlagLabels(tmp_path)
    store.set("a", "b", "k1", "different_estimate")
    again = FlagLabels(tmp_path)
    assert again.get("b", "a", "k1") == "different_estimate"
    assert again.labels_for("a", "b") == {"k1": "different_estimate"}
    again.set("a", "b", "k1", None)
    assert FlagLabels(tmp_path).labels_for("a", "b") == {}
    assert not list(tmp_path.glob(".*.tmp"))


def test_labels_live_beside_the_notes_and_a_corrupt_store_is_set_aside(tmp_path: Path) -> None:
    from tui.core.notes import Notebook

    (tmp_path / NOTES_FILE).write_text("{not json", encoding="utf-8")
    store = FlagLabels(tmp_path)
    assert store.get("a", "b", "k") is None
    assert store.warning and "corrupt" in store.warning
    assert list(tmp_path.glob(f"{NOTES_FILE}.corrupt*"))
    store.set("b", "a", "k", "not_comparable")
    assert FlagLabels(tmp_path).get("a", "b", "k") == "not_comparable"
    # One store: the notes' own flag API sees the label (under the pair in sorted order).
    assert Notebook(tmp_path).flag_labels("a", "b") == {"k": "not_comparable"}


@pytest.mark.parametrize(
    ("text", "label"),
    [("real conflict", "real_conflict"), ("Different-Period", "different_period"), ("none", None)],
)
def test_parse_label(text: str, label: str | None) -> None:
    assert parse_label(text) == label


def test_parse_label_refuses_unknown_labels() -> None:
    with pytest.raises(LabelError, match="unknown label"):
        parse_label("maybe")


# --- the CLI --------------------------------------------------------------------------------


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "briefs"
    for brief in briefs().values():
        write_brief(brief, folder)
    monkeypatch.setenv("BRIEFS_STATE", str(tmp_path / "state"))
    return folder


def run(corpus: Path, *args: str) -> int:
    return main(["--corpus", str(corpus), "--index", str(corpus.parent / "index"), *args])


def test_cli_lists_labels_and_exports_flags(cli: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(cli, "compare", "casualties-a", "casualties-b", "--flags") == 0
    listing = capsys.readouterr().out
    assert listing.startswith("2 conflicting, 1 consistent, 1 agreeing")
    key = listing.split("\n\n")[1].split()[0]
    assert (
        run(cli, "compare", "casualties-a", "casualties-b", "--label", f"{key}=real-conflict") == 0
    )
    assert capsys.readouterr().out == f"{key}: real conflict\n"
    # Shown next time, whichever brief comes first.
    assert run(cli, "compare", "casualties-b", "casualties-a", "--json") == 0
    data = json.loads(capsys.readouterr().out)
    assert {r["key"]: r["label"] for r in data["disagreements"]}[key] == "real_conflict"
    assert run(cli, "compare", "casualties-a", "casualties-b", "--format", "md") == 0
    assert "Label: real conflict" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("label", "message"),
    [("nokey=real-conflict", "no flag nokey"), ("x", "KEY=LABEL"), ("k=maybe", "unknown label")],
)
def test_cli_bad_labels_exit_1_and_change_nothing(
    cli: Path, capsys: pytest.CaptureFixture[str], label: str, message: str
) -> None:
    assert run(cli, "compare", "casualties-a", "casualties-b", "--label", label) == 1
    out, err = capsys.readouterr()
    assert out == "" and message in err and err.count("\n") == 1
    assert not (cli.parent / "state" / NOTES_FILE).exists()
