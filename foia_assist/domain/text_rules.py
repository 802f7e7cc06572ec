"""The one rule for control characters in text a user typed or a file supplied.

Text is stored and later printed to terminals and written to letters, CSV, ICS and email
headers, so control characters are refused everywhere by the same rule: C0 controls
(U+0000-U+001F) except those the caller allows (a newline and a tab in notes and
multi-line fields), DEL (U+007F) and the C1 controls (U+0080-U+009F, which terminals read
as escape sequences just like ESC).
"""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=8)
def _pattern(allow: str) -> re.Pattern[str]:
    refused = "".join(
        re.escape(chr(c)) for c in (*range(0x20), *range(0x7F, 0xA0)) if chr(c) not in allow
    )
    return re.compile(f"[{refused}]")


def first_control_character(text: str, allow: str = "") -> str | None:
    """The first control character in `text` that the rule refuses, or None.

    `allow`: control characters this field may hold, e.g. "\\n\\t" for multi-line text."""
    found = _pattern(allow).search(text)
    return found.group() if found else None


def has_control_characters(text: str, allow: str = "") -> bool:
    return first_control_character(text, allow) is not None
