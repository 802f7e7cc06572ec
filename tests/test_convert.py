"""DOCX -> text, HTML and PDF (LibreOffice when present, else the injected Qt renderer)."""

from __future__ import annotations

import io
import os
import shutil
import stat
import subprocess
import sys
import unicodedata
from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from pypdf import PdfReader

from foia_assist.errors import UserError
from foia_assist.services.letters import pdf_conversion
from foia_assist.services.letters.convert import docx_to_html, docx_to_text
from foia_assist.services.letters.pdf_conversion import docx_to_pdf, libreoffice_path


def small_letter() -> bytes:
    d = docx.Document()
    d.add_paragraph("Jane Public\n12 Elm St\tApt 3")
    d.add_paragraph("")  # spacing paragraphs do not pile up blank lines
    d.add_paragraph("Records Request", style="Title")
    p = d.add_paragraph("To ")
    p.add_run("AT&T <Doe>").bold = True
    p.add_run(" and ")
    p.add_run('"quotes"').italic = True
    p.add_run(" and ")
    p.add_run("'apos'").underline = True
    d.add_paragraph("March 2, 2026").alignment = WD_ALIGN_PARAGRAPH.RIGHT
    d.add_paragraph("Contracts", style="List Number")
    d.add_paragraph("Audit logs", style="List Number")
    d.add_paragraph("Clearview AI", style="List Bullet")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Vendor"
    table.cell(0, 1).text = "Product"
    table.cell(1, 0).text = "Idemia"
    table.cell(1, 1).text = "Face & fingerprint"
    d.add_paragraph("Sincerely,")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def test_text_for_email_body() -> None:
    assert docx_to_text(small_letter()) == (
        "Jane Public\n12 Elm St\tApt 3\n\n"
        "Records Request\n\n"
        "To AT&T <Doe> and \"quotes\" and 'apos'\n\n"
        "March 2, 2026\n\n"
        "1. Contracts\n\n"
        "2. Audit logs\n\n"
        "• Clearview AI\n\n"
        "Vendor\tProduct\nIdemia\tFace & fingerprint\n\n"
        "Sincerely,\n"
    )


def test_html_is_escaped_and_keeps_formatting() -> None:
    page = docx_to_html(small_letter())
    assert "<b>AT&amp;T &lt;Doe&gt;</b>" in page
    assert "<i>&quot;quotes&quot;</i>" in page
    assert "<u>&#x27;apos&#x27;</u>" in page
    assert "Jane Public<br>12 Elm St&emsp;Apt 3" in page
    assert '<p align="right">March 2, 2026</p>' in page
    assert "<h1>Records Request</h1>" in page
    assert "<p>1. Contracts</p>" in page and "<p>2. Audit logs</p>" in page
    assert "<p>• Clearview AI</p>" in page
    assert "<td><p>Face &amp; fingerprint</p></td>" in page
    assert "<Doe>" not in page


def test_not_a_docx_is_a_user_error() -> None:
    with pytest.raises(UserError, match="not a readable DOCX"):
        docx_to_text(b"plain text")


def test_page_break_reaches_html() -> None:
    d = docx.Document()
    d.add_paragraph("one")
    d.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    d.add_paragraph("two")
    out = io.BytesIO()
    d.save(out)
    assert '<p style="page-break-before: always">two</p>' in docx_to_html(out.getvalue())
    assert docx_to_text(out.getvalue()) == "one\n\ntwo\n"


# -- PDF routing (LibreOffice faked with a script on PATH) ---------------------------------------


@pytest.fixture
def no_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


def fake_soffice(folder: Path, body: str) -> Path:
    folder.mkdir(exist_ok=True)
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script


# Writes "%PDF-fake" + its arguments into <outdir>/letter.pdf, like --convert-to pdf would.
WRITES_PDF = """
out=""; prev=""
for a in "$@"; do [ "$prev" = "--outdir" ] && out="$a"; prev="$a"; done
{ echo "%PDF-fake"; for a in "$@"; do echo "$a"; done; echo "HOME=$HOME"; } > "$out/letter.pdf"
"""


