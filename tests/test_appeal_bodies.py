"""Appeal letters to bodies that only mediate or advise, filings the law says must enclose
copies, and the officer the law names as deciding an internal appeal
(docs/verification/letters-code-pass.md)."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.jurisdictions import Level
from foia_assist.domain.request import RequestSpec
from foia_assist.paths import resources_dir
from foia_assist.services.letters.context import LetterDraft, draft_letter
from foia_assist.storage.catalogue_files import load_catalogue
from foia_assist.storage.rule_files import RuleFileError, load_jurisdictions, parse_jurisdiction

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "request-spec.json"
TODAY = date(2026, 11, 10)
CATALOGUE = load_catalogue(resources_dir() / "frt")
CALENDARS = CalendarCache()
JURISDICTIONS = load_jurisdictions(resources_dir() / "jurisdictions")


def _draft(code: str, level: Level) -> LetterDraft:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["agency"]["jurisdiction"] = code
    data["agency"]["level"] = level.value
    data["requester"]["residence"] = code
    spec = RequestSpec.from_dict(data)
    j = JURISDICTIONS.get(code)
    return draft_letter("appeal", spec, j, CATALOGUE, CALENDARS.for_jurisdiction(j), TODAY)


ADVISERS = {
    "MD": "the Public Access Ombudsman",
    "MN": "the Commissioner of Administration",
    "IN": "the Public Access Counselor",
}


@pytest.mark.parametrize("code", sorted(ADVISERS))
def test_a_body_that_only_mediates_or_advises_is_not_asked_to_reverse(code: str) -> None:
    draft = _draft(code, Level.LOCAL)
    ctx, body = draft.context, ADVISERS[code]
    assert "reverse the denial" not in ctx["appeal_request_text"]
    assert ctx["appeal_request_text"].startswith(f"I ask {body} to ")
    assert "my appeal" not in ctx["appeal_intro_text"]
    assert not ctx["subject"].startswith("Appeal: ")
    assert "I make this appeal" not in ctx["appeal_deadline_text"]
    assert "does not decide the denial" in " ".join(draft.warnings)


def test_indiana_files_a_formal_complaint_for_an_advisory_opinion() -> None:
    ctx = _draft("IN", Level.LOCAL).context
    assert ctx["subject"].startswith("Formal complaint: ")
    assert ctx["appeal_intro_text"].startswith(
        "This is my formal complaint to the Public Access Counselor about your office's denial"
    )
    assert "I make this formal complaint under Ind. Code § 5-14-5-6" in ctx["appeal_deadline_text"]
    assert "to file a formal complaint" in ctx["appeal_deadline_text"]
    assert "advisory opinion" in ctx["appeal_request_text"]


def test_maryland_board_follows_an_unresolved_dispute_not_an_upheld_denial() -> None:
    text = _draft("MD", Level.LOCAL).context["appeal_deadline_text"]
    assert "is upheld" not in text
    assert "If the dispute is not resolved, I may also turn to the State Public" in text


def test_illinois_is_a_request_for_review_with_its_enclosures() -> None:
    draft = _draft("IL", Level.LOCAL)
    ctx = draft.context
    assert ctx["subject"].startswith("Request for review: ")
    assert "I make this request for review under 5 ILCS 140/9.5(a)" in ctx["appeal_deadline_text"]
    assert "reverse the denial" not in ctx["appeal_request_text"]
    assert (
        "As the law requires (5 ILCS 140/9.5(a)), I enclose a copy of the request for access "
        "to records "
        "and any responses from the public body." in ctx["appeal_request_text"]
    )
    assert any(w.startswith("Attach a copy of the request") for w in draft.warnings)


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("KY", "a copy of the written request and a copy of the written response denying"),
        ("MA", "complete copies of the request and all responses"),
        ("PA", "a copy of the request and the agency's response"),
        ("MS", "a copy of the written denial"),
    ],
)
def test_enclosures_the_law_requires_are_listed_and_warned(code: str, words: str) -> None:
    # A state agency: Pennsylvania's local agencies send criminal investigative records
    # appeals to the district attorney's appeals officer instead.
    draft = _draft(code, Level.STATE)
    assert f"I enclose {words}" in draft.context["appeal_request_text"]
    assert any(w.startswith("Attach ") and words in w for w in draft.warnings)


def test_federal_appeal_goes_to_the_agency_head_and_ogis_only_mediates() -> None:
    ctx = _draft("US", Level.FEDERAL).context
    assert ctx["salutation"] == "Dear Head of the Agency:"
    assert ctx["agency_block"][0] == "Attention: Head of the Agency"
    assert ctx["appeal_intro_text"].startswith("I appeal the denial")
    text = ctx["appeal_deadline_text"]
    assert "may also ask the Office of Government Information Services to mediate" in text
    assert "turn to the Office of Government Information Services" not in text
    assert "Office of Government Information Services" not in ctx["appeal_request_text"]


@pytest.mark.parametrize(
    ("code", "title"),
    [
        ("RI", "Chief Administrative Officer"),
        ("UT", "Chief Administrative Officer"),
        ("VT", "Head of the Agency"),
    ],
)
def test_the_officer_the_law_names_is_the_addressee(code: str, title: str) -> None:
    ctx = _draft(code, Level.LOCAL).context
    assert ctx["salutation"] == f"Dear {title}:"
    assert ctx["agency_block"][0] == f"Attention: {title}"
    assert "Public Records Officer" not in ctx["agency_lines"]


def _md_with(**changes: Any) -> dict[str, Any]:
    data = tomllib.loads((resources_dir() / "jurisdictions" / "MD.toml").read_text("utf-8"))
    fact = next(f for f in data["facts"] if f["id"] == "appeal-ombudsman")
    fact.update(changes)
    return data


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"filing": "petition"}, "filing"),  # not the law's word
        ({"asks": ""}, "asks"),  # a body that does not decide must be asked something
        ({"encloses": ["a sworn affidavit"]}, "encloses[0]"),
        ({"addressee": "the governor"}, "addressee"),
    ],
)
def test_appeal_keys_are_checked_against_the_facts_words(
    changes: dict[str, Any], field: str
) -> None:
    data = _md_with(**changes)
    if not changes.get("asks", "x"):
        del next(f for f in data["facts"] if f["id"] == "appeal-ombudsman")["asks"]
    with pytest.raises(RuleFileError) as err:
        parse_jurisdiction(Path("MD.toml"), data)
    assert field in str(err.value)


def test_appeal_keys_only_on_appeal_facts() -> None:
    data = _md_with()
    other = next(f for f in data["facts"] if f["topic"] != "appeal")
    other["decides"] = False
    with pytest.raises(RuleFileError):
        parse_jurisdiction(Path("MD.toml"), data)


def test_the_court_route_is_a_clean_sentence_then_the_facts_statement() -> None:
    # Washington's fixture facts without the internal review: a local agency has no
    # administrative route, so the letter names the court.
    from dataclasses import replace

    from tests.test_letter_facts import WA, _spec

    j = replace(WA, facts=tuple(f for f in WA.facts if f.id != "appeal-internal"))
    spec = _spec("WA", Level.LOCAL)
    ctx = draft_letter("appeal", spec, j, CATALOGUE, CALENDARS.for_jurisdiction(j), TODAY).context
    text = ctx["appeal_deadline_text"]
    court = next(f for f in j.facts if f.route == "court")
    assert f"If the denial stands, the law's remedy is in court ({court.citation}). " in text
    assert f"({court.citation}):" not in text


@pytest.mark.parametrize("code", JURISDICTIONS.codes())
def test_segregability_is_asked_not_claimed_as_law_without_a_fact(code: str) -> None:
    # No fact states a duty to release the non-exempt parts: the letter asks for them.
    level = Level.FEDERAL if code == "US" else Level.STATE
    text = _draft(code, level).context["segregability_text"]
    assert "segregable" in text
    assert "the law requires" not in text
    assert "I ask you to release the parts" in text
