"""The values a letter template is filled with: plain strings, lists and dicts of strings.

`draft_letter(kind, spec, jurisdiction, catalogue, calendar, today)` is the whole job: it
returns the context, the warnings the requester must read before sending (a basis or residency
to confirm, an expedited request the law does not provide for, a law that may not reach the
agency, a statement of law whose text was not read) and the legal sentences with the fact each
rests on. Each letter kind has its own module (request_letter, follow_up_letter, appeal_letter,
preservation_letter) over shared.py; the fixed paragraphs are in resources/letters/. Nothing
here escapes markup: the renderer autoescapes.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from foia_assist.domain.calendars import HolidayCalendar
from foia_assist.domain.catalogue import Catalogue
from foia_assist.domain.jurisdictions import Jurisdiction
from foia_assist.domain.letter_wording import LetterWording
from foia_assist.domain.request import RequestSpec
from foia_assist.services.letters.appeal_letter import AppealLetter
from foia_assist.services.letters.field_names import SPEC_NAMES, FieldNames
from foia_assist.services.letters.follow_up_letter import FollowUpLetter
from foia_assist.services.letters.law import LegalSentence
from foia_assist.services.letters.preservation_letter import PreservationLetter
from foia_assist.services.letters.request_letter import RequestLetter
from foia_assist.services.letters.shared import LetterBase, long_date, money

__all__ = [
    "KINDS",
    "LegalSentence",
    "LetterDraft",
    "UnknownKindError",
    "build_context",
    "context_keys",
    "draft_letter",
    "long_date",
    "money",
]

KINDS = ("request", "follow-up", "appeal", "preservation")

_LETTERS: dict[str, type[LetterBase]] = {
    "request": RequestLetter,
    "follow-up": FollowUpLetter,
    "appeal": AppealLetter,
    "preservation": PreservationLetter,
}

# Every key `build_context` returns, per kind: user templates are checked against these.
COMMON_KEYS = frozenset(
    {
        "kind",
        "letter_date",
        "letter_date_iso",
        "agency_name",
        "agency_block",
        "agency_lines",
        "agency_email",
        "agency_portal_url",
        "salutation",
        "requester_name",
        "requester_organisation",
        "requester_email",
        "requester_phone",
        "requester_block",
        "requester_lines",
        "signature_block",
        "signature_lines",
        "subject",
        "reference_text",
        "jurisdiction_code",
        "jurisdiction_name",
        "law_name",
        "short_name",
        "citation",
        "statute_url",
        "response_period",
        "response_citation",
        "response_text",
        "extension_text",
        "tracking_number",
        "received_date",
        "contact_text",
        "closing",
    }
)
KIND_KEYS = {
    "request": frozenset(
        {
            "intro_text",
            "frt_definition",
            "exclusions_text",
            "vendors_text",
            "items",
            "state_law_name",
            "state_law_citation",
            "state_law_text",
            "residency_text",
            "fee_waiver_text",
            "fee_cap_text",
            "expedited_text",
            "format_text",
            "rolling_text",
            "segregability_text",
            "preservation_text",
            "narrow_text",
            "tracking_text",
        }
    ),
    "follow-up": frozenset(
        {
            "due_date",
            "is_overdue",
            "followup_intro_text",
            "deadline_text",
            "completion_text",
            "narrow_text",
        }
    ),
    "appeal": frozenset(
        {
            "denied_on",
            "denial_summary",
            "appeal_intro_text",
            "reasons_heading",
            "denial_text",
            "appeal_route",
            "appeal_citation",
            "appeal_deadline_text",
            "appeal_timely_text",
            "exemptions",
            "exemptions_general_text",
            "segregability_text",
            "new_search_text",
            "appeal_request_text",
        }
    ),
    "preservation": frozenset(
        {
            "preservation_intro_text",
            "frt_definition",
            "preservation_items",
            "suspend_deletion_text",
            "duration_text",
            "confirm_text",
        }
    ),
}


def context_keys(kind: str) -> frozenset[str]:
    """The names a template for `kind` may use."""
    if kind not in KIND_KEYS:
        raise UnknownKindError(kind)
    return COMMON_KEYS | KIND_KEYS[kind]


class UnknownKindError(ValueError):
    def __init__(self, kind: str) -> None:
        super().__init__(f"unknown letter kind {kind!r} (choose from: {', '.join(KINDS)})")
        self.kind = kind


@dataclass(frozen=True)
class LetterDraft:
    context: dict[str, Any]
    warnings: tuple[str, ...] = field(default=())
    # Each sentence of law in the letter, with the fact (or table) it rests on: the window
    # shows them beside the preview.
    grounds: tuple[LegalSentence, ...] = field(default=())


def build_context(
    kind: str,
    spec: RequestSpec,
    jurisdiction: Jurisdiction,
    catalogue: Catalogue,
    calendar: HolidayCalendar,
    today: date,
) -> dict[str, Any]:
    return draft_letter(kind, spec, jurisdiction, catalogue, calendar, today).context


def draft_letter(
    kind: str,
    spec: RequestSpec,
    jurisdiction: Jurisdiction,
    catalogue: Catalogue,
    calendar: HolidayCalendar,
    today: date,
    wording: LetterWording | None = None,
    names: FieldNames = SPEC_NAMES,
) -> LetterDraft:
    if kind not in KINDS:
        raise UnknownKindError(kind)
    if wording is None:
        from foia_assist.storage.letter_wording import bundled_letter_wording

        wording = bundled_letter_wording()
    letter = _LETTERS[kind](
        spec, jurisdiction, catalogue, calendar, spec.letter_date or today, wording, names
    )
    ctx = letter.common()
    ctx.update(letter.build())
    warnings = tuple(dict.fromkeys(letter.all_warnings()))
    return LetterDraft(context=ctx, warnings=warnings, grounds=tuple(letter.law.grounds))
