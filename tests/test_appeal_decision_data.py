"""The time the law gives a deciding body to decide an appeal (`decision_*` keys of appeal facts):
read, checked against the law's own words, and present where the log says it was read."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from foia_assist.domain.jurisdictions import DayType
from foia_assist.paths import resources_dir
from foia_assist.storage.rule_files import (
    RuleFileError,
    load_jurisdictions,
    number_words,
    parse_jurisdiction,
    says_number,
)

WA = resources_dir() / "jurisdictions" / "WA.toml"
LOG = Path(__file__).resolve().parents[1] / "docs" / "verification" / "appeal-decision-deadlines.md"

FACT = """
[[facts]]
id = "appeal-test"
topic = "appeal"
route = "administrative"
body = "the Attorney General"
statement = "A person denied a record may ask the Attorney General to review it."
citation = "Test Code § 1"
quote = "The Attorney General shall decide within ten business days after receipt of the petition."
source = "https://example.org/law"
verified = 2026-12-03
confidence = "high"
"""


def _parse(extra: str):  # type: ignore[no-untyped-def]
    data = tomllib.loads(WA.read_text(encoding="utf-8") + FACT + extra)
    return parse_jurisdiction(Path("WA.toml"), data)


def test_the_time_to_decide_is_read_when_the_quote_states_it() -> None:
    j = _parse('decision_days = 10\ndecision_day_type = "business"\n')
    fact = j.fact("appeal-test")
    assert fact is not None
    assert (fact.decision_days, fact.decision_day_type) == (10, DayType.BUSINESS)
    assert fact.decision_counts_from == "appeal"


def test_a_number_not_in_the_laws_words_is_refused() -> None:
    with pytest.raises(RuleFileError) as info:
        _parse('decision_days = 20\ndecision_day_type = "business"\n')
    assert info.value.field.endswith("decision_days")
    assert "is not in the quote or decision_quote" in info.value.problem


def test_a_second_quote_can_hold_the_number() -> None:
    j = _parse(
        'decision_days = 20\ndecision_day_type = "calendar"\n'
        'decision_quote = "The body shall issue an opinion within 20 days of receipt."\n'
        'decision_source = "https://example.org/other"\n'
    )
    fact = j.fact("appeal-test")
    assert fact is not None and fact.decision_days == 20
    assert fact.decision_source == "https://example.org/other"


@pytest.mark.parametrize(
    ("extra", "field", "problem"),
    [
        ("decision_days = 10\n", "decision_day_type", "go together"),
        ('decision_day_type = "business"\n', "decision_day_type", "go together"),
        ('decision_wording = "as soon as it can"\n', "decision_wording", "is not in the quote"),
        (
            'decision_days = 10\ndecision_day_type = "business"\n'
            'decision_counts_from = "receipt"\n',
            "decision_counts_from",
            "appeal, denial",
        ),
        ('decision_source = "https://example.org"\n', "decision_source", "decision_quote"),
    ],
)
def test_bad_decision_keys_name_their_field(extra: str, field: str, problem: str) -> None:
    with pytest.raises(RuleFileError) as info:
        _parse(extra)
    assert info.value.field.endswith(field)
    assert problem in info.value.problem


def test_only_an_administrative_route_has_a_time_to_decide() -> None:
    court = FACT.replace('route = "administrative"', 'route = "court"').replace(
        'id = "appeal-test"', 'id = "appeal-test-court"'
    )
    data = tomllib.loads(
        WA.read_text(encoding="utf-8")
        + court
        + 'decision_days = 10\ndecision_day_type = "business"\n'
    )
    with pytest.raises(RuleFileError) as info:
        parse_jurisdiction(Path("WA.toml"), data)
    assert "administrative appeal facts" in info.value.problem


@pytest.mark.parametrize(
    ("n", "words"),
    [(2, "two"), (20, "twenty"), (45, "forty-five"), (120, "one hundred twenty")],
)
def test_numbers_in_words(n: int, words: str) -> None:
    assert number_words(n) == words


def test_a_number_matches_whole_words_only() -> None:
    assert says_number("within twenty (20) days", 20)
    assert says_number("within forty five days", 45)
    assert not says_number("within 120 days", 20)
    assert not says_number("within twenty-one days", 20)


def test_every_time_to_decide_in_the_data_is_logged_with_its_source() -> None:
    """The verification log lists each jurisdiction whose data holds a time to decide."""
    log = LOG.read_text(encoding="utf-8").split("## Looked for")[0]
    listed = set(re.findall(r"^- \*\*([A-Z]{2})\*\*", log, re.MULTILINE))
    with_clock = {
        j.code
        for j in load_jurisdictions(resources_dir() / "jurisdictions")
        if any(f.decision_days or f.decision_wording for f in j.facts)
    }
    assert with_clock, "no jurisdiction has a time to decide"
    assert with_clock == listed
    for code in ("US", "KY", "NY", "PA", "WA"):
        assert code in with_clock


def test_the_law_command_shows_the_time_to_decide() -> None:
    from foia_assist.services.law import law_json, law_text

    ky = next(j for j in load_jurisdictions(resources_dir() / "jurisdictions") if j.code == "KY")
    [ag] = [f for f in law_json(ky)["facts"] if f["id"] == "appeal-ag"]
    assert (ag["decision_days"], ag["decision_day_type"]) == (20, "business")
    assert ag["decision_counts_from"] == "appeal"
    assert "twenty (20) days" in ag["decision_quote"]
    text = law_text(ky)
    assert "Time to decide: 20 business days from receiving the appeal (KRS 61.880(2)(a))." in text
