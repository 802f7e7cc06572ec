"""Load the letters' fixed paragraphs from `resources/letters/<kind>.toml`.

A missing key, an unknown key or empty text is a `LetterWordingError` naming the file and
the key, so an edit by a reviewer cannot silently drop a paragraph.
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

from foia_assist.domain.letter_wording import PARAGRAPHS, ExemptionArgument, LetterWording


class LetterWordingError(ValueError):
    def __init__(self, file: Path, key: str, problem: str) -> None:
        super().__init__(f"{file.name}: '{key}': {problem}")
        self.file = str(file)
        self.key = key


def _text(file: Path, data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    if not isinstance(value, str) or not value.strip():
        raise LetterWordingError(file, key, "missing or empty text")
    return " ".join(value.split())


def _texts(file: Path, value: Any, key: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value:
        raise LetterWordingError(file, key, "expected a non-empty list of text")
    out = []
    for i, item in enumerate(value):
        if not isinstance(item, str) or not item.strip():
            raise LetterWordingError(file, f"{key}[{i}]", "expected non-empty text")
        out.append(" ".join(item.split()))
    return tuple(out)


def load_letter_wording(folder: Path) -> LetterWording:
    paragraphs: dict[str, dict[str, str]] = {}
    arguments: tuple[ExemptionArgument, ...] = ()
    items: tuple[str, ...] = ()
    sources: dict[str, str] = {}
    for kind, keys in PARAGRAPHS.items():
        file = Path(folder) / f"{kind}.toml"
        try:
            with open(file, "rb") as fh:
                data = tomllib.load(fh)
        except OSError as exc:
            raise LetterWordingError(file, "(file)", exc.strerror or str(exc)) from None
        except tomllib.TOMLDecodeError as exc:
            raise LetterWordingError(file, "(syntax)", str(exc)) from None
        extra = {"exemption_arguments"} if kind == "appeal" else set()
        extra |= {"items"} if kind == "preservation" else set()
        unknown = sorted(set(data) - set(keys) - extra)
        if unknown:
            raise LetterWordingError(file, unknown[0], "unknown key (misspelt?)")
        paragraphs[kind] = {key: _text(file, data, key) for key in keys}
        sources[kind] = str(file)
        if kind == "appeal":
            found = []
            raw = data.get("exemption_arguments")
            if not isinstance(raw, list) or not raw:
                raise LetterWordingError(file, "exemption_arguments", "expected a list of tables")
            for i, table in enumerate(raw):
                where = f"exemption_arguments[{i}]"
                if not isinstance(table, dict) or set(table) != {"matches", "argument"}:
                    raise LetterWordingError(file, where, "needs exactly matches and argument")
                matches = _texts(file, table["matches"], f"{where}.matches")
                found.append(
                    ExemptionArgument(
                        tuple(m.casefold() for m in matches),
                        _text(file, table, "argument"),
                    )
                )
            arguments = tuple(found)
        if kind == "preservation":
            items = _texts(file, data.get("items"), "items")
    return LetterWording(paragraphs, arguments, items, sources)


@lru_cache(maxsize=1)
def bundled_letter_wording() -> LetterWording:
    from foia_assist.paths import resources_dir

    return load_letter_wording(resources_dir() / "letters")
