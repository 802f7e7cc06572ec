"""Agency search: ranking, word order, typos, half-typed words, filters (no timings here:
see benchmarks/agency_search.py)."""

from __future__ import annotations

import pytest

from foia_assist.domain.agency_directory import AgencyType, DirectoryAgency
from foia_assist.domain.agency_search import AgencyIndex, normalise
from foia_assist.domain.jurisdictions import Level
from foia_assist.errors import UserError
from foia_assist.paths import resources_dir
from foia_assist.services.agency_directory import AgencyDirectory, parse_type


def _a(id: str, name: str, type_: AgencyType, state: str, county: str = "") -> DirectoryAgency:
    level = {AgencyType.STATE: Level.STATE, AgencyType.TRIBAL: Level.TRIBAL}.get(type_, Level.LOCAL)
    return DirectoryAgency(id, name, type_, level, state, county, state)


SMALL = [
    _a("MI0820000", "Wayne County Sheriff's Office", AgencyType.COUNTY, "MI", "Wayne"),
    _a("MI8234900", "Detroit Police Department", AgencyType.CITY, "MI", "Wayne"),
    _a("MI8234800", "Wayne State University", AgencyType.UNIVERSITY, "MI", "Wayne"),
    _a("OH0850000", "Wayne County Sheriff's Office", AgencyType.COUNTY, "OH", "Wayne"),
    _a("MI8200100", "Wayne Police Department", AgencyType.CITY, "MI", "Wayne"),
    _a("MI3300000", "Ingham County Sheriff's Office", AgencyType.COUNTY, "MI", "Ingham"),
    _a("MN0270100", "Detroit Lakes Police Department", AgencyType.CITY, "MN", "Becker"),
]


@pytest.fixture(scope="module")
def small() -> AgencyIndex:
    return AgencyIndex(SMALL, {"MI": "Michigan", "OH": "Ohio", "MN": "Minnesota"})


@pytest.fixture(scope="module")
def directory(jurisdictions) -> AgencyDirectory:  # type: ignore[no-untyped-def]
    return AgencyDirectory.load(resources_dir() / "agencies", jurisdictions)


def names(hits) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    return [(h.agency.name, h.agency.state) for h in hits]


def test_word_order_does_not_matter(small: AgencyIndex) -> None:
    for q in ("sheriff wayne county", "Wayne County Sheriff's Office", "county sheriff wayne"):
        got = names(small.search(q))
        assert set(got[:2]) == {
            ("Wayne County Sheriff's Office", "MI"),
            ("Wayne County Sheriff's Office", "OH"),
        }, q
        assert ("Ingham County Sheriff's Office", "MI") not in got


def test_a_typo_is_forgiven(small: AgencyIndex) -> None:
    assert names(small.search("detriot police"))[0] == ("Detroit Police Department", "MI")
    assert names(small.search("shreiff wayne"))[0][0] == "Wayne County Sheriff's Office"
    assert names(small.search("ingam sheriff")) == [("Ingham County Sheriff's Office", "MI")]


def test_the_word_being_typed_is_a_prefix(small: AgencyIndex) -> None:
    assert names(small.search("detroit la")) == [("Detroit Lakes Police Department", "MN")]
    assert names(small.search("ing"))[0] == ("Ingham County Sheriff's Office", "MI")


def test_best_match_first(small: AgencyIndex) -> None:
    # the name that is exactly the query beats longer names holding the same words
    assert names(small.search("wayne police department"))[0] == ("Wayne Police Department", "MI")
    # a word in the name outranks the same word only in the county
    got = names(small.search("wayne"))
    assert got.index(("Wayne Police Department", "MI")) < got.index(
        ("Detroit Police Department", "MI")
    )


def test_filters_by_state_type_and_county(small: AgencyIndex) -> None:
    assert names(small.search("sheriff wayne", state="OH")) == [
        ("Wayne County Sheriff's Office", "OH")
    ]
    assert names(small.search("wayne", type=AgencyType.UNIVERSITY)) == [
        ("Wayne State University", "MI")
    ]
    assert {a.name for a in small.select(state="MI", county="Wayne County")} == {
        "Wayne County Sheriff's Office",
        "Detroit Police Department",
        "Wayne State University",
        "Wayne Police Department",
    }
    assert [a.id for a in small.select(type=AgencyType.COUNTY, state="MI")] == [
        "MI3300000",
        "MI0820000",
    ]


def test_state_name_county_and_type_words_are_searchable(small: AgencyIndex) -> None:
    assert ("Detroit Lakes Police Department", "MN") in names(small.search("minnesota police"))
    assert names(small.search("becker"))[0] == ("Detroit Lakes Police Department", "MN")
    assert names(small.search("university michigan"))[0] == ("Wayne State University", "MI")
    assert names(small.search("detroit pd"))[0] == ("Detroit Police Department", "MI")


def test_nothing_and_unknown_words(small: AgencyIndex) -> None:
    assert small.search("zzzzzz") == []
    # a word found nowhere does not hide the agencies the other words find
    assert names(small.search("ingham qqqqqq")) == [("Ingham County Sheriff's Office", "MI")]
    assert len(small.search("", state="MI", limit=100)) == 5


def test_normalise() -> None:
    assert normalise("  Sheriff's   Office, St. Louis ") == "sheriff office st louis"
    assert normalise("Policía Municipal") == "policia municipal"


def test_the_whole_directory(directory: AgencyDirectory) -> None:
    hits = directory.search("sheriff wayne county", state="MI")
    first = hits[0].agency
    assert (first.name, first.id) == ("Wayne County Sheriff's Office", "MI8218200")
    top = directory.search("sheriff wayne county")
    assert all(h.agency.name == "Wayne County Sheriff's Office" for h in top[:10])
    assert directory.search("detriot police")[0].agency.name == "Detroit Police Department"
    assert directory.search("fbi")[0].agency.id == "US-FBI"
    assert directory.search("immigration customs")[0].agency.id == "US-ICE"
    assert directory.search("omaha police", state="NE")[0].agency.name == "Omaha Police Department"
    assert directory.search("navajo", type=AgencyType.TRIBAL)[0].agency.type is AgencyType.TRIBAL
    assert len(directory.search("police", limit=20)) == 20


def test_bad_filters_are_named(directory: AgencyDirectory) -> None:
    with pytest.raises(UserError, match="unknown state 'ZZ'"):
        directory.search("police", state="ZZ")
    with pytest.raises(UserError, match="unknown agency type 'sheriff'"):
        parse_type("sheriff")
    assert parse_type("County") is AgencyType.COUNTY
