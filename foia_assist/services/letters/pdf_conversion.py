"""A rendered DOCX letter as PDF. Qt-free.

LibreOffice (headless, private profile) when installed gives Word-like fidelity; otherwise
the built-in renderer the composition root injects (`foia_assist.gui.pdf_backend.html_to_pdf`,
Qt) prints the letter's HTML. Services never import Qt themselves.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from foia_assist.errors import UserError
from foia_assist.fileio import atomic_write_bytes
from foia_assist.services.letters.convert import docx_to_html

__all__ = ["PdfBackend", "PdfMaker", "docx_to_pdf", "libreoffice_path"]

# Letter HTML -> PDF file, e.g. foia_assist.gui.pdf_backend.html_to_pdf (the window injects it).
PdfBackend = Callable[[str, Path], None]
LIBREOFFICE_TIMEOUT = 120.0  # seconds; the first run also creates a profile (~2 s)


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


class PdfMaker:
    """The one place that decides how a letter becomes a PDF, for the wizard, the CLI and bulk
    alike, so the same spec gives the same pages whichever path made it.

    `choice` is the user's setting (storage.settings.PDF_RENDERERS): "auto" uses LibreOffice
    where installed and the built-in renderer otherwise; "libreoffice" and "built-in" insist
    (falling back to the other, with the same result for every path, when it is missing).
    """

    def __init__(self, backend: PdfBackend | None = None, choice: str = "auto") -> None:
        self.backend = backend
        self.choice = choice

    def with_backend(self, backend: PdfBackend | None) -> PdfMaker:
        """The same choice with another built-in renderer (the window's own)."""
        return PdfMaker(backend or self.backend, self.choice)

    def renderer(self) -> str:
        """ "libreoffice" or "built-in": what the next PDF will be made with."""
        installed = libreoffice_path() is not None
        if self.backend is None:
            return "libreoffice" if installed else "built-in"
        if self.choice == "built-in" or not installed:
            return "built-in"
        return "libreoffice"

    def write(self, docx_bytes: bytes, out_path: Path) -> Path:
        prefer = self.renderer() == "libreoffice"
        return docx_to_pdf(
            docx_bytes, out_path, pdf_backend=self.backend, prefer_libreoffice=prefer
        )
