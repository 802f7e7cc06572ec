"""The follow-up letter: which clock ran out, when, and what has not arrived."""

from __future__ import annotations

from typing import Any

from foia_assist.domain.deadlines import compute_deadline
from foia_assist.domain.jurisdictions import Clock, ClockAction, CountsFrom
from foia_assist.domain.request import SpecError
from foia_assist.services.letters.law import fact_sentence, holds_for
from foia_assist.services.letters.shared import LetterBase, long_date

# What the requester has not received when a clock of each kind runs out.
AWAITED = {
    ClockAction.ACKNOWLEDGE: "an acknowledgment",
    ClockAction.RESPOND: "a response",
    ClockAction.DECIDE: "a determination",
    ClockAction.PRODUCE: "the records",
}


class FollowUpLetter(LetterBase):
    kind = "follow-up"

    def subject_prefix(self) -> str:
        return "Follow-up: "

    def followed_clock(self) -> Clock:
        """The clock a follow-up is about: `history.clock` by name, else the first one."""
        name, j = self.history.clock.strip(), self.j
        if not name:
            return j.response
        clock = j.clock_named(name)
        if clock is not None:
            return clock
        names = ", ".join(repr(c.name) for c in (j.response, *j.later_clocks))
        raise SpecError("history.clock", f"{j.name} has no clock named {name!r} (it has {names})")

    def build(self) -> dict[str, Any]:
        h, j = self.history, self.j
        self.require(h.received, "received")
        assert h.received is not None
        clock = self.followed_clock()
        first = clock is j.response
        fact = self.law.clock_fact(clock.name, first)
        table = "[response]" if first else f"[[later_clocks]] {clock.name!r}"
        due = h.due
        # A first clock that runs from an acknowledged receipt (Wyoming § 16-4-202(c)) runs
        # from the acknowledgment when one is logged; without one, no date is claimed.
        from_ack = first and "acknowledg" in clock.starts.casefold()
        if due is None and not h.due_note:
            if not first and clock.counts_from is not CountsFrom.RECEIPT:
                raise SpecError(
                    "history.due", f"needed for a follow-up on the {clock.name!r} clock"
                )
            if not from_ack:
                due = compute_deadline(j, h.received, self.calendar, clock=clock).due
            elif h.acknowledged_on is not None:
                due = compute_deadline(j, h.acknowledged_on, self.calendar, clock=clock).due
        awaited = AWAITED[clock.action]
        summary = clock.summary.strip().rstrip(".;")
        # The event the law counts from, as the request letter states it (South Dakota: the
        # formal written request; Wyoming: the acknowledged receipt).
        start = "receipt" if clock.starts == "receipt" else clock.starts
        if first and start != "receipt" and not from_ack and due is not None and not h.due:
            self.warnings.append(
                f"{clock.citation} counts this time from {start}. The date used is the one "
                f"given as received ({long_date(h.received)}): check that it is that event."
            )
        how = f" ({h.due_note})" if h.due_note else ""
        intro = f"I am writing about {self.request_ref()}."
        overdue = False
        extra = ""
        if due is not None and clock.fixed:
            overdue = self.letter_date > due
            ends = "ended" if overdue else "ends"
            rule = (
                f"Under {clock.citation}, your office had {clock.period_in_words()} from "
                f"{start} to {summary}; that time{how} {ends} on {long_date(due)}."
            )
            if overdue:
                status = f"That date has passed, and I have not received {awaited}."
            else:
                status = f"As of today I have not received {awaited}."
        elif due is not None:  # no number in the law, but the agency set a date itself
            overdue = self.letter_date > due
            rule = f"Under {clock.citation}, your office must {summary}; {self.no_days(clock)}"
            extra = f" Your office set {long_date(due)} as the date for its response."
            if overdue:
                status = f"That date has passed, and I have not received {awaited}."
            else:
                status = f"As of today I have not received {awaited}."
        elif clock.fixed:  # the clock is paused, or has not started: no date to claim
            rule = (
                f"Under {clock.citation}, your office has {clock.period_in_words()} from "
                f"{start} to {summary}{how}."
            )
            status = f"As of today I have not received {awaited}."
            if from_ack and h.acknowledged_on is None:
                waited = (self.letter_date - h.received).days
                status = (
                    f"I have not received an acknowledgment of the request, which your office "
                    f"received {waited} calendar day{'s' if waited != 1 else ''} ago, and I "
                    f"have not received {awaited}. Please acknowledge it now."
                )
        else:
            waited = (self.letter_date - h.received).days
            rule = f"Under {clock.citation}, your office must {summary}; {self.no_days(clock)}"
            status = (
                f"It is now {waited} calendar day{'s' if waited != 1 else ''} since your "
                f"office received the request, and I have not received {awaited}."
            )
        own = self.law.own_clock_fact(clock.name, first)
        if own is not None:  # the table's clock is for other kinds of agency (Montana)
            rule, extra, overdue, due = fact_sentence(own), "", False, h.due
            if due is not None:
                overdue = self.letter_date > due
                extra = f" Your office set {long_date(due)} as the date for its response."
            waited = (self.letter_date - h.received).days
            status = (
                f"It is now {waited} calendar day{'s' if waited != 1 else ''} since your "
                f"office received the request, and I have not received {awaited}."
            )
            fact, table = own, ""
        rule = self.law.state("deadline_text", rule, fact, table) + extra
        if h.acknowledged_on is not None and h.released_on is None:
            status = (
                f"Your office acknowledged the request on {long_date(h.acknowledged_on)}, but "
                "I have not yet received the records or a decision on them."
            )
        if h.released_on is not None:
            status = (
                f"Your office released part of the records on {long_date(h.released_on)}; "
                "I have not received the rest, or a statement that there is nothing more."
            )
        if overdue:
            status = " ".join(x for x in (status, self.consequences(clock, first)) if x)
        if first:  # a second act's time (or none) for some records, as in the request
            status = " ".join([status, *self.other_act_times("deadline_text", "without delay")])
        return {
            "due_date": long_date(due) if due else "",
            "is_overdue": overdue,
            "followup_intro_text": intro,
            "deadline_text": f"{rule} {status}",
            "completion_text": self.text("completion"),
            "narrow_text": self.text("narrow"),
        }

    def consequences(self, clock: Clock, first: bool) -> str:
        """What the law says follows from the missed deadline (`missed_deadline` facts: Texas
        § 552.302, information presumed public; Rhode Island § 38-2-7(b), fees waived), in the
        law's own words. A fact whose text was not read, or that is unsettled, is not stated
        to the agency: the user is told of it instead."""
        said = []
        for fact in self.j.facts:
            if not fact.missed_deadline or not holds_for(fact, self.law.level):
                continue
            if fact.clock and fact.clock != clock.name or (not fact.clock and not first):
                continue
            if not fact.settled:
                self.warnings.append(
                    f"{fact.citation} may give you more now that the deadline has passed, but "
                    "its text was not read or the law is unsettled, so the letter does not say "
                    f"so: {fact.statement}"
                )
                continue
            words, _source = self.law.quoted(" ".join(fact.quote.split()).rstrip("."))
            text = f"The law provides ({fact.citation}): {words}."
            said.append(self.law.state("deadline_text", text, fact))
        return " ".join(said)
