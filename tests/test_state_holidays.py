"""State holiday corrections in the rule files (movable added holidays, weekend rules).

Each expected date was worked out by hand from the state's holiday statute (cited in the
state's rule file, `[holidays]`) and a printed calendar; the weekday of every date used is
also asserted with `date.weekday()` (0 = Monday), independently of the holiday engine.
"""

from __future__ import annotations

from datetime import date

import pytest

from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.jurisdictions import JurisdictionSet

MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


@pytest.fixture(scope="module")
def calendars(jurisdictions: JurisdictionSet) -> dict[str, HolidayCalendar]:
    codes = ("HI", "CA", "IL", "ND", "TN", "VT", "SC", "UT", "NY", "WI", "WY", "RI")
    return {code: HolidayCalendar(jurisdictions.get(code).holidays) for code in codes}


def closed(cal: HolidayCalendar, d: date) -> bool:
    return not cal.is_business_day(d)


def test_good_friday_hawaii_and_north_dakota(calendars: dict[str, HolidayCalendar]) -> None:
    # HRS § 8-1 and N.D.C.C. § 1-03-01(5): the Friday before Easter Sunday.
    # Easter 2026 is Sunday 5 April, so Good Friday is 3 April; Easter 2025 was 20 April.
    assert date(2026, 4, 3).weekday() == FRI and date(2025, 4, 18).weekday() == FRI
    for code in ("HI", "ND"):
        cal = calendars[code]
        assert closed(cal, date(2026, 4, 3))
        assert closed(cal, date(2025, 4, 18))
        assert cal.is_business_day(date(2026, 4, 2))  # Maundy Thursday is a working day
    # Easter 2027 is 28 March: Good Friday 26 March is also Kuhio Day in Hawaii (26 March).
    assert "Good Friday" in (calendars["HI"].holiday_name(date(2027, 3, 26)) or "")


def test_california_native_american_day(calendars: dict[str, HolidayCalendar]) -> None:
    # Gov. Code § 6700 / CCP § 135: the fourth Friday in September. 1 Sep 2026 is a Tuesday,
    # so the Fridays are 4, 11, 18 and 25: Native American Day 2026 is Friday 25 September.
    cal = calendars["CA"]
    assert date(2026, 9, 1).weekday() == TUE
    assert closed(cal, date(2026, 9, 25))
    assert cal.is_business_day(date(2026, 9, 18))  # the third Friday is an ordinary day


def test_illinois_day_after_thanksgiving(calendars: dict[str, HolidayCalendar]) -> None:
    # 1 Nov 2024 was a Friday, so the Thursdays are 7, 14, 21, 28: Thanksgiving is 28 Nov and
    # the day after is Friday 29 Nov, the FIFTH Friday. The fourth Friday (22 Nov) stays open.
    cal = calendars["IL"]
    assert date(2024, 11, 1).weekday() == FRI
    assert closed(cal, date(2024, 11, 29))
    assert cal.is_business_day(date(2024, 11, 22))


def test_south_carolina_day_after_thanksgiving(calendars: dict[str, HolidayCalendar]) -> None:
    # § 53-5-10: 'National Thanksgiving Day and the day after'. 1 Nov 2025 was a Saturday, so
    # Thanksgiving was 27 Nov and the day after Friday 28 Nov (as on the State HR 2025 schedule).
    # 1 Nov 2026 is a Sunday: Thanksgiving 26 Nov, day after Friday 27 Nov.
    cal = calendars["SC"]
    assert date(2025, 11, 1).weekday() == SAT and date(2026, 11, 1).weekday() == SUN
    assert closed(cal, date(2025, 11, 28))
    assert closed(cal, date(2026, 11, 27))


def test_second_monday_of_october(calendars: dict[str, HolidayCalendar]) -> None:
    # TN § 15-1-101 (Columbus Day) and VT 1 V.S.A. § 371(a)(9) (Indigenous Peoples' Day).
    # 1 Oct 2026 is a Thursday: Mondays 5 and 12, so the holiday is 12 Oct 2026.
    # 1 Oct 2027 is a Friday: Mondays 4 and 11, so the holiday is 11 Oct 2027.
    assert date(2026, 10, 1).weekday() == THU and date(2027, 10, 1).weekday() == FRI
    for code in ("TN", "VT"):
        cal = calendars[code]
        assert closed(cal, date(2026, 10, 12))
        assert closed(cal, date(2027, 10, 11))
        assert cal.is_business_day(date(2026, 10, 5))  # the first Monday is a working day


