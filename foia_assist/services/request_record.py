"""A tracked request's record as a document: an exhibit for an appeal, a complaint or a story.

One file holds what an appeal body or an editor asks for: the law and its citation, each deadline
with every step of its computation (skipped weekends and named holidays, pauses, extensions), the
timeline of what happened, and each letter with its SHA-256 fingerprint, so a copy can later be
shown to be the one sent. DOCX is built with python-docx; PDF and text go through the letter
converters (`LetterService.write_docx_as`).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import datetime

from docx import Document
from docx.shared import Cm, Pt

from foia_assist.domain.clock_readings import ClockReading, ClockState
from foia_assist.services.letters.context import long_date
from foia_assist.services.letters.docx_parts import add_page_number_footer, xml_safe
from foia_assist.services.tracker import RequestView
from foia_assist.storage.attachments_repo import Attachment

TITLE = "Record of a public records request"


def record_docx(view: RequestView, made: datetime, attachments: Sequence[Attachment] = ()) -> bytes:
    """The record of `view` (read for `view.today`) as DOCX bytes, with the files the agency
    sent back (`attachments`, from the case file) listed with their SHA-256."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.59), Cm(27.94)  # US Letter
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(2.2))
    doc.styles["Normal"].font.size = Pt(10.5)
    add_page_number_footer(doc)
    props = doc.core_properties
    props.title = TITLE
    props.author = "FOIA Assist"
    props.created = props.modified = made

    r, j, f = view.request, view.jurisdiction, view.facts

    def para(text: str, *, bold_lead: str = "") -> None:
        p = doc.add_paragraph()
        if bold_lead:
            p.add_run(xml_safe(bold_lead)).bold = True
        p.add_run(xml_safe(text))

    doc.add_heading(TITLE, 0)
    para(f"{r.agency} — {j.name}", bold_lead="Agency: ")
    para(f"{j.law_name} ({j.citation})", bold_lead="Law: ")
    para(f"request #{r.id}" if r.id is not None else "not saved", bold_lead="In FOIA Assist: ")
    if r.tracking_number:
        para(r.tracking_number, bold_lead="Agency reference: ")
    para(f.status.value, bold_lead=f"Status on {long_date(view.today)}: ")
    if f.sent is not None:
        how = f" by {f.method.value}" if f.method is not None else ""
        para(f"{long_date(f.sent)}{how}", bold_lead="Sent: ")
    if f.received is not None:
        note = f" ({f.received.assumption})" if f.received.assumption else ""
        para(f"{long_date(f.received.date)}{note}", bold_lead="Received by the agency: ")

    doc.add_heading("Deadlines, and how each was worked out", 1)
    if not view.clocks:
        para("No deadline applies yet.")
    for clock in view.clocks:
        doc.add_heading(_clock_heading(clock), 2)
        for line in clock.explanation.splitlines():
            if line.strip():
                doc.add_paragraph(xml_safe(line.strip()), style="List Bullet")

    doc.add_heading("Timeline", 1)
    if view.timeline:
        table = doc.add_table(rows=1, cols=2)
        table.style = "Table Grid"
        table.rows[0].cells[0].text, table.rows[0].cells[1].text = "Date", "What happened"
        for event in view.timeline:
            row = table.add_row().cells
            row[0].text = event.date.isoformat()
            row[1].text = xml_safe(event.describe().split("  ", 1)[-1])
    else:
        para("Nothing logged yet.")

    doc.add_heading("Letters", 1)
    if r.letters:
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(
            table.rows[0].cells, ("Made", "Letter and file", "SHA-256"), strict=True
        ):
            cell.text = text
        for letter in r.letters:
            row = table.add_row().cells
            row[0].text = letter.made_on.isoformat()
            row[1].text = xml_safe(f"{letter.kind}: {letter.path}")
            row[2].text = letter.sha256
    else:
        para("No letters recorded.")

    doc.add_heading("Replies and released records", 1)
    if attachments:
        table = doc.add_table(rows=1, cols=3)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("Received", "File", "SHA-256"), strict=True):
            cell.text = text
        for a in attachments:
            row = table.add_row().cells
            row[0].text = a.received.isoformat()
            inside = f" (in {a.container})" if a.container else ""
            row[1].text = xml_safe(f"{a.name}{inside}, {a.size:,} bytes")
            row[2].text = a.sha256
    else:
        para("No files attached.")

    doc.add_heading("About this record", 1)
    para(
        f"Made with FOIA Assist on {long_date(made.date())} at {made:%H:%M}. The deadlines follow "
        f"the {j.law_name} as recorded in the app (rules last checked {long_date(j.verified)}; "
        "each step above names its source). A letter's SHA-256 fingerprint identifies the exact "
        "file: any change to the file changes it."
    )
    para(
        "This record is not legal advice. Check the statute before relying on a date.",
        bold_lead="Not legal advice. ",
    )
    if j.sources:
        doc.add_paragraph("Sources for these rules:")
        for source in j.sources:
            doc.add_paragraph(xml_safe(source), style="List Bullet")

    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _clock_heading(clock: ClockReading) -> str:
    state = clock.state_text
    if clock.due is None:
        return f"{clock.name}: {state}"
    when = f"due {long_date(clock.due)}"
    if clock.state in (ClockState.RUNNING, ClockState.PAUSED) and clock.days_left is not None:
        left = clock.days_left
        when += f", {-left} days overdue" if left < 0 else f", {left} days left"
    return f"{clock.name}: {state}, {when}"
