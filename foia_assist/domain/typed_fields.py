"""The one typed reader for parsed TOML and JSON documents (rule files, the records catalogue,
request specs): typed access to one table, every problem naming the dotted field.

Each document kind subclasses `TypedFields` with its own error (`error`) and the getters its
format needs; the mechanics (which keys were read, nested tables, unknown keys) are here once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any


class TypedFields:
    """One table of a parsed document; `prefix` is its dotted path ("agency.", "facts[2].")."""

    def __init__(self, data: Mapping[str, Any], prefix: str = "") -> None:
        self.data = data
        self.prefix = prefix
        self.used: set[str] = set()

    def error(self, field: str, problem: str) -> Exception:
        """The exception for a problem with the dotted `field` (each document kind's own)."""
        raise NotImplementedError

    def path(self, key: str) -> str:
        return f"{self.prefix}{key}"

    def fail(self, key: str, problem: str) -> Exception:
        return self.error(self.path(key), problem)

    def take(self, key: str, required: bool = False) -> Any:
        """The raw value under `key` (None when absent), marking the key as read."""
        self.used.add(key)
        if key not in self.data:
            if required:
                raise self.fail(key, "missing")
            return None
        return self.data[key]

    def text_items(self, key: str, required: bool = False) -> list[tuple[str, Any]]:
        """The items of a list of text under `key`, each with its dotted key ("terms[2]"),
        for the caller to check and clean; [] when absent."""
        value = self.take(key, required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail(key, "expected a list of text")
        return [(f"{key}[{i}]", item) for i, item in enumerate(value)]

    def check_unknown(self) -> None:
        """Refuse a key nobody read: a misspelt field must not be silently ignored."""
        unknown = sorted(set(self.data) - self.used)
        if unknown:
            raise self.fail(unknown[0], "unknown field (misspelt?)")
