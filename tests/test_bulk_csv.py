"""Agency CSV reading: encodings, delimiters, headers, row checks with spreadsheet row numbers."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from foia_assist.domain.jurisdictions import JurisdictionSet
from foia_assist.services.bulk.agencies_csv import (
    AgencyCsvError,
    decode_csv_bytes,
    parse_agency_csv,
    read_agency_csv,
)


@pytest.fixture
def juris(jurisdictions: JurisdictionSet) -> JurisdictionSet:
    # Parsing is independent of the law: three stand-ins built from the federal record.
    us = jurisdictions.get("US")
    return JurisdictionSet(
        [
            us,
            dataclasses.replace(us, code="CA", name="California", aliases=()),
            dataclasses.replace(us, code="NY", name="New York", aliases=()),
        ]
    )


GOOD = (
    "Agency_Name,Jurisdiction,Email,Address,City,State,Zip,Reference\n"
    "San Diego Police Department,CA,records@sd.gov,1401 Broadway,San Diego,CA,92101,M-1\n"
    '"Police Dept, City of Buffalo",new york,,65 Niagara Sq,Buffalo,NY,14202,\n'
)


def test_utf8_comma(juris: JurisdictionSet) -> None:
    result = parse_agency_csv(GOOD.encode("utf-8"), juris)
    assert result.encoding == "UTF-8"
    assert result.delimiter == ","
    assert [r.row for r in result.rows] == [2, 3]
    first, second = result.rows
    assert first.jurisdiction.code == "CA" and first.reference == "M-1"
    assert first.address == "1401 Broadway\nSan Diego, CA 92101"
    assert second.agency_name == "Police Dept, City of Buffalo"
    assert second.jurisdiction.code == "NY"  # full name, any case
    assert result.rejected == ()


def test_bom_and_semicolons_and_cp1252(juris: JurisdictionSet) -> None:
    semi = "agency_name;jurisdiction;email\nPolicía Municipal;CA;a@b.gov\n"
    with_bom = parse_agency_csv(b"\xef\xbb\xbf" + semi.encode("utf-8"), juris)
    assert with_bom.encoding == "UTF-8 with BOM" and with_bom.delimiter == ";"
    assert with_bom.rows[0].agency_name == "Policía Municipal"
    windows = parse_agency_csv(semi.encode("cp1252"), juris)
    assert windows.encoding == "Windows-1252"
    assert windows.rows[0].agency_name == "Policía Municipal"


def test_undecodable_bytes_are_named() -> None:
    with pytest.raises(AgencyCsvError, match="neither UTF-8 nor Windows-1252"):
        decode_csv_bytes(b"agency_name\n\x81\x8d")


def test_missing_columns_stop_the_file(juris: JurisdictionSet) -> None:
    with pytest.raises(AgencyCsvError, match="missing required column.*jurisdiction"):
        parse_agency_csv(b"agency_name,email\nX,a@b.gov\n", juris)
    with pytest.raises(AgencyCsvError, match="at least one of the columns"):
        parse_agency_csv(b"agency_name,jurisdiction\nX,CA\n", juris)


def test_bad_rows_reported_with_spreadsheet_numbers(juris: JurisdictionSet) -> None:
    text = (
        "agency_name,jurisdiction,email\n"  # row 1
        "Good PD,CA,ok@city.gov\n"  # 2
        ",CA,x@y.gov\n"  # 3 missing name
        "Atlantis PD,ZZ,a@b.gov\n"  # 4 unknown jurisdiction
        "Bad Mail PD,CA,not-an-email\n"  # 5
        "good pd,California,other@city.gov\n"  # 6 duplicate of 2
        "\n"  # 7 blank, skipped
        "No Contact PD,NY,\n"  # 8
        "Extra PD,NY,a@b.gov,surplus\n"  # 9
    )
    result = parse_agency_csv(text.encode(), juris)
    assert [r.row for r in result.rows] == [2]
    reasons = {r.row: r.reason for r in result.rejected}
    assert reasons[3] == "missing agency name"
    assert reasons[4] == "unknown jurisdiction 'ZZ'"
    assert reasons[5].startswith("malformed email")
    assert reasons[6] == "duplicate of row 2 (same agency and jurisdiction)"
    assert reasons[8].startswith("no email, address or portal_url")
    assert reasons[9].startswith("has 4 cells but the header has 3")
    assert 7 not in reasons


def test_multiline_cell_counts_as_one_spreadsheet_row(juris: JurisdictionSet) -> None:
    text = 'agency_name,jurisdiction,address\n"A PD",CA,"1 Main St\nSuite 2"\nB PD,ZZ,x\n'
    result = parse_agency_csv(text.encode(), juris)
    assert result.rows[0].address == "1 Main St\nSuite 2"
    assert result.rejected[0].row == 3


def test_file_errors_are_plain(tmp_path: Path, juris: JurisdictionSet) -> None:
    with pytest.raises(AgencyCsvError, match="not found"):
        read_agency_csv(tmp_path / "nope.csv", juris)
    with pytest.raises(AgencyCsvError, match="folder"):
        read_agency_csv(tmp_path, juris)
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    with pytest.raises(AgencyCsvError, match="empty"):
        read_agency_csv(empty, juris)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_named_not_read_as_garbage_columns(juris: JurisdictionSet, encoding: str) -> None:
    data = GOOD.encode(encoding)
    if encoding != "utf-16":  # Excel's "Unicode text" starts with a BOM; add one
        data = ("\ufeff" + GOOD).encode(encoding)
    with pytest.raises(AgencyCsvError, match="UTF-16") as info:
        parse_agency_csv(data, juris, name="list.csv")
    assert "\x00" not in str(info.value) and "missing required" not in str(info.value)


def test_a_binary_file_such_as_an_xlsx_is_named(juris: JurisdictionSet) -> None:
    data = b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4
    with pytest.raises(AgencyCsvError, match="not a CSV text file"):
        parse_agency_csv(data, juris, name="agencies.xlsx")


def test_tab_separated_columns_are_read(juris: JurisdictionSet) -> None:
    text = "agency_name\tjurisdiction\temail\nSan Diego PD\tCA\tr@sd.gov\n"
    result = parse_agency_csv(text.encode("utf-8"), juris)
    assert [(r.agency_name, r.jurisdiction.code) for r in result.rows] == [("San Diego PD", "CA")]


def test_a_header_without_agencies_is_an_error(juris: JurisdictionSet) -> None:
    with pytest.raises(AgencyCsvError, match="no agencies"):
        parse_agency_csv(b"agency_name,jurisdiction,email\n\n\n", juris)
