"""Text from what an agency sends back: emails, Outlook messages, PDFs, Word and Excel files.

Each reader takes a file on disk and returns `Extracted`: the text, the kind of file, and,
where no text could be read, a plain reason (a corrupt or encrypted PDF, a scan without a text
layer, a `.msg` that is not an Outlook message). Nothing here raises for bad input: the file is
still kept with the request, and the user is told why its text is not searchable.

Libraries: the standard `email` package (.eml), `pypdfium2` (PDF text layers), `python-docx` (DOCX),
`openpyxl` in read-only mode (XLSX), `olefile` for the Outlook .msg container (the property
streams are read directly: the three fields we need do not justify `extract-msg` and its seven
dependencies).
"""

from __future__ import annotations

import email
import email.policy
import html
import re
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import date
from email.message import EmailMessage
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

# Above this size a file is kept but its text is not read (memory and time stay bounded).
MAX_TEXT_BYTES = 200 * 1024 * 1024
MAX_TEXT_CHARS = 20_000_000  # per file, after extraction

KINDS = ("email", "pdf", "docx", "xlsx", "image", "text", "other")
_BY_SUFFIX = {
    ".eml": "email",
    ".msg": "email",
    ".pdf": "pdf",
    ".docx": "docx",
    ".xlsx": "xlsx",
    ".xlsm": "xlsx",
    ".txt": "text",
    ".csv": "text",
    ".html": "text",
    ".htm": "text",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
    ".gif": "image",
    ".bmp": "image",
    ".heic": "image",
}


@dataclass(frozen=True)
class Extracted:
    kind: str  # one of KINDS
    text: str = ""
    problem: str = ""  # why no (or not all) text was read; "" when all went well
    pages: int = 0  # PDF pages (with or without text)
    text_pages: int = 0  # PDF pages that had a text layer
    subject: str = ""  # emails
    sender: str = ""
    sent_on: date | None = None


def kind_of(name: str) -> str:
    return _BY_SUFFIX.get(Path(name).suffix.lower(), "other")


def extract(path: Path, name: str | None = None) -> Extracted:
    """The text of the file at `path` (named `name` by the user), never raising for bad input."""
    name = name or path.name
    kind = kind_of(name)
    try:
        size = path.stat().st_size
    except OSError as exc:
        return Extracted(kind, problem=f"cannot read the file: {exc.strerror or exc}")
    if size > MAX_TEXT_BYTES:
        limit = MAX_TEXT_BYTES // (1024 * 1024)
        return Extracted(kind, problem=f"kept, but too large to read for search (over {limit} MB)")
    reader = _READERS.get(kind)
    if kind == "image":
        return _image(path)
    if reader is None:
        return Extracted(kind, problem=_NO_TEXT.get(kind, "no text to read in this kind of file"))
    if kind == "email" and Path(name).suffix.lower() == ".msg":
        reader = _outlook_msg
    try:
        found = reader(path)
    except _Unreadable as exc:
        return Extracted(kind, problem=str(exc))
    except (OSError, ValueError, KeyError, IndexError, TypeError, zipfile.BadZipFile) as exc:
        return Extracted(kind, problem=f"its text could not be read ({type(exc).__name__}: {exc})")
    if len(found.text) > MAX_TEXT_CHARS:
        return Extracted(
            found.kind,
            found.text[:MAX_TEXT_CHARS],
            "only the first 20 million characters are searchable",
            found.pages,
            found.text_pages,
            found.subject,
            found.sender,
            found.sent_on,
        )
    return found


class _Unreadable(Exception):
    """A file whose text cannot be read, with the reason in plain words."""


_NO_TEXT = {
    "other": "no text is read from this kind of file",
}
OCR_HINT = (
    "install OCRmyPDF and Tesseract to search it (Debian/Ubuntu: apt install ocrmypdf "
    "tesseract-ocr-eng; macOS: brew install ocrmypdf)"
)
OCR_TIMEOUT = 1800.0  # seconds for one file (OCR takes seconds a page)


