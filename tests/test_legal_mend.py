"""Helper legal-mend (docs/verification/legal-mend-2026-12-03.md): the late-extension message
quotes the words that say by when notice is due and, where the law read says so, that a request
not answered in time is denied (review-pass-10.md F1, F2, F4); the letters' statements of law
fixed in the same pass. Each test fails without the change it names."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import pytest

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.extension_notice import late_extension
from foia_assist.domain.jurisdictions import JurisdictionSet
from foia_assist.domain.lifecycle import Event, EventKind, Method, derive
from foia_assist.paths import resources_dir
from foia_assist.storage.rule_files import RuleFileError, parse_jurisdiction

SENT = date(2026, 11, 3)
LATE = date(2026, 12, 3)


def _late_message(jurisdictions: JurisdictionSet, code: str) -> str:
    j = jurisdictions.get(code)
    cal = CalendarCache().for_jurisdiction(j)
    events = [
        Event(EventKind.SENT, SENT, method=Method.EMAIL),
        Event(EventKind.EXTENSION, LATE, days=5),
    ]
    found = late_extension(derive(events, cal.is_business_day), j, cal)
    assert found is not None and found.binding
    return found.message()


def test_illinois_late_extension_quotes_the_timing_and_the_deemed_denial(
    jurisdictions: JurisdictionSet,
) -> None:
    text = _late_message(jurisdictions, "IL")
    # § 3(d) as 2 Ill. Adm. Code 726.400(a) reproduces it (law.cornell.edu, read 2026-12-03).
    assert (
        "The law's words: \"Failure to comply with a written request, extend the time for "
        "response, or deny a request within 5 business days after its receipt shall be "
        'considered a denial of the request." (5 ILCS 140/3(d); checked 2026-12-03).'
    ) in text
    assert "for any of the following reasons" not in text  # the § 3(e) words, no timing
    assert text.endswith(
        "Under 5 ILCS 140/3(d), a request the agency did not answer within that time is "
        "treated as denied: you may treat this request as denied."
    )


def test_michigan_late_extension_quotes_the_lead_in_of_mcl_15_235_2(
    jurisdictions: JurisdictionSet,
) -> None:
    text = _late_message(jurisdictions, "MI")
    assert (
        "within 5 business days after the public body receives the request by doing 1 of the "
        "following: ... (d) Issuing a notice extending"
    ) in text
    assert "(MCL 15.235(2); checked 2026-12-03)" in text
    # MCL 15.235(3) makes a failure to respond a final determination to deny only where it
    # was willful or the request said so: no deemed-denial fact, no such sentence.
    assert "treated as denied" not in text


def test_pennsylvania_late_extension_cites_the_deemed_denial_of_67_901(
    jurisdictions: JurisdictionSet,
) -> None:
    text = _late_message(jurisdictions, "PA")
    assert "within five business days of receipt of the request" in text
    assert "Under 65 P.S. § 67.901, a request the agency did not answer" in text


def test_every_binding_state_with_words_read_quotes_their_timing(
    jurisdictions: JurisdictionSet,
) -> None:
    # Where notice within the period is a condition, the only words quoted are a fact's whose
    # `notice_timing` says by when; Colorado and Virginia have no such words read: none quoted.
    for code in ("AK", "CO", "IL", "MI", "PA", "VA"):
        j = jurisdictions.get(code)
        timed = [f for f in j.facts_on("extension") if f.notice_timing]
        text = _late_message(jurisdictions, code)
        if timed:
            assert timed[0].notice_timing in text, code
        else:
            assert "The law's words" not in text, code


WA = resources_dir() / "jurisdictions" / "WA.toml"
EXT = """
[[facts]]
id = "ext-x"
topic = "extension"
statement = "The agency may take more time."
citation = "RCW 42.56.520(2)"
quote = "Additional time required to respond to a request may be based upon the need to clarify"
source = "https://app.leg.wa.gov/RCW/default.aspx?cite=42.56.520"
verified = 2026-12-03
confidence = "high"
"""


@pytest.mark.parametrize(
    ("extra", "field", "problem"),
    [
        ('notice_timing = "within five days"', "notice_timing", "is not in the quote"),
        ("deemed_denial = true", "deemed_denial", "does not say"),
    ],
)
def test_timing_and_denial_keys_are_checked_against_the_quote(
    extra: str, field: str, problem: str
) -> None:
    data = tomllib.loads(WA.read_text(encoding="utf-8") + EXT + extra + "\n")
    with pytest.raises(RuleFileError) as info:
        parse_jurisdiction(Path("WA.toml"), data)
    assert info.value.field.endswith(field)
    assert problem in info.value.problem


def test_notice_timing_is_for_extension_facts() -> None:
    extra = EXT.replace('topic = "extension"', 'topic = "fees"') + 'notice_timing = "to clarify"\n'
    data = tomllib.loads(WA.read_text(encoding="utf-8") + extra)
    with pytest.raises(RuleFileError) as info:
        parse_jurisdiction(Path("WA.toml"), data)
    assert "is for extension facts" in info.value.problem


# --- 2. Pennsylvania appeal: the enclosures are the Office of Open Records' instructions ---


def test_pennsylvania_appeal_does_not_credit_the_statute_with_the_enclosures() -> None:
    from letter_drafts import context_text, draft, example_spec

    from foia_assist.domain.jurisdictions import Level

    spec = example_spec(
        "PA", Level.LOCAL, history={"exemptions_cited": ["trade secret"], "denied_on": "2026-11-05"}
    )
    letter = draft("appeal", spec)
    text = context_text(letter)
    # 65 P.S. § 67.1101(a)(1) was not read in its words; the instructions were.
    assert "As the law requires (65 P.S. § 67.1101(a)(1))" not in text
    assert (
        "I enclose a copy of the request and the agency's response, as the Office of Open "
        "Records' appeal instructions require."
    ) in text
    assert any(
        w.startswith("Attach a copy of the request and the agency's response: the Office of "
                     "Open Records' appeal instructions require the appeal")
        for w in letter.warnings
    )  # fmt: skip
    assert not any("the law (65 P.S. § 67.1101(a)(1)) requires" in w for w in letter.warnings)


def test_encloses_by_needs_encloses() -> None:
    extra = EXT.replace('topic = "extension"', 'topic = "appeal"\nroute = "court"')
    data = tomllib.loads(
        WA.read_text(encoding="utf-8") + extra + 'encloses_by = "the instructions"\n'
    )
    with pytest.raises(RuleFileError) as info:
        parse_jurisdiction(Path("WA.toml"), data)
    assert info.value.field.endswith("encloses_by")


# --- 3. TN, VA: advisory offices are told to the user, not to the agency ---


@pytest.mark.parametrize(
    ("code", "office"),
    [
        ("TN", "The Office of Open Records Counsel can answer questions and mediate informally"),
        ("VA", "The Virginia Freedom of Information Advisory Council can give advisory opinions"),
    ],
)
@pytest.mark.parametrize("level", ["state", "local"])
def test_advisory_offices_are_in_the_warnings_not_the_letter(
    code: str, office: str, level: str
) -> None:
    from letter_drafts import context_text, draft, example_spec

    from foia_assist.domain.jurisdictions import Level

    letter = draft("appeal", example_spec(code, Level(level)))
    text = context_text(letter)
    assert "decides nothing" not in text
    assert "Advisory Council" not in text and "Open Records Counsel" not in text
    assert any(w.startswith(office) and "decides nothing" in w for w in letter.warnings)


@pytest.mark.parametrize("level", ["state", "local"])
def test_wyoming_ombudsman_is_told_to_the_user_without_powers_not_read(level: str) -> None:
    """The lead, after legal-mend: WY's court fact told the agency the ombudsman "does not
    decide" disputes, though the ombudsman's powers were not read (only § 16-4-201's heading)."""
    from letter_drafts import context_text, draft, example_spec

    from foia_assist.domain.jurisdictions import Level

    letter = draft("appeal", example_spec("WY", Level(level)))
    text = context_text(letter)
    assert "ombudsman" not in text.lower()
    note = next(w for w in letter.warnings if "ombudsman" in w)
    assert "§ 16-4-201" in note and "powers were not" in note and "not an appeal" in note
    assert "decide" not in note


