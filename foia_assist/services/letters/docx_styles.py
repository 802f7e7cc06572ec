"""A DOCX's styles and numbering definitions, as the letter reader needs them.

Letters made from one template share styles.xml (often 350 KB) and numbering.xml: each
distinct version is parsed once (`lru_cache`, keyed by the member's CRC and size).
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_W = W
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
ALIGN = {
    "center": "center",
    "right": "right",
    "end": "right",
    "both": "justify",
    "distribute": "justify",
    "left": "left",
    "start": "left",
}


@dataclass
class Style:
    based_on: str | None = None
    num: tuple[str, int] | None = None
    align: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    heading: int = 0
    hanging: bool | None = None


def hanging_indent(ppr: Any) -> bool | None:
    """Whether a paragraph's indentation hangs (w:ind hanging, or a negative firstLine)."""
    ind = ppr.find(_W + "ind") if ppr is not None else None
    if ind is None:
        return None
    hanging = ind.get(_W + "hanging")
    first = ind.get(_W + "firstLine")
    if hanging is not None:
        return hanging.lstrip("-").isdigit() and int(hanging) > 0
    if first is not None:
        return first.startswith("-") and first[1:].isdigit() and int(first[1:]) > 0
    return None


def switched_on(element: Any) -> bool | None:
    """A toggle property (w:b, w:i): present means on unless w:val says otherwise."""
    if element is None:
        return None
    return element.get(_W + "val", "true").lower() not in {"0", "false", "off", "none"}


_Key = tuple[str, int, int] | None


class _Member:
    """One member of an open DOCX, equal to another with the same name, CRC and size, so
    `lru_cache` parses each distinct version once. It lets go of the archive once read."""

    __slots__ = ("key", "_archive")

    def __init__(self, archive: zipfile.ZipFile, key: _Key) -> None:
        self.key = key
        self._archive: zipfile.ZipFile | None = archive

    def __hash__(self) -> int:
        return hash(self.key)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Member) and other.key == self.key

    def root(self) -> Any:
        archive, self._archive = self._archive, None
        if self.key is None or archive is None:
            return None
        return etree.fromstring(archive.read(self.key[0]), _PARSER)


def member_key(archive: zipfile.ZipFile, name: str) -> _Key:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    return name, info.CRC, info.file_size


@lru_cache(maxsize=16)
def _parsed_styles(member: _Member) -> dict[str, Style]:
    return _read_styles(member.root())


@lru_cache(maxsize=16)
def _parsed_numbering(member: _Member) -> dict[str, dict[int, tuple[str, str, int]]]:
    return _read_numbering(member.root())


def cached_styles(archive: zipfile.ZipFile, key: _Key) -> dict[str, Style]:
    return _parsed_styles(_Member(archive, key))


def cached_numbering(
    archive: zipfile.ZipFile, key: _Key
) -> dict[str, dict[int, tuple[str, str, int]]]:
    return _parsed_numbering(_Member(archive, key))


def _read_styles(root: Any) -> dict[str, Style]:
    styles: dict[str, Style] = {}
    if root is None:
        return styles
    for el in root.findall(_W + "style"):
        style_id = el.get(_W + "styleId")
        if not style_id:
            continue
        style = Style()
        based = el.find(_W + "basedOn")
        style.based_on = based.get(_W + "val") if based is not None else None
        name = el.find(_W + "name")
        label = (name.get(_W + "val", "") if name is not None else "").lower()
        if label == "title":
            style.heading = 1
        elif label.startswith("heading ") and label[8:].isdigit():
            style.heading = min(int(label[8:]), 6)
        ppr = el.find(_W + "pPr")
        if ppr is not None:
            style.hanging = hanging_indent(ppr)
            jc = ppr.find(_W + "jc")
            style.align = ALIGN.get(jc.get(_W + "val", "")) if jc is not None else None
            num_pr = ppr.find(_W + "numPr")
            if num_pr is not None:
                num_id = num_pr.find(_W + "numId")
                ilvl = num_pr.find(_W + "ilvl")
                if num_id is not None:
                    lvl = ilvl.get(_W + "val", "0") if ilvl is not None else "0"
                    style.num = (num_id.get(_W + "val", "0"), int(lvl) if lvl.isdigit() else 0)
        rpr = el.find(_W + "rPr")
        if rpr is not None:
            style.bold = switched_on(rpr.find(_W + "b"))
            style.italic = switched_on(rpr.find(_W + "i"))
            u = rpr.find(_W + "u")
            style.underline = None if u is None else u.get(_W + "val", "single") != "none"
        styles[style_id] = style
    return styles


def _read_numbering(root: Any) -> dict[str, dict[int, tuple[str, str, int]]]:
    """numId -> level -> (numFmt, lvlText, start)."""
    if root is None:
        return {}
    abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
    for an in root.findall(_W + "abstractNum"):
        levels: dict[int, tuple[str, str, int]] = {}
        for lvl in an.findall(_W + "lvl"):
            ilvl = lvl.get(_W + "ilvl", "0")
            fmt = lvl.find(_W + "numFmt")
            text = lvl.find(_W + "lvlText")
            start = lvl.find(_W + "start")
            start_val = start.get(_W + "val", "1") if start is not None else "1"
            levels[int(ilvl) if ilvl.isdigit() else 0] = (
                fmt.get(_W + "val", "decimal") if fmt is not None else "decimal",
                text.get(_W + "val", "") if text is not None else "",
                int(start_val) if start_val.isdigit() else 1,
            )
        abstract[an.get(_W + "abstractNumId", "")] = levels
    result: dict[str, dict[int, tuple[str, str, int]]] = {}
    for num in root.findall(_W + "num"):
        ref = num.find(_W + "abstractNumId")
        if ref is not None and ref.get(_W + "val", "") in abstract:
            result[num.get(_W + "numId", "")] = abstract[ref.get(_W + "val", "")]
    return result


def format_number(n: int, fmt: str) -> str:
    if fmt in {"lowerLetter", "upperLetter"}:
        letters = ""
        while n > 0:
            n, rest = divmod(n - 1, 26)
            letters = chr(ord("a") + rest) + letters
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in {"lowerRoman", "upperRoman"}:
        roman = _roman(n)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while n >= value:
            out += numeral
            n -= value
    return out
