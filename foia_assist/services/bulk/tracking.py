"""Add every letter of a bulk export to the tracker, all in one transaction."""

from __future__ import annotations

from datetime import date

from foia_assist.domain.lifecycle import Letter
from foia_assist.services.bulk.exporter import BulkResult
from foia_assist.services.tracker import NewRequest, TrackerService


def track_exported(
    tracker: TrackerService, result: BulkResult, *, today: date, sent: date | None
) -> list[int]:
    """Returns the new request ids, in manifest order. Nothing is added if any insert fails."""
    items = [
        NewRequest(
            spec=letter.spec,
            sent=sent,
            letters=tuple(
                Letter(kind="request", path=str(path.resolve()), sha256=sha, made_on=today)
                for path, sha in zip(letter.files, letter.entry.sha256, strict=True)
            ),
        )
        for letter in sorted(result.exported, key=lambda e: e.row.row)
    ]
    return tracker.add_requests(items, today=today)