def test_user_note_is_for_appeal_facts_and_shown_by_the_law_page(
    jurisdictions: JurisdictionSet,
) -> None:
    from foia_assist.services.law import fact_lines

    fact = jurisdictions.get("TN").fact("appeal-court")
    assert fact is not None and "decides nothing" not in fact.statement
    assert any(
        line.startswith("  Also: The Office of Open Records Counsel") for line in fact_lines(fact)
    )
    data = tomllib.loads(WA.read_text(encoding="utf-8") + EXT + 'user_note = "Ask a friend."\n')
    with pytest.raises(RuleFileError) as info:
        parse_jurisdiction(Path("WA.toml"), data)
    assert "is for appeal facts" in info.value.problem


# --- 4. CO: the court route, not read, is all inside "I understand that" ---


def test_colorado_reconsideration_states_the_unread_court_route_as_one_understanding() -> None:
    from letter_drafts import context_text, draft, example_spec

    from foia_assist.domain.jurisdictions import Level

    text = context_text(draft("appeal", example_spec("CO", Level.LOCAL)))
    assert (
        "I understand that if the denial stands, the law's remedy is in court "
        "(C.R.S. § 24-72-204(5)), and that CORA has no administrative appeal; a person denied "
        "inspection may apply to the district court where the record is found for an order to "
        "show cause, after giving the custodian written notice of intent to file; the statute "
        "sets no deadline to file."
    ) in text
    assert "(C.R.S. § 24-72-204(5)). CORA has no administrative appeal." not in text


