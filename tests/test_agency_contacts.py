"""The contact book: users' contacts for directory agencies, never overwritten without asking,
shared as CSV (UTF-8 with BOM, Windows-1252), kept in backups, used by bulk."""

from __future__ import annotations

from pathlib import Path

import pytest

from foia_assist.domain.agency_directory import AgencyType
from foia_assist.domain.jurisdictions import Level
from foia_assist.domain.request import Agency
from foia_assist.errors import UserError
from foia_assist.paths import resources_dir
from foia_assist.services.agency_contacts import Contact, ContactBook, ContactConflict
from foia_assist.services.agency_contacts_csv import export_csv, import_csv
from foia_assist.services.agency_directory import AgencyDirectory
from foia_assist.services.bulk.agencies_csv import parse_agency_csv

WAYNE = "MI8218200"  # Wayne County Sheriff's Office, Michigan
DETROIT = "MI8234900"


@pytest.fixture(scope="module")
def directory(jurisdictions) -> AgencyDirectory:  # type: ignore[no-untyped-def]
    return AgencyDirectory.load(resources_dir() / "agencies", jurisdictions)


@pytest.fixture
def book(directory, tracker, jurisdictions) -> ContactBook:  # type: ignore[no-untyped-def]
    return ContactBook(directory, tracker.agencies, jurisdictions)


def test_a_contact_is_recorded_reused_and_never_silently_overwritten(book: ContactBook) -> None:
    assert book.entry(WAYNE).contact == Contact()
    c = Contact("foia@wayne.example", "", "", "Records Unit", "county website", "2026-11-30")
    assert book.set_contact(WAYNE, c) == "added"
    e = book.entry(WAYNE)
    assert (e.email, e.contact.source, e.contact.checked) == (
        "foia@wayne.example",
        "county website",
        "2026-11-30",
    )
    assert e.as_agency() == Agency(
        "Wayne County Sheriff's Office",
        "MI",
        "",
        "foia@wayne.example",
        "",
        "Records Unit",
        level=Level.LOCAL,  # the directory's level travels with the letter's agency
    )
    # an empty field keeps what was there; a new field is added
    assert book.set_contact(WAYNE, Contact(address="200 Main St\nDetroit, MI")) == "updated"
    assert book.entry(WAYNE).email == "foia@wayne.example"
    assert book.set_contact(WAYNE, Contact(email="foia@wayne.example")) == "unchanged"
    with pytest.raises(ContactConflict, match="email 'foia@wayne.example' -> 'x@wayne.example'"):
        book.set_contact(WAYNE, Contact(email="x@wayne.example"))
    assert book.entry(WAYNE).email == "foia@wayne.example"
    assert book.set_contact(WAYNE, Contact(email="x@wayne.example"), replace=True) == "updated"
    assert book.entry(WAYNE).email == "x@wayne.example"
    # the search shows it too
    assert book.search("sheriff wayne county", state="MI")[0].email == "x@wayne.example"


def test_bad_contacts_are_refused_with_the_reason(book: ContactBook) -> None:
    with pytest.raises(UserError, match="malformed email"):
        book.set_contact(WAYNE, Contact(email="not an email"))
    with pytest.raises(UserError, match="not an http"):
        book.set_contact(WAYNE, Contact(portal_url="ftp://x"))
    with pytest.raises(UserError, match="not a date"):
        book.set_contact(WAYNE, Contact(email="a@b.example", checked="30/11/2026"))
    with pytest.raises(UserError, match="no agency with id 'ZZ9999999'"):
        book.entry("ZZ9999999")


def test_an_address_book_entry_from_before_the_directory_is_adopted(book: ContactBook) -> None:
    book.repo.add(Agency("Detroit police department", "MI", email="old@detroit.example"))
    assert book.entry(DETROIT).email == "old@detroit.example"
    assert book.own_agencies() == []  # it is the directory's agency, not a second one
    assert [e.email for e in book.search("detroit police", state="MI")][:1] == [
        "old@detroit.example"
    ]
    book.set_contact(DETROIT, Contact(portal_url="https://detroit.example/foia"))
    assert book.repo.by_directory_id(DETROIT) is not None
    assert book.repo.count() == 1
    assert book.entry(DETROIT).email == "old@detroit.example"


