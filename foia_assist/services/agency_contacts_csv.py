"""The contact book as CSV: a bulk-ready export and an import that never overwrites silently.

Export: UTF-8 with BOM (Excel reads it), every cell neutralised against formulas, the columns
`bulk --agencies` reads plus `agency_id` and where and when each contact was found; agencies
with no contact stay in the file. Import: UTF-8 (with or without BOM) or Windows-1252, as the
bulk reader decodes them; rows are matched by `agency_id`, else by name and state; agencies the
directory does not list become the user's own; conflicts, ambiguous and unmatched rows are
reported with their row numbers instead of being applied.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from foia_assist.domain.agency_directory import AgencyType, clean_text
from foia_assist.domain.agency_search import normalise
from foia_assist.errors import UserError
from foia_assist.fileio import atomic_write_bytes
from foia_assist.services.agency_contacts import (
    AgencyEntry,
    Contact,
    ContactBook,
    ContactConflict,
)
from foia_assist.services.bulk.agencies_csv import (
    AgencyCsvError,
    decode_csv_bytes,
    detect_delimiter,
    normalise_header,
    refuse_non_text,
)
from foia_assist.services.csv_safety import FORMULA_STARTS, csv_bytes

# The columns `bulk --agencies` reads, then ours (bulk lists the others as ignored).
EXPORT_COLUMNS = (
    "agency_id",
    "agency_name",
    "jurisdiction",
    "email",
    "address",
    "portal_url",
    "attention",
    "contact_source",
    "contact_checked",
    "agency_type",
    "level",
    "county",
)


@dataclass(frozen=True)
class ImportProblem:
    row: int
    name: str
    reason: str


@dataclass
class ImportReport:
    encoding: str = ""
    taken: list[tuple[int, str]] = field(default_factory=list)  # (row, agency id)
    added_own: list[tuple[int, str]] = field(default_factory=list)
    unchanged: list[int] = field(default_factory=list)
    empty: list[int] = field(default_factory=list)  # rows with no contact: nothing to take
    conflicts: list[ImportProblem] = field(default_factory=list)
    not_taken: list[ImportProblem] = field(default_factory=list)  # unmatched, ambiguous, bad

    @property
    def exit_code(self) -> int:
        return 3 if self.conflicts or self.not_taken else 0

    def summary(self) -> str:
        lines = [
            f"{len(self.taken)} contact(s) recorded ({len(self.added_own)} new agencies of "
            f"your own), {len(self.unchanged)} already known, read as {self.encoding}"
        ]
        if self.empty:
            rows = ", ".join(str(r) for r in self.empty[:10]) + (
                " …" if len(self.empty) > 10 else ""
            )
            lines.append(
                f"{len(self.empty)} row(s) give no contact, nothing to record (rows {rows})"
            )
        for p in self.conflicts:
            lines.append(f"row {p.row}: {p.name}: not replaced: {p.reason}")
        for p in self.not_taken:
            lines.append(f"row {p.row}: {p.name or '(no name)'}: {p.reason}")
        if self.conflicts:
            lines.append("run again with --replace to replace the contacts that differ")
        return "\n".join(lines)


def export_rows(entries: Sequence[AgencyEntry]) -> list[list[str]]:
    rows = []
    for e in entries:
        c = e.contact
        rows.append([
            e.id, e.name, e.jurisdiction or "", c.email, c.address, c.portal_url,
            c.records_officer, c.source, c.checked, e.type.value, e.level.value, e.county,
        ])  # fmt: skip
    return rows


def export_csv(entries: Sequence[AgencyEntry], path: Path) -> list[AgencyEntry]:
    """Write a bulk-ready CSV (UTF-8 with BOM); returns the agencies with no contact to
    send to, which are written too, so the user can fill them in."""
    atomic_write_bytes(path, csv_bytes(EXPORT_COLUMNS, export_rows(entries)))
    return [e for e in entries if not e.contact.sends()]


def import_csv(
    book: ContactBook, data: bytes, *, name: str = "CSV", replace: bool = False
) -> ImportReport:
    """Record the contacts in a CSV against the agencies it names: by `agency_id`, else
    by name and state (jurisdiction); agencies not in the directory become the user's
    own. Rows that cannot be matched, are ambiguous or are bad are reported by row."""
    refuse_non_text(data, name)
    text, encoding = decode_csv_bytes(data)
    if not text.strip():
        raise AgencyCsvError(f"{name} is empty")
    report = ImportReport(encoding=encoding)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
    try:
        header = [normalise_header(h) for h in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise AgencyCsvError(f"{name}: the header row cannot be read ({exc})") from None
    if "agency_id" not in header and "agency_name" not in header:
        raise AgencyCsvError(f"{name}: needs an agency_id or an agency_name column")
    row_number = 1
    try:
        for cells in reader:
            row_number += 1
            if not any(c.strip() for c in cells):
                continue
            rec = {h: _uncell(cells[i]) if i < len(cells) else "" for i, h in enumerate(header)}
            _import_row(book, row_number, rec, report, replace)
    except csv.Error as exc:
        report.not_taken.append(ImportProblem(row_number, "", f"cannot be read ({exc})"))
    return report


def _import_row(
    book: ContactBook, row: int, rec: dict[str, str], report: ImportReport, replace: bool
) -> None:
    name = clean_text(rec.get("agency_name", ""))
    contact = Contact(
        rec.get("email", ""),
        rec.get("address", ""),
        rec.get("portal_url", ""),
        rec.get("attention", "") or rec.get("records_officer", ""),
        rec.get("contact_source", "") or rec.get("source", ""),
        rec.get("contact_checked", "") or rec.get("checked", ""),
    )
    problem = contact.problem()
    if problem:
        report.not_taken.append(ImportProblem(row, name, problem))
        return
    agency_id = rec.get("agency_id", "").strip()
    if agency_id:
        try:
            entry = book.entry(agency_id)
        except UserError as exc:
            report.not_taken.append(ImportProblem(row, name, str(exc)))
            return
    else:
        found = _match(book, row, name, rec, report)
        if found is None:
            return
        entry = found
    if contact.is_empty():
        report.empty.append(row)
        return
    try:
        outcome = book.set_contact(entry.id, contact, replace=replace)
    except ContactConflict as exc:
        report.conflicts.append(ImportProblem(row, entry.name, str(exc)))
        return
    except UserError as exc:
        report.not_taken.append(ImportProblem(row, entry.name, str(exc)))
        return
    if outcome == "unchanged":
        report.unchanged.append(row)
    else:
        report.taken.append((row, entry.id))


def _match(
    book: ContactBook, row: int, name: str, rec: dict[str, str], report: ImportReport
) -> AgencyEntry | None:
    """By name and state: one agency, or none (then the user's own), or several."""
    if not name:
        report.not_taken.append(ImportProblem(row, "", "no agency_id and no agency_name"))
        return None
    raw_state = rec.get("jurisdiction", "") or rec.get("state", "")
    j = book.jurisdictions.find(raw_state) if raw_state else None
    if j is None:
        what = f"unknown jurisdiction {raw_state!r}" if raw_state else "no jurisdiction"
        report.not_taken.append(ImportProblem(row, name, f"{what}: cannot match by name"))
        return None
    wanted = normalise(name)
    same = list(book.by_name_and_law.get((j.code, wanted), []))
    same += [
        a for a in book.own_agencies() if normalise(a.name) == wanted and a.jurisdiction == j.code
    ]
    if len(same) > 1:
        ids = ", ".join(a.id for a in same[:5])
        report.not_taken.append(
            ImportProblem(
                row,
                name,
                f"ambiguous: {len(same)} agencies of this name in "
                f"{j.code} ({ids}); give its agency_id",
            )  # fmt: skip
        )
        return None
    if same:
        return book.entry(same[0].id)
    try:
        type_ = AgencyType(rec.get("agency_type", "").strip().lower() or "other")
    except ValueError:
        type_ = AgencyType.OTHER
    contact = Contact(rec.get("email", ""), rec.get("address", ""), rec.get("portal_url", ""),
                      rec.get("attention", ""))  # fmt: skip
    if not contact.sends():
        report.not_taken.append(
            ImportProblem(row, name, "not in the directory, and no contact to add it with")
        )
        return None
    entry = book.add_own(name, jurisdiction=j.code, type=type_, county=rec.get("county", ""))
    report.added_own.append((row, entry.id))
    return entry


def _uncell(value: str) -> str:
    """A cell as typed: the apostrophe our export puts before a formula-like value removed."""
    value = value.strip()
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value.replace("\r\n", "\n").replace("\r", "\n")
