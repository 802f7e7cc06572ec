"""Letter code findings of the second pass (docs/verification/letters-code-pass-2.md): the
appeal route chosen by the denial (Texas), "no administrative appeal" said once, a route the law
offers instead of another (Minnesota), the heading for bodies that do not decide, forms the law
requires, an addressee the law names with alternatives (New York), and the consequences of a
missed deadline stated in a follow-up only from a settled fact."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

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
from foia_assist.services.letters.context import LetterDraft, draft_letter
from foia_assist.services.letters.law import depends_on_level
from foia_assist.storage.rule_files import RuleFileError, parse_jurisdiction


def _spec(code: str, level: Level, kind_is_follow_up: bool = False) -> RequestSpec:
    # a follow-up is about silence, not a denial
    return example_spec(code, level, no_denial=kind_is_follow_up)


def _draft(
    kind: str,
    code: str,
    level: Level = Level.LOCAL,
    j: Jurisdiction | None = None,
    today: date = TODAY,
) -> LetterDraft:
    return draft(kind, _spec(code, level, kind == "follow-up"), j, today)


_rule_data, _fact = rule_data, rule_fact


_text = context_text


# -- the route is chosen by the denial ------------------------------------------------------


def test_a_route_open_only_when_the_agency_fails_to_respond_is_not_the_appeal_of_a_denial() -> None:
    # Texas: § 552.328 is a complaint about a failure to respond (§ 552.221), not an appeal
    # from a denial; the Act has no administrative appeal, so the letter asks for
    # reconsideration and names the court route.
    complaint = JURISDICTIONS.get("TX").fact("appeal-attorney-general-complaint")
    assert complaint is not None and complaint.no_response
    draft = _draft("appeal", "TX")
    ctx = draft.context
    assert ctx["subject"].startswith("Request for reconsideration: ")
    assert ctx["appeal_intro_text"].startswith("I ask you to reconsider the denial")
    assert "552.328" not in _text(draft)
    assert "This is my appeal" not in _text(draft)
    assert "the law's remedy is in court (Tex. Gov't Code § 552.321)" in ctx["appeal_deadline_text"]
    assert any("552.328" in w and "fails to respond" in w for w in draft.warnings)
    assert not any(w.startswith("Send this appeal to") for w in draft.warnings)


def test_without_the_key_the_same_route_would_be_the_appeal() -> None:
    # The key, not the jurisdiction, makes the difference (the test above is not vacuous).
    data = _rule_data("TX")
    del _fact(data, "appeal-attorney-general-complaint")["no_response"]
    j = parse_jurisdiction(Path("TX.toml"), data)
    ctx = _draft("appeal", "TX", j=j).context
    assert "552.328" in ctx["appeal_deadline_text"]


# -- "no administrative appeal" is said once ------------------------------------------------


@pytest.mark.parametrize("code", JURISDICTIONS.codes())
def test_no_administrative_appeal_is_said_at_most_once(code: str) -> None:
    level = Level.FEDERAL if code == "US" else Level.LOCAL
    text = _draft("appeal", code, level).context["appeal_deadline_text"]
    assert text.casefold().count("no administrative appeal") <= 1, text


def test_the_courts_statement_carries_it_when_it_says_so() -> None:
    text = _draft("appeal", "CO").context["appeal_deadline_text"]
    assert "CORA has no administrative appeal" in text
    assert "provides no administrative appeal from a denial" not in text
    assert text.startswith("I ask you to reconsider the denial before I consider other remedies.")


# -- a route offered instead of another is not a next step ---------------------------------


def test_minnesota_names_the_hearings_office_to_the_user_not_as_a_next_step() -> None:
    draft = _draft("appeal", "MN")
    text = draft.context["appeal_deadline_text"]
    assert "Office of Administrative Hearings" not in text
    assert "I may also turn to" not in text
    assert any(
        w.startswith(
            "Instead of this request, the law offers a route to the Office of "
            "Administrative Hearings (Minn. Stat. § 13.085"
        )
        for w in draft.warnings
    )


def test_a_route_that_follows_is_still_named_as_the_next_step() -> None:
    # Maryland's Compliance Board follows an Ombudsman's determination that the dispute was
    # not resolved (Gen. Prov. § 4-1A-05(a)): unchanged.
    text = _draft("appeal", "MD").context["appeal_deadline_text"]
    assert "If the dispute is not resolved, I may also turn to the State Public" in text


# -- the heading over the grounds ----------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "heading"),
    [
        ("MD", "Why the denial is not justified"),
        ("MN", "Why the denial is not justified"),
        ("IN", "Why the denial is not justified"),
        ("NJ", "Why the denial should be reversed"),
        ("WA", "Why the denial should be reversed"),
        ("CO", "Why the denial should be reversed"),
    ],
)
def test_a_body_that_does_not_decide_is_not_told_why_to_reverse(code: str, heading: str) -> None:
    draft = _draft("appeal", code)
    assert draft.context["reasons_heading"] == heading


def test_the_bundled_template_prints_the_heading() -> None:
    from foia_assist.paths import letter_templates_dir
    from foia_assist.services.letters.service import LetterService

    service = LetterService(JURISDICTIONS, CATALOGUE, CALENDARS, letter_templates_dir())
    text = service.letter_text("appeal", _spec("MD", Level.LOCAL), TODAY)
    assert "Why the denial is not justified" in text
    assert "should be reversed" not in text


# -- a form the law requires ---------------------------------------------------------------


def _ok_with_form() -> Jurisdiction:
    data = _rule_data("OK")
    fact = _fact(data, "appeal-public-access-counselor")
    fact["form"] = "a form prescribed by the Attorney General"
    fact["filing"] = "request for review"
    return parse_jurisdiction(Path("OK.toml"), data)


def test_a_required_form_is_named_and_the_letter_does_not_pose_as_the_filing() -> None:
    draft = _draft("appeal", "OK", j=_ok_with_form())
    ctx = draft.context
    assert "on the form the law requires" in ctx["appeal_intro_text"]
    assert "I am filing it with" not in ctx["appeal_intro_text"]
    # Case-blind: the sentence starts "The law requires …" where the route is settled and
    # "I understand that the law requires …" where it is not (OK's was until facts pass 8).
    assert (
        "the law requires the request for review to be made on a form prescribed by the "
        "Attorney General (51 O.S. § 24A.40(B))".casefold()
        in ctx["appeal_deadline_text"].casefold()
    )
    assert any(
        "requires the request for review to be made on a form prescribed by the Attorney General"
        in w
        and "The letter alone is not the filing." in w
        for w in draft.warnings
    )


def test_without_a_form_the_letter_is_the_filing() -> None:
    # New Jersey's Council now has its form set (N.J.A.C. 5:105-2.3(c), letters-code-pass-3):
    # the same route without it.
    data = _rule_data("NJ")
    for key in ("form", "form_citation"):
        del _fact(data, "appeal-grc")[key]
    ctx = _draft("appeal", "NJ", j=parse_jurisdiction(Path("NJ.toml"), data)).context
    assert "I am filing it with the Government Records Council" in ctx["appeal_intro_text"]


@pytest.mark.parametrize(
    ("fact_id", "form"),
    [
        ("appeal-public-access-counselor", "the Counselor's complaint form"),  # not its words
        ("fees", "a form prescribed by the Attorney General"),  # not a filing or request
    ],
)
def test_form_is_checked_against_the_facts_words_and_topic(fact_id: str, form: str) -> None:
    data = _rule_data("OK")
    _fact(data, fact_id)["form"] = form
    with pytest.raises(RuleFileError) as err:
        parse_jurisdiction(Path("OK.toml"), data)
    assert "form" in str(err.value)


# -- an addressee the law names with alternatives ------------------------------------------


def test_an_addressee_with_alternatives_is_named_but_not_greeted_as_one_person() -> None:
    data = _rule_data("NY")
    _fact(data, "appeal-agency-head")["addressee"] = "the head, chief executive or governing body"
    j = parse_jurisdiction(Path("NY.toml"), data)
    ctx = _draft("appeal", "NY", j=j).context
    assert ctx["agency_block"][0] == "Attention: Head, Chief Executive or Governing Body"
    assert ctx["salutation"] == "Dear Appeals Officer:"
    assert "Public Records Officer" not in ctx["agency_lines"]


# -- consequences of a missed deadline in a follow-up --------------------------------------


@pytest.mark.parametrize(
    ("code", "words", "citation"),
    [
        ("TX", "presumed to be subject to required public disclosure", "§ 552.302"),
        ("RI", "All copying and search and retrieval fees shall be waived", "§ 38-2-7(b)"),
    ],
)
def test_a_follow_up_states_the_laws_consequence_once_the_deadline_passed(
    code: str, words: str, citation: str
) -> None:
    draft = _draft("follow-up", code)
    text = draft.context["deadline_text"]
    assert words in text and "The law provides (" in text and citation in text
    ground = next(g for g in draft.grounds if words in g.sentence)
    assert ground.fact is not None and ground.fact.missed_deadline
    # Before the date, nothing has followed from it.
    early = _draft("follow-up", code, today=date(2026, 10, 5)).context["deadline_text"]
    assert words not in early


def test_an_unsettled_consequence_is_told_to_the_user_not_the_agency() -> None:
    data = _rule_data("RI")
    _fact(data, "fee-waiver")["unsettled"] = True
    j = parse_jurisdiction(Path("RI.toml"), data)
    draft = _draft("follow-up", "RI", j=j)
    assert "shall be waived" not in draft.context["deadline_text"]
    assert any("38-2-7(b)" in w and "does not say so" in w for w in draft.warnings)


@pytest.mark.parametrize(
    ("fact_id", "key", "value"),
    [
        ("fees", "no_response", True),  # appeal keys on other topics
        ("fees", "alternative", True),
    ],
)
def test_appeal_only_keys_are_refused_elsewhere(fact_id: str, key: str, value: object) -> None:
    data = _rule_data("TX")
    _fact(data, fact_id)[key] = value
    with pytest.raises(RuleFileError):
        parse_jurisdiction(Path("TX.toml"), data)


def test_a_missed_deadline_consequence_needs_the_laws_words() -> None:
    data = _rule_data("TX")
    fact = _fact(data, "presumed-public")
    del fact["quote"]
    fact["unread"] = "not read"
    with pytest.raises(RuleFileError) as err:
        parse_jurisdiction(Path("TX.toml"), data)
    assert "missed_deadline" in str(err.value)


def test_a_request_form_the_law_requires_is_named_in_the_request() -> None:
    data = _rule_data("OK")
    fact = next(f for f in data["facts"] if f["topic"] == "response")
    fact["statement"] += " Requests go on the agency's request form."
    fact["form"] = "the agency's request form"
    j = parse_jurisdiction(Path("OK.toml"), data)
    draft = _draft("request", "OK", j=j)
    assert "requests to be made on the agency's request form" in draft.context["intro_text"]
    assert any("the letter alone may not be accepted" in w for w in draft.warnings)
    plain = _draft("request", "OK")
    assert "request form" not in plain.context["intro_text"]


# -- the agency's level ----------------------------------------------------------------------


def test_the_example_spec_names_the_kind_of_agency() -> None:
    spec = RequestSpec.from_dict(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    assert spec.agency.level is Level.LOCAL
    j = JURISDICTIONS.get(spec.agency.jurisdiction)
    assert not j.is_federal  # a city police department: a state's law, not FOIA


def _unknown_level(code: str) -> LetterDraft:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["agency"].update(jurisdiction=code, level=None)
    j = JURISDICTIONS.get(code)
    spec = RequestSpec.from_dict(data)
    return draft_letter("request", spec, j, CATALOGUE, CALENDARS.for_jurisdiction(j), TODAY)


def test_a_federal_letter_without_a_level_is_warned_about() -> None:
    warnings = _unknown_level("US").warnings
    assert any(
        w.startswith("The kind of agency is not given. The federal FOIA reaches only federal")
        for w in warnings
    )
    federal = _draft("request", "US", Level.FEDERAL).warnings
    assert not any("kind of agency is not given" in w for w in federal)


def test_a_state_law_that_differs_by_level_warns_when_the_level_is_missing() -> None:
    assert any(
        "kind of agency is not given" in w and "(appeal)" in w
        for w in _unknown_level("WA").warnings
    )
    assert not any("kind of agency is not given" in w for w in _draft("request", "WA").warnings)
    # A law that does not differ by level: nothing to say.
    differs = {
        code
        for code in JURISDICTIONS.codes()
        if any(depends_on_level(f) for f in JURISDICTIONS.get(code).facts)
    }
    same = next(code for code in JURISDICTIONS.codes() if code not in differs and code != "US")
    assert not any("kind of agency is not given" in w for w in _unknown_level(same).warnings)


def test_the_address_book_keeps_the_agencys_level(tmp_path: Path) -> None:
    from foia_assist.domain.request import Agency
    from foia_assist.paths import AppPaths
    from foia_assist.storage.agencies_repo import AgenciesRepository
    from foia_assist.storage.database import open_app_database

    with open_app_database(AppPaths.under(tmp_path).ensure()) as db:
        book = AgenciesRepository(db)
        aid = book.save(Agency("Springfield Police Department", "IL", level=Level.LOCAL))
        assert book.get(aid).agency.level is Level.LOCAL
        assert book.get(aid).details.level == "local"
        # Saved again from a spec that does not know the level: the stored one stays.
        book.save(Agency("Springfield Police Department", "IL", email="r@example.gov"))
        again = book.get(aid)
        assert again.agency.level is Level.LOCAL and again.agency.email == "r@example.gov"
        book.update(aid, Agency("Springfield Police Department", "IL", level=Level.STATE))
        assert book.get(aid).agency.level is Level.STATE
        other = book.add(Agency("Illinois State Police", "IL", level=Level.STATE))
        assert book.get(other).details.level == "state"


def test_bulk_notice_and_letter_agree_on_residence() -> None:
    # One comparison (domain/residency.py): "Louisville, Kentucky" is a Kentucky residence for
    # the bulk notice as for the letter (the bulk copy compared the whole string and said no).
    from foia_assist.domain.request import Requester
    from foia_assist.domain.residency import is_resident
    from foia_assist.services.bulk.agencies_csv import parse_agency_csv
    from foia_assist.services.bulk.residency import residency_notice

    ky = JURISDICTIONS.get("KY")
    assert is_resident("Louisville, Kentucky", ky) is True
    assert is_resident("Seattle, WA", ky) is False
    assert is_resident("", ky) is None
    rows = parse_agency_csv(
        b"agency_name,jurisdiction,email\nLouisville Metro Police,KY,r@example.gov\n",
        JURISDICTIONS,
    )
    assert residency_notice(rows, Requester(name="A", residence="Louisville, Kentucky")) is None
    notice = residency_notice(rows, Requester(name="A", residence="Seattle, WA"))
    assert ky.residents_only is not True or (notice is not None and notice.restricted)


def test_jurisdictions_json_keys_are_stable_and_carry_no_requesters_note(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from foia_assist.cli import run_cli

    assert run_cli(["jurisdictions", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == len(JURISDICTIONS.codes())
    keys = [
        "code",
        "name",
        "law",
        "short_name",
        "citation",
        "statute_url",
        "response_days",
        "day_type",
        "response_action",
        "response_summary",
        "response_citation",
        "response_wording",
        "extension_days",
        "residents_only",
        "appeal",
        "sources",
        "verified",
        "confidence",
    ]
    assert all(list(row) == keys for row in rows)  # the facts replace requesters_note


def test_a_clock_from_an_acknowledged_receipt_claims_no_date_without_one() -> None:
    # Wyoming § 16-4-202(c): 30 days from the acknowledged receipt, not from receipt.
    draft = _draft("follow-up", "WY")
    text = draft.context["deadline_text"]
    assert "from the date of acknowledged receipt" in text
    assert "ended on" not in text and draft.context["due_date"] == ""
    assert "I have not received an acknowledgment" in text
    spec = _spec("WY", Level.LOCAL, True)
    acked = replace(spec, history=replace(spec.history, acknowledged_on=date(2026, 10, 5)))
    j = JURISDICTIONS.get("WY")
    ctx = draft_letter(
        "follow-up", acked, j, CATALOGUE, CALENDARS.for_jurisdiction(j), TODAY
    ).context
    assert ctx["due_date"] == "November 4, 2026"  # 30 calendar days from October 5


def test_a_clock_that_runs_from_another_event_names_it_and_warns() -> None:
    draft = _draft("follow-up", "SD")
    assert "from receipt of the formal written request" in draft.context["deadline_text"]
    assert any(
        "counts this time from receipt of the formal written request" in w for w in draft.warnings
    )
