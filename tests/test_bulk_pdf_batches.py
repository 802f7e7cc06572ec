"""Bulk PDFs through LibreOffice a chunk of letters per start (trial K7: ~10 s a letter when
LibreOffice started once per letter). A fake `soffice` on PATH counts its starts; one real
run checks the PDFs themselves where LibreOffice is installed."""

from __future__ import annotations

import csv
import io
import shutil
import stat
from datetime import date
from pathlib import Path

import pytest

from foia_assist.app import AppContext
from foia_assist.paths import AppPaths
from foia_assist.services.bulk.agencies_csv import parse_agency_csv
from foia_assist.services.bulk.exporter import BulkExport, BulkOptions
from foia_assist.services.letters import pdf_conversion
from foia_assist.services.letters.pdf_conversion import PdfMaker, libreoffice_path
from foia_assist.services.letters.service import LetterService

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 26)

# Like `soffice --convert-to pdf --outdir D a.docx b.docx …`: one "%PDF-fake" file per source
# named as LibreOffice names it, and a line per start in $STARTS with the profile used. A
# source whose text contains "Broken" is refused, as LibreOffice refuses a file it cannot load.
FAKE = r"""#!/bin/sh
out=""; prev=""; profile=""
for a in "$@"; do
  [ "$prev" = "--outdir" ] && out="$a"
  case "$a" in -env:UserInstallation=*) profile="$a";; esac
  prev="$a"
done
echo "$profile" >> "$STARTS"
status=0
for a in "$@"; do
  case "$a" in
    *.docx)
      name=$(basename "$a" .docx)
      if unzip -p "$a" word/document.xml | grep -q Broken; then
        echo "Error: source file could not be loaded" >&2; status=1
      else
        echo "%PDF-fake $name" > "$out/$name.pdf"
      fi;;
  esac
done
exit $status
"""