def test_no_converter_available(no_libreoffice: None, tmp_path: Path) -> None:
    assert libreoffice_path() is None
    with pytest.raises(UserError, match=r"^PDF needs LibreOffice or the built-in renderer$"):
        docx_to_pdf(small_letter(), tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


def test_backend_gets_html_and_file_is_written(no_libreoffice: None, tmp_path: Path) -> None:
    seen: list[str] = []

    def backend(page: str, out: Path) -> None:
        seen.append(page)
        out.write_bytes(b"%PDF-from-backend")

    target = tmp_path / "sub" / "letter.pdf"
    assert docx_to_pdf(small_letter(), target, pdf_backend=backend) == target
    assert target.read_bytes() == b"%PDF-from-backend"
    assert seen == [docx_to_html(small_letter())]
    assert [p.name for p in target.parent.iterdir()] == ["letter.pdf"]  # no temp files left


def test_libreoffice_is_preferred_with_private_profile(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bin_dir = tmp_path / "bin"
    fake_soffice(bin_dir, WRITES_PDF)
    monkeypatch.setenv("PATH", str(bin_dir))
    assert libreoffice_path() == bin_dir / "soffice"

    def backend(page: str, out: Path) -> None:
        raise AssertionError("backend must not be used when LibreOffice is preferred")

    target = tmp_path / "letter.pdf"
    docx_to_pdf(small_letter(), target, pdf_backend=backend)
    lines = target.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "%PDF-fake"
    profile = next(a for a in lines if a.startswith("-env:UserInstallation="))
    assert profile.startswith("-env:UserInstallation=file:///")
    assert "--headless" in lines
    assert lines[lines.index("--convert-to") + 1] == "pdf"
    assert lines[-2].endswith("letter.docx")
    assert lines[-1] != f"HOME={os.environ['HOME']}"  # runs with a throwaway HOME


def test_backend_first_when_libreoffice_not_preferred(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(tmp_path / "bin", WRITES_PDF)
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    target = tmp_path / "letter.pdf"
    docx_to_pdf(
        small_letter(),
        target,
        pdf_backend=lambda page, out: out.write_bytes(b"%PDF-qt"),
        prefer_libreoffice=False,
    )
    assert target.read_bytes() == b"%PDF-qt"
    # without a backend LibreOffice is still used
    docx_to_pdf(small_letter(), target, prefer_libreoffice=False)
    assert target.read_bytes().startswith(b"%PDF-fake")


def test_libreoffice_failure_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(tmp_path / "bin", 'echo "Error: source file could not be loaded" >&2\nexit 1\n')
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    target = tmp_path / "letter.pdf"
    target.write_bytes(b"old")
    with pytest.raises(UserError, match="could not convert.*source file could not be loaded"):
        docx_to_pdf(small_letter(), target)
    assert target.read_bytes() == b"old"  # nothing already saved is lost


def test_libreoffice_timeout_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_soffice(tmp_path / "bin", f"exec {shutil.which('sleep')} 30\n")
    monkeypatch.setenv("PATH", str(tmp_path / "bin"))
    monkeypatch.setattr(pdf_conversion, "LIBREOFFICE_TIMEOUT", 0.5)
    with pytest.raises(UserError, match="did not finish the PDF within 0.5 seconds"):
        docx_to_pdf(small_letter(), tmp_path / "letter.pdf")


# -- the Qt renderer ------------------------------------------------------------------------------


def two_page_letter() -> bytes:
    d = docx.Document()
    d.add_paragraph("Jane Public\n12 Elm St\nSpringfield")
    d.add_paragraph("Springfield Police Department — Records Unit")
    intro = d.add_paragraph("Under the Public Records Act I request the following records ")
    intro.add_run("about facial recognition").bold = True
    intro.add_run(", including official fifty-fifth-floor filings:")
    for i in range(1, 25):
        d.add_paragraph(
            f"Item {i}: contracts, purchase orders, audit logs and policies of the office "
            "concerning facial recognition software, trials and searches (2020–2026).",
            style="List Number",
        )
    table = d.add_table(rows=2, cols=2)
    for (r, c), text in {(0, 0): "Vendor", (0, 1): "Product", (1, 0): "Idemia"}.items():
        table.cell(r, c).text = text
    table.cell(1, 1).text = "Face & fingerprint"
    d.add_paragraph("Sincerely,")
    d.add_paragraph("Jane Public")
    out = io.BytesIO()
    d.save(out)
    return out.getvalue()


def normalised(text: str) -> str:
    # Compared up to whitespace: Qt PDFs extract with tabs between words, a space where the
    # font changes, and ﬁ/ﬂ/ﬀ ligatures.
    return "".join(unicodedata.normalize("NFKC", text).split())


@pytest.mark.parametrize(("paper", "width"), [("letter", 612), ("a4", 595)])
def test_qt_pdf_text_matches_docx_text(
    qapp: object, tmp_path: Path, paper: str, width: int
) -> None:
    from foia_assist.gui.pdf_backend import html_to_pdf

    letter = two_page_letter()
    target = tmp_path / "letter.pdf"
    html_to_pdf(docx_to_html(letter), target, paper=paper)  # type: ignore[arg-type]
    reader = PdfReader(target)
    assert len(reader.pages) == 2
    assert round(float(reader.pages[0].mediabox.width)) == width
    pages = [page.extract_text() for page in reader.pages]
    # Each page ends with its footer, as the DOCX templates' footer reads; nothing else is added.
    body = []
    for number, text in enumerate(pages, start=1):
        footer = normalised(f"Page {number} of {len(pages)}")
        assert normalised(text).endswith(footer), text[-80:]
        body.append(normalised(text)[: -len(footer)])
    assert "".join(body) == normalised(docx_to_text(letter))
    assert [p.name for p in tmp_path.iterdir()] == ["letter.pdf"]


@pytest.mark.gui
def test_qt_backend_through_docx_to_pdf(qapp: object, no_libreoffice: None, tmp_path: Path) -> None:
    from foia_assist.gui.pdf_backend import html_to_pdf

    target = docx_to_pdf(small_letter(), tmp_path / "out.pdf", pdf_backend=html_to_pdf)
    text = normalised(PdfReader(target).pages[0].extract_text())
    assert normalised("To AT&T <Doe> and \"quotes\" and 'apos'") in text


def test_qt_backend_creates_its_own_offscreen_application(tmp_path: Path) -> None:
    # A CLI process has no QApplication: the backend must make an offscreen one itself.
    target = tmp_path / "cli.pdf"
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from foia_assist.gui.pdf_backend import html_to_pdf\n"
        "html_to_pdf('<p>Hello &amp; goodbye</p>', Path(sys.argv[1]))\n"
    )
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.pop("DISPLAY", None)
    env.pop("WAYLAND_DISPLAY", None)
    result = subprocess.run(
        [sys.executable, "-c", code, str(target)], capture_output=True, text=True, env=env
    )
    assert result.returncode == 0, result.stderr
    assert normalised(PdfReader(target).pages[0].extract_text()) == "Hello&goodbyePage1of1"


def test_hanging_indent_items_keep_their_text_aligned_in_html() -> None:
    from docx.shared import Cm

    d = docx.Document()
    item = d.styles.add_style("Item", 1)  # 1: paragraph style
    item.paragraph_format.left_indent = Cm(0.8)
    item.paragraph_format.first_line_indent = Cm(-0.8)
    p = d.add_paragraph(style="Item")
    p.add_run("12.\t")
    p.add_run("Contracts & <NDAs>.").bold = True
    p.add_run(" All of them.")
    d.add_paragraph("Name:\tAna", style="Normal")  # a tab without a hanging indent
    long_label = d.add_paragraph(style="Item")
    long_label.add_run("Not a label at all\tafter a tab")
    out = io.BytesIO()
    d.save(out)
    page = docx_to_html(out.getvalue())
    assert (
        '<tr><td width="28" style="padding: 0">12.</td>'
        '<td style="padding: 0"><b>Contracts &amp; &lt;NDAs&gt;.</b> All of them.</td>' in page
    )
    assert "<p>Name:&emsp;Ana</p>" in page
    assert "<p>Not a label at all&emsp;after a tab</p>" in page
