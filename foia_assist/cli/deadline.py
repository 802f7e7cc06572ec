"""`foia-assist deadline JURISDICTION RECEIVED_DATE [--extension-days N] [--json]`."""

from __future__ import annotations

import argparse
import json
import re
from typing import TYPE_CHECKING

from foia_assist.cli.common import iso_date
from foia_assist.errors import UserError

if TYPE_CHECKING:
    from foia_assist.app import AppContext


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "deadline",
        help="compute when an agency must respond, with the reasoning",
        description="Compute the first response deadline for a request received on a date "
        "(that day is day 0), skipping weekends and the jurisdiction's holidays where the law "
        "counts business days. Not legal advice.",
    )
    p.add_argument("jurisdiction", metavar="JURISDICTION", help="a code (CA, US) or full name")
    p.add_argument(
        "received", type=iso_date, metavar="RECEIVED_DATE", help="the day the agency received it"
    )
    p.add_argument(
        "--extension-days",
        type=int,
        default=0,
        metavar="N",
        help="days of extension the agency has taken (counted in the law's extension days, "
        "business or calendar, as `jurisdictions` shows; else in the clock's)",
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=run)


def law_with_short_name(law_name: str, short_name: str) -> str:
    """'Law (Short)', unless the law's name already says the short name (or there is none)."""
    short = short_name.strip()
    # Whole words only: "ORA" is not said by "Colorado Open Records Act".
    if not short or re.search(rf"(?<!\w){re.escape(short)}(?!\w)", law_name, re.IGNORECASE):
        return law_name
    return f"{law_name} ({short})"


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.domain.calendars import CalendarRangeError
    from foia_assist.domain.deadlines import compute_deadline, fmt_day
    from foia_assist.domain.jurisdictions import UnknownJurisdictionError

    try:
        jurisdiction = ctx.jurisdictions.get(args.jurisdiction)
    except UnknownJurisdictionError as exc:
        raise UserError(str(exc)) from None
    received = args.received
    if args.extension_days < 0:
        raise UserError(f"--extension-days must be 0 or more, not {args.extension_days}")
    try:
        calendar = ctx.calendars.for_jurisdiction(jurisdiction)
        result = compute_deadline(
            jurisdiction, received, calendar, extension_days=args.extension_days
        )
    except CalendarRangeError as exc:
        raise UserError(str(exc)) from None

    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
        return 0
    clock = jurisdiction.response
    law = law_with_short_name(jurisdiction.law_name, jurisdiction.short_name)
    print(f"{jurisdiction.name}: {law}")
    print(f"Received: {fmt_day(received)}")
    if result.due is not None:
        period = clock.period_in_words()
        if result.extension_days:
            unit = result.extension_day_type.value + " " if result.extension_day_type else ""
            period += f" plus a {result.extension_days} {unit}day extension"
        print(f"{clock.name} due: {fmt_day(result.due)} ({period})")
    else:
        print(f"{clock.name} due: no fixed date. {result.note}")
    print()
    print("How this was worked out:")
    for step in result.steps:
        print(f"- {step}")
    print()
    source = jurisdiction.statute_url or (jurisdiction.sources[0] if jurisdiction.sources else "")
    print(
        f"Not legal advice: rule last verified {jurisdiction.verified.isoformat()} "
        f"(source: {source})."
    )
    return 0
