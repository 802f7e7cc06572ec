"""Agency CSVs as people really send them: unclosed quotes, mixed encodings, CRLF files.

An unclosed quote must never make the rows after it disappear; encoding trouble is named
in one line; nothing here may end in a traceback.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from foia_assist.cli import run_cli
from foia_assist.domain.jurisdictions import JurisdictionSet
from foia_assist.services.bulk.agencies_csv import AgencyCsvError, parse_agency_csv

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "docs" / "examples" / "request-spec.json"
HEADER = "agency_name,jurisdiction,email\n"


def names(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [r.agency_name for r in result.rows]


def test_unclosed_quote_at_the_end_of_the_file_is_a_bad_row_and_the_rest_are_kept(
    jurisdictions: JurisdictionSet,
) -> None:
    text = (
        HEADER
        + "A PD,CA,a@example.gov\n"  # line 2
        + 'Springfield PD,IL,"records@spd.gov\n'  # line 3: quote never closed
        + "B PD,NY,b@example.gov\n"
        + "C PD,US,c@example.gov\n"
    )
    result = parse_agency_csv(text.encode(), jurisdictions)
    assert names(result) == ["A PD", "B PD", "C PD"]
    assert [r.row for r in result.rows] == [2, 4, 5]
    [bad] = result.rejected
    assert (bad.row, bad.agency_name) == (3, "Springfield PD")
    assert bad.reason.startswith("unclosed quote starting on line 3 (email column)")


def test_unclosed_quote_closed_by_a_later_rows_quote_is_found_and_the_rest_are_kept(
    jurisdictions: JurisdictionSet,
) -> None:
    # The stray quote pairs with the opening quote of row 5, which flips every quote after it.
    text = (
        HEADER
        + "A PD,CA,a@example.gov\n"
        + 'Springfield PD,IL,"records@spd.gov\n'
        + "B PD,NY,b@example.gov\n"
        + '"Police Dept, City of Buffalo",NY,c@example.gov\n'
        + 'D PD,WA,d@example.gov\n"E, PD",OR,e@example.gov\n'
    )
    result = parse_agency_csv(text.encode(), jurisdictions)
    assert names(result) == ["A PD", "B PD", "Police Dept, City of Buffalo", "D PD", "E, PD"]
    assert [(r.row, r.reason.split(" (")[0]) for r in result.rejected] == [
        (3, "unclosed quote starting on line 3")
    ]


def test_unclosed_quote_in_a_file_longer_than_csvs_field_limit(
    jurisdictions: JurisdictionSet,
) -> None:
    # Over 128 KB swallowed: csv gives up with "field larger than field limit"; the rows
    # after the quote must still be read.
    rows = [f"Agency {i},NY,r{i}@example.gov" for i in range(5000)]
    text = HEADER + 'Springfield PD,IL,"records@spd.gov\n' + "\n".join(rows) + "\n"
    result = parse_agency_csv(text.encode(), jurisdictions)
    assert len(result.rows) == 5000
    assert result.rows[0].agency_name == "Agency 0" and result.rows[-1].row == 5002
    [bad] = result.rejected
    assert (bad.row, bad.agency_name) == (2, "Springfield PD")
    assert bad.reason.startswith("unclosed quote starting on line 2 (email column)")


def test_legitimate_multi_line_cells_are_not_taken_for_unclosed_quotes(
    jurisdictions: JurisdictionSet,
) -> None:
    text = (
        "agency_name,jurisdiction,email,address\n"
        '"A PD",CA,a@example.gov,"1 Main St\nSuite 2, Springfield, CA"\n'
        'B PD,NY,,"PO Box 7\n65 Niagara Sq"\n'
        'C PD,US,c@example.gov,"last\nrow"'  # ends with a closed quote and no newline
    )
    result = parse_agency_csv(text.encode(), jurisdictions)
    assert result.rejected == ()
    assert [(r.row, r.address) for r in result.rows] == [
        (2, "1 Main St\nSuite 2, Springfield, CA"),
        (3, "PO Box 7\n65 Niagara Sq"),
        (4, "last\nrow"),
    ]


def test_a_last_row_whose_quote_is_never_closed_is_rejected(
    jurisdictions: JurisdictionSet,
) -> None:
    text = HEADER + "A PD,CA,a@example.gov\n" + 'B PD,NY,"b@example.gov'
    result = parse_agency_csv(text.encode(), jurisdictions)
    assert names(result) == ["A PD"]
    assert result.rejected[0].reason.startswith("unclosed quote starting on line 3")


def test_an_unclosed_quote_in_the_header_refuses_the_file_naming_the_line(
    jurisdictions: JurisdictionSet,
) -> None:
    text = 'agency_name,jurisdiction,"email\nA PD,CA,a@example.gov\nB PD,NY,b@example.gov\n'
    with pytest.raises(AgencyCsvError, match="unclosed quote starting on line 1") as info:
        parse_agency_csv(text.encode(), jurisdictions, name="list.csv")
    assert "\n" not in str(info.value)


def test_bom_and_windows_line_endings_inside_and_between_cells(
    jurisdictions: JurisdictionSet,
) -> None:
    text = (
        "agency_name,jurisdiction,email,address\r\n"
        'Policía PD,CA,a@example.gov,"1 Main St\r\nSuite 2"\r\n'
        "B PD,NY,b@example.gov,\r\n"
    )
    result = parse_agency_csv(b"\xef\xbb\xbf" + text.encode("utf-8"), jurisdictions)
    assert result.rejected == ()
    assert [(r.agency_name, r.address) for r in result.rows] == [
        ("Policía PD", "1 Main St\nSuite 2"),
        ("B PD", ""),
    ]


def test_a_utf8_mark_followed_by_latin1_text_is_named_with_its_line(
    jurisdictions: JurisdictionSet,
) -> None:
    data = b"\xef\xbb\xbf" + HEADER.encode() + "Policía PD,CA,a@example.gov\n".encode("latin-1")
    with pytest.raises(AgencyCsvError, match=r"line 2.*not UTF-8"):
        parse_agency_csv(data, jurisdictions, name="list.csv")


def test_utf8_and_latin1_rows_mixed_in_one_file_are_refused_not_garbled(
    jurisdictions: JurisdictionSet,
) -> None:
    data = (
        HEADER.encode()
        + "Policía Municipal,CA,a@example.gov\n".encode()
        + "Sûreté Montréal,NY,b@example.gov\n".encode("latin-1")
    )
    with pytest.raises(AgencyCsvError, match=r"mixes UTF-8.*line 3 is not UTF-8"):
        parse_agency_csv(data, jurisdictions, name="list.csv")
    # A file wholly in Latin-1 / Windows-1252 is still read, accents intact.
    whole = (HEADER + "Sûreté Montréal,NY,b@example.gov\n").encode("latin-1")
    assert names(parse_agency_csv(whole, jurisdictions)) == ["Sûreté Montréal"]


# -- through the CLI ---------------------------------------------------------------------------


@pytest.fixture
def spec_file(tmp_path: Path) -> Path:
    data = json.loads(SPEC.read_text("utf-8"))
    del data["agency"]
    path = tmp_path / "spec.json"
    path.write_text(json.dumps(data), "utf-8")
    return path


def bulk(capsys, tmp_path: Path, spec: Path, data: bytes) -> tuple[int, str, str, Path]:  # type: ignore[no-untyped-def]
    agencies = tmp_path / "agencies.csv"
    agencies.write_bytes(data)
    out = tmp_path / "out"
    rc = run_cli(["bulk", "--agencies", str(agencies), "--spec", str(spec), "--out", str(out),
                  "--format", "txt", "--jobs", "1"])  # fmt: skip
    stdout, stderr = capsys.readouterr()
    return rc, stdout, stderr, out


def test_cli_unclosed_quote_reports_the_line_and_exports_the_other_rows(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, spec_file: Path
) -> None:
    text = (
        HEADER
        + "A PD,CA,a@example.gov\n"
        + 'Springfield PD,IL,"records@spd.gov\n'
        + "B PD,NY,b@example.gov\n"
        + "C PD,US,c@example.gov\n"
    )
    rc, out, err, folder = bulk(capsys, tmp_path, spec_file, text.encode())
    assert rc == 3, err
    assert "Exported 3 letters" in out
    assert "row 3: Springfield PD: unclosed quote starting on line 3" in out
    manifest = list(csv.DictReader(io.StringIO((folder / "manifest.csv").read_text("utf-8-sig"))))
    assert [m["agency"] for m in manifest] == ["A PD", "B PD", "C PD"]
    report = list(csv.reader(io.StringIO((folder / "rejected.csv").read_text("utf-8-sig"))))
    assert report[1][:2] == ["3", "Springfield PD"]
    assert report[1][2].startswith("unclosed quote starting on line 3")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "is empty"),
        (b"\xef\xbb\xbf", "is empty"),
        (b"\xef\xbb\xbfagency_name,jurisdiction,email\r\n\r\n", "header row but no agencies"),
        ("agency_name,jurisdiction,email\nPolicía,CA,a@b.gov\n".encode("utf-16"), "UTF-16"),
        (b"\xef\xbb\xbf" + HEADER.encode() + b"Polic\xeda PD,CA,a@b.gov\n", "line 2"),
        (b'agency_name,jurisdiction,"email\nA PD,CA,a@b.gov\n', "unclosed quote"),
    ],
)
def test_cli_bad_files_are_one_line_exit_2(
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    spec_file: Path,
    data: bytes,
    message: str,
) -> None:
    rc, _, err, _ = bulk(capsys, tmp_path, spec_file, data)
    assert rc == 2
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert message in err
