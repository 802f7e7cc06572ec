"""Read a clinic's agency list: encoding and delimiter detection, headers, row checks.

Row numbers are the ones a spreadsheet shows: the header is row 1, the first agency
row 2. A bad row is reported with its number and reason; the good rows go on.

An unclosed quote (`Springfield PD,IL,"records@spd.gov`) makes the csv module read every
later line into that one cell. It is recognised when the quote is still open at the end of
the file, or when a cell's later lines read as agency rows of their own (a real multi-line
address does not name an agency and a known jurisdiction in the header's layout). The row
is then rejected as "unclosed quote starting on line N" and reading starts again on the
line after N, so the rows after it are kept. In the header row it refuses the file.

Over 400 lines as one thing: reading one kind of file, from bytes to checked rows.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from foia_assist.domain.jurisdictions import Jurisdiction, JurisdictionSet, Level
from foia_assist.domain.request import Agency, is_valid_email, is_valid_url
from foia_assist.domain.text_rules import has_control_characters
from foia_assist.errors import UserError
from foia_assist.services.letters.shared import level_mismatch

REQUIRED = ("agency_name", "jurisdiction")
CONTACT = ("email", "address", "portal_url")
OPTIONAL = ("attention", "city", "state", "zip", "reference", "level", "agency_id")
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
    "agency level": "level",
    "agency_level": "level",
    "kind of agency": "level",
}
MAX_FILE_BYTES = 50 * 1024 * 1024
MAX_CELL = 2000
# The line breaks the csv module (reading with newline="") ends lines at.
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
# An accented Latin letter (U+00C0-U+00FF) encoded as UTF-8.
_UTF8_LATIN = re.compile(rb"\xc3[\x80-\xbf]")
_SAVE_AS = "save it from the spreadsheet as 'CSV UTF-8'"


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
    agency_id: str = ""  # the directory's id (ORI, US-FBI ...) when the row gives one
    from_contact_book: bool = False  # its contacts came from the contact book
    level: Level | None = None  # the kind of agency: which facts of the law hold for it


# The contact book's agency for a directory id (None: unknown id). Rows that give an
# agency_id and no contact of their own are sent to the contacts recorded for it.
ContactLookup = Callable[[str], Agency | None]


@dataclass(frozen=True)
class RejectedRow:
    row: int
    agency_name: str
    reason: str
    jurisdiction: str = ""  # as the CSV gives it (shown beside the problem; may be unknown)


@dataclass(frozen=True)
class AgencyList:
    rows: tuple[AgencyRow, ...]
    rejected: tuple[RejectedRow, ...]
    encoding: str
    delimiter: str
    columns: tuple[str, ...]
    ignored_columns: tuple[str, ...]
    # The file's own header and each row's cells as read, so rejected rows can be written
    # back with every column (fixed there, the file loads again as an agency list).
    header: tuple[str, ...] = ()
    cells: Mapping[int, tuple[str, ...]] = field(default_factory=dict)

    def column_headers(self) -> dict[str, str]:
        """Our name of each column the file has -> the file's own header cell ("level" ->
        "Agency Level"), so messages name the column as the user's spreadsheet shows it."""
        found: dict[str, str] = {}
        for cell in self.header:
            found.setdefault(_normalise_header(cell), cell.replace("\ufeff", "").strip())
        return found


def decode_csv_bytes(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name): UTF-8 with or without BOM, else Windows-1252.

    A file that mixes the two (rows pasted from another export) is refused rather than
    read with its UTF-8 accents garbled ("PolicÃ­a" for "Policía")."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "UTF-8 with BOM"
        except UnicodeDecodeError as exc:
            raise AgencyCsvError(
                f"line {_line_of(data, 3 + exc.start)} is not UTF-8 (byte "
                f"0x{data[3 + exc.start]:02x}) although the file says it is; {_SAVE_AS}"
            ) from None
    try:
        return data.decode("utf-8"), "UTF-8"
    except UnicodeDecodeError as exc:
        bad = exc.start
    if _UTF8_LATIN.search(data):
        raise AgencyCsvError(
            f"the file mixes UTF-8 and Windows-1252 (Latin-1) text: line {_line_of(data, bad)} "
            f"is not UTF-8 (byte 0x{data[bad]:02x}) but other lines are; {_SAVE_AS}"
        )
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise AgencyCsvError(
            f"the file is neither UTF-8 nor Windows-1252 (byte 0x{data[exc.start]:02x} at "
            f"position {exc.start}); {_SAVE_AS}"
        ) from None


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


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


