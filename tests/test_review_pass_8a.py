"""Findings of review pass 8-a (docs/verification/review-pass-8-a.md): facts for US, CA, TX, NY,
FL and IL corrected or added after reading the statutes, and the letters that change with them."""

from __future__ import annotations

from letter_drafts import JURISDICTIONS, context_text, draft, example_spec

from foia_assist.domain.jurisdictions import Level
from foia_assist.services.letters.context import LetterDraft


def _draft(kind: str, code: str, level: Level = Level.LOCAL) -> LetterDraft:
    return draft(kind, example_spec(code, level, no_denial=kind == "follow-up"))


_text = context_text


def _fact_ids(code: str) -> set[str]:
    return {f.id for f in JURISDICTIONS.get(code).facts}


# -- Florida ----------------------------------------------------------------------------------


def test_florida_appeal_states_the_30_day_hold_on_a_requested_record() -> None:
    # Fla. Stat. § 119.07(1)(h): a requested record may not be disposed of for 30 days, nor
    # (once a civil action is filed within them) without a court order. The data left it out.
    text = _text(_draft("appeal", "FL"))
    assert "Fla. Stat. § 119.07(1)(h)" in text
    assert "may not be disposed of for 30 days" in text


def test_florida_court_route_does_not_name_a_court_the_cited_section_does_not_name() -> None:
    # § 119.11(1) says "the court"; "circuit court" was not in the words cited.
    text = _text(_draft("appeal", "FL"))
    assert "circuit court" not in text
    assert "bring an action in court to enforce chapter 119" in text


def test_florida_request_says_once_that_the_statute_sets_no_number_of_days() -> None:
    text = _text(_draft("request", "FL"))
    assert "the statute sets no number of days" not in text
    assert text.count("sets no fixed number of days") == 1


# -- Texas ------------------------------------------------------------------------------------


def test_texas_prosecutor_route_follows_the_level_of_the_body() -> None:
    # § 552.3215(c) gives the county's district or county attorney an action only against "a
    # governmental body other than a state agency"; a state agency's route is in (d)-(e).
    local = " ".join(_draft("appeal", "TX", Level.LOCAL).warnings)
    state = " ".join(_draft("appeal", "TX", Level.STATE).warnings)
    assert "§ 552.3215(a)(1), (b)-(c)" in local and "§ 552.3215(a)(2), (d)-(e)" not in local
    assert "§ 552.3215(a)(2), (d)-(e)" in state and "(b)-(c)" not in state
    # Neither is stated to the agency as settled law: (e), the complaint, was not read.
    for level in (Level.LOCAL, Level.STATE):
        assert "552.3215" not in _text(_draft("appeal", "TX", level))


# -- New York ---------------------------------------------------------------------------------


def test_new_york_appeal_route_names_the_subdivision_five_exception() -> None:
    # § 89(4)(a) begins "Except as provided in subdivision five of this section": records a
    # commercial enterprise submitted for exception as trade secrets have their own procedure.
    fact = next(f for f in JURISDICTIONS.get("NY").facts if f.id == "appeal-agency-head")
    assert fact.quote.startswith("(a) Except as provided in subdivision five of this section")
    assert "§ 89(5)" in fact.statement
    warnings = " ".join(_draft("appeal", "NY").warnings)
    assert "subdivision five" in warnings and "§ 87(2)(d)" in warnings


# -- United States ----------------------------------------------------------------------------


def test_federal_requesters_include_the_intelligence_community_limit() -> None:
    # 5 U.S.C. § 552(a)(3)(E): the one limit on who may request under FOIA.
    facts = {f.id: f for f in JURISDICTIONS.get("US").facts if f.topic == "requesters"}
    limit = facts["requesters-intelligence-community"]
    assert limit.citation == "5 U.S.C. § 552(a)(3)(E)"
    assert "other than a State, territory, commonwealth, or district" in limit.quote
    assert "§ 552(a)(3)(E)" in facts["requesters"].statement


def test_texas_requesters_include_the_incarcerated_requester_limit() -> None:
    # Tex. Gov't Code § 552.028: a body need not accept or comply with a request from a person
    # imprisoned or confined in a correctional facility, or that person's agent.
    facts = {f.id: f for f in JURISDICTIONS.get("TX").facts if f.topic == "requesters"}
    limit = facts["requesters-incarcerated"]
    assert limit.citation == "Tex. Gov't Code § 552.028(a)-(b)"
    assert "imprisoned or confined in a correctional facility" in limit.quote
    assert "§ 552.028" in facts["requesters"].statement
