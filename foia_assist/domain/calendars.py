"""Holiday calendars: which days a jurisdiction's agencies close, and fast business-day arithmetic.

A `HolidayCalendar` is built from a jurisdiction's `HolidayRules` on top of the `holidays`
package, then corrected (`remove`, `add`). Years are loaded lazily, a block at a time, as
dates are asked for. For each loaded block the calendar keeps a sorted array of the ordinals
of every business day, so "the Nth business day after D" is one bisect plus an index.
"""

from __future__ import annotations

import threading
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, replace
from datetime import date, timedelta

from foia_assist.domain.jurisdictions import OBSERVED_RULES, HolidayRules, Jurisdiction

MIN_YEAR = 1990
MAX_YEAR = 2100
_BLOCK = 10  # years loaded at a time, aligned to MIN_YEAR
_OBSERVED = " (observed)"
_SEP = "; "


class CalendarRangeError(ValueError):
    """A date outside the years the calendars cover (MIN_YEAR to MAX_YEAR)."""

    def __init__(self, year: int) -> None:
        super().__init__(
            f"year {year} is outside the years this app can count ({MIN_YEAR}-{MAX_YEAR})"
        )
        self.year = year


@dataclass(frozen=True)
class _Span:
    """Everything known about the loaded years [first_year, last_year]. Never mutated."""

    first_year: int
    last_year: int
    first_ord: int  # ordinal of 1 January of first_year
    last_ord: int  # ordinal of 31 December of last_year
    names: dict[int, str]  # holiday ordinal -> names joined with "; "
    holiday_ords: list[int]  # sorted keys of `names`
    business_ords: list[int]  # sorted ordinals of every business day in the span


_EMPTY = _Span(0, -1, 1, 0, {}, [], [])


