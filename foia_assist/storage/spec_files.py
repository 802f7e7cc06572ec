"""Reading a request spec file (JSON) from disk, for the CLI and the window alike."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from foia_assist.domain.request import RequestSpec, SpecError
from foia_assist.errors import UserError


def load_spec(path: Path, *, agency_optional: bool = False) -> RequestSpec:
    """Read a JSON request spec, naming the file and the field of any problem.

    With `agency_optional` (bulk export: each CSV row supplies the agency) a spec without
    an agency section is accepted and gets a placeholder agency."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise UserError(f"spec file not found: {path}") from None
    except OSError as exc:
        raise UserError(f"cannot read {path}: {exc.strerror}") from None
    # Windows Notepad saves UTF-8 with a byte-order mark, and "Unicode" as UTF-16.
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff"))
    try:
        text = raw.decode("utf-16" if utf16 else "utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{path.name}: not {'UTF-16' if utf16 else 'UTF-8'} text") from None
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UserError(
            f"{path.name}: not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}"
        ) from None
    if agency_optional and isinstance(data, dict) and not data.get("agency"):
        data = {**data, "agency": {"name": "(each agency in the CSV)", "jurisdiction": "US"}}
    try:
        return RequestSpec.from_dict(data)
    except SpecError as exc:
        raise UserError(f"{path.name}: {exc}") from None


def load_bulk_spec(path: Path) -> RequestSpec:
    """The request spec for a bulk export; its agency section is optional (each CSV row
    supplies one)."""
    return load_spec(path, agency_optional=True)
