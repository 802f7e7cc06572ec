"""LetterTemplate renders the same documents as docxtpl, from a template compiled once."""

from __future__ import annotations

import io
import pickle
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docxtpl import DocxTemplate
from jinja2 import StrictUndefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from lxml import etree

from foia_assist.errors import UserError
from foia_assist.services.letters.render import LetterTemplate, TemplateProblem

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build_template(path: Path) -> Path:
    """A letter with split runs, paragraph loops and conditionals, a table row loop, a header."""
    d = docx.Document()
    d.core_properties.title = "Request to {{ agency }}"
    d.sections[0].header.paragraphs[0].text = "Ref. {{ reference }}"
    d.add_paragraph("{{ requester }}")
    d.add_paragraph("{{ letter_date }}").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    p = d.add_paragraph("To: ")
    # A tag split over three runs with different formatting, as Word often saves it.
    p.add_run("{{ ag")
    p.add_run("en").bold = True
    p.add_run("cy }}")
    p.add_run(", records officer")
    d.add_paragraph("Dear {{ officer|default('Records Officer') }},")
    d.add_paragraph("Under {{ law }}, I request:")
    d.add_paragraph("{%p for r in records %}")
    d.add_paragraph("{{ loop.index }}. {{ r.title }}: {{ r.detail }}", style="List Bullet")
    d.add_paragraph("{%p endfor %}")
    d.add_paragraph("{%p if expedited %}")
    d.add_paragraph("I ask for expedited processing because {{ expedite_reason }}.")
    d.add_paragraph("{%p endif %}")
    d.add_paragraph("{%p if fee_waiver %}")
    d.add_paragraph("I ask for a fee waiver.")
    d.add_paragraph("{%p endif %}")
    table = d.add_table(rows=3, cols=2)
    table.cell(0, 0).text = "Vendor"
    table.cell(0, 1).text = "Product"
    table.cell(1, 0).text = "{%tr for v in vendors %}"
    table.cell(2, 0).text = "{{ v.name }}"
    table.cell(2, 1).text = "{{ v.product }}"
    # the closing row tag must sit in its own row
    row = table.add_row()
    row.cells[0].text = "{%tr endfor %}"
    d.add_paragraph("Address:\n{{ address }}")
    d.add_paragraph("Sincerely,")
    d.add_paragraph("{{ requester }}")
    d.save(path)
    return path


def sample_context(**overrides: Any) -> dict[str, Any]:
    ctx: dict[str, Any] = {
        "agency": "Springfield Police Department",
        "reference": "FRT-2026-001",
        "requester": "Jane Q. Public",
        "letter_date": date(2026, 3, 2).strftime("%B %d, %Y"),
        "law": "the Public Records Act",
        "records": [
            {"title": "Contracts", "detail": "with Clearview AI"},
            {"title": "Audit logs", "detail": "of face searches, 2020–2026"},
            {"title": "Policies", "detail": "on facial recognition"},
        ],
        "expedited": True,
        "expedite_reason": "the council votes on 1 April",
        "fee_waiver": False,
        "vendors": [
            {"name": "Clearview AI", "product": "Clearview"},
            {"name": "Idemia", "product": "MorphoTrust"},
        ],
        "address": "12 Elm St\nApt 3\nSpringfield",
    }
    ctx.update(overrides)
    return ctx


def sandbox() -> ImmutableSandboxedEnvironment:
    return ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)


def docxtpl_render(path: Path, ctx: dict[str, Any]) -> bytes:
    tpl = DocxTemplate(str(path))
    tpl.render(ctx, jinja_env=sandbox())
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def document_text(data: bytes) -> list[str]:
    """Every paragraph of body (table cells included, in order) and header, via python-docx."""
    d = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    for block in d.iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                lines.append(" | ".join(cell.text for cell in row.cells))
        else:
            lines.append(block.text)
    lines += [p.text for p in d.sections[0].header.paragraphs]
    return lines


def canonical_body(data: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("word/document.xml"))
    return bytes(etree.tostring(root.find(W + "body"), method="c14n"))


@pytest.fixture
def template_path(tmp_path: Path) -> Path:
    return build_template(tmp_path / "letter.docx")


def test_same_text_and_body_xml_as_docxtpl(template_path: Path) -> None:
    ctx = sample_context()
    ours = LetterTemplate.load(template_path).render_docx(ctx)
    theirs = docxtpl_render(template_path, ctx)
    assert document_text(ours) == document_text(theirs)
    assert canonical_body(ours) == canonical_body(theirs)
    text = "\n".join(document_text(ours))
    assert "To: Springfield Police Department, records officer" in text
    assert "2. Audit logs: of face searches, 2020–2026" in text
    assert "expedited processing because the council votes on 1 April." in text
    assert "fee waiver" not in text
    assert "Idemia | MorphoTrust" in text
    assert "Ref. FRT-2026-001" in text
    assert "{{" not in text and "{%" not in text


