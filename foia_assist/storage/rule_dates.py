"""When each jurisdiction's rules were last checked, read without loading the rule files.

The window's footer says it from the first moment; the full loader (`rule_files`) takes
most of start-up. Each file's top-level `verified = YYYY-MM-DD` comes before its first table.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

_VERIFIED = re.compile(r"^verified\s*=\s*(\d{4}-\d{2}-\d{2})\s*(#.*)?$")


def verified_dates(folder: Path) -> list[date]:
    """The top-level `verified` date of every rule file in `folder` (unreadable ones skipped)."""
    out: list[date] = []
    for path in sorted(folder.glob("*.toml")):
        try:
            found = _verified(path)
        except (OSError, UnicodeDecodeError):
            continue
        if found is not None:
            out.append(found)
    return out


def _verified(path: Path) -> date | None:
    # Line by line, stopping at the first table: the rest of the file is not read (this runs
    # on the window's start-up path, before the list is shown).
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if line.startswith("["):
                return None
            m = _VERIFIED.match(line.strip())
            if m:
                try:
                    return date.fromisoformat(m.group(1))
                except ValueError:
                    return None
    return None
