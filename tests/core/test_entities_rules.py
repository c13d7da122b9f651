"""The general rules of issue 12, each on examples of its own (never the issue's measured ones)."""

from __future__ import annotations

import datetime as dt

from tui.core.brief import Brief
from tui.core.entities import entities_of, extract
from tui.core.entities.api import extract_text
from tui.core.entities.model import EntityType


def found(text: str, **kw: object) -> dict[str, tuple[str, EntityType]]:
    return {e.id: (e.name, e.type) for e in entities_of(extract_text(text, **kw))}  # type: ignore[arg-type]


def test_a_surname_alone_after_the_full_name_is_that_person() -> None:
    got = found(
        "Helena Kowalczyk chairs the panel. Later, Kowalczyk said no. Kowalczyk's view won."
    )
    assert set(got) == {"helena-kowalczyk"}


def test_one_word_organisations_no_dataset_knows() -> None:
    got = found("Shares in Zorbex rose after Zorbex and Quintara agreed a merger.")
    assert got["zorbex"][1] is EntityType.ORG
    assert "quintara" in got


def test_plain_words_are_not_one_word_names() -> None:
    assert found("Reports said Markets fell. Officials blamed Weather.") == {}


def test_a_place_followed_by_a_name_is_an_organisation() -> None:
    got = found("The striker left Real Madrid for Boston Rovers last week.")
    assert got["boston-rovers"] == ("Boston Rovers", EntityType.ORG)
    assert "boston" not in got


def test_a_given_name_before_a_town_name_is_a_person() -> None:
    got = found("The coach, Maria Lincoln, said Lincoln would stay.")
    assert got == {"maria-lincoln": ("Maria Lincoln", EntityType.PERSON)}


def test_a_title_word_inside_a_name_is_no_title() -> None:
    got = found("General Dynamics and General Electric reported profits.")
    assert got["general-dynamics"][1] is EntityType.ORG
    assert got["general-electric"][1] is EntityType.ORG


def test_post_nominals_and_a_leading_the_are_not_part_of_the_name() -> None:
    got = found(
        "Dame Alice Marwood DBE spoke at The Hoover Institution. "
        "Marwood praised the Hoover Institution."
    )
    assert got["alice-marwood"][1] is EntityType.PERSON
    assert "hoover-institution" in got and not any("the" in i.split("-")[0] for i in got)


def test_accents_fold_for_identity_and_stay_in_the_name() -> None:
    mentions = extract_text("José Mujica met students. Jose Mujica left.")
    ids = {m.entity_id for m in mentions}
    assert ids == {"jose-mujica"}
    assert entities_of(mentions)[0].name == "José Mujica"


def test_two_bodies_joined_by_and_the_stay_apart() -> None:
    got = found("The report angered the Green Party and the Budget Committee alike.")
    assert "budget-committee" in got
    assert not any("and" in i.split("-") for i in got)


def test_plural_possessives_inside_a_name() -> None:
    got = found("A statement from the National Farmers' Union followed.")
    assert "national-farmers-union" in got


def test_section_headings_are_not_events() -> None:
    assert found("Regional Elections\n\nTurnout was low.") == {}


def test_capitalised_common_phrases_are_not_places() -> None:
    assert found("Lake Effect\n\nIts Lake Effect models changed.") == {}


def test_papers_and_bodies_opening_with_a_foreign_article() -> None:
    got = found("An editorial in Die Zeit and one in El Mundo agreed.")
    assert got["die-zeit"][1] is EntityType.ORG
    assert got["el-mundo"][1] is EntityType.ORG


def test_statutes_and_treaties_are_named_events() -> None:
    got = found("Lawyers cited the Clean Air Act and the Maastricht Treaty.")
    assert got["clean-air-act"][1] is EntityType.EVENT
    assert got["maastricht-treaty"][1] is EntityType.EVENT


def test_a_year_named_event_is_the_brief_s_one_event_of_that_kind() -> None:
    got = found("The Gulf War changed the region. After the 1991 war, prices fell.")
    assert [i for i, (_, t) in got.items() if t is EntityType.EVENT] == ["gulf-war"]
    alone = found("After the 1991 war, prices fell.")
    assert alone["1991-war"][1] is EntityType.EVENT


def dates(text: str, published: dt.date | None = None) -> set[str]:
    brief = Brief(id="b", title="B", body=text, published=published)
    return {m.entity_id for m in extract(brief) if m.type is EntityType.DATE}


def test_month_day_dates_take_the_published_year() -> None:
    text = "Talks opened on 14 October and closed on Oct 17th; the vote is due November 2."
    assert dates(text, dt.date(2021, 11, 1)) == {"2021-10-14", "2021-10-17", "2021-11-02"}


def test_month_day_dates_take_the_year_of_the_text_s_nearest_month() -> None:
    text = "In March 2019 the mission began.\n\nBy 4 April it had stalled."
    assert dates(text) == {"2019-03", "2019-04-04"}


def test_month_day_dates_keep_no_year_when_the_text_gives_none() -> None:
    assert dates("The deal was agreed in 2000. A deadline falls on 1 February.") == {
        "2000",
        "xxxx-02-01",
    }


def test_may_the_verb_and_counts_after_a_month_are_no_dates() -> None:
    assert dates("May 10 people leave? They may 5 times. It opens on May 5.") == {"xxxx-05-05"}
