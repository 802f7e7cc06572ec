"""Case file: attach 1,000 multi-page PDFs (made here), then search them.

Prints pages indexed per second (hash, keep, read the text layer, index) and search latency,
each beside a baseline measured in the same run: reading the same PDFs' text with pypdf alone
(the floor for indexing), and a plain substring scan of the same texts (the naive search).
Targets: at least 200 text pages a second on one core; a search under 50 ms.

Run: .venv/bin/python benchmarks/casefile.py [--files 1000] [--pages 5]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from foia_assist.domain.calendars import CalendarCache  # noqa: E402
from foia_assist.domain.request import RequestSpec  # noqa: E402
from foia_assist.paths import AppPaths, resources_dir  # noqa: E402
from foia_assist.services.casefile.service import CaseFileService  # noqa: E402
from foia_assist.services.tracker import TrackerService  # noqa: E402
from foia_assist.storage.rule_files import load_jurisdictions  # noqa: E402

WORDS = [
    "facial",
    "recognition",
    "search",
    "audit",
    "log",
    "vendor",
    "contract",
    "clearview",
    "officer",
    "probe",
    "image",
    "match",
    "candidate",
    "policy",
    "training",
    "accuracy",
    "test",
    "retention",
    "database",
    "agency",
    "records",
    "request",
    "exemption",
    "investigation",
    "warrant",
    "suspect",
    "lineup",
    "booking",
    "photo",
    "report",
    "memo",
]
QUERIES = ["clearview contract", "audit log", "probe image match", "retention policy", "zz9"]


def pdf_bytes(pages: list[str]) -> bytes:
    """A small valid PDF with one line-broken text block per page (Helvetica, no fonts kept)."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b""]  # pages filled in below
    kids = []
    font_id = 3
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for text in pages:
        lines = [text[i : i + 80] for i in range(0, len(text), 80)]
        ops = ["BT /F1 10 Tf 12 TL 50 750 Td"]
        ops += [f"({line.replace('(', '').replace(')', '')}) Tj T*" for line in lines]
        ops.append("ET")
        stream = "\n".join(ops).encode("latin-1")
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        content_id = len(objects)
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (content_id, font_id)
        )
        kids.append(len(objects))
    objects[1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=5)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "release"
        folder.mkdir()
        for n in range(args.files):
            pages = [
                f"Document {n} page {p}. " + " ".join(rng.choices(WORDS, k=220))
                for p in range(args.pages)
            ]
            (folder / f"doc-{n:04d}.pdf").write_bytes(pdf_bytes(pages))
        files = sorted(folder.iterdir())
        total_pages = args.files * args.pages

        # Baseline: pypdf alone reading every page's text.
        from pypdf import PdfReader

        start = time.perf_counter()
        texts = []
        for f in files:
            texts.append("\n".join(p.extract_text() for p in PdfReader(str(f)).pages))
        base = time.perf_counter() - start

        paths = AppPaths.under(Path(tmp) / "data").ensure()
        rules = load_jurisdictions(resources_dir() / "jurisdictions")
        tracker = TrackerService.open(paths, rules, CalendarCache())
        spec = RequestSpec.from_dict(
            {
                "agency": {"name": "Springfield Police", "jurisdiction": "WA"},
                "requester": {"name": "Bench"},
                "records": {"categories": ["contracts"]},
            }
        )
        rid = tracker.add_request(spec, today=date(2027, 1, 1))
        casefile = CaseFileService(tracker.requests.db, paths.attachments_dir)
        start = time.perf_counter()
        outcomes = list(casefile.attach(rid, [folder], today=date(2027, 1, 2)))
        took = time.perf_counter() - start
        with_text = sum(1 for o in outcomes if o.attachment and not o.attachment.problem)

        print(f"{args.files} PDFs, {total_pages} pages; {with_text} files with text")
        print(f"baseline (pypdf text only): {total_pages / base:8.0f} pages/s ({base:.1f} s)")
        print(
            f"attach (hash, keep, read, index): {total_pages / took:8.0f} pages/s ({took:.1f} s)"
            f"   target >= 200"
        )

        for query in QUERIES:
            times, naive = [], []
            for _ in range(7):
                t = time.perf_counter()
                hits = casefile.search(query, 50)
                times.append(time.perf_counter() - t)
                t = time.perf_counter()
                words = query.split()
                scan = [i for i, text in enumerate(texts) if all(w in text for w in words)]
                naive.append(time.perf_counter() - t)
            ms, naive_ms = statistics.median(times) * 1000, statistics.median(naive) * 1000
            print(
                f"search {query!r:22} {len(hits):3d} hits  median {ms:6.2f} ms"
                f"   (substring scan: {naive_ms:6.2f} ms, {len(scan)} files)   target < 50 ms"
            )
        tracker.close()


if __name__ == "__main__":
    main()
