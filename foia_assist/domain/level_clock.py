"""The first clock for a kind of agency the rule file's `[response]` table does not cover.

Montana's table is § 2-6-1006(2)'s timely-manner rule, which binds agencies that are not
executive branch agencies (its fact holds for local agencies only); a state agency answers
under § 2-6-1006(3), a clock with a fact of its own and no table, whose words were not read.
The tracker then shows that clock, with its citation and without a date, instead of the
table's rule; the letters state the same fact (services/letters/law.py `own_clock_fact`).
"""

from __future__ import annotations

from datetime import date

from foia_assist.domain.appeal_routes import holds_for
from foia_assist.domain.deadlines import Deadline, fmt_day
from foia_assist.domain.jurisdictions import Fact, Jurisdiction, Level

NO_NUMBER = "No number of days is stored for this clock, so no date can be computed."


def own_first_clock_fact(j: Jurisdiction, level: Level | None) -> Fact | None:
    """The response fact for an agency of `level` on a clock that has no table, where every
    response fact on the `[response]` table's clock holds only for other kinds of agency
    (None: the table's clock holds, or the level is not known)."""
    if level is None:
        return None
    table = j.response.name
    on_table = [f for f in j.facts if f.topic == "response" and f.clock in ("", table)]
    if not on_table or any(holds_for(f, level) for f in on_table):
        return None
    tables = {c.name for c in (j.response, *j.later_clocks)}
    return next(
        (
            f
            for f in j.facts
            if f.topic == "response" and f.clock and f.clock not in tables
            if holds_for(f, level)
        ),
        None,
    )


def own_clock_rule(j: Jurisdiction, fact: Fact) -> str:
    """The tracker's explanation of such a clock: whose rule it is, what the fact says, and
    why no date is computed (no number stored; where its words were not read, it says so)."""
    text = fact.statement.strip()
    first, _, rest = text.partition(" ")
    if first in ("A", "An", "The", "Each", "Every", "Any"):
        text = f"{first.lower()} {rest}"
    unread = "" if fact.quote else " Its words were not read, so the app states no number."
    return (
        f"Rule: for this kind of agency the {j.law_name} sets a clock of its own "
        f"({fact.clock}); the {j.response.name.lower()} rule ({j.response.citation}) does not "
        f"apply to it. Under {fact.citation}, {text.rstrip('.')}.{unread}"
    )


def own_clock_deadline(
    j: Jurisdiction, fact: Fact, received: date, receipt: str = "", extension_days: int = 0
) -> Deadline:
    """That clock as the tracker and the letter preview show it: explained, with no date.
    `receipt`: the tracker's note on how the receipt day was found, if assumed."""
    steps = [own_clock_rule(j, fact), f"{NO_NUMBER} Received {fmt_day(received)}."]
    if receipt:
        steps.insert(0, f"Receipt: {fmt_day(received)} — {receipt}.")
    return Deadline(
        jurisdiction=j.code,
        clock_name=fact.clock,
        received=received,
        due=None,
        days=None,
        day_type=None,
        extension_days=extension_days,
        skipped=(),
        steps=tuple(steps),
        citation=fact.citation,
        note=NO_NUMBER,
    )
