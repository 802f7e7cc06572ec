"""A letter before it is saved: the document, the deadline it starts, and what to check.

The wizard's review page and `foia-assist letter` both use this, so the warnings a person
reads before sending are the same wherever the letter is made; the letter is rendered once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from foia_assist.services.letters.field_names import SPEC_NAMES, FieldNames

if TYPE_CHECKING:
    from foia_assist.domain.deadlines import Deadline
    from foia_assist.domain.jurisdictions import Fact, Jurisdiction
    from foia_assist.domain.request import RequestSpec
    from foia_assist.services.letters.law import LegalSentence
    from foia_assist.services.letters.service import LetterService

NO_FIXED_DEADLINE = (
    "This law sets no number of days; the tracker will show no due date. "
    "Set yourself a reminder to follow up."
)


def own_clock_warning(fact: Fact) -> str:
    """Where this kind of agency has a clock of its own with no number stored (Montana's
    state agencies, § 2-6-1006(3)): not "this law sets no number of days"."""
    why = "its words were not read" if not fact.quote else "no number of days is stored"
    return (
        f"For this kind of agency the deadlines are set by {fact.citation} and {why}, so the "
        "tracker will show no due date. Set yourself a reminder to follow up."
    )


def residency_warning(j: Jurisdiction) -> str:
    """Plain words when only residents may use the law (or it is unsettled), with what to do.

    Where the facts name who may ask (a requesters fact with bases), the letter's own warning
    says so in the law's words; the table's `note` (research history) is never shown."""
    if any(f.topic == "requesters" and f.bases for f in j.facts):
        return ""
    cite = f" ({j.requesters.citation})" if j.requesters.citation else ""
    if j.residents_only is True:
        return (
            f"Only residents may use the {j.law_name}{cite}. If you do not live "
            f"in {j.name}, ask someone who does (a local newspaper, a resident or an "
            "organisation there) to send the request in their name."
        )
    if j.residents_only is None:
        return (
            f"Whether non-residents may use the {j.law_name} is unsettled{cite}. If you do not "
            f"live in {j.name}, the letter asks the agency to say so rather than refuse."
        )
    return ""


@dataclass(frozen=True)
class LetterPreview:
    kind: str
    jurisdiction: Jurisdiction
    docx: bytes
    deadline: Deadline | None  # for a request: the first response if received `today`
    warnings: list[str] = field(default_factory=list)
    # Each sentence of law in the letter with the fact (or table) behind it.
    grounds: tuple[LegalSentence, ...] = ()


def preview_letter(
    letters: LetterService,
    kind: str,
    spec: RequestSpec,
    today: date,
    template_path: Path | None = None,
    names: FieldNames = SPEC_NAMES,
) -> LetterPreview:
    """Render the letter once and gather every warning (raises UserError naming a problem,
    each field as `names` says: the window passes its labels)."""
    from foia_assist.domain.deadlines import compute_deadline
    from foia_assist.domain.level_clock import own_clock_deadline, own_first_clock_fact

    template = letters.template(kind, template_path)  # check the template before the inputs
    j = letters.jurisdiction_for(spec)
    draft = letters.draft(kind, spec, today, names)
    docx = template.render_docx(draft.context)
    warnings = list(draft.warnings)
    deadline = None
    if kind == "request":
        residency = residency_warning(j)
        # Where only residents may ask, the letter's own note covers it (it is silent when
        # the requester lives there); where it is unsettled, say so unless the letter does.
        if (
            residency
            and j.residents_only is not True
            and not any("resident" in w.lower() for w in warnings)
        ):
            warnings.insert(0, residency)
        own = own_first_clock_fact(j, spec.agency.level)
        if own is not None:
            # The `[response]` table does not cover this kind of agency (Montana's state
            # agencies): its own clock, with no date, and why.
            deadline = own_clock_deadline(j, own, today)
            warnings.append(own_clock_warning(own))
        else:
            deadline = compute_deadline(j, today, letters.calendars.for_jurisdiction(j))
            if deadline.due is None:
                warnings.append(NO_FIXED_DEADLINE)
    return LetterPreview(kind, j, docx, deadline, warnings, draft.grounds)
