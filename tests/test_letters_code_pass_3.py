"""Letter code findings of the third pass (docs/verification/letters-code-pass-3.md): a second
act a rule file names for some records (Colorado's Criminal Justice Records Act), pinpoint
citations in deadline sentences, where an appeal decision clock counts from, fee-waiver grounds
in the law's words, and the forms and bodies of NJ and OK."""

from __future__ import annotations

import json
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.jurisdictions import Jurisdiction, Level
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


def _spec(code: str, level: Level | None, **options: Any) -> RequestSpec:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["agency"]["jurisdiction"] = code
    data["agency"]["level"] = level.value if level else None
    data["requester"]["residence"] = code
    data["options"].update(options)
    return RequestSpec.from_dict(data)


def _draft(
    kind: str,
    code: str,
    level: Level | None = Level.LOCAL,
    j: Jurisdiction | None = None,
    **options: Any,
) -> LetterDraft:
    j = j or JURISDICTIONS.get(code)
    spec = _spec(code, level, **options)
    return draft_letter(kind, spec, j, CATALOGUE, CALENDARS.for_jurisdiction(j), TODAY)


def _rule_data(code: str) -> dict[str, Any]:
    return tomllib.loads((resources_dir() / "jurisdictions" / f"{code}.toml").read_text("utf-8"))


def _fact(data: dict[str, Any], fact_id: str) -> dict[str, Any]:
    return next(f for f in data["facts"] if f["id"] == fact_id)


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
    grounds = [g for g in draft.grounds if g.fact is not None and g.fact.act]
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
