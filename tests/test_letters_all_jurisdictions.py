"""A request letter renders for every jurisdiction file and cites that jurisdiction's law."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.jurisdictions import Level
from foia_assist.domain.request import RequestSpec
from foia_assist.paths import letter_templates_dir, resources_dir
from foia_assist.services.letters.law import holds_for
from foia_assist.services.letters.service import LetterService
from foia_assist.storage.catalogue_files import load_catalogue
from foia_assist.storage.rule_files import load_jurisdictions

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "request-spec.json"
JURISDICTIONS = load_jurisdictions(resources_dir() / "jurisdictions")
CODES = JURISDICTIONS.codes()


@pytest.fixture(scope="module")
def service() -> LetterService:
    return LetterService(
        JURISDICTIONS,
        load_catalogue(resources_dir() / "frt"),
        CalendarCache(),
        letter_templates_dir(),
    )


def _bases(code: str) -> tuple[str, ...]:
    """Where the law limits who may ask (a requesters fact with bases, for any agency)."""
    facts = JURISDICTIONS.get(code).facts
    level = Level.FEDERAL if code == "US" else None
    found = [f for f in facts if f.topic == "requesters" and f.bases and holds_for(f, level)]
    return found[0].bases if found else ()


def _spec(code: str) -> RequestSpec:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["agency"]["jurisdiction"] = code
    data["agency"]["level"] = None  # the kind of agency unknown: these tests are about that case
    data["requester"]["residence"] = code  # residents-only states get a confirmed statement
    if _bases(code):  # the law names who may ask: the requester gives a basis in its words
        data["requester"]["basis"] = _bases(code)[0]
    return RequestSpec.from_dict(data)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_rule_file_is_covered() -> None:
    files = sorted(p.stem for p in (resources_dir() / "jurisdictions").glob("*.toml"))
    assert files == CODES and "US" in CODES


@pytest.mark.parametrize("code", CODES)
def test_request_letter_cites_the_law(code: str, service: LetterService) -> None:
    j = JURISDICTIONS.get(code)
    text = _flat(service.letter_text("request", _spec(code), date(2026, 11, 26)))
    assert _flat(j.law_name) in text
    assert _flat(j.citation) in text
    assert _flat(j.response.citation) in text
    assert j.response.period_in_words() in text
    assert "Springfield Police Department" in text
    if _bases(code):  # stated in the statute's words (they replace "I am a resident of")
        assert f'"{_flat(_bases(code)[0]).casefold()}")' in text.casefold()
    elif j.residents_only is True:
        assert f"I am a resident of {j.name}." in text
    law = service.catalogue.state_law(code)
    if law is not None:
        assert _flat(law.citation) in text


@pytest.mark.parametrize("kind", ["follow-up", "appeal", "preservation"])
@pytest.mark.parametrize("code", CODES)
def test_other_letters_render(code: str, kind: str, service: LetterService) -> None:
    text = _flat(service.letter_text(kind, _spec(code), date(2026, 11, 26)))
    assert JURISDICTIONS.get(code).law_name in text


@pytest.mark.parametrize("kind", ["request", "follow-up", "appeal", "preservation"])
def test_every_letter_numbers_its_pages(kind: str, service: LetterService) -> None:
    import io
    import zipfile

    data = service.render_docx(kind, _spec("CA"), date(2026, 11, 26))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        footers = [z.read(n).decode() for n in z.namelist() if n.startswith("word/footer")]
        document = z.read("word/document.xml").decode()
    assert len(footers) == 1 and "footerReference" in document
    assert 'w:instr=" PAGE "' in footers[0] and 'w:instr=" NUMPAGES "' in footers[0]
    assert ">Page </w:t>" in footers[0] and "> of </w:t>" in footers[0]


# Sentences the letters build from rule-file text: summaries must read after "your office must
# (also)" and "had N days from X to"; citations and conditions must carry no working notes.
_BAD_PHRASES = re.compile(
    r"must (also )?(if|a|an|for|the) |\bto if\b|(?<!\.)\.\.(?!\.)|\bthe the\b|"
    r"reference CSV|not verified|\bseen 20\d\d|per the |sets no number of days; the law"
)


@pytest.mark.parametrize("code", CODES)
@pytest.mark.parametrize("kind", ["request", "follow-up", "appeal", "preservation"])
def test_letters_read_as_sentences_without_working_notes(
    code: str, kind: str, service: LetterService
) -> None:
    text = _flat(service.letter_text(kind, _spec(code), date(2026, 11, 26)))
    found = _BAD_PHRASES.search(text)
    assert found is None, (
        f"{code} {kind}: ...{text[max(0, found.start() - 80) : found.end() + 40]}..."
    )


@pytest.mark.parametrize("code", CODES)
def test_an_appeal_names_the_body_that_decides_it(code: str, service: LetterService) -> None:
    j = JURISDICTIONS.get(code)
    draft = service.draft("appeal", _spec(code), date(2026, 11, 26))
    text = _flat(service.letter_text("appeal", _spec(code), date(2026, 11, 26)))
    routes = [f for f in j.facts if f.topic == "appeal"]
    if routes:  # the facts decide: routes open to this agency (level unknown: to all)
        level = Level.FEDERAL if j.is_federal else None
        admin = [
            f
            for f in routes
            if f.route == "administrative" and not f.no_response and holds_for(f, level)
        ]
        admin.sort(key=lambda f: bool(f.records))  # a route for all denials first
        if not admin:
            assert "I ask you to reconsider the denial" in text
        # The law's name for the filing ("formal complaint"); "appeal" only to a body that
        # decides (a "request" to one that only mediates or advises).
        filing = (admin[0].filing or ("appeal" if admin[0].decides else "request")) if admin else ""
        about = "of" if not admin or admin[0].decides else "about"
        if not admin:
            assert "I ask you to reconsider the denial" in text
        elif admin[0].body and admin[0].form:
            # The law requires the body's own form: the letter goes with it, it is not it.
            assert (
                f"This letter sets out the grounds of my {filing} to {_flat(admin[0].body)} "
                f"{about} your office's denial" in text
            )
            assert (
                f"the law requires the {filing} to be made on {admin[0].form}".lower()
                in text.lower()
            )
            assert any(
                f"requires the {filing} to be made on {admin[0].form}" in w
                and "The letter alone is not the filing." in w
                for w in draft.warnings
            )
        elif admin[0].body:
            assert (
                f"This is my {filing} to {_flat(admin[0].body)} {about} your office's denial"
                in text
            )
            assert any(
                w.startswith(f"Send this {filing} to {admin[0].body}") for w in draft.warnings
            )
        elif filing == "appeal":
            assert "I appeal the denial" in text
        if admin:
            assert f"I make this {filing} under {_flat(admin[0].citation)}" in text
        return
    if j.appeal.administrative is False:
        assert "I ask you to reconsider the denial" in text
        assert "within that time" not in text  # a court's deadline is not this letter's
        assert not any("appeal period" in w for w in draft.warnings)
    elif j.appeal.body:
        assert f"This is my appeal to {j.appeal.body} of your office's denial" in text
        assert f"I ask {j.appeal.body} to reverse the denial" in text
        assert any(w.startswith(f"Send this appeal to {j.appeal.body}") for w in draft.warnings)
    else:
        assert "I appeal the denial" in text


def test_outside_appeal_bodies_are_recorded_where_the_route_names_one() -> None:
    bodies = {j.code for j in JURISDICTIONS if j.appeal.body}
    assert bodies == {
        "CT", "DC", "DE", "HI", "IA", "IL", "IN", "KY", "MA", "MD",
        "MN", "MS", "ND", "NE", "NH", "NJ", "OK", "OR", "PA", "SD",
    }  # fmt: skip
    for j in JURISDICTIONS:
        if j.appeal.body:
            assert j.appeal.administrative is True, j.code


def test_a_state_frt_law_whose_text_changed_is_cited_in_the_past(service: LetterService) -> None:
    va = _flat(service.letter_text("request", _spec("VA"), date(2026, 11, 26)))
    assert "Va. Code § 15.2-1723.2 (Virginia's facial recognition law" in va
    assert ") has required records of facial recognition use to be created or kept" in va
    wa = _flat(service.letter_text("request", _spec("WA"), date(2026, 11, 26)))
    assert ") requires records of facial recognition use to be created or kept" in wa


def test_a_state_frt_law_is_not_said_to_put_every_duty_on_the_addressed_agency(
    service: LetterService,
) -> None:
    # M.G.L. c. 6, § 220 has the Registry of Motor Vehicles document each search; a city police
    # department only makes written requests. The letter names the records without saying the
    # addressed agency must keep all of them (review-pass-8-b, MA finding).
    ma = _flat(service.letter_text("request", _spec("MA"), date(2026, 12, 3)))
    assert "M.G.L. c. 6, § 220" in ma
    assert "agencies that use facial recognition to create or keep" not in ma
    assert "asks for those of these records that your agency holds" in ma
