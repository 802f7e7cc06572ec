"""Messages name a field as the user gave it (window trial 2026-12-03b, K6): the bulk log,
rejected-rows.csv and "Check before sending" said "field 'requester.basis'" and "choose it
(requester.basis, or 'Who may ask' in the window)" to people who used the window or a CSV.
The CLI with a JSON spec keeps the spec's names."""

from __future__ import annotations

import csv
import io
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from foia_assist.app import AppContext
from foia_assist.paths import AppPaths
from foia_assist.services.bulk.agencies_csv import parse_agency_csv
from foia_assist.services.bulk.exporter import BulkExport, BulkOptions, write_summary
from foia_assist.services.bulk.manifest import PROBLEM_COLUMN
from foia_assist.services.letters.field_names import (
    BULK_WINDOW_NAMES,
    SPEC_NAMES,
    WIZARD_NAMES,
    FieldNames,
)
from foia_assist.services.letters.service import LetterService

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 26)
SPEC_WORDS = ("requester.basis", "requester.residence", "agency.level", "field '")


@pytest.fixture(scope="module")
def letters() -> LetterService:
    return AppContext(paths=AppPaths.under(Path("/nonexistent-unused"))).letters


def _spec(basis: str = "") -> object:
    from foia_assist.storage.spec_files import load_bulk_spec

    spec = load_bulk_spec(ROOT / "docs" / "examples" / "request-spec.json")
    return replace(
        spec,
        requester=replace(spec.requester, basis=basis, residence=""),
        agency=replace(spec.agency, level=None),  # each row's level is its own
    )


def _export(letters: LetterService, rows: str, out: Path, basis: str, names: FieldNames | None):
    agencies = parse_agency_csv(rows.encode(), letters.jurisdictions)
    options = BulkOptions(out_dir=out, formats=("docx",), jobs=1)
    export = BulkExport(letters, agencies, _spec(basis), options, TODAY, names=names)  # type: ignore[arg-type]
    for _ in export.run():
        pass
    return export.result


CSV = (
    "Agency Name,Jurisdiction,E-mail,Agency Level\n"
    "Fairfax County Police Department,VA,foia@fairfax.example.gov,local\n"
    "Chicago Police Department,IL,foia@chicago.example.gov,\n"
    "Nashville Police Department,TN,records@nashville.example.gov,local\n"
)


def test_bulk_from_the_window_speaks_in_its_labels_and_the_csvs_columns(
    letters: LetterService, tmp_path: Path
) -> None:
    # The trial's case K5/K6: a Tennessee term as the basis, for a Virginia row.
    result = _export(letters, CSV, tmp_path / "out", "citizen of this state", BULK_WINDOW_NAMES)
    [rejected] = result.rejected
    assert rejected.agency_name == "Fairfax County Police Department"
    assert rejected.reason.startswith("“Who may ask” in a new request of its own")
    assert "'citizen of this state' is not one of the Virginia" in rejected.reason
    summary = write_summary(result)
    rows_csv = (tmp_path / "out" / "rejected-rows.csv").read_text("utf-8-sig")
    problem = next(csv.DictReader(io.StringIO(rows_csv)))[PROBLEM_COLUMN]
    assert problem == f"row 2: {rejected.reason}"
    # Illinois's row has an empty level cell: the warning points at the CSV's own column.
    assert "Give the agency's level (the CSV's “Agency Level” column)." in summary
    for text in (summary, rows_csv):
        for word in SPEC_WORDS:
            assert word not in text, (word, text)


def test_bulk_warnings_without_a_basis_point_to_where_one_can_be_chosen(
    letters: LetterService, tmp_path: Path
) -> None:
    result = _export(letters, CSV, tmp_path / "out", "", BULK_WINDOW_NAMES)
    summary = write_summary(result)
    assert "Check before sending:" in summary
    assert "choose it in “Who may ask” in a new request of its own" in summary
    for word in SPEC_WORDS:
        assert word not in summary, word


def test_a_csv_without_the_column_is_told_to_add_it(letters: LetterService, tmp_path: Path) -> None:
    rows = "agency_name,jurisdiction,email\nChicago Police Department,IL,foia@c.example.gov\n"
    summary = write_summary(_export(letters, rows, tmp_path / "out", "", BULK_WINDOW_NAMES))
    assert "Give the agency's level (a “level” column in the CSV)." in summary


def test_the_cli_with_a_json_spec_keeps_the_spec_names_for_its_own_fields(
    letters: LetterService, tmp_path: Path
) -> None:
    result = _export(letters, CSV, tmp_path / "out", "citizen of this state", None)
    [rejected] = result.rejected
    assert rejected.reason.startswith("field 'requester.basis': 'citizen of this state'")
    # The agency's level still came from the CSV: named by its column there too.
    assert "(the CSV's “Agency Level” column)" in write_summary(result)
    quiet = write_summary(_export(letters, CSV, tmp_path / "o2", "", None))
    assert "choose it in requester.basis so the letter says so" in quiet


def test_the_wizard_names_its_own_rows(letters: LetterService) -> None:
    from foia_assist.services.letter_preview import preview_letter

    spec = _spec("")
    tn = spec.with_agency(name="Nashville Police Department", jurisdiction="TN")  # type: ignore[attr-defined]
    shown = preview_letter(letters, "request", tn, TODAY, names=WIZARD_NAMES).warnings
    assert any("choose it in “Who may ask” on step 4 so the letter" in w for w in shown)
    il = spec.with_agency(name="Chicago Police Department", jurisdiction="IL")  # type: ignore[attr-defined]
    level = preview_letter(letters, "request", il, TODAY, names=WIZARD_NAMES).warnings
    assert any("Give the agency's level (“Kind of agency” on step 2)." in w for w in level)
    shown = [*shown, *level]
    for w in shown:
        for word in SPEC_WORDS:
            assert word not in w, w
    cli = preview_letter(letters, "request", tn, TODAY).warnings
    assert any("choose it in requester.basis so the letter" in w for w in cli)


def test_a_refused_field_is_named_by_its_label_where_it_has_one() -> None:
    assert WIZARD_NAMES.problem("requester.basis", "x") == "“Who may ask” on step 4: x"
    assert (
        WIZARD_NAMES.problem("records.categories[2]", "x") == "the record categories on step 3: x"
    )
    assert WIZARD_NAMES.problem("history.due", "x") == "field 'history.due': x"  # no label
    assert SPEC_NAMES.problem("agency.level", "x") == "field 'agency.level': x"
    assert SPEC_NAMES("agency.level") == "agency.level, --level"
