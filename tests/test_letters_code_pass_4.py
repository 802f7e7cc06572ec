"""Letters code pass 4 (docs/verification/letters-code-pass-4.md): letter-code findings of
review pass 8-a and facts pass 8 (MT response by level, TX § 552.301/.302 after a denial, NY
appeal salutation and § 89(5), IL signed request for review, the preservation letter's law,
research wording kept out of user-facing text)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.jurisdictions import Jurisdiction, Level
from foia_assist.domain.request import RequestSpec
from foia_assist.paths import resources_dir
from foia_assist.services.letters.context import LetterDraft, draft_letter
from foia_assist.storage.catalogue_files import load_catalogue
from foia_assist.storage.rule_files import load_jurisdictions

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "request-spec.json"
TODAY = date(2026, 11, 10)
CATALOGUE = load_catalogue(resources_dir() / "frt")
CALENDARS = CalendarCache()
JURISDICTIONS = load_jurisdictions(resources_dir() / "jurisdictions")


def _draft(kind: str, code: str, level: Level, j: Jurisdiction | None = None) -> LetterDraft:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["agency"]["jurisdiction"] = code
    data["agency"]["level"] = level.value
    data["requester"]["residence"] = code
    if kind == "follow-up":
        data["history"]["denied_on"] = None
    j = j or JURISDICTIONS.get(code)
    spec = RequestSpec.from_dict(data)
    return draft_letter(kind, spec, j, CATALOGUE, CALENDARS.for_jurisdiction(j), TODAY)


def _text(draft: LetterDraft) -> str:
    return " ".join(str(v) for v in draft.context.values() if isinstance(v, str))


# -- 1. the response sentence comes from the fact for the agency's level ---------------------


def test_montana_state_agency_is_not_cited_the_rule_for_non_executive_agencies() -> None:
    # § 2-6-1006(2) ("timely manner") binds an agency "that is not an executive branch
    # agency"; a state agency's letter took that sentence from the [response] table.
    for kind, key in (("request", "response_text"), ("follow-up", "deadline_text")):
        state = _draft(kind, "MT", Level.STATE).context[key]
        local = _draft(kind, "MT", Level.LOCAL).context[key]
        assert state.startswith("I understand that under Mont. Code Ann. § 2-6-1006(3),")
        assert "your office must make the public information available" not in state
        assert '"in a timely manner"' not in state
        assert local.startswith("I understand that under Mont. Code Ann. § 2-6-1006(2),")
        assert '"in a timely manner"' in local


def test_a_table_clock_for_other_agencies_gives_way_to_the_level_s_own_fact() -> None:
    # The mechanism, not Montana's data: a response fact for state agencies on a clock the
    # file has no table for replaces the table's sentence, and only for state agencies.
    wa = JURISDICTIONS.get("WA")
    table_fact = next(f for f in wa.facts if f.topic == "response")
    local = replace(table_fact, applies_to=(Level.LOCAL,))
    own = replace(
        table_fact,
        id="response-state",
        clock="Response (state agencies)",
        statement="A state agency must answer within the time a test rule sets.",
        citation="Test Code § 99",
        applies_to=(Level.STATE,),
    )
    others = tuple(f for f in wa.facts if f is not table_fact)
    j = replace(wa, facts=(local, own, *others))
    state = _draft("request", "WA", Level.STATE, j).context["response_text"]
    expected = "Under Test Code § 99, a state agency must answer within the time a test rule sets."
    assert state == expected
    assert wa.response.citation not in state
    assert wa.response.citation in _draft("request", "WA", Level.LOCAL, j).context["response_text"]
