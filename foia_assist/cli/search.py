"""`foia-assist search TEXT [--json]`: every attachment of every request, best match first."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from foia_assist.app import AppContext


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("search", help="search the text of every attachment of every request")
    p.add_argument("text", nargs="+", metavar="TEXT")
    p.add_argument("--limit", type=int, default=50, metavar="N", help="at most N results")
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    hits = ctx.casefile.search(" ".join(args.text), max(1, min(args.limit, 1000)))
    if args.json:
        print(json.dumps([h.to_dict() for h in hits], indent=2, ensure_ascii=False))
        return 0
    if not hits:
        print("No attachment contains all of those words.")
    for h in hits:
        snippet = " ".join(h.snippet.split())
        print(f"request {h.request_id} · [{h.attachment_id}] {h.name}\n    {snippet}")
    return 0
