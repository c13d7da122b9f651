"""Building the gazetteer from the datasets and the hand-written files (once; then it is cached).

Precedence, first come first kept unless a source overrides: countries (GeoNames names and
capitals, countryinfo demonyms and spellings, and `countries.txt` for the display names and the
forms no dataset has), then the hand-written places, organisations and events (their own names
override), then US states, continents and provinces, then cities (primary names, then alternate
and former names of cities over 100,000 people), then metonyms (override).

A place named like a plain English word, a given name or a surname (Reading, Bath, Nice, Police,
Lincoln, Jackson) is kept as a weak form: it counts only with a place cue ("in Reading"), never
at the start of a sentence, in a heading, or inside a longer name (see `lookup.py`).
"""

from __future__ import annotations

from tui.core.entities import datasets
from tui.core.entities.datafiles import cue_section, lines, split_field, word_list
from tui.core.entities.gazetteer import Gazetteer, Kind
from tui.core.entities.model import EntityType
from tui.core.entities.text import CALENDAR, is_code, plain_word


def plural(demonym: str) -> str | None:
    if demonym.endswith(("ese", "sh", "ch", "s", "x", "z", "men")) or " " in demonym:
        return None
    return demonym + "s"


def _kind(alias: str) -> str:
    return Kind.CODE if is_code(alias) else Kind.NAME


def build_gazetteer() -> Gazetteer:
    gaz = Gazetteer(versions=datasets.versions())
    common = datasets.english_words()
    given = frozenset(datasets.given_names()) | word_list("given_names.txt")
    gaz.surnames = frozenset(datasets.surnames())
    gaz.common_given = frozenset(datasets.given_names(top=1000))
    people = given | gaz.surnames
    gaz.given_names = given
    gaz.common_words = common

    def place_kind(name: str) -> str | None:
        """NAME, WEAK, or None for a name that is never a place (a month, a weekday)."""
        if name in CALENDAR:
            return None
        single = " " not in name and "-" not in name
        if single and (plain_word(name, common) or name in people):
            return Kind.WEAK
        return Kind.NAME

    _countries(gaz)
    for filename in ("places.txt", "orgs.txt"):
        for line in lines(filename):
            cols = [c.strip() for c in line.split("|")] + [""] * 3
            entry = gaz.add_entry(cols[1], EntityType(cols[0]))
            # A place's own name wins over a country's capital of the same spelling.
            gaz.add_surface(cols[1], entry.id, _kind(cols[1]), override=True)
            for alias in split_field(cols[2]):
                gaz.add_surface(alias, entry.id, _kind(alias))
    for line in lines("events.txt"):
        cols = [c.strip() for c in line.split("|")] + [""] * 2
        entry = gaz.add_entry(cols[0], EntityType.EVENT)
        gaz.add_surface(cols[0], entry.id, Kind.NAME, override=True)
        for alias in split_field(cols[1]):
            gaz.add_surface(alias, entry.id, Kind.NAME)
    for name in datasets.continents():
        gaz.add_surface(name, gaz.add_entry(name, EntityType.LOC).id, Kind.NAME)
    regions = datasets.us_states() + [p for c in datasets.countries().values() for p in c.provinces]
    for name in regions:
        kind = place_kind(name)
        if kind is not None:
            gaz.add_surface(name, gaz.add_entry(name, EntityType.GPE).id, kind)
    cities = datasets.cities()
    for city in cities:
        kind = place_kind(city.name)
        if kind is not None:
            gaz.add_surface(city.name, gaz.add_entry(city.name, EntityType.GPE).id, kind)
    for city in cities:
        entity_id = gaz.lookup_name(city.name)
        if entity_id is None:
            continue
        for alternate in city.alternates:
            # alternates are only taken when distinctive: a weak one is noise from another language
            if (
                len(alternate) >= 4
                and place_kind(alternate) == Kind.NAME
                and gaz.table.get(alternate) is None
            ):
                gaz.add_surface(alternate, entity_id, Kind.NAME)
    for line in lines("metonyms.txt"):
        surface, target = (c.strip() for c in line.split("|"))
        target_id = gaz.lookup_name(target)
        if target_id is None:
            raise ValueError(f"metonyms.txt: unknown target {target!r}")
        gaz.add_surface(surface, target_id, Kind.METONYM, override=True)
    for form, target in cue_section("combining_pairs"):
        target_id = gaz.lookup_name(target)
        if target_id is None:
            raise ValueError(f"cues.txt: unknown combining target {target!r}")
        gaz.combining[form] = target_id
    return gaz


def _countries(gaz: Gazetteer) -> None:
    """Dataset countries, with `countries.txt` lines merged in (display name, extra forms, a
    capital of its own or none: "-"); lines that match no dataset country stand alone (Soviet
    Union, Nagorno-Karabakh, England)."""
    found = datasets.countries()
    index: dict[str, str] = {}
    for code, c in found.items():
        for key in (c.name, c.alpha3, *c.other_names):
            index.setdefault(key, code)
    hand: dict[str, list[str]] = {}
    alone: list[list[str]] = []
    for line in lines("countries.txt"):
        cols = [c.strip() for c in line.split("|")] + [""] * 5
        keys = [cols[0], *split_field(cols[1]), *split_field(cols[4])]
        match = next((index[k] for k in keys if k in index), None)
        if match is None or match in hand:
            alone.append(cols)
        else:
            hand[match] = cols
    # most populous first: "American" is the United States' before American Samoa's
    for code, c in sorted(found.items(), key=lambda kv: (-kv[1].population, kv[0])):
        cols = hand.get(code, [c.name, "", "", "", ""])
        capitals = split_field(cols[3]) or [c.capital]
        _add_country(
            gaz,
            cols[0],
            [
                c.name,
                *(n for n in c.other_names if not plain_word(n, gaz.common_words)),
                *split_field(cols[1]),
            ],
            [*c.demonyms, *split_field(cols[2])],
            [k for k in capitals if k and k != "-"],
            [c.alpha3 if c.alpha3.lower() not in gaz.common_words else "", *split_field(cols[4])],
        )
    for cols in alone:
        _add_country(
            gaz,
            cols[0],
            split_field(cols[1]),
            split_field(cols[2]),
            split_field(cols[3]),
            split_field(cols[4]),
        )


def _add_country(
    gaz: Gazetteer,
    name: str,
    aliases: list[str],
    demonyms: list[str],
    capitals: list[str],
    codes: list[str],
) -> None:
    entry = gaz.add_entry(name, EntityType.GPE)
    gaz.add_surface(name, entry.id, Kind.NAME)
    for alias in aliases:
        gaz.add_surface(alias, entry.id, _kind(alias))
    for demonym in demonyms:
        gaz.add_surface(demonym, entry.id, Kind.DEMONYM)
        many = plural(demonym)
        if many:
            gaz.add_surface(many, entry.id, Kind.DEMONYM)
    for capital in capitals:
        gaz.add_surface(capital, entry.id, Kind.CAPITAL)
    for code in codes:
        if code:
            gaz.add_surface(code, entry.id, Kind.CODE)
