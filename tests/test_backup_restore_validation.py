"""Restoring a backup checks every request against the app's rules before writing anything.

A backup that names an unknown jurisdiction, an impossible event or a broken agency is refused
in one line naming the request (id and agency) and the field; the database keeps exactly what
it held. Files in the wrong encoding, empty or cut short, are named as such.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest

from foia_assist.cli import run_cli
from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.jurisdictions import JurisdictionSet
from foia_assist.domain.lifecycle import Letter
from foia_assist.domain.request import Agency, RequestSpec
from foia_assist.errors import UserError
from foia_assist.paths import AppPaths
from foia_assist.services.backup import restore_backup, write_backup
from foia_assist.services.tracker import TrackerService

TODAY = date(2026, 3, 20)
STAMP = datetime(2026, 3, 20, 12, 0)
Doc = dict[str, Any]


def spec(agency: str, jurisdiction: str = "US") -> RequestSpec:
    return RequestSpec.from_dict(
        {
            "agency": {"name": agency, "jurisdiction": jurisdiction},
            "requester": {"name": "Ana Núñez"},
            "records": {"categories": ["contracts"]},
        }
    )


def open_tracker(folder: Path, jurisdictions: JurisdictionSet) -> TrackerService:
    return TrackerService.open(AppPaths.under(folder), jurisdictions, CalendarCache())


@pytest.fixture
def tracker(tmp_path: Path, jurisdictions: JurisdictionSet) -> Iterator[TrackerService]:
    service = open_tracker(tmp_path / "current", jurisdictions)
    yield service
    service.close()


def fill(tracker: TrackerService) -> None:
    a = tracker.add_request(spec("Springfield PD"), today=TODAY, sent=date(2026, 3, 2),
                            method="email", tracking_number="T-1")  # fmt: skip
    tracker.log_event(a, "extension", date(2026, 3, 10), days=10)
    tracker.log_event(a, "denied", date(2026, 3, 12), exemptions=["b(5)"])
    tracker.remind(a, "+10", today=TODAY, note="appeal")
    tracker.record_letter(a, Letter("request", "/l/a.docx", "a" * 64, date(2026, 3, 1)))
    tracker.add_request(spec("LAPD", "CA"), today=TODAY)
    tracker.agencies.add(Agency("Sheriff", "US", "1 Main", "r@example.gov"))


@pytest.fixture
def backup_doc(tmp_path: Path, jurisdictions: JurisdictionSet) -> Doc:
    """A good backup (two requests, one agency) made by the app itself."""
    source = open_tracker(tmp_path / "source", jurisdictions)
    try:
        fill(source)
        path = tmp_path / "good.json"
        write_backup(source.requests, source.agencies, path, made=STAMP)
    finally:
        source.close()
    doc: Doc = json.loads(path.read_text("utf-8"))
    return doc


def existing_data(tracker: TrackerService) -> tuple[object, object]:
    tracker.add_request(spec("Already here PD"), today=TODAY, sent=date(2026, 3, 3))
    tracker.agencies.add(Agency("Kept agency", "NY"))
    return tracker.requests.all(), tracker.agencies.all()


def write(tmp_path: Path, doc: Doc) -> Path:
    path = tmp_path / "edited.json"
    path.write_text(json.dumps(doc), "utf-8")
    return path


def set_at(*keys: Any, value: Any) -> Callable[[Doc], None]:
    def edit(doc: Doc) -> None:
        target: Any = doc
        for key in keys[:-1]:
            target = target[key]
        target[keys[-1]] = value

    return edit


def add_agency(**fields: Any) -> Callable[[Doc], None]:
    return lambda doc: doc["agencies"].append({"id": 50, **fields})


@pytest.mark.parametrize(
    ("edit", "problem"),
    [
        (
            set_at("requests", 1, "jurisdiction", value="ZZ"),
            r"requests\[1\]\.jurisdiction: unknown jurisdiction 'ZZ' \(request 2, LAPD\)$",
        ),
        (
            set_at("requests", 1, "spec", "agency", "jurisdiction", value="Narnia"),
            r"requests\[1\]\.spec\.agency\.jurisdiction: unknown jurisdiction 'Narnia' "
            r"\(request 2, LAPD\)",
        ),
        (
            set_at("requests", 0, "agency", value="  "),
            r"requests\[0\]\.agency: the agency name is empty \(request 1\)",
        ),
        (
            set_at("requests", 0, "events", 2, "days", value=-5),
            r"requests\[0\]\.events\[2\]: an extension must add at least one day "
            r"\(request 1, Springfield PD\)",
        ),
        (
            set_at("requests", 0, "events", 2, "days", value=2**70),
            r"requests\[0\]\.events\[2\]\.days: \d+ is too large \(request 1, Springfield PD\)",
        ),
        (
            set_at("requests", 0, "reminders", 0, "done", value="soon"),
            r"requests\[0\]\.reminders\[0\]\.done: 'soon' is not a date \(request 1, Spring",
        ),
        (
            set_at("requests", 0, "events", 3, "days", value=4),
            r"requests\[0\]\.events\[3\]: only an extension takes days",
        ),
        (
            set_at("requests", 0, "events", 1, "partial", value="no"),
            r"requests\[0\]\.events\[1\]\.partial: expected true or false",
        ),
        (
            set_at("requests", 0, "events", 1, "kind", value=["sent"]),
            r"requests\[0\]\.events\[1\]\.kind: unknown event kind \['sent'\]",
        ),
        (
            set_at("requests", 0, "events", 1, "method", value={"by": "pigeon"}),
            r"requests\[0\]\.events\[1\]\.method: unknown method",
        ),
        (
            set_at("requests", 0, "events", 0, "date", value="2026-02-30"),
            r"requests\[0\]\.events\[0\]\.date: '2026-02-30' is not a date \(request 1, Spring",
        ),
        (
            set_at("requests", 0, "spec", "colour", value="blue"),
            r"requests\[0\]\.spec: field 'colour'.*\(request 1, Springfield PD\)",
        ),
        (
            set_at("requests", 1, "id", value=2**70),
            r"requests\[1\]\.id: .*too large",
        ),
        (
            set_at("requests", 1, "id", value=-3),
            r"requests\[1\]\.id: expected a whole number of 1 or more",
        ),
        (
            add_agency(name="Ghost PD", jurisdiction="ZZ"),
            r"agencies\[1\]\.jurisdiction: unknown jurisdiction 'ZZ' \(agency 50, Ghost PD\)",
        ),
        (add_agency(name="", jurisdiction="US"), r"agencies\[1\]\.name: the agency name is empty"),
        (
            add_agency(name="Sheriff", jurisdiction="US"),
            r"agencies\[1\]: the address book has Sheriff in US twice",
        ),
    ],
)
def test_an_invalid_field_is_refused_naming_the_request_and_nothing_changes(
    tracker: TrackerService, tmp_path: Path, backup_doc: Doc, edit, problem: str
) -> None:  # type: ignore[no-untyped-def]
    before = existing_data(tracker)
    doc = copy.deepcopy(backup_doc)
    edit(doc)
    path = write(tmp_path, doc)
    with pytest.raises(UserError, match=problem) as info:
        restore_backup(tracker.requests, tracker.agencies, path, replace=True,
                       jurisdictions=tracker.jurisdictions)  # fmt: skip
    assert "\n" not in str(info.value)
    assert (tracker.requests.all(), tracker.agencies.all()) == before


def test_a_known_jurisdiction_by_another_spelling_is_stored_as_its_code(
    tracker: TrackerService, tmp_path: Path, backup_doc: Doc
) -> None:
    backup_doc["requests"][1]["jurisdiction"] = "ca"
    backup_doc["requests"][1]["spec"]["agency"]["jurisdiction"] = "California"
    backup_doc["agencies"][0]["jurisdiction"] = "us"
    path = write(tmp_path, backup_doc)
    restore_backup(tracker.requests, tracker.agencies, path, jurisdictions=tracker.jurisdictions)
    lapd = tracker.requests.get(2)
    assert (lapd.jurisdiction, lapd.spec.agency.jurisdiction) == ("CA", "CA")
    assert tracker.agencies.all()[0].agency.jurisdiction == "US"
    assert [r.jurisdiction for r in tracker.list_requests(TODAY)] == ["US", "CA"]


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list) and value:
        for i, item in enumerate(value):
            yield from _leaves(item, (*path, i))
    else:
        yield path


WRONG_VALUES = [None, [], {}, 0, -1, 2**70, True, "", "x", "2026-13-01", "9999-01-01"]


@pytest.mark.slow
def test_any_field_with_a_wrong_value_is_refused_cleanly_or_restores_usably(
    tmp_path: Path, backup_doc: Doc, jurisdictions: JurisdictionSet
) -> None:
    """Every leaf of a real backup, set to each wrong value: restore either refuses with a
    UserError and leaves the data as it was, or gives requests that can all be shown."""
    tracker = open_tracker(tmp_path / "fuzz", jurisdictions)
    try:
        before = existing_data(tracker)
        paths = [p for p in _leaves(backup_doc) if p[0] in ("requests", "agencies")]
        assert len(paths) > 60
        for path in paths:
            for value in WRONG_VALUES:
                doc = copy.deepcopy(backup_doc)
                set_at(*path, value=value)(doc)
                file = write(tmp_path, doc)
                try:
                    restore_backup(tracker.requests, tracker.agencies, file, replace=True,
                                   jurisdictions=jurisdictions)  # fmt: skip
                except UserError as exc:
                    assert "\n" not in str(exc), (path, value)
                    assert (tracker.requests.all(), tracker.agencies.all()) == before, path
                    continue
                for row in tracker.list_requests(TODAY):
                    tracker.view(row.id, TODAY)  # every restored request can be shown
                restore_backup(tracker.requests, tracker.agencies, write(tmp_path, {
                    "format": "foia-assist-backup", "format_version": 1, "requests": [],
                    "agencies": []}), replace=True, jurisdictions=jurisdictions)  # fmt: skip
                tracker.add_request(spec("Already here PD"), today=TODAY, sent=date(2026, 3, 3))
                tracker.agencies.add(Agency("Kept agency", "NY"))
                before = (tracker.requests.all(), tracker.agencies.all())
    finally:
        tracker.close()


# -- through the CLI ---------------------------------------------------------------------------


def cli_restore(capsys, data_dir: Path, file: Path, *extra: str) -> tuple[int, str, str]:  # type: ignore[no-untyped-def]
    rc = run_cli(["--data-dir", str(data_dir), "track", "restore", str(file), *extra])
    out, err = capsys.readouterr()
    return rc, out, err


def test_cli_unknown_jurisdiction_is_one_line_and_the_database_is_untouched(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, backup_doc: Doc
) -> None:
    data = tmp_path / "data"
    assert run_cli(["--data-dir", str(data), "track", "backup", str(tmp_path / "empty.json")]) == 0
    good = write(tmp_path, backup_doc)
    assert cli_restore(capsys, data, good)[0] == 0
    capsys.readouterr()
    backup_doc["requests"][1]["jurisdiction"] = "ZZ"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(backup_doc), "utf-8")
    rc, out, err = cli_restore(capsys, data, bad, "--replace")
    assert rc == 2 and out == ""
    assert err.strip() == (
        f"foia-assist: {bad}: damaged backup: requests[1].jurisdiction: "
        "unknown jurisdiction 'ZZ' (request 2, LAPD)"
    )
    assert run_cli(["--data-dir", str(data), "track", "list", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["agency"], r["jurisdiction"]) for r in listed] == [
        (1, "Springfield PD", "US"),
        (2, "LAPD", "CA"),
    ]


def _truncated(doc: Doc) -> bytes:
    text = json.dumps(doc, indent=1).encode()
    return text[: len(text) // 2]


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda doc: b"", "is empty"),
        (lambda doc: b"  \n", "is empty"),
        (_truncated, "is cut short"),
        (
            lambda doc: json.dumps(doc, ensure_ascii=False).encode("latin-1"),
            r"line 1 is not UTF-8",
        ),
    ],
)
def test_cli_unreadable_backups_are_named_in_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, backup_doc: Doc, make, message: str
) -> None:  # type: ignore[no-untyped-def]
    backup_doc["requests"][0]["agency"] = "Policía Montréal"
    file = tmp_path / "backup.json"
    file.write_bytes(make(backup_doc))
    rc, out, err = cli_restore(capsys, tmp_path / "data", file)
    assert rc == 2 and out == ""
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert message in err


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_cli_a_backup_resaved_with_a_byte_order_mark_restores(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, backup_doc: Doc, encoding: str
) -> None:
    backup_doc["requests"][0]["agency"] = "Policía Montréal"
    file = tmp_path / "backup.json"
    file.write_bytes(json.dumps(backup_doc, ensure_ascii=False).encode(encoding))
    rc, out, err = cli_restore(capsys, tmp_path / "data", file)
    assert rc == 0, err
    assert out.strip() == "Restored 2 requests and 1 agencies"
    assert run_cli(["--data-dir", str(tmp_path / "data"), "track", "show", "1"]) == 0
    assert "Policía Montréal" in capsys.readouterr().out
