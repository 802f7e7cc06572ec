"""The main window's letter actions: draft a follow-up or appeal, export the record, email."""

from __future__ import annotations

from collections.abc import Generator
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from foia_assist.errors import UserError
from foia_assist.gui import messages
from foia_assist.gui.progress import run_with_progress
from foia_assist.storage.secrets import SecretStoreError

if TYPE_CHECKING:
    from foia_assist.gui.hooks import WindowHooks
    from foia_assist.services.mail import SentReceipt
    from foia_assist.services.tracker import RequestView

LETTER_FILTERS = "Word (*.docx);;PDF (*.pdf);;Plain text (*.txt)"


def _sentence(problem: str) -> str:
    return problem[0].upper() + problem[1:] + "."


def _with_suffix(path: Path) -> Path:
    return path if path.suffix.lower() in (".docx", ".pdf", ".txt") else path.with_suffix(".docx")


class LetterActions:
    def __init__(self, hooks: WindowHooks) -> None:
        self.h = hooks
        self.letter_job: Any = None
        self.send_job: Any = None
        # True from the start of a send until its result is handled (the runner's own
        # bookkeeping ends a moment later, on a separate signal).
        self.sending = False

    def send_problem(self, view: RequestView) -> str | None:
        from foia_assist.services.sending import send_problem

        return send_problem(view, self.h.settings())

    # -- follow-up, appeal, record -------------------------------------------------------

    def draft_letter(self, kind: str) -> None:
        """A follow-up or appeal letter from the tracked request, saved and recorded with it."""
        from foia_assist.services.tracked_letters import (
            follow_up_problem,
            letter_record,
            spec_for_letter,
            suggested_name,
        )

        h = self.h
        rid = h.current_request_id()
        if rid is None:
            return
        today = h.today()
        tracker, letters = h.ctx.tracker, h.ctx.letters
        view = tracker.view(rid, today)
        if kind == "follow-up" and (problem := follow_up_problem(view)) is not None:
            messages.show_error(h.parent, "No follow-up letter", _sentence(problem))
            return
        spec = spec_for_letter(view)
        from foia_assist.services.letter_preview import preview_letter
        from foia_assist.services.letters.convert import docx_to_html

        try:
            preview = preview_letter(letters, kind, spec, today)
        except UserError as exc:
            messages.show_error(h.parent, f"The {kind} letter can't be made", str(exc))
            return
        # Read it before choosing where to save it (it is saved exactly as shown).
        if not messages.confirm_preview(
            h.parent,
            f"The {kind} letter to {view.request.agency}",
            docx_to_html(preview.docx),
            preview.warnings,
        ):
            return
        name = suggested_name(kind, view.request.agency, today, ".docx")
        path = messages.ask_save_path(
            h.parent, f"Save the {kind} letter", h.output_dir() / name, LETTER_FILTERS
        )
        if path is None:
            return
        path = _with_suffix(path)

        def job() -> Generator[str, None, Path]:
            yield f"Writing {path.name}…"
            return letters.write_docx_as(preview.docx, path)

        def done(written: Path) -> None:
            tracker.record_letter(rid, letter_record(kind, written, today))
            h.remember_folder(written.parent)
            h.reload(rid)
            sent_kind = "Follow-up sent" if kind == "follow-up" else "Appeal filed"
            h.notify(
                f"Saved {written.name}: open it from the Letters list. Once you have sent it, "
                f"log “{sent_kind}” (Log event)."
            )

        self.letter_job = run_with_progress(
            h.runner,
            job,
            f"Writing the {kind} letter",
            h.parent,
            finished=done,
            failed=self._failed(f"The {kind} letter was not saved"),
        )

    def export_record(self) -> None:
        """The selected request's record (deadlines explained, timeline, letters with SHA-256)."""
        from foia_assist.services.request_record import record_docx
        from foia_assist.services.tracked_letters import suggested_name

        h = self.h
        rid = h.current_request_id()
        if rid is None:
            return
        today = h.today()
        view = h.ctx.tracker.view(rid, today)
        path = messages.ask_save_path(
            h.parent,
            "Export the request's record",
            h.output_dir() / suggested_name("record", view.request.agency, today, ".docx"),
            LETTER_FILTERS,
        )
        if path is None:
            return
        path = _with_suffix(path)
        letters = h.ctx.letters
        attached = h.ctx.casefile.for_request(rid)

        def job() -> Generator[str, None, Path]:
            yield f"Writing {path.name}…"
            return letters.write_docx_as(record_docx(view, datetime.now(), attached), path)

        def done(written: Path) -> None:
            h.remember_folder(written.parent)
            h.notify(f"Saved the record to {written}")

        self.letter_job = run_with_progress(
            h.runner,
            job,
            "Writing the record",
            h.parent,
            finished=done,
            failed=self._failed("The record was not saved"),
        )

    def _failed(self, title: str) -> Any:
        def failed(exc: BaseException) -> None:
            if isinstance(exc, UserError | OSError):
                messages.show_error(self.h.parent, title, str(exc))
            else:
                raise exc

        return failed

    # -- email ------------------------------------------------------------------------------

    def _password(self) -> tuple[bool, str | None]:
        """(go on?, password). Asks when nothing is saved; (False, None) when cancelled."""
        h = self.h
        smtp = h.settings().smtp
        if not smtp.user:
            return True, None
        saved = None
        if smtp.remember_password:
            try:
                saved = h.ctx.secrets.get(smtp.secret_account)
            except SecretStoreError as exc:
                messages.show_error(h.parent, "Password", str(exc))
        if saved is not None:
            return True, saved
        typed = messages.ask_password(
            h.parent, "Mail password", f"Password for {smtp.user} on {smtp.host}:"
        )
        return (typed is not None), typed

    def send_letter(self) -> None:
        from foia_assist.services.mail import MailError, build_message, send_steps
        from foia_assist.services.sending import (
            SentLetter,
            body_text,
            email_subject,
            letter_to_send,
            log_sent,
            send_problem,
            send_question,
            sender_email,
            sender_name,
        )

        h = self.h
        title = "Send by email"
        rid = h.current_request_id()
        if rid is None:
            return
        if self.sending:
            messages.show_error(h.parent, title, "A letter is being sent; wait for it first.")
            return
        today = h.today()
        view = h.ctx.tracker.view(rid, today)
        settings = h.settings()
        problem = send_problem(view, settings)
        letter = letter_to_send(view)
        if problem or letter is None:
            messages.show_error(h.parent, title, problem or "No letter to send.")
            return
        sender = sender_email(view, settings)
        if not messages.ask_yes_no(h.parent, title, send_question(view, letter, sender)):
            return
        go, password = self._password()
        if not go:
            return
        agency = view.request.spec.agency
        name = sender_name(view, settings)
        try:
            msg = build_message(
                sender_email=sender,
                sender_name=name,
                to_email=agency.email,
                to_name=agency.records_officer or agency.name,
                subject=email_subject(h.ctx.letters, letter.kind, view, today),
                body=body_text(view, letter, name),
                attachment=Path(letter.path),
                now=datetime.now().astimezone(),
            )
        except (MailError, UserError, OSError) as exc:
            messages.show_error(h.parent, title, str(exc))
            return

        def sent(receipt: SentReceipt) -> None:
            self.sending = False
            what = SentLetter(
                letter.kind, receipt.date.date(), receipt.recipient, receipt.message_id
            )
            try:
                log_sent(h.ctx.tracker, rid, view, what)
            except UserError as exc:
                messages.show_error(h.parent, "Sent, but not logged", str(exc))
            h.reload(rid)
            h.notify(f"Sent to {receipt.recipient}.")

        def failed(exc: BaseException) -> None:
            self.sending = False
            if isinstance(exc, UserError):
                messages.show_error(h.parent, "Not sent", f"The letter was not sent. {exc}")
            else:
                raise exc

        self.sending = True
        self.send_job = run_with_progress(
            h.runner,
            lambda: send_steps(msg, settings.smtp, password),
            "Sending the letter",
            h.parent,
            finished=sent,
            failed=failed,
            cancelled=lambda: setattr(self, "sending", False),
        )
