"""Letter-code findings of review pass 9 (docs/verification/review-pass-9.md, "Letter code
findings"), fixed by helper letters-4; log: docs/verification/letters-code-pass-5.md."""

from __future__ import annotations

from letter_drafts import JURISDICTIONS, context_text, draft, example_spec

from foia_assist.domain.jurisdictions import Level
from foia_assist.paths import resources_dir
from foia_assist.services.letters.context import LetterDraft


def _draft(kind: str, code: str, level: Level = Level.LOCAL) -> LetterDraft:
    return draft(kind, example_spec(code, level, no_denial=kind == "follow-up"))


_text = context_text


# -- a. the heading over the grounds, where the body is asked only to review ------------------


def test_oklahoma_counselor_asked_to_review_is_not_told_why_to_reverse() -> None:
    # The OK route decides (nothing recorded otherwise) but the letter asks the Public Access
    # Counselor only to "review the denial" (`asks`): a heading about reversing overstates it.
    draft = _draft("appeal", "OK")
    assert "review the denial" in draft.context["appeal_request_text"]
    assert draft.context["reasons_heading"] == "Why the denial is not justified"


# -- b. US: OGIS mediation is not only for after the appeal ------------------------------------


def test_us_appeal_does_not_offer_ogis_mediation_only_if_the_denial_is_upheld() -> None:
    # 5 U.S.C. § 552(a)(6)(A)(i)(III)(bb): "the right of such person to seek dispute resolution
    # services from ... the Office of Government Information Services" — not tied to the
    # appeal's outcome, so the letter does not make it wait for one.
    text = _draft("appeal", "US", Level.FEDERAL).context["appeal_deadline_text"]
    assert "If the denial is upheld" not in text
    assert (
        "I may also ask the Office of Government Information Services to mediate the dispute "
        "(5 U.S.C. § 552(h)(3))." in text
    )


# -- c. MD: the custodian "may waive a fee" (not reduce it), on grounds the letter must meet -----


def test_maryland_asks_only_to_waive_and_tells_the_user_to_show_ability_to_pay() -> None:
    # Md. Code, Gen. Prov. § 4-206(e): "The official custodian may waive a fee under this section
    # if ... (i) the applicant is indigent and files an affidavit of indigency; or (ii) after
    # consideration of the ability of the applicant to pay the fee ..." — no reduction.
    draft = _draft("request", "MD")
    text = draft.context["fee_waiver_text"]
    assert text.startswith("I ask you to waive the fees under Md. Code, Gen. Prov. § 4-206(e).")
    assert "reduce" not in text
    note = [w for w in draft.warnings if w.startswith("Fee waiver (Md. Code, Gen. Prov.")]
    assert len(note) == 1
    assert "affidavit of indigency" in note[0] and "ability to pay" in note[0]


def test_a_section_that_allows_a_partial_waiver_is_still_asked_to_waive_or_reduce() -> None:
    # AS 40.25.110(d): "may reduce or waive a fee"; NRS 239.052(2): "waive all or a portion".
    for code in ("AK", "NV"):
        text = _draft("request", code, Level.STATE).context["fee_waiver_text"]
        assert text.startswith("I ask you to waive or reduce the fees under"), code


# -- d. CO: ask for the written statement of grounds, not only report the right to it ----------


def test_colorado_reconsideration_asks_for_the_written_statement_of_grounds() -> None:
    # C.R.S. § 24-72-305(6): "the applicant may request a written statement of the grounds for
    # the denial, which statement shall be provided to the applicant within seventy-two hours".
    draft = _draft("appeal", "CO")
    text = draft.context["appeal_deadline_text"]
    assert (
        "For any of the records withheld that are criminal justice records, I request under "
        'C.R.S. § 24-72-305(6) "a written statement of the grounds for the denial"' in text
    )
    fact = JURISDICTIONS.get("CO").fact("appeal-court-criminal-justice-records")
    assert fact is not None and fact.asks_agency
    assert any(g.fact is fact and g.sentence == fact.asks_agency for g in draft.grounds)


def test_a_federal_agency_in_colorado_gets_no_criminal_justice_request() -> None:
    # The route (and so the request) applies to state and local agencies only.
    text = _draft("appeal", "CO", Level.FEDERAL).context["appeal_deadline_text"]
    assert "24-72-305(6)" not in text


def test_asks_agency_words_in_quotation_marks_must_be_the_laws() -> None:
    import tomllib

    import pytest

    from foia_assist.storage.rule_files import RuleFileError, parse_jurisdiction

    path = resources_dir() / "jurisdictions" / "CO.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    fact = next(f for f in data["facts"] if f["id"] == "appeal-court-criminal-justice-records")
    fact["asks_agency"] = 'I request "a statement within three days".'
    with pytest.raises(RuleFileError) as err:
        parse_jurisdiction(path, data)
    assert "asks_agency" in str(err.value) and "is not in the quote" in str(err.value)


# -- e. CO: the CORA days told to a police department, for criminal justice records -----------

_CJRA_TIME = (
    "I understand that the Colorado Criminal Justice Records Act (C.R.S. § 24-72-301 et seq.), "
    "which governs any of these records that are criminal justice records, sets no time for "
    "answering a request other than the seventy-two hours within which a written statement of "
    "the grounds for a denial must be provided (§ 24-72-305(6)); I ask you to answer for those "
    "records "
)


def test_colorado_request_says_the_criminal_justice_records_act_sets_no_such_time() -> None:
    # The scope fact: "Those sections set no other time for answering a request; whether
    # CORA's three working days apply to a request for criminal justice records is not settled."
    draft = _draft("request", "CO")
    text = draft.context["response_text"]
    cora = "within 3 business days of receiving the request, your office must make the records"
    assert cora in text
    # said right after CORA's days, so "the same" days are those, as the requester's view
    assert text.index(cora) < text.index(_CJRA_TIME + "within the same 3 business days.")
    assert text.index(_CJRA_TIME) < text.index("C.R.S. § 24-72-205(1)(b)")
    fact = JURISDICTIONS.get("CO").fact("scope-criminal-justice-records")
    assert any(g.fact is fact and g.sentence.startswith(_CJRA_TIME) for g in draft.grounds)


def test_colorado_follow_up_does_not_hold_criminal_justice_records_to_coras_days_alone() -> None:
    text = _draft("follow-up", "CO").context["deadline_text"]
    assert text.endswith(_CJRA_TIME + "without delay.")
    assert "that time ended on" in text


def test_no_criminal_justice_sentence_where_the_second_act_does_not_apply() -> None:
    # The scope fact holds for state and local agencies; other states have no act_response.
    assert _CJRA_TIME not in _text(_draft("request", "CO", Level.FEDERAL))
    assert "which governs any of these records" not in _text(_draft("request", "WA"))


# -- f. the CO warning says once what the second act governs -----------------------------------


def test_colorado_warning_says_once_that_the_act_governs_criminal_justice_records() -> None:
    notes = [w for w in _draft("request", "CO").warnings if "Criminal Justice Records Act" in w]
    names = [w for w in notes if w.startswith("The letter also names the Colorado Criminal")]
    assert len(names) == 1
    assert names[0].count("governs") + names[0].count("governed by") == 1, names[0]
    # the fact's own statement is still all there
    fact = JURISDICTIONS.get("CO").fact("scope-criminal-justice-records")
    assert fact is not None and fact.statement in names[0]
