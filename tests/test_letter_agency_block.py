"""The agency's block at the top of a letter names the agency once (trial 3, T12: the
directory's address for ICE begins with its name and the letter printed it twice)."""

from __future__ import annotations

import dataclasses

from letter_drafts import draft, example_spec

from foia_assist.domain.jurisdictions import Level


def test_an_address_that_begins_with_the_agencys_name_does_not_repeat_it() -> None:
    spec = example_spec("US", Level.FEDERAL)
    agency = dataclasses.replace(
        spec.agency,
        name="U.S. Immigration and Customs Enforcement",
        records_officer="",
        address="U.S. Immigration and Customs Enforcement\nFreedom of Information Act Office\n"
        "500 12th Street SW, Stop 5009\nWashington, DC 20536-5009",
    )
    letter = draft("request", dataclasses.replace(spec, agency=agency))
    block = letter.context["agency_block"]
    assert block[:3] == [
        "U.S. Immigration and Customs Enforcement",
        "Freedom of Information Act Office",
        "500 12th Street SW, Stop 5009",
    ]
    assert block.count("U.S. Immigration and Customs Enforcement") == 1


def test_an_address_that_does_not_begin_with_the_name_is_kept_whole() -> None:
    spec = example_spec("IL", Level.LOCAL)
    letter = draft("request", spec)
    block = letter.context["agency_block"]
    assert block[:4] == [
        "Public Records Officer",
        "Springfield Police Department",
        "100 Main Street",
        "Springfield, ST 00000",
    ]


def test_the_federal_appeal_names_the_agency_once_too() -> None:
    spec = example_spec("US", Level.FEDERAL)
    agency = dataclasses.replace(
        spec.agency,
        name="U.S. Customs and Border Protection",
        address="U.S. Customs and Border Protection\nFOIA Division\n"
        "1300 Pennsylvania Avenue NW, Mail Stop 1181\nWashington, DC 20229",
    )
    letter = draft("appeal", dataclasses.replace(spec, agency=agency))
    block = letter.context["agency_block"]
    assert block.count("U.S. Customs and Border Protection") == 1
    assert "FOIA Division" in block
