"""A tracked request's status: the words the requests list shows and filters by.

Apart from `lifecycle` (which derives it from the events, and re-exports it) so that the
window's first list (stored summaries, `services/request_rows.py`) and its status filter
import only this, not the events' dataclasses and the rules they use.
"""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    DRAFTED = "drafted"
    SENT = "sent"  # posted; receipt not yet established
    AWAITING_RESPONSE = "awaiting response"
    PAUSED_CLARIFICATION = "paused: clarification"
    PAUSED_FEES = "paused: fees"
    EXTENDED = "extended"
    PARTIALLY_RELEASED = "partially released"
    COMPLETE = "complete"
    DENIED = "denied"
    APPEALING = "appealing"
    APPEAL_DECIDED = "appeal decided"
    WITHDRAWN = "withdrawn"


# Statuses after which no follow-up or reminder to chase the agency is suggested.
CLOSED_STATUSES = frozenset({Status.COMPLETE, Status.WITHDRAWN})
