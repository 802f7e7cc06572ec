"""Findings of review pass 8-b (docs/verification/review-pass-8-b.md), read as the agency's
counsel would: PA, VA, TN, WA, GA, MA. Each test renders the letter the finding changed."""

from __future__ import annotations

from pathlib import Path

import pytest
from letter_drafts import CATALOGUE, JURISDICTIONS, draft, example_spec

from foia_assist.domain.jurisdictions import Level
from foia_assist.paths import resources_dir
from foia_assist.services.letters.context import LetterDraft
from foia_assist.storage.catalogue_files import CatalogueFileError, load_catalogue


def _draft(kind: str, code: str, level: Level | None, **history: object) -> LetterDraft:
    return draft(kind, example_spec(code, level, history=history))


def _text(draft: LetterDraft) -> str:
    parts = [v for v in draft.context.values() if isinstance(v, str)]
    for value in draft.context.values():
        if isinstance(value, list):
            parts += [str(x.get("full_text", "")) for x in value if isinstance(x, dict)]
    return " ".join(" ".join(parts).split())


# -- VA: § 15.2-1723.2 reaches local law-enforcement agencies, not the State Police ----------


def test_virginias_frt_law_for_local_agencies_is_not_cited_to_a_state_agency() -> None:
    local = _draft("request", "VA", Level.LOCAL)
    state = _draft("request", "VA", Level.STATE)
    assert "Va. Code § 15.2-1723.2" in _text(local)
    assert "15.2-1723.2" not in _text(state)
    assert any("§ 52-4.5" in w and "leaves it out" in w for w in state.warnings)
    assert not any("reaches only" in w for w in local.warnings)


def test_an_unknown_level_keeps_the_frt_law_but_warns() -> None:
    draft = _draft("request", "VA", None)
    assert "Va. Code § 15.2-1723.2" in _text(draft)
    assert any("reaches only local agencies" in w and "not given" in w for w in draft.warnings)


def test_a_law_without_levels_reaches_every_agency() -> None:
    law = CATALOGUE.state_law("WA")
    assert law is not None and law.levels == ()
    assert "RCW 43.386" in _text(_draft("request", "WA", Level.STATE))


def test_a_level_that_is_not_state_or_local_is_refused(tmp_path: Path) -> None:
    folder = resources_dir() / "frt"
    for f in folder.glob("*.toml"):
        text = f.read_text("utf-8")
        if f.name == "state-laws.toml":
            text = text.replace('levels = ["local"]', 'levels = ["federal"]')
        (tmp_path / f.name).write_text(text, "utf-8")
    with pytest.raises(CatalogueFileError, match="levels"):
        load_catalogue(tmp_path)


# -- PA: the district attorney's appeals officer hears appeals under § 67.1101(a)(1) ----------


def test_pennsylvanias_da_route_cites_the_section_that_creates_it_and_its_deadline() -> None:
    local = _draft("appeal", "PA", Level.LOCAL, exemptions_cited=["investigative records"])
    text = _text(local)
    assert "appeals officer designated by the county's district attorney" in text
    assert "I make this appeal under 65 P.S. § 67.1101(a)(1); 65 P.S. § 67.503(d)(2)." in text
    # the deadline rests on § 1101(a)(1) alone (days_citation, as review pass 9 also asked)
    assert "The law allows 15 business days to appeal (65 P.S. § 67.1101(a)(1))." in text
    # A Commonwealth agency's denial still goes to the Office of Open Records.
    state = _text(_draft("appeal", "PA", Level.STATE, exemptions_cited=["investigative records"]))
    assert "This is my appeal to the Office of Open Records" in state
    assert "67.503(d)(2)" not in state


def test_pennsylvanias_requesters_include_agencies() -> None:
    fact = next(f for f in JURISDICTIONS.get("PA").facts if f.topic == "requesters")
    assert "legal resident of the United States, or an agency" in fact.statement


# -- VA, TN: the law gives its right to the bases it names; others may still ask --------------


@pytest.mark.parametrize("code", ["VA", "TN"])
def test_a_requester_without_a_basis_is_told_whom_the_law_gives_the_right(code: str) -> None:
    draft = _draft("request", code, Level.LOCAL)  # the example spec gives no basis
    warning = next(w for w in draft.warnings if "only these may request records" in w)
    assert "only these may request records as of right: " in warning


# -- TN: the court remedy is stated from § 10-7-505(a)'s words, its venue by level -------------


def test_tennessees_court_remedy_is_stated_and_its_venue_follows_the_level() -> None:
    local = _text(_draft("appeal", "TN", Level.LOCAL))
    state = _text(_draft("appeal", "TN", Level.STATE))
    for text in (local, state):
        assert (
            "If the denial stands, the law's remedy is in court (Tenn. Code Ann. § 10-7-505" in text
        )
        assert "I understand that if the denial stands" not in text
    assert "chancery court for the county where the records are kept" in local
    assert "chancery court" not in state
    assert "§ 10-7-505(b) names for state records" in state
