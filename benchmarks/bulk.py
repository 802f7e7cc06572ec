"""Bulk export speed: 1,000 agencies to 1,000 DOCX letters, against a naive docxtpl loop.

Run:  .venv/bin/python benchmarks/bulk.py [--letters 1000] [--naive 100] [--pdfs 1000] [--jobs 0]

Prints letters per second for the real exporter (compile once, render in worker
processes, write only what changed) and for the naive loop (load, render, save each
letter with docxtpl) measured in the same run, their ratio, peak memory, a rerun with
nothing to write, and PDFs per second with the built-in (Qt) renderer, no LibreOffice.
Targets (issue #6): 1,000 DOCX <= 5 s, peak memory <= 400 MB, 1,000 PDFs <= 60 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

TODAY = date(2026, 11, 26)


def _agencies_csv(n: int, codes: list[str]) -> bytes:
    lines = ["agency_name,jurisdiction,email,address,city,state,zip"]
    for i in range(n):
        code = codes[i % len(codes)]
        lines.append(
            f"Police Department {i:04d},{code},records{i}@city{i}.example.gov,"
            f"{100 + i} Main Street,Springfield,{code},{10000 + i}"
        )
    return ("\n".join(lines) + "\n").encode()


def _maxrss_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux reports KiB


class TreeMemory:
    """Peak resident memory of this process and all its descendants (worker processes run
    under multiprocessing's forkserver, so RUSAGE_CHILDREN never sees them), sampled from
    /proc every 20 ms on a background thread. Linux only."""

    def __init__(self) -> None:
        import threading

        self.peak_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _loop(self) -> None:
        while not self._stop.wait(0.02):
            self.peak_kb = max(self.peak_kb, self._tree_rss_kb())

    @staticmethod
    def _tree_rss_kb() -> int:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/status") as fh:
                    fields = dict(line.split(":", 1) for line in fh if ":" in line)
            except OSError:
                continue
            pid = int(entry)
            parents[pid] = int(fields.get("PPid", "0"))
            rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0] or 0)
        me = os.getpid()
        total = 0
        for pid in rss:
            p = pid
            while p and p != me:
                p = parents.get(p, 0)
            if p == me:
                total += rss[pid]
        return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=1000)
    parser.add_argument("--naive", type=int, default=100, help="letters for the naive loop")
    parser.add_argument("--pdfs", type=int, default=1000)
    parser.add_argument("--jobs", type=int, default=0)
    args = parser.parse_args()

    from foia_assist.app import AppContext
    from foia_assist.paths import AppPaths, letter_templates_dir
    from foia_assist.services.bulk.agencies_csv import parse_agency_csv
    from foia_assist.services.bulk.exporter import BulkExport, BulkOptions
    from foia_assist.storage.spec_files import load_bulk_spec

    work = Path(tempfile.mkdtemp(prefix="foia-bench-"))
    try:
        ctx = AppContext(paths=AppPaths.under(work / "data"))
        letters = ctx.letters
        spec = load_bulk_spec(ROOT / "docs" / "examples" / "request-spec.json")
        agencies = parse_agency_csv(
            _agencies_csv(args.letters, ctx.jurisdictions.codes()), ctx.jurisdictions
        )
        print(f"cores: {os.cpu_count()}  letters: {len(agencies.rows)}  jobs: {args.jobs or 'all'}")

        # Naive baseline: what a script around docxtpl does, on a sample of the same letters.
        from docxtpl import DocxTemplate
        from jinja2 import StrictUndefined
        from jinja2.sandbox import ImmutableSandboxedEnvironment

        naive_dir = work / "naive"
        naive_dir.mkdir()
        template_path = letter_templates_dir() / "request.docx"
        sample = agencies.rows[: args.naive]
        contexts = []
        for row in sample:
            s = spec.with_agency(name=row.agency_name, jurisdiction=row.jurisdiction.code)
            contexts.append(letters.draft("request", s, TODAY).context)
        t0 = time.perf_counter()
        for i, context in enumerate(contexts):
            doc = DocxTemplate(str(template_path))
            env = ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
            doc.render(context, jinja_env=env, autoescape=True)
            doc.save(str(naive_dir / f"letter{i}.docx"))
        naive_s = (time.perf_counter() - t0) / max(1, len(contexts))
        print(
            f"naive docxtpl loop: {1 / naive_s:8.1f} letters/s ({naive_s * 1000:.1f} ms each, "
            f"measured on {len(contexts)}; {naive_s * len(agencies.rows):.1f} s for "
            f"{len(agencies.rows)})"
        )

        out = work / "out"

        def run(formats: tuple[str, ...], target: Path) -> tuple[float, BulkExport]:
            options = BulkOptions(out_dir=target, formats=formats, jobs=args.jobs)
            export = BulkExport(
                letters, agencies, spec, options, TODAY, pdf_backend=ctx.html_pdf_renderer
            )
            t = time.perf_counter()
            for _ in export.run():
                pass
            return time.perf_counter() - t, export

        with TreeMemory() as memory:
            elapsed, export = run(("docx",), out)
        n = len(export.result.exported)
        print(
            f"bulk export (DOCX):  {n / elapsed:8.1f} letters/s ({elapsed:.2f} s for {n}); "
            f"{naive_s * n / elapsed:.1f}x the naive loop   [target: <= 5 s]"
        )
        again, export = run(("docx",), out)
        print(
            f"rerun, nothing changed: {again:.2f} s ({export.result.unchanged} unchanged, "
            f"{export.result.written} written)"
        )
        print(
            f"peak memory of the export, all processes together: {memory.peak_kb / 1024:.0f} MB "
            f"(this process alone peaked at {_maxrss_mb(resource.RUSAGE_SELF):.0f} MB)"
            "   [target: <= 400 MB]"
        )

        if args.pdfs:
            pdf_agencies = parse_agency_csv(
                _agencies_csv(args.pdfs, ctx.jurisdictions.codes()), ctx.jurisdictions
            )
            agencies = pdf_agencies
            elapsed, export = run(("pdf",), work / "pdf")
            n = len(export.result.exported)
            print(
                f"bulk export (PDF, built-in renderer): {n / elapsed:6.1f} letters/s "
                f"({elapsed:.1f} s for {n})   [target: 1,000 in <= 60 s]"
            )
            print(f"peak memory after PDFs: {_maxrss_mb(resource.RUSAGE_SELF):.0f} MB")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
