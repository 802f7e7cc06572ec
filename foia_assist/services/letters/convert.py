"""Turn a rendered DOCX letter into plain text (email body), simple HTML, or PDF. Qt-free.

Text and HTML come from one reading of word/document.xml (lxml, no python-docx object model):
paragraphs and tables in order, runs with bold/italic/underline, line breaks and tabs,
alignment, page breaks, and numbered/bulleted paragraphs with their number or bullet written
as a plain prefix. Page headers/footers, footnotes, images and text boxes are not included.

PDF: LibreOffice (headless, private profile) when installed gives Word-like fidelity; otherwise
the built-in renderer the composition root injects (`foia_assist.gui.pdf_backend.html_to_pdf`,
Qt) prints the HTML. Services never import Qt themselves.
"""

from __future__ import annotations

import html
import io
import os
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from lxml import etree

from foia_assist.errors import UserError
from foia_assist.fileio import atomic_write_bytes

__all__ = [
    "PdfBackend",
    "docx_to_html",
    "docx_to_pdf",
    "docx_to_text",
    "libreoffice_path",
]

PdfBackend = Callable[[str, Path], None]

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
LIBREOFFICE_TIMEOUT = 120.0  # seconds; the first run also creates a profile (~2 s)
_ALIGN = {
    "center": "center",
    "right": "right",
    "end": "right",
    "both": "justify",
    "distribute": "justify",
    "left": "left",
    "start": "left",
}


# -- reading the document ------------------------------------------------------------------------


@dataclass
class _Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass
class _Paragraph:
    runs: list[_Run] = field(default_factory=list)
    align: str | None = None
    prefix: str = ""
    level: int = 0  # list nesting level
    heading: int = 0  # 1..6 for Title/Heading styles
    page_break_before: bool = False
    hanging: bool = False  # a hanging indent: "1.<tab>text" keeps its text aligned

    @property
    def text(self) -> str:
        return self.prefix + "".join(run.text for run in self.runs)


@dataclass
class _Table:
    rows: list[list[list[_Paragraph]]]
    page_break_before: bool = False


_Block = _Paragraph | _Table


@dataclass
class _Style:
    based_on: str | None = None
    num: tuple[str, int] | None = None
    align: str | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    heading: int = 0
    hanging: bool | None = None


def _hanging(ppr: Any) -> bool | None:
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


def _on(element: Any) -> bool | None:
    """A toggle property (w:b, w:i): present means on unless w:val says otherwise."""
    if element is None:
        return None
    return element.get(_W + "val", "true").lower() not in {"0", "false", "off", "none"}


