"""Follow-up letters from tracked requests cite the clock that is actually late, as tracked.

Before this, a follow-up counted the first clock from receipt whatever had happened: it called
an extended deadline missed, and an Alabama request "unacknowledged" after its acknowledgment.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from tracking_helpers import tracked_spec

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.jurisdictions import JurisdictionSet
from foia_assist.domain.request import RequestSpec
from foia_assist.errors import UserError
from foia_assist.paths import letter_templates_dir, resources_dir
from foia_assist.services.letters.service import LetterService
from foia_assist.services.tracked_letters import spec_for_letter
from foia_assist.services.tracker import TrackerService
from foia_assist.storage.catalogue_files import load_catalogue

spec = tracked_spec


@pytest.fixture
def letters(jurisdictions: JurisdictionSet) -> LetterService:
    return LetterService(
        jurisdictions, load_catalogue(resources_dir() / "frt"), CalendarCache(),
        letter_templates_dir(),
    )  # fmt: skip


def follow_up(tracker: TrackerService, letters: LetterService, rid: int, today: date) -> str:
    text = letters.letter_text("follow-up", spec_for_letter(tracker.view(rid, today)), today)
    return " ".join(text.split())


def sent(tracker: TrackerService, code: str, day: date) -> int:
    return tracker.add_request(spec(code), today=day, sent=day, method="email")


def test_an_extended_deadline_is_not_called_missed(
    tracker: TrackerService, letters: LetterService
) -> None:
    # Federal: received Mon 2 Mar 2026, 20 business days -> Mon 30 Mar; +10 -> Mon 13 Apr.
    rid = sent(tracker, "US", date(2026, 3, 2))
    tracker.log_event(rid, "extension", date(2026, 3, 25), days=10)
    text = follow_up(tracker, letters, rid, date(2026, 4, 6))
    assert (
        "that time (including the 10 business-day extension your office took on March 25, "
        "2026) ends on April 13, 2026." in text
    )
    assert "As of today I have not received a determination." in text
    assert "That date has passed" not in text and "March 30, 2026" not in text
    late = follow_up(tracker, letters, rid, date(2026, 4, 20))
    assert "ended on April 13, 2026. That date has passed" in late


def test_a_date_the_agency_set_is_used(tracker: TrackerService, letters: LetterService) -> None:
    rid = sent(tracker, "US", date(2026, 3, 2))
    tracker.log_event(rid, "extension", date(2026, 3, 20), new_date=date(2026, 5, 15))
    text = follow_up(tracker, letters, rid, date(2026, 5, 20))
    assert "(as extended by your office on March 20, 2026) ended on May 15, 2026." in text


def test_a_paused_clock_claims_no_date(tracker: TrackerService, letters: LetterService) -> None:
    rid = sent(tracker, "US", date(2026, 3, 2))
    tracker.log_event(rid, "clarification_requested", date(2026, 3, 10))
    text = follow_up(tracker, letters, rid, date(2026, 4, 20))
    assert "the time has been on hold since March 10, 2026 for my clarification" in text
    assert "ended on" not in text and "That date has passed" not in text


def test_after_a_pause_the_letter_says_the_days_on_hold_were_not_counted(
    tracker: TrackerService, letters: LetterService
) -> None:
    rid = sent(tracker, "US", date(2026, 3, 2))
    tracker.log_event(rid, "clarification_requested", date(2026, 3, 10))
    tracker.log_event(rid, "clarification_answered", date(2026, 3, 17))
    view = tracker.view(rid, date(2026, 5, 1))
    due = view.clocks[0].due
    assert due is not None
    text = follow_up(tracker, letters, rid, date(2026, 5, 1))
    assert "not counting the time the request was on hold for my clarification" in text
    from foia_assist.services.letters.context import long_date

    assert f"ended on {long_date(due)}" in text


def test_alabama_after_acknowledgment_follows_up_the_substantive_response(
    tracker: TrackerService, letters: LetterService
) -> None:
    rid = sent(tracker, "AL", date(2026, 10, 1))
    tracker.log_event(rid, "acknowledged", date(2026, 10, 5))
    text = follow_up(tracker, letters, rid, date(2026, 10, 30))
    assert (
        "Under Ala. Code § 36-12-44(a)(4), your office had 15 business days from acknowledgment "
        "of receipt to provide a substantive response fulfilling or denying the proper request; "
        "that time (counted from your office's acknowledgment of October 5, 2026) ended on "
        "October 27, 2026." in text
    )
    assert "I have not received a determination." in text
    assert "not received an acknowledgment" not in text


def test_a_partial_release_asks_for_the_rest(
    tracker: TrackerService, letters: LetterService
) -> None:
    rid = sent(tracker, "US", date(2026, 3, 2))
    tracker.log_event(rid, "records_released", date(2026, 3, 20), partial=True)
    text = follow_up(tracker, letters, rid, date(2026, 4, 20))
    assert "Your office released part of the records on March 20, 2026; I have not received" in (
        text
    )


def test_a_hand_written_history_names_an_unknown_clock(
    letters: LetterService,
) -> None:
    data = spec("AL").to_dict()
    data["history"] = {"received": "2026-10-01", "clock": "Production"}
    with pytest.raises(UserError) as err:
        letters.letter_text("follow-up", RequestSpec.from_dict(data), date(2026, 11, 1))
    assert "field 'history.clock'" in str(err.value) and "Substantive response" in str(err.value)
    data["history"] = {"received": "2026-10-01", "clock": "Substantive response"}
    with pytest.raises(UserError, match="field 'history.due'"):
        letters.letter_text("follow-up", RequestSpec.from_dict(data), date(2026, 11, 1))


@pytest.mark.parametrize(
    ("event", "kwargs", "problem"),
    [
        ("records_released", {}, "is complete (records released on 2026-10-05)"),
        ("withdrawn", {}, "was withdrawn on 2026-10-05"),
        ("denied", {}, "was denied on 2026-10-05: write an appeal letter instead"),
    ],
)
def test_no_follow_up_when_nothing_is_running(
    tracker: TrackerService, event: str, kwargs: dict[str, object], problem: str
) -> None:
    from foia_assist.services.tracked_letters import follow_up_problem

    rid = sent(tracker, "TX", date(2026, 10, 1))
    assert follow_up_problem(tracker.view(rid, date(2026, 11, 26))) is None
    tracker.log_event(rid, event, date(2026, 10, 5), **kwargs)  # type: ignore[arg-type]
    found = follow_up_problem(tracker.view(rid, date(2026, 11, 26)))
    assert found is not None and problem in found


def test_after_an_acknowledgment_the_follow_up_asks_for_the_records(
    tracker: TrackerService, letters: LetterService
) -> None:
    # Maine: the first clock is the acknowledgment (5 business days); once it is met nothing
    # else is tracked, and the letter must not say the acknowledgment is missing.
    rid = sent(tracker, "ME", date(2026, 10, 1))
    tracker.log_event(rid, "acknowledged", date(2026, 10, 6))
    text = follow_up(tracker, letters, rid, date(2026, 11, 26))
    assert (
        "Your office acknowledged the request on October 6, 2026, but I have not yet received "
        "the records or a decision on them." in text
    )
    assert "have not received an acknowledgment" not in text


def test_a_date_the_agency_set_under_a_law_without_days_is_cited(
    tracker: TrackerService, letters: LetterService
) -> None:
    rid = sent(tracker, "NC", date(2026, 10, 1))
    tracker.log_event(rid, "extension", date(2026, 10, 5), new_date=date(2026, 10, 30))
    text = follow_up(tracker, letters, rid, date(2026, 11, 26))
    assert "Your office set October 30, 2026 as the date for its response." in text
    assert "That date has passed" in text


def test_cli_refuses_a_follow_up_with_nothing_to_chase(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    from foia_assist.cli import run_cli

    path = tmp_path / "spec.json"
    path.write_text(json.dumps(spec("TX").to_dict()), encoding="utf-8")
    assert run_cli(["track", "add", "--spec", str(path), "--sent", "2026-10-01"]) == 0
    assert run_cli(["track", "event", "1", "records_released", "--date", "2026-10-05"]) == 0
    capsys.readouterr()
    out = tmp_path / "f.txt"
    assert run_cli(["track", "letter", "1", "--kind", "follow-up", "--out", str(out)]) == 2
    assert "request 1 is complete (records released on 2026-10-05)" in capsys.readouterr().err
    assert not out.exists()