def test_own_agencies_are_added_found_and_exported(book: ContactBook, tmp_path: Path) -> None:
    own = book.add_own(
        "Metro Transit Police",
        jurisdiction="MI",
        type=AgencyType.OTHER,
        county="Wayne",
        contact=Contact(email="records@metro.example"),
    )
    assert own.own and own.id.startswith("own-") and own.jurisdiction == "MI"
    found = book.search("metro transit")[0]
    assert (found.id, found.email) == (own.id, "records@metro.example")
    chosen = {e.id: e for e in book.select(state="MI", county="Wayne")}
    assert chosen[own.id].email == "records@metro.example"
    assert WAYNE in chosen
    with pytest.raises(UserError, match="unknown jurisdiction"):
        book.add_own("X", jurisdiction="Narnia")


def test_csv_round_trip_utf8_with_bom(
    book: ContactBook, tmp_path: Path, directory, tracker, jurisdictions
) -> None:  # type: ignore[no-untyped-def]
    book.set_contact(WAYNE, Contact("foia@wayne.example", "1 Main St\nDetroit, MI 48226",
                                    "", "=Ms. Núñez", "website", "2026-11-30"))  # fmt: skip
    book.set_contact("US-FBI", Contact(portal_url="https://efoia.example.gov/"))
    entries = book.select(state="MI", type=AgencyType.COUNTY, ids=["US-FBI"])
    out = tmp_path / "campaign.csv"
    missing = export_csv(entries, out)
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "'=Ms. Núñez".encode() in data  # a formula-looking cell is neutralised
    assert WAYNE not in {e.id for e in missing} and len(missing) == len(entries) - 2
    # a fresh database takes the file back: same contacts
    from foia_assist.paths import AppPaths
    from foia_assist.services.tracker import TrackerService

    other = TrackerService.open(AppPaths.under(tmp_path / "other").ensure(), jurisdictions,
                                tracker.calendars)  # fmt: skip
    try:
        fresh = ContactBook(directory, other.agencies, jurisdictions)
        report = import_csv(fresh, data, name="campaign.csv")
        assert report.exit_code == 0, report.summary()
        assert report.encoding == "UTF-8 with BOM"
        assert {i for _, i in report.taken} == {WAYNE, "US-FBI"}
        assert fresh.entry(WAYNE).contact == book.entry(WAYNE).contact
        assert fresh.entry(WAYNE).contact.records_officer == "=Ms. Núñez"
        assert fresh.entry("US-FBI").portal_url == "https://efoia.example.gov/"
        assert len(report.empty) == len(entries) - 2
    finally:
        other.close()


def test_windows_1252_import_by_name_and_state(book: ContactBook) -> None:
    rows = (
        "agency_name;jurisdiction;email;attention\r\n"
        "Wayne County Sheriff's Office;MI;foia@wayne.example;José Peña\r\n"
        "Independent School District:;TX;isd@example.org;\r\n"
        "Nowhere Police;Narnia;n@example.org;\r\n"
        "Lakeside Harbor Police;Michigan;harbor@example.org;\r\n"
        "Ingham County Sheriff's Office;MI;;\r\n"
    )
    report = import_csv(book, rows.encode("cp1252"), name="clinic.csv")
    assert report.encoding == "Windows-1252"
    assert book.entry(WAYNE).contact.records_officer == "José Peña"
    problems = {p.row: p.reason for p in report.not_taken}
    assert problems[3].startswith("ambiguous: ") and "give its agency_id" in problems[3]
    assert "unknown jurisdiction 'Narnia'" in problems[4]
    assert [r for r, _ in report.added_own] == [5]
    assert book.search("lakeside harbor")[0].email == "harbor@example.org"
    assert report.empty == [6]
    assert report.exit_code == 3
    assert "row 3: Independent School District:: ambiguous" in report.summary()


