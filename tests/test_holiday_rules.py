"""Added-holiday rules in the rule files: fixed dates, nth weekdays, Easter offsets."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from foia_assist.domain.jurisdictions import FixedHoliday, easter_sunday, nth_weekday
from foia_assist.storage.rule_files import RuleFileError, load_jurisdiction_file


@pytest.mark.parametrize(
    ("year", "expected"),
    # Published Western Easter dates.
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5)),
     (2027, date(2027, 3, 28)), (2038, date(2038, 4, 25)), (2000, date(2000, 4, 23))],
)  # fmt: skip
def test_easter(year: int, expected: date) -> None:
    assert easter_sunday(year) == expected


def test_nth_weekday() -> None:
    assert nth_weekday(2026, 11, 3, 4) == date(2026, 11, 26)  # Thanksgiving 2026
    assert nth_weekday(2024, 11, 3, 4) == date(2024, 11, 28)  # Nov 1 2024 was a Friday
    assert nth_weekday(2026, 5, 0, -1) == date(2026, 5, 25)  # Memorial Day
    assert nth_weekday(2026, 9, 4, 4) == date(2026, 9, 25)  # CA Native American Day


def test_friday_after_thanksgiving_is_not_the_fourth_friday() -> None:
    rule = FixedHoliday("Day after Thanksgiving", month=11, weekday=3, nth=4, offset_days=1)
    assert rule.dates_in(2024) == [(date(2024, 11, 29), "Day after Thanksgiving")]
    assert nth_weekday(2024, 11, 4, 4) == date(2024, 11, 22)  # the 4th Friday is wrong


def test_fixed_date_observed() -> None:
    rule = FixedHoliday("Day after Christmas", month=12, day=26)
    assert rule.dates_in(2026) == [
        (date(2026, 12, 26), "Day after Christmas"),
        (date(2026, 12, 25), "Day after Christmas (observed)"),  # Saturday -> Friday
    ]
    assert FixedHoliday("Leap", month=2, day=29).dates_in(2026) == []


BASE = (
    Path(__file__).resolve().parent.parent / "resources" / "jurisdictions" / "US.toml"
).read_text(encoding="utf-8")


def _with_added(tmp_path: Path, extra: str) -> Path:
    path = tmp_path / "US.toml"
    path.write_text(BASE + "\n" + extra, encoding="utf-8")
    return path


def test_loader_reads_each_rule(tmp_path: Path) -> None:
    path = _with_added(
        tmp_path,
        '[[holidays.add]]\nname = "Good Friday"\neaster_offset = -2\n'
        '[[holidays.add]]\nname = "Native American Day"\nmonth = 9\nweekday = "Friday"\nnth = 4\n',
    )
    added = load_jurisdiction_file(path).holidays.add
    assert added[0].dates_in(2026)[0][0] == date(2026, 4, 3)
    assert added[1].dates_in(2026)[0][0] == date(2026, 9, 25)


@pytest.mark.parametrize(
    ("extra", "field"),
    [
        ('[[holidays.add]]\nname = "X"\nmonth = 9\n', "holidays.add[0].name"),
        ('[[holidays.add]]\nname = "X"\nmonth = 9\nweekday = "Funday"\nnth = 1\n',
         "holidays.add[0].weekday"),
        ('[[holidays.add]]\nname = "X"\nmonth = 9\nweekday = "monday"\nnth = 0\n',
         "holidays.add[0].nth"),
        ('[[holidays.add]]\nname = "X"\nmonth = 13\nday = 1\n', "holidays.add[0].month"),
    ],
)  # fmt: skip
def test_loader_names_bad_rules(tmp_path: Path, extra: str, field: str) -> None:
    with pytest.raises(RuleFileError) as err:
        load_jurisdiction_file(_with_added(tmp_path, extra))
    assert err.value.field == field
    assert "US.toml" in str(err.value)


def test_observed_rules_replace_the_packages_weekend_shift() -> None:
    from foia_assist.domain.calendars import HolidayCalendar
    from foia_assist.domain.jurisdictions import HolidayRules

    # July 4 2026 is a Saturday; July 4 2027 a Sunday.
    package = HolidayCalendar(HolidayRules())
    assert package.holiday_name(date(2026, 7, 3)) == "Independence Day (observed)"

    sunday_only = HolidayCalendar(HolidayRules(observed_rule="sunday-to-monday"))
    assert sunday_only.is_business_day(date(2026, 7, 3))  # Saturday holidays don't move
    assert sunday_only.holiday_name(date(2027, 7, 5)) == "Independence Day (observed)"

    to_monday = HolidayCalendar(HolidayRules(observed_rule="weekend-to-monday"))
    assert to_monday.is_business_day(date(2026, 7, 3))
    assert to_monday.holiday_name(date(2026, 7, 6)) == "Independence Day (observed)"

    # An added fixed holiday follows the same explicit rule: 26 Dec 2026 is a Saturday.
    boxing = FixedHoliday("Day after Christmas", month=12, day=26)
    rules = HolidayRules(observed_rule="sunday-to-monday", add=(boxing,))
    cal = HolidayCalendar(rules)
    assert cal.holiday_name(date(2026, 12, 26)) == "Day after Christmas"
    assert cal.holiday_name(date(2026, 12, 25)) == "Christmas Day"  # not also "(observed)"
