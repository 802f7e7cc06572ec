"""`[[facts]]` in rule files: each statement of law with its citation, words, source and levels."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from foia_assist.domain.jurisdictions import Level
from foia_assist.paths import resources_dir
from foia_assist.storage.rule_files import RuleFileError, parse_jurisdiction

WA = resources_dir() / "jurisdictions" / "WA.toml"

FACT = """
[[facts]]
id = "appeal-ag"
topic = "appeal"
route = "administrative"
body = "the Attorney General"
statement = "A person denied a record by a state agency may ask the Attorney General to review it."
citation = "RCW 42.56.530"
quote = "Whenever a state agency concludes that a public record is exempt from disclosure"
source = "https://app.leg.wa.gov/RCW/default.aspx?cite=42.56.530"
verified = 2026-12-03
confidence = "high"
applies_to = ["state"]
"""


def _parse(extra: str):  # type: ignore[no-untyped-def]
    data = tomllib.loads(WA.read_text(encoding="utf-8") + extra)
    return parse_jurisdiction(Path("WA.toml"), data)


def test_a_fact_is_read_with_its_levels() -> None:
    j = _parse(FACT)
    fact = j.fact("appeal-ag")
    assert fact is not None
    assert fact.applies_to == (Level.STATE,)
    assert fact.applies(Level.STATE) and not fact.applies(Level.LOCAL)
    assert not fact.applies(None)
    assert j.facts_on("appeal", Level.LOCAL) == [
        f for f in j.facts if f.topic == "appeal" and f.applies(Level.LOCAL)
    ]
    assert fact in j.facts_on("appeal", Level.STATE)
    assert fact.settled


@pytest.mark.parametrize(
    ("change", "field", "problem"),
    [
        ('topic = "appeal"', "topic", "'rumour'"),
        ('quote = "Whenever a state agency', "unread", "say why"),
        ('applies_to = ["state"]', "applies_to", "each one of"),
        ('route = "administrative"', "route", "missing"),
    ],
)
def test_a_bad_fact_names_its_field(change: str, field: str, problem: str) -> None:
    replacement = {
        "topic": 'topic = "rumour"',
        "unread": "",
        "applies_to": 'applies_to = ["county"]',
        "route": "",
    }[field]
    line = next(x for x in FACT.splitlines() if x.startswith(change))
    with pytest.raises(RuleFileError) as info:
        _parse(FACT.replace(line, replacement))
    assert info.value.field.endswith(field)
    assert problem in info.value.problem


def test_a_basis_must_be_the_laws_words() -> None:
    extra = FACT.replace('id = "appeal-ag"', 'id = "who"').replace(
        'topic = "appeal"', 'topic = "requesters"\nbases = ["resident of the galaxy"]'
    )
    with pytest.raises(RuleFileError) as info:
        _parse(extra)
    assert "is not in the quote" in info.value.problem


def test_an_id_is_used_once() -> None:
    with pytest.raises(RuleFileError) as info:
        _parse(FACT + FACT)
    assert "used twice" in info.value.problem
