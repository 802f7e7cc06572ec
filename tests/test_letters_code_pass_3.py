"""Letter code findings of the third pass (docs/verification/letters-code-pass-3.md): a second
act a rule file names for some records (Colorado's Criminal Justice Records Act), pinpoint
citations in deadline sentences, where an appeal decision clock counts from, fee-waiver grounds
in the law's words, and the forms and bodies of NJ and OK."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from letter_drafts import (
    CALENDARS,
    CATALOGUE,
    EXAMPLE,
    JURISDICTIONS,
    TODAY,
    draft,
    example_spec,
    rule_data,
    rule_fact,
)

from foia_assist.domain.appeal_clocks import appeal_window
from foia_assist.domain.appeal_routes import plan_appeal
from foia_assist.domain.jurisdictions import Jurisdiction, Level
from foia_assist.domain.lifecycle import Event, EventKind, Method, derive
from foia_assist.domain.request import RequestSpec
from foia_assist.domain.request_clocks import RequestClocks
from foia_assist.services.law import law_json, law_text
from foia_assist.services.letters.context import LetterDraft, draft_letter
from foia_assist.services.letters.law import normalise
from foia_assist.storage.rule_files import (
    RuleFileError,
    parse_jurisdiction,
    says_number,
)


def _spec(code: str, level: Level | None, **options: Any) -> RequestSpec:
    return example_spec(code, level, options=options)


def _draft(
    kind: str,
    code: str,
    level: Level | None = Level.LOCAL,
    j: Jurisdiction | None = None,
    **options: Any,
) -> LetterDraft:
    return draft(kind, _spec(code, level, **options), j)


_rule_data, _fact = rule_data, rule_fact


# -- 1. a second act for some records (Colorado) ---------------------------------------------

CCJRA = "the Colorado Criminal Justice Records Act (C.R.S. § 24-72-301 et seq.)"


@pytest.mark.parametrize("level", [Level.LOCAL, Level.STATE, None])
def test_a_colorado_request_names_the_criminal_justice_records_act(level: Level | None) -> None:
    draft = _draft("request", "CO", level)
    intro = draft.context["intro_text"]
    assert intro.startswith(
        "Under the Colorado Open Records Act (C.R.S. § 24-72-200.1 et seq.) and, for any of "
        f"these records that are criminal justice records, {CCJRA}, I request copies"
    ), intro
    # (the act's time to answer, said in response_text since letters-code-pass-5, is also
    # recorded on this fact: the naming of the act is counted outside it)
    grounds = [
        g for g in draft.grounds if g.fact is not None and g.fact.act and g.key != "response_text"
    ]
    assert [g.fact.id for g in grounds if g.fact] == ["scope-criminal-justice-records"]
    assert any(
        w.startswith("The letter also names the Colorado Criminal Justice") for w in draft.warnings
    )


@pytest.mark.parametrize("kind", ["follow-up", "appeal"])
def test_later_colorado_letters_refer_to_the_request_under_both_acts(kind: str) -> None:
    text = " ".join(str(v) for v in _draft(kind, "CO").context.values() if isinstance(v, str))
    assert f"criminal justice records, {CCJRA}" in text


def test_the_second_act_follows_the_facts_level_not_the_state() -> None:
    # Generic: the act is named where its fact holds for the agency. Limited to state
    # agencies, a city police department's letter does not name it.
    data = _rule_data("CO")
    _fact(data, "scope-criminal-justice-records")["applies_to"] = ["state"]
    j = parse_jurisdiction(Path("CO.toml"), data)
    assert "Criminal Justice Records Act" not in _draft("request", "CO", j=j).context["intro_text"]
    assert (
        "Criminal Justice Records Act"
        in _draft("request", "CO", Level.STATE, j=j).context["intro_text"]
    )
    # Any state's file can name one: the key, not Colorado, makes the difference.
    wa = _rule_data("WA")
    scope = next(f for f in wa["facts"] if f["topic"] == "scope")
    scope.update(records="test records", act="Test Records Act", act_citation="RCW 99.99")
    j = parse_jurisdiction(Path("WA.toml"), wa)
    intro = _draft("request", "WA", j=j).context["intro_text"]
    assert (
        "and, for any of these records that are test records, the Test Records Act (RCW 99.99)"
        in intro
    )


def test_an_unsettled_second_act_is_the_requesters_understanding() -> None:
    data = _rule_data("CO")
    _fact(data, "scope-criminal-justice-records")["unsettled"] = True
    j = parse_jurisdiction(Path("CO.toml"), data)
    intro = _draft("request", "CO", j=j).context["intro_text"]
    assert "and, as I understand the law, for any of these records that are criminal" in intro


@pytest.mark.parametrize(
    ("change", "key"),
    [
        ({"act_citation": None}, "act_citation"),  # the act without its citation
        ({"records": None}, "records"),  # which records it governs must be said
    ],
)
def test_a_second_act_is_checked(change: dict[str, Any], key: str) -> None:
    data = _rule_data("CO")
    fact = _fact(data, "scope-criminal-justice-records")
    for k, v in change.items():
        if v is None:
            del fact[k]
    with pytest.raises(RuleFileError) as err:
        parse_jurisdiction(Path("CO.toml"), data)
    assert key in str(err.value)


def test_a_second_act_belongs_on_a_scope_fact() -> None:
    data = _rule_data("CO")
    _fact(data, "fees").update(
        act="Colorado Criminal Justice Records Act", act_citation="C.R.S. § 24-72-306"
    )
    with pytest.raises(RuleFileError) as err:
        parse_jurisdiction(Path("CO.toml"), data)
    assert "scope" in str(err.value)


# -- 2. deadline sentences cite the part that sets the number --------------------------------


def _says(words: str, n: int) -> bool:
    return says_number(" ".join(words.split()).casefold(), n)


def test_massachusetts_cites_the_regulation_that_sets_the_90_days() -> None:
    fact = JURISDICTIONS.get("MA").fact("appeal-supervisor")
    assert fact is not None and fact.deadline_days == 90 and _says(fact.quote, 90)
    text = _draft("appeal", "MA").context["appeal_deadline_text"]
    assert "The law allows 90 calendar days to file a petition (950 CMR 32.08(1)(c))." in text
    assert "32.08(1)(c))." in text and "§ 10A(a); 950 CMR 32.08(1)(c))." not in text


def test_federal_appeal_period_cites_only_the_clause_that_sets_it() -> None:
    fact = JURISDICTIONS.get("US").fact("appeal-agency-head")
    assert fact is not None and _says(fact.quote, 90)
    text = _draft("appeal", "US", Level.FEDERAL).context["appeal_deadline_text"]
    assert (
        "The time the law allows for an appeal (5 U.S.C. § 552(a)(6)(A)(i)(III)(aa)): "
        '"within a period determined by the head of the agency that is not less than 90 days'
    ) in text
    assert "(aa)): " in text and "(III)(aa), (a)(6)(A)(ii)):" not in text


def test_utah_fee_waiver_is_asked_under_the_subsection_that_provides_it() -> None:
    fact = JURISDICTIONS.get("UT").fact("fee-waiver")
    assert fact is not None and "fee waiver under Subsection 63G-2-203(4)" in fact.quote
    text = _draft("request", "UT", fee_waiver=True).context["fee_waiver_text"]
    # § 63G-2-203(4) lets the entity "fulfill a record request without charge": a waiver, not a
    # reduction (letters-code-pass-5: the ask follows the words read).
    assert text.startswith("I ask you to waive the fees under Utah Code § 63G-2-203(4).")
    assert "63G-2-401" not in text


def test_the_appeal_window_cites_the_pinpoint() -> None:
    ma = JURISDICTIONS.get("MA")
    assert appeal_window(ma, plan_appeal(ma, Level.LOCAL, ())).citation == "950 CMR 32.08(1)(c)"


@pytest.mark.parametrize(
    ("code", "fact_id", "key", "value", "problem"),
    [
        ("MA", "appeal-supervisor", "days_citation", "950 CMR 32.09", "not part of the citation"),
        ("MA", "appeal-court", "days_citation", "M.G.L. c. 66, § 10A(c)", "deadline to file"),
        ("UT", "fee-waiver", "grant_citation", "Utah Code § 63G-2-203(5)", "not part of"),
        ("UT", "appeal-court", "grant_citation", "Utah Code § 63G-2-404(1)", "fee_waiver"),
    ],
)
def test_pinpoints_are_checked(code: str, fact_id: str, key: str, value: str, problem: str) -> None:
    data = _rule_data(code)
    _fact(data, fact_id)[key] = value
    with pytest.raises(RuleFileError) as err:
        parse_jurisdiction(Path(f"{code}.toml"), data)
    assert key in str(err.value) and problem in str(err.value)


# -- 3. what an appeal decision clock is counted from ----------------------------------------


def test_law_says_marylands_board_counts_from_the_filing_of_the_complaint() -> None:
    md = JURISDICTIONS.get("MD")
    text = law_text(md)
    assert (
        "Time to decide: 120 calendar days from \u201cthe filing of the complaint\u201d "
        "(Md. Code, Gen. Prov. § 4-1A-07(a)(2), (c)(1))."
    ) in text
    assert (
        "Time to decide: 90 calendar days from \u201creceiving a request for dispute "
        "resolution\u201d"
    ) in text
    assert "from receiving the appeal" not in text
    [board] = [f for f in law_json(md)["facts"] if f["id"] == "appeal-board"]
    assert board["decision_from"] == "the filing of the complaint"
    assert "the filing of the complaint" in board["decision_quote"]


def test_the_tracker_explains_the_boards_clock_from_the_filing() -> None:
    md = JURISDICTIONS.get("MD")
    cal = CALENDARS.for_jurisdiction(md)
    events = [
        Event(EventKind.SENT, date(2026, 1, 5), method=Method.EMAIL),
        Event(EventKind.DENIED, date(2026, 2, 27), exemptions=()),
        Event(EventKind.APPEAL_FILED, date(2026, 3, 4)),
        Event(EventKind.APPEAL_DECIDED, date(2026, 5, 1)),
        Event(EventKind.APPEAL_FILED, date(2026, 5, 5)),
    ]
    clocks = RequestClocks(
        derive(events, cal.is_business_day), md, cal, plan_appeal(md, Level.LOCAL, ())
    )
    d = clocks.decision_deadline()
    assert d is not None and d.due == date(2026, 9, 2)
    text = "\n".join(d.steps)
    assert "within 120 calendar days after \u201cthe filing of the complaint\u201d." in text
    assert "counts from its receipt" not in text


def test_decision_from_must_be_the_laws_words() -> None:
    data = _rule_data("MD")
    _fact(data, "appeal-board")["decision_from"] = "the receipt of the complaint"
    with pytest.raises(RuleFileError) as err:
        parse_jurisdiction(Path("MD.toml"), data)
    assert "decision_from" in str(err.value) and "is not in the quote" in str(err.value)


# -- 4. fee-waiver grounds in the law's words ------------------------------------------------

QUOTED = re.compile(r'"([^"]+)"')


@pytest.mark.parametrize(
    ("code", "words"),
    [
        ("IL", 'I indicate that "a waiver or reduction of the fee is in the public interest"'),
        ("MO", '"waiver or reduction of the fee is in the public interest because it is likely'),
        ("MD", 'that "the waiver would be in the public interest"'),
    ],
)
def test_the_fee_waiver_is_asked_on_the_laws_grounds_in_its_words(code: str, words: str) -> None:
    fact = JURISDICTIONS.get(code).fact("fee-waiver")
    assert fact is not None and fact.grounds
    text = _draft("request", code, fee_waiver=True).context["fee_waiver_text"]
    # Md. Code, Gen. Prov. § 4-206(e) says only "may waive a fee" (letters-code-pass-5).
    ask = "waive" if code == "MD" else "waive or reduce"
    assert text.startswith(f"I ask you to {ask} the fees under {fact.citation}. ")
    assert words in text
    passages = QUOTED.findall(text)
    assert passages
    for passage in passages:  # each in this fact's own quote, not just any fact's
        assert normalise(passage).casefold() in normalise(fact.quote).casefold(), passage


def test_without_grounds_the_fee_waiver_is_asked_as_before() -> None:
    data = _rule_data("MO")
    del _fact(data, "fee-waiver")["grounds"]
    j = parse_jurisdiction(Path("MO.toml"), data)
    text = _draft("request", "MO", j=j, fee_waiver=True).context["fee_waiver_text"]
    assert '"' not in text


@pytest.mark.parametrize(
    ("fact_id", "grounds", "problem"),
    [
        ("fee-waiver", 'I ask you to find that "the waiver is in the public interest".', "quote"),
        ("fee-waiver", "I ask you to find that the waiver is in the public interest.", "quotation"),
        (
            "fees",
            'I ask you to find that "the waiver would be in the public interest".',
            "fee_waiver",
        ),
    ],
)
def test_grounds_are_checked_against_the_laws_words(
    fact_id: str, grounds: str, problem: str
) -> None:
    data = _rule_data("MD")
    _fact(data, fact_id)["grounds"] = grounds
    with pytest.raises(RuleFileError) as err:
        parse_jurisdiction(Path("MD.toml"), data)
    assert "grounds" in str(err.value) and problem in str(err.value)


# -- 5. New Jersey: the Council's complaint form and the request form ------------------------


def test_new_jersey_complaint_goes_on_the_councils_form_under_the_regulation() -> None:
    draft = _draft("appeal", "NJ")
    ctx = draft.context
    assert (
        "The law requires the complaint to be made on the Council's denial of access "
        "complaint form (N.J.A.C. 5:105-2.3(c)), which I am filing with this letter."
    ) in ctx["appeal_deadline_text"]
    assert "on the form the law requires" in ctx["appeal_intro_text"]
    assert any(
        w.startswith("N.J.A.C. 5:105-2.3(c) requires the complaint to be made on the Council's")
        and "The letter alone is not the filing." in w
        for w in draft.warnings
    )


def test_new_jersey_request_goes_with_the_form_without_claiming_it_is_required() -> None:
    draft = _draft("request", "NJ")
    intro = draft.context["intro_text"]
    assert intro.endswith(
        "I enclose the form established by the Government Records Council "
        "(N.J.S.A. 47:1A-5(f)); this letter sets out the records I ask for."
    )
    assert "requires" not in intro
    assert any(
        w.startswith("N.J.S.A. 47:1A-5(f): the law provides for requests on the form")
        and "not settled" in w
        and "Renna v. County of Union" in w
        for w in draft.warnings
    )


def test_a_form_citation_needs_a_form() -> None:
    data = _rule_data("NJ")
    del _fact(data, "appeal-grc")["form"]
    with pytest.raises(RuleFileError) as err:
        parse_jurisdiction(Path("NJ.toml"), data)
    assert "form_citation" in str(err.value)


def test_form_unsettled_needs_a_form() -> None:
    data = _rule_data("NJ")
    del _fact(data, "request-form")["form"]
    with pytest.raises(RuleFileError) as err:
        parse_jurisdiction(Path("NJ.toml"), data)
    assert "form_unsettled" in str(err.value)


# -- 6. Oklahoma: what the Public Access Counselor is asked to do ----------------------------


def test_oklahoma_asks_the_counselor_to_review_not_to_reverse() -> None:
    fact = JURISDICTIONS.get("OK").fact("appeal-public-access-counselor")
    assert fact is not None and "request for review" in fact.quote
    text = _draft("appeal", "OK").context["appeal_request_text"]
    assert text.startswith(
        "I ask the Public Access Counselor (Office of the Attorney General) to review the "
        "denial, and I ask your office to release the records"
    )
    assert "reverse" not in text


def test_law_json_gives_the_new_keys() -> None:
    nj = {f["id"]: f for f in law_json(JURISDICTIONS.get("NJ"))["facts"]}
    assert nj["appeal-grc"]["form"] == "the Council's denial of access complaint form"
    assert nj["appeal-grc"]["form_citation"] == "N.J.A.C. 5:105-2.3(c)"
    assert nj["request-form"]["form_unsettled"] is True
    co = {f["id"]: f for f in law_json(JURISDICTIONS.get("CO"))["facts"]}
    assert co["scope-criminal-justice-records"]["act"] == "Colorado Criminal Justice Records Act"
    ut = {f["id"]: f for f in law_json(JURISDICTIONS.get("UT"))["facts"]}
    assert ut["fee-waiver"]["grant_citation"] == "Utah Code § 63G-2-203(4)"
    ma = {f["id"]: f for f in law_json(JURISDICTIONS.get("MA"))["facts"]}
    assert ma["appeal-supervisor"]["days_citation"] == "950 CMR 32.08(1)(c)"
    mo = {f["id"]: f for f in law_json(JURISDICTIONS.get("MO"))["facts"]}
    assert mo["fee-waiver"]["grounds"].startswith('I ask you to determine that "waiver')


# -- Colorado: the Criminal Justice Records Act's court remedy -------------------------------


def _co_appeal(cited: list[str], j: Jurisdiction | None = None) -> LetterDraft:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["agency"].update(jurisdiction="CO", level="local")
    data["requester"]["residence"] = "CO"
    data["history"]["exemptions_cited"] = cited
    j = j or JURISDICTIONS.get("CO")
    spec = RequestSpec.from_dict(data)
    return draft_letter("appeal", spec, j, CATALOGUE, CALENDARS.for_jurisdiction(j), TODAY)


def test_colorado_names_the_criminal_justice_records_remedy_after_coras() -> None:
    text = _co_appeal(["investigative records"]).context["appeal_deadline_text"]
    assert "the law's remedy is in court (C.R.S. § 24-72-204(5))" in text
    assert "The law also provides (C.R.S. § 24-72-305(6)-(7)): Under the Criminal Justice" in text
    assert "CORA has no administrative appeal" in text


def test_a_denial_of_criminal_justice_records_is_taken_to_court_under_that_act() -> None:
    draft = _co_appeal(["criminal justice records (C.R.S. 24-72-305(5))"])
    text = draft.context["appeal_deadline_text"]
    assert "the law's remedy is in court (C.R.S. § 24-72-305(6)-(7))." in text
    assert "24-72-204(5)" not in text  # CORA's unread remedy is told to the user only
    assert any("24-72-204(5)" in w for w in draft.warnings)


def test_without_records_the_settled_remedy_would_come_first_for_every_denial() -> None:
    data = _rule_data("CO")
    del _fact(data, "appeal-court-criminal-justice-records")["records"]
    j = parse_jurisdiction(Path("CO.toml"), data)
    text = _co_appeal(["investigative records"], j).context["appeal_deadline_text"]
    assert "the law's remedy is in court (C.R.S. § 24-72-305(6)-(7))." in text
