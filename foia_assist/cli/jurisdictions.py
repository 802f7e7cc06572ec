"""`foia-assist jurisdictions [--json]`: every jurisdiction's law and first clock."""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from foia_assist.app import AppContext
    from foia_assist.domain.jurisdictions import Jurisdiction


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser(
        "jurisdictions", help="list the 50 states, DC and federal FOIA with their rules"
    )
    p.add_argument("--json", action="store_true", help="print a JSON list")
    p.set_defaults(handler=run)


def jurisdiction_summary(j: Jurisdiction) -> dict[str, Any]:
    r = j.response
    return {
        "code": j.code,
        "name": j.name,
        "law": j.law_name,
        "short_name": j.short_name,
        "citation": j.citation,
        "statute_url": j.statute_url,
        "response_days": r.days,
        "day_type": r.day_type.value if r.day_type else None,
        "response_action": r.action.value,
        "response_summary": r.summary,
        "response_citation": r.citation,
        "response_wording": r.wording or None,
        "extension_days": j.extension.days if j.extension else None,
        "residents_only": j.requesters.residents_only,
        "appeal": j.appeal.route,
        "sources": list(j.sources),
        "verified": j.verified.isoformat(),
        "confidence": j.confidence.value,
    }


def run(args: argparse.Namespace, ctx: AppContext) -> int:
    juris = list(ctx.jurisdictions)
    if args.json:
        print(json.dumps([jurisdiction_summary(j) for j in juris], indent=2, ensure_ascii=False))
        return 0
    print(f"{'Code':<5}{'Law':<48}{'First response':<32}{'Who may ask':<18}Verified")
    for j in juris:
        who = {True: "residents only", False: "anyone", None: "unsettled"}[j.residents_only]
        law = j.law_name if len(j.law_name) <= 46 else j.law_name[:45] + "…"
        print(
            f"{j.code:<5}{law:<48}{j.response.period_in_words()[:30]:<32}{who:<18}"
            f"{j.verified.isoformat()}"
        )
    print("\nNot legal advice: check the statute before relying on a deadline.")
    return 0
