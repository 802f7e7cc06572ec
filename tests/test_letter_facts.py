"""Letters state the law from facts: quotation marks only around a fact's quote, the agency's
level choosing the facts (Washington's appeal routes; federal FOIA vs a local agency), the
requester's basis in the statute's words, unread or unsettled facts as the requester's
understanding, and `foia-assist law`."""

from __future__ import annotations

import json
import re
import tomllib
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.jurisdictions import Confidence, DayType, Fact, Jurisdiction, Level
from foia_assist.domain.request import RequestSpec, SpecError
from foia_assist.paths import letter_templates_dir, resources_dir
from foia_assist.services.letters.context import KINDS, LetterDraft, draft_letter
from foia_assist.services.letters.law import normalise
from foia_assist.services.letters.service import LetterService
from foia_assist.storage.catalogue_files import load_catalogue
from foia_assist.storage.rule_files import load_jurisdictions, parse_jurisdiction

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "docs" / "examples" / "request-spec.json"
TODAY = date(2026, 11, 26)
CATALOGUE = load_catalogue(resources_dir() / "frt")
CALENDARS = CalendarCache()
JURISDICTIONS = load_jurisdictions(resources_dir() / "jurisdictions")
LEVELS: tuple[Level | None, ...] = (None, *Level)
# A passage in straight or curly double quotation marks.
QUOTED = re.compile(r'"([^"]+)"|\u201c([^\u201d]+)\u201d')


def _wa_with_fixture_facts() -> Jurisdiction:
    """The real WA rule file, its own facts replaced by the fixture's (tests/fixtures)."""
    wa = resources_dir() / "jurisdictions" / "WA.toml"
    data = tomllib.loads(wa.read_text(encoding="utf-8"))
    data["facts"] = tomllib.loads(
        (ROOT / "tests" / "fixtures" / "wa_facts.toml").read_text(encoding="utf-8")
    )["facts"]
    return parse_jurisdiction(Path("WA.toml"), data)


WA = _wa_with_fixture_facts()


def _spec(code: str, level: Level | None = None, **changes: Any) -> RequestSpec:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["agency"]["jurisdiction"] = code
    data["agency"]["level"] = level.value if level else None
    data["requester"]["residence"] = code
    for dotted, value in changes.items():
        *path, last = dotted.split("__")
        target = data
        for key in path:
            target = target[key]
        target[last] = value
    return RequestSpec.from_dict(data)


def _draft(kind: str, spec: RequestSpec, j: Jurisdiction, today: date = TODAY) -> LetterDraft:
    return draft_letter(kind, spec, j, CATALOGUE, CALENDARS.for_jurisdiction(j), today)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return []


def _untraced_quotes(text: str, j: Jurisdiction) -> list[str]:
    """Passages `text` puts in quotation marks that no fact's quote holds verbatim."""
    quotes = [normalise(f.quote).casefold() for f in j.facts if f.quote]
    found = [a or b for a, b in QUOTED.findall(normalise(text))]
    return [p for p in found if not any(normalise(p).casefold() in q for q in quotes)]


def _letter_text(draft: LetterDraft) -> str:
    """Every string of the letter's context except what the requester wrote themselves."""
    ctx = dict(draft.context)
    for key in ("denial_summary", "exemptions"):
        ctx.pop(key, None)
    return " ".join(_strings(ctx))


# -- every quoted passage is the law's words ----------------------------------------------------


@pytest.fixture(scope="module")
def service() -> LetterService:
    return LetterService(JURISDICTIONS, CATALOGUE, CalendarCache(), letter_templates_dir())


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("code", JURISDICTIONS.codes())
def test_every_quoted_passage_is_in_a_facts_quote(
    code: str, kind: str, service: LetterService
) -> None:
    """With the rule files as they are (facts present or not): the rendered letter at an
    unknown level, and the letter's text at every level."""
    j = JURISDICTIONS.get(code)
    rendered = service.letter_text(kind, _spec(code), TODAY)
    # The requester's own words (denial summary, exemptions as cited) are theirs, not the law's.
    spec = _spec(code)
    assert spec.history is not None
    for own in (spec.history.denial_summary, *spec.history.exemptions_cited):
        rendered = rendered.replace(own, "")
    assert _untraced_quotes(rendered, j) == []
    for level in LEVELS:
        draft = _draft(kind, _spec(code, level), j)
        assert _untraced_quotes(_letter_text(draft), j) == [], (code, kind, level)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("level", LEVELS)