@pytest.fixture
def fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    if shutil.which("unzip") is None:
        pytest.skip("unzip is not installed")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(FAKE, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    starts = tmp_path / "starts.txt"
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setenv("STARTS", str(starts))
    assert libreoffice_path() == script
    return starts


def _letters() -> LetterService:
    letters = AppContext(paths=AppPaths.under(Path("/nonexistent-unused"))).letters
    letters.pdf = PdfMaker(None, "libreoffice")
    return letters


def _export(names: list[str], out: Path, formats: tuple[str, ...] = ("docx", "pdf")) -> BulkExport:
    from foia_assist.storage.spec_files import load_bulk_spec

    letters = _letters()
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(["agency_name", "jurisdiction", "email"])
    w.writerows([(n, "NY", f"r{i}@example.gov") for i, n in enumerate(names)])
    agencies = parse_agency_csv(buf.getvalue().encode(), letters.jurisdictions)
    spec = load_bulk_spec(ROOT / "docs" / "examples" / "request-spec.json")
    options = BulkOptions(out_dir=out, formats=formats, jobs=1)
    return BulkExport(letters, agencies, spec, options, TODAY)


def test_twenty_letters_take_three_starts_and_progress_moves_per_letter(
    fake_soffice: Path, tmp_path: Path
) -> None:
    names = [f"Agency {i:02d}" for i in range(20)]
    export = _export(names, tmp_path / "out")
    progress = [p for p in export.run() if p.stage == "writing"]
    assert [p.done for p in progress] == list(range(1, 21))
    starts = fake_soffice.read_text().splitlines()
    assert len(starts) == -(-20 // pdf_conversion.LIBREOFFICE_CHUNK) == 3  # was 20: one per letter
    assert len(set(starts)) == 1  # one profile for the job, made once and reused
    assert len(export.result.exported) == 20 and not export.result.rejected
    for i in range(len(names)):
        pdf = tmp_path / "out" / f"Agency_{i:02d}_NY.pdf"
        assert pdf.read_text().startswith("%PDF-fake")
    # The profile's folder is gone after the job.
    profile = Path(starts[0].split("=", 1)[1].removeprefix("file://")).parent
    assert not profile.exists()


def test_a_letter_libreoffice_refuses_is_one_rejected_row_with_its_reason(
    fake_soffice: Path, tmp_path: Path
) -> None:
    names = ["Agency A", "Broken Agency", "Agency C"]
    export = _export(names, tmp_path / "out")
    for _ in export.run():
        pass
    assert [e.row.agency_name for e in export.result.exported] == ["Agency A", "Agency C"]
    [rejected] = export.result.rejected
    assert rejected.row == 3 and rejected.agency_name == "Broken Agency"
    assert rejected.reason == (
        "no PDF: LibreOffice could not convert the letter to PDF: "
        "Error: source file could not be loaded"
    )
    manifest = (tmp_path / "out" / "manifest.csv").read_text("utf-8-sig")
    assert "Agency A" in manifest and "Agency C" in manifest and "Broken" not in manifest
    assert "Broken Agency" in (tmp_path / "out" / "rejected-rows.csv").read_text("utf-8-sig")
    # Tried with the others, then alone for its own message: 2 starts, not 3.
    assert len(fake_soffice.read_text().splitlines()) == 2


def test_closing_the_job_between_chunks_keeps_a_true_manifest(
    fake_soffice: Path, tmp_path: Path
) -> None:
    names = [f"Agency {i:02d}" for i in range(20)]
    export = _export(names, tmp_path / "out")
    job = export.run()
    for p in job:
        if p.stage == "writing" and p.done == pdf_conversion.LIBREOFFICE_CHUNK:
            job.close()  # the window's Cancel
            break
    assert export.result.cancelled
    manifest = (tmp_path / "out" / "manifest.csv").read_text("utf-8-sig")
    listed = [n for n in names if n in manifest]
    assert listed == names[: pdf_conversion.LIBREOFFICE_CHUNK]
    assert all((tmp_path / "out" / f"Agency_{i:02d}_NY.pdf").is_file() for i in range(8))


@pytest.mark.skipif(libreoffice_path() is None, reason="LibreOffice is not installed")
def test_real_libreoffice_makes_each_letters_own_pdf_in_one_start(tmp_path: Path) -> None:
    from pypdf import PdfReader

    names = ["Albany Police Department", "Buffalo Police Department", "Yonkers Police Department"]
    export = _export(names, tmp_path / "out", formats=("pdf",))
    for _ in export.run():
        pass
    assert not export.result.rejected
    for name in names:
        pdf = tmp_path / "out" / f"{name.replace(' ', '_')}_NY.pdf"
        text = " ".join(PdfReader(pdf).pages[0].extract_text().split())
        assert name in text
        assert not any(other in text for other in names if other != name)


def test_no_pdf_asked_no_libreoffice_started(fake_soffice: Path, tmp_path: Path) -> None:
    """(soffice started with no file to convert waits for ever.)"""
    export = _export(["Agency A", "Agency B"], tmp_path / "out", formats=("docx",))
    for _ in export.run():
        pass
    assert len(export.result.exported) == 2
    assert not fake_soffice.exists()


def test_a_timed_out_libreoffice_leaves_no_process_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """soffice starts oosplash, which starts soffice.bin: a timeout killed only the first,
    and soffice.bin ran on for ever. The whole process group is now stopped."""
    import os
    import time

    from foia_assist.errors import UserError

    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    pid_file = tmp_path / "grandchild.pid"
    # A child of its own that outlives the script, as soffice.bin does.
    script.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {pid_file}\nwait\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    monkeypatch.setattr(pdf_conversion, "LIBREOFFICE_TIMEOUT", 1.0)
    with pytest.raises(UserError, match="did not finish the PDF within 1 seconds"):
        pdf_conversion.docx_to_pdf(b"PK not really", tmp_path / "letter.pdf")
    grandchild = int(pid_file.read_text())
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{grandchild}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            break
        if state == "Z":
            break
        time.sleep(0.05)
    else:
        os.kill(grandchild, 9)
        raise AssertionError("the converter's own child was left running")


def test_the_built_in_renderer_is_not_made_to_wait_for_a_chunk(fake_soffice: Path) -> None:
    """Chunks pay for LibreOffice's start; the built-in renderer makes each PDF at once, so
    bulk's progress still moves letter by letter with it."""
    assert PdfMaker(None, "libreoffice").batch().size == pdf_conversion.LIBREOFFICE_CHUNK
    built_in = PdfMaker(lambda html, path: None, "built-in")
    assert built_in.renderer() == "built-in" and built_in.batch().size == 1
