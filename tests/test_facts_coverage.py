"""Every jurisdiction states its law as facts on every topic a letter or warning uses
(issue 9, docs/jurisdiction-data.md): scope, who may request, the response clock, at least one
appeal route, fees, fee waiver, expedited processing, roll-forward and holidays; and an
extension, receipt or later-clock fact wherever the rule file has that table."""

from __future__ import annotations

import pytest

from foia_assist.domain.jurisdictions import DEFAULT_RECEIPT, Jurisdiction
from foia_assist.paths import resources_dir
from foia_assist.storage.rule_files import load_jurisdictions

JURISDICTIONS = load_jurisdictions(resources_dir() / "jurisdictions")

ALWAYS = (
    "scope",
    "requesters",
    "response",
    "appeal",
    "fees",
    "fee_waiver",
    "expedited",
    "roll_forward",
    "holidays",
)

# Topics still without a fact, by jurisdiction: the data helpers' backlog. Each entry must
# really be missing (the test below fails once the fact is added, so the list only shrinks).
# At 12:45 UTC on 2026-12-03 (before merging main): no `fees` fact in RI, SD, TN, VT, WI; the
# legal-data helper added them (docs/verification/facts-pass-7.md), so none is missing now.
EXPECTED_MISSING: dict[str, set[str]] = {}


def needed(j: Jurisdiction) -> list[str]:
    topics = list(ALWAYS)
    if j.extension is not None:
        topics.append("extension")
    if j.receipt is not DEFAULT_RECEIPT:  # the file has a [receipt] table
        topics.append("receipt")
    if j.later_clocks:
        topics.append("later_clock")
    return topics


def missing(j: Jurisdiction) -> set[str]:
    have = {f.topic for f in j.facts}
    return {t for t in needed(j) if t not in have}


@pytest.mark.parametrize("code", JURISDICTIONS.codes())
def test_every_topic_a_letter_uses_has_a_fact(code: str) -> None:
    j = JURISDICTIONS.get(code)
    assert missing(j) == EXPECTED_MISSING.get(code, set()), (
        f"{code}: facts missing on {sorted(missing(j))}; expected missing "
        f"{sorted(EXPECTED_MISSING.get(code, set()))}"
    )


@pytest.mark.parametrize("code", JURISDICTIONS.codes())
def test_every_later_clock_has_its_own_fact(code: str) -> None:
    j = JURISDICTIONS.get(code)
    named = {f.clock for f in j.facts if f.topic == "later_clock"}
    assert [c.name for c in j.later_clocks if c.name not in named] == []


def test_the_expected_missing_list_names_real_jurisdictions_and_topics() -> None:
    for code, topics in EXPECTED_MISSING.items():
        assert code in JURISDICTIONS.codes()
        assert topics, code  # an empty entry is a finished one: delete it
