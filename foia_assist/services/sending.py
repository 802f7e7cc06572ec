"""Sending a tracked request's letter by email: whether it can go, what it says, what to log.

One place for the rules the window's "Send by email" button and its action both follow (they
were written twice, differently), the subject (the letter's own), the body and the question
asked before sending. The SMTP work itself is `services.mail`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from foia_assist.domain.lifecycle import EventKind, Letter, Method

if TYPE_CHECKING:
    from foia_assist.services.letters.service import LetterService
    from foia_assist.services.tracker import RequestView, TrackerService
    from foia_assist.storage.settings import Settings

SENDABLE = (".pdf", ".docx")


def letter_to_send(view: RequestView) -> Letter | None:
    """The newest PDF or DOCX letter made for the request."""
    sendable = [x for x in view.request.letters if Path(x.path).suffix.lower() in SENDABLE]
    return sendable[-1] if sendable else None


def sender_email(view: RequestView, settings: Settings) -> str:
    return settings.requester.email or view.request.spec.requester.email


def sender_name(view: RequestView, settings: Settings) -> str:
    return settings.requester.name or view.request.spec.requester.name


def send_problem(view: RequestView, settings: Settings) -> str | None:
    """Why the request's letter cannot be emailed now, in one sentence (None: it can)."""
    letter = letter_to_send(view)
    if not settings.smtp.configured:
        return "Set up the outgoing mail server in Settings first."
    if not view.request.spec.agency.email:
        return "This agency has no email address; send the letter by post or portal."
    if letter is None:
        return "Save the letter as PDF or Word first (no letter to attach)."
    if not Path(letter.path).is_file():
        return f"The letter file is missing: {letter.path}"
    if not sender_email(view, settings):
        return "Add your email address in Settings: it is the sender."
    return None


def email_subject(letters: LetterService, kind: str, view: RequestView, today: date) -> str:
    """The subject line the letter itself carries (the same words in the email and the file)."""
    from foia_assist.services.tracked_letters import spec_for_letter

    return str(letters.draft(kind, spec_for_letter(view), today).context["subject"])


def body_text(view: RequestView, letter: Letter, name: str) -> str:
    """The letter's own text for a Word file; for a PDF, a short cover note.

    A PDF's text cannot be read back here, and rebuilding it from the request as it is now
    could differ from the attached file (a tracking number or an extension logged since)."""
    path = Path(letter.path)
    if path.suffix.lower() == ".docx":
        from foia_assist.services.letters.convert import docx_to_text

        return str(docx_to_text(path.read_bytes()))
    agency = view.request.spec.agency
    greeting = agency.records_officer or "Records Officer"
    what = "request" if letter.kind == "request" else f"{letter.kind} letter"
    return (
        f"Dear {greeting},\n\nPlease find attached my {what} to {agency.name}, dated "
        f"{letter.made_on.isoformat()} ({path.name}).\n\nSincerely,\n{name}\n"
    )


def send_question(view: RequestView, letter: Letter, sender: str) -> str:
    """What the user confirms before the letter goes (with what they may have forgotten)."""
    agency = view.request.spec.agency
    question = f"Send {Path(letter.path).name} to {agency.name} <{agency.email}> from {sender}?"
    body = view.jurisdiction.appeal.outside_body
    if letter.kind == "appeal" and body:
        question += (
            f"\n\nThis email goes to the agency only. In {view.jurisdiction.name} the appeal "
            f"must be filed with {body}: file it there too, within the appeal deadline."
        )
    emailed_before = [
        e
        for e in view.timeline
        if e.message_id and e.kind in (EventKind.SENT, EventKind.NOTE, EventKind.FOLLOW_UP_SENT)
    ]
    if emailed_before:
        question += (
            f"\n\nA letter for this request was already emailed on "
            f"{emailed_before[-1].date.isoformat()}."
        )
    return question


@dataclass(frozen=True)
class SentLetter:
    kind: str
    day: date
    recipient: str
    message_id: str


def log_sent(tracker: TrackerService, rid: int, view: RequestView, sent: SentLetter) -> None:
    """The first request emailed is the request's "sent"; a follow-up letter is a
    "follow-up sent"; anything else is a note."""
    if sent.kind == "request" and view.facts.sent is None:
        tracker.log_event(
            rid, EventKind.SENT, sent.day, method=Method.EMAIL, message_id=sent.message_id
        )
    elif sent.kind == "follow-up" and view.facts.sent is not None:
        tracker.log_event(
            rid,
            EventKind.FOLLOW_UP_SENT,
            sent.day,
            note=f"follow-up letter emailed to {sent.recipient}",
            message_id=sent.message_id,
        )
    else:
        tracker.log_event(
            rid,
            EventKind.NOTE,
            sent.day,
            note=f"{sent.kind} letter emailed to {sent.recipient}",
            message_id=sent.message_id,
        )
