"""The FRT records catalogue: shipped files load, cover the guide, and bad files name the field."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from foia_assist.domain.catalogue import DefaultRange, RangeKind, months_before
from foia_assist.paths import resources_dir
from foia_assist.storage.catalogue_files import CatalogueFileError, load_catalogue

FRT = resources_dir() / "frt"


@pytest.fixture(scope="module")
def catalogue():  # type: ignore[no-untyped-def]
    return load_catalogue(FRT)


def test_shipped_catalogue_has_the_guides_categories(catalogue) -> None:  # type: ignore[no-untyped-def]
    ids = set(catalogue.category_ids())
    assert 15 <= len(ids) <= 20
    for needed in (
        "contracts",
        "procurement",
        "payments",
        "data-sharing",
        "trials",
        "user-accounts",
        "audit-logs",
        "usage-statistics",
        "inter-agency-requests",
        "policies",
        "training",
        "manuals",
        "accuracy-testing",
        "vendor-marketing",
        "vendor-communications",
        "internal-communications",
        "cases",
        "defendant-disclosure",
        "retention-security",
        "oversight",
    ):
        assert needed in ids
    for c in catalogue.categories:
        assert c.wording.startswith(("All ", "An export", "Records sufficient")), c.id
        assert c.explanation and c.tip and c.sources


def test_audit_logs_ask_for_an_export_without_images_or_names(catalogue) -> None:  # type: ignore[no-untyped-def]
    logs = catalogue.category("audit-logs")
    assert "export" in logs.wording and "does not create a new record" in logs.wording
    assert "probe images" in logs.wording and "names" in logs.wording
    assert logs.default_range == DefaultRange(RangeKind.MONTHS, 12)


def test_vendors_and_clearview_date(catalogue) -> None:  # type: ignore[no-untyped-def]
    names = " ".join(v.name for v in catalogue.vendors)
    for vendor in (
        "Clearview AI",
        "NEC",
        "Idemia",
        "Rank One",
        "DataWorks Plus",
        "Cognitec",
        "Vigilant",
        "Amazon",
        "Veritone",
        "BriefCam",
        "LexisNexis",
        "Thales",
    ):
        assert vendor in names
    assert catalogue.vendor("clearview").since == date(2018, 1, 1)
    assert catalogue.vendor("Clearview AI") is catalogue.vendor("clearview")
    assert "Rekognition" in catalogue.vendor("rekognition").label()


def test_state_laws_carry_citation_source_and_date(catalogue) -> None:  # type: ignore[no-untyped-def]
    codes = {law.jurisdiction for law in catalogue.state_laws}
    assert {"WA", "CO", "MT", "UT", "MD", "MA", "VA", "AL", "ME"} <= codes
    for law in catalogue.state_laws:
        assert law.citation and law.sources and law.records and law.verify_note
        assert law.verified <= date(2026, 11, 26)
    assert catalogue.state_law("wa").citation == "RCW 43.386"
    assert "July 1, 2026" in catalogue.state_law("VA").verify_note
    assert catalogue.state_law("CA") is None


def test_shared_systems_by_jurisdiction(catalogue) -> None:  # type: ignore[no-untyped-def]
    mi = {s.id for s in catalogue.shared_systems_for("MI")}
    assert "michigan-snap" in mi and "state-dmv" in mi
    assert "michigan-snap" not in {s.id for s in catalogue.shared_systems_for("CA")}


def test_definition_is_broad(catalogue) -> None:  # type: ignore[no-untyped-def]
    text = catalogue.definition.text
    for phrase in ("trial", "another agency", "vendor", "personal phone", "third party"):
        assert phrase in text


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2026, 11, 26), 12, date(2025, 11, 26)),
        (date(2026, 3, 31), 1, date(2026, 2, 28)),
        (date(2024, 2, 29), 12, date(2023, 2, 28)),
        (date(2026, 1, 15), 60, date(2021, 1, 15)),
    ],
)
def test_months_before(day: date, months: int, expected: date) -> None:
    assert months_before(day, months) == expected


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "frt"
    shutil.copytree(FRT, target)
    return target


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("categories.toml", 'id = "contracts"', 'id = "Contracts!"', "categories[0].id"),
        ("categories.toml", 'id = "procurement"', 'id = "contracts"', "appears twice"),
        ("categories.toml", 'range = "years"\nvalue = 5', 'range = "years"', "categories[0].value"),
        ("categories.toml", 'range = "years"', 'range = "decades"', "not one of"),
        ("categories.toml", 'tip = "A non', 'tipp = "A non', "categories[0].tip"),
        ("vendors.toml", "since = 2018-01-01", 'since = "2018"', "vendors[0].since"),
        ("state-laws.toml", 'jurisdiction = "WA"', 'jurisdiction = "Wash"', "laws[0].jurisdiction"),
        ("state-laws.toml", 'citation = "RCW 43.386"', "", "laws[0].citation"),
        ("vendors.toml", "[[vendors]]", "[[vendors", "(syntax)"),
    ],
)
def test_bad_file_names_file_and_field(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    folder = _copy(tmp_path)
    path = folder / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CatalogueFileError) as info:
        load_catalogue(folder)
    assert str(info.value).startswith(f"{file}: field ")
    assert message in str(info.value)


def test_missing_file_is_reported(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "state-laws.toml").unlink()
    with pytest.raises(CatalogueFileError, match="state-laws.toml"):
        load_catalogue(folder)
