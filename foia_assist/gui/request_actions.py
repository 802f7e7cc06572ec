"""The main window's request actions: the wizard, settings, events and reminders."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from foia_assist.domain.lifecycle import EventKind
from foia_assist.errors import UserError
from foia_assist.gui import messages
from foia_assist.gui.event_dialog import EventDialog, ReminderDialog
from foia_assist.gui.key_handoff import hand_keys_to
from foia_assist.storage.request_changes import ConflictError

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

    from foia_assist.gui.hooks import WindowHooks
    from foia_assist.gui.wizard.wizard import RequestWizard, WizardDeps


class RequestActions:
    def __init__(self, hooks: WindowHooks) -> None:
        self.h = hooks
        self.wizard: Any = None  # the open request wizard, if any

    def wizard_deps(self) -> WizardDeps:
        from foia_assist.gui.wizard.wizard import WizardDeps

        h, ctx = self.h, self.h.ctx
        return WizardDeps(
            jurisdictions=ctx.jurisdictions,
            catalogue=ctx.catalogue,
            calendars=ctx.calendars,
            letters=ctx.letters,
            tracker=ctx.tracker,
            settings=h.settings,
            save_settings=h.save_settings,
            today=h.today,
            output_dir=h.output_dir,
            runner=h.runner,
            drafts_dir=ctx.paths.data_dir / "drafts",
            contact_book=ctx.contact_book,
        )

    def new_request(self) -> RequestWizard:
        from foia_assist.gui.wizard.wizard import RequestWizard, draft_saved_at, load_draft

        h = self.h
        deps = self.wizard_deps()
        wizard = RequestWizard(deps, h.parent)
        if h.parent is not None:
            # Keys typed at once ("texas") go to the wizard, not the main window's Find box,
            # while the window manager is still activating it (trial C8).
            hand_keys_to(wizard, h.parent.window())
        last = str(h.qsettings.value("last/jurisdiction", ""))
        if last:
            wizard.jurisdiction_page.select(last)
        draft = load_draft(deps.draft_path)
        if draft is not None:
            # Offered inside the wizard, not asked before it opens: a question box took the
            # "n" of "virginia" typed at once as its No (trial W3).
            wizard.offer_draft(draft, draft_saved_at(deps.draft_path))

        def remember(_: object = None) -> None:
            j = wizard.jurisdiction_page.jurisdiction()
            if j is not None:
                h.qsettings.setValue("last/jurisdiction", j.code)
            folder = wizard.finish_page.folder.text().strip()
            if folder:
                h.qsettings.setValue("last/output_dir", folder)

        wizard.letters_saved.connect(remember)

        def added(rid: int) -> None:
            remember()
            h.reload(rid)
            # Finish closed the wizard and said nothing (trial 3, T10).
            h.notify(f"Added to your tracker as request #{rid}; it is selected in the list.")

        wizard.request_added.connect(added)
        wizard.finished.connect(lambda _: h.reload(None))
        self.wizard = wizard
        wizard.show()
        return wizard

    def open_settings(self) -> None:
        from foia_assist.gui.settings_dialog import SettingsDialog

        h = self.h
        from foia_assist.services.shared_tracker import check_connection

        ctx = h.ctx
        before = h.settings()
        dialog = SettingsDialog(
            before,
            ctx.secrets,
            ctx.paths,
            h.parent,
            check_database=lambda url, password: check_connection(
                url, password, own_database=ctx.paths.database, secrets=ctx.secrets
            ),
            runner=h.runner,
        )
        if messages.run_dialog(dialog):
            try:
                h.save_settings(dialog.result_settings())
            except OSError as exc:
                messages.show_error(h.parent, "Settings", f"The settings were not saved: {exc}")
                return
            if "tracker" in ctx.__dict__:  # the name takes effect now for what is logged next
                ctx.tracker.author = dialog.settings.author
            moved = dialog.settings.database_url != before.database_url
            h.notify(
                "Settings saved. The tracker's database changes when FOIA Assist is started again."
                if moved
                else "Settings saved."
            )

    def log_event(self, kind: EventKind) -> None:
        h = self.h
        rid = h.current_request_id()
        if rid is None:
            return
        tracker = h.ctx.tracker
        request = tracker.get(rid)
        law = h.ctx.jurisdictions.find(request.jurisdiction)

        def late_check(day: date) -> str:
            late = tracker.late_extension(rid, day)
            return late.message() if late is not None else ""

        dialog = EventDialog(kind, h.today(), h.parent, law=law, late_check=late_check)
        _name_the_request(dialog, request.agency)
        # A refused event (a date before the request was sent…) says why and opens the same
        # dialog again, with what was typed into it, rather than losing it.
        while True:
            if not messages.run_dialog(dialog):
                return
            v = dialog.value()
            event_id = self._log(rid, dialog, v)
            if event_id is not None:
                break
        h.reload(rid)
        late = tracker.late_extension(rid) if v.kind is EventKind.EXTENSION else None
        if late is not None:
            moved = "did not move" if late.binding else "moved, but check the law"
            text = (f"Logged a late extension: the notice came after the original due date; "
                    f"the due date {moved} (see the Response clock).")  # fmt: skip
        else:
            text = f"Logged “{v.kind.value}” on {v.day.isoformat()}; the deadlines are updated."
        h.offer_undo(text, lambda: self._take_back(rid, event_id, v.kind.value))

    def _take_back(self, rid: int, event_id: int, kind: str) -> None:
        """Undo of Log event: the event just logged is removed again (a colleague's later
        change is not overwritten: removal checks the event is still there)."""
        h = self.h
        try:
            h.ctx.tracker.remove_event(rid, event_id)
        except UserError as exc:
            messages.show_error(h.parent, "Undo", str(exc))
            return
        h.reload(rid)
        h.notify(f"Took back “{kind}”; the deadlines are as before.")

    def _log(self, rid: int, dialog: EventDialog, v: Any) -> int | None:
        h = self.h
        tracker = h.ctx.tracker
        seen = h.seen_version()
        try:
            # Check the tracking number first, so a refused one leaves no half-logged event.
            from foia_assist.services.tracker import check_text  # (not on the start-up path)

            number = check_text(dialog.tracking_number().strip(), "the tracking number")
            if number and seen is not None and number != tracker.get(rid).tracking_number:
                # An edit: made from what the user saw (a colleague's change is not lost).
                tracker.set_tracking_number(rid, number, seen_version=seen)
                number = ""
            # An event is appended: a colleague's event logged meanwhile is kept too, and
            # this one is checked against it.
            event_id = tracker.log_event(
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
            if number and number != tracker.get(rid).tracking_number:
                tracker.set_tracking_number(rid, number)
        except UserError as exc:
            messages.show_error(h.parent, "Log event", str(exc))
            if isinstance(exc, ConflictError):
                # Show the colleague's change; the dialog opens again with what was typed,
                # to be logged against what the user now sees.
                h.reload(rid)
            return None
        return event_id

    def set_reminder(self) -> None:
        h = self.h
        rid = h.current_request_id()
        if rid is None:
            return
        dialog = ReminderDialog(h.today(), h.parent)
        _name_the_request(dialog, h.ctx.tracker.get(rid).agency)
        if not messages.run_dialog(dialog):
            return
        day, note = dialog.value()
        try:
            h.ctx.tracker.remind(rid, day, today=h.today(), note=note)
        except UserError as exc:
            messages.show_error(h.parent, "Reminder", str(exc))
            return
        h.reload(rid)
        h.notify(f"Reminder set for {day.isoformat()}.")

    def reminders_done(self) -> None:
        h = self.h
        rid = h.current_request_id()
        if rid is None:
            return
        try:
            h.ctx.tracker.reminders_done(rid, h.today(), seen_version=h.seen_version())
        except UserError as exc:
            messages.show_error(h.parent, "Reminder", str(exc))
            if isinstance(exc, ConflictError):
                h.reload(rid)
            return
        h.reload(rid)
        h.notify("Reminders marked done.")

    def remove_event(self, event_id: int) -> None:
        """Take back an event logged by mistake, after asking."""
        h = self.h
        rid = h.current_request_id()
        if rid is None:
            return
        tracker = h.ctx.tracker
        event = next((e for e in tracker.get(rid).events if e.id == event_id), None)
        if event is None:
            return
        if not messages.ask_yes_no(
            h.parent,
            "Remove event",
            f"Remove “{event.describe()}” from the timeline? Every deadline is worked out again "
            "without it; log it again with the right details if needed.",
        ):
            return
        try:
            tracker.remove_event(rid, event_id, seen_version=h.seen_version())
        except UserError as exc:
            messages.show_error(h.parent, "Remove event", str(exc))
            if isinstance(exc, ConflictError):
                h.reload(rid)
            return
        h.reload(rid)
        h.notify("Event removed; the deadlines are worked out again.")


def _name_the_request(dialog: QDialog, agency: str) -> None:
    """The request a dialog acts on, in its title ("Log: Extension — Houston Police
    Department"): with twenty requests, the detail pane behind it was the only check."""
    dialog.setWindowTitle(f"{dialog.windowTitle()} — {agency}")
