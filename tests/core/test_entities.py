"""Entity extraction: one test per normalisation rule of issue 4, plus the API's guarantees."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.core.brief import Brief
from tui.core.entities import (
    annotate,
    entities_of,
    extract,
    group_mentions,
    mentions_from_json,
    mentions_to_json,
    names_from_json,
)
from tui.core.entities.api import extract_text
from tui.core.entities.data import load_gazetteer
from tui.core.entities.model import EntityType, Mention


def ids(text: str) -> dict[str, set[str]]:
    """entity id -> the texts that mention it."""
    out: dict[str, set[str]] = {}
    for m in extract_text(text):
        out.setdefault(m.entity_id, set()).add(m.text)
    return out


def types(text: str) -> dict[str, EntityType]:
    return {m.entity_id: m.type for m in extract_text(text)}


# --- roll-ups ---


def test_capitals_roll_up_to_the_country() -> None:
    found = ids("Talks in Baku, Yerevan, Ankara and Moscow went nowhere.")
    assert found["azerbaijan"] == {"Baku"}
    assert found["armenia"] == {"Yerevan"}
    assert found["turkey"] == {"Ankara"}
    assert found["russia"] == {"Moscow"}


def test_metonyms_roll_up_to_the_actor() -> None:
    found = ids(
        "The Kremlin's line hardened; the White House and Downing Street objected, and "
        "Brussels said nothing."
    )
    assert found["russia"] == {"Kremlin's"}
    assert found["united-states"] == {"White House"}
    assert found["united-kingdom"] == {"Downing Street"}
    assert found["european-union"] == {"Brussels"}
    assert "belgium" not in found  # Brussels is the EU in analyses


def test_demonyms_plurals_and_possessives_roll_up() -> None:
    found = ids("Armenians and the Armenian government; Azerbaijan’s army and Azerbaijanis.")
    assert found["armenia"] == {"Armenians", "Armenian"}
    assert found["azerbaijan"] == {"Azerbaijan’s", "Azerbaijanis"}


def test_curly_and_straight_apostrophes_are_the_same() -> None:
    curly = extract_text("Russia’s plan")
    straight = extract_text("Russia's plan")
    assert [m.entity_id for m in curly] == [m.entity_id for m in straight] == ["russia"]
    assert curly[0].text == "Russia’s"


def test_hyphenated_compounds_name_each_country() -> None:
    found = ids("Russo-Azerbaijani relations and anti-Russian protests, and Sino-Indian talks")
    assert found["russia"] == {"Russo", "Russian"}
    assert found["azerbaijan"] == {"Azerbaijani"}
    assert found["china"] == {"Sino"}
    assert found["india"] == {"Indian"}


def test_a_combining_form_alone_is_nothing() -> None:
    assert "france" not in ids("General Franco ruled Spain.")


def test_artsakh_and_stepanakert_are_nagorno_karabakh() -> None:
    found = ids("Artsakh officials left Stepanakert; Nagorno-Karabakh emptied.")
    assert found["nagorno-karabakh"] == {"Artsakh", "Stepanakert", "Nagorno-Karabakh"}


def test_common_names_are_displayed() -> None:
    found = entities_of(extract_text("Türkiye and the Russian Federation signed."))
    assert {e.name for e in found} == {"Turkey", "Russia"}


# --- organisations and acronyms ---


def test_known_acronyms_link_to_their_organisation() -> None:
    found = ids("NATO, the EU, the CSTO and the EAEU met.")
    assert {"nato", "european-union"} <= set(found)
    assert "collective-security-treaty-organization" in found
    assert "eurasian-economic-union" in found


def test_acronym_defined_in_the_text_links_to_the_long_form() -> None:
    text = (
        "The Caspian Littoral Shipping Council (CLSC) met. Later the CLSC agreed, and the "
        "CLSC's budget grew."
    )
    found = ids(text)
    assert found["caspian-littoral-shipping-council"] == {
        "Caspian Littoral Shipping Council",
        "CLSC",
        "CLSC's",
    }


def test_defined_acronym_wins_over_the_gazetteer_reading() -> None:
    found = ids("The Rapid Support Forces (RSF) shelled the city; RSF fighters advanced.")
    assert found["rapid-support-forces"] == {"Rapid Support Forces", "RSF"}
    assert "reporters-without-borders" not in found


def test_acronym_whose_letters_do_not_fit_is_not_linked() -> None:
    assert "XYZ" not in {m.text for m in extract_text("The Green Party (XYZ) won.")}


def test_organisation_cues_and_connectors() -> None:
    found = types(
        "Maria Zakharova, the Director of the Information and Press Department of the Russian "
        "Ministry of Foreign Affairs, spoke. The Office of the Human Rights Defender counted."
    )
    assert found["information-and-press-department"] is EntityType.ORG
    assert found["russian-ministry-of-foreign-affairs"] is EntityType.ORG
    assert found["office-of-the-human-rights-defender"] is EntityType.ORG
    assert found["maria-zakharova"] is EntityType.PERSON


def test_demonym_inside_an_organisation_name_stays_in_it() -> None:
    found = types("The Armenian Apostolic Church and the Kazakh State Oil Fund responded.")
    assert found["armenian-apostolic-church"] is EntityType.ORG
    assert found["kazakh-state-oil-fund"] is EntityType.ORG
    assert "armenia" not in found and "kazakhstan" not in found


def test_facility_and_place_cues() -> None:
    found = types("Crowds filled Republic Square near the Green Corridor and Lake Sevan.")
    assert found["republic-square"] is EntityType.FAC
    assert found["green-corridor"] is EntityType.FAC
    assert found["lake-sevan"] is EntityType.LOC


# --- people ---


def test_title_makes_a_person_and_is_not_an_entity() -> None:
    found = types("Armenian Prime Minister Nikol Pashinyan spoke to President Erdogan.")
    assert found["nikol-pashinyan"] is EntityType.PERSON
    assert found["erdogan"] is EntityType.PERSON
    assert found["armenia"] is EntityType.GPE
    assert not {"prime-minister", "president"} & set(found)


def test_surname_after_full_name_is_that_person() -> None:
    found = ids("Nikol Pashinyan won in 2018. Since then Pashinyan’s tenure has been rocky.")
    assert found["nikol-pashinyan"] == {"Nikol Pashinyan", "Pashinyan’s"}
    assert "pashinyan" not in found


def test_title_and_surname_link_to_the_full_name() -> None:
    found = ids("Emmanuel Macron visited. Later, President Macron left.")
    assert found["emmanuel-macron"] == {"Emmanuel Macron", "Macron"}


def test_person_cues_given_name_surname_ending_and_verbs() -> None:
    found = types(
        "Ilham Aliyev met Bako Sahakyan. Tsveta Karayancheva said the talks were over, "
        "and Xi Jinping agreed."
    )
    assert found["ilham-aliyev"] is EntityType.PERSON
    assert found["bako-sahakyan"] is EntityType.PERSON
    assert found["tsveta-karayancheva"] is EntityType.PERSON  # surname ending
    assert found["xi-jinping"] is EntityType.PERSON  # family name first


def test_abbreviated_title_with_a_dot() -> None:
    assert types("Later Mr. Lavrov left.")["lavrov"] is EntityType.PERSON


# --- what is not an entity ---


def test_titles_and_generic_nouns_are_not_entities() -> None:
    assert extract_text("The Prime Minister told the Government and the Parliament.") == []


def test_sentence_openers_are_cut() -> None:
    found = ids("Regrettably, Moscow waited. Considering Baku officials, nothing changed.")
    assert set(found) == {"russia", "azerbaijan"}


def test_furniture_is_not_an_entity() -> None:
    text = "Download PDF\n\nCookie settings\n\nRelated Posts\n\nDONATE NOW\n\nRead More"
    assert extract_text(text) == []


def test_headline_words_alone_are_not_organisations() -> None:
    text = "Geopolitical Scenario of Russia’s Regional Strategy\n\nRussia acts."
    assert set(ids(text)) == {"russia"}


def test_capitalised_common_word_is_not_a_city() -> None:
    assert extract_text("Central banks and the Union of workers met in Reading rooms.") == []


def test_acronym_codes_are_ignored_on_all_capital_lines() -> None:
    assert (
        "united-states" not in ids("TRUST US WITH YOUR DATA\n\nThe US agreed.")
        or ids("TRUST US WITH YOUR DATA") == {}
    )


# --- events and nesting ---


def test_named_war_with_lowercase_words_is_the_event() -> None:
    found = ids("Relations soured after the second Nagorno-Karabakh war in 2020.")
    assert found["second-nagorno-karabakh-war"] == {"second Nagorno-Karabakh war"}


def test_year_and_place_name_the_same_war() -> None:
    found = ids("the 2020 Nagorno-Karabakh Conflict ended")
    assert "second-nagorno-karabakh-war" in found


def test_place_inside_an_event_is_a_nested_mention() -> None:
    mentions = extract_text("the 2020 Nagorno-Karabakh war ended")
    event = next(m for m in mentions if m.type is EntityType.EVENT)
    inner = [m for m in mentions if m.entity_id == "nagorno-karabakh"]
    year = [m for m in mentions if m.type is EntityType.DATE]
    assert inner and event.start <= inner[0].start and inner[0].end <= event.end
    assert [m.entity_id for m in year] == ["2020"]


def test_place_and_generic_word_make_an_event() -> None:
    found = types("In the absence of the Nagorno-Karabakh conflict, and the Transnistria conflict")
    assert found["nagorno-karabakh-conflict"] is EntityType.EVENT
    assert found["transnistria-conflict"] is EntityType.EVENT
    found = ids("the long-running conflict over Nagorno-Karabakh between them")
    assert "nagorno-karabakh-conflict" in found


def test_capitalised_event_cue() -> None:
    found = types("It happened after the Rose Revolution and before the Vilnius Summit.")
    assert found["vilnius-summit"] is EntityType.EVENT
    assert found["rose-revolution"] is EntityType.EVENT


def test_headline_cue_words_need_the_name_in_the_text_too() -> None:
    assert "vilnius-summit" not in types("Lessons From the Vilnius Summit\n\nIt went well.")


# --- dates ---


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("on September 19th, 2023, troops", "2023-09-19"),
        ("on 19 September 2023 troops", "2023-09-19"),
        ("on Sept. 19, 2023 troops", "2023-09-19"),
        ("on 2023-09-19 troops", "2023-09-19"),
        ("in February 2022 a deal", "2022-02"),
        ("since 2018, he", "2018"),
        ("the 2020 war", "2020"),
    ],
)
def test_absolute_dates_are_iso(text: str, iso: str) -> None:
    dates = [m for m in extract_text(text) if m.type is EntityType.DATE]
    assert [m.entity_id for m in dates] == [iso]


@pytest.mark.parametrize(
    "text",
    [
        "yesterday's protest",
        "in recent years",
        "last week",
        "Kavkaz Files ISSN 2975-0474 Volume Issue 18",
        "ISSN 2049-1234",
        "5,000 individuals",
        "2000 troops crossed",
        "in the 1990s",
        "on September 31, 2023",  # no such day: no date at all rather than a wrong one
    ],
)
def test_relative_dates_issns_and_numbers_are_not_dates(text: str) -> None:
    assert [m for m in extract_text(text) if m.type is EntityType.DATE] == []


# --- API guarantees ---


def _brief(body: str, path: Path | None = None) -> Brief:
    return Brief(id="b", title="t", body=body, path=path)


SEED_LIKE = (
    "Moscow’s strategy: the Kremlin, Baku and the INSTC. International North-South Transport "
    "Corridor (INSTC) talks on 3 June 2024 with Prime Minister Nikol Pashinyan. Pashinyan’s "
    "Russo-Azerbaijani critics, the 2020 Nagorno-Karabakh war and Freedom House."
)


def test_mentions_are_sorted_and_index_the_body() -> None:
    brief = _brief(SEED_LIKE)
    mentions = extract(brief)
    assert mentions == sorted(mentions)
    for m in mentions:
        assert brief.body[m.start : m.end] == m.text


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("RussiaBku’s- .,()\nAECTOUN2019"))))
def test_offsets_hold_on_any_text(body: str) -> None:
    mentions = extract_text(body)
    assert mentions == sorted(mentions)
    for m in mentions:
        assert body[m.start : m.end] == m.text
    for a in mentions:
        for b in mentions:
            crosses = a.start < b.start < a.end < b.end
            assert not crosses  # nested or apart, never half-overlapping


def test_entities_group_with_display_names() -> None:
    entities = entities_of(extract_text(SEED_LIKE))
    by_id = {e.id: e for e in entities}
    assert (
        by_id["russia"].name == "Russia" and by_id["russia"].count == 3
    )  # Moscow’s, Kremlin, Russo
    assert by_id["nikol-pashinyan"].name == "Nikol Pashinyan"
    assert by_id["nikol-pashinyan"].count == 2
    assert by_id["2024-06-03"].type is EntityType.DATE
    counts = [e.count for e in entities]
    assert counts == sorted(counts, reverse=True)


def test_ids_are_lowercase_slugs() -> None:
    for m in extract_text(SEED_LIKE):
        assert m.entity_id == m.entity_id.lower()
        assert " " not in m.entity_id


def test_json_round_trip_and_search_decoder() -> None:
    from tui.core.search import decode_mentions

    mentions = extract_text(SEED_LIKE)
    names = {e.id: e.name for e in entities_of(mentions)}
    text = mentions_to_json(mentions, names)
    assert mentions_from_json(text) == mentions
    assert decode_mentions(text) == mentions  # the index owner's reader agrees
    assert names_from_json(text) == names
    grouped = group_mentions(mentions_from_json(text), names_from_json(text))
    assert {e.id: e.count for e in grouped} == {e.id: e.count for e in entities_of(mentions)}


@pytest.mark.parametrize("bad", ["", "not json", "{}", "[[1]]", '[[0, 1, "x", "NOPE", "t"]]'])
def test_unreadable_json_gives_no_mentions(bad: str) -> None:
    assert mentions_from_json(bad) == []


def test_annotate_for_the_index(tmp_path: Path) -> None:
    brief = _brief(SEED_LIKE, tmp_path / "b.md")
    annotation = annotate(brief)
    assert "russia" in annotation.entity_ids and "nikol-pashinyan" in annotation.entity_ids
    assert annotation.entity_ids == sorted(annotation.entity_ids)
    rows = json.loads(annotation.mentions_json)
    assert all(len(r) in (5, 6) for r in rows)
    assert annotate.version.startswith("entities-")


def test_gazetteer_ids_are_unique_and_names_common() -> None:
    gaz = load_gazetteer()
    names = {e.name for e in gaz.entries.values()}
    assert {"Turkey", "Russia", "United States", "Iran", "Syria"} <= names
    assert not {"Türkiye", "Russian Federation", "Syrian Arab Republic"} & names
    assert len(gaz.entries) > 500


def test_package_import_does_not_load_the_extractor() -> None:
    code = (
        "import sys, tui.core.entities as e; "
        "print(sorted(m for m in sys.modules if m.startswith('tui.core.entities')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "['tui.core.entities', 'tui.core.entities.model']"


def test_core_entities_never_imports_textual() -> None:
    code = "import sys; import tui.core.entities.api; print('textual' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "False"


def test_mention_type_is_a_model_type() -> None:
    for m in extract_text(SEED_LIKE):
        assert isinstance(m, Mention) and isinstance(m.type, EntityType)
