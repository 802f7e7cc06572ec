"""CSV cells that open safely in Excel, LibreOffice and Google Sheets.

A cell starting with `=`, `+`, `-`, `@` (or a tab or carriage return) can run as a
formula ("CSV injection"). Such cells get a leading apostrophe, which spreadsheets
show as text and hide.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
UTF8_BOM = "\ufeff"


def neutralise_cell(value: object) -> str:
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_bytes(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 with BOM (so Excel detects the encoding), CRLF line ends, every cell neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([neutralise_cell(h) for h in header])
    for row in rows:
        writer.writerow([neutralise_cell(c) for c in row])
    return (UTF8_BOM + buf.getvalue()).encode("utf-8")
