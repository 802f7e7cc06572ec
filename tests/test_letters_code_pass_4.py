"""Letters code pass 4 (docs/verification/letters-code-pass-4.md): letter-code findings of
review pass 8-a and facts pass 8 (MT response by level, TX § 552.301/.302 after a denial, NY
appeal salutation and § 89(5), IL signed request for review, the preservation letter's law,
research wording kept out of user-facing text)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from letter_drafts import (
    CALENDARS,
    CATALOGUE,
    EXAMPLE,
    JURISDICTIONS,
    TODAY,
    context_text,
    draft,
    example_spec,
    rule_data,
    rule_fact,
)

from foia_assist.domain.jurisdictions import Jurisdiction, Level
from foia_assist.domain.request import RequestSpec
from foia_assist.services.law import fact_dict, fact_lines
from foia_assist.services.letters.context import KINDS, LetterDraft, draft_letter
from foia_assist.storage.rule_files import RuleFileError, parse_jurisdiction


def _draft(kind: str, code: str, level: Level, j: Jurisdiction | None = None) -> LetterDraft:
    return draft(kind, example_spec(code, level, no_denial=kind == "follow-up"), j)


_text = context_text


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


_rule_data, _fact = rule_data, rule_fact


# -- 2. Texas: after a denial, § 552.301 and § 552.302 -----------------------------------------


def test_texas_reconsideration_states_the_attorney_general_duty_and_the_presumption() -> None:
    # A Texas body may withhold only by asking the Attorney General within 10 business days
    # (§ 552.301(b), (d)); otherwise the information is presumed public (§ 552.302).
    for level in (Level.STATE, Level.LOCAL):
        draft = _draft("appeal", "TX", level)
        text = draft.context["appeal_deadline_text"]
        assert "Under Tex. Gov't Code § 552.301(b), (d), a governmental body that wishes to" in text
        assert "not later than the 10th business day after receiving the written request" in text
        assert (
            "The law provides (Tex. Gov't Code § 552.302): \"If a governmental body does not "
            "request an attorney general decision as provided by Section 552.301"
        ) in text
        assert '"is presumed to be subject' not in text  # the whole passage, quoted once
        assert "If your office did not meet these requirements, I ask you to release" in text
        cited = {g.fact.id for g in draft.grounds if g.fact is not None}
        assert {"response", "presumed-public"} <= cited
    # Only where the data asks for it: an appeal in another state does not gain such a line.
    assert "did not meet these requirements" not in _text(_draft("appeal", "CA", Level.LOCAL))


@pytest.mark.parametrize(
    ("change", "needle"),
    [
        ({"cited_in": ["follow-up"]}, "cited_in[0]"),  # not a kind that states them
        ({"cited_in": ["appeal"], "quote": None, "unread": "not read"}, "cited_in"),
    ],
)
def test_cited_in_names_a_letter_kind_and_needs_the_laws_words(
    change: dict[str, Any], needle: str
) -> None:
    data = _rule_data("TX")
    fact = _fact(data, "response")
    for key, value in change.items():
        if value is None:
            del fact[key]
        else:
            fact[key] = value
    with pytest.raises(RuleFileError) as err:
        parse_jurisdiction(Path("TX.toml"), data)
    assert needle in str(err.value)


# -- 5. the preservation letter cites a statute that forbids disposal --------------------------


def test_florida_preservation_letter_quotes_the_30_day_hold() -> None:
    draft = _draft("preservation", "FL", Level.LOCAL)
    text = draft.context["duration_text"]
    assert text.startswith("Please keep these records until my request")
    assert (
        "Whatever is decided about the request, the law itself sets a minimum "
        '(Fla. Stat. § 119.07(1)(h)): "Even if an assertion is made'
    ) in text
    assert "shall, nevertheless, not be disposed of for a period of 30 days" in text
    assert any(
        g.fact is not None and g.fact.id == "appeal-court-record-hold" for g in draft.grounds
    )
    # A state without such a fact: the letter asks, and states no law.
    other = _draft("preservation", "IL", Level.LOCAL).context["duration_text"]
    assert "The law provides" not in other and "the law itself sets a minimum" not in other


def test_an_unsettled_preservation_fact_is_told_to_the_user_not_the_agency() -> None:
    fl = JURISDICTIONS.get("FL")
    facts = tuple(
        replace(f, unsettled=True) if f.id == "appeal-court-record-hold" else f for f in fl.facts
    )
    draft = _draft("preservation", "FL", Level.LOCAL, replace(fl, facts=facts))
    assert "119.07(1)(h)" not in draft.context["duration_text"]
    assert any("Fla. Stat. § 119.07(1)(h) may bear on this letter" in w for w in draft.warnings)


# -- 3. New York: the salutation agrees with the Attention line; § 89(5) caveat ----------------


def test_new_york_appeal_greets_the_officer_it_is_addressed_to() -> None:
    # § 89(4)(a): "the head, chief executive or governing body of the entity, or the person
    # therefor designated": the letter greeted an "Appeals Officer" its address never named.
    ctx = _draft("appeal", "NY", Level.LOCAL).context
    assert ctx["agency_block"][:2] == [
        "Attention: Head, Chief Executive or Governing Body",
        "or the Appeals Officer designated to decide appeals",
    ]
    assert ctx["salutation"] == "Dear Appeals Officer:"


def test_an_addressee_with_alternatives_and_no_designee_is_greeted_as_addressed() -> None:
    ny = JURISDICTIONS.get("NY")
    quote = (
        "any person denied access to a record may within thirty days appeal in writing such "
        "denial to the head, chief executive or governing body of the entity"
    )
    facts = tuple(
        replace(f, quote=quote, statement="An appeal goes to the head of the entity.")
        if f.id == "appeal-agency-head"
        else f
        for f in ny.facts
    )
    ctx = _draft("appeal", "NY", Level.LOCAL, replace(ny, facts=facts)).context
    assert ctx["agency_block"][0] == "Attention: Head, Chief Executive or Governing Body"
    assert ctx["agency_block"][1] == "Springfield Police Department"
    assert ctx["salutation"] == "Dear Head, Chief Executive or Governing Body:"


def test_new_york_thirty_days_carry_the_subdivision_five_caveat() -> None:
    draft = _draft("appeal", "NY", Level.LOCAL)
    assert "The law allows 30 calendar days to appeal" in draft.context["appeal_deadline_text"]
    caveat = [w for w in draft.warnings if w.startswith("The 30 calendar days to appeal")]
    assert len(caveat) == 1
    assert "\u201cExcept as provided in subdivision five of this section\u201d" in caveat[0]
    # A route whose time the law does not open with an exception: no such caveat.
    wa = _draft("appeal", "WA", Level.LOCAL)
    assert not any("in the law's words: if this denial falls under" in w for w in wa.warnings)


# -- 4. Illinois: the request for review must be signed ---------------------------------------


def test_illinois_request_for_review_warns_that_it_must_be_signed() -> None:
    # 5 ILCS 140/9.5(a): "The request for review must be in writing, signed by the requester".
    for level in (Level.STATE, Level.LOCAL):
        warnings = _draft("appeal", "IL", level).warnings
        signed = [w for w in warnings if w.startswith("Sign the request for review")]
        assert signed == [
            "Sign the request for review before you file it: the law requires it (5 ILCS "
            "140/9.5(a): \u201cThe request for review must be in writing, signed by the "
            "requester\u201d)."
        ]
    assert not any(w.startswith("Sign the") for w in _draft("appeal", "WA", Level.LOCAL).warnings)


# -- 6. research wording stays out of what the agency reads -----------------------------------

# How the app's research went, not what the law says: for the rule file's notes and `unread`.
RESEARCH = re.compile(
    r"not read|were not read|could not be read|was not reached|not confirmed|not retrieved"
    r"|sections read|text read|the app\b|this pass",
    re.IGNORECASE,
)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def test_no_letter_carries_research_wording() -> None:
    # Every kind, every jurisdiction, state, local and unknown level; every string of the
    # context (so also `appeal_route`, which user templates and the appeal warning print).
    found = []
    for j in JURISDICTIONS:
        levels = [Level.FEDERAL] if j.is_federal else [Level.STATE, Level.LOCAL, None]
        for level in levels:
            for kind in KINDS:
                data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
                data["agency"]["jurisdiction"] = j.code
                data["agency"]["level"] = level.value if level else None
                data["requester"]["residence"] = j.code
                if kind == "follow-up":
                    data["history"]["denied_on"] = None
                spec = RequestSpec.from_dict(data)
                draft = draft_letter(kind, spec, j, CATALOGUE, CALENDARS.for_jurisdiction(j), TODAY)
                for key, value in draft.context.items():
                    found += [
                        f"{j.code} {level} {kind} {key}: {m.group(0)}"
                        for text in _strings(value)
                        for m in RESEARCH.finditer(text)
                    ]
    assert found == []


def test_settled_statements_carry_no_research_wording() -> None:
    # A settled fact's statement may be printed in a letter (court routes, cited_in facts):
    # what was not read goes to `unread` or the notes (IL, MS, NY, VT appeal routes).
    found = [
        f"{j.code} {f.id}: {m.group(0)}"
        for j in JURISDICTIONS
        for f in j.facts
        if f.settled
        for m in RESEARCH.finditer(f.statement)
    ]
    assert found == []
    ms = next(f for f in JURISDICTIONS.get("MS").facts if f.id == "appeal-ethics")
    assert "sets no filing deadline" in ms.unread  # moved, not lost


def test_what_was_not_read_beside_a_quote_is_shown_to_the_user() -> None:
    # Moved out of the statement, the caveat must still reach the user: `foia-assist law`
    # prints it under the quote (it printed `unread` only for facts without one).
    fact = next(f for f in JURISDICTIONS.get("NY").facts if f.id == "appeal-agency-head")
    assert fact.quote and fact.unread == "The text of § 89(5) was not read."
    assert "  Not read: The text of § 89(5) was not read." in fact_lines(fact)


def test_law_json_says_which_letters_also_state_a_fact() -> None:
    fl = next(f for f in JURISDICTIONS.get("FL").facts if f.id == "appeal-court-record-hold")
    assert fact_dict(fl)["cited_in"] == ["preservation"]
    assert "cited_in" not in fact_dict(JURISDICTIONS.get("FL").facts[0])
