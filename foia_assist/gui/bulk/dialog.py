"""Bulk export: one request to every agency in a CSV, each letter under its own law.

Four tabs (the agency list with a preview of every row, the records, the requester and
options, the output) and an Export button that runs `BulkExport.job()` on the window's
`JobRunner`, with a progress bar and Cancel; the window never waits on it. At the end: the
service's summary, "Open folder" and Close. Qt-free work stays in `foia_assist.services.bulk`.

About 420 lines, one job: the export's life (what it needs, running, cancelling, ending); each
tab and the panel under them are modules of their own.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QDialog,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from foia_assist.domain.request import Agency, Requester, RequestSpec, SpecError
from foia_assist.errors import UserError
from foia_assist.gui import messages
from foia_assist.gui.bulk.agencies_tab import AgenciesTab
from foia_assist.gui.bulk.export_panel import ExportPanel
from foia_assist.gui.bulk.output_tab import OutputTab
from foia_assist.gui.bulk.records_tab import RecordsTab
from foia_assist.gui.bulk.requester_tab import RequesterTab
from foia_assist.gui.bulk.state import ExportState
from foia_assist.gui.screen_fit import fit_to_screen
from foia_assist.services.letters.field_names import BULK_WINDOW_NAMES

if TYPE_CHECKING:
    from foia_assist.domain.catalogue import Catalogue
    from foia_assist.domain.jurisdictions import JurisdictionSet
    from foia_assist.gui.workers import Job, JobRunner
    from foia_assist.services.bulk.agencies_csv import AgencyList, ContactLookup
    from foia_assist.services.bulk.exporter import BulkExport, BulkProgress, BulkResult
    from foia_assist.services.letters.service import LetterService, PdfBackend
    from foia_assist.services.tracker import TrackerService

# The base spec needs an agency to validate; each CSV row replaces it (as the CLI does).
PLACEHOLDER_AGENCY = Agency(name="(each agency in the CSV)", jurisdiction="US")
STAGES = {
    "preparing": "Preparing the letters",
    "rendering": "Rendering",
    "writing": "Writing",
    "finishing": "Writing the manifest",
}


class BulkExportDialog(QDialog):
    """Everything is passed in, so tests build it without the main window."""

    # Its size where the screen allows it (1440×900): tab 2's vendor list then unscrolled.
    PREFERRED = QSize(1180, 840)

    export_ended = Signal(str)  # an ended ExportState's value
    tracked = Signal(list)  # ids of the requests added to the tracker

    def __init__(
        self,
        *,
        jurisdictions: JurisdictionSet,
        catalogue: Catalogue,
        letters: LetterService,
        requester: Requester,
        runner: JobRunner,
        base_spec: RequestSpec | None = None,
        tracker: TrackerService | None = None,
        today: Callable[[], date] = date.today,
        output_dir: Path | None = None,
        pdf_backend: PdfBackend | None = None,
        jobs: int = 0,
        contacts: ContactLookup | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.jurisdictions = jurisdictions
        self.contacts = contacts  # rows with an agency_id and no contact: the contact book
        self.catalogue = catalogue
        self.letters = letters
        self.profile = requester
        self.runner = runner
        self.tracker = tracker
        self.today = today
        self.pdf_backend = pdf_backend if pdf_backend is not None else _qt_pdf_backend()
        self.jobs = jobs
        self.export: BulkExport | None = None
        self.job: Job | None = None
        self.bulk_result: BulkResult | None = None
        self.state = ExportState.IDLE
        self._cancel = threading.Event()
        self._close_when_done = False
        self._start_dir = output_dir or Path.home()

        self.setWindowTitle("Bulk export — FOIA Assist")
        self.setAccessibleName("Bulk export")
        self.resize(1100, 720)
        # 1024×640 screens: every button stays reachable; where there is room (1440×900),
        # larger, so the Records tab's vendor list shows every vendor without scrolling.
        fit_to_screen(self, preferred=self.PREFERRED)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Bulk export steps")
        self.records_tab = RecordsTab(catalogue, today)
        self.agencies_tab = AgenciesTab(jurisdictions, self._start_dir)
        self.agencies_tab.contacts = contacts
        self.agencies_tab.loaded.connect(self._agencies_loaded)
        self.requester_tab = RequesterTab(requester, self._start_dir)
        self.requester_tab.changed.connect(self._refresh)
        self.requester_tab.spec_loaded.connect(lambda spec: self.records_tab.apply(spec))
        self.output_tab = OutputTab(self._start_dir, today, tracker is not None)
        self.output_tab.changed.connect(self._refresh)
        self.tabs.addTab(self.agencies_tab, "&1 Agencies")
        self.records = self.records_tab.records
        self.records.changed.connect(self._refresh)
        self.tabs.addTab(self.records_tab, "&2 Records")
        self.tabs.addTab(self.requester_tab, "&3 Requester and options")
        self.tabs.addTab(self.output_tab, "&4 Output")
        self._aliases()
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self._export_area())
        if base_spec is not None:
            self.requester_tab.loaded_spec = base_spec
            self.requester_tab.options_form.set_options(base_spec.options)
            self.records_tab.apply(base_spec)
            self.requester_tab.from_spec.setChecked(True)
        self._refresh()

    def _aliases(self) -> None:
        """The tabs' widgets under the names tests and callers have used."""
        a, r, o = self.agencies_tab, self.requester_tab, self.output_tab
        self.csv_path, self.csv_error, self.csv_summary = a.csv_path, a.csv_error, a.csv_summary
        self.rows_model, self.rows_proxy, self.table = a.rows_model, a.rows_proxy, a.table
        self.only_problems = a.only_problems
        self.from_profile, self.from_typed, self.from_spec = (
            r.from_profile,
            r.from_typed,
            r.from_spec,
        )
        self.spec_path, self.spec_error, self.requester_text = (
            r.spec_path,
            r.spec_error,
            r.requester_text,
        )
        f = r.options_form
        self.fee_waiver, self.fee_why, self.fee_cap = f.fee_waiver, f.fee_why, f.fee_cap
        self.electronic, self.preservation, self.rolling = f.electronic, f.preservation, f.rolling
        self.out_dir, self.make_zip, self.track = o.out_dir, o.make_zip, o.track
        self.fmt_docx, self.fmt_pdf, self.fmt_txt = o.fmt_docx, o.fmt_pdf, o.fmt_txt
        self.use_sent, self.sent_on = o.use_sent, o.sent_on

    # -- the agency list ----------------------------------------------------------------------

    @property
    def agencies(self) -> AgencyList | None:
        return self.agencies_tab.agencies

    def load_csv(self, path: Path) -> None:
        self.agencies_tab.load(path)

    def load_csv_from_field(self) -> None:
        self.agencies_tab.load_from_field()

    def _agencies_loaded(self, agencies: AgencyList | None) -> None:
        path = self.csv_path.text().strip()
        if agencies is not None and path and not self.out_dir.text().strip():
            self.out_dir.setText(str(self._start_dir / f"{Path(path).stem} letters"))
        self._refresh()

    # -- the request --------------------------------------------------------------------------

    @property
    def loaded_spec(self) -> RequestSpec | None:
        return self.requester_tab.loaded_spec

    def load_spec(self, path: Path) -> bool:
        return self.requester_tab.load_spec(path)

    def requester(self) -> Requester:
        return self.requester_tab.requester()

    def formats(self) -> tuple[str, ...]:
        return self.output_tab.formats()

    def base_spec(self) -> RequestSpec:
        """The request every letter shares; raises SpecError naming the field at fault."""
        loaded = self.loaded_spec
        records = self.records.records()
        if loaded is not None:  # the checklist has no custodians field; keep the spec's
            records = replace(records, custodians=loaded.records.custodians)
        base = loaded or RequestSpec(agency=PLACEHOLDER_AGENCY, requester=self.profile)
        spec = replace(
            base,
            requester=self.requester(),
            records=records,
            options=self.requester_tab.options(),
        )
        return RequestSpec.from_dict(spec.to_dict())

    # -- export -------------------------------------------------------------------------------

    def _export_area(self) -> QWidget:
        panel = ExportPanel()
        self.problem_label, self.notice = panel.problem_label, panel.notice
        self.progress, self.progress_text = panel.progress, panel.progress_text
        self.summary = panel.summary
        self.export_button, self.cancel_button = panel.export_button, panel.cancel_button
        self.open_button, self.close_button = panel.open_button, panel.close_button
        self.export_button.clicked.connect(self.start_export)
        self.cancel_button.clicked.connect(self.cancel_export)
        self.open_button.clicked.connect(self.open_folder)
        self.close_button.clicked.connect(self.reject)
        return panel

    def problem(self) -> str:
        """Why Export can't run yet, in plain words ('' when it can)."""
        if self.agencies is None:
            return "Choose the agency list (tab 1)."
        if not self.agencies.rows:
            return "None of the rows in the agency list can be used; fix the problems shown."
        records_problem = self.records.problem()
        if records_problem:
            return f"Records (tab 2): {records_problem}"
        problem = self.requester_tab.problem() or self.output_tab.problem()
        if problem:
            return problem
        try:
            self.base_spec()
        except SpecError as exc:
            problem = BULK_WINDOW_NAMES.problem(exc.field, exc.problem)
            return f"The request can't be made yet: {problem}"
        return ""

    def _refresh(self, *_: Any) -> None:
        if not hasattr(self, "export_button"):
            return  # still building the tabs
        busy = self.state.busy
        problem = "" if busy else self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.export_button.setEnabled(not busy and not problem)
        self._show_residency()
        self.export_button.setToolTip(problem or ("Exporting…" if busy else ""))

    def _show_residency(self) -> None:
        """Before export: letters to states where only residents may ask, in plain words."""
        from foia_assist.services.bulk.residency import residency_notice

        notice = None
        if self.agencies is not None and self.agencies.rows:
            notice = residency_notice(self.agencies, self.requester())
        self.notice.setText(f"<b>Before you export:</b> {notice.text()}" if notice else "")
        self.notice.setVisible(notice is not None)

    def start_export(self) -> Job | None:
        from foia_assist.services.bulk.exporter import BulkExport, BulkOptions

        problem = self.problem()
        if problem or self.state.busy or self.agencies is None:
            self._refresh()
            return None
        try:
            options = BulkOptions(
                out_dir=Path(self.out_dir.text().strip()).expanduser(),
                formats=self.formats(),
                sent=self.output_tab.sent(),
                make_zip=self.make_zip.isChecked(),
                jobs=self.jobs,
            )
            spec = self.base_spec()
        except (UserError, SpecError) as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            return None
        self.export = export = BulkExport(
            self.letters,
            self.agencies,
            spec,
            options,
            self.today(),
            pdf_backend=self.pdf_backend,
            names=BULK_WINDOW_NAMES,  # the log names this dialog's fields, the CSV's columns
        )
        self.bulk_result = None
        self._cancel = cancel = threading.Event()
        self._set_state(ExportState.RUNNING)
        total = len(self.agencies.rows)
        self.progress.show()
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(0)
        self.progress_text.setText(f"Starting {total} letters…")
        self.summary.hide()
        # Cancel goes through the service's own event, not Job.cancel(): the service then
        # stops at its next letter and still writes the manifest of what is complete.
        self.job = self.runner.start(
            lambda: export.job(cancel),
            "Bulk export",
            progress=self._on_progress,
            finished=self._on_finished,
            failed=self._on_failed,
            cancelled=self._on_job_closed,
        )
        return self.job

    def cancel_export(self) -> None:
        if self.state is not ExportState.RUNNING:
            return
        self._cancel.set()
        self._set_state(ExportState.CANCELLING)
        self.progress_text.setText("Cancelling… finishing the current letter")

    def _on_progress(self, item: BulkProgress) -> None:
        if not self.state.busy:
            return
        self.progress.setMaximum(max(item.total, 1))
        self.progress.setValue(min(item.done, max(item.total, 1)))
        if self.state is ExportState.CANCELLING:
            return
        stage = STAGES.get(item.stage, item.stage)
        if item.stage == "writing":
            self.progress_text.setText(f"{stage} {item.done} of {item.total}: {item.message}")
        else:
            self.progress_text.setText(f"{stage}…")

    def _on_finished(self, result: BulkResult) -> None:
        from foia_assist.services.bulk.exporter import write_summary

        self.bulk_result = result
        text = write_summary(result)
        unexpected: Exception | None = None
        if self.track.isChecked() and self.tracker is not None:
            try:
                text += "\n" + self._add_to_tracker(result)
            except Exception as exc:  # a bug must not leave the dialog stuck in "running"
                text += "\nNot added to the tracker: an unexpected error (details in the log)."
                unexpected = exc
        self.summary.setPlainText(text)
        self.summary.show()
        done, total = len(result.exported), len(self.agencies.rows) if self.agencies else 0
        if result.cancelled:
            self.progress_text.setText(f"Cancelled after {done} of {total} letters.")
            self._set_state(ExportState.CANCELLED)
        else:
            self.progress.setValue(self.progress.maximum())
            self.progress_text.setText(f"Done: {done} letters.")
            self._set_state(ExportState.FINISHED)
        if unexpected is not None:
            raise unexpected  # the crash handler logs it and offers a report

    def _add_to_tracker(self, result: BulkResult) -> str:
        from foia_assist.services.bulk.tracking import track_export

        assert self.tracker is not None
        if result.cancelled:
            return "Not added to the tracker, because the export was cancelled."
        if not result.exported:
            return "Nothing to add to the tracker."
        try:
            tracked = track_export(
                self.tracker, result, today=self.today(), sent=self.output_tab.sent()
            )
        except (UserError, OSError) as exc:
            return f"Not added to the tracker: {exc}"
        self.tracked.emit(tracked.added)
        return tracked.summary()

    def _on_failed(self, exc: BaseException) -> None:
        self.progress_text.setText("The export stopped.")
        if isinstance(exc, UserError | OSError):
            reason = str(exc) if isinstance(exc, UserError) else f"{exc.strerror or exc}"
            self.summary.setPlainText(f"The export stopped: {reason}")
            self.summary.show()
            self._set_state(ExportState.FAILED)
            return
        self.summary.setPlainText("The export stopped because of an unexpected error.")
        self.summary.show()
        self._set_state(ExportState.FAILED)
        raise exc  # the crash handler logs it and offers a report

    def _on_job_closed(self) -> None:
        """The job was closed from outside (e.g. the window's cancel_all on quit)."""
        result = self.export.result if self.export is not None else None
        if result is not None:
            self._on_finished(result)
        else:
            self._set_state(ExportState.CANCELLED)

    def _set_state(self, state: ExportState) -> None:
        self.state = state
        self.cancel_button.setEnabled(state is ExportState.RUNNING)
        self.close_button.setEnabled(not state.busy)
        self.close_button.setToolTip("Cancel the export first." if state.busy else "")
        self.tabs.setEnabled(not state.busy)
        self.open_button.setEnabled(state.ended and self._out_exists())
        self._refresh()
        if state is ExportState.RUNNING:
            self.cancel_button.setFocus()
        elif not state.busy:
            (self.open_button if self.open_button.isEnabled() else self.close_button).setFocus()
            self.export_ended.emit(state.value)
            if self._close_when_done:
                super().reject()

    def _out_exists(self) -> bool:
        return self.export is not None and self.export.options.out_dir.is_dir()

    def open_folder(self) -> None:
        if self.export is not None:
            messages.open_path(self.export.options.out_dir)

    def reject(self) -> None:
        """Escape or the window's close button: a running export is cancelled first."""
        if self.state.busy:
            self._close_when_done = True
            self.cancel_export()
            return
        super().reject()

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        if self.state.busy:
            self._close_when_done = True
            self.cancel_export()
            event.ignore()
            return
        super().closeEvent(event)


def _qt_pdf_backend() -> PdfBackend:
    from foia_assist.gui.pdf_backend import html_to_pdf

    return html_to_pdf
