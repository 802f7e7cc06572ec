"""Read the bundled agency directory: the FBI list (gzip JSON lines) and the federal list (TOML).

The JSON lines file is written by `tools/build_agency_directory.py`; each line is one
agency with the keys of `DirectoryAgency` (empty values left out).
"""

from __future__ import annotations

import gzip
import json
import tomllib
from datetime import date
from pathlib import Path
from typing import Any

from foia_assist.domain.agency_directory import AgencyType, DirectoryAgency
from foia_assist.domain.jurisdictions import Level

FBI_FILE = "agencies-fbi-cde-2018.jsonl.gz"
FEDERAL_FILE = "federal.toml"
SOURCE_CREDIT = (
    "Agency list: FBI Crime Data Explorer (Uniform Crime Reporting program), 2018; "
    "public domain US government data."
)


class DirectoryFileError(ValueError):
    pass


def _agency(obj: dict[str, Any], where: str) -> DirectoryAgency:
    try:
        return DirectoryAgency(
            id=str(obj["id"]),
            name=str(obj["name"]),
            type=AgencyType(obj["type"]),
            level=Level(obj["level"]),
            state=str(obj["state"]),
            county=str(obj.get("county", "")),
            jurisdiction=obj.get("jurisdiction") or None,
            note=str(obj.get("note", "")),
        )
    except (KeyError, ValueError, TypeError) as exc:
        raise DirectoryFileError(f"{where}: {exc!r}") from None


def read_fbi_list(path: Path) -> list[DirectoryAgency]:
    out: list[DirectoryAgency] = []
    try:
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                if line.strip():
                    out.append(_agency(json.loads(line), f"{path.name} line {n}"))
    except (OSError, json.JSONDecodeError, EOFError) as exc:
        raise DirectoryFileError(f"{path.name}: {exc}") from None
    return out


def read_federal_list(path: Path) -> list[DirectoryAgency]:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise DirectoryFileError(f"{path.name}: {exc}") from None
    out = []
    for i, a in enumerate(doc.get("agency", [])):
        try:
            checked = a.get("checked", "")
            out.append(
                DirectoryAgency(
                    id=str(a["id"]),
                    name=str(a["name"]),
                    type=AgencyType.FEDERAL,
                    level=Level.FEDERAL,
                    state="US",
                    jurisdiction="US",
                    note=str(a.get("missing", "")),
                    email=str(a.get("email", "")),
                    address=str(a.get("address", "")),
                    portal_url=str(a.get("portal_url", "")),
                    contact_source=str(a.get("source", "")),
                    contact_checked=checked.isoformat() if isinstance(checked, date) else "",
                    parent=str(a.get("parent", "")),
                )
            )
        except KeyError as exc:
            raise DirectoryFileError(f"{path.name}: agency {i + 1} has no {exc}") from None
    return out


def load_directory(folder: Path) -> list[DirectoryAgency]:
    """Federal agencies first, then the FBI list."""
    return read_federal_list(folder / FEDERAL_FILE) + read_fbi_list(folder / FBI_FILE)


def agency_record(a: DirectoryAgency) -> dict[str, str]:
    """The JSON object written for one FBI-list agency (empty values left out)."""
    obj = {
        "id": a.id,
        "name": a.name,
        "type": a.type.value,
        "level": a.level.value,
        "state": a.state,
        "county": a.county,
        "jurisdiction": a.jurisdiction or "",
        "note": a.note,
    }
    return {k: v for k, v in obj.items() if v}
