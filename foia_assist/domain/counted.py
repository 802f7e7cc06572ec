"""A number with its noun in the right form: "1 letter", "3 letters" (not "letter(s)")."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str = "") -> str:
    """`n` and `noun`, plural unless n is 1; `plural` where adding "s" is wrong."""
    return f"{n:,} {noun if n == 1 else plural or noun + 's'}"