def test_quotes_traced_with_fixture_facts(kind: str, level: Level | None) -> None:
    draft = _draft(kind, _spec("WA", level), WA)
    assert _untraced_quotes(_letter_text(draft), WA) == []
    for ground in draft.grounds:  # each recorded legal sentence is in the letter as recorded
        assert normalise(ground.sentence) in normalise(_letter_text(draft)), ground


def test_no_facts_means_nothing_quoted() -> None:
    bare = replace(WA, facts=())
    for kind in KINDS:
        for level in LEVELS:
            text = _letter_text(_draft(kind, _spec("WA", level), bare))
            assert QUOTED.search(text) is None, (kind, level)


def test_the_check_finds_a_passage_that_is_not_the_laws() -> None:
    assert _untraced_quotes('the law says "produce within a reasonable time".', WA) == [
        "produce within a reasonable time"
    ]
    assert _untraced_quotes('its words are "Within five business days of receiving".', WA) == []


# -- the agency's level picks the appeal route (Washington) -------------------------------------


def test_wa_local_agency_appeal_is_internal_review_not_the_attorney_general() -> None:
    draft = _draft("appeal", _spec("WA", Level.LOCAL), WA)
    text = _letter_text(draft)
    assert "I make this appeal under RCW 42.56.520(4)." in text
    assert "42.56.530" not in text and "Attorney General" not in text
    assert "42.56.550" not in text  # the court action is not what this appeal rests on
    assert draft.context["subject"].startswith("Appeal: ")
    assert draft.context["appeal_intro_text"].startswith("I appeal the denial")
    assert draft.context["appeal_timely_text"] == ""  # the fact sets no deadline to appeal
    assert "days to appeal" not in text
    ground = next(g for g in draft.grounds if "42.56.520(4)" in g.sentence)
    assert ground.fact is not None and ground.fact.id == "appeal-internal"


def test_wa_state_agency_appeal_offers_attorney_general_review() -> None:
    draft = _draft("appeal", _spec("WA", Level.STATE), WA)
    text = draft.context["appeal_deadline_text"]
    assert text.startswith("I make this appeal under RCW 42.56.520(4).")
    assert (
        "If the denial is upheld, I may also turn to the Attorney General (RCW 42.56.530)" in text
    )
    assert any(g.fact is not None and g.fact.id == "appeal-ag" for g in draft.grounds)
    limited = replace(
        WA,
        facts=tuple(
            replace(f, records="denials that rest on an exemption") if f.id == "appeal-ag" else f
            for f in WA.facts
        ),
    )
    text2 = _draft("appeal", _spec("WA", Level.STATE), limited).context["appeal_deadline_text"]
    assert (
        "I may also turn to the Attorney General (RCW 42.56.530), a route the law provides for "
        "denials that rest on an exemption." in text2
    )


def test_wa_unknown_level_uses_routes_open_to_all_and_says_so() -> None:
    draft = _draft("appeal", _spec("WA"), WA)
    assert "Attorney General" not in _letter_text(draft)
    assert any("depend on the kind of agency" in w for w in draft.warnings)


def test_no_route_for_this_agency_asks_for_reconsideration_with_the_court_route() -> None:
    # Only the Attorney General route (state agencies) left: a local agency has none.
    only_ag = replace(WA, facts=tuple(f for f in WA.facts if f.id != "appeal-internal"))
    draft = _draft("appeal", _spec("WA", Level.LOCAL), only_ag)
    ctx = draft.context
    assert ctx["subject"].startswith("Request for reconsideration: ")
    assert ctx["appeal_intro_text"].startswith("I ask you to reconsider the denial")
    text = ctx["appeal_deadline_text"]
    assert "I understand that the Public Records Act provides no administrative appeal" in text
    assert "If the denial stands, the law's remedy is in court (RCW 42.56.550(1), (6))" in text
    assert "within one year" in text
    assert "Attorney General" not in text and ctx["appeal_timely_text"] == ""


