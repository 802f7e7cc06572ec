"""The case file: files kept byte for byte once each, their text read and searchable, replies
read for the events they announce, and bad input (damaged, encrypted, hostile) named clearly.
Every file here is made by the test: emails, PDFs (text, scanned, damaged, encrypted), Word,
Excel, images, folders and ZIPs."""

from __future__ import annotations

import hashlib
import shutil
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from postgres_server import on_both_backends
from pypdf import PdfWriter

from foia_assist.services.casefile import extract as extract_module
from foia_assist.services.casefile.extract import extract
from foia_assist.services.casefile.reply_reader import find_dates, suggest_events
from foia_assist.services.casefile.service import CaseFileService
from foia_assist.storage.attachments_repo import fts_query

TODAY = date(2027, 1, 10)

REPLY = """From: Records Unit <records@springfield.example>
To: jane@example.org
Subject: RE: Public records request - facial recognition
Date: Wed, 06 Jan 2027 10:15:00 -0500
Content-Type: multipart/alternative; boundary="b1"

--b1
Content-Type: text/plain; charset=utf-8

Dear Ms. Public,

This email acknowledges receipt of your public records request, reference number PRR-2027-0042.
Due to the volume of records, we need additional time and expect to respond by February 15, 2027.
--b1
Content-Type: text/html; charset=utf-8

<html><body><p>Dear Ms. Public,</p><p>This email acknowledges receipt of your public records
request, reference number PRR-2027-0042.</p><p>Due to the volume of records, we need additional
time and expect to respond by February 15, 2027.</p></body></html>
--b1--
"""


@pytest.fixture
def case(tracker, app_paths):  # type: ignore[no-untyped-def]
    from tracking_helpers import tracked_spec

    request_id = tracker.add_request(tracked_spec("WA"), today=TODAY, sent=date(2027, 1, 2))
    return CaseFileService(tracker.requests.db, app_paths.attachments_dir), request_id


def _pdf_with_text(path: Path, text: str, qapp: object) -> Path:
    from foia_assist.gui.pdf_backend import html_to_pdf

    html_to_pdf(f"<p>{text}</p>", path)
    return path


def _blank_pdf(path: Path, pages: int = 2) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    with open(path, "wb") as fh:
        writer.write(fh)
    return path


