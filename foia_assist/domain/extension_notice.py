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

from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.jurisdictions import Fact, Jurisdiction
from foia_assist.domain.lifecycle import Facts, Status
from foia_assist.domain.list_due import quick_due


def notice_within_original(j: Jurisdiction) -> bool:
    """Whether the rule data makes notice within the original period a condition of the
    extension (`[extension] notice_within_period`, set where the law's read text says so)."""
    return j.extension is not None and j.extension.notice_within_period


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

    def _denial(self) -> str:
        if not self.denial_citation:
            return ""
        return (
            f" Under {self.denial_citation}, a request the agency did not answer within that "
            "time is treated as denied: you may treat this request as denied."
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
        if self.binding:
            return (
                f"{late} The {self.law_name} allows an extension on these terms: {terms}."
                f"{words} A notice given late does not meet them, so the due date stays "
                f"{self.original_due.isoformat()} (this app's reading of the rule; not "
                f"legal advice).{self._denial()}"
            )
        return (
            f"{late} The {self.law_name}'s extension: {terms}.{words} The rule data does not "
            "say whether the notice had to come within the original period: the new date is "
            "used, but check the law before relying on it."
        )


def late_extension(
    facts: Facts, j: Jurisdiction, calendar: HolidayCalendar, notice: date | None = None
) -> LateExtension | None:
    """The late extension in `facts` (or one noticed on `notice`, not yet logged), or None
    when there is none, it came in time, or the original due date is not known (not sent,
    paused, no number of days, or the extension lengthens a later clock)."""
    day = notice if notice is not None else facts.extended
    ext = j.extension
    if day is None or j.extended_clock is not j.response:
        return None
    original = quick_due(facts._replace(extension_days=0, new_due=None), j, calendar)
    if original is None or day <= original:
        return None
    binding = notice_within_original(j)
    fact = _words_on_extension(j, binding)
    denial = next(
        (
            f
            for f in j.facts
            if f.deemed_denial and f.settled and f.topic in ("response", "extension")
            if f.clock in ("", j.response.name)
        ),
        None,
    )
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
        denial_citation=denial.citation if binding and denial is not None else "",
    )


def _words_on_extension(j: Jurisdiction, binding: bool) -> Fact | None:
    """The extension fact whose words the message quotes. Where timely notice is a condition,
    only one whose quote says by when the notice must come (`notice_timing`): the message's
    next sentence rests on that timing, and other words on the extension would not carry it
    (review-pass-10.md F1, F2). Elsewhere the first extension fact with the law's words."""
    facts = [f for f in j.facts_on("extension") if f.quote]
    timed = next((f for f in facts if f.notice_timing), None)
    if binding or timed is not None:
        return timed
    return facts[0] if facts else None


def apply_extension_rule(facts: Facts, j: Jurisdiction, calendar: HolidayCalendar) -> Facts:
    """`facts` without an extension the law does not allow because its notice came late:
    the due date stays the original one and the request is not "Extended"."""
    if facts.extended is None or not notice_within_original(j):
        return facts  # (checked first: the lists fold every request through here)
    late = late_extension(facts, j, calendar)
    if late is None:
        return facts
    status = Status.AWAITING_RESPONSE if facts.status is Status.EXTENDED else facts.status
    return facts._replace(status=status, extension_days=0, new_due=None)
