"""Send a tracked request's latest letter by email, then log it as sent (only on success)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from foia_assist.domain.lifecycle import EventKind, Letter, Method
from foia_assist.errors import UserError
from foia_assist.gui import messages
from foia_assist.gui.progress import run_with_progress
from foia_assist.storage.secrets import SecretStoreError

if TYPE_CHECKING:
    from foia_assist.gui.main_window import MainWindow
    from foia_assist.services.mail import SentReceipt
    from foia_assist.services.tracker import RequestView

SUBJECT_PREFIX = {
    "request": "",
    "follow-up": "Follow-up: ",
    "appeal": "Appeal: ",
    "preservation": "Preservation of records: ",
}


def subject_for(kind: str, view: RequestView) -> str:
    j = view.jurisdiction
    ref = (
        f" (your reference {view.request.tracking_number})" if view.request.tracking_number else ""
    )
    base = view.request.spec.subject or (
        f"Public records request under the {j.law_name}: facial recognition technology"
    )
    return f"{SUBJECT_PREFIX.get(kind, '')}{base}{ref}"


def letter_to_send(view: RequestView) -> Letter | None:
    """The newest PDF or DOCX letter made for the request."""
    sendable = [x for x in view.request.letters if Path(x.path).suffix.lower() in (".pdf", ".docx")]
    return sendable[-1] if sendable else None


def body_text(window: MainWindow, view: RequestView, letter: Letter) -> str:
    """The letter's own text for a Word file; for a PDF, a short cover note.

    A PDF's text cannot be read back here, and rebuilding it from the request as it is now
    could differ from the attached file (a tracking number or an extension logged since)."""
    path = Path(letter.path)
    if path.suffix.lower() == ".docx":
        from foia_assist.services.letters.convert import docx_to_text

        return str(docx_to_text(path.read_bytes()))
    agency = view.request.spec.agency
    greeting = agency.records_officer or "Records Officer"
    name = window.settings.requester.name or view.request.spec.requester.name
    what = "request" if letter.kind == "request" else f"{letter.kind} letter"
    return (
        f"Dear {greeting},\n\nPlease find attached my {what} to {agency.name}, dated "
        f"{letter.made_on.isoformat()} ({path.name}).\n\nSincerely,\n{name}\n"
    )


def _password(window: MainWindow) -> tuple[bool, str | None]:
    """(go on?, password). Asks when nothing is saved; (False, None) when the user cancels."""
    smtp = window.settings.smtp
    if not smtp.user:
        return True, None
    saved = None
    if smtp.remember_password:
        try:
            saved = window.ctx.secrets.get(smtp.secret_account)
        except SecretStoreError as exc:
            messages.show_error(window, "Password", str(exc))
    if saved is not None:
        return True, saved
    typed = messages.ask_password(
        window, "Mail password", f"Password for {smtp.user} on {smtp.host}:"
    )
    return (typed is not None), typed


def send_letter(window: MainWindow) -> None:
    from foia_assist.services.mail import MailError, build_message, send_steps

    rid = window.current_request_id()
    if rid is None:
        return
    if window.runner.is_running(window.send_job):
        messages.show_error(window, "Send by email", "A letter is being sent; wait for it first.")
        return
    view = window.ctx.tracker.view(rid, window.today())
    smtp = window.settings.smtp
    agency = view.request.spec.agency
    requester = window.settings.requester
    sender = requester.email or view.request.spec.requester.email
    letter = letter_to_send(view)
    problem = ""
    if not smtp.configured:
        problem = "Set up the outgoing mail server in Settings first."
    elif not agency.email:
        problem = "This agency has no email address; send the letter by post or portal."
    elif letter is None:
        problem = "Save the letter as PDF or Word first (no letter to attach)."
    elif not Path(letter.path).is_file():
        problem = f"The letter file is missing: {letter.path}"
    elif not sender:
        problem = "Add your email address in Settings: it is the sender."
    if problem:
        messages.show_error(window, "Send by email", problem)
        return
    assert letter is not None
    question = f"Send {Path(letter.path).name} to {agency.name} <{agency.email}> from {sender}?"
    body = view.jurisdiction.appeal.outside_body
    if letter.kind == "appeal" and body:
        question += (
            f"\n\nThis email goes to the agency only. In {view.jurisdiction.name} the appeal "
            f"must be filed with {body}: file it there too, within the appeal deadline."
        )
    emailed_before = [
        e for e in view.timeline if e.message_id and e.kind in (EventKind.SENT, EventKind.NOTE)
    ]
    if emailed_before:
        question += (
            f"\n\nA letter for this request was already emailed on "
            f"{emailed_before[-1].date.isoformat()}."
        )
    if not messages.ask_yes_no(window, "Send by email", question):
        return
    go, password = _password(window)
    if not go:
        return
    try:
        msg = build_message(
            sender_email=sender,
            sender_name=requester.name or view.request.spec.requester.name,
            to_email=agency.email,
            to_name=agency.records_officer or agency.name,
            subject=subject_for(letter.kind, view),
            body=body_text(window, view, letter),
            attachment=Path(letter.path),
            now=datetime.now().astimezone(),
        )
    except (MailError, UserError, OSError) as exc:
        messages.show_error(window, "Send by email", str(exc))
        return

    def sent(receipt: SentReceipt) -> None:
        tracker = window.ctx.tracker
        day = receipt.date.date()
        already = view.facts.sent is not None
        try:
            if letter.kind == "request" and not already:
                tracker.log_event(
                    rid, EventKind.SENT, day, method=Method.EMAIL, message_id=receipt.message_id
                )
            else:
                tracker.log_event(
                    rid,
                    EventKind.NOTE,
                    day,
                    note=f"{letter.kind} letter emailed to {receipt.recipient}",
                    message_id=receipt.message_id,
                )
        except UserError as exc:
            messages.show_error(window, "Sent, but not logged", str(exc))
        window.reload(select_id=rid)
        window.statusBar().showMessage(f"Sent to {receipt.recipient}.", 10_000)

    def failed(exc: BaseException) -> None:
        if isinstance(exc, UserError):
            messages.show_error(window, "Not sent", f"The letter was not sent. {exc}")
        else:
            raise exc

    window.send_job = run_with_progress(
        window.runner,
        lambda: send_steps(msg, smtp, password),
        "Sending the letter",
        window,
        finished=sent,
        failed=failed,
    )
