"""`foia-assist agencies`: find agencies in the directory, keep their contacts, share them.

search  TEXT [--state XX] [--type T] [--county NAME] [--limit N] [--json]
export  [--state XX] [--type T] [--county NAME] [--id ID ...] --out FILE.csv
import  FILE.csv [--replace]
add     NAME --jurisdiction XX [--type T] [--state XX] [--county NAME] [contacts]
edit    ID [contacts] [--replace]
show    ID [--json]

Exit status: 0 done; 3 an import left some rows out (they are listed); 2 nothing could run.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from foia_assist.errors import UserError

if TYPE_CHECKING:
    from foia_assist.app import AppContext
    from foia_assist.services.agency_contacts import AgencyEntry, Contact, ContactBook

TYPES = "city, county, state, university, tribal, federal, other"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "agencies",
        help="find US police agencies, keep their contacts, export a campaign CSV",
        description="The agency directory: the FBI Crime Data Explorer's 2018 list of US "
        "law-enforcement agencies and the federal agencies, each with the law that applies "
        "and the contacts you recorded for it.",
    )
    cmd = p.add_subparsers(dest="agencies_command", metavar="ACTION", required=True)

    s = cmd.add_parser("search", help="search by name, city, county, state and type")
    s.add_argument("text", nargs="+", help="words in any order; a typo is forgiven")
    _filters(s)
    s.add_argument("--limit", type=int, default=20)
    s.add_argument("--json", action="store_true", help="a JSON list of agencies")
    s.set_defaults(handler=run_search)

    e = cmd.add_parser("export", help="write a bulk-ready CSV of the agencies selected")
    _filters(e)
    e.add_argument("--id", action="append", default=[], metavar="ID", help="add one agency")
    e.add_argument("--out", required=True, type=Path, metavar="FILE.csv")
    e.set_defaults(handler=run_export)

    i = cmd.add_parser("import", help="record the contacts in a CSV (a clinic's contact book)")
    i.add_argument("file", type=Path, metavar="FILE.csv")
    i.add_argument("--replace", action="store_true", help="replace contacts that differ")
    i.set_defaults(handler=run_import)

    a = cmd.add_parser("add", help="add an agency the directory does not list")
    a.add_argument("name")
    a.add_argument("--jurisdiction", required=True, help="whose law applies (e.g. MI, US)")
    a.add_argument("--type", default="other", help=TYPES)
    a.add_argument("--state", default="")
    a.add_argument("--county", default="")
    _contact_args(a)
    a.set_defaults(handler=run_add)

    ed = cmd.add_parser("edit", help="record or change one agency's contacts")
    ed.add_argument("id")
    _contact_args(ed)
    ed.add_argument("--replace", action="store_true", help="replace contacts that differ")
    ed.set_defaults(handler=run_edit)

    sh = cmd.add_parser("show", help="one agency: the law that applies, its contacts")
    sh.add_argument("id")
    sh.add_argument("--json", action="store_true")
    sh.set_defaults(handler=run_show)


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--state", help="two-letter code, e.g. MI")
    p.add_argument("--type", help=TYPES)
    p.add_argument("--county", help="county name, e.g. Wayne")


def _contact_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--email", default="")
    p.add_argument("--address", default="", help="mailing address (use \\n for line breaks)")
    p.add_argument("--portal", default="", help="records portal (http(s) address)")
    p.add_argument("--officer", default="", help="records officer (Attention: line)")
    p.add_argument("--source", default="", help="where you found these contacts")
    p.add_argument("--checked", default="", help="when (YYYY-MM-DD; default today)")


@contextlib.contextmanager
def _book(ctx: AppContext) -> Iterator[ContactBook]:
    """The contact book over the composition root's tracker (closed when run_cli ends)."""
    yield ctx.contact_book


def _contact(args: argparse.Namespace) -> Contact:
    from datetime import date

    from foia_assist.services.agency_contacts import Contact

    address = args.address.replace("\\n", "\n")
    contact = Contact(args.email.strip(), address.strip(), args.portal.strip(),
                      args.officer.strip(), args.source.strip(), args.checked.strip())  # fmt: skip
    if not contact.is_empty() and not contact.checked:
        # the CLI is the layer that reads the clock: "when" defaults to today
        contact = dataclasses.replace(contact, checked=date.today().isoformat())
    return contact