normalise_header = _normalise_header  # shared with the contact book's import


def read_agency_csv(
    path: Path, jurisdictions: JurisdictionSet, contacts: ContactLookup | None = None
) -> AgencyList:
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
    return parse_agency_csv(data, jurisdictions, name=path.name, contacts=contacts)


def refuse_non_text(data: bytes, name: str) -> None:
    """Name the common wrong files (Excel's workbooks, its UTF-16 "Unicode text") up front:
    decoded as Windows-1252 they would only give a baffling list of missing columns."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise AgencyCsvError(f"{name} is UTF-16 text; {_SAVE_AS}")
    if data.startswith((b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        raise AgencyCsvError(f"{name} is a spreadsheet workbook, not a CSV text file; {_SAVE_AS}")
    head = data[:4096]
    if head.count(0) > len(head) // 10:
        raise AgencyCsvError(f"{name} is not a CSV text file (binary or UTF-16); {_SAVE_AS}")


def parse_agency_csv(
    data: bytes,
    jurisdictions: JurisdictionSet,
    name: str = "CSV",
    contacts: ContactLookup | None = None,
) -> AgencyList:
    refuse_non_text(data, name)
    try:
        text, encoding = decode_csv_bytes(data)
    except AgencyCsvError as exc:
        raise AgencyCsvError(f"{name}: {exc}") from None
    if not text.strip():
        raise AgencyCsvError(f"{name} is empty")
    delimiter = detect_delimiter(text)
    lines = io.StringIO(text, newline="").readlines()
    header = next(_records(lines, delimiter, 0))
    opened = _unclosed_header_quote(header, lines, delimiter)
    if opened is not None:
        raise AgencyCsvError(
            f"{name}: unclosed quote starting on line {opened} in the header row; "
            'add the closing " or remove the opening one'
        )
    if header.cells is None:
        raise AgencyCsvError(f"{name}: the header row cannot be read ({header.error})")
    header_cells = header.cells
    columns = [_normalise_header(h) for h in header_cells]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise AgencyCsvError(
            f"{name}: missing required column(s) {', '.join(missing)} "
            f"(found: {', '.join(h.strip() for h in header_cells if h.strip()) or 'none'})"
        )
    if not any(c in columns for c in CONTACT) and "agency_id" not in columns:
        raise AgencyCsvError(f"{name}: needs at least one of the columns {', '.join(CONTACT)}")
    dupes = sorted({c for c in columns if c and columns.count(c) > 1})
    if dupes:
        raise AgencyCsvError(f"{name}: column {dupes[0]} appears more than once")
    ignored = tuple(h for h, c in zip(header_cells, columns, strict=True) if c not in KNOWN)
    layout = _Layout(columns, delimiter, jurisdictions)

    rows: list[AgencyRow] = []
    rejected: list[RejectedRow] = []
    raw: dict[int, tuple[str, ...]] = {}
    seen: dict[tuple[str, str], int] = {}
    row_number = 1
    start: int | None = header.last
    while start is not None:
        records, start = _records(lines, delimiter, start), None
        for rec in records:
            row_number += 1
            unclosed = _unclosed_quote(rec, lines, layout)
            if unclosed is not None:
                line, column = unclosed
                where = f" ({column} column)" if column else ""
                rejected.append(
                    RejectedRow(row_number, _agency_of(rec, lines, layout),
                                f"unclosed quote starting on line {line}{where}; "
                                "the lines after it were read as rows of their own")
                )  # fmt: skip
                start = line  # read again from the next line, with the quotes back in step
                break
            cells = rec.cells
            if cells is None:
                rejected.append(RejectedRow(row_number, "", f"cannot be read as CSV ({rec.error})"))
                continue
            if not any(c.strip() for c in cells):
                continue  # blank line
            raw[row_number] = tuple(cells)
            if len(cells) > len(columns) and any(c.strip() for c in cells[len(columns) :]):
                rejected.append(
                    RejectedRow(row_number, cells[0].strip() if cells else "",
                                f"has {len(cells)} cells but the header has {len(columns)} "
                                "(a stray comma or semicolon?)")
                )  # fmt: skip
                continue
            record = {c: _cell(cells, i) for i, c in enumerate(columns)}
            result = _check_row(row_number, record, jurisdictions, seen, contacts)
            if isinstance(result, RejectedRow):
                given = " ".join(record.get("jurisdiction", "").split())[:40]
                rejected.append(replace(result, jurisdiction=given))
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
        header=tuple(header_cells),
        cells=raw,
    )


def _cell(cells: list[str], i: int) -> str:
    """The stripped cell; line breaks inside it (CRLF from Windows tools) become plain "\n"."""
    if i >= len(cells):
        return ""
    value = cells[i].strip()
    return _LINE_BREAK.sub("\n", value) if "\r" in value else value


# -- records and unclosed quotes ---------------------------------------------------------------


@dataclass(frozen=True)
class _Record:
    first: int  # its first and last line in the file (1-based)
    last: int
    cells: list[str] | None  # None: the csv module could not read it
    error: str = ""


@dataclass(frozen=True)
class _Layout:
    columns: list[str]
    delimiter: str
    jurisdictions: JurisdictionSet


def _records(lines: list[str], delimiter: str, start: int) -> Iterator[_Record]:
    """The CSV records from line `start + 1` on, each with the lines it spans."""
    reader = csv.reader(itertools.islice(lines, start, None), delimiter=delimiter)
    done = start
    while True:
        try:
            cells, error = next(reader), ""
        except StopIteration:
            return
        except csv.Error as exc:
            cells, error = None, str(exc)
        first, done = done + 1, start + reader.line_num
        yield _Record(first, done, cells, error)


def _unclosed_quote(rec: _Record, lines: list[str], layout: _Layout) -> tuple[int, str] | None:
    """(line, column) where a quoted cell opens that is really an unclosed quote, or None."""
    columns = layout.columns
    if rec.cells is not None:
        breaks = 0
        for i, cell in enumerate(rec.cells):
            if "\n" not in cell and "\r" not in cell:
                continue
            parts = _LINE_BREAK.split(cell)
            if any(_looks_like_row(part, layout) for part in parts[1:]):
                return rec.first + breaks, columns[i] if i < len(columns) else ""
            breaks += len(parts) - 1
    if rec.cells is None or rec.last == len(lines):  # csv gave up, or this is the last record
        raw = "".join(lines[rec.first - 1 : rec.last])
        opened = _quote_open_at_end(raw, layout.delimiter)
        if opened is not None:
            offset, field = opened
            line = rec.first + len(_LINE_BREAK.findall(raw, 0, offset))
            return line, columns[field] if field < len(columns) else ""
    return None


def _unclosed_header_quote(header: _Record, lines: list[str], delimiter: str) -> int | None:
    """The line of an unclosed quote in the header row: still open at the end of the file,
    or a header cell whose later lines hold the delimiter (a header's own line break does not)."""
    if header.cells is not None:
        for i, cell in enumerate(header.cells):
            parts = _LINE_BREAK.split(cell)
            if any(delimiter in part for part in parts[1:]):
                before = sum(len(_LINE_BREAK.findall(c)) for c in header.cells[:i])
                return header.first + before
    if header.cells is None or header.last == len(lines):
        raw = "".join(lines[header.first - 1 : header.last])
        opened = _quote_open_at_end(raw, delimiter)
        if opened is not None:
            return header.first + len(_LINE_BREAK.findall(raw, 0, opened[0]))
    return None


def _looks_like_row(line: str, layout: _Layout) -> bool:
    """A line with the header's number of cells naming an agency and a known jurisdiction."""
    if line.count(layout.delimiter) < len(layout.columns) - 1:
        return False  # too few cells even before quotes are considered (most addresses)
    try:
        cells = next(csv.reader([line], delimiter=layout.delimiter))
    except (csv.Error, StopIteration):
        return False
    columns = layout.columns
    if len(cells) < len(columns) or any(c.strip() for c in cells[len(columns) :]):
        return False
    record = dict(zip(columns, cells, strict=False))
    return bool(record["agency_name"].strip()) and (
        layout.jurisdictions.find(record["jurisdiction"].strip()) is not None
    )


def _quote_open_at_end(raw: str, delimiter: str) -> tuple[int, int] | None:
    """If `raw` (starting at a record's start) ends inside a quoted cell: the offset of its
    opening quote and the cell's index in its record. Follows the csv module's rules for
    the default dialect (a quote opens a cell only at its start; "" inside is a quote)."""
    start, plain, quoted, after_quote = range(4)
    state, field, opened = start, 0, (0, 0)
    end = 0
    for m in re.finditer('"|\r\n|\r|\n|' + re.escape(delimiter), raw):
        if m.start() > end and state in (start, after_quote):
            state = plain  # ordinary characters: a cell without quotes, or text after them
        token, end = m.group(), m.end()
        if state == quoted:
            if token == '"':
                state = after_quote
        elif token == '"':
            if state == start:
                state, opened = quoted, (m.start(), field)
            elif state == after_quote:
                state = quoted  # "" is a quote inside the cell
        else:  # a delimiter or a line break ends the cell
            field = field + 1 if token == delimiter else 0
            state = start
    return opened if state == quoted else None


def _agency_of(rec: _Record, lines: list[str], layout: _Layout) -> str:
    """The agency name on a record's first line (all there is when csv gave up on it)."""
    try:
        cells = next(csv.reader([lines[rec.first - 1]], delimiter=layout.delimiter))
    except (csv.Error, StopIteration):
        return ""
    i = layout.columns.index("agency_name")
    return " ".join(_LINE_BREAK.split(cells[i])[0].split())[:80] if i < len(cells) else ""


def _check_row(
    row: int,
    rec: dict[str, str],
    jurisdictions: JurisdictionSet,
    seen: dict[tuple[str, str], int],
    contacts: ContactLookup | None = None,
) -> AgencyRow | RejectedRow:
    agency_id = rec.get("agency_id", "").strip()
    own_contact = any(rec.get(c, "") for c in (*CONTACT, "city", "zip"))
    book: Agency | None = None
    if agency_id and contacts is not None and not own_contact:
        book = contacts(agency_id)
        if book is None:
            name = " ".join(rec.get("agency_name", "").split())
            return RejectedRow(row, name[:80], f"agency_id {agency_id!r} is not in the "
                               "directory or your contact book")  # fmt: skip
        rec = {**rec, "email": book.email, "address": book.address,
               "portal_url": book.portal_url}  # fmt: skip
        rec.setdefault("attention", "")
        if not rec["attention"]:
            rec["attention"] = book.records_officer
        if not rec.get("level", "").strip() and book.level is not None:
            rec["level"] = book.level.value
        for key, value in (("agency_name", book.name), ("jurisdiction", book.jurisdiction)):
            if not rec.get(key, "").strip():
                rec[key] = value
    name = " ".join(rec.get("agency_name", "").split())
    for key, value in rec.items():
        if len(value) > MAX_CELL:
            return RejectedRow(row, name[:80], f"{key} is longer than {MAX_CELL} characters")
        if has_control_characters(value, allow="\n\t"):
            return RejectedRow(row, name[:80], f"{key} contains control characters")
    if not name:
        return RejectedRow(row, "", "missing agency name")
    raw_j = rec.get("jurisdiction", "")
    if not raw_j:
        return RejectedRow(row, name, "missing jurisdiction")
    jurisdiction = jurisdictions.find(raw_j)
    if jurisdiction is None:
        return RejectedRow(row, name, f"unknown jurisdiction {raw_j!r}")
    raw_level = rec.get("level", "").strip().casefold()
    level: Level | None = None
    if raw_level:
        try:
            level = Level(raw_level)
        except ValueError:
            allowed = ", ".join(m.value for m in Level)
            return RejectedRow(row, name, f"level {raw_level!r} is not one of: {allowed}")
        mismatch = level_mismatch(jurisdiction, level)
        if mismatch:
            return RejectedRow(row, name, mismatch)
    email = rec.get("email", "")
    if email and not is_valid_email(email):
        return RejectedRow(row, name, f"malformed email {email!r}")
    portal = rec.get("portal_url", "")
    if portal and not is_valid_url(portal):
        return RejectedRow(row, name, f"portal_url {portal!r} is not an http(s) address")
    address = _join_address(rec)
    if not (email or address or portal):
        recorded = f" (none recorded for agency_id {agency_id} either)" if book else ""
        return RejectedRow(
            row, name, f"no email, address or portal_url to send the letter to{recorded}"
        )
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
        agency_id=agency_id,
        from_contact_book=book is not None,
        level=level,
    )


def _join_address(rec: dict[str, str]) -> str:
    street = rec.get("address", "")
    city, state, zip_code = rec.get("city", ""), rec.get("state", ""), rec.get("zip", "")
    state_zip = " ".join(p for p in (state, zip_code) if p)
    last = ", ".join(p for p in (city, state_zip) if p)
    return "\n".join(p for p in (street, last) if p)