def test_import_reports_conflicts_and_replaces_only_when_asked(book: ContactBook) -> None:
    book.set_contact(WAYNE, Contact(email="keep@wayne.example"))
    data = f"agency_id,email\n{WAYNE},new@wayne.example\nNOPE,a@b.example\n".encode()
    report = import_csv(book, data)
    assert report.exit_code == 3
    assert [p.row for p in report.conflicts] == [2]
    assert [p.row for p in report.not_taken] == [3]
    assert book.entry(WAYNE).email == "keep@wayne.example"
    assert import_csv(book, data, replace=True).taken == [(2, WAYNE)]
    assert book.entry(WAYNE).email == "new@wayne.example"


def test_bulk_rows_with_an_agency_id_and_no_contact_use_the_contact_book(
    book: ContactBook,
    jurisdictions,  # type: ignore[no-untyped-def]
) -> None:
    book.set_contact(WAYNE, Contact(email="foia@wayne.example", records_officer="Records"))
    data = (
        "agency_id,agency_name,jurisdiction,email\n"
        f"{WAYNE},Wayne County Sheriff's Office,MI,\n"
        f"{DETROIT},Detroit Police Department,MI,own@detroit.example\n"
        "MI3313300,Ingham County Sheriff's Office,MI,\n"
        "XX0000000,Ghost PD,MI,\n"
    ).encode()
    parsed = parse_agency_csv(data, jurisdictions, contacts=book.letter_agency)
    rows = {r.agency_id: r for r in parsed.rows}
    assert (rows[WAYNE].email, rows[WAYNE].attention, rows[WAYNE].from_contact_book) == (
        "foia@wayne.example", "Records", True,
    )  # fmt: skip
    assert (rows[DETROIT].email, rows[DETROIT].from_contact_book) == ("own@detroit.example", False)
    reasons = {r.row: r.reason for r in parsed.rejected}
    assert "none recorded for agency_id MI3313300" in reasons[4]
    assert "'XX0000000' is not in the directory or your contact book" in reasons[5]


def test_backups_keep_the_directory_link_and_where_contacts_came_from(
    book: ContactBook,
    tracker,
    jurisdictions,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from datetime import datetime

    from foia_assist.services.backup import read_backup, write_backup

    book.set_contact(WAYNE, Contact(email="foia@wayne.example", source="web", checked="2026-11-30"))
    path = tmp_path / "backup.json"
    write_backup(tracker.requests, tracker.agencies, path, made=datetime(2026, 12, 1, 9, 0))
    _, agencies = read_backup(path, jurisdictions)
    (only,) = agencies
    assert only.details.directory_id == WAYNE
    assert (only.details.contact_source, only.details.contact_checked) == ("web", "2026-11-30")


def test_csv_round_trip_through_a_windows_1252_spreadsheet(
    book: ContactBook,
    tmp_path: Path,
    directory,
    tracker,
    jurisdictions,  # type: ignore[no-untyped-def]
) -> None:
    """Exported, opened in Excel and saved as plain "CSV" (Windows-1252), imported elsewhere."""
    from foia_assist.paths import AppPaths
    from foia_assist.services.tracker import TrackerService

    book.set_contact(WAYNE, Contact("foia@wayne.example", "1 Main St\nDetroit, MI",
                                    "", "José Peña", "sitio web", "2026-11-30"))  # fmt: skip
    out = tmp_path / "c.csv"
    export_csv(book.select(state="MI", county="Wayne"), out)
    as_1252 = out.read_bytes().decode("utf-8-sig").encode("cp1252")
    other = TrackerService.open(AppPaths.under(tmp_path / "other").ensure(), jurisdictions,
                                tracker.calendars)  # fmt: skip
    try:
        fresh = ContactBook(directory, other.agencies, jurisdictions)
        report = import_csv(fresh, as_1252)
        assert report.encoding == "Windows-1252" and report.exit_code == 0, report.summary()
        assert fresh.entry(WAYNE).contact == book.entry(WAYNE).contact
    finally:
        other.close()
