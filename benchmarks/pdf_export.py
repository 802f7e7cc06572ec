"""PDF export through LibreOffice: one start per letter (the old way) against chunks of
letters per start with one profile for the job (`PdfBatch`, what bulk export now does), in
the same run on the same letters.

Run:  .venv/bin/python benchmarks/pdf_export.py [--letters 25] [--chunk 10]

Prints the load average (as `uptime` does) before each measurement, the seconds for one
letter and for all of them each way, and the time of a whole bulk export to PDF. Needs
LibreOffice (soffice on PATH). Trial K7: about 10 s a letter on a loaded 2-CPU machine.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 26)


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} CPUs"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=25)
    parser.add_argument("--chunk", type=int, default=0, help="letters per start (0: bulk's)")
    args = parser.parse_args()

    from foia_assist.app import AppContext
    from foia_assist.paths import AppPaths
    from foia_assist.services.bulk.agencies_csv import parse_agency_csv
    from foia_assist.services.bulk.exporter import BulkExport, BulkOptions
    from foia_assist.services.letters import pdf_conversion
    from foia_assist.services.letters.pdf_conversion import PdfMaker, libreoffice_path
    from foia_assist.storage.spec_files import load_bulk_spec

    soffice = libreoffice_path()
    if soffice is None:
        sys.exit("LibreOffice (soffice) is not installed: nothing to measure")
    chunk = args.chunk or pdf_conversion.LIBREOFFICE_CHUNK
    work = Path(tempfile.mkdtemp(prefix="foia-bench-pdf-"))
    try:
        ctx = AppContext(paths=AppPaths.under(work / "data"))
        spec = load_bulk_spec(ROOT / "docs" / "examples" / "request-spec.json")
        codes = ctx.jurisdictions.codes()
        lines = ["agency_name,jurisdiction,email,address"]
        for i in range(args.letters):
            code = codes[i % len(codes)]
            lines.append(f"Police Department {i:03d},{code},r{i}@x{i}.example.gov,{i} Main St")
        agencies = parse_agency_csv(("\n".join(lines) + "\n").encode(), ctx.jurisdictions)
        export = BulkExport(ctx.letters, agencies, spec, BulkOptions(work / "docx"), TODAY)
        for _ in export.run():
            pass
        docs = [e.files[0].read_bytes() for e in export.result.exported]
        n = len(docs)
        print(f"{n} letters; LibreOffice: {soffice}; chunk: {chunk} letters per start")

        def old_way(count: int) -> float:
            t = time.perf_counter()
            for i, data in enumerate(docs[:count]):
                pdf_conversion.docx_to_pdf(data, work / "old" / f"{i}.pdf")
            return time.perf_counter() - t

        def batched(count: int) -> float:
            maker = PdfMaker(None, "libreoffice")
            t = time.perf_counter()
            with maker.batch() as batch:
                for start in range(0, count, chunk):
                    numbers = range(start, min(count, start + chunk))
                    part = [(docs[i], work / "new" / f"{i}.pdf") for i in numbers]
                    for result in batch.write_many(part):
                        assert isinstance(result, Path), result
            return time.perf_counter() - t

        (work / "old").mkdir()
        (work / "new").mkdir()
        for label, run in (("one start per letter (old)", old_way), ("chunks (new)", batched)):
            print(f"[{_load()}]")
            one = run(1)
            print(f"{label:28} 1 letter: {one:6.1f} s")
            print(f"[{_load()}]")
            all_ = run(n)
            print(f"{label:28} {n} letters: {all_:6.1f} s ({all_ / n:.2f} s a letter)")

        print(f"[{_load()}]")
        pdf_conversion.LIBREOFFICE_CHUNK = chunk
        options = BulkOptions(work / "bulk", formats=("docx", "pdf"))
        ctx.letters.pdf = PdfMaker(None, "libreoffice")
        export = BulkExport(ctx.letters, agencies, spec, options, TODAY)
        t = time.perf_counter()
        for _ in export.run():
            pass
        elapsed = time.perf_counter() - t
        print(
            f"bulk export DOCX + PDF (LibreOffice), {len(export.result.exported)} letters: "
            f"{elapsed:.1f} s ({elapsed / n:.2f} s a letter), "
            f"{len(export.result.rejected)} rejected"
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
