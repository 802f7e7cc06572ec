"""Read a clinic's agency list: encoding and delimiter detection, headers, row checks.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first agency
row 2. A bad row is reported with its number and reason; the good rows go on.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from foia_assist.domain.jurisdictions import Jurisdiction, JurisdictionSet
from foia_assist.domain.request import is_valid_email, is_valid_url
from foia_assist.errors import UserError

REQUIRED = ("agency_name", "jurisdiction")
CONTACT = ("email", "address", "portal_url")
OPTIONAL = ("attention", "city", "state", "zip", "reference")
KNOWN = REQUIRED + CONTACT + OPTIONAL
# Common spellings people use in spreadsheets, mapped to our names.
HEADER_ALIASES = {
    "agency": "agency_name",
    "agency name": "agency_name",
    "name": "agency_name",
    "e-mail": "email",
    "email address": "email",
    "portal": "portal_url",
    "portal url": "portal_url",
    "url": "portal_url",
    "zip code": "zip",
    "zipcode": "zip",
    "postcode": "zip",
    "attn": "attention",
}
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CELL = 2000


class AgencyCsvError(UserError):
    """The file as a whole cannot be used (unreadable, wrong columns)."""


@dataclass(frozen=True)
class AgencyRow:
    row: int  # as a spreadsheet shows it
    agency_name: str
    jurisdiction: Jurisdiction
    email: str = ""
    address: str = ""  # street address with city, state and ZIP joined on
    portal_url: str = ""
    attention: str = ""
    reference: str = ""


@dataclass(frozen=True)
class RejectedRow:
    row: int
    agency_name: str
    reason: str


@dataclass(frozen=True)
class AgencyList:
    rows: tuple[AgencyRow, ...]
    rejected: tuple[RejectedRow, ...]
    encoding: str
    delimiter: str
    columns: tuple[str, ...]
    ignored_columns: tuple[str, ...]


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name): UTF-8 with or without BOM, else Windows-1252."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8 with BOM"
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise AgencyCsvError(
            f"the file is neither UTF-8 nor Windows-1252 (byte 0x{data[exc.start]:02x} at "
            f"position {exc.start}); save it from the spreadsheet as 'CSV UTF-8'"
        ) from None


def detect_delimiter(text: str) -> str:
    """Comma, semicolon or tab, judged from the header line (outside quotes)."""
    first = text.split("\n", 1)[0]
    counts = {",": 0, ";": 0, "\t": 0}
    quoted = False
    for ch in first:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] > counts[","] else ","


def _normalise_header(name: str) -> str:
    key = " ".join(name.replace("\ufeff", "").strip().casefold().replace("_", " ").split())
    key = HEADER_ALIASES.get(key, key)
    return key.replace(" ", "_")


def read_agency_csv(path: Path, jurisdictions: JurisdictionSet) -> AgencyList:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise AgencyCsvError(f"{path.name} is larger than {MAX_FILE_BYTES // 1_000_000} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise AgencyCsvError(f"agency list not found: {path}") from None
    except IsADirectoryError:
        raise AgencyCsvError(f"agency list is a folder, not a CSV file: {path}") from None
    except PermissionError:
        raise AgencyCsvError(f"cannot read the agency list (permission denied): {path}") from None
    return parse_agency_csv(data, jurisdictions, name=path.name)


def _refuse_non_text(data: bytes, name: str) -> None:
    """Name the common wrong files (Excel's workbooks, its UTF-16 "Unicode text") up front:
    decoded as Windows-1252 they would only give a baffling list of missing columns."""
    save_as = "save it from the spreadsheet as 'CSV UTF-8'"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AgencyCsvError(f"{name} is UTF-16 text; {save_as}")
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise AgencyCsvError(f"{name} is a spreadsheet workbook, not a CSV text file; {save_as}")
    head = data[:4096]
    if head.count(0) > len(head) // 10:
        raise AgencyCsvError(f"{name} is not a CSV text file (binary or UTF-16); {save_as}")


def parse_agency_csv(data: bytes, jurisdictions: JurisdictionSet, name: str = "CSV") -> AgencyList:
    _refuse_non_text(data, name)
    text, encoding = decode_csv_bytes(data)
    if not text.strip():
        raise AgencyCsvError(f"{name} is empty")
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header_cells = next(reader)
    except csv.Error as exc:
        raise AgencyCsvError(f"{name}: the header row cannot be read ({exc})") from None
    columns = [_normalise_header(h) for h in header_cells]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise AgencyCsvError(
            f"{name}: missing required column(s) {', '.join(missing)} "
            f"(found: {', '.join(h.strip() for h in header_cells if h.strip()) or 'none'})"
        )
    if not any(c in columns for c in CONTACT):
        raise AgencyCsvError(f"{name}: needs at least one of the columns {', '.join(CONTACT)}")
    dupes = sorted({c for c in columns if c and columns.count(c) > 1})
    if dupes:
        raise AgencyCsvError(f"{name}: column {dupes[0]} appears more than once")
    ignored = tuple(h for h, c in zip(header_cells, columns, strict=True) if c not in KNOWN)

    rows: list[AgencyRow] = []
    rejected: list[RejectedRow] = []
    seen: dict[tuple[str, str], int] = {}
    row_number = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            row_number += 1
            rejected.append(RejectedRow(row_number, "", f"cannot be read as CSV ({exc})"))
            continue
        row_number += 1
        if not any(c.strip() for c in cells):
            continue  # blank line
        if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
            rejected.append(
                RejectedRow(row_number, cells[0].strip() if cells else "",
                            f"has {len(cells)} cells but the header has {len(columns)} "
                            "(a stray comma or semicolon?)")
            )  # fmt: skip
            continue
        record = {c: (cells[i].strip() if i < len(cells) else "") for i, c in enumerate(columns)}
        result = _check_row(row_number, record, jurisdictions, seen)
        if isinstance(result, RejectedRow):
            rejected.append(result)
        else:
            rows.append(result)
    if not rows and not rejected:
        raise AgencyCsvError(f"{name} has a header row but no agencies")
    return AgencyList(
        rows=tuple(rows),
        rejected=tuple(rejected),
        encoding=encoding,
        delimiter=delimiter,
        columns=tuple(c for c in columns if c in KNOWN),
        ignored_columns=ignored,
    )


def _check_row(
    row: int, rec: dict[str, str], jurisdictions: JurisdictionSet, seen: dict[tuple[str, str], int]
) -> AgencyRow | RejectedRow:
    name = " ".join(rec.get("agency_name", "").split())
    for key, value in rec.items():
        if len(value) > MAX_CELL:
            return RejectedRow(row, name[:80], f"{key} is longer than {MAX_CELL} characters")
        if any(ord(ch) < 32 and ch not in "\n\t" for ch in value):
            return RejectedRow(row, name[:80], f"{key} contains control characters")
    if not name:
        return RejectedRow(row, "", "missing agency name")
    raw_j = rec.get("jurisdiction", "")
    if not raw_j:
        return RejectedRow(row, name, "missing jurisdiction")
    jurisdiction = jurisdictions.find(raw_j)
    if jurisdiction is None:
        return RejectedRow(row, name, f"unknown jurisdiction {raw_j!r}")
    email = rec.get("email", "")
    if email and not is_valid_email(email):
        return RejectedRow(row, name, f"malformed email {email!r}")
    portal = rec.get("portal_url", "")
    if portal and not is_valid_url(portal):
        return RejectedRow(row, name, f"portal_url {portal!r} is not an http(s) address")
    address = _join_address(rec)
    if not (email or address or portal):
        return RejectedRow(row, name, "no email, address or portal_url to send the letter to")
    identity = (name.casefold(), jurisdiction.code)
    if identity in seen:
        return RejectedRow(
            row, name, f"duplicate of row {seen[identity]} (same agency and jurisdiction)"
        )
    seen[identity] = row
    return AgencyRow(
        row=row,
        agency_name=name,
        jurisdiction=jurisdiction,
        email=email,
        address=address,
        portal_url=portal,
        attention=rec.get("attention", ""),
        reference=rec.get("reference", ""),
    )


def _join_address(rec: dict[str, str]) -> str:
    street = rec.get("address", "")
    city, state, zip_code = rec.get("city", ""), rec.get("state", ""), rec.get("zip", "")
    state_zip = " ".join(p for p in (state, zip_code) if p)
    last = ", ".join(p for p in (city, state_zip) if p)
    return "\n".join(p for p in (street, last) if p)
