"""`foia-assist letter`: write a request, follow-up, appeal or preservation letter from a spec.

    foia-assist letter --spec SPEC.json --out FILE.docx|.pdf|.txt [--kind KIND]
                       [--jurisdiction CODE] [--agency NAME] [--level LEVEL]
                       [--basis TEXT] [--template FILE.docx]
    foia-assist letter --example-spec > spec.json

The letter is dated today unless the spec sets `letter_date`. Warnings the requester must read
(a residency statement to confirm, a state law to check) go to stderr.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from foia_assist.cli.common import add_level_argument, check_option, with_level
from foia_assist.errors import UserError

if TYPE_CHECKING:
    from foia_assist.app import AppContext

KINDS = ("request", "follow-up", "appeal", "preservation")
EXAMPLE_SPEC = "request-spec.json"


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "letter",
        help="write a request, follow-up, appeal or preservation letter (DOCX, PDF or text)",
        description="Write a letter from a JSON request spec. The output format follows the "
        "file name: .docx, .pdf or .txt. Not legal advice: read the letter before sending.",
    )
    p.add_argument("--spec", type=Path, metavar="SPEC.json", help="the request spec (JSON)")
    p.add_argument("--out", type=Path, metavar="FILE", help="where to write: .docx, .pdf or .txt")
    p.add_argument(
        "--kind", choices=KINDS, default="request", help="which letter (default request)"
    )
    p.add_argument("--jurisdiction", metavar="CODE", help="override agency.jurisdiction")
    p.add_argument("--agency", metavar="NAME", help="override agency.name")
    add_level_argument(p)
    p.add_argument(
        "--basis",
        metavar="TEXT",
        help="override requester.basis: where the law limits who may ask, yours in its words "
        "('foia-assist law CODE' lists them)",
    )
    p.add_argument("--template", type=Path, metavar="FILE.docx", help="your own DOCX template")
    p.add_argument(
        "--example-spec",
        action="store_true",
        help="print a complete example spec and exit (see docs/request-spec.md)",
    )
    p.set_defaults(handler=run)


def example_spec_text() -> str:
    """The example spec shipped in docs/examples (bundled under resources/ for installs)."""
    from foia_assist.paths import resources_dir

    return (resources_dir() / "frt" / "examples" / EXAMPLE_SPEC).read_text(encoding="utf-8")


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    if args.example_spec:
        sys.stdout.write(example_spec_text())
        return 0
    if args.spec is None or args.out is None:
        raise UserError("letter needs --spec SPEC.json and --out FILE (or --example-spec)")
    from foia_assist.storage.spec_files import load_spec

    for option, value in (
        ("--jurisdiction", args.jurisdiction),
        ("--agency", args.agency),
        ("--basis", args.basis),
    ):
        check_option(value, option)
    spec = load_spec(args.spec)
    if args.jurisdiction:
        spec = spec.with_agency(jurisdiction=args.jurisdiction.strip())
    if args.agency:
        if not args.agency.strip():
            raise UserError("--agency must not be empty")
        spec = spec.with_agency(name=args.agency.strip())
    spec = with_level(spec, args.level)
    if args.basis:
        from dataclasses import replace

        spec = replace(spec, requester=replace(spec.requester, basis=args.basis.strip()))
    from foia_assist.services.letter_preview import preview_letter
    from foia_assist.services.letters.service import check_format

    service = ctx.letters
    today = date.today()  # the only place the letter date comes from the clock
    check_format(Path(args.out))
    preview = preview_letter(service, args.kind, spec, today, template_path=args.template)
    out = service.write_docx_as(preview.docx, args.out)
    for warning in preview.warnings:  # the same warnings as the window's review page
        print(f"foia-assist: check: {warning}", file=sys.stderr)
    print(out)
    return 0
