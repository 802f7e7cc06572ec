"""Add every letter of a bulk export to the tracker, all in one transaction.

A rerun of the same export (a clinic fixing rejected rows and running it again) must not
track the same agencies twice: a letter whose file hash is already recorded with a tracked
request is skipped and reported as already tracked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from foia_assist.domain.counted import counted
from foia_assist.domain.lifecycle import Letter
from foia_assist.errors import UserError
from foia_assist.services.bulk.exporter import BulkResult, ExportedLetter
from foia_assist.services.tracker import NewRequest, TrackerService
from foia_assist.storage.database import DatabaseError


@dataclass(frozen=True)
class TrackedExport:
    """What adding an export to the tracker did."""

    added: list[int]  # new request ids, in manifest order
    already: list[int]  # requests that already held one of the letters, in manifest order

    def summary(self) -> str:
        """One or two lines for the CLI and the bulk dialog."""
        if self.added:
            lines = [
                f"Added {counted(len(self.added), 'request')} to the tracker "
                f"(ids {id_ranges(self.added)})."
            ]
        else:
            lines = ["No new requests added to the tracker."]
        if self.already:
            lines.append(f"Already tracked: {len(self.already)} (ids {id_ranges(self.already)}).")
        return "\n".join(lines)


def track_export(
    tracker: TrackerService, result: BulkResult, *, today: date, sent: date | None
) -> TrackedExport:
    """Track the letters not tracked yet. Nothing is added if any insert fails."""
    letters = sorted(result.exported, key=lambda e: e.row.row)
    owners = tracker.letter_owners(sha for e in letters for sha in e.entry.sha256)
    new: list[ExportedLetter] = []
    already: list[int] = []
    for letter in letters:
        owner = next((owners[s] for s in letter.entry.sha256 if s in owners), None)
        if owner is None:
            new.append(letter)
        elif owner not in already:
            already.append(owner)
    items = [
        NewRequest(
            spec=letter.spec,
            sent=sent,
            letters=tuple(
                Letter(kind="request", path=str(path.resolve()), sha256=sha, made_on=today)
                for path, sha in zip(letter.files, letter.entry.sha256, strict=True)
            ),
        )
        for letter in new
    ]
    try:
        added = tracker.add_requests(items, today=today) if items else []
    except DatabaseError as exc:  # the database refused a row: one line, nothing added
        raise UserError(f"the tracker's database refused the requests ({exc})") from None
    return TrackedExport(added=added, already=already)


def track_exported(
    tracker: TrackerService, result: BulkResult, *, today: date, sent: date | None
) -> list[int]:
    """The ids of the requests added (letters already tracked are skipped): see track_export."""
    return track_export(tracker, result, today=today, sent=sent).added


def id_ranges(ids: list[int]) -> str:
    """'1–3, 5, 8–9': runs of consecutive ids shortened, in the order given."""
    parts: list[str] = []
    start = prev = None
    for rid in ids:
        if prev is not None and rid == prev + 1:
            prev = rid
            continue
        if start is not None:
            parts.append(str(start) if start == prev else f"{start}–{prev}")
        start = prev = rid
    if start is not None:
        parts.append(str(start) if start == prev else f"{start}–{prev}")
    return ", ".join(parts)
