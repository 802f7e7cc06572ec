"""Letter context: every kind, residency, expedited, follow-up and appeal dates worked by hand."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.jurisdictions import (
    Clock,
    ClockAction,
    Confidence,
    DayType,
    Fact,
    Jurisdiction,
    Provision,
    Requesters,
    RollForward,
)
from foia_assist.domain.request import RequestSpec, SpecError
from foia_assist.paths import letter_templates_dir, resources_dir
from foia_assist.services.letters.context import KINDS, context_keys, draft_letter
from foia_assist.services.letters.render import LetterTemplate
from foia_assist.storage.catalogue_files import load_catalogue

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "request-spec.json"
TODAY = date(2026, 11, 26)
CATALOGUE = load_catalogue(resources_dir() / "frt")
CALENDARS = CalendarCache()


def _spec(**changes: Any) -> RequestSpec:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        *path, last = dotted.split("__")
        target = data
        for key in path:
            target = target[key]
        target[last] = value
    return RequestSpec.from_dict(data)


def _draft(kind: str, spec: RequestSpec, j: Jurisdiction, today: date = TODAY):  # type: ignore[no-untyped-def]
    return draft_letter(kind, spec, j, CATALOGUE, CALENDARS.for_jurisdiction(j), today)


@pytest.fixture
def us(jurisdictions) -> Jurisdiction:  # type: ignore[no-untyped-def]
    # The tables alone: these tests pin the letters built from the tables and the spec. How
    # the rule files' facts change them is tested in test_letter_facts.py and, for every
    # file as it stands, test_letters_all_jurisdictions.py.
    return replace(jurisdictions.get("US"), facts=())


def _state(us: Jurisdiction, **changes: Any) -> Jurisdiction:
    base = {"code": "TN", "name": "Tennessee", "law_name": "Tennessee Public Records Act"}
    base.update(changes)
    return replace(us, **base)


@pytest.mark.parametrize("kind", KINDS)
def test_context_keys_are_exactly_the_documented_ones(kind: str, us: Jurisdiction) -> None:
    ctx = _draft(kind, _spec(), us).context
    assert set(ctx) == context_keys(kind)
    _assert_plain(ctx)


def _assert_plain(value: object) -> None:
    if isinstance(value, dict):
        for k, v in value.items():
            assert isinstance(k, str)
            _assert_plain(v)
    elif isinstance(value, list):
        for v in value:
            _assert_plain(v)
    else:
        assert isinstance(value, str | bool | int), type(value)


@pytest.mark.parametrize("kind", KINDS)
def test_bundled_templates_use_only_context_keys(kind: str) -> None:
    template = LetterTemplate.load(letter_templates_dir() / f"{kind}.docx")
    template.check({name: None for name in context_keys(kind)})
    assert template.variables  # the check above is not vacuous


def test_request_context_for_federal_foia(us: Jurisdiction) -> None:
    ctx = _draft("request", _spec(), us).context
    assert ctx["subject"] == "Freedom of Information Act request: facial recognition records"
    assert ctx["letter_date"] == "November 26, 2026"
    assert "5 U.S.C. § 552(a)(6)(A)(i)" in ctx["response_text"]
    assert "20 business days" in ctx["response_text"]
    assert "5 U.S.C. § 552(a)(6)(B)(i)" in ctx["extension_text"]
    assert ctx["residency_text"] == ""  # anyone may ask
    assert ctx["state_law_text"] == ""  # no federal FRT law in the catalogue
    numbers = [item["number"] for item in ctx["items"]]
    assert numbers == [str(n) for n in range(1, 8)]
    contracts, logs = ctx["items"][0], ctx["items"][3]
    assert contracts["date_range"] == "Date range: January 1, 2018 to the date of this letter."
    assert logs["date_range"] == "Date range: November 26, 2025 to the date of this letter."
    assert "Clearview AI" in ctx["vendors_text"]
    assert "before fees exceed $50." in ctx["fee_cap_text"]
    assert "news media" not in ctx["fee_waiver_text"]  # never claimed unless the user says so


def test_request_without_clearview_uses_the_five_year_default(us: Jurisdiction) -> None:
    ctx = _draft("request", _spec(records__vendors=["nec"]), us).context
    assert ctx["items"][0]["date_range"].startswith("Date range: November 26, 2021 to")
    assert ctx["items"][2]["date_range"].startswith("Date range: January 1, 2018")  # trials


def test_spec_dates_override_the_defaults(us: Jurisdiction) -> None:
    spec = _spec(records__date_from="2020-01-01", records__date_to="2020-12-31")
    ctx = _draft("request", spec, us).context
    assert {i["date_range"] for i in ctx["items"]} == {
        "Date range: January 1, 2020 to December 31, 2020."
    }


def test_news_media_only_when_the_requester_says_so(us: Jurisdiction) -> None:
    ctx = _draft("request", _spec(requester__news_media=True), us).context
    assert (
        "representative of the news media (Springfield Privacy Project)" in ctx["fee_waiver_text"]
    )


def test_residents_only_states_residency_only_when_the_requester_gives_it(
    us: Jurisdiction,
) -> None:
    tn = _state(us, requesters=Requesters(True, "Only Tennessee citizens.", "T.C.A. § 10-7-503"))
    draft = _draft("request", _spec(), tn)
    assert draft.context["residency_text"] == ""  # never a claim the requester did not make
    assert any("makes no residency statement" in w for w in draft.warnings)
    assert any("T.C.A. § 10-7-503" in w for w in draft.warnings)
    confirmed = _draft("request", _spec(requester__residence="TN"), tn)
    assert confirmed.context["residency_text"] == "I am a resident of Tennessee."
    assert not any("residency" in w for w in confirmed.warnings)
    elsewhere = _draft("request", _spec(requester__residence="Ohio"), tn)
    assert elsewhere.context["residency_text"] == ""
    assert any("consider asking a resident" in w for w in elsewhere.warnings)


def test_unsettled_residency_is_a_careful_sentence(us: Jurisdiction) -> None:
    nh = _state(us, requesters=Requesters(None, "Unsettled."))
    text = _draft("request", _spec(), nh).context["residency_text"]
    assert "If you consider that the Tennessee Public Records Act limits requests" in text
    assert "I am a resident" not in text
    resident = _draft("request", _spec(requester__residence="tennessee"), nh)
    assert resident.context["residency_text"] == "I am a resident of Tennessee."


def test_no_expedited_paragraph_where_the_law_has_none(us: Jurisdiction) -> None:
    spec = _spec(options__expedited=True, options__expedited_justification="A vote is near.")
    assert "A vote is near." in _draft("request", spec, us).context["expedited_text"]
    for available in (False, None):
        state = _state(us, expedited=Provision(available))
        draft = _draft("request", spec, state)
        assert draft.context["expedited_text"] == ""
        assert any("expedited" in w for w in draft.warnings)


def test_promptly_law_quotes_the_statute_and_invents_no_number(us: Jurisdiction) -> None:
    clock = Clock(
        days=None,
        day_type=None,
        action=ClockAction.RESPOND,
        summary="make the records available",
        citation="T.C.A. § 10-7-503(a)(2)(B)",
        wording="promptly",
    )
    state = _state(us, response=clock, later_clocks=(), extension=None)
    # With no fact quoting the statute, the word goes in without quotation marks (the old
    # letter quoted it though no text had been read: only a fact's quote may be quoted).
    ctx = _draft("request", _spec(), state).context
    assert ctx["response_text"] == (
        "Under T.C.A. § 10-7-503(a)(2)(B), your office must make the records available; the "
        "law sets no fixed number of days (in short: promptly)."
    )
    read = Fact(
        id="response",
        topic="response",
        statement="The records must be made available promptly.",
        citation="T.C.A. § 10-7-503(a)(2)(B)",
        quote="the records shall be promptly made available for inspection",
        source="https://example.gov/tca",
        verified=date(2026, 12, 3),
        confidence=Confidence.HIGH,
    )
    quoted = _draft("request", _spec(), replace(state, facts=(read,))).context
    assert quoted["response_text"] == (
        "Under T.C.A. § 10-7-503(a)(2)(B), your office must make the records available; the "
        'law sets no fixed number of days, and its words are: "promptly".'
    )
    assert ctx["response_period"] == "promptly"
    assert ctx["extension_text"] == ""
    follow = _draft("follow-up", _spec(), state).context
    assert follow["due_date"] == ""
    assert "It is now 56 calendar days since" in follow["deadline_text"]  # Oct 1 -> Nov 26


def test_state_frt_law_paragraph_and_item(jurisdictions) -> None:  # type: ignore[no-untyped-def]
    wa = jurisdictions.get("WA")
    spec = _spec(agency__jurisdiction="WA")
    draft = _draft("request", spec, wa)
    assert "RCW 43.386" in draft.context["state_law_text"]
    assert draft.context["items"][-1]["title"] == "Records required by RCW 43.386"
    assert any("RCW 43.386" in w for w in draft.warnings)  # verify the current text
    off = _draft("request", _spec(records__include_state_frt_law=False), wa).context
    assert off["state_law_text"] == "" and "RCW" not in off["items"][-1]["title"]


def test_follow_up_cites_received_and_due_dates_worked_by_hand(us: Jurisdiction) -> None:
    # Received Thu 2026-10-01. 20 business days, skipping weekends and Columbus Day (Mon 10-12):
    # Oct 2 (1), Oct 5-9 (2-6), Oct 13-16 (7-10), Oct 19-23 (11-15), Oct 26-30 (16-20).
    ctx = _draft("follow-up", _spec(), us).context
    assert ctx["received_date"] == "October 1, 2026"
    assert ctx["due_date"] == "October 30, 2026"
    assert ctx["is_overdue"] is True
    assert "5 U.S.C. § 552(a)(6)(A)(i)" in ctx["deadline_text"]
    assert "that time ended on October 30, 2026. That date has passed" in ctx["deadline_text"]
    assert "received on October 1, 2026" in ctx["followup_intro_text"]
    assert "2026-FOIA-0042" in ctx["followup_intro_text"]
    assert "date by which you expect to complete it" in ctx["completion_text"]
    early_spec = _spec(history__denied_on=None)
    early = _draft("follow-up", early_spec, us, today=date(2026, 10, 20)).context
    assert early["is_overdue"] is False and "That date has passed" not in early["deadline_text"]


def test_follow_up_calendar_day_law_rolls_forward_past_thanksgiving(us: Jurisdiction) -> None:
    clock = Clock(10, DayType.CALENDAR, ClockAction.RESPOND, "respond", "Test Code § 1")
    state = _state(us, response=clock, roll_forward=RollForward(True, "Test Code § 2"))
    # Received Mon 2026-11-16; day 10 is Thu 2026-11-26, Thanksgiving: moves to Fri 11-27.
    spec = _spec(history__received="2026-11-16", history__denied_on=None)
    ctx = _draft("follow-up", spec, state, today=date(2026, 11, 30)).context
    assert ctx["due_date"] == "November 27, 2026"
    assert ctx["is_overdue"] is True


def test_follow_up_needs_the_received_date(us: Jurisdiction) -> None:
    spec = _spec(history=None)
    with pytest.raises(SpecError) as info:
        _draft("follow-up", spec, us)
    assert info.value.field == "history.received"


def test_appeal_cites_route_deadline_and_each_exemption(us: Jurisdiction) -> None:
    draft = _draft("appeal", _spec(), us)
    ctx = draft.context
    assert ctx["denied_on"] == "November 2, 2026"
    assert ctx["appeal_citation"] == "5 U.S.C. § 552(a)(6)(A)(i)(III)(aa)"
    assert ctx["appeal_deadline_text"] == (
        "The law allows 90 calendar days to appeal (5 U.S.C. § 552(a)(6)(A)(i)(III)(aa))."
    )
    assert "November 2, 2026" in ctx["appeal_timely_text"]
    assert ctx["appeal_route"].startswith("Administrative appeal to the head of the agency")
    assert [e["exemption"] for e in ctx["exemptions"]] == ["investigative records", "trade secret"]
    assert "not investigative files" in ctx["exemptions"][0]["argument"]
    assert "non-disclosure agreement" in ctx["exemptions"][1]["argument"]
    assert "segregable" in ctx["segregability_text"]
    assert "new search" in ctx["new_search_text"]
    assert any("Appeal route" in w for w in draft.warnings)


def test_late_appeal_is_not_called_timely(us: Jurisdiction) -> None:
    # Denied 2026-11-02; 90 calendar days end Sun 2027-01-31 (federal FOIA does not roll forward).
    draft = _draft("appeal", _spec(), us, today=date(2027, 2, 1))
    assert draft.context["appeal_timely_text"] == ""
    assert any("ended on January 31, 2027" in w for w in draft.warnings)


def test_appeal_needs_the_denial_date(us: Jurisdiction) -> None:
    with pytest.raises(SpecError) as info:
        _draft("appeal", _spec(history__denied_on=None), us)
    assert info.value.field == "history.denied_on"


def test_preservation_asks_to_suspend_deletion(us: Jurisdiction) -> None:
    ctx = _draft("preservation", _spec(), us).context
    assert "suspend any automatic deletion" in ctx["suspend_deletion_text"]
    assert any("audit logs" in entry for entry in ctx["preservation_items"])
    assert any("emails" in entry for entry in ctx["preservation_items"])


def test_unknown_category_names_the_field(us: Jurisdiction) -> None:
    with pytest.raises(SpecError) as info:
        _draft("request", _spec(records__categories=["contracts", "nope"]), us)
    assert info.value.field == "records.categories[1]"


def test_received_after_letter_date_is_refused_even_when_the_date_is_today(
    us: Jurisdiction,
) -> None:
    with pytest.raises(SpecError) as info:
        _draft("follow-up", _spec(), us, today=date(2026, 9, 1))
    assert info.value.field == "history.received"


def test_no_administrative_appeal_asks_for_reconsideration(us: Jurisdiction) -> None:
    from foia_assist.domain.jurisdictions import Appeal

    route = "No administrative appeal; petition in superior court."
    state = _state(
        us, appeal=Appeal(route=route, administrative=False, citation="Test Code § 9 et seq.")
    )
    ctx = _draft("appeal", _spec(), state).context
    assert ctx["subject"].startswith("Request for reconsideration: ")
    assert ctx["appeal_intro_text"].startswith("I ask you to reconsider the denial")
    assert (
        "provides no administrative appeal (Test Code § 9 et seq.)." in ctx["appeal_deadline_text"]
    )
    assert ctx["appeal_timely_text"] == ""
