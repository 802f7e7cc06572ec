"""The main window: the requests table with filters, the detail pane, and the actions.

Start-up shows the window first with only a "Loading" page, menus and status bar; the pages
(table, detail pane, welcome) are built just after it is on screen. Their widget classes are
imported there, not at module level: PySide6 builds each class's Python enums on first
import, about 40 ms for this window's widgets on the reference machine, and the `Qt`
namespace alone holds about 100 enums (17 ms), so it is imported only where used.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Generator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QModelIndex, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from foia_assist.errors import UserError
from foia_assist.gui import messages
from foia_assist.gui.main import window_settings
from foia_assist.gui.workers import JobRunner

if TYPE_CHECKING:
    from foia_assist.app import AppContext
    from foia_assist.domain.lifecycle import EventKind
    from foia_assist.gui.detail_pane import DetailPane
    from foia_assist.gui.requests_model import RequestsFilterModel, RequestsTableModel
    from foia_assist.gui.welcome import WelcomePage
    from foia_assist.services.tracker import RequestRow
    from foia_assist.storage.settings import Settings


def summary_text(rows: list[RequestRow], today: date | None = None) -> str:
    from foia_assist.gui.requests_model import urgency

    overdue = [r for r in rows if urgency(r) == "overdue"]
    soon = [r for r in rows if urgency(r) == "soon"]
    reminded = [
        r
        for r in rows
        if today is not None and r.next_reminder is not None and r.next_reminder <= today
    ]
    if not overdue and not soon and not reminded:
        return "Nothing is overdue or due in the next 7 days."
    parts = []
    if overdue:
        parts.append(f"⚠ {len(overdue)} overdue ({_names(overdue)})")
    if soon:
        parts.append(f"{len(soon)} due this week ({_names(soon)})")
    if reminded:
        parts.append(f"Reminder due: {_names(reminded)}")
    return " · ".join(parts)


def _names(rows: list[RequestRow]) -> str:
    return ", ".join(r.agency for r in rows[:3]) + ("…" if len(rows) > 3 else "")


class MainWindow(QMainWindow):
    def __init__(
        self,
        ctx: AppContext,
        today: Callable[[], date] | None = None,
        *,
        defer_load: bool = False,
    ) -> None:
        """`defer_load`: show the window first and read the data just after (start-up)."""
        super().__init__()
        self.ctx = ctx
        self.today = today or date.today
        self.runner = JobRunner(parent=self)
        self.wizard: Any = None  # the open request wizard, if any
        self.letter_job: Any = None
        self.send_job: Any = None
        self.load_job: Any = None
        self._list_seconds = 0.0  # how long the last listing took (see SYNC_RELOAD_SECONDS)
        self._reload_generation = 0
        self._shown_day: date | None = None  # the day the list was computed for
        # A window left open past midnight works its dates out again for the new day.
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(5 * 60 * 1000)
        self._day_timer.timeout.connect(self.check_new_day)
        self._day_timer.start()
        self.qsettings = window_settings(ctx.paths)
        self._settings: Settings | None = None  # read on first use (not on the start-up path)
        self._settings_problem = ""
        self.setWindowTitle("FOIA Assist")
        self.setAccessibleName("FOIA Assist")
        self.resize(1180, 720)

        self.stack = QStackedWidget()
        self.loading = QLabel()
        self.loading.setWordWrap(True)
        self.show_loading("Loading your requests…")
        self.loading.setAccessibleName("Loading")
        self.stack.addWidget(self.loading)
        self.setCentralWidget(self.stack)
        self._build_actions()
        self.footer = QLabel("Not legal advice.")
        self.footer.setAccessibleName("Not legal advice")
        self.statusBar().addPermanentWidget(self.footer, 1)
        geometry = self.qsettings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        self.pages_built = False
        self._deferred = defer_load
        if not defer_load:
            self.build_pages()
            self.load()

    def show_loading(self, text: str) -> None:
        """The loading page's text, centred (rich text: no `Qt` alignment enum needed)."""
        lines = "<br>".join(html.escape(line) for line in text.splitlines())
        self.loading.setText(f"<p align='center'>{lines}</p>")

    def build_pages(self) -> None:
        """The welcome and tracker pages (stack indices 0 and 1; "Loading" becomes 2)."""
        if self.pages_built:
            return
        from foia_assist.gui.requests_model import RequestsFilterModel, RequestsTableModel
        from foia_assist.gui.welcome import WelcomePage

        self.model: RequestsTableModel = RequestsTableModel(self)
        self.proxy: RequestsFilterModel = RequestsFilterModel(self)
        self.proxy.setSourceModel(self.model)
        self.welcome: WelcomePage = WelcomePage()
        self.welcome.start.connect(self.new_request)
        self.welcome.settings.connect(self.open_settings)
        self.stack.insertWidget(0, self.welcome)
        self.stack.insertWidget(1, self._tracker_page())
        splitter = self.qsettings.value("window/splitter")
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        for action, shortcut in self._shortcuts:
            action.setShortcut(QKeySequence(shortcut))
        self.pages_built = True

    def load(self) -> None:
        """Read the rules and the requests (slow parts: rule files, holiday calendars)."""
        self.footer.setText(self._footer_text())
        self.reload()

    # -- layout -------------------------------------------------------------------------------

    def _tracker_page(self) -> QWidget:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import (
            QAbstractItemView,
            QComboBox,
            QHBoxLayout,
            QHeaderView,
            QLineEdit,
            QSplitter,
            QTableView,
            QVBoxLayout,
        )

        from foia_assist.domain.lifecycle import Status
        from foia_assist.gui.detail_pane import DetailPane
        from foia_assist.gui.requests_model import COL_AGENCY

        page = QWidget()
        layout = QVBoxLayout(page)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Overdue, due this week and reminders due")
        self.summary.setStyleSheet("QLabel { padding: 6px; font-weight: bold; }")
        layout.addWidget(self.summary)
        filters = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search agency, jurisdiction or reference…")
        self.search.setAccessibleName("Search requests")
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName("Filter by status")
        self.status_filter.addItem("All statuses", "")
        self.status_filter.addItem("Overdue", "overdue")
        for s in Status:
            self.status_filter.addItem(s.value.capitalize(), s.value)
        self.status_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set_status(self.status_filter.currentData())
        )
        self.jurisdiction_filter = QComboBox()
        self.jurisdiction_filter.setAccessibleName("Filter by jurisdiction")
        self.jurisdiction_filter.currentIndexChanged.connect(
            lambda _: self.proxy.set_jurisdiction(self.jurisdiction_filter.currentData() or "")
        )
        search_label = QLabel("&Find:")
        search_label.setBuddy(self.search)
        filters.addWidget(search_label)
        filters.addWidget(self.search, 2)
        filters.addWidget(self.status_filter, 1)
        filters.addWidget(self.jurisdiction_filter, 1)
        layout.addLayout(filters)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.table = QTableView()
        self.table.setAccessibleName("Tracked requests")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(4, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move within it)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_AGENCY, QHeaderView.ResizeMode.Stretch)
        header.setMinimumSectionSize(60)
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        self.detail: DetailPane = DetailPane()
        self.detail.log_event.connect(self.log_event)
        self.detail.draft_letter.connect(self.draft_letter)
        self.detail.set_reminder.connect(self.set_reminder)
        self.detail.reminders_done.connect(self.reminders_done)
        self.detail.export_record.connect(self.export_record)
        self.detail.remove_event.connect(self.remove_event)
        self.detail.send_letter.connect(self.send_letter)
        self.detail.open_letter.connect(lambda p: messages.open_path(Path(p)))
        self.detail.show_letter_folder.connect(lambda p: messages.open_path(Path(p)))
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setSizes([720, 520])
        self.table.setMinimumWidth(520)
        layout.addWidget(self.splitter, 1)
        return page

    def _build_actions(self) -> None:
        # Shortcuts are set with the pages: the first setShortcut makes PySide6 build the
        # enums of the whole `Qt` namespace (about 35 ms), which start-up need not wait for.
        self._shortcuts: list[tuple[QAction, Any]] = []
        bar = self.menuBar()
        file_menu = bar.addMenu("&File")
        tools = self.addToolBar("Main")
        tools.setObjectName("main-toolbar")
        tools.setAccessibleName("Main toolbar")

        def act(text: str, slot: Callable[[], Any], shortcut: Any = None) -> QAction:
            action = QAction(text, self)
            action.triggered.connect(lambda _=False: slot())
            if shortcut is not None:
                self._shortcuts.append((action, shortcut))
            file_menu.addAction(action)
            return action

        self.new_action = act("&New request…", self.new_request, QKeySequence.StandardKey.New)
        self.bulk_action = act("B&ulk export from a CSV…", self.open_bulk_export, "Ctrl+Shift+B")
        self.campaign_action = act("Ca&mpaign from the agency directory…", self.open_campaign)
        file_menu.addSeparator()
        self.ics_action = act("Export deadlines to &calendar (ICS)…", self.export_ics)
        self.csv_action = act("Export table to &CSV…", self.export_csv)
        self.backup_action = act("&Back up requests…", self.backup)
        self.restore_action = act("&Restore from a backup…", self.restore)
        file_menu.addSeparator()
        self.settings_action = act("&Settings…", self.open_settings, "Ctrl+,")
        self.data_action = act("Open &data folder", self.open_data_folder)
        file_menu.addSeparator()
        act("&Quit", self.close, QKeySequence.StandardKey.Quit)
        for a in (
            self.new_action,
            self.bulk_action,
            self.ics_action,
            self.backup_action,
            self.settings_action,
        ):
            tools.addAction(a)

    def _footer_text(self) -> str:
        dates = sorted({j.verified for j in self.ctx.jurisdictions})
        if not dates:
            checked = "unknown"
        elif dates[0] == dates[-1]:
            checked = dates[0].isoformat()
        else:
            checked = f"between {dates[0].isoformat()} and {dates[-1].isoformat()}"
        return (
            f"Not legal advice — rules last checked {checked}; each deadline shows its source. "
            "Check the statute before relying on a date."
        )

    # -- state --------------------------------------------------------------------------------

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self.qsettings.setValue("window/geometry", self.saveGeometry())
        if self.pages_built:
            self.qsettings.setValue("window/splitter", self.splitter.saveState())
        self.qsettings.sync()
        self.runner.cancel_all()
        super().closeEvent(event)

    def after_show(self) -> None:
        if self._deferred:
            self._deferred = False
            QTimer.singleShot(0, self._load_then_report)
        else:
            self._report_settings_problem()

    def _load_then_report(self) -> None:
        """Read rules and requests on the thread pool: the window stays responsive meanwhile.

        Actions stay disabled until the data is in, so nothing on the GUI thread builds the
        context's rules or database at the same time as the job does.
        """
        self.build_pages()
        ctx, today = self.ctx, self.today()

        def load() -> Generator[str, None, list[RequestRow]]:
            yield "Reading the rules…"
            _ = ctx.jurisdictions, ctx.calendars, ctx.tracker  # the slow first builds
            yield "Reading your requests…"
            return self._timed_listing(today)

        disabled = [a for a in self.findChildren(QAction) if a.isEnabled()]
        for a in disabled:
            a.setEnabled(False)

        def done() -> None:
            for a in disabled:
                a.setEnabled(True)
            self._report_settings_problem()

        def finished(rows: list[RequestRow]) -> None:
            self.footer.setText(self._footer_text())
            self.show_rows(rows)
            done()

        def failed(exc: BaseException) -> None:
            done()
            if not isinstance(exc, UserError):
                raise exc  # to the crash handler: logged and shown
            self.show_loading(f"Could not open your data.\n\n{exc}")
            messages.show_error(self, "FOIA Assist", str(exc))

        self.load_job = self.runner.start(
            load, "Loading", progress=self.show_loading, finished=finished, failed=failed
        )

    def _report_settings_problem(self) -> None:
        _ = self.settings  # read now, so a damaged settings file is reported at start
        if self._settings_problem:
            messages.show_error(self, "Settings", self._settings_problem)
            self._settings_problem = ""

    def save_settings(self, settings: Settings) -> None:
        self.ctx.settings_store.save(settings)
        self._settings = settings

    @property
    def settings(self) -> Settings:
        """The user's settings, read on first use; a damaged file gives defaults and a note."""
        if self._settings is None:
            loaded = self.ctx.settings_store.load()
            self._settings, self._settings_problem = loaded.settings, loaded.problem
        return self._settings

    @settings.setter
    def settings(self, value: Settings) -> None:
        self._settings = value

    # -- data ---------------------------------------------------------------------------------

    # A listing slower than this (tens of thousands of requests) moves later reloads to the
    # thread pool, so logging an event never freezes the window; below it, reloads stay
    # synchronous and the table is current as soon as an action returns.
    SYNC_RELOAD_SECONDS = 0.15

    def reload(self, select_id: int | None = None) -> None:
        today = self.today()
        if self._list_seconds < self.SYNC_RELOAD_SECONDS:
            self.show_rows(self._timed_listing(today), select_id)
            return
        self._reload_generation += 1
        generation = self._reload_generation
        self.statusBar().showMessage("Updating the list…")

        def job() -> Generator[str, None, list[RequestRow]]:
            yield "Updating the list…"
            return self._timed_listing(today)

        def finished(rows: list[RequestRow]) -> None:
            if generation == self._reload_generation:  # a later reload supersedes this one
                self.statusBar().clearMessage()
                self.show_rows(rows, select_id)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, UserError):
                raise exc
            messages.show_error(self, "FOIA Assist", str(exc))

        self.runner.start(job, "Reload", finished=finished, failed=failed)

    def _timed_listing(self, today: date) -> list[RequestRow]:
        start = time.perf_counter()
        rows = self.ctx.tracker.list_requests(today)
        self._list_seconds = time.perf_counter() - start
        return rows

    def check_new_day(self) -> bool:
        """Reload when the date has changed since the list was computed; True if it did."""
        if self.pages_built and self._shown_day is not None and self.today() != self._shown_day:
            self.reload()
            return True
        return False

    def changeEvent(self, event: Any) -> None:  # noqa: N802
        from PySide6.QtCore import QEvent

        if event.type() == QEvent.Type.ActivationChange and self.isActiveWindow():
            self.check_new_day()
        super().changeEvent(event)

    def show_rows(self, rows: list[RequestRow], select_id: int | None = None) -> None:
        self._shown_day = self.today()
        current = select_id if select_id is not None else self.current_request_id()
        self.model.set_rows(rows)
        self._refresh_jurisdiction_filter(rows)
        self.summary.setText(summary_text(rows, self.today()))
        overdue = any(r.overdue for r in rows)
        self.summary.setStyleSheet(
            "QLabel { padding: 6px; font-weight: bold; border-radius: 3px; "
            + ("background: #f8d7da; color: #1a1a1a; }" if overdue else "}")
        )
        self.stack.setCurrentIndex(1 if rows else 0)
        if current is not None:
            self.select_request(current)
        elif rows:
            self.table.selectRow(0)
        self._row_changed()

    def _refresh_jurisdiction_filter(self, rows: list[RequestRow]) -> None:
        keep = self.jurisdiction_filter.currentData()
        self.jurisdiction_filter.blockSignals(True)
        self.jurisdiction_filter.clear()
        self.jurisdiction_filter.addItem("All jurisdictions", "")
        for code in sorted({r.jurisdiction for r in rows}):
            j = self.ctx.jurisdictions.find(code)
            self.jurisdiction_filter.addItem(f"{code} — {j.name}" if j else code, code)
        index = self.jurisdiction_filter.findData(keep) if keep else 0
        self.jurisdiction_filter.setCurrentIndex(max(index, 0))
        self.jurisdiction_filter.blockSignals(False)
        self.proxy.set_jurisdiction(self.jurisdiction_filter.currentData() or "")

    def current_request_id(self) -> int | None:
        from foia_assist.gui.requests_model import RequestIdRole

        index = self.table.currentIndex() if self.pages_built else QModelIndex()
        if not index.isValid():
            return None
        value = index.data(RequestIdRole)
        return int(value) if value is not None else None

    def select_request(self, request_id: int) -> bool:
        row = self.model.row_for(request_id)
        if row < 0:
            return False
        index = self.proxy.mapFromSource(self.model.index(row, 0))
        if not index.isValid():
            return False
        from PySide6.QtCore import QItemSelectionModel

        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        return True

    def _row_changed(self, *_: Any) -> None:
        rid = self.current_request_id()
        if rid is None:
            self.detail.show_view(None)
            return
        try:
            self.detail.show_view(self.ctx.tracker.view(rid, self.today()))
        except UserError as exc:
            self.detail.show_view(None)
            messages.show_error(self, "FOIA Assist", str(exc))

    # -- actions (the bodies live in actions.py to keep this file about layout) -----------------

    def new_request(self) -> Any:
        from foia_assist.gui.actions import new_request

        return new_request(self)

    def open_bulk_export(self) -> Any:
        """One request to many agencies from a CSV (the clinic journey)."""
        from foia_assist.gui.bulk_dialog import open_bulk_dialog

        return open_bulk_dialog(self, self.ctx)

    def open_campaign(self) -> Any:
        """Choose agencies from the directory (by state, type, county or ticking them)."""
        from foia_assist.gui.campaign_window import open_campaign_dialog

        return open_campaign_dialog(self, self.ctx)

    def open_settings(self) -> None:
        from foia_assist.gui.actions import open_settings

        open_settings(self)

    def log_event(self, kind: EventKind) -> None:
        from foia_assist.gui.actions import log_event

        log_event(self, kind)

    def draft_letter(self, kind: str) -> None:
        from foia_assist.gui.actions import draft_letter

        draft_letter(self, kind)

    def set_reminder(self) -> None:
        from foia_assist.gui.actions import set_reminder

        set_reminder(self)

    def reminders_done(self) -> None:
        from foia_assist.gui.actions import reminders_done

        reminders_done(self)

    def remove_event(self, event_id: int) -> None:
        from foia_assist.gui.actions import remove_event

        remove_event(self, event_id)

    def export_record(self) -> None:
        from foia_assist.gui.actions import export_record

        export_record(self)

    def send_letter(self) -> None:
        from foia_assist.gui.send import send_letter

        send_letter(self)

    def export_ics(self) -> None:
        from foia_assist.services.ics_export import export_ics

        path = self._ask_export_path("Export deadlines", "foia-deadlines.ics", "Calendar (*.ics)")
        if path is None:
            return
        self._report(
            lambda: export_ics(self.ctx.tracker, path, today=self.today(), stamp=datetime.now(UTC)),
            lambda n: f"{n} calendar entries written to {path}.",
        )

    def export_csv(self) -> None:
        from foia_assist.services.csv_export import export_csv

        path = self._ask_export_path("Export table", "foia-requests.csv", "CSV (*.csv)")
        if path is None:
            return
        rows = [self.model.rows()[self.proxy.mapToSource(self.proxy.index(i, 0)).row()]
                for i in range(self.proxy.rowCount())]  # fmt: skip
        self._report(lambda: export_csv(rows, path), lambda n: f"{n} requests written to {path}.")

    def backup(self) -> None:
        from foia_assist.services.backup import write_backup

        stamp = self.today().isoformat()
        path = self._ask_export_path("Back up", f"foia-assist-backup-{stamp}.json", "JSON (*.json)")
        if path is None:
            return
        t = self.ctx.tracker
        self._report(
            lambda: write_backup(t.requests, t.agencies, path, made=datetime.now()),
            lambda c: f"Backed up {c.requests} requests and {c.agencies} agencies to {path}.",
        )

    def restore(self) -> None:
        """Replace everything with a backup, after asking; the current data is copied first."""
        from foia_assist.services.backup import restore_backup

        title = "Restore from a backup"
        path = messages.ask_open_path(self, title, self.output_dir(), "Backup (*.json)")
        if path is None:
            return
        t = self.ctx.tracker
        held = t.requests.count()
        if (held or t.agencies.count()) and not messages.ask_yes_no(
            self,
            title,
            f"Replace the {held} request(s) and the address book now in FOIA Assist with "
            f"the backup {path.name}?\n\nA copy of the current data is kept in "
            f"{t.requests.db.backups_dir} first.",
        ):
            return
        try:
            counts = restore_backup(
                t.requests, t.agencies, path, jurisdictions=t.jurisdictions, replace=True
            )
        except UserError as exc:
            messages.show_error(self, title, str(exc))
            return
        except OSError as exc:
            messages.show_error(self, title, f"Couldn't read {path}: {exc}")
            return
        self.reload()
        kept = (
            f"\n\nThe data it replaced was copied to {counts.previous}." if counts.previous else ""
        )
        messages.show_info(
            self,
            title,
            f"Restored {counts.requests} requests and {counts.agencies} agencies from "
            f"{path.name}.{kept}",
        )

    def open_data_folder(self) -> None:
        messages.open_path(self.ctx.paths.data_dir)

    def output_dir(self) -> Path:
        chosen = self.settings.output_dir or str(self.qsettings.value("last/output_dir", ""))
        return Path(chosen) if chosen else Path.home() / "Documents"

    def _ask_export_path(self, title: str, name: str, filters: str) -> Path | None:
        return messages.ask_save_path(self, title, self.output_dir() / name, filters)

    def _report(self, work: Callable[[], Any], done: Callable[[Any], str]) -> None:
        try:
            result = work()
        except UserError as exc:
            messages.show_error(self, "FOIA Assist", str(exc))
        except OSError as exc:
            messages.show_error(self, "FOIA Assist", f"Couldn't write the file: {exc}")
        else:
            self.statusBar().showMessage(done(result), 10_000)