class _Reader:
    def __init__(self, docx_bytes: bytes) -> None:
        try:
            archive = zipfile.ZipFile(io.BytesIO(docx_bytes))
            self.document = self._xml(archive, "word/document.xml")
            self.styles = _cached_styles(archive, _member_key(archive, "word/styles.xml"))
            self.levels = _cached_numbering(archive, _member_key(archive, "word/numbering.xml"))
        except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError) as exc:
            raise UserError("The letter is not a readable DOCX file") from exc
        self.counters: dict[str, list[int]] = {}
        self.pending_break = False

    @staticmethod
    def _xml(archive: zipfile.ZipFile, name: str) -> Any:
        return etree.fromstring(archive.read(name), _PARSER)

    def blocks(self) -> list[_Block]:
        body = self.document.find(_W + "body")
        return list(self._blocks(body)) if body is not None else []

    def _blocks(self, container: Any) -> Iterator[_Block]:
        for child in container:
            if child.tag == _W + "p":
                yield self._paragraph(child)
            elif child.tag == _W + "tbl":
                yield self._table(child)
            elif child.tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    yield from self._blocks(content)

    def _style_chain(self, style_id: str | None) -> Iterator[_Style]:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def _paragraph(self, p: Any) -> _Paragraph:
        para = _Paragraph(page_break_before=self.pending_break)
        self.pending_break = False
        ppr = p.find(_W + "pPr")
        style_id = None
        num: tuple[str, int] | None = None
        if ppr is not None:
            pstyle = ppr.find(_W + "pStyle")
            style_id = pstyle.get(_W + "val") if pstyle is not None else None
            jc = ppr.find(_W + "jc")
            if jc is not None:
                para.align = _ALIGN.get(jc.get(_W + "val", ""))
            if _on(ppr.find(_W + "pageBreakBefore")):
                para.page_break_before = True
            num = self._num_pr(ppr.find(_W + "numPr"))
        own_hanging = _hanging(ppr)
        style_bold = style_italic = style_underline = False
        style_hanging: bool | None = None
        for style in self._style_chain(style_id):
            if style_hanging is None:
                style_hanging = style.hanging
            if para.align is None and style.align:
                para.align = style.align
            if num is None and style.num:
                num = style.num
            para.heading = para.heading or style.heading
            style_bold = style_bold or bool(style.bold)
            style_italic = style_italic or bool(style.italic)
            style_underline = style_underline or bool(style.underline)
        para.hanging = bool(own_hanging if own_hanging is not None else style_hanging)
        if num is not None:
            para.level = num[1]
            para.prefix = self._number(*num)
        for run in p.iter(_W + "r"):
            if run.getparent().tag == _W + "del" or _inside(run, _W + "del"):
                continue
            rpr = run.find(_W + "rPr")
            bold, italic, underline = style_bold, style_italic, style_underline
            if rpr is not None:
                bold = _pick(_on(rpr.find(_W + "b")), bold)
                italic = _pick(_on(rpr.find(_W + "i")), italic)
                u = rpr.find(_W + "u")
                if u is not None:
                    underline = u.get(_W + "val", "single") != "none"
            text = self._run_text(run)
            if text:
                para.runs.append(_Run(text, bold, italic, underline))
        return para

    def _run_text(self, run: Any) -> str:
        parts: list[str] = []
        for el in run:
            tag = el.tag
            if tag == _W + "t":
                parts.append(el.text or "")
            elif tag == _W + "tab":
                parts.append("\t")
            elif tag == _W + "br":
                if el.get(_W + "type") == "page":
                    self.pending_break = True
                else:
                    parts.append("\n")
            elif tag == _W + "cr":
                parts.append("\n")
            elif tag == _W + "noBreakHyphen":
                parts.append("-")
        return "".join(parts)

    def _table(self, tbl: Any) -> _Table:
        table = _Table(rows=[], page_break_before=self.pending_break)
        self.pending_break = False
        for tr in tbl.findall(_W + "tr"):
            row: list[list[_Paragraph]] = []
            for tc in tr.findall(_W + "tc"):
                cell: list[_Paragraph] = []
                for block in self._blocks(tc):
                    if isinstance(block, _Paragraph):
                        cell.append(block)
                    else:  # a nested table: keep its text, flattened
                        cell.extend(p for r in block.rows for c in r for p in c)
                row.append(cell)
            table.rows.append(row)
        return table

    def _num_pr(self, num_pr: Any) -> tuple[str, int] | None:
        if num_pr is None:
            return None
        num_id = num_pr.find(_W + "numId")
        ilvl = num_pr.find(_W + "ilvl")
        if num_id is None:
            return None
        level = ilvl.get(_W + "val", "0") if ilvl is not None else "0"
        return num_id.get(_W + "val", "0"), int(level) if level.isdigit() else 0

    def _number(self, num_id: str, level: int) -> str:
        """The list prefix for this paragraph ("1. ", "a) ", "• "), advancing the counters."""
        levels = self.levels.get(num_id)
        if num_id == "0" or levels is None:
            return ""
        fmt, text, start = levels.get(level, ("bullet", "", 1))
        counters = self.counters.setdefault(num_id, [])
        while len(counters) <= level:
            counters.append(levels.get(len(counters), ("", "", 1))[2] - 1)
        counters[level] += 1
        for deeper in range(level + 1, len(counters)):
            counters[deeper] = levels.get(deeper, ("", "", 1))[2] - 1
        if fmt == "bullet":
            return "• " if level % 2 == 0 else "◦ "
        if fmt == "none":
            return ""
        label = text or f"%{level + 1}."
        for i in range(level + 1):
            shown = levels.get(i, ("decimal", "", 1))[0]
            label = label.replace(f"%{i + 1}", _format_number(max(counters[i], 0), shown))
        return label + " "


def _inside(element: Any, tag: str) -> bool:
    parent = element.getparent()
    while parent is not None:
        if parent.tag == tag:
            return True
        parent = parent.getparent()
    return False


def _pick(value: bool | None, default: bool) -> bool:
    return default if value is None else value


# Letters made from one template share styles.xml (often 350 KB) and numbering.xml: parse each
# distinct version once, keyed by the member's CRC and size from the ZIP directory.
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


def _member_key(archive: zipfile.ZipFile, name: str) -> _Key:
    try:
        info = archive.getinfo(name)
    except KeyError:
        return None
    return name, info.CRC, info.file_size


