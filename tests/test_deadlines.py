"""Deadlines on real calendars, every expected date worked out by hand (see the comments)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

import pytest

from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.day_counting import Pause, add_days
from foia_assist.domain.deadlines import Deadline, SkippedDay, compute_deadline, due_date
from foia_assist.domain.jurisdictions import (
    Appeal,
    Clock,
    ClockAction,
    Confidence,
    DayType,
    Extension,
    Fact,
    HolidayRules,
    Jurisdiction,
    JurisdictionSet,
    Provision,
    Requesters,
    RollForward,
)

FEDERAL_RULES = HolidayRules()
CA_RULES = HolidayRules(subdiv="CA")


def make(
    *,
    days: int | None,
    day_type: DayType | None,
    roll: bool | None = None,
    rules: HolidayRules = FEDERAL_RULES,
    extension: Extension | None = None,
    wording: str = "",
) -> Jurisdiction:
    """A jurisdiction for tests; only the fields the engine reads matter."""
    return Jurisdiction(
        code="ZZ",
        name="Testland",
        law_name="Testland Records Act",
        short_name="TRA",
        citation="Test Code § 1",
        statute_url="https://example.org/statute",
        requesters=Requesters(residents_only=False, note="Anyone."),
        response=Clock(
            days=days,
            day_type=day_type,
            action=ClockAction.RESPOND,
            summary="respond to the request",
            citation="Test Code § 2(a)",
            wording=wording,
        ),
        roll_forward=RollForward(applies=roll, citation="Test Code § 12" if roll else ""),
        holidays=rules,
        appeal=Appeal(route="court"),
        fee_waiver=Provision(available=None),
        expedited=Provision(available=None),
        sources=("https://example.org",),
        verified=date(2026, 11, 1),
        confidence=Confidence.HIGH,
        extension=extension,
    )


@pytest.fixture(scope="module")
def federal_cal() -> HolidayCalendar:
    return HolidayCalendar(FEDERAL_RULES)


@pytest.fixture(scope="module")
def ca_cal() -> HolidayCalendar:
    return HolidayCalendar(CA_RULES)


@pytest.fixture(scope="module")
def us(jurisdictions: JurisdictionSet) -> Jurisdiction:
    return jurisdictions.get("US")


# -- business days -----------------------------------------------------------------------


def test_federal_20_business_days_over_thanksgiving(
    us: Jurisdiction, federal_cal: HolidayCalendar
) -> None:
    # Received Mon 23 Nov 2026 (day 0). Business days: Tue 24 (1), Wed 25 (2), Thu 26 is
    # Thanksgiving, Fri 27 (3), Mon 30 - Fri 4 Dec (4-8), 7-11 Dec (9-13), 14-18 Dec (14-18),
    # Mon 21 (19), Tue 22 Dec 2026 (20).
    d = compute_deadline(us, date(2026, 11, 23), federal_cal)
    assert d.due == date(2026, 12, 22)
    assert d.days == 20 and d.day_type is DayType.BUSINESS
    assert d.citation == "5 U.S.C. § 552(a)(6)(A)(i)"
    assert SkippedDay(date(2026, 11, 26), "Thanksgiving Day") in d.skipped
    assert SkippedDay(date(2026, 11, 28), "Saturday") in d.skipped
    assert SkippedDay(date(2026, 11, 29), "Sunday") in d.skipped
    # 4 weekends (28-29 Nov, 5-6, 12-13, 19-20 Dec) and Thanksgiving.
    assert len(d.skipped) == 9
    text = d.explanation()
    assert "The receipt day (Mon 2026-11-23) is day 0" in text
    assert "Skipped Thu 2026-11-26: Thanksgiving Day." in text
    assert "5 U.S.C. § 552(a)(6)(A)(i)" in text
    assert text.splitlines()[-1] == "Result: the determination is due by Tue 2026-12-22."
    assert d.paused is False
    assert due_date(us, date(2026, 11, 23), federal_cal) == d.due


def test_request_in_mid_december_2021_skips_new_year_observed_in_2021(
    us: Jurisdiction,
) -> None:
    # A fresh calendar, so nothing of 2022 is loaded before counting.
    cal = HolidayCalendar(FEDERAL_RULES)
    # Received Wed 15 Dec 2021. 16-17 (1-2), 20-23 (3-6), Fri 24 Christmas observed (25 is a
    # Saturday), 27-30 (7-10), Fri 31 New Year's Day observed (1 Jan 2022 is a Saturday),
    # 3-7 Jan (11-15), 10-14 Jan (16-20): Fri 14 Jan 2022.
    d = compute_deadline(us, date(2021, 12, 15), cal)
    assert d.due == date(2022, 1, 14)
    assert SkippedDay(date(2021, 12, 31), "New Year's Day (observed)") in d.skipped
    assert SkippedDay(date(2021, 12, 24), "Christmas Day (observed)") in d.skipped


def test_december_2025_closure_days_are_counted_on_the_strict_reading(
    us: Jurisdiction, federal_cal: HolidayCalendar
) -> None:
    # Reference §4.2: the Executive Order closures of 24 and 26 Dec 2025 are not legal public
    # holidays, so FOIA counts them. Received Mon 8 Dec 2025: 9-12 (1-4), 15-19 (5-9),
    # 22-24 (10-12), Thu 25 Christmas, Fri 26 (13), 29-31 (14-16), Thu 1 Jan 2026 New Year's
    # Day, Fri 2 (17), Mon 5 - Wed 7 Jan 2026 (18-20).
    d = compute_deadline(us, date(2025, 12, 8), federal_cal)
    assert d.due == date(2026, 1, 7)


def test_juneteenth_and_july_4_observed_are_skipped(federal_cal: HolidayCalendar) -> None:
    j = make(days=10, day_type=DayType.BUSINESS)
    # Received Tue 16 Jun 2026. Wed 17 (1), Thu 18 (2), Fri 19 Juneteenth, 22-26 (3-7),
    # Mon 29 (8), Tue 30 (9), Wed 1 Jul (10).
    assert compute_deadline(j, date(2026, 6, 16), federal_cal).due == date(2026, 7, 1)
    # Received Mon 29 Jun 2026. Tue 30 (1), Wed 1 (2), Thu 2 (3), Fri 3 Jul is Independence
    # Day observed (4 Jul is a Saturday), 6-10 Jul (4-8), Mon 13 (9), Tue 14 Jul (10).
    d = compute_deadline(j, date(2026, 6, 29), federal_cal)
    assert d.due == date(2026, 7, 14)
    assert SkippedDay(date(2026, 7, 3), "Independence Day (observed)") in d.skipped
    # The Saturday itself is reported as a Saturday.
    assert SkippedDay(date(2026, 7, 4), "Saturday") in d.skipped


def test_state_calendar_changes_a_business_day_deadline() -> None:
    j_fed = make(days=5, day_type=DayType.BUSINESS)
    j_tx = make(days=5, day_type=DayType.BUSINESS, rules=HolidayRules(subdiv="TX"))
    received = date(2026, 11, 23)  # Monday
    # Federal: 24 (1), 25 (2), Thu 26 Thanksgiving, Fri 27 (3), Mon 30 (4), Tue 1 Dec (5).
    assert compute_deadline(j_fed, received, HolidayCalendar(FEDERAL_RULES)).due == date(
        2026, 12, 1
    )
    # Texas also closes on Fri 27 Nov: 24 (1), 25 (2), 30 (3), 1 Dec (4), Wed 2 Dec (5).
    tx = compute_deadline(j_tx, received, HolidayCalendar(HolidayRules(subdiv="TX")))
    assert tx.due == date(2026, 12, 2)
    assert date(2026, 11, 27) in [s.date for s in tx.skipped]


# -- calendar days and roll-forward --------------------------------------------------------


def test_calendar_days_roll_forward_over_thanksgiving_in_california(
    ca_cal: HolidayCalendar,
) -> None:
    j = make(days=10, day_type=DayType.CALENDAR, roll=True, rules=CA_RULES)
    # Received Mon 16 Nov 2026; day 10 is Thu 26 Nov (Thanksgiving). California also closes
    # Fri 27 (Day After Thanksgiving); then Sat 28 and Sun 29; the next business day is Mon 30.
    d = compute_deadline(j, date(2026, 11, 16), ca_cal)
    assert d.due == date(2026, 11, 30)
    assert [s.date for s in d.skipped] == [
        date(2026, 11, 26),
        date(2026, 11, 27),
        date(2026, 11, 28),
        date(2026, 11, 29),
    ]
    text = d.explanation()
    assert "moves to the next business day, Mon 2026-11-30 (Test Code § 12)" in text
    assert due_date(j, date(2026, 11, 16), ca_cal) == date(2026, 11, 30)


def test_calendar_days_ending_on_a_weekday_do_not_move(ca_cal: HolidayCalendar) -> None:
    j = make(days=10, day_type=DayType.CALENDAR, roll=True, rules=CA_RULES)
    # Received Mon 2 Mar 2026; day 10 is Thu 12 Mar 2026, a working day.
    d = compute_deadline(j, date(2026, 3, 2), ca_cal)
    assert d.due == date(2026, 3, 12)
    assert d.skipped == ()
    assert "moves" not in d.explanation()


def test_calendar_days_without_a_roll_forward_rule(ca_cal: HolidayCalendar) -> None:
    j = make(days=10, day_type=DayType.CALENDAR, roll=None, rules=CA_RULES)
    # Same as above but no rule found: day 10, Thu 26 Nov 2026 (Thanksgiving), stands.
    d = compute_deadline(j, date(2026, 11, 16), ca_cal)
    assert d.due == date(2026, 11, 26)
    assert "No rule was found" in d.explanation()
    assert "not moved" in d.explanation()
    assert d.skipped == ()


def test_calendar_days_where_the_law_does_not_roll_forward(federal_cal: HolidayCalendar) -> None:
    j = make(days=10, day_type=DayType.CALENDAR, roll=False)
    # Received Wed 25 Mar 2026; day 10 is Sat 4 Apr 2026 and stays there.
    d = compute_deadline(j, date(2026, 3, 25), federal_cal)
    assert d.due == date(2026, 4, 4)
    assert "not moved" in d.explanation()


# -- extensions ------------------------------------------------------------------------------


def test_federal_extension_of_10_business_days(
    us: Jurisdiction, federal_cal: HolidayCalendar
) -> None:
    # Original due Tue 22 Dec 2026 (above). Then 23 (1), 24 (2), Fri 25 Christmas, 28-31
    # (3-6), Fri 1 Jan 2027 New Year's Day, 4-7 Jan (7-10): Thu 7 Jan 2027.
    d = compute_deadline(us, date(2026, 11, 23), federal_cal, extension_days=10)
    assert d.due == date(2027, 1, 7)
    assert d.extension_days == 10
    assert "5 U.S.C. § 552(a)(6)(B)(i)" in d.explanation()
    assert SkippedDay(date(2027, 1, 1), "New Year's Day") in d.skipped
    assert due_date(us, date(2026, 11, 23), federal_cal, extension_days=10) == d.due


def test_calendar_day_extension_rolls_forward_again(ca_cal: HolidayCalendar) -> None:
    j = make(days=10, day_type=DayType.CALENDAR, roll=True, rules=CA_RULES)
    # Received Wed 25 Mar 2026: day 10 is Sat 4 Apr -> Mon 6 Apr. Plus 12 calendar days:
    # Sat 18 Apr -> Mon 20 Apr 2026.
    d = compute_deadline(j, date(2026, 3, 25), ca_cal, extension_days=12)
    assert d.due == date(2026, 4, 20)
    assert date(2026, 4, 18) in [s.date for s in d.skipped]


def test_negative_extension_is_refused(us: Jurisdiction, federal_cal: HolidayCalendar) -> None:
    with pytest.raises(ValueError):
        compute_deadline(us, date(2026, 11, 23), federal_cal, extension_days=-1)


# -- pauses -----------------------------------------------------------------------------------


def test_pause_and_resume_business_days(us: Jurisdiction, federal_cal: HolidayCalendar) -> None:
    # Due Tue 22 Dec 2026. Paused Tue 1 Dec: left = 2-4 Dec (3) + 7-11 (5) + 14-18 (5)
    # + 21-22 (2) = 15 business days. Restarted Thu 10 Dec: Fri 11 (1), 14-18 (2-6),
    # 21-24 (7-10), Fri 25 Christmas, 28-31 (11-14), Fri 1 Jan holiday, Mon 4 Jan 2027 (15).
    d = compute_deadline(
        us, date(2026, 11, 23), federal_cal, pauses=[Pause(date(2026, 12, 1), date(2026, 12, 10))]
    )
    assert d.due == date(2027, 1, 4)
    assert d.paused is False
    text = d.explanation()
    assert "paused on Tue 2026-12-01 with 15 business days left" in text
    assert "restarted on Thu 2026-12-10" in text


def test_pause_and_resume_calendar_days_with_roll_forward(ca_cal: HolidayCalendar) -> None:
    j = make(days=10, day_type=DayType.CALENDAR, roll=True, rules=CA_RULES)
    # Received Mon 2 Mar 2026, due Thu 12 Mar. Paused Fri 6 Mar: 6 calendar days left
    # (7..12 Mar). Restarted Mon 16 Mar: +6 = Sun 22 Mar -> Mon 23 Mar 2026.
    d = compute_deadline(
        j, date(2026, 3, 2), ca_cal, pauses=[Pause(date(2026, 3, 6), date(2026, 3, 16))]
    )
    assert d.due == date(2026, 3, 23)
    assert "6 calendar days left" in d.explanation()


def test_pause_after_the_due_date_stays_overdue(
    us: Jurisdiction, federal_cal: HolidayCalendar
) -> None:
    # Due Tue 22 Dec 2026. A pause from Mon 4 Jan 2027 to Mon 11 Jan 2027 must not give new
    # time (MuckRock's abs() bug would turn the overdue days into days left).
    d = compute_deadline(
        us, date(2026, 11, 23), federal_cal, pauses=[Pause(date(2027, 1, 4), date(2027, 1, 11))]
    )
    assert d.due == date(2026, 12, 22)
    assert "already overdue and stays overdue" in d.explanation()
    # A pause on the due date itself leaves no days either.
    same_day = compute_deadline(
        us,
        date(2026, 11, 23),
        federal_cal,
        pauses=[Pause(date(2026, 12, 22), date(2027, 1, 11))],
    )
    assert same_day.due == date(2026, 12, 22)


def test_open_pause_has_no_due_date(us: Jurisdiction, federal_cal: HolidayCalendar) -> None:
    # Paused Tue 1 Dec 2026 with 15 business days left (see above), not restarted.
    d = compute_deadline(us, date(2026, 11, 23), federal_cal, pauses=[Pause(date(2026, 12, 1))])
    assert d.due is None
    assert d.paused is True
    assert "15 business days left" in d.note
    assert d.to_dict()["due"] is None


def test_open_pause_after_the_due_date_keeps_the_overdue_date(
    us: Jurisdiction, federal_cal: HolidayCalendar
) -> None:
    d = compute_deadline(us, date(2026, 11, 23), federal_cal, pauses=[Pause(date(2027, 1, 4))])
    assert d.due == date(2026, 12, 22)
    assert d.paused is True


def test_two_pauses(us: Jurisdiction, federal_cal: HolidayCalendar) -> None:
    # First pause as above gives Mon 4 Jan 2027. Second: paused Mon 28 Dec 2026; left =
    # 29-31 Dec (3) + Mon 4 Jan (1) = 4 (1 Jan is a holiday). Restarted Tue 5 Jan 2027:
    # Wed 6 (1), Thu 7 (2), Fri 8 (3), Mon 11 Jan 2027 (4).
    d = compute_deadline(
        us,
        date(2026, 11, 23),
        federal_cal,
        pauses=[
            Pause(date(2026, 12, 28), date(2027, 1, 5)),
            Pause(date(2026, 12, 1), date(2026, 12, 10)),  # order given does not matter
        ],
    )
    assert d.due == date(2027, 1, 11)


@pytest.mark.parametrize(
    "pauses",
    [
        [Pause(date(2026, 11, 20), date(2026, 11, 25))],  # before receipt
        [Pause(date(2026, 12, 5), date(2026, 12, 1))],  # ends before it starts
        [Pause(date(2026, 12, 1), date(2026, 12, 10)), Pause(date(2026, 12, 5), None)],  # overlap
        [Pause(date(2026, 12, 1)), Pause(date(2026, 12, 5), date(2026, 12, 8))],  # after open
    ],
)
def test_impossible_pauses_are_refused(
    us: Jurisdiction, federal_cal: HolidayCalendar, pauses: list[Pause]
) -> None:
    with pytest.raises(ValueError):
        compute_deadline(us, date(2026, 11, 23), federal_cal, pauses=pauses)


# -- no fixed number of days, other clocks --------------------------------------------------


def test_no_fixed_deadline_quotes_the_law(federal_cal: HolidayCalendar) -> None:
    j = make(days=None, day_type=None, wording="promptly")
    d = compute_deadline(j, date(2026, 11, 23), federal_cal)
    assert d.due is None
    assert d.days is None and d.day_type is None
    text = d.explanation()
    # No fact holds the word as the law's: it is not put in quotation marks (it was).
    assert "(in short: promptly)" in text and "“promptly”" not in text
    assert "Test Code § 2(a)" in text
    assert "no date can be computed" in text
    assert due_date(j, date(2026, 11, 23), federal_cal) is None
    read = Fact(
        id="response",
        topic="response",
        statement="The agency must respond promptly.",
        citation="Test Code § 2(a)",
        quote="The agency shall respond promptly to each request.",
        source="https://example.gov/code",
        verified=date(2026, 12, 3),
        confidence=Confidence.HIGH,
    )
    quoted = compute_deadline(replace(j, facts=(read,)), date(2026, 11, 23), federal_cal)
    assert "“promptly”" in quoted.explanation()


def test_a_later_clock_is_counted_on_its_own_terms(federal_cal: HolidayCalendar) -> None:
    j = make(days=10, day_type=DayType.BUSINESS)
    appeal = Clock(
        days=90,
        day_type=DayType.CALENDAR,
        action=ClockAction.RESPOND,
        summary="receive the appeal",
        citation="Test Code § 9",
        starts="adverse determination",
        name="Appeal",
    )
    # From Mon 23 Nov 2026: 7 days to 30 Nov, 31 in Dec (38), 31 in Jan (69), then 21 Feb
    # 2027 (90), a Sunday. Testland has no roll-forward rule, so the date stays.
    d = compute_deadline(j, date(2026, 11, 23), federal_cal, clock=appeal)
    assert d.due == date(2027, 2, 21)
    assert d.clock_name == "Appeal"
    assert d.citation == "Test Code § 9"
    assert "adverse determination" in d.explanation()


# -- output ---------------------------------------------------------------------------------------


def test_to_dict_is_json_ready(us: Jurisdiction, federal_cal: HolidayCalendar) -> None:
    d = compute_deadline(us, date(2026, 11, 23), federal_cal)
    data = json.loads(json.dumps(d.to_dict()))
    assert data["jurisdiction"] == "US"
    assert data["received"] == "2026-11-23"
    assert data["due"] == "2026-12-22"
    assert data["days"] == 20
    assert data["day_type"] == "business"
    assert data["extension_days"] == 0
    assert {"date": "2026-11-26", "reason": "Thanksgiving Day"} in data["skipped"]
    assert data["explanation"] == d.explanation()
    assert data["steps"] == list(d.steps)
    assert data["citation"] == "5 U.S.C. § 552(a)(6)(A)(i)"
    assert data["paused"] is False


def test_deadline_is_frozen(us: Jurisdiction, federal_cal: HolidayCalendar) -> None:
    d = compute_deadline(us, date(2026, 11, 23), federal_cal)
    assert isinstance(d, Deadline)
    with pytest.raises(AttributeError):
        d.due = None  # type: ignore[misc]


def test_add_days_fast_path(federal_cal: HolidayCalendar) -> None:
    # Sat 4 Jul 2026 is day 10 from Wed 24 Jun; rolled, Mon 6 Jul (Fri 3 is before it).
    assert add_days(federal_cal, date(2026, 6, 24), 10, DayType.CALENDAR, False) == date(2026, 7, 4)
    assert add_days(federal_cal, date(2026, 6, 24), 10, DayType.CALENDAR, True) == date(2026, 7, 6)
    with pytest.raises(ValueError):
        add_days(federal_cal, date(2026, 6, 24), -1, DayType.CALENDAR, True)
