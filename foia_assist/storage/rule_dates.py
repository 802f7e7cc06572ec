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
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for line in lines:
            if line.startswith("["):
                break
            m = _VERIFIED.match(line.strip())
            if m:
                try:
                    out.append(date.fromisoformat(m.group(1)))
                except ValueError:
                    pass
                break
    return out