@on_both_backends  # the attachments repository and its text search
def test_an_email_reply_is_kept_read_and_proposes_its_events(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service, rid = case
    reply = tmp_path / "reply.eml"
    reply.write_text(REPLY, encoding="utf-8")
    before = reply.read_bytes()
    [outcome] = list(service.attach(rid, [reply], today=TODAY))
    a = outcome.attachment
    assert a is not None and outcome.new
    assert a.sha256 == hashlib.sha256(before).hexdigest() and a.size == len(before)
    assert a.kind == "email" and a.received == date(2027, 1, 6)  # the email's own date
    assert reply.read_bytes() == before  # the original is never modified
    assert service.stored_path(a.id).read_bytes() == before  # kept byte for byte
    kinds = {s.kind: s for s in outcome.suggestions}
    assert set(kinds) == {"acknowledged", "extension"}
    assert kinds["acknowledged"].reference == "PRR-2027-0042"
    assert kinds["extension"].new_date == date(2027, 2, 15)
    assert "February 15, 2027" in kinds["extension"].evidence
    # The HTML part says the same as the text part: the text is indexed once.
    assert service.attachments.text(a.id).count("acknowledges receipt") == 1


@on_both_backends  # the attachments repository and its text search
def test_the_same_file_is_stored_once(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service, rid = case
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("the same records", encoding="utf-8")
    second.write_text("the same records", encoding="utf-8")
    outcomes = list(service.attach(rid, [first, second, first], today=TODAY))
    assert [o.new for o in outcomes] == [True, True, False]
    assert outcomes[0].attachment.sha256 == outcomes[1].attachment.sha256  # type: ignore[union-attr]
    blobs = [p for p in service.blobs.root.rglob("*") if p.is_file()]
    assert len(blobs) == 1
    # Removing one keeps the bytes the other still uses; removing both frees them.
    service.remove(outcomes[0].attachment.id)  # type: ignore[union-attr]
    assert len([p for p in service.blobs.root.rglob("*") if p.is_file()]) == 1
    service.remove(outcomes[1].attachment.id)  # type: ignore[union-attr]
    assert not [p for p in service.blobs.root.rglob("*") if p.is_file()]


@on_both_backends  # the attachments repository and its text search
def test_documents_are_read_and_searchable(case, tmp_path: Path, qapp: object) -> None:  # type: ignore[no-untyped-def]
    service, rid = case
    pdf = _pdf_with_text(tmp_path / "contract.pdf", "Clearview AI master services agreement", qapp)
    word = tmp_path / "policy.docx"
    d = docx.Document()
    d.add_paragraph("Facial recognition use policy")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Vendor"
    table.cell(0, 1).text = "Rank One Computing"
    d.save(str(word))
    sheet = tmp_path / "audit.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["search_id", "officer", "probe"])  # type: ignore[union-attr]
    book.active.append([101, "Badge 4411", "Lumberyard burglary"])  # type: ignore[union-attr]
    book.save(str(sheet))
    list(service.attach(rid, [pdf, word, sheet], today=TODAY))
    assert [h.name for h in service.search("clearview agreement")] == ["contract.pdf"]
    assert [h.name for h in service.search("rank one")] == ["policy.docx"]
    hits = service.search("lumberyard")
    assert [h.name for h in hits] == ["audit.xlsx"] and "[[Lumberyard]]" in hits[0].snippet
    assert hits[0].request_id == rid
    assert service.search("lumber")  # the last word matches as a prefix (search as you type)
    assert service.search("nothing like this") == []


@pytest.mark.parametrize(
    ("make", "problem"),
    [
        (lambda p: p.write_bytes(b"%PDF-1.7\n garbage"), "damaged PDF"),
        (lambda p: _blank_pdf(p), "scanned PDF with no text layer"),
    ],
)
def test_a_pdf_without_readable_text_is_kept_and_says_why(
    case, tmp_path: Path, make, problem: str
) -> None:  # type: ignore[no-untyped-def]
    service, rid = case
    path = tmp_path / "reply.pdf"
    make(path)
    [outcome] = list(service.attach(rid, [path], today=TODAY))
    assert outcome.attachment is not None  # kept all the same
    assert problem in outcome.attachment.problem


def test_an_encrypted_pdf_is_named(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service, rid = case
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.encrypt(user_password="secret", owner_password="owner")
    path = tmp_path / "locked.pdf"
    with open(path, "wb") as fh:
        writer.write(fh)
    [outcome] = list(service.attach(rid, [path], today=TODAY))
    assert outcome.attachment is not None
    assert outcome.attachment.problem.startswith("an encrypted PDF")


def test_a_msg_that_is_not_one_is_named(tmp_path: Path) -> None:
    path = tmp_path / "reply.msg"
    path.write_text("not an outlook message", encoding="utf-8")
    found = extract(path)
    assert found.kind == "email" and found.text == ""
    assert found.problem.startswith("not an Outlook message")


def test_a_hostile_zip_attaches_the_good_members_and_names_the_rest(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service, rid = case
    archive = tmp_path / "release.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("records/log.txt", "audit log of face searches")
        z.writestr("../../etc/evil.txt", "escape")
        z.writestr("/abs/evil.txt", "escape")
        z.writestr("bomb.bin", b"\0" * (60 * 1024 * 1024))  # ~60 KB packed, 60 MB unpacked
    outcomes = list(service.attach(rid, [archive], today=TODAY))
    attached = [o.attachment.name for o in outcomes if o.attachment]
    skipped = {o.name: o.skipped for o in outcomes if o.attachment is None}
    assert attached == ["records/log.txt"]
    assert outcomes[0].attachment.container == "release.zip"  # type: ignore[union-attr]
    assert "path-traversal" in skipped["release.zip: ../../etc/evil.txt"]
    assert "path-traversal" in skipped["release.zip: /abs/evil.txt"]
    assert "ZIP bomb" in skipped["release.zip: bomb.bin"]
    assert not (tmp_path / "etc").exists() and not Path("/abs/evil.txt").exists()
    assert [h.name for h in service.search("face searches")] == ["records/log.txt"]


def test_a_damaged_zip_does_not_stop_the_batch(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service, rid = case
    bad = tmp_path / "broken.zip"
    bad.write_bytes(b"PK\x03\x04 not really")
    good = tmp_path / "note.txt"
    good.write_text("a reply", encoding="utf-8")
    outcomes = list(service.attach(rid, [bad, good], today=TODAY))
    assert outcomes[0].attachment is None and "not a readable ZIP" in outcomes[0].skipped
    assert outcomes[1].attachment is not None


def test_a_folder_is_attached_without_following_links(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    service, rid = case
    folder = tmp_path / "release"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("first", encoding="utf-8")
    (folder / "sub" / "b.txt").write_text("second", encoding="utf-8")
    (folder / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    outside = tmp_path / "secret.txt"
    outside.write_text("not in the folder", encoding="utf-8")
    (folder / "link.txt").symlink_to(outside)
    outcomes = list(service.attach(rid, [folder], today=TODAY))
    names = sorted(o.attachment.name for o in outcomes if o.attachment)
    assert names == ["release/a.txt", "release/photo.png", "release/sub/b.txt"]
    image = next(o.attachment for o in outcomes if o.attachment and o.attachment.kind == "image")
    assert "OCR" in image.problem
    assert any("a link" in o.skipped for o in outcomes if o.attachment is None)


def test_a_file_too_large_to_read_is_kept_without_text(case, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    service, rid = case
    monkeypatch.setattr(extract_module, "MAX_TEXT_BYTES", 1024)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 4096)
    [outcome] = list(service.attach(rid, [big], today=TODAY))
    assert outcome.attachment is not None and outcome.attachment.size == 4096
    assert "too large" in outcome.attachment.problem


@on_both_backends  # the attachments repository and its text search
def test_an_unknown_request_is_refused_before_anything_is_kept(
    tracker, app_paths, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    from foia_assist.errors import UserError

    service = CaseFileService(tracker.requests.db, app_paths.attachments_dir)
    f = tmp_path / "x.txt"
    f.write_text("x", encoding="utf-8")
    with pytest.raises(UserError, match="no tracked request with id 99"):
        list(service.attach(99, [f], today=TODAY))
    assert not app_paths.attachments_dir.exists()


# -- reading replies ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "check"),
    [
        (
            "The estimated fee for this request is $1,240.00 and must be paid before we proceed.",
            "fee_estimate",
            lambda s: s.amount == Decimal("1240.00"),
        ),
        (
            "Please clarify which date range you are seeking.",
            "clarification_requested",
            lambda s: True,
        ),
        (
            "We are extending the time to respond by 10 additional business days.",
            "extension",
            lambda s: s.days == 10 and s.new_date is None,
        ),
        (
            "Records responsive to items 2 and 3 are withheld under 5 U.S.C. 552(b)(7)(E) and "
            "(b)(6).",
            "denied",
            lambda s: s.exemptions == ("5 U.S.C. 552(b)(7)(E)", "(b)(6)"),
        ),
        (
            "Your request is denied pursuant to Tex. Gov't Code § 552.108(a)(1).",
            "denied",
            lambda s: s.exemptions == ("Gov't Code § 552.108(a)(1)",),
        ),
        (
            "Please find attached the responsive records, with redactions.",
            "records_released",
            lambda s: s.partial,
        ),
        (
            "Please find attached all of the records you requested.",
            "records_released",
            lambda s: not s.partial,
        ),
    ],
)
def test_replies_propose_events(text: str, kind: str, check) -> None:  # type: ignore[no-untyped-def]
    found = {s.kind: s for s in suggest_events(text, date(2027, 3, 1))}
    assert kind in found, found
    assert check(found[kind])
    assert found[kind].evidence == text


def test_nothing_is_proposed_from_an_unrelated_message() -> None:
    text = "Thank you for contacting the City. Our offices are closed on Monday."
    assert suggest_events(text, date(2027, 3, 1)) == []


def test_an_extension_without_a_date_or_days_is_not_guessed() -> None:
    assert suggest_events("We may need an extension.", date(2027, 3, 1)) == []


def test_no_records_is_not_a_denial() -> None:
    assert suggest_events("We found no responsive records.", date(2027, 3, 1)) == []


def test_dates_in_three_forms() -> None:
    text = "by March 5, 2027, or 03/06/2027, or 2027-03-07; not 02/30/2027"
    assert find_dates(text) == [date(2027, 3, 5), date(2027, 3, 6), date(2027, 3, 7)]


def test_search_words_are_never_read_as_operators() -> None:
    assert fts_query('NEAR("x") OR -y') == '"NEAR" "x" "OR" "y"*'
    assert fts_query("  ") == ""


def _scan(path: Path, qapp: object, *, as_pdf: bool) -> Path:
    """A page as a scanner makes it: a picture of text, with no text layer."""
    from PySide6.QtCore import QRectF
    from PySide6.QtGui import QColor, QFont, QImage, QPainter, QPdfWriter

    image = QImage(1700, 500, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    font = QFont("DejaVu Sans")
    font.setPixelSize(64)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(60, 200, "Clearview contract withheld")
    painter.drawText(60, 330, "under Exemption 7(E)")
    painter.end()
    if not as_pdf:
        image.save(str(path))
        return path
    writer = QPdfWriter(str(path))
    writer.setResolution(200)
    painter = QPainter(writer)
    painter.drawImage(QRectF(0, 0, 1700, 500), image)
    painter.end()
    return path


needs_ocr = pytest.mark.skipif(
    not (shutil.which("ocrmypdf") and shutil.which("tesseract")),
    reason="OCRmyPDF and Tesseract are not installed (Debian: ocrmypdf tesseract-ocr-eng)",
)


@needs_ocr
@pytest.mark.slow
def test_a_scanned_pdf_and_a_photo_are_read_by_ocr(case, tmp_path: Path, qapp: object) -> None:  # type: ignore[no-untyped-def]
    service, rid = case
    pdf = _scan(tmp_path / "scan.pdf", qapp, as_pdf=True)
    before = pdf.read_bytes()
    photo = _scan(tmp_path / "photo.png", qapp, as_pdf=False)
    outcomes = list(service.attach(rid, [pdf, photo], today=TODAY))
    assert [o.attachment.problem for o in outcomes if o.attachment] == ["", ""]
    assert pdf.read_bytes() == before  # OCR worked on a copy
    assert sorted(h.name for h in service.search("clearview withheld")) == ["photo.png", "scan.pdf"]


def test_without_ocr_the_user_is_told_how_to_get_it(
    case, tmp_path: Path, qapp: object, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    service, rid = case
    monkeypatch.setattr(extract_module.shutil, "which", lambda name: None)
    pdf = _scan(tmp_path / "scan.pdf", qapp, as_pdf=True)
    photo = _scan(tmp_path / "photo.png", qapp, as_pdf=False)
    problems = [o.attachment.problem for o in service.attach(rid, [pdf, photo], today=TODAY)]  # type: ignore[union-attr]
    assert problems[0].startswith("a scanned PDF with no text layer: install OCRmyPDF")
    assert problems[1].startswith("an image: install OCRmyPDF and Tesseract")


def test_an_outlook_message_is_read(case, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from outlook_msg import outlook_msg

    service, rid = case
    path = tmp_path / "reply.msg"
    path.write_bytes(
        outlook_msg(
            "RE: request PRR-9",
            "We have received your request. The estimated fee is $12.00.",
            "clerk@city.example",
        )
    )
    [outcome] = list(service.attach(rid, [path], today=TODAY))
    assert outcome.attachment is not None and outcome.attachment.problem == ""
    assert {s.kind for s in outcome.suggestions} == {"acknowledged", "fee_estimate"}
    assert [h.name for h in service.search("PRR")] == ["reply.msg"]  # the subject is indexed
