"""A rendered DOCX letter as PDF. Qt-free.

LibreOffice (headless, private profile) when installed gives Word-like fidelity; otherwise
the built-in renderer the composition root injects (`foia_assist.gui.pdf_backend.html_to_pdf`,
Qt) prints the letter's HTML. Services never import Qt themselves.

Many letters (bulk export) go through `PdfMaker.batch()`: LibreOffice converts a chunk of
letters in one start (`soffice --convert-to pdf a.docx b.docx …`), with one profile for the
whole job, instead of starting once per letter (about 10 s a letter on a loaded machine in
the trial, K7; see benchmarks/pdf_export.py). A letter LibreOffice could not convert gets
its own message; the others are kept.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from foia_assist.errors import UserError
from foia_assist.fileio import atomic_write_bytes
from foia_assist.services.letters.convert import docx_to_html

__all__ = ["PdfBackend", "PdfBatch", "PdfMaker", "docx_to_pdf", "libreoffice_path"]

# Letter HTML -> PDF file, e.g. foia_assist.gui.pdf_backend.html_to_pdf (the window injects it).
PdfBackend = Callable[[str, Path], None]
LIBREOFFICE_TIMEOUT = 120.0  # seconds; the first run also creates a profile (~2 s)
# Letters per LibreOffice start in bulk (PdfBatch): small enough that the progress still
# moves and Cancel is heard between chunks (benchmarks/pdf_export.py).
LIBREOFFICE_CHUNK = 8


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
        result = _libreoffice_pdfs(soffice, [docx_bytes], Path(tmp), timeout)[0]
    if isinstance(result, UserError):
        raise result
    return result


def _libreoffice_pdfs(
    soffice: Path, documents: Sequence[bytes], folder: Path, timeout: float | None = None
) -> list[bytes | UserError]:
    """Convert `documents` in one LibreOffice run, with its profile (and HOME) in `folder`
    (kept between runs of one job: only the first run creates it); each result is the PDF or
    the error saying why that letter has none."""
    if not documents:
        return []  # (soffice started with no file waits for ever)
    work = Path(tempfile.mkdtemp(prefix="batch-", dir=folder))
    try:
        sources = []
        for i, data in enumerate(documents):
            source = work / ("letter.docx" if len(documents) == 1 else f"letter{i:04d}.docx")
            source.write_bytes(data)
            sources.append(source)
        out_dir = work / "out"
        out_dir.mkdir()
        # A private profile: parallel conversions and a running LibreOffice window would
        # otherwise fight over the user's profile lock.
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
            *(str(s) for s in sources),
        ]
        env = dict(os.environ, HOME=str(folder))
        # The time allowed grows with the letters converted (the start is paid once).
        allowed = (timeout or LIBREOFFICE_TIMEOUT) * (1 + (len(sources) - 1) / 4)
        try:
            result = _run_in_own_group(command, env, allowed)
        except subprocess.TimeoutExpired as exc:
            # A PDF written when it was stopped may be cut short: none is kept.
            late = UserError(f"LibreOffice did not finish the PDF within {exc.timeout:g} seconds")
            return [late for _ in sources]
        except OSError as exc:
            failed = UserError(f"LibreOffice could not be started ({exc.strerror})")
            return [failed for _ in sources]
        detail = (result.stderr or result.stdout).strip().splitlines()
        reason = detail[-1] if detail else f"exit code {result.returncode}"
        refused = UserError(f"LibreOffice could not convert the letter to PDF: {reason}")
        results: list[bytes | UserError] = []
        for source in sources:
            # Each PDF LibreOffice wrote is whole (it writes one when that letter is done),
            # also when another letter of the run failed and made its exit code non-zero.
            produced = out_dir / f"{source.stem}.pdf"
            pdf = produced.read_bytes() if produced.is_file() else b""
            results.append(pdf if pdf.startswith(b"%PDF") else refused)
        return results
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _run_in_own_group(
    command: list[str], env: dict[str, str], timeout: float
) -> subprocess.CompletedProcess[str]:
    """`subprocess.run` in a process group of its own, all of which is stopped on a timeout:
    `soffice` starts `oosplash`, which starts `soffice.bin`; killing only the first left
    `soffice.bin` running for ever after a timeout."""
    with subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=env,
        start_new_session=True,
    ) as process:
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            raise
    return subprocess.CompletedProcess(command, process.returncode, out, err)


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

    def batch(self) -> PdfBatch:
        """For many letters (bulk export): `with maker.batch() as b: b.write_many(...)`."""
        return PdfBatch(self)


class PdfBatch:
    """Many letters as PDFs: with LibreOffice, a chunk of letters per start and one profile
    for the whole job (made by the first start, reused by the next); with the built-in
    renderer, one letter after another as before. Use as a context manager (the profile's
    folder is removed at the end)."""

    def __init__(self, maker: PdfMaker) -> None:
        self.maker = maker
        self._folder: tempfile.TemporaryDirectory[str] | None = None

    def __enter__(self) -> PdfBatch:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    @property
    def size(self) -> int:
        """How many letters to give `write_many` at once: a chunk for LibreOffice, whose
        start costs seconds; one for the built-in renderer (nothing to gain by waiting)."""
        return LIBREOFFICE_CHUNK if self._libreoffice() is not None else 1

    def _libreoffice(self) -> Path | None:
        return libreoffice_path() if self.maker.renderer() == "libreoffice" else None

    def write_many(self, letters: Sequence[tuple[bytes, Path]]) -> list[Path | UserError]:
        """Write each (DOCX, PDF path) atomically; for each, its path or why it has none."""
        if not letters:
            return []
        soffice = self._libreoffice()
        if soffice is None:
            return [self._one(docx, path) for docx, path in letters]
        if self._folder is None:
            self._folder = tempfile.TemporaryDirectory(prefix="foia-lo-")
        folder = Path(self._folder.name)
        made = _libreoffice_pdfs(soffice, [docx for docx, _ in letters], folder)
        if len(letters) > 1:
            # A letter without a PDF is tried alone: its message is then its own (a chunk's
            # error line may be another letter's), and one bad letter does not sink the rest.
            made = [
                _libreoffice_pdfs(soffice, [docx], folder)[0] if isinstance(pdf, UserError) else pdf
                for (docx, _), pdf in zip(letters, made, strict=True)
            ]
        results: list[Path | UserError] = []
        for (_, path), pdf in zip(letters, made, strict=True):
            if isinstance(pdf, UserError):
                results.append(pdf)
                continue
            try:
                results.append(atomic_write_bytes(path, pdf))
            except OSError as exc:
                results.append(UserError(f"{path.name} could not be written: {exc.strerror}"))
        return results

    def _one(self, docx: bytes, path: Path) -> Path | UserError:
        try:
            return self.maker.write(docx, path)
        except UserError as exc:
            return exc
        except OSError as exc:
            return UserError(f"{path.name} could not be written: {exc.strerror}")
