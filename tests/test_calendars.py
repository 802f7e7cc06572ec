"""Holiday calendars built from HolidayRules on real calendars.

Every expected date below was worked out by hand from a printed calendar and the holiday
statutes cited in docs/jurisdiction-data.md and shared/reference/public-records-laws.md §5.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from foia_assist.domain.calendars import CalendarCache, CalendarRangeError, HolidayCalendar
from foia_assist.domain.jurisdictions import FixedHoliday, HolidayRules

FEDERAL = HolidayRules()


def federal() -> HolidayCalendar:
    return HolidayCalendar(FEDERAL)


# -- federal holidays (5 U.S.C. § 6103) ------------------------------------------------


def test_thanksgiving_2026_is_a_federal_holiday_but_the_friday_after_is_not() -> None:
    cal = federal()
    # Fourth Thursday of November 2026: Thursdays are 5, 12, 19, 26.
    assert cal.holiday_name(date(2026, 11, 26)) == "Thanksgiving Day"
    assert not cal.is_business_day(date(2026, 11, 26))
    # The Friday after is a working day for federal agencies (reference §5).
    assert cal.holiday_name(date(2026, 11, 27)) is None
    assert cal.is_business_day(date(2026, 11, 27))


def test_texas_closes_on_the_friday_after_thanksgiving() -> None:
    # Tex. Gov't Code § 662.003(b): the Friday after Thanksgiving is a state holiday.
    cal = HolidayCalendar(HolidayRules(subdiv="TX"))
    assert cal.holiday_name(date(2026, 11, 26)) == "Thanksgiving Day"
    assert cal.holiday_name(date(2026, 11, 27)) is not None
    assert not cal.is_business_day(date(2026, 11, 27))


def test_juneteenth_and_its_observed_friday() -> None:
    cal = federal()
    # 19 June 2026 is a Friday: the holiday itself.
    assert cal.holiday_name(date(2026, 6, 19)) == "Juneteenth National Independence Day"
    # 19 June 2027 is a Saturday, so Friday 18 June 2027 is observed (reference §5).
    assert cal.holiday_name(date(2027, 6, 18)) == "Juneteenth National Independence Day (observed)"
    assert not cal.is_business_day(date(2027, 6, 18))


def test_july_4_2026_is_a_saturday_observed_on_friday_july_3() -> None:
    cal = federal()
    assert date(2026, 7, 4).weekday() == 5
    assert cal.holiday_name(date(2026, 7, 3)) == "Independence Day (observed)"
    assert not cal.is_business_day(date(2026, 7, 3))
    # Thursday 2 July and Monday 6 July are ordinary working days.
    assert cal.is_business_day(date(2026, 7, 2))
    assert cal.is_business_day(date(2026, 7, 6))


def test_new_year_2022_is_observed_on_friday_31_december_2021_asked_first() -> None:
    # A fresh calendar asked only about December 2021: 1 January 2022 is a Saturday,
    # so the holiday is observed on the Friday before, which belongs to 2021.
    cal = federal()
    assert cal.holiday_name(date(2021, 12, 31)) == "New Year's Day (observed)"
    assert not cal.is_business_day(date(2021, 12, 31))


def test_observed_new_year_at_the_end_of_a_loaded_block_of_years() -> None:
    # 1 January 2000 was a Saturday, so Friday 31 December 1999 was the holiday.
    # 1999 is the last year of the first block the calendar loads (1990-1999).
    cal = federal()
    assert cal.holiday_name(date(1999, 12, 31)) == "New Year's Day (observed)"
    assert cal.holidays_between(date(1999, 12, 24), date(1999, 12, 31)) == [
        (date(1999, 12, 24), "Christmas Day (observed)"),  # 25 Dec 1999 was a Saturday
        (date(1999, 12, 25), "Christmas Day"),
        (date(1999, 12, 31), "New Year's Day (observed)"),
    ]


def test_weekends_are_not_business_days() -> None:
    cal = federal()
    assert not cal.is_business_day(date(2026, 11, 28))  # Saturday
    assert not cal.is_business_day(date(2026, 11, 29))  # Sunday
    assert cal.is_business_day(date(2026, 11, 30))  # Monday, no holiday


# -- state-only holidays -------------------------------------------------------------


def test_texas_independence_day_is_texan_only() -> None:
    # 2 March 2026 is a Monday; Tex. Gov't Code § 662.003(b)(1).
    tx = HolidayCalendar(HolidayRules(subdiv="TX"))
    assert tx.holiday_name(date(2026, 3, 2)) == "Texas Independence Day"
    assert not tx.is_business_day(date(2026, 3, 2))
    assert federal().is_business_day(date(2026, 3, 2))


def test_dc_emancipation_day() -> None:
    # 16 April 2026 is a Thursday (D.C. Code § 1-612.02).
    dc = HolidayCalendar(HolidayRules(subdiv="DC"))
    assert dc.holiday_name(date(2026, 4, 16)) == "Emancipation Day"
    assert not dc.is_business_day(date(2026, 4, 16))
    assert federal().is_business_day(date(2026, 4, 16))


def test_cesar_chavez_day_in_california() -> None:
    # 31 March 2026 is a Tuesday.
    ca = HolidayCalendar(HolidayRules(subdiv="CA"))
    assert ca.holiday_name(date(2026, 3, 31)) == "Cesar Chavez Day"
    assert not ca.is_business_day(date(2026, 3, 31))
    assert federal().is_business_day(date(2026, 3, 31))


# -- corrections: remove and add ------------------------------------------------------


def test_remove_a_holiday_makes_it_a_business_day() -> None:
    # Columbus Day 2026 is Monday 12 October (second Monday: Mondays are 5 and 12).
    assert federal().holiday_name(date(2026, 10, 12)) == "Columbus Day"
    cal = HolidayCalendar(HolidayRules(remove=("Columbus Day",)))
    assert cal.holiday_name(date(2026, 10, 12)) is None
    assert cal.is_business_day(date(2026, 10, 12))


def test_remove_also_removes_the_observed_day() -> None:
    cal = HolidayCalendar(HolidayRules(remove=("Independence Day",)))
    assert cal.holiday_name(date(2026, 7, 4)) is None
    assert cal.holiday_name(date(2026, 7, 3)) is None  # was "Independence Day (observed)"
    assert cal.is_business_day(date(2026, 7, 3))


def test_remove_one_part_of_a_combined_name_keeps_the_other() -> None:
    # In the Texas calendar, Monday 19 January 2026 is both Confederate Heroes Day (named
    # "Confederate Memorial Day" by the package) and Martin Luther King Jr. Day (third Monday).
    rules = HolidayRules(subdiv="TX", remove=("Confederate Memorial Day",))
    cal = HolidayCalendar(rules)
    assert cal.holiday_name(date(2026, 1, 19)) == "Martin Luther King Jr. Day"
    assert not cal.is_business_day(date(2026, 1, 19))
    both = HolidayRules(
        subdiv="TX", remove=("Confederate Memorial Day", "Martin Luther King Jr. Day")
    )
    assert HolidayCalendar(both).is_business_day(date(2026, 1, 19))


def test_add_a_fixed_holiday_with_its_observed_days() -> None:
    lincoln = FixedHoliday("Lincoln's Birthday", 2, 12)
    cal = HolidayCalendar(HolidayRules(add=(lincoln,)))
    # 12 February 2027 is a Friday: the day itself.
    assert cal.holiday_name(date(2027, 2, 12)) == "Lincoln's Birthday"
    # 12 February 2028 is a Saturday: observed Friday 11 February 2028.
    assert cal.holiday_name(date(2028, 2, 11)) == "Lincoln's Birthday (observed)"
    # 12 February 2023 was a Sunday: observed Monday 13 February 2023.
    assert cal.holiday_name(date(2023, 2, 13)) == "Lincoln's Birthday (observed)"
    assert not cal.is_business_day(date(2023, 2, 13))
    # Without observance the weekday next to it stays a business day.
    plain = HolidayCalendar(HolidayRules(add=(FixedHoliday("Lincoln's Birthday", 2, 12, False),)))
    assert plain.is_business_day(date(2028, 2, 11))
    assert plain.is_business_day(date(2023, 2, 13))


def test_an_added_holiday_observed_across_a_year_end() -> None:
    # Replace the package's New Year's Day by an added one: 1 January 2022 is a Saturday,
    # so the added holiday must be observed on Friday 31 December 2021.
    rules = HolidayRules(remove=("New Year's Day",), add=(FixedHoliday("New Year", 1, 1),))
    cal = HolidayCalendar(rules)
    assert cal.holiday_name(date(2021, 12, 31)) == "New Year (observed)"
    assert cal.holiday_name(date(2022, 1, 1)) == "New Year"


def test_an_added_holiday_on_an_existing_one_joins_the_names() -> None:
    rules = HolidayRules(add=(FixedHoliday("Fourth", 7, 4),))
    cal = HolidayCalendar(rules)
    assert cal.holiday_name(date(2026, 7, 4)) == "Independence Day; Fourth"
    assert cal.holiday_name(date(2026, 7, 3)) == "Independence Day (observed); Fourth (observed)"


# -- business-day arithmetic ------------------------------------------------------------


def test_add_business_days_across_a_year_end() -> None:
    cal = federal()
    # From Wed 15 Dec 2021: 16, 17 (1-2); 20-23 (3-6); Fri 24 is Christmas observed;
    # 27-30 (7-10); Fri 31 is New Year's Day observed; 3-7 Jan (11-15); 10-14 Jan (16-20).
    assert cal.add_business_days(date(2021, 12, 15), 20) == date(2022, 1, 14)
    assert cal.add_business_days(date(2021, 12, 15), 0) == date(2021, 12, 15)
    # Day 10 is Thu 30 Dec 2021; day 11 skips the observed New Year to Mon 3 Jan 2022.
    assert cal.add_business_days(date(2021, 12, 15), 10) == date(2021, 12, 30)
    assert cal.add_business_days(date(2021, 12, 15), 11) == date(2022, 1, 3)


def test_add_business_days_across_a_block_boundary() -> None:
    cal = federal()
    # From Mon 20 Dec 1999: 21-23 (1-3); Fri 24 Christmas observed; 27-30 (4-7);
    # Fri 31 New Year observed; Mon 3 Jan 2000 (8). Years 1999 and 2000 are in different blocks.
    assert cal.add_business_days(date(1999, 12, 20), 8) == date(2000, 1, 3)


def test_count_business_days() -> None:
    cal = federal()
    # After Tue 1 Dec 2026 up to and including Tue 22 Dec 2026: 2-4 (3), 7-11 (5),
    # 14-18 (5), 21-22 (2) = 15.
    assert cal.count_business_days(date(2026, 12, 1), date(2026, 12, 22)) == 15
    assert cal.count_business_days(date(2026, 12, 22), date(2026, 12, 1)) == 0


def test_next_business_day() -> None:
    cal = federal()
    # Thanksgiving 2026 (Thu) -> Fri 27; Sat 4 Jul 2026 -> Mon 6 Jul (Fri 3 is observed, past).
    assert cal.next_business_day(date(2026, 11, 26)) == date(2026, 11, 27)
    assert cal.next_business_day(date(2026, 7, 4)) == date(2026, 7, 6)
    assert cal.next_business_day(date(2026, 7, 6)) == date(2026, 7, 6)


def test_holidays_between_lists_federal_holidays_in_order() -> None:
    cal = federal()
    got = cal.holidays_between(date(2026, 11, 1), date(2027, 1, 5))
    assert got == [
        (date(2026, 11, 11), "Veterans Day"),
        (date(2026, 11, 26), "Thanksgiving Day"),
        (date(2026, 12, 25), "Christmas Day"),
        (date(2027, 1, 1), "New Year's Day"),
    ]
    assert cal.holidays_between(date(2027, 1, 5), date(2026, 11, 1)) == []


def test_years_outside_the_supported_range_are_refused() -> None:
    cal = federal()
    with pytest.raises(CalendarRangeError):
        cal.is_business_day(date(1989, 12, 29))
    with pytest.raises(CalendarRangeError):
        cal.add_business_days(date(2100, 12, 20), 30)
    with pytest.raises(ValueError):
        cal.add_business_days(date(2026, 1, 5), -1)


def test_far_years_load_lazily() -> None:
    cal = federal()
    # Christmas 2099 is a Friday; New Year's Day 2100 is a Friday.
    assert cal.holiday_name(date(2099, 12, 25)) == "Christmas Day"
    assert cal.holiday_name(date(2100, 1, 1)) == "New Year's Day"
    assert cal.holiday_name(date(1990, 12, 25)) == "Christmas Day"


# -- cache and start-up cost --------------------------------------------------------------


def test_calendar_cache_reuses_by_rules() -> None:
    cache = CalendarCache()
    a = cache.for_rules(HolidayRules(subdiv="TX"))
    assert cache.for_rules(HolidayRules(subdiv="TX")) is a
    assert cache.for_rules(HolidayRules(subdiv="CA")) is not a
    assert CalendarCache().for_rules(HolidayRules(subdiv="TX")) is not a  # no global cache


def test_calendar_cache_for_jurisdiction(jurisdictions) -> None:  # type: ignore[no-untyped-def]
    us = jurisdictions.get("US")
    cache = CalendarCache()
    cal = cache.for_jurisdiction(us)
    assert cal is cache.for_rules(us.holidays)
    assert cal.holiday_name(date(2026, 11, 26)) == "Thanksgiving Day"


def test_holidays_package_is_imported_lazily() -> None:
    code = (
        "import sys\n"
        "from datetime import date\n"
        "from foia_assist.domain.calendars import CalendarCache\n"
        "from foia_assist.domain.jurisdictions import HolidayRules\n"
        "import foia_assist.domain.deadlines\n"
        "assert 'holidays' not in sys.modules\n"
        "cal = CalendarCache().for_rules(HolidayRules())\n"
        "assert 'holidays' not in sys.modules\n"
        "assert cal.holiday_name(date(2026, 11, 26)) == 'Thanksgiving Day'\n"
        "assert 'holidays' in sys.modules\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
