"""A DOCX package (a ZIP archive) read for templating and written per letter with `zipfile`.

`templated_parts` finds the parts a letter template renders: the main document (named by
`_rels/.rels`) and the headers, footers and footnotes it relates to. `PackageWriter` writes
each letter: the members no letter changes are compressed once, into a base archive; each
letter copies it, appends its rendered parts, and lists every member in the template's
order. `zipfile` writes ZIP64 records where sizes need them.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
import zlib
from collections.abc import Iterator, Mapping, Sequence

from lxml import etree

_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
_PART_RELS = {
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer",
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes",
}
SAFE_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class DamagedPackage(ValueError):
    """The archive is not a usable DOCX; the message says why, for the template's name."""


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
        raise DamagedPackage(f"damaged DOCX (bad ZIP entry {info.filename})") from exc


def templated_parts(archive: zipfile.ZipFile, names: set[str]) -> dict[str, bool]:
    """Parts to render, each with whether it is the main document (table and drawing fix-ups
    apply there)."""
    main = _main_part_name(archive, names)
    if main not in names:
        raise DamagedPackage(f"not a DOCX file (no {main})")
    templated = {main: True}
    rels = posixpath.join(posixpath.dirname(main), "_rels", posixpath.basename(main) + ".rels")
    if rels in names:
        for target in _related_parts(archive, rels, posixpath.dirname(main)):
            if target in names:
                templated.setdefault(target, False)
    return templated


def _main_part_name(archive: zipfile.ZipFile, names: set[str]) -> str:
    if "_rels/.rels" in names:
        try:
            root = etree.fromstring(archive.read("_rels/.rels"), SAFE_PARSER)
        except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError):
            return "word/document.xml"
        for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
            if rel.get("Type") == _OFFICE_DOC and rel.get("TargetMode") != "External":
                return str(rel.get("Target", "")).lstrip("/")
    return "word/document.xml"


def _related_parts(archive: zipfile.ZipFile, rels: str, base: str) -> Iterator[str]:
    try:
        root = etree.fromstring(archive.read(rels), SAFE_PARSER)
    except (etree.XMLSyntaxError, zipfile.BadZipFile, OSError) as exc:
        raise DamagedPackage(f"damaged DOCX ({rels} is not valid XML)") from exc
    for rel in root.iter(f"{{{_REL_NS}}}Relationship"):
        if rel.get("Type") in _PART_RELS and rel.get("TargetMode") != "External":
            target = str(rel.get("Target", ""))
            if target.startswith("/"):
                yield target.lstrip("/")
            else:
                yield posixpath.normpath(posixpath.join(base, target))


def _entry(info: zipfile.ZipInfo, compress_type: int) -> zipfile.ZipInfo:
    """A fresh entry with the template member's name and time (ZIP has no time before 1980)."""
    when = info.date_time if info.date_time[0] >= 1980 else (1980, 1, 1, 0, 0, 0)
    entry = zipfile.ZipInfo(info.filename, when)
    entry.compress_type = compress_type
    return entry


class PackageWriter:
    """Writes one letter's DOCX: the template's untouched members, compressed once, plus the
    parts rendered for this letter, in the template's member order."""

    def __init__(self, members: Sequence[tuple[zipfile.ZipInfo, bytes | None]]) -> None:
        """`members` in the template's order; None as the data: rendered per letter."""
        self._position = {info.filename: i for i, (info, _) in enumerate(members)}
        self._rendered = [info for info, data in members if data is None]
        base = io.BytesIO()
        with zipfile.ZipFile(base, "w") as archive:
            for info, data in members:
                if data is not None:
                    archive.writestr(_entry(info, info.compress_type), data)
        self._base = base.getvalue()

    def write(self, rendered: Mapping[str, bytes]) -> bytes:
        """The letter's DOCX bytes; `rendered` holds every part given as None."""
        out = io.BytesIO(self._base)
        with zipfile.ZipFile(out, "a") as archive:
            for info in self._rendered:
                archive.writestr(_entry(info, zipfile.ZIP_DEFLATED), rendered[info.filename])
            # The central directory lists members in this order (namelist() follows it).
            archive.filelist.sort(key=lambda entry: self._position[entry.filename])
        return out.getvalue()