def _image(path: Path) -> Extracted:
    """Text from a photo or scan of a page, by Tesseract when it is installed."""
    tesseract = shutil.which("tesseract")
    if tesseract is None:
        return Extracted("image", problem=f"an image: {OCR_HINT}")
    try:
        done = subprocess.run(
            [tesseract, str(path), "-"],
            capture_output=True,
            timeout=OCR_TIMEOUT,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        return Extracted("image", problem=f"an image: OCR did not finish ({exc})")
    if done.returncode != 0:
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or ["?"]
        return Extracted("image", problem=f"an image OCR could not read ({reason[0]})")
    text = done.stdout.decode("utf-8", "replace").strip()
    return Extracted("image", text, "" if text else "an image: OCR found no text")


def _ocr_pdf(path: Path) -> str | None:
    """The text OCRmyPDF reads from a PDF's pages that have none (None: not installed or
    failed). The original is never changed: OCRmyPDF writes a copy we throw away."""
    ocrmypdf = shutil.which("ocrmypdf")
    if ocrmypdf is None:
        return None
    with tempfile.TemporaryDirectory(prefix="foia-ocr-") as tmp:
        sidecar = Path(tmp) / "text.txt"
        try:
            done = subprocess.run(
                [ocrmypdf, "--quiet", "--skip-text", "--sidecar", str(sidecar),
                 str(path), str(Path(tmp) / "out.pdf")],
                capture_output=True,
                timeout=OCR_TIMEOUT,
                stdin=subprocess.DEVNULL,
            )  # fmt: skip
        except (OSError, subprocess.TimeoutExpired):
            return None
        if done.returncode != 0 or not sidecar.exists():
            return None
        return sidecar.read_text(encoding="utf-8", errors="replace")


# -- emails -----------------------------------------------------------------------------------


def _eml(path: Path) -> Extracted:
    with open(path, "rb") as fh:
        message = email.message_from_binary_file(fh, policy=email.policy.default)
    if not isinstance(message, EmailMessage) or not (message.keys()):
        raise _Unreadable("not an email message (no headers)")
    texts = []
    for part in message.walk():
        if part.is_multipart() or part.get_content_disposition() == "attachment":
            continue
        content_type = part.get_content_type()
        if content_type not in ("text/plain", "text/html"):
            continue
        try:
            body = part.get_content()
        except (LookupError, ValueError):  # an unknown charset: read what can be read
            payload = part.get_payload(decode=True)
            body = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
        texts.append(html_to_text(body) if content_type == "text/html" else str(body))
    subject = str(message.get("subject", "") or "")
    return Extracted(
        "email",
        _dedupe_parts(texts),
        subject=subject,
        sender=str(message.get("from", "") or ""),
        sent_on=_header_date(str(message.get("date", "") or "")),
    )


def _dedupe_parts(texts: list[str]) -> str:
    """A text and an HTML part usually say the same: keep the text part and any other."""
    kept: list[str] = []
    for text in texts:
        folded = " ".join(text.split())
        if folded and not any(folded == " ".join(k.split()) for k in kept):
            kept.append(text.strip())
    if len(kept) == 2 and _similar(kept[0], kept[1]):
        kept = kept[:1]
    return "\n\n".join(kept)


def _similar(a: str, b: str) -> bool:
    wa, wb = set(a.casefold().split()), set(b.casefold().split())
    return bool(wa) and len(wa & wb) / max(len(wa | wb), 1) > 0.9


def _header_date(value: str) -> date | None:
    if not value:
        return None
    try:
        return parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        return None


class _TextFromHtml(HTMLParser):
    _BLOCK = frozenset(
        {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "table", "blockquote"}
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style", "head"):
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "head") and self._skip:
            self._skip -= 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    parser = _TextFromHtml()
    parser.feed(markup)
    parser.close()
    text = html.unescape("".join(parser.parts))
    lines = (" ".join(line.split()) for line in text.splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _outlook_msg(path: Path) -> Extracted:
    import olefile

    if not olefile.isOleFile(str(path)):
        raise _Unreadable("not an Outlook message (.msg): the file is not an OLE container")
    with olefile.OleFileIO(str(path)) as ole:
        if not ole.exists("__properties_version1.0"):
            raise _Unreadable("not an Outlook message (.msg): no message properties inside")

        def prop(tag: str) -> str:
            for suffix, codec in (("001F", "utf-16-le"), ("001E", "cp1252")):
                stream = f"__substg1.0_{tag}{suffix}"
                if ole.exists(stream):
                    raw: bytes = ole.openstream(stream).read()
                    return raw.decode(codec, "replace").rstrip("\0")
            return ""

        body = prop("1000")
        if not body:
            html_body = prop("1013")
            body = html_to_text(html_body) if html_body else ""
        return Extracted(
            "email", body.strip(), subject=prop("0037"), sender=prop("0C1F") or prop("0C1A")
        )


# -- documents --------------------------------------------------------------------------------


_ENCRYPTED = "an encrypted PDF: its text cannot be read without the password"


def _pdf(path: Path) -> Extracted:
    # PDFium (the PDF engine of Chromium) reads text layers about ten times faster than pure
    # Python readers: a release of thousands of pages is indexed in seconds.
    import pypdfium2 as pdfium

    try:
        document = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise _Unreadable(_ENCRYPTED) from exc
        raise _Unreadable(f"a damaged PDF ({exc})") from exc
    pages = []
    try:
        for index in range(len(document)):
            try:
                page = document[index]
                textpage = page.get_textpage()
                pages.append(textpage.get_text_range())
                textpage.close()
                page.close()
            except pdfium.PdfiumError:
                pages.append("")
    finally:
        document.close()
    with_text = sum(1 for p in pages if p.strip())
    text = "\n\n".join(p.replace("\r\n", "\n").strip() for p in pages)
    problem = ""
    if with_text < len(pages):
        ocr = _ocr_pdf(path)
        missing = len(pages) - with_text
        if ocr is not None and ocr.strip():
            # The sidecar holds OCR text for the scanned pages (and a marker for the others).
            text = "\n\n".join(x for x in (text, ocr.strip()) if x)
        elif not with_text:
            found = "OCR found no text in it" if ocr is not None else OCR_HINT
            problem = f"a scanned PDF with no text layer: {found}"
        else:
            problem = f"{missing} of {len(pages)} pages have no text layer (scanned?): {OCR_HINT}"
    return Extracted("pdf", text, problem, len(pages), with_text)


def _docx(path: Path) -> Extracted:
    import docx

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise _Unreadable(f"not a readable Word (.docx) file ({exc})") from exc
    parts = [p.text for p in document.paragraphs if p.text.strip()]
    for table in document.tables:
        for row in table.rows:
            cells = [c.text.strip() for c in row.cells if c.text.strip()]
            if cells:
                parts.append(" | ".join(cells))
    return Extracted("docx", "\n".join(parts))


def _xlsx(path: Path) -> Extracted:
    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    # A file object, not the path: kept copies have no extension, which openpyxl would refuse.
    fh = open(path, "rb")  # noqa: SIM115 (closed below, with the workbook)
    try:
        book = openpyxl.load_workbook(fh, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, InvalidFileException) as exc:
        fh.close()
        raise _Unreadable(f"not a readable Excel (.xlsx) file ({exc})") from exc
    lines = []
    try:
        for sheet in book.worksheets:
            lines.append(f"[{sheet.title}]")
            for row in sheet.iter_rows(values_only=True):
                cells = [str(v) for v in row if v is not None and str(v).strip()]
                if cells:
                    lines.append(" | ".join(cells))
    finally:
        book.close()
        fh.close()
    return Extracted("xlsx", "\n".join(lines))


def _plain(path: Path) -> Extracted:
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", "replace")
    if path.suffix.lower() in (".html", ".htm"):
        text = html_to_text(text)
    return Extracted("text", text)


_READERS = {"email": _eml, "pdf": _pdf, "docx": _docx, "xlsx": _xlsx, "text": _plain}
