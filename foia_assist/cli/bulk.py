"""`foia-assist bulk`: one request to every agency in a CSV, each under its own law.

Exit status: 0 every row exported; 3 some rows rejected and the rest exported; 2 nothing
could run (unreadable CSV, bad spec, bad template); 1 cancelled.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foia_assist.cli.common import iso_date
from foia_assist.errors import UserError

if TYPE_CHECKING:
    from foia_assist.app import AppContext
    from foia_assist.domain.request import Agency
    from foia_assist.services.bulk.agencies_csv import AgencyList
    from foia_assist.services.bulk.exporter import BulkProgress


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "bulk",
        help="export one request to many agencies from a CSV",
        description="Write one letter per agency in a CSV, each citing its own jurisdiction's "
        "law, with manifest.csv and rejected.csv in the output folder. CSV columns: "
        "agency_name and jurisdiction (required); email, address, portal_url (at least one); "
        "attention, city, state, zip, reference (optional); agency_id (a row that gives one "
        "and no contact of its own is sent to the contacts in your contact book: see "
        "`foia-assist agencies export`).",
    )
    p.add_argument("--agencies", required=True, type=Path, metavar="FILE.csv")
    p.add_argument(
        "--spec",
        required=True,
        type=Path,
        metavar="SPEC.json",
        help="requester, records and options (see `foia-assist letter --example-spec`; "
        "its agency section may be left out)",
    )
    p.add_argument("--out", required=True, type=Path, metavar="DIR")
    p.add_argument("--format", default="docx", help="comma-separated: docx, pdf, txt")
    p.add_argument("--zip", action="store_true", help="also write DIR.zip")
    p.add_argument(
        "--sent", type=iso_date, metavar="DATE", help="put each letter's due date in the manifest"
    )
    p.add_argument("--track", action="store_true", help="add every letter to the tracker")
    p.add_argument("--jobs", type=int, default=0, help="worker processes (default: all cores)")
    p.add_argument("--template", type=Path, help="your own request template (.docx)")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.services.bulk.exporter import BulkExport, BulkOptions, write_summary
    from foia_assist.storage.spec_files import load_bulk_spec

    formats = tuple(f.strip().lower().lstrip(".") for f in args.format.split(",") if f.strip())
    sent = args.sent
    if args.jobs < 0:
        raise UserError("--jobs must be 0 (all cores) or more")
    options = BulkOptions(
        out_dir=args.out,
        formats=formats,
        sent=sent,
        make_zip=args.zip,
        jobs=args.jobs,
        template_path=args.template,
    )
    spec = load_bulk_spec(args.spec)
    agencies = read_with_contact_book(args.agencies, ctx)
    letters = ctx.letters
    today = date.today()  # the letter date; the CLI is the only layer that reads the clock
    export = BulkExport(letters, agencies, spec, options, today, pdf_backend=ctx.html_pdf_renderer)
    show = _ProgressBar(sys.stderr)
    for progress in export.run():
        show(progress)
    show.close()
    result = export.result
    print(write_summary(result))
    if args.track and result.exported:
        from foia_assist.services.bulk.tracking import track_export

        tracked = track_export(ctx.tracker, result, today=today, sent=sent)
        print(tracked.summary())
    return result.exit_code


def read_with_contact_book(path: Path, ctx: AppContext) -> AgencyList:
    """The agency CSV; rows that give an agency_id and no contact of their own get the
    contacts recorded in the contact book (loaded only if such a row is there)."""
    from foia_assist.services.bulk.agencies_csv import read_agency_csv

    def lookup(agency_id: str) -> Agency | None:
        return ctx.contact_book.letter_agency(agency_id)

    return read_agency_csv(path, ctx.jurisdictions, contacts=lookup)


class _ProgressBar:
    """A one-line bar on a terminal; nothing when stderr is redirected."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.live = bool(getattr(stream, "isatty", lambda: False)())
        self.shown = False

    def __call__(self, p: BulkProgress) -> None:
        if not self.live or p.total == 0:
            return
        width = 30
        filled = int(width * p.done / p.total)
        bar = "#" * filled + "-" * (width - filled)
        self.stream.write(f"\r[{bar}] {p.done}/{p.total} {p.stage:<10}")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.shown:
            self.stream.write("\n")
            self.stream.flush()
