"""The bundled legal data: complete, sourced, dated, internally consistent, validated on load."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from tracking_helpers import rule_files_with

from foia_assist.domain.jurisdictions import DayType, JurisdictionSet
from foia_assist.paths import resources_dir
from foia_assist.storage.rule_files import RuleFileError, load_jurisdictions

_STATE_CODES = (
    "AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ "
    "NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY"
)
STATES = _STATE_CODES.split()
COMPILED = date(2026, 11, 1)  # when the reference table the data starts from was compiled
THIS_REVIEW = date(2026, 11, 26)
RULES = resources_dir() / "jurisdictions"


def test_every_state_dc_and_federal(jurisdictions: JurisdictionSet) -> None:
    assert len(STATES) == 50
    assert sorted(jurisdictions.codes()) == sorted([*STATES, "DC", "US"])


def test_every_record_has_citation_sources_and_date(jurisdictions: JurisdictionSet) -> None:
    for j in jurisdictions:
        assert j.law_name and j.short_name and j.citation, j.code
        assert re.match(r"https?://", j.statute_url), (j.code, j.statute_url)
        assert j.sources and all(s.strip() for s in j.sources), j.code
        assert COMPILED <= j.verified <= THIS_REVIEW, (j.code, j.verified)
        assert j.response.citation and j.response.summary, j.code
        assert j.requesters.note, j.code
        assert j.appeal.route, j.code
        assert j.holidays.citation and j.holidays.source, j.code
        if j.holidays.verified is not None:
            assert COMPILED <= j.holidays.verified <= THIS_REVIEW, j.code


def test_clocks_are_either_fixed_or_quote_the_law(jurisdictions: JurisdictionSet) -> None:
    for j in jurisdictions:
        for clock in (j.response, *j.later_clocks):
            if clock.days is None:
                assert clock.day_type is None and clock.wording, (j.code, clock.name)
            else:
                assert clock.day_type in (DayType.BUSINESS, DayType.CALENDAR), j.code
                assert 0 < clock.days <= 60, (j.code, clock.days)
        if j.response.day_type is DayType.CALENDAR:
            # A calendar-day law must say whether a weekend end moves, or that no rule was found.
            assert j.roll_forward.applies is not None or j.roll_forward.note, j.code


def test_holiday_calendars_follow_their_own_state(jurisdictions: JurisdictionSet) -> None:
    for j in jurisdictions:
        expected = None if j.code == "US" else j.code
        assert j.holidays.country == "US" and j.holidays.subdiv == expected, j.code


def test_removed_holiday_names_exist_in_the_package(jurisdictions: JurisdictionSet) -> None:
    """A misspelt name in `remove` would silently remove nothing."""
    import holidays

    for j in jurisdictions:
        if not j.holidays.remove:
            continue
        package = holidays.country_holidays(
            "US", subdiv=j.holidays.subdiv, years=range(2020, 2031), categories=("public",)
        )
        names = {part for combined in package.values() for part in str(combined).split("; ")}
        names |= {n.removesuffix(" (observed)") for n in names}
        missing = [n for n in j.holidays.remove if n not in names]
        assert missing == [], (j.code, missing)


# Facts the reference table marks as solid, re-read against the statutes in this review
# (docs/verification/). They guard against a slip in a later edit of the data files.
SOLID = {
    "US": (20, DayType.BUSINESS),
    "CA": (10, DayType.CALENDAR),
    "CO": (3, DayType.BUSINESS),
    "CT": (4, DayType.BUSINESS),
    "DC": (15, DayType.BUSINESS),
    "GA": (3, DayType.BUSINESS),
    "IL": (5, DayType.BUSINESS),
    "KS": (3, DayType.BUSINESS),
    "KY": (5, DayType.BUSINESS),
    "MA": (10, DayType.BUSINESS),
    "MI": (5, DayType.BUSINESS),
    "MO": (3, DayType.BUSINESS),
    "MS": (7, DayType.BUSINESS),
    "NE": (4, DayType.BUSINESS),
    "NJ": (7, DayType.BUSINESS),
    "NV": (5, DayType.BUSINESS),
    "NY": (5, DayType.BUSINESS),
    "PA": (5, DayType.BUSINESS),
    "RI": (10, DayType.BUSINESS),
    "TN": (7, DayType.BUSINESS),
    "TX": (10, DayType.BUSINESS),
    "UT": (10, DayType.BUSINESS),
    "VA": (5, DayType.BUSINESS),
    "WA": (5, DayType.BUSINESS),
    "WV": (5, DayType.BUSINESS),
}
NO_FIXED_DAYS = ("AZ", "FL", "MN", "NC", "ND", "OH", "OK", "WI")
RESIDENTS_ONLY = ("AL", "AR", "KY", "TN", "VA")


def test_solid_first_clocks(jurisdictions: JurisdictionSet) -> None:
    for code, (days, day_type) in SOLID.items():
        clock = jurisdictions.get(code).response
        assert (clock.days, clock.day_type) == (days, day_type), code
    for code in NO_FIXED_DAYS:
        assert jurisdictions.get(code).response.days is None, code


def test_residency_limits(jurisdictions: JurisdictionSet) -> None:
    limited = sorted(j.code for j in jurisdictions if j.residents_only)
    assert limited == sorted(RESIDENTS_ONLY)
    unsettled = sorted(j.code for j in jurisdictions if j.residents_only is None)
    assert unsettled == ["DE", "NH"]


_broken_copy = rule_files_with


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('citation = "5 U.S.C. § 552"\n', "", "citation"),
        ('day_type = "business"', 'day_type = "weekdays"', "response.day_type"),
        ("days = 20\n", 'days = "twenty"\n', "response.days"),
        ("verified = 2026-", 'verified = "soon"\n# ', "verified"),
        ('confidence = "high"', 'confidence = "certain"', "confidence"),
        ("[appeal]\n", "[appeal]\nbogus = 1\n", "appeal.bogus"),
        ('code = "US"', 'code = "XX"', "code"),
        ('law_name = "Freedom', 'law_name = "Freedom\n', "(syntax)"),
    ],
)
def test_a_broken_file_names_the_file_and_field(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    folder = _broken_copy(tmp_path, "US", old, new)
    with pytest.raises(RuleFileError) as err:
        load_jurisdictions(folder)
    assert err.value.field == field
    assert str(err.value).startswith("US.toml: field ")


def test_cli_reports_damaged_data_in_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    folder = _broken_copy(tmp_path, "CA", "[response]\n", "[response]\nbogus = 1\n")
    code = (
        "import sys, foia_assist.paths as p\n"
        f"p.resources_dir = lambda: __import__('pathlib').Path({str(folder.parent)!r})\n"
        "from foia_assist.cli import run_cli\n"
        "sys.exit(run_cli(['jurisdictions']))\n"
    )
    (folder.parent / "jurisdictions").symlink_to(folder)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "foia-assist: damaged jurisdiction data: CA.toml: field 'response.bogus': "
        "unknown field (misspelt?)"
    )


def test_appeal_route_and_administrative_flag_agree(jurisdictions: JurisdictionSet) -> None:
    for j in jurisdictions:
        assert j.appeal.administrative is not None, j.code
        if j.appeal.route.casefold().startswith("no administrative appeal"):
            assert j.appeal.administrative is False, j.code


def test_receipt_rules(tmp_path: Path, jurisdictions: JurisdictionSet) -> None:
    assert jurisdictions.get("MI").receipt.electronic_delay_business_days == 1
    assert jurisdictions.get("TX").receipt.mail_delay_business_days == 3
    assert jurisdictions.get("CA").receipt.is_default
    folder = _broken_copy(
        tmp_path, "US", "[appeal]\n", "[receipt]\nmail_delay_business_days = 2\n\n[appeal]\n"
    )
    with pytest.raises(RuleFileError) as err:
        load_jurisdictions(folder)
    assert err.value.field == "receipt.citation"


def test_an_added_holidays_years_must_be_known(tmp_path: Path) -> None:
    folder = _broken_copy(tmp_path, "KY", 'years = "divisible-by-4"', 'years = "leap"')
    with pytest.raises(RuleFileError) as err:
        load_jurisdictions(folder)
    assert err.value.field == "holidays.add[0].years"
    assert "'leap' is not one of: all, even, odd, divisible-by-4" in str(err.value)
