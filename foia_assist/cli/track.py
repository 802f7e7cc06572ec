"""`foia-assist track ...`: follow requests after sending — status, deadlines, reminders.

Subcommands: add, list, show, letter, record, event, remove-event, remind, export-ics,
export-csv, backup, restore.
"Today" is read here (`date.today()`) and passed down; nothing below reads the clock.
Over 400 lines as one thing: one command's sub-parsers and their thin handlers.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foia_assist.cli.common import add_level_argument, check_option, date_option, with_level
from foia_assist.errors import UserError

if TYPE_CHECKING:
    from foia_assist.app import AppContext
    from foia_assist.services.tracker import TrackerService

# No law extends a response by years; a bigger number is a typo that would push the clock
# past the years the calendars count and break every later view of the request.
MAX_EXTENSION_DAYS = 3650
# SQLite's integer range: a bigger id cannot name a request (and would overflow the query).
MAX_REQUEST_ID = 2**63 - 1

KINDS_HELP = (
    "drafted, sent, received, acknowledged, clarification_requested, clarification_answered, "
    "fee_estimate, fee_paid, extension, records_released, denied, appeal_filed, "
    "appeal_decided, withdrawn, note"
)


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "track",
        help="track sent requests: status, deadlines, reminders, calendar export",
        description="Track requests after sending. Deadlines follow each jurisdiction's rules "
        "(business or calendar days, holidays, extensions, paused clocks). Not legal advice.",
    )
    p.set_defaults(handler=_no_action, track_parser=p)
    tsub = p.add_subparsers(dest="track_command", metavar="ACTION", parser_class=type(p))

    a = tsub.add_parser("add", help="start tracking a request; prints its id")
    a.add_argument("--spec", required=True, metavar="SPEC.json", help="the request spec (JSON)")
    a.add_argument("--jurisdiction", metavar="CODE", help="override the spec's jurisdiction")
    a.add_argument("--agency", metavar="NAME", help="override the spec's agency name")
    add_level_argument(a)
    a.add_argument(
        "--sent",
        type=date_option("--sent"),
        metavar="DATE",
        help="the day it was sent (YYYY-MM-DD)",
    )
    a.add_argument("--method", metavar="M", help="email, portal, mail, fax or 'in person'")
    a.add_argument(
        "--received",
        type=date_option("--received"),
        metavar="DATE",
        help="the day the agency received it",
    )
    a.add_argument("--tracking-number", default="", metavar="TEXT", help="the agency's number")
    a.set_defaults(handler=run_add)

    ls = tsub.add_parser("list", help="list requests with status and due date")
    ls.add_argument("--json", action="store_true", help="print a JSON list")
    ls.add_argument("--status", metavar="S", help="only this status, e.g. 'awaiting response'")
    ls.add_argument("--due-within", type=int, metavar="DAYS", help="due within DAYS (or overdue)")
    ls.set_defaults(handler=run_list)

    sh = tsub.add_parser("show", help="timeline and clocks of one request, explained")
    sh.add_argument("id", type=request_id, metavar="ID")
    sh.add_argument("--json", action="store_true", help="print JSON")
    sh.set_defaults(handler=run_show)

    lt = tsub.add_parser(
        "letter",
        help="write a follow-up, appeal or preservation letter for a tracked request",
        description="The letter uses the request's saved spec plus what the tracker knows: "
        "the date the agency received it, its reference number, the denial and the exemptions "
        "cited. The file is recorded with the request (path and sha256).",
    )
    lt.add_argument("id", type=request_id, metavar="ID")
    lt.add_argument("--kind", choices=("follow-up", "appeal", "preservation"), required=True)
    lt.add_argument("--out", type=Path, required=True, metavar="FILE.docx|.pdf|.txt")
    lt.set_defaults(handler=run_letter)
    rec = tsub.add_parser(
        "record",
        help="write the request's record: deadlines explained, timeline, letters with sha256",
        description="An exhibit for an appeal, a complaint or a story: the law, each deadline "
        "with every step of its computation, what happened when, and each letter's SHA-256.",
    )
    rec.add_argument("id", type=request_id, metavar="ID")
    rec.add_argument("--out", type=Path, required=True, metavar="FILE.docx|.pdf|.txt")
    rec.set_defaults(handler=run_record)
    ev = tsub.add_parser("event", help="log what happened", description=f"KIND: {KINDS_HELP}")
    ev.add_argument("id", type=request_id, metavar="ID")
    ev.add_argument("kind", metavar="KIND")
    ev.add_argument("--date", type=date_option("--date"), metavar="D", help="when (default: today)")
    ev.add_argument("--days", type=int, metavar="N", help="extension: N more days")
    ev.add_argument(
        "--new-date",
        type=date_option("--new-date"),
        metavar="D",
        help="extension: the new due date",
    )
    ev.add_argument("--note", default="", metavar="TEXT")
    ev.add_argument("--method", metavar="M", help="sent: email, portal, mail, fax, in person")
    ev.add_argument("--message-id", default="", metavar="TEXT", help="email or portal reference")
    ev.add_argument(
        "--exemption", action="append", default=[], metavar="TEXT", help="cited (repeatable)"
    )
    ev.add_argument("--partial", action="store_true", help="records_released: partial release")
    add_if_version(ev)
    ev.set_defaults(handler=run_event)

    rm_ev = tsub.add_parser(
        "remove-event",
        help="take back an event logged by mistake (its number is in brackets in 'track show')",
        description="Removes one event, e.g. one logged with a wrong date; every clock "
        "recomputes. Log it again with the right date afterwards.",
    )
    rm_ev.add_argument("id", type=request_id, metavar="ID")
    rm_ev.add_argument("event_id", type=int, metavar="EVENT")
    add_if_version(rm_ev)
    rm_ev.set_defaults(handler=run_remove_event)

    rm = tsub.add_parser(
        "remind",
        help="remind me on DATE or in +N days (+Nw: weeks); --done when dealt with",
        description="A reminder stays pending (shown by list, show and the window) until it is "
        "marked done, even when its day passed while the app was closed.",
    )
    rm.add_argument("id", type=request_id, metavar="ID")
    rm.add_argument("when", nargs="?", metavar="DATE|+N")
    rm.add_argument("--note", default="", metavar="TEXT")
    rm.add_argument(
        "--done", action="store_true", help="mark this request's reminders due by today done"
    )
    rm.set_defaults(handler=run_remind)

    ics = tsub.add_parser("export-ics", help="write open deadlines and reminders as ICS")
    ics.add_argument("file", metavar="FILE")
    ics.set_defaults(handler=run_export_ics)

    csv = tsub.add_parser("export-csv", help="write the request list as CSV (Excel-safe)")
    csv.add_argument("file", metavar="FILE")
    csv.set_defaults(handler=run_export_csv)

    bk = tsub.add_parser("backup", help="write everything tracked to a JSON file")
    bk.add_argument("file", metavar="FILE")
    bk.set_defaults(handler=run_backup)

    rs = tsub.add_parser("restore", help="load a JSON backup (refused if data exists)")
    rs.add_argument("file", metavar="FILE")
    rs.add_argument("--replace", action="store_true", help="replace all current data")
    rs.set_defaults(handler=run_restore)

    from foia_assist.cli import track_attach  # the case file's actions, in their own module

    track_attach.register(tsub, request_id)
    from foia_assist.cli import track_migrate

    track_migrate.register(tsub)


def add_if_version(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--if-version",
        type=int,
        metavar="N",
        help="refuse if the request changed since version N (shown by 'track show'), "
        "naming who changed what",
    )


def request_id(text: str) -> int:
    """An ID argument: a whole number; one no request can have is reported as not found."""
    try:
        value = int(text.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a request id (a number)") from None
    if not 1 <= value <= MAX_REQUEST_ID:
        # Not ArgumentTypeError: the user gets the same line as for any id not in use.
        raise UserError(f"no tracked request with id {value}")
    return value


def _no_action(args: argparse.Namespace, ctx: AppContext) -> int:
    args.track_parser.print_help()
    return 2


def run_add(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services.letters.shared import level_warnings
    from foia_assist.storage.spec_files import load_spec

    check_option(args.jurisdiction, "--jurisdiction")
    check_option(args.agency, "--agency", multiline=True)
    check_option(args.tracking_number, "--tracking-number")
    spec = with_level(load_spec(Path(args.spec)), args.level)
    tracker = ctx.tracker
    new_id = tracker.add_request(
        spec,
        today=date.today(),
        jurisdiction=args.jurisdiction,
        agency=args.agency,
        sent=args.sent,
        method=args.method,
        received=args.received,
        tracking_number=args.tracking_number,
    )
    stored = tracker.get(new_id).spec
    j = ctx.jurisdictions.get(stored.agency.jurisdiction)
    for warning in level_warnings(j, stored.agency.level):
        print(f"foia-assist: check: {warning}", file=sys.stderr)
    print(new_id)
    return 0


def run_list(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.due_within is not None and args.due_within < 0:
        raise UserError("--due-within must be zero or more days")
    tracker = ctx.tracker
    _bring_summaries_up_to_date(tracker)
    rows = tracker.list_requests(date.today(), args.status, args.due_within)
    if args.json:
        print(json.dumps([r.to_dict() for r in rows], indent=2, ensure_ascii=False))
        return 0
    if not rows:
        print("No tracked requests match." if args.status or args.due_within else "No requests.")
        return 0
    print(f"{'ID':>5}  {'Jur':<4}{'Agency':<34}{'Status':<23}{'Sent':<12}{'Due':<12}Days left")
    for r in rows:
        agency = r.agency if len(r.agency) <= 32 else r.agency[:31] + "…"
        left = "" if r.days_left is None else str(r.days_left)
        if r.overdue:
            left = f"{-r.days_left} overdue" if r.days_left is not None else left
        print(
            f"{r.id:>5}  {r.jurisdiction:<4}{agency:<34}{r.status.value:<23}"
            f"{_iso(r.sent):<12}{_iso(r.due):<12}{left}"
        )
    today = date.today()
    due = [r for r in rows if r.next_reminder is not None and r.next_reminder <= today]
    if due:
        print("\nReminders due (mark done with: track remind ID --done):")
        for r in due:
            assert r.next_reminder is not None
            since = "today" if r.next_reminder == today else f"since {r.next_reminder}"
            print(f"  #{r.id} {r.agency} ({since})")
    print("\nDates follow each law's rules as recorded in this app; not legal advice.")
    return 0


# At most one progress line this often (seconds) while the summaries are rebuilt.
PROGRESS_EVERY = 2.0


def _bring_summaries_up_to_date(tracker: TrackerService) -> None:
    """The first listing after the rules changed works out every request's deadlines again
    (seconds at 100,000 requests): on a terminal, say so on stderr as it goes, a line every
    few seconds; piped or redirected, quietly."""
    import time

    steps = tracker.summaries.ensure_current()
    if not sys.stderr.isatty():
        for _ in steps:
            pass
        return
    last = None
    for line in steps:
        now = time.monotonic()
        if last is None or now - last >= PROGRESS_EVERY:
            print(f"foia-assist: {line}", file=sys.stderr, flush=True)
            last = now


def _iso(d: date | None) -> str:
    return d.isoformat() if d else "-"


def run_letter(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services.tracked_letters import (
        follow_up_problem,
        letter_record,
        spec_for_letter,
    )

    today = date.today()
    letters = ctx.letters
    tracker = ctx.tracker
    view = tracker.view(args.id, today)
    if args.kind == "follow-up" and (problem := follow_up_problem(view)) is not None:
        raise UserError(problem)
    if args.kind == "appeal" and view.facts.denied is None:
        from foia_assist.services.tracker import no_denial_logged

        raise no_denial_logged(args.id)
    spec = spec_for_letter(view)
    written = letters.make_letter(args.kind, spec, args.out, today)
    tracker.record_letter(args.id, letter_record(args.kind, written, today))
    for warning in letters.draft(args.kind, spec, today).warnings:
        print(f"foia-assist: check: {warning}", file=sys.stderr)
    print(written)
    return 0


def run_record(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services.letters.service import check_format
    from foia_assist.services.request_record import record_docx

    check_format(args.out)
    tracker = ctx.tracker
    view = tracker.view(args.id, date.today())
    attached = ctx.casefile.for_request(args.id)
    print(ctx.letters.write_docx_as(record_docx(view, datetime.now(), attached), args.out))
    return 0


def run_show(args: argparse.Namespace, ctx: AppContext) -> int:
    tracker = ctx.tracker
    view = tracker.view(args.id, date.today())
    r, f = view.request, view.facts
    if args.json:
        shown = _view_dict(view, tracker.changes(args.id))
        shown["attachments"] = [a.to_dict() for a in ctx.casefile.for_request(args.id)]
        print(json.dumps(shown, indent=2, ensure_ascii=False))
        return 0
    print(f"Request #{r.id}: {r.agency} ({view.jurisdiction.name}, {view.jurisdiction.law_name})")
    if r.tracking_number:
        print(f"Agency tracking number: {r.tracking_number}")
    print(f"Status: {f.status.value}")
    changes = tracker.changes(r.id or 0)
    last = f"; last change: {changes[-1].describe()}" if changes else ""
    print(f"Version: {r.version}{last}")
    if f.received is not None:
        assumption = f" ({f.received.assumption})" if f.received.assumption else ""
        print(f"Received by the agency: {f.received.date.isoformat()}{assumption}")
    for c in view.clocks:
        due = c.due.isoformat() if c.due else "none"
        left = ""
        if c.days_left is not None:
            left = (
                f", {c.days_left} days left"
                if c.days_left >= 0
                else (f", {-c.days_left} days overdue")
            )
        print(f"\n{c.name} clock: {c.state_text}; due {due}{left}")
        for line in c.explanation.splitlines():
            print(f"  {line}")
    if view.follow_up:
        print(f"\nNext step: {view.follow_up}")
    print("\nTimeline:")
    for e in view.timeline:
        print(f"  [{e.id}] {e.attributed()}")
    attached = ctx.casefile.for_request(args.id)
    if attached:
        print("\nAttached (track attachments ID for more):")
        for a in attached:
            print(f"  {a.received.isoformat()}  [{a.id}] {a.name}  sha256 {a.sha256}")
    if view.reminders:
        print("\nReminders:")
        today = date.today()
        for m in view.reminders:
            when = " (due, not marked done)" if m.due <= today else ""
            print(f"  {m.due.isoformat()}{when}  {m.note}")
    if r.letters:
        print("\nLetters:")
        for x in r.letters:
            print(f"  {x.made_on.isoformat()}  {x.kind}  {x.path}  sha256 {x.sha256[:12]}…")
    print("\nNot legal advice: check the statute before relying on a deadline.")
    return 0


def _view_dict(view: Any, changes: Any = None) -> dict[str, Any]:
    from foia_assist.services.backup import request_dict

    return {
        "request": request_dict(view.request, changes),
        "status": view.facts.status.value,
        "clocks": [
            {
                "name": c.name,
                "state": c.state.value,
                "due": c.due.isoformat() if c.due else None,
                "days_left": c.days_left,
                "explanation": c.explanation,
                "citation": c.citation,
            }
            for c in view.clocks
        ],
        "follow_up": view.follow_up,
    }


def run_remove_event(args: argparse.Namespace, ctx: AppContext) -> int:
    if not 1 <= args.event_id <= MAX_REQUEST_ID:
        raise UserError(f"request {args.id} has no event with id {args.event_id}")
    tracker = ctx.tracker
    removed = tracker.remove_event(args.id, args.event_id, seen_version=args.if_version)
    print(f"Removed event {args.event_id}: {removed.describe()}")
    return 0


def run_event(args: argparse.Namespace, ctx: AppContext) -> int:
    today = date.today()
    day = args.date or today
    if day > today:
        raise UserError(f"--date {day} is in the future; log events when they happen")
    if args.days is not None and args.days > MAX_EXTENSION_DAYS:
        raise UserError(f"--days {args.days} is more than {MAX_EXTENSION_DAYS} days")
    check_option(args.note, "--note", multiline=True)
    check_option(args.message_id, "--message-id")
    for exemption in args.exemption:
        check_option(exemption, "--exemption")
    tracker = ctx.tracker
    event_id = tracker.log_event(
        args.id,
        args.kind,
        day,
        days=args.days,
        new_date=args.new_date,
        note=args.note,
        method=args.method,
        message_id=args.message_id,
        exemptions=args.exemption,
        partial=args.partial,
        seen_version=args.if_version,
    )
    hint = _acknowledged_hint(tracker, args.id, today) if args.kind == "acknowledged" else ""
    if args.kind == "extension":
        late = tracker.late_extension(args.id)
        hint = f"warning: {late.message()}" if late is not None else ""
    print(event_id)
    if hint:
        print(hint, file=sys.stderr)
    return 0


def _acknowledged_hint(tracker: TrackerService, request_id: int, today: date) -> str:
    """Where the law's first clock is not met by an acknowledgment, an acknowledgment that
    names a response date is an extension in effect: say how to log it (one line, or "")."""
    from foia_assist.domain.clock_readings import ClockState

    view = tracker.view(request_id, today)
    first = view.jurisdiction.response
    if first.action == "acknowledge":
        return ""
    reading = next((c for c in view.clocks if c.name == first.name), None)
    if reading is None or reading.state not in (
        ClockState.RUNNING,
        ClockState.PAUSED,
        ClockState.NO_DEADLINE,
    ):
        return ""
    return (
        "note: if the acknowledgment gave a date for the response, log it with: "
        f"foia-assist track event {request_id} extension --new-date YYYY-MM-DD "
        "(the deadline then follows that date)"
    )


def run_remind(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.done:
        if args.when is not None or args.note:
            raise UserError("--done takes only the request ID")
        tracker = ctx.tracker
        count = tracker.reminders_done(args.id, date.today())
        print(f"Marked {count} reminder(s) of request {args.id} done")
        return 0
    if args.when is None:
        raise UserError("give a DATE (YYYY-MM-DD) or +N days, or --done")
    check_option(args.note, "--note", multiline=True)
    tracker = ctx.tracker
    try:
        reminder = tracker.remind(args.id, args.when, today=date.today(), note=args.note)
    except OverflowError:
        raise UserError(f"{args.when!r} is too far ahead for a reminder") from None
    print(f"Reminder {reminder.id} set for {reminder.due.isoformat()}")
    return 0


def run_export_ics(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services.ics_export import export_ics

    tracker = ctx.tracker
    n = export_ics(tracker, Path(args.file), today=date.today(), stamp=datetime.now())
    print(f"Wrote {n} calendar events to {args.file}")
    return 0


def run_export_csv(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services.csv_export import export_csv

    tracker = ctx.tracker
    _bring_summaries_up_to_date(tracker)
    n = export_csv(tracker.list_requests(date.today()), Path(args.file))
    print(f"Wrote {n} requests to {args.file}")
    return 0


def run_backup(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services.backup import write_backup

    t = ctx.tracker
    counts = write_backup(t.requests, t.agencies, Path(args.file), made=datetime.now())
    print(f"Backed up {counts.requests} requests and {counts.agencies} agencies to {args.file}")
    return 0


def run_restore(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services.backup import restore_backup

    t = ctx.tracker
    counts = restore_backup(
        t.requests,
        t.agencies,
        Path(args.file),
        jurisdictions=t.jurisdictions,
        replace=args.replace,
    )
    print(f"Restored {counts.requests} requests and {counts.agencies} agencies")
    if counts.previous is not None:
        print(f"The data it replaced was copied to {counts.previous}")
    return 0
