"""The bundled agency directory: cleaning, and the mapping to type, level and jurisdiction."""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from foia_assist.domain.agency_directory import (
    TRIBAL_NOTE,
    AgencyType,
    DirectoryAgency,
    clean_county,
    from_fbi_row,
)
from foia_assist.domain.jurisdictions import Level
from foia_assist.paths import resources_dir
from foia_assist.storage.agency_directory_files import load_directory

FEDERAL_IDS = {"US-FBI", "US-DEA", "US-ATF", "US-USMS", "US-ICE", "US-CBP", "US-USSS"}
DEPARTMENTS = {"US-DOJ", "US-DHS", "US-TREAS"}


@pytest.fixture(scope="module")
def directory() -> list[DirectoryAgency]:
    return load_directory(resources_dir() / "agencies")


def test_every_fbi_agency_is_there_once(directory: list[DirectoryAgency]) -> None:
    ids = Counter(a.id for a in directory)
    assert max(ids.values()) == 1
    assert sum(1 for a in directory if a.level is not Level.FEDERAL) == 18702


def test_every_state_maps_to_its_own_law(directory, jurisdictions) -> None:  # type: ignore[no-untyped-def]
    """Each state's (and DC's) agencies cite that state's law; no agency cites another's."""
    codes = set(jurisdictions.codes()) - {"US"}
    by_state: dict[str, set[str | None]] = {}
    for a in directory:
        if a.level is not Level.FEDERAL:
            by_state.setdefault(a.state, set()).add(a.jurisdiction)
    for code in codes:
        assert by_state.get(code) == {code}, code
    assert set(by_state) - codes == {"PR", "VI", "GU"}
    for territory in ("PR", "VI", "GU"):
        assert by_state[territory] == {None}


def test_nebraska_is_ne_not_nb(directory: list[DirectoryAgency]) -> None:
    nebraska = [a for a in directory if a.state == "NE"]
    assert len(nebraska) == 267
    assert {a.jurisdiction for a in nebraska} == {"NE"}
    assert not [a for a in directory if a.state == "NB"]


def test_levels_follow_types(directory: list[DirectoryAgency]) -> None:
    expected = {
        AgencyType.CITY: Level.LOCAL,
        AgencyType.COUNTY: Level.LOCAL,
        AgencyType.UNIVERSITY: Level.LOCAL,
        AgencyType.OTHER: Level.LOCAL,
        AgencyType.STATE: Level.STATE,
        AgencyType.TRIBAL: Level.TRIBAL,
        AgencyType.FEDERAL: Level.FEDERAL,
    }
    for a in directory:
        assert a.level is expected[a.type], a
    counts = Counter(a.type for a in directory if a.level is not Level.FEDERAL)
    assert counts[AgencyType.CITY] == 11865
    assert counts[AgencyType.STATE] == 1148 + 1111
    assert counts[AgencyType.TRIBAL] == 208


def test_tribal_agencies_say_state_law_may_not_reach_them(directory) -> None:  # type: ignore[no-untyped-def]
    tribal = [a for a in directory if a.type is AgencyType.TRIBAL]
    assert len(tribal) == 208
    for a in tribal:
        assert TRIBAL_NOTE in a.note
        assert a.jurisdiction == a.state  # the nearest law, with the note
    assert "may not reach" in TRIBAL_NOTE


def test_federal_agencies_and_departments(directory: list[DirectoryAgency]) -> None:
    federal = {a.id: a for a in directory if a.level is Level.FEDERAL}
    assert set(federal) == FEDERAL_IDS | DEPARTMENTS
    for a in federal.values():
        assert (a.type, a.jurisdiction, a.state) == (AgencyType.FEDERAL, "US", "US")
        if a.email or a.address or a.portal_url:
            assert a.contact_source.startswith(("http", "31 CFR")), a.id
            assert a.contact_checked
        else:
            assert a.note, f"{a.id}: no contact and no note saying why"
    assert federal["US-ICE"].parent == "US-DHS"
    assert federal["US-FBI"].parent == "US-DOJ"


def test_cleaning_of_one_fbi_row() -> None:
    known = frozenset({"NE", "TX"})
    row = {
        "agency_name": "  Omaha   Police Department ",
        "agency_type_name": "City",
        "county_name": "DOUGLAS; SARPY",
        "ori": "NB0280100",
        "state_abbr": "NB",
    }
    a = from_fbi_row(row, known)
    assert (a.name, a.state, a.jurisdiction, a.county) == (
        "Omaha Police Department",
        "NE",
        "NE",
        "Douglas; Sarpy",
    )
    assert a.counties() == ("Douglas", "Sarpy")
    assert clean_county("MCLEAN; ST. LOUIS") == "McLean; St. Louis"


def test_the_resource_matches_the_csv_when_the_csv_is_here() -> None:
    """The bundled file is what the build script makes of the shared CSV (when present)."""
    src = Path("/work/shared/data/agencies-fbi-cde-2018.csv")
    if not src.exists():
        pytest.skip("the FBI CSV is not in this checkout's workspace")
    known = frozenset(p.stem for p in (resources_dir() / "jurisdictions").glob("*.toml"))
    with src.open(encoding="utf-8", newline="") as fh:
        built = {a.id: a for a in (from_fbi_row(r, known) for r in csv.DictReader(fh))}
    bundled = {a.id: a for a in load_directory(resources_dir() / "agencies")}
    for ori, a in built.items():
        assert bundled[ori] == a
