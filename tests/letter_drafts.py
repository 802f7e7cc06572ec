"""Letters drafted from the example spec, for the letter tests: the rule files, catalogue and
calendars loaded once, and the spec and draft built one way (each review pass's tests had its
own copy of this)."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any

from foia_assist.domain.calendars import CalendarCache
from foia_assist.domain.jurisdictions import Jurisdiction, Level
from foia_assist.domain.request import RequestSpec
from foia_assist.paths import resources_dir
from foia_assist.services.letters.context import LetterDraft, draft_letter
from foia_assist.storage.catalogue_files import load_catalogue
from foia_assist.storage.rule_files import load_jurisdictions

EXAMPLE = Path(__file__).resolve().parent.parent / "docs" / "examples" / "request-spec.json"
TODAY = date(2026, 11, 10)
CATALOGUE = load_catalogue(resources_dir() / "frt")
CALENDARS = CalendarCache()
JURISDICTIONS = load_jurisdictions(resources_dir() / "jurisdictions")


def example_spec(
    code: str,
    level: Level | None,
    *,
    no_denial: bool = False,
    history: Mapping[str, object] | None = None,
    options: Mapping[str, object] | None = None,
) -> RequestSpec:
    """The example spec sent to an agency of `code` at `level`, by a resident of `code`;
    `no_denial` drops the example's denial (a follow-up is about silence)."""
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    data["agency"]["jurisdiction"] = code
    data["agency"]["level"] = level.value if level else None
    data["requester"]["residence"] = code
    if no_denial:
        data["history"]["denied_on"] = None
    data["history"].update(history or {})
    data["options"].update(options or {})
    return RequestSpec.from_dict(data)


def draft(
    kind: str, spec: RequestSpec, j: Jurisdiction | None = None, today: date = TODAY
) -> LetterDraft:
    """The letter of `kind` for `spec`, under `j` (default: the spec's jurisdiction's rules)."""
    j = j or JURISDICTIONS.get(spec.agency.jurisdiction)
    return draft_letter(kind, spec, j, CATALOGUE, CALENDARS.for_jurisdiction(j), today)


def context_text(letter: LetterDraft) -> str:
    """Every string the letter's template receives, joined."""
    return " ".join(str(v) for v in letter.context.values() if isinstance(v, str))


def rule_data(code: str) -> dict[str, Any]:
    """A rule file as TOML data, to be changed and parsed again."""
    return tomllib.loads((resources_dir() / "jurisdictions" / f"{code}.toml").read_text("utf-8"))


def rule_fact(data: dict[str, Any], fact_id: str) -> dict[str, Any]:
    return next(f for f in data["facts"] if f["id"] == fact_id)
