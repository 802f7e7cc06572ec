from __future__ import annotations

import csv
import io

import pytest

from foia_assist.services.bulk.filenames import MAX_STEM, UniqueNames, safe_stem
from foia_assist.services.csv_safety import csv_bytes, neutralise_cell


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("San Diego Police Department - CA", "San_Diego_Police_Department_-_CA"),
        ("../../etc/passwd", "etc_passwd"),
        ("..\\..\\Windows\\System32", "Windows_System32"),
        ("CON", "_CON"),
        ("nul.txt", "_nul.txt"),
        ("com1", "_com1"),
        ("a\x00b\x1fc\u200bd", "a_b_c_d"),
        ('what? <yes>: "no" | *', "what_yes_no"),
        ("...", "letter"),
        ("", "letter"),
        ("trailing dots...", "trailing_dots"),
        # A leading formula character would be quoted in manifest.csv, so the manifest
        # would name a file that does not exist.
        ('=HYPERLINK("http://evil") TX', "HYPERLINK(_http_evil_)_TX"),
        ("+1 Police", "1_Police"),
        ("@home PD", "home_PD"),
    ],
)
def test_safe_stem(raw: str, expected: str) -> None:
    assert safe_stem(raw) == expected


def test_long_names_are_bounded_and_unique() -> None:
    names = UniqueNames()
    stem = safe_stem("Police " * 100)
    assert len(stem) <= MAX_STEM
    first, second, third = names.claim(stem), names.claim(stem), names.claim(stem.upper())
    assert len({first.casefold(), second.casefold(), third.casefold()}) == 3
    assert all(len(n) <= MAX_STEM for n in (first, second, third))
    assert second.endswith("-2") and third.endswith("-3")


@pytest.mark.parametrize("danger", ["=1+1", "+SUM(A1)", "-2", "@cmd", "\tx", "\rx"])
def test_formula_cells_are_neutralised(danger: str) -> None:
    assert neutralise_cell(danger) == "'" + danger
    assert neutralise_cell("Police = good") == "Police = good"


def test_csv_bytes_has_bom_and_round_trips() -> None:
    data = csv_bytes(["agency", "note"], [['AT&T, "quoted"', "=HYPERLINK(1)"], ["Zoë", None]])
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [["agency", "note"], ['AT&T, "quoted"', "'=HYPERLINK(1)"], ["Zoë", ""]]
