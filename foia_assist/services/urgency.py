"""How pressing a tracked request is: overdue, due soon, or neither; in words and as a summary.

The table's colours, its "Days left" words, the filters and the start summary all use these,
so a row is "due soon" by one rule everywhere.
"""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Sequence

    from foia_assist.services.tracker import RequestRow

DUE_SOON_DAYS = 7


class Urgency(StrEnum):
    NONE = ""
    SOON = "soon"
    OVERDUE = "overdue"


def urgency(row: RequestRow) -> Urgency:
    """The same rule for colour, text, filters and the summary."""
    if row.days_left is None:
        return Urgency.NONE
    if row.days_left < 0:
        return Urgency.OVERDUE
    if row.days_left <= DUE_SOON_DAYS:
        return Urgency.SOON
    return Urgency.NONE


def reminder_due(row: RequestRow, today: date | None) -> bool:
    return today is not None and row.next_reminder is not None and row.next_reminder <= today


def days_left_text(row: RequestRow) -> str:
    """'12 days', 'Due soon: 3 days', 'Overdue by 2 days'; after a denial the requester's
    own window to appeal ('Appeal within 12 days', 'No appeal deadline'); while an appeal is
    pending the deciding body's ('Decision due in 4 days', 'Decision overdue by 1 day')."""
    from foia_assist.domain.status import Status

    left = row.days_left
    if row.status is Status.DENIED:
        if left is None:
            return "No appeal deadline"
        if left < 0:
            return "Appeal window closed"
        return f"Appeal within {left} day{'s' if left != 1 else ''}"
    if row.status is Status.APPEALING and left is not None:
        if left < 0:
            return f"Decision overdue by {-left} day{'s' if left != -1 else ''}"
        if left == 0:
            return "Decision due today"
        return f"Decision due in {left} day{'s' if left != 1 else ''}"
    if left is None:
        return "—"
    if left < 0:
        n = -left
        return f"Overdue by {n} day{'s' if n != 1 else ''}"
    if left == 0:
        return "Due today"
    text = f"{left} day{'s' if left != 1 else ''}"
    return f"Due soon: {text}" if left <= DUE_SOON_DAYS else text


def summary_text(rows: Sequence[RequestRow], today: date | None = None) -> str:
    """One line for the top of the window: what is overdue, due this week, reminded."""
    overdue = [r for r in rows if urgency(r) is Urgency.OVERDUE]
    soon = [r for r in rows if urgency(r) is Urgency.SOON]
    reminded = [r for r in rows if reminder_due(r, today)]
    if not overdue and not soon and not reminded:
        return f"Nothing is overdue or due in the next {DUE_SOON_DAYS} days."
    parts = []
    if overdue:
        parts.append(f"⚠ {len(overdue)} overdue ({_names(overdue)})")
    if soon:
        parts.append(f"{len(soon)} due this week ({_names(soon)})")
    if reminded:
        parts.append(f"Reminder due: {_names(reminded)}")
    return " · ".join(parts)


def _names(rows: Sequence[RequestRow]) -> str:
    return ", ".join(r.agency for r in rows[:3]) + ("…" if len(rows) > 3 else "")


def needs_action(row: RequestRow, today: date | None) -> bool:
    """Something for the requester to do now: overdue or due within the week, a reminder
    whose day has come, a letter not sent yet, or a denial whose appeal window is open."""
    from foia_assist.domain.status import Status

    if urgency(row) is not Urgency.NONE or reminder_due(row, today):
        return True
    if row.status is Status.DRAFTED:
        return True
    return row.status is Status.DENIED and row.days_left is not None and row.days_left >= 0