def test_a_settled_court_route_is_still_stated_as_law() -> None:
    from letter_drafts import context_text, draft, example_spec

    from foia_assist.domain.jurisdictions import Level

    text = context_text(draft("appeal", example_spec("TN", Level.LOCAL)))
    assert (
        "If the denial stands, the law's remedy is in court (Tenn. Code Ann. § 10-7-505(a), "
        "(b)). The Act provides no administrative appeal: a citizen denied access"
    ) in text
    assert "I understand that if the denial stands" not in text


# --- 5. WA: the subsection of RCW 42.56.520 holding the review was not read ---


def test_washington_review_says_its_subsection_was_not_read(
    jurisdictions: JurisdictionSet,
) -> None:
    fact = jurisdictions.get("WA").fact("appeal-agency-review")
    assert fact is not None
    # No subsection is invented: the citation stays the section, and the user is told why.
    assert fact.citation == "RCW 42.56.520"
    assert "subsection of RCW 42.56.520 that sets the review" in fact.unread
    assert "were not read" in fact.unread


# --- 6. MT: a state agency's first clock is § 2-6-1006(3), unread, with no date ---


def _mt_spec(level: str):  # type: ignore[no-untyped-def]
    from foia_assist.domain.request import RequestSpec

    return RequestSpec.from_dict(
        {
            "agency": {"name": "Montana Department of Justice", "jurisdiction": "MT",
                       "level": level},
            "requester": {"name": "Ana Núñez"},
            "records": {"categories": ["contracts"]},
        }
    )  # fmt: skip


def test_montana_state_agency_clock_is_its_own_and_says_it_was_not_read(tracker) -> None:  # type: ignore[no-untyped-def]
    sent = date(2026, 11, 16)
    state = tracker.add_request(_mt_spec("state"), today=sent, sent=sent, method="email")
    local = tracker.add_request(_mt_spec("local"), today=sent, sent=sent, method="email")
    first = tracker.view(state, LATE).clocks[0]
    assert first.name == "Response (executive branch agencies)"
    assert first.citation == "Mont. Code Ann. § 2-6-1006(3)"
    assert first.due is None
    steps = " ".join(tracker.clocks(state).response_deadline().steps)
    assert "Under Mont. Code Ann. § 2-6-1006(3), an executive branch agency" in steps
    assert "Its words were not read, so the app states no number." in steps
    assert "in a timely manner" not in steps and "sets no number of days" not in steps
    # A local agency keeps the table's § 2-6-1006(2) clock.
    assert tracker.view(local, LATE).clocks[0].name == "Response (non-executive agencies)"
    assert tracker.view(local, LATE).clocks[0].citation == "Mont. Code Ann. § 2-6-1006(2)"


def test_montana_template_keys_follow_the_agency_level() -> None:
    from letter_drafts import draft, example_spec

    from foia_assist.domain.jurisdictions import Level

    state = draft("request", example_spec("MT", Level.STATE)).context
    assert state["response_citation"] == "Mont. Code Ann. § 2-6-1006(3)"
    assert state["response_period"] == "the time Mont. Code Ann. § 2-6-1006(3) sets"
    local = draft("request", example_spec("MT", Level.LOCAL)).context
    assert local["response_citation"] == "Mont. Code Ann. § 2-6-1006(2)"
    assert local["response_period"] == "in a timely manner"


def test_montana_state_preview_warns_the_deadlines_were_not_read() -> None:
    from letter_drafts import CALENDARS, CATALOGUE, JURISDICTIONS, TODAY, example_spec

    from foia_assist.domain.jurisdictions import Level
    from foia_assist.paths import letter_templates_dir
    from foia_assist.services.letter_preview import NO_FIXED_DEADLINE, preview_letter
    from foia_assist.services.letters.service import LetterService

    letters = LetterService(JURISDICTIONS, CATALOGUE, CALENDARS, letter_templates_dir())
    preview = preview_letter(letters, "request", example_spec("MT", Level.STATE), TODAY)
    assert NO_FIXED_DEADLINE not in preview.warnings
    assert (
        "For this kind of agency the deadlines are set by Mont. Code Ann. § 2-6-1006(3) and its "
        "words were not read, so the tracker will show no due date."
    ) in " ".join(preview.warnings)
    assert preview.deadline is not None and preview.deadline.citation.endswith("(3)")


def test_an_unread_court_route_reads_as_one_clause_in_other_states() -> None:
    from letter_drafts import context_text, draft, example_spec

    from foia_assist.domain.jurisdictions import Level

    text = context_text(draft("appeal", example_spec("NV", Level.LOCAL)))
    assert (
        "I understand that if the denial stands, the law's remedy is in court (NRS 239.011), and "
        "that there is no administrative appeal; a requester whose request is denied may apply"
    ) in text
