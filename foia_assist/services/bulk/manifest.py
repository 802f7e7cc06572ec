"""The export's record: `manifest.csv` (one row per letter) and `rejected.csv` (bad rows).

The manifest also serves as the cache for a rerun: a letter whose source and file
hashes match the previous manifest is not written again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from foia_assist.fileio import atomic_write_bytes
from foia_assist.services.bulk.agencies_csv import RejectedRow
from foia_assist.services.csv_safety import csv_bytes

MANIFEST_NAME = "manifest.csv"
REJECTED_NAME = "rejected.csv"
# The rejected rows as they were in the agency list, every column, plus the problem: fix
# them there and load the file as the agency list (the extra column is ignored).
REJECTED_ROWS_NAME = "rejected-rows.csv"
PROBLEM_COLUMN = "problem (delete this column or leave it: it is ignored)"
MANIFEST_HEADER = (
    "row",
    "agency",
    "jurisdiction",
    "level",
    "law",
    "citation",
    "response_period",
    "due_if_sent",
    "reference",
    "email",
    "files",
    "sha256",
    "source_sha256",
)


@dataclass(frozen=True)
class ManifestEntry:
    row: int
    agency: str
    jurisdiction: str
    law: str
    citation: str
    response_period: str
    due_if_sent: str  # ISO date, "" when not asked for or when the law sets no fixed days
    reference: str
    email: str
    files: tuple[str, ...]  # names relative to the output folder
    sha256: tuple[str, ...]  # one per file
    source_sha256: str  # hash of the rendered DOCX the other formats were made from
    # The kind of agency the letter was written for (which facts of the law it used); "" where
    # the row did not give it. Last so that positional construction stays as it was.
    level: str = ""

    def cells(self) -> list[str]:
        return [
            str(self.row),
            self.agency,
            self.jurisdiction,
            self.level,
            self.law,
            self.citation,
            self.response_period,
            self.due_if_sent,
            self.reference,
            self.email,
            ";".join(self.files),
            ";".join(self.sha256),
            self.source_sha256,
        ]


def write_manifest(out_dir: Path, entries: Iterable[ManifestEntry]) -> Path:
    rows = sorted(entries, key=lambda e: e.row)
    return atomic_write_bytes(
        out_dir / MANIFEST_NAME, csv_bytes(MANIFEST_HEADER, (e.cells() for e in rows))
    )


def write_rejected(out_dir: Path, rejected: Iterable[RejectedRow]) -> Path:
    rows = ([str(r.row), r.agency_name, r.reason] for r in sorted(rejected, key=lambda r: r.row))
    return atomic_write_bytes(out_dir / REJECTED_NAME, csv_bytes(("row", "agency", "reason"), rows))


def write_rejected_rows(
    out_dir: Path,
    rejected: Iterable[RejectedRow],
    header: tuple[str, ...],
    cells: Mapping[int, tuple[str, ...]],
) -> Path | None:
    """Every rejected row with all its original columns (None: nothing rejected)."""
    bad = sorted(rejected, key=lambda r: r.row)
    if not bad or not header:
        return None
    width = max([len(header), *(len(cells.get(r.row, ())) for r in bad)])
    rows = (
        [*cells.get(r.row, ()), *[""] * (width - len(cells.get(r.row, ())))]
        + [f"row {r.row}: {r.reason}"]
        for r in bad
    )
    head = (*header, *[""] * (width - len(header)), PROBLEM_COLUMN)
    return atomic_write_bytes(out_dir / REJECTED_ROWS_NAME, csv_bytes(head, rows))


def read_previous_hashes(out_dir: Path) -> dict[str, str]:
    """File name -> sha256 from an earlier manifest in the folder ({} when none or unreadable)."""
    path = out_dir / MANIFEST_NAME
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    hashes: dict[str, str] = {}
    try:
        for rec in csv.DictReader(io.StringIO(text)):
            files = (rec.get("files") or "").split(";")
            shas = (rec.get("sha256") or "").split(";")
            source = rec.get("source_sha256") or ""
            for name, sha in zip(files, shas, strict=False):
                if name and sha:
                    # A file is reusable only if it came from the same source letter.
                    hashes[name] = f"{sha}:{source}"
    except csv.Error:
        return {}
    return hashes