def test_utah_juneteenth_moves_to_a_monday(calendars: dict[str, HolidayCalendar]) -> None:
    # Utah Code § 63G-1-301(2)(c)-(d) (2025): June 19 on Tuesday-Friday -> the Monday before;
    # on a weekend -> the Monday after. 19 Jun 2026 is a Friday: holiday Monday 15 June, and
    # Friday 19 June is a working day. 19 Jun 2027 is a Saturday: holiday Monday 21 June, and
    # Friday 18 June is a working day (no Saturday-to-Friday move for Juneteenth).
    cal = calendars["UT"]
    assert date(2026, 6, 19).weekday() == FRI and date(2027, 6, 19).weekday() == SAT
    assert closed(cal, date(2026, 6, 15))
    assert cal.is_business_day(date(2026, 6, 19))
    assert closed(cal, date(2027, 6, 21))
    assert cal.is_business_day(date(2027, 6, 18))


@pytest.mark.parametrize("code", ["NY", "WI", "WY"])
def test_only_sunday_holidays_move(calendars: dict[str, HolidayCalendar], code: str) -> None:
    # NY Gen. Constr. Law § 24, Wis. Stat. § 230.35(4)(a)10., Wyo. Stat. § 8-4-101(b): a Sunday
    # holiday moves to Monday; there is no Saturday rule. 4 Jul 2026 is a Saturday, so Friday
    # 3 July 2026 is a business day; 4 Jul 2027 is a Sunday, so Monday 5 July 2027 is closed.
    cal = calendars[code]
    assert date(2026, 7, 4).weekday() == SAT and date(2027, 7, 4).weekday() == SUN
    assert cal.is_business_day(date(2026, 7, 3))
    assert closed(cal, date(2027, 7, 5))


def test_wyoming_saturday_christmas_is_not_moved(calendars: dict[str, HolidayCalendar]) -> None:
    # 25 Dec 2027 is a Saturday; § 8-4-101(b) moves only Sunday holidays, so Friday 24 Dec 2027
    # is a business day in Wyoming. (Wisconsin closes that Friday anyway: December 24 is one of
    # its nine holidays.)
    assert date(2027, 12, 25).weekday() == SAT
    assert calendars["WY"].is_business_day(date(2027, 12, 24))
    assert closed(calendars["WI"], date(2027, 12, 24))


def test_rhode_island_moves_weekend_holidays_to_monday(
    calendars: dict[str, HolidayCalendar],
) -> None:
    # R.I. Gen. Laws § 25-1-1: July 4 (and Juneteenth, New Year's Day, Veterans' Day, Christmas)
    # on a Saturday or Sunday is celebrated on the following Monday. 4 Jul 2026 is a Saturday:
    # Monday 6 July is closed and Friday 3 July is open. 19 Jun 2027 is a Saturday: Monday
    # 21 June is closed, Friday 18 June open.
    cal = calendars["RI"]
    assert date(2026, 7, 6).weekday() == MON and date(2027, 6, 21).weekday() == MON
    assert closed(cal, date(2026, 7, 6))
    assert cal.is_business_day(date(2026, 7, 3))
    assert closed(cal, date(2027, 6, 21))
    assert cal.is_business_day(date(2027, 6, 18))


def test_election_days_only_in_the_years_of_the_election(jurisdictions: JurisdictionSet) -> None:
    # General election day: the Tuesday after the first Monday in November.
    # 2026: Mon 2 Nov -> Tue 3 Nov; 2027: Mon 1 Nov -> Tue 2 Nov; 2028: Mon 6 Nov -> Tue 7 Nov.
    days = {2026: date(2026, 11, 3), 2027: date(2027, 11, 2), 2028: date(2028, 11, 7)}
    assert all(d.weekday() == TUE for d in days.values())
    expected = {
        "RI": {2026: True, 2027: False, 2028: True},  # § 25-1-1, general elections biennially
        "MD": {2026: True, 2027: False, 2028: True},  # Election Law § 8-301, even years
        "TN": {2026: True, 2027: False, 2028: True},  # § 15-1-101, 2 U.S.C. § 7
        "KY": {2026: False, 2027: False, 2028: True},  # KRS 2.190, presidential years only
    }
    for code, by_year in expected.items():
        cal = HolidayCalendar(jurisdictions.get(code).holidays)
        got = {year: closed(cal, days[year]) for year in by_year}
        assert got == by_year, code
    # A 10-business-day Rhode Island clock from Fri 30 Oct 2026 skips election day (3 Nov) and
    # Veterans' Day (Wed 11 Nov): 2, 4, 5, 6, 9, 10, 12, 13, 16, 17 November.
    ri = HolidayCalendar(jurisdictions.get("RI").holidays)
    assert date(2026, 11, 11).weekday() == WED
    assert ri.add_business_days(date(2026, 10, 30), 10) == date(2026, 11, 17)
