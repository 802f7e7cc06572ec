"""Log a proposed event the user confirmed (from a reply read by `reply_reader`).

The event's note says where it came from (the attachment and the sentence it rests on), so the
timeline shows why it was logged; the agency's reference number, when the reply gives one and
the request has none yet, becomes the request's tracking number.
"""

from __future__ import annotations

from dataclasses import replace

from foia_assist.services.casefile.reply_reader import Suggestion
from foia_assist.services.tracker import TrackerService

MAX_EVIDENCE = 400


def log_suggestion(
    tracker: TrackerService, request_id: int, s: Suggestion, source_name: str = ""
) -> int:
    """Log `s` (as the user confirmed or edited it) on the request; returns the event id."""
    if s.date is None:
        raise ValueError("a proposed event needs its date before it is logged")
    evidence = " ".join(s.evidence.split())
    if len(evidence) > MAX_EVIDENCE:
        evidence = evidence[: MAX_EVIDENCE - 1] + "…"
    where = f"from {source_name}: " if source_name else ""
    note = f"{where}“{evidence}”"
    if s.kind == "fee_estimate" and s.amount is not None:
        note = f"estimated fee ${s.amount:,.2f}; {note}"
    if s.kind == "acknowledged" and s.reference:
        current = tracker.get(request_id)
        if not current.tracking_number:
            tracker.set_tracking_number(request_id, s.reference)
    return tracker.log_event(
        request_id,
        s.kind,
        s.date,
        days=s.days if s.kind == "extension" and s.new_date is None else None,
        new_date=s.new_date if s.kind == "extension" else None,
        note=note,
        exemptions=s.exemptions if s.kind == "denied" else (),
        partial=s.partial if s.kind == "records_released" else False,
    )


def edited(s: Suggestion, **changes: object) -> Suggestion:
    """`s` with the user's edits (date, new_date, days, amount, exemptions, partial)."""
    return replace(s, **changes)  # type: ignore[arg-type]