def test_an_appeal_fact_with_a_deadline_states_it_and_counts_it() -> None:
    internal = WA.fact("appeal-internal")
    assert internal is not None
    from foia_assist.domain.jurisdictions import DayType

    timed = replace(internal, deadline_days=20, deadline_day_type=DayType.BUSINESS)
    j = replace(WA, facts=tuple(timed if f is internal else f for f in WA.facts))
    ctx = _draft("appeal", _spec("WA", Level.LOCAL), j).context
    assert (
        "The law allows 20 business days to appeal (RCW 42.56.520(4))."
        in (ctx["appeal_deadline_text"])
    )
    assert "made within that time" in ctx["appeal_timely_text"]


# -- federal FOIA and the kind of agency --------------------------------------------------------


def test_federal_foia_to_a_local_agency_is_warned_about() -> None:
    us = JURISDICTIONS.get("US")
    local = _draft("request", _spec("US", Level.LOCAL), us)
    assert any("federal FOIA reaches only federal agencies" in w for w in local.warnings)
    federal = _draft("request", _spec("US", Level.FEDERAL), us)
    assert not any("reaches only federal" in w for w in federal.warnings)
    state_law = _draft("request", _spec("WA", Level.FEDERAL), WA)
    assert any("does not reach a federal agency" in w for w in state_law.warnings)
    tribal = _draft("request", _spec("WA", Level.TRIBAL), WA)
    assert any("may not reach tribal governments" in w for w in tribal.warnings)


def test_bulk_refuses_a_law_that_does_not_reach_the_agency() -> None:
    from foia_assist.services.bulk.agencies_csv import parse_agency_csv

    csv = (
        b"agency_name,jurisdiction,email,level\n"
        b"Springfield Police,US,a@example.gov,local\n"
        b"FBI,US,b@example.gov,federal\n"
        b"Seattle Police,WA,c@example.gov,local\n"
        b"Dept of Licensing,WA,d@example.gov,Federal\n"
        b"Somewhere,WA,e@example.gov,county\n"
    )
    result = parse_agency_csv(csv, JURISDICTIONS)
    assert [(r.agency_name, r.level) for r in result.rows] == [
        ("FBI", Level.FEDERAL),
        ("Seattle Police", Level.LOCAL),
    ]
    reasons = {r.agency_name: r.reason for r in result.rejected}
    assert "federal FOIA reaches only federal agencies" in reasons["Springfield Police"]
    assert "does not reach a federal agency" in reasons["Dept of Licensing"]
    assert "'county' is not one of" in reasons["Somewhere"]


def test_a_level_changes_the_facts_a_letter_uses() -> None:
    local = _letter_text(_draft("appeal", _spec("WA", Level.LOCAL), WA))
    state = _letter_text(_draft("appeal", _spec("WA", Level.STATE), WA))
    assert local != state


# -- who may request ----------------------------------------------------------------------------

_VA_QUOTE = (
    "Except as otherwise specifically provided by law, all public records shall be open to "
    "citizens of the Commonwealth, representatives of newspapers and magazines with "
    "circulation in the Commonwealth, and representatives of radio and television stations "
    "broadcasting in or into the Commonwealth during the regular office hours"
)


def _requesters_fact(**changes: Any) -> Fact:
    base: dict[str, Any] = {
        "id": "requesters",
        "topic": "requesters",
        "statement": "Citizens of the Commonwealth and representatives of newspapers, magazines, "
        "radio and television stations serving it may request public records.",
        "citation": "Va. Code § 2.2-3704(A)",
        "quote": _VA_QUOTE,
        "source": "https://law.lis.virginia.gov/vacode/title2.2/chapter37/section2.2-3704/",
        "verified": date(2026, 12, 3),
        "confidence": Confidence.HIGH,
        "bases": (
            "citizens of the Commonwealth",
            "representatives of newspapers and magazines with circulation in the Commonwealth",
        ),
    }
    base.update(changes)
    return Fact(**base)


