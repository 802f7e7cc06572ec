"""Bulk export: one request to many agencies, each letter under its own jurisdiction's law.

`BulkExport.run()` is a generator that yields `BulkProgress` and leaves a `BulkResult` in
`.result`; the CLI prints the progress, the window turns it into signals. Speed comes from
compiling the template once, building each letter's context in this process (cheap),
rendering the XML in worker processes (the costly part; `LetterTemplate` travels once per
worker), and writing only files whose content changed. Every file is written atomically, so
an interrupted export never leaves a half-written letter that looks complete.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import multiprocessing.context
import os
import signal
import threading
import zipfile
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import Executor, ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from foia_assist.domain.counted import counted
from foia_assist.domain.deadlines import due_date
from foia_assist.domain.level_clock import own_first_clock_fact
from foia_assist.domain.request import RequestSpec
from foia_assist.errors import UserError
from foia_assist.fileio import atomic_write_bytes
from foia_assist.services.bulk.agencies_csv import AgencyList, AgencyRow, RejectedRow
from foia_assist.services.bulk.filenames import UniqueNames, safe_stem
from foia_assist.services.bulk.manifest import (
    MANIFEST_NAME,
    REJECTED_NAME,
    ManifestEntry,
    read_previous_hashes,
    write_manifest,
    write_rejected,
    write_rejected_rows,
)
from foia_assist.services.letters.field_names import SPEC_NAMES, FieldNames, csv_names
from foia_assist.services.letters.pdf_conversion import PdfBatch
from foia_assist.services.letters.render import LetterTemplate
from foia_assist.services.letters.service import LetterService, PdfBackend

FORMATS = ("docx", "pdf", "txt")
CHUNK = 25  # letters per task sent to a worker: amortises inter-process overhead


class CancelledError(Exception):
    pass


@dataclass(frozen=True)
class BulkOptions:
    out_dir: Path
    formats: tuple[str, ...] = ("docx",)
    sent: date | None = None  # print each letter's due date if it is received on this day
    make_zip: bool = False
    jobs: int = 0  # worker processes; 0 = one per core; 1 = render in this process
    kind: str = "request"
    template_path: Path | None = None

    def __post_init__(self) -> None:
        bad = [f for f in self.formats if f not in FORMATS]
        if bad or not self.formats:
            raise UserError(
                f"unknown format {', '.join(bad) or '(none)'}: choose from {', '.join(FORMATS)}"
            )


@dataclass(frozen=True)
class BulkProgress:
    stage: str  # "preparing", "rendering", "writing", "finishing"
    done: int
    total: int
    message: str = ""


@dataclass(frozen=True)
class ExportedLetter:
    row: AgencyRow
    spec: RequestSpec
    files: tuple[Path, ...]
    entry: ManifestEntry


@dataclass(frozen=True)
class BulkWarning:
    """A point the requester must check before sending one letter (as `letter` prints)."""

    row: int
    agency: str
    text: str


@dataclass(frozen=True)
class _Pending:
    """A letter written but for its PDF (`pdf`: the PDF still to make, or None)."""

    row: AgencyRow
    spec: RequestSpec
    files: tuple[Path, ...]
    docx: bytes
    pdf: Path | None


@dataclass
class BulkResult:
    out_dir: Path
    exported: list[ExportedLetter] = field(default_factory=list)
    rejected: list[RejectedRow] = field(default_factory=list)
    warnings: list[BulkWarning] = field(default_factory=list)
    written: int = 0  # files written this run
    unchanged: int = 0  # files already complete and identical
    manifest: Path | None = None
    rejected_report: Path | None = None
    rejected_rows: Path | None = None  # the rejected rows with all their columns
    zip_path: Path | None = None
    cancelled: bool = False

    @property
    def exit_code(self) -> int:
        """0: every row exported; 3: some rows rejected (the rest exported); 1: cancelled.

        (2, nothing could run, is raised before a result exists: see the CLI.)"""
        if self.cancelled:
            return 1
        return 3 if self.rejected else 0


class BulkExport:
    def __init__(
        self,
        letters: LetterService,
        agencies: AgencyList,
        base_spec: RequestSpec,
        options: BulkOptions,
        today: date,
        pdf_backend: PdfBackend | None = None,
        names: FieldNames | None = None,
    ) -> None:
        self.letters = letters
        self.agencies = agencies
        # How the log and rejected-rows.csv name a field: the agency's by the CSV's own
        # column, the rest as the caller says (the window's labels; the spec's by default).
        self.names = csv_names(agencies.column_headers(), names or SPEC_NAMES)
        self.base_spec = base_spec
        self.options = options
        self.today = today
        self.pdf_backend = pdf_backend
        self.result = BulkResult(out_dir=options.out_dir, rejected=list(agencies.rejected))

    # -- the job ------------------------------------------------------------------------------

    def run(self, cancel: threading.Event | None = None) -> Iterator[BulkProgress]:
        opts = self.options
        out_dir = opts.out_dir
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise UserError(f"cannot create the output folder {out_dir}: {exc.strerror}") from None
        template = self.letters.template(opts.kind, opts.template_path)
        rows = self.agencies.rows
        total = len(rows)
        yield BulkProgress("preparing", 0, total, f"checking {total} letters")

        prepared: list[tuple[AgencyRow, RequestSpec, dict[str, Any]]] = []
        for row in rows:
            spec = self._spec_for(row)
            try:
                draft = self.letters.draft(opts.kind, spec, self.today, self.names)
            except UserError as exc:
                self.result.rejected.append(RejectedRow(row.row, row.agency_name, str(exc)))
                continue
            context = draft.context
            self.result.warnings.extend(
                BulkWarning(row.row, row.agency_name, w) for w in draft.warnings
            )
            prepared.append((row, spec, context))

        previous = read_previous_hashes(out_dir)
        names = UniqueNames()
        entries: list[ManifestEntry] = []
        done = 0
        # Letters written but for their PDF, made a chunk at a time (PdfBatch); each is
        # listed in the manifest, and counted done, once its PDF is made.
        pending: list[_Pending] = []
        pdfs = self.letters.pdf.with_backend(self.pdf_backend).batch()

        def complete() -> Iterator[BulkProgress]:
            nonlocal done
            for row in self._complete(pending, pdfs, entries):
                done += 1
                yield BulkProgress("writing", done, total, row.agency_name)
            pending.clear()

        try:
            for (row, spec, _ctx), docx in zip(
                prepared, self._render_all(template, [p[2] for p in prepared], cancel), strict=False
            ):
                if cancel is not None and cancel.is_set():
                    raise CancelledError
                stem = names.claim(safe_stem(f"{row.agency_name} {row.jurisdiction.code}"))
                files = self._write_formats(stem, docx, previous)
                pdf = self._pdf_to_make(files, docx, previous)
                pending.append(_Pending(row, spec, files, docx, pdf))
                waiting = sum(1 for p in pending if p.pdf is not None)
                if waiting == 0 or waiting >= pdfs.size:
                    yield from complete()
            yield from complete()
        except CancelledError:
            self.result.cancelled = True
        except KeyboardInterrupt:
            # Ctrl-C in the CLI: the same true manifest of the complete letters, then stop.
            self.result.cancelled = True
            self._finish(entries)
            raise
        except GeneratorExit:
            # Closed by the caller (the window's Cancel): no more yields, but the folder
            # still gets a true manifest of the letters that are complete.
            self.result.cancelled = True
            self._finish(entries)
            raise
        finally:
            pdfs.close()
        try:
            yield BulkProgress("finishing", done, total, "writing the manifest")
        finally:  # also when the caller closes the job at this very step
            self._finish(entries)

    def _complete(
        self, pending: list[_Pending], pdfs: PdfBatch, entries: list[ManifestEntry]
    ) -> Iterator[AgencyRow]:
        """Make the pending letters' PDFs in one go; list each letter whose files are all
        there, and reject (with LibreOffice's reason) one whose PDF could not be made."""
        wanted = [p for p in pending if p.pdf is not None]
        made = pdfs.write_many([(p.docx, p.pdf) for p in wanted if p.pdf is not None])
        failed: dict[int, UserError] = {}
        for p, result in zip(wanted, made, strict=True):
            if isinstance(result, UserError):
                failed[id(p)] = result
            else:
                self.result.written += 1
        for p in pending:
            if id(p) in failed:
                self.result.rejected.append(
                    RejectedRow(p.row.row, p.row.agency_name, f"no PDF: {failed[id(p)]}")
                )
            else:
                entry = self._entry(p.row, p.files, p.docx)
                entries.append(entry)
                self.result.exported.append(ExportedLetter(p.row, p.spec, p.files, entry))
            yield p.row

    def _finish(self, entries: list[ManifestEntry]) -> None:
        out_dir = self.options.out_dir
        self.result.manifest = write_manifest(out_dir, entries)
        self.result.rejected_report = write_rejected(out_dir, self.result.rejected)
        self.result.rejected_rows = write_rejected_rows(
            out_dir, self.result.rejected, self.agencies.header, self.agencies.cells
        )
        if self.options.make_zip and not self.result.cancelled:
            self.result.zip_path = self._zip()

    def job(
        self, cancel: threading.Event | None = None
    ) -> Generator[BulkProgress, None, BulkResult]:
        """`run()` as a job for the window's worker: yields progress, returns the result."""
        yield from self.run(cancel)
        return self.result

    # -- steps --------------------------------------------------------------------------------

    def _spec_for(self, row: AgencyRow) -> RequestSpec:
        base = self.base_spec
        spec = base.with_agency(
            name=row.agency_name,
            jurisdiction=row.jurisdiction.code,
            address=row.address,
            email=row.email,
            portal_url=row.portal_url,
            records_officer=row.attention or base.agency.records_officer,
            level=row.level or base.agency.level,
        )
        return replace(spec, reference=row.reference or base.reference)

    def _render_all(
        self,
        template: LetterTemplate,
        contexts: Sequence[dict[str, Any]],
        cancel: threading.Event | None,
    ) -> Iterator[bytes]:
        jobs = self.options.jobs or os.cpu_count() or 1
        if jobs <= 1 or len(contexts) < 2 * CHUNK:
            for ctx in contexts:
                if cancel is not None and cancel.is_set():
                    raise CancelledError
                yield template.render_docx(ctx)
            return
        chunks = [contexts[i : i + CHUNK] for i in range(0, len(contexts), CHUNK)]
        executor: Executor = ProcessPoolExecutor(
            max_workers=min(jobs, len(chunks)),
            mp_context=_process_context(),
            initializer=_worker_init,
            initargs=(template.name, template.source_bytes),
        )
        try:
            futures = [executor.submit(_worker_render, list(chunk)) for chunk in chunks]
            for future in futures:
                if cancel is not None and cancel.is_set():
                    raise CancelledError
                yield from future.result()
        finally:
            executor.shutdown(wait=True, cancel_futures=True)

    def _write_formats(self, stem: str, docx: bytes, previous: dict[str, str]) -> tuple[Path, ...]:
        """Write the DOCX and text formats; the paths of every format (a PDF is made later,
        with others, by `_complete`)."""
        out_dir = self.options.out_dir
        written: list[Path] = []
        for fmt in self.options.formats:
            path = out_dir / f"{stem}.{fmt}"
            if fmt == "docx":
                self._write_if_changed(path, docx)
            elif fmt == "txt":
                from foia_assist.services.letters.convert import docx_to_text

                self._write_if_changed(path, docx_to_text(docx).encode("utf-8"))
            written.append(path)
        return tuple(written)

    def _pdf_to_make(
        self, files: tuple[Path, ...], docx: bytes, previous: dict[str, str]
    ) -> Path | None:
        """The letter's PDF if it must be made: PDFs embed a creation time, so an existing
        one is compared by the letter it was made from (the manifest's record)."""
        for path in files:
            if path.suffix != ".pdf":
                continue
            known = previous.get(path.name, "")
            if path.is_file() and known == f"{_file_sha(path)}:{_sha(docx)}":
                self.result.unchanged += 1
                return None
            return path
        return None

    def _write_if_changed(self, path: Path, data: bytes) -> None:
        if path.is_file() and path.stat().st_size == len(data) and _file_sha(path) == _sha(data):
            self.result.unchanged += 1
            return
        # Not fsynced one by one (that would dominate the run): the manifest, written durably
        # at the end, records every hash, and a rerun rewrites any file that does not match.
        atomic_write_bytes(path, data, durable=False)
        self.result.written += 1

    def _entry(self, row: AgencyRow, files: tuple[Path, ...], docx: bytes) -> ManifestEntry:
        j = row.jurisdiction
        # A kind of agency the `[response]` table does not cover (Montana's state agencies,
        # § 2-6-1006(3)) answers on a clock of its own with no number stored: the manifest
        # says whose time it is and computes no date, as the tracker and the letter do.
        own = own_first_clock_fact(j, row.level)
        period = f"the time {own.citation} sets" if own else j.response.period_in_words()
        due = ""
        if self.options.sent is not None and own is not None:
            due = "no date computed (no number of days stored)"
        elif self.options.sent is not None:
            calendar = self.letters.calendars.for_jurisdiction(j)
            found = due_date(j, self.options.sent, calendar)
            due = found.isoformat() if found else "no fixed deadline"
        return ManifestEntry(
            row=row.row,
            agency=row.agency_name,
            jurisdiction=j.code,
            law=j.law_name,
            citation=j.citation,
            response_period=period,
            due_if_sent=due,
            reference=row.reference,
            email=row.email,
            files=tuple(p.name for p in files),
            sha256=tuple(_file_sha(p) for p in files),
            source_sha256=_sha(docx),
            level=row.level.value if row.level is not None else "",
        )

    def _zip(self) -> Path:
        out_dir = self.options.out_dir
        target = out_dir.with_name(out_dir.name + ".zip")
        members = [p for e in self.result.exported for p in e.files]
        members += [out_dir / MANIFEST_NAME, out_dir / REJECTED_NAME]
        tmp = target.with_name(f".{target.name}.part")
        try:
            with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
                for path in members:
                    zf.write(path, arcname=f"{out_dir.name}/{path.name}")
            os.replace(tmp, target)
        finally:
            if tmp.exists():
                tmp.unlink()
        return target


def write_summary(result: BulkResult) -> str:
    lines = [
        f"Exported {counted(len(result.exported), 'letter')} to {result.out_dir}"
        f" ({counted(result.written, 'file')} written, {result.unchanged} already up to date).",
    ]
    if result.rejected:
        # One file named for one job (trial K3): the rows with all their columns, to fix
        # and load again; rejected.csv (row, agency, reason) is still written beside it.
        n = len(result.rejected)
        rejected = counted(n, "row")
        them, their = ("it", "its") if n == 1 else ("them", "their")
        if result.rejected_rows is not None:
            lines.append(
                f"Rejected {rejected}: {result.rejected_rows.name} has {them} with all {their} "
                f"columns and the problem; correct {them} there and load the file as the "
                "agency list."
            )
        else:
            lines.append(f"Rejected {rejected}; see {REJECTED_NAME}:")
        for r in sorted(result.rejected, key=lambda r: r.row)[:20]:
            lines.append(f"  row {r.row}: {r.agency_name or '(no name)'}: {r.reason}")
        if len(result.rejected) > 20:
            lines.append(f"  … and {len(result.rejected) - 20} more")
    if result.warnings:
        lines.append("Check before sending:")
        by_text: dict[str, list[int]] = {}
        for w in sorted(result.warnings, key=lambda w: w.row):
            by_text.setdefault(w.text, []).append(w.row)
        for text, rows in by_text.items():
            shown = ", ".join(str(r) for r in rows[:10]) + (" …" if len(rows) > 10 else "")
            lines.append(f"  row{'s' if len(rows) > 1 else ''} {shown}: {text}")
    if result.zip_path:
        lines.append(f"ZIP: {result.zip_path}")
    if result.cancelled:
        lines.append("Cancelled: the manifest lists the letters that are complete.")
    return "\n".join(lines)


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _file_sha(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


# -- worker processes ---------------------------------------------------------------------------


def _process_context() -> multiprocessing.context.BaseContext:
    # Never plain fork: the window runs exports from a thread pool, and forking a process
    # with other threads running can deadlock the child. forkserver forks from a clean
    # single-threaded server; macOS and Windows use spawn.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")


_WORKER_TEMPLATE: LetterTemplate | None = None


def _worker_init(name: str, data: bytes) -> None:
    global _WORKER_TEMPLATE
    # Ctrl-C reaches the whole process group: the parent stops the pool and writes the
    # manifest; workers would only print a KeyboardInterrupt traceback each.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER_TEMPLATE = LetterTemplate.from_bytes(name, data)


def _worker_render(contexts: list[dict[str, Any]]) -> list[bytes]:
    assert _WORKER_TEMPLATE is not None
    return [_WORKER_TEMPLATE.render_docx(ctx) for ctx in contexts]
