"""One line of the requests list (`RequestRow`) and building them from stored summaries.

Kept apart from `services.tracker` so the start-up list imports only this, the lifecycle's
statuses and the database (not the clocks, the rules or the letters).
"""

from __future__ import annotations

import gc
from collections.abc import Iterable
from datetime import date
from typing import Any, NamedTuple

from foia_assist.domain.status import Status


class RequestRow(NamedTuple):
    """One line of the requests table (a tuple: 100,000 of them are built per listing)."""

    id: int
    agency: str
    jurisdiction: str
    status: Status
    sent: date | None
    due: date | None  # open response deadline, or the appeal deadline after a denial
    days_left: int | None  # calendar days from `today`; negative when overdue
    tracking_number: str
    next_reminder: date | None = None  # soonest pending reminder; before today: missed

    @property
    def overdue(self) -> bool:
        return self.days_left is not None and self.days_left < 0

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "agency": self.agency,
            "jurisdiction": self.jurisdiction,
            "status": self.status.value,
            "sent": self.sent.isoformat() if self.sent else None,
            "due": self.due.isoformat() if self.due else None,
            "days_left": self.days_left,
            "overdue": self.overdue,
            "tracking_number": self.tracking_number,
            "next_reminder": self.next_reminder.isoformat() if self.next_reminder else None,
        }


_STATUSES = {s.value: s for s in Status}


def stored_rows(records: Iterable[tuple[Any, ...]], today: date) -> list[RequestRow]:
    """RequestRows from stored summaries (`ClockSummaryRepository.listing`), for `today`.

    A list of 100,000 holds a few hundred distinct days: each is parsed once, and its days
    left from `today` worked out once."""
    statuses, new_row, base = _STATUSES, tuple.__new__, today.toordinal()
    days: dict[str | None, date | None] = {None: None}
    left: dict[str | None, int | None] = {None: None}

    def day(text: str) -> date:
        d = days[text] = date.fromisoformat(text)
        left[text] = d.toordinal() - base
        return d

    out: list[RequestRow] = []
    append = out.append
    # Many small acyclic tuples: the cyclic collector would only rescan them (as in `listing`).
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        for rid, agency, code, status, sent, due, tracking, reminder in records:
            due_day = days[due] if due in days else day(due)
            append(
                new_row(
                    RequestRow,
                    (
                        rid,
                        agency,
                        code,
                        statuses[status],
                        days[sent] if sent in days else day(sent),
                        due_day,
                        left[due],
                        tracking,
                        days[reminder] if reminder in days else day(reminder),
                    ),
                )
            )
    finally:
        if was_enabled:
            gc.enable()
    return out
