"""File names that are safe on Windows, macOS and Linux.

No path separators or traversal, no control or reserved characters, no Windows
device names (CON, NUL, COM1…), no trailing dots or spaces, bounded length, and
unique within one export (case-insensitively, as Windows and macOS compare names).
"""

from __future__ import annotations

import re
import unicodedata

MAX_STEM = 80  # leaves room for suffixes and a deep output folder on Windows (MAX_PATH 260)
_RESERVED = {
    "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
    *(f"COM{i}" for i in range(10)), *(f"LPT{i}" for i in range(10)),
    "COM¹", "COM²", "COM³", "LPT¹", "LPT²", "LPT³",
}  # fmt: skip
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')


def safe_stem(text: str, fallback: str = "letter") -> str:
    """One safe name component (no extension) from arbitrary text."""
    text = unicodedata.normalize("NFKC", text)
    text = "".join(" " if unicodedata.category(c).startswith("C") else c for c in text)
    text = _UNSAFE.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = text.replace(" ", "_")
    # No leading option dash or formula character: the manifest would quote the name.
    text = re.sub(r"\.{2,}", ".", text).strip("._ ").lstrip("-=+@._")
    if len(text) > MAX_STEM:
        text = text[:MAX_STEM].rstrip("._ ")
    if not text:
        text = fallback
    if text.split(".")[0].upper() in _RESERVED:
        text = f"_{text}"
    return text


class UniqueNames:
    """Hands out names that differ case-insensitively: `a`, `a-2`, `a-3`…"""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def claim(self, stem: str) -> str:
        candidate, n = stem, 1
        while candidate.casefold() in self._used:
            n += 1
            suffix = f"-{n}"
            candidate = stem[: MAX_STEM - len(suffix)] + suffix
        self._used.add(candidate.casefold())
        return candidate
