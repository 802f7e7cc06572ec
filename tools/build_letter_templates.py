"""Build the four bundled DOCX letter templates in `letter_templates/` with python-docx.

    .venv/bin/python tools/build_letter_templates.py [OUT_DIR]

Each template is an ordinary Word document (US Letter, 2.5 cm margins, Calibri 11 pt) with
docxtpl tags: `{{ name }}` for a value, and `{%p for ... %}` / `{%p if ... %}` paragraphs for
lists and optional paragraphs. Every variable is documented in docs/letter-templates.md.
Clinics can open the files in Word and edit the fixed wording; keep each tag inside one run
(type it in one go, without changing its formatting half-way).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.style import WD_STYLE_TYPE
from docx.shared import Cm, Pt

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from foia_assist.services.letters.docx_parts import add_page_number_footer  # noqa: E402

FONT = "Calibri"


def _new_document(title: str) -> DocxDocument:
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)  # US Letter
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.5))
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(11)
    pf = normal.paragraph_format
    pf.space_before = Pt(0)
    pf.space_after = Pt(8)
    pf.line_spacing = 1.1
    block = doc.styles.add_style("Letter Block", WD_STYLE_TYPE.PARAGRAPH)
    block.base_style = normal
    block.paragraph_format.space_after = Pt(0)
    heading = doc.styles.add_style("Letter Heading", WD_STYLE_TYPE.PARAGRAPH)
    heading.base_style = normal
    heading.font.bold = True
    heading.paragraph_format.space_before = Pt(6)
    heading.paragraph_format.space_after = Pt(4)
    heading.paragraph_format.keep_with_next = True
    item = doc.styles.add_style("Letter Item", WD_STYLE_TYPE.PARAGRAPH)
    item.base_style = normal
    item.paragraph_format.left_indent = Cm(0.8)
    item.paragraph_format.first_line_indent = Cm(-0.8)
    item.paragraph_format.tab_stops.add_tab_stop(Cm(0.8))
    add_page_number_footer(doc)
    props = doc.core_properties
    props.title = title
    props.author = "FOIA Assist"
    props.comments = "Letter template: variables are listed in docs/letter-templates.md"
    props.created = props.modified = datetime(2026, 1, 1)
    props.revision = 1
    return doc


class _Writer:
    """Adds paragraphs; `tag` paragraphs hold only a docxtpl `{%p ... %}` tag."""

    def __init__(self, doc: DocxDocument) -> None:
        self.doc = doc

    def tag(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Letter Block")

    def para(self, text: str, style: str = "Normal") -> None:
        self.doc.add_paragraph(text, style=style)

    def heading(self, text: str) -> None:
        self.doc.add_paragraph(text, style="Letter Heading")

    def blank(self) -> None:
        self.doc.add_paragraph("", style="Letter Block")

    def optional(self, name: str, heading: str = "") -> None:
        """A paragraph printed only when the variable is not empty."""
        self.tag(f"{{%p if {name} %}}")
        if heading:
            self.heading(heading)
        self.para(f"{{{{ {name} }}}}")
        self.tag("{%p endif %}")

    def lines(self, name: str) -> None:
        """A block of lines (one value; its newlines become line breaks)."""
        self.para(f"{{{{ {name} }}}}", style="Letter Block")

    def head(self) -> None:
        """Sender block, date, recipient block, Re: line, reference and salutation."""
        self.lines("requester_lines")
        self.blank()
        self.para("{{ letter_date }}", style="Letter Block")
        self.blank()
        self.lines("agency_lines")
        self.blank()
        p = self.doc.add_paragraph(style="Normal")
        p.add_run("Re: ").bold = True
        p.add_run("{{ subject }}").bold = True
        self.optional("reference_text")
        self.para("{{ salutation }}")

    def tail(self) -> None:
        self.optional("contact_text")
        self.para("Thank you for your help.")
        self.para("{{ closing }}")
        self.blank()
        self.blank()
        self.lines("signature_lines")


def _request(w: _Writer) -> None:
    w.head()
    w.para("{{ intro_text }}")
    w.optional("residency_text")
    w.heading("What this request covers")
    w.para("{{ frt_definition }}")
    w.para("{{ vendors_text }}")
    w.para("{{ exclusions_text }}")
    w.heading("Records requested")
    w.tag("{%p for item in items %}")
    p = w.doc.add_paragraph(style="Letter Item")
    p.add_run("{{ item.number }}.\t")
    p.add_run("{{ item.heading }}").bold = True
    p.add_run("{{ item.text }} ")
    p.add_run("{{ item.date_range }}").italic = True
    w.tag("{%p endfor %}")
    w.optional("state_law_text")
    w.heading("Deadline")
    w.para("{{ response_text }}")
    w.optional("extension_text")
    w.optional("expedited_text", heading="Expedited processing")
    w.heading("Fees")
    w.optional("fee_waiver_text")
    w.para("{{ fee_cap_text }}")
    w.heading("Format, production and withholding")
    w.optional("format_text")
    w.optional("rolling_text")
    w.optional("segregability_text")
    w.optional("preservation_text")
    w.para("{{ tracking_text }}")
    w.para("{{ narrow_text }}")
    w.tail()


def _follow_up(w: _Writer) -> None:
    w.head()
    w.para("{{ followup_intro_text }}")
    w.para("{{ deadline_text }}")
    w.para("{{ completion_text }}")
    w.para("{{ narrow_text }}")
    w.tail()


def _appeal(w: _Writer) -> None:
    w.head()
    w.para("{{ appeal_intro_text }}")
    w.para("{{ denial_text }}")
    w.optional("appeal_deadline_text")
    w.optional("appeal_timely_text")
    w.heading("{{ reasons_heading }}")
    w.para("{{ exemptions_general_text }}")
    w.tag("{%p for ex in exemptions %}")
    p = w.doc.add_paragraph(style="Letter Item")
    p.add_run("•\t")
    p.add_run("{{ ex.exemption }}: ").bold = True
    p.add_run("{{ ex.argument }}")
    w.tag("{%p endfor %}")
    w.para("{{ segregability_text }}")
    w.para("{{ new_search_text }}")
    w.para("{{ appeal_request_text }}")
    w.tail()


def _preservation(w: _Writer) -> None:
    w.head()
    w.para("{{ preservation_intro_text }}")
    w.para("{{ frt_definition }}")
    w.heading("Records to preserve")
    w.tag("{%p for entry in preservation_items %}")
    p = w.doc.add_paragraph(style="Letter Item")
    p.add_run("•\t")
    p.add_run("{{ entry }}")
    w.tag("{%p endfor %}")
    w.para("{{ suspend_deletion_text }}")
    w.para("{{ duration_text }}")
    w.para("{{ confirm_text }}")
    w.tail()


TEMPLATES: dict[str, tuple[str, Callable[[_Writer], None]]] = {
    "request.docx": ("Public records request", _request),
    "follow-up.docx": ("Follow-up on a public records request", _follow_up),
    "appeal.docx": ("Appeal of a public records denial", _appeal),
    "preservation.docx": ("Request to preserve records", _preservation),
}


def build(out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (title, fill) in TEMPLATES.items():
        doc = _new_document(title)
        fill(_Writer(doc))
        path = out_dir / name
        doc.save(str(path))
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "letter_templates"
    for path in build(out):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
