"""The requests table as CSV that opens cleanly in Excel (UTF-8 BOM, no formula cells)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from foia_assist.fileio import atomic_write_bytes
from foia_assist.services.csv_safety import csv_bytes
from foia_assist.services.tracker import RequestRow

HEADER = (
    "id",
    "agency",
    "jurisdiction",
    "status",
    "sent",
    "due",
    "days_left",
    "days_overdue",
    "tracking_number",
    "next_reminder",
)


def _iso(value: object) -> str:
    return value.isoformat() if hasattr(value, "isoformat") else ""


def row_cells(row: RequestRow) -> list[object]:
    # Overdue days go in their own column as a positive number: a leading minus sign would
    # be neutralised as a possible formula and turn the number into text.
    left = row.days_left
    return [
        row.id,
        row.agency,
        row.jurisdiction,
        row.status.value,
        _iso(row.sent),
        _iso(row.due),
        left if left is not None and left >= 0 else "",
        -left if left is not None and left < 0 else "",
        row.tracking_number,
        _iso(row.next_reminder),
    ]


def requests_csv(rows: Iterable[RequestRow]) -> bytes:
    return csv_bytes(HEADER, (row_cells(r) for r in rows))


def export_csv(rows: Iterable[RequestRow], path: Path) -> int:
    """Write atomically; returns the number of rows."""
    materialised = list(rows)
    atomic_write_bytes(path, requests_csv(materialised))
    return len(materialised)
