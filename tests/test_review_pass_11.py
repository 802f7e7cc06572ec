"""Review pass 11 (docs/verification/review-pass-11.md): the afternoon's law changes read
again as the agency's counsel would."""

from __future__ import annotations

from datetime import date

import pytest

from foia_assist.domain.jurisdictions import JurisdictionSet, Level
from foia_assist.domain.level_clock import own_first_clock_fact
from foia_assist.domain.request import RequestSpec
from foia_assist.services.letters.law import LawUse

SENT = date(2026, 10, 1)
DENIED = date(2026, 11, 2)
TODAY = date(2026, 12, 3)


def _spec(code: str, level: str) -> RequestSpec:
    return RequestSpec.from_dict(
        {
            "agency": {"name": "Cheyenne Police Department", "jurisdiction": code,
                       "level": level},
            "requester": {"name": "Ana Núñez"},
            "records": {"categories": ["contracts"]},
        }
    )  # fmt: skip


# --- F1. WY: the [appeal] route shown by the tracker offered the ombudsman as mediation ---


@pytest.mark.parametrize("level", ["state", "local"])
def test_wyoming_tracker_route_is_the_court_not_ombudsman_mediation(tracker, level: str) -> None:  # type: ignore[no-untyped-def]
    """The tracker's appeal clock for a denied WY request printed the [appeal] table's route,
    "Mediation through the Public Records Ombudsman (created 2019), or an action in district
    court": the ombudsman's powers and the year were not read in the statute, and the court
    fact's user_note (2f76133) says the ombudsman is not an appeal."""
    rid = tracker.add_request(_spec("WY", level), today=SENT, sent=SENT, method="email")
    tracker.log_event(rid, "denied", DENIED)
    appeal = tracker.clocks(rid).appeal_deadline()
    assert appeal is not None and appeal.due is None
    rule = appeal.steps[0]
    assert "Route: No administrative appeal: an application to the district court" in rule
    assert "Mediation" not in rule and "2019" not in rule
    assert "ombudsman (§ 16-4-201) may be asked for help, but that is not an appeal" in rule
    assert "§ 16-4-203(f), its text not read" in rule


def test_wyoming_route_agrees_with_its_court_fact(jurisdictions: JurisdictionSet) -> None:
    """The table's route (also `foia-assist jurisdictions --json`) and the court fact the
    letters state name the same remedy and the same citation."""
    wy = jurisdictions.get("WY")
    court = next(f for f in wy.facts if f.id == "appeal-court")
    assert wy.appeal.citation == court.citation == "Wyo. Stat. § 16-4-203(f)"
    assert "district court" in wy.appeal.route and "district court" in court.statement
    assert "no administrative appeal" in wy.appeal.route.lower()
    assert "no administrative appeal" in court.statement
    assert "not an appeal" in wy.appeal.route and "not an appeal" in court.user_note
    assert "mediat" not in wy.appeal.route.lower()


@pytest.mark.parametrize("level", ["state", "local"])
def test_tennessee_tracker_route_names_no_venue_not_read(tracker, level: str) -> None:  # type: ignore[no-untyped-def]
    """TN's [appeal] route ("Petition for access in chancery court; …") was shown by the
    tracker for a state agency's denial too, whose venue (§ 10-7-505(b)) was not read; the
    route now follows the appeal-court and appeal-court-state facts."""
    rid = tracker.add_request(_spec("TN", level), today=SENT, sent=SENT, method="email")
    tracker.log_event(rid, "denied", DENIED)
    appeal = tracker.clocks(rid).appeal_deadline()
    assert appeal is not None
    rule = appeal.steps[0]
    assert "Route: No administrative appeal: a petition for access in court" in rule
    assert "for state records, one of the courts § 10-7-505(b) names" in rule
    assert "Route: Petition for access in chancery court" not in rule
    assert "Office of Open Records Counsel gives informal help, but that is not an appeal" in rule


# --- F2. The two functions that pick a kind of agency's own first clock agree -------------


@pytest.mark.parametrize("level", [None, *Level])
def test_own_first_clock_fact_agrees_with_the_letters_own_clock_fact(
    jurisdictions: JurisdictionSet, level: Level | None
) -> None:
    """domain/level_clock.py `own_first_clock_fact` (tracker, letter preview, bulk manifest)
    and services/letters/law.py `LawUse.own_clock_fact` (the letters) pick the same fact for
    every jurisdiction and kind of agency, so the clock shown and the clock stated agree."""
    owned = []
    for j in jurisdictions:
        tracker_fact = own_first_clock_fact(j, level)
        letter_fact = LawUse(j, level).own_clock_fact(j.response.name, True)
        assert (tracker_fact and tracker_fact.id) == (letter_fact and letter_fact.id), j.code
        if tracker_fact is not None:
            owned.append((j.code, tracker_fact.id))
    # Today only a Montana state agency has such a clock (§ 2-6-1006(3)).
    assert owned == ([("MT", "response-executive")] if level is Level.STATE else [])
