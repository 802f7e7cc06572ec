"""A JSON backup of everything the tracker stores, and restoring it.

The file holds requests (spec snapshot, events, reminders, letter records) and the agency
address book, with their ids, so a round trip loses nothing. It is written atomically.
Restoring into a database that already holds data is refused unless `replace=True`, which
swaps the contents in one transaction (all or nothing). A restore checks the whole file first
(types, dates, events, jurisdictions known to this app) and refuses it in one line naming the
request or agency and the field, before anything is written.

Over 400 lines as one thing: one file format, its writer beside its checking reader so the
two cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from foia_assist.domain.calendars import MAX_YEAR, MIN_YEAR
from foia_assist.domain.jurisdictions import JurisdictionSet
from foia_assist.domain.lifecycle import (
    KINDS_BY_VALUE,
    METHODS_BY_VALUE,
    Event,
    Letter,
    LifecycleError,
    Reminder,
    TrackedRequest,
    validate_event,
)
from foia_assist.domain.request import Agency, RequestSpec, SpecError
from foia_assist.errors import UserError
from foia_assist.fileio import atomic_write_text
from foia_assist.storage.agencies_repo import AgenciesRepository, AgencyDetails, StoredAgency
from foia_assist.storage.database import LATEST_SCHEMA, IntegrityError
from foia_assist.storage.request_changes import Change
from foia_assist.storage.requests_repo import RequestsRepository

FORMAT = "foia-assist-backup"
FORMAT_VERSION = 1


@dataclass(frozen=True)
class BackupCounts:
    requests: int
    agencies: int
    previous: Path | None = None  # restore: the copy of the data it replaced, if any


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
        "author": e.author,
    }


def request_dict(r: TrackedRequest, changes: list[Change] | None = None) -> dict[str, Any]:
    return {
        "id": r.id,
        "version": r.version,
        "changes": [c.to_dict() for c in changes or []],
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
    return {
        "id": s.id,
        **s.agency.to_dict(),
        # Schema 4: the directory agency it is for, and where and when the contacts were found.
        **{k: v for k, v in asdict(s.details).items() if v},
    }


def backup_document(
    requests: RequestsRepository, agencies: AgenciesRepository, made: datetime
) -> dict[str, Any]:
    with requests.db.reading():  # one snapshot for both tables
        all_requests = requests.all()
        all_agencies = agencies.all()
        changes = requests.all_changes()
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema": LATEST_SCHEMA,
        "made": made.isoformat(timespec="seconds"),
        "requests": [request_dict(r, changes.get(r.id or 0)) for r in all_requests],
        "agencies": [_agency_dict(a) for a in all_agencies],
    }


def write_backup(
    requests: RequestsRepository, agencies: AgenciesRepository, path: Path, *, made: datetime
) -> BackupCounts:
    doc = backup_document(requests, agencies, made)
    atomic_write_text(path, json.dumps(doc, ensure_ascii=False, indent=1) + "\n")
    return BackupCounts(len(doc["requests"]), len(doc["agencies"]))


# -- reading a backup --------------------------------------------------------------------------

# SQLite's integers stop here (ids are kept on restore; a bigger number cannot be stored).
MAX_INT = 2**63 - 1


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


def _name(value: Any, where: str) -> str:
    name = _text(value, where)
    if not name.strip():
        raise _Bad(f"{where}: the agency name is empty")
    return name


def _opt_int(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise _Bad(f"{where}: expected a whole number")
    return value


def _opt_id(value: Any, where: str) -> int | None:
    number = _opt_int(value, where)
    if number is not None and number < 1:
        raise _Bad(f"{where}: expected a whole number of 1 or more, not {number}")
    if number is not None and number > MAX_INT:
        raise _Bad(f"{where}: {number} is too large for an id")
    return number


def _flag(value: Any, where: str) -> bool:
    if not isinstance(value, bool):
        raise _Bad(f"{where}: expected true or false, not {value!r}")
    return value


def _jurisdiction(value: Any, where: str, jurisdictions: JurisdictionSet) -> str:
    """The jurisdiction's code (a name or a lower-case code is accepted and normalised)."""
    text = _text(value, where)
    found = jurisdictions.find(text) if text.strip() else None
    if found is None:
        raise _Bad(f"{where}: unknown jurisdiction {text!r}")
    return found.code


def _who(kind: str, d: dict[str, Any], name_key: str) -> str:
    """'request 2, LAPD' for a message: the raw id and name, whatever their state."""
    rid, name = d.get("id"), d.get(name_key)
    who = f"{kind} {rid}" if isinstance(rid, int) and not isinstance(rid, bool) else kind
    if isinstance(name, str) and name.strip():
        one_line = " ".join(name.split())
        who += f", {one_line[:60]}{'…' if len(one_line) > 60 else ''}"
    return who


