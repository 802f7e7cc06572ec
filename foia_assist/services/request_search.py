"""Free-text search over the requests table: agency, state (code or name), status, dates, reference.

"virginia", "va", "denied", "awaiting", "overdue", "due today", "due soon", "2026-11",
"Nov 2026", "nov 20", "20 November" and "11/20" (US order, "11/20/2026" too) all find what a
person typing them means (the words the Days left column shows; a day is matched as part of
an ISO date, so "nov 20" no longer finds every row of 2026). Every word must match somewhere
(so "texas denied" narrows).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from foia_assist.services.tracker import RequestRow
    from foia_assist.storage.clock_summary_repo import SearchWord, SummaryQuery

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


_US_DATE = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?$")
_DAY = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?,?$")
_YEAR = re.compile(r"^\d{4}$")


def _month_of(word: str) -> int | None:
    """1-12 for a month's name or its first three letters or more ("nov", "novem")."""
    word = word.rstrip(".,")
    if len(word) < 3:
        return None
    found = [i for i, m in enumerate(_MONTHS, 1) if m.startswith(word)]
    return found[0] if len(found) == 1 else None


def _iso_day(month: int, day: int, year: str | None) -> str | None:
    """ "-MM-DD" (or "YYYY-MM-DD"): the part of an ISO date the day names; None if no such day."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if year is not None:
        full = int(year) + 2000 if len(year) == 2 else int(year)
        try:
            return date(full, month, day).isoformat()
        except ValueError:
            return None
    return f"-{month:02d}-{day:02d}"


def date_terms(text: str) -> list[str]:
    """The search text's words with dates made into ISO parts: "11/20" -> "-11-20",
    "nov 20" and "20 november" -> "-11-20", "nov 20 2026" and "11/20/2026" -> "2026-11-20".
    Other words are kept as typed (case-folded)."""
    words = text.casefold().split()
    out: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        us = _US_DATE.match(word)
        if us is not None:
            iso = _iso_day(int(us[1]), int(us[2]), us[3])
            out.append(iso or word)
            i += 1
            continue
        nxt = words[i + 1] if i + 1 < len(words) else ""
        month, day = _month_of(word), None
        if month is not None and _DAY.match(nxt):
            day = int(re.sub(r"\D", "", nxt))
        elif _DAY.match(word) and _month_of(nxt) is not None:
            month, day = _month_of(nxt), int(re.sub(r"\D", "", word))
        if month is not None and day is not None:
            after = words[i + 2] if i + 2 < len(words) else ""
            year = after if _YEAR.match(after) else None
            iso = _iso_day(month, day, year)
            if iso is not None:
                out.append(iso)
                i += 3 if year else 2
                continue
        out.append(word)
        i += 1
    return out


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
        # What the list says of it ("Overdue by 3 days", "Due today", "Due soon: 4 days");
        # the filters have the same words.
        "overdue" if row.overdue else "",
        *_due_words(row.days_left),
    )
    return " ".join(parts).casefold()


def _due_words(days_left: int | None) -> tuple[str, ...]:
    """ "due" for a row with a due date, "today" and "soon" as its Days left says (Find "due
    today" found nothing beside two rows saying "Due today")."""
    from foia_assist.services.urgency import DUE_SOON_DAYS

    if days_left is None:
        return ()
    return (
        "due",
        "today" if days_left == 0 else "",
        "soon" if 0 <= days_left <= DUE_SOON_DAYS else "",
    )


def matches(row: RequestRow, query: str, names: Mapping[str, str]) -> bool:
    words = date_terms(query)
    if not words:
        return True
    hay = haystack(row, names)
    return all(word in hay for word in words)


# The window's filter values beyond the statuses themselves.
OVERDUE, DUE_SOON, NEEDS_ACTION = "overdue", "soon", "action"


def search_words(
    text: str, names: Mapping[str, str], today: date | None = None
) -> tuple[SearchWord, ...]:
    """What `matches` looks for, as words the database can match (`SummaryQuery.search`):
    each word with the jurisdictions, statuses and months whose names contain it, and (with
    `today`) the rows overdue on that day when it is part of "overdue", the rows with a due
    date when part of "due", due that day for "today" and due soon for "soon"."""
    from foia_assist.domain.status import Status
    from foia_assist.services.urgency import DUE_SOON_DAYS
    from foia_assist.storage.clock_summary_repo import SearchWord

    iso = today.isoformat() if today is not None else None
    soon = (today + timedelta(days=DUE_SOON_DAYS)).isoformat() if today is not None else None
    out = []
    for word in date_terms(text):
        ranges = []
        if iso is not None and soon is not None:
            if word in "today":
                ranges.append((iso, iso))
            if word in "soon":
                ranges.append((iso, soon))
        out.append(
            SearchWord(
                word,
                codes=tuple(sorted(c for c, n in names.items() if word in n.casefold())),
                statuses=tuple(s.value for s in Status if word in s.value),
                months=tuple(f"{i:02d}" for i, m in enumerate(_MONTHS, 1) if word in m),
                due_before=iso if word in "overdue" else None,
                has_due=iso is not None and word in "due",
                due_between=tuple(ranges),
            )
        )
    return tuple(out)


def filter_query(
    today: date,
    *,
    status: str = "",
    jurisdiction: str = "",
    text: str = "",
    names: Mapping[str, str] | None = None,
    order: str = "id",
    descending: bool = False,
) -> SummaryQuery:
    """The window's filters as one database query for the day the list is shown: a status
    (or OVERDUE / DUE_SOON / NEEDS_ACTION, by `services.urgency`'s rules), a jurisdiction
    and the search text."""
    from foia_assist.services.urgency import DUE_SOON_DAYS
    from foia_assist.storage.clock_summary_repo import SummaryQuery

    iso, soon = today.isoformat(), (today + timedelta(days=DUE_SOON_DAYS)).isoformat()
    fields: dict[str, object] = {}
    if status == OVERDUE:
        fields["due_before"] = iso
    elif status == DUE_SOON:
        fields.update(due_from=iso, due_until=soon)
    elif status == NEEDS_ACTION:
        fields.update(action_until=soon, today=iso)
    elif status:
        fields["status"] = status
    return SummaryQuery(
        jurisdiction=jurisdiction or None,
        search=search_words(text, names or {}, today),
        order=order,
        descending=descending,
        **fields,  # type: ignore[arg-type]
    )
