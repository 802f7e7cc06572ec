"""Letter rendering: naive docxtpl loop vs compile-once LetterTemplate, plus Qt PDF per letter.

    .venv/bin/python benchmarks/render.py [--letters 300] [--pdfs 50] [--parallel 1000]

Uses letter_templates/request.docx with the context the app builds from
docs/examples/request-spec.json (agency name varied per letter) when both exist; otherwise a
2-page template built here with python-docx. Single process unless --parallel is given, which
also renders that many letters on 2 worker processes the way the module docstring of
foia_assist/services/letters/render.py recommends.
"""

from __future__ import annotations

import argparse
import gc
import io
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from docxtpl import DocxTemplate  # noqa: E402
from jinja2 import StrictUndefined  # noqa: E402
from jinja2.sandbox import ImmutableSandboxedEnvironment  # noqa: E402

from foia_assist.services.letters.convert import docx_to_html, docx_to_text  # noqa: E402
from foia_assist.services.letters.render import LetterTemplate  # noqa: E402

Context = dict[str, Any]


def real_template() -> tuple[Path, Callable[[int], Context]] | None:
    template = ROOT / "letter_templates" / "request.docx"
    spec_file = ROOT / "docs" / "examples" / "request-spec.json"
    if not (template.exists() and spec_file.exists()):
        return None
    os.environ.setdefault("FOIA_ASSIST_DATA_DIR", tempfile.mkdtemp(prefix="foia-bench-"))
    from foia_assist.app import build_context
    from foia_assist.domain.request import RequestSpec

    app = build_context()
    data = json.loads(spec_file.read_text(encoding="utf-8"))
    base = app.letters.draft("request", RequestSpec.from_dict(data), date(2026, 12, 1)).context

    def context(i: int) -> Context:
        return dict(base, agency_name=f"Police Department No. {i} & Sons")

    return template, context


def built_template(folder: Path) -> tuple[Path, Callable[[int], Context]]:
    import docx

    d = docx.Document()
    d.add_paragraph("{{ requester }}\n{{ address }}")
    d.add_paragraph("{{ letter_date }}")
    d.add_paragraph("{{ agency }}")
    d.add_paragraph("Dear Records Officer,")
    d.add_paragraph("Under {{ law }}, I request copies of the following records:")
    d.add_paragraph("{%p for r in records %}")
    d.add_paragraph("{{ r.title }}: {{ r.detail }}", style="List Number")
    d.add_paragraph("{%p endfor %}")
    table = d.add_table(rows=4, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Vendor", "Product"
    table.cell(1, 0).text = "{%tr for v in vendors %}"
    table.cell(2, 0).text, table.cell(2, 1).text = "{{ v.name }}", "{{ v.product }}"
    table.cell(3, 0).text = "{%tr endfor %}"
    for _ in range(6):
        d.add_paragraph(
            "{%p if fee_waiver %}",
        )
        d.add_paragraph(
            "I ask that fees be waived because disclosure is in the public interest: "
            "{{ fee_reason }} Please tell me before incurring costs above {{ fee_cap }}."
        )
        d.add_paragraph("{%p endif %}")
    d.add_paragraph("Sincerely,\n{{ requester }}")
    path = folder / "bench-letter.docx"
    d.save(path)
    records = [
        {"title": f"Records {n}", "detail": "contracts, audit logs and policies " * 3}
        for n in range(1, 15)
    ]
    vendors = [{"name": "Clearview AI", "product": "Clearview"}, {"name": "Idemia", "product": "X"}]

    def context(i: int) -> Context:
        return {
            "requester": "Jane Q. Public",
            "address": "12 Elm St\nSpringfield",
            "letter_date": "March 2, 2026",
            "agency": f"Police Department No. {i} & Sons",
            "law": "the Public Records Act",
            "records": records,
            "vendors": vendors,
            "fee_waiver": True,
            "fee_reason": "the records show how police use facial recognition.",
            "fee_cap": "$50",
        }

    return path, context


def naive(path: Path, ctx: Context) -> bytes:
    tpl = DocxTemplate(str(path))
    tpl.render(
        ctx, jinja_env=ImmutableSandboxedEnvironment(autoescape=True, undefined=StrictUndefined)
    )
    out = io.BytesIO()
    tpl.save(out)
    return out.getvalue()


def per_second(n: int, seconds: float) -> str:
    return f"{n / seconds:8.1f} letters/s ({seconds / n * 1000:6.2f} ms each)"


_WORKER: LetterTemplate | None = None


def _init(name: str, data: bytes) -> None:
    global _WORKER
    _WORKER = LetterTemplate.from_bytes(name, data)


def _render(ctx: Context) -> int:
    assert _WORKER is not None
    return len(_WORKER.render_docx(ctx))


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=300)
    parser.add_argument("--pdfs", type=int, default=50)
    parser.add_argument("--parallel", type=int, default=1000, help="0 to skip")
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="foia-bench-"))
    found = real_template()
    path, context = found if found else built_template(tmp)
    n = args.letters
    contexts = [context(i) for i in range(n)]
    print(f"template: {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path.name}")

    # Same letters both ways (checked on the first one).
    tpl = LetterTemplate.load(path)
    assert docx_to_text(tpl.render_docx(contexts[0])) == docx_to_text(naive(path, contexts[0]))
    pages_hint = len(docx_to_text(tpl.render_docx(contexts[0])))
    print(f"letter text: {pages_hint} characters")

    naive(path, contexts[0])  # warm-up
    gc.collect()
    start = time.perf_counter()
    for ctx in contexts:
        naive(path, ctx)
    t_naive = time.perf_counter() - start
    print(f"(a) docxtpl load+render+save : {per_second(n, t_naive)}")

    gc.collect()
    start = time.perf_counter()
    tpl = LetterTemplate.load(path)
    t_load = time.perf_counter() - start
    start = time.perf_counter()
    for ctx in contexts:
        tpl.render_docx(ctx)
    t_fast = time.perf_counter() - start
    print(
        f"(b) LetterTemplate compiled  : {per_second(n, t_fast)}  (+ load {t_load * 1000:.1f} ms)"
    )
    print(f"ratio (a)/(b): {t_naive / (t_fast + t_load):.1f}x including the one load")

    letters = [tpl.render_docx(ctx) for ctx in contexts[: args.pdfs]]
    start = time.perf_counter()
    for data in letters:
        docx_to_text(data)
    t_text = (time.perf_counter() - start) / len(letters)
    print(f"docx_to_text                 : {t_text * 1000:.2f} ms each")

    if args.pdfs:
        from foia_assist.gui.pdf_backend import html_to_pdf

        html_to_pdf(docx_to_html(letters[0]), tmp / "warm.pdf")  # font database, first page
        start = time.perf_counter()
        for i, data in enumerate(letters):
            html_to_pdf(docx_to_html(data), tmp / f"{i}.pdf")
        t_pdf = (time.perf_counter() - start) / len(letters)
        from pypdf import PdfReader

        pages = len(PdfReader(tmp / "0.pdf").pages)
        print(f"Qt PDF (html + paint + write): {t_pdf * 1000:.1f} ms per letter ({pages} pages)")

    if args.parallel:
        batch = [context(i) for i in range(args.parallel)]
        start = time.perf_counter()
        with ProcessPoolExecutor(2, initializer=_init, initargs=(tpl.name, tpl.source_bytes)) as ex:
            total = sum(ex.map(_render, batch, chunksize=50))
        t_par = time.perf_counter() - start
        print(
            f"{args.parallel} letters on 2 processes: {t_par:.2f} s including pool start "
            f"({total / 1e6:.1f} MB of DOCX)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
