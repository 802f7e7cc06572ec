"""A letter's PDF text reads as plain letters: no fi/ff/fl ligature characters.

An agency's records system that searches for "Springfield" or "Officer" must find them, and
text copied from the letter must paste as typed. Checked for both PDF renderers with two
extractors (pypdf, and poppler's pdftotext where installed).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from foia_assist.cli import run_cli
from foia_assist.gui import pdf_backend
from foia_assist.gui.pdf_backend import html_to_pdf
from foia_assist.services.letters.pdf_conversion import docx_to_pdf, libreoffice_path

LIGATURES = re.compile("[\ufb00-\ufb06]")
# Words of the example letter that a ligating font draws with fi, ff or fl.
WORDS = ("Springfield", "Officer", "confidentiality", "offense", "field")


def _extracted(pdf: Path) -> list[str]:
    texts = ["".join(page.extract_text() for page in PdfReader(str(pdf)).pages)]
    if shutil.which("pdftotext"):
        out = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True)
        texts.append(out.stdout)
    return texts


@pytest.fixture
def letter_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> bytes:
    assert run_cli(["letter", "--example-spec"]) == 0
    spec = tmp_path / "spec.json"
    spec.write_text(capsys.readouterr().out, encoding="utf-8")
    out = tmp_path / "letter.docx"
    assert run_cli(["letter", "--spec", str(spec), "--out", str(out)]) == 0
    return out.read_bytes()


def _check(pdf: Path) -> None:
    for text in _extracted(pdf):
        assert not LIGATURES.findall(text), LIGATURES.findall(text)[:5]
        flat = " ".join(text.split())
        for word in WORDS:
            assert word in flat, f"{word!r} not found in the PDF's text"


@pytest.fixture
def ligating_font(monkeypatch: pytest.MonkeyPatch, qapp: object) -> None:
    """The built-in renderer on DejaVu Serif, a font that draws fi and ff as ligatures
    (Liberation Serif, preferred when installed, has none and would hide the problem)."""
    from PySide6.QtGui import QFontDatabase

    if "DejaVu Serif" not in QFontDatabase.families():
        pytest.skip("DejaVu Serif is not installed (Debian: fonts-dejavu-core)")
    monkeypatch.setattr(pdf_backend, "_SERIF_CANDIDATES", ("DejaVu Serif",))


def _builtin_pdf(docx: bytes, out: Path) -> Path:
    return docx_to_pdf(docx, out, pdf_backend=html_to_pdf, prefer_libreoffice=False)


@pytest.mark.usefixtures("ligating_font")
def test_the_built_in_renderer_writes_no_ligatures(letter_docx: bytes, tmp_path: Path) -> None:
    _check(_builtin_pdf(letter_docx, tmp_path / "builtin.pdf"))


@pytest.mark.usefixtures("ligating_font")
def test_the_font_would_ligate_without_the_fix(
    letter_docx: bytes, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The check above can fail: with ligatures left on, the same letter extracts as "Springﬁeld".
    monkeypatch.setattr(pdf_backend, "_NO_LIGATURES", ())
    texts = _extracted(_builtin_pdf(letter_docx, tmp_path / "ligated.pdf"))
    assert any(LIGATURES.search(text) for text in texts)


@pytest.mark.skipif(libreoffice_path() is None, reason="LibreOffice is not installed")
def test_the_libreoffice_pdf_writes_no_ligatures(letter_docx: bytes, tmp_path: Path) -> None:
    pdf = docx_to_pdf(letter_docx, tmp_path / "lo.pdf", prefer_libreoffice=True)
    _check(pdf)