def test_same_as_docxtpl_with_other_branches(template_path: Path) -> None:
    ctx = sample_context(expedited=False, fee_waiver=True, records=[], vendors=[])
    ours = LetterTemplate.load(template_path).render_docx(ctx)
    theirs = docxtpl_render(template_path, ctx)
    assert document_text(ours) == document_text(theirs)
    assert canonical_body(ours) == canonical_body(theirs)
    text = "\n".join(document_text(ours))
    assert "I ask for a fee waiver." in text
    assert "expedited" not in text


def test_newlines_become_line_breaks(template_path: Path) -> None:
    data = LetterTemplate.load(template_path).render_docx(sample_context(address="A\r\nB\nC"))
    d = docx.Document(io.BytesIO(data))
    para = next(p for p in d.paragraphs if p.text.startswith("Address"))
    assert para.text == "Address:\nA\nB\nC"
    # the breaks are real <w:br/> elements, not newline characters inside w:t
    assert len(para._p.findall(f".//{W}br")) == 3
    assert all("\n" not in (t.text or "") for t in para._p.iter(W + "t"))


def test_template_compiled_once_renders_many_distinct_letters(template_path: Path) -> None:
    tpl = LetterTemplate.load(template_path)
    first = tpl.render_docx(sample_context(agency="Agency One"))
    second = tpl.render_docx(sample_context(agency="Agency Two"))
    again = tpl.render_docx(sample_context(agency="Agency One"))
    assert "To: Agency One, records officer" in document_text(first)
    assert "To: Agency Two, records officer" in document_text(second)
    assert first == again  # deterministic output


def test_output_is_a_valid_zip_with_all_members(template_path: Path) -> None:
    data = LetterTemplate.load(template_path).render_docx(sample_context())
    with zipfile.ZipFile(io.BytesIO(data)) as out, zipfile.ZipFile(template_path) as src:
        assert out.testzip() is None
        assert out.namelist() == src.namelist()
        for name in src.namelist():
            if name not in {"word/document.xml", "word/header1.xml", "docProps/core.xml"}:
                assert out.read(name) == src.read(name), name
        assert b"Request to Springfield Police Department" in out.read("docProps/core.xml")


def test_core_title_is_escaped_once(template_path: Path) -> None:
    data = LetterTemplate.load(template_path).render_docx(sample_context(agency="AT&T <Doe>"))
    assert docx.Document(io.BytesIO(data)).core_properties.title == "Request to AT&T <Doe>"


def test_pickles_and_renders_in_the_copy(template_path: Path) -> None:
    tpl = LetterTemplate.load(template_path)
    copy = pickle.loads(pickle.dumps(tpl))
    assert copy.name == "letter.docx"
    assert copy.render_docx(sample_context()) == tpl.render_docx(sample_context())


def test_from_bytes_matches_load(template_path: Path) -> None:
    a = LetterTemplate.load(template_path)
    b = LetterTemplate.from_bytes("letter.docx", template_path.read_bytes())
    assert a.render_docx(sample_context()) == b.render_docx(sample_context())


def test_variables_and_check(template_path: Path) -> None:
    tpl = LetterTemplate.load(template_path)
    assert tpl.variables >= {"agency", "records", "vendors", "address", "reference"}
    tpl.check(sample_context(officer=None))  # everything known: no exception
    allowed = sample_context(officer=None)
    del allowed["law"], allowed["vendors"]
    with pytest.raises(TemplateProblem) as info:
        tpl.check(allowed)
    message = str(info.value)
    assert "letter.docx" in message
    assert "unknown variable 'law'" in message and "unknown variable 'vendors'" in message
    assert isinstance(info.value, UserError)


def test_missing_variable_at_render_names_it(template_path: Path) -> None:
    ctx = sample_context()
    del ctx["requester"]
    with pytest.raises(TemplateProblem, match=r"letter\.docx.*'requester' is undefined"):
        LetterTemplate.load(template_path).render_docx(ctx)


def test_not_a_docx_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "notes.docx"
    bad.write_text("just text", encoding="utf-8")
    with pytest.raises(TemplateProblem, match=r"notes\.docx.*not a ZIP"):
        LetterTemplate.load(bad)
    zipped = tmp_path / "empty.docx"
    with zipfile.ZipFile(zipped, "w") as z:
        z.writestr("hello.txt", "hi")
    with pytest.raises(TemplateProblem, match=r"empty\.docx.*no word/document\.xml"):
        LetterTemplate.load(zipped)
    with pytest.raises(TemplateProblem, match=r"missing\.docx.*cannot be read"):
        LetterTemplate.load(tmp_path / "missing.docx")


def test_damaged_xml_names_the_file(tmp_path: Path, template_path: Path) -> None:
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(template_path) as src, zipfile.ZipFile(damaged, "w") as out:
        for name in src.namelist():
            data = src.read(name)
            out.writestr(name, data[:-40] if name == "word/document.xml" else data)
    with pytest.raises(TemplateProblem, match=r"damaged\.docx.*word/document\.xml"):
        LetterTemplate.load(damaged)