def _line(e: AgencyEntry) -> str:
    where = ", ".join(p for p in (e.county and f"{e.county} County", e.state) if p)
    law = e.jurisdiction or "no rule file"
    contacts = " · ".join(p for p in (e.email, e.portal_url) if p) or (
        "mailing address known" if e.address else "no contact yet"
    )
    return f"{e.id:<11} {e.name} — {e.type.value}, {where} — law: {law} — {contacts}"


def run_search(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services.agency_directory import parse_type

    if args.limit < 1:
        raise UserError("--limit must be 1 or more")
    with _book(ctx) as book:
        found = book.search(" ".join(args.text), state=args.state, type=parse_type(args.type),
                            county=args.county, limit=args.limit)  # fmt: skip
    if args.json:
        print(json.dumps([e.to_json() for e in found], ensure_ascii=False, indent=1))
        return 0
    if not found:
        print("no agency found", file=sys.stderr)
        return 0
    for e in found:
        print(_line(e))
    return 0


def run_export(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services.agency_contacts_csv import export_csv
    from foia_assist.services.agency_directory import parse_type

    if not (args.state or args.type or args.county or args.id):
        raise UserError("choose agencies: --state, --type, --county or --id (the whole list "
                        "is 18,000 agencies)")  # fmt: skip
    with _book(ctx) as book:
        entries = book.select(state=args.state, type=parse_type(args.type), county=args.county,
                              ids=args.id)  # fmt: skip
        if not entries:
            raise UserError("no agency matches these choices")
        missing = export_csv(entries, args.out)
    print(f"{len(entries)} agencies written to {args.out}")
    if missing:
        print(f"{len(missing)} of them have no email, address or portal yet: fill them in "
              "(or `foia-assist agencies edit ID --email ...`) before running bulk:",
              file=sys.stderr)  # fmt: skip
        for e in missing:
            print(f"  {e.id}  {e.name} ({e.state})", file=sys.stderr)
    return 0


def run_import(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services.agency_contacts_csv import import_csv
    from foia_assist.services.bulk.agencies_csv import MAX_FILE_BYTES

    path: Path = args.file
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise UserError(f"{path.name} is larger than {MAX_FILE_BYTES // 1_000_000} MB")
        data = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"file not found: {path}") from None
    except IsADirectoryError:
        raise UserError(f"{path} is a folder, not a CSV file") from None
    with _book(ctx) as book:
        report = import_csv(book, data, name=path.name, replace=args.replace)
    print(report.summary())
    return report.exit_code


def run_add(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services.agency_directory import parse_type

    type_ = parse_type(args.type)
    assert type_ is not None
    with _book(ctx) as book:
        entry = book.add_own(
            args.name, jurisdiction=args.jurisdiction, type=type_, state=args.state,
            county=args.county, contact=_contact(args),
        )  # fmt: skip
    print(f"added {entry.id}: {entry.name} (law: {entry.jurisdiction})")
    return 0


def run_edit(args: argparse.Namespace, ctx: AppContext) -> int:
    contact = _contact(args)
    if contact.is_empty():
        raise UserError("give at least one of --email, --address, --portal, --officer")
    with _book(ctx) as book:
        outcome = book.set_contact(args.id, contact, replace=args.replace)
        entry = book.entry(args.id)
    print(f"{entry.name} ({entry.id}): contacts {outcome}")
    return 0


def run_show(args: argparse.Namespace, ctx: AppContext) -> int:
    with _book(ctx) as book:
        e = book.entry(args.id)
    if args.json:
        print(json.dumps(e.to_json(), ensure_ascii=False, indent=1))
        return 0
    c = e.contact
    lines = [
        f"{e.name}  [{e.id}]",
        f"type: {e.type.value}; level: {e.level.value}; state: {e.state}"
        + (f"; county: {e.county}" if e.county else ""),
        f"law that applies: {e.jurisdiction or 'none (no rule file for this place)'}",
        f"email: {c.email or '-'}",
        f"address: {c.address.replace(chr(10), ', ') or '-'}",
        f"portal: {c.portal_url or '-'}",
        f"records officer: {c.records_officer or '-'}",
    ]
    if c.source or c.checked:
        who = "published by the agency" if e.published else "found by you"
        lines.append(f"contacts {who}: {c.source or '?'} ({c.checked or 'date unknown'})")
    if e.note:
        lines.append(f"note: {e.note}")
    if not e.own:
        lines.append("source: FBI Crime Data Explorer, 2018" if e.level.value != "federal"
                     else "source: FOIA Assist's list of federal agencies")  # fmt: skip
    print("\n".join(lines))
    return 0
