"""Reading a rendered DOCX letter (word/document.xml, lxml, no python-docx object model) into
blocks: paragraphs and tables in order, runs with bold/italic/underline, line breaks and tabs,
alignment, page breaks, and numbered/bulleted paragraphs with their number or bullet as a
plain prefix. Page headers/footers, footnotes, images and text boxes are not read.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from foia_assist.errors import UserError
from foia_assist.services.letters.docx_styles import (
    ALIGN,
    Style,
    W,
    cached_numbering,
    cached_styles,
    format_number,
    hanging_indent,
    member_key,
    switched_on,
)

_W = W
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@dataclass
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False


@dataclass
class Paragraph:
    runs: list[Run] = field(default_factory=list)
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
class Table:
    rows: list[list[list[Paragraph]]]
    page_break_before: bool = False


Block = Paragraph | Table


class DocxReader:
    def __init__(self, docx_bytes: bytes) -> None:
        try:
            archive = zipfile.ZipFile(io.BytesIO(docx_bytes))
            self.document = self._xml(archive, "word/document.xml")
            self.styles = cached_styles(archive, member_key(archive, "word/styles.xml"))
            self.levels = cached_numbering(archive, member_key(archive, "word/numbering.xml"))
        except (zipfile.BadZipFile, KeyError, OSError, etree.XMLSyntaxError) as exc:
            raise UserError("The letter is not a readable DOCX file") from exc
        self.counters: dict[str, list[int]] = {}
        self.pending_break = False

    @staticmethod
    def _xml(archive: zipfile.ZipFile, name: str) -> Any:
        return etree.fromstring(archive.read(name), _PARSER)

    def blocks(self) -> list[Block]:
        body = self.document.find(_W + "body")
        return list(self._blocks(body)) if body is not None else []

    def _blocks(self, container: Any) -> Iterator[Block]:
        for child in container:
            if child.tag == _W + "p":
                yield self._paragraph(child)
            elif child.tag == _W + "tbl":
                yield self._table(child)
            elif child.tag == _W + "sdt":
                content = child.find(_W + "sdtContent")
                if content is not None:
                    yield from self._blocks(content)

    def _style_chain(self, style_id: str | None) -> Iterator[Style]:
        seen: set[str] = set()
        while style_id and style_id in self.styles and style_id not in seen:
            seen.add(style_id)
            style = self.styles[style_id]
            yield style
            style_id = style.based_on

    def _paragraph(self, p: Any) -> Paragraph:
        para = Paragraph(page_break_before=self.pending_break)
        self.pending_break = False
        ppr = p.find(_W + "pPr")
        style_id = None
        num: tuple[str, int] | None = None
        if ppr is not None:
            pstyle = ppr.find(_W + "pStyle")
            style_id = pstyle.get(_W + "val") if pstyle is not None else None
            jc = ppr.find(_W + "jc")
            if jc is not None:
                para.align = ALIGN.get(jc.get(_W + "val", ""))
            if switched_on(ppr.find(_W + "pageBreakBefore")):
                para.page_break_before = True
            num = self._num_pr(ppr.find(_W + "numPr"))
        own_hanging = hanging_indent(ppr)
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
                bold = _pick(switched_on(rpr.find(_W + "b")), bold)
                italic = _pick(switched_on(rpr.find(_W + "i")), italic)
                u = rpr.find(_W + "u")
                if u is not None:
                    underline = u.get(_W + "val", "single") != "none"
            text = self._run_text(run)
            if text:
                para.runs.append(Run(text, bold, italic, underline))
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

    def _table(self, tbl: Any) -> Table:
        table = Table(rows=[], page_break_before=self.pending_break)
        self.pending_break = False
        for tr in tbl.findall(_W + "tr"):
            row: list[list[Paragraph]] = []
            for tc in tr.findall(_W + "tc"):
                cell: list[Paragraph] = []
                for block in self._blocks(tc):
                    if isinstance(block, Paragraph):
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
            label = label.replace(f"%{i + 1}", format_number(max(counters[i], 0), shown))
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
