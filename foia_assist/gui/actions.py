"""What the main window's buttons do: wizard, settings, log, letters, reminders."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING

from foia_assist.domain.lifecycle import EventKind
from foia_assist.errors import UserError
from foia_assist.gui import messages
from foia_assist.gui.event_dialog import EventDialog, ReminderDialog
from foia_assist.gui.progress import run_with_progress
from foia_assist.services.tracker import check_text

if TYPE_CHECKING:
    from foia_assist.gui.main_window import MainWindow
    from foia_assist.gui.wizard.wizard import RequestWizard, WizardDeps


def wizard_deps(window: MainWindow) -> WizardDeps:
    from foia_assist.gui.wizard.wizard import WizardDeps

    ctx = window.ctx
    return WizardDeps(
        jurisdictions=ctx.jurisdictions,
        catalogue=ctx.catalogue,
        calendars=ctx.calendars,
        letters=ctx.letters,
        tracker=ctx.tracker,
        settings=lambda: window.settings,
        save_settings=window.save_settings,
        today=window.today,
        output_dir=window.output_dir,
        runner=window.runner,
        drafts_dir=ctx.paths.data_dir / "drafts",
        contact_book=ctx.contact_book,
    )


def new_request(window: MainWindow) -> RequestWizard:
    from foia_assist.gui.wizard.wizard import RequestWizard, load_draft

    deps = wizard_deps(window)
    wizard = RequestWizard(deps, window)
    draft = load_draft(deps.draft_path)
    if draft is not None and messages.ask_yes_no(
        window, "Resume your draft?", "You saved a draft request. Continue where you left off?"
    ):
        wizard.restore(draft)
    else:
        last = str(window.qsettings.value("last/jurisdiction", ""))
        if last:
            wizard.jurisdiction_page.select(last)

    def remember(_: object = None) -> None:
        j = wizard.jurisdiction_page.jurisdiction()
        if j is not None:
            window.qsettings.setValue("last/jurisdiction", j.code)
        folder = wizard.finish_page.folder.text().strip()
        if folder:
            window.qsettings.setValue("last/output_dir", folder)

    wizard.letters_saved.connect(remember)
    wizard.request_added.connect(lambda rid: (remember(), window.reload(select_id=rid)))
    wizard.finished.connect(lambda _: window.reload())
    window.wizard = wizard
    wizard.show()
    return wizard


def open_settings(window: MainWindow) -> None:
    from foia_assist.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(window.settings, window.ctx.secrets, window.ctx.paths, window)
    if messages.run_dialog(dialog):
        try:
            window.save_settings(dialog.result_settings())
        except OSError as exc:
            messages.show_error(window, "Settings", f"The settings were not saved: {exc}")


def log_event(window: MainWindow, kind: EventKind) -> None:
    rid = window.current_request_id()
    if rid is None:
        return
    dialog = EventDialog(kind, window.today(), window)
    if not messages.run_dialog(dialog):
        return
    v = dialog.value()
    tracker = window.ctx.tracker
    try:
        # Check the tracking number first, so a refused one leaves no half-logged event.
        number = check_text(dialog.tracking_number().strip(), "the tracking number")
        tracker.log_event(
            rid,
            v.kind,
            v.day,
            days=v.days,
            new_date=v.new_date,
            note=v.note,
            method=v.method,
            message_id=v.message_id,
            exemptions=v.exemptions,
            partial=v.partial,
        )
        if number:
            tracker.set_tracking_number(rid, number)
    except UserError as exc:
        messages.show_error(window, "Log event", str(exc))
        return
    window.reload(select_id=rid)


def set_reminder(window: MainWindow) -> None:
    rid = window.current_request_id()
    if rid is None:
        return
    dialog = ReminderDialog(window.today(), window)
    if not messages.run_dialog(dialog):
        return
    day, note = dialog.value()
    try:
        window.ctx.tracker.remind(rid, day, today=window.today(), note=note)
    except UserError as exc:
        messages.show_error(window, "Reminder", str(exc))
        return
    window.reload(select_id=rid)


def reminders_done(window: MainWindow) -> None:
    rid = window.current_request_id()
    if rid is None:
        return
    try:
        window.ctx.tracker.reminders_done(rid, window.today())
    except UserError as exc:
        messages.show_error(window, "Reminder", str(exc))
        return
    window.reload(select_id=rid)


def draft_letter(window: MainWindow, kind: str) -> None:
    """A follow-up or appeal letter from the tracked request, saved and recorded with it."""
    from foia_assist.services.tracked_letters import (
        follow_up_problem,
        letter_record,
        spec_for_letter,
        suggested_name,
    )

    rid = window.current_request_id()
    if rid is None:
        return
    today = window.today()
    tracker, letters = window.ctx.tracker, window.ctx.letters
    view = tracker.view(rid, today)
    if kind == "follow-up" and (problem := follow_up_problem(view)) is not None:
        messages.show_error(window, "No follow-up letter", problem[0].upper() + problem[1:] + ".")
        return
    spec = spec_for_letter(view)
    name = suggested_name(kind, view.request.agency, today, ".docx")
    path = messages.ask_save_path(
        window,
        f"Save the {kind} letter",
        window.output_dir() / name,
        "Word (*.docx);;PDF (*.pdf);;Plain text (*.txt)",
    )
    if path is None:
        return
    if path.suffix.lower() not in (".docx", ".pdf", ".txt"):
        path = path.with_suffix(".docx")

    def job() -> Generator[str, None, Path]:
        yield f"Writing {path.name}…"
        return letters.make_letter(kind, spec, path, today)

    def done(written: Path) -> None:
        tracker.record_letter(rid, letter_record(kind, written, today))
        window.qsettings.setValue("last/output_dir", str(written.parent))
        window.reload(select_id=rid)
        window.statusBar().showMessage(f"Saved {written}", 10_000)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, UserError | OSError):
            messages.show_error(window, f"The {kind} letter was not saved", str(exc))
        else:
            raise exc

    window.letter_job = run_with_progress(
        window.runner, job, f"Writing the {kind} letter", window, finished=done, failed=failed
    )


def export_record(window: MainWindow) -> None:
    """The selected request's record (deadlines explained, timeline, letters with SHA-256)."""
    from datetime import datetime

    from foia_assist.services.request_record import record_docx
    from foia_assist.services.tracked_letters import suggested_name

    rid = window.current_request_id()
    if rid is None:
        return
    today = window.today()
    view = window.ctx.tracker.view(rid, today)
    path = messages.ask_save_path(
        window,
        "Export the request's record",
        window.output_dir() / suggested_name("record", view.request.agency, today, ".docx"),
        "Word (*.docx);;PDF (*.pdf);;Plain text (*.txt)",
    )
    if path is None:
        return
    if path.suffix.lower() not in (".docx", ".pdf", ".txt"):
        path = path.with_suffix(".docx")
    letters = window.ctx.letters

    def job() -> Generator[str, None, Path]:
        yield f"Writing {path.name}…"
        return letters.write_docx_as(record_docx(view, datetime.now()), path)

    def done(written: Path) -> None:
        window.qsettings.setValue("last/output_dir", str(written.parent))
        window.statusBar().showMessage(f"Saved the record to {written}", 10_000)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, UserError | OSError):
            messages.show_error(window, "The record was not saved", str(exc))
        else:
            raise exc

    window.letter_job = run_with_progress(
        window.runner, job, "Writing the record", window, finished=done, failed=failed
    )


def remove_event(window: MainWindow, event_id: int) -> None:
    """Take back an event logged by mistake, after asking."""
    rid = window.current_request_id()
    if rid is None:
        return
    tracker = window.ctx.tracker
    event = next((e for e in tracker.get(rid).events if e.id == event_id), None)
    if event is None:
        return
    if not messages.ask_yes_no(
        window,
        "Remove event",
        f"Remove “{event.describe()}” from the timeline? Every deadline is worked out again "
        "without it; log it again with the right details if needed.",
    ):
        return
    try:
        tracker.remove_event(rid, event_id)
    except UserError as exc:
        messages.show_error(window, "Remove event", str(exc))
        return
    window.reload(select_id=rid)
