"""An extension the agency gave after the first clock's original due date.

Some laws allow an extension only on notice given within the original period (Illinois:
"written notice within the original 5 business days", 5 ILCS 140/3(e)). Where the rule data
says so (`[extension] notice_within_period`, set only where the law's read text makes the
notice a condition: docs/verification/review-pass-10.md), a late extension does not move the
due date and the request is not "Extended". Elsewhere the late notice is only flagged and the
date the agency gave is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from foia_assist.domain.appeal_clocks import appeal_window
from foia_assist.domain.appeal_routes import filing_of, holds_for, plan_appeal
from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.jurisdictions import Confidence, Fact, Jurisdiction, Level
from foia_assist.domain.lifecycle import Facts, Status
from foia_assist.domain.list_due import quick_due


def notice_within_original(j: Jurisdiction) -> bool:
    """Whether the rule data makes notice within the original period a condition of the
    extension (`[extension] notice_within_period`, set where the law's read text says so)."""
    return j.extension is not None and j.extension.notice_within_period


def extension_not_for(j: Jurisdiction, level: Level | None) -> bool:
    """The rule file has extension facts and none of them holds for an agency of `level`
    (Alaska's 2 AAC 96.325(d) holds for state agencies; review-pass-11 F5)."""
    found = j.facts_on("extension")
    return level is not None and bool(found) and not any(holds_for(f, level) for f in found)


@dataclass(frozen=True)
class LateExtension:
    """An extension whose notice came after the original due date."""

    notice: date  # the day the (first) extension was logged
    original_due: date  # the first clock's due date without any extension
    binding: bool  # the data makes timely notice a condition: the due date does not move
    law_name: str
    conditions: str  # the data's words on the extension ([extension] conditions)
    citation: str
    quote: str = ""  # the law's own words on the extension, from its fact
    quote_citation: str = ""
    verified: date | None = None
    # where the law's quoted words treat a request not answered in time as denied (a
    # `deemed_denial` fact): its citation, so the message can say the request may be
    # treated as denied
    denial_citation: str = ""
    # the file's extension rule holds only for other kinds of agency than this one: whether
    # it binds this one is not settled in the data (review-pass-11 F5)
    other_levels: bool = False
    # with a deemed denial: the time to appeal from the route's fact or [appeal] table (None:
    # no number recorded), so the user does not wait out the extension (review-pass-11 F4)
    appeal_days: int | None = None
    appeal_day_type: str = ""
    appeal_citation: str = ""
    filing: str = "an appeal"  # "an appeal", "a request for review" (the route's own name)
    appeal_settled: bool = False  # the route's words were read and the law is settled

    def _denial(self) -> str:
        if not self.denial_citation:
            return ""
        due = self.original_due.isoformat()
        if self.appeal_days is not None:
            days = f"{self.appeal_days} {self.appeal_day_type} days to file {self.filing}"
            if self.appeal_settled:
                window = f"the law gives {days} ({self.appeal_citation})"
            else:
                # The number is not sure (PA: read in the Office of Open Records'
                # instructions, the statute's words not read) or the law is unclear: say
                # whose number it is.
                window = (
                    f"FOIA Assist records {days} ({self.appeal_citation}; a number the app "
                    "is not fully sure of: check it)"
                )
            window += f", and they may already be running from the original due date, {due}"
        else:
            cite = f" ({self.appeal_citation})" if self.appeal_citation else ""
            window = (
                f"the time to appeal{cite} may already be running from the original due date, {due}"
            )
        return (
            f" Under {self.denial_citation}, a request the agency did not answer within that "
            f"time is treated as denied: you may treat this request as denied. If so, {window}: "
            f"do not wait for the extended date. To have the tracker count the time to appeal, "
            f"log a denial dated {due}."
        )

    def message(self) -> str:
        """One paragraph: what was late, what the law's data says, what the app does."""
        late = (
            f"The agency's extension of {self.notice.isoformat()} came after the original "
            f"due date, {self.original_due.isoformat()}."
        )
        terms = f"{self.conditions.strip().rstrip('.')} ({self.citation})"
        words = ""
        if self.quote:
            checked = f"; checked {self.verified.isoformat()}" if self.verified else ""
            words = f' The law\'s words: "{self.quote}" ({self.quote_citation}{checked}).'
        if self.binding and self.other_levels:
            return (
                f"{late} The {self.law_name} allows an extension on these terms: {terms}. "
                "The law's words read for that rule hold for other kinds of agency: whether "
                "it binds this kind of agency is not settled in the rule data. The app keeps "
                f"the original due date, {self.original_due.isoformat()}, as the rule file's "
                "terms say (not legal advice): check the law before relying on either date."
            )
        if self.binding:
            return (
                f"{late} The {self.law_name} allows an extension on these terms: {terms}."
                f"{words} A notice given late does not meet them, so the due date stays "
                f"{self.original_due.isoformat()} (this app's reading of the rule; not "
                f"legal advice).{self._denial()}"
            )
        if self.other_levels:
            return (
                f"{late} The {self.law_name}'s extension: {terms}. The law's words read for "
                "it hold for other kinds of agency, and whether a notice given late counts "
                "for this kind of agency is not settled in the rule data: the new date is "
                "used, but check the law before relying on it."
            )
        return (
            f"{late} The {self.law_name}'s extension: {terms}.{words} The rule data does not "
            "say whether the notice had to come within the original period: the new date is "
            "used, but check the law before relying on it."
        )


def late_extension(
    facts: Facts,
    j: Jurisdiction,
    calendar: HolidayCalendar,
    notice: date | None = None,
    level: Level | None = None,
) -> LateExtension | None:
    """The late extension in `facts` (or one noticed on `notice`, not yet logged), or None
    when there is none, it came in time, or the original due date is not known (not sent,
    paused, no number of days, or the extension lengthens a later clock). `level`: the
    agency's kind; facts that hold only for other kinds are not quoted (None: not known)."""
    day = notice if notice is not None else facts.extended
    ext = j.extension
    if day is None or j.extended_clock is not j.response:
        return None
    original = quick_due(facts._replace(extension_days=0, new_due=None), j, calendar)
    if original is None or day <= original:
        return None
    other_levels = extension_not_for(j, level)
    binding = notice_within_original(j)
    fact = None if other_levels else _words_on_extension(j, binding, level)
    denial = next(
        (
            f
            for f in j.facts
            if f.deemed_denial and f.settled and f.topic in ("response", "extension")
            if f.clock in ("", j.response.name) and _holds(f, level)
        ),
        None,
    )
    # A request the agency answered (released, denied, asked to clarify or for fees) by the
    # original due date was not left unanswered: no deemed denial (review-pass-11 F3).
    if _answered_by(facts, original):
        denial = None
    window = appeal_window(j, plan_appeal(j, level, ()))
    return LateExtension(
        notice=day,
        original_due=original,
        binding=binding,
        law_name=j.law_name,
        conditions=ext.conditions if ext is not None else "the rule data sets out no extension",
        citation=ext.citation if ext is not None else j.citation,
        quote=fact.quote if fact is not None else "",
        quote_citation=fact.citation if fact is not None else "",
        verified=fact.verified if fact is not None else None,
        denial_citation=denial.citation if binding and not other_levels and denial else "",
        other_levels=other_levels,
        appeal_days=window.days if window.day_type is not None else None,
        appeal_day_type=window.day_type.value if window.day_type is not None else "",
        appeal_citation=window.citation,
        filing=_a(filing_of(window.fact)) if window.fact is not None else "an appeal",
        # Stated as the law's only where its words were read, the law is clear and the
        # number is sure (high confidence; PA's is read in the Office's instructions: medium).
        appeal_settled=window.fact is not None
        and window.fact.settled
        and window.fact.confidence is Confidence.HIGH,
    )


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def _holds(fact: Fact, level: Level | None) -> bool:
    """The fact holds for an agency of `level`; with no level known, every fact is taken as
    before (the message then says nothing about the kind of agency)."""
    return level is None or holds_for(fact, level)


def _answered_by(facts: Facts, day: date) -> bool:
    """The agency released, denied, or asked for clarification or fees on or before `day`."""
    answers = [facts.responded, facts.denied, *(p.start for p in facts.pauses)]
    return any(a is not None and a <= day for a in answers)


def _words_on_extension(j: Jurisdiction, binding: bool, level: Level | None) -> Fact | None:
    """The extension fact whose words the message quotes. Where timely notice is a condition,
    only one whose quote says by when the notice must come (`notice_timing`): the message's
    next sentence rests on that timing, and other words on the extension would not carry it
    (review-pass-10.md F1, F2). Elsewhere the first extension fact with the law's words."""
    facts = [f for f in j.facts_on("extension") if f.quote and _holds(f, level)]
    timed = next((f for f in facts if f.notice_timing), None)
    if binding or timed is not None:
        return timed
    return facts[0] if facts else None


def apply_extension_rule(facts: Facts, j: Jurisdiction, calendar: HolidayCalendar) -> Facts:
    """`facts` without an extension the law does not allow because its notice came late:
    the due date stays the original one and the request is not "Extended". (The same for
    every kind of agency: the lists know no level; the message says where the rule's words
    hold only for other kinds.)"""
    if facts.extended is None or not notice_within_original(j):
        return facts  # (checked first: the lists fold every request through here)
    late = late_extension(facts, j, calendar)
    if late is None:
        return facts
    status = Status.AWAITING_RESPONSE if facts.status is Status.EXTENDED else facts.status
    return facts._replace(status=status, extension_days=0, new_due=None)