def _va() -> Jurisdiction:
    return replace(JURISDICTIONS.get("VA"), facts=(_requesters_fact(),))


def test_a_basis_is_stated_in_the_laws_words() -> None:
    draft = _draft("request", _spec("VA", requester__basis="Citizens of the Commonwealth"), _va())
    text = draft.context["residency_text"]
    assert text == (
        "I make this request as one of those the law allows to ask (Va. Code § 2.2-3704(A): "
        '"citizens of the Commonwealth").'
    )
    assert _untraced_quotes(text, _va()) == []
    assert not any("only these may request" in w for w in draft.warnings)


def test_no_basis_is_told_every_basis_the_law_offers() -> None:
    draft = _draft("request", _spec("VA"), _va())
    assert draft.context["residency_text"] == ""
    warning = next(w for w in draft.warnings if "only these may request" in w)
    assert "citizens of the Commonwealth; representatives of newspapers" in warning


def test_a_basis_not_in_the_law_is_refused() -> None:
    with pytest.raises(SpecError) as info:
        _draft("request", _spec("VA", requester__basis="resident of Virginia"), _va())
    assert info.value.field == "requester.basis"
    assert "citizens of the Commonwealth" in info.value.problem


# -- unread and unsettled facts; fee waiver and expedition --------------------------------------


def test_an_unread_response_fact_is_the_requesters_understanding() -> None:
    response = WA.fact("response")
    assert response is not None
    unread = replace(response, quote="", unread="the legislature's page did not load")
    j = replace(WA, facts=(unread,))
    draft = _draft("request", _spec("WA", Level.LOCAL), j)
    assert draft.context["response_text"].startswith("I understand that under RCW 42.56.520(1),")
    assert any("its text was not read" in w for w in draft.warnings)


def test_fee_waiver_the_law_does_not_grant_is_asked_not_claimed() -> None:
    none = Fact(
        id="fee-waiver",
        topic="fee_waiver",
        statement="The Act provides no fee waiver.",
        citation="RCW 42.56.120",
        quote="No fee shall be charged for the inspection of public records",
        source="https://app.leg.wa.gov/RCW/default.aspx?cite=42.56.120",
        verified=date(2026, 12, 3),
        confidence=Confidence.MEDIUM,
        available=False,
    )
    j = replace(WA, facts=(*WA.facts, none))
    text = _draft("request", _spec("WA", options__fee_waiver=True), j).context["fee_waiver_text"]
    assert "does not provide for a fee waiver" in text and " under " not in text
    unsettled = replace(none, available=True, unsettled=True)
    j2 = replace(WA, facts=(*WA.facts, unsettled))
    text2 = _draft("request", _spec("WA", options__fee_waiver=True), j2).context["fee_waiver_text"]
    assert text2.startswith("I ask you to waive or reduce any fees.") and " under " not in text2


# -- foia-assist law ----------------------------------------------------------------------------


def test_law_json_lists_every_fact_with_its_fields() -> None:
    from foia_assist.services.law import law_json, law_text

    out = law_json(WA)
    assert out["code"] == "WA" and out["name"] == "Washington"
    ids = [f["id"] for f in out["facts"]]
    assert sorted(ids) == sorted(f.id for f in WA.facts)
    ag = next(f for f in out["facts"] if f["id"] == "appeal-ag")
    assert ag["applies_to"] == ["state"] and ag["body"] == "the Attorney General"
    assert ag["verified"] == "2026-12-03" and ag["confidence"] == "high"
    for fact in out["facts"]:
        for key in ("topic", "statement", "citation", "quote", "source", "verified"):
            assert key in fact
    unread = replace(WA, facts=(replace(WA.facts[0], quote="", unread="page did not load"),))
    assert law_json(unread)["facts"][0]["quote"] is None
    text = law_text(WA)
    assert "If the request is denied" in text and "Applies to: state agencies." in text
    assert "Fourth pass" not in text