@lru_cache(maxsize=16)
def _parsed_styles(member: _Member) -> dict[str, _Style]:
    return _read_styles(member.root())


@lru_cache(maxsize=16)
def _parsed_numbering(member: _Member) -> dict[str, dict[int, tuple[str, str, int]]]:
    return _read_numbering(member.root())


def _cached_styles(archive: zipfile.ZipFile, key: _Key) -> dict[str, _Style]:
    return _parsed_styles(_Member(archive, key))


def _cached_numbering(
    archive: zipfile.ZipFile, key: _Key
) -> dict[str, dict[int, tuple[str, str, int]]]:
    return _parsed_numbering(_Member(archive, key))


def _read_styles(root: Any) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if root is None:
        return styles
    for el in root.findall(_W + "style"):
        style_id = el.get(_W + "styleId")
        if not style_id:
            continue
        style = _Style()
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
            style.hanging = _hanging(ppr)
            jc = ppr.find(_W + "jc")
            style.align = _ALIGN.get(jc.get(_W + "val", "")) if jc is not None else None
            num_pr = ppr.find(_W + "numPr")
            if num_pr is not None:
                num_id = num_pr.find(_W + "numId")
                ilvl = num_pr.find(_W + "ilvl")
                if num_id is not None:
                    lvl = ilvl.get(_W + "val", "0") if ilvl is not None else "0"
                    style.num = (num_id.get(_W + "val", "0"), int(lvl) if lvl.isdigit() else 0)
        rpr = el.find(_W + "rPr")
        if rpr is not None:
            style.bold = _on(rpr.find(_W + "b"))
            style.italic = _on(rpr.find(_W + "i"))
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


def _format_number(n: int, fmt: str) -> str:
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


# -- plain text -----------------------------------------------------------------------------------


def docx_to_text(docx_bytes: bytes) -> str:
    """Plain text for an email body: a blank line between paragraphs, line breaks kept,
    table rows one per line with cells separated by a tab, list numbers/bullets as prefixes."""
    chunks: list[str] = []
    for block in _Reader(docx_bytes).blocks():
        if isinstance(block, _Paragraph):
            text = _clean_lines(("  " * block.level if block.prefix else "") + block.text)
        else:
            rows = [
                "\t".join(_clean_lines("\n".join(p.text for p in cell)) for cell in row)
                for row in block.rows
            ]
            text = "\n".join(row.rstrip() for row in rows if row.strip())
        if text.strip():
            chunks.append(text)
    return "\n\n".join(chunks) + "\n" if chunks else ""


def _clean_lines(text: str) -> str:
    return "\n".join(line.rstrip() for line in text.split("\n"))


# -- HTML -----------------------------------------------------------------------------------------

_HTML_HEAD = (
    '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
    "<style>p { margin-top: 0; margin-bottom: 0.6em; } "
    "td { padding: 3pt; vertical-align: top; } "
    "table { border-collapse: collapse; margin-bottom: 0.6em; }</style>"
    "</head><body>\n"
)


def docx_to_html(docx_bytes: bytes) -> str:
    """Simple, escaped HTML (paragraphs, b/i/u runs, alignment, list prefixes, tables) that Qt's
    rich-text engine and browsers both display faithfully enough for a letter."""
    out = [_HTML_HEAD]
    for block in _Reader(docx_bytes).blocks():
        if isinstance(block, _Paragraph):
            out.append(_paragraph_html(block) + "\n")
        else:
            style = ' style="page-break-before: always"' if block.page_break_before else ""
            out.append(f'<table border="1" cellspacing="0" cellpadding="4" width="100%"{style}>\n')
            for row in block.rows:
                cells = "".join(
                    "<td>" + "".join(_paragraph_html(p) for p in cell) + "</td>" for cell in row
                )
                out.append(f"<tr>{cells}</tr>\n")
            out.append("</table>\n")
    out.append("</body></html>\n")
    return "".join(out)


def _paragraph_html(para: _Paragraph) -> str:
    if para.hanging and not para.heading:
        split = _split_label(para)
        if split is not None:
            return _hanging_html(para, *split)
    tag = f"h{para.heading}" if para.heading else "p"
    attrs = f' align="{para.align}"' if para.align else ""
    styles = []
    if para.page_break_before:
        styles.append("page-break-before: always")
    if para.level:
        styles.append(f"margin-left: {1.5 * para.level}em")
    if styles:
        attrs += f' style="{"; ".join(styles)}"'
    inner = html.escape(para.prefix) + "".join(_run_html(run) for run in para.runs)
    return f"<{tag}{attrs}>{inner or '&nbsp;'}</{tag}>"


