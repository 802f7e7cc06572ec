"""A letter's PDF looks the same whether the wizard (LetterService) or bulk export made it: both
go through the letter service's PdfMaker, which follows the user's setting (LibreOffice or the
built-in renderer). Before, bulk always used the built-in renderer and the wizard LibreOffice."""

from __future__ import annotations

import io
import threading
from datetime import date
from pathlib import Path

import pytest

from foia_assist.app import AppContext, qt_pdf_renderer
from foia_assist.paths import AppPaths
from foia_assist.services.bulk.agencies_csv import parse_agency_csv
from foia_assist.services.bulk.exporter import BulkExport, BulkOptions
from foia_assist.services.letters.pdf_conversion import PdfMaker, libreoffice_path
from foia_assist.storage.settings import Settings, SettingsStore, read_pdf_renderer
from foia_assist.storage.spec_files import load_bulk_spec

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "docs" / "examples" / "request-spec.json"
TODAY = date(2026, 11, 26)
ROW = (
    b"agency_name,jurisdiction,email,level\nSpringfield Police Department,IL,r@example.gov,local\n"
)


def _page_texts(pdf: Path) -> list[str]:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(pdf.read_bytes()))
    return [" ".join((page.extract_text() or "").split()) for page in reader.pages]


def _both_paths(tmp_path: Path, choice: str) -> tuple[list[str], list[str]]:
    paths = AppPaths.under(tmp_path / "data").ensure()
    SettingsStore(paths.settings_file).save(Settings(pdf_renderer=choice))
    ctx = AppContext(paths=paths, html_pdf_renderer=qt_pdf_renderer)
    letters = ctx.letters
    assert letters.pdf.choice == choice  # read from the user's settings
    base = load_bulk_spec(SPEC)
    agencies = parse_agency_csv(ROW, letters.jurisdictions)
    out = tmp_path / "bulk"
    job = BulkExport(letters, agencies, base, BulkOptions(out_dir=out, formats=("pdf",)), TODAY)
    for _ in job.run(threading.Event()):
        pass
    assert job.result.exit_code == 0, job.result.rejected
    bulk_pdf = next(p for e in job.result.exported for p in e.files if p.suffix == ".pdf")
    # The wizard's path: the same spec the bulk row was written from.
    spec = job._spec_for(job.result.exported[0].row)
    # The wizard saves the previewed DOCX with write_docx_as (gui/letter_actions.py).
    docx = letters.render_docx("request", spec, TODAY)
    single = letters.write_docx_as(docx, tmp_path / "single.pdf")
    return _page_texts(single), _page_texts(bulk_pdf)


@pytest.mark.gui
def test_built_in_renderer_gives_the_same_pages_on_both_paths(tmp_path: Path, qapp: object) -> None:
    single, bulk = _both_paths(tmp_path, "built-in")
    assert len(single) >= 1 and single == bulk
    assert "Springfield Police Department" in " ".join(single)


@pytest.mark.gui
@pytest.mark.skipif(libreoffice_path() is None, reason="LibreOffice is not installed")
def test_libreoffice_gives_the_same_pages_on_both_paths(tmp_path: Path, qapp: object) -> None:
    single, bulk = _both_paths(tmp_path, "libreoffice")
    assert len(single) >= 1 and single == bulk


def test_the_choice_decides_the_renderer_for_everyone(monkeypatch: pytest.MonkeyPatch) -> None:
    import foia_assist.services.letters.pdf_conversion as conversion

    def backend(html: str, out: Path) -> None:  # never called here
        raise AssertionError

    monkeypatch.setattr(conversion, "libreoffice_path", lambda: Path("/usr/bin/soffice"))
    assert PdfMaker(backend, "auto").renderer() == "libreoffice"
    assert PdfMaker(backend, "libreoffice").renderer() == "libreoffice"
    assert PdfMaker(backend, "built-in").renderer() == "built-in"
    assert PdfMaker(None, "built-in").renderer() == "libreoffice"  # nothing else to use
    monkeypatch.setattr(conversion, "libreoffice_path", lambda: None)
    assert PdfMaker(backend, "auto").renderer() == "built-in"
    assert PdfMaker(backend, "libreoffice").renderer() == "built-in"
    # Bulk's own built-in renderer keeps the letter service's choice.
    assert PdfMaker(None, "built-in").with_backend(backend).choice == "built-in"


def test_the_setting_is_read_without_touching_a_damaged_file(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    assert read_pdf_renderer(path) == "auto"  # no file
    path.write_text("{not json", encoding="utf-8")
    assert read_pdf_renderer(path) == "auto" and path.read_text(encoding="utf-8") == "{not json"
    path.write_text('{"pdf_renderer": "laser"}', encoding="utf-8")
    assert read_pdf_renderer(path) == "auto"
    SettingsStore(path).save(Settings(pdf_renderer="built-in"))
    assert read_pdf_renderer(path) == "built-in"
    assert SettingsStore(path).load().settings.pdf_renderer == "built-in"


def test_the_manifest_records_each_rows_level(tmp_path: Path) -> None:
    import csv

    ctx = AppContext(paths=AppPaths.under(tmp_path / "data").ensure())
    letters = ctx.letters
    data = ROW + b"Illinois State Police,IL,isp@example.gov,state\nSome Office,IL,o@example.gov,\n"
    agencies = parse_agency_csv(data, letters.jurisdictions)
    out = tmp_path / "bulk"
    job = BulkExport(letters, agencies, load_bulk_spec(SPEC), BulkOptions(out_dir=out), TODAY)
    for _ in job.run(threading.Event()):
        pass
    rows = list(csv.DictReader(io.StringIO((out / "manifest.csv").read_text("utf-8-sig"))))
    assert [(r["agency"], r["level"]) for r in rows] == [
        ("Springfield Police Department", "local"),
        ("Illinois State Police", "state"),
        ("Some Office", ""),
    ]
