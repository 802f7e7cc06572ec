"""Review pass 9 (docs/verification/review-pass-9.md): facts and letters changed in this round,
re-read against the law."""

from __future__ import annotations

import re

import pytest
from letter_drafts import JURISDICTIONS, draft, example_spec

from foia_assist.domain.jurisdictions import Level
from foia_assist.services.law import law_json, law_text
from foia_assist.services.letters.context import LetterDraft
from foia_assist.services.letters.law import normalise


@pytest.mark.parametrize(
    ("code", "fact_id", "line", "words"),
    [
        (
            "DC",
            "appeal-mayor",
            "Time to decide: 10 business days from \u201cthe submission of the petition\u201d "
            "(D.C. Code § 2-537(a)).",
            "the submission of the petition",
        ),
        (
            "NE",
            "appeal-attorney-general",
            "Time to decide: 15 calendar days from \u201cthe submission of the petition\u201d "
            "(Neb. Rev. Stat. § 84-712.03(1)(b)).",
            "the submission of the petition",
        ),
        (
            "RI",
            "appeal-chief-administrative-officer",
            "Time to decide: 10 business days from \u201cthe submission of the review "
            "petition\u201d (R.I. Gen. Laws § 38-2-8(a)).",
            "the submission of the review petition",
        ),
    ],
)
def test_decision_clock_counts_from_the_submission_of_the_petition(
    code: str, fact_id: str, line: str, words: str
) -> None:
    j = JURISDICTIONS.get(code)
    text = law_text(j)
    assert line in text
    [fact] = [f for f in law_json(j)["facts"] if f["id"] == fact_id]
    assert fact["decision_from"] == words
    assert words in fact["quote"]


def _draft(kind: str, code: str, level: Level) -> LetterDraft:
    return draft(kind, example_spec(code, level, options={"fee_waiver": True}))


def test_federal_fee_waiver_is_asked_on_the_acts_grounds_in_its_words() -> None:
    fact = JURISDICTIONS.get("US").fact("fee-waiver")
    assert fact is not None and fact.grounds
    text = _draft("request", "US", Level.FEDERAL).context["fee_waiver_text"]
    assert text.startswith(
        "I ask you to waive or reduce the fees under 5 U.S.C. § 552(a)(4)(A)(iii). "
    )
    assert (
        'The law provides for this "if disclosure of the information is in the public interest '
        "because it is likely to contribute significantly to public understanding of the "
        "operations or activities of the government and is not primarily in the commercial "
        'interest of the requester", and I ask on that ground.'
    ) in text
    for passage in re.findall(r'"([^"]+)"', text):
        assert normalise(passage).casefold() in normalise(fact.quote).casefold(), passage


def test_massachusetts_enclosures_cite_the_subsection_that_requires_them() -> None:
    fact = JURISDICTIONS.get("MA").fact("appeal-supervisor")
    assert fact is not None
    assert "950 CMR 32.08(1)(c), (f)" in fact.citation
    assert "(f) requesters shall provide to the Supervisor complete copies" in fact.quote
    text = _draft("appeal", "MA", Level.LOCAL).context["appeal_request_text"]
    assert (
        "As the law requires (M.G.L. c. 66, § 10A(a); 950 CMR 32.08(1)(c), (f)), I enclose "
        "complete copies of the request and all responses."
    ) in text
    # the filing deadline still cites only the subsection that sets it
    whole = " ".join(str(v) for v in _draft("appeal", "MA", Level.LOCAL).context.values())
    assert "The law allows 90 calendar days to file a petition (950 CMR 32.08(1)(c))." in whole