def test_law_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from foia_assist.cli import run_cli

    assert run_cli(["--data-dir", str(tmp_path), "law", "WA", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["code"] == "WA" and isinstance(out["facts"], list)
    assert run_cli(["--data-dir", str(tmp_path), "law", "Washington"]) == 0
    assert "Public Records Act" in capsys.readouterr().out
    assert run_cli(["--data-dir", str(tmp_path), "law", "ZZ"]) == 2
    assert "unknown jurisdiction" in capsys.readouterr().err


def test_letter_command_warns_about_federal_foia_to_a_local_agency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from foia_assist.cli import run_cli

    out = tmp_path / "l.txt"
    args = ["--data-dir", str(tmp_path), "letter", "--spec", str(EXAMPLE), "--out", str(out)]
    args += ["--jurisdiction", "US"]  # the example is a state-law request to a police department
    assert run_cli([*args, "--level", "local"]) == 0
    assert "reaches only federal agencies" in capsys.readouterr().err
    assert run_cli([*args, "--level", "federal"]) == 0
    assert "reaches only federal agencies" not in capsys.readouterr().err


def test_track_add_keeps_the_level(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from foia_assist.cli import run_cli

    base = ["--data-dir", str(tmp_path), "track"]
    us = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    us["agency"]["jurisdiction"] = "US"  # the example is a state-law request
    spec = tmp_path / "us.json"
    spec.write_text(json.dumps(us), encoding="utf-8")
    assert run_cli([*base, "add", "--spec", str(spec), "--level", "local"]) == 0
    captured = capsys.readouterr()
    assert "reaches only federal agencies" in captured.err
    rid = captured.out.strip()
    assert run_cli([*base, "show", rid, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert '"level": "local"' in json.dumps(shown)


# -- the fixed paragraphs ----------------------------------------------------------------------


def test_letter_wording_refuses_an_unknown_or_empty_key(tmp_path: Path) -> None:
    import shutil

    from foia_assist.storage.letter_wording import LetterWordingError, load_letter_wording

    folder = tmp_path / "letters"
    shutil.copytree(resources_dir() / "letters", folder)
    wording = load_letter_wording(folder)
    assert "public interest" in wording.text("request", "fee_waiver_justification")
    request = folder / "request.toml"
    request.write_text(request.read_text() + '\nfee_wiaver = "typo"\n', encoding="utf-8")
    with pytest.raises(LetterWordingError) as info:
        load_letter_wording(folder)
    assert "fee_wiaver" in str(info.value)
    (folder / "request.toml").write_text('format = ""\n', encoding="utf-8")
    with pytest.raises(LetterWordingError):
        load_letter_wording(folder)


# -- research notes stay out of the window ------------------------------------------------------


@pytest.mark.parametrize("code", [j.code for j in JURISDICTIONS if j.appeal.note][:8])
def test_the_appeal_clock_shows_no_research_note(code: str, tracker: Any) -> None:
    j = JURISDICTIONS.get(code)
    rid = tracker.add_request(
        _spec(code), today=date(2026, 11, 30), sent=date(2026, 11, 2), method="email"
    )
    tracker.log_event(rid, "denied", date(2026, 11, 20))
    deadline = tracker.clocks(rid).appeal_deadline()
    assert deadline is not None and deadline.steps
    steps = " ".join(deadline.steps)
    assert j.appeal.note not in steps and "Note:" not in steps


def test_an_unsettled_route_is_the_requesters_understanding() -> None:
    internal = WA.fact("appeal-internal")
    assert internal is not None
    j = replace(
        WA, facts=tuple(replace(f, unsettled=True) if f is internal else f for f in WA.facts)
    )
    draft = _draft("appeal", _spec("WA", Level.LOCAL), j)
    assert draft.context["appeal_deadline_text"].startswith(
        "I make this appeal under RCW 42.56.520(4), as I understand the law."
    )
    assert any("the law is unsettled on this" in w for w in draft.warnings)


def test_a_clock_unsettled_for_some_agencies_is_understood_when_the_level_is_unknown() -> None:
    response = WA.fact("response")
    assert response is not None
    state = replace(response, id="response-state", applies_to=(Level.STATE,))
    local = replace(response, id="response-local", applies_to=(Level.LOCAL,), unsettled=True)
    j = replace(WA, facts=(state, local))
    unknown = _draft("request", _spec("WA"), j).context["response_text"]
    assert unknown.startswith("I understand that under RCW 42.56.520(1),")
    known = _draft("request", _spec("WA", Level.STATE), j).context["response_text"]
    assert known.startswith("Under RCW 42.56.520(1),")


def test_a_clock_for_other_kinds_of_agency_is_not_stated() -> None:
    from foia_assist.domain.jurisdictions import Clock, ClockAction

    municipal = Clock(
        days=10,
        day_type=DayType.BUSINESS,
        action=ClockAction.PRODUCE,
        summary="produce the records",
        citation="Test Code § 10(b)",
        name="Production (municipality)",
    )
    fact = Fact(
        id="production-municipality",
        topic="later_clock",
        clock="Production (municipality)",
        statement="A municipality must produce the records within 10 business days.",
        citation="Test Code § 10(b)",
        quote="a municipality shall produce the records within ten business days",
        source="https://example.gov/code",
        verified=date(2026, 12, 3),
        confidence=Confidence.HIGH,
        applies_to=(Level.LOCAL,),
    )
    j = replace(WA, later_clocks=(municipal,), facts=(*WA.facts, fact))
    state = _draft("request", _spec("WA", Level.STATE), j).context["response_text"]
    local = _draft("request", _spec("WA", Level.LOCAL), j).context["response_text"]
    assert "Test Code § 10(b)" not in state and "Test Code § 10(b)" in local


def test_the_records_the_agency_cited_choose_the_route() -> None:
    # Pennsylvania's shape: a district attorney's appeals officer hears denials of criminal
    # investigative records by a local agency; the general route hears the rest.
    internal = WA.fact("appeal-internal")
    assert internal is not None
    da = replace(
        internal,
        id="appeal-da",
        body="the district attorney's appeals officer",
        citation="Test Code § 503(d)(2)",
        records="denials of access to criminal investigative records",
        applies_to=(Level.LOCAL,),
    )
    j = replace(WA, facts=(*WA.facts, da))
    spec = _spec("WA", Level.LOCAL)  # the agency cited "investigative records", "trade secret"
    draft = _draft("appeal", spec, j)
    assert draft.context["appeal_intro_text"].startswith(
        "This is my appeal to the district attorney's appeals officer"
    )
    assert (
        "I make this appeal under Test Code § 503(d)(2)." in draft.context["appeal_deadline_text"]
    )
    assert any("may need the general route (RCW 42.56.520(4))" in w for w in draft.warnings)
    other = _spec("WA", Level.LOCAL, history__exemptions_cited=["trade secret"])
    plain = _draft("appeal", other, j).context
    assert plain["appeal_intro_text"].startswith("I appeal the denial")
    assert "I make this appeal under RCW 42.56.520(4)." in plain["appeal_deadline_text"]


def test_a_residence_given_as_a_place_in_the_state_counts() -> None:
    from foia_assist.domain.jurisdictions import Requesters

    j = replace(
        JURISDICTIONS.get("KY"),
        facts=(),
        requesters=Requesters(True, "Residents only.", "KRS 61.872(2)(a)"),
    )
    spec = _spec("KY", requester__residence="Louisville, Kentucky")
    assert _draft("request", spec, j).context["residency_text"] == "I am a resident of Kentucky."
    spec = _spec("KY", requester__residence="Cincinnati, Ohio")
    assert _draft("request", spec, j).context["residency_text"] == ""


def test_no_overstated_fee_waiver_or_extension() -> None:
    us = replace(JURISDICTIONS.get("US"), facts=())
    ctx = _draft("request", _spec("US", options__fee_waiver=True), us).context
    assert ctx["fee_waiver_text"].startswith("I ask you to waive or reduce the fees under 5 U.S.C.")
    assert "all fees" not in ctx["fee_waiver_text"]
    assert "limited circumstances" not in ctx["extension_text"]
