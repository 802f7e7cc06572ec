"""`foia-assist law CODE [--json]`: every fact the app states about a jurisdiction's law, with
its citation, the law's own words, source and date checked."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

from foia_assist.errors import UserError

if TYPE_CHECKING:
    from foia_assist.app import AppContext


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "law",
        help="every fact the app states about a jurisdiction's law, with the law's own words",
        description="Print each statement of law the app makes for a jurisdiction: its "
        "citation, the law's words, the source and the date checked. Not legal advice.",
    )
    p.add_argument("code", metavar="CODE", help="two-letter code (CA, US …) or name")
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    from foia_assist.domain.jurisdictions import UnknownJurisdictionError
    from foia_assist.services.law import law_json, law_text

    try:
        j = ctx.jurisdictions.get(args.code)
    except UnknownJurisdictionError as exc:
        raise UserError(str(exc)) from None
    if args.json:
        print(json.dumps(law_json(j), indent=2, ensure_ascii=False))
    else:
        print(law_text(j))
    return 0
