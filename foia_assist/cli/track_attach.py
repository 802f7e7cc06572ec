"""`foia-assist track attach|attachments|detach`: the case file of a tracked request.

`attach` keeps each file (folders and ZIPs expanded) with the request, prints one line per
file (or with `--json` one object per file with its proposed events), and names every file it
could not keep or read. Proposed events are never logged here: confirm one with `track event`.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from foia_assist.cli.common import date_option

if TYPE_CHECKING:
    from collections.abc import Callable

    from foia_assist.app import AppContext


def register(
    tsub: argparse._SubParsersAction[argparse.ArgumentParser],
    request_id: Callable[[str], int],
) -> None:
    at = tsub.add_parser(
        "attach",
        help="keep the agency's replies and released records with a request (files, folders, ZIPs)",
    )
    at.add_argument("id", type=request_id, metavar="ID")
    at.add_argument("files", nargs="+", metavar="FILE", type=Path)
    at.add_argument(
        "--date", type=date_option("--date"), metavar="D", help="the day you received them"
    )
    at.add_argument("--json", action="store_true", help="one JSON object per file")
    at.set_defaults(handler=run_attach)

    ls = tsub.add_parser("attachments", help="list a request's attachments with their SHA-256")
    ls.add_argument("id", type=request_id, metavar="ID")
    ls.add_argument("--json", action="store_true", help="print a JSON list")
    ls.set_defaults(handler=run_list)

    rm = tsub.add_parser("detach", help="remove an attachment from its request (asks first)")
    rm.add_argument("attachment", type=int, metavar="ATTACHMENT_ID")
    rm.add_argument("--yes", action="store_true", help="do not ask")
    rm.set_defaults(handler=run_detach)

    mail = tsub.add_parser(
        "check-mail",
        help="attach agencies' replies from an IMAP folder (nothing on the server changes)",
        description="Reads the messages that arrived since the last check, attaches those that "
        "answer a tracked request (by the Message-ID we sent, the agency's reference number, "
        "or the agency's address with our subject) and proposes their events. The password "
        "comes from the system keyring (asked for once with --save-password).",
    )
    mail.add_argument("--host", required=True)
    mail.add_argument("--user", required=True)
    mail.add_argument("--port", type=int, help="default 993 (ssl) or 143")
    mail.add_argument("--security", choices=("ssl", "starttls", "none"), default="ssl")
    mail.add_argument("--folder", default="INBOX")
    mail.add_argument("--ca-file", default="", metavar="FILE", help="CA bundle for the server")
    mail.add_argument(
        "--save-password",
        action="store_true",
        help="ask for the password and keep it in the keyring",
    )
    mail.add_argument("--json", action="store_true", help="one JSON object per attached reply")
    mail.set_defaults(handler=run_check_mail)


def run_attach(args: argparse.Namespace, ctx: AppContext) -> int:
    today = date.today()
    ctx.tracker.get(args.id)  # an unknown id is one clear line before anything is copied
    outcomes = []
    for outcome in ctx.casefile.attach(args.id, args.files, today=today, received=args.date):
        outcomes.append(outcome)
        if args.json:
            continue
        if outcome.attachment is None:
            print(f"not attached: {outcome.name}: {outcome.skipped}", file=sys.stderr)
            continue
        a = outcome.attachment
        again = " (already attached)" if not outcome.new else ""
        print(f"[{a.id}] {a.name} {a.kind} {a.size} bytes sha256 {a.sha256}{again}")
        if a.problem:
            print(f"    no search text: {a.problem}")
        for s in outcome.suggestions:
            detail = s.to_dict()
            extras = ", ".join(
                f"{k} {v}" for k, v in detail.items() if v and k not in ("kind", "evidence", "date")
            )
            print(f"    proposes {s.kind}{' (' + extras + ')' if extras else ''}: “{s.evidence}”")
    if args.json:
        print(json.dumps([o.to_dict() for o in outcomes], indent=2, ensure_ascii=False))
    elif any(o.suggestions for o in outcomes):
        print(f"Log a proposed event with: foia-assist track event {args.id} KIND --date D …")
    return 3 if any(o.attachment is None for o in outcomes) else 0


def run_list(args: argparse.Namespace, ctx: AppContext) -> int:
    ctx.tracker.get(args.id)
    found = ctx.casefile.for_request(args.id)
    if args.json:
        print(json.dumps([a.to_dict() for a in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        print(f"Request {args.id} has no attachments.")
    for a in found:
        print(f"[{a.id}] {a.received.isoformat()} {a.name} ({a.kind}, {a.size} bytes) {a.sha256}")
    return 0


def run_detach(args: argparse.Namespace, ctx: AppContext) -> int:
    a = ctx.casefile.attachments.get(args.attachment)
    if not args.yes:
        if not sys.stdin.isatty():
            print(
                f"foia-assist: remove [{a.id}] {a.name} from request {a.request_id}? "
                "add --yes to confirm",
                file=sys.stderr,
            )
            return 2
        answer = input(f"Remove [{a.id}] {a.name} from request {a.request_id}? [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("Nothing removed.")
            return 0
    ctx.casefile.remove(a.id)
    print(f"Removed [{a.id}] {a.name} from request {a.request_id}.")
    return 0


def run_check_mail(args: argparse.Namespace, ctx: AppContext) -> int:
    import getpass

    from foia_assist.errors import UserError
    from foia_assist.services.casefile.mailbox import ImapSettings, MailboxWatch, tracked_requests

    port = args.port or (993 if args.security == "ssl" else 143)
    settings = ImapSettings(args.host, args.user, port, args.security, args.folder, args.ca_file)
    password = None if args.save_password else ctx.secrets.get(settings.secret_account)
    if password is None:
        if not sys.stdin.isatty():
            raise UserError(
                f"no password for {settings.secret_account} in the keyring: run this once in a "
                "terminal with --save-password"
            )
        password = getpass.getpass(f"Password for {args.user} at {args.host}: ")
        if args.save_password:
            ctx.secrets.set(settings.secret_account, password)
    db = ctx.tracker.requests.db
    watch = MailboxWatch(settings, password, ctx.casefile, db)
    requests = tracked_requests(ctx.tracker.requests.all())
    found = []
    for outcome in watch.check(requests, today=date.today()):
        found.append(outcome)
        if args.json:
            continue
        a = outcome.attached.attachment
        name = a.name if a else outcome.attached.name
        print(f"request {outcome.request_id}: attached {name} ({outcome.why})")
        for s in outcome.attached.suggestions:
            print(f"    proposes {s.kind}: “{s.evidence}”")
    if args.json:
        rows = [
            {"uid": o.uid, "request_id": o.request_id, "why": o.why, **o.attached.to_dict()}
            for o in found
        ]
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    elif not found:
        print("No new replies to tracked requests.")
    return 0