def _split_label(para: _Paragraph) -> tuple[str, list[_Run]] | None:
    """A hanging paragraph's label ("1.", "•") before its first tab, and the runs after it."""
    label = para.prefix
    for i, run in enumerate(para.runs):
        if "\t" in run.text:
            before, after = run.text.split("\t", 1)
            label += before
            if len(label.strip()) > 6:  # not a label: a tab inside the text
                return None
            rest = [_Run(after, run.bold, run.italic, run.underline), *para.runs[i + 1 :]]
            return label.strip(), [r for r in rest if r.text]
        label += run.text
    return None


def _hanging_html(para: _Paragraph, label: str, rest: list[_Run]) -> str:
    """A borderless two-cell table: Qt's rich text has no tab stops, and this keeps every line
    of an item's text aligned after its number, as Word's hanging indent does."""
    style = ' style="page-break-before: always"' if para.page_break_before else ""
    text = "".join(_run_html(run) for run in rest) or "&nbsp;"
    return (
        f'<table width="100%" cellspacing="0" cellpadding="0"{style}>'
        f'<tr><td width="28" style="padding: 0">{html.escape(label)}</td>'
        f'<td style="padding: 0">{text}</td></tr></table>'
    )


def _run_html(run: _Run) -> str:
    text = html.escape(run.text).replace("\n", "<br>").replace("\t", "&emsp;")
    if run.underline:
        text = f"<u>{text}</u>"
    if run.italic:
        text = f"<i>{text}</i>"
    if run.bold:
        text = f"<b>{text}</b>"
    return text


# -- PDF ------------------------------------------------------------------------------------------


def libreoffice_path() -> Path | None:
    """LibreOffice's command-line program if it is on PATH."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    return None


def docx_to_pdf(
    docx_bytes: bytes,
    out_path: Path,
    *,
    pdf_backend: PdfBackend | None = None,
    prefer_libreoffice: bool = True,
) -> Path:
    """Write the letter as a PDF at `out_path` (atomically) and return the path.

    Uses LibreOffice when installed (best fidelity) unless `prefer_libreoffice` is False and a
    built-in `pdf_backend(html, path)` is given; falls back to whichever one is available.
    """
    soffice = libreoffice_path()
    if soffice is not None and (prefer_libreoffice or pdf_backend is None):
        pdf = _libreoffice_pdf(soffice, docx_bytes)
    elif pdf_backend is not None:
        pdf = _backend_pdf(pdf_backend, docx_bytes)
    else:
        raise UserError("PDF needs LibreOffice or the built-in renderer")
    return atomic_write_bytes(out_path, pdf)


def _backend_pdf(backend: PdfBackend, docx_bytes: bytes) -> bytes:
    page = docx_to_html(docx_bytes)
    with tempfile.TemporaryDirectory(prefix="foia-pdf-") as tmp:
        target = Path(tmp) / "letter.pdf"
        backend(page, target)
        try:
            return target.read_bytes()
        except OSError as exc:
            raise UserError("The built-in PDF renderer did not produce a file") from exc


def _libreoffice_pdf(soffice: Path, docx_bytes: bytes, timeout: float | None = None) -> bytes:
    with tempfile.TemporaryDirectory(prefix="foia-lo-") as tmp:
        folder = Path(tmp)
        source = folder / "letter.docx"
        source.write_bytes(docx_bytes)
        out_dir = folder / "out"
        out_dir.mkdir()
        # A private profile per call: parallel conversions and a running LibreOffice window
        # would otherwise fight over the user's profile lock.
        profile = (folder / "profile").as_uri()
        command = [
            str(soffice),
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out_dir),
            str(source),
        ]
        env = dict(os.environ, HOME=str(folder))
        try:
            result = subprocess.run(
                command,
                capture_output=True,
                text=True,
                timeout=timeout or LIBREOFFICE_TIMEOUT,
                env=env,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired as exc:
            raise UserError(
                f"LibreOffice did not finish the PDF within {exc.timeout:g} seconds"
            ) from exc
        except OSError as exc:
            raise UserError(f"LibreOffice could not be started ({exc.strerror})") from exc
        produced = out_dir / "letter.pdf"
        if result.returncode != 0 or not produced.is_file():
            detail = (result.stderr or result.stdout).strip().splitlines()
            reason = detail[-1] if detail else f"exit code {result.returncode}"
            raise UserError(f"LibreOffice could not convert the letter to PDF: {reason}")
        return produced.read_bytes()