def _event(d: Any, where: str) -> Event:
    if not isinstance(d, dict):
        raise _Bad(f"{where}: expected an object")
    kind_value = d.get("kind", "")
    kind = KINDS_BY_VALUE.get(kind_value) if isinstance(kind_value, str) else None
    if kind is None:
        raise _Bad(f"{where}.kind: unknown event kind {kind_value!r}")
    method = d.get("method")
    if method is not None and (not isinstance(method, str) or method not in METHODS_BY_VALUE):
        raise _Bad(f"{where}.method: unknown method {method!r}")
    exemptions = d.get("exemptions", [])
    if not isinstance(exemptions, list) or not all(isinstance(x, str) for x in exemptions):
        raise _Bad(f"{where}.exemptions: expected a list of text")
    # A long extension is kept: the request restores and only its clock says it cannot be
    # counted (backups from before `track event` capped --days may hold one).
    days = _opt_int(d.get("days"), f"{where}.days")
    if days is not None and days > MAX_INT:
        raise _Bad(f"{where}.days: {days} is too large")
    event = Event(
        kind=kind,
        date=_day(d.get("date"), f"{where}.date"),
        days=days,
        new_date=_opt_day(d.get("new_date"), f"{where}.new_date"),
        note=_text(d.get("note", ""), f"{where}.note"),
        method=METHODS_BY_VALUE[method] if method else None,
        message_id=_text(d.get("message_id", ""), f"{where}.message_id"),
        exemptions=tuple(exemptions),
        partial=_flag(d.get("partial", False), f"{where}.partial"),
        id=_opt_id(d.get("id"), f"{where}.id"),
        author=_text(d.get("author", ""), f"{where}.author"),  # schema 6
    )
    try:
        validate_event(event)  # the rules `track event` applies when it is logged
    except LifecycleError as exc:
        raise _Bad(f"{where}: {exc}") from None
    return event


def _request(d: Any, where: str, jurisdictions: JurisdictionSet) -> TrackedRequest:
    if not isinstance(d, dict):
        raise _Bad(f"{where}: expected an object")
    try:
        return _request_fields(d, where, jurisdictions)
    except _Bad as exc:
        raise _Bad(f"{exc} ({_who('request', d, 'agency')})") from None


