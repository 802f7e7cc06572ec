"""Follow-up and appeal letters from a tracked request: its spec plus what has happened."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from datetime import date
from pathlib import Path

from foia_assist.domain.lifecycle import EventKind, Letter
from foia_assist.domain.request import History, RequestSpec
from foia_assist.services.tracker import RequestView

LETTER_KINDS = {"follow-up": "Follow-up", "appeal": "Appeal", "request": "Request"}


def spec_for_letter(view: RequestView) -> RequestSpec:
    """The stored spec with `history` filled from the tracker (receipt, reference, denial)."""
    request, facts = view.request, view.facts
    denial = next((e for e in reversed(view.timeline) if e.kind is EventKind.DENIED), None)
    history = History(
        received=facts.received.date if facts.received else None,
        tracking_number=request.tracking_number,
        denied_on=facts.denied,
        denial_summary=denial.note if denial else "",
        exemptions_cited=denial.exemptions if denial else (),
    )
    spec = request.spec.with_agency(jurisdiction=request.jurisdiction, name=request.agency)
    return replace(spec, history=history, letter_date=None)


def letter_record(kind: str, path: Path, today: date) -> Letter:
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return Letter(kind=kind, path=str(path), sha256=digest, made_on=today)


def suggested_name(kind: str, agency: str, today: date, suffix: str) -> str:
    from foia_assist.services.bulk.filenames import safe_stem

    return safe_stem(f"{today.isoformat()} {kind} {agency}") + suffix
