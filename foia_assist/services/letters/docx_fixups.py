"""docxtpl's post-processing of a rendered part, ported to work on our lxml tree.

`patch_xml` (before compiling) and `resolve_listing` are docxtpl's own, called on one inert
`DocxTemplate`; `fix_tables` and `fix_docpr_ids` are ports with identical output.
"""

from __future__ import annotations

import io
import re
from typing import Any

from docxtpl import DocxTemplate
from lxml import etree

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{" + W_NS + "}"
_WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"

# docxtpl's preprocessing and listing resolution do not use instance state; one inert instance
# lets us call them exactly as docxtpl does.
_DOCXTPL = DocxTemplate(io.BytesIO())


def patch_xml(xml: str) -> str:
    """docxtpl's preprocessing of a part's XML before it is compiled as a template."""
    return str(_DOCXTPL.patch_xml(xml))


def resolve_listing(xml: str) -> str:
    # docxtpl's resolve_listing, run only on paragraphs that contain \t \n \a or \f
    # (identical output; most paragraphs are skipped cheaply).
    def paragraph(m: re.Match[str]) -> str:
        text = m.group(0)
        if not any(ch in text for ch in "\t\n\a\f"):
            return text
        return str(_DOCXTPL.resolve_listing(text))

    return re.sub(r"<w:p(?: [^>]*)?>.*?</w:p>", paragraph, xml, flags=re.DOTALL)


def fix_tables(root: Any) -> None:
    """docxtpl's fix_tables: keep w:tblGrid consistent when {%tc %} loops change cell counts."""
    for table in root.iter(_W + "tbl"):
        grid = table.find(_W + "tblGrid")
        if grid is None:
            continue
        columns = grid.findall(_W + "gridCol")
        to_add = 0
        for row in table.iter(_W + "tr"):
            cells = row.findall(_W + "tc")
            if len(columns) + to_add < len(cells):
                to_add = len(cells) - len(columns)
        if to_add > 0:
            width = sum(float(c.get(_W + "w")) for c in columns if c.get(_W + "w") is not None)
            if width > 0:
                old_average = width / len(columns)
                new_average = width / (len(columns) + to_add)
                for c in columns:
                    c.set(_W + "w", str(int(float(c.get(_W + "w")) * new_average / old_average)))
                for _ in range(to_add):
                    etree.SubElement(grid, _W + "gridCol", {_W + "w": str(int(new_average))})
        columns = grid.findall(_W + "gridCol")
        widest = 0
        for row in table.iter(_W + "tr"):
            span = 0
            for cell in row.findall(_W + "tc"):
                props = cell.find(_W + "tcPr")
                grid_span = None if props is None else props.find(_W + "gridSpan")
                span += int(grid_span.get(_W + "val")) if grid_span is not None else 1
            widest = max(widest, span)
        to_remove = len(columns) - widest
        if to_remove > 0:
            removed = 0.0
            for c in columns[-to_remove:]:
                removed += float(c.get(_W + "w"))
                grid.remove(c)
            left = grid.findall(_W + "gridCol")
            extra = int(removed / len(left)) if left else 0
            for c in left:
                c.set(_W + "w", str(int(float(c.get(_W + "w")) + extra)))


def fix_docpr_ids(root: Any) -> None:
    """docxtpl's fix_docpr_ids: loops copy drawings, so renumber their ids (from 1001)."""
    for number, element in enumerate(root.iter(f"{{{_WP_NS}}}docPr"), start=1001):
        element.attrib["id"] = str(number)
