"""Free-text search over the requests table: agency, state (code or name), status, dates, reference.

"virginia", "va", "denied", "awaiting", "2026-11" and "Nov 2026" all find what a person
typing them means. Every word must match somewhere (so "texas denied" narrows).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from foia_assist.services.tracker import RequestRow

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def _date_words(d: date | None) -> str:
    if d is None:
        return ""
    month = _MONTHS[d.month - 1]
    return f"{d.isoformat()} {month} {month[:3]} {d.year} {d.day}"


def haystack(row: RequestRow, names: Mapping[str, str]) -> str:
    """Everything a row can be found by, case-folded."""
    parts = (
        row.agency,
        row.jurisdiction,
        names.get(row.jurisdiction, ""),
        row.status.value,
        row.tracking_number,
        _date_words(row.sent),
        _date_words(row.due),
    )
    return " ".join(parts).casefold()


def matches(row: RequestRow, query: str, names: Mapping[str, str]) -> bool:
    words = query.casefold().split()
    if not words:
        return True
    hay = haystack(row, names)
    return all(word in hay for word in words)
