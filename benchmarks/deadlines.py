"""Deadline throughput: due dates per second for a 10-business-day rule.

Compares the engine's fast path (`add_days`, a bisect into precomputed business days) with a
naive day-by-day loop measured in the same run, on the federal calendar and California's
(HolidayRules(subdiv="CA")), for random receipt dates in 2025-2030 from a seeded RNG.

Run: .venv/bin/python benchmarks/deadlines.py [--n 200000]
"""

from __future__ import annotations

import argparse
import random
import time
from collections.abc import Callable
from datetime import date, timedelta

from foia_assist.domain.calendars import CalendarCache, HolidayCalendar
from foia_assist.domain.day_counting import add_days
from foia_assist.domain.jurisdictions import DayType, HolidayRules

DAYS = 10


def naive(cal: HolidayCalendar, start: date, days: int) -> date:
    d = start
    counted = 0
    while counted < days:
        d += timedelta(days=1)
        if cal.is_business_day(d):
            counted += 1
    return d


def receipts(n: int, seed: int) -> list[date]:
    rng = random.Random(seed)
    first = date(2025, 1, 1).toordinal()
    last = date(2030, 12, 31).toordinal()
    return [date.fromordinal(rng.randint(first, last)) for _ in range(n)]


def rate(label: str, fn: Callable[[date], date], dates: list[date]) -> tuple[float, list[date]]:
    t0 = time.perf_counter()
    out = [fn(d) for d in dates]
    elapsed = time.perf_counter() - t0
    per_second = len(dates) / elapsed
    print(f"  {label:<10} {per_second:>12,.0f} due dates/s  ({len(dates):,} in {elapsed:.3f} s)")
    return per_second, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=200_000, help="receipt dates per calendar")
    parser.add_argument("--seed", type=int, default=20261123)
    args = parser.parse_args()

    cache = CalendarCache()
    dates = receipts(args.n, args.seed)
    naive_dates = dates[: max(1, args.n // 10)]  # the naive loop is slow; a tenth is enough
    for label, rules in (("federal", HolidayRules()), ("CA", HolidayRules(subdiv="CA"))):
        cal = cache.for_rules(rules)
        t0 = time.perf_counter()
        cal.add_business_days(date(2025, 1, 1), 1)
        cal.add_business_days(date(2030, 12, 31), DAYS)  # load every year used (one-off)
        print(f"{label} calendar, {DAYS} business days: loaded in {time.perf_counter() - t0:.4f} s")
        fast, fast_out = rate(
            "fast", lambda d, c=cal: add_days(c, d, DAYS, DayType.BUSINESS, False), dates
        )
        slow, slow_out = rate("naive", lambda d, c=cal: naive(c, d, DAYS), naive_dates)
        if fast_out[: len(slow_out)] != slow_out:
            raise SystemExit(f"{label}: fast and naive results differ")
        print(f"  ratio      {fast / slow:>12.1f}x (fast / naive; results identical)")


if __name__ == "__main__":
    main()
