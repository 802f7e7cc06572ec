"""The main window: the requests table with filters, the detail pane, and the actions.

Start-up shows the window first with only a "Loading" page, menus and status bar; the pages
(table, welcome) are built just after it is on screen, and the detail pane just after the
list has been painted (or on first use). Their widget classes are
imported there, not at module level: PySide6 builds each class's Python enums on first
import, about 40 ms for this window's widgets on the reference machine, and the `Qt`
namespace alone holds about 100 enums (17 ms), so it is imported only where used.

About 420 lines, one job: the window's own state (start-up, loading and reloading, the
selection, settings). Its pages, menus and actions live in `tracker_page`, `menus` and the
`*_actions` controllers.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable, Generator
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QTimer
from PySide6.QtWidgets import QLabel, QMainWindow, QStackedWidget, QWidget

from foia_assist.errors import UserError
from foia_assist.gui import messages
from foia_assist.gui.screen_fit import fit_to_screen
from foia_assist.gui.window_settings import window_settings
from foia_assist.gui.workers import JobRunner

if TYPE_CHECKING:
    from foia_assist.app import AppContext
    from foia_assist.domain.lifecycle import EventKind
    from foia_assist.gui.casefile_actions import CaseFileActions
    from foia_assist.gui.data_actions import DataActions
    from foia_assist.gui.detail_pane import DetailPane
    from foia_assist.gui.hooks import WindowHooks
    from foia_assist.gui.letter_actions import LetterActions
    from foia_assist.gui.request_actions import RequestActions
    from foia_assist.gui.requests_model import RequestsFilterModel, RequestsTableModel
    from foia_assist.gui.tracker_page import TrackerPage
    from foia_assist.gui.welcome import WelcomePage
    from foia_assist.services.data_changes import ChangeWatch
    from foia_assist.services.tracker import RequestRow
    from foia_assist.storage.clock_summary_repo import SummaryQuery
    from foia_assist.storage.database_url import PostgresTarget
    from foia_assist.storage.settings import Settings


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
        self.load_job: Any = None
        self._quick = False  # showing the start-up list, before the rules are read
        self._quick_complete = False  # ...and it has its due dates (stored summaries)
        # The start-up load is running; actions chosen meanwhile wait for it (`_when_loaded`).
        self._loading = False
        self._load_submitted = False  # ...and its job is on the pool
        self._closed = False
        self._waiting: list[Callable[[], Any]] = []
        self._list_seconds = 0.0  # how long the last listing took (see SYNC_RELOAD_SECONDS)
        self._reload_generation = 0
        self._shown_day: date | None = None  # the day the list was computed for
        # A window left open past midnight works its dates out again for the new day.
        self._day_timer = QTimer(self)
        self._day_timer.setInterval(5 * 60 * 1000)
        self._day_timer.timeout.connect(self.check_new_day)
        self._day_timer.start()
        # Changes made by the CLI or another window show up within seconds.
        self._watch: ChangeWatch | None = None  # made at the first look (services/data_changes)
        self._unreachable = False  # the last look could not reach the (shared) database
        self._watch_timer = QTimer(self)
        self._watch_timer.setInterval(self.WATCH_MS)
        self._watch_timer.timeout.connect(self.check_for_changes)
        self._watch_timer.start()
        self.qsettings = window_settings(ctx.paths)
        self._settings: Settings | None = None  # read on first use (not on the start-up path)
        self._settings_problem = ""
        self.setWindowTitle("FOIA Assist")
        self.setAccessibleName("FOIA Assist")
        self.setMinimumSize(640, 480)
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
        # A normal widget, not a permanent one: a confirmation ("Settings saved.") takes the
        # bar while it shows and the note comes back after (stretched over the whole bar as
        # a permanent widget, it left the messages no room: none was ever seen).
        self.statusBar().addWidget(self.footer, 1)
        geometry = self.qsettings.value("window/geometry")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        fit_to_screen(self)
        self.pages_built = False  # the welcome and tracker pages (`build_pages`)
        self._welcome_built = False  # ...the welcome alone, on a first start
        self._deferred = defer_load
        if not defer_load:
            self.build_pages()
            self.load()

    def _share_width(self) -> None:
        if getattr(self, "pages_built", False) and self._auto_split:
            self.tracker_page.share_width()

    def resizeEvent(self, event: Any) -> None:  # noqa: N802
        super().resizeEvent(event)
        self._share_width()

    def show_loading(self, text: str) -> None:
        """The loading page's text, centred (rich text: no `Qt` alignment enum needed)."""
        lines = "<br>".join(html.escape(line) for line in text.splitlines())
        self.loading.setText(f"<p align='center'>{lines}</p>")

    def _build_welcome(self) -> None:
        """The welcome page (stack index 0): a first start shows it before the tracker page
        is built (`_show_quick_rows`)."""
        if self._welcome_built:
            return
        from foia_assist.gui.welcome import WelcomePage

        shared = self._shared_tracker()
        if shared is not None:
            # On the team's database the window says so (it looked like the one on this
            # computer, whose welcome says "Everything stays on this computer").
            self.setWindowTitle(f"Shared tracker {shared.dbname} on {shared.where}")
        self.welcome: WelcomePage = WelcomePage(shared=shared.display if shared else "")
        self.welcome.start.connect(self._when_loaded(self.new_request))
        self.welcome.settings.connect(self._when_loaded(self.open_settings))
        self.stack.insertWidget(0, self.welcome)
        self._welcome_built = True

    def build_pages(self) -> None:
        """The welcome and tracker pages (stack indices 0 and 1; "Loading" becomes 2)."""
        if self.pages_built:
            return
        self._build_welcome()
        from foia_assist.gui.requests_model import RequestsFilterModel, RequestsTableModel

        self.tracker_page: TrackerPage
        self.model: RequestsTableModel = RequestsTableModel(self)
        self.proxy: RequestsFilterModel = RequestsFilterModel(self)  # (its source: the page)
        self.stack.insertWidget(1, self._tracker_page())
        if not self._quick:  # (the start-up list finishes the table once it is painted)
            self.tracker_page.finish_table()
        splitter = self.qsettings.value("window/splitter")
        # Until the user drags the divider (or one was saved), the table keeps a readable
        # agency column at any window width and the detail pane takes the rest.
        self._auto_split = not isinstance(splitter, QByteArray)
        if isinstance(splitter, QByteArray):
            self.splitter.restoreState(splitter)
        self.splitter.splitterMoved.connect(lambda *_: setattr(self, "_auto_split", False))
        self.pages_built = True

    def load(self) -> None:
        """Read the rules and the requests (slow parts: rule files, holiday calendars)."""
        self.footer.setText(self._footer_text())
        self.reload()

    # -- layout -------------------------------------------------------------------------------

    def _tracker_page(self) -> QWidget:
        from foia_assist.gui.tracker_page import TrackerPage

        page = TrackerPage(self.model, self.proxy)
        page.fetch = self._fetch_filtered
        self.tracker_page = page
        self.summary, self.search = page.summary, page.search
        self.status_filter, self.jurisdiction_filter = page.status_filter, page.jurisdiction_filter
        self.table, self.splitter = page.table, page.splitter
        self.table.selectionModel().currentRowChanged.connect(self._row_changed)
        page.selection_lost.connect(self._row_changed)
        return page

    @property
    def detail(self) -> DetailPane:
        """The detail pane, built on first use: at start-up just after the list has been
        painted (`_load_then_report`), else when a request is first shown in it."""
        pane = self.tracker_page.detail
        return pane if pane is not None else self._build_detail()

    @property
    def detail_built(self) -> bool:
        return self.pages_built and self.tracker_page.detail is not None

    def _list_painted(self) -> None:
        """Once the start-up list is on screen: the table's sorting, then the detail pane."""
        self.tracker_page.finish_table()
        self._build_detail_now()

    def _build_detail_now(self) -> None:
        """The detail pane, showing the selected request (none while the rules are read)."""
        if not self.detail_built:
            _ = self.detail
            self._row_changed()

    def _build_detail(self) -> DetailPane:
        detail = self.tracker_page.build_detail()
        detail.log_event.connect(self.log_event)
        detail.draft_letter.connect(self.letter_actions.draft_letter)
        detail.set_reminder.connect(self.set_reminder)
        detail.reminders_done.connect(self.requests_actions.reminders_done)
        detail.export_record.connect(self.letter_actions.export_record)
        detail.remove_event.connect(self.requests_actions.remove_event)
        detail.send_letter.connect(self.send_letter)
        detail.open_letter.connect(lambda p: messages.open_or_explain(self, Path(p)))
        detail.show_letter_folder.connect(lambda p: messages.open_or_explain(self, Path(p)))
        detail.add_box("Replies and released records", self.casefile_actions.panel, 1)
        self._share_width()  # the widths again, with the pane's own needs known
        return detail

    def _build_actions(self) -> None:
        from foia_assist.gui.menus import build_menus

        slots: dict[str, Callable[[], Any]] = {
            "new": self.new_request,
            "bulk": self.open_bulk_export,
            "campaign": self.open_campaign,
            "ics": lambda: self.data_actions.export_ics(),
            "csv": self.export_csv,
            "backup": lambda: self.data_actions.backup(),
            "restore": lambda: self.data_actions.restore(),
            "settings": self.open_settings,
            "data": lambda: self.data_actions.open_data_folder(),
            "quit": self.close,
            "refresh": self.refresh,
            "find": self.focus_search,
            "clear_filters": self.clear_filters,
            "about": self.show_about,
            "search_attachments": lambda: self.casefile_actions.open_search(),
        }
        # Every action works as soon as the window is shown: these need the data and wait
        # for the start-up load; the rest act at once.
        now = {"quit", "refresh", "find", "clear_filters", "about"}
        self.menus = build_menus(
            self,
            {
                name: slot if name in now else self._when_loaded(slot)
                for name, slot in slots.items()
            },
        )
        a = self.menus.actions
        self.new_action, self.bulk_action, self.ics_action = a["new"], a["bulk"], a["ics"]
        self.csv_action, self.backup_action = a["csv"], a["backup"]
        self.restore_action, self.settings_action = a["restore"], a["settings"]
        self.data_action, self.refresh_action = a["data"], a["refresh"]
        self.campaign_action = a["campaign"]

    def _shared_tracker(self) -> PostgresTarget | None:
        """The team's PostgreSQL database the tracker is on, or None (this computer's file,
        or a URL that cannot be read: loading the requests says what is wrong with it)."""
        from foia_assist.storage.database_url import PostgresTarget

        try:
            target = self.ctx.database_target
        except UserError:
            return None
        return target if isinstance(target, PostgresTarget) else None

    def _footer_text(self) -> str:
        from foia_assist.services.about import footer_text

        return footer_text(self.ctx.jurisdictions)

    # -- state --------------------------------------------------------------------------------

    def closeEvent(self, event: Any) -> None:  # noqa: N802
        self._closed = True  # (a start-up load not started yet never starts)
        self.qsettings.setValue("window/geometry", self.saveGeometry())
        if self.pages_built:
            self.qsettings.setValue("window/splitter", self.splitter.saveState())
        self.qsettings.sync()
        self.runner.cancel_all()
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        super().closeEvent(event)

    def after_show(self) -> None:
        if self._deferred:
            self._deferred = False
            QTimer.singleShot(0, self._load_then_report)
        else:
            self._report_settings_problem()

    def _when_loaded(self, action: Callable[[], Any]) -> Callable[[], Any]:
        """`action`, run at once, or while the start-up load runs, once the data is in.

        Nothing on the GUI thread then builds the context's rules or database at the same
        time as the job does. (The actions used to be disabled instead: for about a second
        the menus were greyed and Ctrl+N did nothing, trial J14.)"""

        def run() -> Any:
            if not self._loading:
                return action()
            if action not in self._waiting:
                self._waiting.append(action)
            self.statusBar().showMessage(
                "Still reading your requests: this opens as soon as they are in.", 10_000
            )
            return None

        return run

    @property
    def data_loading(self) -> bool:
        """Whether the start-up load is running (actions chosen meanwhile wait for it)."""
        return self._loading

    def _load_then_report(self) -> None:
        """Read rules and requests on the thread pool: the window stays responsive meanwhile
        (the actions that need the data wait for it: `_when_loaded`)."""
        ctx, today = self.ctx, self.today()
        # The list first, from the database alone (a few milliseconds, here on the GUI
        # thread so it is on screen at once); due dates once the rules are read below.
        painted = self._show_quick_rows()

        def load() -> Generator[Any, None, list[RequestRow]]:
            _ = ctx.jurisdictions, ctx.calendars, ctx.tracker  # the slow first builds
            yield "Working out the deadlines…"
            # Rebuilds the stored clock summaries when the rules changed (with progress).
            yield from ctx.tracker.summaries.ensure_current()
            return self._timed_listing(today)

        self._loading = True

        def done(loaded: bool) -> None:
            self._loading = False
            waiting, self._waiting = self._waiting, []
            if waiting:
                self.statusBar().clearMessage()
            self._report_settings_problem()
            for action in waiting if loaded else ():  # (a failed load says why instead)
                action()

        def finished(rows: list[RequestRow]) -> None:
            self._quick = False
            self.footer.setText(self._footer_text())
            self.show_rows(rows)
            done(True)

        def failed(exc: BaseException) -> None:
            self._quick = False
            done(False)
            if not isinstance(exc, UserError):
                raise exc  # to the crash handler: logged and shown
            self.show_loading(f"Could not open your data.\n\n{exc}")
            self.stack.setCurrentWidget(self.loading)
            messages.show_error(self, "FOIA Assist", str(exc))

        job = self.runner.prepare(
            load, "Loading", progress=self._load_progress, finished=finished, failed=failed
        )
        self.load_job = job

        def submit() -> None:
            if not self._load_submitted and not self._closed:
                self._load_submitted = True
                self.runner.submit(job)

        if painted is None:
            submit()
            return
        # Started once the list (or the welcome page) has been painted: started at once, the
        # job's Python took turns with the paint for the GIL and held the list back. (Its
        # filter is the widget's last, so it runs before the detail pane is built.) A window
        # that is not painted (minimised) starts it after a moment all the same.
        from foia_assist.gui.after_paint import after_paint

        after_paint(painted, submit)
        QTimer.singleShot(self.LOAD_UNPAINTED_MS, self, submit)

    LOAD_UNPAINTED_MS = 300

    def _show_quick_rows(self) -> QWidget | None:
        """The list from the database alone: with its due dates when the stored clock
        summaries are current (no rules or calendars needed), else statuses only. Returns
        the widget shown for it (the table or the welcome page), None if nothing was."""
        from foia_assist.gui.after_paint import after_paint
        from foia_assist.services.about import quick_footer_text
        from foia_assist.services.quick_listing import quick_list

        try:
            quick = quick_list(self.ctx.paths, self.today(), self.ctx.database_target)
        except UserError:
            self.build_pages()
            return None  # the full load reports it
        rows = quick.rows
        self.footer.setText(quick_footer_text())
        self._quick = True
        self._quick_complete = quick.complete
        if rows:
            self.show_rows(rows)  # (builds the pages)
            if not quick.complete:
                self.summary.setText("Working out the deadlines…")
            # The detail pane once the list has been painted (it shows no request until
            # the rules are read; the full load builds it if this has not yet).
            # (The table, not its viewport: asking PySide6 for the viewport, a plain QWidget
            # it has not wrapped, makes it build every QtWidgets class's enums, ~15 ms.)
            after_paint(self.table, self._list_painted)
            return self.table
        else:
            # A first start: the welcome page alone (its buttons wait for the rules), the
            # tracker page once it has been painted or when first needed (`show_rows`).
            self._build_welcome()
            self.stack.setCurrentIndex(0)
            after_paint(self.welcome, self.build_pages)
            return self.welcome

    def _load_progress(self, item: Any) -> None:
        if not self._quick:
            self.show_loading(str(item))
        elif not self._quick_complete and self.pages_built:
            self.summary.setText(str(item))  # e.g. the summaries being rebuilt

    def _report_settings_problem(self) -> None:
        _ = self.settings  # read now, so a damaged settings file is reported at start
        if self._settings_problem:
            messages.show_error(self, "Settings", self._settings_problem)
            self._settings_problem = ""

    def save_settings(self, settings: Settings) -> None:
        self.ctx.settings_store.save(settings)
        self._settings = settings
        self.ctx.letters.pdf.choice = settings.pdf_renderer  # single letters and bulk alike
        if self.pages_built:
            self._row_changed()  # e.g. "Send by email" once a mail server is set up

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
                self._clear_updating()
                self.show_rows(rows, select_id)

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, UserError):
                raise exc
            messages.show_error(self, "FOIA Assist", str(exc))

        self.runner.start(job, "Reload", finished=finished, failed=failed)

    def _clear_updating(self) -> None:
        # Only our own words: a confirmation shown meanwhile ("Added to your tracker…",
        # "Logged …") stays.
        if self.statusBar().currentMessage() == "Updating the list…":
            self.statusBar().clearMessage()

    def _fetch_filtered(
        self, query: SummaryQuery, deliver: Callable[[list[RequestRow]], None]
    ) -> None:
        """The rows a filter keeps, from the database: here when listings are quick (a few
        thousand requests), else on the thread pool so typing never waits for the query
        (the page drops a result a later change superseded). Not while the start-up list
        shows: the full load's rows come with the filters applied."""
        if self._quick:
            return
        today = self.today()
        tracker = self.ctx.tracker
        if self._list_seconds < self.SYNC_RELOAD_SECONDS:
            try:
                rows = tracker.list_filtered(today, query)
            except UserError as exc:  # e.g. the shared database went away
                messages.show_error(self, "FOIA Assist", str(exc))
                return
            deliver(rows)
            return
        self.statusBar().showMessage("Updating the list…")

        def job() -> Generator[str, None, list[RequestRow]]:
            yield "Updating the list…"
            return tracker.list_filtered(today, query)

        def finished(rows: list[RequestRow]) -> None:
            self._clear_updating()
            deliver(rows)

        def failed(exc: BaseException) -> None:
            self.statusBar().clearMessage()
            if not isinstance(exc, UserError):
                raise exc
            messages.show_error(self, "FOIA Assist", str(exc))

        self.runner.start(job, "Filter", finished=finished, failed=failed)

    def _timed_listing(self, today: date) -> list[RequestRow]:
        start = time.perf_counter()
        rows = self.ctx.tracker.list_requests(today)
        self._list_seconds = time.perf_counter() - start
        return rows

    WATCH_MS = 2000

    def check_for_changes(self) -> bool:
        """Reload when another program or person changed the data since the last look; True
        if so (the CLI, another window, a colleague on a shared tracker)."""
        from foia_assist.services.data_changes import watch_changes

        # Only when idle: a job on the pool may hold the database.
        if not self.pages_built or self._deferred or self._loading or self.runner.running:
            return False
        try:
            if self._watch is None:
                self._watch = watch_changes(self.ctx.tracker)  # the first look
                return False
            changed = self._watch.changed()
        except UserError as exc:
            # Said once, and kept on screen until the database answers again (the window
            # said nothing while a shared tracker's server was down).
            if not self._unreachable:
                self._unreachable = True
                reason = str(exc) or "the database cannot be reached"
                self.statusBar().showMessage(
                    f"{reason[:1].upper()}{reason[1:]}. Trying again every "
                    f"{self.WATCH_MS // 1000} seconds; nothing can be logged until then."
                )
            return False
        if self._unreachable:
            self._unreachable = False
            self.reload()
            self.statusBar().showMessage("Connected again; the requests were read again.", 10_000)
            return True
        if changed:
            self.reload()
            self.statusBar().showMessage("Updated: the requests were changed elsewhere.", 5_000)
        return changed

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
        self.build_pages()
        if not self._quick:
            self.tracker_page.finish_table()
        self._shown_day = today = self.today()
        current = select_id if select_id is not None else self.current_request_id()
        # (Not while the start-up list shows: the rules are being read on the pool.)
        names = {} if self._quick else {j.code: j.name for j in self.ctx.jurisdictions}
        self.tracker_page.show_rows(rows, today, names)
        self.stack.setCurrentIndex(1 if rows else 0)
        self._share_width()
        if current is not None:
            self.select_request(current)
        elif rows and not self._quick:
            # (Not in the start-up list: the detail pane cannot show the request until the
            # rules are read, and said "Select a request" beside a selected row, trial J14.)
            self.table.selectRow(0)
        self._row_changed()

    def current_request_id(self) -> int | None:
        return self.tracker_page.current_request_id() if self.pages_built else None

    def select_request(self, request_id: int) -> bool:
        return self.tracker_page.select_request(request_id)

    def _row_changed(self, *_: Any) -> None:
        rid = self.current_request_id()
        if rid is None or self._quick:  # (the rules are still being read on the pool)
            if self._quick and not self.detail_built:
                return  # built once the list is painted (`after_paint`), showing no request
            # A request chosen in the start-up list: the pane says it follows.
            self.detail.show_view(None, waiting=rid is not None)
            self.casefile_actions.show_request(None)
            return
        try:
            # Inside the try: with a shared tracker's server down, the case file's read
            # failed here and the pane kept the request shown before, buttons and all.
            self.casefile_actions.show_request(rid)
            view = self.ctx.tracker.view(rid, self.today())
            self.detail.show_view(view, send_problem=self.letter_actions.send_problem(view))
        except UserError as exc:
            self.detail.show_view(None)
            self.casefile_actions.show_request(None)
            messages.show_error(self, "FOIA Assist", str(exc))

    # -- actions (their bodies live in the controllers; see hooks.py) ---------------------------

    # Built on first use, not on the start-up path (their modules import dialogs).

    @cached_property
    def hooks(self) -> WindowHooks:
        from foia_assist.gui.hooks import WindowHooks
        from foia_assist.gui.undo_offer import undo_offer

        return WindowHooks(
            ctx=self.ctx,
            parent=self,
            runner=self.runner,
            qsettings=self.qsettings,
            today=lambda: self.today(),
            settings=lambda: self.settings,
            save_settings=self.save_settings,
            current_request_id=self.current_request_id,
            reload=lambda select_id: self.reload(select_id=select_id),
            notify=lambda text: self.statusBar().showMessage(text, 10_000),
            output_dir=self.output_dir,
            seen_version=self.seen_version,
            offer_undo=lambda text, undo: undo_offer(self).offer(text, undo),
        )

    def seen_version(self) -> int | None:
        """The version of the current request that the detail pane shows."""
        view = self.detail.view if self.detail_built else None
        rid = self.current_request_id()
        return view.request.version if view is not None and view.request.id == rid else None

    @cached_property
    def requests_actions(self) -> RequestActions:
        from foia_assist.gui.request_actions import RequestActions

        return RequestActions(self.hooks)

    @cached_property
    def letter_actions(self) -> LetterActions:
        from foia_assist.gui.letter_actions import LetterActions

        return LetterActions(self.hooks)

    @cached_property
    def data_actions(self) -> DataActions:
        from foia_assist.gui.data_actions import DataActions

        return DataActions(self.hooks)

    @cached_property
    def casefile_actions(self) -> CaseFileActions:
        """The case file's panel in the detail pane, its proposals and the attachment search."""
        from foia_assist.gui.casefile_actions import CaseFileActions

        return CaseFileActions(
            self.ctx,
            self,
            self.runner,
            lambda: self.today(),
            lambda request_id: self.reload(select_id=request_id),
            self.select_request,
        )

    @property
    def wizard(self) -> Any:
        return self.requests_actions.wizard if "requests_actions" in self.__dict__ else None

    def new_request(self) -> Any:
        return self.requests_actions.new_request()

    def open_bulk_export(self) -> Any:
        """One request to many agencies from a CSV (the clinic journey)."""
        from foia_assist.gui.bulk import open_bulk_dialog

        return open_bulk_dialog(self, self.ctx)

    def open_campaign(self) -> Any:
        """Choose agencies from the directory (by state, type, county or ticking them)."""
        from foia_assist.gui.campaign_window import open_campaign_dialog

        return open_campaign_dialog(self, self.ctx)

    def open_settings(self) -> None:
        self.requests_actions.open_settings()

    def log_event(self, kind: EventKind) -> None:
        self.requests_actions.log_event(kind)

    def set_reminder(self) -> None:
        self.requests_actions.set_reminder()

    def send_letter(self) -> None:
        self.letter_actions.send_letter()

    def export_csv(self) -> None:
        rows = [self.model.rows()[self.proxy.mapToSource(self.proxy.index(i, 0)).row()]
                for i in range(self.proxy.rowCount())]  # fmt: skip
        self.data_actions.export_csv(rows)

    def refresh(self) -> None:
        """Read the requests again (F5), keeping the selection."""
        if (
            not self.pages_built
            or self._loading
            or self.load_job is not None
            and self.runner.is_running(self.load_job)
        ):
            return
        self.reload()
        self.statusBar().showMessage("Requests read again.", 5_000)

    def focus_search(self) -> None:
        if self.pages_built:
            self.stack.setCurrentIndex(1 if self.tracker_page.all_rows else 0)
            self.search.setFocus()
            self.search.selectAll()

    def clear_filters(self) -> None:
        if self.pages_built:
            self.tracker_page.clear_filters()

    def show_about(self) -> None:
        from foia_assist.gui.about_dialog import AboutDialog

        messages.run_dialog(AboutDialog(self.ctx, self))

    def output_dir(self) -> Path:
        chosen = self.settings.output_dir or str(self.qsettings.value("last/output_dir", ""))
        return Path(chosen) if chosen else Path.home() / "Documents"
