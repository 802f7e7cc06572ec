"""Facts pass 8 (docs/verification/facts-pass-8.md): what changed in the letters when the law's
own words were read for OK, MT, PA, TX and VT."""

from __future__ import annotations

from letter_drafts import JURISDICTIONS, context_text, draft, example_spec

from foia_assist.domain.appeal_routes import holds_for
from foia_assist.domain.jurisdictions import Fact, Jurisdiction, Level
from foia_assist.services.letters.context import LetterDraft


def _draft(kind: str, code: str, level: Level) -> LetterDraft:
    return draft(kind, example_spec(code, level, no_denial=kind == "follow-up"))


_text = context_text


def _fact(j: Jurisdiction, fact_id: str) -> Fact:
    return next(f for f in j.facts if f.id == fact_id)


def test_oklahoma_request_for_review_is_stated_as_law_now_hb_2163_is_in_force() -> None:
    # 2025 HB 2163 became law over the Governor's veto: the route is no longer the
    # requester's understanding, and the user is no longer told its force is unconfirmed.
    for level in (Level.STATE, Level.LOCAL):
        draft = _draft("appeal", "OK", level)
        text = _text(draft)
        assert "I make this request for review under 51 O.S. § 24A.40(B)." in text
        assert "24A.40(B), as I understand the law" not in text
        assert "The law allows 30 calendar days to file a request for review" in text
        assert not any("not confirmed" in w for w in draft.warnings)
    fact = _fact(JURISDICTIONS.get("OK"), "appeal-public-access-counselor")
    assert fact.settled
    assert "forward a copy of the request for review to the public body" in fact.quote


def test_montana_court_route_is_understood_and_names_agencies_that_are_not_local() -> None:
    # § 2-6-1009 was amended by 2025 HB 100 (text not read): the missed-deadline suit is no
    # longer said to be for executive branch agencies, and the route is the requester's
    # understanding.
    for level in (Level.STATE, Level.LOCAL):
        draft = _draft("appeal", "MT", level)
        text = _text(draft)
        assert "I understand that if the denial stands, the law's remedy is in court" in text
        assert "requester to an executive branch agency" not in text
        assert "a public agency that is not a local government" in text
        assert "was not read" not in text  # research caveats stay out of the agency's letter
    quote = _fact(JURISDICTIONS.get("MT"), "appeal-court").quote
    assert "executive branch agency" not in quote


def test_pennsylvania_court_route_follows_the_agency_level() -> None:
    pa = JURISDICTIONS.get("PA")
    courts = [f for f in pa.facts if f.topic == "appeal" and f.route == "court"]
    state = [f.citation for f in courts if holds_for(f, Level.STATE)]
    local = [f.citation for f in courts if holds_for(f, Level.LOCAL)]
    assert state == ["65 P.S. § 67.1301(a)"]
    assert local == ["65 P.S. § 67.1302(a)"]
    assert "with the Commonwealth Court" in _fact(pa, "appeal-court-commonwealth").quote
    assert "court of common pleas for the county" in _fact(pa, "appeal-court").quote


def test_texas_court_sentence_has_no_research_wording() -> None:
    text = _text(_draft("appeal", "TX", Level.LOCAL))
    assert "Section 552.321 sets no deadline for filing." in text
    assert "sections read" not in text


def test_vermont_appeal_quotes_the_current_text_and_keeps_its_citation() -> None:
    fact = _fact(JURISDICTIONS.get("VT"), "appeal-agency-head")
    assert fact.citation == "1 V.S.A. § 318(c)"
    assert "pursuant to subsection (c) of this section" in fact.quote
    assert fact.source.startswith("https://legislature.vermont.gov/")
    # The five business days are the earlier text's, kept as the decision's own quote.
    assert fact.decision_days == 5
    assert "within five days" in fact.decision_quote
    assert "I make this appeal under 1 V.S.A. § 318(c)." in _text(
        _draft("appeal", "VT", Level.LOCAL)
    )