class HolidayCalendar:
    """The closure days of one jurisdiction's agencies, any year from 1990 to 2100."""

    def __init__(self, rules: HolidayRules) -> None:
        self.rules = rules
        self._span = _EMPTY
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"HolidayCalendar({self.rules.country}, subdiv={self.rules.subdiv!r})"

    # -- queries ---------------------------------------------------------------

    def holiday_name(self, d: date) -> str | None:
        """The holiday's name(s) on `d`, joined with "; ", or None if it is not a holiday."""
        return self._covering(d.year, d.year).names.get(d.toordinal())

    def is_business_day(self, d: date) -> bool:
        """Monday to Friday and not a holiday."""
        if d.weekday() >= 5:
            return False
        return d.toordinal() not in self._covering(d.year, d.year).names

    def holidays_between(self, start: date, end: date) -> list[tuple[date, str]]:
        """Every holiday from `start` to `end`, both included, in date order."""
        if end < start:
            return []
        span = self._covering(start.year, end.year)
        lo = bisect_left(span.holiday_ords, start.toordinal())
        hi = bisect_right(span.holiday_ords, end.toordinal())
        return [(date.fromordinal(o), span.names[o]) for o in span.holiday_ords[lo:hi]]

    def add_business_days(self, start: date, n: int) -> date:
        """The `n`th business day after `start` (`start` is day 0; n=0 gives `start`)."""
        if n < 0:
            raise ValueError(f"cannot count a negative number of business days ({n})")
        if n == 0:
            return start
        o = start.toordinal()
        span = self._span
        if span.first_ord <= o <= span.last_ord:
            i = bisect_right(span.business_ords, o) + n - 1
            if i < len(span.business_ords):
                return date.fromordinal(span.business_ords[i])
        # Slow path: load enough years (about 250 business days a year, plus a spare year).
        extra = n // 240 + 1
        while True:
            span = self._covering(start.year, min(start.year + extra, MAX_YEAR))
            i = bisect_right(span.business_ords, o) + n - 1
            if i < len(span.business_ords):
                return date.fromordinal(span.business_ords[i])
            if span.last_year >= MAX_YEAR:
                raise CalendarRangeError(MAX_YEAR + 1)
            extra *= 2

    def next_business_day(self, d: date) -> date:
        """`d` itself if it is a business day, otherwise the first business day after it."""
        o = d.toordinal()
        span = self._covering(d.year, min(d.year + 1, MAX_YEAR))
        i = bisect_left(span.business_ords, o)
        if i < len(span.business_ords):
            return date.fromordinal(span.business_ords[i])
        raise CalendarRangeError(MAX_YEAR + 1)  # only after the last business day of 2100

    def count_business_days(self, after: date, through: date) -> int:
        """How many business days fall after `after`, up to and including `through`."""
        if through <= after:
            return 0
        span = self._covering(after.year, through.year)
        ords = span.business_ords
        return bisect_right(ords, through.toordinal()) - bisect_right(ords, after.toordinal())

    # -- loading -----------------------------------------------------------------

    def _covering(self, first_year: int, last_year: int) -> _Span:
        span = self._span
        if span.first_year <= first_year and last_year <= span.last_year:
            return span
        for year in (first_year, last_year):
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise CalendarRangeError(year)
        with self._lock:
            span = self._span
            if span.first_year <= first_year and last_year <= span.last_year:
                return span
            lo = MIN_YEAR + (first_year - MIN_YEAR) // _BLOCK * _BLOCK
            hi = min(MIN_YEAR + (last_year - MIN_YEAR) // _BLOCK * _BLOCK + _BLOCK - 1, MAX_YEAR)
            if span.last_year >= span.first_year:  # keep what is loaded: one contiguous span
                lo, hi = min(lo, span.first_year), max(hi, span.last_year)
            span = _build_span(self.rules, lo, hi)
            self._span = span
            return span


def _build_span(rules: HolidayRules, first_year: int, last_year: int) -> _Span:
    # One year either side, so an observed day that crosses a year end is always found
    # (New Year's Day on a Saturday is observed on 31 December of the year before).
    names = _holiday_names(rules, range(first_year - 1, last_year + 2))
    first_ord = date(first_year, 1, 1).toordinal()
    last_ord = date(last_year, 12, 31).toordinal()
    kept = {o: n for o, n in names.items() if first_ord <= o <= last_ord}
    business: list[int] = []
    # date(1, 1, 1) (ordinal 1) is a Monday, so (o - 1) % 7 is the weekday.
    for o in range(first_ord, last_ord + 1):
        if (o - 1) % 7 < 5 and o not in kept:
            business.append(o)
    return _Span(first_year, last_year, first_ord, last_ord, kept, sorted(kept), business)


def _holiday_names(rules: HolidayRules, years: range) -> dict[int, str]:
    import holidays  # lazy: importing the package costs about 80 ms at start-up

    own_rule = rules.observed_rule
    package = holidays.country_holidays(
        rules.country,
        subdiv=rules.subdiv,
        # With an explicit weekend rule the package's observed days are replaced by ours.
        observed=rules.observed and own_rule is None,
        years=years,
        categories=("public",),
    )
    removed = set(rules.remove)
    actual: list[tuple[date, str]] = []
    for day, combined in package.items():
        actual.extend(
            (day, part) for part in str(combined).split(_SEP) if not _is_removed(part, removed)
        )
    for extra in rules.add:
        if own_rule is not None:
            extra = replace(extra, observed=False)
        for year in years:
            actual.extend(extra.dates_in(year))
    if rules.observed and own_rule is not None:
        actual.extend(_observed_days(actual, own_rule))
    by_day: dict[int, list[str]] = {}
    for day, name in actual:
        parts = by_day.setdefault(day.toordinal(), [])
        if name not in parts:
            parts.append(name)
    return {o: _SEP.join(parts) for o, parts in by_day.items()}


def _observed_days(actual: list[tuple[date, str]], rule: str) -> list[tuple[date, str]]:
    """Substitute weekdays for holidays that fall on a weekend, under one explicit rule."""
    moved: list[tuple[date, str]] = []
    for day, name in actual:
        weekday = day.weekday()
        if weekday == 6 and rule in OBSERVED_RULES:  # every rule moves Sunday to Monday
            moved.append((day + timedelta(days=1), name + _OBSERVED))
        elif weekday == 5 and rule == "saturday-to-friday-sunday-to-monday":
            moved.append((day - timedelta(days=1), name + _OBSERVED))
        elif weekday == 5 and rule == "weekend-to-monday":
            moved.append((day + timedelta(days=2), name + _OBSERVED))
    return moved


def _is_removed(name: str, removed: set[str]) -> bool:
    if name in removed:
        return True
    return name.endswith(_OBSERVED) and name[: -len(_OBSERVED)] in removed


class CalendarCache:
    """One `HolidayCalendar` per distinct `HolidayRules`, built on first use."""

    def __init__(self) -> None:
        self._calendars: dict[HolidayRules, HolidayCalendar] = {}
        self._lock = threading.Lock()

    def for_rules(self, rules: HolidayRules) -> HolidayCalendar:
        found = self._calendars.get(rules)
        if found is not None:
            return found
        with self._lock:
            return self._calendars.setdefault(rules, HolidayCalendar(rules))

    def for_jurisdiction(self, jurisdiction: Jurisdiction) -> HolidayCalendar:
        return self.for_rules(jurisdiction.holidays)
