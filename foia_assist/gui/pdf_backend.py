"""The built-in PDF renderer: letter HTML -> PDF with Qt (QTextDocument + QPdfWriter).

Injected into `foia_assist.services.letters.convert.docx_to_pdf(pdf_backend=html_to_pdf)` by the
composition root, because services may not import Qt. Pages are painted with a QPainter
(`drawContents` per page + `newPage`) with our own footer, "Page N of M" centred in the bottom
margin as in the DOCX templates' footer (`QTextDocument.print_` would add a bare number).
Call it from the GUI thread, or from a worker thread once a QGuiApplication exists
(QTextDocument, QPdfWriter and QPainter on a PDF device are usable outside the GUI thread).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import Literal

from PySide6.QtCore import QCoreApplication, QMarginsF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QFont,
    QFontDatabase,
    QGuiApplication,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextDocument,
)

__all__ = ["html_to_pdf"]

DPI = 300
MARGIN_MM = 25.0
FONT_POINTS = 11.0
FOOTER_POINTS = 9.0
FOOTER_GAP_MM = 8.0  # from the bottom of the text area to the footer line
_SERIF_CANDIDATES = ("Liberation Serif", "DejaVu Serif", "Noto Serif", "Times New Roman", "Serif")
_NO_LIGATURES = ("liga", "clig", "dlig", "hlig")
_app: QGuiApplication | None = None  # kept alive if we had to create it


def _ensure_gui_application() -> None:
    """Fonts need a QGuiApplication. Create an offscreen one only if no application exists."""
    global _app
    existing = QCoreApplication.instance()
    if isinstance(existing, QGuiApplication):  # includes a running QApplication
        return
    if existing is not None:
        raise RuntimeError("html_to_pdf needs a QGuiApplication, but a QCoreApplication exists")
    _app = QGuiApplication(["foia-assist-pdf", "-platform", "offscreen"])


def _serif_font() -> QFont:
    families = set(QFontDatabase.families())
    chosen = [name for name in _SERIF_CANDIDATES if name in families]
    font = QFont()
    font.setFamilies(chosen or ["Serif"])
    font.setStyleHint(QFont.StyleHint.Serif)
    font.setPointSizeF(FONT_POINTS)
    # No ligatures: a PDF with an "ﬁ" glyph copies and searches as "Springﬁeld", which an
    # agency's records system searching for "Springfield" does not find.
    for tag in _NO_LIGATURES:
        font.setFeature(QFont.Tag(tag), 0)
    return font


def html_to_pdf(html: str, out_path: Path, *, paper: Literal["letter", "a4"] = "letter") -> None:
    """Write `html` as a paginated PDF (US Letter or A4, 300 dpi, 2.5 cm margins, serif)."""
    _ensure_gui_application()
    out_path = Path(out_path)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(
        prefix=f".{out_path.name}.", suffix=".part", dir=out_path.parent
    )
    os.close(fd)
    try:
        _paint(html, tmp_name, paper)
        with open(tmp_name, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_name, out_path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp_name)
        raise


def _paint(html: str, file_name: str, paper: Literal["letter", "a4"]) -> None:
    writer = QPdfWriter(file_name)
    writer.setResolution(DPI)
    writer.setCreator("FOIA Assist")
    size = QPageSize(QPageSize.PageSizeId.Letter if paper == "letter" else QPageSize.PageSizeId.A4)
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    writer.setPageLayout(
        QPageLayout(size, QPageLayout.Orientation.Portrait, margins, QPageLayout.Unit.Millimeter)
    )
    page = writer.pageLayout().paintRectPixels(DPI)

    document = QTextDocument()
    document.documentLayout().setPaintDevice(writer)  # lay out in the printer's dots
    document.setDefaultFont(_serif_font())
    document.setDocumentMargin(0)
    document.setHtml(html)
    document.setPageSize(QSizeF(page.width(), page.height()))  # paginates (page breaks too)

    height = float(page.height())
    pages = document.pageCount()
    footer_font = _serif_font()
    footer_font.setPointSizeF(FOOTER_POINTS)
    gap = FOOTER_GAP_MM / 25.4 * DPI
    footer_box = QRectF(0, height + gap, page.width(), FOOTER_POINTS / 72 * DPI * 2)
    painter = QPainter()
    if not painter.begin(writer):
        raise OSError(f"cannot write the PDF file {file_name}")
    try:
        for number in range(pages):
            if number:
                writer.newPage()
            painter.save()
            painter.translate(0, -number * height)
            # Qt draws every line that touches the clip rectangle, and the PDF keeps clipped
            # glyphs (copy/paste and text extraction would repeat the last line of the previous
            # page), so keep the clip one dot inside the page: lines ending exactly on the page
            # edge belong to the neighbouring page.
            clip = QRectF(0, number * height + 1, page.width(), height - 2)
            document.drawContents(painter, clip)
            painter.restore()
            painter.setFont(footer_font)
            painter.drawText(
                footer_box,
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                f"Page {number + 1} of {pages}",
            )
    finally:
        painter.end()
