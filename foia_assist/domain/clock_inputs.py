"""What a tracked request's logged events mean for its clocks: the pauses the engine applies,
when the first clock was answered, and whether an extension lengthens the first clock."""

from __future__ import annotations

from datetime import date

from foia_assist.domain.day_counting import Pause
from foia_assist.domain.jurisdictions import Clock, ClockAction, Jurisdiction
from foia_assist.domain.lifecycle import Facts, PauseSpan


def merge_pauses(pauses: tuple[PauseSpan, ...], received: date) -> list[Pause]:
    """Engine pauses: none before receipt, overlapping stretches (fees + clarification) merged."""
    out: list[Pause] = []
    for p in sorted(pauses, key=lambda p: p.start):
        if p.end is not None and p.end < received:
            continue
        start = max(p.start, received)
        if out and (out[-1].end is None or start < out[-1].end):
            last = out[-1]
            end = None if last.end is None or p.end is None else max(last.end, p.end)
            out[-1] = Pause(last.start, end)
        else:
            out.append(Pause(start, p.end))
    return out


def response_answered(facts: Facts, clock: Clock) -> date | None:
    """When the first clock was met: a response, or an acknowledgment where that is all it asks."""
    answered = facts.responded
    if clock.action is ClockAction.ACKNOWLEDGE and facts.acknowledged is not None:
        answered = facts.acknowledged if answered is None else min(answered, facts.acknowledged)
    return answered


def first_clock_facts(facts: Facts, j: Jurisdiction) -> Facts:
    """`facts` as the first clock sees them: without the extension when the law's extension
    lengthens a later clock instead (Alabama's substantive response, not the acknowledgment)."""
    if facts.extension_days == 0 and facts.new_due is None:
        return facts
    if j.extended_clock is not j.response:
        return facts._replace(extension_days=0, new_due=None)
    return facts
