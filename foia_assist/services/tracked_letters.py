"""Follow-up and appeal letters from a tracked request: its spec plus what has happened."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from foia_assist.domain.appeal_clocks import APPEAL, APPEAL_DECISION
from foia_assist.domain.clock_readings import ClockReading, ClockState
from foia_assist.domain.jurisdictions import CountsFrom
from foia_assist.domain.lifecycle import EventKind, Facts, Letter, Status
from foia_assist.domain.request import History, RequestSpec

if TYPE_CHECKING:  # types only: the window's detail pane imports this at start-up
    from foia_assist.services.tracker import RequestView

LETTER_KINDS = {"follow-up": "Follow-up", "appeal": "Appeal", "request": "Request"}


def spec_for_letter(view: RequestView) -> RequestSpec:
    """The stored spec with `history` filled from the tracker: receipt, reference, denial, and
    for a follow-up the clock that is late (or next) with its date as tracked, so the letter
    never calls an extended, paused or already-acknowledged deadline missed."""
    request, facts = view.request, view.facts
    denial = next((e for e in reversed(view.timeline) if e.kind is EventKind.DENIED), None)
    followed = followed_clock(view)
    partial = facts.status is Status.PARTIALLY_RELEASED
    acknowledged = (
        facts.acknowledged
        if followed is not None and followed.state is ClockState.MET and facts.responded is None
        else None
    )
    history = History(
        received=facts.received.date if facts.received else None,
        tracking_number=request.tracking_number,
        denied_on=facts.denied,
        denial_summary=denial.note if denial else "",
        exemptions_cited=denial.exemptions if denial else (),
        clock=followed.name if followed else "",
        due=followed.due if followed else None,
        due_note=due_note(view, followed) if followed else "",
        released_on=facts.responded if partial else None,
        acknowledged_on=acknowledged,
    )
    spec = request.spec.with_agency(jurisdiction=request.jurisdiction, name=request.agency)
    return replace(spec, history=history, letter_date=None)


def follow_up_problem(view: RequestView) -> str | None:
    """Why a follow-up letter makes no sense for this request now (None: it does)."""
    f, rid = view.facts, view.request.id
    s = f.status
    if s is Status.DRAFTED:
        return f"request {rid} has not been sent yet: log 'sent' first"
    if s is Status.COMPLETE:
        when = f" on {f.responded.isoformat()}" if f.responded else ""
        return f"request {rid} is complete (records released{when}): there is nothing to chase"
    if s is Status.WITHDRAWN:
        when = f" on {f.withdrawn.isoformat()}" if f.withdrawn else ""
        return f"request {rid} was withdrawn{when}: there is nothing to chase"
    if s is Status.DENIED:
        when = f" on {f.denied.isoformat()}" if f.denied else ""
        return f"request {rid} was denied{when}: write an appeal letter instead"
    if s in (Status.APPEALING, Status.APPEAL_DECIDED):
        return f"request {rid} is at the appeal stage ({s.value}): a follow-up does not apply"
    return None


def followed_clock(view: RequestView) -> ClockReading | None:
    """The agency's clock a follow-up is about: the most overdue one, else the next one due,
    else a paused one, else the first clock as tracked (None: not sent)."""
    # The appeal clocks are the requester's and the deciding body's, not the agency's answer.
    clocks = [c for c in view.clocks if c.name not in (APPEAL, APPEAL_DECISION)]
    running = [c for c in clocks if c.state in (ClockState.RUNNING, ClockState.PAUSED)]
    late = [c for c in running if c.overdue]
    if late:
        return min(late, key=lambda c: c.days_left or 0)
    dated = [c for c in running if c.due is not None]
    if dated:
        return min(dated, key=lambda c: c.due or view.today)
    if running:
        return running[0]
    first = clocks[0] if clocks else None
    return first if first is not None and first.state is not ClockState.NOT_STARTED else None


def due_note(view: RequestView, reading: ClockReading) -> str:
    """How the tracked date differs from the plain count, in words for the letter."""
    facts, j = view.facts, view.jurisdiction
    clock = j.clock_named(reading.name) or j.response
    takes_extension = clock is j.extended_clock
    parts = []
    if clock is not j.response:
        start = reading.start
        if start is not None and clock.counts_from is CountsFrom.ACKNOWLEDGMENT:
            parts.append(f"counted from your office's acknowledgment of {_long(start)}")
        elif start is not None and clock.counts_from is CountsFrom.FIRST_DEADLINE:
            parts.append(f"counted from the acknowledgment deadline, {_long(start)}")
    if takes_extension and facts.extended is not None:
        if facts.new_due is not None:
            parts.append(f"as extended by your office on {_long(facts.extended)}")
        elif facts.extension_days:
            unit = (j.extension.day_type if j.extension and j.extension.day_type else None) or (
                clock.day_type
            )
            kind = f" {unit.value}" if unit else ""
            parts.append(
                f"including the {facts.extension_days}{kind}-day extension your office took "
                f"on {_long(facts.extended)}"
            )
    parts.extend(_pause_words(facts, reading))
    return "; ".join(parts)


def _pause_words(facts: Facts, reading: ClockReading) -> list[str]:
    words = []
    closed = [p for p in facts.pauses if p.end is not None]
    if closed and reading.state is not ClockState.PAUSED:
        why = " and ".join(sorted({_PAUSE_REASON[p.reason] for p in closed}))
        words.append(f"not counting the time the request was on hold for {why}")
    if reading.state is ClockState.PAUSED:
        open_pause = next((p for p in facts.pauses if p.end is None), None)
        if open_pause is not None:
            words.append(
                f"the time has been on hold since {_long(open_pause.start)} for "
                f"{_PAUSE_REASON[open_pause.reason]}"
            )
    return words


_PAUSE_REASON = {"clarification": "my clarification", "fees": "payment of the fee estimate"}


def _long(day: date) -> str:
    """'March 10, 2026', as letters print dates."""
    from foia_assist.services.letters.context import long_date

    return long_date(day)


def letter_record(kind: str, path: Path, today: date) -> Letter:
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return Letter(kind=kind, path=str(path), sha256=digest, made_on=today)


def suggested_name(kind: str, agency: str, today: date, suffix: str) -> str:
    from foia_assist.services.bulk.filenames import safe_stem

    return safe_stem(f"{today.isoformat()} {kind} {agency}") + suffix