def _request_fields(
    d: dict[str, Any], where: str, jurisdictions: JurisdictionSet
) -> TrackedRequest:
    try:
        spec = RequestSpec.from_dict(d.get("spec"))
    except SpecError as exc:
        raise _Bad(f"{where}.spec: {exc}") from None
    request_id = _opt_id(d.get("id"), f"{where}.id")
    jurisdiction = _jurisdiction(d.get("jurisdiction"), f"{where}.jurisdiction", jurisdictions)
    agency = _name(d.get("agency"), f"{where}.agency")
    if spec.agency.jurisdiction.strip():  # later letters are made from this snapshot
        code = _jurisdiction(
            spec.agency.jurisdiction, f"{where}.spec.agency.jurisdiction", jurisdictions
        )
        if code != spec.agency.jurisdiction:
            spec = spec.with_agency(jurisdiction=code)
    events = d.get("events", [])
    reminders = d.get("reminders", [])
    letters = d.get("letters", [])
    for name, value in (("events", events), ("reminders", reminders), ("letters", letters)):
        if not isinstance(value, list):
            raise _Bad(f"{where}.{name}: expected a list")
        for i, item in enumerate(value):
            if not isinstance(item, dict):
                raise _Bad(f"{where}.{name}[{i}]: expected an object")
    version = _opt_id(d.get("version"), f"{where}.version")  # schema 6: absent before
    return TrackedRequest(
        id=request_id,
        version=1 if version is None else version,
        spec=spec,
        jurisdiction=jurisdiction,
        agency=agency,
        created=_day(d.get("created"), f"{where}.created"),
        tracking_number=_text(d.get("tracking_number", ""), f"{where}.tracking_number"),
        events=tuple(_event(e, f"{where}.events[{i}]") for i, e in enumerate(events)),
        reminders=tuple(
            Reminder(
                _day(m.get("due"), f"{where}.reminders[{i}].due"),
                _text(m.get("note", ""), f"{where}.reminders[{i}].note"),
                _opt_id(m.get("id"), f"{where}.reminders[{i}].id"),
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


def _agency(d: Any, where: str, jurisdictions: JurisdictionSet) -> StoredAgency:
    if not isinstance(d, dict):
        raise _Bad(f"{where}: expected an object")
    try:
        aid = _opt_id(d.get("id"), f"{where}.id")
        name = _name(d.get("name", ""), f"{where}.name")
        raw_jurisdiction = d.get("jurisdiction", "")
        jurisdiction = (
            _jurisdiction(raw_jurisdiction, f"{where}.jurisdiction", jurisdictions)
            if raw_jurisdiction != ""
            else ""
        )
        fields = ("address", "email", "portal_url", "records_officer")
        rest = [_text(d.get(f, ""), f"{where}.{f}") for f in fields]
        directory_id = d.get("directory_id")
        if directory_id is not None:
            directory_id = _name(directory_id, f"{where}.directory_id")
        extra = ("state", "kind", "level", "county", "contact_source", "contact_checked")
        details = AgencyDetails(directory_id, *(_text(d.get(f, ""), f"{where}.{f}") for f in extra))
    except _Bad as exc:
        raise _Bad(f"{exc} ({_who('agency', d, 'name')})") from None
    address, email, portal_url, records_officer = rest
    return StoredAgency(
        aid or 0,
        Agency(
            name,
            jurisdiction,
            address=address,
            email=email,
            portal_url=portal_url,
            records_officer=records_officer,
        ),
        details,
    )


def _check_unique(requests: list[TrackedRequest], agencies: list[StoredAgency]) -> None:
    """Ids are kept on restore, so a repeated one (a hand-merged file) is damage; so is an
    agency listed twice (the address book holds one per name and jurisdiction)."""

    def once(seen: set[int], value: int | None, where: str, who: str) -> None:
        if value is None or value == 0:
            return
        if value in seen:
            raise _Bad(f"{where}.id: {value} appears twice ({who})")
        seen.add(value)

    request_ids: set[int] = set()
    event_ids: set[int] = set()
    reminder_ids: set[int] = set()
    for i, r in enumerate(requests):
        who = f"request {r.id}, {r.agency}" if r.id else f"request, {r.agency}"
        once(request_ids, r.id, f"requests[{i}]", who)
        for j, e in enumerate(r.events):
            once(event_ids, e.id, f"requests[{i}].events[{j}]", who)
        for j, m in enumerate(r.reminders):
            once(reminder_ids, m.id, f"requests[{i}].reminders[{j}]", who)
    agency_ids: set[int] = set()
    names: set[tuple[str, str]] = set()
    directory_ids: set[str] = set()
    for i, a in enumerate(agencies):
        who = f"agency {a.id}, {a.agency.name}" if a.id else f"agency, {a.agency.name}"
        once(agency_ids, a.id, f"agencies[{i}]", who)
        key = (a.agency.jurisdiction, a.agency.name)
        if key in names:
            where = a.agency.jurisdiction or "no jurisdiction"
            raise _Bad(f"agencies[{i}]: the address book has {a.agency.name} in {where} twice")
        names.add(key)
        directory_id = a.details.directory_id
        if directory_id is not None:
            if directory_id in directory_ids:
                raise _Bad(f"agencies[{i}]: directory agency {directory_id} appears twice")
            directory_ids.add(directory_id)


def _load_json(path: Path) -> Any:
    """The parsed file, or a one-line reason it cannot be: missing, empty, in another
    encoding, cut short. A byte order mark (a re-save in Notepad) is accepted."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise UserError(f"no backup file at {path}") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a folder, not a backup file") from None
    except OSError as exc:
        raise UserError(f"cannot read the backup {path} ({exc.strerror or exc})") from None
    if not data.strip():
        raise UserError(f"{path} is empty; it is not a FOIA Assist backup")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        encoding = "utf-16"
    elif data.startswith(b"\xef\xbb\xbf"):
        encoding = "utf-8-sig"
    else:
        encoding = "utf-8"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        if encoding == "utf-16":
            problem = "it is not valid UTF-16 text"
        else:
            line = data.count(b"\n", 0, exc.start) + 1
            problem = f"line {line} is not UTF-8 text (byte 0x{data[exc.start]:02x})"
        raise UserError(
            f"{path} is not a readable FOIA Assist backup: {problem}; it was re-saved in "
            "another encoding. Restore the file as FOIA Assist wrote it"
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg.startswith("Unterminated string") or not text[exc.pos :].strip():
            raise UserError(
                f"{path} is cut short: it ends at line {text.count(chr(10)) + 1} in the middle "
                "of the data (an interrupted copy?); nothing was restored"
            ) from None
        raise UserError(f"{path} is not a readable FOIA Assist backup ({exc})") from None
    except RecursionError:
        raise UserError(
            f"{path} is not a readable FOIA Assist backup (nested too deeply)"
        ) from None


def _changes(d: Any, where: str) -> list[Change]:
    """A request's history of versions (schema 6; none in older backups)."""
    raw = d.get("changes", []) if isinstance(d, dict) else []
    if not isinstance(raw, list):
        raise _Bad(f"{where}.changes: expected a list")
    out: list[Change] = []
    for i, c in enumerate(raw):
        at = f"{where}.changes[{i}]"
        if not isinstance(c, dict):
            raise _Bad(f"{at}: expected an object")
        version = _opt_id(c.get("version"), f"{at}.version")
        if version is None:
            raise _Bad(f"{at}.version: missing")
        out.append(
            Change(
                version,
                _text(c.get("author", ""), f"{at}.author"),
                _text(c.get("changed_at", ""), f"{at}.changed_at"),
                _text(c.get("what", ""), f"{at}.what"),
            )
        )
    if len({c.version for c in out}) != len(out):
        raise _Bad(f"{where}.changes: a version is listed twice")
    return out


def read_backup(
    path: Path, jurisdictions: JurisdictionSet
) -> tuple[list[TrackedRequest], list[StoredAgency]]:
    """Parse and check a backup file completely before anything is written: the fields'
    types and dates, every event against the rules `track event` applies, jurisdictions
    against the ones this app knows (stored by their codes), ids and agencies unique."""
    requests, agencies, _ = read_backup_with_history(path, jurisdictions)
    return requests, agencies


def read_backup_with_history(
    path: Path, jurisdictions: JurisdictionSet
) -> tuple[list[TrackedRequest], list[StoredAgency], dict[int, list[Change]]]:
    """`read_backup`, and each request's history of versions (by request id)."""
    doc = _load_json(path)
    if not isinstance(doc, dict) or doc.get("format") != FORMAT:
        raise UserError(f"{path} is not a FOIA Assist backup")
    version = doc.get("format_version")
    if version is None:
        raise UserError(
            f"{path} is not a complete FOIA Assist backup: its format_version is missing"
        )
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        shown = json.dumps(version, ensure_ascii=True)[:40]
        raise UserError(
            f"{path} is not a valid FOIA Assist backup: format_version {shown} is not a "
            "version number"
        )
    if version > FORMAT_VERSION:
        raise UserError(
            f"{path} was made by a newer FOIA Assist (backup format {version}); "
            f"this version reads up to {FORMAT_VERSION}"
        )
    try:
        requests_raw, agencies_raw = doc.get("requests", []), doc.get("agencies", [])
        if not isinstance(requests_raw, list) or not isinstance(agencies_raw, list):
            raise _Bad("requests and agencies must be lists")
        requests = [
            _request(r, f"requests[{i}]", jurisdictions) for i, r in enumerate(requests_raw)
        ]
        agencies = [_agency(a, f"agencies[{i}]", jurisdictions) for i, a in enumerate(agencies_raw)]
        _check_unique(requests, agencies)
        history = {
            r.id: _changes(raw, f"requests[{i}]")
            for i, (r, raw) in enumerate(zip(requests, requests_raw, strict=True))
            if r.id is not None
        }
    except (_Bad, AttributeError) as exc:
        raise UserError(f"{path}: damaged backup: {exc}") from None
    return requests, agencies, {rid: c for rid, c in history.items() if c}


def restore_backup(
    requests: RequestsRepository,
    agencies: AgenciesRepository,
    path: Path,
    *,
    jurisdictions: JurisdictionSet,
    replace: bool = False,
    now: Callable[[], datetime] = datetime.now,
) -> BackupCounts:
    """Load a backup. Refused if the database holds anything, unless `replace`.

    The whole file is checked first (`read_backup`); the swap is one transaction, so a
    refusal or a failure part way leaves the database as it was. Before replacing data, a
    copy of the database goes to the backups folder (`BackupCounts.previous`)."""
    new_requests, new_agencies, history = read_backup_with_history(path, jurisdictions)
    previous = None
    if replace and (requests.count() or agencies.count()):
        previous = requests.db.copy_to_backups("before-restore", now())
    try:
        with requests.db.transaction():
            if requests.count() or agencies.count():
                if not replace:
                    raise UserError(
                        "the database already holds requests or agencies; restoring would mix "
                        "them. Restore with --replace to swap everything for the backup "
                        "(a copy of the current data is kept in the backups folder first)"
                    )
                requests.clear()
                agencies.clear()
            requests.add_many(new_requests, keep_ids=True)
            requests.add_changes(history)
            agencies.add_many(new_agencies, keep_ids=True)
    except IntegrityError as exc:  # a check above missed something: still all or none
        raise UserError(f"{path} could not be restored ({exc}); nothing was changed") from None
    return BackupCounts(len(new_requests), len(new_agencies), previous)
