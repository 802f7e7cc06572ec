"""Pieces shared by documents built with python-docx (the bundled templates, request records)."""

from __future__ import annotations

import re
from typing import Any

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

# Characters XML 1.0 forbids (python-docx would raise on them); \t, \n and \r are allowed.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """`text` without the control characters XML cannot hold (user notes may carry them)."""
    return _XML_ILLEGAL.sub("", text)


def add_page_number_footer(doc: Any) -> None:
    """'Page N of M', centred, 9 pt (Word `PAGE` and `NUMPAGES` fields) on every page."""
    footer = doc.sections[0].footer
    p = footer.paragraphs[0]
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text, field in (("Page ", "PAGE"), (" of ", "NUMPAGES")):
        p.add_run(text).font.size = Pt(9)
        simple = OxmlElement("w:fldSimple")
        simple.set(qn("w:instr"), f" {field} ")
        run = OxmlElement("w:r")
        props = OxmlElement("w:rPr")
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), "18")
        props.append(size)
        run.append(props)
        placeholder = OxmlElement("w:t")
        placeholder.text = "1"  # Word updates the field when it lays the page out
        run.append(placeholder)
        simple.append(run)
        p._p.append(simple)
