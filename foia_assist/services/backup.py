"""A JSON backup of everything the tracker stores, and restoring it.

The file holds requests (spec snapshot, events, reminders, letter records) and the agency
address book, with their ids, so a round trip loses nothing. It is written atomically.
Restoring into a database that already holds data is refused unless `replace=True`, which
swaps the contents in one transaction (all or nothing).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from foia_assist.domain.calendars import MAX_YEAR, MIN_YEAR
from foia_assist.domain.lifecycle import (
    KINDS_BY_VALUE,
    METHODS_BY_VALUE,
    Event,
    Letter,
    Reminder,
    TrackedRequest,
)
from foia_assist.domain.request import Agency, RequestSpec, SpecError
from foia_assist.errors import UserError
from foia_assist.fileio import atomic_write_text
from foia_assist.storage.agencies_repo import AgenciesRepository, StoredAgency
from foia_assist.storage.database import LATEST_SCHEMA
from foia_assist.storage.requests_repo import RequestsRepository

FORMAT = "foia-assist-backup"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class BackupCounts:
    requests: int
    agencies: int


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _event_dict(e: Event) -> dict[str, Any]:
    return {
        "id": e.id,
        "kind": e.kind.value,
        "date": e.date.isoformat(),
        "days": e.days,
        "new_date": _iso(e.new_date),
        "note": e.note,
        "method": e.method.value if e.method else None,
        "message_id": e.message_id,
        "exemptions": list(e.exemptions),
        "partial": e.partial,
    }


def request_dict(r: TrackedRequest) -> dict[str, Any]:
    return {
        "id": r.id,
        "jurisdiction": r.jurisdiction,
        "agency": r.agency,
        "created": r.created.isoformat(),
        "tracking_number": r.tracking_number,
        "spec": r.spec.to_dict(),
        "events": [_event_dict(e) for e in r.events],
        "reminders": [
            {
                "id": m.id,
                "due": m.due.isoformat(),
                "note": m.note,
                "done": m.done.isoformat() if m.done else None,
            }
            for m in r.reminders
        ],
        "letters": [
            {"kind": x.kind, "path": x.path, "sha256": x.sha256, "made_on": x.made_on.isoformat()}
            for x in r.letters
        ],
    }


def _agency_dict(s: StoredAgency) -> dict[str, Any]:
    a = s.agency
    return {
        "id": s.id,
        "name": a.name,
        "jurisdiction": a.jurisdiction,
        "address": a.address,
        "email": a.email,
        "portal_url": a.portal_url,
        "records_officer": a.records_officer,
    }


def backup_document(
    requests: RequestsRepository, agencies: AgenciesRepository, made: datetime
) -> dict[str, Any]:
    with requests.db.reading():  # one snapshot for both tables
        all_requests = requests.all()
        all_agencies = agencies.all()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": LATEST_SCHEMA,
        "made": made.isoformat(timespec="seconds"),
        "requests": [request_dict(r) for r in all_requests],
        "agencies": [_agency_dict(a) for a in all_agencies],
    }


def write_backup(
    requests: RequestsRepository, agencies: AgenciesRepository, path: Path, *, made: datetime
) -> BackupCounts:
    doc = backup_document(requests, agencies, made)
    atomic_write_text(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    return BackupCounts(len(doc["requests"]), len(doc["agencies"]))


# -- reading a backup --------------------------------------------------------------------------


class _Bad(Exception):
    pass


def _day(value: Any, where: str) -> date:
    if not isinstance(value, str):
        raise _Bad(f"{where}: expected a date")
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise _Bad(f"{where}: {value!r} is not a date") from None
    if not MIN_YEAR <= day.year <= MAX_YEAR:  # every clock would fail on it later
        raise _Bad(f"{where}: {value} is outside the years {MIN_YEAR}-{MAX_YEAR}")
    return day


def _opt_day(value: Any, where: str) -> date | None:
    return None if value is None else _day(value, where)


def _text(value: Any, where: str) -> str:
    if not isinstance(value, str):
        raise _Bad(f"{where}: expected text")
    return value


def _opt_int(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"{where}: expected a whole number")
    return value


def _event(d: Any, where: str) -> Event:
    if not isinstance(d, dict):
        raise _Bad(f"{where}: expected an object")
    kind = KINDS_BY_VALUE.get(d.get("kind", ""))
    if kind is None:
        raise _Bad(f"{where}.kind: unknown event kind {d.get('kind')!r}")
    method = d.get("method")
    if method is not None and method not in METHODS_BY_VALUE:
        raise _Bad(f"{where}.method: unknown method {method!r}")
    exemptions = d.get("exemptions", [])
    if not isinstance(exemptions, list) or not all(isinstance(x, str) for x in exemptions):
        raise _Bad(f"{where}.exemptions: expected a list of text")
    return Event(
        kind=kind,
        date=_day(d.get("date"), f"{where}.date"),
        days=_opt_int(d.get("days"), f"{where}.days"),
        new_date=_opt_day(d.get("new_date"), f"{where}.new_date"),
        note=_text(d.get("note", ""), f"{where}.note"),
        method=METHODS_BY_VALUE[method] if method else None,
        message_id=_text(d.get("message_id", ""), f"{where}.message_id"),
        exemptions=tuple(exemptions),
        partial=bool(d.get("partial", False)),
        id=_opt_int(d.get("id"), f"{where}.id"),
    )


def _request(d: Any, where: str) -> TrackedRequest:
    if not isinstance(d, dict):
        raise _Bad(f"{where}: expected an object")
    try:
        spec = RequestSpec.from_dict(d.get("spec"))
    except SpecError as exc:
        raise _Bad(f"{where}.spec: {exc}") from None
    events = d.get("events", [])
    reminders = d.get("reminders", [])
    letters = d.get("letters", [])
    for name, value in (("events", events), ("reminders", reminders), ("letters", letters)):
        if not isinstance(value, list):
            raise _Bad(f"{where}.{name}: expected a list")
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise _Bad(f"{where}.{name}[{i}]: expected an object")
    return TrackedRequest(
        id=_opt_int(d.get("id"), f"{where}.id"),
        spec=spec,
        jurisdiction=_text(d.get("jurisdiction"), f"{where}.jurisdiction"),
        agency=_text(d.get("agency"), f"{where}.agency"),
        created=_day(d.get("created"), f"{where}.created"),
        tracking_number=_text(d.get("tracking_number", ""), f"{where}.tracking_number"),
        events=tuple(_event(e, f"{where}.events[{i}]") for i, e in enumerate(events)),
        reminders=tuple(
            Reminder(
                _day(m.get("due"), f"{where}.reminders[{i}].due"),
                _text(m.get("note", ""), f"{where}.reminders[{i}].note"),
                _opt_int(m.get("id"), f"{where}.reminders[{i}].id"),
                # Backups from before reminders could be marked done have no "done": pending.
                _opt_day(m.get("done"), f"{where}.reminders[{i}].done"),
            )
            for i, m in enumerate(reminders)
        ),
        letters=tuple(
            Letter(
                _text(x.get("kind"), f"{where}.letters[{i}].kind"),
                _text(x.get("path"), f"{where}.letters[{i}].path"),
                _text(x.get("sha256"), f"{where}.letters[{i}].sha256"),
                _day(x.get("made_on"), f"{where}.letters[{i}].made_on"),
            )
            for i, x in enumerate(letters)
        ),
    )


def _agency(d: Any, where: str) -> StoredAgency:
    if not isinstance(d, dict):
        raise _Bad(f"{where}: expected an object")
    aid = _opt_int(d.get("id"), f"{where}.id")
    fields = ("name", "jurisdiction", "address", "email", "portal_url", "records_officer")
    values = [_text(d.get(f, ""), f"{where}.{f}") for f in fields]
    return StoredAgency(aid or 0, Agency(*values))


def _check_unique_ids(requests: list[TrackedRequest], agencies: list[StoredAgency]) -> None:
    """Ids are kept on restore, so a repeated one (a hand-merged file) is damage."""

    def once(seen: set[int], value: int | None, where: str) -> None:
        if value is None or value == 0:
            return
        if value in seen:
            raise _Bad(f"{where}.id: {value} appears twice")
        seen.add(value)

    request_ids: set[int] = set()
    event_ids: set[int] = set()
    reminder_ids: set[int] = set()
    for i, r in enumerate(requests):
        once(request_ids, r.id, f"requests[{i}]")
        for j, e in enumerate(r.events):
            once(event_ids, e.id, f"requests[{i}].events[{j}]")
        for j, m in enumerate(r.reminders):
            once(reminder_ids, m.id, f"requests[{i}].reminders[{j}]")
    agency_ids: set[int] = set()
    for i, a in enumerate(agencies):
        once(agency_ids, a.id, f"agencies[{i}]")


def read_backup(path: Path) -> tuple[list[TrackedRequest], list[StoredAgency]]:
    """Parse and check a backup file completely before anything is written."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise UserError(f"no backup file at {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UserError(f"{path} is not a readable FOIA Assist backup ({exc})") from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise UserError(f"{path} is not a FOIA Assist backup")
    version = doc.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise UserError(
            f"{path} was made by a newer FOIA Assist (backup format {version}); "
            f"this version reads up to {FORMAT_VERSION}"
        )
    try:
        requests_raw, agencies_raw = doc.get("requests", []), doc.get("agencies", [])
        if not isinstance(requests_raw, list) or not isinstance(agencies_raw, list):
            raise _Bad("requests and agencies must be lists")
        requests = [_request(r, f"requests[{i}]") for i, r in enumerate(requests_raw)]
        agencies = [_agency(a, f"agencies[{i}]") for i, a in enumerate(agencies_raw)]
        _check_unique_ids(requests, agencies)
    except (_Bad, AttributeError) as exc:
        raise UserError(f"{path}: damaged backup: {exc}") from None
    return requests, agencies


def restore_backup(
    requests: RequestsRepository,
    agencies: AgenciesRepository,
    path: Path,
    *,
    replace: bool = False,
) -> BackupCounts:
    """Load a backup. Refused if the database holds anything, unless `replace`."""
    new_requests, new_agencies = read_backup(path)
    with requests.db.transaction():
        if requests.count() or agencies.count():
            if not replace:
                raise UserError(
                    "the database already holds requests or agencies; restoring would mix them. "
                    "Restore with --replace to swap everything for the backup "
                    "(make a backup of the current data first)"
                )
            requests.clear()
            agencies.clear()
        requests.add_many(new_requests, keep_ids=True)
        agencies.add_many(new_agencies, keep_ids=True)
    return BackupCounts(len(new_requests), len(new_agencies))
